# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The real `ansible-playbook playbooks/build.yml` on inventories/lab.

Each run writes into its own temporary build dir (-e tenancy_build_dir=...);
what it writes is compared with what the pure core renders for the same
inventory, so the playbook, roles and action plugin must neither drop nor
alter a file.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import build

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LAB = REPO / "inventories" / "lab"
RECAP = re.compile(r"^localhost\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def ansible_env() -> Dict[str, str]:
    env = dict(os.environ)
    env.update(
        ANSIBLE_CONFIG=str(REPO / "ansible.cfg"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_STDOUT_CALLBACK="default",
        PATH=str(BIN) + os.pathsep + env.get("PATH", ""),
    )
    return env


def playbook(*args: str, inventory: Path = LAB / "hosts.yml") -> subprocess.CompletedProcess:
    cmd = [str(BIN / "ansible-playbook"), "playbooks/build.yml", "-i", str(inventory), *args]
    return subprocess.run(cmd, cwd=REPO, env=ansible_env(), capture_output=True, text=True, timeout=300, check=False)


def recap(proc: subprocess.CompletedProcess) -> Dict[str, int]:
    match = RECAP.search(proc.stdout)
    assert match, "no PLAY RECAP for localhost in:\n" + proc.stdout + proc.stderr
    ok, changed, unreachable, failed = (int(g) for g in match.groups())
    return {"ok": ok, "changed": changed, "unreachable": unreachable, "failed": failed}


def tree(root: Path) -> Dict[str, str]:
    """The build's files and their text; its stamps (.kubevrf-stamps/) are bookkeeping, not build output."""
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*"))
            if p.is_file() and ".kubevrf-stamps" not in p.parts}


def lab_tenancy() -> dict:
    with open(LAB / "group_vars" / "all" / "tenancy.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)["tenancy"]


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    proc = playbook("-e", "tenancy_build_dir=%s" % out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out, proc


def test_build_writes_every_file_the_core_renders(first_build):
    out, proc = first_build
    written = tree(out)
    for expected in (
        "configs/Leaf01.cfg",
        "configs/XRV.cfg",
        "resource_modules/Leaf01.yml",
        "resource_modules/XRV.yml",
        "manifests/k8s-oss/all.yaml",
        "manifests/k8s-isovalent/all.yaml",
    ):
        assert written.get(expected), "missing or empty: %s" % expected
    assert written == build.build_files(lab_tenancy(), None)
    assert recap(proc)["changed"] == 3  # one changed task per role
    assert "build done: configs and manifests are in %s" % out in proc.stdout


def test_build_output_carries_seed_lines(first_build):
    out, _proc = first_build
    leaf = (out / "configs" / "Leaf01.cfg").read_text(encoding="utf-8")
    assert "vrf context Tenant1-Pods" in leaf
    assert "import map CommunityImport evpn" in leaf
    manifest = (out / "manifests" / "k8s-oss" / "all.yaml").read_text(encoding="utf-8")
    assert "20.0.10.0/24" in manifest and "30.0.10.0/24" in manifest


def test_progress_line_per_phase(first_build):
    out, proc = first_build
    for role in ("evpn_community_steering", "cilium_bgp", "srv6_l3vpn"):
        assert re.search(r'"%s: wrote \d+ file\(s\) under %s' % (role, re.escape(str(out))), proc.stdout), role


def test_second_run_changes_nothing(first_build):
    out, _proc = first_build
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    proc = playbook("-e", "tenancy_build_dir=%s" % out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert recap(proc)["changed"] == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before


def test_check_mode_writes_nothing(tmp_path):
    out = tmp_path / "build"
    proc = playbook("--check", "-e", "tenancy_build_dir=%s" % out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert recap(proc)["changed"] == 3
    assert "would write" in proc.stdout
    assert not out.exists()


def test_check_diff_shows_the_change_and_keeps_the_file(tmp_path):
    out = tmp_path / "build"
    assert playbook("-e", "tenancy_build_dir=%s" % out).returncode == 0
    leaf = out / "configs" / "Leaf01.cfg"
    edited = leaf.read_text(encoding="utf-8").replace("vni 100302", "vni 999999")
    leaf.write_text(edited, encoding="utf-8")

    proc = playbook("--check", "--diff", "-e", "tenancy_build_dir=%s" % out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert recap(proc)["changed"] == 1  # only the NX-OS part differs
    assert "+++ after: %s" % leaf in proc.stdout
    assert re.search(r"^-\s+vni 999999$", proc.stdout, re.M)
    assert re.search(r"^\+\s+vni 100302$", proc.stdout, re.M)
    assert leaf.read_text(encoding="utf-8") == edited

    proc = playbook("-e", "tenancy_build_dir=%s" % out)
    assert recap(proc)["changed"] == 1
    assert "vni 100302" in leaf.read_text(encoding="utf-8")


def test_broken_inventory_fails_with_one_readable_report(tmp_path):
    data = lab_tenancy()
    data["tenants"][1]["vrf"]["l3vni"] = data["tenants"][0]["vrf"]["l3vni"]  # duplicate VNI
    data["tenants"][0]["community"] = "64512:99999999"  # malformed community
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"tenancy": data}), encoding="utf-8")
    out = tmp_path / "build"

    proc = playbook("-e", "@%s" % bad, "-e", "tenancy_build_dir=%s" % out)
    text = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Traceback" not in text
    assert "tenant inventory is invalid" in text
    assert "tenants[1].vrf.l3vni" in text and "[duplicate-vni]" in text
    assert "tenants[0].community" in text and "[malformed-community]" in text
    assert recap(proc)["failed"] == 1
    # It failed at the validation step, before any role rendered anything.
    failing_task = re.findall(r"^TASK \[(.*?)\]", proc.stdout[: proc.stdout.index("fatal:")], re.M)[-1]
    assert failing_task == "Validate the tenant inventory"
    assert not out.exists()


def test_inventory_without_tenancy_is_a_clear_failure(tmp_path):
    hosts = tmp_path / "hosts.yml"
    hosts.write_text("all:\n  hosts:\n    Leaf01:\n", encoding="utf-8")
    proc = playbook("-e", "tenancy_build_dir=%s" % (tmp_path / "build"), inventory=hosts)
    text = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Traceback" not in text
    assert "the variable 'tenancy' (the tenant inventory) is not defined" in text
    assert recap(proc)["failed"] == 1


def test_default_dest_is_build_at_top_of_project():
    # --check: computes the default without writing into the checkout.
    proc = playbook("--check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "configs and manifests are in %s" % (REPO / "build") in proc.stdout
