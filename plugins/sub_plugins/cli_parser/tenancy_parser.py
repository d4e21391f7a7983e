# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""kubevrf.tenancy parser engine for ansible.utils.cli_parse."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = """
    author: kubevrf.tenancy contributors
    name: tenancy
    short_description: Parse NX-OS, IOS-XR and Cilium BGP/VRF/SRv6 show output with the kubevrf.tenancy parsers
    description:
    - Engine for M(ansible.utils.cli_parse) selected with I(parser.name=kubevrf.tenancy.tenancy).
    - The parser is chosen from the command as typed (abbreviations such as C(sh bgp l2vpn evpn) work) and the platform
      (I(parser.os), else the host's C(ansible_network_os); one of nxos, iosxr, cilium, kubernetes).
    - Returns the parsed data with C(status) (ok, partial, empty, cli-error), C(kind) and C(unparsed), the lines not understood.
    version_added: 0.2.0
"""

EXAMPLES = r"""
- name: Run a command on the leaf and parse it
  ansible.utils.cli_parse:
    command: show bgp vrf all ipv4 unicast summary
    parser:
      name: kubevrf.tenancy.tenancy
  register: summary

- name: Parse saved Cilium output
  ansible.utils.cli_parse:
    text: "{{ lookup('ansible.builtin.file', 'peers.txt') }}"
    parser:
      name: kubevrf.tenancy.tenancy
      command: cilium bgp peers
      os: cilium
  register: peers
"""

from ansible.module_utils._text import to_native

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError, parse_cli

try:
    from ansible_collections.ansible.utils.plugins.plugin_utils.base.cli_parser import CliParserBase
except ImportError:  # pragma: no cover - ansible.utils missing: the engine cannot be loaded by cli_parse anyway
    class CliParserBase(object):  # type: ignore[no-redef]
        def __init__(self, task_args, task_vars, debug):
            self._task_args = task_args
            self._task_vars = task_vars
            self._debug = debug


class CliParser(CliParserBase):
    """Dispatch to parse_cli by platform and command."""

    DEFAULT_TEMPLATE_EXTENSION = None
    PROVIDE_TEMPLATE_CONTENTS = False

    def parse(self, *_args, **_kwargs):
        parser = self._task_args.get("parser") or {}
        command = parser.get("command") or self._task_args.get("command")
        platform = parser.get("os") or str((self._task_vars or {}).get("ansible_network_os") or "").rsplit(".", maxsplit=1)[-1]
        if not command:
            return {"errors": ["parser.command (or command) is required to choose a kubevrf.tenancy parser"]}
        if not platform:
            return {"errors": ["parser.os is required (nxos, iosxr, cilium or kubernetes) when ansible_network_os is not set"]}
        try:
            return {"parsed": parse_cli(platform, command, self._task_args.get("text") or "")}
        except ParseError as exc:
            return {"errors": [to_native(exc)]}
