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


POLICIES_WITH_FAMILIES = (
    "k exec -it -n kube-system ds/cilium -- cilium-dbg bgp route-policies\n"
    "VRouter   Policy Name               Type     Match Peers         Match Families   Match Prefixes (Min..Max Len)   RIB Action   Path Actions\n"
    "65001     allow-local               import                                                                        accept\n"
    "65001     tor-switch-ipv4-PodCIDR   export   192.168.10.200/32                    172.20.1.0/24 (24..24)          accept\n"
)


def test_command_echoed_with_the_k_alias_is_no_data():
    # Before: "k exec ... cilium-dbg bgp route-policies" (kubectl's shell alias, no prompt) was an unrecognised line.
    res = parse_cli("cilium", "k exec -it -n kube-system ds/cilium -- cilium-dbg bgp route-policies", POLICIES_WITH_FAMILIES)
    assert res["status"] == "ok" and res["unparsed"] == []
    assert [(p["name"], p["action"], p["match"].get("prefix")) for p in res["route_maps"]] == [
        ("allow-local", "accept", None), ("tor-switch-ipv4-PodCIDR", "accept", ["172.20.1.0/24 (24..24)"])]


def test_a_row_starting_with_k_and_another_word_stays_data():
    # Only kubectl's verbs after "k" make an echoed command: a node named "k" (or "k8s-...") is still a row.
    text = ("Node   VRouter   Prefix          NextHop   Age     Attrs\n"
            "k      65001     172.20.0.0/24   0.0.0.0   7m51s   [{Origin: i} {Nexthop: 0.0.0.0}]\n")
    res = parse_cli("cilium", "cilium bgp routes available ipv4 unicast", text)
    assert [(r["node"], r["prefix"]) for r in res["routes"]] == [("k", "172.20.0.0/24")]


def test_cilium_cli_binary_name_reads_as_cilium():
    # Pin (issue 45435): the CLI installed as "cilium-cli" prints the same table.
    text = ("Node          Local AS   Peer AS   Peer Address   Session State   Uptime   Family         Received   Advertised\n"
            "work-laptop   64513      64512     192.168.1.1    established     2m28s    ipv4/unicast   0          0    \n"
            "                                                                           ipv6/unicast   0          0\n")
    res = parse_cli("cilium", "cilium-cli bgp peers", text)
    assert [(p["node"], p["peer_address"], len(p["families"])) for p in res["peers"]] == [("work-laptop", "192.168.1.1", 2)]


def test_blank_node_rows_keep_the_node_and_blackhole_community():
    # Pin (datacenter/iserver): two ToRs per node, the node printed once; a well-known community after a numeric one.
    text = ("Node    VRouter   Peer          Prefix          NextHop       Age   Attrs\n"
            "bm1-1   64661     10.10.10.20   10.128.2.0/23   10.10.10.10   39s   [{Origin: i} {AsPath: 64661} {Nexthop: 10.10.10.10} "
            "{Communities: 64661:100, blackhole}]\n"
            "        64661     10.10.10.21   10.128.2.0/23   10.10.10.10   39s   [{Origin: i} {AsPath: 64661} {Nexthop: 10.10.10.10} "
            "{Communities: 64661:100, blackhole}]\n")
    res = parse_cli("cilium", "cilium bgp routes advertised ipv4 unicast -n cilium", text)
    assert [(r["node"], r["peer"]) for r in res["routes"]] == [("bm1-1", "10.10.10.20"), ("bm1-1", "10.10.10.21")]
    assert res["routes"][1]["attributes"]["communities"] == ["64661:100", "blackhole"]
