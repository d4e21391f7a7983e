# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NX-OS twin's ``| json`` and text answers give the same facts, in every state the property draws.

For each drawn leaf state (sessions down, route-maps that leak or filter, route targets replaced or added, the
clock moved) every command the verifier plans on the leaf that has a JSON form is asked twice, as text and as
``<command> | json``; parse_cli must give the same shared shape (kind, keys, values) for both. Then the whole
verification of the lab inventory gives the same verdicts and findings when the leaf's captures are JSON as when
they are text. Commands without a JSON form answer as the switch does: the invalid-command marker.
"""

import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from test_lab_fidelity import LEAF_BGP, push, seed_leaf_lines
from twin_support import ROOT, T0

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model, verify
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.expect import expectations
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli
from lab.twins.cli import build_devices

with open(os.path.join(ROOT, "inventories", "lab", "group_vars", "all", "tenancy.yml"), encoding="utf-8") as _fh:
    TENANCY = yaml.safe_load(_fh)["tenancy"]
EXP = expectations(model.plan(TENANCY))
LEAF_CAPS = [c for c in EXP.captures if c.device == "Leaf01"]
JSON_CAPS = [c for c in LEAF_CAPS if c.json_command]

# Changes a user or a fault makes on the leaf, each a list of configuration lines (entered from config mode).
MUTATIONS = {
    "session-multihop-off": ["router bgp 65000", "vrf Tenant-K8s", "neighbor 192.168.16.35", "no ebgp-multihop"],
    "session-wrong-as": ["router bgp 65000", "vrf Tenant-K8s", "neighbor 192.168.16.35", "remote-as 64999"],
    "export-matches-all": ["route-map K8-Export-Others permit 10", "no match community Tenant1-Pods-BGP-Community"],
    "rt-additive": ["route-map K8-Export-Others permit 10", "set extcommunity rt 65000:100302 additive"],
    "community-list-wrong": ["ip community-list standard Tenant1-Pods-BGP-Community seq 10 permit 64512:399"],
    "import-denied": ["vrf context Tenant1-Pods", "address-family ipv4 unicast", "import map DenyAll evpn",
                      "route-map DenyAll deny 10"],
    "no-advertise-vpn": ["vrf context Tenant1-Pods", "address-family ipv4 unicast", "no import vrf advertise-vpn"],
}


def leaf_in_state(names, clock_offset):
    clock = [T0]
    devices = {d.name: d for d in build_devices(ROOT, manifests=os.path.join(ROOT, "build", "no-such-manifests-dir"),
                                                clock=lambda: clock[0])}
    s = devices["Leaf01"].session()
    push(s, seed_leaf_lines() + [ln.strip() for ln in LEAF_BGP.splitlines()])
    s.handle("end")
    for name in names:
        s.handle("configure terminal")
        for line in MUTATIONS[name]:
            s.handle(line)
        s.handle("end")
    clock[0] += clock_offset
    return s


STATES = st.tuples(st.lists(st.sampled_from(sorted(MUTATIONS)), unique=True, max_size=4),
                   st.sampled_from([0, 59, 3600 + 61, 86400 * 9 + 7]))
PROPS = settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def test_the_verifier_plans_json_forms_on_the_leaf():
    kinds = {c.kind for c in JSON_CAPS}
    assert kinds == {"nxos.bgp_vrf_summary", "nxos.bgp_evpn_vrf", "nxos.bgp_evpn_prefix"}, kinds
    assert all(c.json_command == c.command + " | json" for c in JSON_CAPS)


@PROPS
@given(STATES)
def test_json_and_text_answers_give_the_same_shape(state):
    names, offset = state
    s = leaf_in_state(names, offset)
    extra = ["show bgp vrf Tenant1-Pods ipv4 unicast", "show bgp vrf Tenant-K8s ipv4 unicast"]
    for command in [c.command for c in JSON_CAPS] + extra:
        text, js = s.handle(command), s.handle(command + " | json")
        as_text = parse_cli("nxos", command, text)
        as_json = parse_cli("nxos", command + " | json", js)
        assert as_text["status"] == "ok" and as_json == as_text, (names, command)
        # the planned key holds the JSON answer live: read under the text command it is the same shape again
        assert parse_cli("nxos", command, js) == as_text


@PROPS
@given(STATES)
def test_a_json_capture_gives_the_same_verdicts_as_its_text_twin(state):
    names, offset = state
    s = leaf_in_state(names, offset)
    text = {c: s.handle(c.command) for c in LEAF_CAPS}
    js = dict(text)
    js.update({c: s.handle(c.json_command) for c in JSON_CAPS})
    assert all(js[c].lstrip().startswith("{") for c in JSON_CAPS)
    by_text = verify.verify(EXP, text.get)
    by_json = verify.verify(EXP, js.get)
    assert [(r.assertion.id, r.status, r.seen, r.findings) for r in by_json.results] == \
        [(r.assertion.id, r.status, r.seen, r.findings) for r in by_text.results]
    assert by_json.findings == by_text.findings and by_json.captures == by_text.captures
    read = dict(by_json.read_as)
    assert {c for c in LEAF_CAPS if read[c] == "json"} == set(JSON_CAPS)


def test_the_mutations_change_the_verdicts():
    """The property above compares something: the drawn states do fail checks the seed state passes."""
    seed = verify.verify(EXP, {c: leaf_in_state([], 0).handle(c.command) for c in LEAF_CAPS}.get)
    s = leaf_in_state(["export-matches-all", "session-multihop-off"], 0)
    bad = verify.verify(EXP, {c: s.handle(c.command) for c in LEAF_CAPS}.get)
    assert {f.id for f in bad.errors} - {f.id for f in seed.errors} >= {"session-down"}


@pytest.mark.parametrize("command", ["show ip community-list", "show ip extcommunity-list",
                                     'show running-config | section "vrf context Tenant-K8s"'])
def test_a_command_without_a_json_form_in_the_twin_is_refused_with_the_marker(command):
    """The planned commands the role never asks as JSON: the twin answers "| json" on them with NX-OS's
    invalid-command marker, and that answer read under the planned command is a CLI error, never a table."""
    s = leaf_in_state([], 0)
    out = s.handle(command + " | json")
    assert out.splitlines()[-1] == "% Invalid command at '^' marker.", out
    assert parse_cli("nxos", command, out)["status"] == "cli-error"
