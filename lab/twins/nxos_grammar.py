# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NX-OS configuration lines the leaf twin accepts, mode by mode.

Rule order is the order ``show running-config`` prints siblings in.  Lines
outside this grammar are rejected with NX-OS's ``% Invalid command at '^'
marker.``: the twin is deliberately narrow (EVPN / BGP / route policy /
interfaces), but every value is typed with the range the platform's command
reference gives; the source is named beside each rule.  Abbreviations
(``int lo12``) are accepted wherever they are unique, as NX-OS's parser does.

Sources (Cisco public documentation, NX-OS 9.3/10.x for Nexus 9000):
  [UR]  Cisco Nexus 9000 Series NX-OS Unicast Routing Configuration Guide
        ("Configuring Basic BGP", "Configuring Advanced BGP", "Configuring
        Route Policy Manager", "Configuring Static Routing").
  [URC] Cisco Nexus 9000 Series NX-OS Unicast Routing Command Reference.
  [VX]  Cisco Nexus 9000 Series NX-OS VXLAN Configuration Guide ("Configuring
        VXLAN BGP EVPN").
  [IF]  Cisco Nexus 9000 Series NX-OS Interfaces Configuration Guide
        ("Configuring Layer 3 Interfaces": loopback 0-1023, SVIs need
        feature interface-vlan; "Configuring Port Channels": 1-4096).
  [L2]  Cisco Nexus 9000 Series NX-OS Layer 2 Switching Configuration Guide
        ("Configuring VLANs": 1-4094, 3968-4094 reserved for internal use).
  [N3K] Cisco Nexus 3000 Series NX-OS Unicast Routing Configuration Guide,
        "Configuring eBGP Multihop" (ttl-value 2-255).
"""

from __future__ import annotations

import ipaddress
import re
from typing import List

from .grammar import Rule, make_rules, register_type
from .interfaces import InterfaceNames


def _in(lo: int, hi: int):
    return lambda text: text.isdigit() and lo <= int(text) <= hi


def _ethernet(text: str) -> bool:
    # Ethernet slot/port[/breakout][.subinterface]: slot 1-30, port 1-128, breakout 1-4,
    # subinterface 1-511 [IF "Configuring Layer 3 Interfaces", subinterfaces 1-511 on N9K].
    m = re.fullmatch(r"(\d+)/(\d+)(?:/(\d+))?(?:\.(\d+))?", text)
    if not m:
        return False
    slot, port = int(m.group(1)), int(m.group(2))
    ok = 1 <= slot <= 30 and 1 <= port <= 128
    if m.group(3) is not None:
        ok = ok and 1 <= int(m.group(3)) <= 4
    if m.group(4) is not None:
        ok = ok and 1 <= int(m.group(4)) <= 511
    return ok


INTERFACES = InterfaceNames(
    [("Vlan", "vlan"), ("port-channel", "port-channel"), ("nve", "nve"),
     ("Ethernet", "ethernet"), ("mgmt", "mgmt"), ("loopback", "loopback")], one_letter=["vlan"],
    numbers={
        "Vlan": _in(1, 4094),             # [IF] SVI numbers are VLAN IDs
        "port-channel": _in(1, 4096),     # [IF] port-channel number 1-4096
        "nve": _in(1, 1),                 # [VX] "Only one NVE interface is allowed on the switch"
        "Ethernet": _ethernet,
        "mgmt": _in(0, 0),                # mgmt0 only
        "loopback": _in(0, 1023),         # [IF] loopback interface 0-1023
    })
canonical_interface = INTERFACES.canonical

# Features this twin's parser knows (the NX-OS 9.3/10.x "feature ?" list, the part a
# data-centre leaf uses) [URC "feature"; VX "Enabling VXLAN"]; "feature bgpp" is refused.
FEATURES = (
    "bash-shell", "bfd", "bgp", "dhcp", "eigrp", "evmed", "fabric forwarding", "hsrp", "interface-vlan",
    "isis", "lacp", "ldap", "lldp", "mpls l3vpn", "mpls segment-routing", "msdp", "nat", "netconf",
    "netflow", "ngmvpn", "ngoam", "nv overlay", "nxapi", "ospf", "ospfv3", "pbr", "pim", "pim6",
    "port-security", "private-vlan", "ptp", "restconf", "rip", "scp-server", "sftp-server", "sflow",
    "sla responder", "sla sender", "ssh", "tacacs+", "telemetry", "telnet", "udld", "vn-segment-vlan-based",
    "vpc", "vrrp", "vrrpv3",
)


def _mask_len(mask: str) -> int:
    return ipaddress.IPv4Network("0.0.0.0/" + mask).prefixlen


register_type("NXIF", INTERFACES.valid, "interface")
register_type("NXLOOP", lambda t: INTERFACES.valid(t) and canonical_interface(t).startswith("loopback"), "interface")
# VLAN IDs that can be created: 1-3967 (3968-4094 are reserved for internal use, 4095 does not exist) [L2].
register_type("VLANID", lambda t: t.isdigit() and 1 <= int(t) <= 4094, "number")
register_type("RTYPE", lambda t: t in ("external", "internal", "local", "nssa-external", "type-1", "type-2",
                                       "level-1", "level-2", "inter-area", "intra-area"), "command")
# Hold time 0 (never) or 3-3600 seconds [URC "timers (BGP)": keepalive 0-3600, hold 0 or 3-3600].
register_type("NXHOLD", lambda t: t.isdigit() and (int(t) == 0 or 3 <= int(t) <= 3600), "number")
# "ge"/"le" of an IPv4 prefix-list: 1-32 [URC "ip prefix-list"]; IPv6: 1-128.
# A name: up to 63 characters for route-maps and lists [URC "route-map": "map-name ... up to 63"].
register_type("RMNAME", lambda t: 0 < len(t) <= 63 and re.fullmatch(r"[A-Za-z0-9_.:/@#$%&*+=-]+", t) is not None,
              "command")


def _if_norm(t: List[str]) -> List[str]:
    return t[:-1] + [canonical_interface(t[-1])]


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


def _pl_sort(t: List[str]):
    return (t[0], t[2], int(t[4]) if len(t) > 4 and t[4].isdigit() else 0)


def _addr_norm(t: List[str]) -> List[str]:
    # "ip address 10.0.0.1 255.255.255.0" is shown as "ip address 10.0.0.1/24" [IF].
    if len(t) >= 4 and "/" not in t[2] and re.fullmatch(r"[0-9.]+", t[3] or ""):
        return t[:2] + ["%s/%d" % (t[2], _mask_len(t[3]))] + t[4:]
    return t


def _vrf_name(t: str) -> bool:
    # VRF names: up to 32 characters [URC "vrf context": "name ... maximum 32 alphanumeric"].
    return 0 < len(t) <= 32 and re.fullmatch(r"[A-Za-z0-9_.:-]+", t) is not None


register_type("VRFNAME", _vrf_name, "command")

IP_ADDRESS = "ip address (<PFX4>|<IP4> <MASK4>) [secondary] [tag <NUM:0-4294967295>]"

CONFIG = make_rules([
    Rule("hostname <NAME>", key=1),
    # [URC "feature"]: one word or two ("nv overlay", "fabric forwarding").
    Rule("feature (%s)" % "|".join(FEATURES), key=None),
    Rule("nv overlay evpn", requires="feature:nv overlay"),  # [VX] after "feature nv overlay"
    Rule("fabric forwarding anycast-gateway-mac <WORD>", key=3, requires="feature:fabric forwarding"),
    # [URC "ip prefix-list"]: seq 1-4294967294; ge/le 1-32 (0-32 for ge on some releases: 1-32 kept).
    Rule("ip prefix-list <RMNAME> description ...", key=lambda t: ("d", t[2])),
    Rule("ip prefix-list <RMNAME> seq <NUM:1-4294967294> (permit|deny) <PFX4> [eq <NUM:1-32>] [ge <NUM:1-32>] "
         "[le <NUM:1-32>]", key=lambda t: t[2:5], sort=lambda t: (t[2], int(t[4]))),
    Rule("ipv6 prefix-list <RMNAME> seq <NUM:1-4294967294> (permit|deny) <PFX6> [eq <NUM:1-128>] "
         "[ge <NUM:1-128>] [le <NUM:1-128>]", key=lambda t: t[2:5], sort=lambda t: (t[2], int(t[4]))),
    # [URC "ip community-list"]: standard values aa:nn / well-known; expanded: a regular expression.
    Rule("ip community-list standard <RMNAME> seq <NUM:1-4294967294> (permit|deny) <COMM>+",
         key=lambda t: (t[3], t[5]), sort=_list_sort),
    Rule("ip community-list expanded <RMNAME> seq <NUM:1-4294967294> (permit|deny) ...",
         key=lambda t: (t[3], t[5]), sort=_list_sort),
    # [URC "ip extcommunity-list"]: "rt"/"soo" values, one keyword before them.
    Rule("ip extcommunity-list standard <RMNAME> seq <NUM:1-4294967294> (permit|deny) (rt|soo) <RT>+",
         key=lambda t: (t[3], t[5]), sort=_list_sort),
    Rule("ip extcommunity-list expanded <RMNAME> seq <NUM:1-4294967294> (permit|deny) ...",
         key=lambda t: (t[3], t[5]), sort=_list_sort),
    Rule("ip as-path access-list <RMNAME> seq <NUM:1-4294967294> (permit|deny) ...",
         key=lambda t: (t[3], t[5]), sort=lambda t: (t[3], int(t[5]))),
    # [UR "Configuring Route Policy Manager"]: sequence 0-65535.
    Rule("route-map <RMNAME> [(permit|deny)] [<NUM:0-65535>]", mode="route-map", key=lambda t: (t[1], int(t[3])),
         sort=lambda t: (t[1], int(t[3])), normalize=_rm_norm),
    Rule("vrf context <VRFNAME>", mode="vrf"),
    # [UR "Configuring Static Routing"]: next hop an address or an interface.
    Rule("ip route <PFX4> (<IP4>|<NXIF>) [<IP4>] [<NUM:1-255>]"),
    Rule("vlan <VLANID>", mode="vlan", sort=lambda t: ("vlan", int(t[1]))),
    Rule("evpn", mode="evpn"),  # [VX] "evpn / vni N l2 / rd auto / route-target ... auto"
    Rule("interface <NXIF>", mode="if", normalize=_if_norm, sort=_if_sort),
    Rule("router bgp <ASN>", mode="router", key=2, requires="feature:bgp"),
    # Underlay protocols a VXLAN fabric guide configures with the overlay [VX; UR "Configuring OSPFv2"].
    Rule("router ospf <RMNAME>", mode="ospf", key=2, requires="feature:ospf"),
    Rule("ip pim rp-address <IP4> [group-list <PFX4>]", key=3, requires="feature:pim"),
    Rule("ip pim anycast-rp <IP4> <IP4>", requires="feature:pim"),
    Rule("ip pim ssm range <PFX4>", key=3, requires="feature:pim"),
    Rule("ipv6 route <PFX6> (<IP6>|<NXIF>) [<IP6>] [<NUM:1-255>]"),
    Rule("ip route <PFX4> Null0 [<NUM:1-255>]"),
    Rule("spanning-tree mode (rapid-pvst|mst)", key=2),
    Rule("system nve infra-vlans <WORD>", key=3),
    Rule("hardware access-list tcam region <WORD> <NUM:0-4096>", key=4),
])

OSPF = make_rules([
    Rule("router-id <IP4>", key=1),
    Rule("log-adjacency-changes [detail]", key=1),
    Rule("area (<IP4>|<NUM:0-4294967295>) (authentication [message-digest]|range <PFX4>|stub [no-summary]|nssa)"),
    Rule("passive-interface default"),
    Rule("vrf <VRFNAME>", mode="ospf", key=2),
    Rule("maximum-paths <NUM:1-64>", key=1),
    Rule("redistribute (direct|static|bgp <ASN>) route-map <RMNAME>", key=2),
])

# "set" / "match" clauses of a route-map entry [UR "Configuring Route Policy Manager"; URC "set ..."].
ROUTE_MAP = make_rules([
    Rule("description ...", key=1),
    Rule("match community <RMNAME>+ [exact-match]", key=2),
    Rule("match extcommunity <RMNAME>+ [exact-match]", key=2),
    Rule("match tag <NUM:0-4294967295>+", key=2),
    Rule("match ip address prefix-list <RMNAME>+", key=4),
    Rule("match ipv6 address prefix-list <RMNAME>+", key=4),
    Rule("match ip next-hop prefix-list <RMNAME>+", key=4),
    Rule("match as-path <RMNAME>+", key=2),
    Rule("match route-type <RTYPE>+", key=2),
    Rule("match interface <NXIF>+", key=2),
    Rule("match source-protocol <WORD>", key=2),
    Rule("set community none", key=2),
    Rule("set community <COMM>+ [additive]", key=2),
    Rule("set comm-list <RMNAME> delete", key=2),
    Rule("set extcommunity rt <RT>+ [additive]", key=3),
    Rule("set tag <NUM:0-4294967295>", key=2),
    Rule("set local-preference <NUM:0-4294967295>", key=2),  # [URC "set local-preference"]
    Rule("set metric <NUM:0-4294967295>", key=2),
    Rule("set weight <NUM:0-65535>", key=2),                 # [URC "set weight"]
    Rule("set origin (egp|igp|incomplete)", key=2),
    Rule("set as-path prepend last-as <NUM:1-10>", key=3),
    Rule("set as-path prepend <ASN>+", key=3),
    Rule("set ip next-hop (<IP4>+|peer-address|unchanged|redist-unchanged)", key=3),
    Rule("set ipv6 next-hop <IP6>+", key=3),
    Rule("continue <NUM:0-65535>", key=1),
    Rule("match as-number <WORD>+", key=2),
    Rule("match metric <NUM:0-4294967295>+", key=2),
    Rule("match ip route-source prefix-list <RMNAME>+", key=4),
    Rule("match length <NUM:0-9210> <NUM:0-9210>", key=2),
    Rule("set metric-type (external|internal|type-1|type-2)", key=2),
    Rule("set distance <NUM:1-255> [<NUM:1-255>] [<NUM:1-255>]", key=2),
    Rule("set as-path tag", key=3),
    Rule("set dampening <NUM:1-45> <NUM:1-20000> <NUM:1-20000> <NUM:1-255>", key=2),
    Rule("set extcommunity cost [pre-bestpath] <NUM:0-255> <NUM:0-4294967295>", key=3),
    Rule("set extcommunity 4byteas-generic (transitive|non-transitive) <WORD>+ [additive]", key=3),
    Rule("set level (level-1|level-2|level-1-2)", key=2),
    Rule("set ip precedence <WORD>", key=3),
    Rule("set forwarding-address", key=2),
    Rule("set vrf <VRFNAME>", key=2),
])

VRF = make_rules([
    Rule("description ...", key=1),
    Rule("vni <NUM:1-16777214>", key=1),                      # [VX] VNI 1-16777214
    Rule("ip pim ssm range <PFX4>", key=3, requires="feature:pim"),
    Rule("ip pim rp-address <IP4> [group-list <PFX4>]", key=3, requires="feature:pim"),
    Rule("ip route <PFX4> (<IP4>|<NXIF>) [<IP4>] [<NUM:1-255>]"),
    Rule("ip route <PFX4> Null0 [<NUM:1-255>]"),
    Rule("ipv6 route <PFX6> (<IP6>|<NXIF>) [<IP6>] [<NUM:1-255>]"),
    Rule("rd <RD>", key=1),
    Rule("address-family (ipv4|ipv6) unicast", mode="vrf-af"),
    Rule("shutdown"),
])

VRF_AF = make_rules([
    Rule("route-target (both|import|export) <RTA> [evpn]"),
    Rule("export map <RMNAME>", key=2),
    Rule("import map <RMNAME> [evpn]", key=2),
    Rule("import vrf advertise-vpn"),
    Rule("maximum routes <NUM:1-4294967295>", key=2),
])

EVPN = make_rules([Rule("vni <NUM:1-16777214> l2", mode="evpn-vni", key=2)])
EVPN_VNI = make_rules([Rule("rd <RD>", key=1), Rule("route-target (both|import|export) <RTA>")])

VLAN = make_rules([
    Rule("name <NAME>", key=1),
    Rule("vn-segment <NUM:1-16777214>", key=1, requires="feature:vn-segment-vlan-based"),  # [VX]
])

INTERFACE = make_rules([
    Rule("description ...", key=1),
    Rule("[no] switchport", key=lambda t: ("switchport",)),
    Rule("switchport mode (access|trunk)", key=2),
    Rule("switchport access vlan <VLANID>", key=3),
    Rule("switchport trunk allowed vlan ...", key=4),
    Rule("mtu <NUM:576-9216>", key=1),                         # [IF] MTU 576-9216
    Rule("vrf member <VRFNAME>", key=2),
    Rule(IP_ADDRESS, key=lambda t: ("ip address", "secondary" in t, t[2] if "secondary" in t else ""),
         normalize=_addr_norm),
    Rule("ipv6 address <PFX6> [eui64]"),
    Rule("ipv6 address use-link-local-only", key=2),
    Rule("ipv6 link-local <IP6>", key=2),
    Rule("ip forward"),
    Rule("ip unnumbered <NXIF>", key=2),
    Rule("fabric forwarding mode anycast-gateway", requires="feature:fabric forwarding"),
    Rule("host-reachability protocol bgp"),
    Rule("advertise virtual-rmac"),
    Rule("source-interface <NXLOOP>", key=1, normalize=_if_norm),
    Rule("member vni <NUM:1-16777214> [associate-vrf]", mode="nve-vni", key=lambda t: t[:3]),
    Rule("[no] shutdown", key=lambda t: ("shutdown",)),
    Rule("speed (100|1000|10000|25000|40000|100000|auto)", key=1),
    Rule("duplex (full|half|auto)", key=1),
    Rule("medium (broadcast|p2p)", key=1),
    Rule("[no] ip redirects", key=lambda t: ("ip redirects",)),
    Rule("[no] ipv6 redirects", key=lambda t: ("ipv6 redirects",)),
    Rule("ip router ospf <RMNAME> area (<IP4>|<NUM:0-4294967295>)", key=3, requires="feature:ospf"),
    Rule("ip ospf network (broadcast|point-to-point)", key=3, requires="feature:ospf"),
    Rule("ip ospf cost <NUM:1-65535>", key=3, requires="feature:ospf"),
    Rule("ip pim sparse-mode", requires="feature:pim"),
    Rule("channel-group <NUM:1-4096> [mode (active|passive|on)]", key=1, requires="feature:lacp"),
    Rule("bfd interval <NUM:50-999> min_rx <NUM:50-999> multiplier <NUM:1-50>", key=1, requires="feature:bfd"),
    Rule("global suppress-arp"),
    Rule("global ingress-replication protocol bgp"),
    Rule("global mcast-group <IP4> (L2|L3)", key=3),
])

NVE_VNI = make_rules([
    Rule("ingress-replication protocol (bgp|static)", key=2),
    Rule("mcast-group <IP4>", key=1),
    Rule("suppress-arp"),
    Rule("peer-ip <IP4>"),
    Rule("multisite ingress-replication"),
])

# [UR "Configuring Basic BGP"]: address families under router bgp; "ipv4 evpn" or
# "l2vpn unicast" do not exist.
ROUTER = make_rules([
    Rule("router-id <IP4>", key=1),
    Rule("log-neighbor-changes"),
    # keepalive 0-3600, hold 0 or 3-3600 [URC "timers (BGP)"].
    Rule("timers bgp <NUM:0-3600> <NXHOLD>", key=2),
    Rule("bestpath (as-path multipath-relax|compare-routerid|always-compare-med)"),
    Rule("address-family (ipv4|ipv6) (unicast|multicast)", mode="router-af"),
    Rule("address-family (vpnv4|vpnv6) unicast", mode="router-af"),
    Rule("address-family l2vpn evpn", mode="router-af", requires="nv overlay evpn"),  # [VX]
    # [URC "neighbor"]: an address or a prefix (prefix peering), remote-as on the same line.
    Rule("neighbor (<IP>|<PFX>) [remote-as (<ASN>|route-map <RMNAME>)]", mode="neighbor", key=2, split=2),
    Rule("template peer <RMNAME>", mode="neighbor", key=3),
    Rule("template peer-session <RMNAME>", mode="neighbor", key=3),
    Rule("template peer-policy <RMNAME>", mode="neighbor-af", key=3),
    Rule("vrf <VRFNAME>", mode="router-vrf", key=2),
    Rule("bestpath (as-path (multipath-relax|ignore)|med (confed|missing-as-worst|non-deterministic)|"
         "cost-community ignore|compare-neighborid)"),
    Rule("graceful-restart [(restart-time <NUM:1-3600>|stalepath-time <NUM:1-3600>)]"),
    Rule("graceful-restart-helper"),
    Rule("confederation identifier <ASN>", key=2),
    Rule("confederation peers <ASN>+", key=2),
    Rule("cluster-id (<IP4>|<NUM:1-4294967295>)", key=1),
    Rule("[no] enforce-first-as", key=lambda t: ("enforce-first-as",)),
    Rule("[no] fast-external-fallover", key=lambda t: ("fast-external-fallover",)),
    Rule("local-as <ASN>", key=1),
])

ROUTER_VRF = make_rules([
    Rule("router-id <IP4>", key=1),
    Rule("log-neighbor-changes"),
    Rule("timers bgp <NUM:0-3600> <NXHOLD>", key=2),
    Rule("address-family (ipv4|ipv6) (unicast|multicast)", mode="router-af"),
    Rule("neighbor (<IP>|<PFX>) [remote-as (<ASN>|route-map <RMNAME>)]", mode="neighbor", key=2, split=2),
])

ROUTER_AF = make_rules([
    Rule("advertise-pip"),
    Rule("advertise l2vpn evpn"),
    Rule("network <PFX> [route-map <RMNAME>]", key=2),
    # [URC "redistribute (BGP)"]: the route-map is mandatory on NX-OS.
    Rule("redistribute (direct|static|lisp|amt) route-map <RMNAME>", key=2),
    Rule("redistribute (ospf|ospfv3|eigrp|isis|rip) <WORD> route-map <RMNAME>", key=3),
    Rule("aggregate-address <PFX> [as-set] [summary-only]", key=2),
    Rule("maximum-paths [(ibgp|eibgp|local|mixed)] <NUM:1-64>", key=lambda t: t[:-1]),  # [URC] 1-64 on N9K
    Rule("retain route-target (all|route-map <RMNAME>)", key=2),
    Rule("default-information originate"),
    Rule("dampening [<NUM:1-45> <NUM:1-20000> <NUM:1-20000> <NUM:1-255>]", key=1),
    Rule("distance <NUM:1-255> <NUM:1-255> <NUM:1-255>", key=1),
    Rule("[no] client-to-client reflection", key=lambda t: ("client-to-client",)),
    Rule("additional-paths (send|receive|selection route-map <RMNAME>)"),
    Rule("nexthop route-map <RMNAME>", key=2),
    Rule("table-map <RMNAME> [filter]", key=1),
    Rule("suppress-inactive"),
    Rule("default-metric <NUM:0-4294967295>", key=1),
])

NEIGHBOR = make_rules([
    Rule("remote-as (<ASN>|route-map <RMNAME>)", key=1),
    Rule("inherit peer <RMNAME>", key=2),
    Rule("description ...", key=1),
    Rule("update-source <NXIF>", key=1, normalize=_if_norm),
    Rule("ebgp-multihop <NUM:2-255>", key=1),       # [N3K] ttl-value 2-255
    Rule("password ...", key=1),
    Rule("timers <NUM:0-3600> <NXHOLD>", key=1),   # keepalive 0-3600, hold 0 or 3-3600 [URC "timers"]
    Rule("local-as <ASN> [no-prepend [replace-as [dual-as]]]", key=1),
    Rule("bfd", requires="feature:bfd"),                  # [UR "Configuring BFD": feature bfd first]
    Rule("disable-connected-check"),
    Rule("inherit peer-session <RMNAME>", key=2),
    Rule("remove-private-as [(all|replace-as)]", key=1),
    Rule("transport connection-mode passive"),
    Rule("ttl-security hops <NUM:1-254>", key=1),
    Rule("capability suppress 4-byte-as"),
    Rule("dynamic-capability"),
    Rule("dont-capability-negotiate"),
    Rule("low-memory exempt"),
    Rule("maximum-peers <NUM:1-1000>", key=1),
    Rule("[no] shutdown", key=lambda t: ("shutdown",)),
    Rule("address-family (ipv4|ipv6) (unicast|multicast)", mode="neighbor-af"),
    Rule("address-family (vpnv4|vpnv6) unicast", mode="neighbor-af"),
    Rule("address-family l2vpn evpn", mode="neighbor-af", requires="nv overlay evpn"),
])

NEIGHBOR_AF = make_rules([
    Rule("send-community"),
    Rule("send-community extended"),
    Rule("send-community both"),
    Rule("route-map <RMNAME> (in|out)", key=lambda t: (t[2],)),
    Rule("prefix-list <RMNAME> (in|out)", key=lambda t: ("pl", t[2])),
    Rule("filter-list <RMNAME> (in|out)", key=lambda t: ("fl", t[2])),
    Rule("soft-reconfiguration inbound [always]", key=2),
    Rule("next-hop-self [all]"),
    Rule("route-reflector-client"),
    Rule("allowas-in [<NUM:1-10>]", key=1),            # [URC "allowas-in"]: 1-10
    Rule("maximum-prefix <NUM:1-300000> [<NUM:1-100>] [(warning-only|restart <NUM:1-65535>)]", key=1),
    Rule("default-originate [route-map <RMNAME>]", key=1),
    Rule("as-override"),
    Rule("rewrite-evpn-rt-asn"),
    Rule("inherit peer-policy <RMNAME> <NUM:1-65535>", key=2),
    Rule("weight <NUM:0-65535>", key=1),
    Rule("next-hop-third-party"),
    Rule("disable-peer-as-check"),
    Rule("suppress-inactive"),
    Rule("unsuppress-map <RMNAME>", key=1),
    Rule("advertisement-interval <NUM:1-600>", key=1),
    Rule("capability additional-paths (send|receive) [disable]"),
    Rule("send-community standard"),
])

MODES = {
    "config": ("config", CONFIG),
    "route-map": ("config-route-map", ROUTE_MAP),
    "vrf": ("config-vrf", VRF),
    "vrf-af": ("config-vrf-af-ipv4", VRF_AF),
    "evpn": ("config-evpn", EVPN),
    "evpn-vni": ("config-evpn-evi", EVPN_VNI),
    "vlan": ("config-vlan", VLAN),
    "if": ("config-if", INTERFACE),
    "nve-vni": ("config-if-nve-vni", NVE_VNI),
    "router": ("config-router", ROUTER),
    "ospf": ("config-router", OSPF),
    "router-vrf": ("config-router-vrf", ROUTER_VRF),
    "router-af": ("config-router-af", ROUTER_AF),
    "neighbor": ("config-router-neighbor", NEIGHBOR),
    "neighbor-af": ("config-router-neighbor-af", NEIGHBOR_AF),
}
