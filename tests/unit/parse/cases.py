# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixture -> command id table shared by the tests and the golden-file generator."""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
GOLDEN = os.path.join(HERE, "golden")

CASES = [
    ("seed/nxos_bgp_vrf_summary_tenant_k8s.txt", "nxos.bgp_vrf_summary"),
    ("device/nxos_bgp_vrf_summary_tenant_k8s.txt", "nxos.bgp_vrf_summary"),
    ("device/nxos_bgp_summary_vrf_public.txt", "nxos.bgp_vrf_summary"),
    ("device/nxos_bgp_vrf_summary_tenant_k8s.json", "nxos.bgp_vrf_summary_json"),
    ("seed/nxos_bgp_evpn_vrf_tenant_k8s.txt", "nxos.bgp_evpn_vrf"),
    ("seed/nxos_bgp_evpn_vrf_tenant1_pods.txt", "nxos.bgp_evpn_vrf"),
    ("device/nxos_bgp_evpn_vrf_tenant_k8s.txt", "nxos.bgp_evpn_vrf"),
    ("device/nxos_bgp_evpn_vrf_tenant1_pods.json", "nxos.bgp_evpn_vrf_json"),
    ("seed/nxos_bgp_evpn_prefix_20_grep.txt", "nxos.bgp_evpn_prefix"),
    ("seed/nxos_bgp_evpn_prefix_30_grep.txt", "nxos.bgp_evpn_prefix"),
    ("device/nxos_bgp_evpn_prefix_20_detail.txt", "nxos.bgp_evpn_prefix"),
    ("device/nxos_bgp_evpn_prefix_20.json", "nxos.bgp_evpn_prefix_json"),
    ("seed/nxos_run_vrf_tenant_k8s.txt", "nxos.running_config"),
    ("seed/nxos_run_vrf_tenant1_pods.txt", "nxos.running_config"),
    ("seed/nxos_run_rmap_k8_export_others.txt", "nxos.running_config"),
    ("seed/nxos_run_rmap_community_import.txt", "nxos.running_config"),
    ("device/nxos_running_config.txt", "nxos.running_config"),
    ("seed/nxos_community_list.txt", "nxos.community_list"),
    ("device/nxos_community_list_public.txt", "nxos.community_list"),
    ("seed/nxos_extcommunity_list.txt", "nxos.extcommunity_list"),
    ("seed/xr_bgp_ipv6_unicast_summary.txt", "iosxr.bgp_ipv6_unicast_summary"),
    ("seed/xr_bgp_vpnv4_unicast_summary.txt", "iosxr.bgp_vpnv4_unicast_summary"),
    ("device/xr_bgp_summary_public.txt", "iosxr.bgp_ipv6_unicast_summary"),
    ("seed/xr_bgp_vpnv4_received_sids.txt", "iosxr.bgp_vpnv4_received_sids"),
    ("device/xr_bgp_vpnv4_received_sids.txt", "iosxr.bgp_vpnv4_received_sids"),
    ("seed/xr_bgp_vpnv4_local_sids.txt", "iosxr.bgp_vpnv4_local_sids"),
    ("seed/xr_bgp_vpnv4_vrf_blue.txt", "iosxr.bgp_vpnv4_vrf"),
    ("device/xr_bgp_vpnv4_vrf_blue.txt", "iosxr.bgp_vpnv4_vrf"),
    ("seed/xr_route_ipv4.txt", "iosxr.route_ipv4"),
    ("device/xr_route_ipv4_public.txt", "iosxr.route_ipv4"),
    ("seed/xr_route_ipv6.txt", "iosxr.route_ipv6"),
    ("device/xr_route_ipv6.txt", "iosxr.route_ipv6"),
    ("seed/xr_run_interface_lo10.txt", "iosxr.run_interface"),
    ("device/xr_run_interface_public.txt", "iosxr.run_interface"),
    ("seed/cilium_bgp_peers_oss.txt", "cilium.bgp_peers"),
    ("seed/cilium_bgp_peers_srv6.txt", "cilium.bgp_peers"),
    ("device/cilium_bgp_peers.txt", "cilium.bgp_peers"),
    ("device/cilium_bgp_peers.json", "cilium.bgp_peers_json"),
    ("seed/cilium_bgp_routes_oss.txt", "cilium.bgp_routes"),
    ("device/cilium_bgp_routes_advertised.txt", "cilium.bgp_routes"),
    ("device/cilium_bgp_routes.json", "cilium.bgp_routes_json"),
    ("seed/kube_sidmanager_grep.txt", "kube.sidmanager"),
    ("device/kube_sidmanager.yaml", "kube.sidmanager"),
    ("device/kube_services.json", "kube.services"),
    ("seed/kube_get_service.txt", "kube.services_table"),
    ("seed/kube_ippool_pod1_cidr.txt", "kube.lb_pools"),
    ("device/kube_lb_pools.json", "kube.lb_pools"),
]


def load_fixture(rel):
    """Fixture text without its leading '# ' citation comment (CRLF kept)."""
    with open(os.path.join(FIXTURES, rel), "rb") as fh:
        text = fh.read().decode("utf-8")
    lines = text.split("\n")
    while lines and lines[0].startswith("# "):
        lines.pop(0)
    return "\n".join(lines)


def golden_path(rel):
    return os.path.join(GOLDEN, rel.replace("/", "__") + ".json")


def dump(obj):
    return json.dumps(obj, indent=1, sort_keys=True) + "\n"
