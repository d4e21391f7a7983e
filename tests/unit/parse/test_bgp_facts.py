# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tolerant BGP parsers (summary, table, detail), one fact per case with a twin that differs by it.

Layouts are those NX-OS 9.3/10.x and IOS-XR 7.x print (Cisco command references and the project's lab seed);
expected values are read off the rows by hand.
"""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import bgp

# --- summary --------------------------------------------------------------------------------------------------------

NX_SUM = """\
BGP summary information for VRF red, address family IPv4 Unicast
BGP router identifier 10.0.0.1, local AS number 65000
BGP table version is 5, IPv4 Unicast config peers 3, capable peers 1
2 network entries and 2 paths using 288 bytes of memory

Neighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd
10.0.0.2        4 65001      10      11        5    0    0 00:01:02 7
10.0.0.3        4 1.10        0       0        0    0    0 2d01h    Idle (Admin)
10.0.0.4        4 65003       3       4        0    0    0 00:00:09 Active

BGP summary information for VRF blue, address family IPv6 Unicast
BGP router identifier 10.0.1.1, local AS number 4200000001
Neighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd
fd00::2         4 65001      10      11        5    0    0 1w2d     0
"""


def test_nxos_summary_blocks_neighbours_and_states():
    res = bgp.bgp_summary(NX_SUM)
    assert res["unparsed"] == []
    red, blue = res["vrfs"]
    assert (red["vrf"], red["address_family"], red["router_id"], red["local_as"]) == ("red", "IPv4 Unicast", "10.0.0.1", 65000)
    a, b, c = red["neighbors"]
    assert a == {"neighbor": "10.0.0.2", "version": 4, "remote_as": 65001, "msg_rcvd": 10, "msg_sent": 11, "up_down": "00:01:02",
                 "state": "Established", "prefixes_received": 7}
    assert (b["remote_as"], b["state"], b["prefixes_received"], b["up_down"]) == (65546, "Idle (Admin)", None, "2d01h")
    assert (c["state"], c["prefixes_received"]) == ("Active", None)
    assert (blue["vrf"], blue["address_family"], blue["router_id"], blue["local_as"]) == ("blue", "IPv6 Unicast", "10.0.1.1", 4200000001)
    (d,) = blue["neighbors"]
    assert (d["neighbor"], d["state"], d["prefixes_received"], d["up_down"]) == ("fd00::2", "Established", 0, "1w2d")
    assert (res["router_id"], res["local_as"]) == ("10.0.1.1", 4200000001)


XR_SUM = """\
BGP router identifier 10.0.0.1, local AS number 65000
BGP generic scan interval 60 secs
BGP table state: Active
Table ID: 0xe0000000   RD version: 5

Neighbor        Spk    AS MsgRcvd MsgSent   TblVer  InQ OutQ  Up/Down  St/PfxRcd
10.0.0.2          0 65001      10      11        5    0    0 00:01:02          7!
10.0.0.3          0 65002       0       0        0    0    0 00:00:00       Idle!
2001:db8:1234:5678:9abc:def0:1234:5678
                  0 65003      12      13        5    0    0 00:03:04          2
"""


def test_xr_summary_marks_and_a_neighbour_on_its_own_line():
    res = bgp.bgp_summary(XR_SUM, default_vrf="default")
    assert res["unparsed"] == []
    (blk,) = res["vrfs"]
    assert (blk["vrf"], blk["router_id"], blk["local_as"]) == ("default", "10.0.0.1", 65000)
    a, b, c = blk["neighbors"]
    assert (a["neighbor"], a["version"], a["state"], a["prefixes_received"]) == ("10.0.0.2", 0, "Established", 7)
    assert (b["state"], b["prefixes_received"]) == ("Idle", None)
    assert (c["neighbor"], c["remote_as"], c["msg_rcvd"], c["up_down"], c["prefixes_received"]) == (
        "2001:db8:1234:5678:9abc:def0:1234:5678", 65003, 12, "00:03:04", 2)


def test_summary_with_pfxrcd_wrapped_onto_its_own_line():
    text = ("Neighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/\n"
            "PfxRcd\n"
            "10.0.0.2        4 65001      10      11        5    0    0 00:01:02 3\n")
    res = bgp.bgp_summary(text)
    assert res["unparsed"] == [] and res["vrfs"][0]["neighbors"][0]["prefixes_received"] == 3


def test_summary_row_too_short_or_outside_a_table_is_listed():
    text = "10.0.0.2        4 65001      10      11        5    0    0 00:01:02 3\n"
    assert [u["line"] for u in bgp.bgp_summary(text)["unparsed"]] == [1]
    text = "Neighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\n10.0.0.2   4 65001 10\nzzz\n"
    res = bgp.bgp_summary(text)
    assert res["vrfs"][0]["neighbors"] == [] and [u["line"] for u in res["unparsed"]] == [2, 3]


def test_summary_row_fields():
    assert bgp._summary_row("10.0.0.2 4 65001 10 11 5 0 0 00:01:02".split()) is None
    row = bgp._summary_row("10.0.0.2 x 65001 a b 5 0 0 00:01:02 5 4".split())
    assert (row["version"], row["msg_rcvd"], row["msg_sent"], row["state"], row["prefixes_received"]) == (None, None, None, "Established", 5)
    row = bgp._summary_row("10.0.0.2 4 65001 1 1 5 0 0 1d ! 0".split())
    assert (row["state"], row["prefixes_received"]) == ("! 0", None)


@pytest.mark.parametrize("value,asn", [("65000", 65000), ("1.10", 65546), ("0.0", 0), ("x", None), ("1.x", None), ("", None)])
def test_asn(value, asn):
    assert bgp._asn(value) == asn


def test_nxos_10_route_type_table_is_not_neighbours():
    text = ("BGP summary information for VRF default, address family L2VPN EVPN\n"
            "Neighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\n"
            "10.0.0.2        4 65001      10      11        5    0    0 00:01:02 3\n"
            "Neighbor        T    AS PfxRcd     Type-2     Type-3     Type-4     Type-5\n"
            "10.0.0.2        I 65001 3          1          1          0          1\n")
    res = bgp.bgp_summary(text)
    assert res["unparsed"] == [] and [n["neighbor"] for n in res["vrfs"][0]["neighbors"]] == ["10.0.0.2"]


# --- table ----------------------------------------------------------------------------------------------------------

NX_EVPN = """\
BGP routing table information for VRF default, address family L2VPN EVPN
BGP table version is 3435, Local Router ID is 10.70.0.11
Status: s-suppressed, x-deleted, S-stale, d-dampened, h-history, *-valid, >-best
Path type: i-internal, e-external, c-confed, l-local, a-aggregate, r-redist, I-injected
Origin codes: i - IGP, e - EGP, ? - incomplete, | - multipath, & - backup, 2 - best2

   Network            Next Hop            Metric     LocPrf     Weight Path
Route Distinguisher: 10.70.0.11:5    (L3VNI 100302)
*>l[5]:[0]:[0]:[24]:[10.71.1.0]/224
                      10.77.0.111              0        100      32768 ?
*>e[5]:[0]:[0]:[32]:[20.0.10.1]/224
                      192.168.16.35                                  0 64512 i
*|e                   192.168.16.36                                  0 64512 i

Route Distinguisher: 10.70.0.12:3
*>i[2]:[0]:[0]:[48]:[5254.0012.3456]:[32]:[10.1.0.5]/272
                      10.70.0.12               0        100          0 i
"""


def test_nxos_evpn_table_paths():
    res = bgp.bgp_table(NX_EVPN)
    assert res["unparsed"] == [] and res["router_id"] == "10.70.0.11"
    assert res["route_distinguishers"] == [{"rd": "10.70.0.11:5", "vrf": "default", "l3vni": 100302, "l2vni": None},
                                           {"rd": "10.70.0.12:3", "vrf": "default", "l3vni": None, "l2vni": None}]
    a, b, c, d = res["routes"]
    assert (a["vrf"], a["address_family"], a["rd"], a["l3vni"], a["prefix"], a["route_type"]) == (
        "default", "L2VPN EVPN", "10.70.0.11:5", 100302, "10.71.1.0/24", 5)
    assert (a["status"], a["valid"], a["best"], a["path_type"], a["internal"], a["multipath"]) == ("*>l", True, True, "l", False, False)
    assert (a["next_hop"], a["metric"], a["local_pref"], a["weight"], a["as_path"], a["origin"]) == ("10.77.0.111", 0, 100, 32768, "", "?")
    assert (b["prefix"], b["next_hop"], b["metric"], b["local_pref"], b["weight"], b["as_path"], b["origin"], b["path_type"]) == (
        "20.0.10.1/32", "192.168.16.35", None, None, 0, "64512", "i", "e")
    assert (c["prefix"], c["next_hop"], c["status"], c["best"], c["multipath"], c["valid"]) == (
        "20.0.10.1/32", "192.168.16.36", "*|e", False, True, True)
    assert (d["rd"], d["l3vni"], d["route_type"], d["mac"], d["prefix"], d["internal"], d["local_pref"]) == (
        "10.70.0.12:3", None, 2, "5254.0012.3456", "10.1.0.5/32", True, 100)


def test_table_vrf_from_the_command_until_the_output_names_one():
    text = ("   Network            Next Hop            Metric     LocPrf     Weight Path\n"
            "*>e10.1.0.0/24        10.0.0.1                                       0 65001 i\n")
    (r,) = bgp.bgp_table(text, default_vrf="red")["routes"]
    assert (r["vrf"], r["prefix"], r["next_hop"], r["metric"], r["weight"], r["as_path"], r["origin"]) == (
        "red", "10.1.0.0/24", "10.0.0.1", None, 0, "65001", "i")


XR_VPNV4 = """\
BGP router identifier 10.0.0.1, local AS number 65000
BGP generic scan interval 60 secs
Status codes: s suppressed, d damped, h history, * valid, > best
              i - internal, r RIB-failure, S stale, N Nexthop-discard
Origin codes: i - IGP, e - EGP, ? - incomplete
   Network            Next Hop            Metric LocPrf Weight Path
Route Distinguisher: 10:10 (default for vrf blue)
*> 10.23.0.0/24       0.0.0.0                  0         32768 ?
*>i10.71.1.0/24       2016::1                  0    100      0 64512 i
* i                   2016::2                  0    100      0 64512 i

Processed 2 prefixes, 3 paths
"""


def test_xr_vpnv4_table_rd_names_the_vrf_and_extra_paths_share_the_prefix():
    res = bgp.bgp_table(XR_VPNV4)
    assert res["unparsed"] == [] and (res["router_id"], res["local_as"]) == ("10.0.0.1", 65000)
    assert res["route_distinguishers"] == [{"rd": "10:10", "vrf": "blue", "l3vni": None, "l2vni": None}]
    a, b, c = res["routes"]
    assert (a["vrf"], a["rd"], a["prefix"], a["next_hop"], a["weight"], a["origin"], a["as_path"]) == (
        "blue", "10:10", "10.23.0.0/24", "0.0.0.0", 32768, "?", "")
    assert (b["prefix"], b["next_hop"], b["local_pref"], b["as_path"], b["internal"], b["status"]) == (
        "10.71.1.0/24", "2016::1", 100, "64512", True, "*>i")
    assert (c["prefix"], c["next_hop"], c["best"], c["valid"], c["status"]) == ("10.71.1.0/24", "2016::2", False, True, "*i")


def test_table_long_prefix_with_next_hop_on_the_next_line_and_wrapped_attributes():
    text = ("   Network            Next Hop            Metric LocPrf Weight Path\n"
            "*> 2001:db8:1234:5678::/64\n"
            "                      2001:db8::1              0    100      0 65001 i\n"
            "*> 10.9.0.0/16        2001:db8:abcd:ef01:2345:6789:abcd:ef01\n"
            "                                               0    100      0 65002 i\n")
    a, b = bgp.bgp_table(text)["routes"]
    assert (a["prefix"], a["next_hop"], a["local_pref"], a["as_path"]) == ("2001:db8:1234:5678::/64", "2001:db8::1", 100, "65001")
    assert (b["prefix"], b["next_hop"], b["local_pref"], b["weight"], b["as_path"], b["origin"]) == (
        "10.9.0.0/16", "2001:db8:abcd:ef01:2345:6789:abcd:ef01", 100, 0, "65002", "i")


def test_xr_local_and_received_sids():
    local = ("Route Distinguisher: 10:10 (default for vrf blue)\n"
             "Network            Local Sid                                   Alloc mode   Locator\n"
             "*> 10.23.0.0/24    fc00:0:1:e004::                             per-vrf      MAIN\n"
             "*> 10.24.0.0/24    NO SRv6 Sid                                 -            -\n")
    a, b = bgp.bgp_table(local)["routes"]
    assert (a["vrf"], a["prefix"], a["sid"], a["no_sid"], a["alloc_mode"], a["locator"]) == (
        "blue", "10.23.0.0/24", "fc00:0:1:e004::", False, "per-vrf", "MAIN")
    assert (b["sid"], b["no_sid"]) == (None, True)
    received = ("Network            Next Hop                        Received Sid\n"
                "Route Distinguisher: 10:20\n"
                "*>i10.71.1.0/24     2016::1                         fc00:0:2:e004::\n"
                "*>i10.72.0.0/24     2016::1                         NO SRv6 Sid\n")
    c, d = bgp.bgp_table(received)["routes"]
    assert (c["rd"], c["next_hop"], c["sid"], c["no_sid"]) == ("10:20", "2016::1", "fc00:0:2:e004::", False)
    assert (d["next_hop"], d["sid"], d["no_sid"]) == ("2016::1", None, True)


def test_table_line_that_is_not_a_route_is_listed():
    res = bgp.bgp_table("   Network            Next Hop            Metric LocPrf Weight Path\nrandom 10.0.0.1 words\n")
    assert res["routes"] == [] and [(u["line"], u["may_hold_facts"]) for u in res["unparsed"]] == [(2, True)]


@pytest.mark.parametrize("status,flags", [
    ("*>i", {"status": "*>i", "valid": True, "best": True, "multipath": False, "path_type": "i", "internal": True}),
    ("* e", {"status": "*e", "valid": True, "best": False, "multipath": False, "path_type": "e", "internal": False}),
    ("*=", {"status": "*=", "valid": True, "best": False, "multipath": True, "path_type": None, "internal": False}),
    ("s>", {"status": "s>", "valid": False, "best": True, "multipath": False, "path_type": None, "internal": False}),
    ("", {"status": "", "valid": False, "best": False, "multipath": False, "path_type": None, "internal": False}),
])
def test_status_flags(status, flags):
    assert bgp._flags(status) == flags


@pytest.mark.parametrize("pfx,prefix,rtype,mac", [
    ("10.0.0.0/8", "10.0.0.0/8", None, None),
    ("10:10:10.23.0.0/24", "10.23.0.0/24", None, None),
    ("10.0.0.1:3:10.23.0.0/24", "10.23.0.0/24", None, None),
    ("[5]:[0]:[0]:[24]:[10.71.1.0]/224", "10.71.1.0/24", 5, None),
    ("[2]:[0]:[0]:[48]:[5254.0012.3456]:[0]:[0.0.0.0]/216", None, 2, "5254.0012.3456"),
    ("[2]:[0]:[0]:[48]:[5254.0012.3456]:[32]:[10.1.0.5]/272", "10.1.0.5/32", 2, "5254.0012.3456"),
    ("[3]:[0]:[32]:[10.0.0.1]/88", None, 3, None),
    ("[x]:[0]", None, None, None),
])
def test_norm_prefix(pfx, prefix, rtype, mac):
    got = bgp.norm_prefix(pfx)
    assert (got["route"], got["prefix"], got["route_type"], got["mac"]) == (pfx, prefix, rtype, mac)


# --- detail ---------------------------------------------------------------------------------------------------------

NX_DETAIL = """\
BGP routing table information for VRF default, address family L2VPN EVPN
Route Distinguisher: 10.70.0.11:6    (L3VNI 100301)
BGP routing table entry for [5]:[0]:[0]:[32]:[20.0.10.1]/224, version 3421
Paths: (2 available, best #1)
Flags: (0x000002) (high32 00000000) on xmit-list, is not in l2rib/evpn

  Advertised path-id 1
  Path type: external, path is valid, is best path, no labeled nexthop
             Imported to 2 destination(s)
  AS-Path: 64512 , path sourced external to AS
    192.168.16.35 (metric 0) from 192.168.16.35 (10.0.0.35)
      Origin IGP, MED not set, localpref 100, weight 0
      Received label 100301
      Community: 64512:301 64512:302
      Extcommunity: RT:65000:100302 ENCAP:8 Router MAC:5254.0012.3456
          RT:65000:7

  Path type: external, path is valid, not best reason: newer EBGP path
  AS-Path: NONE
    192.168.16.36 (metric 0) from 192.168.16.36 (10.0.0.36)
      Origin incomplete, MED 5, localpref 100, weight 0

  Path-id 1 advertised to peers:
    10.70.0.12         10.70.0.13
"""


def test_nxos_detail_paths():
    res = bgp.bgp_detail(NX_DETAIL)
    assert res["unparsed"] == []
    a, b = res["routes"]
    assert (a["vrf"], a["rd"], a["l3vni"], a["prefix"], a["route_type"]) == ("default", "10.70.0.11:6", 100301, "20.0.10.1/32", 5)
    assert (a["path_type"], a["valid"], a["best"], a["next_hop"], a["neighbor"], a["origin"], a["local_pref"], a["weight"], a["metric"]) == (
        "external", True, True, "192.168.16.35", "192.168.16.35", "i", 100, 0, None)
    assert (a["as_path"], a["communities"], a["route_targets"]) == ("64512", ["64512:301", "64512:302"], ["65000:100302", "65000:7"])
    assert a["extcommunities"] == ["RT:65000:100302", "ENCAP:8", "Router MAC:5254.0012.3456", "RT:65000:7"]
    assert (b["valid"], b["best"], b["next_hop"], b["as_path"], b["origin"], b["metric"], b["communities"]) == (
        True, False, "192.168.16.36", "", "?", 5, [])


XR_DETAIL = """\
BGP routing table entry for 10.23.0.0/24, Route Distinguisher: 10:10
Versions:
  Process           bRIB/RIB  SendTblVer
  Speaker                  7           7
    SRv6-VPN SID: fc00:0:1:e004::/64
Last Modified: Dec  7 01:02:03.456 for 00:10:11
Paths: (2 available, best #1)
  Advertised to peers (in unique update groups):
    2016::9
  Path #1: Received by speaker 0
  Advertised to peers (in unique update groups):
    2016::9
  65001 65002, (aggregated by 65001 10.0.0.9)
    2016::1 (metric 20) from 2016::1 (1.1.1.1)
      Received Label 0xe0040
      Origin EGP, metric 7, localpref 200, valid, internal, best, group-best, import-candidate, imported
      Received Path ID 0, Local Path ID 1, version 7
      Community: 64512:301
      Large Community: 65000:1:2
      Extended community: RT:65000:100302
      Source AFI: VPNv4 Unicast, Source VRF: red, Source Route Distinguisher: 10:20
  Path #2: Received by speaker 0
  Local
    0.0.0.0 from 0.0.0.0 (10.0.0.1)
      Origin incomplete, metric 0, localpref 100, weight 32768, valid, redistributed
"""


def test_xr_detail_paths():
    res = bgp.bgp_detail(XR_DETAIL, default_vrf="blue")
    assert res["unparsed"] == []
    a, b = res["routes"]
    assert (a["vrf"], a["rd"], a["prefix"], a["as_path"], a["next_hop"], a["neighbor"]) == (
        "blue", "10:10", "10.23.0.0/24", "65001 65002", "2016::1", "2016::1")
    assert (a["origin"], a["metric"], a["local_pref"], a["valid"], a["best"], a["sid"]) == ("e", 7, 200, True, True, "fc00:0:1:e004::")
    assert (a["communities"], a["large_communities"], a["route_targets"], a["imported_from"]) == (
        ["64512:301"], ["65000:1:2"], ["65000:100302"], "red")
    assert (b["as_path"], b["next_hop"], b["origin"], b["weight"], b["valid"], b["best"], b["sid"]) == (
        "", "0.0.0.0", "?", 32768, True, False, "fc00:0:1:e004::")


def test_detail_line_before_an_entry_is_listed():
    res = bgp.bgp_detail("garbage 10.0.0.1\nBGP routing table entry for 10.0.0.0/8\n")
    assert [u["line"] for u in res["unparsed"]] == [1] and res["routes"] == []


def test_xr_local_sid_rows_with_fewer_columns():
    text = ("Network            Local Sid                                   Alloc mode   Locator\n"
            "*> 10.23.0.0/24    fc00:0:1:e004::\n"
            "*> 10.24.0.0/24    fc00:0:1:e005::                             per-vrf\n"
            "*> 10.26.0.0/24    NO SRv6 Sid\n")
    a, b, c = bgp.bgp_table(text)["routes"]
    assert (a["sid"], a["no_sid"], a["alloc_mode"], a["locator"]) == ("fc00:0:1:e004::", False, None, None)
    assert (b["sid"], b["alloc_mode"], b["locator"]) == ("fc00:0:1:e005::", "per-vrf", None)
    assert (c["sid"], c["no_sid"], c["alloc_mode"], c["locator"]) == (None, True, None, None)


def test_xr_received_sid_with_the_next_hop_wrapped():
    text = ("Network            Next Hop                        Received Sid\n"
            "*>i10.73.0.0/24\n"
            "                    2016::1                        fc00:0:2:e006::\n")
    (r,) = bgp.bgp_table(text)["routes"]
    assert (r["prefix"], r["next_hop"], r["sid"], r["no_sid"], r["status"]) == ("10.73.0.0/24", "2016::1", "fc00:0:2:e006::", False, "*>i")


# IOS-XR wraps a long Received Sid onto its own line; the SID is not the next hop, the route is not dropped when
# another follows, and a SID starting with a status-code letter ("cafe:") is no new path.
@pytest.mark.parametrize("sid", ["fc00:0:2:e004::", "cafe:cafe:2be:8b71::"])
def test_xr_received_sid_wrapped_onto_its_own_line(sid):
    text = ("Network            Next Hop                        Received Sid\n"
            "*>i10.71.1.0/24     2016::1\n"
            "                                                   %s\n"
            "*>i10.72.0.0/24     2016::1                        NO SRv6 Sid\n" % sid)
    a, b = bgp.bgp_table(text)["routes"]
    assert (a["prefix"], a["next_hop"], a["sid"]) == ("10.71.1.0/24", "2016::1", sid)
    assert (b["prefix"], b["no_sid"]) == ("10.72.0.0/24", True)


def test_detail_path_without_next_hop_or_flags_has_its_defaults():
    text = ("BGP routing table entry for 10.0.0.0/8\n"
            "Paths: (1 available, no best path)\n"
            "  Path #1: Received by speaker 0\n"
            "  65001\n"
            "      Origin IGP, metric 0, localpref 100\n")
    res = bgp.bgp_detail(text)
    assert (res["router_id"], res["local_as"], res["route_distinguishers"], res["unparsed"]) == (None, None, [], [])
    (r,) = res["routes"]
    assert (r["prefix"], r["as_path"], r["origin"], r["valid"], r["best"]) == ("10.0.0.0/8", "65001", "i", False, False)
    assert (r["next_hop"], r["neighbor"], r["imported_from"], r["large_communities"], r["sid"]) == (None, None, None, [], None)


def test_detail_next_hop_lines_without_path_headers_open_paths():
    text = ("BGP routing table entry for 10.0.0.0/8\n"
            "    10.0.0.1 from 10.0.0.1 (1.1.1.1)\n"
            "      Origin IGP, valid, best\n"
            "    10.0.0.2 from 10.0.0.2 (2.2.2.2)\n"
            "      Origin EGP, valid\n")
    a, b = bgp.bgp_detail(text)["routes"]
    assert (a["next_hop"], a["best"], a["origin"], b["next_hop"], b["best"], b["origin"]) == ("10.0.0.1", True, "i", "10.0.0.2", False, "e")


def test_detail_lines_inside_an_entry_that_are_not_understood_are_listed():
    text = ("BGP routing table entry for 10.0.0.0/8\n"
            "10.9.9.9 10.9.9.8\n"
            "  Path #1: Received by speaker 0\n"
            "10.9.9.7\n"
            "  Local\n"
            "    0.0.0.0 from 0.0.0.0 (10.0.0.1)\n"
            "something odd here\n")
    res = bgp.bgp_detail(text)
    assert [(u["line"], u["may_hold_facts"]) for u in res["unparsed"]] == [(2, True), (4, True), (7, False)]


def test_nxos_detail_status_and_peer_list_and_extcommunity_continuations():
    text = ("BGP routing table entry for 10.0.0.0/8, version 7\n"
            "  Path type: internal, path is valid, is best path\n"
            "10.9.9.9 10.9.9.8\n"
            "    10.0.0.1 (metric 0) from 10.0.0.1 (1.1.1.1)\n"
            "      Origin IGP, MED not set, localpref 100, weight 0\n"
            "      Extcommunity: RT:65000:1\n"
            "          SoO:65000:9 Color:0:100\n"
            "          Router MAC:5254.0012.3457\n"
            "  Path-id 1 advertised to peers:\n"
            "    10.70.0.12         10.70.0.13\n"
            "  Not advertised to any peer\n"
            "10.9.9.6\n")
    res = bgp.bgp_detail(text)
    (r,) = res["routes"]
    assert (r["status"], r["path_type"], r["valid"], r["best"]) == ("internal, path is valid, is best path", "internal", True, True)
    assert r["extcommunities"] == ["RT:65000:1", "SoO:65000:9", "Color:0:100", "Router MAC:5254.0012.3457"]
    assert [u["line"] for u in res["unparsed"]] == [3, 12]


def test_detail_legend_and_info_lines_before_an_entry_are_not_unparsed():
    text = ("Status codes: s suppressed, d damped, h history, * valid, > best\n"
            "Processed 1 prefixes, 1 paths\n"
            "odd 10.1.1.1\n"
            "BGP routing table entry for 10.0.0.0/8\n")
    res = bgp.bgp_detail(text)
    assert [u["line"] for u in res["unparsed"]] == [3] and res["routes"] == []


def test_summary_type_rows_before_any_header_are_listed():
    res = bgp.bgp_summary("10.0.0.2        I 65001 3          1          1          0          1\n")
    assert [u["line"] for u in res["unparsed"]] == [1]


@pytest.mark.parametrize("fn,name", [(bgp.bgp_summary, "bgp_summary"), (bgp.bgp_table, "bgp_table"), (bgp.bgp_detail, "bgp_detail")])
def test_not_text_is_an_error_naming_the_parser(fn, name):
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError
    with pytest.raises(ParseError) as err:
        fn(42)
    assert err.value.command == name


@pytest.mark.parametrize("row,metric,local_pref,weight,path,origin", [
    ("*>i10.1.0.0/24 10.0.0.1 100 0 65001 i", None, 100, 0, "65001", "i"),  # LocPrf 100, no metric
    ("*>i10.1.0.0/24 10.0.0.1 0 100 0 i", 0, 100, 0, "", "i"),
    ("*>i10.1.0.0/24 10.0.0.1 5 100 0 65001 65002 e", 5, 100, 0, "65001 65002", "e"),
    ("*> 10.1.0.0/24 10.0.0.1 7 32768 ?", 7, None, 32768, "", "?"),
    ("*> 10.1.0.0/24 10.0.0.1 0 65001 65002 {65003} i", None, None, 0, "65001 65002 {65003}", "i"),
])
def test_table_attributes_inferred_without_a_spaced_header(row, metric, local_pref, weight, path, origin):
    (r,) = bgp.bgp_table("Network Next Hop Metric LocPrf Weight Path\n" + row + "\n")["routes"]
    assert (r["metric"], r["local_pref"], r["weight"], r["as_path"], r["origin"]) == (metric, local_pref, weight, path, origin)


NX_HDR = "   Network            Next Hop            Metric     LocPrf     Weight Path"


# NX_HDR ends: Metric 48, LocPrf 59, Weight 70; a right-aligned number may end one column past its header word.
@pytest.mark.parametrize("end,field", [(49, "metric"), (50, "local_pref"), (60, "local_pref"), (61, "weight"), (71, "weight")])
def test_table_attribute_column_edges(end, field):
    raw = " " * 22 + "10.0.0.1"
    raw = raw + " " * (end - 1 - len(raw)) + "5"
    if field != "weight":
        raw += " " * (71 - 1 - len(raw)) + "0"
    (r,) = bgp.bgp_table(NX_HDR + "\n*>e10.1.0.0/24\n" + raw + " 65001 i\n")["routes"]
    assert r[field] == 5 and r["as_path"] == "65001" and r["origin"] == "i"
    assert sum(r[k] is not None for k in ("metric", "local_pref", "weight")) == (1 if field == "weight" else 2)
