# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IOS-XR PE configuration as cisco.iosxr resource-module ``config`` data.

``pe_resource_data`` returns ``{module FQCN: config}`` plus ``cli``: the lines
no resource module expresses, in running-config form (one space per level,
``!`` closers), for ``cisco.iosxr.iosxr_config``.  It reads the same records
as the CLI renderer (``iosxr.py``).

Left to ``cli`` and why:
- ``segment-routing srv6`` (encapsulation source-address, locators): no module.
- ``router bgp / vrf X / rd <rd>``: ``iosxr_bgp_global`` only knows ``rd auto``.
- ``segment-routing srv6 / locator / alloc mode per-vrf`` in a BGP VRF address
  family: not in ``iosxr_bgp_address_family``.
- Route targets beyond the first per direction: ``iosxr_vrf_address_family``
  takes one import and one export route target.
- The pass-all ``route-policy`` for eBGP neighbours: no RPL module.

Use ``state: merged``.  Each module commits on its own, so apply in
``PE_APPLY_ORDER``: the ``cli`` block (locator, RD, per-VRF SID allocation, in
one commit) comes before the modules that add BGP VRF address families.
"""

from __future__ import annotations

from typing import Any, Dict, List

from ..tokens import format_asn
from ..intent import Intent, Pe
from .clitree import iosxr_lines, leaf as line, mode
from .iosxr import (
    AF_IPV4,
    PASS_POLICY,
    bgp_vrf_node,
    is_ebgp,
    loopbacks,
    neighbors,
    pass_policy_lines,
    segment_routing_node,
    update_source,
    vrfs,
)

VRF_AF = "cisco.iosxr.iosxr_vrf_address_family"
VRF_INTERFACES = "cisco.iosxr.iosxr_vrf_interfaces"
L3_INTERFACES = "cisco.iosxr.iosxr_l3_interfaces"
BGP_GLOBAL = "cisco.iosxr.iosxr_bgp_global"
BGP_AF = "cisco.iosxr.iosxr_bgp_address_family"
BGP_NEIGHBOR_AF = "cisco.iosxr.iosxr_bgp_neighbor_address_family"
CLI = "cli"

PE_APPLY_ORDER = (VRF_AF, VRF_INTERFACES, L3_INTERFACES, BGP_GLOBAL, CLI, BGP_AF, BGP_NEIGHBOR_AF)


def _vrf_address_family(pe: Pe) -> List[Dict[str, Any]]:
    out = []
    for vrf in vrfs(pe):
        af: Dict[str, Any] = {"afi": "ipv4", "safi": "unicast"}
        if vrf.import_rts:
            af["import_config"] = {"route_target": vrf.import_rts[0]}
        if vrf.export_rts:
            af["export"] = {"route_target": vrf.export_rts[0]}
        out.append({"name": vrf.vrf, "address_families": [af]})
    return out


def _bgp_global(pe: Pe) -> Dict[str, Any]:
    out: Dict[str, Any] = {"as_number": format_asn(pe.asn, pe.asn_notation)}
    if pe.router_id:
        out["bgp"] = {"router_id": pe.router_id}
    peers = []
    for nbr in neighbors(pe):
        peer: Dict[str, Any] = {"neighbor_address": nbr.address, "remote_as": nbr.remote_as, "description": nbr.node}
        source = update_source(pe, nbr)
        if source:
            peer["update_source"] = source
        if is_ebgp(pe, nbr) and nbr.ebgp_multihop:
            peer["ebgp_multihop"] = {"value": nbr.ebgp_multihop}
        peers.append(peer)
    if peers:
        out["neighbors"] = peers
    return out


def _bgp_address_family(pe: Pe) -> Dict[str, Any]:
    families: List[Dict[str, Any]] = [{"afi": "ipv6", "safi": "unicast"}, {"afi": "vpnv4", "safi": "unicast"}]
    families += [{"afi": "ipv4", "safi": "unicast", "vrf": v.vrf, "redistribute": [{"protocol": "connected"}]}
                 for v in vrfs(pe)]
    return {"as_number": format_asn(pe.asn, pe.asn_notation), "address_family": families}


def _bgp_neighbor_address_family(pe: Pe) -> Dict[str, Any]:
    peers = []
    for nbr in neighbors(pe):
        families = []
        for afi in ("ipv6", "vpnv4"):
            family: Dict[str, Any] = {"afi": afi, "safi": "unicast"}
            if is_ebgp(pe, nbr):
                family["route_policy"] = {"inbound": PASS_POLICY, "outbound": PASS_POLICY}
            families.append(family)
        peers.append({"neighbor_address": nbr.address, "address_family": families})
    out: Dict[str, Any] = {"as_number": format_asn(pe.asn, pe.asn_notation)}
    if peers:
        out["neighbors"] = peers
    return out


def pe_cli_lines(pe: Pe) -> List[str]:
    lines = iosxr_lines([segment_routing_node(pe)])
    extra_rts = [v for v in vrfs(pe) if len(v.import_rts) > 1 or len(v.export_rts) > 1]
    lines += iosxr_lines(
        mode("vrf " + v.vrf, mode(
            AF_IPV4,
            mode("import route-target", *[line(rt) for rt in v.import_rts[1:]]) if len(v.import_rts) > 1 else None,
            mode("export route-target", *[line(rt) for rt in v.export_rts[1:]]) if len(v.export_rts) > 1 else None,
        )) for v in extra_rts
    )
    if any(is_ebgp(pe, n) for n in neighbors(pe)):
        lines += pass_policy_lines()
    if pe.vrfs:
        lines += iosxr_lines([mode("router bgp " + format_asn(pe.asn, pe.asn_notation), *[bgp_vrf_node(pe, v, only_cli=True) for v in vrfs(pe)])])
    return lines


def pe_resource_data(intent: Intent, pe: Pe) -> Dict[str, Any]:
    """``{cisco.iosxr module FQCN: config, "cli": [lines]}`` for one PE."""
    del intent  # everything the PE needs is already on the Pe
    data: Dict[str, Any] = {}
    if pe.vrfs:
        # iosxr_vrf_global is not used: a bare "vrf X" is all it would add, and
        # iosxr_vrf_address_family writes that line itself.
        data[VRF_AF] = _vrf_address_family(pe)
    pairs = loopbacks(pe)
    if pairs:
        data[VRF_INTERFACES] = [{"name": lo.interface, "vrf_name": vrf} for vrf, lo in pairs]
        data[L3_INTERFACES] = [{"name": lo.interface, ("ipv6" if ":" in lo.address else "ipv4"): [{"address": lo.address}]}
                               for _unused, lo in pairs]
    data[BGP_GLOBAL] = _bgp_global(pe)
    data[CLI] = pe_cli_lines(pe)
    data[BGP_AF] = _bgp_address_family(pe)
    data[BGP_NEIGHBOR_AF] = _bgp_neighbor_address_family(pe)
    return data
