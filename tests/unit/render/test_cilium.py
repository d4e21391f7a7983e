# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cilium OSS renderer: seed reproduction, real-CRD validity, isolation semantics, golden files."""

from __future__ import annotations

import copy
import dataclasses
import ipaddress
from typing import Any, Dict, List

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.model import plan
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.cilium import (
    lb_pool_api_version,
    render_cilium_objects,
)
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.k8s_meta import RenderError
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.yamlout import dump_yaml_all

from crd_schema import Crd, UnsupportedRule, assert_valid, cilium_crds, cilium_object_errors, object_errors
from manifest_golden import by_kind, check_tree, manifest_files, one, selects

MANAGED_BY = ("app.kubernetes.io/managed-by", "kubevrf.tenancy")
BGP_KINDS = ("CiliumBGPClusterConfig", "CiliumBGPPeerConfig", "CiliumBGPAdvertisement")

# The seed's CiliumBGPAdvertisement.yaml with its lost indentation put back.
# test_seed_block_reconstruction_only_adds_indentation proves no line changed.
SEED_ADVERTISEMENT = """\
apiVersion: cilium.io/v2alpha1
kind: CiliumBGPAdvertisement
metadata:
  name: bgp-advertisements
  labels:
    advertise: bgp
spec:
  advertisements:
    - advertisementType: "Service"
      service:
        addresses:
          - ClusterIP
          - ExternalIP
          - LoadBalancerIP
      selector:
        matchExpressions:
          - { key: servicebgp, operator: In, values: [ proxy ] }
      attributes:
        communities:
          standard: [ "64512:301" ]
    - advertisementType: "Service"
      service:
        addresses:
          - ClusterIP
          - ExternalIP
          - LoadBalancerIP
      selector:
        matchExpressions:
          - { key: servicebgp, operator: In, values: [ proxy2 ] }
      attributes:
        communities:
          standard: [ "64512:302" ]
"""


def _oss(intent):
    return [c for c in intent.clusters if c.flavour == "oss"]


def _render_lab(data: Dict[str, Any]) -> List[Dict[str, Any]]:
    intent = plan(data)
    return render_cilium_objects(intent, intent.cluster("k8s-oss"))


def _with_version(lab_data: Dict[str, Any], version: str) -> Dict[str, Any]:
    data = copy.deepcopy(lab_data)
    next(c for c in data["clusters"] if c["name"] == "k8s-oss")["cilium_version"] = version
    return data


