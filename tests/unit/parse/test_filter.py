# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tenancy_parsers filter: registry lookup, list input, errors as AnsibleFilterError."""

import pytest

from cases import load_fixture

pytest.importorskip("ansible")

from ansible.errors import AnsibleFilterError  # noqa: E402

from ansible_collections.kubevrf.tenancy.plugins.filter.tenancy_parsers import FilterModule  # noqa: E402


def test_filter_parses_text_and_lines():
    f = FilterModule().filters()["tenancy_parsers"]
    text = load_fixture("seed/nxos_community_list.txt")
    assert f(text, "nxos.community_list") == f(text.split("\n"), "nxos.community_list")
    assert f(text, "nxos.community_list")["lists"][0]["name"] == "Tenant1-Pods-BGP-Community"


def test_filter_errors_name_command_and_line():
    f = FilterModule().filters()["tenancy_parsers"]
    with pytest.raises(AnsibleFilterError, match=r"nxos.community_list: unrecognised line at line 1"):
        f("bogus", "nxos.community_list")
    with pytest.raises(AnsibleFilterError, match="unknown command id"):
        f("x", "nope")


def test_filter_with_platform_uses_the_typed_command():
    from ansible_collections.kubevrf.tenancy.plugins.filter.tenancy_parsers import tenancy_parsers
    out = tenancy_parsers(["VRF: red", "B    10.1.0.0/24 [200/0] via 10.9.9.9, 1w5d"], "sh ro vrf all", platform="iosxr")
    assert out["status"] == "ok" and out["routes"][0]["vrf"] == "red"


def test_cli_parse_engine_returns_parsed_or_errors():
    from ansible_collections.kubevrf.tenancy.plugins.sub_plugins.cli_parser.tenancy_parser import CliParser
    text = "Name  ID  Algo  Prefix  Status  Flags\nLL  1  128  fc00:c001:1001::/48  Up  U\n"
    args = {"text": text, "parser": {"name": "kubevrf.tenancy.tenancy", "command": "show segment-routing srv6 locator"}}
    res = CliParser(task_args=args, task_vars={"ansible_network_os": "cisco.iosxr.iosxr"}, debug=None).parse()
    assert res["parsed"]["locators"][0]["prefix"] == "fc00:c001:1001::/48"
    bad = CliParser(task_args={"text": "x", "parser": {"command": "show clock", "os": "nxos"}}, task_vars={}, debug=None).parse()
    assert bad["errors"] and "no parser" in bad["errors"][0]
