# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Configuration snippets with a real device's verdict, for the twins' conformance suite.

Each case: (snippet, verdict, source).  ``True`` = the device accepts every
line (and, on IOS-XR, the commit); ``False`` = it refuses one of them.
Snippets start in global configuration mode on the lab's baseline
(tests/lab/test_conformance.py).  Grow this table whenever the twins and a
real device disagree.  Source keys:

NX-OS (Cisco Nexus 9000 NX-OS 9.3/10.x documentation on cisco.com):
  UR   Unicast Routing Configuration Guide (Basic BGP, Advanced BGP, Route Policy Manager, Static Routing)
  URC  Unicast Routing Command Reference
  VX   VXLAN Configuration Guide, "Configuring VXLAN BGP EVPN"
  IF   Interfaces Configuration Guide (Layer 3 interfaces, loopbacks 0-1023)
  L2   Layer 2 Switching Configuration Guide, "Configuring VLANs" (1-4094, 3968-4094 reserved)
  N3K  Nexus 3000 Unicast Routing Configuration Guide, "Configuring eBGP Multihop" (2-255)
IOS-XR (Cisco IOS XR 7.x documentation on cisco.com):
  XRB  Routing Configuration Guide, "Implementing BGP"; Routing Command Reference, "BGP Commands"
  XRP  Routing Configuration Guide, "Implementing Routing Policy" (RPL)
  XRS  Routing Configuration Guide, "Implementing Static Routes"
  XRI  Interface and Hardware Component Command Reference ("interface loopback" 0-2147483647, "ipv4 address")
  XRV  Segment Routing Configuration Guide, "Configuring SRv6"
  RFC  the standard the value format comes from (RFC 4364 RD/RT types, RFC 1997 communities, RFC 5396 asdot)
"""

# Whole configurations in the shape the guides print them.
GUIDE_VXLAN_LEAF = """\
feature fabric forwarding
fabric forwarding anycast-gateway-mac 0000.2222.3333
vlan 1001
  vn-segment 900001
vrf context vxlan-900001
  vni 900001
  rd auto
  address-family ipv4 unicast
    route-target both auto
    route-target both auto evpn
  address-family ipv6 unicast
    route-target both auto
    route-target both auto evpn
interface vlan1001
  no shutdown
  mtu 9216
  vrf member vxlan-900001
  no ip redirects
  ip forward
  ipv6 address use-link-local-only
  no ipv6 redirects
interface Vlan101
  no shutdown
  vrf member vxlan-900001
  ip address 4.1.1.1/24
  ipv6 address 4:1:0:1::1/64
  fabric forwarding mode anycast-gateway
interface nve1
  no shutdown
  host-reachability protocol bgp
  source-interface loopback1
  member vni 900001 associate-vrf
  member vni 2001001
    suppress-arp
    mcast-group 239.0.0.1
router bgp 65000
  router-id 10.1.1.54
  address-family ipv4 unicast
  address-family l2vpn evpn
  neighbor 10.1.1.53
    remote-as 65000
    update-source loopback0
    address-family ipv4 unicast
    address-family l2vpn evpn
      send-community extended
  vrf vxlan-900001
    address-family ipv4 unicast
      advertise l2vpn evpn
evpn
  vni 2001001 l2
    rd auto
    route-target import auto
    route-target export auto
interface Ethernet1/1
  no switchport
  ip address 192.168.1.1/30
  ip pim sparse-mode
  no shutdown
interface loopback0
  ip address 10.1.1.54/32
  ip pim sparse-mode
ip pim rp-address 10.1.1.1 group-list 224.0.0.0/4
ip pim ssm range 232.0.0.0/8
"""

GUIDE_BGP_POLICY = """\
feature bfd
route-map RMAP-SET-NH permit 10
  set ip next-hop unchanged
ip prefix-list LOOPBACKS seq 5 permit 10.0.0.0/24 eq 32
route-map ALLOW-LOOPBACKS permit 10
  match ip address prefix-list LOOPBACKS
router bgp 65000
  address-family ipv4 unicast
    redistribute direct route-map ALLOW-LOOPBACKS
    maximum-paths 4
    maximum-paths ibgp 4
  template peer SPINE-PEERS
    remote-as 65000
    update-source loopback0
    address-family l2vpn evpn
      send-community
      send-community extended
      route-reflector-client
  neighbor 10.0.0.1
    inherit peer SPINE-PEERS
    description SPINE-1
  neighbor 10.10.10.0/24
    remote-as 65010
    maximum-peers 5
    address-family ipv4 unicast
  neighbor 10.0.0.9
    remote-as 65009
    ebgp-multihop 3
    password 7 0822455D0A16
    timers 3 9
    bfd
    address-family ipv4 unicast
      route-map RMAP-SET-NH out
      prefix-list LOOPBACKS out
      default-originate route-map ALLOW-LOOPBACKS
      send-community both
      soft-reconfiguration inbound
      next-hop-self
      as-override
ip community-list standard CL-1 seq 10 permit 100:1 100:2
ip community-list expanded CL-2 seq 10 permit "_65000:.*_"
ip as-path access-list AS-1 seq 10 permit "^$"
ip extcommunity-list standard EX-1 seq 10 permit rt 1:1
route-map BIG permit 10
  match community CL-1 exact-match
  match as-path AS-1
  set local-preference 200
  set community 100:1 additive
  set extcommunity rt 1:1 2:2 additive
  set weight 200
  set metric 20
route-map BIG deny 20
  match extcommunity EX-1
"""

GUIDE_XR_L3VPN = """\
hostname PE1
interface Loopback0
 ipv4 address 10.0.0.1 255.255.255.255
 ipv6 address 2001:db8::1/128
!
interface GigabitEthernet0/0/0/1
 description to-CE1
 vrf CUST-A
 ipv4 address 192.168.10.1 255.255.255.252
 no shutdown
!
vrf CUST-A
 address-family ipv4 unicast
  import route-target
   65000:100
  !
  export route-target
   65000:100
  !
 !
!
route-policy PASS-ALL
  pass
