# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Column tables read by their header: IOS-XR ``show segment-routing srv6 sid`` / ``... locator`` and NX-OS
``show nve vni``. Layouts as printed by IOS-XR 7.x (SRv6 micro-SID) and NX-OS 9.3/10.x, as quoted in Cisco's
configuration guides; every expected value is read off the rows below.
"""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import tables
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.text import Line

SIDS = """\
*** Locator: 'MAIN' ***

SID                         Behavior          Context                           Owner               State  RW
--------------------------  ----------------  --------------------------------  ------------------  -----  --
fc00:0:1::                  uN (PSP/USD)      'default':1                       sidmgr              InUse  Y
fc00:0:1:e004::             uDT4              'VRF1'                            bgp-100             InUse  Y
fc00:0:1:e000::             uA (PSP/USD)      [Gi0/0/0/0, Link-Local]:0:P       isis-1              InUse  Y
                                              wrapped
*** Locator: 'ALT' ***
fc00:0:2:e005::             uDT6              'VRF2'                            bgp-100             InUse  Y
"""


def test_srv6_sids_facts():
    res = tables.srv6_sids(SIDS)
    assert res["unparsed"] == []
    a, b, c, d = res["sids"]
    assert a == {"sid": "fc00:0:1::", "behavior": "uN (PSP/USD)", "context": "'default':1", "owner": "sidmgr", "state": "InUse",
                 "locator": "MAIN", "vrf": "default"}
    assert (b["sid"], b["behavior"], b["vrf"], b["owner"], b["locator"]) == ("fc00:0:1:e004::", "uDT4", "VRF1", "bgp-100", "MAIN")
    assert (c["behavior"], c["context"], c["vrf"]) == ("uA (PSP/USD)", "[Gi0/0/0/0, Link-Local]:0:P wrapped", None)
    assert (d["sid"], d["vrf"], d["locator"]) == ("fc00:0:2:e005::", "VRF2", "ALT")


def test_srv6_sid_without_a_header_is_split_on_blanks():
    res = tables.srv6_sids("fc00:0:1:e004:: uDT4 'VRF1' bgp-100 InUse Y\n")
    (s,) = res["sids"]
    assert (s["sid"], s["behavior"], s["context"], s["owner"], s["state"], s["vrf"], s["locator"]) == (
        "fc00:0:1:e004::", "uDT4 'VRF1'", None, None, None, None, None)


def test_srv6_sid_lines_that_are_not_rows_are_listed():
    res = tables.srv6_sids("SID Behavior Context Owner State\nrandom words here\n  indented before any sid\n")
    assert res["sids"] == [] and [u["line"] for u in res["unparsed"]] == [2, 3]


def test_an_indented_sid_far_right_is_no_new_row():
    text = ("SID                 Behavior   Context      Owner     State\n"
            "fc00:0:1:e004::     uDT4       'VRF1'       bgp-100   InUse\n"
            "                               fc00:0:9::\n")
    (s,) = tables.srv6_sids(text)["sids"]
    assert s["context"] == "'VRF1' fc00:0:9::" and s["vrf"] == "VRF1"


def test_state_keeps_its_first_word():
    text = ("SID                 Behavior   Context      Owner     State\n"
            "fc00:0:1:e004::     uDT4       'VRF1'       bgp-100   InUse Y\n")
    assert tables.srv6_sids(text)["sids"][0]["state"] == "InUse"


LOCATORS = """\
Name                  ID       Algo  Prefix                    Status   Flags
--------------------  -------  ----  ------------------------  -------  --------
MAIN                  1        0     fc00:0:1::/48             Up       U
ALGO128               2        128   fc00:1:1::/48             Down
NOID                  x        fc00:2::/48
"""


def test_srv6_locators_facts():
    res = tables.srv6_locators(LOCATORS)
    assert res["unparsed"] == []
    assert res["locators"] == [
        {"name": "MAIN", "id": 1, "algo": 0, "prefix": "fc00:0:1::/48", "status": "Up", "flags": "U"},
        {"name": "ALGO128", "id": 2, "algo": 128, "prefix": "fc00:1:1::/48", "status": "Down", "flags": None},
        {"name": "NOID", "id": None, "algo": None, "prefix": "fc00:2::/48", "status": None, "flags": None}]


def test_locator_rows_need_the_header_and_a_name_before_the_prefix():
    assert [u["line"] for u in tables.srv6_locators("MAIN 1 0 fc00:0:1::/48 Up\n")["unparsed"]] == [1]
    res = tables.srv6_locators("Name ID Algo Prefix Status\nfc00:0:1::/48 Up\nMAIN 1 0 10.0.0.0/8 Up\n")
    assert res["locators"] == [] and [(u["line"], u["may_hold_facts"]) for u in res["unparsed"]] == [(2, True), (3, True)]


NVE = """\
Codes: CP - Control Plane        DP - Data Plane
       UC - Unconfigured         SA - Suppress ARP
       SU - Suppress Unknown Unicast
       Xconn - Crossconnect
       MS-IR - Multisite Ingress Replication

