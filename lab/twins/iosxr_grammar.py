# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IOS-XR configuration lines the PE twin accepts, mode by mode (SRv6 L3VPN).

Values are typed with the ranges of Cisco's public references:
  [BGP] Cisco IOS XR Routing Command Reference, "BGP Commands" (router bgp
        1-65535 / 1.0-65535.65535 / 65536-4294967295; ebgp-multihop ttl 1-255;
        timers keepalive 0-65535, hold 0 or 3-65535; allowas-in 1-10).
  [RC]  Cisco IOS XR Routing Configuration Guide, "Implementing BGP"
        (address families, VRF RD, neighbor submode) and "Implementing
        Static Routes" (router static, address-family ipv4 unicast, default
        route 0.0.0.0/0, distance 1-254).
  [IF]  Cisco IOS XR Interface and Hardware Component Command Reference
        ("interface loopback": 0-2147483647; rack/slot/module/port names;
        "ipv4 address": address with a mask or a prefix length).
  [SR]  Cisco IOS XR Segment Routing Configuration Guide, "Configuring SRv6".
  [RPL] see iosxr_rpl.py.
"""

from __future__ import annotations

import ipaddress
import re
from typing import List

from .grammar import Rule, make_rules, register_type
from .interfaces import InterfaceNames


def _in(lo: int, hi: int):
    return lambda text: text.isdigit() and lo <= int(text) <= hi


def _port(text: str) -> bool:
    # rack/slot/module/port[.subinterface] (0/0/0/0), subinterface 1-2147483647 [IF].
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{1,2})/(\d{1,3})(?:/(\d))?(?:\.(\d{1,10}))?", text)
    return bool(m) and (m.group(6) is None or 1 <= int(m.group(6)) <= 2147483647)


INTERFACES = InterfaceNames(
    [("Loopback", "loopback"), ("MgmtEth", "mgmteth"), ("GigabitEthernet", "gigabitethernet"),
     ("TenGigE", "tengige"), ("FortyGigE", "fortygige"), ("HundredGigE", "hundredgige"),
     ("Bundle-Ether", "bundle-ether"), ("BVI", "bvi"), ("Null", "null")],
    numbers={
        "Loopback": _in(0, 2147483647),     # [IF] interface loopback 0-2147483647
        "MgmtEth": lambda t: re.fullmatch(r"0/RP[01]/CPU0/\d", t) is not None or _port(t),
        "GigabitEthernet": _port, "TenGigE": _port, "FortyGigE": _port, "HundredGigE": _port,
        "Bundle-Ether": lambda t: _in(1, 65535)(t.split(".")[0]) and (
            "." not in t or _in(1, 2147483647)(t.split(".")[1])),   # [IF] bundle 1-65535
        "BVI": _in(1, 4294967295),
        "Null": _in(0, 0),
    })
canonical_interface = INTERFACES.canonical


def _xr_if(tok: str) -> bool:
    if "RP" in tok.upper() and tok.lower().startswith("mgmt"):
        return tok.lower().startswith("mgmteth") and INTERFACES.numbers["MgmtEth"](tok[len("MgmtEth"):])
    return INTERFACES.valid(tok)


register_type("XRIF", _xr_if, "interface")
register_type("XRHOLD", lambda t: t.isdigit() and (int(t) == 0 or 3 <= int(t) <= 65535), "number")
# RPL / set / VRF names: letters, digits, "_", "-", "." (XR refuses other characters in policy names).
register_type("XNAME", lambda t: 0 < len(t) <= 255 and re.fullmatch(r"[A-Za-z0-9_.-]+", t) is not None, "command")
register_type("POLICY", lambda t: re.fullmatch(r"[A-Za-z0-9_.-]+(\([^\s)]*\))?", t) is not None, "command")


def _if_norm(t: List[str]) -> List[str]:
    return t[:-1] + [canonical_interface(t[-1])]


def _addr_norm(t: List[str]) -> List[str]:
    # "ipv4 address 10.0.0.1/32" is stored and shown with a dotted mask [IF].
    if "/" in t[2]:
        iface = ipaddress.IPv4Interface(t[2])
        return t[:2] + [str(iface.ip), str(iface.netmask)] + t[3:]
    return t


# Block modes: the body is free text up to the closing word, checked by iosxr_rpl.
BLOCKS = {"rpl": "end-policy", "pfx": "end-set", "comm": "end-set", "ext": "end-set", "aspath": "end-set",
          "rdset": "end-set"}

CONFIG = make_rules([
    Rule("hostname <NAME>", key=1),
    Rule("prefix-set <XNAME>", mode="pfx", key=2),
    Rule("community-set <XNAME>", mode="comm", key=2),
    Rule("extcommunity-set (rt|soo) <XNAME>", mode="ext", key=3),
    Rule("as-path-set <XNAME>", mode="aspath", key=2),
    Rule("rd-set <XNAME>", mode="rdset", key=2),
    Rule("vrf <XNAME>", mode="vrf"),
    # No sort key: the twin prints XR interfaces in the order they were created.
    Rule("interface <XRIF>", mode="if", normalize=_if_norm),
    Rule("route-policy <POLICY>", mode="rpl", key=2),
    Rule("router static", mode="static"),
    Rule("router bgp <ASN>", mode="bgp"),  # the whole line: a second AS is a second instance, refused at commit
    Rule("segment-routing", mode="sr"),
    # Underlay IGPs of the SRv6 / L3VPN guides [RC "Implementing IS-IS", "Implementing OSPF"].
    Rule("router isis <XNAME>", mode="isis", key=2),
    Rule("router ospf <XNAME>", mode="ospf", key=2),
])

ISIS = make_rules([
    Rule("is-type (level-1|level-2-only|level-1-2)", key=1),
    Rule("net <WORD>"),
    Rule("log adjacency changes"),
    Rule("address-family (ipv4|ipv6) unicast", mode="isis-af"),
    Rule("interface <XRIF>", mode="isis-if", key=2, normalize=_if_norm),
])
ISIS_AF = make_rules([
    Rule("metric-style wide", key=1),
    Rule("segment-routing srv6", mode="isis-srv6"),
    Rule("router-id (<IP4>|<XRIF>)", key=1),
])
ISIS_SRV6 = make_rules([Rule("locator <XNAME>", mode="isis-srv6-loc", key=1)])
ISIS_SRV6_LOC = make_rules([Rule("level <NUM:1-2>", key=1)])
ISIS_IF = make_rules([
    Rule("passive"),
    Rule("point-to-point"),
    Rule("circuit-type (level-1|level-2-only|level-1-2)", key=1),
    Rule("address-family (ipv4|ipv6) unicast", mode="isis-if-af"),
])
ISIS_IF_AF = make_rules([Rule("metric <NUM:1-16777214>", key=1)])
OSPF = make_rules([
    Rule("router-id <IP4>", key=1),
    Rule("area (<IP4>|<NUM:0-4294967295>)", mode="ospf-area", key=2),
])
OSPF_AREA = make_rules([Rule("interface <XRIF>", mode="ospf-if", key=2, normalize=_if_norm)])
OSPF_IF = make_rules([
    Rule("network (broadcast|point-to-point)", key=1),
    Rule("passive [(enable|disable)]", key=1),
    Rule("cost <NUM:1-65535>", key=1),
])

VRF = make_rules([
    Rule("description ...", key=1),
    Rule("rd <RD>", key=1),
    Rule("address-family (ipv4|ipv6) unicast", mode="vrf-af"),
])

VRF_AF = make_rules([
    Rule("import route-target", mode="rt"),
    Rule("export route-target", mode="rt"),
    Rule("import route-policy <POLICY>", key=2),
    Rule("export route-policy <POLICY>", key=2),
    Rule("import from default-vrf route-policy <POLICY> [advertise-as-vpn]", key=3),
    Rule("export to default-vrf route-policy <POLICY>", key=3),
    Rule("maximum prefix <NUM:32-5000000> [<NUM:1-100>]", key=2),
])

RT = make_rules([Rule("<RT> [stitching]", key=1)])

INTERFACE = make_rules([
    Rule("description ...", key=1),
    Rule("vrf <XNAME>", key=1),
    Rule("ipv4 address (<PFX4>|<IP4> <MASK4>) [(secondary|route-tag <NUM:1-4294967295>)]",
         key=lambda t: ("v4", "secondary" in t, t[2] if "secondary" in t else ""), normalize=_addr_norm),
    Rule("ipv4 unnumbered <XRIF>", key=2),
    Rule("ipv6 address <PFX6> [(eui-64|link-local)]"),
    Rule("ipv6 enable"),
    Rule("mtu <NUM:64-65535>", key=1),
    Rule("bundle id <NUM:1-65535> mode (active|passive|on)", key=2),
    Rule("encapsulation dot1q <NUM:1-4094> [second-dot1q <NUM:1-4094>]", key=2),
    Rule("shutdown"),
])

# [RC "Implementing Static Routes"]: prefix, then a next hop (address and/or interface), distance 1-254.
STATIC_ROUTE = "(<PFX4>|<PFX6>) (<IP>|<XRIF> [<IP>]) [<NUM:1-254>] [tag <NUM:1-4294967295>] [description <WORD>]"
STATIC = make_rules([
    Rule("address-family (ipv4|ipv6) (unicast|multicast)", mode="static-af"),
    Rule("vrf <XNAME>", mode="static-vrf", key=2),
])
STATIC_VRF = make_rules([Rule("address-family (ipv4|ipv6) (unicast|multicast)", mode="static-af")])
STATIC_AF = make_rules([Rule(STATIC_ROUTE)])

# [RC "Implementing BGP"]: the address families XR's BGP has; "ipv4 evpn" / "l2vpn unicast" do not exist.
BGP_AFS = "address-family (ipv4 (unicast|multicast|labeled-unicast|mvpn|flowspec)|ipv6 (unicast|multicast|" \
    "labeled-unicast|mvpn|flowspec)|vpnv4 (unicast|multicast|flowspec)|vpnv6 (unicast|multicast|flowspec)|" \
    "l2vpn (evpn|vpls-vpws)|link-state link-state)"
NBR_AFS = "address-family (ipv4 (unicast|multicast|labeled-unicast|mvpn)|ipv6 (unicast|multicast|labeled-unicast|mvpn)|" \
    "vpnv4 unicast|vpnv6 unicast|l2vpn (evpn|vpls-vpws)|link-state link-state)"

BGP = make_rules([
    Rule("bgp router-id <IP4>", key=2),
    Rule("bgp log neighbor changes disable"),
    Rule("bgp bestpath (as-path multipath-relax|compare-routerid|med always)"),
    Rule("timers bgp <NUM:0-65535> <XRHOLD>", key=2),
    Rule("segment-routing srv6", mode="srv6-af"),
    Rule(BGP_AFS, mode="bgp-af"),
    Rule("neighbor-group <XNAME>", mode="nbr", key=2),
    Rule("session-group <XNAME>", mode="nbr", key=2),
    Rule("af-group <XNAME> " + NBR_AFS.replace("address-family ", "address-family "), mode="nbr-af", key=2),
    Rule("neighbor (<IP>|<PFX>)", mode="nbr", key=2),
    Rule("vrf <XNAME>", mode="bgp-vrf", key=2),
    Rule("bgp confederation identifier <ASN>", key=3),
    Rule("bgp confederation peers", mode="confed-peers", key=3),
    Rule("bgp cluster-id (<IP4>|<NUM:1-4294967295>)", key=2),
    Rule("bgp graceful-restart [(restart-time <NUM:1-4095>|stalepath-time <NUM:1-4095>)]"),
    Rule("bgp default local-preference <NUM:0-4294967295>", key=3),
    Rule("bgp scan-time <NUM:5-3600>", key=2),
    Rule("bgp bestpath med missing-as-worst"),
    Rule("bgp bestpath cost-community ignore"),
    Rule("nsr [disable]", key=1),
    Rule("ibgp policy out enforce-modifications"),
])

BGP_AF = make_rules([
    Rule("segment-routing srv6", mode="srv6-af"),
    Rule("vrf all", mode="bgp-af-vrfall"),
    Rule("redistribute (connected|static) [route-policy <POLICY>]", key=2),
    Rule("redistribute (ospf|isis) <XNAME> [route-policy <POLICY>]", key=3),
    Rule("network <PFX> [route-policy <POLICY>]", key=2),
    Rule("aggregate-address <PFX> [as-set] [summary-only] [route-policy <POLICY>]", key=2),
    Rule("maximum-paths (ebgp|ibgp|eibgp) <NUM:2-64>", key=2),
    Rule("allocate-label (all|route-policy <POLICY>)", key=1),
    Rule("label mode (per-vrf|per-ce|per-prefix)", key=2),
    Rule("retain route-target (all|route-policy <POLICY>)", key=2),
    Rule("additional-paths (send|receive|selection route-policy <POLICY>)"),
    Rule("bgp dampening [<NUM:1-45>]", key=2),
    Rule("distance bgp <NUM:1-255> <NUM:1-255> <NUM:1-255>", key=2),
    Rule("table-policy <POLICY>", key=1),
    Rule("bgp attribute-download"),
])

BGP_AF_VRFALL = make_rules([
    Rule("segment-routing srv6", mode="srv6-af"),
    Rule("label mode (per-vrf|per-ce)", key=2),
])

SRV6_AF = make_rules([
    Rule("locator <XNAME>", key=1),
    Rule("alloc mode (per-vrf|per-ce)", key=2),
])

NBR = make_rules([
    Rule("remote-as <ASN>", key=1),
    Rule("use neighbor-group <XNAME>", key=2),
    Rule("ebgp-multihop [<NUM:1-255>]", key=1),                  # [BGP] 1-255
    Rule("description ...", key=1),
    Rule("update-source <XRIF>", key=1, normalize=_if_norm),
    Rule("password (clear|encrypted) <WORD>", key=1),
    Rule("timers <NUM:0-65535> <XRHOLD>", key=1),
    Rule("local-as <ASN> [no-prepend [replace-as [dual-as]]]", key=1),
    Rule("bfd fast-detect"),
    Rule("bfd minimum-interval <NUM:3-30000>", key=2),
    Rule("bfd multiplier <NUM:2-16>", key=2),
    Rule("use session-group <XNAME>", key=2),
    Rule("ttl-security"),
    Rule("advertisement-interval <NUM:0-600>", key=1),
    Rule("shutdown"),
    Rule(NBR_AFS, mode="nbr-af"),
])

NBR_AF = make_rules([
    Rule("route-policy <POLICY> (in|out)", key=lambda t: (t[2],)),
    Rule("next-hop-self"),
    Rule("encapsulation-type srv6"),
    Rule("send-community-ebgp"),
    Rule("send-extended-community-ebgp"),
    Rule("route-reflector-client"),
    Rule("as-override"),
    Rule("allowas-in [<NUM:1-10>]", key=1),                      # [BGP] 1-10
    Rule("maximum-prefix <NUM:1-4294967295> [<NUM:1-100>] [(warning-only|discard-extra-paths)]", key=1),
    Rule("soft-reconfiguration inbound [always]", key=2),
    Rule("default-originate [route-policy <POLICY>]", key=1),
    Rule("use af-group <XNAME>", key=2),
    Rule("weight <NUM:0-65535>", key=1),
    Rule("remove-private-AS [inbound] [entire-aspath]", key=1),
    Rule("next-hop-unchanged"),
    Rule("capability orf prefix (receive|send|both|none)", key=3),
    Rule("orf route-policy <POLICY>", key=2),
    Rule("send-community-gshut-ebgp"),
    Rule("import [stitching-rt] re-originate", key=1),
])

CONFED_PEERS = make_rules([Rule("<ASN>")])

BGP_VRF = make_rules([
    Rule("rd (<RD>|auto)", key=1),
    Rule("bgp router-id <IP4>", key=2),
    Rule("label mode (per-vrf|per-ce|per-prefix)", key=2),
    Rule("address-family (ipv4|ipv6) (unicast|flowspec)", mode="bgp-vrf-af"),
    Rule("neighbor (<IP>|<PFX>)", mode="nbr", key=2),
])

BGP_VRF_AF = make_rules([
    Rule("label mode (per-vrf|per-ce|per-prefix)", key=2),
    Rule("segment-routing srv6", mode="srv6-af"),
    Rule("redistribute (connected|static) [route-policy <POLICY>]", key=2),
    Rule("network <PFX> [route-policy <POLICY>]", key=2),
    Rule("maximum-paths (ebgp|ibgp|eibgp) <NUM:2-64>", key=2),
])

SR = make_rules([Rule("srv6", mode="srv6")])
SRV6 = make_rules([
    Rule("encapsulation", mode="srv6-encap"),
    Rule("locators", mode="locators"),
])
SRV6_ENCAP = make_rules([Rule("source-address <IP6>", key=1)])
LOCATORS = make_rules([Rule("locator <XNAME>", mode="locator", key=2)])
LOCATOR = make_rules([
    Rule("micro-segment behavior unode (psp-usd|shift)", key=3),
    Rule("prefix <PFX6>", key=1),
])

BODY = make_rules([Rule("...")])

MODES = {
    "config": ("config", CONFIG),
    "vrf": ("config-vrf", VRF),
    "vrf-af": ("config-vrf-af", VRF_AF),
    "rt": ("config-vrf-import-rt", RT),
    "if": ("config-if", INTERFACE),
    "rpl": ("config-rpl", BODY),
    "pfx": ("config-pfx", BODY),
    "comm": ("config-comm", BODY),
    "ext": ("config-ext", BODY),
    "aspath": ("config-as", BODY),
    "rdset": ("config-rd", BODY),
    "static": ("config-static", STATIC),
    "static-vrf": ("config-static-vrf", STATIC_VRF),
    "static-af": ("config-static-afi", STATIC_AF),
    "bgp": ("config-bgp", BGP),
    "bgp-af": ("config-bgp-af", BGP_AF),
    "bgp-af-vrfall": ("config-bgp-af-vrfall", BGP_AF_VRFALL),
    "srv6-af": ("config-bgp-af-srv6", SRV6_AF),
    "nbr": ("config-bgp-nbr", NBR),
    "nbr-af": ("config-bgp-nbr-af", NBR_AF),
    "bgp-vrf": ("config-bgp-vrf", BGP_VRF),
    "confed-peers": ("config-bgp-confed-peers", CONFED_PEERS),
    "isis": ("config-isis", ISIS),
    "isis-af": ("config-isis-af", ISIS_AF),
    "isis-srv6": ("config-isis-srv6", ISIS_SRV6),
    "isis-srv6-loc": ("config-isis-srv6-loc", ISIS_SRV6_LOC),
    "isis-if": ("config-isis-if", ISIS_IF),
    "isis-if-af": ("config-isis-if-af", ISIS_IF_AF),
    "ospf": ("config-ospf", OSPF),
    "ospf-area": ("config-ospf-ar", OSPF_AREA),
    "ospf-if": ("config-ospf-ar-if", OSPF_IF),
    "bgp-vrf-af": ("config-bgp-vrf-af", BGP_VRF_AF),
    "sr": ("config-sr", SR),
    "srv6": ("config-srv6", SRV6),
    "srv6-encap": ("config-srv6-encap", SRV6_ENCAP),
    "locators": ("config-srv6-locators", LOCATORS),
    "locator": ("config-srv6-locator", LOCATOR),
}
