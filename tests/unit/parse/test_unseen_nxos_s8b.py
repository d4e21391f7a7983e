# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS layouts of the session-8 second held-out round (ACI leaf/spine captures of TitusM/Cisco-Data-Center,
multi-site captures of zhengyili3/Network); each test is cut down from the corpus file the layout broke."""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import nxos, parse_cli
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.errors import ParseError

# nxos_ip_extcommunity_list_aci_no_seq_titusm: an ACI leaf prints a list's entries without sequence numbers.
ACI_EXTLIST = (
    "leaf-101# show ip extcommunity-list 3047424-shared-svc-leak\n"
    "Standard Extended Community List 3047424-shared-svc-leak\n"
    "    permit RT:65001:3047424\n")


def test_an_extcommunity_list_entry_without_a_sequence_is_read_with_none():
    res = parse_cli("nxos", "show ip extcommunity-list 3047424-shared-svc-leak", ACI_EXTLIST)
    assert res["status"] == "ok", res["unparsed"]
    assert res["lists"] == [{"name": "3047424-shared-svc-leak", "type": "standard",
                             "entries": [{"sequence": None, "action": "permit", "values": ["RT:65001:3047424"]}]}]


def test_the_line_by_line_reader_agrees_on_entries_without_a_sequence():
    # the reference reader the one-scan reader must agree with (it takes texts with escapes, backspaces, odd lines)
    res = nxos._lists_by_line(ACI_EXTLIST + "    deny RT:65001:1\n", nxos.CMD_EXTCOMMLIST, extended=True)
    assert [(e["sequence"], e["action"], e["values"]) for e in res["lists"][0]["entries"]] == [
        (None, "permit", ["RT:65001:3047424"]), (None, "deny", ["RT:65001:1"])]


def test_a_community_list_mixing_numbered_and_unnumbered_entries_keeps_both():
    text = ("Standard Community List CL1\n"
            "    10 permit 65001:100\n"
            "    deny 65001:200\n")
    res = parse_cli("nxos", "show ip community-list", text)
    assert res["status"] == "ok", res["unparsed"]
    assert [(e["sequence"], e["action"], e["values"]) for e in res["lists"][0]["entries"]] == [
        (10, "permit", ["65001:100"]), (None, "deny", ["65001:200"])]


def test_a_word_starting_like_an_action_is_still_not_an_entry():
    with pytest.raises(ParseError, match="unrecognised line at line 4"):
        nxos.parse_nxos_extcommunity_list(ACI_EXTLIST + "permitted by default\n")


# nxos_bgp_l2vpn_evpn_summary_vrf_overlay_wrapped_header_titusm: the header cut after "Up/Down", "State/PfxRcd" below.
WRAPPED_HEADER = (
    "Spine109# show bgp l2vpn evpn summary vrf overlay-1\n"
    "BGP summary information for VRF overlay-1, address family L2VPN EVPN\n"
    "BGP router identifier 172.16.1.3, local AS number 65001\n"
    "BGP table version is 70, L2VPN EVPN config peers 1, capable peers 1\n"
    "0 network entries and 0 paths using 0 bytes of memory\n"
    "BGP attribute entries [0/0], BGP AS path entries [0/0]\n"
    "BGP community entries [0/0], BGP clusterlist entries [0/0]\n"
    "\n"
    "Neighbor         V    AS MsgRcvd MsgSent   TblVer   InQ OutQ Up/Down\n"
    "State/PfxRcd\n"
    "172.16.2.3       4 65002     61       61      70      0    0 00:52:33 0\n")


def test_a_summary_header_cut_before_state_pfxrcd_is_one_header():
    res = parse_cli("nxos", "show bgp l2vpn evpn summary vrf overlay-1", WRAPPED_HEADER)
    assert res["status"] == "ok", res["unparsed"]
    [vrf] = res["vrfs"]
    assert vrf["vrf"] == "overlay-1"
    assert [(n["neighbor"], n["remote_as"], n["state"], n["prefixes_received"]) for n in vrf["neighbors"]] == [
        ("172.16.2.3", 65002, "Established", 0)]


# nxos_ip_route_vrf_aci_wrapped_rwvnid_titusm: the via cut after "rwVnid:", its value at column 1 of the next line.
RWVNID_WRAP = (
    "leaf-101# show ip route vrf tenant-1:VRF-1\n"
    "IP Route Table for VRF \"tenant-1:VRF-1\"\n"
    "'*' denotes best ucast next-hop\n"
    "'**' denotes best mcast next-hop\n"
    "'[x/y]' denotes [preference/metric]\n"
    "'%<string>' in via output denotes VRF <string>\n"
    "\n"
    "5.5.5.5/32, ubest/mbest: 1/0\n"
    "    *via 10.0.40.68%overlay-1, [200/0], 00:01:10, bgp-65001, internal, tag 65002, rwVnid:\n"
    "vxlan-3112960\n"
    "10.12.12.0/30, ubest/mbest: 1/0\n"
    "    *via 10.0.40.64%overlay-1, [200/0], 02:14:17, bgp-65001, internal, tag 65001\n")


def test_a_via_cut_after_a_keys_colon_takes_its_value_from_the_next_line():
    res = parse_cli("nxos", "show ip route vrf tenant-1:VRF-1", RWVNID_WRAP)
    assert res["status"] == "ok", res["unparsed"]
    first, second = res["routes"]
    assert (first["prefix"], first["paths"][0]["next_hop"], first["paths"][0]["nexthop_vrf"]) == (
        "5.5.5.5/32", "10.0.40.68", "overlay-1")
    assert first["paths"][0]["tags"] == ["internal", "tag 65002", "rwVnid: vxlan-3112960"]
    assert (second["prefix"], second["paths"][0]["next_hop"]) == ("10.12.12.0/30", "10.0.40.64")


def test_a_line_at_column_1_after_a_complete_via_is_still_reported():
    text = RWVNID_WRAP.replace(" rwVnid:\n", " rwVnid: vxlan-3112960\n", 1)  # the value not cut: the line below is stray
    res = parse_cli("nxos", "show ip route vrf tenant-1:VRF-1", text)
    assert res["status"] == "partial"
    assert [u["text"] for u in res["unparsed"]] == ["vxlan-3112960"]


# nxos_vrf_aci_leaf_indented_titusm: an ACI leaf prints the "show vrf" table, header and rows, one blank in.
def test_a_vrf_table_indented_as_a_whole_is_read():
    text = ("leaf_201# show vrf\n"
            " VRF-Name                           VRF-ID State    Reason\n"
            " black-hole                              3 Up       --\n"
            " overlay-1                               4 Up       --\n")
    res = parse_cli("nxos", "show vrf", text)
    assert res["status"] == "ok", res["unparsed"]
    assert [(v["name"], v["id"], v["state"]) for v in res["vrfs"]] == [("black-hole", 3, "Up"), ("overlay-1", 4, "Up")]


def test_an_indented_row_under_a_flush_header_is_still_reported():
    text = ("VRF-Name                           VRF-ID State    Reason\n"
            "default                                 1 Up       --\n"
            "   stray                                9 Up       --\n")
    res = parse_cli("nxos", "show vrf", text)
    assert [v["name"] for v in res["vrfs"]] == ["default"]
    assert [u["line"] for u in res["unparsed"]] == [3]


def test_the_summary_parser_id_takes_the_header_cut_before_state_pfxrcd_too():
    res = nxos.parse_nxos_bgp_summary(WRAPPED_HEADER)
    [vrf] = res["vrfs"]
    assert [(n["neighbor"], n["remote_as"], n["prefixes_received"]) for n in vrf["neighbors"]] == [("172.16.2.3", 65002, 0)]


def test_the_summary_parser_id_refuses_a_header_ending_at_up_down_alone():
    cut = WRAPPED_HEADER.replace("State/PfxRcd\n", "")
    with pytest.raises(ParseError, match="without its State/PfxRcd column"):
        nxos.parse_nxos_bgp_summary(cut)
