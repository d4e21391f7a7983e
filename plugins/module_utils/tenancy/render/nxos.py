# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS leaf configuration for EVPN community steering (the seed's Leaf01).

The pieces are first derived as small records (``vrf_contexts``,
``route_map_entries``, ...) that both this CLI renderer and the resource-module
renderer (``nxos_rm``) read, so the two outputs cannot disagree.
Sections come in ``show running-config`` order: lists, route-maps, VRFs,
interfaces, ``router bgp``.  Fabric underlay (features, ``nv overlay evpn``,
NVE, L2VPN EVPN peering) is not ours and is not rendered.
"""

from __future__ import annotations

import functools
import ipaddress
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..intent import BgpNeighbor, Intent, Leaf, LeafTenant
from ..tokens import canonical_extended, format_asn, nxos_auto_route_target
from .clitree import Node, leaf as line, mode, nxos_lines, require_unique, text

LIST_SEQ = 10  # each community/extcommunity list holds exactly one entry
AF_IPV4 = "address-family ipv4 unicast"


@dataclass(frozen=True)
class VrfContext:
    name: str
    vni: int
    pim_ssm_range: Optional[str]
    route_target: Optional[str]  # explicit RT when "auto" would not produce it
    export_map: Optional[str]
    import_map_evpn: Optional[str]
    import_vrf_advertise_vpn: bool


@dataclass(frozen=True)
class RouteMapEntry:
    route_map: str
    action: str
    seq: int
    match_community: Optional[str] = None
    match_extcommunity: Optional[str] = None
    match_tag: Optional[int] = None
    set_community: Optional[str] = None
    set_extcommunity_rt: Optional[str] = None


@dataclass(frozen=True)
class ListEntry:
    kind: str  # "community" | "extcommunity"
    name: str
    seq: int
    value: str  # as written after "permit": "64512:301" or "rt 65000:100302"


@dataclass(frozen=True)
class TenantSections:
    """Everything the tenant-dependent sections of a leaf depend on.

    Leaves that serve the same tenants (every leaf a cluster peers with)
    share one of these, so those sections are derived once per distinct
    value, not once per leaf: 100 leaves x 140 tenants stays fast.
    """

    asn: int
    pim_ssm_range: Optional[str]
    transit_vrf: str
    transit_l3vni: int
    export_map: str
    import_map: str
    import_deny_seq: int
    tenants: Tuple[LeafTenant, ...]
    asn_notation: str = "asplain"


def sections_of(leaf: Leaf) -> TenantSections:
    return TenantSections(leaf.asn, leaf.pim_ssm_range, leaf.transit_vrf, leaf.transit_l3vni, leaf.export_map,
                          leaf.import_map, leaf.import_deny_seq, leaf.tenants, leaf.asn_notation)


def _sections_key(leaf: Any) -> Tuple[Any, ...]:
    """What a TenantSections holds, with its tenants by identity.

    plan() gives leaves that serve the same tenants the very same tuple, so
    identity finds the sharing without hashing ~100 records per call.
    """
    return (id(leaf.tenants), leaf.asn, leaf.pim_ssm_range, leaf.transit_vrf, leaf.transit_l3vni, leaf.export_map,
            leaf.import_map, leaf.import_deny_seq, leaf.asn_notation)


def cached_by_sections(func: Any) -> Any:
    """Memoise ``func(sections, leaf_name)`` on the sections alone.

    Only successful results are kept and none of them holds the leaf name
    (it is used in error messages only), so sharing them between leaves is
    exact. Each entry keeps its tenants tuple alive, so the id in its key
    cannot be reused by another tuple while the entry exists. The cache is
    bounded so a long-lived process cannot grow it.
    """
    cache: Dict[Tuple[Any, ...], Tuple[Any, Any]] = {}

    @functools.wraps(func)
    def wrapper(leaf: Any, name: str = "") -> Any:
        key = _sections_key(leaf)
        hit = cache.get(key)
        if hit is not None and hit[0] is leaf.tenants:
            return hit[1]
        sections = leaf if isinstance(leaf, TenantSections) else sections_of(leaf)
        value = func(sections, name or leaf.name)
        if len(cache) >= 1024:
            cache.clear()
        cache[key] = (leaf.tenants, value)
        return value

    return wrapper


def _auto_rt(leaf: Any, vni: int) -> str:
    # What NX-OS "route-target both auto" derives (ASN:VNI, AS_TRANS 23456:VNI for a 4-byte ASN).
    return nxos_auto_route_target(leaf.asn, vni)


@cached_by_sections
def vrf_contexts(leaf: TenantSections, name: str) -> Tuple[VrfContext, ...]:
    """Transit VRF first, then one tenant VRF per tenant, in tenant order."""
    has_tenants = bool(leaf.tenants)
    out = [VrfContext(
        name=leaf.transit_vrf, vni=leaf.transit_l3vni, pim_ssm_range=leaf.pim_ssm_range, route_target=None,
        export_map=leaf.export_map if has_tenants else None,
        import_map_evpn=leaf.import_map if has_tenants else None,
        import_vrf_advertise_vpn=False,
    )]
    for tenant in leaf.tenants:
        # Where auto derives something else than what the export map sets, say it explicitly.
        explicit = None if canonical_extended(tenant.route_target) == _auto_rt(leaf, tenant.l3vni) else tenant.route_target
        out.append(VrfContext(
            name=tenant.vrf, vni=tenant.l3vni, pim_ssm_range=leaf.pim_ssm_range, route_target=explicit,
            export_map=None, import_map_evpn=None, import_vrf_advertise_vpn=True,
        ))
    _unique(name, "VRF", [v.name for v in out])
    _unique(name, "L3VNI", [v.vni for v in out])
    return tuple(out)


@cached_by_sections
def list_entries(leaf: TenantSections, name: str) -> Tuple[ListEntry, ...]:
    """All community-lists (tenant order), then all extcommunity-lists."""
    comm = [ListEntry("community", t.community_list, LIST_SEQ, t.community) for t in leaf.tenants]
    ext = [ListEntry("extcommunity", t.extcommunity_list, LIST_SEQ, "rt " + t.route_target) for t in leaf.tenants]
    _unique(name, "community-list name", [e.name for e in comm])
    _unique(name, "extcommunity-list name", [e.name for e in ext])
    return tuple(comm + ext)


@cached_by_sections
def route_map_entries(leaf: TenantSections, name: str) -> Tuple[RouteMapEntry, ...]:
    """Export map entries, then import map entries and its final deny."""
    if not leaf.tenants:
        return ()
    export = [RouteMapEntry(leaf.export_map, "permit", t.export_seq, match_community=t.community_list,
                            set_extcommunity_rt=t.route_target) for t in leaf.tenants]
    imports: List[RouteMapEntry] = []
    for t in leaf.tenants:
        if len(t.import_seqs) != 1 + len(t.import_tags):
            raise ValueError("leaf %s tenant %s: %d import sequence(s) for %d import tag(s); expected one more "
                             "sequence than tags" % (name, t.tenant, len(t.import_seqs), len(t.import_tags)))
        imports.append(RouteMapEntry(leaf.import_map, "permit", t.import_seqs[0],
                                     match_extcommunity=t.extcommunity_list, set_community=t.community))
        for seq, tag in zip(t.import_seqs[1:], t.import_tags):
            imports.append(RouteMapEntry(leaf.import_map, "permit", seq, match_tag=tag, set_community=t.community))
    imports.append(RouteMapEntry(leaf.import_map, "deny", leaf.import_deny_seq))
    entries = tuple(export + imports)
    seen: Dict[Tuple[str, int], RouteMapEntry] = {}
    for entry in entries:
        if not 0 <= entry.seq <= 65535:
            raise ValueError("leaf %s: route-map %s sequence %d is outside 0-65535" % (name, entry.route_map, entry.seq))
        key = (entry.route_map, entry.seq)
        if key in seen:
            # Two entries with one sequence number would silently merge on the switch.
            raise ValueError("leaf %s: route-map %s sequence %d is used twice" % (name, entry.route_map, entry.seq))
        seen[key] = entry
    return entries


def _unique(name: str, what: str, values: Sequence[object]) -> None:
    require_unique("leaf " + name, what, values)


def interface_address_line(address: str) -> str:
    iface = ipaddress.ip_interface(address)
    return ("ip address %s" if iface.version == 4 else "ipv6 address %s") % iface.with_prefixlen


def route_map_node(entry: RouteMapEntry) -> Node:
    body = []
    if entry.match_community:
        body.append(line("match community " + entry.match_community))
    if entry.match_extcommunity:
        body.append(line("match extcommunity " + entry.match_extcommunity))
    if entry.match_tag is not None:
        body.append(line("match tag %d" % entry.match_tag))
    if entry.set_community:
        body.append(line("set community " + entry.set_community))
    if entry.set_extcommunity_rt:
        body.append(line("set extcommunity rt " + entry.set_extcommunity_rt))
    return mode("route-map %s %s %d" % (entry.route_map, entry.action, entry.seq), *body)


def list_line(entry: ListEntry) -> str:
    return "ip %s-list standard %s seq %d permit %s" % (entry.kind, entry.name, entry.seq, entry.value)


def vrf_context_node(vrf: VrfContext, only_cli: bool = False) -> Node:
    """``only_cli`` keeps just the lines no cisco.nxos resource module expresses."""
    af = [
        line("route-target both auto"),
        line("route-target both auto evpn"),
    ]
    if vrf.route_target:
        af += [line("route-target both " + vrf.route_target), line("route-target both %s evpn" % vrf.route_target)]
    if vrf.export_map and not only_cli:
        af.append(line("export map " + vrf.export_map))
    if vrf.import_map_evpn:
        af.append(line("import map %s evpn" % vrf.import_map_evpn))
    if vrf.import_vrf_advertise_vpn and not only_cli:
        af.append(line("import vrf advertise-vpn"))
    return mode(
        "vrf context " + vrf.name,
        None if only_cli else line("vni %d" % vrf.vni),
        line("ip pim ssm range " + vrf.pim_ssm_range) if vrf.pim_ssm_range else None,
        None if only_cli else line("rd auto"),
        mode(AF_IPV4, *af),
    )


def _neighbor_node(leaf: Leaf, nbr: BgpNeighbor) -> Node:
    ebgp = nbr.remote_as != leaf.asn
    return mode(
        "neighbor " + nbr.address,
        line("remote-as " + format_asn(nbr.remote_as, leaf.asn_notation)),
        line("description " + nbr.node),
        line("update-source " + nbr.update_source) if nbr.update_source else None,
        line("ebgp-multihop %d" % nbr.ebgp_multihop) if ebgp and nbr.ebgp_multihop else None,
        mode(AF_IPV4, line("send-community"), line("send-community extended")),
    )


def bgp_vrf_names(leaf: Leaf) -> Tuple[str, ...]:
    return tuple(v.name for v in vrf_contexts(leaf))


def neighbors(leaf: Leaf) -> Tuple[BgpNeighbor, ...]:
    _unique(leaf.name, "BGP neighbour", [n.address for n in leaf.neighbors])
    return leaf.neighbors


def _bgp_vrf_node(name: str, peers: Sequence[Node] = ()) -> Node:
    return mode(
        "vrf " + name,
        # Exports the VRF's BGP routes as EVPN type-5; implicit on recent
        # NX-OS releases, required on older ones, accepted by both.
        mode(AF_IPV4, line("advertise l2vpn evpn")),
        *peers,
    )


@cached_by_sections
def _bgp_tenant_vrf_lines(leaf: TenantSections, name: str) -> Tuple[str, ...]:
    """``router bgp``'s tenant VRFs (all but the transit VRF, which comes first): the same on every such leaf."""
    return tuple(nxos_lines([_bgp_vrf_node(v.name) for v in vrf_contexts(leaf, name)[1:]], 1))


