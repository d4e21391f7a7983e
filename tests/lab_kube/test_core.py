# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""In-process checks of the API twin: CEL subset, CRD schema handling, server-side apply, Cilium's view."""

import copy
import json
import os

import pytest
import yaml

from lab.kube import cilium_cli, cilium_view
from lab.kube.app import LabCluster
from lab.kube.cel import CelUnsupported, compile_rule, evaluate
from lab.kube.errors import ApiError
from lab.kube.faults import Faults
from lab.kube.store import Store
from lab.kube.world import CRD_DIR, load_clusters

APPLY = "application/apply-patch+yaml"


def docs(build_dir, cluster):
    with open(os.path.join(str(build_dir), "manifests", cluster, "all.yaml"), encoding="utf-8") as handle:
        return [d for d in yaml.safe_load_all(handle) if d]


def apply(store, obj, manager="kubevrf.tenancy", force=False, dry_run=False):
    res = store.find(obj["apiVersion"], obj["kind"])
    return store.patch(res, obj["metadata"].get("namespace", ""), obj["metadata"]["name"], APPLY,
                       json.dumps(obj).encode(), manager, force=force, dry_run=dry_run)


@pytest.fixture()
def oss():
    spec = next(s for s in load_clusters() if s.name == "k8s-oss")
    return LabCluster(spec, "t", Faults())


@pytest.fixture()
def iso():
    spec = next(s for s in load_clusters() if s.name == "k8s-isovalent")
    return LabCluster(spec, "t", Faults())


# ------------------------------------------------------------------ CEL


@pytest.mark.parametrize("rule,value,expected", [
    ("self.advertisementType != 'Service' || has(self.service)", {"advertisementType": "Service"}, False),
    ("self.advertisementType != 'Service' || has(self.service)", {"advertisementType": "Service", "service": {}}, True),
    ("self.keepAliveTimeSeconds <= self.holdTimeSeconds", {"keepAliveTimeSeconds": 30, "holdTimeSeconds": 9}, False),
    ("size(self.x) == 2 && 'b' in self.x", {"x": ["a", "b"]}, True),
    ("self.a + self.b == 48", {"a": 32, "b": 16}, True),
])
def test_cel_subset(rule, value, expected):
    assert evaluate(compile_rule(rule), value) is expected


def test_cel_outside_the_subset_fails_at_compile_time():
    with pytest.raises(CelUnsupported):
        compile_rule("self.all(x, x > 0)")


# ------------------------------------------------------------------ schema, CRDs, SSA


def test_real_cilium_crd_rejects_a_bad_enum_with_the_field_path(oss, build_dir):
    ad = next(d for d in docs(build_dir, "k8s-oss") if d["kind"] == "CiliumBGPAdvertisement")
    bad = copy.deepcopy(ad)
    bad["spec"]["advertisements"][1]["advertisementType"] = "Services"
    with pytest.raises(ApiError) as err:
        apply(oss.store, bad)
    status = err.value.status()
    assert status["code"] == 422 and status["reason"] == "Invalid"
    assert [c["field"] for c in status["details"]["causes"]] == ["spec.advertisements[1].advertisementType"]
    assert 'Unsupported value: "Services"' in status["message"]
    assert status["message"].startswith('CiliumBGPAdvertisement.cilium.io "bgp-advertisements" is invalid')


def test_cel_rule_of_the_real_crd_runs():
    store = Store()  # cilium.io/v2 (1.18+) carries x-kubernetes-validations rules
    store.register_crd_file(os.path.join(CRD_DIR, "v1.20.0-dev", "v2", "ciliumbgpadvertisements.yaml"))
    ad = {"apiVersion": "cilium.io/v2", "kind": "CiliumBGPAdvertisement", "metadata": {"name": "x"},
          "spec": {"advertisements": [{"advertisementType": "Service"}]}}
    with pytest.raises(ApiError) as err:
        apply(store, ad)
    assert err.value.code == 422
    assert "spec.advertisements[0]" in err.value.message and "service" in err.value.message


def test_unknown_fields_are_pruned_or_rejected_when_strict(oss, build_dir):
    pool = copy.deepcopy(next(d for d in docs(build_dir, "k8s-oss") if d["kind"] == "CiliumLoadBalancerIPPool"))
    pool["spec"]["colour"] = "blue"
    warnings = []
    res = oss.store.find(pool["apiVersion"], pool["kind"])
    obj, _unused = oss.store.patch(res, "", pool["metadata"]["name"], APPLY, json.dumps(pool).encode(), "m",
                                   warnings=warnings)
    assert "colour" not in obj["spec"] and warnings == ['unknown field "spec.colour"']
    assert obj["spec"]["disabled"] is False  # the CRD's default was applied
    with pytest.raises(ApiError) as err:
        oss.store.patch(res, "", pool["metadata"]["name"], APPLY, json.dumps(pool).encode(), "m", strict=True)
    assert err.value.code == 400 and 'unknown field "spec.colour"' in err.value.message


