# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NX-OS leaf's control plane, computed from its running config and the lab's speakers.

Per VRF: the IPv4 BGP table (paths from Cilium sessions in the VRF, local
routes, routes imported from EVPN), the type-5 routes the VRF exports to
EVPN under its RD (route targets from ``route-target ... evpn``, then the
VRF's ``export map``), and imports by route target filtered by the
importing VRF's ``import map``.  Cisco semantics for export maps: a route
the map denies or does not match is still exported, with the VRF's own
route targets; a permitted route gets the map's sets (``set extcommunity rt``
without ``additive`` replaces the route targets).  Imported routes are
re-exported under the importing VRF's RD only with ``import vrf advertise-vpn``.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Tuple

from .grammar import Node, asn_value
from .routing import ListEntry, Path, Policy, RouteMapEntry, Session, best_paths, match_speaker


@dataclass
class NxVrf:
    name: str
    vrf_id: int
    vni: Optional[int] = None
    rd: Optional[str] = None
    import_evpn: List[str] = field(default_factory=list)
    export_evpn: List[str] = field(default_factory=list)
    export_map: Optional[str] = None
    import_map: Optional[str] = None
    advertise_vpn: bool = False
    in_bgp: bool = False           # "vrf X / address-family ipv4 unicast" under router bgp
    router_id: Optional[str] = None
    redistribute_direct: Optional[str] = None
    networks: List[Tuple[str, Optional[str]]] = field(default_factory=list)
    connected: List[Tuple[str, str, int, str]] = field(default_factory=list)  # (prefix, own address, tag, interface)


@dataclass
class NxState:
    asn: Optional[int]
    router_id: str
    vtep: str
    policy: Policy
    vrfs: Dict[str, NxVrf]
    sessions: List[Session]
    tables: Dict[str, List[Path]]     # VRF -> every IPv4 path
    evpn: Dict[str, List[Path]]       # VRF -> type-5 paths under its RD


def _ip_of(node: Optional[Node]) -> Optional[Tuple[str, int]]:
    if node is None:
        return None
    line = node.value("ip address")
    if not line:
        return None
    parts = line.split()
    tag = int(parts[2]) if len(parts) >= 3 and parts[1] == "tag" else 0
    return parts[0], tag


def read_policy(root: Node) -> Policy:
    pol = Policy()
    for c in root.children:
        t = c.line.split()
        if c.line.startswith("ip community-list standard "):
            pol.community_lists.setdefault(t[3], []).append(ListEntry(int(t[5]), t[6], tuple(t[7:])))
        elif c.line.startswith("ip extcommunity-list standard "):
            vals = tuple("rt " + v for v in t[8:])  # "permit rt A rt B" is not accepted; one rt keyword
            pol.extcommunity_lists.setdefault(t[3], []).append(ListEntry(int(t[5]), t[6], vals))
        elif c.line.startswith("ip prefix-list "):
            ge = int(t[t.index("ge") + 1]) if "ge" in t else None
            le = int(t[t.index("le") + 1]) if "le" in t else None
            pol.prefix_lists.setdefault(t[2], []).append((int(t[4]), t[5], t[6], ge, le))
        elif c.line.startswith("route-map "):
            entry = RouteMapEntry(int(t[3]), t[2])
            for s in c.children:
                w = s.line.split()
                if w[0] == "match":
                    if w[1] in ("ip", "ipv6"):  # match ip[v6] (address|next-hop) prefix-list NAMES
                        entry.matches[" ".join(w[1:4])] = w[4:]
                    else:
                        entry.matches[w[1]] = [x for x in w[2:] if x != "exact-match"]
                elif w[0] == "set":
                    additive = w[-1] == "additive"
                    vals = w[2:-1] if additive else w[2:]
                    if w[1] == "extcommunity":
                        entry.sets.append(("extcommunity rt", tuple(vals[1:]), additive))
                    else:
                        entry.sets.append((w[1], tuple(vals), additive))
            pol.route_maps.setdefault(t[1], []).append(entry)
    return pol


