# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab's world for any tenant inventory: devices, nodes' BGP neighbours, Services and pods.

``world(tenancy, workloads)`` returns a complete lab workloads document (the
format of ``inventories/lab.workloads.yml``) for exactly the leaves, PEs,
clusters, nodes and tenants the inventory names:

- a device twin per leaf (NX-OS) and PE (IOS-XR), with a generated baseline
  (hostname, loopbacks, ``router bgp``) and the fabric prefixes the tenants
  say the rest of the fabric has in their VRFs;
- per node, the lab's BGP neighbours: the devices of its cluster's bgp_peers
  that select it (``nodes``, or ``node_selector`` against the node's labels;
  every node when neither is given), at the address the cluster peers them,
  in the device's AS; per node its labels (the cluster's node_selector's and
  its own), so that the cluster's per-rack configs select it as Cilium would;
- per EVPN tenant and LB pool, one LoadBalancer Service labelled to match the
  tenant's ``service_selector`` and asking for the pool's first address;
- per SRv6 tenant and node, one pod in a namespace and with labels its
  selectors match, addressed from its first pod CIDR, and the node's VRF.

Entries of a given workloads file win (devices and clusters by name, a
cluster's nodes by name); anything it does not name is generated. The lab
reads the raw inventory, not the collection's model: it stands for the world,
which does not share the collection's derivations.

    python -m lab.inventory_world --inventory tenancy.yml [--workloads inventories/lab.workloads.yml] --out DIR

writes ``DIR/workloads.yml`` and the generated baselines ``DIR/baseline/<device>.cfg``.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from typing import Any, Dict, List, Optional, Tuple

import yaml

from lab.kube.selectors import selector_matches

CLUSTER_IP_BASE = ipaddress.IPv4Network("10.96.0.0/12")


class InventoryWorldError(ValueError):
    pass


def _first_host(net_text: str) -> Optional[str]:
    try:
        net = ipaddress.ip_network(str(net_text), strict=False)
    except ValueError:
        return None
    if net.num_addresses <= 2:
        return str(net.network_address)
    return str(net.network_address + 1)


def pool_first_address(pool: Dict[str, Any]) -> Optional[str]:
    """The address a lab Service asks of a pool: the first host of its CIDR, or its start."""
    if pool.get("cidr"):
        return _first_host(pool["cidr"])
    return str(pool["start"]) if pool.get("start") else None


def labels_for(selector: Optional[Dict[str, Any]]) -> Dict[str, str]:
    """Labels a label selector matches (matchLabels as they are; In: the first value; Exists: "lab")."""
    labels: Dict[str, str] = {str(k): str(v) for k, v in ((selector or {}).get("matchLabels") or {}).items()}
    for expr in (selector or {}).get("matchExpressions") or []:
        key, op, values = str(expr.get("key")), expr.get("operator"), [str(v) for v in expr.get("values") or []]
        if op == "In" and values and key not in labels:
            labels[key] = values[0]
        elif op == "Exists" and key not in labels:
            labels[key] = "lab"
        elif op == "NotIn" and labels.get(key) in values:
            labels[key] = "lab-" + "-".join(values)
    return labels


def asn_number(value: Any) -> int:
    """An ASN as the inventory writes it (integer, asplain or asdot "X.Y" string) as an integer; 0 when unreadable
    (the collection's validation names a bad ASN; the lab only needs a number)."""
    text = str(value).strip() if value is not None and not isinstance(value, bool) else ""
    high, dot, low = text.partition(".")
    if dot and high.isdigit() and low.isdigit():
        return (int(high) << 16) | int(low)
    return int(text) if text.isdigit() else 0


def asn_text(asn: int, notation: str) -> str:
    """How a device's running config spells its AS: asdot X.Y for a 4-byte ASN when the fabric asks for it
    (NX-OS and IOS-XR keep the spelling they were given; a 2-byte ASN is the same in both)."""
    return "%d.%d" % (asn >> 16, asn & 0xFFFF) if notation == "asdot" and asn > 0xFFFF else str(asn)


def _device_asn(tenancy: Dict[str, Any]) -> Dict[str, int]:
    fabric = asn_number((tenancy.get("fabric") or {}).get("asn"))
    return {str(d["name"]): asn_number(d.get("asn", fabric)) for d in (tenancy.get("leaves") or []) + (tenancy.get("pes") or [])}


def leaf_baseline(leaf: Dict[str, Any], asn: Any, index: int) -> str:
    rid = str(leaf.get("router_id") or "10.70.0.%d" % (11 + index))
    vtep = "10.77.0.%d" % (111 + index)
    return "\n".join([
        "hostname %s" % leaf["name"], "feature bgp", "feature interface-vlan", "feature vn-segment-vlan-based",
        "feature nv overlay", "nv overlay evpn", "interface nve1", "  host-reachability protocol bgp",
        "  source-interface loopback1", "interface loopback0", "  description Routing loopback",
        "  ip address %s/32" % rid, "interface loopback1", "  description VTEP loopback", "  ip address %s/32" % vtep,
        "router bgp %s" % asn, "  router-id %s" % rid, "  log-neighbor-changes", "  address-family l2vpn evpn",
        "    advertise-pip", ""])


def pe_baseline(pe: Dict[str, Any], nodes: List[str]) -> str:
    lines = ["hostname %s" % pe["name"], "interface %s" % (pe.get("update_source") or "Loopback0")]
    if pe.get("router_id"):
        lines.append(" ipv4 address %s 255.255.255.255" % pe["router_id"])
    if pe.get("source_address"):
        lines.append(" ipv6 address %s/128" % pe["source_address"])
    lines.append("!")
    # without an update-source, the sessions run over a link in the nodes' subnets
    if not pe.get("update_source"):
        for n, addr in enumerate(sorted(set(nodes))):
            ip = ipaddress.ip_address(addr)
            net = ipaddress.ip_network("%s/%d" % (ip, 64 if ip.version == 6 else 24), strict=False)
            own = next(h for h in (net.network_address + 0x40, net.network_address + 0x41) if h != ip)
            family, mask = ("ipv6", "/64") if ip.version == 6 else ("ipv4", " 255.255.255.0")
            lines += ["interface GigabitEthernet0/0/0/%d" % n, " %s address %s%s" % (family, own, mask), "!"]
    return "\n".join(lines) + "\n"


def _peers_of_cluster(cluster: Dict[str, Any]) -> List[Dict[str, Any]]:
    return [p for p in cluster.get("bgp_peers") or [] if isinstance(p, dict) and p.get("device") and p.get("address")]


def node_labels(cluster: Dict[str, Any], node: Dict[str, Any]) -> Dict[str, str]:
    """The labels a node of the lab carries: what the cluster's node_selector asks for, then its own."""
    labels = labels_for(cluster.get("node_selector"))
    labels.update({str(k): str(v) for k, v in (node.get("labels") or {}).items()})
    return labels


def peers_of_node(cluster: Dict[str, Any], node: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The bgp_peers entries whose session this node opens: the peer's ``nodes`` names it, or its
    ``node_selector`` matches the node's own labels; a peer with neither is every node's (a rack's
    nodes peer only their rack's leaves)."""
    out = []
    for peer in _peers_of_cluster(cluster):
        if "nodes" in peer:
            chosen = str(node.get("name")) in [str(n) for n in peer.get("nodes") or []]
        elif isinstance(peer.get("node_selector"), dict):
            chosen = selector_matches(peer["node_selector"], {str(k): str(v) for k, v in (node.get("labels") or {}).items()})
        else:
            chosen = True
        if chosen:
            out.append(peer)
    return out


def _families(flavour: str, device_os: str) -> List[str]:
    if flavour == "isovalent" and device_os == "iosxr":
        return ["ipv6-unicast", "vpnv4-unicast"]
    return ["ipv4-unicast"]


def generated(tenancy: Dict[str, Any]) -> Dict[str, Any]:
    """The lab world an inventory implies, before any workloads file."""
    asn_of = _device_asn(tenancy)
    notation = str((tenancy.get("fabric") or {}).get("asn_notation") or "asplain")
    os_of = {str(d["name"]): "nxos" for d in tenancy.get("leaves") or []}
    os_of.update({str(d["name"]): "iosxr" for d in tenancy.get("pes") or []})
    clusters = [c for c in tenancy.get("clusters") or [] if isinstance(c, dict) and c.get("name")]
    evpn = [t for t in tenancy.get("tenants") or [] if t.get("mode") == "evpn_community"]
    srv6 = [t for t in tenancy.get("tenants") or [] if t.get("mode") == "srv6_l3vpn"]
    leaf_names = [str(d["name"]) for d in tenancy.get("leaves") or []]

    devices: List[Dict[str, Any]] = []
    for n, leaf in enumerate(tenancy.get("leaves") or []):
        fabric: Dict[str, List[str]] = {}
        steered = [t for t in evpn if leaf["name"] in (t.get("leaves") if "leaves" in t else leaf_names)]
        for t in steered:
            if t.get("fabric_prefixes"):
                fabric[str(t["vrf"]["name"])] = [str(p) for p in t["fabric_prefixes"]]
        devices.append({"name": str(leaf["name"]), "os": "nxos",
                        "baseline_text": leaf_baseline(leaf, asn_text(asn_of[str(leaf["name"])], notation), n), "fabric_prefixes": fabric})
    for pe in tenancy.get("pes") or []:
        nodes = [str(nd["address"]) for c in clusters for nd in c.get("nodes") or []
                 if any(p["device"] == pe["name"] for p in peers_of_node(c, nd))]
        devices.append({"name": str(pe["name"]), "os": "iosxr", "baseline_text": pe_baseline(pe, nodes)})

    out_clusters = []
    svc_index = 0
    for cluster in clusters:
        flavour = str(cluster.get("flavour", "oss"))
        my_srv6 = [t for t in srv6 if t.get("cluster") == cluster["name"]]
        nodes = []
        for node in cluster.get("nodes") or []:
            peers = [{"address": str(p["address"]),
                      "asn": asn_number(p["asn"]) if "asn" in p else asn_of.get(str(p["device"]), 0),
                      "families": _families(flavour, os_of.get(str(p["device"]), "nxos"))}
                     for p in peers_of_node(cluster, node) if str(p["device"]) in os_of]
            entry: Dict[str, Any] = {"name": str(node["name"]), "address": str(node["address"]),
                                     "labels": node_labels(cluster, node),
                                     "asn": asn_number(cluster.get("asn")), "peers": peers,
                                     "pod_cidrs": [str(c) for c in node.get("pod_cidrs") or []]}
            if node.get("srv6_locator"):
                entry["srv6_locator"] = str(node["srv6_locator"])
            if my_srv6:
                entry["vrfs"] = [{"name": str(t["vrf"]["name"]), "pod_cidrs": [str(c) for c in t.get("pod_cidrs") or []],
                                  "origin": "incomplete"} for t in my_srv6]
            nodes.append(entry)
        services = []
        for t in evpn:
            if t.get("cluster") != cluster["name"]:
                continue
            for pool in t.get("lb_pools") or []:
                lb_ip = pool_first_address(pool)
                if lb_ip is None:
                    continue
                svc_index += 1
                cluster_ip = CLUSTER_IP_BASE.network_address + 0x10000 + svc_index
                services.append({"name": ("%s-%s" % (t["name"], pool["name"])).lower()[:63], "namespace": "default",
                                 "type": "LoadBalancer", "cluster_ip": str(cluster_ip), "load_balancer_ip": lb_ip,
                                 "labels": labels_for(t.get("service_selector"))})
        pods = []
        for t in my_srv6:
            try:
                cidr = ipaddress.ip_network(str((t.get("pod_cidrs") or [""])[0]), strict=False)
            except ValueError:
                continue
            ns_labels = labels_for(t.get("namespace_selector"))
            namespace = ns_labels.get("kubernetes.io/metadata.name") or str(t["name"]).lower()
            # a pod on every node, so that every node announces the VRF's pod CIDR
            for n, node in enumerate(cluster.get("nodes") or []):
                if n + 1 >= cidr.num_addresses:
                    break
                pods.append({"name": ("%s-pod-%d" % (t["name"], n)).lower()[:63], "namespace": namespace,
                             "ip": str(cidr.network_address + 1 + n), "labels": labels_for(t.get("pod_selector")),
                             "node": str(node["name"])})
        out_clusters.append({"name": str(cluster["name"]), "flavour": flavour, "nodes": nodes,
                             "services": services, "pods": pods})
    return {"devices": devices, "clusters": out_clusters}


def _by_name(items: Any) -> Dict[str, Dict[str, Any]]:
    return {str(i["name"]): i for i in items or [] if isinstance(i, dict) and i.get("name") is not None}


def world(tenancy: Dict[str, Any], workloads: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """The generated world overlaid with a workloads file: its devices and clusters win by name,
    a cluster's nodes by name (key by key); what the inventory does not name is dropped."""
    gen = generated(tenancy)
    given = workloads or {}
    given_devices = _by_name(given.get("devices"))
    devices = [dict(d, **given_devices.get(d["name"], {})) for d in gen["devices"]]
    for d in devices:
        if "baseline" in given_devices.get(d["name"], {}):
            d.pop("baseline_text", None)  # the file's own baseline
    given_clusters = _by_name(given.get("clusters"))
    clusters = []
    for c in gen["clusters"]:
        mine = given_clusters.get(c["name"], {})
        merged = dict(c, **{k: v for k, v in mine.items() if k != "nodes"})
        given_nodes = _by_name(mine.get("nodes"))
        merged["nodes"] = [dict(n, **given_nodes.get(n["name"], {})) for n in c["nodes"]]
        clusters.append(merged)
    return {"devices": devices, "clusters": clusters}


def _load_yaml(path: str, what: str) -> Dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
    except OSError as exc:
        raise InventoryWorldError("cannot read the %s %s: %s" % (what, path, exc.strerror))
    except yaml.YAMLError as exc:
        raise InventoryWorldError("the %s %s is not valid YAML: %s" % (what, path, str(exc).splitlines()[0]))
    if not isinstance(data, dict):
        raise InventoryWorldError("the %s %s must hold a mapping" % (what, path))
    return data


def write(tenancy_path: str, workloads_path: Optional[str], out_dir: str) -> Tuple[str, Dict[str, Any], bool]:
    """Write DIR/workloads.yml (baselines as files under DIR/baseline); returns its path, its content and
    whether it changed (an unchanged world is not rewritten)."""
    tenancy = _load_yaml(tenancy_path, "tenant inventory").get("tenancy")
    if not isinstance(tenancy, dict):
        raise InventoryWorldError("%s: no tenancy mapping at the top level" % tenancy_path)
    given = _load_yaml(workloads_path, "lab workloads file") if workloads_path else None
    doc = world(tenancy, given)
    base_dir = os.path.join(out_dir, "baseline")
    os.makedirs(base_dir, exist_ok=True)
    for dev in doc["devices"]:
        text = dev.pop("baseline_text", None)
        if text is not None:
            path = os.path.join(base_dir, "%s.cfg" % dev["name"])
            old = None
            if os.path.exists(path):
                with open(path, encoding="utf-8") as handle:
                    old = handle.read()
            if old != text:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
            dev["baseline"] = os.path.abspath(path)  # absolute: the twins join it to their root unchanged
    path = os.path.join(out_dir, "workloads.yml")
    text = "---\n# Written by `python -m lab.inventory_world` from %s%s; do not edit.\n%s" % (
        tenancy_path, (" and " + workloads_path) if workloads_path else "",
        yaml.safe_dump(doc, sort_keys=False, default_flow_style=False))
    try:
        with open(path, encoding="utf-8") as handle:
            if handle.read() == text:
                return path, doc, False
    except OSError:
        pass
    with open(path + ".tmp", "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(path + ".tmp", path)
    return path, doc, True


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m lab.inventory_world", description=__doc__.split("\n\n", maxsplit=1)[0])
    ap.add_argument("--inventory", required=True, help="a YAML file with the tenancy mapping at its top level")
    ap.add_argument("--workloads", help="a lab workloads file whose entries win over the generated ones")
    ap.add_argument("--out", required=True, help="directory for workloads.yml and baseline/")
    args = ap.parse_args(argv)
    try:
        path, doc, changed = write(args.inventory, args.workloads, args.out)
    except InventoryWorldError as exc:
        print("lab: %s" % exc, file=sys.stderr)
        return 2
    print("lab world %s: %d device(s), %d cluster(s) in %s"
          % ("written" if changed else "unchanged", len(doc["devices"]), len(doc["clusters"]), path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
