# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS layouts of the session-8 fourth held-out round (OTUS lab captures of ilya0693 and dontmesswithnets);
each test is cut down from the corpus file the layout broke."""

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli

# nxos_bgp_l2vpn_evpn_then_summary_nve_peers_dontmesswithnets: the table asked for, then two more commands pasted.
EVPN_THEN_SUMMARY = (
    "leaf-1.1# sh bgp l2vpn evpn\n"
    "BGP routing table information for VRF default, address family L2VPN EVPN\n"
    "BGP table version is 20, Local Router ID is 3.3.3.1\n"
    "\n"
    "   Network            Next Hop            Metric     LocPrf     Weight Path\n"
    "Route Distinguisher: 1.1.1.21:1010\n"
    "*>e[3]:[0]:[32]:[1.1.1.2]/88\n"
    "                      1.1.1.2                                        0 420000002\n"
    "2 i\n"
    "\n"
    "leaf-1.1# sh bgp l2vpn evpn summary\n"
    "BGP summary information for VRF default, address family L2VPN EVPN\n"
    "BGP router identifier 3.3.3.1, local AS number 4200000021\n"
    "\n"
    "Neighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\n"
    "3.3.3.3         4 4200000022\n"
    "                             38      41       20    0    0 00:23:38 2\n"
    "leaf-1.1# ^C\n"
    "leaf-1.1# sh nve peers\n"
    "nve1      1.1.1.2                                 Up    CP        00:26:23 n/a\n")


def test_rows_of_a_later_command_in_the_same_paste_are_not_read_as_paths():
    # The summary row "3.3.3.3  4 4200000022" was read as one more path of [3]:[0]:[32]:[1.1.1.2]/88, next hop 3.3.3.3
    res = parse_cli("nxos", "sh bgp l2vpn evpn", EVPN_THEN_SUMMARY)
    assert [(r["rd"], r["route"], r["next_hop"]) for r in res["routes"]] == [("1.1.1.21:1010", "[3]:[0]:[32]:[1.1.1.2]/88", "1.1.1.2")]
    # the rest is reported (partial), from the later prompt on, naming the command it belongs to
    assert res["status"] == "partial"
    assert res["unparsed"][0]["line"] == 11
    assert all("sh bgp l2vpn evpn summary" in u["reason"] for u in res["unparsed"])
    assert any(u["may_hold_facts"] for u in res["unparsed"])


def test_a_later_prompt_of_the_same_command_does_not_cut_the_capture():
    # the same table asked again (another VRF would be another command) stays one capture
    one = EVPN_THEN_SUMMARY.split("leaf-1.1# sh bgp l2vpn evpn summary\n", maxsplit=1)[0]
    res = parse_cli("nxos", "show bgp l2vpn evpn", one + one)
    assert res["status"] == "ok", res["unparsed"]
    assert len(res["routes"]) >= 1