def compute(dev) -> NxState:
    root: Node = dev.running
    pol = read_policy(root)
    bgp = next((c for c in root.children if c.line.startswith("router bgp ")), None)
    asn = asn_value(bgp.line.split()[2]) if bgp else None
    ifaces = {c.line.split()[1]: c for c in root.children if c.line.startswith("interface ")}
    lo0 = _ip_of(ifaces.get("loopback0"))
    router_id = (bgp.value("router-id") if bgp else None) or (lo0[0].split("/")[0] if lo0 else "0.0.0.0")
    nve = ifaces.get("nve1")
    src = nve.value("source-interface") if nve else None
    vt = _ip_of(ifaces.get(src)) if src else None
    vtep = vt[0].split("/")[0] if vt else router_id

    vrfs: Dict[str, NxVrf] = {}
    for c in root.children:
        if not c.line.startswith("vrf context "):
            continue
        name = c.line.split()[2]
        v = NxVrf(name, dev.vrf_id(name))
        vni = c.value("vni")
        v.vni = int(vni) if vni else None
        rd = c.value("rd")
        v.rd = ("%s:%d" % (router_id, v.vrf_id)) if rd == "auto" else rd
        af = c.child("address-family ipv4 unicast")
        if af is not None:
            for rt in af.all("route-target"):
                w = rt.line.split()
                if len(w) < 4 or w[3] != "evpn":
                    continue
                value = w[2]
                if value == "auto":
                    if v.vni is None or asn is None:
                        continue
                    # a 4-byte AS: AS_TRANS as the administrator [Nexus 9000 VXLAN BGP EVPN
                    # Configuration Guide, "About Route-Target Auto"]
                    value = "%d:%d" % (asn if asn <= 65535 else 23456, v.vni)
                if w[1] in ("both", "import"):
                    v.import_evpn.append(value)
                if w[1] in ("both", "export"):
                    v.export_evpn.append(value)
            v.export_map = af.value("export map")
            im = af.value("import map")
            v.import_map = im.split()[0] if im else None
            v.advertise_vpn = af.child("import vrf advertise-vpn") is not None
        for prefix in dev.fabric_prefixes.get(name, []):
            net = ipaddress.ip_network(prefix, strict=False)
            own = str(next(net.hosts())) if net.num_addresses > 1 else str(net.network_address)
            v.connected.append((str(net), own, 0, "fabric"))
        vrfs[name] = v
    for ifname, node in ifaces.items():
        got = _ip_of(node)
        vrf = node.value("vrf member") or "default"
        if got and vrf in vrfs and node.child("shutdown") is None:
            iface = ipaddress.ip_interface(got[0])
            vrfs[vrf].connected.append((str(iface.network), str(iface.ip), got[1], ifname))

    sessions: List[Session] = []
    tables: Dict[str, List[Path]] = {name: [] for name in vrfs}
    speakers = list(dev.feed.speakers()) if dev.feed else []
    if bgp is not None:
        for vnode in bgp.all("vrf"):
            name = vnode.line.split()[1]
            if name not in vrfs:
                continue
            v = vrfs[name]
            af = vnode.child("address-family ipv4 unicast")
            v.in_bgp = af is not None
            v.router_id = vnode.value("router-id") or _vrf_router_id(v, ifaces) or router_id
            if af is not None:
                v.redistribute_direct = (af.value("redistribute direct route-map") or None)
                for n in af.all("network"):
                    w = n.line.split()
                    v.networks.append((w[1], w[3] if len(w) > 3 else None))
            for nb in vnode.all("neighbor"):
                sessions.append(_session(dev, name, v, nb, asn, speakers, ifaces))
    for name, v in vrfs.items():
        if not v.in_bgp:
            continue
        paths = tables[name]
        for prefix, own, tag, ifname in v.connected:
            p = Path(prefix, "0.0.0.0", origin="?", weight=32768, med=0, tag=tag, kind="r", source_vrf=name)
            if ifname == "fabric":
                paths.append(p)  # the fabric's own networks: advertised by its policy, not ours
            elif v.redistribute_direct:
                got = pol.filter(v.redistribute_direct, p)
                if got is not None:
                    paths.append(got)
        for prefix, rmap in v.networks:
            if any(ipaddress.ip_network(prefix) == ipaddress.ip_network(c[0]) for c in v.connected):
                p = Path(prefix, "0.0.0.0", origin="i", weight=32768, med=0, kind="l", source_vrf=name)
                got = pol.filter(rmap, p) if rmap else p
                if got is not None:
                    paths.append(got)
    for s in sessions:
        if not s.established or "ipv4-unicast" not in s.families:
            continue
        rmap_in = s.policy_in  # type: ignore[attr-defined]
        accepted = 0
        for r in s.speaker.routes:
            if r.family != "ipv4-unicast":
                continue
            ebgp = s.remote_as != s.local_as
            p = Path(r.prefix, s.address, s.address, (s.remote_as,) if ebgp else (), r.origin,
                     communities=r.communities, kind="e" if ebgp else "i", source_vrf=s.vrf,
                     received_rid=s.speaker.router_id)
            got = pol.filter(rmap_in, p) if rmap_in else p
            if got is not None:
                tables[s.vrf].append(got)
                accepted += 1
        s.received["ipv4-unicast"] = accepted

    evpn = _evpn(vrfs, tables, pol, vtep)
    return NxState(asn, router_id, vtep, pol, vrfs, sessions, tables, evpn)


