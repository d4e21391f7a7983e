# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection on the device deploy: whatever happens, each device ends at its old or its new config.

The real ansible-playbook (playbooks/deploy_devices.yml) runs as a subprocess
against the lab twins (in this process, on free ports). A fault hook wraps the
twins' CLI sessions: when the twin receives a chosen line it kills the
controller's whole process group (SIGKILL, SIGTERM or SIGINT: the controller
machine dying, or Ctrl-C at a terminal) or alters an answer; a corrupted build
supplies rejected lines, dropped SSH sessions and failing commits; a login
sitting in the configuration session (NX-OS) or in exclusive configuration
mode (IOS-XR), or a second deploy started at the same time, is the concurrent
run. After each fault (and after the IOS-XR commit-confirmed timer of a killed
run has run out) every device's running config must equal the config before
the run or the config a clean deploy produces, nothing in between.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

# build is a fixture (the lab inventory built once for the module)
from test_device_deploy import PLAYBOOK_BIN, ROOT, Twins, build, recap  # noqa: E402,F401 pylint: disable=unused-import

pytestmark = pytest.mark.skipif(not os.path.exists(PLAYBOOK_BIN), reason="ansible-playbook not installed beside python")

CONFIRM = 30          # commit-confirmed timer of runs whose post-check must pass (IOS-XR accepts 30 s and up)
KILLED_CONFIRM = 6    # timer of runs killed before their confirmation (the twin allows short timers in tests)
LEAF_FIRST = "ip community-list standard Tenant1-Pods-BGP-Community seq 10 permit 64512:301"
LEAF_MIDDLE = "vrf context Tenant1-Pods"
XR_MIDDLE = "router bgp 65000"
RESULTS = []  # (fault point, device states) for the summary printed at the end of the module


def start(twins, build_dir, *args, run_id, confirm=CONFIRM, lock_wait=6):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), ANSIBLE_NOCOLOR="1",
               ANSIBLE_FORCE_COLOR="0", KUBEVRF_LAB_PASSWORD=twins.password, ANSIBLE_HOST_KEY_CHECKING="false",
               ANSIBLE_PERSISTENT_COMMAND_TIMEOUT="30", ANSIBLE_PERSISTENT_CONNECT_TIMEOUT="30",
               ANSIBLE_DEPRECATION_WARNINGS="false", ANSIBLE_LOCAL_TEMP=str(twins.tmp / "atmp"),
               ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=str(twins.tmp / ("pc-" + run_id)))
    cmd = [PLAYBOOK_BIN, "-i", os.path.join(ROOT, "inventories", "lab", "hosts.yml"), "-i", str(twins.inventory),
           "playbooks/deploy_devices.yml", "-e", "tenancy_build_dir=%s" % build_dir, "-e", "tenancy_deploy_build=false",
           "-e", json.dumps({"tenancy_run_id": run_id, "tenancy_commit_confirm_timeout": confirm,
                             "tenancy_lock_wait": lock_wait})] + list(args)
    out = open(twins.tmp / ("out-%s.txt" % run_id), "w+", encoding="utf-8")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    proc.outfile = out
    return proc


def finish(proc, timeout=400):
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise
    proc.outfile.seek(0)
    proc.out = proc.outfile.read()
    proc.outfile.close()
    proc.recap = recap(proc.out)
    return proc


def arm(dev, fire_when, on_fire):
    """Wrap every new CLI session of ``dev``: the first line for which ``fire_when(line, seen)`` is true
    runs ``on_fire(session, raw, handle)`` (its answer, when not None, replaces the twin's)."""
    original = dev.session
    seen = []
    fired = threading.Event()

    def factory(user="admin"):
        sess = original(user)
        handle = sess.handle

        def hooked(raw):
            line = raw.strip()
            seen.append(line)
            if not fired.is_set() and fire_when(line, seen):
                fired.set()
                answer = on_fire(sess, raw, handle)
                if answer is not None:
                    return answer
            return handle(raw)

        sess.handle = hooked
        return sess

    dev.session = factory
    return fired


def killer(holder, sig):
    def on_fire(sess, raw, handle):
        os.killpg(holder["proc"].pid, sig)
        time.sleep(0.3)  # the line was received: the device still handles it, as a real one would
        return None
    return on_fire


def after_line(text, after=None):
    """Fire on the line ``text`` (whitespace-normalised), optionally only once ``after`` was seen."""
    def when(line, seen):
        if " ".join(line.split()) != text:
            return False
        return after is None or after in seen[:-1]
    return when


def settle(twins, timeout=90):
    """Wait until no IOS-XR trial commit is pending (the commit-confirmed timer has decided)."""
    end = time.time() + timeout
    while time.time() < end:
        if getattr(twins.devices["XRV"], "trial", None) is None:
            return
        time.sleep(0.5)
    raise AssertionError("the IOS-XR trial commit is still pending after %s s" % timeout)


