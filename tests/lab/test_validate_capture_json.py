# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The validate role's live NX-OS capture (capture_device) end to end: the real ansible-playbook, network_cli and
cisco.nxos against the leaf twin over SSH.

Three runs on the same leaf state: the commands with a JSON form are asked as ``| json`` and read as JSON; a box
that refuses ``| json`` (the twin with its JSON forms switched off) gets the text commands and the refusal is
recorded; ``tenancy_validate_nxos_json: false`` asks text only. Every run stores one output per planned command,
and the verifier's verdicts and findings on the leaf are the same for all three.
"""

import gc
import json
import os
import subprocess
import sys
import textwrap

import pytest
import yaml

from test_lab_fidelity import LEAF_BGP, push, seed_leaf_lines
from twin_support import ROOT

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model, snapshot, verify
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.expect import expectations

PLAY = textwrap.dedent("""
    - hosts: Leaf01
      gather_facts: false
      tasks:
        - name: Capture as the validate role does live
          ansible.builtin.include_role:
            name: kubevrf.tenancy.validate
            tasks_from: capture_device
        - name: Keep what was captured
          ansible.builtin.copy:
            dest: "{{ out_file }}"
            content: "{{ {'outputs': validate_outputs, 'forms': validate_capture_forms} | to_json }}"
            mode: "0600"
          delegate_to: localhost
""")

with open(os.path.join(ROOT, "inventories", "lab", "group_vars", "all", "tenancy.yml"), encoding="utf-8") as _fh:
    TENANCY = yaml.safe_load(_fh)["tenancy"]
EXP = expectations(model.plan(TENANCY))
LEAF_CAPS = [c for c in EXP.captures if c.device == "Leaf01"]


def _capture(lab, tmp_path, name, extra=None):
    inv = {"all": {"hosts": {"Leaf01": {
        "ansible_host": "127.0.0.1", "ansible_port": lab.ports["Leaf01"], "ansible_network_os": "cisco.nxos.nxos",
        "ansible_connection": "ansible.netcommon.network_cli", "ansible_user": "admin", "ansible_password": "lab-secret",
        "ansible_python_interpreter": sys.executable}}}}
    (tmp_path / "inv.json").write_text(json.dumps(inv))
    (tmp_path / "play.yml").write_text(PLAY)
    (tmp_path / "vars.json").write_text(json.dumps(dict({"tenancy": TENANCY, "out_file": str(tmp_path / (name + ".json"))},
                                                        **(extra or {}))))
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), ANSIBLE_HOST_KEY_CHECKING="false",
               ANSIBLE_PERSISTENT_COMMAND_TIMEOUT="20", ANSIBLE_PERSISTENT_CONNECT_TIMEOUT="20",
               ANSIBLE_DEPRECATION_WARNINGS="false", ANSIBLE_LOCAL_TEMP=str(tmp_path / "tmp"),
               ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=str(tmp_path / "pc"))
    cmd = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", str(tmp_path / "inv.json"),
           str(tmp_path / "play.yml"), "-e", "@" + str(tmp_path / "vars.json")]
    res = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]
    return json.loads((tmp_path / (name + ".json")).read_text())


def _leaf_results(outputs, forms=None):
    snap = snapshot.from_outputs({"Leaf01": outputs}, {"Leaf01": forms} if forms is not None else None)
    ver = verify.verify(EXP, snap.lookup)
    mine = [(r.assertion.id, r.status, r.seen, [f.id for f in r.findings]) for r in ver.results if r.assertion.device == "Leaf01"]
    return mine, dict(ver.read_as), snap


@pytest.fixture
def finalized():
    """Torn down after the SSH lab: its asyncio objects are finalized here, inside the test run, not during pytest's
    end-of-run summary (where a finalizer running mid-compile trips CPython 3.11's AST recursion-depth check)."""
    yield
    gc.collect()


@pytest.mark.usefixtures("finalized")  # set up first, so torn down after ssh_lab
def test_live_capture_prefers_json_and_falls_back_to_text(ssh_lab, devices, tmp_path, monkeypatch):
    s = devices["Leaf01"].session()
    push(s, seed_leaf_lines() + [ln.strip() for ln in LEAF_BGP.splitlines()])
    s.handle("end")
    json_caps = [c for c in LEAF_CAPS if c.json_command]
    assert json_caps and len(json_caps) < len(LEAF_CAPS)

    as_json = _capture(ssh_lab, tmp_path, "json")
    assert set(as_json["outputs"]) == {c.command for c in LEAF_CAPS}  # one output per planned command
    assert as_json["forms"] == {c.command: "" for c in json_caps}  # asked as JSON, read as JSON
    assert all(as_json["outputs"][c.command].lstrip().startswith("{") for c in json_caps)
    assert not any(as_json["outputs"][c.command].lstrip().startswith("{") for c in LEAF_CAPS if not c.json_command)

    from lab.twins import nxos as twin_nxos
    monkeypatch.setattr(twin_nxos, "JSON_OK", frozenset())  # a box that refuses "| json"
    refused = _capture(ssh_lab, tmp_path, "refused")
    monkeypatch.undo()
    assert set(refused["outputs"]) == {c.command for c in LEAF_CAPS}
    assert set(refused["forms"]) == {c.command for c in json_caps}
    assert all("% Invalid command" in why for why in refused["forms"].values()), refused["forms"]
    assert not any(out.lstrip().startswith("{") for out in refused["outputs"].values())

    text_only = _capture(ssh_lab, tmp_path, "text", {"tenancy_validate_nxos_json": False})
    assert text_only["forms"] == {} and text_only["outputs"] == refused["outputs"]

    by_json, read_json, snap = _leaf_results(as_json["outputs"], as_json["forms"])
    by_refused, read_refused, snap_refused = _leaf_results(refused["outputs"], refused["forms"])
    by_text, read_text, _snap_text = _leaf_results(text_only["outputs"])
    assert by_json == by_refused == by_text
    assert any(status == "pass" for _id, status, _seen, _f in by_json) and all(
        status != "fail" for _id, status, _seen, _f in by_json), by_json
    assert {c for c in LEAF_CAPS if read_json[c] == "json"} == set(json_caps)
    assert set(read_refused.values()) == set(read_text.values()) == {"text"}
    # what the reports and the saved snapshot's index are given: the command as asked, and the refusal
    assert {rec["form"] for rec in snap.forms.values()} == {"json"}
    assert all(rec["asked"].endswith(" | json") and rec["json_refused"] for rec in snap_refused.forms.values())
