# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cilium's view of a lab cluster, derived from the applied objects.

``compute(spec, objects)`` is pure: given the lab cluster and a snapshot of
its objects it returns, per node, the BGP instance, each peer's session state
and negotiated families, and the paths advertised per family (communities,
route targets, SRv6 SIDs). It follows Cilium's BGPv2 semantics (cluster
config -> node selector -> peers -> peer config families -> advertisement
label selectors -> Service / PodCIDR / SRv6LocatorPool advertisements) and
the Isovalent SRv6 L3VPN ones (VRFs, RDs, export RTs, per-VRF uDT4 SIDs from
the node's SIDManager). Two controllers keep the derived objects the real
operators write: LB-IPAM (Service ``status.loadBalancer``) and the per-node
IsovalentSRv6SIDManager.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from .selectors import labels_of, selector_matches
from .world import ClusterSpec, NodeSpec

FAMILY_DEFAULTS = ("ipv4/unicast", "ipv6/unicast")  # Cilium's families when a peer has no peer config
KINDS = ("CiliumBGPClusterConfig", "CiliumBGPPeerConfig", "CiliumBGPAdvertisement", "CiliumBGPNodeConfigOverride",
         "CiliumLoadBalancerIPPool", "IsovalentBGPClusterConfig", "IsovalentBGPPeerConfig",
         "IsovalentBGPAdvertisement", "IsovalentBGPVRFConfig", "IsovalentVRF", "IsovalentSRv6LocatorPool",
         "IsovalentSRv6SIDManager", "IsovalentBGPNodeConfigOverride", "Service", "Node", "Pod", "Namespace")
ORIGINS = {"igp": "i", "i": "i", "egp": "e", "e": "e", "incomplete": "?", "?": "?"}
WELL_KNOWN = {"no-export": "no-export", "no-advertise": "no-advertise", "no-export-subconfed": "no-export-subconfed",
              "no-peer": "no-peer", "blackhole": "blackhole"}


@dataclass(frozen=True)
class BgpPath:
    family: str                     # ipv4/unicast, ipv6/unicast, ipv4/mpls_vpn
    prefix: str
    communities: Tuple[str, ...] = ()
    large_communities: Tuple[str, ...] = ()
    local_pref: Optional[int] = None
    origin: str = "i"
    rd: str = ""
    route_targets: Tuple[str, ...] = ()
    sid: str = ""
    vrf: str = ""


@dataclass(frozen=True)
class PeerView:
    name: str
    address: str
    peer_asn: int
    state: str                      # established | active | idle
    families: Tuple[str, ...]       # configured families
    advertised: Tuple[BgpPath, ...] = ()
    received: Tuple[Tuple[str, int], ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class NodeView:
    name: str
    address: str
    local_asn: int
    router_id: str
    instance: str
    peers: Tuple[PeerView, ...]
    available: Tuple[BgpPath, ...]  # the node's own RIB: every path any peer's advertisements select


@dataclass
class Snapshot:
    objects: Dict[str, List[Dict[str, Any]]] = field(default_factory=dict)

    def of(self, kind: str) -> List[Dict[str, Any]]:
        return self.objects.get(kind, [])

    def named(self, kind: str, name: str) -> Optional[Dict[str, Any]]:
        return next((o for o in self.of(kind) if o["metadata"]["name"] == name), None)


def snapshot(store) -> Snapshot:
    """The objects the view needs, read from a Store (storage version of each kind)."""
    out: Dict[str, List[Dict[str, Any]]] = {}
    with store.lock:
        for kind in KINDS:
            res = next((r for r in store.served() if r.kind == kind and r.storage), None)
            if res is not None:
                out[kind] = store.list(res)[0]
    return Snapshot(out)


# ------------------------------------------------------------------ helpers


def _family_of(prefix: str) -> str:
    return "ipv6/unicast" if ipaddress.ip_network(prefix, strict=False).version == 6 else "ipv4/unicast"


def _host(addr: str) -> str:
    ip = ipaddress.ip_address(addr)
    return "%s/%d" % (ip, 32 if ip.version == 4 else 128)


def _sort_paths(paths) -> Tuple[BgpPath, ...]:
    def key(p: BgpPath):
        net = ipaddress.ip_network(p.prefix, strict=False)
        return (p.family, p.rd, net.version, net.network_address, net.prefixlen)
    return tuple(sorted(set(paths), key=key))


def _merge_paths(paths: Sequence[BgpPath]) -> Tuple[BgpPath, ...]:
    """One path per (family, rd, prefix): attributes of every advertisement that selects it add up."""
    merged: Dict[Tuple[str, str, str], BgpPath] = {}
    for p in paths:
        key = (p.family, p.rd, p.prefix)
        if key in merged:
            old = merged[key]
            p = BgpPath(p.family, p.prefix, tuple(sorted(set(old.communities) | set(p.communities))),
                        tuple(sorted(set(old.large_communities) | set(p.large_communities))),
                        old.local_pref if old.local_pref is not None else p.local_pref, p.origin, p.rd,
                        tuple(sorted(set(old.route_targets) | set(p.route_targets))), p.sid or old.sid, p.vrf)
        merged[key] = p
    return _sort_paths(merged.values())


def _attrs(ad: Mapping[str, Any]) -> Dict[str, Any]:
    attrs = ad.get("attributes") or {}
    comms = attrs.get("communities") or {}
    standard = [str(c) for c in comms.get("standard") or []] + [WELL_KNOWN.get(str(c), str(c))
                                                                for c in comms.get("wellKnown") or []]
    return {"communities": tuple(sorted(set(standard))),
            "large_communities": tuple(sorted({str(c) for c in comms.get("large") or []})),
            "local_pref": attrs.get("localPreference")}


def service_addresses(svc: Mapping[str, Any], kinds: Sequence[str]) -> List[str]:
    spec, status = svc.get("spec") or {}, svc.get("status") or {}
    out: List[str] = []
    if "ClusterIP" in kinds:
        out += [ip for ip in (spec.get("clusterIPs") or [spec.get("clusterIP")]) if ip and ip != "None"]
    if "ExternalIP" in kinds:
        out += list(spec.get("externalIPs") or [])
    if "LoadBalancerIP" in kinds and spec.get("type") == "LoadBalancer":
        out += [i["ip"] for i in (status.get("loadBalancer") or {}).get("ingress") or [] if i.get("ip")]
    return out


def _ad_paths(ad: Mapping[str, Any], node: NodeSpec, node_obj: Mapping[str, Any], snap: Snapshot,
              locators: Mapping[str, str]) -> List[BgpPath]:
    """Paths one advertisement entry yields on one node (global families)."""
    kind = ad.get("advertisementType")
    attrs = _attrs(ad)
    prefixes: List[str] = []
    if kind == "PodCIDR":
        prefixes = list((node_obj.get("spec") or {}).get("podCIDRs") or node.pod_cidrs)
    elif kind == "Service":
        selector = ad.get("selector")
        if selector is not None:  # a Service advertisement without a selector announces nothing
            kinds = (ad.get("service") or {}).get("addresses") or []
            for svc in snap.of("Service"):
                if selector_matches(selector, labels_of(svc)):
                    prefixes += [_host(a) for a in service_addresses(svc, kinds)]
    elif kind == "SRv6LocatorPool":
        for pool in snap.of("IsovalentSRv6LocatorPool"):
            if selector_matches(ad.get("selector") or {"matchLabels": {"-": "-"}}, labels_of(pool)):
                if pool["metadata"]["name"] in locators:
                    prefixes.append(locators[pool["metadata"]["name"]])
    return [BgpPath(_family_of(p), str(ipaddress.ip_network(p, strict=False)), **attrs) for p in prefixes]


def _selected_ads(kind: str, selector: Optional[Mapping[str, Any]], snap: Snapshot) -> List[Dict[str, Any]]:
    if selector is None:
        return []  # a family without an advertisements selector announces nothing
    out = []
    for obj in snap.of(kind):
        if selector_matches(selector, labels_of(obj)):
            out += list((obj.get("spec") or {}).get("advertisements") or [])
    return out


# ------------------------------------------------------------------ SIDs and locators


def node_locators(spec: ClusterSpec, snap: Snapshot) -> Dict[str, Dict[str, str]]:
    """node -> pool name -> locator prefix, as the SIDManager allocates them."""
    out: Dict[str, Dict[str, str]] = {n.name: {} for n in spec.nodes}
    for pool in sorted(snap.of("IsovalentSRv6LocatorPool"), key=lambda o: o["metadata"]["name"]):
        pspec = pool.get("spec") or {}
        try:
            block = ipaddress.IPv6Network(pspec.get("prefix"), strict=False)
            bits = int(pspec.get("locatorLenBits"))
        except (TypeError, ValueError):
            continue
        if bits < block.prefixlen:
            continue
        taken = set()
        wanted: Dict[str, str] = {}
        for node in spec.nodes:  # a node keeps the locator the lab says it has, if the pool can give it
            try:
                mine = ipaddress.IPv6Network(node.srv6_locator, strict=False) if node.srv6_locator else None
            except ValueError:
                mine = None
            if mine is not None and mine.prefixlen == bits and mine.subnet_of(block):
                wanted[node.name] = str(mine)
                taken.add(mine)
        free = (net for net in block.subnets(new_prefix=bits) if net not in taken and int(net.network_address) != int(block.network_address))
        for node in sorted(spec.nodes, key=lambda n: n.name):
            if node.name not in wanted:
                wanted[node.name] = str(next(free, ""))
            if wanted[node.name]:
                out[node.name][pool["metadata"]["name"]] = wanted[node.name]
    return out


def vrf_sid(node: NodeSpec, vrf_name: str, vrf_id: int, locator: str) -> str:
    """The node's uDT4 SID for a VRF: the lab's value when it lies in the locator, else locator + function."""
    net = ipaddress.IPv6Network(locator)
    lab = (node.vrfs.get(vrf_name) or {}).get("sid")
    if lab:
        try:
            if ipaddress.IPv6Address(lab) in net:
                return str(ipaddress.IPv6Address(lab))
        except ValueError:
            pass
    function = 0xe000 + (int(vrf_id) & 0xfff)
    return str(ipaddress.IPv6Address(int(net.network_address) | (function << (128 - net.prefixlen - 16))))


def sidmanager_objects(spec: ClusterSpec, snap: Snapshot) -> List[Dict[str, Any]]:
    """The IsovalentSRv6SIDManager the operator would write for each node."""
    locators = node_locators(spec, snap)
    pools = {p["metadata"]["name"]: p.get("spec") or {} for p in snap.of("IsovalentSRv6LocatorPool")}
    out = []
    for node in spec.nodes:
        allocations, sids = [], []
        for pool_name, prefix in sorted(locators[node.name].items()):
            pspec = pools[pool_name]
            allocations.append({"poolRef": pool_name, "locators": [{
                "prefix": prefix, "behaviorType": pspec.get("behaviorType", "Base"),
                "structure": dict(pspec.get("structure") or {})}]})
            pool_sids = []
            for vrf in sorted(snap.of("IsovalentVRF"), key=lambda o: o["metadata"]["name"]):
                vspec = vrf.get("spec") or {}
                if vspec.get("locatorPoolRef") != pool_name:
                    continue
                behaviour = "uDT4" if pspec.get("behaviorType") == "uSID" else "End.DT4"
                pool_sids.append({"sid": {"addr": vrf_sid(node, vrf["metadata"]["name"], vspec.get("vrfID", 0),
                                                          prefix), "structure": dict(pspec.get("structure") or {})},
                                  "owner": "srv6-manager", "metadata": vrf["metadata"]["name"],
                                  "behavior": behaviour, "behaviorType": pspec.get("behaviorType", "Base")})
            if pool_sids:
                sids.append({"poolRef": pool_name, "sids": pool_sids})
        out.append({"apiVersion": "isovalent.com/v1alpha1", "kind": "IsovalentSRv6SIDManager",
                    "metadata": {"name": node.name}, "spec": {"locatorAllocations": allocations},
                    "status": {"sidAllocations": sids}})
    return out


def _sids_of(snap: Snapshot, node: str) -> Dict[str, str]:
    """VRF name -> SID, read back from the node's SIDManager status (what the agent uses)."""
    mgr = snap.named("IsovalentSRv6SIDManager", node) or {}
    out = {}
    for alloc in (mgr.get("status") or {}).get("sidAllocations") or []:
        for sid in alloc.get("sids") or []:
            out[sid.get("metadata", "")] = (sid.get("sid") or {}).get("addr", "")
    return out


def _locators_of(snap: Snapshot, node: str) -> Dict[str, str]:
    mgr = snap.named("IsovalentSRv6SIDManager", node) or {}
    return {a.get("poolRef"): (a.get("locators") or [{}])[0].get("prefix", "")
            for a in (mgr.get("spec") or {}).get("locatorAllocations") or []}


# ------------------------------------------------------------------ the view


def compute(spec: ClusterSpec, snap: Snapshot) -> List[NodeView]:
    isovalent = spec.flavour == "isovalent"
    prefix = "Isovalent" if isovalent else "Cilium"
    out = []
    for node in spec.nodes:
        node_obj = snap.named("Node", node.name) or {"metadata": {"labels": node.labels}}
        labels = labels_of(node_obj)
        configs = [c for c in sorted(snap.of(prefix + "BGPClusterConfig"), key=lambda o: o["metadata"]["name"])
                   if selector_matches((c.get("spec") or {}).get("nodeSelector"), labels)]
        if not configs:
            out.append(NodeView(node.name, node.address, 0, "", "", (), ()))
            continue
        instance = ((configs[0].get("spec") or {}).get("bgpInstances") or [{}])[0]
        override = snap.named(prefix + "BGPNodeConfigOverride", node.name) or {}
        inst_override = next((i for i in (override.get("spec") or {}).get("bgpInstances") or []
                              if i.get("name") == instance.get("name")), {})
        local_asn = int(inst_override.get("localASN") or instance.get("localASN") or 0)
        router_id = str(inst_override.get("routerID") or node.router_id or _router_id(node.address))
        locators = _locators_of(snap, node.name) if isovalent else {}
        peers, available = [], []
        for peer in instance.get("peers") or []:
            pview, paths = _peer(spec, node, node_obj, snap, peer, local_asn, prefix, locators)
            peers.append(pview)
            available += paths
        if isovalent:
            vpn = _vrf_paths(node, snap, instance)
            available += vpn
            peers = [p if "ipv4/mpls_vpn" not in p.families else PeerView(
                p.name, p.address, p.peer_asn, p.state, p.families,
                _sort_paths(list(p.advertised) + (vpn if p.state == "established" else [])), p.received, p.reason)
                for p in peers]
        out.append(NodeView(node.name, node.address, local_asn, router_id, str(instance.get("name", "")),
                            tuple(peers), _merge_paths(available)))
    return out


def _router_id(address: str) -> str:
    ip = ipaddress.ip_address(address)
    return str(ip) if ip.version == 4 else str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))


