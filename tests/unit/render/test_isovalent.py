# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Isovalent SRv6 renderer: the seed's SRv6 half, our doc-derived schemas, wiring, golden files."""

from __future__ import annotations

import copy
import dataclasses
import ipaddress
from typing import Any, Dict, List

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.model import plan
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render import isovalent
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.isovalent import render_isovalent_objects
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.k8s_meta import RenderError
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.yamlout import dump_yaml_all

from crd_schema import cilium_object_errors
from isovalent_schema import isovalent_object_errors
from manifest_golden import by_kind, check_tree, manifest_files, one, selects

CLUSTER = "k8s-isovalent"


def _errors(obj: Dict[str, Any]) -> List[str]:
    if obj["apiVersion"].startswith("cilium.io/"):
        return cilium_object_errors(obj)
    return isovalent_object_errors(obj)


def _assert_all_valid(objects: List[Dict[str, Any]]) -> None:
    problems = ["%s %s: %s" % (o["kind"], o["metadata"]["name"], e) for o in objects for e in _errors(o)]
    assert problems == []


def _render(data: Dict[str, Any]) -> List[Dict[str, Any]]:
    intent = plan(data)
    return render_isovalent_objects(intent, intent.cluster(CLUSTER))


def multi_tenant_inventory(lab_data: Dict[str, Any], srv6: int, evpn: int) -> Dict[str, Any]:
    """The lab plus a second PE/node and ``srv6`` more SRv6 tenants and ``evpn`` evpn_community tenants on the Isovalent cluster."""
    data = copy.deepcopy(lab_data)
    data["pes"].append({"name": "XRV2", "router_id": "192.168.40.41", "update_source": "Loopback0",
                        "source_address": "2016:40:40:41::40", "srv6_locator": {"name": "XRV2", "prefix": "cafe:cafe:101::/48"}})
    cluster = next(c for c in data["clusters"] if c["name"] == CLUSTER)
    cluster["bgp_peers"].append({"device": "XRV2", "address": "2016:40:40:41::40"})
    cluster["nodes"].append({"name": "worker2.local", "address": "2016:23:23:23::2", "srv6_locator": "cafe:cafe:2bf::/48"})
    for i in range(srv6):
        name = "vrf%02d" % i
        tenant: Dict[str, Any] = {
            "name": name, "mode": "srv6_l3vpn", "cluster": CLUSTER, "vrf": {"name": "VRF_%02d" % i, "id": 100 + i},
            "rd": "65000:%d" % (100 + i), "import_rts": ["65000:%d" % (100 + i), "65000:%d" % (5000 + i)],
            "export_rts": ["65000:%d" % (100 + i)], "pod_cidrs": ["10.%d.0.0/24" % (40 + i)],
            "destination_cidrs": ["0.0.0.0/0"] if i % 2 else ["172.19.%d.0/24" % i, "10.0.0.0/8"],
        }
        if i % 3 != 1:
            tenant["namespace_selector"] = {"matchLabels": {"kubernetes.io/metadata.name": name}}
        if i % 3 != 2:
            tenant["pod_selector"] = {"matchExpressions": [{"key": "vrf", "operator": "In", "values": [name]}]}
        else:  # namespace-wide VRF: must exclude pods another VRF claims by label (rule selector-overlap)
            tenant["pod_selector"] = {"matchExpressions": [{"key": "vrf", "operator": "DoesNotExist"}]}
        if i % 4 == 3:
            tenant["advertise_pod_cidr"] = False
        data["tenants"].append(tenant)
    if evpn:
        cluster["bgp_peers"].append({"device": "Leaf01", "address": "2016:70::11"})
    for i in range(evpn):
        name = "ev%02d" % i
        data["tenants"].append({
            "name": name, "mode": "evpn_community", "cluster": CLUSTER, "community": "65000:%d" % (700 + i),
            "vrf": {"name": "EV%02d-Pods" % i, "l3vni": 100700 + i},
            "lb_pools": [{"name": "%s-pool" % name, "cidr": "100.65.%d.0/24" % i}],
            "service_selector": {"matchLabels": {"tenant": name}},
            "service_addresses": ["LoadBalancerIP"], "advertise_pod_cidr": i == 0,
        })
    return data