@pytest.fixture(scope="module")
def states(build, tmp_path_factory):
    """BEFORE (a fresh lab) and AFTER (the same lab after a clean deploy) of every device."""
    tmp = tmp_path_factory.mktemp("clean")
    twins = Twins(tmp, str(build / "manifests"))
    try:
        before = twins.running()
        proc = finish(start(twins, build, run_id="clean"))
        assert proc.returncode == 0, proc.out[-4000:]
        after = twins.running()
        assert after != before
        yield {"before": before, "after": after}
    finally:
        twins.close()
        if RESULTS:
            width = max(len(r[0]) for r in RESULTS)
            summary = "\n".join("%-*s  %s" % (width, name, state) for name, state in RESULTS)
            sys.stderr.write("\nfault points (%d):\n%s\n" % (len(RESULTS), summary))


@pytest.fixture
def twins(build, tmp_path):
    t = Twins(tmp_path, str(build / "manifests"))
    t.devices["XRV"].confirm_min = 1
    try:
        yield t
    finally:
        t.close()


def check_states(name, twins, states, expect=None):
    """Every device at BEFORE or AFTER (``expect`` pins one device to one of them)."""
    got = {}
    for dev, text in twins.running().items():
        if text == states["before"][dev]:
            got[dev] = "before"
        elif text == states["after"][dev]:
            got[dev] = "after"
        else:
            got[dev] = "HALF-APPLIED"
    RESULTS.append((name, ", ".join("%s=%s" % kv for kv in sorted(got.items()))))
    assert "HALF-APPLIED" not in got.values(), (name, got)
    for dev, state in (expect or {}).items():
        assert got[dev] == state, (name, dev, got)
    return got


def corrupt(build, tmp_path, device, old, new):
    import shutil
    bad = tmp_path / ("bad-" + device)
    if not bad.exists():
        shutil.copytree(build, bad)
    cfg = bad / "configs" / ("%s.cfg" % device)
    text = cfg.read_text()
    assert old in text, old
    cfg.write_text(text.replace(old, new, 1))
    return bad


# ----------------------------------------------------------------------------- build faults (no kill)

BUILD_FAULTS = {
    "nxos rejected first line": ("Leaf01", LEAF_FIRST + "\n", "ip frobnicate first\n" + LEAF_FIRST + "\n"),
    "nxos rejected line under router bgp": ("Leaf01", "      advertise l2vpn evpn\n", "      advertise l2vpn evpn\n      frobnicate last\n"),
    "nxos dropped session mid-session": ("Leaf01", "  ip pim ssm range 232.0.0.0/8\n", "  description kubevrf-lab-drop-session\n"),
    "iosxr rejected line": ("XRV", " bgp router-id 192.168.40.40\n", " bgp router-id 192.168.40.40\n frobnicate now\n"),
    "iosxr dropped session mid-candidate": ("XRV", " bgp router-id 192.168.40.40\n",
                                            " bgp router-id 192.168.40.40\n description kubevrf-lab-drop-session\n"),
    "iosxr failed commit (remote-as missing)": ("XRV", "  remote-as 65000\n", ""),
}


@pytest.mark.parametrize("name", sorted(BUILD_FAULTS))
def test_build_fault(name, twins, build, states, tmp_path):
    device, old, new = BUILD_FAULTS[name]
    bad = corrupt(build, tmp_path, device, old, new)
    proc = finish(start(twins, bad, "-l", device, run_id="bf"))
    assert proc.returncode != 0
    assert proc.recap[device]["failed"] == 1
    assert "nothing was committed" in proc.out, proc.out[-3000:]
    assert "Traceback" not in proc.out
    check_states(name, twins, states, expect={device: "before"})


# ----------------------------------------------------------------------------- the controller dies