def _vrf_router_id(v: NxVrf, ifaces: Dict[str, Node]) -> Optional[str]:
    # NX-OS picks a router ID per VRF from the VRF's loopbacks when none is set.
    loops = sorted((c for c in v.connected if c[3].startswith("loopback")),
                   key=lambda c: int(c[3][len("loopback"):]))
    return loops[0][1] if loops else None


def _session(dev, vrf: str, v: NxVrf, nb: Node, asn: Optional[int], speakers, ifaces) -> Session:
    addr = nb.line.split()[1]
    remote = nb.value("remote-as")
    s = Session(vrf, addr, (asn_value(remote) or 0) if remote else 0, asn or 0,
                description=nb.value("description") or "")
    af = nb.child("address-family ipv4 unicast")
    rin = af.child("route-map") if af else None
    s.policy_in = None  # type: ignore[attr-defined]
    if af is not None:
        for rm in af.all("route-map"):
            w = rm.line.split()
            if w[2] == "in":
                s.policy_in = w[1]  # type: ignore[attr-defined]
    del rin
    usrc = nb.value("update-source")
    local = None
    via_connected = any(ipaddress.ip_address(addr) in ipaddress.ip_network(c[0]) for c in v.connected
                        if ipaddress.ip_network(c[0]).version == ipaddress.ip_address(addr).version)
    if usrc:
        got = _ip_of(ifaces.get(usrc))
        local = got[0].split("/")[0] if got and (ifaces[usrc].value("vrf member") or "default") == vrf else None
    else:
        for net, own, _tag, _if in v.connected:
            if ipaddress.ip_address(addr) in ipaddress.ip_network(net):
                local = own
                break
    if asn is None or not remote:
        s.state, s.reason = "Idle", "remote-as not configured"
    elif nb.child("shutdown") is not None:
        s.state, s.reason = "Shut (Admin)", "neighbor shutdown"
    elif af is None:
        s.state, s.reason = "Idle", "no address family configured for the neighbor"
    else:
        sp, state, reason = match_speaker(speakers, addr, local, s.remote_as, asn)
        ebgp = s.remote_as != asn
        hop_ok = (not ebgp) or (via_connected and not usrc) or int(nb.value("ebgp-multihop") or 1) >= 2
        if state == "Established" and not hop_ok:
            state, reason = "Idle", "eBGP peer not directly connected: ebgp-multihop is needed"
        s.speaker, s.state, s.reason, s.local_address = sp, state, reason, local
        if state == "Established":
            peer = next(p for p in sp.peers if p.address and local and
                        ipaddress.ip_address(p.address) == ipaddress.ip_address(local))
            s.families = tuple(f for f in peer.families if f == "ipv4-unicast")
    s.up_since = dev.session_up_since((vrf, addr), s.established)
    return s


def _best_exportable(v: NxVrf, paths: List[Path]) -> List[Path]:
    out = []
    for prefix, plist in best_paths(paths).items():
        best = plist[0]
        if best.imported_from is None or v.advertise_vpn:
            out.append(best)
    return out


def _evpn(vrfs: Dict[str, NxVrf], tables: Dict[str, List[Path]], pol: Policy, vtep: str) -> Dict[str, List[Path]]:
    live = {n: v for n, v in vrfs.items() if v.in_bgp and v.vni is not None and v.rd}
    evpn: Dict[str, List[Path]] = {}
    imported: Dict[str, List[Path]] = {n: [] for n in vrfs}
    for _unused in range(4):  # leaks of leaks settle in a few rounds; identities stop loops
        evpn = {}
        for name, v in live.items():
            out = []
            for p in _best_exportable(v, tables[name] + imported[name]):
                e = replace(p, rd=v.rd, rts=tuple(v.export_evpn), next_hop=vtep)
                verdict, changed = pol.apply(v.export_map, e) if v.export_map else (None, e)
                out.append(changed if verdict == "permit" else e)
            evpn[name] = out
        new_imported: Dict[str, List[Path]] = {n: [] for n in vrfs}
        for dst, w in live.items():
            for src, routes in evpn.items():
                if src == dst:
                    continue
                for e in routes:
                    if e.source_vrf == dst or not set(e.rts) & set(w.import_evpn):
                        continue
                    got = pol.filter(w.import_map, e) if w.import_map else e
                    if got is None:
                        continue
                    new_imported[dst].append(replace(got, imported_from="%s:%s" % (e.rd, evpn_route(e.prefix)),
                                                     rd=None))
        if new_imported == imported:
            break
        imported = new_imported
    for name in vrfs:
        tables[name] = tables[name] + imported[name]
    return evpn


def evpn_route(prefix: str) -> str:
    net = ipaddress.ip_network(prefix)
    return "[5]:[0]:[0]:[%d]:[%s]/%d" % (net.prefixlen, net.network_address, 224 if net.version == 4 else 416)
