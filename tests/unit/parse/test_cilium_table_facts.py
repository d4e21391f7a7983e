# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cilium BGP tables, one fact per case: the header decides the columns (cilium-cli with a Node column,
``cilium-dbg`` without one, ``Session`` for ``Session State``, ``addr:port`` peers), a row with blank leading
cells continues the row above, and what cannot be read is listed with its line number.

Layouts follow the cilium-cli / cilium-dbg outputs quoted in Cilium's BGP control plane documentation
(``cilium bgp peers``, ``cilium bgp routes available|advertised``, ``cilium-dbg bgp peers|routes``).
"""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import cilium, cilium_tables as ct
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.text import Line

CLI_PEERS = """\
Node                     Local AS   Peer AS   Peer Address     Session State   Uptime     Family         Received   Advertised
kind-worker              65001      65000     fd00:10::1       established     33m26s     ipv4/unicast   2          2
                                                                                          ipv6/unicast   3          1
kind-control-plane       65002      65000     10.0.0.1         active          0s         ipv4/unicast   0          0
"""


def test_cli_peers_facts_and_continuation_family():
    res = ct.cilium_peers(CLI_PEERS)
    assert res["unparsed"] == []
    first, second = res["peers"]
    assert (first["node"], first["local_as"], first["peer_as"], first["peer_address"], first["peer_port"]) == (
        "kind-worker", 65001, 65000, "fd00:10::1", None)
    assert (first["session_state"], first["uptime"], first["uptime_seconds"]) == ("established", "33m26s", 33 * 60 + 26)
    assert first["families"] == [
        {"family": "ipv4/unicast", "afi": "ipv4", "safi": "unicast", "received": 2, "advertised": 2},
        {"family": "ipv6/unicast", "afi": "ipv6", "safi": "unicast", "received": 3, "advertised": 1}]
    assert (second["node"], second["local_as"], second["peer_address"], second["session_state"], second["uptime_seconds"]) == (
        "kind-control-plane", 65002, "10.0.0.1", "active", 0)
    assert [f["received"] for f in second["families"]] == [0]


def test_node_printed_once_is_carried_to_the_next_peer():
    text = """\
Node          Local AS   Peer AS   Peer Address   Session State   Uptime   Family         Received   Advertised
k8s-egw       65001      65000     10.0.0.1       established     20m58s   ipv4/unicast   5          1
              65001      65000     10.0.0.2       active          0s       ipv4/unicast   0          0
