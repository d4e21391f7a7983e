# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""`ansible-playbook site.yml` end to end on a private embedded lab.

The real ansible-playbook runs site.yml twice on inventories/lab with the lab's
state in a temporary directory and free ports (KUBEVRF_LAB_STATE_DIR,
KUBEVRF_LAB_FREE_PORTS), so a lab a user left running in build/lab is never
touched. First run: the lab starts (API twin + device twins), every phase
prints its line, isolation validation PASSES live with no finding, the
reports exist. Second run: changed=0 for every host. Then
playbooks/lab.yml -e lab_state=stopped stops both twins. About 2.5 minutes
on 2 cores.
"""

import json
import os
import re
import secrets
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOK_BIN = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
RECAP = re.compile(r"^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)
PHASES = ["phase 1/5 lab", "phase 2/5 build", "phase 3/5 clusters", "phase 4/5 devices", "phase 5/5 validate"]

pytestmark = pytest.mark.skipif(not os.path.exists(PLAYBOOK_BIN), reason="ansible-playbook not installed beside python")


def recap(out):
    return {m.group(1): {"changed": int(m.group(3)), "unreachable": int(m.group(4)), "failed": int(m.group(5))}
            for m in RECAP.finditer(out)}


def _alive(pid):
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        with open("/proc/%d/stat" % pid, encoding="utf-8") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("site")
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), NO_COLOR="1", ANSIBLE_FORCE_COLOR="0",
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
               KUBEVRF_LAB_STATE_DIR=str(tmp / "lab"), KUBEVRF_LAB_FREE_PORTS="1",
               KUBEVRF_LAB_PASSWORD="pw-" + secrets.token_hex(8))
    extra = ["-e", "tenancy_build_dir=%s" % (tmp / "build"), "-e", "validate_report_dir=%s" % (tmp / "reports"),
             "-e", "validate_snapshot_dest=%s" % (tmp / "snapshot")]

    def play(*args):
        proc = subprocess.run([PLAYBOOK_BIN, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
                              check=False)
        return proc.returncode, proc.stdout + proc.stderr

    runs = [play("site.yml", *extra), play("site.yml", *extra)]
    state = {}
    for name in ("lab.json", os.path.join("kube", "state.json")):
        try:
            with open(tmp / "lab" / name, encoding="utf-8") as handle:
                state[name] = json.load(handle)
        except (OSError, ValueError):
            state[name] = None
    yield {"tmp": tmp, "env": env, "runs": runs, "play": play, "state": state}
    play("playbooks/lab.yml", "-e", "lab_state=stopped")  # whatever happened above


def test_first_run_passes_live(lab):
    rc, out = lab["runs"][0]
    assert rc == 0, out[-6000:]
    for phase in PHASES:
        assert len(re.findall(r'"msg": "%s' % re.escape(phase), out)) == 1, phase
    assert "isolation validation PASSED: 0 error(s), 0 warning(s)" in out
    assert "isolation PASSED; reports in %s" % (lab["tmp"] / "reports") in out
    for name in ("validation.json", "validation.md", "junit.xml"):
        assert (lab["tmp"] / "reports" / name).is_file(), name
    report = json.loads((lab["tmp"] / "reports" / "validation.json").read_text())
    assert report["findings"] == [] or all(f["severity"] not in ("error", "warning") for f in report["findings"])
    # the leaf's commands with a JSON form were asked as "| json" and read as JSON; the others as text
    leaf_json = [c for c in report["captures"] if c["device"] == "Leaf01" and c["json_command"]]
    assert leaf_json and all(c["read_as"] == "json" and c["json_refused"] == "" for c in leaf_json), leaf_json
    assert all(c["read_as"] == "text" for c in report["captures"] if not c["json_command"])
    assert "captures read as NX-OS JSON: %d; as text: %d" % (len(leaf_json), len(report["captures"]) - len(leaf_json)) in out
    index = (lab["tmp"] / "snapshot" / "snapshot.yml").read_text()
    assert all("%s | json" % c["command"] in index for c in leaf_json)
    hosts = recap(out)
    assert set(hosts) == {"localhost", "Leaf01", "XRV", "k8s-oss", "k8s-isovalent"}
    assert hosts["Leaf01"]["changed"] > 0 and hosts["k8s-oss"]["changed"] > 0  # it really pushed
    assert lab["env"]["KUBEVRF_LAB_PASSWORD"] not in out


def test_second_run_changes_nothing(lab):
    rc, out = lab["runs"][1]
    assert rc == 0, out[-6000:]
    hosts = recap(out)
    assert set(hosts) == {"localhost", "Leaf01", "XRV", "k8s-oss", "k8s-isovalent"}
    assert {h: v["changed"] for h, v in hosts.items()} == {h: 0 for h in hosts}, out[-4000:]
    assert "isolation validation PASSED" in out


def test_lab_left_up_and_reachable(lab):
    devices, kube = lab["state"]["lab.json"], lab["state"][os.path.join("kube", "state.json")]
    assert devices and kube, "the lab was not left running"
    assert devices["feed"] == str(lab["tmp"] / "lab" / "kube")  # device twins fed by the API twin
    # The cluster holds what was applied, readable with the real kubectl (the venv's, from requirements.lock).
    kubeconfig = lab["tmp"] / "lab" / "kube" / "k8s-oss.kubeconfig"
    kubectl = os.path.join(os.path.dirname(sys.executable), "kubectl")
    proc = subprocess.run([kubectl, "--kubeconfig", str(kubeconfig), "get", "ciliumbgpadvertisements",
                           "-o", "name"], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "ciliumbgpadvertisement.cilium.io/bgp-advertisements" in proc.stdout


def test_lab_stops(lab):
    devices, kube = lab["state"]["lab.json"], lab["state"][os.path.join("kube", "state.json")]
    rc, out = lab["play"]("playbooks/lab.yml", "-e", "lab_state=stopped")
    assert rc == 0, out[-3000:]
    assert '"msg": "lab stopped"' in out
    assert not _alive(int(devices["pid"])) and not _alive(int(kube["pid"]))
    rc, out = lab["play"]("playbooks/lab.yml", "-e", "lab_state=stopped")
    assert rc == 0 and recap(out)["localhost"]["changed"] == 0, out[-3000:]
