# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS layouts first met in outputs the parsers had never seen (each cut down from a corpus file it broke)."""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli

TABLE_HEAD = """BGP routing table information for VRF default, address family IPv4 Unicast
BGP table version is 174, Local Router ID is 10.145.0.6
Status: s-suppressed, x-deleted, S-stale, d-dampened, h-history, *-valid, >-best
Path type: i-internal, e-external, c-confed, l-local, a-aggregate, r-redist, I-injected
Origin codes: i - IGP, e - EGP, ? - incomplete, | - multipath, & - backup

   Network            Next Hop            Metric     LocPrf     Weight Path
"""


def test_a_dampened_row_is_a_route_with_its_status_kept():
    # nxos_bgp_vrf_all_all_as_set_dampened_genie_unittest: "d" then a blank then the path type.
    text = TABLE_HEAD + (
        "d e10.4.0.0/24        10.106.102.3                                     0 888 10 20 i\n"
        "*>i10.49.0.0/16       10.106.101.1                        100          0 10 20 i\n")
    res = parse_cli("nxos", "show bgp vrf all all", text)
    assert res["status"] == "ok", res["unparsed"]
    rows = {(r["prefix"], r["next_hop"], r["status"], r["valid"]) for r in res["routes"]}
    assert rows == {("10.4.0.0/24", "10.106.102.3", "de", False), ("10.49.0.0/16", "10.106.101.1", "*>i", True)}


@pytest.mark.parametrize("row,prefix", [
    ("*>idead::/16        2001:db8::1                         100          0 i", "dead::/16"),
    ("*> dc00::/8         2001:db8::1                         100          0 i", "dc00::/8"),
    ("d edb8::/32         2001:db8::1                                      0 i", "db8::/32"),
])
def test_a_d_before_a_letter_stays_part_of_an_ipv6_prefix(row, prefix):
    res = parse_cli("nxos", "show bgp ipv6 unicast", TABLE_HEAD + row + "\n")
    assert [r["prefix"] for r in res["routes"]] == [prefix]


def test_inbound_soft_reconfiguration_notes_are_not_unread_route_lines():
    # nxos_bgp_vrf_default_all_received_routes_genie_unittest
    text = ("Inbound soft reconfiguration for IPv4 Unicast not performed on 10.186.0.2\n\n"
            "Peer 10.186.0.2 routes for address family IPv4 Multicast:\n" + TABLE_HEAD.split("\n", 2)[2]
            + "*>i10.16.0.0/8          10.186.0.2                 0        100          0 ?\n\n"
            "Inbound soft reconfiguration for VPNv4 Unicast not performed on 10.186.0.2\n")
    res = parse_cli("nxos", "show bgp vrf default all neighbors 10.186.0.2 received-routes", text)
    assert res["status"] == "ok", res["unparsed"]
    assert [(r["prefix"], r["next_hop"]) for r in res["routes"]] == [("10.16.0.0/8", "10.186.0.2")]


VPN_EXPORTED_ENTRY = """BGP routing table information for VRF TEST2, address family IPv4 Unicast
BGP routing table entry for 1.0.4.0/24, version 205990
Paths: (1 available, best #1)
Flags: (0x08001a) on xmit-list, is in urib, is best urib route
  vpn: version 50886804, (0x100002) on xmit-list
  local label: 132

  Advertised path-id 1
  Path type: redist, path is valid, is best path
  AS-Path: NONE, path locally originated
    0.0.0.0 (metric 0) from 0.0.0.0 (10.2.12.240)
      Origin incomplete, MED 45, localpref 100, weight 32768
      Community: 65004:2731
      Extcommunity:
          RT:65004:1
          OSPF DOMAIN ID:0x0005:0x000000000200
          OSPF RT:0.0.0.0:5:0
          OSPF ROUTER ID:10.5.192.251
          RT:65004:273

  VRF advertise information:
  Path-id 1 not advertised to any peer

  VPN AF advertise information:
"""


