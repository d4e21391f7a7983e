# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab's clusters as they "physically" are: nodes, services, pods, BGP neighbours.

Sources, read only: the tenant inventory (cluster names, flavours, Cilium
versions, node names and addresses) and the lab workloads file
``inventories/lab.workloads.yml`` (services, nodes' real peers, pod CIDRs,
SRv6 details, ``pods``). What the workloads file does not give is generated
from the inventory (``lab.inventory_world``: a Service per tenant pool, the
nodes' peers, a pod per SRv6 tenant), so any valid inventory makes a lab.
What the twin serves on top of that comes from the objects applied to it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import yaml

from lab.inventory_world import world


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_INVENTORY = os.path.join(ROOT, "inventories", "lab", "group_vars", "all", "tenancy.yml")
DEFAULT_WORKLOADS = os.path.join(ROOT, "inventories", "lab.workloads.yml")
CRD_DIR = os.path.join(ROOT, "tests", "data", "cilium-crds")
DEFAULT_NODE_LABELS = {"bgp": "enabled"}


class LabConfigError(ValueError):
    pass


@dataclass
class NodeSpec:
    name: str
    address: str
    labels: Dict[str, str]
    pod_cidrs: List[str] = field(default_factory=list)
    router_id: str = ""
    # the lab's BGP neighbours of this node: address -> {"asn": int, "families": [...], "received": {...}}
    neighbours: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    srv6_locator: str = ""
    ipv6_prefixes: List[str] = field(default_factory=list)
    vrfs: Dict[str, Dict[str, Any]] = field(default_factory=dict)


@dataclass
class ClusterSpec:
    name: str
    flavour: str
    cilium_version: str
    nodes: List[NodeSpec]
    services: List[Dict[str, Any]]
    pods: List[Dict[str, Any]]

    def crd_files(self) -> List[str]:
        """The Cilium CRDs a cluster of this version installs (vendored, verbatim upstream)."""
        major_minor = tuple(int(p) for p in (self.cilium_version.split(".") + ["0", "0"])[:2])
        if major_minor < (1, 18):
            folder = os.path.join(CRD_DIR, "v1.16", "v2alpha1")
            return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".yaml"))
        out = [os.path.join(CRD_DIR, "v1.20.0-dev", "v2", f)
               for f in sorted(os.listdir(os.path.join(CRD_DIR, "v1.20.0-dev", "v2")))]
        if major_minor < (1, 19):
            out.append(os.path.join(CRD_DIR, "v1.18.0-dev", "v2alpha1", "ciliumbgppeeringpolicies.yaml"))
        return out


def _load(path: str, what: str) -> Dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
    except OSError as exc:
        raise LabConfigError("cannot read the %s %s: %s" % (what, path, exc.strerror))
    except yaml.YAMLError as exc:
        raise LabConfigError("the %s %s is not valid YAML: %s" % (what, path, str(exc).splitlines()[0]))
    if not isinstance(data, dict):
        raise LabConfigError("the %s %s must hold a mapping" % (what, path))
    return data


def _fam(name: str) -> str:
    return {"ipv4-unicast": "ipv4/unicast", "ipv6-unicast": "ipv6/unicast",
            "vpnv4-unicast": "ipv4/mpls_vpn"}.get(name, name)


def load_clusters(inventory: str = DEFAULT_INVENTORY, workloads: Optional[str] = DEFAULT_WORKLOADS) -> List[ClusterSpec]:
    tenancy = _load(inventory, "tenant inventory").get("tenancy") or {}
    given = _load(workloads, "lab workloads file") if workloads and os.path.exists(workloads) else {}
    lab = world(tenancy, given) if isinstance(tenancy, dict) else given
    lab_clusters = {c.get("name"): c for c in lab.get("clusters") or [] if isinstance(c, dict)}
    out = []
    for n, cluster in enumerate(tenancy.get("clusters") or []):
        if not isinstance(cluster, dict) or not cluster.get("name"):
            raise LabConfigError("%s: tenancy.clusters[%d] needs a name" % (inventory, n))
        name = cluster["name"]
        extra = lab_clusters.get(name) or {}
        lab_nodes = {nd.get("name"): nd for nd in extra.get("nodes") or [] if isinstance(nd, dict)}
        nodes = []
        for node in cluster.get("nodes") or []:
            real = lab_nodes.get(node["name"]) or {}
            neighbours = {}
            for peer in real.get("peers") or []:
                neighbours[str(peer["address"])] = {
                    "asn": int(peer["asn"]), "families": [_fam(f) for f in peer.get("families") or ["ipv4-unicast"]],
                    "received": dict(peer.get("received") or {})}
            vrfs = {v["name"]: v for v in real.get("vrfs") or []}
            nodes.append(NodeSpec(
                name=node["name"], address=str(real.get("address") or node["address"]),
                labels=dict(real.get("labels") or DEFAULT_NODE_LABELS),
                pod_cidrs=[str(c) for c in real.get("pod_cidrs") or node.get("pod_cidrs") or []],
                router_id=str(real.get("router_id") or ""), neighbours=neighbours,
                srv6_locator=str(real.get("srv6_locator") or node.get("srv6_locator") or ""),
                ipv6_prefixes=[str(p) for p in real.get("ipv6_prefixes") or []], vrfs=vrfs))
        out.append(ClusterSpec(name=name, flavour=str(cluster.get("flavour", "oss")),
                               cilium_version=str(cluster.get("cilium_version", "1.16.0")), nodes=nodes,
                               services=list(extra.get("services") or []),
                               pods=list(extra.get("pods") or [])))
    if not out:
        raise LabConfigError("%s defines no clusters (tenancy.clusters)" % inventory)
    return out


