# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter exposing the show-output parsers of the pure core."""

from __future__ import annotations

DOCUMENTATION = r"""
name: tenancy_parsers
short_description: Parse NX-OS, IOS-XR, Cilium and Kubernetes show output into plain data
version_added: "0.1.0"
author: kubevrf.tenancy contributors
description:
  - Runs the parser registered for O(command) on the captured output and returns plain dicts and lists.
  - Prompts, IOS-XR timestamp lines, C(--More--) remnants, CRLF line ends and terminal wrapping are handled.
  - Output the parser does not understand fails the task with the command id, the line number and the line.
  - With O(platform), O(command) is the command as typed (C(sh ip ro vrf all), C(show bgp l2vpn evpn summary),
    C(cilium-dbg bgp peers -o json)) and the tolerant parsers of C(parse_cli) are used; the result then carries
    C(status) (ok, partial, empty, cli-error), C(kind) and C(unparsed) (lines not understood, with their numbers).
  - "Command ids: C(nxos.bgp_vrf_summary), C(nxos.bgp_vrf_summary_json), C(nxos.bgp_evpn_vrf), C(nxos.bgp_evpn_vrf_json),
    C(nxos.bgp_evpn_prefix), C(nxos.bgp_evpn_prefix_json), C(nxos.running_config), C(nxos.community_list),
    C(nxos.extcommunity_list), C(iosxr.bgp_ipv6_unicast_summary), C(iosxr.bgp_vpnv4_unicast_summary),
    C(iosxr.bgp_vpnv4_received_sids), C(iosxr.bgp_vpnv4_local_sids), C(iosxr.bgp_vpnv4_vrf), C(iosxr.route_ipv4),
    C(iosxr.route_ipv6), C(iosxr.run_interface), C(cilium.bgp_peers), C(cilium.bgp_peers_json), C(cilium.bgp_routes),
    C(cilium.bgp_routes_json), C(kube.sidmanager), C(kube.services), C(kube.services_table), C(kube.lb_pools)."
options:
  _input:
    description:
      - The command output as one string, or its lines as a list of strings.
      - For the C(_json) and C(kube.*) ids an already decoded dict or list is accepted too.
    type: raw
    required: true
  command:
    description: The command id naming the parser to use, or with O(platform) the command as typed.
    type: str
    required: true
  platform:
    description: nxos, iosxr, cilium or kubernetes; selects the typed-command mode.
    type: str
    required: false
"""

EXAMPLES = r"""
- name: Parse a leaf's BGP summary
  ansible.builtin.set_fact:
    summary: "{{ leaf_output | kubevrf.tenancy.tenancy_parsers('nxos.bgp_vrf_summary') }}"

- name: Any release's output, the command as typed
  ansible.builtin.set_fact:
    routes: "{{ xr_output | kubevrf.tenancy.tenancy_parsers('sh route vrf all', platform='iosxr') }}"

- name: Established neighbours of the transit VRF
  ansible.builtin.debug:
    msg: "{{ summary.vrfs[0].neighbors | selectattr('state', 'equalto', 'Established') | map(attribute='neighbor') }}"
"""

RETURN = r"""
_value:
  description:
    - The parsed output. Its shape depends on O(command) and is documented in the
      module docstrings of C(plugins/module_utils/tenancy/parse/).
  type: dict
"""

from typing import Any, Dict, Optional

from ansible.errors import AnsibleFilterError

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError, parse, parse_cli


def tenancy_parsers(output: Any, command: str, platform: Optional[str] = None) -> Dict[str, Any]:
    """Parse *output* with the parser registered for *command* (or, with *platform*, the command as typed)."""
    if isinstance(output, (list, tuple)) and all(isinstance(x, str) for x in output):
        output = "\n".join(output)
    elif isinstance(output, str):
        output = str(output)  # drop Ansible's unsafe-text wrapper
    try:
        if platform:
            return parse_cli(str(platform), str(command), output)
        return parse(str(command), output)
    except ParseError as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule(object):
    def filters(self) -> Dict[str, Any]:
        return {"tenancy_parsers": tenancy_parsers}
