# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input problems, collected and reported all at once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Sequence, Tuple, Union

PathPart = Union[str, int]


def format_path(parts: Iterable[PathPart]) -> str:
    """``("tenants", 1, "community")`` -> ``tenants[1].community``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += "[%d]" % part
        else:
            out += ("." if out else "") + part
    return out or "(top level)"


def _show(value: Any) -> str:
    try:
        text = json.dumps(value, sort_keys=True, default=str)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


@dataclass(frozen=True)
class Issue:
    """One problem in the inventory: where, what was there, what is valid."""

    rule: str  # stable id, e.g. "duplicate-vni"
    path: str  # data path, e.g. tenants[1].vrf.l3vni
    message: str
    value: Any = None
    valid: str = ""

    def format(self) -> str:
        text = "%s: %s (got %s)" % (self.path, self.message, _show(self.value))
        if self.valid:
            text += "; valid: %s" % self.valid
        return text + " [%s]" % self.rule

    def to_dict(self) -> Dict[str, Any]:
        return {
            "rule": self.rule,
            "path": self.path,
            "message": self.message,
            "value": self.value,
            "valid": self.valid,
        }


def sort_issues(issues: Sequence[Issue]) -> List[Issue]:
    """Stable order: by path then rule, duplicates removed."""
    seen: Dict[Tuple[str, str, str], Issue] = {}
    for issue in issues:
        seen.setdefault((issue.path, issue.rule, issue.message), issue)
    return [seen[k] for k in sorted(seen)]


class TenancyInputError(ValueError):
    """The tenant inventory is invalid; carries every problem found."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = sort_issues(issues)
        super().__init__(self.report())

    def report(self) -> str:
        lines = ["tenant inventory is invalid: %d problem(s)" % len(self.issues)]
        lines.extend("  - " + issue.format() for issue in self.issues)
        return "\n".join(lines)
