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
