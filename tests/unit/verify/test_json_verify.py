# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A capture stored as NX-OS ``| json`` is verified exactly like its text twin; an error answer proves nothing;
and the reports and the snapshot say which form was read.

The JSON documents are the seed's outputs in the NX-API layout (tests/unit/parse/fixtures/device, sources cited
there); the text ones are the seed's own captures (tests/fixtures/snapshots/seed).
"""

import json
import os

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model, report, snapshot, verify
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.expect import expectations

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
DEVICE = os.path.join(ROOT, "tests", "unit", "parse", "fixtures", "device")
with open(os.path.join(ROOT, "inventories", "lab", "group_vars", "all", "tenancy.yml"), encoding="utf-8") as _fh:
    EXP = expectations(model.plan(yaml.safe_load(_fh)["tenancy"]))
SNAP = snapshot.load(os.path.join(ROOT, "tests", "fixtures", "snapshots", "seed"))


def device_json(name):
    """A fixture document without its leading comment lines (the source note)."""
    with open(os.path.join(DEVICE, name), encoding="utf-8") as fh:
        return "".join(ln for ln in fh if not ln.startswith("#"))


JSON_OF = {
    "show bgp vrf Tenant-K8s ipv4 unicast summary": device_json("nxos_bgp_vrf_summary_tenant_k8s.json"),
    "show bgp l2vpn evpn vrf Tenant1-Pods": device_json("nxos_bgp_evpn_vrf_tenant1_pods.json"),
    "show bgp l2vpn evpn 20.0.10.1 vrf Tenant-K8s": device_json("nxos_bgp_evpn_prefix_20.json"),
}
CAPS = {c.command: c for c in EXP.captures if c.device == "Leaf01" and c.command in JSON_OF}


def with_json(*commands):
    chosen = {CAPS[c]: JSON_OF[c] for c in commands}
    return lambda cap: chosen.get(cap, SNAP.lookup(cap))


def _verdicts(ver):
    return {r.assertion.id: (r.status, sorted(f.id for f in r.findings)) for r in ver.results}


def test_the_seed_documents_are_planned_captures_with_a_json_form():
    assert set(CAPS) == set(JSON_OF) and all(c.json_command == c.command + " | json" for c in CAPS.values())


@pytest.mark.parametrize("command", sorted(JSON_OF))
def test_a_json_capture_gives_the_text_twins_verdicts_and_findings(command):
    by_text = verify.verify(EXP, SNAP.lookup)
    by_json = verify.verify(EXP, with_json(command))
    users = [r.assertion.id for r in by_json.results if r.assertion.capture == CAPS[command]]
    assert users  # the capture decides assertions: the comparison is not vacuous
    assert _verdicts(by_json) == _verdicts(by_text)
    assert [f.id for f in by_json.findings] == [f.id for f in by_text.findings]
    assert dict(by_json.captures)[CAPS[command]] == "ok"
    assert dict(by_json.read_as)[CAPS[command]] == "json" and dict(by_text.read_as)[CAPS[command]] == "text"


def test_all_three_as_json_pass_what_the_text_passes():
    by_json = verify.verify(EXP, with_json(*JSON_OF))
    passed = [i for i, (s, _f) in _verdicts(by_json).items() if s == "pass"]
    assert passed and _verdicts(by_json) == _verdicts(verify.verify(EXP, SNAP.lookup))


def test_a_leak_shown_in_json_fails_as_in_text():
    """Tenant-K8s' 30.0.10.1 imported into Tenant1-Pods: a prefix-leak, whichever form shows it."""
    doc = json.loads(JSON_OF["show bgp l2vpn evpn vrf Tenant1-Pods"])
    rd = doc["TABLE_vrf"]["ROW_vrf"]["TABLE_afi"]["ROW_afi"]["TABLE_safi"]["ROW_safi"]["TABLE_rd"]["ROW_rd"]
    rows = rd["TABLE_prefix"]["ROW_prefix"]
    rows = rows if isinstance(rows, list) else [rows]
    leak = json.loads(json.dumps(rows[-1]).replace(rows[-1]["nonipprefix"].split("[")[-1].split("]")[0], "30.0.10.1"))
    rd["TABLE_prefix"]["ROW_prefix"] = rows + [leak]
    cap = CAPS["show bgp l2vpn evpn vrf Tenant1-Pods"]
    ver = verify.verify(EXP, lambda c: json.dumps(doc) if c == cap else SNAP.lookup(c))
    leaks = [f for f in ver.findings if f.id == "prefix-leak"]
    assert leaks and all(f.command == cap.command and f.prefix == "30.0.10.1/32" for f in leaks)


