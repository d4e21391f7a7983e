# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``python -m lab.twins start|status|stop|run``: the lab's device twins as a daemon.

``start`` forks ``run`` into the background (pid file, log file and the
state file ``lab.json`` in the state directory, default ``build/lab/``) and
writes an Ansible inventory, ``hosts.yml``, pointing at the twins' ports.
``stop`` ends it; ``status`` lists the devices and their ports.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from typing import Dict, List, Optional

from .iosxr import IosxrDevice
from .nxos import NxosDevice
from .world import WorkloadsFeed, WorldError, device_specs

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_WORKLOADS = os.path.join("inventories", "lab.workloads.yml")
DEFAULT_STATE = os.path.join("build", "lab")
DEFAULT_PORTS = {"Leaf01": 2201, "XRV": 2202}
PASSWORD_ENV = "KUBEVRF_LAB_PASSWORD"
OS_CLASSES = {"nxos": NxosDevice, "iosxr": IosxrDevice}
NETWORK_OS = {"nxos": "cisco.nxos.nxos", "iosxr": "cisco.iosxr.iosxr"}


def build_devices(root: str = ROOT, workloads: Optional[str] = None, manifests: Optional[str] = None,
                  clock=time.time, kube_state: Optional[str] = None):
    """Device twins for every device in the workloads file, fed by its speakers.

    With ``kube_state`` (the Kubernetes API twin's state directory) the routes
    come live from what that twin's Cilium nodes advertise (lab.kube.feed);
    otherwise from the workloads file and the rendered manifests.
    """
    path = workloads or os.path.join(root, DEFAULT_WORKLOADS)
    manifests = manifests if manifests is not None else os.path.join(root, "build", "manifests")
    if kube_state:
        from lab.kube.feed import KubeFeed  # only needed when the API twin is wired in
        feed = KubeFeed(os.path.abspath(kube_state))
    else:
        feed = WorkloadsFeed(path, manifests)
    out = []
    for spec in device_specs(path, root):
        cls = OS_CLASSES[spec.os]
        out.append(cls(spec.name, feed, clock=clock, baseline=spec.baseline, fabric_prefixes=spec.fabric_prefixes))
    return out


def inventory_text(devices, ports: Dict[str, int], state_dir: str) -> str:
    lines = ["---", "# Written by `python -m lab.twins start`: the lab's device twins on 127.0.0.1.",
             "all:", "  children:"]
    groups = {"nxos": "nxos_leaves", "iosxr": "iosxr_pes"}
    for os_name, group in groups.items():
        members = [d for d in devices if d.os_name == os_name]
        if not members:
            continue
        lines += ["    %s:" % group, "      hosts:"]
        for d in members:
            lines += ["        %s:" % d.name, "          ansible_host: 127.0.0.1",
                      "          ansible_port: %d" % ports[d.name],
                      "          ansible_network_os: %s" % NETWORK_OS[os_name]]
        lines += ["      vars:", "        ansible_connection: ansible.netcommon.network_cli",
                  "        ansible_user: admin",
                  "        ansible_password: \"{{ lookup('ansible.builtin.env', '%s', default='admin') }}\""
                  % PASSWORD_ENV,
                  "        ansible_ssh_private_key_file: %s" % os.path.join(state_dir, "id_ed25519"),
                  "        ansible_host_key_checking: false"]
    return "\n".join(lines) + "\n"


FREE_PORTS_HINT = "KUBEVRF_LAB_FREE_PORTS=1 (or -e lab_free_ports=true, or python -m lab.twins start --free-ports)"


def ports_in_use(ports: Dict[str, int], host: str = "127.0.0.1") -> Dict[str, int]:
    """The fixed ports (device -> port) something else already listens on."""
    busy = {}
    for name, port in sorted(ports.items()):
        if not port:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((host, port))
            except OSError:
                busy[name] = port
    return busy


def port_in_use_message(busy: Dict[str, int]) -> str:
    """One line naming the ports in use and the way to pick free ones."""
    which = ", ".join("%d (%s)" % (port, name) for name, port in sorted(busy.items(), key=lambda kv: kv[1]))
    return "lab: port %s on 127.0.0.1 already in use; pick free ports with %s" % (which, FREE_PORTS_HINT)


def _paths(state_dir: str) -> Dict[str, str]:
    return {k: os.path.join(state_dir, v) for k, v in
            {"pid": "lab.pid", "log": "lab.log", "state": "lab.json", "inventory": "hosts.yml",
             "client_key": "id_ed25519"}.items()}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_state(state_dir: str) -> Optional[dict]:
    p = _paths(state_dir)
    try:
        with open(p["state"], encoding="utf-8") as fh:
            state = json.load(fh)
    except (OSError, ValueError):
        return None
    return state if _alive(int(state.get("pid", 0))) else None


