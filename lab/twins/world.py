# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab's world: which BGP speakers (Cilium nodes) exist and what they advertise.

The device twins only see the small ``RouteFeed`` interface: ``WorkloadsFeed``
here (the lab workloads file plus, when present, the rendered Cilium /
Isovalent manifests in ``build/manifests/<cluster>/``), or, with
``--kube-state``, ``lab.kube.feed.KubeFeed`` (live from the Kubernetes API twin).
"""

from __future__ import annotations

import glob
import ipaddress
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

from lab.kube.selectors import selector_matches

FAMILIES = ("ipv4-unicast", "ipv6-unicast", "vpnv4-unicast")
ORIGINS = {"igp": "i", "i": "i", "egp": "e", "e": "e", "incomplete": "?", "?": "?"}


@dataclass(frozen=True)
class Route:
    """One path a speaker advertises: ``family`` is one of FAMILIES."""

    family: str
    prefix: str
    communities: Tuple[str, ...] = ()
    origin: str = "i"
    rd: Optional[str] = None          # vpnv4 only
    rts: Tuple[str, ...] = ()          # vpnv4 only: route targets
    sid: Optional[str] = None          # vpnv4 only: SRv6 SID (uDT4)


@dataclass(frozen=True)
class Peer:
    """A session the speaker tries to open: to ``address`` expecting ``asn``."""

    address: str
    asn: int
    families: Tuple[str, ...] = ("ipv4-unicast",)


@dataclass(frozen=True)
class Speaker:
    name: str
    cluster: str
    address: str
    asn: int
    router_id: str
    peers: Tuple[Peer, ...] = ()
    routes: Tuple[Route, ...] = ()


class RouteFeed:
    """What a device twin asks of the outside world.  Implement ``speakers``."""

    def speakers(self) -> Sequence[Speaker]:
        raise NotImplementedError


class StaticFeed(RouteFeed):
    def __init__(self, speakers: Sequence[Speaker] = ()):
        self._speakers = tuple(speakers)

    def speakers(self) -> Sequence[Speaker]:
        return self._speakers


@dataclass
class DeviceSpec:
    name: str
    os: str                                   # "nxos" | "iosxr"
    baseline: str = ""                        # configuration text loaded at boot
    fabric_prefixes: Dict[str, List[str]] = field(default_factory=dict)


class WorldError(ValueError):
    pass


# ------------------------------------------------------------- workloads feed

def _host(addr: str) -> str:
    return "%s/%d" % (addr, 32 if ipaddress.ip_address(addr).version == 4 else 128)


def service_routes(services: Sequence[Dict[str, Any]], ads: Sequence[Dict[str, Any]]) -> List[Route]:
    """Service routes as Cilium's BGP control plane builds them: a service is
    announced once per address kind an advertisement selecting it lists, with
    the union of the communities of every advertisement that selects it."""
    per_prefix: Dict[str, set] = {}
    for svc in services:
        labels = {str(k): str(v) for k, v in (svc.get("labels") or {}).items()}
        for ad in ads:
            if ad.get("advertisementType") != "Service":
                continue
            if not selector_matches(ad.get("selector"), labels):
                continue
            kinds = (ad.get("service") or {}).get("addresses") or []
            comms = ((ad.get("attributes") or {}).get("communities") or {}).get("standard") or []
            addrs: List[str] = []
            if "ClusterIP" in kinds and svc.get("cluster_ip") and svc.get("cluster_ip") != "None":
                addrs.append(svc["cluster_ip"])
            if "ExternalIP" in kinds:
                addrs.extend(svc.get("external_ips") or [])
            if "LoadBalancerIP" in kinds and svc.get("type") == "LoadBalancer" and svc.get("load_balancer_ip"):
                addrs.append(svc["load_balancer_ip"])
            for addr in addrs:
                per_prefix.setdefault(_host(addr), set()).update(str(c) for c in comms)
    return [Route("ipv4-unicast" if ":" not in p else "ipv6-unicast", p, tuple(sorted(c)))
            for p, c in sorted(per_prefix.items(), key=lambda kv: (ipaddress.ip_network(kv[0]).version,
                                                                   ipaddress.ip_network(kv[0])))]


def _load_manifests(directory: str) -> List[Dict[str, Any]]:
    docs: List[Dict[str, Any]] = []
    for path in sorted(glob.glob(os.path.join(directory, "*.yaml")) + glob.glob(os.path.join(directory, "*.yml"))):
        if os.path.basename(path) in ("all.yaml", "all.yml"):
            continue  # the concatenation of the others
        with open(path, encoding="utf-8") as fh:
            docs.extend(d for d in yaml.safe_load_all(fh) if isinstance(d, dict))
    return docs


class WorkloadsFeed(RouteFeed):
    """Speakers from the lab workloads file, overlaid with rendered manifests.

    Re-reads its inputs when a file changes, so a rebuilt manifest changes
    what the twins show without restarting them.
    """

    def __init__(self, workloads_path: str, manifests_dir: Optional[str] = None):
        self.path = workloads_path
        self.manifests_dir = manifests_dir
        self._stamp: Optional[Tuple] = None
        self._speakers: Tuple[Speaker, ...] = ()

    def _inputs(self) -> Tuple:
        files = [self.path]
        if self.manifests_dir and os.path.isdir(self.manifests_dir):
            files += sorted(glob.glob(os.path.join(self.manifests_dir, "*", "*.y*ml")))
        return tuple((f, os.path.getmtime(f)) for f in files if os.path.exists(f))

    def speakers(self) -> Sequence[Speaker]:
        stamp = self._inputs()
        if stamp != self._stamp:
            self._speakers = tuple(self._build())
            self._stamp = stamp
        return self._speakers

    def _build(self) -> List[Speaker]:
        data = load_workloads(self.path)
        out: List[Speaker] = []
        for cluster in data.get("clusters") or []:
            cname = cluster["name"]
            docs = []
            if self.manifests_dir:
                docs = _load_manifests(os.path.join(self.manifests_dir, cname))
            out.extend(cluster_speakers(cluster, docs))
        return out


def _kind(docs: Sequence[Dict[str, Any]], *kinds: str) -> List[Dict[str, Any]]:
    return [d for d in docs if d.get("kind") in kinds]


def cluster_speakers(cluster: Dict[str, Any], docs: Sequence[Dict[str, Any]]) -> List[Speaker]:
    cname = cluster["name"]
    flavour = cluster.get("flavour", "oss")
    ads_docs = _kind(docs, "CiliumBGPAdvertisement", "IsovalentBGPAdvertisement")
    if ads_docs:
        ads = [a for d in ads_docs for a in (d.get("spec") or {}).get("advertisements") or []]
    else:
        ads = cluster.get("advertisements") or []
    ccfg = _kind(docs, "CiliumBGPClusterConfig", "IsovalentBGPClusterConfig")
    pcfg = {d["metadata"]["name"]: d for d in _kind(docs, "CiliumBGPPeerConfig", "IsovalentBGPPeerConfig")}
    instance = ((ccfg[0].get("spec") or {}).get("bgpInstances") or [None])[0] if ccfg else None
    speakers = []
    for node in cluster.get("nodes") or []:
        asn = int(instance["localASN"]) if instance else int(node["asn"])
        if instance:
            peers = []
            for p in instance.get("peers") or []:
                ref = ((p.get("peerConfigRef") or {}).get("name"))
                fams = _families(pcfg.get(ref)) if ref in pcfg else ("ipv4-unicast",)
                peers.append(Peer(str(p["peerAddress"]), int(p["peerASN"]), fams))
        else:
            peers = [Peer(str(p["address"]), int(p["asn"]), tuple(p.get("families") or ["ipv4-unicast"]))
                     for p in node.get("peers") or []]
        routes: List[Route] = []
        if flavour == "oss" or not instance:
            routes += service_routes(cluster.get("services") or [], ads)
            if any(a.get("advertisementType") == "PodCIDR" for a in ads if flavour == "oss"):
                routes += [Route("ipv4-unicast", c) for c in node.get("pod_cidrs") or []]
        if flavour == "isovalent":
            routes += _isovalent_routes(node, ads, instance, bool(docs))
        speakers.append(Speaker(
            name=node["name"], cluster=cname, address=str(node["address"]), asn=asn,
            router_id=str(node.get("router_id") or _router_id(node)), peers=tuple(peers), routes=tuple(routes),
        ))
    return speakers


def _router_id(node: Dict[str, Any]) -> str:
    addr = ipaddress.ip_address(str(node["address"]))
    if addr.version == 4:
        return str(addr)
    return str(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))


def _families(peer_config: Optional[Dict[str, Any]]) -> Tuple[str, ...]:
    fams = []
    for f in ((peer_config or {}).get("spec") or {}).get("families") or []:
        afi, safi = f.get("afi"), f.get("safi")
        if safi == "mpls_vpn" and afi == "ipv4":
            fams.append("vpnv4-unicast")
        elif safi == "unicast" and afi in ("ipv4", "ipv6"):
            fams.append("%s-unicast" % afi)
    return tuple(fams) or ("ipv4-unicast",)


def _isovalent_routes(node: Dict[str, Any], ads: Sequence[Dict[str, Any]], instance: Optional[Dict[str, Any]],
                      from_manifests: bool) -> List[Route]:
    routes: List[Route] = []
    locator = node.get("srv6_locator")
    announce_locator = any(a.get("advertisementType") == "SRv6LocatorPool" for a in ads) if from_manifests \
        else bool(node.get("advertise_locator", True))
    v6 = list(node.get("ipv6_prefixes") or [])
    if locator and announce_locator:
        v6.append(locator)
    routes += [Route("ipv6-unicast", p) for p in sorted(set(v6), key=ipaddress.ip_network)]
    vrf_cfg = {v["vrfRef"]: v for v in (instance or {}).get("vrfs") or []}
    for vrf in node.get("vrfs") or []:
        cfg = vrf_cfg.get(vrf["name"])
        if from_manifests and cfg is None:
            continue  # the VRF is not in the rendered BGP config: nothing announced
        rd = str(cfg["rd"]) if cfg else str(vrf["rd"])
        rts = tuple(str(r) for r in (cfg.get("exportRTs") if cfg else vrf.get("export_rts")) or [])
        origin = ORIGINS.get(str(vrf.get("origin", "igp")).lower(), "i")
        for cidr in vrf.get("pod_cidrs") or []:
            routes.append(Route("vpnv4-unicast", cidr, (), origin, rd, rts, vrf.get("sid")))
    return routes


def load_workloads(path: str) -> Dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
    except OSError as exc:
        raise WorldError("cannot read the lab workloads file %s: %s" % (path, exc.strerror))
    except yaml.YAMLError as exc:
        raise WorldError("the lab workloads file %s is not valid YAML: %s" % (path, exc))
    if not isinstance(data, dict):
        raise WorldError("the lab workloads file %s must hold a mapping" % path)
    return data


def device_specs(path: str, root: str) -> List[DeviceSpec]:
    """The lab's devices from the workloads file; baseline paths are relative to ``root``."""
    return specs_from(load_workloads(path), path, root)


def specs_from(data: Dict[str, Any], path: str, root: str) -> List[DeviceSpec]:
    """The devices of a workloads document (``path`` names it in errors). A device's baseline is
    ``baseline_text`` (as generated by lab.inventory_world) or the file ``baseline`` under ``root``."""
    out = []
    for n, dev in enumerate(data.get("devices") or []):
        if not isinstance(dev, dict) or "name" not in dev or dev.get("os") not in ("nxos", "iosxr"):
            raise WorldError("%s: devices[%d] needs a name and os: nxos|iosxr" % (path, n))
        baseline = str(dev.get("baseline_text") or "")
        if dev.get("baseline") and not baseline:
            bpath = os.path.join(root, dev["baseline"])
            try:
                with open(bpath, encoding="utf-8") as fh:
                    baseline = fh.read()
            except OSError as exc:
                raise WorldError("%s: devices[%d] baseline %s: %s" % (path, n, bpath, exc.strerror))
        out.append(DeviceSpec(str(dev["name"]), dev["os"], baseline,
                              {str(k): [str(p) for p in v] for k, v in (dev.get("fabric_prefixes") or {}).items()}))
    return out