# ------------------------------------------------------------------ the seed's SRv6 half


def test_lab_objects_match_our_schemas(lab_intent):
    objects = render_isovalent_objects(lab_intent, lab_intent.cluster(CLUSTER))
    assert [o["kind"] for o in objects] == [
        "IsovalentSRv6LocatorPool", "IsovalentVRF", "IsovalentBGPClusterConfig", "IsovalentBGPPeerConfig",
        "IsovalentBGPVRFConfig", "IsovalentBGPAdvertisement", "IsovalentBGPAdvertisement",
        "IsovalentBGPNodeConfigOverride"]
    _assert_all_valid(objects)
    for obj in objects:
        assert obj["apiVersion"] == isovalent.API_VERSIONS[obj["kind"]] == "isovalent.com/v1alpha1"
        assert obj["metadata"]["labels"]["app.kubernetes.io/managed-by"] == "kubevrf.tenancy"


def test_lab_reproduces_the_seed_srv6_facts(lab_intent):
    objects = render_isovalent_objects(lab_intent, lab_intent.cluster(CLUSTER))
    pool = one(objects, "IsovalentSRv6LocatorPool", "pool0")["spec"]
    assert pool == {"prefix": "cafe:cafe::/32", "locatorLenBits": 48, "behaviorType": "uSID",
                    "structure": {"locatorBlockLenBits": 32, "locatorNodeLenBits": 16,
                                  "functionLenBits": 16, "argumentLenBits": 0}}
    # The seed's node locator (kubectl get sidmanager: cafe:cafe:2be::/48) is one the pool can hand out.
    node_locator = ipaddress.ip_network("cafe:cafe:2be::/48")
    assert node_locator.subnet_of(ipaddress.ip_network(pool["prefix"]))
    assert node_locator.prefixlen == pool["locatorLenBits"]

    vrf = one(objects, "IsovalentVRF", "blue")["spec"]
    assert vrf == {"vrfID": 10, "locatorPoolRef": "pool0", "rules": [{
        "selectors": [{"endpointSelector": {"matchLabels": {"vrf": "blue"}},
                       "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "blue"}}}],
        "destinationCIDRs": ["0.0.0.0/0"]}]}

    (instance,) = one(objects, "IsovalentBGPClusterConfig", "bgp-cluster-config")["spec"]["bgpInstances"]
    # iBGP: node AS 65000 to the XR PE 2016:40:40:40::40 AS 65000 (seed: cilium bgp peers).
    assert instance["localASN"] == 65000
    assert [(p["peerAddress"], p["peerASN"]) for p in instance["peers"]] == [("2016:40:40:40::40", 65000)]
    assert instance["vrfs"] == [{"vrfRef": "blue", "rd": "10:10", "importRTs": ["65000:10"], "exportRTs": ["65000:10"],
                                 "configRef": "blue-vrf-config"}]

    # Both families of the seed's `cilium bgp peers`: ipv6/unicast and ipv4/mpls_vpn.
    (peer_config,) = by_kind(objects, "IsovalentBGPPeerConfig")
    assert [(f["afi"], f["safi"]) for f in peer_config["spec"]["families"]] == [("ipv6", "unicast"), ("ipv4", "mpls_vpn")]

    # Pods in VRF blue: the pod CIDR is advertised in the VRF (seed: 10.23.0.0/24 in RD 10:10).
    vrf_advert = one(objects, "IsovalentBGPAdvertisement", "blue-vrf-advertisements")
    assert vrf_advert["spec"]["advertisements"] == [{"advertisementType": "PodCIDR"}]

    (override,) = by_kind(objects, "IsovalentBGPNodeConfigOverride")
    assert override["metadata"]["name"] == "ubuntuk8.local"
    assert override["spec"]["bgpInstances"] == [{"name": instance["name"], "srv6Responder": True}]


def _check_wiring(intent, cluster, objects):
    """Every reference resolves and every selector selects exactly what it should."""
    names = {(o["kind"], o["metadata"]["name"]) for o in objects}
    config = one(objects, "IsovalentBGPClusterConfig", "bgp-cluster-config")
    (instance,) = config["spec"]["bgpInstances"]
    assert config["spec"].get("nodeSelector", {}) == cluster.node_selector
    peer_configs = {o["metadata"]["name"]: o for o in by_kind(objects, "IsovalentBGPPeerConfig")}
    assert {p["peerConfigRef"]["name"] for p in instance.get("peers", [])} == set(peer_configs)
    adverts = by_kind(objects, "IsovalentBGPAdvertisement")
    pools = by_kind(objects, "IsovalentSRv6LocatorPool")
    for config_obj in peer_configs.values():
        for family in config_obj["spec"]["families"]:
            if "advertisements" in family:
                chosen = [a["metadata"]["name"] for a in adverts if selects(family["advertisements"], a["metadata"]["labels"])]
                assert chosen == ["bgp-advertisements"], family
            else:
                assert (family["afi"], family["safi"]) == ("ipv4", "mpls_vpn")  # VRF routes go by VRF config
    srv6 = intent.tenants_of(cluster.name)[1]
    assert [v["vrfRef"] for v in instance.get("vrfs", [])] == [isovalent.vrf_object_name(t) for t in srv6]
    for entry, tenant in zip(instance.get("vrfs", []), srv6):
        assert ("IsovalentVRF", entry["vrfRef"]) in names
        vrf = one(objects, "IsovalentVRF", entry["vrfRef"])["spec"]
        assert vrf["vrfID"] == tenant.vrf_id
        assert ("IsovalentSRv6LocatorPool", vrf["locatorPoolRef"]) in names
        assert (entry["rd"], entry["importRTs"], entry["exportRTs"]) == \
            (tenant.rd, list(tenant.import_rts), list(tenant.export_rts))
        vrf_config = one(objects, "IsovalentBGPVRFConfig", entry["configRef"])
        (family,) = vrf_config["spec"]["families"]
        chosen = [a["metadata"]["name"] for a in adverts if selects(family["advertisements"], a["metadata"]["labels"])]
        assert chosen == (["%s-vrf-advertisements" % entry["vrfRef"]] if tenant.advertise_pod_cidr else [])
    cluster_advert = one(objects, "IsovalentBGPAdvertisement", "bgp-advertisements")
    for entry in cluster_advert["spec"]["advertisements"]:
        if entry["advertisementType"] == "SRv6LocatorPool":
            assert [p["metadata"]["name"] for p in pools if selects(entry["selector"], p["metadata"]["labels"])] == \
                [cluster.locator_pool.name]
    overrides = by_kind(objects, "IsovalentBGPNodeConfigOverride")
    assert [o["metadata"]["name"] for o in overrides] == ([n.name for n in cluster.nodes] if srv6 else [])
    for override in overrides:
        assert [i["name"] for i in override["spec"]["bgpInstances"]] == [instance["name"]]


def test_lab_wiring(lab_intent):
    cluster = lab_intent.cluster(CLUSTER)
    _check_wiring(lab_intent, cluster, render_isovalent_objects(lab_intent, cluster))


# ------------------------------------------------------------------ generated multi-tenant intents


def test_multi_tenant_srv6_and_evpn_on_one_cluster(lab_data):
    intent = plan(multi_tenant_inventory(lab_data, srv6=12, evpn=3))
    cluster = intent.cluster(CLUSTER)
    objects = render_isovalent_objects(intent, cluster)
    _assert_all_valid(objects)
    _check_wiring(intent, cluster, objects)
    srv6 = intent.tenants_of(CLUSTER)[1]
    assert len(by_kind(objects, "IsovalentVRF")) == len(srv6) == 13
    assert len({o["spec"]["vrfID"] for o in by_kind(objects, "IsovalentVRF")}) == 13
    # evpn_community tenants ride on the Isovalent BGP kinds: ipv4/unicast family + communities + LB pools.
    (peer_config,) = by_kind(objects, "IsovalentBGPPeerConfig")
    assert [(f["afi"], f["safi"]) for f in peer_config["spec"]["families"]] == \
        [("ipv6", "unicast"), ("ipv4", "mpls_vpn"), ("ipv4", "unicast")]
    advert = one(objects, "IsovalentBGPAdvertisement", "bgp-advertisements")["spec"]["advertisements"]
    assert [a["advertisementType"] for a in advert] == ["SRv6LocatorPool", "Service", "Service", "Service", "PodCIDR"]
    for tenant in intent.tenants_of(CLUSTER)[0]:
        (entry,) = [a for a in advert if a.get("selector") == tenant.service_selector]
        assert entry["attributes"]["communities"] == {"standard": [tenant.community]}
    pools = by_kind(objects, "CiliumLoadBalancerIPPool")
    assert [p["apiVersion"] for p in pools] == ["cilium.io/v2alpha1"] * 3  # Cilium 1.17.6
    # Names made Kubernetes-safe from router-style VRF names.
    assert one(objects, "IsovalentVRF", "vrf-00")["spec"]["vrfID"] == 100
    assert by_kind(objects, "IsovalentBGPNodeConfigOverride")[1]["metadata"]["name"] == "worker2.local"


def test_selector_forms(lab_data):
    # A pod-only VRF (any namespace) and a namespace-only VRF (any pod) would claim the
    # same pods (rule selector-overlap), so each form is rendered from its own inventory.
    data = multi_tenant_inventory(lab_data, srv6=3, evpn=0)
    objects = _render(data)
    selectors = [one(objects, "IsovalentVRF", "vrf-%02d" % i)["spec"]["rules"][0]["selectors"][0] for i in range(2)]
    assert [sorted(s) for s in selectors] == [["endpointSelector", "namespaceSelector"], ["endpointSelector"]]
    data["tenants"] = [t for t in data["tenants"] if t["name"] != "vrf01"]
    next(t for t in data["tenants"] if t["name"] == "vrf02").pop("pod_selector")
    namespace_only = one(_render(data), "IsovalentVRF", "vrf-02")["spec"]["rules"][0]["selectors"][0]
    assert sorted(namespace_only) == ["namespaceSelector"]


def test_cluster_without_srv6_tenants_has_no_vrf_objects(lab_data):
    data = copy.deepcopy(lab_data)
    data["tenants"] = [t for t in data["tenants"] if t["mode"] != "srv6_l3vpn"]
    objects = _render(data)
    _assert_all_valid(objects)
    assert [o["kind"] for o in objects] == ["IsovalentSRv6LocatorPool", "IsovalentBGPClusterConfig",
                                            "IsovalentBGPPeerConfig", "IsovalentBGPAdvertisement"]
    assert "vrfs" not in objects[1]["spec"]["bgpInstances"][0]


def test_rendering_is_deterministic(lab_data):
    data = multi_tenant_inventory(lab_data, srv6=6, evpn=2)
    first = dump_yaml_all(_render(data))
    again = copy.deepcopy(data)
    for tenant in again["tenants"]:
        items = list(tenant.items())
        tenant.clear()
        tenant.update(reversed(items))
    assert dump_yaml_all(_render(again)) == first == dump_yaml_all(_render(data))


# ------------------------------------------------------------------ errors


def _blue(intent, **changes):
    tenants = tuple(dataclasses.replace(t, **changes) for t in intent.srv6_tenants)
    return dataclasses.replace(intent, srv6_tenants=tenants)


def test_wrong_flavour_is_refused(lab_intent):
    with pytest.raises(RenderError, match="flavour isovalent"):
        render_isovalent_objects(lab_intent, lab_intent.cluster("k8s-oss"))


@pytest.mark.parametrize("changes, message", [
    ({"pod_selector": None, "namespace_selector": None}, "needs a pod_selector or a namespace_selector"),
    ({"destination_cidrs": ()}, "destination_cidrs is empty"),
    ({"vrf": "!!!"}, "no letters or digits"),
])
def test_bad_srv6_tenants_are_refused(lab_intent, changes, message):
    intent = _blue(lab_intent, **changes)
    with pytest.raises(RenderError, match=message):
        render_isovalent_objects(intent, intent.cluster(CLUSTER))


def test_vrf_names_colliding_after_sanitising_are_refused(lab_intent):
    blue = lab_intent.srv6_tenants[0]
    other = dataclasses.replace(blue, name="blue2", vrf="BLUE", vrf_id=11)
    intent = dataclasses.replace(lab_intent, srv6_tenants=(blue, other))
    with pytest.raises(RenderError, match="share VRF name blue"):
        render_isovalent_objects(intent, intent.cluster(CLUSTER))


def test_srv6_tenants_without_locator_pool_are_refused(lab_intent):
    cluster = dataclasses.replace(lab_intent.cluster(CLUSTER), locator_pool=None)
    with pytest.raises(RenderError, match="need srv6.locator_pool"):
        render_isovalent_objects(lab_intent, cluster)


# ------------------------------------------------------------------ our schemas are not vacuous


@pytest.mark.parametrize("kind, mutate, expected", [
    ("IsovalentSRv6LocatorPool", lambda s: s.update(locatorLenBits=40), "block + node bits must equal"),
    ("IsovalentSRv6LocatorPool", lambda s: s["structure"].update(functionLenBits=96), "must fit in 128"),
    ("IsovalentSRv6LocatorPool", lambda s: s.update(prefix="cafe:cafe:2be:1::/64"), "must not be longer"),
    ("IsovalentSRv6LocatorPool", lambda s: s.update(behaviorType="usid"), "is not one of"),
    ("IsovalentVRF", lambda s: s["rules"][0]["selectors"].append({}), "needs endpointSelector and/or"),
    ("IsovalentVRF", lambda s: s.update(vrfID="10"), "is not of type 'integer'"),
    ("IsovalentBGPClusterConfig", lambda s: s["bgpInstances"][0]["vrfs"][0].pop("rd"), "'rd' is a required property"),
    ("IsovalentBGPClusterConfig", lambda s: s["bgpInstances"][0]["vrfs"][0].update(rd="10"), "does not match"),
    ("IsovalentBGPVRFConfig", lambda s: s["families"][0].update(afi="ipv6"), "only VPNv4"),
    ("IsovalentBGPAdvertisement", lambda s: s["advertisements"][0].pop("selector"), "selects the pool(s) by label"),
    ("IsovalentBGPNodeConfigOverride", lambda s: s["bgpInstances"][0].update(srv6responder=True), "was unexpected"),
])
def test_isovalent_schemas_reject_doc_violations(lab_intent, kind, mutate, expected):
    objects = render_isovalent_objects(lab_intent, lab_intent.cluster(CLUSTER))
    obj = by_kind(objects, kind)[0]
    assert isovalent_object_errors(obj) == []
    mutate(obj["spec"])
    errors = isovalent_object_errors(obj)
    assert any(expected in e for e in errors), errors


# ------------------------------------------------------------------ golden manifests


def test_golden_lab(lab_intent):
    check_tree("lab/%s" % CLUSTER, manifest_files(render_isovalent_objects(lab_intent, lab_intent.cluster(CLUSTER))))


def test_golden_mixed(lab_data):
    check_tree("mixed/%s" % CLUSTER, manifest_files(_render(multi_tenant_inventory(lab_data, srv6=2, evpn=1))))
