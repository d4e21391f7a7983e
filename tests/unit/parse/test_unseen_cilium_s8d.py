# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cilium layouts first met in session 8's fourth held-out round (Korean CloudNet study blogs, cilium/cilium issues,
the datacenter/iserver OpenShift workflow docs).

Each test is a minimal twin of a layout that round showed; the first ones failed on the code before the round's fixes.
"""

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli

COMMENTED_ROUTES = (
    "cilium bgp routes available ipv4 unicast\n"
    "# Node      VRouter   Prefix          NextHop   Age      Attrs\n"
    "# k8s-ctr   65001     172.16.1.1/32   0.0.0.0   8m36s   [{Origin: i} {Nexthop: 0.0.0.0}]   \n"
    "#           65001     172.20.0.0/24   0.0.0.0   8m36s   [{Origin: i} {Nexthop: 0.0.0.0}]   \n"
    "# k8s-w0    65001     172.16.1.1/32   0.0.0.0   8m36s   [{Origin: i} {Nexthop: 0.0.0.0}]   \n"
)


def test_routes_table_turned_into_shell_comments_is_read():
    # Before: every "# ..." line was "unrecognised" and no route was found (the author commented the output out).
    res = parse_cli("cilium", "cilium bgp routes available ipv4 unicast", COMMENTED_ROUTES)
    assert [(r["node"], r["prefix"], r["next_hop"]) for r in res["routes"]] == [
        ("k8s-ctr", "172.16.1.1/32", "0.0.0.0"), ("k8s-ctr", "172.20.0.0/24", "0.0.0.0"), ("k8s-w0", "172.16.1.1/32", "0.0.0.0")]
    assert res["unparsed"] == []


def test_peers_table_turned_into_shell_comments_is_read():
    text = ("# Node      Local AS   Peer AS   Peer Address     Session State   Uptime   Family         Received   Advertised\n"
            "# k8s-ctr   65001      65000     192.168.10.200   established     7m31s    ipv4/unicast   4          2\n")
    res = parse_cli("cilium", "cilium bgp peers", text)
    assert [(p["node"], p["peer_address"], p["session_state"], p["peer_as"]) for p in res["peers"]] == [
        ("k8s-ctr", "192.168.10.200", "established", 65000)]


def test_a_comment_that_is_no_header_is_still_not_understood():
    # Only a commented header opens a commented table: a stray "# note" line before a real header stays unparsed.
    text = "# 65001 10.0.0.0/24 0.0.0.0\n" + COMMENTED_ROUTES.split("\n", 1)[1]
    res = parse_cli("cilium", "cilium bgp routes available ipv4 unicast", text)
    assert len(res["routes"]) == 3
    assert [u["line"] for u in res["unparsed"]] == [1]