def test_server_side_apply_noop_conflict_force_and_field_removal(oss, build_dir):
    store = oss.store
    ad = next(d for d in docs(build_dir, "k8s-oss") if d["kind"] == "CiliumBGPAdvertisement")
    first, created = apply(store, ad)
    assert created and first["metadata"]["generation"] == 1
    again, created = apply(store, ad)
    assert not created and again == first  # a repeated apply is a true no-op: same resourceVersion, same times
    other = copy.deepcopy(ad)
    other["spec"]["advertisements"][0]["attributes"]["communities"]["standard"] = ["64512:999"]
    with pytest.raises(ApiError) as err:
        apply(store, other, manager="someone-else")
    assert err.value.code == 409 and 'conflict with "kubevrf.tenancy"' in err.value.message
    assert err.value.status()["details"]["causes"][0]["field"] == ".spec.advertisements"
    forced, _unused = apply(store, other, manager="someone-else", force=True)
    assert forced["metadata"]["generation"] == 2
    managers = {m["manager"]: m for m in forced["metadata"]["managedFields"]}
    assert "f:advertisements" in json.dumps(managers["someone-else"]["fieldsV1"])
    assert "f:advertisements" not in json.dumps(managers["kubevrf.tenancy"]["fieldsV1"])
    # a label only this manager set goes when it stops sending it; one another manager co-owns stays
    mine = copy.deepcopy(ad)
    del mine["spec"]
    mine["metadata"]["labels"]["only-mine"] = "yes"
    assert apply(store, mine)[0]["metadata"]["labels"]["only-mine"] == "yes"
    del mine["metadata"]["labels"]["only-mine"]
    del mine["metadata"]["labels"]["advertise"]
    result, _unused = apply(store, mine)
    assert "only-mine" not in result["metadata"]["labels"]
    assert result["metadata"]["labels"]["advertise"] == "bgp"  # still applied by someone-else


def test_dry_run_changes_nothing(oss, build_dir):
    ad = next(d for d in docs(build_dir, "k8s-oss") if d["kind"] == "CiliumBGPAdvertisement")
    obj, created = apply(oss.store, ad, dry_run=True)
    assert created and obj["spec"] == ad["spec"]
    res = oss.store.find(ad["apiVersion"], ad["kind"])
    assert oss.store.list(res)[0] == []


def test_resource_version_precondition(oss):
    res = oss.store.find("v1", "Service")
    svc = oss.store.get(res, "default", "nginx-service")
    svc["metadata"]["resourceVersion"] = "1"
    svc["metadata"]["labels"]["x"] = "y"
    with pytest.raises(ApiError) as err:
        oss.store.update(res, "default", "nginx-service", svc, "m")
    assert err.value.code == 409 and "the object has been modified" in err.value.message


def test_crd_with_unsupported_cel_is_rejected():
    store = Store()
    with open(os.path.join(CRD_DIR, "v1.16", "v2alpha1", "ciliumbgppeerconfigs.yaml"), encoding="utf-8") as handle:
        crd = yaml.safe_load(handle)
    crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["x-kubernetes-validations"] = [
        {"rule": "self.all(x, x)"}]
    with pytest.raises(ApiError) as err:
        store.register_crds([crd])
    assert err.value.code == 422 and "not supported" in err.value.message


# ------------------------------------------------------------------ Cilium's view


def test_oss_view_matches_the_seed(oss, build_dir):
    for d in docs(build_dir, "k8s-oss"):
        apply(oss.store, d)
    (node,) = oss.views()
    assert node.name == "ubuntu2.local" and node.local_asn == 64512
    (peer,) = node.peers
    assert (peer.address, peer.peer_asn, peer.state, peer.families) == ("192.168.1.1", 65000, "established",
                                                                        ("ipv4/unicast",))
    sent = {p.prefix: p.communities for p in peer.advertised}
    assert sent == {"20.0.10.1/32": ("64512:301",), "10.110.206.139/32": ("64512:301",),
                    "30.0.10.1/32": ("64512:302",), "10.109.203.74/32": ("64512:302",)}
    # LB-IPAM gave the services the seed's addresses from the pools
    res = oss.store.find("v1", "Service")
    assert oss.store.get(res, "default", "nginx-service")["status"]["loadBalancer"]["ingress"][0]["ip"] == "20.0.10.1"


def test_a_wrong_advertisement_changes_what_the_node_sends(oss, build_dir):
    objs = docs(build_dir, "k8s-oss")
    for d in objs:
        if d["kind"] == "CiliumBGPAdvertisement":
            d["spec"]["advertisements"][0]["attributes"]["communities"]["standard"] = ["64512:302"]
        apply(oss.store, d)
    sent = {p.prefix: p.communities for p in oss.views()[0].peers[0].advertised}
    assert sent["20.0.10.1/32"] == ("64512:302",)
    for d in objs:  # an advertisement the peer config does not select announces nothing
        if d["kind"] == "CiliumBGPAdvertisement":
            d["metadata"]["labels"]["advertise"] = "nope"
            apply(oss.store, d, force=True)
    assert oss.views()[0].peers[0].advertised == ()