def multi_tenant_inventory(lab_data: Dict[str, Any], tenants: int, version: str) -> Dict[str, Any]:
    """The lab plus a second and third leaf and ``tenants`` more evpn tenants using every pool/selector form."""
    data = copy.deepcopy(lab_data)
    data["leaves"].append({"name": "Leaf02", "router_id": "10.70.0.12", "transit_vrf": {
        "name": "Tenant-K8s", "l3vni": 100301, "loopback": {"interface": "loopback11", "address": "192.168.1.2/32"}}})
    data["leaves"].append({"name": "Leaf03", "router_id": "10.70.0.13", "transit_vrf": {"name": "Tenant-K8s", "l3vni": 100301}})
    cluster = next(c for c in data["clusters"] if c["name"] == "k8s-oss")
    cluster["cilium_version"] = version
    cluster["bgp_peers"].append({"device": "Leaf02", "address": "192.168.1.2", "ebgp_multihop": 2})
    cluster["bgp_peers"].append({"device": "Leaf03", "address": "192.168.16.1"})
    cluster["node_selector"] = {"matchExpressions": [{"key": "bgp", "operator": "Exists"}]}
    for i in range(tenants):
        name = "t%02d" % i
        form = i % 4
        if form == 0:
            pools = [{"name": "%s-pool" % name, "cidr": "100.64.%d.0/26" % i}]
            selector = {"matchLabels": {"servicebgp": name}}
        elif form == 1:
            pools = [{"name": "%s-pool" % name, "start": "100.64.%d.10" % i, "stop": "100.64.%d.20" % i}]
            selector = {"matchExpressions": [{"key": "servicebgp", "operator": "In", "values": [name, name + "-b"]}]}
        elif form == 2:
            pools = [{"name": "%s-pool-a" % name, "cidr": "100.64.%d.0/27" % i},
                     {"name": "%s-pool-b" % name, "start": "100.64.%d.200" % i, "stop": "100.64.%d.200" % i}]
            selector = {"matchLabels": {"servicebgp": name},
                        "matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["internal"]}]}
        else:
            pools = []
            selector = {"matchLabels": {"servicebgp": name},
                        "matchExpressions": [{"key": "legacy", "operator": "DoesNotExist"}]}
        data["tenants"].append({
            "name": name, "mode": "evpn_community", "cluster": "k8s-oss", "community": "64512:%d" % (400 + i),
            "vrf": {"name": "T%02d-Pods" % i, "l3vni": 100400 + i}, "lb_pools": pools, "service_selector": selector,
            "service_addresses": [["LoadBalancerIP"], ["ClusterIP", "LoadBalancerIP"], ["ExternalIP"]][i % 3],
            "advertise_pod_cidr": i == 5,
        })
    return data


# ------------------------------------------------------------------ the lab


def test_lab_objects_are_valid_v2alpha1_crs(lab_intent):
    objects = render_cilium_objects(lab_intent, lab_intent.cluster("k8s-oss"))
    assert [o["kind"] for o in objects] == [
        "CiliumBGPClusterConfig", "CiliumBGPPeerConfig", "CiliumBGPAdvertisement",
        "CiliumLoadBalancerIPPool", "CiliumLoadBalancerIPPool"]
    for obj in objects:
        assert obj["apiVersion"] == "cilium.io/v2alpha1"  # Cilium 1.16.15, as in the seed
        assert_valid(obj)


def test_lab_on_cilium_1_18_renders_valid_v2_crs(lab_data):
    objects = _render_lab(_with_version(lab_data, "1.18.2"))
    for obj in objects:
        assert obj["apiVersion"] == "cilium.io/v2"
        assert_valid(obj)
    # Same content as v2alpha1: only the API version moves.
    older = _render_lab(lab_data)
    for new, old in zip(objects, older):
        assert dict(new, apiVersion=None) == dict(old, apiVersion=None)


@pytest.mark.parametrize("version, expected", [
    ("1.16.0", "cilium.io/v2alpha1"), ("1.16.15", "cilium.io/v2alpha1"), ("1.17.6", "cilium.io/v2alpha1"),
    ("v1.17.9-cee.1", "cilium.io/v2alpha1"), ("1.18.0", "cilium.io/v2"), ("1.19.4", "cilium.io/v2"),
    ("1.20.1", "cilium.io/v2"),
])
def test_api_version_follows_what_each_release_serves(lab_data, version, expected):
    assert lb_pool_api_version(version) == expected
    objects = _render_lab(_with_version(lab_data, version))
    assert {o["apiVersion"] for o in objects} == {expected}
    served = cilium_crds(expected)
    for obj in objects:
        assert served[obj["kind"]].served, "%s is not served as %s" % (obj["kind"], expected)


def test_lb_pool_api_version_rejects_garbage():
    with pytest.raises(RenderError, match="not a version"):
        lb_pool_api_version("latest")


def test_seed_block_reconstruction_only_adds_indentation(seed_out):
    block = seed_out("cat CiliumBGPAdvertisement.yaml")
    mine = [line.strip() for line in SEED_ADVERTISEMENT.splitlines()]
    assert [line.strip() for line in block[:len(mine)]] == mine
    assert not block[len(mine)].startswith(" ") and ":" not in block[len(mine)].split()[0]  # prose follows


def test_seed_advertisement_is_reproduced(lab_intent):
    seed = yaml.safe_load(SEED_ADVERTISEMENT)
    objects = render_cilium_objects(lab_intent, lab_intent.cluster("k8s-oss"))
    mine = one(objects, "CiliumBGPAdvertisement", seed["metadata"]["name"])
    assert mine["apiVersion"] == seed["apiVersion"]
    assert mine["kind"] == seed["kind"]
    assert seed["metadata"]["labels"].items() <= mine["metadata"]["labels"].items()
    # Every field the seed sets, with the seed's values, in the seed's order; nothing else.
    assert mine["spec"] == seed["spec"]
    # And the text round-trips: the communities stay strings, not sexagesimal numbers.
    assert yaml.safe_load(dump_yaml_all([mine])) == mine


def test_lab_pools_are_the_seeds(lab_intent, seed_out):
    objects = render_cilium_objects(lab_intent, lab_intent.cluster("k8s-oss"))
    pools = {o["metadata"]["name"]: o for o in by_kind(objects, "CiliumLoadBalancerIPPool")}
    for name in ("ip-pool-pod1", "ip-pool-pod2"):
        (cidr_line,) = seed_out("kubectl describe ippools/%s | grep Cidr" % name)
        assert pools[name]["spec"]["blocks"] == [{"cidr": cidr_line.split(":", 1)[1].strip()}]


def _service_labels(selector: Dict[str, Any]) -> Dict[str, str]:
    """Labels a Service of the tenant would carry (satisfying its selector)."""
    labels = dict(selector.get("matchLabels") or {})
    for expr in selector.get("matchExpressions") or []:
        if expr["operator"] in ("In", "Exists"):
            labels[expr["key"]] = (expr.get("values") or ["x"])[0]
    return labels


def _check_isolation(intent, cluster, objects):
    """Each tenant's Service gets addresses only from its own pools and carries only its own community."""
    tenants = intent.tenants_of(cluster.name)[0]
    advert = one(objects, "CiliumBGPAdvertisement", "bgp-advertisements")
    pools = by_kind(objects, "CiliumLoadBalancerIPPool")
    for tenant in tenants:
        labels = _service_labels(tenant.service_selector)
        assert selects(tenant.service_selector, labels)
        own_pools = sorted(p.name for p in tenant.lb_pools)
        assert sorted(p["metadata"]["name"] for p in pools if selects(p["spec"]["serviceSelector"], labels)) == own_pools
        services = [a for a in advert["spec"]["advertisements"]
                    if a["advertisementType"] == "Service" and selects(a["selector"], labels)]
        assert [a["attributes"]["communities"] for a in services] == [{"standard": [tenant.community]}]
        assert services[0]["service"]["addresses"] == list(tenant.service_addresses)
    pod = [a for a in advert["spec"]["advertisements"] if a["advertisementType"] == "PodCIDR"]
    wanted = [t.community for t in tenants if t.advertise_pod_cidr]
    assert pod == ([{"advertisementType": "PodCIDR", "attributes": {"communities": {"standard": wanted}}}] if wanted else [])


def _check_wiring(cluster, objects):
    """References resolve and selectors select what they must."""
    config = one(objects, "CiliumBGPClusterConfig", "bgp-cluster-config")
    (instance,) = config["spec"]["bgpInstances"]
    assert instance["localASN"] == cluster.asn
    assert config["spec"].get("nodeSelector", {}) == cluster.node_selector
    peer_configs = {o["metadata"]["name"]: o for o in by_kind(objects, "CiliumBGPPeerConfig")}
    adverts = by_kind(objects, "CiliumBGPAdvertisement")
    assert [(p["name"], p["peerAddress"], p["peerASN"]) for p in instance["peers"]] == \
        [(p.name, p.address, p.asn) for p in cluster.peers]
    used = set()
    for peer, intent_peer in zip(instance["peers"], cluster.peers):
        ref = peer["peerConfigRef"]["name"]
        used.add(ref)
        spec = peer_configs[ref]["spec"]
        assert spec.get("ebgpMultihop") == intent_peer.ebgp_multihop
        (family,) = spec["families"]
        assert (family["afi"], family["safi"]) == ("ipv4", "unicast")
        assert [a["metadata"]["name"] for a in adverts if selects(family["advertisements"], a["metadata"]["labels"])] \
            == ["bgp-advertisements"]
    assert used == set(peer_configs), "unused peer configs"


def test_lab_wiring_and_isolation(lab_intent):
    cluster = lab_intent.cluster("k8s-oss")
    objects = render_cilium_objects(lab_intent, cluster)
    _check_wiring(cluster, objects)
    _check_isolation(lab_intent, cluster, objects)
    config = one(objects, "CiliumBGPClusterConfig", "bgp-cluster-config")
    # The seed's session: node AS 64512 to Leaf01 (AS 65000) on its transit-VRF loopback, multihop.
    assert config["spec"]["bgpInstances"][0]["peers"] == [{
        "name": "leaf01", "peerAddress": "192.168.1.1", "peerASN": 65000,
        "peerConfigRef": {"name": "bgp-peer-config-multihop-2"}}]
    assert config["spec"]["nodeSelector"] == {"matchLabels": {"bgp": "enabled"}}


def test_seed_services_land_in_their_tenants_pools(lab_intent, seed_out):
    """The seed's LoadBalancer IPs fall in the pool whose selector carries the right community."""
    objects = render_cilium_objects(lab_intent, lab_intent.cluster("k8s-oss"))
    rows = [line.split() for line in seed_out("kubectl get service")[1:]]
    external = {row[0]: row[3] for row in rows if row[1] == "LoadBalancer"}
    assert external == {"nginx-service": "20.0.10.1", "nginx-service2": "30.0.10.1"}
    by_ip = {}
    for pool in by_kind(objects, "CiliumLoadBalancerIPPool"):
        for ip in external.values():
            if ipaddress.ip_address(ip) in ipaddress.ip_network(pool["spec"]["blocks"][0]["cidr"]):
                by_ip[ip] = pool["spec"]["serviceSelector"]
    advert = one(objects, "CiliumBGPAdvertisement", "bgp-advertisements")
    community = {}
    for ip, selector in by_ip.items():
        (entry,) = [a for a in advert["spec"]["advertisements"] if a.get("selector") == selector]
        community[ip] = entry["attributes"]["communities"]["standard"]
    assert community == {"20.0.10.1": ["64512:301"], "30.0.10.1": ["64512:302"]}


def test_every_object_is_labelled_managed_by(lab_intent):
    for obj in render_cilium_objects(lab_intent, lab_intent.cluster("k8s-oss")):
        assert obj["metadata"]["labels"][MANAGED_BY[0]] == MANAGED_BY[1]


# ------------------------------------------------------------------ generated multi-tenant intents


@pytest.mark.parametrize("version", ["1.16.15", "1.17.6", "1.18.2", "1.20.0"])
def test_multi_tenant_objects_are_valid_and_isolated(lab_data, version):
    intent = plan(multi_tenant_inventory(lab_data, 24, version))
    cluster = intent.cluster("k8s-oss")
    objects = render_cilium_objects(intent, cluster)
    for obj in objects:
        assert_valid(obj)
    tenants = intent.tenants_of("k8s-oss")[0]
    advert = one(objects, "CiliumBGPAdvertisement", "bgp-advertisements")
    assert len(advert["spec"]["advertisements"]) == len(tenants) + 1  # + the one PodCIDR entry
    assert len(by_kind(objects, "CiliumLoadBalancerIPPool")) == sum(len(t.lb_pools) for t in tenants)
    assert sorted(o["metadata"]["name"] for o in by_kind(objects, "CiliumBGPPeerConfig")) == \
        ["bgp-peer-config", "bgp-peer-config-multihop-2"]
    _check_wiring(cluster, objects)
    _check_isolation(intent, cluster, objects)


def test_rendering_is_deterministic(lab_data):
    data = multi_tenant_inventory(lab_data, 12, "1.18.2")
    first = dump_yaml_all(render_cilium_objects(plan(data), plan(data).cluster("k8s-oss")))
    again = copy.deepcopy(data)
    for tenant in again["tenants"]:
        sel = tenant.get("service_selector", {})
        if "matchLabels" in sel:
            sel["matchLabels"] = dict(reversed(list(sel["matchLabels"].items())))
        tenant_items = list(tenant.items())
        tenant.clear()
        tenant.update(reversed(tenant_items))
    intent = plan(again)
    assert dump_yaml_all(render_cilium_objects(intent, intent.cluster("k8s-oss"))) == first


def test_returned_objects_are_copies(lab_intent):
    cluster = lab_intent.cluster("k8s-oss")
    before = dump_yaml_all(render_cilium_objects(lab_intent, cluster))
    objects = render_cilium_objects(lab_intent, cluster)
    objects[2]["spec"]["advertisements"][0]["selector"]["matchExpressions"].append({"key": "x", "operator": "Exists"})
    objects[3]["spec"]["serviceSelector"].clear()
    assert dump_yaml_all(render_cilium_objects(lab_intent, cluster)) == before


# ------------------------------------------------------------------ errors


def _replace_tenant(intent, name, **changes):
    tenants = tuple(dataclasses.replace(t, **changes) if t.name == name else t for t in intent.evpn_tenants)
    return dataclasses.replace(intent, evpn_tenants=tenants)


def test_wrong_flavour_is_refused(lab_intent):
    with pytest.raises(RenderError, match="flavour oss"):
        render_cilium_objects(lab_intent, lab_intent.cluster("k8s-isovalent"))


def test_srv6_tenant_on_oss_is_refused(lab_intent):
    blue = dataclasses.replace(lab_intent.srv6_tenants[0], cluster="k8s-oss")
    intent = dataclasses.replace(lab_intent, srv6_tenants=(blue,))
    with pytest.raises(RenderError, match="need flavour isovalent"):
        render_cilium_objects(intent, intent.cluster("k8s-oss"))


@pytest.mark.parametrize("changes, message", [
    ({"service_selector": {}}, "empty service_selector"),
    ({"service_addresses": ()}, "service_addresses is empty"),
])
def test_bad_tenant_selectors_are_refused(lab_intent, changes, message):
    intent = _replace_tenant(lab_intent, "tenant1", **changes)
    with pytest.raises(RenderError, match=message):
        render_cilium_objects(intent, intent.cluster("k8s-oss"))


@pytest.mark.parametrize("pool, message", [
    ({"name": "Bad_Name", "cidr": "20.0.10.0/24"}, "not a valid Kubernetes object name"),
    ({"name": "p", "cidr": "20.0.10.0/24", "start": "20.0.10.1"}, "either cidr or start/stop"),
    ({"name": "p"}, "needs a cidr or a start"),
    ({"name": "ip-pool-pod2", "cidr": "40.0.0.0/24"}, "two CiliumLoadBalancerIPPool objects"),
])
def test_bad_pools_are_refused(lab_intent, pool, message):
    tenant = next(t for t in lab_intent.evpn_tenants if t.name == "tenant1")
    lb = type(tenant.lb_pools[0])(name=pool["name"], cidr=pool.get("cidr"), start=pool.get("start"), stop=pool.get("stop"))
    intent = _replace_tenant(lab_intent, "tenant1", lb_pools=(lb,))
    with pytest.raises(RenderError, match=message):
        render_cilium_objects(intent, intent.cluster("k8s-oss"))


# ------------------------------------------------------------------ the schema checker is not vacuous


def _lab_v2(lab_data):
    return _render_lab(_with_version(lab_data, "1.18.2"))


@pytest.mark.parametrize("mutate, expected", [
    (lambda o: o[2]["spec"]["advertisements"][0].update(bogus=1), "'bogus' was unexpected"),
    (lambda o: o[2]["metadata"].update(namespace="kube-system"), "'namespace' was unexpected"),
    (lambda o: o[2]["metadata"].update(name="Bad_Name"), "does not match"),
    (lambda o: o[2]["metadata"]["labels"].update({"a/b/c": "x"}), "does not match"),
    (lambda o: o[2]["spec"]["advertisements"][0]["attributes"]["communities"].update(standard=["65536:1"]), "does not match"),
    (lambda o: o[2]["spec"]["advertisements"].append({"advertisementType": "PodCIDR", "selector": {}}),
     "selector field is not allowed for the 'PodCIDR'"),
    (lambda o: o[2]["spec"]["advertisements"].append({"advertisementType": "Service"}), "service field is required"),
    (lambda o: o[1]["spec"].update(ebgpMultihop=256), "256 is greater than the maximum"),
    (lambda o: o[1]["spec"].update(timers={"keepAliveTimeSeconds": 120}), "can not be larger than holdTimeSeconds"),
    (lambda o: o[0]["spec"]["bgpInstances"][0]["peers"].append(dict(o[0]["spec"]["bgpInstances"][0]["peers"][0])),
     "duplicate map-list entries"),
    (lambda o: o[3]["spec"]["blocks"].append({"cidr": "20.0.10.0/33"}), "is not a 'cidr'"),
    (lambda o: o[3].update(kind="CiliumL2AnnouncementPolicy"), "has no kind"),
    (lambda o: o[3].update(apiVersion="cilium.io/v3"), "no vendored Cilium schema"),
])
def test_schema_checker_rejects_what_the_server_rejects(lab_data, mutate, expected):
    objects = _lab_v2(lab_data)
    mutate(objects)
    errors = [e for obj in objects for e in cilium_object_errors(obj)]
    assert any(expected in e for e in errors), errors


def test_v2alpha1_kind_missing_from_the_v2_directory_is_reported(lab_data):
    # The 1.16 schemas accept the lab; the v2alpha1 CRD there has no "Interface" advertisements (added later).
    objects = _render_lab(lab_data)
    objects[2]["spec"]["advertisements"].append({"advertisementType": "Interface", "interface": {"name": "lo"}})
    assert any("is not one of" in e or "'interface' was unexpected" in e for e in cilium_object_errors(objects[2]))


def _toy(spec_schema):
    schema = {"type": "object", "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
                                               "metadata": {"type": "object"}, "spec": spec_schema}}
    return Crd("example.com", "v1", "Toy", "Cluster", schema)


