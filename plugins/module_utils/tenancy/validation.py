# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One validation run: inventory + snapshot -> verification + reports on disk."""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

from . import model, report, scope as scope_mod
from .expect import expectations
from .observe import observe
from .snapshot import Snapshot
from .verify import ERROR, verify


def run(data: Any, snap: Snapshot, dest: str, live: bool = False, tenants: Optional[Sequence[str]] = None) -> Dict[str, Any]:
    """Plan, verify and write reports; raises TenancyInputError for a bad inventory.

    ``tenants`` (checked names of the inventory's tenants; empty: all) limits which error findings decide the verdict
    (see scope.py); the verification and the reports still cover every tenant."""
    intent = model.plan(data)
    exp = expectations(intent, observe(intent, snap.lookup))
    ver = verify(exp, snap.lookup, live=live)
    scope: Optional[Dict[str, Any]] = None
    passed = ver.passed
    if tenants:
        inside, outside = scope_mod.split(ver.findings, list(tenants), scope_mod.vrf_owners(data))
        passed = not [f for f in inside if f.severity == ERROR]
        scope = {"tenants": list(tenants), "passed": passed, "outside": [f.to_dict() for f in outside],
                 "outside_errors": len([f for f in outside if f.severity == ERROR])}
    written = report.write_reports(dest, exp, ver, snap.source, scope, forms=snap.forms)
    summary = report.console_summary(ver, dest, scope)
    how = report.forms_line(ver, snap.forms)
    if how:  # which NX-OS captures were read as JSON, and which fell back to text
        head, _sep, rest = summary.partition("\n")
        summary = "\n".join(x for x in (head, how, rest) if x)
    return {
        "passed": passed,
        "verification": ver,
        "expectations": exp,
        "counts": report.counts(ver),
        "findings": [f.to_dict() for f in ver.findings],
        "reports": written["files"],
        "notes": written["notes"],
        "summary": summary,
    }
