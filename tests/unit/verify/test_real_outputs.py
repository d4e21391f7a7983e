# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The verdict on real devices' outputs of other releases than the lab's, and on error answers.

The verifier reads every capture with ``parse_cli`` and its typed shapes. Here
real outputs of the parser corpus (``tests/data/parsers``: NX-OS 7.x/9.x from
ntc-templates, IOS-XR XRd 7.x from the Cisco SRv6 lab guide, Cilium's own
documentation; each file cites its source in the JSON beside it) are fed
through ``verify()`` for an intent whose facts they hold: the assertions pass,
and changing one fact of the intent fails them with the finding that fact
names. Then: a device's error answer (``% Invalid command``) or an empty
capture can never make a check pass.
"""

import copy
import os

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model, snapshot, verify
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.expect import expectations
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_partial

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CORPUS = os.path.join(ROOT, "tests", "data", "parsers")
SEED = os.path.join(ROOT, "tests", "fixtures", "snapshots", "seed")


def corpus(rel):
    with open(os.path.join(CORPUS, rel), encoding="utf-8") as fh:
        return fh.read()


def verdicts(data, outputs):
    """{assertion id: (status, [finding ids])} and the findings, *outputs* mapping (device, command) -> corpus file."""
    assert model.validate(data) == [], model.validate(data)
    exp = expectations(model.plan(data))
    texts = {key: corpus(rel) for key, rel in outputs.items()}
    assert set(texts) <= {(c.device, c.command) for c in exp.captures}, "a corpus file for a capture intent does not plan"
    ver = verify.verify(exp, lambda cap: texts.get((cap.device, cap.command)))
    return {r.assertion.id: (r.status, [f.id for f in r.findings]) for r in ver.results}, ver


# ---------------------------------------------------------------- NX-OS: `show ip bgp summary vrf all` (ntc-templates)

LEAF = """
fabric: {asn: 65001}
leaves:
  - name: N9K
    router_id: 192.168.1.1
    transit_vrf: {name: RED, l3vni: 100301, loopback: {interface: loopback11, address: 192.168.1.1/32}}
clusters:
  - name: oss
    flavour: oss
    cilium_version: "1.16.15"
    asn: 65002
    node_selector: {matchLabels: {bgp: enabled}}
    bgp_peers:
      - {device: N9K, address: 192.168.1.1, ebgp_multihop: 2}
    nodes:
      - {name: n1, address: 192.168.1.2, pod_cidrs: [10.0.1.0/24]}
tenants:
  - name: t1
    mode: evpn_community
    cluster: oss
    community: "65002:301"
    vrf: {name: T1, l3vni: 100302}
    leaves: []
    lb_pools: [{name: p1, cidr: 20.0.10.0/24}]
    service_selector: {matchLabels: {svc: t1}}
    expected_prefixes: [20.0.10.1/32, 20.0.10.2/32, 20.0.10.3/32, 20.0.10.4/32, 20.0.10.5/32, 20.0.10.6/32, 20.0.10.7/32]
"""
# Four VRFs (RED, WHITE, BLUE, PURPLE), 7 prefixes from 192.168.1.2 in RED; served for the RED capture.
NX_SUMMARY = {("N9K", "show bgp vrf RED ipv4 unicast summary"): "nxos/nxos_ip_bgp_summary_vrf_ntc.txt"}


def nx_session(data):
    return "N9K/RED/session/%s/ipv4/unicast/n1" % data["clusters"][0]["nodes"][0]["address"]


def test_nxos_vrf_all_summary_proves_the_transit_session():
    data = yaml.safe_load(LEAF)
    got, _ver = verdicts(data, NX_SUMMARY)
    assert got[nx_session(data)] == ("pass", [])


def test_nxos_vrf_all_summary_one_prefix_more_than_received():
    data = yaml.safe_load(LEAF)
    data["tenants"][0]["expected_prefixes"].append("20.0.10.8/32")
    got, _ver = verdicts(data, NX_SUMMARY)
    assert got[nx_session(data)] == ("fail", ["prefix-count-low"])


def test_nxos_vrf_all_summary_a_neighbour_of_another_vrf_is_not_the_session():
    data = yaml.safe_load(LEAF)
    data["clusters"][0]["nodes"][0]["address"] = "192.168.2.2"  # Established, 7 prefixes, but in VRF WHITE
    got, _ver = verdicts(data, NX_SUMMARY)
    assert got[nx_session(data)] == ("fail", ["session-family-missing"])


# ---------------------------------------------------------------- IOS-XR (XRd 7.x, the Cisco SRv6 dCloud lab guide)

PE = """
fabric: {asn: 65000}
pes:
  - name: xrd01
    router_id: 10.0.0.1
    source_address: "fc00:0:1111::1"
    srv6_locator: {name: MAIN, prefix: "fc00:0:1111::/48"}