@pytest.mark.parametrize("answer, status, finding", [
    ("% Invalid command at '^' marker.\n", "cli-error", "parse-error"),      # refused, and the text form refused too
    ('{"TABLE_vrf": {"ROW_vrf": ', "parse-error", "parse-error"),             # a JSON answer cut short
    ('{"TABLE_vrf": {"ROW_vrf": []}}', "empty", "capture-empty"),              # JSON with no VRF row
    ("", "empty", "capture-empty"),                                            # nothing at all
])
@pytest.mark.parametrize("command", sorted(JSON_OF))
def test_an_error_answer_stays_unproven(command, answer, status, finding):
    cap = CAPS[command]
    ver = verify.verify(EXP, lambda c: answer if c == cap else SNAP.lookup(c))
    assert dict(ver.captures)[cap] == status
    assert [f.id for f in ver.findings if f.command == cap.command and f.assertion is None] == [finding]
    mine = [r for r in ver.results if r.assertion.capture == cap]
    assert mine and not [r for r in mine if r.status == "pass"]  # never a pass from an error or an empty answer


# ---------------------------------------------------------------- the form in the reports and the snapshot

FORMS = {"Leaf01": {"show bgp vrf Tenant-K8s ipv4 unicast summary": "",
                    "show bgp l2vpn evpn vrf Tenant1-Pods": "% Invalid command at '^' marker."}}


def live_outputs():
    outs = {}
    for cap in EXP.captures:
        text = SNAP.lookup(cap)
        if text is not None:
            outs.setdefault(cap.device, {})[cap.command] = text
    outs["Leaf01"]["show bgp vrf Tenant-K8s ipv4 unicast summary"] = JSON_OF["show bgp vrf Tenant-K8s ipv4 unicast summary"]
    return outs


def test_the_reports_say_which_form_was_read(tmp_path):
    snap = snapshot.from_outputs(live_outputs(), FORMS)
    ver = verify.verify(EXP, snap.lookup, live=True)
    written = report.write_reports(str(tmp_path), EXP, ver, snap.source, forms=snap.forms)
    caps = {(c["device"], c["command"]): c for c in written["data"]["captures"]}
    summ = caps[("Leaf01", "show bgp vrf Tenant-K8s ipv4 unicast summary")]
    assert (summ["read_as"], summ["asked"], summ["json_refused"]) == (
        "json", "show bgp vrf Tenant-K8s ipv4 unicast summary | json", "")
    evpn = caps[("Leaf01", "show bgp l2vpn evpn vrf Tenant1-Pods")]
    assert (evpn["read_as"], evpn["json_refused"]) == ("text", "% Invalid command at '^' marker.")
    xr = [c for c in caps.values() if c["platform"] == "iosxr"]
    assert xr and all(c["read_as"] == "text" and "asked" not in c for c in xr)
    line = report.forms_line(ver, snap.forms)
    assert line.startswith("captures read as NX-OS JSON: 1; as text: %d; 1 after the device refused `| json`" % (len(caps) - 1))
    assert "show bgp l2vpn evpn vrf Tenant1-Pods" in line
    md = (tmp_path / "validation.md").read_text()
    assert md.splitlines()[2] == line[:1].upper() + line[1:] + "."


def test_a_text_only_run_adds_no_line():
    ver = verify.verify(EXP, SNAP.lookup)
    assert report.forms_line(ver, SNAP.forms) == "" and SNAP.forms == {}


def test_the_live_snapshot_records_the_command_as_run_and_reads_it_back(tmp_path):
    snap = snapshot.from_outputs(live_outputs(), FORMS)
    by_cap = {c: snap.lookup(c) for c in EXP.captures if snap.lookup(c) is not None}
    snapshot.save(str(tmp_path), EXP.captures, by_cap, "live", forms=snap.forms)
    index = yaml.safe_load((tmp_path / "snapshot.yml").read_text())
    assert index["captures"]["Leaf01"]["show_bgp_vrf_Tenant-K8s_ipv4_unicast_summary.txt"] == \
        "show bgp vrf Tenant-K8s ipv4 unicast summary | json"
    assert index["captures"]["Leaf01"]["show_bgp_l2vpn_evpn_vrf_Tenant1-Pods.txt"] == "show bgp l2vpn evpn vrf Tenant1-Pods"
    again = snapshot.load(str(tmp_path))
    assert again.forms == snap.forms and len(again.forms) == 2
    ver = verify.verify(EXP, again.lookup)
    assert _verdicts(ver) == _verdicts(verify.verify(EXP, snap.lookup))  # re-checked offline: the same verdicts
    assert dict(ver.read_as)[CAPS["show bgp vrf Tenant-K8s ipv4 unicast summary"]] == "json"


@pytest.mark.parametrize("forms, where", [({"Leaf01": ["x"]}, "capture_forms[Leaf01] must be a mapping"),
                                          ({"Leaf01": {"show x": 3}}, "capture_forms[Leaf01][show x] must be text")])
def test_malformed_capture_forms_name_the_path(forms, where):
    with pytest.raises(snapshot.SnapshotError) as err:
        snapshot.from_outputs({"Leaf01": {"show x": "y"}}, forms)
    assert where in str(err.value)
