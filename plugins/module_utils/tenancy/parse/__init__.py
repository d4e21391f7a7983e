# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Show-output parsers: pure functions ``text -> dict`` of plain values.

Two ways in:

``parse_cli(platform, command, text)``  the public entry point: the command as a
    person types it (abbreviations accepted), tolerant of any release's layout,
    returns what it understood plus the lines it did not (``unparsed``) and a
    ``status`` (ok / partial / empty / cli-error). See :mod:`.cli`.
``parse(command_id, text)``  the strict parsers by stable command id
    (``PARSERS``), kept for the filter without ``platform=`` and users' code;
    they raise :class:`ParseError` naming the line they do not understand.
    ``parse_partial`` runs the same parser but skips such lines (bounded) and
    reports them in ``unparsed``. ``nxos.bgp_evpn_prefix`` (text) is
    ``parse_cli``'s ``bgp_detail`` shape, held to the same strictness: its
    twin was retired. The verifier uses ``parse_cli`` only.

Only :class:`ParseError` (a ``ValueError``) escapes either.
"""

from __future__ import annotations

from typing import Any, Callable, Dict

from ..gcpause import paused_gc
from . import cilium, iosxr, kube, nxos
from .cli import parse_cli
from .errors import ParseError
from .partial import factual_unparsed, retry_without_bad_lines


def parse_nxos_bgp_evpn_detail(text: str) -> Dict[str, Any]:
    """``show bgp l2vpn evpn <prefix> vrf <vrf>`` (detail, or its ``| grep Community`` lines): the ``bgp_detail``
    shape of :func:`parse_cli`, strict as the other ids: the first line it did not understand is a ParseError,
    an error answer (``% Invalid command``) too."""
    res = parse_cli("nxos", "show bgp l2vpn evpn detail", text)
    if res["status"] == "cli-error":
        raise ParseError(nxos.CMD_EVPN_PREFIX, "the device answered with an error: %s" % res["message"])
    if res["unparsed"]:
        first = res["unparsed"][0]
        raise ParseError(nxos.CMD_EVPN_PREFIX, str(first.get("reason") or "unrecognised line"), first.get("line"), first.get("text"))
    return res


PARSERS: Dict[str, Callable[[str], Dict[str, Any]]] = {
    nxos.CMD_SUMMARY: nxos.parse_nxos_bgp_summary,
    nxos.CMD_SUMMARY_JSON: nxos.parse_nxos_bgp_summary_json,
    nxos.CMD_EVPN_VRF: nxos.parse_nxos_bgp_evpn_vrf,
    nxos.CMD_EVPN_VRF_JSON: nxos.parse_nxos_bgp_evpn_vrf_json,
    nxos.CMD_EVPN_PREFIX: parse_nxos_bgp_evpn_detail,
    nxos.CMD_EVPN_PREFIX_JSON: nxos.parse_nxos_bgp_evpn_prefix_json,
    nxos.CMD_RUNNING: nxos.parse_nxos_running_config,
    nxos.CMD_COMMLIST: nxos.parse_nxos_community_list,
    nxos.CMD_EXTCOMMLIST: nxos.parse_nxos_extcommunity_list,
    iosxr.CMD_BGP_IPV6_SUMMARY: iosxr.parse_iosxr_bgp_ipv6_unicast_summary,
    iosxr.CMD_BGP_VPNV4_SUMMARY: iosxr.parse_iosxr_bgp_vpnv4_unicast_summary,
    iosxr.CMD_RECEIVED_SIDS: iosxr.parse_iosxr_bgp_received_sids,
    iosxr.CMD_LOCAL_SIDS: iosxr.parse_iosxr_bgp_local_sids,
    iosxr.CMD_VPNV4_VRF: iosxr.parse_iosxr_bgp_vpnv4_vrf,
    iosxr.CMD_ROUTE_IPV4: iosxr.parse_iosxr_route_ipv4,
    iosxr.CMD_ROUTE_IPV6: iosxr.parse_iosxr_route_ipv6,
    iosxr.CMD_RUN_INTERFACE: iosxr.parse_iosxr_run_interface,
    cilium.CMD_PEERS: cilium.parse_cilium_bgp_peers,
    cilium.CMD_PEERS_JSON: cilium.parse_cilium_bgp_peers_json,
    cilium.CMD_ROUTES: cilium.parse_cilium_bgp_routes,
    cilium.CMD_ROUTES_JSON: cilium.parse_cilium_bgp_routes_json,
    kube.CMD_SIDMANAGER: kube.parse_kube_sidmanager,
    kube.CMD_SERVICES: kube.parse_kube_services,
    kube.CMD_SERVICES_TABLE: kube.parse_kube_services_table,
    kube.CMD_LB_POOLS: kube.parse_kube_lb_pools,
}


def parse(command_id: str, text: str) -> Dict[str, Any]:
    """Parse *text* with the parser registered for *command_id*."""
    try:
        fn = PARSERS[command_id]
    except KeyError:
        raise ParseError(command_id, "unknown command id; known: %s" % ", ".join(sorted(PARSERS)))
    with paused_gc():  # see parse_cli: a large capture is many small cycle-free objects
        return fn(text)


def parse_partial(command_id: str, text: str) -> Dict[str, Any]:
    """Like :func:`parse`, but a line the parser rejects is skipped and listed in ``unparsed`` (bounded retries)."""
    try:
        fn = PARSERS[command_id]
    except KeyError:
        raise ParseError(command_id, "unknown command id; known: %s" % ", ".join(sorted(PARSERS)))
    with paused_gc():
        return retry_without_bad_lines(fn, text)


__all__ = ["PARSERS", "ParseError", "factual_unparsed", "parse", "parse_cli", "parse_partial"]
