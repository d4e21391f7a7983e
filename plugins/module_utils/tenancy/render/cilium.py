# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cilium OSS BGPv2 + LB-IPAM resources for the evpn_community tenants of a cluster.

One cluster gets:

- CiliumBGPClusterConfig: one BGP instance (the cluster ASN) peering every
  ClusterPeer from the nodes the cluster's node selector picks;
- CiliumBGPPeerConfig: one per distinct peer setting (today: eBGP multihop),
  family ipv4/unicast selecting advertisements by the cluster's labels;
- CiliumBGPAdvertisement ``bgp-advertisements`` (the seed's object): per
  tenant a Service advertisement with the tenant's selector and steering
  community, and a PodCIDR advertisement carrying the communities of the
  tenants that ask for it;
- CiliumLoadBalancerIPPool per tenant pool, whose serviceSelector is the
  tenant's, so a tenant's services only get addresses from its own pools.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..intent import Cluster, ClusterPeer, EvpnTenant, Intent
from ..netfacts import parse_version
from .k8s_meta import RenderError, check_name, k8s_name, new_object, unique_names

BGP_API_VERSIONS = ("cilium.io/v2", "cilium.io/v2alpha1")
# CiliumLoadBalancerIPPool has its own history: v2alpha1 only up to 1.17,
# promoted to v2 (storage version) in 1.18 (cilium/cilium#39090).
LB_POOL_V2_FROM = (1, 18, 0)

CLUSTER_CONFIG_NAME = "bgp-cluster-config"
PEER_CONFIG_NAME = "bgp-peer-config"
ADVERTISEMENT_NAME = "bgp-advertisements"  # the seed's name
IPV4_UNICAST = {"afi": "ipv4", "safi": "unicast"}
HOSTNAME_LABEL = "kubernetes.io/hostname"  # set by the kubelet on every node


def lb_pool_api_version(cilium_version: str) -> str:
    """apiVersion of CiliumLoadBalancerIPPool served by ``cilium_version``."""
    version = parse_version(cilium_version)
    if version is None:
        raise RenderError("cilium_version %r is not a version such as 1.16.15" % (cilium_version,))
    return "cilium.io/v2" if version >= LB_POOL_V2_FROM else "cilium.io/v2alpha1"


def bgp_instance_name(cluster: Cluster) -> str:
    return "instance-%d" % cluster.asn


def peer_config_name(peer: ClusterPeer) -> str:
    """Named after the settings, so peers sharing them share one object."""
    if peer.ebgp_multihop is not None:
        return "%s-multihop-%d" % (PEER_CONFIG_NAME, peer.ebgp_multihop)
    return PEER_CONFIG_NAME


def peer_config_spec(peer: ClusterPeer, families: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    spec: Dict[str, Any] = {"families": [dict(f) for f in families]}
    if peer.ebgp_multihop is not None:
        spec["ebgpMultihop"] = peer.ebgp_multihop
    return spec


def cluster_peers(cluster: Cluster, peers: Optional[Sequence[ClusterPeer]] = None) -> List[Dict[str, Any]]:
    """``bgpInstances[].peers`` entries, in inventory order (of ``peers``, default all the cluster's)."""
    return [
        {
            "name": peer.name,
            "peerAddress": peer.address,
            "peerASN": peer.asn,
            "peerConfigRef": {"name": peer_config_name(peer)},
        }
        for peer in (cluster.peers if peers is None else peers)
    ]


@dataclass(frozen=True)
class PeerGroup:
    """Nodes that open the same set of sessions: one BGP cluster config each."""

    name: str  # the cluster config's object name
    node_selector: Dict[str, Any]
    peers: Tuple[ClusterPeer, ...]


def peer_groups(cluster: Cluster, base_name: str) -> List[PeerGroup]:
    """One group for the whole cluster when every peer is for every node (the seed), else one per peer set.

    Cilium refuses a node selected by two BGP cluster configs, so the groups
    partition the nodes: nodes are grouped by the exact set of peers they open,
    and each group's nodeSelector is the cluster's plus ``kubernetes.io/hostname
    In [its nodes]`` (the kubelet's default label, the node name).
    """
    if all(p.all_nodes for p in cluster.peers):
        return [PeerGroup(base_name, cluster.node_selector, cluster.peers)]
    by_set: Dict[Tuple[int, ...], List[str]] = {}
    for node in cluster.nodes:
        key = tuple(i for i, p in enumerate(cluster.peers) if node.name in p.nodes)
        if key:
            by_set.setdefault(key, []).append(node.name)
    groups = []
    used: Dict[str, int] = {}
    for key, names in by_set.items():
        peers = tuple(cluster.peers[i] for i in key)
        suffix = k8s_name("-".join(dict.fromkeys(p.device for p in peers)))[:200].rstrip("-.")
        used[suffix] = used.get(suffix, 0) + 1
        name = "%s-%s" % (base_name, suffix) + ("-%d" % used[suffix] if used[suffix] > 1 else "")
        selector = copy.deepcopy(cluster.node_selector)
        selector.setdefault("matchExpressions", []).append(
            {"key": HOSTNAME_LABEL, "operator": "In", "values": sorted(names)})
        groups.append(PeerGroup(name, selector, peers))
    return groups


def distinct_peer_configs(cluster: Cluster) -> List[Tuple[str, ClusterPeer]]:
    """(name, a peer using it) per peer config, sorted by name."""
    by_name: Dict[str, ClusterPeer] = {}
    for peer in cluster.peers:
        by_name.setdefault(peer_config_name(peer), peer)
    return sorted(by_name.items())


def communities(community: str) -> Dict[str, List[str]]:
    """``attributes.communities`` for one steering community (standard, or large when it has 3 parts)."""
    return {"large" if community.count(":") == 2 else "standard": [community]}


def _merge_communities(values: Sequence[str]) -> Dict[str, List[str]]:
    out: Dict[str, List[str]] = {}
    for value in values:
        for kind, items in communities(value).items():
            bucket = out.setdefault(kind, [])
            bucket.extend(i for i in items if i not in bucket)
    return out


def service_advertisement(tenant: EvpnTenant) -> Dict[str, Any]:
    """The tenant's services, selected by its labels, tagged with its community."""
    if not tenant.service_selector:
        raise RenderError("tenant %s: an empty service_selector would advertise every service with its community"
                          % tenant.name)
    if not tenant.service_addresses:
        raise RenderError("tenant %s: service_addresses is empty; name at least one of LoadBalancerIP, "
                          "ClusterIP, ExternalIP" % tenant.name)
    return {
        "advertisementType": "Service",
        "service": {"addresses": list(tenant.service_addresses)},
        "selector": tenant.service_selector,
        "attributes": {"communities": communities(tenant.community)},
    }


def tenant_advertisements(tenants: Sequence[EvpnTenant]) -> List[Dict[str, Any]]:
    """Service advertisements in tenant order, then one PodCIDR advertisement if any tenant wants it.

    The pod CIDR belongs to the node, not to a tenant, so tenants asking for
    it share one PodCIDR entry carrying each of their communities.
    """
    entries = [service_advertisement(t) for t in tenants]
    pod_communities = [t.community for t in tenants if t.advertise_pod_cidr]
    if pod_communities:
        entries.append({
            "advertisementType": "PodCIDR",
            "attributes": {"communities": _merge_communities(pod_communities)},
        })
    return entries


def _pool_block(tenant: EvpnTenant, index: int) -> Dict[str, str]:
    pool = tenant.lb_pools[index]
    if pool.cidr:
        if pool.start or pool.stop:
            raise RenderError("tenant %s pool %s: give either cidr or start/stop, not both" % (tenant.name, pool.name))
        return {"cidr": pool.cidr}
    if not pool.start:
        raise RenderError("tenant %s pool %s: needs a cidr or a start address" % (tenant.name, pool.name))
    block = {"start": pool.start}
    if pool.stop:
        block["stop"] = pool.stop
    return block


def lb_pool_objects(cluster: Cluster, tenants: Sequence[EvpnTenant]) -> List[Dict[str, Any]]:
    """One CiliumLoadBalancerIPPool per tenant pool, named as in the inventory."""
    api_version = lb_pool_api_version(cluster.cilium_version)
    out = []
    for tenant in tenants:
        if tenant.lb_pools and not tenant.service_selector:
            raise RenderError("tenant %s: its pools need a service_selector, or any tenant's service "
                              "could take their addresses" % tenant.name)
        for index, pool in enumerate(tenant.lb_pools):
            check_name(pool.name, "tenant %s lb_pools[%d].name" % (tenant.name, index))
            spec = {"blocks": [_pool_block(tenant, index)], "serviceSelector": tenant.service_selector}
            out.append(new_object(api_version, "CiliumLoadBalancerIPPool", pool.name, spec))
    return out


def render_cilium_objects(intent: Intent, cluster: Cluster, *, copy_objects: bool = True) -> List[Dict[str, Any]]:
    """Every Cilium OSS object of ``cluster`` (flavour ``oss``), in apply order."""
    if cluster.flavour != "oss":
        raise RenderError("cluster %s: render_cilium_objects is for flavour oss, not %s" % (cluster.name, cluster.flavour))
    if cluster.api_version not in BGP_API_VERSIONS:
        raise RenderError("cluster %s: api_version %r is not one of %s"
                          % (cluster.name, cluster.api_version, ", ".join(BGP_API_VERSIONS)))
    evpn, srv6 = intent.tenants_of(cluster.name)
    if srv6:
        raise RenderError("cluster %s: srv6_l3vpn tenants (%s) need flavour isovalent"
                          % (cluster.name, ", ".join(t.name for t in srv6)))
    api = cluster.api_version
    labels = dict(cluster.advertisement_labels)

    objects = []
    for group in peer_groups(cluster, CLUSTER_CONFIG_NAME):
        instance: Dict[str, Any] = {"name": bgp_instance_name(cluster), "localASN": cluster.asn}
        if group.peers:
            instance["peers"] = cluster_peers(cluster, group.peers)
        cluster_spec: Dict[str, Any] = {"bgpInstances": [instance]}
        if group.node_selector:
            cluster_spec["nodeSelector"] = group.node_selector
        objects.append(new_object(api, "CiliumBGPClusterConfig", group.name, cluster_spec))

    family = dict(IPV4_UNICAST, advertisements={"matchLabels": labels})
    for name, peer in distinct_peer_configs(cluster):
        objects.append(new_object(api, "CiliumBGPPeerConfig", name, peer_config_spec(peer, [family])))

    entries = tenant_advertisements(evpn)
    if entries:
        objects.append(new_object(api, "CiliumBGPAdvertisement", ADVERTISEMENT_NAME,
                                  {"advertisements": entries}, labels=labels))
    objects.extend(lb_pool_objects(cluster, evpn))
    # Copies by default: callers may edit the objects without touching the
    # intent's selectors. copy_objects=False is for callers that only write
    # them out (the build), where copying was a third of the render time.
    return copy.deepcopy(unique_names(objects)) if copy_objects else unique_names(objects)


__all__ = [
    "RenderError",
    "lb_pool_api_version",
    "lb_pool_objects",
    "render_cilium_objects",
    "tenant_advertisements",
]
