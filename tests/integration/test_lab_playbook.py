# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/lab.yml on an inventory other than the seed's: check mode starts nothing and does not crash."""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOK_BIN = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")


def play(tmp_path, *args):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), NO_COLOR="1", ANSIBLE_FORCE_COLOR="0",
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
               KUBEVRF_LAB_STATE_DIR=str(tmp_path / "lab"))
    proc = subprocess.run([PLAYBOOK_BIN, "-i", os.path.join(ROOT, "inventories", "lab-racks"), "playbooks/lab.yml", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def test_check_mode_starts_nothing_and_reports_what_it_would_do(tmp_path):
    rc, out = play(tmp_path, "--check")
    assert rc == 0, out[-3000:]
    assert "check mode: the lab would be started (now stopped)" in out
    assert not (tmp_path / "lab" / "lab.json").exists()
    assert not (tmp_path / "lab" / "kube" / "state.json").exists()


def test_a_missing_workloads_file_is_named(tmp_path):
    rc, out = play(tmp_path, "-e", "lab_workloads_file=/nonexistent/lab_workloads.yml")
    assert rc != 0
    assert "lab_workloads_file /nonexistent/lab_workloads.yml does not exist" in out
    assert not (tmp_path / "lab" / "lab.json").exists()