end-policy
!
prefix-set CUST-A-PREFIXES
  10.10.0.0/16 le 24,
  10.20.0.0/16 le 24
end-set
!
route-policy CUST-A-IN
  if destination in CUST-A-PREFIXES then
    set local-preference 150
    pass
  else
    drop
  endif
end-policy
!
router bgp 65000
 bgp router-id 10.0.0.1
 address-family vpnv4 unicast
 !
 neighbor 10.0.0.2
  remote-as 65000
  update-source Loopback0
  address-family vpnv4 unicast
  !
 !
 vrf CUST-A
  rd 65000:100
  address-family ipv4 unicast
   redistribute connected
  !
  neighbor 192.168.10.2
   remote-as 65100
   address-family ipv4 unicast
    route-policy CUST-A-IN in
    route-policy PASS-ALL out
   !
  !
 !
!
router static
 vrf CUST-A
  address-family ipv4 unicast
   10.30.0.0/16 192.168.10.2
  !
 !
!
"""

GUIDE_XR_SRV6 = """\
segment-routing
 srv6
  encapsulation
   source-address fcbb:bb00:1::1
  !
  locators
   locator myuSID
    micro-segment behavior unode psp-usd
    prefix fcbb:bb00:1::/48
   !
  !
 !
!
router isis core
 address-family ipv6 unicast
  segment-routing srv6
   locator myuSID
   !
  !
 !
!
router bgp 65000
 bgp router-id 10.0.0.1
 address-family vpnv4 unicast
  vrf all
   segment-routing srv6
    locator myuSID
   !
  !
 !
 neighbor fcbb:bb00:2::1
  remote-as 65000
  update-source Loopback0
  address-family vpnv4 unicast
   encapsulation-type srv6
  !
 !
 vrf vrf_cust1
  rd auto
  address-family ipv4 unicast
   segment-routing srv6
    alloc mode per-vrf
   !
  !
 !
!
vrf vrf_cust1
 address-family ipv4 unicast
  import route-target
   1:1
  !
  export route-target
   1:1
  !
 !
