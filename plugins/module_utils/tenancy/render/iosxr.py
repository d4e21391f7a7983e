# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS-XR PE configuration for SRv6 L3VPN toward Isovalent nodes (the seed's XRV).

Printed as ``show running-config`` prints it: one space per level, every
submode closed by ``!``.  The whole text is meant for one commit, so the order
of sections only mirrors the device's, it is not a dependency order.
IGP, underlay interfaces and Loopback0 are not ours and are not rendered.
"""

from __future__ import annotations

import ipaddress
from typing import List, Optional, Tuple

from ..intent import BgpNeighbor, Intent, Loopback, Pe, PeVrf
from ..tokens import format_asn
from .clitree import Node, iosxr_lines, leaf as line, mode, require_unique, text

# eBGP sessions on IOS-XR exchange nothing without a policy; iBGP (the seed)
# needs none, so this policy is only rendered when some neighbour is eBGP.
PASS_POLICY = "TENANCY-PASS"
USID_BEHAVIOR = "micro-segment behavior unode psp-usd"
AF_IPV4 = "address-family ipv4 unicast"
AF_IPV6 = "address-family ipv6 unicast"
AF_VPNV4 = "address-family vpnv4 unicast"


def _unique(pe: Pe, what: str, values: List[str]) -> None:
    require_unique("PE " + pe.name, what, values)


def vrfs(pe: Pe) -> Tuple[PeVrf, ...]:
    _unique(pe, "VRF", [v.vrf for v in pe.vrfs])
    _unique(pe, "RD", [v.rd for v in pe.vrfs])
    return pe.vrfs


def loopbacks(pe: Pe) -> Tuple[Tuple[str, Loopback], ...]:
    """(vrf, loopback) pairs in VRF order."""
    out = tuple((v.vrf, lo) for v in vrfs(pe) for lo in v.loopbacks)
    _unique(pe, "interface", [lo.interface for _unused, lo in out])
    return out


def neighbors(pe: Pe) -> Tuple[BgpNeighbor, ...]:
    _unique(pe, "BGP neighbour", [n.address for n in pe.neighbors])
    return pe.neighbors


def is_ebgp(pe: Pe, nbr: BgpNeighbor) -> bool:
    return nbr.remote_as != pe.asn


def update_source(pe: Pe, nbr: BgpNeighbor) -> Optional[str]:
    return nbr.update_source or pe.update_source


def address_line(address: str) -> str:
    iface = ipaddress.ip_interface(address)
    if iface.version == 4:
        return "ipv4 address %s %s" % (iface.ip, iface.netmask)
    return "ipv6 address %s" % iface.with_prefixlen


def vrf_node(vrf: PeVrf) -> Node:
    return mode(
        "vrf " + vrf.vrf,
        mode(
            AF_IPV4,
            mode("import route-target", *[line(rt) for rt in vrf.import_rts]) if vrf.import_rts else None,
            mode("export route-target", *[line(rt) for rt in vrf.export_rts]) if vrf.export_rts else None,
        ),
    )


def interface_node(vrf: str, lo: Loopback) -> Node:
    return mode("interface " + lo.interface, line("vrf " + vrf), line(address_line(lo.address)))


def segment_routing_node(pe: Pe) -> Node:
    loc = pe.locator
    return mode(
        "segment-routing",
        mode(
            "srv6",
            mode("encapsulation", line("source-address " + pe.source_address)) if pe.source_address else None,
            mode(
                "locators",
                mode(
                    "locator " + loc.name,
                    line(USID_BEHAVIOR) if loc.behavior == "uSID" else None,
                    line("prefix " + loc.prefix),
                ),
            ),
        ),
    )


def pass_policy_lines() -> List[str]:
    # RPL bodies are indented two spaces and end with end-policy, then "!".
    return ["route-policy " + PASS_POLICY, "  pass", "end-policy", "!"]


def bgp_vrf_node(pe: Pe, vrf: PeVrf, only_cli: bool = False) -> Node:
    """``only_cli`` keeps just the lines no cisco.iosxr resource module expresses."""
    return mode(
        "vrf " + vrf.vrf,
        line("rd " + vrf.rd),
        mode(
            AF_IPV4,
            mode("segment-routing srv6", line("locator " + pe.locator.name), line("alloc mode per-vrf")),
            None if only_cli else line("redistribute connected"),
        ),
    )


def _policy_lines(pe: Pe, nbr: BgpNeighbor) -> List[Node]:
    if not is_ebgp(pe, nbr):
        return []
    return [line("route-policy %s in" % PASS_POLICY), line("route-policy %s out" % PASS_POLICY)]


def _neighbor_node(pe: Pe, nbr: BgpNeighbor) -> Node:
    source = update_source(pe, nbr)
    return mode(
        "neighbor " + nbr.address,
        line("remote-as " + format_asn(nbr.remote_as, pe.asn_notation)),
        line("ebgp-multihop %d" % nbr.ebgp_multihop) if is_ebgp(pe, nbr) and nbr.ebgp_multihop else None,
        line("description " + nbr.node),
        line("update-source " + source) if source else None,
        mode(AF_IPV6, *_policy_lines(pe, nbr)),
        mode(AF_VPNV4, *_policy_lines(pe, nbr)),
    )


def router_bgp_node(pe: Pe) -> Node:
    return mode(
        "router bgp " + format_asn(pe.asn, pe.asn_notation),
        line("bgp router-id " + pe.router_id) if pe.router_id else None,
        mode(AF_IPV6),
        mode(AF_VPNV4),
        *[_neighbor_node(pe, n) for n in neighbors(pe)],
        *[bgp_vrf_node(pe, v) for v in vrfs(pe)],
    )


def pe_nodes(pe: Pe) -> List[Node]:
    nodes: List[Node] = [vrf_node(v) for v in vrfs(pe)]
    nodes += [interface_node(vrf, lo) for vrf, lo in loopbacks(pe)]
    nodes.append(segment_routing_node(pe))
    return nodes


def render_pe_config(intent: Intent, pe: Pe) -> str:
    """IOS-XR CLI for one PE, as ``show running-config`` prints it."""
    del intent  # everything the PE needs is already on the Pe
    lines = iosxr_lines(pe_nodes(pe))
    if any(is_ebgp(pe, n) for n in neighbors(pe)):
        lines += pass_policy_lines()
    lines += iosxr_lines([router_bgp_node(pe)])
    return text(lines)
