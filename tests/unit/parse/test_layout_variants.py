# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Layout variants of other releases and of pasted captures (each seen in a corpus file, cut down here)."""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.cli import vrf_argument

XR_ROUTES_NO_VRF_LINE = """Thu Sep  5 14:14:08.981 UTC

Codes: C - connected, S - static, R - RIP, B - BGP, (>) - Diversion path
       M - mobile route, r - RPL, (!) - FRR Backup path

Gateway of last resort is 192.168.1.1 to network 0.0.0.0

B*   0.0.0.0/0 [200/0] via 192.168.4.4 (nexthop in vrf default), 08:11:19
C    192.168.1.5/29 is directly connected, 36w5d, BVI3001
"""


@pytest.mark.parametrize("command,vrf", [
    ("show route vrf VRF1 ipv4", "VRF1"),
    ("sh ro vrf L:192", "L:192"),
    ("show route ipv4", "default"),
    ("show route vrf all ipv4", "default"),
])
def test_xr_route_table_takes_the_vrf_the_command_names_when_the_output_names_none(command, vrf):
    res = parse_cli("iosxr", command, XR_ROUTES_NO_VRF_LINE)
    assert res["status"] == "ok"
    assert {(r["vrf"], r["prefix"]) for r in res["routes"]} == {(vrf, "0.0.0.0/0"), (vrf, "192.168.1.5/29")}


def test_a_vrf_line_in_the_output_wins_over_the_command():
    text = "VRF: BLUE\n\n" + XR_ROUTES_NO_VRF_LINE
    res = parse_cli("iosxr", "show route vrf RED", text)
    assert {r["vrf"] for r in res["routes"]} == {"BLUE"}


def test_vrf_argument():
    assert vrf_argument(["show", "bgp", "vrf", "RED", "ipv4", "unicast"]) == "RED"
    assert vrf_argument(["show", "bgp", "vrf", "all", "ipv4", "unicast"]) is None
    assert vrf_argument(["show", "vrf", "detail"]) is None
    assert vrf_argument(["show", "bgp", "vrf"]) is None


def test_xr_connected_route_continued_unindented_after_a_comma():
    text = ("C    2001:db8:abcd::/64 is directly connected,\n00:07:43, GigabitEthernet0/0/0/1\n"
            "a*   ::/0\n[2/0] via fe80::10ff:fe04:209e, 00:08:31, MgmtEth0/RP0/CPU0/0\n")
    res = parse_cli("iosxr", "show route ipv6", text)
    assert res["status"] == "ok", res["unparsed"]
    got = {(r["prefix"], p["next_hop"], p["interface"]) for r in res["routes"] for p in r["paths"]}
    assert got == {("2001:db8:abcd::/64", None, "GigabitEthernet0/0/0/1"),
                   ("::/0", "fe80::10ff:fe04:209e", "MgmtEth0/RP0/CPU0/0")}


def test_nxos_path_continued_after_a_comma_or_starting_with_one():
    text = ('IPv6 Routing Table for VRF "default"\n'
            "2001:31:31:31::31/128, ubest/mbest: 1/0\n"
            "    *via ::ffff:10.229.11.11%default:IPv4, [200/0], 01:01:43, bgp-100, internal,\n"
            "tag 100\n"
            "2001:100:20:b:12::1/128, ubest/mbest: 1/0\n"
            "    *via ::ffff:40.17.113.3%default:IPv4, [200/0], 0.000000, bgp-65103, internal, tag 6555\n"
            ", segid 50003 tunnelid: 0x28117103 encap: VXLAN\n")
    res = parse_cli("nxos", "show ipv6 route", text)
    assert res["status"] == "ok", res["unparsed"]
    first, second = res["routes"]
    assert first["paths"][0]["tags"] == ["internal", "tag 100"]
    assert second["paths"][0]["next_hop"] == "::ffff:40.17.113.3"
    assert "segid 50003 tunnelid: 0x28117103 encap: VXLAN" in second["paths"][0]["tags"]


def test_bgp_entry_level_srv6_vpn_sid_reaches_every_path_and_the_vrf_comes_from_the_command():
    text = ("BGP routing table entry for 101.0.0.2/32\n"
            "Versions:\n  Process           bRIB/RIB  SendTblVer\n  Speaker                   5            5\n"
            "    SRv6-VPN SID: fc00:c000:1002:e008::/64\n"
            "Paths: (1 available, best #1)\n  Path #1: Received by speaker 0\n  Local\n"
            "    0.0.0.0 from 0.0.0.0 (10.0.0.2), if-handle 0x2000802c\n"
            "      Origin IGP, metric 0, localpref 100, weight 32768, valid, local, best, group-best\n")
    res = parse_cli("iosxr", "show bgp vrf RED ipv4 unicast 101.0.0.2/32", text)
    (path,) = res["routes"]
    assert (path["vrf"], path["prefix"], path["next_hop"], path["sid"]) == ("RED", "101.0.0.2/32", "0.0.0.0", "fc00:c000:1002:e008::")


def test_nxos_per_peer_address_family_lines_are_context_not_noise():
    text = ("Peer 10.4.6.6 routes for address family IPv4 Unicast:\n"
            "BGP table version is 773961, local router ID is 10.94.44.44\n"
            "   Network            Next Hop            Metric     LocPrf     Weight Path\n"
            "*>e10.169.1.0/24        10.4.6.6              2219                     0 300 33299 e\n"
            "\nPeer 10.4.6.6 routes for address family IPv4 Multicast:\n")
    res = parse_cli("nxos", "show bgp vrf VRF1 all neighbors 10.4.6.6 routes", text)
    assert res["status"] == "ok", res["unparsed"]
    (r,) = res["routes"]
    assert (r["vrf"], r["address_family"], r["next_hop"]) == ("VRF1", "IPv4 Unicast", "10.4.6.6")


