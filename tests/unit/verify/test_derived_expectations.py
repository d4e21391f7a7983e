# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Expectations intent leaves to the cluster (Services, node locators) and config-level leaks.

Each condition has a failing case and a passing twin that differs by one fact.
The base is the seed snapshot (tests/fixtures/snapshots/seed).
"""

import copy
import os

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model, snapshot, verify
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.expect import (
    Observed, expectations, node_locators, pool_blocks, service_prefixes)
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.intent import LbPool
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.observe import observe

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SEED = os.path.join(ROOT, "tests", "fixtures", "snapshots", "seed")
EXPORT = ("Leaf01", "show_running-config_section_route-map_K8-Export-Others.txt")
IMPORT = ("Leaf01", "show_running-config_section_route-map_CommunityImport.txt")
T1_CFG = ("Leaf01", "show_running-config_section_vrf_context_Tenant1-Pods.txt")
CLIST = ("Leaf01", "show_ip_community-list.txt")
SERVICES = ("k8s-oss", "kubectl_get_services_-A_-o_yaml.txt")
SIDM = ("k8s-isovalent", "kubectl_get_sidmanager_-o_yaml.txt")


@pytest.fixture(scope="module")
def lab():
    with open(os.path.join(ROOT, "inventories", "lab", "group_vars", "all", "tenancy.yml")) as fh:
        return yaml.safe_load(fh)["tenancy"]


def snap_with(*edits, add=None):
    snap = snapshot.load(SEED)
    files = dict(snap.files)
    for device, name, old, new in edits:
        assert old in files[(device, name)], (device, name, old)
        files[(device, name)] = files[(device, name)].replace(old, new)
    files.update(add or {})
    return snapshot.Snapshot(files, source="test")


def check(data, snap):
    intent = model.plan(data)
    exp = expectations(intent, observe(intent, snap.lookup))
    return exp, verify.verify(exp, snap.lookup)


def errors(ver):
    return sorted((f.id, f.device, f.vrf, f.tenant) for f in ver.errors)


# ---------------------------------------------------------------- config-level leaks

EXPORT_SEQ10 = "route-map K8-Export-Others permit 10\n"


@pytest.mark.parametrize("rt, expected", [
    ("65000:100303", [("config-leak", "Leaf01", "Tenant2-Pods", "tenant1")]),  # tenant2's RT: a leak
    ("65000:100302", []),  # tenant1's own RT: a redundant sequence, no leak
])
def test_foreign_export_sequence_leaks_a_tenant(lab, rt, expected):
    snap = snap_with(EXPORT + (EXPORT_SEQ10, "route-map K8-Export-Others permit 5\nmatch community Tenant1-Pods-BGP-Community\n"
                                             "set extcommunity rt %s\n%s" % (rt, EXPORT_SEQ10)))
    _exp, ver = check(lab, snap)
    assert errors(ver) == expected
    if expected:
        (f,) = ver.errors
        assert "sequence 5" in f.message and "tenant1" in f.message and "Tenant2-Pods" in f.message
        assert f.seen == "K8-Export-Others permit 5 sets extcommunity rt 65000:100303"


@pytest.mark.parametrize("listname, expected", [
    ("Tenant1-Pods-BGP-Community", [("config-shadow", "Leaf01", "Tenant-K8s", "tenant1")]),
    ("No-Such-List", []),  # matches no tenant's community: nothing shadowed
])
def test_earlier_deny_shadows_the_tenant_sequence(lab, listname, expected):
    snap = snap_with(EXPORT + (EXPORT_SEQ10, "route-map K8-Export-Others deny 5\nmatch community %s\n%s" % (listname, EXPORT_SEQ10)))
    _exp, ver = check(lab, snap)
    assert errors(ver) == expected


def test_shadow_is_flagged_whatever_the_prune_flag(lab):
    data = copy.deepcopy(lab)
    data["prune"] = True if "prune" in data else None
    data.pop("prune")
    snap = snap_with(EXPORT + (EXPORT_SEQ10, "route-map K8-Export-Others deny 5\nmatch community Tenant1-Pods-BGP-Community\n"
                                             + EXPORT_SEQ10))
    assert [f.id for f in check(data, snap)[1].errors] == ["config-shadow"]


@pytest.mark.parametrize("community, expected", [
    # tenant2 steers nowhere: its routes must stay in the transit VRF; a list that now
    # also matches 64512:302 sends them into Tenant1-Pods
    ("64512:302", [("community-wrong", "Leaf01", None, "tenant1"), ("config-leak", "Leaf01", "Tenant1-Pods", "tenant2")]),
    ("64512:399", [("community-wrong", "Leaf01", None, "tenant1")]),
])
def test_list_matching_an_unsteered_tenant_leaks_it(lab, community, expected):
    snap = snap_with(CLIST + ("10 permit 64512:301", "10 permit %s" % community))
    assert errors(check(lab, snap)[1]) == expected


@pytest.mark.parametrize("rt, expected", [
    ("65000:100303", [("config-leak", "Leaf01", "Tenant1-Pods", "tenant2")]),
    ("65000:100302", []),
])
def test_vrf_importing_another_tenants_rt_is_a_leak(lab, rt, expected):
    snap = snap_with(T1_CFG + ("route-target both auto evpn\n", "route-target both auto evpn\nroute-target import %s evpn\n" % rt))
    _exp, ver = check(lab, snap)
    assert errors(ver) == expected
    if expected:
        assert ver.errors[0].seen == "route-target import %s" % rt


@pytest.mark.parametrize("community, expected", [
    ("64512:302", [("config-leak", "Leaf01", "Tenant-K8s", "tenant1")]),  # tenant1's routes tagged as tenant2's
    ("64512:301", []),
])
def test_import_sequence_tagging_as_another_tenant(lab, community, expected):
    first = "route-map CommunityImport permit 10\n"
    snap = snap_with(IMPORT + (first, "route-map CommunityImport permit 5\nmatch extcommunity Tenant1-Pods-RT\n"
                                      "set community %s\n%s" % (community, first)))
    assert errors(check(lab, snap)[1]) == expected


# ---------------------------------------------------------------- prefixes from pools and Services


def services_yaml(*lb_ips, cluster_ip="10.110.206.139"):
    items = [{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "svc%d" % n, "namespace": "default"},
              "spec": {"type": "LoadBalancer", "clusterIP": cluster_ip, "clusterIPs": [cluster_ip]},
              "status": {"loadBalancer": {"ingress": [{"ip": ip}]}}} for n, ip in enumerate(lb_ips)]
    items.append({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "kubernetes", "namespace": "default"},
                  "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.1"}})
    return yaml.safe_dump({"apiVersion": "v1", "kind": "List", "items": items})


def without_expected(lab, pool=None):
    data = copy.deepcopy(lab)
    t1 = data["tenants"][0]
    del t1["expected_prefixes"]
    if pool:
        t1["lb_pools"] = [pool]
    return data


@pytest.mark.parametrize("lb_ip, expected", [
    ("20.0.10.1", []),  # the seed's Service: announced, found in Tenant1-Pods
    ("20.0.10.7", [("cilium-not-advertising", "k8s-oss", None, "tenant1"), ("prefix-missing", "Leaf01", "Tenant-K8s", "tenant1"),
                   ("prefix-missing", "Leaf01", "Tenant1-Pods", "tenant1")]),
])
def test_expected_prefixes_from_the_services_in_the_pool(lab, lb_ip, expected):
    snap = snap_with(add={SERVICES: services_yaml(lb_ip)})
    exp, ver = check(without_expected(lab), snap)
    wanted = {a.prefix for a in exp.assertions if a.check == "prefix-present" and a.vrf == "Tenant1-Pods"}
    assert "%s/32" % lb_ip in wanted and "10.110.206.139/32" in wanted  # the LB address and the Service's cluster IP
    assert "10.96.0.1/32" not in wanted  # a Service outside the pool is not the tenant's
    got = [e for e in errors(ver) if e[0] != "prefix-count-low"]
    assert got == expected


@pytest.mark.parametrize("lb_ip, derived", [("20.0.10.3", True), ("20.0.10.9", False)])
def test_range_pool_bounds_the_derived_prefixes(lab, lb_ip, derived):
    data = without_expected(lab, {"name": "range-pool", "start": "20.0.10.1", "stop": "20.0.10.5"})
    intent = model.plan(data)
    t1 = intent.evpn_tenants[0]
    assert pool_blocks(t1.lb_pools[0]) == ("20.0.10.1/32", "20.0.10.2/31", "20.0.10.4/31")
    got = service_prefixes(t1, (
        {"lb_ingress_ips": [lb_ip], "cluster_ips": ["10.1.1.1"], "external_ips": []},))
    assert got == (("10.1.1.1/32", "%s/32" % lb_ip) if derived else ())


def test_without_a_services_capture_the_prefixes_are_unproven_not_failed(lab):
    exp, ver = check(without_expected(lab), snapshot.load(SEED))
    assert ver.passed
    assert any(f.id == "not-captured" and f.command == "kubectl get services -A -o yaml" for f in ver.findings)
    assert "kubectl get services -A -o yaml" in [c.command for c in exp.captures]


@pytest.mark.parametrize("answer", [
    "error: the server doesn't have a resource type \"services\"\n",  # the API's error, not an empty list
    "%s  - what: a line the Services reader does not understand\n",  # read in part: planning from it expects too little
])
def test_a_services_capture_not_read_whole_is_not_planned_from(lab, answer):
    """observe() plans only from a capture read whole; its twin (the same Services, read whole) is planned from."""
    whole = services_yaml("20.0.10.1")
    text = answer % whole if "%s" in answer else answer
    intent = model.plan(without_expected(lab))
    assert observe(intent, snap_with(add={SERVICES: text}).lookup).services == {}
    planned = observe(intent, snap_with(add={SERVICES: whole}).lookup).services
    assert [s["lb_ingress_ips"] for s in planned["k8s-oss"] if "20.0.10.1" in s["lb_ingress_ips"]] == [["20.0.10.1"]]


def test_explicit_expected_prefixes_need_no_services_capture(lab):
    exp = expectations(model.plan(lab))
    assert "kubectl get services -A -o yaml" not in [c.command for c in exp.captures]


# ---------------------------------------------------------------- node locators


def no_node_locator(lab):
    data = copy.deepcopy(lab)
    del data["clusters"][1]["nodes"][0]["srv6_locator"]
    return data


@pytest.mark.parametrize("held, expected", [
    ("cafe:cafe:2be::/48", []),  # the operator's allocation, inside the pool: no false failure
    ("cafe:cafe:2be::/64", ["locator-not-learned", "node-locator-wrong", "sid-outside-locator"]),  # not the pool's size
])
def test_node_locator_allocated_by_the_operator(lab, held, expected):
    snap = snap_with(SIDM + ("cafe:cafe:2be::/48", held))
    _exp, ver = check(no_node_locator(lab), snap)
    assert sorted({f.id for f in ver.errors}) == expected


def test_node_locator_predicted_as_the_lab_allocates_without_observation(lab):
    intent = model.plan(no_node_locator(lab))
    cluster = intent.cluster("k8s-isovalent")
    assert node_locators(cluster) == {"ubuntuk8.local": "cafe:cafe:1::/48"}
    assert node_locators(cluster, Observed(locators={"k8s-isovalent": {"ubuntuk8.local": ("cafe:cafe:2be::/48",)}})) == \
        {"ubuntuk8.local": "cafe:cafe:2be::/48"}
    # the inventory's own value wins over any observation
    named = model.plan(lab).cluster("k8s-isovalent")
    assert node_locators(named, Observed(locators={"k8s-isovalent": {"ubuntuk8.local": ("cafe:cafe:3::/48",)}})) == \
        {"ubuntuk8.local": "cafe:cafe:2be::/48"}


def test_lbpool_blocks_of_a_cidr():
    assert pool_blocks(LbPool("p", "20.0.10.0/24", None, None)) == ("20.0.10.0/24",)
