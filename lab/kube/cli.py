# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``python -m lab.kube``: run the API twin, and talk to it like the cilium CLI.

    python -m lab.kube start|stop|status|run [--state-dir build/lab/kube]
    python -m lab.kube cilium bgp peers [-o json] [--cluster k8s-oss]
    python -m lab.kube cilium bgp routes [available|advertised] [ipv4 unicast] [peer ADDR] [-o json]
    python -m lab.kube fault --cluster k8s-oss --kind CiliumBGPAdvertisement --action 500 [--count 1]
    python -m lab.kube fault --cluster k8s-oss --clear
    python -m lab.kube crds isovalent            # the lab's Isovalent CRDs as YAML

Without ``--cluster`` the cilium and fault commands use the current context
of ``$KUBECONFIG`` (so ``KUBECONFIG=build/lab/kube/k8s-oss.kubeconfig
python -m lab.kube cilium bgp peers`` works like the real CLI).
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import logging
import os
import signal
import ssl
import subprocess
import sys
import threading
import time
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import urlencode, urlsplit

import yaml

from .world import ROOT, LabConfigError

DEFAULT_STATE = os.path.join("build", "lab", "kube")


class CliError(Exception):
    pass


def _state_path(state_dir: str) -> str:
    return os.path.join(state_dir, "state.json")


def _read_state(state_dir: str) -> Optional[Dict[str, Any]]:
    try:
        with open(_state_path(state_dir), encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie child of ours is not alive
        with open("/proc/%d/stat" % pid, encoding="utf-8") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


# ------------------------------------------------------------------ lifecycle


def cmd_run(args: argparse.Namespace) -> int:
    from .app import Lab
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s",
                        filename=os.path.join(args.state_dir, "kube.log") if args.log_to_file else None)
    ports = dict(p.split("=", 1) for p in args.port or [])
    lab = Lab(args.state_dir, args.inventory, args.workloads, {k: int(v) for k, v in ports.items()},
              preload_crds=not args.no_crds, crd_establish_delay=args.crd_delay)
    state = lab.start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    for name, info in sorted(state["clusters"].items()):
        print("%s: %s (kubeconfig %s)" % (name, info["server"], info["kubeconfig"]), flush=True)
    done.wait()
    lab.stop()
    try:
        os.remove(_state_path(args.state_dir))
    except OSError:
        pass
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    state = _read_state(args.state_dir)
    if state and _alive(int(state.get("pid", 0))):
        print("the Kubernetes API twin is already running (pid %s)" % state["pid"])
        return cmd_status(args)
    os.makedirs(args.state_dir, exist_ok=True)
    try:
        os.remove(_state_path(args.state_dir))
    except OSError:
        pass
    argv = [sys.executable, "-m", "lab.kube", "--state-dir", args.state_dir, "run", "--log-to-file",
            "--crd-delay", str(args.crd_delay)]
    for flag, value in (("--inventory", args.inventory), ("--workloads", args.workloads)):
        if value:
            argv += [flag, value]
    for port in args.port or []:
        argv += ["--port", port]
    if args.no_crds:
        argv.append("--no-crds")
    with open(os.path.join(args.state_dir, "kube.out"), "ab") as out:
        proc = subprocess.Popen(argv, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, env=dict(os.environ, PYTHONPATH=ROOT))
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        state = _read_state(args.state_dir)
        if state and state.get("pid") == proc.pid:
            return cmd_status(args)
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    if proc.poll() is None:
        proc.terminate()
    with open(os.path.join(args.state_dir, "kube.out"), encoding="utf-8", errors="replace") as handle:
        tail = handle.read()[-2000:]
    raise CliError("the Kubernetes API twin did not start; its output:\n%s" % tail)


def cmd_stop(args: argparse.Namespace) -> int:
    state = _read_state(args.state_dir)
    if not state or not _alive(int(state.get("pid", 0))):
        print("the Kubernetes API twin is not running")
        return 0
    pid = int(state["pid"])
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
    print("stopped the Kubernetes API twin (pid %d)" % pid)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    state = _read_state(args.state_dir)
    if not state or not _alive(int(state.get("pid", 0))):
        print("the Kubernetes API twin is not running")
        return 3
    print("Kubernetes API twin running, pid %s; kubeconfig %s" % (state["pid"], state["kubeconfig"]))
    for name, info in sorted(state["clusters"].items()):
        print("  %-16s %s  (%s; kubeconfig %s)" % (name, info["server"], info["flavour"], info["kubeconfig"]))
    return 0