def test_srv6_sid_rows_pasted_with_an_indent_are_rows_and_a_wrapped_context_is_not():
    text = ("   *** Locator: 'MyLocator' ***\n\n"
            "   SID                         Behavior          Context                           Owner               State  RW\n"
            "   --------------------------  ----------------  --------------------------------  ------------------  -----  --\n"
            "    fc00:0:1111::               uN (PSP/USD)      'default':4369                    sidmgr              InUse  Y\n"
            "    fc00:0:1111:e006::          uB6 (Insert.Red)  'srte_c_50_ep_fc00:0:7777::1' (50, fc00:0:7777::1)  xtc_srv6  InUse  Y\n"
            "   fc00:0:1111:e008::          uDT4              'carrots'                         bgp-65000           InUse  Y\n"
            "                                                  fc00:0:7777::2\n")
    res = parse_cli("iosxr", "show segment-routing srv6 sid", text)
    assert [(s["sid"], s["behavior"].split()[0], s["locator"]) for s in res["sids"]] == [
        ("fc00:0:1111::", "uN", "MyLocator"), ("fc00:0:1111:e006::", "uB6", "MyLocator"), ("fc00:0:1111:e008::", "uDT4", "MyLocator")]
    assert res["sids"][-1]["context"].endswith("fc00:0:7777::2")  # the indented line continued the Context cell


def test_xr_no_policy_mark_is_not_part_of_the_state():
    text = ("Neighbor        Spk    AS MsgRcvd MsgSent   TblVer  InQ OutQ  Up/Down  St/PfxRcd\n"
            "192.0.2.1         0 65533 3372692  355977 2308648196    0    0     1w6d          0!\n"
            "192.0.2.2         0 65533 5765678       0        0    0    0    45w1d Idle!\n"
            "Some configured eBGP neighbors (under default or non-default vrfs)\n"
            "do not have both inbound and outbound policies configured for IPv4 Unicast\n"
            "address family. These neighbors will default to sending and/or\n"
            "receiving no routes and are marked with '!' in the output below.\n"
            "Use the 'show bgp neighbor <nbr_address>' command for details.\n")
    res = parse_cli("iosxr", "show bgp summary", text)
    assert res["status"] == "ok", res["unparsed"]
    got = {(n["neighbor"], n["state"], n["prefixes_received"]) for v in res["vrfs"] for n in v["neighbors"]}
    assert got == {("192.0.2.1", "Established", 0), ("192.0.2.2", "Idle", None)}


def test_nxos_via_vrf_without_next_hop_and_the_short_vrf_legend():
    text = ("'*' denotes best ucast next-hop\n'%' in via output denotes VRF\n\n"
            "10.106.0.0/8, ubest/mbest: 1/0\n    *via vrf default, Null0, [20/0], 18:11:28, bgp-333, external, tag 333\n"
            "10.205.0.1/32, ubest/mbest: 1/0 time, attached\n    *via 10.205.0.1, Bdi1255, [0/0], 2w6d, local\n")
    res = parse_cli("nxos", "show ip route vrf RED", text)
    assert res["status"] == "ok", res["unparsed"]
    first, second = res["routes"]
    assert (first["vrf"], first["paths"][0]["next_hop"], first["paths"][0]["nexthop_vrf"], first["paths"][0]["interface"]) == (
        "RED", None, "default", "Null0")
    assert second["connected"] and second["paths"][0]["interface"] == "Bdi1255"


NXOS_TABLE_HEAD = """BGP routing table information for VRF default, address family IPv4 Unicast
BGP table version is 7, Local Router ID is 10.0.0.2
Status: s-suppressed, x-deleted, S-stale, d-dampened, h-history, *-valid, >-best
Path type: i-internal, e-external, c-confed, l-local, a-aggregate, r-redist, I-injected
Origin codes: i - IGP, e - EGP, ? - incomplete, | - multipath, & - backup, 2 - best2

   Network            Next Hop            Metric     LocPrf     Weight Path
"""


@pytest.mark.parametrize("row, metric, local_pref, weight, as_path", [
    # NX-OS leaves an absent LocPrf blank: the 0 under Weight is the weight, not the AS path's first hop
    ("*>e10.1.0.0/24        10.0.0.1                 0                     0 65001 i", 0, None, 0, "65001"),
    ("*>e10.1.0.0/24        10.0.0.1                                       0 65001 i", None, None, 0, "65001"),
    ("*>e10.1.0.0/24        10.0.0.1                 5        100          0 65001 65002 i", 5, 100, 0, "65001 65002"),
    ("*>l10.1.0.0/24        0.0.0.0                           100      32768 i", None, 100, 32768, ""),
])
def test_nxos_one_line_rows_read_their_numbers_by_the_header_columns(row, metric, local_pref, weight, as_path):
    [route] = parse_cli("nxos", "show bgp ipv4 unicast", NXOS_TABLE_HEAD + row + "\n")["routes"]
    assert (route["prefix"], route["next_hop"]) == ("10.1.0.0/24", row.split()[1])
    assert (route["metric"], route["local_pref"], route["weight"], route["as_path"]) == (metric, local_pref, weight, as_path)