def _toy_obj(spec):
    return {"apiVersion": "example.com/v1", "kind": "Toy", "metadata": {"name": "t"}, "spec": spec}


def test_schema_dialect_nullable_int_or_string_and_preserved_fields():
    crd = _toy({"type": "object", "properties": {
        "n": {"type": "string", "nullable": True},
        "port": {"x-kubernetes-int-or-string": True},
        "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
        "closed": {"type": "object"},
    }})
    assert object_errors(_toy_obj({"n": None, "port": "http", "free": {"any": 1}}), crd) == []
    assert object_errors(_toy_obj({"port": 8080}), crd) == []
    errors = object_errors(_toy_obj({"port": 1.5, "closed": {"x": 1}}), crd)
    assert any("'x' was unexpected" in e for e in errors) and any("1.5" in e for e in errors), errors


def test_schema_checker_refuses_what_it_cannot_check():
    with pytest.raises(ValueError, match="no checker"):
        object_errors(_toy_obj({"a": "x"}), _toy({"type": "object", "properties": {"a": {"type": "string", "format": "mac"}}}))
    rule = {"type": "object", "properties": {"a": {"type": "string"}},
            "x-kubernetes-validations": [{"rule": "self.a.startsWith('x')"}]}
    with pytest.raises(UnsupportedRule):
        object_errors(_toy_obj({"a": "x"}), _toy(rule))


def test_cel_rules_use_defaults_and_fail_on_missing_keys():
    crd = _toy({"type": "object", "properties": {"a": {"type": "integer", "default": 5}, "b": {"type": "integer"}},
                "x-kubernetes-validations": [{"rule": "self.a + 1 > self.b", "message": "a must exceed b"}]})
    assert object_errors(_toy_obj({"b": 5}), crd) == []
    assert object_errors(_toy_obj({"b": 6}), crd) == [".spec: a must exceed b"]
    assert "no such key b" in object_errors(_toy_obj({}), crd)[0]


# ------------------------------------------------------------------ golden manifests


@pytest.mark.parametrize("case, version", [("lab-cilium-1.16/k8s-oss", None), ("lab-cilium-1.18/k8s-oss", "1.18.2")])
def test_golden_manifests(lab_data, case, version):
    data = _with_version(lab_data, version) if version else lab_data
    check_tree(case, manifest_files(_render_lab(data)))