# ------------------------------------------------------------------ talking to a running twin


def _endpoint(args: argparse.Namespace) -> Tuple[str, str, str, str]:
    """(server url, CA pem, token, cluster name) from --cluster + state, or $KUBECONFIG's current context."""
    path = None
    if args.cluster:
        state = _read_state(args.state_dir)
        if not state:
            raise CliError("the Kubernetes API twin is not running (no %s); start it with `python -m lab.kube "
                           "start`" % _state_path(args.state_dir))
        if args.cluster not in state["clusters"]:
            raise CliError("no cluster %r in the lab (clusters: %s)" % (args.cluster, ", ".join(sorted(state["clusters"]))))
        path = state["clusters"][args.cluster]["kubeconfig"]
    else:
        path = (os.environ.get("KUBECONFIG") or "").split(os.pathsep)[0] or os.path.join(args.state_dir, "kubeconfig")
    try:
        with open(path, encoding="utf-8") as handle:
            cfg = yaml.safe_load(handle)
        ctx_name = getattr(args, "context", None) or cfg["current-context"]  # --context, like the real cilium CLI
        ctx = next(c["context"] for c in cfg["contexts"] if c["name"] == ctx_name)
        cluster = next(c["cluster"] for c in cfg["clusters"] if c["name"] == ctx["cluster"])
        user = next(u["user"] for u in cfg["users"] if u["name"] == ctx["user"])
        ca = base64.b64decode(cluster["certificate-authority-data"]).decode()
        return cluster["server"], ca, user["token"], ctx["cluster"]
    except (OSError, KeyError, StopIteration, TypeError, ValueError, yaml.YAMLError) as exc:
        raise CliError("cannot use the kubeconfig %s: %s" % (path, exc))