"""
    assert [(p["node"], p["peer_address"]) for p in ct.cilium_peers(text)["peers"]] == [("k8s-egw", "10.0.0.1"), ("k8s-egw", "10.0.0.2")]


AGENT_PEERS = """\
Local AS   Peer AS   Peer Address         Session       Uptime   Family         Received   Advertised
65001      65000     fd00:11:0:2::1:179   established   33m25s   ipv4/unicast   2          2
65001      65000     10.0.0.1:1790        active        0s
65001      65000     [fd00::5]:179        idle          0s
"""


def test_agent_peers_have_no_node_and_a_port():
    a, b, c = ct.cilium_peers(AGENT_PEERS)["peers"]
    assert (a["node"], a["peer_address"], a["peer_port"], a["session_state"]) == (None, "fd00:11:0:2::1", 179, "established")
    assert (b["peer_address"], b["peer_port"], b["families"]) == ("10.0.0.1", 1790, [])
    assert (c["peer_address"], c["peer_port"]) == ("fd00::5", 179)


@pytest.mark.parametrize("peer,addr,port", [
    ("fd00:11::1:179", "fd00:11::1", 179),
    ("fd00::179", "fd00::179", None),  # "fd00:" is no address: the last group is part of it
    ("fd00:11::1:1234567", "fd00:11::1:1234567", None),  # more than 5 digits: no port
    ("fd00:11::1:beef", "fd00:11::1:beef", None),  # not digits
    ("10.0.0.1:179", "10.0.0.1", 179),
    ("10.0.0.1", "10.0.0.1", None),
])
def test_agent_peer_port_forms(peer, addr, port):
    text = "Local AS   Peer AS   Peer Address   Session       Uptime   Family   Received   Advertised\n" \
           "65001      65000     %s   established   1s   ipv4/unicast   1   1\n" % peer
    (p,) = ct.cilium_peers(text)["peers"]
    assert (p["peer_address"], p["peer_port"]) == (addr, port)


def test_ipv6_peer_with_a_node_column_keeps_its_last_group():
    text = "Node   Local AS   Peer AS   Peer Address   Session State   Uptime   Family   Received   Advertised\n" \
           "n1     65001      65000     fd00:11::1:179   established   1s   ipv4/unicast   1   1\n"
    (p,) = ct.cilium_peers(text)["peers"]
    assert (p["node"], p["peer_address"], p["peer_port"]) == ("n1", "fd00:11::1:179", None)


def test_afi_and_safi_columns_make_the_family():
    text = "Instance   Router   Peer       PeerAS   State         AFI    SAFI      Received   Advertised\n" \
           "i1         65001    10.0.0.1   65000    established   ipv4   unicast   4          2\n" \
           "                                                      ipv6   unicast   1          0\n"
    (p,) = ct.cilium_peers(text)["peers"]
    assert (p["node"], p["local_as"], p["peer_as"], p["session_state"]) == ("i1", 65001, 65000, "established")
    assert [(f["family"], f["afi"], f["safi"], f["received"], f["advertised"]) for f in p["families"]] == [
        ("ipv4/unicast", "ipv4", "unicast", 4, 2), ("ipv6/unicast", "ipv6", "unicast", 1, 0)]


def test_a_family_without_safi_and_counts_that_are_not_numbers():
    text = "Peer Address   Family   Received   Advertised\n10.0.0.1       ipv4     -          n/a\n"
    (p,) = ct.cilium_peers(text)["peers"]
    assert p["families"] == [{"family": "ipv4", "afi": "ipv4", "safi": None, "received": None, "advertised": None}]
    assert (p["local_as"], p["session_state"], p["uptime"], p["uptime_seconds"]) == (None, None, None, None)


def test_rows_before_a_header_and_rows_without_a_peer_are_listed():
    res = ct.cilium_peers("stray 10.0.0.9 row\n" + CLI_PEERS)
    assert [(u["line"], u["may_hold_facts"]) for u in res["unparsed"]] == [(1, True)]
    lone = ct.cilium_peers("Peer Address   Family   Received\n               ipv4/unicast   1\n")
    assert lone["peers"] == [] and [(u["line"], u["reason"]) for u in lone["unparsed"]] == [(2, "row without a peer address")]


def test_notes_rulers_and_a_repeated_header_are_not_rows():
    rows = CLI_PEERS.split("\n")
    text = ("Defaulted container \"cilium-agent\" out of: cilium-agent\n" + rows[0] + "\n" + "-" * 40 + "\n"
            + rows[1] + "\nWarning: something\n" + rows[0] + "\n" + "=" * 10 + "\n" + rows[3] + "\n")
    res = ct.cilium_peers(text)
    assert res["unparsed"] == [] and [p["node"] for p in res["peers"]] == ["kind-worker", "kind-control-plane"]


def test_a_word_that_is_no_column_name_is_no_header():
    assert ct._header("Node Local AS Peer AS Peer Address Session State Uptime Family Received Advertised Extra", ct._PEER_HEADS, ()) is None


@pytest.mark.parametrize("line", ["Node Local AS", "Local AS Peer AS"])
def test_a_header_without_the_required_column_is_no_header(line):
    assert ct._header(line, ct._PEER_HEADS, ("peer",)) is None
    assert ct._header(line, ct._PEER_HEADS, ()) is not None


def test_header_columns_and_case():
    assert ct._header("node   peer address  peerAS", ct._PEER_HEADS, ("peer",)) == [("node", 0), ("peer", 7), ("peer_as", 21)]
    # "Peer ASN" is one column, not "Peer" and a word "ASN"
    assert ct._header("Peer ASN Peer", ct._PEER_HEADS, ()) == [("peer_as", 0), ("peer", 9)]
    # a column name must end at a blank: "Nodes" is no header
    assert ct._header("Nodes Peer", ct._PEER_HEADS, ()) is None


def test_cells_by_position_when_tokens_do_not_fit():
    cols = [("a", 0), ("b", 6), ("c", 12)]
    assert ct._cells(Line(1, "x y z", "x y z"), cols, False) == {"a": "x", "b": "y", "c": "z"}
    # four tokens for three columns: cut at the columns, a cell starting before its column keeps its head
    assert ct._cells(Line(1, "x1    y1 y2 z1", "x1    y1 y2 z1"), cols, False) == {"a": "x1", "b": "y1 y2", "c": "z1"}
    # leading cells blank: the rest is right-aligned
    assert ct._cells(Line(1, "      y  z", "y  z"), cols, False) == {"a": "", "b": "y", "c": "z"}


# --- routes ---------------------------------------------------------------------------------------------------------

CLI_ROUTES = """\
Node          VRouter   Prefix          NextHop   Age      Attrs
kind-worker   65001     10.1.0.0/24     0.0.0.0   3m17s    [{Origin: i} {Nexthop: 0.0.0.0}]
                        10.1.1.0/24     0.0.0.0   3m18s    [{Origin: i} {Nexthop: 0.0.0.0} {Communities: 64512:301, 64512:302}]
