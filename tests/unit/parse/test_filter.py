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
