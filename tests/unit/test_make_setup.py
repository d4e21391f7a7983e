# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make setup` installs only from requirements.lock, with hashes, and is a no-op until the lock changes.
Run on a copy of the Makefile with a stand-in venv python that records its arguments (no network)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    if shutil.which("make") is None:
        pytest.fail("make is needed (the README's two commands are make targets)")
    shutil.copy2(REPO / "Makefile", tmp_path / "Makefile")
    (tmp_path / "requirements.lock").write_text("pyyaml==6.0.3 \\\n    --hash=sha256:" + "0" * 64 + "\n", encoding="utf-8")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\necho "$@" >> "%s"\n' % (tmp_path / "calls.log"), encoding="utf-8")
    python.chmod(0o755)
    return tmp_path


def make_setup(project: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.run(["make", "--no-print-directory", "setup"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def calls(project: Path) -> list:
    log = project / "calls.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_setup_installs_the_lock_with_hashes_once(project):
    first = make_setup(project)
    assert first.returncode == 0, first.stdout + first.stderr
    assert calls(project) == ["-m pip install --quiet --require-hashes --no-deps -r requirements.lock"]
    second = make_setup(project)
    assert second.returncode == 0 and len(calls(project)) == 1, second.stdout  # nothing to do
    # a changed lock installs again
    time.sleep(1.1)
    (project / "requirements.lock").touch()
    third = make_setup(project)
    assert third.returncode == 0 and len(calls(project)) == 2, third.stdout + third.stderr


def test_setup_needs_neither_root_nor_apt():
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "apt-get" not in text and "sudo" not in text and "system-deps" not in text
    assert not (REPO / "tools" / "system-deps.sh").exists()