kind-cp       65002     fd00:1::/64     ::        1h2m3s   [{Origin: i} {MpReach(ipv6-unicast): {Nexthop: fd00::2, NLRIs: [fd00:1::/64]}}]
"""


def test_cli_routes_facts():
    res = ct.cilium_routes(CLI_ROUTES)
    assert res["unparsed"] == []
    a, b, c = res["routes"]
    assert (a["node"], a["vrouter"], a["peer"], a["prefix"], a["next_hop"], a["age"], a["age_seconds"], a["best"]) == (
        "kind-worker", 65001, None, "10.1.0.0/24", "0.0.0.0", "3m17s", 197, None)
    assert (a["attributes"]["origin"], a["attributes"]["next_hop"], a["attributes"]["communities"]) == ("i", "0.0.0.0", [])
    assert (b["node"], b["vrouter"], b["prefix"]) == ("kind-worker", 65001, "10.1.1.0/24")
    assert b["attributes"]["communities"] == ["64512:301", "64512:302"]
    assert (c["node"], c["vrouter"], c["prefix"], c["next_hop"], c["age_seconds"]) == ("kind-cp", 65002, "fd00:1::/64", "::", 3723)
    assert c["attributes"]["next_hop"] == "fd00::2"


def test_advertised_routes_have_a_peer_and_agent_routes_no_node():
    adv = ct.cilium_routes("Node   VRouter   Peer       Prefix        NextHop    Age   Attrs\n"
                           "n1     65001     10.0.0.1   10.1.0.0/24   10.0.0.5   2m    [{Origin: i} {AsPath: 65001} {LocalPref: 100} {Med: 5}]\n")
    (r,) = adv["routes"]
    assert (r["node"], r["peer"], r["next_hop"], r["age_seconds"]) == ("n1", "10.0.0.1", "10.0.0.5", 120)
    assert (r["attributes"]["as_path"], r["attributes"]["local_pref"], r["attributes"]["med"]) == ("65001", 100, 5)
    agent = ct.cilium_routes("VRouter   Prefix          NextHop   Age        Attrs\n"
                             "65001     10.244.0.0/24   0.0.0.0   2h32m38s   [{Origin: i} {Nexthop: 0.0.0.0}]\n")
    (r,) = agent["routes"]
    assert (r["node"], r["vrouter"], r["peer"], r["age_seconds"]) == (None, 65001, None, 2 * 3600 + 32 * 60 + 38)


@pytest.mark.parametrize("best,flag", [("true", True), ("*", True), (">", True), ("yes", True), ("best", True), ("Best", True),
                                       ("false", False), ("-", False)])
def test_best_column(best, flag):
    res = ct.cilium_routes("Prefix        NextHop    Best   Age\n10.1.0.0/24   10.0.0.5   %s   1s\n" % best)
    (r,) = res["routes"]
    assert r["best"] is flag and r["attributes"] is None


def test_route_rows_that_cannot_be_read_are_listed():
    text = ("Node   VRouter   Prefix        NextHop   Age   Attrs\n"
            "n1     65001     not-a-prefix  0.0.0.0   1s    [{Origin: i}]\n"
            "n1     65001     10.1.0.0/24   0.0.0.0   1s    [{Med: x}]\n"
            "n1     65001     10.1.1.0/24   0.0.0.0   1s    [{Origin: i}\n")
    res = ct.cilium_routes(text)
    assert [(u["line"], u["reason"]) for u in res["unparsed"]] == [
        (2, "route row without a prefix"), (3, "attributes not understood"), (4, "attributes not understood")]
    assert [(r["prefix"], r["attributes"]) for r in res["routes"]] == [("10.1.0.0/24", None), ("10.1.1.0/24", None)]


# --- gobgp attribute text -------------------------------------------------------------------------------------------

LN = Line(7, "row", "row")


def test_attrs_text_every_key():
    got = cilium.parse_attrs_text("[{Origin: ?} {Nexthop: 10.0.0.1} {AsPath: 65001 65002} {Med: 10} {LocalPref: 200} "
                                  "{Communities: 64512:301, no-export} {Extcomms: [65000:100302], [10.0.0.1:7]} "
                                  "{LargeCommunity: [65000:1:2, 65000:3:4]}]", "c", LN)
    assert got == {"origin": "?", "next_hop": "10.0.0.1", "as_path": "65001 65002", "med": 10, "local_pref": 200,
                   "communities": ["64512:301", "no-export"], "extcommunities": ["65000:100302", "10.0.0.1:7"],
                   "large_communities": ["65000:1:2", "65000:3:4"]}


def test_attrs_text_mp_reach_without_a_next_hop_keeps_the_one_before():
    got = cilium.parse_attrs_text("[{Nexthop: 10.0.0.1} {MpReach(ipv4-unicast): {NLRIs: [10.1.0.0/24]}}]", "c", LN)
    assert got["next_hop"] == "10.0.0.1"


def test_attrs_text_unknown_keys_are_ignored():
    assert cilium.parse_attrs_text("[{Aggregator: 65001 10.0.0.1} {}]", "c", LN) == cilium._empty_attrs()


@pytest.mark.parametrize("attrs,reason", [
    ("{Origin: i}", "Attrs must be a [...] list"), ("[{Origin: i}", "Attrs must be a [...] list"),
    ("[{Origin: i}}]", "unbalanced braces in Attrs"), ("[{Origin: {i}]", "unbalanced braces in Attrs"),
])
def test_attrs_text_errors_name_the_line(attrs, reason):
    with pytest.raises(ParseError) as err:
        cilium.parse_attrs_text(attrs, "c", LN)
    assert (err.value.reason, err.value.line_no) == (reason, 7)


# --- rows the blank-split cannot place, and what carries from row to row --------------------------------------------


def test_cells_by_position_move_to_the_word_edges():
    cols = [("a", 0), ("b", 6), ("c", 12)]
    # "yyyy" starts left of its column and "yy" is a second word of it: four words for three columns
    assert ct._cells(Line(1, "xx  yyyy yy zzz", "xx  yyyy yy zzz"), cols, False) == {"a": "xx", "b": "yyyy yy", "c": "zzz"}
    # one word right-aligned under the last column, the rest blank
    assert ct._cells(Line(1, "             z", "z"), cols, False) == {"a": "", "b": "", "c": "z"}
    # a last cell that runs past its header
    assert ct._cells(Line(1, "x     y     zzzz zz", "x     y     zzzz zz"), cols, False) == {"a": "x", "b": "y", "c": "zzzz zz"}


def test_a_bracketed_peer_in_a_single_spaced_row():
    text = ("Local AS   Peer AS   Peer Address         Session       Uptime   Family         Received   Advertised\n"
            "65001 65000 [fd00::5]:179 established 1s ipv4/unicast 1 2\n")
    (p,) = ct.cilium_peers(text)["peers"]
    assert (p["peer_address"], p["peer_port"], p["session_state"], p["families"][0]["advertised"]) == ("fd00::5", 179, "established", 2)


def test_single_spaced_route_row_with_brackets_inside_attrs():
    text = ("Node     VRouter   Prefix        NextHop   Age    Attrs\n"
            "n1 65001 10.1.0.0/24 0.0.0.0 1s [{Origin: i} {Extcomms: [65000:1], [65000:2]}]\n")
    (r,) = ct.cilium_routes(text)["routes"]
    assert (r["node"], r["vrouter"], r["prefix"], r["age"]) == ("n1", 65001, "10.1.0.0/24", "1s")
    assert r["attributes"]["extcommunities"] == ["65000:1", "65000:2"]


def test_a_row_before_any_header_is_an_unrecognised_line_and_later_rows_still_count():
    res = ct.cilium_peers("stray 10.0.0.9 row\n" + CLI_PEERS)
    assert [(u["line"], u["reason"]) for u in res["unparsed"]] == [(1, "unrecognised line")]
    assert len(res["peers"]) == 2
    routes = ct.cilium_routes("stray 10.1.0.0/24 row\n" + CLI_ROUTES)
    assert [(u["line"], u["reason"]) for u in routes["unparsed"]] == [(1, "unrecognised line")] and len(routes["routes"]) == 3


def test_rows_after_a_row_without_a_peer_still_count():
    text = "Peer Address   Family   Received\n               x   1\n10.0.0.1       ipv4/unicast   1\n"
    res = ct.cilium_peers(text)
    assert [p["peer_address"] for p in res["peers"]] == ["10.0.0.1"] and [u["line"] for u in res["unparsed"]] == [2]


@pytest.mark.parametrize("peer,addr,port", [("fd00:11::1:17900", "fd00:11::1", 17900), ("fd00:11::1:123456", "fd00:11::1:123456", None)])
def test_agent_peer_port_has_at_most_five_digits(peer, addr, port):
    text = "Local AS   Peer AS   Peer Address   Session       Uptime   Family   Received   Advertised\n" \
           "65001      65000     %s   established   1s   ipv4/unicast   1   1\n" % peer
    (p,) = ct.cilium_peers(text)["peers"]
    assert (p["peer_address"], p["peer_port"]) == (addr, port)


def test_an_agent_table_after_a_node_table_has_no_node():
    text = CLI_PEERS + AGENT_PEERS
    peers = ct.cilium_peers(text)["peers"]
    assert [p["node"] for p in peers] == ["kind-worker", "kind-control-plane", None, None, None]
    routes = ct.cilium_routes(CLI_ROUTES + "VRouter   Prefix          NextHop   Age        Attrs\n"
                              "65009     10.244.0.0/24   0.0.0.0   1s         [{Origin: i}]\n")["routes"]
    assert [(r["node"], r["vrouter"]) for r in routes][-1] == (None, 65009)


def test_first_row_with_blank_node_and_vrouter_cells_has_none():
    peers = ct.cilium_peers("Node     Local AS   Peer Address\n         65001      10.0.0.1\n")["peers"]
    assert [(p["node"], p["local_as"]) for p in peers] == [(None, 65001)]
    routes = ct.cilium_routes("Node     VRouter   Prefix        NextHop\n                   10.1.0.0/24   0.0.0.0\n")["routes"]
    assert [(r["node"], r["vrouter"], r["prefix"]) for r in routes] == [(None, None, "10.1.0.0/24")]


@pytest.mark.parametrize("fn,name", [(ct.cilium_peers, "cilium_peers"), (ct.cilium_routes, "cilium_routes")])
def test_not_text_is_an_error_naming_the_parser(fn, name):
    with pytest.raises(ParseError) as err:
        fn(42)
    assert err.value.command == name
