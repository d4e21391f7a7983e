# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NX-OS leaf configuration as cisco.nxos resource-module ``config`` data.

``leaf_resource_data`` returns ``{module FQCN: config}`` plus ``cli``: the
lines no resource module expresses, in running-config form (a line indented
deeper than the one before it belongs to that line's context), for
``cisco.nxos.nxos_config``.  Everything is read from the same records as the
CLI renderer (``nxos.py``), so both always describe the same configuration.

Left to ``cli`` and why:
- ``ip community-list`` / ``ip extcommunity-list``: no module.
- ``ip pim ssm range`` in a VRF: ``nxos_vrf_global`` has no PIM options.
- ``route-target both auto [evpn]`` and ``import map X evpn``:
  ``nxos_vrf_address_family`` only writes ``route-target import|export <rt>``
  and ``import map <name>``, and reads none of these lines back.

Use the modules with ``state: merged`` (``replaced``/``overridden`` would
remove the ``cli`` lines they do not know).  Apply in ``LEAF_APPLY_ORDER``:
a VRF exists before an interface joins it, and an interface joins its VRF
before it gets an address (joining a VRF clears the address).
"""

from __future__ import annotations

from typing import Any, Dict, List

from ..tokens import format_asn
from ..intent import Intent, Leaf
from .clitree import nxos_lines
from .nxos import (
    RouteMapEntry,
    TenantSections,
    bgp_vrf_names,
    cached_by_sections,
    list_entries,
    list_line,
    neighbors,
    route_map_entries,
    vrf_context_node,
    vrf_contexts,
)

VRF_GLOBAL = "cisco.nxos.nxos_vrf_global"
VRF_AF = "cisco.nxos.nxos_vrf_address_family"
VRF_INTERFACES = "cisco.nxos.nxos_vrf_interfaces"
L3_INTERFACES = "cisco.nxos.nxos_l3_interfaces"
ROUTE_MAPS = "cisco.nxos.nxos_route_maps"
BGP_GLOBAL = "cisco.nxos.nxos_bgp_global"
BGP_AF = "cisco.nxos.nxos_bgp_address_family"
BGP_NEIGHBOR_AF = "cisco.nxos.nxos_bgp_neighbor_address_family"
CLI = "cli"

LEAF_APPLY_ORDER = (VRF_GLOBAL, CLI, VRF_AF, VRF_INTERFACES, L3_INTERFACES, ROUTE_MAPS, BGP_GLOBAL, BGP_AF,
                    BGP_NEIGHBOR_AF)


# The tenant-dependent module data is memoised per TenantSections (see nxos.py):
# leaves serving the same tenants share it. Callers must not mutate it.
@cached_by_sections
def _vrf_global(leaf: TenantSections, name: str) -> Dict[str, Any]:
    return {"vrfs": [{"name": v.name, "vni": {"vni_number": v.vni}, "rd": "auto"} for v in vrf_contexts(leaf, name)]}


@cached_by_sections
def _vrf_address_family(leaf: TenantSections, name: str) -> List[Dict[str, Any]]:
    out = []
    for vrf in vrf_contexts(leaf, name):
        af: Dict[str, Any] = {"afi": "ipv4", "safi": "unicast"}
        if vrf.export_map:
            af["export"] = [{"map": vrf.export_map}]
        if vrf.import_vrf_advertise_vpn:
            af["import"] = [{"vrf": {"advertise_vpn": True}}]
        out.append({"name": vrf.name, "address_families": [af]})
    return out


def _route_map_entry(entry: RouteMapEntry) -> Dict[str, Any]:
    match: Dict[str, Any] = {}
    if entry.match_community:
        match["community"] = {"community_list": [entry.match_community]}
    if entry.match_extcommunity:
        match["extcommunity"] = {"extcommunity_list": [entry.match_extcommunity]}
    if entry.match_tag is not None:
        match["tags"] = [entry.match_tag]
    sets: Dict[str, Any] = {}
    if entry.set_community:
        sets["community"] = {"number": [entry.set_community]}
    if entry.set_extcommunity_rt:
        sets["extcommunity"] = {"rt": {"extcommunity_numbers": [entry.set_extcommunity_rt]}}
    out: Dict[str, Any] = {"sequence": entry.seq, "action": entry.action}
    if match:
        out["match"] = match
    if sets:
        out["set"] = sets
    return out


@cached_by_sections
def _route_maps(leaf: TenantSections, name: str) -> List[Dict[str, Any]]:
    by_name: Dict[str, List[Dict[str, Any]]] = {}
    for entry in route_map_entries(leaf, name):
        by_name.setdefault(entry.route_map, []).append(_route_map_entry(entry))
    return [{"route_map": name, "entries": entries} for name, entries in by_name.items()]


def _bgp_global(leaf: Leaf) -> Dict[str, Any]:
    peers = []
    for nbr in neighbors(leaf):
        peer: Dict[str, Any] = {"neighbor_address": nbr.address, "remote_as": format_asn(nbr.remote_as, leaf.asn_notation),
                                "description": nbr.node}
        if nbr.update_source:
            peer["update_source"] = nbr.update_source
        if nbr.remote_as != leaf.asn and nbr.ebgp_multihop:
            peer["ebgp_multihop"] = nbr.ebgp_multihop
        peers.append(peer)
    out: Dict[str, Any] = {"as_number": format_asn(leaf.asn, leaf.asn_notation)}
    if leaf.router_id:
        out["router_id"] = leaf.router_id
    vrfs: List[Dict[str, Any]] = []
    for name in bgp_vrf_names(leaf):
        vrf: Dict[str, Any] = {"vrf": name}
        if name == leaf.transit_vrf and peers:
            vrf["neighbors"] = peers
        vrfs.append(vrf)
    out["vrfs"] = vrfs
    return out


@cached_by_sections
def _bgp_address_family(leaf: TenantSections, name: str) -> Dict[str, Any]:
    return {
        "as_number": format_asn(leaf.asn, leaf.asn_notation),
        "address_family": [{"afi": "ipv4", "safi": "unicast", "vrf": v.name, "advertise_l2vpn_evpn": True}
                           for v in vrf_contexts(leaf, name)],
    }


def _bgp_neighbor_address_family(leaf: Leaf) -> Dict[str, Any]:
    peers = [{
        "neighbor_address": nbr.address,
        "address_family": [{"afi": "ipv4", "safi": "unicast", "send_community": {"standard": True, "extended": True}}],
    } for nbr in neighbors(leaf)]
    out: Dict[str, Any] = {"as_number": format_asn(leaf.asn, leaf.asn_notation)}
    if peers:
        out["vrfs"] = [{"vrf": leaf.transit_vrf, "neighbors": peers}]
    return out


@cached_by_sections
def leaf_cli_lines(leaf: TenantSections, name: str) -> List[str]:
    lines = [list_line(e) for e in list_entries(leaf, name)]
    lines += nxos_lines(vrf_context_node(v, only_cli=True) for v in vrf_contexts(leaf, name))
    return lines


def leaf_resource_data(intent: Intent, leaf: Leaf) -> Dict[str, Any]:
    """``{cisco.nxos module FQCN: config, "cli": [lines]}`` for one leaf."""
    del intent  # everything the leaf needs is already on the Leaf
    data: Dict[str, Any] = {
        VRF_GLOBAL: _vrf_global(leaf),
        CLI: leaf_cli_lines(leaf),
        VRF_AF: _vrf_address_family(leaf),
    }
    if leaf.transit_loopback:
        lo = leaf.transit_loopback
        data[VRF_INTERFACES] = [{"name": lo.interface, "vrf_name": leaf.transit_vrf}]
        family = "ipv6" if ":" in lo.address else "ipv4"
        data[L3_INTERFACES] = [{"name": lo.interface, family: [{"address": lo.address}]}]
    routes = _route_maps(leaf)
    if routes:
        data[ROUTE_MAPS] = routes
    data[BGP_GLOBAL] = _bgp_global(leaf)
    data[BGP_AF] = _bgp_address_family(leaf)
    data[BGP_NEIGHBOR_AF] = _bgp_neighbor_address_family(leaf)
    return data
