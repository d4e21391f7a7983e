# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS-XR layouts first met in the second session-8 held-out round (public captures nobody here had seen).

Most come from an XRv 7.1/7.2 SRv6 lab of Dec 2020 (toshi01kudo/SR-MPLS_Multi_AS_MPBGP_Practice), a release the
corpus had no capture of. Each test is a minimal twin of what broke: the rule it checks is the general one.
"""


from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli

# An entry line exactly 80 columns wide: the parser took it for a line cut at the terminal width.
_ENTRY_80 = "BGP routing table entry for 100.64.10.29/32, Route Distinguisher: 100.64.10.5:10"


def test_xr_entry_line_of_80_columns_is_not_joined_to_versions():
    assert len(_ENTRY_80) == 80
    text = (_ENTRY_80 + "\n"
            "Versions:\n"
            "  Process           bRIB/RIB  SendTblVer\n"
            "  Speaker                 235         235\n"
            "Paths: (1 available, best #1)\n"
            "  Not advertised to any peer\n"
            "  Path #1: Received by speaker 0\n"
            "  Not advertised to any peer\n"
            "  65029, (received & used)\n"
            "    fd00:6:6::6 (metric 10) from fd00:6:6::6 (100.64.0.6)\n"
            "      Origin incomplete, metric 0, localpref 100, valid, internal, best, group-best, import-candidate\n"
            "      Extended community: RT:89:10\n")
    res = parse_cli("iosxr", "show bgp vpnv4 uni rd 100.64.10.5:10 100.64.10.29/32", text)
    (route,) = res["routes"]
    assert route["rd"] == "100.64.10.5:10"  # was "100.64.10.5:10Versions:"


def test_xr71_path_srv6_vpn_sid_with_tlv_type_prefix():
    # XR 7.1: the entry's own SID above the paths, the path's received SID with its service TLV type ("T1-").
    text = (_ENTRY_80 + "\n"
            "Versions:\n"
            "  Process           bRIB/RIB  SendTblVer\n"
            "  Speaker                 235         235\n"
            "    SRv6-VPN SID: fd00:5:5:0:42::/128\n"
            "Paths: (1 available, best #1)\n"
            "  Path #1: Received by speaker 0\n"
            "  65029, (received & used)\n"
            "    fd00:6:6::6 (metric 10) from fd00:6:6::6 (100.64.0.6)\n"
            "      Received Label 3\n"
            "      Origin incomplete, metric 0, localpref 100, valid, internal, best, group-best, import-candidate\n"
            "      Extended community: RT:89:10\n"
            "      SRv6-VPN-SID: T1-fd00:6:6:0:42:: [total 1]\n")
    res = parse_cli("iosxr", "show bgp vpnv4 unicast rd 100.64.10.5:10 100.64.10.29/32", text)
    assert res["status"] == "ok", res["unparsed"]
    (route,) = res["routes"]
    assert route["sid"] == "fd00:6:6:0:42::"  # the remote PE's SID, not this PE's own


def test_xr71_per_ce_gateway_array_line_is_understood():
    text = ("BGP routing table entry for 100.64.20.39/32, Route Distinguisher: 100.64.20.5:20\n"
            "Versions:\n"
            "  Process           bRIB/RIB  SendTblVer\n"
            "  Speaker                 231         231\n"
            "    SRv6-VPN SID: fd00:5:5:0:45::/128\n"
            "    Gateway Array ID: 1, Resilient per-CE nexthop set ID: 1\n"
            "Paths: (1 available, best #1)\n"
            "  Path #1: Received by speaker 0\n"
            "  65039\n"
            "    172.24.39.9 from 172.24.39.9 (100.64.20.39)\n"
            "      Origin incomplete, metric 0, localpref 100, valid, external, best, group-best, import-candidate\n"
            "      Extended community: RT:89:20\n")
    res = parse_cli("iosxr", "show bgp vpnv4 unicast rd 100.64.20.5:20 100.64.20.39/32", text)
    assert res["status"] == "ok" and res["unparsed"] == []
    (route,) = res["routes"]
    assert (route["next_hop"], route["rd"], route["sid"]) == ("172.24.39.9", "100.64.20.5:20", "fd00:5:5:0:45::")


def test_xr71_locator_detail_without_algo_column_and_marked_name():
    text = ("Name                  ID       Prefix                    Status\n"
            "--------------------  -------  ------------------------  -------\n"
            "No5*                  1        fd00:5:5::/64             Up\n"
            "  Interface:\n"
            "    Name: srv6-No5\n"
            "    IFH : 0x00000014\n"
            "    IPv6 address: fd00:5:5::/64\n"
            "  Chkpt Obj ID: 0x2f60\n"
            "  Created: Jan  7 05:02:14.468 (05:11:27 ago)\n")
    res = parse_cli("iosxr", "show segment-routing srv6 locator No5 detail", text)
    assert res["status"] == "ok", res["unparsed"]
    (loc,) = res["locators"]
    assert (loc["name"], loc["prefix"], loc["algo"], loc["status"]) == ("No5", "fd00:5:5::/64", None, "Up")


def test_xr_locator_sid_table_takes_its_locator_from_the_command():
    # "show ... locator <name> sid" prints no "*** Locator ***" banner: every row belongs to the locator named.
    text = ("SID                         Behavior     Context                           Owner               State  RW\n"
            "--------------------------  -----------  ------------------------------    ------------------  -----  --\n"
            "fd00:5:5:0:1::              End (PSP)    'default':1                       sidmgr              InUse  Y\n"
            "fd00:5:5:0:42::             End.DT4      'UG-A'                            bgp-65091           InUse  Y\n")
    res = parse_cli("iosxr", "show segment-routing srv6 locator No5 sid", text)
    assert [(s["sid"], s["locator"], s["vrf"]) for s in res["sids"]] == [
        ("fd00:5:5:0:1::", "No5", "default"), ("fd00:5:5:0:42::", "No5", "UG-A")]
    # without a locator in the command, none is invented
    res = parse_cli("iosxr", "show segment-routing srv6 sid", text)
    assert {s["locator"] for s in res["sids"]} == {None}


def test_xr_sid_with_type_prefix_on_a_line_of_near_sids_is_no_sid():
    # the optional "T<n>-" before the SID must not take a run of near-SIDs for one (its time is guarded, in a child
    # process, by test_fuzz_findings_s8's slow cases)
    line = "      SRv6-VPN-SID: T1-" + "fd00:" * 4000 + "x\n"
    text = _ENTRY_80 + "\nPaths: (1 available, best #1)\n  Path #1: Received by speaker 0\n" + line
    res = parse_cli("iosxr", "show bgp vpnv4 unicast rd 100.64.10.5:10 100.64.10.29/32", text)
    assert not any(r.get("sid") for r in res["routes"])


def test_xr_full_length_locator_detail_counts_its_sids():
    # A full-length (non-uSID) locator's detail, XR 7.x with the Algo and Flags columns: "Number of SIDs: 0" is bookkeeping.
    text = ("RP/0/RP0/CPU0:Y-PE1#show segment-routing srv6 locator myLoc1 detail \n"
            "Sat Sep 21 03:39:45.913 UTC\n"
            "Name                  ID       Algo  Prefix                    Status   Flags   \n"
            "--------------------  -------  ----  ------------------------  -------  --------\n"
            "myLoc1                1        0     2001:db8:0:4::/64         Up               \n"
            "  Interface: \n"
            "    Name: srv6-myLoc1\n"
            "    IFH : 0x0000001c\n"
            "    IPv6 address: 2001:db8:0:4::/64\n"
            "  Number of SIDs: 0\n"
            "  Created: Sep 21 03:29:46.339 (00:09:59 ago)\n")
    res = parse_cli("iosxr", "show segment-routing srv6 locator myLoc1 detail", text)
    assert res["status"] == "ok", res["unparsed"]
    assert [(x["name"], x["prefix"], x["algo"]) for x in res["locators"]] == [("myLoc1", "2001:db8:0:4::/64", 0)]


def test_xr_evpn_rd_received_sids_is_a_table_even_without_its_header():
    # XRd 24.4 (NSO srv6-demo): the RD argument looks like a prefix and the capture has no "Network" header; the rows
    # were "not understood" by the entry (detail) reader.
    text = ("RP/0/RP0/CPU0:pe-01#show bgp l2vpn evpn rd 10.10.20.112:2 received-sids\n"
            "Route Distinguisher: 10.10.20.112:2\n"
            "Route Distinguisher Version: 13\n"
            "*>i[2][0][48][0242.0a01.0203][0]/104           fd00::12                                    5f00:0:12:e004::\n"
            "*>i[3][0][32][10.10.20.112]/80                 fd00::12                                    5f00:0:12:e005::\n")
    res = parse_cli("iosxr", "show bgp l2vpn evpn rd 10.10.20.112:2 received-sids", text)
    assert res["kind"] == "bgp_table"
    macs = [(r["mac"], r["next_hop"], r["rd"], r["sid"]) for r in res["routes"] if r["mac"]]
    assert macs == [("0242.0a01.0203", "fd00::12", "10.10.20.112:2", "5f00:0:12:e004::")]
