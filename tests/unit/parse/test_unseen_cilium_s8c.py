# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cilium layouts first met in session 8's third held-out round (contrib labs of older releases, docs at other
revisions, Cisco Live SRv6 lab guides).

Only one capture of the round missed: the SID Manager printed with a labelled ``-o jsonpath`` template. Its tests are
minimal twins of that layout; the others pin layouts the round showed the readers already handle, so that a later change
cannot lose them unnoticed.
"""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.errors import ParseError

JSONPATH_CMD = ('kubectl get sidmanager node-2 -o jsonpath="Host: {.metadata.name} | VRF: {.status.sidAllocations[*].sids[*].metadata}'
                ' | SID: {.status.sidAllocations[*].sids[*].sid.addr} | Behavior: {.status.sidAllocations[*].sids[*].behavior}"')


def test_sidmanager_jsonpath_labelled_line_gives_the_sid():
    # Before: the line went to the YAML reader, which failed on it; the partial retry then dropped it and found nothing.
    res = parse_cli("cilium", JSONPATH_CMD, "   Host: node-2 | VRF: carrots | SID: fc00:0:88d2:1530:: | Behavior: uDT4\n")
    assert res["status"] == "ok"
    assert [(s["sid"], s["behavior"], s["vrf"], s["node"]) for s in res["sids"]] == [("fc00:0:88d2:1530::", "uDT4", "carrots", "node-2")]


def test_sidmanager_jsonpath_several_sids_pair_by_position():
    # A [*] field prints its values separated by spaces: the i-th VRF and behaviour go with the i-th SID.
    text = "Host: node-2 | VRF: blue green | SID: fc00:0:1:e000:: fc00:0:1:e001:: | Behavior: uDT4 uDT6\n"
    res = parse_cli("cilium", JSONPATH_CMD, text)
    assert [(s["sid"], s["behavior"], s["vrf"]) for s in res["sids"]] == [
        ("fc00:0:1:e000::", "uDT4", "blue"), ("fc00:0:1:e001::", "uDT6", "green")]


def test_sidmanager_jsonpath_short_lists_are_not_guessed():
    # jsonpath skips a missing field: with fewer VRFs than SIDs nobody can tell which SID a VRF belongs to.
    text = "Host: node-2 | VRF: blue | SID: fc00:0:1:e000:: fc00:0:1:e001:: | Behavior: uDT4 uDT6\n"
    res = parse_cli("cilium", JSONPATH_CMD, text)
    assert [(s["sid"], s["behavior"], s["vrf"]) for s in res["sids"]] == [
        ("fc00:0:1:e000::", "uDT4", None), ("fc00:0:1:e001::", "uDT6", None)]


def test_sidmanager_jsonpath_unknown_label_is_not_read_as_sids():
    # A template with labels we do not know is not this layout: the object reader refuses it rather than guess.
    with pytest.raises(ParseError):
        parse_cli("cilium", "kubectl get sidmanager node-2 -o jsonpath=...", "Host: node-2 | Colour: blue | Shape: round\n")


def test_shell_peers_named_by_number_are_names_not_addresses():
    # contrib/containerlab multi-homing (1.16): the Peer column holds the peer's name, here its AS number.
    text = ("Instance   Peer    Session State   Uptime   Family         Received   Accepted   Advertised\n"
            "65001      65000   established     1m9s     ipv4-unicast   0          0          1\n"
            "                                            ipv6-unicast   0          0          1\n"
            "           65011   established     1m9s     ipv4-unicast   0          0          1\n")
    res = parse_cli("cilium", "cilium-dbg shell -- bgp/peers", text)
    assert res["status"] == "ok"
    assert [p["session_state"] for p in res["peers"]] == ["established", "established"]
    assert all(p["peer_address"] != "65000" for p in res["peers"])


def test_routes_age_glued_to_attrs_in_old_docs():
    # Documentation 1.15: "17m42s [{Origin..." and "10.0.0.2  17m42s" drift off the header's columns.
    text = ("   Node                              VRouter   Prefix        NextHop   Age    Attrs\n"
            "   node0                             64512     10.1.0.0/24   10.0.0.2  17m42s [{Origin: i} {AsPath: } {Nexthop: 10.0.0.2}]\n")
    res = parse_cli("cilium", "cilium bgp routes advertised ipv4 unicast peer 10.0.0.1", text)
    assert [(r["node"], r["prefix"], r["next_hop"]) for r in res["routes"]] == [("node0", "10.1.0.0/24", "10.0.0.2")]


def test_peers_node_renamed_shorter_than_its_column():
    # A lab guide renamed the node after the capture: the row no longer lines up with the header.
    text = ("   Node          Local AS  Peer AS  Peer Address     Session State  Uptime  Family          Received  Advertised\n"
            "   dc01-vm-00  65000     65000    fc00:0:5555::1   established    25s     ipv6/unicast    6         1    \n"
            "                                                                            ipv4/mpls_vpn   4         0    \n")
    res = parse_cli("cilium", "cilium bgp peers", text)
    (peer,) = res["peers"]
    assert (peer["node"], peer["peer_address"], peer["peer_as"], peer["session_state"]) == ("dc01-vm-00", "fc00:0:5555::1", 65000, "established")
    assert [(f["family"], f["received"], f["advertised"]) for f in peer["families"]] == [("ipv6/unicast", 6, 1), ("ipv4/mpls_vpn", 4, 0)]
