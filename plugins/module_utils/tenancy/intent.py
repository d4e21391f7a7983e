# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The intent: a normalized, fully derived plan of the tenancy.

Every renderer and every expectation reads only these objects, never the raw
inventory, so defaults are decided in exactly one place (``plan.py``).
All collections are tuples in a stable order so output is deterministic.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Dict, Optional, Tuple

# A Kubernetes label selector exactly as the API spells it
# ({"matchLabels": {...}, "matchExpressions": [{key, operator, values}]}).
LabelSelector = Dict[str, Any]


@dataclass(frozen=True)
class Naming:
    export_map: str  # route-map on the transit VRF: community -> route target
    import_map: str  # route-map on the transit VRF: route target -> community
    community_list: str  # template, "{vrf}" and "{tenant}" expand
    extcommunity_list: str  # template, "{vrf}" and "{tenant}" expand
    import_deny_seq: int = 65535  # the import map's closing deny: fixed, so additions renumber nothing


@dataclass(frozen=True)
class Loopback:
    interface: str  # e.g. loopback11 / Loopback10
    address: str  # with prefix length, e.g. 192.168.1.1/32


@dataclass(frozen=True)
class BgpNeighbor:
    """A Cilium node as seen from a leaf or PE."""

    node: str
    cluster: str
    address: str
    remote_as: int
    ebgp_multihop: Optional[int]
    update_source: Optional[str]


@dataclass(frozen=True)
class LeafTenant:
    """What one evpn_community tenant puts on one leaf."""

    tenant: str
    vrf: str
    l3vni: int
    community: str
    route_target: str
    community_list: str
    extcommunity_list: str
    export_seq: int
    import_seqs: Tuple[int, ...]  # first: match extcommunity; then one per import tag
    import_tags: Tuple[int, ...]


@dataclass(frozen=True)
class Leaf:
    name: str
    asn: int
    router_id: str
    pim_ssm_range: Optional[str]
    transit_vrf: str
    transit_l3vni: int
    transit_loopback: Optional[Loopback]
    export_map: str
    import_map: str
    import_deny_seq: int
    neighbors: Tuple[BgpNeighbor, ...]
    tenants: Tuple[LeafTenant, ...]
    asn_notation: str = "asplain"  # "asdot" writes 4-byte ASNs as X.Y in router bgp / remote-as lines


@dataclass(frozen=True)
class Srv6Locator:
    name: str
    prefix: str  # e.g. cafe:cafe:100::/48
    behavior: str  # "uSID" or "Base"


@dataclass(frozen=True)
class PeVrf:
    """What one srv6_l3vpn tenant puts on one PE."""

    tenant: str
    vrf: str
    rd: str
    import_rts: Tuple[str, ...]
    export_rts: Tuple[str, ...]
    loopbacks: Tuple[Loopback, ...]


@dataclass(frozen=True)
class Pe:
    name: str
    asn: int
    router_id: str
    update_source: Optional[str]
    source_address: Optional[str]
    locator: Srv6Locator
    neighbors: Tuple[BgpNeighbor, ...]
    vrfs: Tuple[PeVrf, ...]
    asn_notation: str = "asplain"


@dataclass(frozen=True)
class ClusterPeer:
    """A BGP peer the selected nodes of a cluster open a session to."""

    name: str  # peer name in the cluster config, e.g. "leaf01"
    device: str
    address: str
    asn: int
    ebgp_multihop: Optional[int]
    # Names of the nodes that open this session (per-node / per-rack peering);
    # every node of the cluster unless bgp_peers[].nodes / node_selector says otherwise.
    nodes: Tuple[str, ...] = ()
    # The inventory's bgp_peers[].node_selector (normalised), {} when the peer is for all nodes
    # or selected by name; Cilium objects use it as the nodeSelector of the peer's group.
    node_selector: LabelSelector = field(default_factory=dict)
    all_nodes: bool = True  # True when no selection was given (today's behaviour)