def test_a_vrf_entry_exported_to_vpnv4_reads_its_ospf_extcommunities_and_vpn_lines():
    # nxos_ip_bgp_vrf_prefix_imported_napalm / _no_header_vpn_label_napalm (RTs after the OSPF ones are invented here)
    res = parse_cli("nxos", "show ip bgp vrf TEST2 1.0.4.0/24", VPN_EXPORTED_ENTRY)
    assert res["status"] == "ok", res["unparsed"]
    [path] = res["routes"]
    assert path["route_targets"] == ["65004:1", "65004:273"]
    assert "OSPF DOMAIN ID:0x0005:0x000000000200" in path["extcommunities"]
    assert "OSPF RT:0.0.0.0:5:0" in path["extcommunities"]


def test_a_row_cut_at_column_80_is_read_again_as_one_line():
    # nxos_bgp_l2vpn_evpn_80col_wrapped_as_path_lab: a terminal 80 columns wide cuts the AS path in the middle of a number.
    row = "                      10.30.1.11                                     0 65030 650"
    assert len(row) == 80
    text = TABLE_HEAD + "*>e[5]:[0]:[0]:[24]:[10.30.10.0]/224\n" + row + "\r\n31 ?\r\n"
    res = parse_cli("nxos", "show bgp l2vpn evpn", text)
    assert res["status"] == "ok", res["unparsed"]
    [route] = res["routes"]
    assert (route["prefix"], route["next_hop"], route["weight"], route["as_path"], route["origin"]) == \
        ("10.30.10.0/24", "10.30.1.11", 0, "65030 65031", "?")


def test_a_short_row_followed_by_numbers_is_not_glued_to_them():
    # Only a row that reached the terminal width goes on below; a short complete row keeps its own attributes.
    text = TABLE_HEAD + "*>e10.30.10.0/24      10.30.1.11                                     0 65030 ?\n31 i\n"
    res = parse_cli("nxos", "show bgp ipv4 unicast", text)
    assert [r["as_path"] for r in res["routes"]] == ["65030"]
    assert [u["text"] for u in res["unparsed"]] == ["31 i"]


@pytest.mark.parametrize("command,first", [
    ("show bgp l2vpn evpn summary", "sh bgp l2vpn evpnBGP summary information for VRF default, address family L2VPN EVPN"),
    ("show ip bgp summary", "show ip route vrf all  BGP summary information for VRF default, address family IPv4 Unicast"),
])
def test_a_header_glued_to_a_command_typed_ahead_is_read(command, first):
    # nxos_bgp_l2vpn_evpn_summary_wrapped_header_typeahead_lab: the next command, typed while the box was answering,
    # is echoed in front of the output's first line.
    text = ("Leaf-11# " + command + "\r\n" + first + "\r\n"
            "BGP router identifier 10.30.0.11, local AS number 65031\r\n\r\n"
            "Neighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\r\n"
            "10.30.4.0       4 65030    3627    3612       72    0    0 02:08:32 10\r\n")
    res = parse_cli("nxos", command, text)
    assert res["status"] == "ok", res["unparsed"]
    assert [(v["vrf"], [n["neighbor"] for n in v["neighbors"]]) for v in res["vrfs"]] == [("default", ["10.30.4.0"])]


def test_a_route_table_header_glued_to_a_typed_ahead_command_names_the_vrf():
    text = ('Leaf-11# sh ip route vrf all\nsh running-config bgpIP Route Table for VRF "L3VNI_Transit"\n'
            "10.30.10.1/32, ubest/mbest: 1/0, attached\n    *via 10.30.10.1, Vlan10, [190/0], 00:08:50, hmm\n")
    res = parse_cli("nxos", "show ip route vrf all", text)
    assert res["status"] == "ok", res["unparsed"]
    assert [(r["vrf"], r["prefix"]) for r in res["routes"]] == [("L3VNI_Transit", "10.30.10.1/32")]


ROUTE_HEAD = 'IP Route Table for VRF "prod"\n\'*\' denotes best ucast next-hop\n\n'


