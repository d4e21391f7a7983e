# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NX-OS configuration lines the leaf twin accepts, mode by mode.

Rule order is the order ``show running-config`` prints siblings in.  Lines
outside this grammar are rejected with NX-OS's ``% Invalid command at '^'
marker.``: the twin is deliberately narrow (EVPN / BGP / route policy).
"""

from __future__ import annotations

import re
from typing import List

from .grammar import Rule, make_rules
from .interfaces import InterfaceNames

INTERFACES = InterfaceNames([("Vlan", "vlan"), ("port-channel", "port-channel"), ("nve", "nve"),
                             ("Ethernet", "ethernet"), ("mgmt", "mgmt"), ("loopback", "loopback")], one_letter=["vlan"])
canonical_interface = INTERFACES.canonical


def _if_sort(t: List[str]):
    # Interfaces by type, then by the numbers in the name (Ethernet1/2 before Ethernet1/10).
    name = t[1]
    return ("if", INTERFACES.rank(name), tuple(int(x) for x in re.findall(r"\d+", name)))


def _rm_norm(t: List[str]) -> List[str]:
    # "route-map X" = "route-map X permit 10"; "route-map X 20" = permit 20.
    name, rest = t[1], t[2:]
    action = rest[0] if rest and rest[0] in ("permit", "deny") else "permit"
    seq = rest[-1] if rest and rest[-1].isdigit() else "10"
    return ["route-map", name, action, seq]


def _list_sort(t: List[str]):
    return (t[3], int(t[5]) if len(t) > 5 and t[5].isdigit() else 0)


IF = "<WORD>"

CONFIG = make_rules([
    Rule("hostname <WORD>", key=1),
    Rule("feature ...", key=None),
    Rule("nv overlay evpn"),
    Rule("ip prefix-list <WORD> seq <NUM> (permit|deny) <PFX4> [ge <NUM>] [le <NUM>]", key=lambda t: t[2:5],
         sort=lambda t: (t[2], int(t[4]))),
    Rule("ip community-list standard <WORD> seq <NUM> (permit|deny) <COMM>+", key=lambda t: (t[3], t[5]),
         sort=_list_sort),
    Rule("ip extcommunity-list standard <WORD> seq <NUM> (permit|deny) rt <RT>+", key=lambda t: (t[3], t[5]),
         sort=_list_sort),
    Rule("route-map <WORD> [(permit|deny)] [<NUM>]", mode="route-map", key=lambda t: (t[1], int(t[3])),
         sort=lambda t: (t[1], int(t[3])), normalize=_rm_norm),
    Rule("vrf context <WORD>", mode="vrf"),
    Rule("vlan <NUM>", mode="vlan", sort=lambda t: ("vlan", int(t[1]))),
    Rule("interface " + IF, mode="if", normalize=INTERFACES.normalize, sort=_if_sort),
    Rule("router bgp <ASN>", mode="router", key=2),
])

ROUTE_MAP = make_rules([
    Rule("description ...", key=1),
    Rule("match community <WORD>+ [exact-match]", key=2),
    Rule("match extcommunity <WORD>+ [exact-match]", key=2),
    Rule("match tag <NUM>+", key=2),
    Rule("match ip address prefix-list <WORD>+", key=4),
    Rule("set community none", key=2),
    Rule("set community <COMM>+ [additive]", key=2),
    Rule("set extcommunity rt <RT>+ [additive]", key=3),
    Rule("set tag <NUM>", key=2),
    Rule("set local-preference <NUM>", key=2),
    Rule("set metric <NUM>", key=2),
    Rule("set weight <NUM>", key=2),
])

VRF = make_rules([
    Rule("description ...", key=1),
    Rule("vni <NUM>", key=1),
    Rule("ip pim ssm range <PFX4>", key=3),
    Rule("ip route <PFX4> <IP4>"),
    Rule("rd <RD>", key=1),
    Rule("address-family (ipv4|ipv6) unicast", mode="vrf-af"),
])

VRF_AF = make_rules([
    Rule("route-target (both|import|export) <RTA> [evpn]"),
    Rule("export map <WORD>", key=2),
    Rule("import map <WORD> [evpn]", key=2),
    Rule("import vrf advertise-vpn"),
    Rule("maximum routes <NUM>", key=2),
])

VLAN = make_rules([Rule("name <WORD>", key=1), Rule("vn-segment <NUM>", key=1)])

INTERFACE = make_rules([
    Rule("description ...", key=1),
    Rule("no switchport"),
    Rule("mtu <NUM>", key=1),
    Rule("vrf member <WORD>", key=2),
    Rule("ip address <PFX4> [tag <NUM>]", key=2),
    Rule("ipv6 address <PFX6>"),
    Rule("ip forward"),
    Rule("fabric forwarding mode anycast-gateway"),
    Rule("host-reachability protocol bgp"),
    Rule("advertise virtual-rmac"),
    Rule("source-interface " + IF, key=1, normalize=INTERFACES.normalize),
    Rule("member vni <NUM> associate-vrf", key=lambda t: t[:3]),
    Rule("shutdown"),
])

ROUTER = make_rules([
    Rule("router-id <IP4>", key=1),
    Rule("log-neighbor-changes"),
    Rule("address-family (ipv4|l2vpn) (unicast|evpn)", mode="router-af"),
    Rule("neighbor <IP>", mode="neighbor", key=2),
    Rule("vrf <WORD>", mode="router-vrf", key=2),
])

ROUTER_VRF = make_rules([
    Rule("router-id <IP4>", key=1),
    Rule("log-neighbor-changes"),
    Rule("address-family (ipv4|ipv6) unicast", mode="router-af"),
    Rule("neighbor <IP>", mode="neighbor", key=2),
])

ROUTER_AF = make_rules([
    Rule("advertise-pip"),
    Rule("advertise l2vpn evpn"),
    Rule("network <PFX4> [route-map <WORD>]", key=2),
    Rule("redistribute direct route-map <WORD>", key=2),
    Rule("maximum-paths [ibgp] <NUM>", key=lambda t: t[:-1]),
    Rule("retain route-target all"),
])

NEIGHBOR = make_rules([
    Rule("remote-as <ASN>", key=1),
    Rule("description ...", key=1),
    Rule("update-source " + IF, key=1, normalize=INTERFACES.normalize),
    Rule("ebgp-multihop <NUM>", key=1),
    Rule("password ...", key=1),
    Rule("timers <NUM> <NUM>", key=1),
    Rule("shutdown"),
    Rule("address-family (ipv4|ipv6|l2vpn) (unicast|evpn)", mode="neighbor-af"),
])

NEIGHBOR_AF = make_rules([
    Rule("send-community"),
    Rule("send-community extended"),
    Rule("send-community both"),
    Rule("route-map <WORD> (in|out)", key=lambda t: (t[2],)),
    Rule("soft-reconfiguration inbound [always]", key=2),
    Rule("next-hop-self"),
    Rule("allowas-in [<NUM>]", key=1),
    Rule("rewrite-evpn-rt-asn"),
])

MODES = {
    "config": ("config", CONFIG),
    "route-map": ("config-route-map", ROUTE_MAP),
    "vrf": ("config-vrf", VRF),
    "vrf-af": ("config-vrf-af-ipv4", VRF_AF),
    "vlan": ("config-vlan", VLAN),
    "if": ("config-if", INTERFACE),
    "router": ("config-router", ROUTER),
    "router-vrf": ("config-router-vrf", ROUTER_VRF),
    "router-af": ("config-router-af", ROUTER_AF),
    "neighbor": ("config-router-neighbor", NEIGHBOR),
    "neighbor-af": ("config-router-neighbor-af", NEIGHBOR_AF),
}
