# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Isovalent Enterprise for Cilium: SRv6 L3VPN resources of a cluster.

The CRDs are not public; field names follow shared/docs/isovalent-srv6.md and
public lab guides. Every name that could differ between releases is a
constant in the block below, so a release change is a one-line edit.

One cluster gets, in apply order:

- IsovalentSRv6LocatorPool (the cluster's pool, labelled so the locator
  advertisement can select it);
- IsovalentVRF per srv6_l3vpn tenant (vrfID, locator pool, pod/namespace
  selectors, destination CIDRs);
- IsovalentBGPClusterConfig: one instance peering every ClusterPeer, with a
  ``vrfs`` entry per tenant (RD, import/export RTs, VRF config reference);
- IsovalentBGPPeerConfig per distinct peer setting: ipv6/unicast (locator
  reachability) + ipv4/mpls_vpn (VPNv4 with SRv6 SIDs), plus ipv4/unicast
  when the cluster also has evpn_community tenants;
- IsovalentBGPVRFConfig per tenant: ipv4/mpls_vpn selecting that VRF's
  advertisements;
- IsovalentBGPAdvertisement ``bgp-advertisements`` (cluster labels): the
  SRv6LocatorPool advertisement, plus, for evpn_community tenants on this
  cluster, the same Service/PodCIDR advertisements with communities that the
  OSS renderer makes; and one per tenant VRF with its PodCIDR advertisement;
- IsovalentBGPNodeConfigOverride per node with srv6Responder, so nodes
  install the VPN routes they import (only when the cluster has SRv6 tenants);
- CiliumLoadBalancerIPPool per evpn_community tenant pool (LB-IPAM is the
  open-source kind in Enterprise too).
"""

from __future__ import annotations

import copy
from typing import Any, Dict, List, Optional, Sequence

from ..intent import Cluster, Intent, LocatorPool, Srv6Tenant
from .cilium import (
    bgp_instance_name,
    cluster_peers,
    PeerGroup,
    distinct_peer_configs,
    lb_pool_objects,
    peer_config_spec,
    peer_groups,
    tenant_advertisements,
)
from .k8s_meta import RenderError, check_label_value, k8s_name, new_object, unique_names

# ---- Facts that may change between Isovalent releases: keep them here. ----
# All kinds are served as isovalent.com/v1alpha1 (docs/isovalent-srv6.md).
# Newer releases also serve isovalent.com/v1 for the BGP kinds; switch here.
API_VERSIONS: Dict[str, str] = {
    "IsovalentSRv6LocatorPool": "isovalent.com/v1alpha1",
    "IsovalentVRF": "isovalent.com/v1alpha1",
    "IsovalentBGPClusterConfig": "isovalent.com/v1alpha1",
    "IsovalentBGPPeerConfig": "isovalent.com/v1alpha1",
    "IsovalentBGPVRFConfig": "isovalent.com/v1alpha1",
    "IsovalentBGPAdvertisement": "isovalent.com/v1alpha1",
    "IsovalentBGPNodeConfigOverride": "isovalent.com/v1alpha1",
}
LOCATOR_ADVERTISEMENT_TYPE = "SRv6LocatorPool"
SRV6_RESPONDER_FIELD = "srv6Responder"  # on IsovalentBGPNodeConfigOverride.spec.bgpInstances[]
LOCATOR_FAMILY = {"afi": "ipv6", "safi": "unicast"}
VPN_FAMILY = {"afi": "ipv4", "safi": "mpls_vpn"}  # VPNv4 only: VPNv6 is not implemented upstream
EVPN_FAMILY = {"afi": "ipv4", "safi": "unicast"}
# Labels the renderer invents to tie objects together.
LOCATOR_POOL_LABEL = "kubevrf.tenancy/locator-pool"
VRF_LABEL = "kubevrf.tenancy/vrf"
# Object names.
CLUSTER_CONFIG_NAME = "bgp-cluster-config"
ADVERTISEMENT_NAME = "bgp-advertisements"
VRF_CONFIG_NAME = "%s-vrf-config"  # % VRF object name
VRF_ADVERTISEMENT_NAME = "%s-vrf-advertisements"  # % VRF object name
# ---------------------------------------------------------------------------


def _obj(kind: str, name: str, spec: Dict[str, Any], labels: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    return new_object(API_VERSIONS[kind], kind, name, spec, labels)


def vrf_object_name(tenant: Srv6Tenant) -> str:
    """The IsovalentVRF name: the tenant's VRF name made Kubernetes-safe (``blue`` stays ``blue``)."""
    return k8s_name(tenant.vrf)


