# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Under CI=true a skipped test fails the run unless its reason is on the allow-list.

A skip hides a test that did not run: on a fresh clone the suite must carry what
it needs (the seed copy under tests/data, kubectl from the lock), so in CI a skip
is a failure unless the README's allow-list ("Tests and CI") explains it.
tests/conftest.py wires these functions to pytest's hooks; with pytest-xdist the
controller sees every worker's reports, so the check runs there once.
"""

from __future__ import annotations

import os
import re
from typing import Iterable, List, Optional, Pattern, Sequence, Tuple

# (reason, full-match pattern of the skip reason). Keep it short, and name every entry
# in the README (section "Tests and CI", "Skips").
ALLOWED_SKIPS: Tuple[Tuple[str, str], ...] = (
    ("molecule scenarios are opt-in outside make test / make molecule (make test sets KUBEVRF_MOLECULE=1)",
     r"slow: set KUBEVRF_MOLECULE=1 \(or make molecule\)"),
)


def ci_enforces() -> bool:
    """CI sets CI=true (so do most CI services); KUBEVRF_ALLOW_SKIPS=1 turns the check off for a local run."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes") and os.environ.get("KUBEVRF_ALLOW_SKIPS") != "1"


def skip_reason(report) -> Optional[str]:
    """The reason of a skipped test or collector report; None when it did not skip (xfail is not a skip)."""
    if not report.skipped or hasattr(report, "wasxfail"):
        return None
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        text = str(longrepr[2])
    else:
        text = str(longrepr)
    return text[len("Skipped: "):] if text.startswith("Skipped: ") else text


def _patterns(allowed: Iterable[Tuple[str, str]]) -> List[Pattern[str]]:
    return [re.compile(pattern) for _why, pattern in allowed]


def unexplained(skips: Sequence[Tuple[str, str]], allowed: Iterable[Tuple[str, str]] = ALLOWED_SKIPS) -> List[Tuple[str, str]]:
    """(nodeid, reason) of each skip whose reason no allow-list pattern fully matches."""
    patterns = _patterns(allowed)
    return [(nodeid, reason) for nodeid, reason in skips
            if not any(p.fullmatch(reason) for p in patterns)]


class SkipPolicy:
    """A pytest plugin: records skips; at the end, under CI=true, fails the run on unexplained ones."""

    def __init__(self, config, allowed: Iterable[Tuple[str, str]] = ALLOWED_SKIPS) -> None:
        self.config = config
        self.allowed = tuple(allowed)
        self.skips: List[Tuple[str, str]] = []

    def _record(self, report) -> None:
        reason = skip_reason(report)
        if reason is not None:
            self.skips.append((report.nodeid, reason))

    def pytest_runtest_logreport(self, report) -> None:
        self._record(report)

    def pytest_collectreport(self, report) -> None:
        self._record(report)

    def pytest_sessionfinish(self, session, exitstatus) -> None:
        if hasattr(self.config, "workerinput") or not ci_enforces():
            return  # an xdist worker: the controller sees its reports and decides once
        bad = unexplained(self.skips, self.allowed)
        if not bad:
            return
        lines = ["CI=true: %d skipped test(s) whose reason is not on the allow-list "
                 "(README, Tests and CI, Skips; tests/support/skip_policy.py):" % len(bad)]
        lines += ["  %s: %s" % (nodeid, reason) for nodeid, reason in bad]
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        for line in lines:
            if reporter is not None:
                reporter.write_line(line, red=True)
            else:
                print(line)
        if int(exitstatus) in (0, 5):  # OK or no tests: a failure now (any other status already fails)
            session.exitstatus = 1