Interface VNI      Multicast-group   State Mode Type [BD/VRF]      Flags
--------- -------- ----------------- ----- ---- ------------------ -----
nve1      10010    UnicastBGP        Up    CP   L2 [10]            SA
nve1      100302   n/a               Up    CP   L3 [Tenant-K8s]
nve2      5000     239.1.1.1         Down  DP   L2 [20]
"""


def test_nve_vni_facts():
    res = tables.nxos_nve_vni(NVE)
    assert res["unparsed"] == []
    assert res["vnis"] == [
        {"interface": "nve1", "vni": 10010, "multicast_group": "UnicastBGP", "state": "Up", "mode": "CP", "type": "L2",
         "vrf": None, "vlan": "10", "flags": "SA"},
        {"interface": "nve1", "vni": 100302, "multicast_group": "n/a", "state": "Up", "mode": "CP", "type": "L3",
         "vrf": "Tenant-K8s", "vlan": None, "flags": None},
        {"interface": "nve2", "vni": 5000, "multicast_group": "239.1.1.1", "state": "Down", "mode": "DP", "type": "L2",
         "vrf": None, "vlan": "20", "flags": None}]


def test_nve_type_without_brackets_and_a_bad_row():
    res = tables.nxos_nve_vni("nve1 7 n/a Up CP L3\nnve1 x n/a Up CP L3 [a]\n")
    assert [(v["vni"], v["type"], v["vrf"], v["vlan"]) for v in res["vnis"]] == [(7, "L3", None, None)]
    assert [u["line"] for u in res["unparsed"]] == [2]


# --- header / cut ---------------------------------------------------------------------------------------------------


def test_header_needs_every_word_in_order_as_whole_words():
    names = (("A", "a"), ("Bb", "b"))
    assert tables.header(Line(1, "A   Bb", "A   Bb"), names) == [("a", 0), ("b", 4)]
    assert tables.header(Line(1, "Bb  A", "Bb  A"), names) is None
    assert tables.header(Line(1, "A   Bbx", "A   Bbx"), names) is None
    assert tables.header(Line(1, "xA  Bb", "xA  Bb"), names) is None


def test_cut_keeps_a_word_that_spills_left_of_its_column():
    cols = [("a", 0), ("b", 6), ("c", 12)]
    assert tables.cut(Line(1, "aa    bb    cc", "aa    bb    cc"), cols) == {"a": "aa", "b": "bb", "c": "cc"}
    assert tables.cut(Line(1, "aa  bbbb    cc", "aa  bbbb    cc"), cols) == {"a": "aa", "b": "bbbb", "c": "cc"}
    assert tables.cut(Line(1, "aa    bb  cccc", "aa    bb  cccc"), cols) == {"a": "aa", "b": "bb", "c": "cccc"}
    assert tables.cut(Line(1, "aa", "aa"), cols) == {"a": "aa", "b": "", "c": ""}


def test_cut_moves_an_edge_back_by_an_odd_number_of_columns():
    cols = [("a", 0), ("b", 6), ("c", 12)]
    assert tables.cut(Line(1, "aa bbbbb    cc", "aa bbbbb    cc"), cols) == {"a": "aa", "b": "bbbbb", "c": "cc"}


def test_a_sid_indented_to_the_behavior_column_continues_the_context():
    text = ("SID                 Behavior   Context      Owner     State\n"
            "fc00:0:1:e004::     uDT4       'VRF1'       bgp-100   InUse\n"
            "                    fc00:0:9::\n")
    (s,) = tables.srv6_sids(text)["sids"]
    assert s["context"] == "'VRF1' fc00:0:9::"


def test_without_a_header_a_sid_row_starts_in_the_first_column():
    res = tables.srv6_sids(" fc00:0:1:e004:: uDT4 'VRF1' bgp-100 InUse Y\n")
    assert res["sids"] == [] and [u["line"] for u in res["unparsed"]] == [1]
    (s,) = tables.srv6_sids("fc00::1 uA (PSP/USD) 'x' own InUse Y\n")["sids"]
    assert s["behavior"] == "uA (PSP/USD) 'x'"


@pytest.mark.parametrize("fn,name", [(tables.srv6_sids, "srv6_sids"), (tables.srv6_locators, "srv6_locators"),
                                     (tables.nxos_nve_vni, "nxos_nve_vni")])
def test_not_text_is_an_error_naming_the_parser(fn, name):
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError
    with pytest.raises(ParseError) as err:
        fn(42)
    assert err.value.command == name
