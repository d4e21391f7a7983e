# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tenant filter (tenancy_tenants): a survey's string or a list, every name checked against the inventory,
and a validation verdict that counts the selected tenants' findings without ever hiding one that concerns them."""

import itertools
import json
import os

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from ansible.errors import AnsibleFilterError

from ansible_collections.kubevrf.tenancy.plugins.filter.tenancy_vars import FilterModule
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import scope, snapshot, validation, verify
from ansible_collections.kubevrf.tenancy.plugins.plugin_utils.opsvars import OpsVarError, tenant_filter

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SNAPSHOTS = os.path.join(ROOT, "tests", "fixtures", "snapshots")
KNOWN = ["tenant1", "tenant2", "blue"]  # the lab inventory's tenants, in its order


@pytest.fixture(scope="module")
def lab():
    with open(os.path.join(ROOT, "inventories", "lab", "group_vars", "all", "tenancy.yml"), encoding="utf-8") as fh:
        return yaml.safe_load(fh)["tenancy"]


@pytest.mark.parametrize("value, expected", [
    (None, []),
    ("", []),
    (" \n ", []),
    ([], []),
    ("blue", ["blue"]),
    ("blue\ntenant1", ["tenant1", "blue"]),          # a textarea answer, in the inventory's order
    ("blue, tenant1,\n tenant2 ", KNOWN),
    ("tenant1\ntenant1", ["tenant1"]),                # once
    (["blue", "tenant2"], ["tenant2", "blue"]),
    ('["blue"]', ["blue"]),                           # a JSON list (-e, a multiselect passed on as text)
])
def test_tenant_filter_reads_lists_and_survey_strings(value, expected):
    assert tenant_filter(value, KNOWN) == expected


@pytest.mark.parametrize("value, fragment", [
    ("tenant3", "'tenant3' is not a tenant of the inventory (tenancy.tenants[].name: tenant1, tenant2, blue)"),
    ("blue\nTenant1", "'Tenant1' is not a tenant"),                     # case matters, as in the inventory
    ("tenant1 tenant2", "'tenant1 tenant2' is not a tenant"),           # one line with a blank: not split, not guessed
    ("x, blue, y", "'x', 'y' are not tenants"),
    ([1], "1 is not a tenant name"),
    (["blue", ""], "'' is not a tenant name"),
    ("{a: 1}", "is a mapping"),
    (42, "expected a list"),
])
def test_tenant_filter_rejects_unknown_names_naming_them(value, fragment):
    with pytest.raises(OpsVarError) as err:
        tenant_filter(value, KNOWN)
    assert str(err.value).startswith("tenancy_tenants: ") and fragment in str(err.value), str(err.value)


@settings(max_examples=80, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(KNOWN), max_size=6), st.sampled_from([", ", "\n", ",", " ,\n"]))
def test_any_spelling_of_a_selection_gives_the_same_list(names, sep):
    expected = [t for t in KNOWN if t in names]
    assert tenant_filter(names, KNOWN) == expected
    assert tenant_filter(sep.join(names), KNOWN) == expected
    assert tenant_filter(json.dumps(names), KNOWN) == expected


@settings(max_examples=80, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(KNOWN), max_size=3), st.from_regex(r"[A-Za-z0-9_.-]{1,10}", fullmatch=True))
def test_an_unknown_name_is_never_dropped(names, extra):
    # every draw: one name not in the inventory among known ones fails, and the message names it
    candidate = names + [extra] if extra not in KNOWN else names + [extra + "-x"]
    with pytest.raises(OpsVarError) as err:
        tenant_filter("\n".join(candidate), KNOWN)
    assert repr(candidate[-1]) in str(err.value)


def test_the_filter_plugin_reads_the_inventory_and_fails_as_ansible_does(lab):
    plugin = FilterModule().filters()["tenant_filter"]
    assert plugin("blue\ntenant1", {"tenants": lab["tenants"]}) == ["tenant1", "blue"]
    with pytest.raises(AnsibleFilterError, match=r"tenancy_tenants: 'red' is not a tenant of the inventory"):
        plugin("red", {"tenants": lab["tenants"]})


# --- the verdict under the filter, on the shipped mutations of the seed snapshot -------------------------------

# mutation -> the filters whose verdict must fail (every other selection of tenants passes)
MUST_FAIL = {
    # tenant2's prefix in tenant1's VRF: concerns both tenants
    "leak_30_in_tenant1": {"tenant1", "tenant2"},
    # tenant1's prefix with a wrong community in the transit VRF (no tenant's VRF): tenant1 only
    "community_wrong_20": {"tenant1"},
    # a BGP session down names no tenant: every selection fails
    "session_down": {"tenant1", "tenant2", "blue"},
    "xr_global_leak": {"blue"},
    "sid_outside_locator": {"blue"},
}


