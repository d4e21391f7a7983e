# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS ``show vrf detail`` and ``show route-map`` (layouts of NX-OS 9.3/10.x, Cisco command reference), and the
BGP row pieces NX-OS and IOS-XR share (``cisco_bgp``). Expected values are read off the text by hand.
"""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import cisco_bgp, nxos_views
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.text import Line, spans

VRF_DETAIL = """\
VRF-Name: Tenant-K8s, VRF-ID: 3, State: Up
    VPNID: unknown
    RD: 10.70.0.11:3
    VNI: 100302
    Max Routes: 0  Mid-Threshold: 0
    Table-ID: 0x80000003, AF: IPv6, Fwd-ID: 0x80000003, State: Up
    Table-ID: 0x00000003, AF: IPv4, Fwd-ID: 0x00000003, State: Up
VRF-Name: default, VRF-ID: 1, State: Up
    RD: 0.0.0.0:0
    L3VNI: x
"""


def test_vrf_detail_facts():
    res = nxos_views.nxos_vrf_detail(VRF_DETAIL)
    assert res["unparsed"] == []
    k8s, dflt = res["vrfs"]
    assert (k8s["name"], k8s["id"], k8s["state"], k8s["rd"], k8s["vni"]) == ("Tenant-K8s", 3, "Up", "10.70.0.11:3", 100302)
    assert k8s["fields"] == {"VPNID": "unknown", "Max Routes": "0  Mid-Threshold: 0", "Table-ID": "0x80000003", "AF": "IPv6",
                             "Fwd-ID": "0x80000003", "State": "Up"}
    assert (dflt["name"], dflt["id"], dflt["rd"], dflt["vni"]) == ("default", 1, "0.0.0.0:0", None)
    assert dflt["fields"] == {"L3VNI": "x"}


@pytest.mark.parametrize("key", ["VNI", "L3VNI", "Vni"])
def test_vni_spellings(key):
    (v,) = nxos_views.nxos_vrf_detail("VRF-Name: a, VRF-ID: 4, State: Down\n  %s: 7\n" % key)["vrfs"]
    assert (v["vni"], v["state"], v["id"]) == (7, "Down", 4)


def test_vrf_detail_lines_outside_a_vrf_are_listed():
    res = nxos_views.nxos_vrf_detail("RD: 1:1\nVRF-Name: a, VRF-ID: 4, State: Up\n  no colon here\n")
    assert [u["line"] for u in res["unparsed"]] == [1, 3] and res["vrfs"][0]["rd"] is None


ROUTE_MAP = """\
route-map K8-EXPORT-OTHERS, permit, sequence 10
  Match clauses:
    ip address prefix-lists: PL-TENANT1 PL-TENANT2
    community (community-list filter): CL-TENANT1
    community (community-list filter): CL-TENANT3
  Set clauses:
    community 64512:301 additive
    extcommunity RT:65000:100302,RT:65000:7 additive
    distance: 10
route-map K8-EXPORT-OTHERS, deny, sequence 20
  Match clauses:
  Set clauses:
"""


def test_route_map_entries():
    res = nxos_views.nxos_route_map(ROUTE_MAP)
    assert res["unparsed"] == []
    a, b = res["route_maps"]
    assert (a["name"], a["action"], a["sequence"]) == ("K8-EXPORT-OTHERS", "permit", 10)
    assert a["match"] == {"ip address prefix-lists": ["PL-TENANT1", "PL-TENANT2"], "community": ["CL-TENANT1", "CL-TENANT3"]}
    assert a["set"] == {"community": ["64512:301", "additive"], "extcommunity": ["RT:65000:100302", "RT:65000:7", "additive"],
                        "distance": ["10"]}
    assert b == {"name": "K8-EXPORT-OTHERS", "action": "deny", "sequence": 20, "match": {}, "set": {}}


def test_route_map_lines_before_an_entry_or_outside_a_section_are_listed():
    res = nxos_views.nxos_route_map("stray 10.0.0.1\nroute-map A, permit, sequence 5\n  odd line\n  Match clauses:\n    no colon\n")
    assert [u["line"] for u in res["unparsed"]] == [1, 3, 5]


def test_clause_lines_before_any_route_map_are_listed():
    res = nxos_views.nxos_route_map("  Match clauses:\n    ip address prefix-lists: X\n")
    assert res["route_maps"] == [] and [u["line"] for u in res["unparsed"]] == [1, 2]


def test_entries_after_a_line_not_understood_are_still_read():
    res = nxos_views.nxos_route_map("route-map A, permit, sequence 5\n  Match clauses:\n    junk\n    tag: 7\n"
                                    "route-map A, deny, sequence 10\n")
    a, b = res["route_maps"]
    assert a["match"] == {"tag": ["7"]} and (b["action"], b["sequence"]) == ("deny", 10)


@pytest.mark.parametrize("fn,name", [(nxos_views.nxos_route_map, "nxos_route_map"), (nxos_views.nxos_vrf_detail, "nxos_vrf_detail")])
def test_not_text_is_an_error_naming_the_parser(fn, name):
    with pytest.raises(ParseError) as err:
        fn(None)
    assert err.value.command == name


def test_a_match_line_without_a_colon_is_not_a_set_clause():
    res = nxos_views.nxos_route_map("route-map A, permit, sequence 5\n  Match clauses:\n    junk words\n")
    (m,) = res["route_maps"]
    assert m["set"] == {} and m["match"] == {} and [u["line"] for u in res["unparsed"]] == [3]


# --- cisco_bgp ------------------------------------------------------------------------------------------------------

LN = Line(4, "row", "row")


def test_summary_neighbor_row():
    row = cisco_bgp.summary_neighbor_row("10.0.0.2 4 1.10 10 11 5 0 1 00:01:02 7".split(), "version", "c", LN, LN)
    assert row == {"neighbor": "10.0.0.2", "version": 4, "remote_as": 65546, "msg_rcvd": 10, "msg_sent": 11, "tbl_ver": 5,
                   "in_q": 0, "out_q": 1, "up_down": "00:01:02", "state": "Established", "prefixes_received": 7}
    idle = cisco_bgp.summary_neighbor_row("fd00::2 0 65001 0 0 0 0 0 never Idle (Admin)".split(), "spk", "c", LN, LN)
    assert (idle["spk"], idle["state"], idle["prefixes_received"]) == (0, "Idle (Admin)", None)


@pytest.mark.parametrize("toks,reason,line_no", [
    ("10.0.0.2 4 65001 10 11 5 0 0 00:01:02".split(), "unrecognised neighbor row", 4),
    ("peer 4 65001 10 11 5 0 0 00:01:02 7".split(), "unrecognised neighbor row", 4),
    ("10.0.0.2 x 65001 10 11 5 0 0 00:01:02 7".split(), "expected counters in the neighbor row, got 'x'", 9),
    ("10.0.0.2 4 65001 10 11 5 0 q 00:01:02 7".split(), "expected counters in the neighbor row, got 'q'", 9),
])
def test_summary_neighbor_row_errors(toks, reason, line_no):
    with pytest.raises(ParseError) as err:
        cisco_bgp.summary_neighbor_row(toks, "version", "c", LN, Line(9, "counters", "counters"))
    assert (err.value.command, err.value.reason, err.value.line_no) == ("c", reason, line_no)


def test_summary_neighbor_row_bad_as_number():
    with pytest.raises(ParseError) as err:
        cisco_bgp.summary_neighbor_row("10.0.0.2 4 abc 10 11 5 0 0 00:01:02 7".split(), "version", "c", LN, Line(9, "x", "x"))
    assert (err.value.command, err.value.reason, err.value.line_no) == ("c", "expected AS number, got 'abc'", 4)


def test_status_flags_and_router_id_line():
    assert cisco_bgp.status_flags("* >") == {"valid": True, "best": True}
    assert cisco_bgp.status_flags("s i") == {"valid": False, "best": False}
    m = cisco_bgp.ROUTER_ID_LINE.match("BGP router identifier 10.0.0.1, local AS number 65000")
    assert (m.group("rid"), m.group("asn")) == ("10.0.0.1", "65000")
    assert cisco_bgp.IP_RE.match("fd00::1") and cisco_bgp.IP_RE.match("10.0.0.1") and not cisco_bgp.IP_RE.match("10.0.0.1\n")


HDR = "   Network            Next Hop            Metric     LocPrf     Weight Path"


def test_header_columns():
    cols = cisco_bgp.header_columns(HDR, ("Network", "Metric", "Weight"))
    assert cols == {"Network": (3, 10), "Metric": (42, 48), "Weight": (64, 70)}
    assert cisco_bgp.header_columns("Network Next Hop Metric LocPrf Weight Path", ("Network",)) is None
    assert cisco_bgp.header_columns(HDR, ("Network", "Label")) is None


def split(raw, cols=None):
    ln = Line(2, raw, raw.strip())
    toks = spans(raw)
    idx = next(i for i, t in enumerate(toks) if t[0] == "10.0.0.1")
    return cisco_bgp.split_path_attrs(toks[idx + 1:], cols, "c", ln)


COLS = cisco_bgp.header_columns(HDR, ("Network", "Next Hop", "Metric", "LocPrf", "Weight", "Path"))


@pytest.mark.parametrize("raw,metric,local_pref,weight,path,origin", [
    ("                      10.0.0.1                 0        100          0 65001 i", 0, 100, 0, "65001", "i"),
    ("                      10.0.0.1                                       0 65001 65002 e", None, None, 0, "65001 65002", "e"),
    ("                      10.0.0.1                          100          0 ?", None, 100, 0, "", "?"),
    ("                      10.0.0.1                 5                 32768 i", 5, None, 32768, "", "i"),
])
def test_split_path_attrs_by_columns(raw, metric, local_pref, weight, path, origin):
    assert split(raw, COLS) == {"metric": metric, "local_pref": local_pref, "weight": weight, "as_path": path, "origin": origin}


def test_split_path_attrs_indented_without_columns_is_inferred():
    got = split("                      10.0.0.1 0 100 0 65001 i")
    assert (got["metric"], got["local_pref"], got["weight"], got["as_path"]) == (0, 100, 0, "65001")


# Header ends: Metric 48, LocPrf 59, Weight 70; a right-aligned number may end one column past its header.
@pytest.mark.parametrize("end,field", [(49, "metric"), (50, "local_pref"), (60, "local_pref"), (61, "weight"), (71, "weight")])
def test_split_path_attrs_column_edges(end, field):
    raw = " " * 22 + "10.0.0.1"
    raw = raw + " " * (end - 1 - len(raw)) + "5"
    if field != "weight":
        raw += " " * (71 - 1 - len(raw)) + "0"
    got = split(raw + " i", COLS)
    assert got[field] == 5 and got["as_path"] == ""


def test_split_path_attrs_value_past_the_weight_column_is_the_path():
    raw = " " * 22 + "10.0.0.1"
    with pytest.raises(ParseError) as err:
        split(raw + " " * (72 - 1 - len(raw)) + "5 i", COLS)
    assert err.value.reason == "missing the weight column"


@pytest.mark.parametrize("raw,metric,local_pref,weight,path", [
    ("*> 10.1.0.0/24 10.0.0.1 0 32768 i", 0, None, 32768, ""),
    ("*> 10.1.0.0/24 10.0.0.1 0 100 32768 i", 0, 100, 32768, ""),
    ("*>i10.1.0.0/24 10.0.0.1 0 100 0 65001 i", 0, 100, 0, "65001"),
    ("*> 10.1.0.0/24 10.0.0.1 0 65001 {65002} i", None, None, 0, "65001 {65002}"),
])
def test_split_path_attrs_without_columns(raw, metric, local_pref, weight, path):
    got = split(raw)
    assert (got["metric"], got["local_pref"], got["weight"], got["as_path"], got["origin"]) == (metric, local_pref, weight, path, "i")


@pytest.mark.parametrize("raw,reason", [
    ("*> 10.1.0.0/24 10.0.0.1", "missing weight/path/origin columns"),
    ("*> 10.1.0.0/24 10.0.0.1 0 65001", "expected the origin code (i, e or ?) at the end of the route"),
    ("*> 10.1.0.0/24 10.0.0.1 0 abc i", "unexpected value 'abc' in the metric/path columns"),
    ("*> 10.1.0.0/24 10.0.0.1 1 2 3 32768 i", "cannot place the metric/local-preference columns"),
    ("*> 10.1.0.0/24 10.0.0.1 i", "missing the weight column"),
])
def test_split_path_attrs_errors(raw, reason):
    with pytest.raises(ParseError) as err:
        split(raw)
    assert (err.value.command, err.value.reason, err.value.line_no) == ("c", reason, 2)
