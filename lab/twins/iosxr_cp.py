# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IOS-XR PE's control plane: sessions, IPv6 unicast, VPNv4 with SRv6 SIDs, RIBs.

- A neighbour exchanges a family only when the family is configured both
  globally under ``router bgp`` and under the neighbour, and the speaker
  offers it.  eBGP neighbours accept / send nothing without a route-policy
  (XR's default); iBGP needs none.
- Received VPNv4 routes are imported into every VRF whose ``import
  route-target`` list shares a route target with them, and shown under the
  VRF's own RD.  The VRF's connected routes (``redistribute connected``)
  get a per-VRF uDT4 SID from the locator named under the VRF's
  ``segment-routing srv6`` (functions allocated from 0xe000 in VRF order).
- The global RIBs hold connected/local routes of interfaces outside any VRF,
  BGP IPv6 unicast routes and the SRv6 local SIDs; no VRF route leaks there.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from .grammar import Node, asn_value, rt_key
from .routing import Path, Session, add_function, match_speaker


@dataclass
class XrVrf:
    name: str
    rd: Optional[str] = None
    import_rts: List[str] = field(default_factory=list)
    export_rts: List[str] = field(default_factory=list)
    in_bgp: bool = False
    redistribute_connected: bool = False
    locator: Optional[str] = None
    alloc: Optional[str] = None
    sid: Optional[str] = None


@dataclass
class Rib:
    code: str
    prefix: str
    detail: str  # what follows the prefix, XR style
    vrf: str = "default"


@dataclass
class XrState:
    asn: Optional[int]
    router_id: str
    global_afs: Tuple[str, ...]
    vrfs: Dict[str, XrVrf]
    sessions: List[Session]
    ipv6: List[Path]
    vpnv4: Dict[str, List[Path]]   # VRF -> paths (received/imported and local)
    locators: Dict[str, Tuple[str, str]]  # name -> (prefix, behavior)
    rib: Dict[Tuple[str, int], List[Rib]]  # (vrf, 4|6) -> routes


def _addresses(node: Node) -> List[ipaddress._BaseAddress]:
    out = []
    v4 = node.value("ipv4 address")
    if v4:
        ip, mask = v4.split()[:2]
        out.append(ipaddress.ip_interface("%s/%s" % (ip, mask)))
    for c in node.all("ipv6 address"):
        out.append(ipaddress.ip_interface(c.line.split()[2]))
    return out


def compute(dev) -> XrState:
    root: Node = dev.running
    ifaces = {c.line.split()[1]: c for c in root.children if c.line.startswith("interface ")}
    bgp = next((c for c in root.children if c.line.startswith("router bgp ")), None)
    asn = asn_value(bgp.line.split()[2]) if bgp else None
    lo0 = [a for a in _addresses(ifaces["Loopback0"]) if a.version == 4] if "Loopback0" in ifaces else []
    router_id = (bgp.value("bgp router-id") if bgp else None) or (str(lo0[0].ip) if lo0 else "0.0.0.0")
    global_afs = tuple(c.line.split()[1] for c in bgp.all("address-family")) if bgp else ()

    vrfs: Dict[str, XrVrf] = {}
    for c in root.children:
        if c.line.startswith("vrf "):
            v = XrVrf(c.line.split()[1])
            af = c.child("address-family ipv4 unicast")
            if af is not None:
                imp, exp = af.child("import route-target"), af.child("export route-target")
                v.import_rts = [x.line.split()[0] for x in imp.children] if imp else []
                v.export_rts = [x.line.split()[0] for x in exp.children] if exp else []
            vrfs[v.name] = v

    locators: Dict[str, Tuple[str, str]] = {}
    sr = next((c for c in root.children if c.line == "segment-routing"), None)
    srv6 = sr.child("srv6") if sr else None
    locs = srv6.child("locators") if srv6 else None
    for loc in (locs.all("locator") if locs else []):
        prefix = loc.value("prefix")
        if prefix:
            locators[loc.line.split()[1]] = (prefix, loc.value("micro-segment behavior unode") or "")

    connected: Dict[str, List[Tuple[ipaddress._BaseAddress, str]]] = {}
    for name, node in ifaces.items():
        if node.child("shutdown") is not None:
            continue
        vrf = node.value("vrf") or "default"
        for a in _addresses(node):
            connected.setdefault(vrf, []).append((a, name))

    speakers = list(dev.feed.speakers()) if dev.feed else []
    sessions: List[Session] = []
    ipv6: List[Path] = []
    received_vpn: List[Path] = []
    if bgp is not None:
        for nb in bgp.all("neighbor"):
            s = _session(dev, nb, asn, router_id, global_afs, ifaces, connected, speakers)
            sessions.append(s)
            if not s.established:
                continue
            ibgp = s.remote_as == asn
            for fam in s.families:
                accepted = 0
                af_node = nb.child("address-family %s unicast" % fam.split("-")[0])
                if not ibgp and (af_node is None or not any(
                        c.line.endswith(" in") for c in af_node.all("route-policy"))):
                    s.received[fam] = 0
                    continue
                for r in s.speaker.routes:
                    if r.family != fam:
                        continue
                    p = Path(r.prefix, s.address, s.address, () if ibgp else (s.remote_as,), r.origin,
                             communities=r.communities, rts=r.rts, kind="i" if ibgp else "e", sid=r.sid, rd=r.rd,
                             received_rid=s.speaker.router_id)
                    (ipv6 if fam == "ipv6-unicast" else received_vpn).append(p)
                    accepted += 1
                s.received[fam] = accepted
        for vn in bgp.all("vrf"):
            name = vn.line.split()[1]
            if name not in vrfs:
                continue
            v = vrfs[name]
            v.in_bgp = True
            v.rd = vn.value("rd")
            af = vn.child("address-family ipv4 unicast")
            if af is not None:
                v.redistribute_connected = af.child("redistribute connected") is not None
                srv6_af = af.child("segment-routing srv6")
                if srv6_af is not None:
                    v.locator = srv6_af.value("locator")
                    v.alloc = srv6_af.value("alloc mode")

    # Per-VRF SIDs: one uDT4 function per VRF per locator, from 0xe000 up.
    next_func: Dict[str, int] = {}
    for name in sorted(vrfs):
        v = vrfs[name]
        if v.in_bgp and v.locator in locators and v.alloc == "per-vrf" and "vpnv4" in global_afs:
            func = next_func.get(v.locator, 0xE000)
            v.sid = add_function(locators[v.locator][0], func)
            next_func[v.locator] = func + 1

    vpnv4: Dict[str, List[Path]] = {n: [] for n in vrfs}
    for name, v in vrfs.items():
        if not v.in_bgp or not v.rd or "vpnv4" not in global_afs:
            continue
        for p in received_vpn:
            if {rt_key(r) for r in p.rts} & {rt_key(r) for r in v.import_rts}:  # 1.11:10 is 65547:10
                vpnv4[name].append(p)
        if v.redistribute_connected:
            for addr, _ifname in connected.get(name, []):
                if addr.version == 4:
                    vpnv4[name].append(Path(str(addr.network), "0.0.0.0", origin="?", weight=32768, med=0,
                                            kind="l", rd=v.rd, rts=tuple(v.export_rts), source_vrf=name))

    rib: Dict[Tuple[str, int], List[Rib]] = {}
    now = dev.clock()
    for vrf, addrs in connected.items():
        for addr, ifname in addrs:
            up = _since(dev, now)
            host = addr.network.max_prefixlen
            if addr.network.prefixlen != host:
                rib.setdefault((vrf, addr.version), []).append(
                    Rib("C", str(addr.network), "is directly connected, %s, %s" % (up, ifname), vrf))
            rib.setdefault((vrf, addr.version), []).append(
                Rib("L", "%s/%d" % (addr.ip, host), "is directly connected, %s, %s" % (up, ifname), vrf))
    for p in ipv6:
        s = next(x for x in sessions if x.address == p.neighbor)
        dist = 200 if p.kind == "i" else 20
        rib.setdefault(("default", 6), []).append(
            Rib("B", p.prefix, "[%d/0] via %s, %s" % (dist, p.next_hop, _since(dev, now, s.up_since))))
    for name, (prefix, behavior) in sorted(locators.items()):
        net = ipaddress.IPv6Network(prefix)
        rib.setdefault(("default", 6), []).append(
            Rib("L", prefix, "SRv6 Endpoint uN (shift)\n[0/0] via ::, %s" % _since(dev, now)))
        rib.setdefault(("default", 6), []).append(
            Rib("L", "%s/%d" % (net.network_address, net.prefixlen + 16),
                "SRv6 Endpoint uN (PSP/USD)\n[0/0] via ::, %s" % _since(dev, now)))
    for name in sorted(vrfs):
        v = vrfs[name]
        if v.sid:
            rib.setdefault(("default", 6), []).append(
                Rib("L", "%s/64" % v.sid, "SRv6 Endpoint uDT4\n[0/0] via ::ffff:0.0.0.0 (nexthop in vrf %s), %s"
                    % (name, _since(dev, now))))
        for p in vpnv4.get(name, []):
            if p.neighbor != "0.0.0.0":
                s = next(x for x in sessions if x.address == p.neighbor)
                rib.setdefault((name, 4), []).append(
                    Rib("B", p.prefix, "[200/0] via %s (nexthop in vrf default), %s"
                        % (p.next_hop, _since(dev, now, s.up_since)), name))
    for key in rib:
        rib[key].sort(key=lambda r: (ipaddress.ip_network(r.prefix).network_address,
                                     ipaddress.ip_network(r.prefix).prefixlen))
    return XrState(asn, router_id, global_afs, vrfs, sessions, ipv6, vpnv4, locators, rib)


def _since(dev, now: float, since: Optional[float] = None) -> str:
    from .routing import xr_uptime
    return xr_uptime(now - (since if since is not None else dev.boot_time))


def _session(dev, nb: Node, asn, router_id, global_afs, ifaces, connected, speakers) -> Session:
    addr = nb.line.split()[1]
    remote = nb.value("remote-as")
    s = Session("default", addr, (asn_value(remote) or 0) if remote else 0, asn or 0,
                description=nb.value("description") or "")
    version = ipaddress.ip_address(addr).version
    local = None
    usrc = nb.value("update-source")
    if usrc and usrc in ifaces:
        cands = [a for a in _addresses(ifaces[usrc]) if a.version == version]
        local = str(cands[0].ip) if cands else None
    else:
        for a, _if in connected.get("default", []):
            if a.version == version and ipaddress.ip_address(addr) in a.network:
                local = str(a.ip)
    nbr_afs = [c.line.split()[1] for c in nb.all("address-family")]
    afs = [a for a in nbr_afs if a in global_afs]
    if not remote:
        s.state, s.reason = "Idle", "remote-as not configured"
    elif nb.child("shutdown") is not None:
        s.state, s.reason = "Idle (Admin)", "neighbor shutdown"
    elif not afs:
        s.state, s.reason = "Idle", "no address family configured"
    else:
        sp, state, reason = match_speaker(speakers, addr, local, s.remote_as, asn or 0)
        s.speaker, s.state, s.reason, s.local_address = sp, state, reason, local
        if state == "Established":
            peer = next(p for p in sp.peers if ipaddress.ip_address(p.address) == ipaddress.ip_address(local))
            s.families = tuple(f for f in peer.families if f.split("-")[0] in afs)
    s.up_since = dev.session_up_since(("default", addr), s.established)
    return s
