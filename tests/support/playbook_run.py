# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the integration tests share to drive the real tools: build the lab inventory, run a playbook, read its recap.

Each integration module used to carry its own copy of these; one copy keeps the command lines (and the
recap's reading) the same everywhere.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterable, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOK_BIN = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
LAB_TENANCY = os.path.join(ROOT, "inventories", "lab", "group_vars", "all", "tenancy.yml")
LAB_HOSTS = os.path.join(ROOT, "inventories", "lab", "hosts.yml")

# "Leaf01 : ok=3 changed=1 unreachable=0 failed=0 skipped=2 rescued=0 ignored=0": every counter by name.
_RECAP_LINE = re.compile(r"^(\S+)\s+:\s+(ok=.*)$", re.M)
_COUNTER = re.compile(r"(\w+)=(\d+)")


def build_lab(out: Path, parts: str, timeout: int = 120) -> Path:
    """``tools/tenancy.py build`` of the lab inventory into *out*, only *parts* (e.g. "cilium,isovalent")."""
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "tenancy.py"), "build", LAB_TENANCY,
                           "--out", str(out), "--parts", parts],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def run_playbook(args: Iterable[str], env: Optional[Dict[str, str]] = None,
                 timeout: int = 300) -> Tuple[subprocess.CompletedProcess, str]:
    """ansible-playbook beside this python, from the checkout, no colour; returns (process, stdout + stderr)."""
    full_env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), ANSIBLE_NOCOLOR="1",
                    ANSIBLE_FORCE_COLOR="0")
    full_env.update(env or {})
    proc = subprocess.run([PLAYBOOK_BIN] + list(args), cwd=ROOT, env=full_env, capture_output=True, text=True,
                          timeout=timeout, check=False)
    return proc, proc.stdout + proc.stderr


def recap(out: str) -> Dict[str, Dict[str, int]]:
    """PLAY RECAP counters per host: ``{"Leaf01": {"ok": 3, "changed": 1, "failed": 0, ...}}``."""
    return {m.group(1): {k: int(v) for k, v in _COUNTER.findall(m.group(2))} for m in _RECAP_LINE.finditer(out)}
