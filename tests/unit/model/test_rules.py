# -*- coding: utf-8 -*-
"""Every validation rule, each broken by an input that a user could write."""

import copy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.errors import TenancyInputError

REPO = Path(__file__).resolve().parents[3]
LAB = REPO / "inventories" / "lab" / "group_vars" / "all" / "tenancy.yml"


@pytest.fixture()
def lab():
    return copy.deepcopy(yaml.safe_load(LAB.read_text())["tenancy"])


def tenant(data, name):
    return next(t for t in data["tenants"] if t["name"] == name)


def issues_of(data):
    return [(i.rule, i.path) for i in model.validate(data)]


def test_lab_inventory_is_valid(lab):
    assert model.validate(lab) == []


# Each case: (id, mutation, expected (rule, path) pairs that must all be reported)
def _dup_tenant(d):
    d["tenants"][1]["name"] = "tenant1"


def _dup_vni(d):
    tenant(d, "tenant2")["vrf"]["l3vni"] = 100302


def _transit_vni(d):
    tenant(d, "tenant2")["vrf"]["l3vni"] = 100301


def _dup_community(d):
    tenant(d, "tenant2")["community"] = "64512:301"


def _second_srv6(d, **changes):
    blue = copy.deepcopy(tenant(d, "blue"))
    blue.update(name="red", vrf={"name": "red", "id": 11}, rd="10:11", import_rts=["65000:11"], export_rts=["65000:11"])
    blue.pop("pe_loopbacks")
    blue.update(changes)
    d["tenants"].append(blue)


