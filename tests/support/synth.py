# -*- coding: utf-8 -*-
"""Synthetic, always-valid tenant inventories of any size.

Used by the property tests (hypothesis draws the sizes and the seed) and by
the benchmark (1,000 tenants, 100 leaves, 10 clusters). The same arguments
always give the same inventory.
"""

from __future__ import annotations

import ipaddress
import random
from typing import Any, Dict, List


def synth_inventory(tenants: int = 10, leaves: int = 4, clusters: int = 2, pes: int = 2, seed: int = 0,
                    srv6_share: float = 0.3) -> Dict[str, Any]:
    """A valid ``tenancy`` dict. Clusters alternate oss / isovalent when PEs exist."""
    rng = random.Random(seed)
    leaf_list = [{
        "name": "Leaf%03d" % i,
        "router_id": "10.70.%d.%d" % (i // 250, i % 250 + 1),
        "transit_vrf": {"name": "Tenant-K8s", "l3vni": 100301,
                        "loopback": {"interface": "loopback11", "address": "192.168.%d.%d/32" % (i // 250, i % 250 + 1)}},
    } for i in range(leaves)]
    pe_list = [{
        "name": "PE%02d" % i,
        "router_id": "192.168.40.%d" % (i + 1),
        "update_source": "Loopback0",
        "source_address": "2016:40:40:%x::40" % (i + 1),
        "srv6_locator": {"name": "PE%02d" % i, "prefix": "cafe:cafe:%x::/48" % (0x100 + i)},
    } for i in range(pes)]
    cluster_list: List[Dict[str, Any]] = []
    oss, iso = [], []
    for c in range(clusters):
        isovalent = bool(pe_list) and (c % 2 == 1 or not leaves)
        name = "k8s-%02d" % c
        nodes = []
        for n in range(2):
            node: Dict[str, Any] = {"name": "%s-node%d" % (name, n), "pod_cidrs": ["10.%d.%d.0/24" % (100 + c, n)]}
            if isovalent:
                node["address"] = "2016:23:%x::%x" % (c + 1, n + 1)
                node["srv6_locator"] = "cafe:cafe:%x::/48" % (0x2000 + c * 16 + n)
            else:
                node["address"] = "172.%d.%d.%d" % (16 + c % 16, c // 16, n + 10)
            nodes.append(node)
        if isovalent:
            peers = [{"device": pe_list[(c // 2 + k) % len(pe_list)]["name"],
                      "address": pe_list[(c // 2 + k) % len(pe_list)]["source_address"]} for k in range(min(2, len(pe_list)))]
        else:
            span = max(1, leaves // max(1, clusters))
            start = (c * span) % max(1, leaves)
            peers = [{"device": leaf_list[(start + k) % leaves]["name"],
                      "address": leaf_list[(start + k) % leaves]["transit_vrf"]["loopback"]["address"].split("/")[0],
                      "ebgp_multihop": 2} for k in range(min(span, leaves))] if leaves else []
        cluster: Dict[str, Any] = {
            "name": name, "flavour": "isovalent" if isovalent else "oss",
            "cilium_version": rng.choice(["1.16.15", "1.17.6", "1.18.2"]),
            "asn": 65000 if isovalent else 64512 + c, "node_selector": {"matchLabels": {"bgp": "enabled"}},
            "bgp_peers": peers, "nodes": nodes,
        }
        if isovalent:
            cluster["srv6"] = {"locator_pool": {"name": "pool-%s" % name, "prefix": "cafe:cafe::/32", "locator_len_bits": 48,
                                                "behavior_type": "uSID"}}
            iso.append(name)
        elif peers:
            oss.append(name)
        cluster_list.append(cluster)
    tenant_list: List[Dict[str, Any]] = []
    pool_base = int(ipaddress.IPv4Address("100.64.0.0"))
    for t in range(tenants):
        srv6 = bool(iso) and (not oss or rng.random() < srv6_share)
        name = "tenant%04d" % t
        if srv6:
            tenant_list.append({
                "name": name, "mode": "srv6_l3vpn", "cluster": iso[t % len(iso)],
                "vrf": {"name": "V%04d" % t, "id": t + 1}, "rd": "65000:%d" % (t + 1),
                "import_rts": ["65000:%d" % (20000 + t)], "export_rts": ["65000:%d" % (20000 + t)],
                "namespace_selector": {"matchLabels": {"kubernetes.io/metadata.name": name}},
                "pod_selector": {"matchLabels": {"vrf": name}},
                "pod_cidrs": ["10.%d.%d.0/24" % (200 + t // 256, t % 256)],
            })
        else:
            tenant_list.append({
                "name": name, "mode": "evpn_community", "cluster": oss[t % len(oss)],
                "community": "64512:%d" % (t + 1), "vrf": {"name": "T%04d-Pods" % t, "l3vni": 200000 + t},
                "lb_pools": [{"name": "pool-%s" % name, "cidr": str(ipaddress.IPv4Network((pool_base + 256 * t, 24)))}],
                "service_selector": {"matchExpressions": [{"key": "tenant", "operator": "In", "values": [name]}]},
                "service_addresses": ["LoadBalancerIP"],
                "import_tags": [rng.randrange(1, 50000)] if rng.random() < 0.2 else [],
            })
    return {"fabric": {"asn": 65000}, "leaves": leaf_list, "pes": pe_list, "clusters": cluster_list, "tenants": tenant_list}