def _peer(spec: ClusterSpec, node: NodeSpec, node_obj, snap: Snapshot, peer: Mapping[str, Any], local_asn: int,
          prefix: str, locators: Mapping[str, str]) -> Tuple[PeerView, List[BgpPath]]:
    address = str(peer.get("peerAddress") or "")
    peer_asn = int(peer.get("peerASN") or 0)
    ref = (peer.get("peerConfigRef") or {}).get("name")
    pconf = snap.named(prefix + "BGPPeerConfig", ref) if ref else None
    fam_specs = ((pconf or {}).get("spec") or {}).get("families")
    if not fam_specs:
        fam_specs = [dict(zip(("afi", "safi"), f.split("/", 1))) for f in FAMILY_DEFAULTS]
    families = tuple("%s/%s" % (f.get("afi"), f.get("safi")) for f in fam_specs)
    neighbour = node.neighbours.get(address)
    reason = ""
    if not address:
        state, reason = "idle", "no peer address"
    elif neighbour is None:
        state, reason = "active", "nothing answers at %s in the lab" % address
    elif neighbour["asn"] != peer_asn:
        state, reason = "active", "peer ASN %d configured, the lab's %s is AS %d" % (peer_asn, address, neighbour["asn"])
    elif not set(families) & set(neighbour["families"]):
        state, reason = "active", "no common address family"
    else:
        state = "established"
    advertised: List[BgpPath] = []
    for fam in fam_specs:
        name = "%s/%s" % (fam.get("afi"), fam.get("safi"))
        if fam.get("safi") == "mpls_vpn":
            continue  # VPN routes come from the VRFs, added by the caller
        for ad in _selected_ads(prefix + "BGPAdvertisement", fam.get("advertisements"), snap):
            advertised += [p for p in _ad_paths(ad, node, node_obj, snap, locators) if p.family == name]
        if prefix == "Isovalent" and name == "ipv6/unicast":
            advertised += [BgpPath("ipv6/unicast", str(ipaddress.ip_network(p, strict=False)))
                           for p in node.ipv6_prefixes]
    rib = _merge_paths(advertised)
    if state == "established" and neighbour is not None:
        negotiated = tuple(f for f in families if f in neighbour["families"])
        sent = _merge_paths([p for p in rib if p.family in negotiated])
    else:
        negotiated, sent = families, ()
    received = tuple(sorted((f, int((neighbour or {}).get("received", {}).get(f, 0)) if state == "established" else 0)
                            for f in negotiated))
    return PeerView(str(peer.get("name", address)), address, peer_asn, state, negotiated, sent, received,
                    reason), [BgpPath(p.family, p.prefix) for p in rib]