KILLS = {
    # name: (device, when, signal, expected state of that device or None for either)
    "nxos SIGKILL at the first session line": ("Leaf01", after_line(LEAF_FIRST), signal.SIGKILL, "before"),
    "nxos SIGKILL mid-session": ("Leaf01", after_line(LEAF_MIDDLE), signal.SIGKILL, "before"),
    "nxos SIGKILL at verify": ("Leaf01", after_line("verify"), signal.SIGKILL, "before"),
    "nxos SIGKILL at commit": ("Leaf01", after_line("commit"), signal.SIGKILL, None),
    "nxos SIGKILL at the post-check": ("Leaf01", after_line("show running-config", after="commit"), signal.SIGKILL, "after"),
    # Ctrl-C: the persistent-connection process may finish the task in flight (the whole session, committed)
    "nxos SIGINT mid-session": ("Leaf01", after_line(LEAF_MIDDLE), signal.SIGINT, None),
    "nxos SIGTERM mid-session": ("Leaf01", after_line(LEAF_MIDDLE), signal.SIGTERM, "before"),
    "iosxr SIGKILL mid-candidate": ("XRV", after_line(XR_MIDDLE), signal.SIGKILL, "before"),
    "iosxr SIGKILL at commit confirmed": ("XRV", lambda line, seen: line.startswith("commit confirmed"), signal.SIGKILL, "before"),
    "iosxr SIGKILL at the post-check": ("XRV", lambda line, seen: line == "show running-config" and any(
        s.startswith("commit confirmed") for s in seen), signal.SIGKILL, "before"),
    "iosxr SIGINT at commit confirmed": ("XRV", lambda line, seen: line.startswith("commit confirmed"), signal.SIGINT, "before"),
    "iosxr SIGTERM mid-candidate": ("XRV", after_line(XR_MIDDLE), signal.SIGTERM, "before"),
}


@pytest.mark.parametrize("name", sorted(KILLS))
def test_controller_killed(name, twins, build, states):
    device, when, sig, expect = KILLS[name]
    holder = {}
    fired = arm(twins.devices[device], when, killer(holder, sig))
    holder["proc"] = start(twins, build, "-l", device, run_id="kill", confirm=KILLED_CONFIRM)
    try:
        finish(holder["proc"], timeout=300)
    except subprocess.TimeoutExpired:
        pytest.fail("the killed controller did not exit")
    assert fired.is_set(), "the fault point was never reached"
    settle(twins)
    check_states(name, twins, states, expect={device: expect} if expect else None)
    if name == "nxos SIGKILL mid-session":
        # the next deploy aborts the session the killed one left behind and converges
        del twins.devices[device].session  # the class's own session factory again, without the fault hook
        proc = finish(start(twins, build, "-l", device, run_id="next"))
        assert proc.returncode == 0, proc.out[-3000:]
        assert twins.running()[device] == states["after"][device]


def test_iosxr_post_check_failure_is_rolled_back_by_the_timer(twins, build, states):
    """The PE answers the post-check without a rendered line: the deploy never confirms, the timer rolls back."""
    def hide(sess, raw, handle):
        return handle(raw).replace("\n ipv4 address 172.19.19.19 255.255.255.255", "")
    fired = arm(twins.devices["XRV"], lambda line, seen: line == "show running-config" and any(
        s.startswith("commit confirmed") for s in seen), hide)
    proc = finish(start(twins, build, "-l", "XRV", run_id="pc", confirm=KILLED_CONFIRM))
    assert fired.is_set()
    assert proc.returncode != 0
    assert "post-check failed" in proc.out and "the trial commit was not confirmed and the PE rolled it back" in proc.out
    settle(twins)
    check_states("iosxr post-check failure", twins, states, expect={"XRV": "before"})


# ----------------------------------------------------------------------------- concurrent runs

def test_held_locks_stop_the_deploy_naming_the_holder(twins, build, states):
    """Another login in the leaf's configuration session and in the PE's exclusive mode: both deploys stop."""
    leaf, xr = twins.devices["Leaf01"].session("other"), twins.devices["XRV"].session("other")
    assert leaf.handle("configure session kubevrf-tenancy") == ""
    assert xr.handle("configure exclusive") == ""
    proc = finish(start(twins, build, run_id="held", lock_wait=4))
    assert proc.returncode != 0
    assert "could not open configuration session kubevrf-tenancy within 4 s" in proc.out
    assert "Session kubevrf-tenancy is in use by other" in proc.out
    # cisco.iosxr does not read the refused "configure exclusive" as an error: its lines then meet the exec
    # prompt and are rejected there; either way nothing is committed on the PE.
    assert proc.recap["XRV"]["failed"] == 1 and "XRV: the device rejected" in proc.out
    assert "nothing was committed" in proc.out
    check_states("locks held by another login", twins, states, expect={"Leaf01": "before", "XRV": "before"})
    leaf.on_close()
    xr.on_close()


def test_two_deploys_at_once(twins, build, states):
    """Two controllers at once: each device ends at AFTER; a run that lost the race says why."""
    a = start(twins, build, run_id="a", lock_wait=120)
    b = start(twins, build, run_id="b", lock_wait=120)
    a, b = finish(a), finish(b)
    assert a.returncode == 0 or b.returncode == 0, (a.out[-2000:], b.out[-2000:])
    for p in (a, b):
        if p.returncode != 0:
            assert "locked" in p.out or "in use" in p.out, p.out[-3000:]
    settle(twins)
    check_states("two deploys at once", twins, states, expect={"Leaf01": "after", "XRV": "after"})
