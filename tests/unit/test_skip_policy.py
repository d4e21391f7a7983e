# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Under CI=true a skip fails the run unless its reason is on the allow-list (tests/support/skip_policy.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SUPPORT = Path(__file__).resolve().parents[1] / "support"
sys.path.insert(0, str(SUPPORT))

from skip_policy import ALLOWED_SKIPS, unexplained  # noqa: E402

CONFTEST = """
import sys
sys.path.insert(0, %r)
from skip_policy import SkipPolicy

def pytest_configure(config):
    config.pluginmanager.register(SkipPolicy(config, [("test entry", r"known reason \\d+")]), "policy")
"""

TESTS = {
    "test_plain.py": """
        import pytest
        def test_runs():
            assert True
        @pytest.mark.xfail(reason="an expected failure is not a skip")
        def test_xfail():
            assert False
    """,
    "test_allowed.py": """
        import pytest
        def test_known():
            pytest.skip("known reason 42")
    """,
    "test_unexplained.py": """
        import pytest
        @pytest.mark.skipif(True, reason="the seed file is missing")
        def test_hidden():
            assert True
    """,
    "test_module_skip.py": """
        import pytest
        pytest.skip("whole module skipped", allow_module_level=True)
    """,
    "test_allowed_prefix_only.py": """
        import pytest
        def test_prefix():
            pytest.skip("known reason 42 and something else")
    """,
}


def run(tmp_path: Path, files, env_ci, *args: str) -> subprocess.CompletedProcess:
    (tmp_path / "conftest.py").write_text(CONFTEST % str(SUPPORT), encoding="utf-8")
    for name in files:
        (tmp_path / name).write_text(textwrap.dedent(TESTS[name]), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "KUBEVRF_ALLOW_SKIPS", "PYTEST_ADDOPTS")}
    if env_ci is not None:
        env["CI"] = env_ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *args],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_unexplained_skip_fails_under_ci_and_is_named(tmp_path):
    proc = run(tmp_path, ["test_plain.py", "test_unexplained.py"], "true")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "1 skipped test(s) whose reason is not on the allow-list" in proc.stdout
    assert "test_unexplained.py::test_hidden: the seed file is missing" in proc.stdout


def test_the_same_run_passes_outside_ci(tmp_path):
    proc = run(tmp_path, ["test_plain.py", "test_unexplained.py"], None)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "allow-list" not in proc.stdout


def test_allow_listed_reason_and_xfail_pass_under_ci(tmp_path):
    proc = run(tmp_path, ["test_plain.py", "test_allowed.py"], "true")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 skipped" in proc.stdout and "1 xfailed" in proc.stdout


def test_reason_must_match_the_allow_list_entry_whole(tmp_path):
    proc = run(tmp_path, ["test_allowed.py", "test_allowed_prefix_only.py"], "true")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "known reason 42 and something else" in proc.stdout
    assert "test_allowed.py::test_known" not in proc.stdout


def test_module_level_skip_counts(tmp_path):
    proc = run(tmp_path, ["test_plain.py", "test_module_skip.py"], "true")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "test_module_skip.py: whole module skipped" in proc.stdout


def test_skips_on_xdist_workers_fail_the_controllers_run(tmp_path):
    proc = run(tmp_path, ["test_plain.py", "test_unexplained.py", "test_allowed.py"], "true", "-n", "2")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "1 skipped test(s) whose reason is not on the allow-list" in proc.stdout


def test_a_failing_run_keeps_its_own_status(tmp_path):
    (tmp_path / "test_fail.py").write_text("def test_fails():\n    assert False\n", encoding="utf-8")
    proc = run(tmp_path, ["test_unexplained.py"], "true")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "1 failed" in proc.stdout


@pytest.mark.parametrize("reason, allowed", [
    ("slow: set KUBEVRF_MOLECULE=1 (or make molecule)", True),
    ("slow: set KUBEVRF_MOLECULE=1 (or make molecule)\n", False),
    ("slow: set KUBEVRF_MOLECULE=1 (or make molecule) and more", False),
    ("the seed file is not at /somewhere", False),
    ("kubectl is not installed at /usr/bin/kubectl", False),
])
def test_project_allow_list_matches_whole_reasons(reason, allowed):
    assert (unexplained([("t", reason)], ALLOWED_SKIPS) == []) is allowed