def _vrf_paths(node: NodeSpec, snap: Snapshot, instance: Mapping[str, Any]) -> List[BgpPath]:
    sids = _sids_of(snap, node.name)
    namespaces = {n["metadata"]["name"]: labels_of(n) for n in snap.of("Namespace")}
    pods = [p for p in snap.of("Pod") if (p.get("spec") or {}).get("nodeName") in (node.name, "", None)]
    out: List[BgpPath] = []
    for vref in instance.get("vrfs") or []:
        vrf = snap.named("IsovalentVRF", vref.get("vrfRef", ""))
        vconf = snap.named("IsovalentBGPVRFConfig", vref.get("configRef", "")) if vref.get("configRef") else None
        if vrf is None or vconf is None or not sids.get(vrf["metadata"]["name"]):
            continue  # no VRF, no VRF config, or no SID yet: nothing is exported
        members = [ipaddress.ip_address((p.get("status") or {}).get("podIP", "0.0.0.0")) for p in pods
                   if _in_vrf(vrf, labels_of(p), namespaces.get((p.get("metadata") or {}).get("namespace", ""), {}))]
        cidrs = [c for c in (node.vrfs.get(vrf["metadata"]["name"]) or {}).get("pod_cidrs") or []
                 if any(ip in ipaddress.ip_network(c, strict=False) for ip in members)]
        for fam in (vconf.get("spec") or {}).get("families") or []:
            if (fam.get("afi"), fam.get("safi")) != ("ipv4", "mpls_vpn"):
                continue
            for ad in _selected_ads("IsovalentBGPAdvertisement", fam.get("advertisements"), snap):
                if ad.get("advertisementType") != "PodCIDR":
                    continue
                attrs = _attrs(ad)
                for cidr in cidrs:
                    out.append(BgpPath("ipv4/mpls_vpn", str(ipaddress.ip_network(cidr, strict=False)),
                                       attrs["communities"], attrs["large_communities"], attrs["local_pref"],
                                       ORIGINS.get(str((node.vrfs.get(vrf["metadata"]["name"]) or {})
                                                       .get("origin", "igp")).lower(), "i"),
                                       str(vref.get("rd", "")), tuple(str(r) for r in vref.get("exportRTs") or []),
                                       sids[vrf["metadata"]["name"]], vrf["metadata"]["name"]))
    return out