@dataclass(frozen=True)
class Node:
    name: str
    address: str
    pod_cidrs: Tuple[str, ...]
    srv6_locator: Optional[str]  # expected node locator (isovalent only)
    labels: Dict[str, str] = field(default_factory=dict)  # the node's labels the peer selectors match
    peers: Tuple[str, ...] = ()  # devices this node opens a session to (bgp_peers[].device), in inventory order


@dataclass(frozen=True)
class LocatorPool:
    name: str
    prefix: str
    locator_len_bits: int
    behavior_type: str  # "uSID" | "Base"
    locator_block_len_bits: int
    locator_node_len_bits: int
    function_len_bits: int
    argument_len_bits: int


@dataclass(frozen=True)
class LbPool:
    name: str
    cidr: Optional[str]
    start: Optional[str]
    stop: Optional[str]


@dataclass(frozen=True)
class EvpnTenant:
    name: str
    cluster: str
    community: str
    vrf: str
    l3vni: int
    route_target: str
    lb_pools: Tuple[LbPool, ...]
    service_selector: LabelSelector
    service_addresses: Tuple[str, ...]
    advertise_pod_cidr: bool
    leaves: Tuple[str, ...]
    fabric_prefixes: Tuple[str, ...]
    expected_prefixes: Tuple[str, ...]
    import_tags: Tuple[int, ...] = ()  # route tags the import map also tags with the community


@dataclass(frozen=True)
class Srv6Tenant:
    name: str
    cluster: str
    vrf: str
    vrf_id: int
    rd: str
    import_rts: Tuple[str, ...]
    export_rts: Tuple[str, ...]
    namespace_selector: Optional[LabelSelector]
    pod_selector: Optional[LabelSelector]
    destination_cidrs: Tuple[str, ...]
    pod_cidrs: Tuple[str, ...]
    advertise_pod_cidr: bool
    pes: Tuple[str, ...]
    pe_loopbacks: Tuple[Tuple[str, Loopback], ...]  # (device, loopback)
    expected_prefixes: Tuple[str, ...]


@dataclass(frozen=True)
class Cluster:
    name: str
    flavour: str  # "oss" | "isovalent"
    cilium_version: str
    api_version: str  # cilium.io/v2 or cilium.io/v2alpha1 for the Cilium BGP kinds
    asn: int
    node_selector: LabelSelector
    peers: Tuple[ClusterPeer, ...]
    nodes: Tuple[Node, ...]
    advertisement_labels: Dict[str, str]  # labels tying peer config families to advertisements
    locator_pool: Optional[LocatorPool]
    evpn_tenants: Tuple[str, ...] = field(default=())
    srv6_tenants: Tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Intent:
    fabric_asn: int
    naming: Naming
    leaves: Tuple[Leaf, ...]
    pes: Tuple[Pe, ...]
    clusters: Tuple[Cluster, ...]
    evpn_tenants: Tuple[EvpnTenant, ...]
    srv6_tenants: Tuple[Srv6Tenant, ...]
    asn_notation: str = "asplain"  # how device lines spell 4-byte ASNs (fabric.asn_notation)

    def cluster(self, name: str) -> Cluster:
        return next(c for c in self.clusters if c.name == name)

    def tenants_of(self, cluster: str) -> Tuple[Tuple[EvpnTenant, ...], Tuple[Srv6Tenant, ...]]:
        return (
            tuple(t for t in self.evpn_tenants if t.cluster == cluster),
            tuple(t for t in self.srv6_tenants if t.cluster == cluster),
        )

    def device_names(self) -> Tuple[str, ...]:
        return tuple(d.name for d in self.leaves) + tuple(d.name for d in self.pes)

    def to_dict(self) -> Dict[str, Any]:
        """Plain data (for Ansible filters and JSON), tuples become lists."""
        return asdict(self)