clusters:
  - name: iso
    flavour: isovalent
    cilium_version: "1.17.6"
    asn: 65000
    node_selector: {matchLabels: {bgp: enabled}}
    bgp_peers:
      - {device: xrd01, address: "fc00:0:1111::1"}
    srv6:
      locator_pool:
        name: pool0
        prefix: "fc00:0::/32"
        locator_len_bits: 48
        behavior_type: uSID
        structure: {locator_block_len_bits: 32, locator_node_len_bits: 16, function_len_bits: 16, argument_len_bits: 0}
    nodes:
      - {name: berlin, address: "fc00:0:7777::1", srv6_locator: "fc00:0:7777::/48"}
tenants:
  - name: carrots
    mode: srv6_l3vpn
    cluster: iso
    vrf: {name: carrots, id: 10}
    rd: "10.0.0.1:0"
    import_rts: ["9:9"]
    export_rts: ["9:9"]
    namespace_selector: {matchLabels: {ns: carrots}}
    pod_selector: {matchLabels: {vrf: carrots}}
    destination_cidrs: [0.0.0.0/0]
    pod_cidrs: [40.0.0.0/24]
    pe_loopbacks:
      - {device: xrd01, interface: Loopback100, address: 10.9.1.1/24}
    expected_prefixes: [40.0.0.0/24]
  - name: beets
    mode: srv6_l3vpn
    cluster: iso
    vrf: {name: beets, id: 11}
    rd: "10.0.0.1:1"
    import_rts: ["9:10"]
    export_rts: ["9:10"]
    namespace_selector: {matchLabels: {ns: beets}}
    pod_selector: {matchLabels: {vrf: beets}}
    destination_cidrs: [0.0.0.0/0]
    pod_cidrs: [10.200.0.0/24]
    pe_loopbacks:
      - {device: xrd01, interface: Loopback101, address: 10.201.0.1/32}
    expected_prefixes: [10.200.0.0/24]
"""
# `show bgp vpnv4 unicast` of every RD (color-marked next hops `C:40`), served for the carrots capture: the
# routes of the other RDs must not count; and `show bgp vpnv4 uni vrf carrots 40.0.0.0/24` (detail, a
# transposed SRv6 SID) served for the received-sids capture.
XR_TABLE = {("xrd01", "show bgp vpnv4 unicast vrf carrots"): "iosxr/xr_bgp_vpnv4_srv6_color_nexthop_xrd_srv6lab.txt"}
XR_DETAIL = {("xrd01", "show bgp vpnv4 unicast received-sids"): "iosxr/xr_bgp_vpnv4_vrf_prefix_transposed_sid_srv6lab.txt"}


def test_xrd_vpnv4_table_proves_presence_and_isolation():
    got, _ver = verdicts(yaml.safe_load(PE), XR_TABLE)
    assert got["xrd01/carrots/prefix-present/40.0.0.0/24"] == ("pass", [])
    assert got["xrd01/carrots/prefix-present/10.9.1.0/24"] == ("pass", [])  # the VRF loopback's connected route
    assert got["xrd01/carrots/isolation/beets"] == ("pass", [])


def test_xrd_vpnv4_table_a_missing_prefix():
    data = yaml.safe_load(PE)
    data["tenants"][0]["expected_prefixes"].append("60.0.0.0/24")
    got, _ver = verdicts(data, XR_TABLE)
    assert got["xrd01/carrots/prefix-present/60.0.0.0/24"] == ("fail", ["prefix-missing"])


def test_xrd_vpnv4_table_another_tenants_block_is_a_leak():
    data = yaml.safe_load(PE)
    data["tenants"][1]["pod_cidrs"] = ["10.107.2.0/24"]  # printed in carrots' RD, imported from 10.0.0.7
    got, ver = verdicts(data, XR_TABLE)
    assert got["xrd01/carrots/isolation/beets"] == ("fail", ["prefix-leak"])
    (leak,) = [f for f in ver.findings if f.id == "prefix-leak"]
    assert (leak.device, leak.vrf, leak.rd, leak.prefix, leak.tenant) == ("xrd01", "carrots", "10.0.0.1:0", "10.107.2.0/24", "beets")


def test_xrd_vpnv4_table_routes_of_another_rd_are_not_this_vrfs():
    data = yaml.safe_load(PE)
    data["tenants"][0]["rd"] = "10.0.0.6:0"  # the table's 10.0.0.6:0 holds 10.9.6.0/24 only
    data["tenants"][0]["expected_prefixes"] = ["40.0.0.0/24", "10.9.6.0/24"]
    got, _ver = verdicts(data, XR_TABLE)
    assert got["xrd01/carrots/prefix-present/10.9.6.0/24"] == ("pass", [])
    assert got["xrd01/carrots/prefix-present/40.0.0.0/24"] == ("fail", ["prefix-missing"])


def test_xrd_detail_proves_the_received_sid():
    got, _ver = verdicts(yaml.safe_load(PE), XR_DETAIL)
    assert got["xrd01/carrots/received-sid/40.0.0.0/24"] == ("pass", [])


def test_xrd_detail_sid_outside_the_node_locator():
    data = yaml.safe_load(PE)
    data["clusters"][0]["nodes"][0]["srv6_locator"] = "fc00:0:8888::/48"
    got, _ver = verdicts(data, XR_DETAIL)
    assert got["xrd01/carrots/received-sid/40.0.0.0/24"] == ("fail", ["sid-outside-locator"])


def test_the_strict_id_parser_could_not_read_the_xrd_table():
    """Why it matters: the id parser the verifier used before leaves lines of this table that hold routes."""
    res = parse_partial("iosxr.bgp_vpnv4_vrf", corpus(XR_TABLE[("xrd01", "show bgp vpnv4 unicast vrf carrots")]))
    assert any(u["may_hold_facts"] for u in res["unparsed"])


# ---------------------------------------------------------------- Cilium (docs.cilium.io, BGP control plane operation)

CLUSTER = """
fabric: {asn: 65000}
leaves:
  - name: leaf1
    router_id: 10.70.0.11
    transit_vrf: {name: Transit, l3vni: 100301, loopback: {interface: loopback11, address: 192.168.1.1/32}}