def test_a_via_line_cut_at_column_80_goes_on_at_column_1():
    # nxos_ip_route_vrf_segid_wrapped_null0_lab: "..., tag 65000, seg" then "id: 10222 tunnelid: ..." at column 1.
    via = "    *via 10.1.0.3%default, [20/0], 03:07:53, bgp-65003, external, tag 65000, seg"
    assert len(via) == 80
    text = ROUTE_HEAD + "192.168.20.10/32, ubest/mbest: 1/0\n" + via + "\nid: 10222 tunnelid: 0xa010003 encap: VXLAN\n\n"
    res = parse_cli("nxos", "show ip route vrf prod", text)
    assert res["status"] == "ok", res["unparsed"]
    [path] = res["routes"][0]["paths"]
    assert (path["next_hop"], path["nexthop_vrf"]) == ("10.1.0.3", "default")
    assert path["tags"][-1] == "segid: 10222 tunnelid: 0xa010003 encap: VXLAN"


def test_an_unindented_line_below_a_short_via_line_is_not_taken_as_its_rest():
    text = ROUTE_HEAD + "8.8.8.8/32, ubest/mbest: 1/0\n    *via 10.2.3.2, [20/0], 02:13:57, bgp-65003, external, tag 65010\n" \
        "id: 10222 tunnelid: 0xa010003 encap: VXLAN\n"
    res = parse_cli("nxos", "show ip route vrf prod", text)
    assert [u["text"] for u in res["unparsed"]] == ["id: 10222 tunnelid: 0xa010003 encap: VXLAN"]
    assert res["routes"][0]["paths"][0]["tags"] == ["external", "tag 65010"]


def test_a_vrf_description_printed_below_its_label_is_the_description():
    # NX-OS 'show vrf detail' of a VRF with a description: "Description:" alone, the text on the next line.
    text = ("VRF-Name: PEER, VRF-ID: 3, State: Up\n    Description:\n        VPC KEEP-ALIVE: mgmt0\n    VPNID: unknown\n"
            "    RD: 0:0\n    Max Routes: 0  Mid-Threshold: 0\n"
            "    Table-ID: 0x00000003, AF: IPv4, Fwd-ID: 0x00000003, State: Up\n\n"
            "VRF-Name: blue, VRF-ID: 4, State: Up\n    VPNID: unknown\n    RD: 65000:4\n")
    res = parse_cli("nxos", "show vrf detail", text)
    assert res["status"] == "ok", res["unparsed"]
    assert [(v["name"], v["rd"], v["fields"].get("Description")) for v in res["vrfs"]] == \
        [("PEER", "0:0", "VPC KEEP-ALIVE: mgmt0"), ("blue", "65000:4", None)]


@pytest.mark.parametrize("types_header,types_row", [
    ("Neighbor        T    AS Type-1     Type-2     Type-3     Type-4     Type-5     Type-6     Type-7     Type-8     Type-12",
     "10.1.11.2       I 65000 0          14         8          0          14         0          0          0          0"),
    ("Neighbor        T    AS PfxRcd     Type-2     Type-3     Type-4     Type-5",
     "10.1.11.2       I 65000 36         14         8          0          14"),
])
def test_the_per_route_type_table_below_an_evpn_summary_adds_no_neighbour(types_header, types_row):
    # nxos_bgp_l2vpn_evpn_summary_route_type_columns_lab (NX-OS 10.3+: Type-1 .. Type-12, no PfxRcd column): its rows
    # were read as a second neighbour row with 0 prefixes received.
    text = ("BGP summary information for VRF default, address family L2VPN EVPN\r\r\n"
            "BGP router identifier 1.1.1.1, local AS number 65001\r\r\n\r\r\n"
            "Neighbor        V    AS    MsgRcvd    MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\r\r\n"
            "10.1.11.2       4 65000        375        226      287    0    0 03:31:54 36        \r\r\n\r\r\n"
            + types_header + "\r\r\n" + types_row + "\r\r\n")
    res = parse_cli("nxos", "show bgp l2vpn evpn summary", text)
    assert res["status"] == "ok", res["unparsed"]
    assert [(n["neighbor"], n["state"], n["prefixes_received"]) for v in res["vrfs"] for n in v["neighbors"]] == \
        [("10.1.11.2", "Established", 36)]