# ------------------------------------------------------------------ seeding the store


def seed_objects(spec: ClusterSpec, kubelet_version: str = "v1.32.4") -> List[Dict[str, Any]]:
    """Namespaces, Nodes, Services and Pods of the lab cluster, as kube objects."""
    objs: List[Dict[str, Any]] = []
    namespaces = sorted({s.get("namespace", "default") for s in spec.services} |
                        {p.get("namespace", "default") for p in spec.pods})
    for ns in namespaces:
        objs.append({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}})
    for node in spec.nodes:
        addr_type = "InternalIP"
        objs.append({"apiVersion": "v1", "kind": "Node",
                     "metadata": {"name": node.name, "labels": dict(node.labels, **{
                         "kubernetes.io/hostname": node.name, "kubernetes.io/os": "linux"})},
                     "spec": {"podCIDR": node.pod_cidrs[0], "podCIDRs": list(node.pod_cidrs)} if node.pod_cidrs else {},
                     "status": {"addresses": [{"type": addr_type, "address": node.address},
                                              {"type": "Hostname", "address": node.name}],
                                "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady"}],
                                "nodeInfo": {"kubeletVersion": kubelet_version, "kubeProxyVersion": kubelet_version,
                                             "architecture": "amd64", "operatingSystem": "linux",
                                             "osImage": "Ubuntu 22.04 LTS (kubevrf lab twin)",
                                             "kernelVersion": "6.1.0", "containerRuntimeVersion": "containerd://1.7.0",
                                             "machineID": node.name, "systemUUID": node.name,
                                             "bootID": node.name}}})
    for svc in spec.services:
        port = int(svc.get("port") or (443 if svc["name"] == "kubernetes" else 80))
        ports = [{"port": port, "protocol": "TCP", "targetPort": port}]
        if svc.get("type") in ("NodePort", "LoadBalancer"):
            ports[0]["nodePort"] = 30000 + sum(map(ord, svc["name"])) % 2767
        body: Dict[str, Any] = {"type": svc.get("type", "ClusterIP"), "ports": ports,
                                "selector": {"app": svc["name"]}}
        if svc.get("cluster_ip"):
            body["clusterIP"] = str(svc["cluster_ip"])
            body["clusterIPs"] = [str(svc["cluster_ip"])]
        if svc.get("external_ips"):
            body["externalIPs"] = [str(a) for a in svc["external_ips"]]
        meta: Dict[str, Any] = {"name": svc["name"], "namespace": svc.get("namespace", "default")}
        if svc.get("labels"):
            meta["labels"] = {str(k): str(v) for k, v in svc["labels"].items()}
        if svc.get("load_balancer_ip"):
            # the address the lab wants; LB-IPAM assigns it only if a pool selecting the service holds it
            meta.setdefault("annotations", {})["lbipam.cilium.io/ips"] = str(svc["load_balancer_ip"])
        objs.append({"apiVersion": "v1", "kind": "Service", "metadata": meta, "spec": body})
    for pod in spec.pods:
        objs.append({"apiVersion": "v1", "kind": "Pod",
                     "metadata": {"name": pod["name"], "namespace": pod.get("namespace", "default"),
                                  "labels": dict(pod.get("labels") or {})},
                     "spec": {"nodeName": pod.get("node") or (spec.nodes[0].name if spec.nodes else ""),
                              "containers": [{"name": pod["name"], "image": pod.get("image", "nginx")}]},
                     "status": {"phase": "Running", "podIP": str(pod["ip"]), "podIPs": [{"ip": str(pod["ip"])}],
                                "containerStatuses": [{"name": pod["name"], "ready": True, "restartCount": 0}]}})
    return objs