clusters:
  - name: kind
    flavour: oss
    cilium_version: "1.16.15"
    asn: 65001
    node_selector: {matchLabels: {bgp: enabled}}
    bgp_peers:
      - {device: leaf1, address: "fd00:10::1"}
    nodes:
      - {name: bgpv2-cplane-dev-service-control-plane, address: "fd00:10:0:1::2", pod_cidrs: [10.1.0.0/24]}
tenants:
  - name: t1
    mode: evpn_community
    cluster: kind
    community: "65000:99"
    vrf: {name: T1, l3vni: 100302}
    leaves: []
    lb_pools: [{name: p1, cidr: 20.0.10.0/24}]
    service_selector: {matchLabels: {svc: t1}}
    expected_prefixes: [10.1.0.0/24]
"""
NODE = "bgpv2-cplane-dev-service-control-plane"
CILIUM = {("kind", "cilium bgp peers"): "cilium/cilium_bgp_peers_docs_operation.txt",
          ("kind", "cilium bgp routes advertised ipv4 unicast"): "cilium/cilium_bgp_routes_advertised_docs_operation.txt"}


def test_cilium_docs_outputs_prove_session_and_community():
    got, _ver = verdicts(yaml.safe_load(CLUSTER), CILIUM)
    assert got["kind/-/session/fd00:10::1/ipv4/unicast/%s" % NODE] == ("pass", [])
    assert got["kind/-/cilium-community/%s/10.1.0.0/24" % NODE] == ("pass", [])


def test_cilium_docs_outputs_another_community():
    data = yaml.safe_load(CLUSTER)
    data["tenants"][0]["community"] = "65000:98"
    got, _ver = verdicts(data, CILIUM)
    assert got["kind/-/cilium-community/%s/10.1.0.0/24" % NODE] == ("fail", ["cilium-community-missing"])


def test_cilium_docs_outputs_fewer_advertised_than_intent():
    data = yaml.safe_load(CLUSTER)
    data["tenants"][0]["expected_prefixes"] = ["10.1.0.0/24", "20.0.10.1/32", "20.0.10.2/32"]  # 3 > 2 advertised
    got, _ver = verdicts(data, CILIUM)
    assert got["kind/-/session/fd00:10::1/ipv4/unicast/%s" % NODE] == ("fail", ["prefix-count-low"])


def test_cilium_docs_outputs_another_nodes_route_is_not_this_nodes():
    data = yaml.safe_load(CLUSTER)
    data["tenants"][0]["expected_prefixes"] = ["10.1.1.0/24"]  # the worker's pod CIDR, not the control plane's
    got, _ver = verdicts(data, CILIUM)
    assert got["kind/-/cilium-community/%s/10.1.1.0/24" % NODE] == ("fail", ["cilium-not-advertising"])


# ---------------------------------------------------------------- error answers and empty captures never pass

ERRORS = {
    "nxos": ["% Invalid command at '^' marker.", "% Incomplete command at '^' marker.", "% Invalid parameter detected at '^' marker."],
    "iosxr": ["% Invalid input detected at '^' marker.", "% Incomplete command.", "% Ambiguous command"],
    "cilium": ['Error: unknown command "bgp" for "cilium"', "Error: unable to connect to the Cilium agent"],
}


def _seed_exp():
    with open(os.path.join(ROOT, "inventories", "lab", "group_vars", "all", "tenancy.yml")) as fh:
        return expectations(model.plan(yaml.safe_load(fh)["tenancy"]))


EXP = _seed_exp()
SNAP = snapshot.load(SEED)
SEED_CAPTURES = [c for c in EXP.captures if SNAP.lookup(c) is not None and any(a.capture == c or c in a.extra for a in EXP.assertions)]


def _on(ver, cap):
    return [r for r in ver.results if r.assertion.capture == cap or cap in r.assertion.extra]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(cap=st.sampled_from(SEED_CAPTURES), data=st.data(), echo=st.booleans(), caret=st.booleans())
def test_an_error_answer_never_passes_a_check(cap, data, echo, caret):
    platform = "cilium" if cap.command.startswith("kubectl") else cap.platform
    message = data.draw(st.sampled_from(ERRORS[platform] + (['error: the server doesn\'t have a resource type "sidmanager"']
                                                            if cap.command.startswith("kubectl") else [])))
    prompt = {"nxos": "%s# " % cap.device, "iosxr": "RP/0/RP0/CPU0:%s#" % cap.device, "cilium": "user@host:~$ "}[cap.platform]
    text = (prompt + cap.command + "\n" if echo else "") + ("          ^\n" if caret else "") + message + "\n"
    ver = verify.verify(EXP, lambda c: text if c == cap else SNAP.lookup(c))
    mine = _on(ver, cap)
    assert mine and all(r.status == "unproven" and not r.findings for r in mine)
    assert dict(ver.captures)[cap] == "cli-error"
    (f,) = [f for f in ver.findings if f.command == cap.command and f.device == cap.device]
    assert (f.id, f.severity) == ("parse-error", "error") and message.strip() in f.message
    assert "not an empty table" in f.message and not ver.passed


@pytest.mark.parametrize("cap", SEED_CAPTURES, ids=lambda c: "%s:%s" % (c.device, c.command))
@pytest.mark.parametrize("text", ["", "\n\n", "% No such VRF\n"])
def test_an_empty_capture_never_passes_a_check(cap, text):
    base = {r.assertion.id: r for r in verify.verify(EXP, SNAP.lookup).results}
    ver = verify.verify(EXP, lambda c: text if c == cap else SNAP.lookup(c))
    mine = _on(ver, cap)
    assert mine and not [r.assertion.id for r in mine if r.status == "pass"]
    assert dict(ver.captures)[cap] == "empty"
    (f,) = [f for f in ver.findings if f.command == cap.command and f.device == cap.device and f.id == "capture-empty"]
    assert f.severity == "warning"
    for r in mine:  # what an empty answer shows stays a failure of absence, never anything read from it
        if r.status == "fail":
            assert base[r.assertion.id].status == "pass"
            # (a community list that is not there changes which route-map sequence decides: config-shadow / -leak;
            # a Cilium peer that is not listed is session-down)
            assert {x.id for x in r.findings} <= {"prefix-missing", "session-family-missing", "config-drift", "community-missing",
                                                  "sid-missing", "local-sid-missing", "locator-not-learned", "pe-locator-missing",
                                                  "cilium-not-advertising", "node-locator-wrong", "rt-wrong", "community-wrong",
                                                  "config-shadow", "config-leak", "session-down"}


def test_an_empty_route_map_capture_still_fails_config_drift():
    """Nothing printed for `section "route-map X"`: the map is missing, which an empty answer does prove."""
    cap = next(c for c in EXP.captures if c.command == 'show running-config | section "route-map K8-Export-Others"')
    ver = verify.verify(EXP, lambda c: "" if c == cap else SNAP.lookup(c))
    status = {r.assertion.id: (r.status, [f.id for f in r.findings]) for r in ver.results}
    assert status["Leaf01/Tenant-K8s/route-map/K8-Export-Others/10"] == ("fail", ["config-drift"])
    # the leak check on the same map found no sequence deciding anyone: on an empty capture that proves nothing
    assert status["Leaf01/Tenant-K8s/route-map-leak/K8-Export-Others"][0] == "unproven"


def test_an_empty_table_cannot_prove_isolation():
    cap = next(c for c in EXP.captures if c.command == "show bgp l2vpn evpn vrf Tenant1-Pods")
    ver = verify.verify(EXP, lambda c: "% No such VRF\n" if c == cap else SNAP.lookup(c))
    status = {r.assertion.id: r for r in ver.results}
    iso = status["Leaf01/Tenant1-Pods/isolation/tenant2"]
    assert iso.status == "unproven" and "No such VRF" in iso.seen
    assert status["Leaf01/Tenant1-Pods/prefix-present/20.0.10.1/32"].status == "fail"


def test_a_json_answer_without_any_vrf_row_cannot_prove_isolation():
    """NX-API JSON read as the table's shape (bgp_table); with no VRF row at all it is an empty answer, never a clean table."""
    cap = next(c for c in EXP.captures if c.command == "show bgp l2vpn evpn vrf Tenant1-Pods")
    ver = verify.verify(EXP, lambda c: '{"TABLE_vrf": {"ROW_vrf": []}}' if c == cap else SNAP.lookup(c))
    status = {r.assertion.id: r for r in ver.results}
    iso = status["Leaf01/Tenant1-Pods/isolation/tenant2"]
    assert iso.status == "unproven" and "holds no VRF row" in iso.seen
    assert status["Leaf01/Tenant1-Pods/prefix-present/20.0.10.1/32"].status == "fail"
    assert [f.id for f in ver.findings if f.command == cap.command and f.assertion is None] == ["capture-empty"]
    assert dict(ver.captures)[cap] == "empty"