def _selections():
    return [list(c) for n in range(1, len(KNOWN) + 1) for c in itertools.combinations(KNOWN, n)]


@pytest.mark.parametrize("mutation", sorted(MUST_FAIL))
def test_the_verdict_counts_what_concerns_the_selected_tenants(lab, tmp_path, mutation):
    snap = snapshot.load(os.path.join(SNAPSHOTS, mutation))
    whole = validation.run(lab, snap, str(tmp_path / "all"))
    assert whole["passed"] is False
    owners = scope.vrf_owners(lab)
    for selected in _selections():  # every selection, through the split the run uses
        inside, outside = scope.split(whole["verification"].findings, selected, owners)
        assert sorted(inside + outside, key=lambda f: f.sort_key()) == sorted(whole["verification"].findings, key=lambda f: f.sort_key())
        errors_inside = [f for f in inside if f.severity == "error"]
        assert (not errors_inside) is (not set(selected) & MUST_FAIL[mutation]), (mutation, selected, errors_inside)
        assert all(f.tenant is not None and f.tenant not in selected and owners.get(f.vrf or "") not in selected
                   for f in outside)
    for selected in [[t] for t in KNOWN]:  # and the whole run, reports included, for each single tenant
        dest = tmp_path / selected[0]
        run = validation.run(lab, snap, str(dest), tenants=selected)
        expected = selected[0] not in MUST_FAIL[mutation]
        assert run["passed"] is expected, (mutation, selected, run["summary"])
        data = json.loads((dest / "validation.json").read_text(encoding="utf-8"))
        # the reports still list every finding; the verdict and the filter are recorded beside them
        assert data["findings"] == whole["findings"]
        assert data["result"] == ("pass" if expected else "fail")
        assert data["tenant_filter"]["tenants"] == selected
        if expected:  # a pass over a failing snapshot lists what it left out
            assert [f for f in data["tenant_filter"]["outside"] if f["severity"] == "error"]
        head = run["summary"].splitlines()
        assert head[0].startswith("isolation validation %s" % ("PASSED" if expected else "FAILED"))
        assert head[1].startswith("tenant filter: %s;" % ", ".join(selected))
        assert (dest / "validation.md").read_text(encoding="utf-8").startswith(
            "# Tenant isolation validation: %s\n\ntenant filter: %s;" % ("PASS" if expected else "FAIL", selected[0]))


def test_the_whole_selection_and_no_filter_agree(lab, tmp_path):
    for mutation in ["seed"] + sorted(MUST_FAIL):
        snap = snapshot.load(os.path.join(SNAPSHOTS, mutation))
        plain_run = validation.run(lab, snap, str(tmp_path / mutation / "plain"))
        every = validation.run(lab, snap, str(tmp_path / mutation / "every"), tenants=list(KNOWN))
        assert every["passed"] is plain_run["passed"], mutation
        assert "tenant_filter" not in json.loads((tmp_path / mutation / "plain" / "validation.json").read_text())


FINDING = st.builds(
    lambda tenant, vrf, severity: verify.Finding(id="prefix-leak", severity=severity, device="d", message="m",
                                                 expected="e", seen="s", vrf=vrf, tenant=tenant),
    st.sampled_from([None] + KNOWN), st.sampled_from([None, "default", "Tenant-K8s", "Tenant1-Pods", "Tenant2-Pods", "blue"]),
    st.sampled_from(["error", "warning"]))


@settings(max_examples=200, derandomize=True, deadline=None)
@given(FINDING, st.lists(st.sampled_from(KNOWN), min_size=1, unique=True), st.sampled_from(KNOWN))
def test_nothing_about_a_selected_tenant_is_ever_outside_the_filter(finding, selected, more):
    owners = {"Tenant1-Pods": "tenant1", "Tenant2-Pods": "tenant2", "blue": "blue"}
    concerns_selected = finding.tenant is None or finding.tenant in selected or owners.get(finding.vrf or "") in selected
    assert scope.in_scope(finding, selected, owners) is concerns_selected
    # a wider selection never counts less; no selection counts everything
    if scope.in_scope(finding, selected, owners):
        assert scope.in_scope(finding, sorted(set(selected) | {more}), owners)
    assert scope.in_scope(finding, [], owners)