def locator_pool_object(pool: LocatorPool) -> Dict[str, Any]:
    spec = {
        "prefix": pool.prefix,
        "locatorLenBits": pool.locator_len_bits,
        "behaviorType": pool.behavior_type,
        "structure": {
            "locatorBlockLenBits": pool.locator_block_len_bits,
            "locatorNodeLenBits": pool.locator_node_len_bits,
            "functionLenBits": pool.function_len_bits,
            "argumentLenBits": pool.argument_len_bits,
        },
    }
    label = check_label_value(pool.name, "locator pool name")
    return _obj("IsovalentSRv6LocatorPool", pool.name, spec, {LOCATOR_POOL_LABEL: label})


def vrf_object(tenant: Srv6Tenant, pool: LocatorPool) -> Dict[str, Any]:
    # One selector entry holding both parts means "these pods in these namespaces".
    selector: Dict[str, Any] = {}
    if tenant.pod_selector:
        selector["endpointSelector"] = tenant.pod_selector
    if tenant.namespace_selector:
        selector["namespaceSelector"] = tenant.namespace_selector
    if not selector:
        raise RenderError("tenant %s: needs a pod_selector or a namespace_selector to put pods in VRF %s"
                          % (tenant.name, tenant.vrf))
    if not tenant.destination_cidrs:
        raise RenderError("tenant %s: destination_cidrs is empty; pods in VRF %s would reach nothing"
                          % (tenant.name, tenant.vrf))
    spec = {
        "vrfID": tenant.vrf_id,
        "locatorPoolRef": pool.name,
        "rules": [{"selectors": [selector], "destinationCIDRs": list(tenant.destination_cidrs)}],
    }
    return _obj("IsovalentVRF", vrf_object_name(tenant), spec)


def cluster_config_objects(cluster: Cluster, tenants: Sequence[Srv6Tenant]) -> List[Dict[str, Any]]:
    """One IsovalentBGPClusterConfig per peer group (one for the whole cluster unless peering is per rack)."""
    return [cluster_config_object(cluster, tenants, group) for group in peer_groups(cluster, CLUSTER_CONFIG_NAME)]


def cluster_config_object(cluster: Cluster, tenants: Sequence[Srv6Tenant], group: Optional[PeerGroup] = None) -> Dict[str, Any]:
    group = group or PeerGroup(CLUSTER_CONFIG_NAME, cluster.node_selector, cluster.peers)
    instance: Dict[str, Any] = {"name": bgp_instance_name(cluster), "localASN": cluster.asn}
    if group.peers:
        instance["peers"] = cluster_peers(cluster, group.peers)
    if tenants:
        instance["vrfs"] = [
            {
                "vrfRef": vrf_object_name(t),
                "rd": t.rd,
                "importRTs": list(t.import_rts),
                "exportRTs": list(t.export_rts),
                "configRef": VRF_CONFIG_NAME % vrf_object_name(t),
            }
            for t in tenants
        ]
    spec: Dict[str, Any] = {"bgpInstances": [instance]}
    if group.node_selector:
        spec["nodeSelector"] = group.node_selector
    return _obj("IsovalentBGPClusterConfig", group.name, spec)