def test_a_json_answer_where_no_json_form_is_read_is_a_parse_error():
    cap = next(c for c in EXP.captures if c.command == "show ip community-list")
    ver = verify.verify(EXP, lambda c: '{"TABLE_vrf": {"ROW_vrf": []}}' if c == cap else SNAP.lookup(c))
    assert [f.id for f in ver.findings if f.command == cap.command and f.assertion is None] == ["parse-error"]
    assert dict(ver.captures)[cap] == "parse-error"
    mine = _on(ver, cap)
    assert mine and all(r.status == "unproven" for r in mine)


@pytest.mark.parametrize("text, status, mark", [("% Invalid command at '^' marker.\n", "cli-error", "failure"),
                                                ("% No such VRF\n", "empty", "skipped")])
def test_junit_marks_an_error_or_empty_capture(text, status, mark):
    from xml.etree import ElementTree

    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import report
    cap = next(c for c in EXP.captures if c.command == "show bgp l2vpn evpn vrf Tenant1-Pods")
    ver = verify.verify(EXP, lambda c: text if c == cap else SNAP.lookup(c))
    assert dict(ver.captures)[cap] == status
    cases = ElementTree.fromstring(report.junit(ver)).findall(".//testcase")
    (case,) = [c for c in cases if c.get("name") == "Leaf01/capture/%s" % cap.file]
    assert case.find(mark) is not None