def _in_vrf(vrf: Mapping[str, Any], pod_labels: Mapping[str, str], ns_labels: Mapping[str, str]) -> bool:
    for rule in (vrf.get("spec") or {}).get("rules") or []:
        for sel in rule.get("selectors") or []:
            if "endpointSelector" not in sel and "namespaceSelector" not in sel:
                continue
            if selector_matches(sel.get("endpointSelector"), pod_labels) and \
                    selector_matches(sel.get("namespaceSelector"), ns_labels):
                return True
    return False


# ------------------------------------------------------------------ controllers


def lb_ipam(store, spec: ClusterSpec) -> None:
    """Cilium LB-IPAM: give each LoadBalancer Service an address from a pool that selects it."""
    snap = snapshot(store)
    res = store.resource("", "v1", "services")
    used = set()
    for svc in snap.of("Service"):
        for ing in ((svc.get("status") or {}).get("loadBalancer") or {}).get("ingress") or []:
            used.add(ing.get("ip"))
    for svc in sorted(snap.of("Service"), key=lambda o: (o["metadata"]["namespace"], o["metadata"]["name"])):
        if (svc.get("spec") or {}).get("type") != "LoadBalancer":
            continue
        want = _lb_address(svc, snap.of("CiliumLoadBalancerIPPool"), used)
        current = [i.get("ip") for i in ((svc.get("status") or {}).get("loadBalancer") or {}).get("ingress") or []]
        if current == ([want] if want else []):
            continue
        used.discard(current[0] if current else None)
        if want:
            used.add(want)
        body = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": svc["metadata"]["name"],
                                                                    "namespace": svc["metadata"]["namespace"]},
                "status": {"loadBalancer": {"ingress": [{"ip": want, "ipMode": "VIP"}]} if want else {}}}
        import json
        store.patch(res, svc["metadata"]["namespace"], svc["metadata"]["name"], "application/apply-patch+yaml",
                    json.dumps(body).encode(), "cilium-operator-generic", force=True, subresource="status")


