# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The real ansible-playbook runs playbooks/validate.yml offline: the seed passes, a mutation fails."""

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOK_BIN = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
REPORTS = ("validation.json", "validation.md", "junit.xml", "isolation-matrix.svg", "isolation-matrix.png")

pytestmark = pytest.mark.skipif(not os.path.exists(PLAYBOOK_BIN), reason="ansible-playbook not installed beside python")


def play(snapshot, report_dir):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), ANSIBLE_NOCOLOR="1",
               ANSIBLE_FORCE_COLOR="0")
    return subprocess.run(
        [PLAYBOOK_BIN, "playbooks/validate.yml", "-e", "tenancy_snapshot=%s" % snapshot,
         "-e", "validate_report_dir=%s" % report_dir],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_seed_snapshot_passes_offline(tmp_path):
    proc = play(os.path.join(ROOT, "tests", "fixtures", "snapshots", "seed"), str(tmp_path))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "isolation validation PASSED" in proc.stdout
    for name in REPORTS:
        assert (tmp_path / name).stat().st_size > 0, name
    assert json.loads((tmp_path / "validation.json").read_text())["result"] == "pass"
    # offline contacts no device: the capture plays end before any task runs on a device
    assert "Run the show commands" not in proc.stdout


def test_mutation_fails_with_its_finding_and_still_writes_reports(tmp_path):
    proc = play(os.path.join(ROOT, "tests", "fixtures", "snapshots", "leak_30_in_tenant1"), str(tmp_path))
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "prefix-leak" in out and "30.0.10.1/32 of tenant2 leaked into VRF Tenant1-Pods" in out
    for name in REPORTS:
        assert (tmp_path / name).stat().st_size > 0, name
    data = json.loads((tmp_path / "validation.json").read_text())
    assert [f["id"] for f in data["findings"] if f["severity"] == "error"] == ["prefix-leak"]


def test_missing_snapshot_is_a_clear_error(tmp_path):
    proc = play(str(tmp_path / "nowhere"), str(tmp_path / "reports"))
    assert proc.returncode != 0
    assert "snapshot directory" in proc.stdout and "does not exist" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
