# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS layouts of the session-8 held-out round (captures from lab repositories never used before); each test is
cut down from the corpus file the layout broke."""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.errors import ParseError

# nxos_bgp_l2vpn_evpn_rd_prefix_wrapped_entry_meork: an 80-column terminal cut the entry line inside the NLRI.
WRAPPED_ENTRY = (
    "leaf03# show bgp l2vpn evpn rd 10.10.10.3:32867 192.168.100.6\n"
    "BGP routing table information for VRF default, address family L2VPN EVPN\n"
    "Route Distinguisher: 10.10.10.3:32867    (L2VNI 1000)\n"
    "BGP routing table entry for [2]:[0]:[0]:[48]:[aabb.cc00.6000]:[32]:[192.168.100.\n"
    "6]/272, version 30\n"
    "Paths: (1 available, best #1)\n"
    "Flags: (0x000102) (high32 00000000) on xmit-list, is not in l2rib/evpn\n"
    "\n"
    "  Advertised path-id 1\n"
    "  Path type: local, path is valid, is best path, no labeled nexthop\n"
    "  AS-Path: NONE, path locally originated\n"
    "    10.10.10.3 (metric 0) from 0.0.0.0 (10.10.10.3)\n"
    "      Origin IGP, MED not set, localpref 100, weight 32768\n"
    "      Received label 1000 10000\n"
    "      Extcommunity: RT:65100:1000 RT:65100:10000 ENCAP:8 Router MAC:5003.0000.1b08\n")


def test_an_entry_line_cut_inside_its_nlri_is_read_whole():
    res = parse_cli("nxos", "show bgp l2vpn evpn rd 10.10.10.3:32867 192.168.100.6", WRAPPED_ENTRY)
    assert res["status"] == "ok", res["unparsed"]
    [route] = res["routes"]
    assert route["route"] == "[2]:[0]:[0]:[48]:[aabb.cc00.6000]:[32]:[192.168.100.6]/272"
    assert (route["prefix"], route["mac"], route["rd"], route["next_hop"]) == (
        "192.168.100.6/32", "aabb.cc00.6000", "10.10.10.3:32867", "10.10.10.3")
    assert route["route_targets"] == ["65100:1000", "65100:10000"]


def test_a_cut_type4_entry_with_a_cut_flags_line_keeps_its_route():
    # nxos_bgp_l2vpn_evpn_route_type4_wrapped_entry_yuansh0u (CRLF): "/13" + "6, version 43", then a Flags line cut too.
    text = (
        "RS# sh bgp l2vpn evpn route-type 4\r\n"
        "BGP routing table information for VRF default, address family L2VPN EVPN\r\n"
        "Route Distinguisher: 100.64.2.1:27001\r\n"
        "BGP routing table entry for [4]:[0300.0000.00ff.f200.0309]:[32]:[100.64.2.11]/13\r\n"
        "6, version 43\r\n"
        "Paths: (1 available, best #1)\r\n"
        "Flags: (0x000002) (high32 00000000) on xmit-list, is not in l2rib/evpn, is not i\r\n"
        "n HW\r\n"
        "\r\n"
        "  Advertised path-id 1\r\n"
        "  Path type: external, path is valid, is best path, no labeled nexthop\r\n"
        "  AS-Path: 65522 , path sourced external to AS\r\n"
        "    100.64.2.11 (metric 41) from 169.254.93.6 (100.64.2.1)\r\n"
        "      Origin IGP, MED not set, localpref 100, weight 0\r\n"
        "      Extcommunity: ENCAP:8 RT:0000.0000.fff2\r\n")
    res = parse_cli("nxos", "sh bgp l2vpn evpn route-type 4", text)
    assert res["status"] == "ok", res["unparsed"]
    [route] = res["routes"]
    assert route["route"] == "[4]:[0300.0000.00ff.f200.0309]:[32]:[100.64.2.11]/136"
    assert (route["rd"], route["next_hop"], route["route_targets"]) == ("100.64.2.1:27001", "100.64.2.11", ["0000.0000.fff2"])


def test_an_entry_line_of_80_columns_followed_by_paths_is_not_joined():
    # A full-width entry line that was not cut: the next line is "Paths:", not the rest of the NLRI.
    pfx = "[2]:[0]:[0]:[48]:[aabb.cc00.6000]:[0]:[0.0.0.0]/216"
    line = "BGP routing table entry for %s," % pfx
    assert len(line) == 80
    text = WRAPPED_ENTRY.replace(
        "BGP routing table entry for [2]:[0]:[0]:[48]:[aabb.cc00.6000]:[32]:[192.168.100.\n6]/272, version 30\n", line + "\n")
    res = parse_cli("nxos", "show bgp l2vpn evpn", text)
    assert res["status"] == "ok", res["unparsed"]
    assert [(r["route"], r["mac"]) for r in res["routes"]] == [(pfx, "aabb.cc00.6000")]


# nxos_vrf_detail_json_ints_napalm: "show vrf detail | json" went to the generic NX-API reader, which knows no VRF
# row: status "ok" with no VRF at all. Numbers come as numbers on this release, as strings on others.
VRF_DETAIL_JSON = """{"TABLE_vrf": {"ROW_vrf": [
  {"vrf_name": "default", "vrf_id": 1, "vrf_state": "Up", "vpnid": "unknown", "rd": "0:0", "vni": 0,
   "TABLE_tib": {"ROW_tib": [{"tib_id": 80000001, "tib_af": "IPv6", "tib_state": "Up"}]}},
  {"vrf_name": "TENANT-A", "vrf_id": "3", "vrf_state": "Up", "vpnid": "unknown", "rd": "10.0.0.1:3", "vni": "50001"}]}}"""


def test_show_vrf_detail_json_gives_each_vrf_with_its_rd_and_vni():
    res = parse_cli("nxos", "show vrf detail | json", VRF_DETAIL_JSON)
    assert (res["kind"], res["status"]) == ("vrf_detail", "ok"), res["unparsed"]
    assert [(v["name"], v["id"], v["state"], v["rd"], v["vni"]) for v in res["vrfs"]] == [
        ("default", 1, "Up", "0:0", 0), ("TENANT-A", 3, "Up", "10.0.0.1:3", 50001)]


def test_show_vrf_json_of_one_vrf_is_one_row_object():
    text = '{"TABLE_vrf": {"ROW_vrf": {"vrf_name": "default", "vrf_id": "1", "vrf_state": "Up", "vrf_reason": "--"}}}'
    res = parse_cli("nxos", "show vrf default | json", text)
    assert [(v["name"], v["state"], v["rd"]) for v in res["vrfs"]] == [("default", "Up", None)]


def test_show_vrf_json_without_a_vrf_row_is_empty_not_ok():
    res = parse_cli("nxos", "show vrf detail | json", '{"TABLE_vrf": {"ROW_vrf": []}}')
    assert (res["status"], res["vrfs"]) == ("empty", [])


def test_a_vrf_row_without_a_name_is_reported():
    res = parse_cli("nxos", "show vrf detail | json", '{"TABLE_vrf": {"ROW_vrf": [{"vrf_id": "3", "rd": "1:1"}]}}')
    assert res["status"] == "partial" and res["vrfs"] == []
    assert res["unparsed"][0]["text"] == "TABLE_vrf/ROW_vrf[0]"


def test_show_nve_vni_json_gives_the_text_forms_vnis():
    # NX-API's keys as boxes print them (if-name, vni, mcast, vni-state, mode, type, flags).
    text = ('{"TABLE_nve_vni": {"ROW_nve_vni": [{"if-name": "nve1", "vni": "100010", "mcast": "224.1.1.192", '
            '"vni-state": "Up", "mode": "CP", "type": "L2 [10]", "flags": "SA"}, {"if-name": "nve1", "vni": "100999", '
            '"mcast": "n/a", "vni-state": "Up", "mode": "CP", "type": "L3 [T1]", "flags": ""}]}}')
    res = parse_cli("nxos", "show nve vni | json", text)
    assert (res["kind"], res["status"]) == ("nve_vni", "ok")
    got = [(v["vni"], v["state"], v["type"], v["vlan"], v["vrf"], v["flags"]) for v in res["vnis"]]
    assert got == [(100010, "Up", "L2", "10", None, "SA"), (100999, "Up", "L3", None, "T1", None)]
    text_form = parse_cli("nxos", "show nve vni", (
        "Interface VNI      Multicast-group   State Mode Type [BD/VRF]      Flags\n"
        "--------- -------- ----------------- ----- ---- ------------------ -----\n"
        "nve1      100010   224.1.1.192       Up    CP   L2 [10]            SA\n"
        "nve1      100999   n/a               Up    CP   L3 [T1]\n"))
    assert [(v["vni"], v["state"], v["type"], v["vlan"], v["vrf"], v["flags"]) for v in text_form["vnis"]] == got


def test_show_nve_vni_detail_json_of_one_vni_takes_its_vlan_bd():
    text = '{"TABLE_nve_vni": {"ROW_nve_vni": {"if-name": "nve1", "vni": "50000", "vni-state": "Up", "type": "L2", "vlan-bd": "50"}}}'
    res = parse_cli("nxos", "show nve vni 50000 detail | json", text)
    assert [(v["vni"], v["type"], v["vlan"]) for v in res["vnis"]] == [(50000, "L2", "50")]


def test_show_route_map_json_is_refused_not_answered_empty():
    with pytest.raises(ParseError):
        parse_cli("nxos", "show route-map | json", '{"TABLE_route_map": {"ROW_route_map": []}}')


# nxos_nve_vni_interface_detail_ntc / nxos_nve_vni_detail_unicast_static_yuansh0u: "show nve vni ... detail" prints a
# block per VNI; the table reader listed every line as not understood and gave no VNI.
NVE_DETAIL = (
    "DC2-LEAF1# show nve vni 50000 detail \r\n"
    "VNI: 50000 \r\n"
    "  NVE-Interface       : nve1\r\n"
    "  Mcast-Addr          : UnicastStatic\r\n"
    "  VNI State           : Up\r\n"
    "  Mode                : data-plane\r\n"
    "  VNI Type            : L2 [50]\r\n"
    "  VNI Flags           :        \r\n"
    "  Provision State     : vni-add-complete\r\n"
    "  Vlan-BD             : 50\r\n"
    "  SVI State           : n/a\r\n"
    "VNI: 10077\r\n"
    "  NVE-Interface       : nve1\r\n"
    "  VNI State           : Down\r\n"
    "  VNI Type            : L3 [TENANT77]\r\n"
    "  SVI State           : UP [vrf-id: 3]\r\n")


def test_the_nve_vni_detail_blocks_give_the_table_forms_shape():
    res = parse_cli("nxos", "show nve vni 50000 detail", NVE_DETAIL)
    assert (res["kind"], res["status"]) == ("nve_vni", "ok"), res["unparsed"]
    got = [(v["vni"], v["interface"], v["state"], v["mode"], v["type"], v["vlan"], v["vrf"], v["flags"], v["multicast_group"])
           for v in res["vnis"]]
    assert got == [(50000, "nve1", "Up", "data-plane", "L2", "50", None, None, "UnicastStatic"),
                   (10077, "nve1", "Down", None, "L3", None, "TENANT77", None, None)]


def test_a_line_outside_a_vni_block_is_reported():
    res = parse_cli("nxos", "show nve vni detail", "  VNI State           : Up\n" + NVE_DETAIL.replace("\r", ""))
    assert res["status"] == "partial" and [u["line"] for u in res["unparsed"]] == [1]
    assert [v["vni"] for v in res["vnis"]] == [50000, 10077]


def test_the_plain_show_vrf_table_gives_each_vrf_without_an_rd():
    # nxos_vrf_one_vrf_table_meork / nxos_vrf_table_ntc: "show vrf" without detail is a table; every row was
    # "unrecognised" and no VRF came out.
    text = ("leaf03# show vrf Tn-A \n"
            "VRF-Name                           VRF-ID State   Reason                        \n"
            "TN-A                                    3 Up      --\n"
            "VRF-NAME-3                              8 Down    Admin Down\n")
    res = parse_cli("nxos", "show vrf Tn-A", text)
    assert (res["kind"], res["status"]) == ("vrf_detail", "ok"), res["unparsed"]
    assert [(v["name"], v["id"], v["state"], v["rd"], v["fields"]) for v in res["vrfs"]] == [
        ("TN-A", 3, "Up", None, {"Reason": "--"}), ("VRF-NAME-3", 8, "Down", None, {"Reason": "Admin Down"})]


def test_a_row_like_line_above_the_vrf_table_header_is_not_a_vrf():
    res = parse_cli("nxos", "show vrf", "junk 3 Up --\nVRF-Name   VRF-ID State   Reason\nred   4 Up      --\n")
    assert [v["name"] for v in res["vrfs"]] == ["red"]
    assert res["status"] == "partial" and [u["line"] for u in res["unparsed"]] == [1]


def test_a_wrapped_nve_header_flags_line_is_header_text():
    # NX-OS 10.2+ in Cisco's VXLAN white paper: the header's "Flags" went to a line of its own.
    text = ("leaf-1# show nve vni\n"
            "Codes: CP - Control Plane        DP - Data Plane\n"
            "       HYB - Hybrid IRB mode\n"
            "\n"
            "Interface VNI      Multicast-group   State Mode Type [BD/VRF]\n"
            "Flags\n"
            "--------- -------- ----------------- ----- ---- ----------------\n"
            "nve1      1000     239.0.0.1         Up    CP   L2 [100]\n"
            "nve1      50000    n/a               Up    CP   L3 [tenant-1]\n")
    res = parse_cli("nxos", "show nve vni", text)
    assert res["status"] == "ok", res["unparsed"]
    assert [(v["vni"], v["vlan"], v["vrf"]) for v in res["vnis"]] == [(1000, "100", None), (50000, None, "tenant-1")]


def test_a_flags_line_that_does_not_follow_the_header_is_still_reported():
    text = ("Interface VNI      Multicast-group   State Mode Type [BD/VRF]      Flags\n"
            "nve1      1000     239.0.0.1         Up    CP   L2 [100]\n"
            "Flags\n")
    res = parse_cli("nxos", "show nve vni", text)
    assert res["status"] == "partial" and [u["line"] for u in res["unparsed"]] == [3]
