# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Routing tables, one fact per case: every route carries the VRF of the table it was printed under, each
``via`` is a path with its next hop, next-hop VRF, interface, [distance/metric], age, protocol and tags.

Layouts are NX-OS ``show ip route`` / ``show ipv6 route`` and IOS-XR ``show route`` (brief and ``detail``)
as printed by NX-OS 9.3/10.x and IOS-XR 7.x (Cisco command references); expected values are read off the rows.
"""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import routes

NX = """\
IP Route Table for VRF "default"
'*' denotes best ucast next-hop
'**' denotes best mcast next-hop
'[x/y]' denotes [preference/metric]
'%<string>' in via output denotes VRF <string>

10.0.0.0/24, ubest/mbest: 1/0, attached
    *via 10.0.0.1, Eth1/1, [0/0], 1d02h, direct
10.1.0.0/24, ubest/mbest: 2/0
    *via 10.77.0.111%default, [20/0], 00:10:11, bgp-65000, external, tag 64512, segid: 100302
    via 10.77.0.112, [200/5], 00:10:12, bgp-65000, internal
IP Route Table for VRF "Tenant-K8s"
0.0.0.0/0, ubest/mbest: 1/0
    *via vrf default, Null0, [20/0], 00:00:01, bgp-65000, external, tag 65000
10.9.0.0/16, ubest/mbest: 1/0
    *via Null0, [1/0], 3w2d, static
"""


def test_nxos_routes_paths_and_vrfs():
    res = routes.nxos_route_table(NX)
    assert res["unparsed"] == []
    a, b, c, d = res["routes"]
    assert (a["vrf"], a["prefix"], a["protocol"], a["connected"], a["flags"], a["code"], a["srv6"]) == (
        "default", "10.0.0.0/24", "direct", True, ["attached"], None, None)
    assert a["paths"] == [{"next_hop": "10.0.0.1", "nexthop_vrf": None, "interface": "Eth1/1", "distance": 0, "metric": 0,
                           "age": "1d02h", "best": True, "protocol": "direct", "tags": []}]
    assert (b["vrf"], b["protocol"], b["connected"], b["flags"]) == ("default", "bgp", False, [])
    p1, p2 = b["paths"]
    assert (p1["next_hop"], p1["nexthop_vrf"], p1["interface"], p1["distance"], p1["metric"], p1["age"], p1["best"], p1["protocol"],
            p1["tags"]) == ("10.77.0.111", "default", None, 20, 0, "00:10:11", True, "bgp-65000", ["external", "tag 64512", "segid: 100302"])
    assert (p2["next_hop"], p2["best"], p2["distance"], p2["metric"], p2["tags"]) == ("10.77.0.112", False, 200, 5, ["internal"])
    assert (c["vrf"], c["prefix"]) == ("Tenant-K8s", "0.0.0.0/0")
    assert (c["paths"][0]["next_hop"], c["paths"][0]["nexthop_vrf"], c["paths"][0]["interface"]) == (None, "default", "Null0")
    assert (d["vrf"], d["protocol"], d["paths"][0]["interface"], d["paths"][0]["next_hop"], d["paths"][0]["age"]) == (
        "Tenant-K8s", "static", "Null0", None, "3w2d")


def test_nxos_vrf_is_default_when_neither_command_nor_output_names_one():
    (r,) = routes.nxos_route_table("10.0.0.0/24, ubest/mbest: 1/0\n    *via 10.0.0.1, [1/0], 00:00:01, static\n")["routes"]
    assert r["vrf"] == "default"


@pytest.mark.parametrize("via,nh,iface", [("sup-eth1", None, "sup-eth1"), ("FE80::1", "FE80::1", None), ("fe80::1", "fe80::1", None),
                                          ("Null0", None, "Null0")])
def test_nxos_via_an_interface_or_an_address(via, nh, iface):
    (r,) = routes.nxos_route_table("10.0.0.0/24, ubest/mbest: 1/0\n    *via %s, [0/0], 1d, local\n" % via)["routes"]
    assert (r["paths"][0]["next_hop"], r["paths"][0]["interface"], r["paths"][0]["protocol"]) == (nh, iface, "local")


def test_nxos_default_vrf_until_a_table_line():
    res = routes.nxos_route_table("10.0.0.0/24, ubest/mbest: 1/0\n    *via 10.0.0.1, [1/0], 00:00:01, static\n", default_vrf="red")
    assert [(r["vrf"], r["prefix"]) for r in res["routes"]] == [("red", "10.0.0.0/24")]


def test_nxos_ipv6_table_and_mcast_best():
    text = ('IPv6 Routing Table for VRF "blue"\n'
            "fd00:1::/64, ubest/mbest: 1/1\n"
            "    **via fd00::1, Eth1/2, [200/0], 00:00:05, bgp-65000, internal\n")
    (r,) = routes.nxos_route_table(text)["routes"]
    assert (r["vrf"], r["prefix"], r["paths"][0]["next_hop"], r["paths"][0]["best"], r["paths"][0]["interface"]) == (
        "blue", "fd00:1::/64", "fd00::1", True, "Eth1/2")


def test_nxos_wrapped_via_line_is_joined():
    text = ("10.1.0.0/24, ubest/mbest: 1/0\n"
            "    *via 10.77.0.111%default, [20/0], 00:10:11, bgp-65000, external,\n"
            "tag 64512\n"
            "10.2.0.0/24, ubest/mbest: 1/0\n"
            "    *via 10.77.0.111, [20/0], 00:10:11, bgp-650\n"
            "        00, external\n"
            "10.3.0.0/24, ubest/mbest: 1/0\n"
            "    *via 10.77.0.111, [20/0], 00:10:11\n"
            ", bgp-65000\n")
    a, b, c = routes.nxos_route_table(text)["routes"]
    assert (a["paths"][0]["protocol"], a["paths"][0]["tags"]) == ("bgp-65000", ["external", "tag 64512"])
    assert (b["paths"][0]["protocol"], b["paths"][0]["tags"]) == ("bgp-65000", ["external"])
    assert c["paths"][0]["protocol"] == "bgp-65000" and c["protocol"] == "bgp"


def test_nxos_lines_that_are_not_routes_are_listed_and_not_found_is_not():
    text = "Route not found\nNo routes found\n----------\nNode 1 (bgp)\n10.0.0.0/24 garbage\n    *via 10.0.0.1, [1/0]\n"
    res = routes.nxos_route_table(text)
    assert res["routes"] == [] and [(u["line"], u["may_hold_facts"]) for u in res["unparsed"]] == [(5, True), (6, True)]


def test_nxos_a_route_without_paths_has_no_protocol():
    (r,) = routes.nxos_route_table("10.0.0.0/24, ubest/mbest: 0/0\n")["routes"]
    assert (r["paths"], r["protocol"]) == ([], None)


XR = """\
VRF: blue

