# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One validation run: inventory + snapshot -> verification + reports on disk."""

from __future__ import annotations

from typing import Any, Dict

from . import model, report
from .expect import expectations
from .observe import observe
from .snapshot import Snapshot
from .verify import verify


def run(data: Any, snap: Snapshot, dest: str, live: bool = False) -> Dict[str, Any]:
    """Plan, verify and write reports; raises TenancyInputError for a bad inventory."""
    intent = model.plan(data)
    exp = expectations(intent, observe(intent, snap.lookup))
    ver = verify(exp, snap.lookup, live=live)
    written = report.write_reports(dest, exp, ver, snap.source)
    return {
        "passed": ver.passed,
        "verification": ver,
        "expectations": exp,
        "counts": report.counts(ver),
        "findings": [f.to_dict() for f in ver.findings],
        "reports": written["files"],
        "notes": written["notes"],
        "summary": report.console_summary(ver, dest),
    }