def _pool_ranges(pool: Mapping[str, Any]) -> List[Tuple[ipaddress._BaseAddress, ipaddress._BaseAddress]]:
    out = []
    for block in (pool.get("spec") or {}).get("blocks") or (pool.get("spec") or {}).get("cidrs") or []:
        try:
            if block.get("cidr"):
                net = ipaddress.ip_network(block["cidr"], strict=False)
                first, last = net.network_address, net.broadcast_address
                if net.num_addresses > 2 and not (pool.get("spec") or {}).get("allowFirstLastIPs") == "Yes":
                    first, last = first + 1, last - 1
                out.append((first, last))
            elif block.get("start"):
                start = ipaddress.ip_address(block["start"])
                out.append((start, ipaddress.ip_address(block.get("stop") or block["start"])))
        except (ValueError, TypeError):
            continue
    return out


def _lb_address(svc: Mapping[str, Any], pools: Sequence[Mapping[str, Any]], used: set) -> str:
    labels = labels_of(svc)
    candidates = [p for p in sorted(pools, key=lambda o: o["metadata"]["name"])
                  if not (p.get("spec") or {}).get("disabled")
                  and selector_matches((p.get("spec") or {}).get("serviceSelector"), labels)]
    requested = ((svc.get("metadata") or {}).get("annotations") or {}).get("lbipam.cilium.io/ips") \
        or (svc.get("spec") or {}).get("loadBalancerIP")
    if requested:
        ip = ipaddress.ip_address(requested.split(",")[0].strip())
        for pool in candidates:
            if any(lo <= ip <= hi for lo, hi in _pool_ranges(pool)):
                return str(ip)
        return ""
    for pool in candidates:
        for lo, hi in _pool_ranges(pool):
            ip = lo
            while ip <= hi:
                if str(ip) not in used:
                    return str(ip)
                ip += 1
    return ""


