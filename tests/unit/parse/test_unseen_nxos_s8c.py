# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS layouts of the session-8 third held-out round (OTUS lab captures never used before); each test is cut
down from the corpus file the layout broke."""

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.cli import normalise_command

# nxos_ip_bgp_summary_vrf_begin_neighbor_wide_counters_ales: "| b Neighbor" cuts the header away.
SUMMARY_BEGIN = (
    "C1L-Bgw-R1# sh ip bgp summary vrf laba | b Neighbor\n"
    "Neighbor        V    AS    MsgRcvd    MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\n"
    "10.10.220.46    4 65010        412        401       60    0    0 06:36:25 9         \n"
    "10.101.220.254  4  1111       4235       4083       60    0    0 07:56:19 5         \n"
    "C1L-Bgw-R1#\n")


def test_words_after_a_pipe_are_a_filter_not_command_keywords():
    # "b" was expanded to "bgp" and "Neighbor" to "neighbors": a command nobody typed, with no parser
    assert normalise_command("sh ip bgp summary vrf laba | b Neighbor") == [
        "show", "ip", "bgp", "summary", "vrf", "laba", "|", "begin", "Neighbor"]
    assert normalise_command("sh bgp l2vpn evpn | i RT") == ["show", "bgp", "l2vpn", "evpn", "|", "include", "RT"]
    assert normalise_command("show ip route vrf all | json")[-2:] == ["|", "json"]


def test_a_summary_cut_with_begin_neighbor_is_read():
    res = parse_cli("nxos", "sh ip bgp summary vrf laba | b Neighbor", SUMMARY_BEGIN)
    assert res["status"] == "ok", res["unparsed"]
    [vrf] = res["vrfs"]
    assert vrf["vrf"] == "laba"
    got = [(n["neighbor"], n["state"], n["remote_as"], n["prefixes_received"]) for n in vrf["neighbors"]]
    assert got == [("10.10.220.46", "Established", 65010, 9), ("10.101.220.254", "Established", 1111, 5)]


def test_an_nxos_summary_without_header_or_vrf_word_is_of_the_default_vrf():
    # nxos_ip_bgp_summary_begin_neighbor_one_row_ales: no "BGP summary information for VRF" line and no "vrf" typed
    text = ("C1L-Bgw-R1# sh ip bgp summary | b Neighbor\n"
            "Neighbor        V    AS    MsgRcvd    MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\n"
            "50.0.0.3        4 65012      11539      11538       16    0    0 22:25:33 3         \n")
    res = parse_cli("nxos", "sh ip bgp summary | b Neighbor", text)
    assert res["status"] == "ok", res["unparsed"]
    assert [v["vrf"] for v in res["vrfs"]] == ["default"]
    # "vrf all" names no single VRF: the rows' VRF stays unknown rather than guessed
    res = parse_cli("nxos", "show bgp vrf all ipv4 unicast summary | b Neighbor", text)
    assert [v["vrf"] for v in res["vrfs"]] == [None]


# nxos_bgp_l2vpn_evpn_summary_include_row_and_type_row_ales: "| i <neighbour>" keeps the neighbour's row and its
# NX-OS 10.x per-route-type row, and filters every header away.
SUMMARY_INCLUDE = (
    "C1L-Bgw-R1(config)# sh bgp l2vpn evpn summary | i 10.102.0.1\n"
    "\n"
    "10.102.0.1      4 65012       1478       1373      836    0    0 04:41:49 24        \n"
    "10.102.0.1      E 65012 24         7          3          0          14        \n"
    "C1L-Bgw-R1(config)# \n")


def test_a_summary_filtered_to_its_rows_is_read_without_a_header():
    res = parse_cli("nxos", "sh bgp l2vpn evpn summary | i 10.102.0.1", SUMMARY_INCLUDE)
    assert res["status"] == "ok", res["unparsed"]
    [vrf] = res["vrfs"]
    assert [(n["neighbor"], n["state"], n["remote_as"], n["prefixes_received"]) for n in vrf["neighbors"]] == [
        ("10.102.0.1", "Established", 65012, 24)]


def test_a_headerless_line_that_is_not_a_full_row_stays_unparsed():
    # a version column that is not 4/6 is no summary row: listed, not read as a neighbour
    text = "sh bgp l2vpn evpn summary | i 10.1\n10.1.1.1      9 65012  1 2 3 4 5 00:01:02 7\n"
    res = parse_cli("nxos", "sh bgp l2vpn evpn summary | i 10.1", text)
    assert res["status"] == "partial"
    assert not any(v["neighbors"] for v in res["vrfs"])
