# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS-XR layouts first met in the session-8 held-out round (public captures nobody here had seen).

Each test is a minimal twin of what broke (the full captures are in tests/data/parsers/iosxr): the rule it
checks is the general one, not the capture's values.
"""


from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli


def test_xr_evpn_detail_path_esi_line_is_understood():
    # An EVPN path learnt from a multihomed leaf names its Ethernet segment below the originator (xrdocs ncs5500).
    text = ("BGP routing table entry for [2][0][48][6c9c.ed6d.1d8b][0]/104, Route Distinguisher: 1.1.1.1:10\n"
            "Paths: (1 available, best #1)\n"
            "  Path #1: Received by speaker 0\n"
            "  Local\n"
            "    1.1.1.1 (metric 20) from 6.6.6.6 (1.1.1.1)\n"
            "      Received Label 24060\n"
            "      Origin IGP, localpref 100, valid, internal, best, group-best, import-candidate, not-in-vrf\n"
            "      Extended community: SoO:1.1.1.1:10 RT:1001:11\n"
            "      Originator: 1.1.1.1, Cluster list: 6.6.6.6\n"
            "      EVPN ESI: 0011.1111.1111.1111.1111\n")
    res = parse_cli("iosxr", "show bgp l2vpn evpn rd 1.1.1.1:10 [2][0][48][6c9c.ed6d.1d8b][0]/104 detail", text)
    assert res["status"] == "ok" and res["unparsed"] == []
    (route,) = res["routes"]
    assert (route["mac"], route["next_hop"], route["route_targets"]) == ("6c9c.ed6d.1d8b", "1.1.1.1", ["1001:11"])


def test_xr_connected_route_leaked_from_another_vrf_keeps_interface_and_vrf():
    # "show route vrf all": a BGP route imported from another VRF's connected prefix names that VRF after the
    # interface (ctc-nt/NAGATO); the interface was lost and the leak went unseen.
    text = ("VRF: test2\n\n"
            "B    50.10.100.0/24 is directly connected, 00:00:21, Loopback1001 (nexthop in vrf test1)\n"
            "C    192.0.0.0/8 is directly connected, 1w3d, EINT0/RSP0/CPU0\n")
    res = parse_cli("iosxr", "show route vrf all ipv4", text)
    assert res["status"] == "ok"
    leaked, local = res["routes"]
    assert [(p["interface"], p["nexthop_vrf"]) for p in leaked["paths"]] == [("Loopback1001", "test1")]
    assert [(p["interface"], p["nexthop_vrf"]) for p in local["paths"]] == [("EINT0/RSP0/CPU0", None)]


def test_xr_show_vrf_table_gives_names_rds_and_rts():
    # The table form of "show vrf [all|<name>]" (xrdocs multicast, ctc-nt/NAGATO) was refused as having no parser.
    text = ("Mon Feb 19 05:35:47.935 UTC\n"
            "VRF                  RD                  RT                         AFI   SAFI     \n"
            "MGMT                 not set            \n"
            "test1                1000:1001          \n"
            "                                         import  1000:1002           IPV4  Unicast  \n"
            "                                         export  1000:1001           IPV4  Unicast \n"
            "                                         import  1000:1002           IPV6  Unicast  \n")
    for cmd in ("show vrf", "show vrf all", "show vrf test1"):
        res = parse_cli("iosxr", cmd, text)
        assert res["status"] == "ok" and res["unparsed"] == []
        assert [(v["name"], v["rd"]) for v in res["vrfs"]] == [("MGMT", None), ("test1", "1000:1001")]
        test1 = res["vrfs"][1]
        assert (test1["import_rts"], test1["export_rts"]) == (["1000:1002"], ["1000:1001"])
        assert sorted(test1["address_families"]) == ["IPV4 Unicast", "IPV6 Unicast"]


def test_xr_show_vrf_table_row_it_cannot_place_is_listed():
    text = ("VRF                  RD                  RT                         AFI   SAFI\n"
            "blue                 1:1\n"
            "                                         both  1:1  IPV4  Unicast  extra\n")
    res = parse_cli("iosxr", "show vrf all", text)
    assert res["status"] == "partial" and [u["line"] for u in res["unparsed"]] == [3]


def test_xr_show_vrf_with_the_detail_layout_is_read_as_detail():
    text = "VRF blue; RD 1:1; VPN ID not set\nVRF mode: Regular\n"
    res = parse_cli("iosxr", "show vrf blue", text)
    assert [(v["name"], v["rd"]) for v in res["vrfs"]] == [("blue", "1:1")]


def test_xr_show_vrf_table_with_many_route_targets_stays_linear():
    # One VRF importing 100000 RTs: each RT is kept once through a set (a list scan per RT would be quadratic).
    rows = "".join("%41simport  %d:%d  IPV4  Unicast\n" % ("", n // 60000, n % 60000) for n in range(100000))
    text = "VRF                  RD                  RT                         AFI   SAFI\nRED                  1:1\n" + rows
    (vrf,) = parse_cli("iosxr", "show vrf all", text)["vrfs"]
    assert len(vrf["import_rts"]) == 100000


def test_xr_srv6_locator_detail_lines_are_the_rows_detail_not_locators():
    # "show segment-routing srv6 locator detail" prints, below the row, the locator's interface with
    # "IPv6 address range: <prefix>": read as a row, it made a locator named "IPv6".
    text = ("Name                  ID       Algo  Prefix                    Status   Flags   \n"
            "--------------------  -------  ----  ------------------------  -------  --------\n"
            "myuSID                3        0     fcbb:bb00:1::/48          Up       U       \n"
            "  (U): Micro-segment (behavior: uN (PSP/USD))\n"
            "  Interface:\n"
            "    Name: srv6-myuSID\n"
            "    IFH : 0x02000120\n"
            "    IPv4 address range: 0.0.0.0/0\n"
            "    IPv6 address range: fcbb:bb00:1::/48\n"
            "  Chkpt Obj ID: 0x2fc8\n"
            "  Created: Apr 25 06:21:57.077 (00:03:37 ago)\n")
    res = parse_cli("iosxr", "show segment-routing srv6 locator detail", text)
    assert [(loc["name"], loc["prefix"]) for loc in res["locators"]] == [("myuSID", "fcbb:bb00:1::/48")]
    assert res["status"] == "ok" and res["unparsed"] == []


def test_xr_bgp_neighbors_brief_is_read_as_sessions():
    # "show bgp neighbors brief" (ctc-nt/NAGATO, faisalmc/ai_agents) was refused as "the BGP neighbor detail".
    text = ("Neighbor         Spk    AS  Description                         Up/Down  NBRState\n"
            "10.20.6.2         0  2000                                      00:13:19 Established \n"
            "2620:fc7:20:6::2\n"
            "                  0  2000                                      00:13:20 Established \n"
            "10.10.10.10       0 65001 this is test thisistest 1            00:00:00 Idle \n"
            "10.10.10.11       0   1.10 core                                    1d04h Idle (Admin)\n")
    for cmd in ("show bgp neighbors brief", "show ip bgp vrf YELLOW neighbor brief"):
        res = parse_cli("iosxr", cmd, text)
        assert res["status"] == "ok" and res["unparsed"] == []
        (vrf,) = res["vrfs"]
        assert vrf["vrf"] == (None if "YELLOW" not in cmd else "YELLOW")
        assert [(n["neighbor"], n["remote_as"], n["state"], n["description"]) for n in vrf["neighbors"]] == [
            ("10.20.6.2", 2000, "Established", None), ("2620:fc7:20:6::2", 2000, "Established", None),
            ("10.10.10.10", 65001, "Idle", "this is test thisistest 1"), ("10.10.10.11", 65546, "Idle (Admin)", "core")]


def test_xr_bgp_vrf_all_neighbors_brief_names_each_vrf_and_lists_what_it_cannot_read():
    text = ("VRF: RED\n--------\n"
            "Neighbor         Spk    AS  Description                         Up/Down  NBRState\n"
            "10.1.1.2          0 65001                                      00:13:19 Established\n"
            "VRF: BLUE\n---------\n"
            "Neighbor         Spk    AS  Description                         Up/Down  NBRState\n"
            "10.2.2.2          0 65002                                      00:01:02 Active\n"
            "10.2.2.3          x 65002                                      00:01:02 Active\n")
    res = parse_cli("iosxr", "show bgp vrf all neighbors brief", text)
    assert [(v["vrf"], [n["neighbor"] for n in v["neighbors"]]) for v in res["vrfs"]] == [("RED", ["10.1.1.2"]), ("BLUE", ["10.2.2.2"])]
    assert res["status"] == "partial" and [u["line"] for u in res["unparsed"]] == [9]
