# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The strict cilium-cli table parsers (``parse("cilium.bgp_peers" | "cilium.bgp_routes", text)``): each row form
they accept, and for each row they refuse, the reason and the line number the operator is sent to.
"""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError, parse

PEERS_HDR = "Node            Local AS   Peer AS   Peer Address   Session State   Uptime   Family         Received   Advertised"


def peers(*rows):
    return parse("cilium.bgp_peers", "\n".join((PEERS_HDR,) + rows) + "\n")["peers"]


def test_peer_rows_with_a_node_carried_and_a_family_row():
    a, b = peers("k8s-a   65001   65000   10.0.0.1   established   1m2s   ipv4/unicast   5   1",
                 "                ipv6/unicast   3   2",
                 "        65001   65000   10.0.0.2   established   3s     ipv4/unicast   0   0")
    assert (a["node"], a["local_as"], a["peer_as"], a["peer_address"], a["session_state"], a["uptime"], a["uptime_seconds"]) == (
        "k8s-a", 65001, 65000, "10.0.0.1", "established", "1m2s", 62)
    assert [(f["family"], f["afi"], f["safi"], f["received"], f["advertised"]) for f in a["families"]] == [
        ("ipv4/unicast", "ipv4", "unicast", 5, 1), ("ipv6/unicast", "ipv6", "unicast", 3, 2)]
    assert (b["node"], b["peer_address"], b["uptime_seconds"], [f["received"] for f in b["families"]]) == ("k8s-a", "10.0.0.2", 3, [0])


def test_a_peer_without_families_with_and_without_its_node():
    a, b = peers("k8s-a   65001   65000   10.0.0.1   active   0s", "        65001   65000   10.0.0.2   idle   5s")
    assert (a["node"], a["peer_address"], a["session_state"], a["uptime"], a["families"]) == ("k8s-a", "10.0.0.1", "active", "0s", [])
    assert (b["node"], b["peer_address"], b["session_state"], b["uptime_seconds"], b["families"]) == ("k8s-a", "10.0.0.2", "idle", 5, [])


def test_a_five_token_peer_before_any_node_has_none():
    (a,) = peers("65001   65000   10.0.0.1   active   0s")
    assert (a["node"], a["local_as"], a["peer_address"]) == (None, 65001, "10.0.0.1")


@pytest.mark.parametrize("rows,reason,line_no", [
    (("ipv4/unicast 1 1",), "address-family row before any peer row", 2),
    (("65001 65000 10.0.0.1 established 1s ipv4/unicast 1 1",), "peer row without a node name", 2),
    (("k8s 65001 65000 10.0.0.1 established 1s ipv4/unicast",), "unrecognised peer row", 2),
    (("k8s 65001 65000 10.0.0.1 established 1s ipv4 x",), "unrecognised peer row", 2),
    (("k8s x 65000 10.0.0.1 established 1s ipv4/unicast 1 1",), "expected local and peer AS numbers", 2),
    (("k8s 65001 y 10.0.0.1 established 1s ipv4/unicast 1 1",), "expected local and peer AS numbers", 2),
    (("k8s 65001 65000 10.0.0.1 established 1s ipv4/unicast 1 x",), "expected received and advertised counts", 2),
    (("k8s 65001 65000 10.0.0.1 established 1s ipv4/unicast 1 1", "ipv6/unicast 1 z"), "expected received and advertised counts", 3),
    (("k8s 65001 65000 10.0.0.1 established 1s ipv4/unicast 1 1", "1 2 3"), "unrecognised peer row", 3),
])
def test_peer_row_errors(rows, reason, line_no):
    with pytest.raises(ParseError) as err:
        peers(*rows)
    assert (err.value.command, err.value.reason, err.value.line_no) == ("cilium.bgp_peers", reason, line_no)


def test_peer_rows_before_a_header_or_no_header():
    with pytest.raises(ParseError) as err:
        parse("cilium.bgp_peers", "k8s 65001 65000 10.0.0.1 established 1s ipv4/unicast 1 1\n")
    assert (err.value.reason, err.value.line_no) == ("expected the table header (Node Local AS Peer AS ...)", 1)
    assert parse("cilium.bgp_peers", PEERS_HDR + "\n")["peers"] == []  # a header and no peer: none configured
    with pytest.raises(ParseError) as err:
        parse("cilium.bgp_peers", "\n")
    assert (err.value.command, err.value.reason) == ("cilium.bgp_peers", "no output to parse (empty text)")


ROUTES_HDR = "Node     VRouter   Prefix        NextHop   Age    Attrs"
ADV_HDR = "Node     VRouter   Peer       Prefix        NextHop   Age    Attrs"


def test_route_rows_node_carried_notes_skipped_and_peer_column():
    text = ("(Defaulting to `available ipv4 unicast` routes, please see help for more options)\n\n" + ROUTES_HDR + "\n"
            "k8s-a    65001     10.1.0.0/24   0.0.0.0   1m     [{Origin: i} {Nexthop: 0.0.0.0}]\n"
            "         65001     10.1.1.0/24   0.0.0.0   2m     [{Origin: i} {Communities: 64512:301}]\n" + ADV_HDR + "\n"
            "k8s-b    65002     10.0.0.9   10.2.0.0/24   10.0.0.5  3s     [{Origin: i}]\n")
    a, b, c = parse("cilium.bgp_routes", text)["routes"]
    assert (a["node"], a["vrouter"], a["peer"], a["prefix"], a["next_hop"], a["age"], a["age_seconds"], a["best"]) == (
        "k8s-a", 65001, None, "10.1.0.0/24", "0.0.0.0", "1m", 60, None)
    assert (b["node"], b["prefix"], b["attributes"]["communities"]) == ("k8s-a", "10.1.1.0/24", ["64512:301"])
    assert (c["node"], c["vrouter"], c["peer"], c["prefix"], c["next_hop"], c["age_seconds"]) == (
        "k8s-b", 65002, "10.0.0.9", "10.2.0.0/24", "10.0.0.5", 3)


@pytest.mark.parametrize("row,reason", [
    ("65001 10.1.0.0/24 0.0.0.0 1m [{Origin: i}]", "route row without a node name"),
    ("k8s-a 65001 10.1.0.0/24 0.0.0.0 1m", "unrecognised route row"),
    ("k8s-a 65001 10.1.0.0/24 0.0.0.0 1m extra [{Origin: i}]", "unrecognised route row"),
    ("k8s-a vr 10.1.0.0/24 0.0.0.0 1m [{Origin: i}]", "unrecognised route row"),
    ("k8s-a 65001 10.1.0.0/24 0.0.0.0 [{Origin: i}]", "unrecognised route row"),
    ("k8s-a 65001 10.1.0.0/24 0.0.0.0 1m [{Origin: i}", "Attrs must be a [...] list"),
])
def test_route_row_errors(row, reason):
    with pytest.raises(ParseError) as err:
        parse("cilium.bgp_routes", ROUTES_HDR + "\n" + row + "\n")
    assert (err.value.command, err.value.reason, err.value.line_no) == ("cilium.bgp_routes", reason, 2)


def test_route_rows_before_a_header_or_no_header():
    with pytest.raises(ParseError) as err:
        parse("cilium.bgp_routes", "k8s-a 65001 10.1.0.0/24 0.0.0.0 1m [{Origin: i}]\n")
    assert (err.value.reason, err.value.line_no) == ("expected the table header (Node VRouter Prefix ...)", 1)
    assert parse("cilium.bgp_routes", ROUTES_HDR + "\n")["routes"] == []
    with pytest.raises(ParseError) as err:
        parse("cilium.bgp_routes", "(Defaulting to `available ipv4 unicast` routes)\n")
    assert (err.value.command, err.value.reason, err.value.line_no) == ("cilium.bgp_routes", "no routes table in the output", None)


def test_json_shape_error_names_the_command():
    with pytest.raises(ParseError) as err:
        parse("cilium.bgp_peers_json", '"x"')
    assert (err.value.command, err.value.reason) == ("cilium.bgp_peers_json", "JSON: expected {node: [...]} or a list")