@pytest.mark.parametrize("command", ["show ip route bgp", "sh ip ro bgp vrf SERVICE", "show ipv6 route bgp-65000"])
def test_the_routing_table_filtered_to_bgp_is_read_as_a_routing_table(command):
    # tumanov-va/COD-Network-Design LAB-4 'show ip route bgp': it went to the BGP table parser and nothing was read.
    text = ROUTE_HEAD + "10.0.0.4/32, ubest/mbest: 2/0\n    *via 10.2.1.0, [20/0], 00:00:01, bgp-65001, external, tag 65000\n"
    res = parse_cli("nxos", command, text)
    assert res["kind"] == "route_table" and res["status"] == "ok", res["unparsed"]
    assert [(r["prefix"], [p["next_hop"] for p in r["paths"]]) for r in res["routes"]] == [("10.0.0.4/32", ["10.2.1.0"])]


def test_a_bgp_command_naming_routes_stays_a_bgp_command():
    res = parse_cli("nxos", "show bgp vrf all ipv4 unicast neighbors 10.1.1.1 routes", TABLE_HEAD)
    assert res["kind"] == "bgp_table"


@pytest.mark.parametrize("command,line", [
    ("show ipv6 route vrf VRF3", 'No IP Route Table for VRF "VRF3"'),
    ("show ip route vrf BLUE", 'No IP Route Table for VRF "BLUE"'),
])
def test_no_route_table_for_the_vrf_is_a_typed_empty_answer(command, line):
    # genieparser test_show_routing.py golden_output_3 of ShowIpv6Route (NX-OSv): the VRF has no table.
    res = parse_cli("nxos", command, "R3_nxosv# " + command + "\n" + line + "\n")
    assert (res["status"], res["message"], res["routes"], res["unparsed"]) == ("empty", line, [], [])


def test_a_path_type_line_cut_at_column_80_keeps_its_best_path_flag():
    # R0gerWilco/OTUS_DC Module2/Lesson05: "Path type: ..., is best pa" / "th, no labeled nexthop, in rib" at column 1.
    # NX-OS 10.x prints the path's internal ids there, which pushes "is best path" across column 80.
    cut = "  Path type: internal 0x40000018 0x800040 ref 0 adv path ref 2, path is valid, i"
    assert len(cut) == 80
    text = ("BGP routing table information for VRF default, address family IPv4 Unicast\n"
            "BGP routing table entry for 10.0.0.102/32, version 14\nPaths: (1 available, best #1)\n"
            "Flags: (0x8008001a) (high32 00000000) on xmit-list, is in urib, is best urib rou\nte, is in HW\n\n"
            "  Advertised path-id 1\n" + cut + "\ns best path, in rib\n  AS-Path: NONE, path sourced internal to AS\n"
            "    10.201.101.1 (metric 0) from 10.201.101.1 (10.0.0.201)\n"
            "      Origin incomplete, MED 0, localpref 100, weight 0\n")
    res = parse_cli("nxos", "show ip bgp 10.0.0.102/32", text)
    assert res["status"] == "ok", res["unparsed"]
    [path] = res["routes"]
    assert (path["next_hop"], path["valid"], path["best"]) == ("10.201.101.1", True, True)
    assert path["status"].endswith("path is valid, is best path, in rib")


def test_a_best_path_cut_before_the_word_best_is_read_once_joined():
    text = ("BGP routing table entry for 10.0.0.0/8, version 1\nPaths: (1 available, best #1)\n"
            "  Path type: internal, path is valid, not best reason: Neighbor Address, multipa\nth, no labeled nexthop\n"
            "    10.1.1.1 (metric 0) from 10.1.1.1 (10.0.0.201)\n")
    [path] = parse_cli("nxos", "show ip bgp 10.0.0.0/8", text)["routes"]
    assert (path["valid"], path["best"]) == (True, False)


def test_a_line_longer_than_the_terminal_was_not_cut_so_the_next_line_is_not_its_rest():
    # A capture on a wide terminal prints the whole via line; an unindented line below it is not a continuation.
    via = "    *via 10.1.0.4%default, [20/0], 14:44:52, bgp-65001, external, tag 65000, segid: 10222 tunnelid: 0xa010004"
    text = ROUTE_HEAD + "192.168.20.20/32, ubest/mbest: 1/0\n" + via + "\n**LEAF103**\n"
    res = parse_cli("nxos", "show ip route vrf prod", text)
    assert [u["text"] for u in res["unparsed"]] == ["**LEAF103**"]
    assert res["routes"][0]["paths"][0]["tags"][-1] == "segid: 10222 tunnelid: 0xa010004"