CASES = [
    ("schema-type", lambda d: d["fabric"].update(asn="65000"), [("schema", "fabric.asn")]),
    ("schema-unknown-key", lambda d: tenant(d, "tenant1").update(comunity="x"), [("schema", "tenants[0]")]),
    ("schema-enum", lambda d: d["clusters"][0].update(flavour="enterprise"), [("schema", "clusters[0].flavour")]),
    ("schema-missing", lambda d: tenant(d, "blue").pop("rd"), [("schema", "tenants[2]")]),
    ("duplicate-tenant", _dup_tenant, [("duplicate-name", "tenants[1].name")]),
    ("duplicate-cluster", lambda d: d["clusters"][1].update(name="k8s-oss"), [("duplicate-name", "clusters[1].name")]),
    ("duplicate-vni", _dup_vni, [("duplicate-vni", "tenants[1].vrf.l3vni")]),
    ("vni-equals-transit", _transit_vni, [("duplicate-vni", "tenants[1].vrf.l3vni")]),
    ("duplicate-community", _dup_community, [("duplicate-community", "tenants[1].community")]),
    ("duplicate-rd", lambda d: _second_srv6(d, rd="10:10"), [("duplicate-rd", "tenants[3].rd")]),
    ("duplicate-vrf-id", lambda d: _second_srv6(d, vrf={"name": "red", "id": 10}), [("duplicate-vrf-id", "tenants[3].vrf.id")]),
    ("duplicate-rt", lambda d: _second_srv6(d, import_rts=["65000:10"]), [("duplicate-rt", "tenants[3].import_rts[0]")]),
    ("duplicate-vrf-name", lambda d: tenant(d, "tenant2")["vrf"].update(name="Tenant1-Pods"),
     [("duplicate-vrf", "tenants[1].vrf.name")]),
    ("tenant-vrf-is-transit", lambda d: tenant(d, "tenant2")["vrf"].update(name="Tenant-K8s"),
     [("duplicate-vrf", "tenants[1].vrf.name")]),
    ("pool-overlap-tenants", lambda d: tenant(d, "tenant2")["lb_pools"].append({"name": "p3", "cidr": "20.0.10.128/25"}),
     [("lb-pool-overlap", "tenants[1].lb_pools[1]")]),
    ("pool-overlap-range", lambda d: tenant(d, "tenant2")["lb_pools"].append({"name": "p3", "start": "20.0.10.5", "stop": "20.0.10.9"}),
     [("lb-pool-overlap", "tenants[1].lb_pools[1]")]),
    ("pool-overlap-pods", lambda d: tenant(d, "tenant1")["lb_pools"].append({"name": "p3", "cidr": "10.0.0.0/16"}),
     [("lb-pool-overlap", "tenants[0].lb_pools[1]")]),
    ("pool-overlap-node", lambda d: tenant(d, "tenant1")["lb_pools"].append({"name": "p3", "cidr": "192.168.16.0/24"}),
     [("lb-pool-overlap", "tenants[0].lb_pools[1]")]),
    ("pool-overlap-node-cidr", lambda d: d["clusters"][0].update(node_cidrs=["20.0.0.0/16"]), [("lb-pool-overlap", "tenants[0].lb_pools[0]")]),
    ("pool-host-bits", lambda d: tenant(d, "tenant1")["lb_pools"][0].update(cidr="20.0.10.1/24"), [("lb-pool-invalid", "tenants[0].lb_pools[0]")]),
    ("pool-start-after-stop", lambda d: tenant(d, "tenant1")["lb_pools"].append({"name": "p3", "start": "40.0.0.9", "stop": "40.0.0.1"}),
     [("lb-pool-invalid", "tenants[0].lb_pools[1]")]),
    ("pool-cidr-and-range", lambda d: tenant(d, "tenant1")["lb_pools"][0].update(start="20.0.10.1"), [("lb-pool-invalid", "tenants[0].lb_pools[0]")]),
    ("pool-ipv6", lambda d: tenant(d, "tenant1")["lb_pools"].append({"name": "p3", "cidr": "2001:db8::/64"}),
     [("address-family", "tenants[0].lb_pools[1]")]),
    ("community-range", lambda d: tenant(d, "tenant1").update(community="64512:70000"), [("malformed-community", "tenants[0].community")]),
    ("community-format", lambda d: tenant(d, "tenant1").update(community="64512-301"), [("malformed-community", "tenants[0].community")]),
    ("rt-2byte-asn-overflow", lambda d: tenant(d, "blue").update(import_rts=["65000:4294967296"]), [("malformed-rt", "tenants[2].import_rts[0]")]),
    ("rt-4byte-asn-overflow", lambda d: tenant(d, "blue").update(export_rts=["4200000000:65536"]), [("malformed-rt", "tenants[2].export_rts[0]")]),
    ("rt-asdot-overflow", lambda d: tenant(d, "blue").update(export_rts=["1.10:65536"]), [("malformed-rt", "tenants[2].export_rts[0]")]),
    ("rt-bad-ipv4", lambda d: tenant(d, "tenant1").update(route_target="300.1.1.1:5"), [("malformed-rt", "tenants[0].route_target")]),
    ("rd-garbage", lambda d: tenant(d, "blue").update(rd="ten:ten"), [("malformed-rd", "tenants[2].rd")]),
    ("selector-operator-values", lambda d: tenant(d, "tenant1")["service_selector"]["matchExpressions"][0].update(values=[]),
     [("invalid-selector", "tenants[0].service_selector.matchExpressions[0].values")]),
    ("selector-bad-value", lambda d: tenant(d, "blue")["pod_selector"]["matchLabels"].update(vrf="blue pods"),
     [("invalid-selector", "tenants[2].pod_selector.matchLabels.vrf")]),
    ("selector-bad-key", lambda d: d["clusters"][0]["node_selector"]["matchLabels"].update({"Bad_Prefix/x": "y"}),
     [("invalid-selector", "clusters[0].node_selector.matchLabels.Bad_Prefix/x")]),
    ("selector-exists-with-values", lambda d: tenant(d, "tenant2")["service_selector"]["matchExpressions"][0].update(operator="Exists"),
     [("invalid-selector", "tenants[1].service_selector.matchExpressions[0].values")]),
    ("selector-overlap-notin", lambda d: tenant(d, "tenant2")["service_selector"]["matchExpressions"][0].update(operator="NotIn", values=["other"]),
     [("selector-overlap", "tenants[1].service_selector")]),
    ("selector-overlap-empty", lambda d: tenant(d, "tenant2").update(service_selector={}), [("selector-overlap", "tenants[1].service_selector")]),
    ("selector-overlap-srv6", _second_srv6, [("selector-overlap", "tenants[3].pod_selector")]),
    ("srv6-on-oss", lambda d: tenant(d, "blue").update(cluster="k8s-oss"), [("flavour-mismatch", "tenants[2].mode")]),
    ("srv6-pool-on-oss", lambda d: d["clusters"][0].update(srv6=copy.deepcopy(d["clusters"][1]["srv6"])), [("flavour-mismatch", "clusters[0].srv6")]),
    ("locator-outside-pool", lambda d: d["clusters"][1]["nodes"][0].update(srv6_locator="cafe:beef:2be::/48"),
     [("locator-outside-pool", "clusters[1].nodes[0].srv6_locator")]),
    ("locator-length", lambda d: d["clusters"][1]["nodes"][0].update(srv6_locator="cafe:cafe:2be::/56"),
     [("locator-bits", "clusters[1].nodes[0].srv6_locator")]),
    ("locator-structure", lambda d: d["clusters"][1]["srv6"]["locator_pool"]["structure"].update(locator_node_len_bits=24),
     [("locator-bits", "clusters[1].srv6.locator_pool.structure")]),
    ("locator-over-128", lambda d: d["clusters"][1]["srv6"]["locator_pool"]["structure"].update(function_len_bits=70, argument_len_bits=20),
     [("locator-bits", "clusters[1].srv6.locator_pool.structure")]),
    ("locator-pool-v4", lambda d: d["clusters"][1]["srv6"]["locator_pool"].update(prefix="10.0.0.0/8"),
     [("locator-bits", "clusters[1].srv6.locator_pool.prefix")]),
    ("vpnv6", lambda d: tenant(d, "blue").update(address_families=["ipv4", "ipv6"]), [("vpnv6-unsupported", "tenants[2].address_families")]),
    ("old-cilium", lambda d: d["clusters"][0].update(cilium_version="1.14.3"), [("unsupported-version", "clusters[0].cilium_version")]),
    ("unknown-cluster", lambda d: tenant(d, "tenant1").update(cluster="k8s-nope"), [("unknown-reference", "tenants[0].cluster")]),
    ("unknown-peer-device", lambda d: d["clusters"][0]["bgp_peers"][0].update(device="Leaf99"),
     [("unknown-reference", "clusters[0].bgp_peers[0].device")]),
    ("unknown-leaf", lambda d: tenant(d, "tenant2").update(leaves=["Leaf99"]), [("unknown-reference", "tenants[1].leaves[0]")]),
    ("loopback-on-leaf", lambda d: tenant(d, "blue")["pe_loopbacks"][0].update(device="Leaf01"),
     [("unknown-reference", "tenants[2].pe_loopbacks[0].device")]),
    ("no-peering", lambda d: d["clusters"][1]["bgp_peers"][0].update(device="Leaf01", address="2001:db8::1"),
     [("no-peering", "tenants[2].cluster")]),
    ("peer-family", lambda d: d["clusters"][0]["bgp_peers"][0].update(address="2001:db8::1"),
     [("address-family", "clusters[0].bgp_peers[0].address")]),
    ("pod-cidr-twice", lambda d: [tenant(d, n).update(advertise_pod_cidr=True) for n in ("tenant1", "tenant2")],
     [("pod-cidr-shared", "tenants[1].advertise_pod_cidr")]),
    ("bad-address", lambda d: d["leaves"][0].update(router_id="10.70.0.300"), [("invalid-address", "leaves[0].router_id")]),
    ("bad-expected-prefix", lambda d: tenant(d, "tenant1").update(expected_prefixes=["20.0.10.1/24"]),
     [("invalid-address", "tenants[0].expected_prefixes[0]")]),
    ("naming-placeholder", lambda d: d["naming"].update(community_list="{tennant}-C"), [("naming", "naming.community_list")]),
    ("naming-too-long", lambda d: d["naming"].update(extcommunity_list="{vrf}-" + "x" * 60), [("naming", "tenants[0].vrf.name")]),
]


