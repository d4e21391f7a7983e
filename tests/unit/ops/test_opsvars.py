# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""as_list / as_bool / kube_target: survey and -e strings parsed or rejected, never iterated by character."""

import json

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from ansible.errors import AnsibleFilterError

from ansible_collections.kubevrf.tenancy.plugins.filter.tenancy_vars import FilterModule
from ansible_collections.kubevrf.tenancy.plugins.plugin_utils.opsvars import (
    OpsVarError, as_bool, as_list, kube_target)

WORD = st.from_regex(r"[A-Za-z0-9_.*-]{1,12}", fullmatch=True)


@pytest.mark.parametrize("value, expected", [
    (None, []),
    ("", []),
    ("   ", []),
    ([], []),
    (["Tenant1-Pods"], ["Tenant1-Pods"]),
    (("a", "b"), ["a", "b"]),
    ("mgmt", ["mgmt"]),
    ("mgmt-A, lab-.*", ["mgmt-A", "lab-.*"]),
    ("a,,b,", ["a", "b"]),
    ("a\nb, c", ["a", "b", "c"]),
    ('["a", "b"]', ["a", "b"]),
    ("[a, b]", ["a", "b"]),
    ("[]", []),
])
def test_as_list_reads_lists_and_strings(value, expected):
    assert as_list(value, "tenancy_unmanaged") == expected


@pytest.mark.parametrize("value, fragment", [
    ("[a, b", "not a list"),
    ("{a: 1}", "is a mapping"),
    ({"a": 1}, "got dict"),
    (42, "got int"),
    (True, "got bool"),
])
def test_as_list_rejects_with_the_variable_and_value(value, fragment):
    with pytest.raises(OpsVarError) as err:
        as_list(value, "tenancy_unmanaged")
    assert str(err.value).startswith("tenancy_unmanaged: ")
    assert fragment in str(err.value)


@settings(max_examples=100, derandomize=True, deadline=None)
@given(st.lists(WORD, max_size=6))
def test_as_list_round_trips_every_string_form(words):
    # whatever the form a survey or -e uses, the words come back whole, never as characters
    assert as_list(words, "v") == words
    assert as_list(", ".join(words), "v") == words
    assert as_list("\n".join(words), "v") == words
    assert as_list(json.dumps(words), "v") == words
    assert as_list(yaml.safe_dump(words, default_flow_style=True).strip(), "v") == words


@pytest.mark.parametrize("value, expected", [
    (True, True), (False, False), (1, True), (0, False),
    ("true", True), ("True", True), (" yes ", True), ("on", True), ("1", True), ("Y", True),
    ("false", False), ("FALSE", False), ("no", False), ("off", False), ("0", False), ("", False),
])
def test_as_bool_reads_the_usual_words(value, expected):
    assert as_bool(value, "tenancy_prune") is expected


@pytest.mark.parametrize("value", ["maybe", "ture", "2", 2, None, [], ["true"], {"a": 1}, 0.5])
def test_as_bool_rejects_anything_else(value):
    with pytest.raises(OpsVarError) as err:
        as_bool(value, "tenancy_prune")
    assert str(err.value).startswith("tenancy_prune: ") and "not a boolean" in str(err.value)


def test_filters_raise_ansible_errors_naming_the_variable():
    filters = FilterModule().filters()
    assert filters["as_list"]("a, b", "x") == ["a", "b"]
    assert filters["as_bool"]("yes", "x") is True
    with pytest.raises(AnsibleFilterError, match="tenancy_prune: 'maybe'"):
        filters["as_bool"]("maybe", "tenancy_prune")
    with pytest.raises(AnsibleFilterError, match="tenancy_unmanaged"):
        filters["as_list"]({"a": 1}, "tenancy_unmanaged")


KUBECONFIG = {
    "apiVersion": "v1", "kind": "Config", "current-context": "oss",
    "clusters": [{"name": "c-oss", "cluster": {"server": "https://10.0.0.1:6443/"}},
                 {"name": "c-iso", "cluster": {"server": "https://10.0.0.2:6443"}},
                 {"name": "c-bad", "cluster": {}}],
    "contexts": [{"name": "oss", "context": {"cluster": "c-oss", "user": "u"}},
                 {"name": "iso", "context": {"cluster": "c-iso", "user": "u"}},
                 {"name": "bad", "context": {"cluster": "c-bad", "user": "u"}}],
    "users": [{"name": "u", "user": {"token": "SECRET-TOKEN"}}],
}


@pytest.fixture
def kubeconfig(tmp_path):
    path = tmp_path / "kubeconfig"
    path.write_text(yaml.safe_dump(KUBECONFIG))
    return str(path)


def test_kube_target_resolves_context_and_server(kubeconfig):
    assert kube_target(kubeconfig, "iso", {}) == {"path": kubeconfig, "context": "iso", "cluster": "c-iso",
                                                  "server": "https://10.0.0.2:6443", "error": ""}
    current = kube_target(kubeconfig, "", {})
    assert (current["context"], current["server"], current["error"]) == ("oss", "https://10.0.0.1:6443", "")
    assert "SECRET-TOKEN" not in json.dumps(current)


def test_kube_target_ambient_follows_the_environment(kubeconfig):
    env = {"K8S_AUTH_KUBECONFIG": kubeconfig, "K8S_AUTH_CONTEXT": "iso"}
    assert kube_target("", "", env)["server"] == "https://10.0.0.2:6443"
    assert kube_target(None, None, {"KUBECONFIG": kubeconfig + ":/nonexistent"})["context"] == "oss"


@pytest.mark.parametrize("context, fragment", [("nope", "has no context 'nope' (contexts: oss, iso, bad)"),
                                               ("bad", "gives no server")])
def test_kube_target_reports_problems(kubeconfig, context, fragment):
    out = kube_target(kubeconfig, context, {})
    assert fragment in out["error"] and out["server"] == ""


def test_kube_target_reports_a_missing_file(tmp_path):
    out = kube_target(str(tmp_path / "absent"), "x", {})
    assert out["error"].startswith("cannot read the kubeconfig %s" % (tmp_path / "absent"))


def test_drift_filter_reads_unmanaged_given_as_a_string():
    # a survey answer "Tenant1-Pods" must protect that VRF, not the letters T, e, n, ...
    from ansible_collections.kubevrf.tenancy.plugins.filter.tenancy_push import tenancy_drift
    running = "vrf context Tenant1-Pods\n  vni 100302\nvrf context T\n  vni 1\n"
    as_string = tenancy_drift(running, "", "nxos", "Tenant1-Pods")
    as_list_ = tenancy_drift(running, "", "nxos", ["Tenant1-Pods"])
    assert as_string == as_list_
    assert not any("Tenant1-Pods" in line for line in as_string["lines"])
    assert any("vrf context T" in line for line in as_string["lines"])
    with pytest.raises(AnsibleFilterError, match="tenancy_unmanaged"):
        tenancy_drift(running, "", "nxos", {"Tenant1-Pods": True})