def run(args) -> int:
    """Foreground: serve until SIGTERM / SIGINT."""
    from .sshserver import Lab, ensure_key
    state_dir = os.path.abspath(args.state_dir)
    os.makedirs(state_dir, exist_ok=True)
    p = _paths(state_dir)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        devices = build_devices(ROOT, args.workloads, args.manifests, kube_state=args.kube_state)
    except (WorldError, ValueError) as exc:
        print("lab: %s" % exc, file=sys.stderr)
        return 2
    client = ensure_key(p["client_key"])
    ports = {d.name: (0 if args.free_ports else DEFAULT_PORTS.get(d.name, 0)) for d in devices}
    busy = ports_in_use(ports)
    if busy:
        print(port_in_use_message(busy), file=sys.stderr)
        return 2
    password = os.environ.get(PASSWORD_ENV, "admin")
    lab = Lab(devices, state_dir, users={"admin": password}, ports=ports,
              authorized_keys=[client.export_public_key().decode()])
    try:
        lab.start()
    except RuntimeError as exc:
        busy = ports_in_use(ports)
        print(port_in_use_message(busy) if busy else "lab: %s" % exc, file=sys.stderr)
        return 2
    state = {"pid": os.getpid(), "host": "127.0.0.1", "started": time.time(),
             "feed": os.path.abspath(args.kube_state) if args.kube_state else "workloads",
             "devices": {d.name: {"os": d.os_name, "port": lab.ports[d.name]} for d in devices},
             "inventory": p["inventory"], "log": p["log"]}
    with open(p["inventory"], "w", encoding="utf-8") as fh:
        fh.write(inventory_text(devices, lab.ports, state_dir))
    with open(p["state"] + ".tmp", "w", encoding="utf-8") as fh:
        json.dump(state, fh, indent=2, sort_keys=True)
    os.replace(p["state"] + ".tmp", p["state"])
    with open(p["pid"], "w", encoding="utf-8") as fh:
        fh.write("%d\n" % os.getpid())
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    logging.info("lab up: %s", ", ".join("%s on 127.0.0.1:%d" % kv for kv in sorted(lab.ports.items())))
    done.wait()
    lab.stop()
    for key in ("state", "pid"):
        try:
            os.remove(p[key])
        except OSError:
            pass
    logging.info("lab stopped")
    return 0


def _report(state: Optional[dict], as_json: bool, changed: bool) -> None:
    if as_json:
        print(json.dumps({"running": bool(state), "changed": changed, "state": state}, sort_keys=True))
        return
    if not state:
        print("lab: not running")
        return
    print("lab: running (pid %d), inventory %s" % (state["pid"], state["inventory"]))
    for name, d in sorted(state["devices"].items()):
        print("  %-10s %-6s ssh -p %d admin@127.0.0.1" % (name, d["os"], d["port"]))


def start(args) -> int:
    state_dir = os.path.abspath(args.state_dir)
    state = _read_state(state_dir)
    wanted = os.path.abspath(args.kube_state) if args.kube_state else "workloads"
    if state and state.get("feed", "workloads") == wanted:
        _report(state, args.json, False)
        return 0
    if state:  # running with another route feed: restart it with the one asked for
        stop(argparse.Namespace(state_dir=state_dir, timeout=args.timeout, json=False), quiet=True)
    os.makedirs(state_dir, exist_ok=True)
    p = _paths(state_dir)
    cmd = [sys.executable, "-m", "lab.twins", "run", "--state-dir", state_dir]
    for opt in ("workloads", "manifests", "kube_state"):
        if getattr(args, opt):
            cmd += ["--" + opt.replace("_", "-"), getattr(args, opt)]
    if args.free_ports:
        cmd.append("--free-ports")
    with open(p["log"], "a", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                start_new_session=True)
    deadline = time.time() + args.timeout
    while time.time() < deadline:
        state = _read_state(state_dir)
        if state and state.get("pid") == proc.pid:
            _report(state, args.json, True)
            return 0
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    if proc.poll() is None:
        proc.terminate()
    tail: List[str] = []
    try:
        with open(p["log"], encoding="utf-8") as fh:
            tail = fh.readlines()[-5:]
    except OSError:
        pass
    reason = [ln.strip() for ln in tail if ln.startswith("lab: ")]
    if reason:  # the twins said why, in one line: that line first, the log after it
        print("%s (log: %s)" % (reason[-1], p["log"]), file=sys.stderr)
        return 1
    print("lab: failed to start; see %s\n%s" % (p["log"], "".join(tail)), file=sys.stderr)
    return 1


def stop(args, quiet: bool = False) -> int:
    state_dir = os.path.abspath(args.state_dir)
    state = _read_state(state_dir)
    if not state:
        _report(None, args.json, False)
        return 0
    pid = int(state["pid"])
    os.kill(pid, signal.SIGTERM)
    deadline = time.time() + args.timeout
    while time.time() < deadline and _alive(pid):
        time.sleep(0.1)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
    for key in ("state", "pid"):
        try:
            os.remove(_paths(state_dir)[key])
        except OSError:
            pass
    if quiet:
        pass
    elif args.json:
        print(json.dumps({"running": False, "changed": True, "state": None}))
    else:
        print("lab: stopped")
    return 0


def status(args) -> int:
    state = _read_state(os.path.abspath(args.state_dir))
    _report(state, args.json, False)
    return 0 if state else 3


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m lab.twins", description=__doc__.split("\n\n", maxsplit=1)[0])
    ap.add_argument("action", choices=["start", "stop", "status", "run"])
    ap.add_argument("--state-dir", default=os.path.join(ROOT, DEFAULT_STATE))
    ap.add_argument("--workloads", help="lab workloads file (default %s)" % DEFAULT_WORKLOADS)
    ap.add_argument("--manifests", help="rendered manifests directory (default build/manifests)")
    ap.add_argument("--kube-state", help="state dir of the Kubernetes API twin (build/lab/kube): take the "
                    "Cilium nodes' routes live from it instead of the workloads file")
    ap.add_argument("--free-ports", action="store_true", help="any free ports instead of 2201, 2202, ...")
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--json", action="store_true", help="machine-readable output (for playbooks/lab.yml)")
    args = ap.parse_args(argv)
    return {"start": start, "stop": stop, "status": status, "run": run}[args.action](args)