def test_the_seed_still_passes_through_the_shapes():
    """The control for the tests above: the seed's own outputs, read by parse_cli, prove these captures' checks."""
    ver = verify.verify(EXP, SNAP.lookup)
    assert ver.passed
    assert all(r.status == "pass" for cap in SEED_CAPTURES for r in _on(ver, cap))


def test_the_corpus_files_used_here_cite_their_source():
    for rel in set(NX_SUMMARY.values()) | set(XR_TABLE.values()) | set(XR_DETAIL.values()) | set(CILIUM.values()):
        meta = yaml.safe_load(corpus(rel[:-4] + ".json"))
        assert meta["source"].startswith("https://"), rel


def test_verdicts_helper_refuses_a_file_for_an_unplanned_capture():
    with pytest.raises(AssertionError):
        verdicts(copy.deepcopy(yaml.safe_load(LEAF)), {("N9K", "show bgp vrf WHITE ipv4 unicast summary"): NX_SUMMARY[
            ("N9K", "show bgp vrf RED ipv4 unicast summary")]})


def test_every_check_names_the_shapes_it_reads():
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.shapes import KINDS
    assert set(verify.SHAPES) == set(verify.CHECKS) | set(verify.MULTI_CHECKS)
    assert {k for kinds in verify.SHAPES.values() for k in kinds} <= set(KINDS)