@pytest.mark.parametrize("mutate,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_reports_the_broken_input(lab, mutate, expected):
    mutate(lab)
    found = issues_of(lab)
    for pair in expected:
        assert pair in found, "expected %s in %s" % (pair, found)


def _declared_rule_ids(module) -> set:
    """Every rule id rules.py can raise: the first argument of each Issue(...) / _duplicates(...) call.

    Read with ast, not a regex over the text, and skipping functions named ``*__mutmut_<n>``: under
    mutation testing the module also holds mutated copies whose ids are not the real ones.
    """
    import ast
    import inspect
    import re
    ids = set()

    def visit(node, in_mutant):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            in_mutant = in_mutant or re.search(r"__mutmut_\d+$", node.name) is not None
        if (not in_mutant and isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("Issue", "_duplicates") and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            ids.add(node.args[0].value)
        for child in ast.iter_child_nodes(node):
            visit(child, in_mutant)

    visit(ast.parse(inspect.getsource(module)), False)
    return ids


def test_every_rule_has_a_breaking_case():
    covered = {rule for _unused1, _unused2, expected in CASES for rule, _unused3 in expected}
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import rules
    declared = _declared_rule_ids(rules)
    assert len(declared) >= 15, declared  # the walk found the rules (an empty set would pass the next line)
    assert declared - covered == set(), "rules without a test case"


def test_all_errors_reported_at_once(lab):
    _dup_vni(lab)
    _dup_community(lab)
    lab["fabric"]["asn"] = -1
    tenant(lab, "blue").update(address_families=["ipv6"])
    with pytest.raises(TenancyInputError) as raised:
        model.plan(lab)
    report = raised.value.report()
    # an invalid fabric ASN derives no route target, so the duplicate VNI is reported once: 4 problems
    assert report.startswith("tenant inventory is invalid: 4 problem(s)")
    for needle in ("fabric.asn", "tenants[1].vrf.l3vni", "tenants[1].community", "tenants[2].address_families"):
        assert needle in report
    # each problem names the bad value and what is valid
    line = next(x for x in report.splitlines() if "tenants[1].community" in x)
    assert '"64512:301"' in line and "valid: a value unique" in line


def test_not_a_mapping():
    issues = model.validate(["tenants"])
    assert issues and issues[0].rule == "schema" and issues[0].path == "(top level)"


def test_garbage_everywhere_never_raises():
    # wrong types all over: only schema issues come back, no exception
    data = {"fabric": {"asn": "x"}, "clusters": [{"name": 3, "bgp_peers": "no", "nodes": [1]}], "tenants": [{"mode": "evpn_community", "vrf": 7}]}
    issues = model.validate(data)
    assert issues and all(i.rule == "schema" for i in issues)


def test_plan_makes_defaults_explicit(lab):
    intent = model.plan(lab)
    leaf = intent.leaves[0]
    assert leaf.export_map == "K8-Export-Others" and leaf.import_map == "CommunityImport"
    t1 = leaf.tenants[0]
    assert (t1.community_list, t1.extcommunity_list, t1.route_target) == ("Tenant1-Pods-BGP-Community", "Tenant1-Pods-RT", "65000:100302")
    assert (t1.export_seq, t1.import_seqs, leaf.import_deny_seq) == (10, (10, 20), 65535)
    assert [t.tenant for t in leaf.tenants] == ["tenant1"]  # tenant2 is on no leaf, as in the seed
    assert intent.cluster("k8s-oss").api_version == "cilium.io/v2alpha1"
    assert leaf.neighbors[0].address == "192.168.16.35" and leaf.neighbors[0].remote_as == 64512


def test_sequences_for_many_tenants(lab):
    del tenant(lab, "tenant2")["leaves"]
    lab["tenants"].append({**copy.deepcopy(tenant(lab, "tenant2")), "name": "tenant3", "community": "64512:303",
                           "vrf": {"name": "Tenant3-Pods", "l3vni": 100304}, "import_tags": [7, 8],
                           "service_selector": {"matchLabels": {"servicebgp": "proxy3"}},
                           "lb_pools": [{"name": "ip-pool-pod3", "cidr": "40.0.10.0/24"}]})
    leaf = model.plan(lab).leaves[0]
    assert [(t.tenant, t.export_seq, t.import_seqs) for t in leaf.tenants] == [
        ("tenant1", 10, (10, 20)), ("tenant2", 20, (30,)), ("tenant3", 30, (40, 50, 60))]
    assert leaf.import_deny_seq == 65535


def test_adding_a_tenant_renumbers_nothing(lab):
    """Issue 11 section 3: appending a tenant keeps every other sequence, the closing deny included."""
    del tenant(lab, "tenant2")["leaves"]
    before = model.plan(copy.deepcopy(lab)).leaves[0]
    lab["tenants"].append({**copy.deepcopy(tenant(lab, "tenant2")), "name": "tenant3", "community": "64512:303",
                           "vrf": {"name": "Tenant3-Pods", "l3vni": 100304},
                           "service_selector": {"matchLabels": {"servicebgp": "proxy3"}},
                           "lb_pools": [{"name": "ip-pool-pod3", "cidr": "40.0.10.0/24"}]})
    after = model.plan(lab).leaves[0]
    assert after.import_deny_seq == before.import_deny_seq == 65535
    assert after.tenants[:len(before.tenants)] == before.tenants
    assert len(after.tenants) == len(before.tenants) + 1


def test_import_deny_seq_is_configurable_and_checked(lab):
    lab["naming"]["import_deny_seq"] = 20
    assert issues_of(lab) == [("sequence-overflow", "tenants[0].import_tags")]
    # counted as if every evpn tenant were on one leaf (tenant2 is on none today): 10, 20, 30, so 40 fits
    lab["naming"]["import_deny_seq"] = 40
    assert model.plan(lab).leaves[0].import_deny_seq == 40


def test_cilium_v2_from_118(lab):
    lab["clusters"][0]["cilium_version"] = "v1.18.0"
    assert model.plan(lab).cluster("k8s-oss").api_version == "cilium.io/v2"


def test_core_imports_nothing_from_ansible():
    code = ("import sys; sys.path.insert(0, %r); "
            "import ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.model as m; "
            "bad = [k for k in sys.modules if k == 'ansible' or k.startswith('ansible.')]; "
            "assert not bad, bad" % str(REPO / "collections"))
    subprocess.run([sys.executable, "-c", code], check=True)


def test_selector_disjointness():
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.rules import selectors_disjoint as dj

    def sel(*exprs, **labels):
        return {"matchLabels": labels, "matchExpressions": [dict(zip(("key", "operator", "values"), e)) for e in exprs]}
    assert dj(sel(("a", "In", ["x"])), sel(("a", "In", ["y"])))
    assert not dj(sel(("a", "In", ["x", "y"])), sel(("a", "In", ["y"])))
    assert dj(sel(a="x"), sel(("a", "NotIn", ["x"])))
    assert not dj(sel(a="x"), sel(("a", "NotIn", ["z"])))
    assert dj(sel(("a", "Exists")), sel(("a", "DoesNotExist")))
    assert dj(sel(a="x"), sel(("a", "DoesNotExist")))
    assert not dj(sel(a="x"), sel(b="y"))  # a Service may carry both labels
    assert not dj({}, sel(a="x"))
    assert not dj(sel(("a", "NotIn", ["x"])), sel(("a", "NotIn", ["y"])))


def test_selector_overlap_index_agrees_with_brute_force():
    """The candidate-pair index must never hide an overlap a full pairwise check finds."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import rules

    values = st.sampled_from(["a", "b", "c"])
    expr = st.one_of(
        st.builds(lambda k, v: {"key": k, "operator": "In", "values": v}, st.sampled_from(["t", "u"]), st.lists(values, min_size=1, max_size=2)),
        st.builds(lambda k, v: {"key": k, "operator": "NotIn", "values": v}, st.sampled_from(["t", "u"]), st.lists(values, min_size=1, max_size=2)),
        st.builds(lambda k, op: {"key": k, "operator": op}, st.sampled_from(["t", "u"]), st.sampled_from(["Exists", "DoesNotExist"])),
    )
    selector = st.builds(lambda labels, exprs: {"matchLabels": labels, "matchExpressions": exprs},
                         st.dictionaries(st.sampled_from(["t", "u"]), values, max_size=1), st.lists(expr, max_size=2))

    @settings(max_examples=200, deadline=None)
    @given(st.lists(selector, min_size=2, max_size=7))
    def check(selectors):
        data = {"tenants": [{"name": "t%d" % i, "mode": "evpn_community", "cluster": "c", "service_selector": s}
                            for i, s in enumerate(selectors)]}
        found = {(i.path, i.message.split("(tenants[")[1].split("]")[0]) for i in rules.rule_selector_overlap(data)}
        brute = {("tenants[%d].service_selector" % j, str(i)) for j in range(len(selectors)) for i in range(j)
                 if not rules.selectors_disjoint(selectors[i], selectors[j])}
        assert found == brute

    check()
