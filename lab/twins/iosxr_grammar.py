# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IOS-XR configuration lines the PE twin accepts, mode by mode (SRv6 L3VPN)."""

from __future__ import annotations

from .grammar import Rule, make_rules
from .interfaces import InterfaceNames

INTERFACES = InterfaceNames([("Loopback", "loopback"), ("MgmtEth", "mgmteth"), ("GigabitEthernet", "gigabitethernet"),
                             ("TenGigE", "tengige"), ("HundredGigE", "hundredgige"), ("Bundle-Ether", "bundle-ether")])
canonical_interface = INTERFACES.canonical

CONFIG = make_rules([
    Rule("hostname <WORD>", key=1),
    Rule("vrf <WORD>", mode="vrf"),
    # No sort key: the twin prints XR interfaces in the order they were created.
    Rule("interface <WORD>", mode="if", normalize=INTERFACES.normalize),
    Rule("route-policy <WORD>", mode="rpl"),
    Rule("router static", mode="static"),
    Rule("router bgp <ASN>", mode="bgp", key=2),
    Rule("segment-routing", mode="sr"),
])

VRF = make_rules([
    Rule("description ...", key=1),
    Rule("address-family (ipv4|ipv6) unicast", mode="vrf-af"),
])

VRF_AF = make_rules([
    Rule("import route-target", mode="rt"),
    Rule("export route-target", mode="rt"),
    Rule("import route-policy <WORD>", key=2),
    Rule("export route-policy <WORD>", key=2),
])

RT = make_rules([Rule("<RT> [stitching]", key=1)])

INTERFACE = make_rules([
    Rule("description ...", key=1),
    Rule("vrf <WORD>", key=1),
    Rule("ipv4 address <IP4> <IP4>", key=2),
    Rule("ipv6 address <PFX6>"),
    Rule("shutdown"),
])

RPL = make_rules([Rule("...")])

STATIC = make_rules([Rule("address-family (ipv4|ipv6) unicast", mode="static-af")])
STATIC_AF = make_rules([Rule("<WORD> <WORD> ...")])

BGP = make_rules([
    Rule("bgp router-id <IP4>", key=2),
    Rule("segment-routing srv6", mode="srv6-af"),
    Rule("address-family (ipv4|ipv6|vpnv4) unicast", mode="bgp-af"),
    Rule("neighbor <IP>", mode="nbr", key=2),
    Rule("vrf <WORD>", mode="bgp-vrf", key=2),
])

BGP_AF = make_rules([
    Rule("segment-routing srv6", mode="srv6-af"),
    Rule("vrf all", mode="bgp-af-vrfall"),
    Rule("redistribute connected [route-policy <WORD>]", key=2),
    Rule("network <WORD> [route-policy <WORD>]", key=2),
    Rule("allocate-label all"),
])

BGP_AF_VRFALL = make_rules([
    Rule("segment-routing srv6", mode="srv6-af"),
    Rule("label mode per-vrf"),
])

SRV6_AF = make_rules([
    Rule("locator <WORD>", key=1),
    Rule("alloc mode (per-vrf|per-ce)", key=2),
])

NBR = make_rules([
    Rule("remote-as <ASN>", key=1),
    Rule("ebgp-multihop [<NUM>]", key=1),
    Rule("description ...", key=1),
    Rule("update-source <WORD>", key=1, normalize=INTERFACES.normalize),
    Rule("password ...", key=1),
    Rule("shutdown"),
    Rule("address-family (ipv4|ipv6|vpnv4) unicast", mode="nbr-af"),
])

NBR_AF = make_rules([
    Rule("route-policy <WORD> (in|out)", key=lambda t: (t[2],)),
    Rule("next-hop-self"),
    Rule("encapsulation-type srv6"),
    Rule("send-community-ebgp"),
    Rule("soft-reconfiguration inbound [always]", key=2),
])

BGP_VRF = make_rules([
    Rule("rd <RD>", key=1),
    Rule("address-family (ipv4|ipv6) unicast", mode="bgp-vrf-af"),
    Rule("neighbor <IP>", mode="nbr", key=2),
])

BGP_VRF_AF = make_rules([
    Rule("label mode per-vrf"),
    Rule("segment-routing srv6", mode="srv6-af"),
    Rule("redistribute connected [route-policy <WORD>]", key=2),
    Rule("network <WORD> [route-policy <WORD>]", key=2),
])

SR = make_rules([Rule("srv6", mode="srv6")])
SRV6 = make_rules([
    Rule("encapsulation", mode="srv6-encap"),
    Rule("locators", mode="locators"),
])
SRV6_ENCAP = make_rules([Rule("source-address <IP6>", key=1)])
LOCATORS = make_rules([Rule("locator <WORD>", mode="locator", key=2)])
LOCATOR = make_rules([
    Rule("micro-segment behavior unode (psp-usd|shift)", key=3),
    Rule("prefix <PFX6>", key=1),
])

MODES = {
    "config": ("config", CONFIG),
    "vrf": ("config-vrf", VRF),
    "vrf-af": ("config-vrf-af", VRF_AF),
    "rt": ("config-vrf-import-rt", RT),
    "if": ("config-if", INTERFACE),
    "rpl": ("config-rpl", RPL),
    "static": ("config-static", STATIC),
    "static-af": ("config-static-afi", STATIC_AF),
    "bgp": ("config-bgp", BGP),
    "bgp-af": ("config-bgp-af", BGP_AF),
    "bgp-af-vrfall": ("config-bgp-af-vrfall", BGP_AF_VRFALL),
    "srv6-af": ("config-bgp-af-srv6", SRV6_AF),
    "nbr": ("config-bgp-nbr", NBR),
    "nbr-af": ("config-bgp-nbr-af", NBR_AF),
    "bgp-vrf": ("config-bgp-vrf", BGP_VRF),
    "bgp-vrf-af": ("config-bgp-vrf-af", BGP_VRF_AF),
    "sr": ("config-sr", SR),
    "srv6": ("config-srv6", SRV6),
    "srv6-encap": ("config-srv6-encap", SRV6_ENCAP),
    "locators": ("config-srv6-locators", LOCATORS),
    "locator": ("config-srv6-locator", LOCATOR),
}