def test_a_wrong_peer_asn_leaves_the_session_down(oss, build_dir):
    for d in docs(build_dir, "k8s-oss"):
        if d["kind"] == "CiliumBGPClusterConfig":
            d["spec"]["bgpInstances"][0]["peers"][0]["peerASN"] = 65001
        apply(oss.store, d)
    peer = oss.views()[0].peers[0]
    assert peer.state == "active" and peer.advertised == () and "65001" in peer.reason


def test_isovalent_view_sid_locator_and_vrf_membership(iso, build_dir):
    objs = docs(build_dir, "k8s-isovalent")
    for d in objs:
        apply(iso.store, d)
    (node,) = iso.views()
    (peer,) = node.peers
    assert peer.state == "established" and set(peer.families) == {"ipv6/unicast", "ipv4/mpls_vpn"}
    v6 = {p.prefix for p in peer.advertised if p.family == "ipv6/unicast"}
    assert "cafe:cafe:2be::/48" in v6
    (vpn,) = [p for p in peer.advertised if p.family == "ipv4/mpls_vpn"]
    assert (vpn.prefix, vpn.rd, vpn.route_targets, vpn.sid) == ("10.23.0.0/24", "10:10", ("65000:10",),
                                                                "cafe:cafe:2be:8b71::")
    mgr = iso.store.get(iso.store.find("isovalent.com/v1alpha1", "IsovalentSRv6SIDManager"), "", "ubuntuk8.local")
    assert mgr["spec"]["locatorAllocations"][0]["locators"][0]["prefix"] == "cafe:cafe:2be::/48"
    for d in objs:  # a VRF whose selector matches no pod exports nothing
        if d["kind"] == "IsovalentVRF":
            d["spec"]["rules"][0]["selectors"][0]["endpointSelector"]["matchLabels"]["vrf"] = "green"
            apply(iso.store, d)
    assert [p for p in iso.views()[0].peers[0].advertised if p.family == "ipv4/mpls_vpn"] == []


def test_cli_output_reads_with_the_collection_parsers(oss, iso, build_dir):
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import cilium as parse
    for d in docs(build_dir, "k8s-oss"):
        apply(oss.store, d)
    views = oss.views()
    peers = parse.parse_cilium_bgp_peers(cilium_cli.peers_text(views, 3725))["peers"]
    assert peers[0]["session_state"] == "established" and peers[0]["families"][0]["advertised"] == 4
    assert parse.parse_cilium_bgp_peers_json(json.dumps(cilium_cli.peers_json(views, 60)))["peers"][0]["peer_as"] == 65000
    text = cilium_cli.routes_text(views, "advertised", "ipv4", "unicast", 10)
    by_text = {r["prefix"]: r["attributes"]["communities"] for r in parse.parse_cilium_bgp_routes(text)["routes"]}
    routes = parse.parse_cilium_bgp_routes_json(json.dumps(cilium_cli.routes_json(views, "advertised", "ipv4",
                                                                                  "unicast", 10)))["routes"]
    by_json = {r["prefix"]: r["attributes"]["communities"] for r in routes}
    assert by_text == by_json and by_json["20.0.10.1/32"] == ["64512:301"]
    assert {r["attributes"]["as_path"] for r in routes} == {"64512"}
    available = parse.parse_cilium_bgp_routes(cilium_cli.routes_text(views, "available", "ipv4", "unicast", 5,
                                                                     defaulted=True))["routes"]
    assert sorted(r["prefix"] for r in available) == sorted(by_text)
    for d in docs(build_dir, "k8s-isovalent"):
        apply(iso.store, d)
    vpn = parse.parse_cilium_bgp_routes_json(json.dumps(cilium_cli.routes_json(iso.views(), "advertised", "ipv4",
                                                                               "mpls_vpn", 1)))["routes"]
    assert vpn[0]["attributes"]["extcommunities"] == ["65000:10"]
    assert vpn[0]["next_hop"] == "2016:23:23:23:20c:29ff:fe73:137d"


def test_views_are_deterministic(oss, build_dir):
    # The same objects applied in the opposite order to a second cluster give the same bytes: the views
    # depend on what is stored, not on the order it arrived in.
    objects = docs(build_dir, "k8s-oss")
    other = LabCluster(oss.spec, "t", Faults())
    for d in objects:
        apply(oss.store, d)
    for d in reversed(objects):
        apply(other.store, d)
    text = cilium_cli.routes_text(oss.views(), "advertised", "ipv4", "unicast", 42)
    assert text.strip(), "no advertised route in the view"
    assert text == cilium_cli.routes_text(other.views(), "advertised", "ipv4", "unicast", 42)
    assert cilium_view.compute(oss.spec, cilium_view.snapshot(other.store)) == oss.views()
