# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Regenerate tests/fixtures/snapshots/seed from the seed blog text.

Each capture is a verbatim line range of the seed (prompt line included);
run from the repository root:  python tests/unit/verify/make_seed_snapshot.py [SEED_TXT]
(default: the repository's copy, tests/data/seed/cilium-nexus-tenancy-blog.txt)
"""

import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
OUT = os.path.join(ROOT, "tests", "fixtures", "snapshots", "seed")

# (device, file, first line, last line) in the seed, 1-based inclusive.
RANGES = [
    ("Leaf01", "show_bgp_vrf_Tenant-K8s_ipv4_unicast_summary.txt", 10, 21),
    ("Leaf01", "show_bgp_l2vpn_evpn_vrf_Tenant-K8s.txt", 85, 106),
    ("Leaf01", "show_bgp_l2vpn_evpn_20.0.10.1_vrf_Tenant-K8s.txt", 108, 109),
    ("Leaf01", "show_bgp_l2vpn_evpn_30.0.10.1_vrf_Tenant-K8s.txt", 110, 111),
    ("Leaf01", "show_running-config_section_vrf_context_Tenant-K8s.txt", 113, 122),
    ("Leaf01", "show_running-config_section_vrf_context_Tenant1-Pods.txt", 123, 131),
    ("Leaf01", "show_running-config_section_route-map_K8-Export-Others.txt", 132, 135),
    ("Leaf01", "show_running-config_section_route-map_CommunityImport.txt", 136, 143),
    ("Leaf01", "show_ip_community-list.txt", 144, 146),
    ("Leaf01", "show_ip_extcommunity-list.txt", 147, 149),
    ("Leaf01", "show_bgp_l2vpn_evpn_vrf_Tenant1-Pods.txt", 151, 168),
    ("k8s-oss", "cilium_bgp_peers.txt", 23, 25),
    ("k8s-oss", "cilium_bgp_routes.txt", 76, 83),
    ("k8s-isovalent", "cilium_bgp_peers.txt", 173, 176),
    ("k8s-isovalent", "kubectl_get_sidmanager_-o_yaml.txt", 213, 214),
    ("XRV", "show_bgp_ipv6_unicast_summary.txt", 179, 184),
    ("XRV", "show_bgp_vpnv4_unicast_summary.txt", 186, 189),
    ("XRV", "show_route_ipv6.txt", 191, 211),
    ("XRV", "show_bgp_vpnv4_unicast_received-sids.txt", 225, 234),
    ("XRV", "show_bgp_vpnv4_unicast_vrf_blue.txt", 240, 250),
    ("XRV", "show_route_ipv4.txt", 252, 255),
    ("XRV", "show_bgp_vpnv4_unicast_local-sids.txt", 274, 283),
]


def main(seed: str) -> None:
    lines = open(seed, encoding="utf-8").read().split("\n")
    index = {}
    for device, name, first, last in RANGES:
        os.makedirs(os.path.join(OUT, device), exist_ok=True)
        chunk = lines[first - 1:last]
        with open(os.path.join(OUT, device, name), "w", encoding="utf-8") as fh:
            fh.write("\n".join(chunk) + "\n")
        prompt = chunk[0]
        ran = prompt.split("#", 1)[1] if "#" in prompt else prompt.split("$ ", 1)[1]
        index.setdefault(device, {})[name] = "%s  (seed lines %d-%d)" % (ran.strip(), first, last)
    meta = {
        "format": 1,
        "description": "Outputs shown in the seed (shared/seed/cilium-nexus-tenancy-blog.txt), verbatim. "
                       "Commands the seed does not show are absent on purpose: validation reports them as "
                       "not-captured warnings.",
        "captures": index,
    }
    with open(os.path.join(OUT, "snapshot.yml"), "w", encoding="utf-8") as fh:
        yaml.safe_dump(meta, fh, default_flow_style=False, sort_keys=True, width=120)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "data", "seed", "cilium-nexus-tenancy-blog.txt"))