def request(server: str, ca_pem: str, token: str, method: str, path: str, body: Any = None,
            timeout: float = 10) -> Tuple[int, bytes]:
    url = urlsplit(server)
    context = ssl.create_default_context(cadata=ca_pem)
    conn = http.client.HTTPSConnection(url.hostname, url.port, context=context, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        conn.request(method, path, body=data, headers={"Authorization": "Bearer " + token,
                                                       "Content-Type": "application/json",
                                                       "User-Agent": "lab-kube-cli/1.0"})
        resp = conn.getresponse()
        return resp.status, resp.read()
    except OSError as exc:
        raise CliError("cannot reach the Kubernetes API twin at %s: %s" % (server, exc))
    finally:
        conn.close()


def cmd_cilium(args: argparse.Namespace) -> int:
    words = list(args.words)
    if words[:1] != ["bgp"] or len(words) < 2 or words[1] not in ("peers", "routes"):
        raise CliError("usage: cilium bgp peers|routes [available|advertised] [AFI SAFI] [peer ADDRESS] [-o json]")
    query: Dict[str, str] = {}
    if args.output == "json":
        query["output"] = "json"
    if words[1] == "routes":
        rest = words[2:]
        if rest and rest[0] in ("available", "advertised"):
            query["type"] = rest.pop(0)
        if len(rest) >= 2 and rest[0] in ("ipv4", "ipv6"):
            query["afi"], query["safi"] = rest[0], rest[1]
            rest = rest[2:]
        if len(rest) >= 2 and rest[0] in ("peer", "neighbor"):
            query["peer"] = rest[1]
            rest = rest[2:]
        if rest:
            raise CliError("unexpected arguments: %s" % " ".join(rest))
    server, ca, token, _name = _endpoint(args)
    code, body = request(server, ca, token, "GET", "/lab/v1/cilium/bgp/%s?%s" % (words[1], urlencode(query)))
    if code != 200:
        raise CliError("the API twin answered %d: %s" % (code, body.decode(errors="replace")[:500]))
    if args.output == "json":
        print(json.dumps(json.loads(body), indent=2, sort_keys=True))
    else:
        sys.stdout.write(body.decode())
    return 0


def cmd_fault(args: argparse.Namespace) -> int:
    server, ca, token, name = _endpoint(args)
    if args.clear:
        code, body = request(server, ca, token, "DELETE", "/lab/v1/faults")
    elif args.list:
        code, body = request(server, ca, token, "GET", "/lab/v1/faults")
    else:
        if not args.kind or not args.action:
            raise CliError("fault needs --kind and --action (or --clear / --list)")
        spec = {"kind": args.kind, "action": args.action, "count": args.count, "seconds": args.seconds}
        if args.name:
            spec["name"] = args.name
        if args.verbs:
            spec["verbs"] = args.verbs.split(",")
        code, body = request(server, ca, token, "POST", "/lab/v1/faults", spec)
    if code >= 300:
        raise CliError("the API twin answered %d: %s" % (code, body.decode(errors="replace")[:500]))
    print(json.dumps(dict(json.loads(body), cluster=name), indent=2, sort_keys=True))
    return 0


def cmd_crds(args: argparse.Namespace) -> int:
    from .isovalent_crds import isovalent_crds
    if args.which != "isovalent":
        raise CliError("only `crds isovalent` is known")
    sys.stdout.write(yaml.safe_dump_all(isovalent_crds(), sort_keys=False))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m lab.kube", description=__doc__.split("\n\n", maxsplit=1)[0])
    top.add_argument("--state-dir", default=os.path.join(ROOT, DEFAULT_STATE))
    sub = top.add_subparsers(dest="command", required=True)
    for name, func in (("run", cmd_run), ("start", cmd_start)):
        p = sub.add_parser(name, help="%s the API twin" % ("run in the foreground" if name == "run" else "start"))
        p.add_argument("--inventory", help="tenant inventory (default inventories/lab/group_vars/all/tenancy.yml)")
        p.add_argument("--workloads", help="lab workloads file (default inventories/lab.workloads.yml)")
        p.add_argument("--port", action="append", metavar="CLUSTER=PORT", help="fixed port for a cluster")
        p.add_argument("--no-crds", action="store_true", help="start without the Cilium/Isovalent CRDs")
        p.add_argument("--crd-delay", type=float, default=0.0, help="seconds before a new CRD is Established")
        p.add_argument("--timeout", type=float, default=30.0)
        p.add_argument("--log-to-file", action="store_true")
        p.set_defaults(func=func)
    sub.add_parser("stop", help="stop the API twin").set_defaults(func=cmd_stop)
    sub.add_parser("status", help="is it running, on which ports").set_defaults(func=cmd_status)
    p = sub.add_parser("cilium", help="the cilium CLI's bgp commands, answered from the twin")
    p.add_argument("words", nargs="+")
    p.add_argument("-o", "--output", choices=["json", "text"], default="text")
    p.add_argument("--cluster")
    p.add_argument("--context", help="kubeconfig context (default: the current context)")
    p.set_defaults(func=cmd_cilium)
    p = sub.add_parser("fault", help="inject API errors for a kind")
    p.add_argument("--cluster")
    p.add_argument("--kind")
    p.add_argument("--action", choices=["409", "500", "422", "hang"])
    p.add_argument("--name", default="")
    p.add_argument("--verbs", default="", help="comma separated (default create,update,patch,delete)")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--seconds", type=float, default=30.0)
    p.add_argument("--clear", action="store_true")
    p.add_argument("--list", action="store_true")
    p.set_defaults(func=cmd_fault)
    p = sub.add_parser("crds", help="print the lab's Isovalent CRDs")
    p.add_argument("which")
    p.set_defaults(func=cmd_crds)
    return top


def main(argv: Optional[List[str]] = None) -> int:
    # `cilium ... -o json` must parse even when -o comes after the words
    argv = list(sys.argv[1:] if argv is None else argv)
    if "cilium" in argv:
        at = argv.index("cilium")
        head, tail, options = argv[:at + 1], argv[at + 1:], []
        words = []
        while tail:
            item = tail.pop(0)
            if item in ("-o", "--output", "--cluster") and tail:
                options += [item, tail.pop(0)]
            elif item.startswith("--output=") or item.startswith("--cluster="):
                options.append(item)
            else:
                words.append(item)
        argv = head + options + words
    args = parser().parse_args(argv)
    args.state_dir = os.path.abspath(args.state_dir)
    try:
        return args.func(args)
    except (CliError, LabConfigError) as exc:
        print("lab.kube: %s" % exc, file=sys.stderr)
        return 2
