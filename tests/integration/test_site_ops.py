# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""site.yml as operations run it: check mode on a fresh checkout, and a failed device stops the run.

The checkout is copied as `git clone` would leave it (tracked files only: no build/), the lab runs privately on
free ports. `site.yml --check --diff` passes with nothing written into build/, nothing applied on the clusters,
changed hosts that are diffs only, validation skipped, and the TENANCY SUMMARY block at the end. Then a real run
where Leaf01 cannot be reached stops after the devices: no "pushed to", no validation, and the summary names
the failed device and why. About 3 minutes on 2 cores.
"""

import os
import re
import secrets
import subprocess
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOK_BIN = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
pytestmark = pytest.mark.skipif(not os.path.exists(PLAYBOOK_BIN), reason="ansible-playbook not installed beside python")


def fresh_checkout(dest):
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        src = os.path.join(ROOT, rel)
        if not os.path.lexists(src):
            continue
        target = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.islink(src):
            os.symlink(os.readlink(src), target)
        else:
            with open(src, "rb") as r, open(target, "wb") as w:
                w.write(r.read())
            os.chmod(target, os.stat(src).st_mode)
    return dest


def applied(kubeconfig, cluster):
    from kubernetes import client, config
    conf = client.Configuration()
    config.load_kube_config(config_file=kubeconfig, context=cluster, client_configuration=conf)
    api = client.CustomObjectsApi(client.ApiClient(configuration=conf))
    return api.list_cluster_custom_object("cilium.io", "v2alpha1", "ciliumbgpadvertisements")["items"]


def summary(out):
    assert out.count("TENANCY SUMMARY") == 1, out[-3000:]
    return out[out.index("TENANCY SUMMARY"):].splitlines()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("site-ops")
    checkout = fresh_checkout(str(tmp / "checkout"))
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(checkout, "ansible.cfg"), NO_COLOR="1", ANSIBLE_NOCOLOR="1",
               ANSIBLE_FORCE_COLOR="0", PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
               KUBEVRF_LAB_STATE_DIR=str(tmp / "lab"), KUBEVRF_LAB_FREE_PORTS="1", KUBEVRF_LAB_PYTHON=sys.executable,
               KUBEVRF_LAB_PASSWORD="pw-" + secrets.token_hex(8))
    for name in ("ANSIBLE_NET_USERNAME", "ANSIBLE_NET_PASSWORD", "KUBECONFIG", "K8S_AUTH_KUBECONFIG"):
        env.pop(name, None)

    def play(*args):
        proc = subprocess.run([PLAYBOOK_BIN, *args], cwd=checkout, env=env, capture_output=True, text=True, timeout=900,
                              check=False)
        return proc.returncode, proc.stdout + proc.stderr

    rc, out = play("playbooks/lab.yml")
    assert rc == 0, out[-3000:]
    yield {"tmp": tmp, "checkout": checkout, "play": play, "env": env}
    play("playbooks/lab.yml", "-e", "lab_state=stopped")


def test_check_mode_on_a_fresh_checkout_changes_nothing(lab):
    build = os.path.join(lab["checkout"], "build")

    def listing():
        return sorted(os.path.relpath(os.path.join(d, f), build) for d, _dirs, files in os.walk(build) for f in files)

    before = listing()  # the lab's state lives elsewhere (KUBEVRF_LAB_STATE_DIR): usually nothing
    rc, out = lab["play"]("site.yml", "--check", "--diff", "-e", "lab_managed=false")
    assert rc == 0, out[-6000:]
    assert listing() == before, "check mode wrote into build/"
    assert "check mode: fresh build rendered in " in out
    tmp_build = re.search(r"fresh build rendered in (\S+) ", out).group(1)
    assert not os.path.exists(tmp_build)  # removed at the end of the run
    kube = lab["tmp"] / "lab" / "kube"
    for cluster in ("k8s-oss", "k8s-isovalent"):
        assert applied(str(kube / ("%s.kubeconfig" % cluster)), cluster) == [], cluster  # a dry run only
    # the lab starts empty: every device and cluster would change, and the diffs show it
    assert re.search(r'"msg": "phase 4/5 devices: (would change|no device would change)', out)
    assert "phase 5/5 validate: skipped in check mode" in out
    lines = summary(out)
    assert any(re.fullmatch(r"phase 3/5 clusters\s+ok\s+would change: k8s-isovalent, k8s-oss", line) for line in lines)
    assert any(re.fullmatch(r"phase 5/5 validate\s+skipped\s+would change: -", line) for line in lines), lines
    assert lab["env"]["KUBEVRF_LAB_PASSWORD"] not in out


def test_a_failed_device_stops_the_run_before_validation(lab, tmp_path):
    bad = tmp_path / "leaf01-wrong-password.yml"
    bad.write_text(yaml.safe_dump({"all": {"hosts": {"Leaf01": {"ansible_password": "not-the-password"}}}}))
    rc, out = lab["play"]("site.yml", "-i", "inventories/lab/hosts.yml", "-i", str(bad), "-e", "lab_managed=false",
                          "-e", "ansible_persistent_command_timeout=20")
    assert rc != 0
    assert "Device deploy failed on Leaf01" in out and "nothing was validated" in out
    assert "pushed to" not in out  # the gate stopped the run before the progress line
    assert "\"msg\": \"phase 5/5 validate" not in out and "isolation validation" not in out
    lines = summary(out)
    assert any(re.fullmatch(r"phase 4/5 devices\s+FAILED\s+changed: XRV", line) for line in lines), lines
    assert any(line.startswith("    Leaf01 failed: ") for line in lines), lines
    assert any(re.fullmatch(r"phase 5/5 validate\s+not run\s+changed: -", line) for line in lines), lines
    assert "run stopped in phase devices; the phases after it did not run" in lines
    assert "not-the-password" not in out and lab["env"]["KUBEVRF_LAB_PASSWORD"] not in out