Codes: C - connected, S - static, R - RIP, B - BGP, (>) - Diversion path
       O - OSPF, IA - OSPF inter area
       i - ISIS, L1 - IS-IS level-1, L2 - IS-IS level-2, ia - IS-IS inter area

Gateway of last resort is not set

C    10.23.0.0/24 is directly connected, 1d02h, GigabitEthernet0/0/0/1
L    10.23.0.1/32 is directly connected, 1d02h, GigabitEthernet0/0/0/1
B    10.71.1.0/24 [200/0] via 2016::1 (nexthop in vrf default), 00:10:11
B    10.72.0.0/16 [20/0] via 10.0.0.2, 00:01:02, GigabitEthernet0/0/0/2
                 [20/0] via 10.0.0.3, 00:01:03 (!)
"""


def test_iosxr_routes_paths_and_vrf():
    res = routes.iosxr_route_table(XR)
    assert res["unparsed"] == [] and res["gateway_of_last_resort"] is None
    c, loc, b1, b2 = res["routes"]
    assert (c["vrf"], c["prefix"], c["code"], c["protocol"], c["connected"]) == ("blue", "10.23.0.0/24", "C", "C", True)
    assert c["paths"] == [{"next_hop": None, "nexthop_vrf": None, "interface": "GigabitEthernet0/0/0/1", "distance": 0, "metric": 0,
                           "age": "1d02h", "best": True, "protocol": None, "tags": [], "backup": False}]
    assert (loc["code"], loc["prefix"]) == ("L", "10.23.0.1/32")
    assert b1["paths"] == [{"next_hop": "2016::1", "nexthop_vrf": "default", "interface": None, "distance": 200, "metric": 0,
                            "age": "00:10:11", "best": True, "protocol": None, "tags": [], "backup": False}]
    p1, p2 = b2["paths"]
    assert (p1["next_hop"], p1["interface"], p1["age"], p1["backup"]) == ("10.0.0.2", "GigabitEthernet0/0/0/2", "00:01:02", False)
    assert (p2["next_hop"], p2["age"], p2["backup"], p2["distance"]) == ("10.0.0.3", "00:01:03", True, 20)


def test_iosxr_default_vrf_and_gateway():
    res = routes.iosxr_route_table("Gateway of last resort is 10.0.0.1 to network 0.0.0.0\n"
                                   "S*   0.0.0.0/0 [1/0] via 10.0.0.1, 3w1d\n", default_vrf="red")
    (r,) = res["routes"]
    assert res["gateway_of_last_resort"] == "10.0.0.1 to network 0.0.0.0"
    assert (r["vrf"], r["code"], r["protocol"], r["paths"][0]["age"]) == ("red", "S*", "S", "3w1d")


def test_iosxr_two_letter_codes_and_wrapped_route():
    text = ("B    10.72.0.0/16 [20/0] via 10.0.0.2,\n"
            "00:01:02\n"
            "O IA 10.9.0.0/16 [110/20] via 10.0.0.9, 1d, Gi0/0/0/3\n")
    a, b = routes.iosxr_route_table(text)["routes"]
    assert a["paths"][0]["age"] == "00:01:02"
    assert (b["code"], b["protocol"], b["paths"][0]["interface"], b["paths"][0]["age"]) == ("O IA", "O", "Gi0/0/0/3", "1d")


def test_iosxr_srv6_endpoint_and_a_route_without_path():
    text = ("L    fc00:0:1:e004::/64 SRv6 Endpoint uDT4 (PSP/USD), 1d02h\n"
            "B    10.99.0.0/24 something odd\n")
    a, b = routes.iosxr_route_table(text)["routes"]
    assert a["srv6"] == {"behavior": "uDT4", "flavor": "PSP/USD"} and a["paths"] == []
    res = routes.iosxr_route_table(text)
    assert [(u["line"], u["reason"]) for u in res["unparsed"]] == [(2, "route without a path")]


def test_iosxr_detail_entry():
    text = ("Routing entry for 10.71.1.0/24\n"
            "  Known via \"bgp 65000\", distance 200, metric 0, type internal\n"
            "  Installed Dec  7 01:02:03.456 for 00:10:11\n"
            "  Routing Descriptor Blocks\n"
            "    2016::1, from 2016::1\n"
            "      Nexthop in Vrf: \"default\", Table: \"default\", IPv6 Unicast, Table Id: 0xe0800000\n"
            "      SRv6 Headend: H.Encaps.Red [f3216], SID-list {fc00:0:2:e004::}\n"
            "    directly connected, via GigabitEthernet0/0/0/1\n")
    res = routes.iosxr_route_table(text, default_vrf="blue")
    assert res["unparsed"] == []
    (r,) = res["routes"]
    assert (r["vrf"], r["prefix"], r["protocol"], r["connected"]) == ("blue", "10.71.1.0/24", "bgp", True)
    p1, p2 = r["paths"]
    assert (p1["next_hop"], p1["from"], p1["nexthop_vrf"], p1["distance"], p1["metric"], p1["protocol"], p1["sid"], p1["sid_list"]) == (
        "2016::1", "2016::1", "default", 200, 0, "bgp", "fc00:0:2:e004::", ["fc00:0:2:e004::"])
    assert (p2["next_hop"], p2["interface"]) == (None, "GigabitEthernet0/0/0/1")
    assert (p1["age"], p1["best"], p1["tags"], p1["backup"], p2["nexthop_vrf"], p2["from"]) == (None, True, [], False, None, None)
    assert "_dist" not in r


def test_iosxr_detail_sid_list_of_two():
    text = ("Routing entry for 10.71.1.0/24\n"
            "    2016::1, from 2016::1\n"
            "      SRv6 Headend: H.Encaps.Red, SID-list {fc00:0:2:e004::, fc00:0:3::}\n")
    (r,) = routes.iosxr_route_table(text)["routes"]
    assert (r["vrf"], r["paths"][0]["sid"], r["paths"][0]["sid_list"]) == ("default", "fc00:0:2:e004::", ["fc00:0:2:e004::", "fc00:0:3::"])


def test_iosxr_vrf_line_switches_the_vrf():
    text = "VRF: a\nS    10.0.0.0/8 [1/0] via 10.0.0.1, 1d\nVRF: b\nS    10.0.0.0/8 [1/0] via 10.0.0.2, 1d\n"
    assert [(r["vrf"], r["paths"][0]["next_hop"]) for r in routes.iosxr_route_table(text)["routes"]] == [("a", "10.0.0.1"), ("b", "10.0.0.2")]


def test_iosxr_not_a_route_is_listed():
    res = routes.iosxr_route_table("% No matching routes\nsomething 10.0.0.1\n")
    assert res["routes"] == [] and [(u["line"], u["may_hold_facts"]) for u in res["unparsed"]] == [(2, True)]
