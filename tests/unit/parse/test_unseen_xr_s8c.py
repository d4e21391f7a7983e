# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS-XR layouts first met in the session-8 third held-out round (public captures nobody here had seen).

Each test is a minimal twin of what broke (the full captures are in tests/data/parsers/iosxr): the rule it
checks is the general one, not the capture's values.
"""

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.annotations import strip_annotations


def test_xr_srv6_sid_table_cut_after_context_keeps_context_and_vrf():
    # A lab guide pasted the SID table with its three first columns only (bosamart sr-mpls-iosxr-eveng-lab): the
    # header was not known, each row's context was read into its behavior and the uDT4 SID's VRF was lost.
    text = ("SID                         Behavior          Context\n"
            "--------------------------  ----------------  --------------------\n"
            "fcbb:bb00:1::               uN (PSP/USD)      'default':1\n"
            "fcbb:bb00:1:e001::          uA (PSP/USD)      [Gi0/0/0/1 ...]\n"
            "fcbb:bb00:1:e003::          uDT4              'CUST-A'\n")
    res = parse_cli("iosxr", "show segment-routing srv6 sid", text)
    assert res["status"] == "ok" and res["unparsed"] == []
    got = [(s["sid"], s["behavior"], s["context"], s["vrf"]) for s in res["sids"]]
    assert got == [("fcbb:bb00:1::", "uN (PSP/USD)", "'default':1", "default"),
                   ("fcbb:bb00:1:e001::", "uA (PSP/USD)", "[Gi0/0/0/1 ...]", None),
                   ("fcbb:bb00:1:e003::", "uDT4", "'CUST-A'", "CUST-A")]


def test_xr_short_arrow_remark_after_a_gap_is_the_authors():
    # "   <- L3VPN service" after a row (bosamart): the author's note, like "<--"; it was read into the last cell.
    text = ("SID                         Behavior          Context\n"
            "fcbb:bb00:1:e003::          uDT4              'CUST-A'             <- L3VPN (Phase 6)\n")
    (sid,) = parse_cli("iosxr", "show segment-routing srv6 sid", text)["sids"]
    assert (sid["context"], sid["vrf"]) == ("'CUST-A'", "CUST-A")
    # one blank before the arrow: a tool's own direction mark, left as it is
    flow = "default/a:80 <- default/b:1234 to-endpoint FORWARDED\n"
    assert strip_annotations(flow) is flow


def test_xr_vrf_table_with_safi_wrapped_onto_next_line():
    # "show vrf all" on an 80-column terminal: the SAFI wraps alone onto the next line (layout from a ChartinoLabs/Muninn
    # test input, not a confirmed device capture, so it is not in the corpus); every
    # route-target row and every "Unicast" line was unparsed and the VRFs' RTs were lost.
    text = ("VRF                  RD                  RT                         AFI   SAFI\n"
            "CUSTOMER_A           65000:1001\n"
            "                                         import  65000:1001          IPV4\n"
            "Unicast\n"
            "                                         export  65000:1001          IPV6\n"
            "Unicast\n"
            "OOB_MGMT             not set\n"
            "TRANSPORT            65000:901\n"
            "                                         import  65000:901           IPV4\n")
    res = parse_cli("iosxr", "show vrf all", text)
    assert res["status"] == "ok" and res["unparsed"] == []
    vrfs = {v["name"]: v for v in res["vrfs"]}
    assert (vrfs["CUSTOMER_A"]["import_rts"], vrfs["CUSTOMER_A"]["export_rts"]) == (["65000:1001"], ["65000:1001"])
    assert sorted(vrfs["CUSTOMER_A"]["address_families"]) == ["IPV4 Unicast", "IPV6 Unicast"]
    assert vrfs["OOB_MGMT"]["import_rts"] == [] and vrfs["OOB_MGMT"]["rd"] is None
    # the last row's SAFI was cut off with the capture: the RT is still the VRF's, under its AFI
    assert vrfs["TRANSPORT"]["import_rts"] == ["65000:901"] and list(vrfs["TRANSPORT"]["address_families"]) == ["IPV4"]