def _router_bgp_lines(leaf: Leaf) -> List[str]:
    head = mode(
        "router bgp " + format_asn(leaf.asn, leaf.asn_notation),
        line("router-id " + leaf.router_id) if leaf.router_id else None,
        _bgp_vrf_node(leaf.transit_vrf, [_neighbor_node(leaf, n) for n in neighbors(leaf)]),
    )
    return nxos_lines([head]) + list(_bgp_tenant_vrf_lines(leaf))


@cached_by_sections
def tenant_section_lines(leaf: TenantSections, name: str) -> Tuple[str, ...]:
    """Lists, route-maps and VRF contexts as CLI lines (shared by leaves serving the same tenants)."""
    nodes: List[Node] = [line(list_line(e)) for e in list_entries(leaf, name)]
    nodes += [route_map_node(e) for e in route_map_entries(leaf, name)]
    nodes += [vrf_context_node(v) for v in vrf_contexts(leaf, name)]
    return tuple(nxos_lines(nodes))


def leaf_specific_lines(leaf: Leaf) -> List[str]:
    """The transit loopback and ``router bgp``: what differs from leaf to leaf."""
    lines: List[str] = []
    if leaf.transit_loopback:
        lo = leaf.transit_loopback
        lines += nxos_lines([mode("interface " + lo.interface, line("vrf member " + leaf.transit_vrf),
                                  line(interface_address_line(lo.address)))])
    return lines + _router_bgp_lines(leaf)


def render_leaf_config(intent: Intent, leaf: Leaf) -> str:
    """NX-OS CLI for one leaf, indented as ``show running-config`` prints it."""
    del intent  # everything the leaf needs is already on the Leaf
    return text(list(tenant_section_lines(leaf)) + leaf_specific_lines(leaf))