def sid_manager(store, spec: ClusterSpec) -> None:
    """Isovalent's operator: one IsovalentSRv6SIDManager per node with its locator and VRF SIDs."""
    import json
    try:
        res = store.find("isovalent.com/v1alpha1", "IsovalentSRv6SIDManager")
    except Exception:  # noqa: BLE001  the CRD is not installed (yet)
        return
    snap = snapshot(store)
    for obj in sidmanager_objects(spec, snap):
        live = snap.named("IsovalentSRv6SIDManager", obj["metadata"]["name"])
        if live is None or (live.get("spec") or {}) != obj["spec"]:
            body = {k: v for k, v in obj.items() if k != "status"}
            store.patch(res, "", obj["metadata"]["name"], "application/apply-patch+yaml", json.dumps(body).encode(),
                        "isovalent-srv6-operator", force=True)
        live = store.get(res, "", obj["metadata"]["name"])
        if (live.get("status") or {}) != obj["status"]:
            store.patch(res, "", obj["metadata"]["name"], "application/apply-patch+yaml", json.dumps(
                {"apiVersion": obj["apiVersion"], "kind": obj["kind"], "metadata": {"name": obj["metadata"]["name"]},
                 "status": obj["status"]}).encode(), "isovalent-srv6-operator", force=True, subresource="status")