!
"""

# ---------------------------------------------------------------------------- NX-OS
NXOS = [
    # -- valid: BGP
    ("router bgp 65000\n  neighbor 10.1.1.2 remote-as 65001", True, "URC neighbor (remote-as on the line)"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    remote-as 65001\n    address-family ipv4 unicast", True, "UR Basic BGP"),
    ("router bgp 65000\n  neighbor 192.168.0.0/24 remote-as 65002", True, "UR Advanced BGP, prefix peering"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    remote-as route-map PeerAS", True, "UR Advanced BGP, dynamic AS"),
    ("router bgp 65000\n  router-id 10.70.0.11\n  log-neighbor-changes", True, "UR Basic BGP"),
    ("router bgp 65000\n  timers bgp 30 90", True, "URC timers (BGP)"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    timers 10 30", True, "URC timers: keepalive 0-3600 hold 3-3600"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    timers 0 0", True, "URC timers: 0 disables"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    ebgp-multihop 255", True, "N3K eBGP multihop 2-255"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    ebgp-multihop 5", True, "N3K eBGP multihop example"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    update-source loopback0", True, "UR Basic BGP"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    update-source lo0", True, "NX-OS abbreviates interface types"),
    ("router bgp 65000\n  vrf Tenant-A\n    address-family ipv4 unicast\n      advertise l2vpn evpn", True,
     "VX type-5 routes"),
    ("router bgp 65000\n  address-family ipv4 unicast\n    network 10.0.0.0/8\n    maximum-paths 8", True,
     "UR Basic BGP"),
    ("router bgp 65000\n  address-family ipv4 unicast\n    maximum-paths ibgp 64", True, "URC maximum-paths 1-64"),
    ("router bgp 65000\n  address-family ipv4 unicast\n    redistribute direct route-map RM-CONN", True,
     "URC redistribute: route-map required"),
    ("router bgp 65000\n  address-family l2vpn evpn\n    retain route-target all", True, "VX"),
    ("router bgp 65000\n  address-family ipv6 unicast", True, "UR Basic BGP"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    address-family l2vpn evpn\n      send-community extended",
     True, "VX"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    address-family ipv4 unicast\n      route-map RM-IN in\n"
     "      allowas-in 3\n      soft-reconfiguration inbound always", True, "UR Advanced BGP"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    address-family ipv4 unicast\n      maximum-prefix 1000 80 warning-only",
     True, "URC maximum-prefix"),
    ("router bgp 65000\n  template peer SPINE\n    remote-as 65000\n  neighbor 10.1.1.9\n    inherit peer SPINE",
     True, "UR Advanced BGP, peer templates"),
    ("no router bgp 65000\nrouter bgp 4200000000", True, "UR Basic BGP: 4-byte AS asplain"),
    ("no router bgp 65000\nrouter bgp 1.10", True, "UR Basic BGP: 4-byte AS asdot"),
    ("router bgp 65000\n  neighbor 2001:db8::2 remote-as 65001\n    address-family ipv6 unicast", True, "UR Basic BGP"),
    # -- valid: VRFs, EVPN, VLANs, interfaces
    ("vrf context Tenant-A\n  vni 50001\n  rd auto\n  address-family ipv4 unicast\n    route-target both auto\n"
     "    route-target both auto evpn", True, "VX"),
    ("vrf context Tenant-A\n  vni 16777214", True, "VX VNI 1-16777214"),
    ("vrf context Tenant-A\n  rd 65000:100", True, "URC rd ASN2:NN"),
    ("vrf context Tenant-A\n  rd 10.0.0.1:100", True, "URC rd IPv4:NN"),
    ("vrf context Tenant-A\n  rd 4200000000:100", True, "URC rd ASN4:NN"),
    ("vrf context Tenant-A\n  address-family ipv4 unicast\n    route-target import 65000:4294967295", True,
     "RFC 4364 type 0: 32-bit assigned number"),
    ("vrf context Tenant-A\n  address-family ipv4 unicast\n    route-target export 1.2:100 evpn", True,
     "RFC 5396 asdot ASN in an RT"),
    ("vrf context Tenant-A\n  ip route 0.0.0.0/0 10.0.0.1", True, "UR Static Routing (default route in a VRF)"),
    ("ip route 10.10.0.0/16 Ethernet1/1 10.0.0.1", True, "UR Static Routing (interface and next hop)"),
    ("vlan 10\n  name Web\n  vn-segment 10010", True, "VX"),
    ("vlan 3967", True, "L2 highest non-reserved VLAN"),
    ("interface Vlan10\n  no shutdown\n  vrf member Tenant-A\n  ip address 10.1.10.1/24\n"
     "  fabric forwarding mode anycast-gateway", False, "VX: needs feature fabric forwarding (not in the baseline)"),
    ("feature fabric forwarding\nfabric forwarding anycast-gateway-mac 2020.0000.00aa\ninterface Vlan10\n"
     "  fabric forwarding mode anycast-gateway", True, "VX distributed anycast gateway"),
    ("interface loopback1023", True, "IF loopback 0-1023"),
    ("int lo12\n  ip address 10.12.12.12/32", True, "IF; NX-OS abbreviations"),
    ("interface loopback 7\n  ip address 10.7.7.7 255.255.255.255", True, "IF: space before the number, dotted mask"),
    ("interface Ethernet1/1\n  no switchport\n  mtu 9216\n  ip address 10.0.0.1/30\n  no shutdown", True,
     "IF Layer 3 interfaces"),
    ("interface Ethernet1/2\n  switchport\n  switchport mode trunk", True, "L2"),
    ("interface Ethernet1/3\n  description uplink to spine\n  ip address 10.0.0.5/30 tag 12345", True, "IF"),
    ("interface nve1\n  no shutdown\n  host-reachability protocol bgp\n  source-interface loopback1\n"
     "  member vni 10010\n    ingress-replication protocol bgp\n  member vni 50001 associate-vrf", True, "VX"),
    ("interface port-channel4096", True, "IF port-channel 1-4096"),
    ("feature ospf", True, "URC feature"),
    ("feature lacp\nfeature lldp", True, "URC feature"),
    # -- valid: route policy
    ("route-map RM permit 10\n  match community CL-A\n  set local-preference 200", True, "UR Route Policy Manager"),
    ("route-map RM deny 65535", True, "UR RPM: sequence 0-65535"),
    ("route-map RM permit 0", True, "UR RPM: sequence 0-65535"),
    ("route-map RM 20", True, "URC route-map: permit is the default"),
    ("route-map RM permit 10\n  set local-preference 4294967295", True, "URC set local-preference 0-4294967295"),
    ("route-map RM permit 10\n  set extcommunity rt 65000:100 additive", True, "URC set extcommunity rt"),
    ("route-map RM permit 10\n  set community 65000:1 65000:2 additive", True, "URC set community"),
    ("route-map RM permit 10\n  set community no-export", True, "URC set community well-known"),
    ("route-map RM permit 10\n  set as-path prepend 65000 65000", True, "URC set as-path"),
    ("route-map RM permit 10\n  match ip address prefix-list PL-A PL-B", True, "URC match ip address prefix-list"),
    ("route-map RM permit 10\n  match ipv6 address prefix-list PL6", True, "URC match ipv6 address prefix-list"),
    ("route-map RM permit 10\n  match tag 12346\n  set weight 100", True, "URC match tag / set weight"),
    ("route-map RM permit 10\n  set ip next-hop 10.0.0.1", True, "URC set ip next-hop"),
    ("ip prefix-list PL-A seq 5 permit 10.0.0.0/8 le 24", True, "URC ip prefix-list"),
    ("ip prefix-list PL-A permit 10.0.0.0/8 ge 16 le 24", True, "URC ip prefix-list: seq optional"),
    ("ipv6 prefix-list PL6 seq 10 permit 2001:db8::/32 le 64", True, "URC ipv6 prefix-list"),
    ("ip community-list standard CL-A seq 10 permit 65000:100", True, "URC ip community-list"),
    ("ip community-list standard CL-A permit 65000:100 65000:200", True, "URC ip community-list: seq optional"),
    ("ip community-list expanded CL-X permit 65000:1[0-9]", True, "URC ip community-list expanded"),
    ("ip extcommunity-list standard EL-A permit rt 65000:100302", True, "URC ip extcommunity-list"),
    ("ip as-path access-list AP seq 5 permit ^65001_", True, "URC ip as-path access-list"),
    ("no feature bgp", True, "URC feature (removing a feature)"),
    # -- invalid: ranges
    ("vrf context Tenant-A\n  vni 16777216", False, "VX VNI 1-16777214"),
    ("vrf context Tenant-A\n  vni 0", False, "VX VNI 1-16777214"),
    ("vlan 4095", False, "L2 VLAN 1-4094"),
    ("vlan 0", False, "L2 VLAN 1-4094"),
    ("vlan 4000", False, "L2 3968-4094 reserved"),
    ("interface loopback1024", False, "IF loopback 0-1023"),
    ("interface port-channel4097", False, "IF port-channel 1-4096"),
    ("route-map X permit 70000", False, "UR RPM: sequence 0-65535"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    ebgp-multihop 256", False, "N3K 2-255"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    ebgp-multihop 1", False, "N3K 2-255"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    timers 70000 180", False, "URC timers: keepalive 0-3600"),
    ("router bgp 65000\n  neighbor 10.1.1.2\n    timers 60 2", False, "URC timers: hold 0 or 3-3600"),
    ("route-map X permit 10\n  set local-preference 4294967296", False, "URC set local-preference"),
    ("route-map X permit 10\n  set weight 65536", False, "URC set weight 0-65535"),
    ("router bgp 4294967296", False, "UR AS 1-4294967295"),
    ("router bgp 0", False, "UR AS 1-4294967295"),
    ("vrf context Tenant-A\n  rd 65536:4294967295", False, "RFC 4364: a 4-byte ASN takes a 16-bit number"),
    ("vrf context Tenant-A\n  rd 10.0.0.1:65536", False, "RFC 4364: an IPv4 RD takes a 16-bit number"),
    ("ip community-list standard CL seq 5 permit 65536:1", False, "RFC 1997 AA:NN 16 bits each"),
    ("ip prefix-list PL seq 5 permit 10.0.0.0/8 le 33", False, "URC ip prefix-list le 1-32"),
    ("interface Ethernet1/1\n  no switchport\n  ip address 10.0.0.1 255.0.255.0", False, "non-contiguous mask"),
    ("interface Ethernet1/1\n  mtu 10000", False, "IF MTU 576-9216"),
    ("router bgp 65000\n  address-family ipv4 unicast\n    maximum-paths 65", False, "URC maximum-paths 1-64"),
    # -- invalid: dependencies and combinations
    ("router bgp 65001", False, "one BGP process: a second AS is refused"),
    ("no router bgp 65000\nrouter bgp 1.4\nrouter bgp 65540", False,
     "the same AS in the other notation is refused too (cisco-network-node-utils PR 207, N7K capture)"),
    ("router bgp 65000\nrouter bgp 65000\n  router-id 10.0.0.1", True, "re-entering the running AS"),
    ("no feature bgp\nrouter bgp 65000", False, "UR: router bgp needs feature bgp"),
    ("no feature nv overlay\ninterface nve1", False, "VX: interface nve needs feature nv overlay"),
    ("no nv overlay evpn\nrouter bgp 65000\n  address-family l2vpn evpn", False, "VX: needs nv overlay evpn"),
    ("no feature interface-vlan\ninterface Vlan10", False, "IF: SVIs need feature interface-vlan"),
    ("no feature vn-segment-vlan-based\nvlan 10\n  vn-segment 10010", False, "VX: needs feature vn-segment-vlan-based"),
    ("feature bgpp", False, "URC feature: no such feature"),
    ("router bgp 65000\n  address-family ipv4 evpn", False, "UR: no such address family"),
    ("router bgp 65000\n  address-family l2vpn unicast", False, "UR: no such address family"),
    ("router bgp 65000\n  address-family ipv4 unicast\n    redistribute direct", False,
     "URC redistribute: route-map required"),
    ("router bgp 65000\n  neighbor 10.1.1.300 remote-as 65001", False, "invalid address"),
    ("router bgp 65000\n  neighbor 10.1.1.2 remote-as 4294967296", False, "UR AS range"),
    ("ip pim frobnicate 232.0.0.0/8", False, "no such command"),
    ("route-map X permit 10\n  set extcommunity rt 65000:100 additve", False, "typo (not a prefix of additive)"),
    ("route-map X permit 10\n  set extcommunity rt 65000:100 additiv", True, "NX-OS accepts a unique prefix"),
    ("route-map X permit 10\n  match communty CL-A", False, "typo"),
    ("interface Ethernet1/1\n  ip adress 10.0.0.1/30", False, "typo"),
    # -- second batch (written from the guides' examples after the grammar, to measure it)
    ("feature bgp\nrouter bgp 64496\n  router-id 192.0.2.1\n  address-family ipv4 unicast\n"
     "    network 192.0.2.0/24\n  neighbor 192.0.2.2\n    remote-as 64497\n    description Peer Router B\n"
     "    address-family ipv4 unicast\n      next-hop-self", False, "UR Basic BGP example, but AS 64496 != 65000"),
    ("router bgp 65000\n  neighbor 192.0.2.2\n    remote-as 64497\n    password 3 5b63a6ab3d5f4cc0\n"
     "    address-family ipv4 unicast\n      weight 100\n      default-originate", True, "UR Advanced BGP"),
    ("router bgp 65000\n  template peer-session BASE\n    ebgp-multihop 3\n    timers 30 90\n"
     "  neighbor 192.0.2.9\n    inherit peer-session BASE\n    remote-as 64499", True, "UR peer-session templates"),
    ("router bgp 65000\n  bestpath as-path multipath-relax\n  bestpath med missing-as-worst\n  graceful-restart",
     True, "URC bestpath / graceful-restart"),
    ("router bgp 65000\n  confederation identifier 64500\n  confederation peers 65001 65002", True,
     "UR confederations"),
    ("router bgp 65000\n  cluster-id 10.0.0.1\n  neighbor 10.1.1.1\n    remote-as 65000\n"
     "    address-family ipv4 unicast\n      route-reflector-client", True, "UR route reflector"),
    ("router bgp 65000\n  neighbor 10.1.1.1\n    remote-as 65001\n    remove-private-as all", True,
     "URC remove-private-as"),
    ("router bgp 65000\n  address-family ipv4 unicast\n    aggregate-address 192.0.2.0/24 summary-only\n"
     "    dampening 15 750 2000 60", True, "UR aggregate / dampening"),
    ("router bgp 65000\n  address-family ipv4 unicast\n    dampening 46 750 2000 60", False, "URC half-life 1-45"),
    ("router bgp 65000\n  address-family ipv4 unicast\n    distance 20 200 220", True, "URC distance"),
    ("router bgp 65000\n  neighbor 10.1.1.1\n    remote-as 65001\n    ttl-security hops 255", False,
     "URC ttl-security hops 1-254"),
    ("router bgp 65000\n  neighbor 10.1.1.1\n    remote-as 65001\n    address-family ipv4 unicast\n"
     "      allowas-in 11", False, "URC allowas-in 1-10"),
    ("router bgp 65000\n  neighbor 10.1.1.1\n    remote-as 65001\n    address-family ipv4 unicast\n"
     "      weight 65536", False, "URC weight 0-65535"),
    ("router bgp 65000\n  send-community extended", False, "send-community is a neighbour-AF command"),
    ("router bgp 65000\n  neighbor 10.1.1.1\n    remote-as 65001\n    send-community", False,
     "send-community needs the neighbour address family"),
    ("feature ospf\nrouter ospf UNDERLAY\n  router-id 10.0.0.1\ninterface Ethernet1/1\n  no switchport\n"
     "  ip ospf network point-to-point\n  ip router ospf UNDERLAY area 0.0.0.0", True, "VX underlay (OSPF)"),
    ("router ospf UNDERLAY", False, "UR: router ospf needs feature ospf"),
    ("interface Ethernet1/1\n  ip pim sparse-mode", True, "VX multicast underlay (feature pim in the baseline)"),
    ("ip pim rp-address 10.254.254.1 group-list 239.1.1.0/25", True, "VX multicast underlay"),
    ("interface nve1\n  global suppress-arp\n  global ingress-replication protocol bgp", True, "VX global NVE"),
    ("interface nve1\n  member vni 10100\n    mcast-group 239.1.1.1\n    suppress-arp", True, "VX"),
    ("interface nve1\n  member vni 16777215", False, "VX VNI 1-16777214"),
    ("interface nve2", False, "VX: one NVE interface"),
    ("evpn\n  vni 10100 l2\n    rd auto\n    route-target import auto\n    route-target export auto", True,
     "VX EVPN instance"),
    ("vlan 2500\n  vn-segment 50001\ninterface Vlan2500\n  no shutdown\n  vrf member Tenant-A\n  ip forward",
     True, "VX L3VNI SVI"),
    ("interface Vlan4095", False, "IF: SVI 1-4094"),
    ("interface Ethernet1/1\n  no switchport\n  ip address 10.1.1.1/24\n  ip address 10.2.2.1/24 secondary",
     True, "IF secondary address"),
    ("interface Ethernet1/1\n  no switchport\n  ip address 10.1.1.1/33", False, "prefix length 0-32"),
    ("interface Ethernet1/1\n  speed 10000\n  duplex full", True, "IF"),
    ("interface Ethernet1/1\n  channel-group 10 mode active", False, "channel-group needs feature lacp (mode active)"),
    ("feature lacp\ninterface Ethernet1/1\n  channel-group 10 mode active", True, "IF port channels"),
    ("interface Ethernet0/1", False, "slot numbers start at 1"),
    ("interface mgmt0\n  vrf member management\n  ip address 10.0.0.5/24", True, "IF mgmt0"),
    ("route-map RM permit 10\n  match as-path AP-1\n  set as-path prepend last-as 3", True, "URC"),
    ("route-map RM permit 10\n  set as-path prepend last-as 11", False, "URC last-as 1-10"),
    ("route-map RM permit 10\n  set origin incomplete\n  set metric 100", True, "URC set origin / metric"),
    ("route-map RM permit 10\n  set comm-list CL-DEL delete", True, "URC set comm-list delete"),
    ("route-map RM permit 10\n  continue 20", True, "URC continue"),
    ("route-map RM permit 10\n  match route-type local", True, "URC match route-type"),
    ("route-map RM permit 10\n  set community 65000:70000", False, "RFC 1997 NN 0-65535"),
    ("route-map RM permit 10\n  set extcommunity rt 65000", False, "an RT needs ASN:NN"),
    ("ip prefix-list PL seq 0 permit 10.0.0.0/8", False, "URC seq 1-4294967294"),
    ("ip prefix-list PL seq 10 permit 10.0.0.0/8 ge 33", False, "URC ge 1-32"),
    ("ip prefix-list PL seq 10 allow 10.0.0.0/8", False, "permit or deny"),
    ("ip prefix-list PL seq 10 permit 10.0.0.0/16 ge 8", False, "URC ip prefix-list: ge > length"),
    ("ip prefix-list PL seq 10 permit 10.0.0.0/8 ge 24 le 16", False, "URC ip prefix-list: le >= ge"),
    ("ip prefix-list PL seq 10 permit 0.0.0.0/0 le 32", True, "URC ip prefix-list: any prefix"),
    ("ip community-list standard CL seq 10 permit local-AS no-export", True, "URC well-known communities"),
    ("ip extcommunity-list standard EL seq 10 permit rt 10.0.0.1:70000", False, "RFC 4364 IPv4:NN16"),
    ("vrf context Tenant-A\n  address-family ipv4 unicast\n    route-target import 65000", False,
     "an RT needs ASN:NN"),
    ("vrf context Tenant-A\n  address-family ipv6 unicast\n    route-target both auto evpn", True, "VX IPv6"),
    ("vrf context Tenant-A\n  ipv6 route ::/0 2001:db8::1", True, "UR static IPv6"),
    ("vrf context management\n  ip route 0.0.0.0/0 10.0.0.1", True, "UR static route in management VRF"),
    ("ip route 10.0.0.0/8 Null0", True, "UR discard route"),
    ("hostname LEAF-1", True, "basic"),
    ("router bgp 65000\n  address-family ipv4 unicast\n    advertise-pip", False, "VX: advertise-pip is an EVPN command"),
    ("router bgp 65000\n  address-family ipv4 unicast\n    advertise l2vpn evpn", False,
     "VX: advertise l2vpn evpn is a VRF address-family command"),
    ("router bgp 65000\n  vrf Tenant-A\n    neighbor 10.9.9.9\n      remote-as 65009\n"
     "      address-family l2vpn evpn", False, "UR: a VRF neighbour has no l2vpn evpn family"),
    ("router bgp 65000\n  address-family l2vpn evpn\n    network 10.0.0.0/8", False, "no network in l2vpn evpn"),
    ("router bgp 65000\n  neighbor 10.1.1.1\n    remote-as 65001\n    address-family l2vpn evpn\n"
     "      rewrite-evpn-rt-asn", True, "VX multisite / eBGP EVPN"),
    # -- whole guide-style configurations (VXLAN EVPN leaf; BGP with templates and policy)
    (GUIDE_VXLAN_LEAF, True, "VX: VXLAN BGP EVPN leaf example (anycast gateway, L2/L3 VNIs, multicast underlay)"),
    (GUIDE_BGP_POLICY, True, "UR Basic/Advanced BGP and Route Policy Manager examples"),
    (GUIDE_BGP_POLICY.replace("feature bfd\n", "", 1), False, "UR: bfd under a neighbour needs feature bfd"),
]

# ---------------------------------------------------------------------------- IOS-XR
IOSXR = [
    # -- valid
    ("router bgp 65000\n bgp router-id 192.168.40.40\n address-family ipv4 unicast\n !\n neighbor 10.0.0.2\n"
     "  remote-as 65001\n  address-family ipv4 unicast\n   route-policy PASS in\n   route-policy PASS out\n"
     "route-policy PASS\n  pass\nend-policy", True, "XRB; XRP"),
    ("interface Loopback2147483647\n ipv4 address 10.9.9.9 255.255.255.255", True, "XRI loopback 0-2147483647"),
    ("interface Loopback20\n ipv4 address 10.20.20.20/32", True, "XRI ipv4 address prefix-length form"),
    ("interface GigabitEthernet0/0/0/1\n ipv4 address 10.1.1.1 255.255.255.252\n ipv6 address 2001:db8:1::1/64",
     True, "XRI"),
    ("interface GigabitEthernet0/0/0/1.100\n encapsulation dot1q 100\n ipv4 address 10.100.0.1/24", True,
     "XRI subinterfaces"),
    ("interface Bundle-Ether10\n description to core", True, "XRI bundle 1-65535"),
    ("router static\n address-family ipv4 unicast\n  0.0.0.0/0 192.168.16.1", True, "XRS default route"),
    ("router static\n address-family ipv4 unicast\n  10.0.0.0/8 GigabitEthernet0/0/0/0 192.168.16.1 200", True,
     "XRS interface, next hop, distance"),
    ("router static\n vrf blue\n  address-family ipv4 unicast\n   0.0.0.0/0 10.0.0.1", True, "XRS VRF route"),
    ("router static\n address-family ipv6 unicast\n  ::/0 2016:23:23:23::1", True, "XRS IPv6 default"),
    ("prefix-set PS-A\n  10.0.0.0/8 le 24,\n  192.168.0.0/16 ge 24 le 32\nend-set", True, "XRP prefix-set"),
    ("community-set CS-A\n  65000:100,\n  65000:*,\n  no-export\nend-set", True, "XRP community-set"),
    ("extcommunity-set rt RT-A\n  65000:100,\n  10.0.0.1:5\nend-set", True, "XRP extcommunity-set rt"),
    ("as-path-set AS-A\n  ios-regex '^65001_',\n  neighbor-is '65002'\nend-set", True, "XRP as-path-set"),
    ("prefix-set PS\n  10.0.0.0/8 le 24\nend-set\nroute-policy RP-IN\n  if destination in PS then\n"
     "    set local-preference 200\n  elseif destination in (192.168.0.0/16 le 32) then\n    drop\n  else\n    pass\n"
     "  endif\nend-policy", True, "XRP if/elseif/else, inline set"),
    ("community-set CS\n  65000:1\nend-set\nroute-policy RP\n  if community matches-any CS then\n"
     "    set community (65000:2) additive\n    done\n  endif\nend-policy", True, "XRP community match, additive"),
    ("extcommunity-set rt RTS\n  65000:100\nend-set\nroute-policy RP\n  set extcommunity rt RTS additive\n"
     "  pass\nend-policy", True, "XRP set extcommunity rt"),
    ("route-policy CHILD\n  set med 50\nend-policy\nroute-policy PARENT\n  apply CHILD\n  pass\nend-policy", True,
     "XRP hierarchical policy (apply)"),
    ("route-policy RP\n  prepend as-path 65000 3\n  set origin igp\n  pass\nend-policy", True, "XRP prepend"),
    ("route-policy RP\n  # a comment\n  if as-path in (ios-regex '_65001$') then\n    drop\n  endif\nend-policy", True,
     "XRP comments, inline as-path set"),
    ("route-policy RP\n  if tag eq 12346 and not destination in (10.0.0.0/8 le 32) then\n    set weight 100\n"
     "  endif\nend-policy", True, "XRP boolean operators"),
    ("vrf red\n address-family ipv4 unicast\n  import route-target\n   65000:20\n  !\n  export route-target\n"
     "   65000:20\n  !\n !\n!", True, "XRB L3VPN"),
    ("vrf red\n address-family ipv4 unicast\n  import route-target 65000:20", True, "XRB one-line route-target"),
    ("router bgp 65000\n address-family vpnv4 unicast\n !\n vrf blue\n  rd auto\n  address-family ipv4 unicast\n"
     "   redistribute connected", True,
     "XRB rd auto"),
    ("router bgp 65000\n address-family vpnv4 unicast\n !\n vrf blue\n  rd 4200000000:10\n"
     "  address-family ipv4 unicast", True, "RFC 4364 type 2 RD"),
    ("router bgp 65000\n vrf blue\n  rd 65000:10\n  address-family ipv4 unicast", False,
     "XRB: a VRF address family needs the global vpnv4 unicast family"),
    ("router bgp 65000\n neighbor 10.0.0.9\n  remote-as 65001\n  ebgp-multihop 255", True, "XRB ebgp-multihop 1-255"),
    ("router bgp 65000\n neighbor 10.0.0.9\n  remote-as 65001\n  ebgp-multihop", True, "XRB ebgp-multihop default"),
    ("router bgp 65000\n neighbor 10.0.0.9\n  remote-as 65001\n  timers 10 30", True, "XRB timers"),
    ("router bgp 65000\n address-family l2vpn evpn", True, "XRB address families"),
    ("router bgp 65000\n address-family vpnv6 unicast", True, "XRB address families"),
    ("router bgp 65000\n neighbor 10.0.0.9\n  remote-as 1.10", True, "RFC 5396 asdot remote-as"),
    ("segment-routing\n srv6\n  locators\n   locator MAIN\n    micro-segment behavior unode psp-usd\n"
     "    prefix fcbb:bb00:1::/48", True, "XRV"),
    ("hostname PE2", True, "basic"),
    # -- invalid
    ("router bgp 65000\n neighbor 10.0.0.9\n  remote-as 65001\n  ebgp-multihop 256", False, "XRB 1-255"),
    ("interface Loopback2147483648", False, "XRI loopback 0-2147483647"),
    ("interface GigabitEthernet0/0/0/1\n ipv4 address 10.1.1.1 255.0.255.0", False, "non-contiguous mask"),
    ("interface GigabitEthernet0/0/0/1\n ipv4 address 10.1.1.300 255.255.255.0", False, "invalid address"),
    ("router bgp 65000\n!\nrouter bgp 65001", False, "one BGP instance (a second AS fails at commit)"),
    ("router bgp 65000\n address-family ipv4 evpn", False, "XRB: no such address family"),
    ("router bgp 65000\n address-family l2vpn unicast", False, "XRB: no such address family"),
    ("router bgp 65000\n neighbor 10.0.0.9", False, "XRB: remote-as required at commit"),
    ("router bgp 65000\n neighbor 10.0.0.9\n  remote-as 65001\n  address-family vpnv4 unicast", False,
     "XRB: neighbour AF needs the global AF"),
    ("router bgp 65000\n vrf blue\n  address-family ipv4 unicast", False, "XRB: VRF AF needs an RD"),
    ("route-policy RP\n  iff destination in (10.0.0.0/8) then\n    pass\n  endif\nend-policy", False, "XRP typo"),
    ("community-set CS\n  65000:1\nend-set\nroute-policy RP\n  set community CS additiv\nend-policy", False,
     "XRP typo"),
    ("route-policy RP\n  if destination in (10.0.0.0/8) then\n    pass\nend-policy", False, "XRP: if without endif"),
    ("route-policy RP\n  set local-preference 4294967296\nend-policy", False, "XRP set local-preference range"),
    ("route-policy RP\n  if destination in PS-NOPE then\n    pass\n  endif\nend-policy", False,
     "XRP: undefined prefix-set refused at commit"),
    ("route-policy RP\n  apply NOPE\nend-policy", False, "XRP: undefined policy refused at commit"),
    ("router bgp 65000\n address-family ipv4 unicast\n !\n neighbor 10.0.0.2\n  remote-as 65001\n"
     "  address-family ipv4 unicast\n   route-policy NOPE in", False, "XRB: attaching an undefined policy"),
    ("vrf red\n address-family ipv4 unicast\n  import route-policy NOPE", False, "XRB: undefined policy"),
    ("prefix-set PS\n  10.0.0.0/8 le 33\nend-set", False, "XRP prefix-set le 0-32"),
    ("prefix-set PS\n  10.0.0.0/16 le 8\nend-set", False, "XRP prefix-set: le below the prefix length"),
    ("prefix-set PS\n  10.0.0.0/8 ge 24 le 16\nend-set", False, "XRP prefix-set: ge above le"),
    ("prefix-set PS\n  0.0.0.0/0 le 32,\n  10.0.0.0/8 eq 24\nend-set", True, "XRP prefix-set: any / eq"),
    ("prefix-set PS\n  10.0.0.0/8,\nend-set", False, "XRP: comma after the last element"),
    ("community-set CS\n  65536:1\nend-set", False, "RFC 1997"),
    ("extcommunity-set rt RTS\n  10.0.0.1:65536\nend-set", False, "RFC 4364 IPv4:NN16"),
    ("router bgp 65000\n vrf blue\n  rd 65536:4294967295", False, "RFC 4364 type 2 RD"),
    ("router static\n address-family ipv4 unicast\n  10.0.0.0/8 192.168.16.1 255", False, "XRS distance 1-254"),
    ("router bgp 65000\n neighbor 10.0.0.9\n  remote-as 65001\n  timers 10 2", False, "XRB hold 0 or 3-65535"),
    ("router bgp 4294967296", False, "XRB AS range"),
    ("interface Loopback10\n ipv4 adress 10.0.0.1/32", False, "typo"),
    # -- second batch
    ("router bgp 65000\n neighbor-group SPINES\n  remote-as 65000\n  update-source Loopback0\n"
     "  address-family ipv4 unicast\n !\n address-family ipv4 unicast\n !\n neighbor 10.0.0.5\n"
     "  use neighbor-group SPINES", True, "XRB neighbor groups"),
    ("router bgp 65000\n af-group AF address-family ipv4 unicast\n  next-hop-self\n !\n"
     " address-family ipv4 unicast\n !\n neighbor 10.0.0.6\n  remote-as 65000\n  address-family ipv4 unicast\n"
     "   use af-group AF", True, "XRB af-group"),
    ("router bgp 65000\n bgp confederation identifier 64500\n bgp cluster-id 10.0.0.1\n bgp graceful-restart",
     True, "XRB"),
    ("router bgp 65000\n bgp default local-preference 4294967296", False, "XRB 0-4294967295"),
    ("router bgp 65000\n address-family ipv4 unicast\n  maximum-paths ebgp 8\n  bgp dampening\n"
     "  distance bgp 20 200 200", True, "XRB"),
    ("router bgp 65000\n address-family ipv4 unicast\n  maximum-paths ebgp 65", False, "XRB maximum-paths 2-64"),
    ("router bgp 65000\n neighbor 10.0.0.7\n  remote-as 65001\n  bfd fast-detect\n  bfd minimum-interval 300\n"
     "  bfd multiplier 3", True, "XRB BFD"),
    ("router bgp 65000\n neighbor 10.0.0.7\n  remote-as 65001\n  password clear s3cret", True, "XRB password"),
    ("route-policy PASS\n  pass\nend-policy\nrouter bgp 65000\n address-family ipv4 unicast\n !\n"
     " neighbor 10.0.0.7\n  remote-as 65001\n  address-family ipv4 unicast\n   route-policy PASS in\n"
     "   maximum-prefix 1000 75\n   remove-private-AS\n   soft-reconfiguration inbound always", True, "XRB"),
    ("router bgp 65000\n neighbor 10.0.0.7\n  remote-as 0", False, "XRB AS 1-4294967295"),
    ("router bgp 65000\n neighbor 10.0.0.7\n  remote-as 65001\n  ebgp-multihop 0", False, "XRB ttl 1-255"),
    ("router bgp 65000\n address-family vpnv4 unicast\n !\n vrf cust1\n  rd 65000:1\n"
     "  address-family ipv4 unicast\n   label mode per-vrf\n   redistribute connected\n   redistribute static",
     True, "XRB L3VPN PE"),
    ("router bgp 65000\n vrf cust1\n  rd 65000:1\n  neighbor 192.168.1.2\n   remote-as 65101\n"
     "   address-family ipv4 unicast\n    route-policy NOPE in", False, "undefined policy on a CE neighbour"),
    ("router bgp 65000\n vrf cust1\n  rd 65000\n", False, "an RD needs ASN:NN"),
    ("vrf cust1\n address-family ipv4 unicast\n  import route-target\n   65000:1\n   65000:2\n  !\n"
     "  export route-target\n   65000:1", True, "XRB VRF RTs"),
    ("vrf cust1\n address-family ipv4 unicast\n  import route-target\n   65000", False, "an RT needs ASN:NN"),
    ("interface GigabitEthernet0/0/0/2\n vrf cust1\n ipv4 address 192.168.1.1 255.255.255.0\n no shutdown",
     True, "XRI"),
    ("interface GigabitEthernet0/0/0/2\n ipv4 address 192.168.1.1/33", False, "prefix length 0-32"),
    ("interface Bundle-Ether65536", False, "XRI bundle 1-65535"),
    ("interface TenGigE0/0/0/1\n mtu 9000", True, "XRI"),
    ("interface GigabitEthernet0/0/0/3\n bundle id 10 mode active", True, "XRI bundles"),
    ("router static\n address-family ipv4 unicast\n  10.99.0.0/16 Null0", True, "XRS discard route"),
    ("router static\n address-family ipv4 unicast\n  10.99.0.0/16", False, "XRS: a next hop is required"),
    ("router isis CORE\n is-type level-2-only\n net 49.0001.0000.0000.0001.00\n address-family ipv6 unicast\n"
     "  metric-style wide\n  segment-routing srv6\n   locator MAIN\n  !\n !\n !\n interface Loopback0\n"
     "  passive\n  address-family ipv6 unicast", True, "XRV SRv6 with IS-IS"),
    ("router ospf 1\n router-id 10.0.0.1\n area 0\n  interface GigabitEthernet0/0/0/0\n"
     "   network point-to-point", True, "RC Implementing OSPF"),
    ("route-policy RP\n  if destination in (10.0.0.0/8 ge 8 le 24) then\n    pass\n  else\n    drop\n"
     "  endif\nend-policy", True, "XRP"),
    ("route-policy RP\n  delete community in (65000:*)\n  set med igp-cost\n  pass\nend-policy", True, "XRP"),
    ("route-policy RP\n  if as-path originates-from '65001' then\n    set local-preference 50\n  endif\n"
     "end-policy", True, "XRP"),
    ("route-policy RP\n  set next-hop self\nend-policy", True, "XRP"),
    ("route-policy RP\n  set weight 70000\nend-policy", False, "XRP weight 0-65535"),
    ("route-policy RP\n  set origin unknown\nend-policy", False, "XRP origin igp/egp/incomplete"),
    ("route-policy RP\n  if destination in (10.0.0.0/8 le 40) then\n    pass\n  endif\nend-policy", False,
     "XRP le 0-32"),
    ("route-policy RP\n  pas\nend-policy", False, "XRP typo"),
    ("route-policy RP\n  endif\nend-policy", False, "XRP endif without if"),
    ("route-policy RP\n  if tag eq 1 then\n    pass\n  else\n    drop\n  elseif tag eq 2 then\n    pass\n"
     "  endif\nend-policy", False, "XRP: elseif after else"),
    ("route-policy RP\n  if tag eq 1 then\n    if med eq 5 then\n      drop\n    endif\n  elseif tag eq 2 then\n"
     "    pass\n  else\n    done\n  endif\nend-policy", True, "XRP nested if"),
    ("route-policy RP\n  if community matches-any CS-NOPE then\n    drop\n  endif\nend-policy", False,
     "undefined community-set"),
    ("route-policy RP($asn)\n  if as-path neighbor-is '$asn' then\n    pass\n  endif\nend-policy", True,
     "XRP parameterised policy"),
    ("community-set CS\n  65000:[100..200],\n  ios-regex '^65000:5'\nend-set", True, "XRP ranges, regex"),
    ("extcommunity-set rt RT\n  4200000000:100\nend-set", True, "XRP 4-byte ASN RT"),
    ("prefix-set PS6\n  2001:db8::/32 le 64\nend-set", True, "XRP IPv6 prefix-set"),
    ("prefix-set PS6\n  2001:db8::/32 le 129\nend-set", False, "XRP IPv6 le 0-128"),
    ("route-policy PASS\n  pass\nend-policy\nrouter bgp 65000\n address-family vpnv4 unicast\n !\n vrf cust2\n"
     "  rd 65000:2\n  address-family ipv4 unicast\n  !\n  neighbor 192.168.2.2\n   remote-as 65102\n"
     "   address-family ipv4 unicast\n    route-policy PASS in\n    route-policy PASS out", True, "XRB PE-CE eBGP"),
    ("router bgp 65000\n address-family vpnv4 unicast\n !\n vrf cust3\n  rd 65000:3\n  neighbor 192.168.3.2\n"
     "   remote-as 65103\n   address-family ipv4 unicast", False, "XRB: the VRF address family is missing"),
    ("segment-routing\n srv6\n  locators\n   locator MAIN\n    prefix fcbb:bb00:1::/48\n"
     "    micro-segment behavior unode frob", False, "XRV behaviours"),
    # -- whole guide-style configurations
    (GUIDE_XR_L3VPN, True, "XRB: MPLS L3VPN PE with a PE-CE eBGP policy"),
    (GUIDE_XR_SRV6, True, "XRV: SRv6 L3VPN (uSID locator, IS-IS, BGP vpnv4 per-VRF SIDs)"),
]