def peer_families(cluster: Cluster, has_srv6: bool, has_evpn: bool) -> List[Dict[str, Any]]:
    """Families every peer is offered; unicast ones select the cluster's advertisements.

    ipv4/mpls_vpn carries no selector here: VRF routes are chosen per VRF by
    IsovalentBGPVRFConfig.
    """
    selector = {"matchLabels": dict(cluster.advertisement_labels)}
    families: List[Dict[str, Any]] = []
    if has_srv6:
        families.append(dict(LOCATOR_FAMILY, advertisements=selector))
        families.append(dict(VPN_FAMILY))
    if has_evpn:
        families.append(dict(EVPN_FAMILY, advertisements=selector))
    return families


def _check_tenants(cluster: Cluster, tenants: Sequence[Srv6Tenant]) -> None:
    seen: Dict[Any, str] = {}
    for tenant in tenants:
        for key in (("VRF name", vrf_object_name(tenant)), ("vrfID", tenant.vrf_id)):
            if key in seen:
                raise RenderError("cluster %s: tenants %s and %s share %s %s"
                                  % (cluster.name, seen[key], tenant.name, key[0], key[1]))
            seen[key] = tenant.name


def render_isovalent_objects(intent: Intent, cluster: Cluster, *, copy_objects: bool = True) -> List[Dict[str, Any]]:
    """Every object of ``cluster`` (flavour ``isovalent``), in apply order."""
    if cluster.flavour != "isovalent":
        raise RenderError("cluster %s: render_isovalent_objects is for flavour isovalent, not %s"
                          % (cluster.name, cluster.flavour))
    evpn, srv6 = intent.tenants_of(cluster.name)
    pool = cluster.locator_pool
    if srv6 and pool is None:
        raise RenderError("cluster %s: srv6_l3vpn tenants (%s) need srv6.locator_pool"
                          % (cluster.name, ", ".join(t.name for t in srv6)))
    _check_tenants(cluster, srv6)
    labels = dict(cluster.advertisement_labels)

    objects: List[Dict[str, Any]] = []
    if pool is not None:
        objects.append(locator_pool_object(pool))
        objects.extend(vrf_object(t, pool) for t in srv6)
    objects.extend(cluster_config_objects(cluster, srv6))

    families = peer_families(cluster, has_srv6=pool is not None, has_evpn=bool(evpn))
    for name, peer in distinct_peer_configs(cluster):
        objects.append(_obj("IsovalentBGPPeerConfig", name, peer_config_spec(peer, families)))

    for tenant in srv6:
        vrf = vrf_object_name(tenant)
        family = dict(VPN_FAMILY, advertisements={"matchLabels": {VRF_LABEL: check_label_value(vrf, "VRF label")}})
        objects.append(_obj("IsovalentBGPVRFConfig", VRF_CONFIG_NAME % vrf, {"families": [family]}))

    entries: List[Dict[str, Any]] = []
    if pool is not None:
        entries.append({
            "advertisementType": LOCATOR_ADVERTISEMENT_TYPE,
            "selector": {"matchLabels": {LOCATOR_POOL_LABEL: pool.name}},
        })
    entries.extend(tenant_advertisements(evpn))
    if entries:
        objects.append(_obj("IsovalentBGPAdvertisement", ADVERTISEMENT_NAME, {"advertisements": entries}, labels))
    for tenant in srv6:
        if tenant.advertise_pod_cidr:
            vrf = vrf_object_name(tenant)
            objects.append(_obj("IsovalentBGPAdvertisement", VRF_ADVERTISEMENT_NAME % vrf,
                                {"advertisements": [{"advertisementType": "PodCIDR"}]}, {VRF_LABEL: vrf}))

    if srv6:
        instance = {"name": bgp_instance_name(cluster), SRV6_RESPONDER_FIELD: True}
        for node in cluster.nodes:
            objects.append(_obj("IsovalentBGPNodeConfigOverride", node.name, {"bgpInstances": [dict(instance)]}))

    objects.extend(lb_pool_objects(cluster, evpn))
    # Copies by default: callers may edit the objects without touching the
    # intent's selectors. copy_objects=False is for callers that only write
    # them out (the build), where copying was a third of the render time.
    return copy.deepcopy(unique_names(objects)) if copy_objects else unique_names(objects)


__all__ = ["API_VERSIONS", "RenderError", "render_isovalent_objects"]
