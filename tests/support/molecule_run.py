# -*- coding: utf-8 -*-
"""Running one molecule scenario of this checkout, for the molecule test modules."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Iterable, Tuple

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
MOLECULE = os.path.join(BIN, "molecule")

SLOW_MARKS = [
    pytest.mark.skipif(not os.path.exists(MOLECULE), reason="molecule is not installed beside python"),
    pytest.mark.skipif(os.environ.get("KUBEVRF_MOLECULE") != "1", reason="slow: set KUBEVRF_MOLECULE=1 (or make molecule)"),
]


def run_scenario(scenario: str, unset: Iterable[str] = ()) -> Tuple[int, str]:
    """``molecule test -s scenario`` from the checkout: its exit code and all its output.

    ``unset`` names environment variables the scenario sets itself, so a
    value left in the caller's environment cannot leak into it.
    """
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""), NO_COLOR="1",
               ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"))
    for name in unset:
        env.pop(name, None)
    proc = subprocess.run([MOLECULE, "test", "-s", scenario], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=1800, check=False)  # lab_racks takes up to 15 min on a busy 2-core machine
    return proc.returncode, proc.stdout + proc.stderr
