# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/deploy_devices.yml, the real ansible-playbook, against the lab twins on free loopback ports.

Push -> the twins' show commands hold the tenant routes; a second run changes
nothing; --check changes nothing; a rejected line or a dropped SSH session
mid-push leaves the running config exactly as it was; drift is reported and
pruned only with tenancy_prune; the password never shows, even with -vvv.
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
PLAYBOOK_BIN = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
T0 = 1764150000.0

pytestmark = pytest.mark.skipif(not os.path.exists(PLAYBOOK_BIN), reason="ansible-playbook not installed beside python")

RECAP = re.compile(r"^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def recap(out):
    return {m.group(1): {"changed": int(m.group(3)), "failed": int(m.group(5)), "unreachable": int(m.group(4))}
            for m in RECAP.finditer(out)}


class Twins:
    """The lab's devices behind SSH on free ports, with a random password."""

    def __init__(self, tmp, manifests):
        from lab.twins.cli import build_devices
        from lab.twins.sshserver import Lab
        self.password = "pw-" + secrets.token_hex(8)
        self.devices = {d.name: d for d in build_devices(ROOT, manifests=manifests, clock=lambda: T0)}
        # IOS-XR takes "commit confirmed" timers of 30 s and up; the lab allows short ones for tests.
        self.devices["XRV"].confirm_min = 1
        self.lab = Lab(list(self.devices.values()), str(tmp), users={"admin": self.password})
        self.lab.start(timeout=15)
        self.inventory = tmp / "twins.yml"
        groups = {"nxos_leaves": ("Leaf01", "cisco.nxos.nxos"), "iosxr_pes": ("XRV", "cisco.iosxr.iosxr")}
        inv = {"all": {"children": {g: {"hosts": {h: {"ansible_host": "127.0.0.1", "ansible_port": self.lab.ports[h],
                                                      "ansible_network_os": nos}}}
                                    for g, (h, nos) in groups.items()},
                       "vars": {"ansible_user": "admin",
                                # the lab's credential style: from the environment, never in the inventory
                                "ansible_password": "{{ lookup('ansible.builtin.env', 'KUBEVRF_LAB_PASSWORD') }}",
                                "ansible_python_interpreter": sys.executable}}}
        self.inventory.write_text(json.dumps(inv))
        self.tmp = tmp

    def running(self):
        """The configuration lines only (not the "last changed" header a rollback updates)."""
        return {n: "\n".join(d.config_lines()) for n, d in self.devices.items()}

    def show(self, name, command):
        s = self.devices[name].session()
        return s.handle(command)

    def play(self, build_dir, *args, extra_vars=None, playbook="playbooks/deploy_devices.yml"):
        env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), ANSIBLE_NOCOLOR="1",
                   ANSIBLE_FORCE_COLOR="0", KUBEVRF_LAB_PASSWORD=self.password, ANSIBLE_HOST_KEY_CHECKING="false",
                   ANSIBLE_PERSISTENT_COMMAND_TIMEOUT="20", ANSIBLE_PERSISTENT_CONNECT_TIMEOUT="20",
                   ANSIBLE_DEPRECATION_WARNINGS="false", ANSIBLE_LOCAL_TEMP=str(self.tmp / "atmp"),
                   ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=str(self.tmp / "pc"))
        cmd = [PLAYBOOK_BIN, "-i", os.path.join(ROOT, "inventories", "lab", "hosts.yml"), "-i", str(self.inventory),
               playbook, "-e", "tenancy_build_dir=%s" % build_dir, "-e", "tenancy_run_id=pytest"]
        if extra_vars:
            cmd += ["-e", json.dumps(extra_vars)]
        proc = subprocess.run(cmd + list(args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=False)
        proc.out = proc.stdout + proc.stderr
        proc.recap = recap(proc.stdout)
        return proc

    def close(self):
        self.lab.stop(timeout=10)


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """playbooks/build.yml of the lab inventory, once for the module."""
    out = tmp_path_factory.mktemp("build")
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"))
    proc = subprocess.run([PLAYBOOK_BIN, "playbooks/build.yml", "-e", "tenancy_build_dir=%s" % out],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:]
    return out


@pytest.fixture
def twins(build, tmp_path):
    t = Twins(tmp_path, str(build / "manifests"))
    try:
        yield t
    finally:
        t.close()


def corrupted(build, tmp_path, leaf_line, xr_line):
    """A copy of the build where one NX-OS line and one IOS-XR line mid-config are replaced / added."""
    bad = tmp_path / "bad-build"
    shutil.copytree(build, bad)
    cfg = bad / "configs" / "Leaf01.cfg"
    text = cfg.read_text()
    assert "  ip pim ssm range 232.0.0.0/8\n" in text
    cfg.write_text(text.replace("  ip pim ssm range 232.0.0.0/8\n", "  %s\n" % leaf_line, 1))
    cfg = bad / "configs" / "XRV.cfg"
    text = cfg.read_text()
    assert " bgp router-id 192.168.40.40\n" in text
    cfg.write_text(text.replace(" bgp router-id 192.168.40.40\n", " bgp router-id 192.168.40.40\n %s\n" % xr_line, 1))
    return bad


def test_push_check_idempotence_and_no_password(twins, build):
    fresh = twins.running()
    # Check mode with --diff: the changes are shown, nothing changes on the devices.
    proc = twins.play(build, "--check", "--diff", playbook="playbooks/deploy_devices.yml")
    assert proc.returncode == 0, proc.out[-4000:]
    assert twins.running() == fresh
    assert "+   vrf blue" in proc.stdout or "+  vrf blue" in proc.stdout  # the XR device's own commit diff
    assert "vrf context Tenant1-Pods" in proc.stdout  # the leaf's commands
    assert proc.recap["Leaf01"]["changed"] > 0 and proc.recap["XRV"]["changed"] > 0

    # The push, at -vvv: the password appears nowhere.
    proc = twins.play(build, "-vvv")
    assert proc.returncode == 0, proc.out[-4000:]
    assert twins.password not in proc.out
    assert proc.recap["Leaf01"]["changed"] > 0 and proc.recap["XRV"]["changed"] > 0
    evpn = twins.show("Leaf01", "show bgp l2vpn evpn vrf Tenant1-Pods")
    assert "[20.0.10.1]/224" in evpn and "[10.110.206.139]/224" in evpn
    assert "[30.0.10.1]/224" not in evpn and "10.109.203.74" not in evpn
    vrf = twins.show("XRV", "show bgp vpnv4 unicast vrf blue")
    assert "10.23.0.0/24" in vrf
    assert "cafe:cafe:2be" in twins.show("XRV", "show bgp vpnv4 unicast received-sids")
    assert "10.23.0.0" not in twins.show("XRV", "show route ipv4")  # no tenant prefix in the global table
    assert "kubevrf-pytest" not in twins.show("Leaf01", "show checkpoint summary")  # deleted after success
    pushed = twins.running()

    # Second run: nothing to change anywhere, the commit list does not grow.
    commits = twins.show("XRV", "show configuration commit list")
    proc = twins.play(build)
    assert proc.returncode == 0, proc.out[-4000:]
    assert proc.recap["Leaf01"]["changed"] == 0 and proc.recap["XRV"]["changed"] == 0, proc.stdout[-3000:]
    assert twins.running() == pushed
    assert twins.show("XRV", "show configuration commit list") == commits


def test_rejected_line_changes_nothing(twins, build, tmp_path):
    bad = corrupted(build, tmp_path, "ip pim frobnicate 232.0.0.0/8", "frobnicate now")
    before = twins.running()
    proc = twins.play(bad, "-e", "tenancy_deploy_build=false")
    assert proc.returncode != 0
    assert twins.running() == before  # neither the leaf's session nor the PE's candidate was committed
    assert "kubevrf-tenancy" not in twins.show("Leaf01", "show configuration session summary")  # discarded
    assert "Leaf01: the device rejected 'ip pim frobnicate 232.0.0.0/8'" in proc.stdout
    assert "nothing was committed (configuration session kubevrf-tenancy discarded)" in proc.stdout
    assert "XRV: the device rejected 'frobnicate now'" in proc.stdout
    assert "nothing was committed" in proc.stdout
    assert proc.recap["Leaf01"]["failed"] == 1 and proc.recap["XRV"]["failed"] == 1
    assert "Traceback" not in proc.out
    assert "kubevrf-pytest" not in twins.show("Leaf01", "show checkpoint summary")  # cleaned up


def test_dropped_session_rolls_back(twins, build, tmp_path):
    # The twins drop the SSH connection when a line carries the fault marker (lab.twins.sshserver.DROP_MARKER).
    from lab.twins.sshserver import DROP_MARKER
    bad = corrupted(build, tmp_path, DROP_MARKER, DROP_MARKER)
    before = twins.running()
    proc = twins.play(bad, "-e", "tenancy_deploy_build=false")
    assert proc.returncode != 0
    assert twins.running() == before
    assert "Leaf01: the push failed" in proc.stdout and "nothing was committed" in proc.stdout
    assert "XRV: the push failed" in proc.stdout and "nothing was committed" in proc.stdout
    assert "Traceback" not in proc.out


def _inventory_with_tenant2_on_leaf():
    import yaml
    with open(os.path.join(ROOT, "inventories", "lab", "group_vars", "all", "tenancy.yml"), encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    t2 = next(t for t in data["tenancy"]["tenants"] if t["name"] == "tenant2")
    t2["leaves"] = ["Leaf01"]
    return data


def test_removed_tenant_is_drift_until_pruned(twins, build, tmp_path):
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.devicepush import drift
    wide = tmp_path / "wide.json"
    wide.write_text(json.dumps(_inventory_with_tenant2_on_leaf()))
    wide_build = tmp_path / "wide-build"
    proc = twins.play(wide_build, "-e", "@%s" % wide)
    assert proc.returncode == 0, proc.out[-4000:]
    assert "vrf context Tenant2-Pods" in twins.running()["Leaf01"]

    # tenant2 loses its leaf VRF in the inventory: reported, not removed.
    proc = twins.play(build)
    assert proc.returncode == 0, proc.out[-4000:]
    assert "drift on Leaf01 (kept: set tenancy_prune=true to remove)" in proc.stdout
    assert "vrf context Tenant2-Pods" in proc.stdout
    assert "vrf context Tenant2-Pods" in twins.running()["Leaf01"]

    # With tenancy_prune it goes, with everything that hung off it.
    proc = twins.play(build, "-e", "tenancy_prune=true")
    assert proc.returncode == 0, proc.out[-4000:]
    assert "drift on Leaf01 (pruning)" in proc.stdout
    leaf = twins.running()["Leaf01"]
    assert "Tenant2-Pods" not in leaf
    rendered = (build / "configs" / "Leaf01.cfg").read_text()
    assert drift(leaf, rendered, "nxos")["items"] == []
