# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""kubevrf.tenancy.tenancy_build in small playbooks, results read as JSON."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import yaml

from ansible_collections.kubevrf.tenancy.plugins.action import tenancy_build as action
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import build, model, stamp

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LAB_VARS = REPO / "inventories" / "lab" / "group_vars" / "all" / "tenancy.yml"


def lab_tenancy() -> Dict[str, Any]:
    with open(LAB_VARS, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["tenancy"]


def run_play(tmp_path: Path, tasks: List[Dict[str, Any]], play_vars: Dict[str, Any], *args: str) -> Dict[str, Any]:
    """Run one play on localhost with the json callback; return its parsed output and exit code."""
    play = [{"name": "t", "hosts": "localhost", "connection": "local", "gather_facts": False, "vars": play_vars, "tasks": tasks}]
    path = tmp_path / "play.yml"
    path.write_text(yaml.safe_dump(play, sort_keys=False), encoding="utf-8")
    env = dict(os.environ, ANSIBLE_CONFIG=str(REPO / "ansible.cfg"), ANSIBLE_STDOUT_CALLBACK="ansible.posix.json", ANSIBLE_NOCOLOR="1")
    proc = subprocess.run(
        [str(BIN / "ansible-playbook"), "-i", "localhost,", str(path), *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    out = json.loads(proc.stdout)
    out["rc"] = proc.returncode
    return out


def built_files(dest: Path) -> Dict[str, str]:
    """The build's files (its stamps aside) and their text."""
    return {p.relative_to(dest).as_posix(): p.read_text(encoding="utf-8") for p in sorted(dest.rglob("*"))
            if p.is_file() and stamp.STAMP_DIR not in p.parts}


def task_results(out: Dict[str, Any]) -> List[Dict[str, Any]]:
    return [task["hosts"]["localhost"] for task in out["plays"][0]["tasks"]]


def test_explicit_argument_and_parts(tmp_path):
    dest = tmp_path / "out"
    out = run_play(
        tmp_path,
        [{"name": "nxos only", "kubevrf.tenancy.tenancy_build": {"tenancy": "{{ inv }}", "dest": str(dest), "parts": ["nxos"]}}],
        {"inv": lab_tenancy()},
    )
    assert out["rc"] == 0
    result = task_results(out)[0]
    expected = build.build_files(lab_tenancy(), ["nxos"])
    assert [f["path"] for f in result["files"]] == sorted(expected)
    assert {f["status"] for f in result["files"]} == {"created"}
    assert result["changed"] is True and result["dest"] == str(dest)
    assert result["summary"]["created"] == result["summary"]["total"] == len(expected)
    assert sorted(built_files(dest)) == sorted(expected)
    assert not any(p.startswith("manifests/") for p in expected)


def test_variable_with_an_expression_is_templated(tmp_path):
    data = lab_tenancy()
    data["fabric"]["asn"] = "{{ fabric_asn }}"  # templated to the int 65000
    dest = tmp_path / "out"
    out = run_play(
        tmp_path,
        [{"name": "from the variable", "kubevrf.tenancy.tenancy_build": {"dest": str(dest), "parts": ["nxos"]}}],
        {"tenancy": data, "fabric_asn": 65000},
    )
    assert out["rc"] == 0, out
    assert (dest / "configs" / "Leaf01.cfg").read_text(encoding="utf-8") == build.build_files(lab_tenancy(), ["nxos"])["configs/Leaf01.cfg"]


def test_validate_only_then_build(tmp_path):
    dest = tmp_path / "out"
    tasks = [
        {"name": "validate", "kubevrf.tenancy.tenancy_build": {"validate_only": True}},
        {"name": "build", "kubevrf.tenancy.tenancy_build": {"dest": str(dest)}},
    ]
    out = run_play(tmp_path, tasks, {"tenancy": lab_tenancy()})
    assert out["rc"] == 0
    validate, built = task_results(out)
    assert validate["changed"] is False and validate["msg"] == "tenant inventory is valid"
    assert built["changed"] is True
    assert built_files(dest) == build.build_files(lab_tenancy(), None)


def test_check_mode_reports_statuses_and_diff(tmp_path):
    dest = tmp_path / "out"
    task = [{"name": "build", "kubevrf.tenancy.tenancy_build": {"dest": str(dest), "parts": ["iosxr"]}}]
    assert run_play(tmp_path, task, {"tenancy": lab_tenancy()})["rc"] == 0
    (dest / "configs" / "XRV.cfg").write_text("stale\n", encoding="utf-8")

    result = task_results(run_play(tmp_path, task, {"tenancy": lab_tenancy()}, "--check", "--diff"))[0]
    statuses = {f["path"]: f["status"] for f in result["files"]}
    assert statuses["configs/XRV.cfg"] == "changed"
    assert set(statuses.values()) == {"changed", "unchanged"}
    assert result["summary"]["changed"] == 1 and result["changed"] is True
    assert result["summary"]["msg"].startswith("would write 1 file(s) under %s" % dest)
    [diff] = result["diff"]
    assert diff["before"] == "stale\n" and diff["after"] == build.build_files(lab_tenancy(), ["iosxr"])["configs/XRV.cfg"]
    assert (dest / "configs" / "XRV.cfg").read_text(encoding="utf-8") == "stale\n"


def test_bad_arguments_are_clear_failures(tmp_path):
    tasks = [
        {"name": "unknown part", "kubevrf.tenancy.tenancy_build": {"parts": ["junos"], "dest": str(tmp_path)}, "ignore_errors": True},
        {"name": "not a mapping", "kubevrf.tenancy.tenancy_build": {"tenancy": "[1, 2]", "dest": str(tmp_path)}, "ignore_errors": True},
        {"name": "unknown option", "kubevrf.tenancy.tenancy_build": {"dset": "/tmp"}, "ignore_errors": True},
    ]
    results = task_results(run_play(tmp_path, tasks, {"tenancy": lab_tenancy()}))
    assert all(r.get("failed") for r in results)
    assert "parts" in results[0]["msg"] and "junos" in results[0]["msg"]
    assert "must be the tenant inventory as a mapping" in results[1]["msg"]
    assert "dset" in results[2]["msg"]


def test_missing_variable(tmp_path):
    result = task_results(run_play(tmp_path, [{"name": "no inventory", "kubevrf.tenancy.tenancy_build": {"validate_only": True}}], {}))[0]
    assert result["failed"] is True
    assert "the variable 'tenancy' (the tenant inventory) is not defined" in result["msg"]


def _no_template(value: Any) -> Any:
    raise AssertionError("templated a value without template marks: %r" % (value,))


def test_render_cache_plans_once_per_inventory(tmp_path, monkeypatch):
    data = lab_tenancy()
    inventory = action.InventoryInput(data, _no_template)
    cache = action.RenderCache(inventory.key, str(tmp_path))
    expected_all, expected_nxos = build.build_files(data, None), build.build_files(data, ["nxos"])
    calls = []
    real_plan = model.plan
    monkeypatch.setattr(model, "plan", lambda d: calls.append(1) or real_plan(d))

    first = action.render_parts(inventory, action.PARTS, cache)
    again = action.render_parts(action.InventoryInput(data, _no_template), ["nxos"], cache)
    assert calls == [1]  # the second call was served from the cache
    assert first == expected_all
    assert again == expected_nxos

    other = action.InventoryInput(dict(data, fabric=dict(data["fabric"], asn=65001)), _no_template)
    assert other.key != inventory.key
    action.render_parts(other, ["nxos"], action.RenderCache(other.key, str(tmp_path)))
    assert calls == [1, 1]


def test_render_cache_without_a_directory_still_renders():
    data = lab_tenancy()
    inventory = action.InventoryInput(data, _no_template)
    assert action.render_parts(inventory, ["cilium"], action.RenderCache("k", None)) == build.build_files(data, ["cilium"])


def test_inventory_key_is_cheap_to_get_and_copies_only_on_demand():
    data = lab_tenancy()
    inventory = action.InventoryInput(data, _no_template)
    assert inventory.key == action.InventoryInput(json.loads(json.dumps(data)), _no_template).key
    assert inventory._data is None  # the key needed no copy
    assert inventory.data == data and inventory.data is not data


def test_inventory_with_template_marks_is_templated_before_use():
    data = dict(lab_tenancy(), note="{{ something }}")
    inventory = action.InventoryInput(data, lambda value: dict(value, note="templated"))
    assert inventory.data["note"] == "templated"
    assert inventory.key == action.inventory_key(inventory.data)


def test_inventory_data_keeps_what_json_would_change():
    # The key is JSON, which writes int keys as strings and cannot write a
    # date at all; the data the core validates is the value as it is.
    data = dict(lab_tenancy(), odd={1: "x"}, when=datetime.date(2026, 1, 1))
    inventory = action.InventoryInput(data, _no_template)
    assert inventory.data["odd"] == {1: "x"}
    assert inventory.data["when"] == datetime.date(2026, 1, 1)
    assert inventory.key == action.inventory_key(inventory.data)


def test_has_template():
    assert not action.has_template({"a": ["x", 1, {"b": "c"}]})
    assert action.has_template({"a": ["x", {"b": "{{ c }}"}]})
    assert action.has_template({"{% if %}": 1})


def test_unchanged_build_is_not_rendered_again_until_something_changes(tmp_path):
    dest = tmp_path / "out"
    task = [{"name": "build", "kubevrf.tenancy.tenancy_build": {"dest": str(dest), "parts": ["nxos", "cilium"]}}]
    first = task_results(run_play(tmp_path, task, {"tenancy": lab_tenancy()}))[0]
    assert first["changed"] is True and first["summary"]["rendered"] is True

    again = task_results(run_play(tmp_path, task, {"tenancy": lab_tenancy()}))[0]
    assert again["changed"] is False and again["summary"]["rendered"] is False
    assert [f["path"] for f in again["files"]] == [f["path"] for f in first["files"]]
    assert "nothing rendered" in again["msg"]

    # A file edited by hand is put back: the stamp no longer matches the disk.
    (dest / "configs" / "Leaf01.cfg").write_text("edited\n", encoding="utf-8")
    healed = task_results(run_play(tmp_path, task, {"tenancy": lab_tenancy()}))[0]
    assert healed["summary"]["rendered"] is True and healed["summary"]["changed"] == 1
    assert built_files(dest) == build.build_files(lab_tenancy(), ["nxos", "cilium"])

    # Another inventory renders; force renders even when nothing changed.
    other = lab_tenancy()
    other["tenants"][0]["community"] = "64512:399"
    changed = task_results(run_play(tmp_path, task, {"tenancy": other}))[0]
    assert changed["summary"]["rendered"] is True and changed["changed"] is True
    forced = [{"name": "build", "kubevrf.tenancy.tenancy_build": {"dest": str(dest), "parts": ["nxos", "cilium"], "force": True}}]
    assert task_results(run_play(tmp_path, forced, {"tenancy": other}))[0]["summary"]["rendered"] is True


def test_stamp_lets_validation_skip_planning_but_never_vouches_for_another_inventory(tmp_path):
    dest = tmp_path / "out"
    tasks = [{"name": "validate", "kubevrf.tenancy.tenancy_build": {"validate_only": True, "dest": str(dest)}},
             {"name": "build", "kubevrf.tenancy.tenancy_build": {"dest": str(dest)}}]
    first, _built = task_results(run_play(tmp_path, tasks, {"tenancy": lab_tenancy()}))
    assert first["msg"] == "tenant inventory is valid"
    again, _built = task_results(run_play(tmp_path, tasks, {"tenancy": lab_tenancy()}))
    assert again["msg"].startswith("tenant inventory is valid (unchanged since the build in")

    bad = lab_tenancy()
    bad["tenants"][1]["community"] = bad["tenants"][0]["community"]
    out = run_play(tmp_path, tasks, {"tenancy": bad})
    assert out["rc"] != 0
    assert "duplicate-community" in task_results(out)[0]["msg"]


def test_check_mode_leaves_no_stamp(tmp_path):
    dest = tmp_path / "out"
    task = [{"name": "build", "kubevrf.tenancy.tenancy_build": {"dest": str(dest), "parts": ["iosxr"]}}]
    run_play(tmp_path, task, {"tenancy": lab_tenancy()}, "--check")
    assert not (dest / stamp.STAMP_DIR).exists()
