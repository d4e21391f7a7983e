# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Partial results: what a parser understood plus the lines it did not.

A line a parser cannot place is recorded (1-based number as captured, the
text, and whether it *may hold facts*: an address, a prefix or a count
that could be a route or a session) instead of failing the whole file.
The verifier treats a fact-bearing unparsed line as "unverifiable": the
assertions on that capture cannot pass silently.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, List

from .errors import ParseError
from .text import Line

# An address or prefix somewhere in the line: the line could be a route, a next hop or a neighbour.
_FACTUAL = re.compile(
    r"(?<![\w:.])(\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?"  # IPv4 address or prefix
    r"|[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{1,4}){0,6}::(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,6})?(?:/\d{1,3})?"  # IPv6 with ::
    r"|[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){7}(?:/\d{1,3})?)(?![\w:.])"  # full IPv6
)
# A CLI that answers an error or "nothing here" instead of a table.
CLI_ERROR = re.compile(r"%\s*(Invalid|Incomplete|Ambiguous|Unknown|Unrecognized|Error|Permission|Command)\b.*|"
                       r"(Syntax error|Invalid command|Error: ).*|\s*\^\s*", re.IGNORECASE)
EMPTY_ANSWER = re.compile(
    r"%?\s*(No such VRF|VRF \S+ not found|BGP instance (is )?not active|BGP (is )?not active|BGP not (running|enabled)|"
    r"No BGP|Network not in table|No matching routes|No routes|No entries|No SIDs|No locators|"
    r"Route table for VRF \S+ not found|No IP(v6)? Rout(e|ing) Table for VRF|no such|does not exist|not (active|configured|found|enabled)|"
    r"% BGP|No peers|BGP Control Plane (is )?(disabled|not enabled)|There are no BGP|No BGP peers).*",
    re.IGNORECASE)
MAX_UNPARSED = 1000  # lines listed one by one; the rest are counted in two records, so memory stays bounded on hostile input


def may_hold_facts(text: str) -> bool:
    """True when *text* carries an address or prefix, so losing it could hide a route or a session."""
    return bool(_FACTUAL.search(text))


class Unparsed:
    """Collects the lines a parser skipped.

    The first MAX_UNPARSED are listed; the others are summed up in (at most)
    two last records that carry ``count`` (how many lines each stands for):
    one for those that may hold facts, one for the rest. So the totals stay
    exact (:func:`unparsed_count`) and a fact-bearing line past the limit
    still makes the capture "unverifiable".
    """

    def __init__(self) -> None:
        self.items: List[Dict[str, Any]] = []
        self.count = 0
        self.more = 0  # lines past the listed ones
        self.more_factual = 0
        self.more_from = 0  # line number of the first of them

    def add(self, ln: Line, reason: str = "unrecognised line") -> None:
        self.count += 1
        if len(self.items) < MAX_UNPARSED:
            self.items.append({"line": ln.no, "text": ln.raw, "reason": reason, "may_hold_facts": may_hold_facts(ln.text)})
            return
        if not self.more:
            self.more_from = ln.no
        self.more += 1
        self.more_factual += may_hold_facts(ln.text)

    def add_raw(self, no: int, raw: str, reason: str) -> None:
        self.add(Line(no, raw, raw.strip()), reason)

    def export(self) -> List[Dict[str, Any]]:
        out = sorted(self.items, key=lambda u: u["line"])
        # Two summaries, so that both the total and the count of lines that may hold facts stay exact.
        for count, factual in ((self.more - self.more_factual, False), (self.more_factual, True)):
            if count:
                out.append({"line": self.more_from, "reason": "not listed, to bound memory", "may_hold_facts": factual, "count": count,
                            "text": "(%d more unparsed lines from here on%s)" % (count, " that may hold facts" if factual else "")})
        return out


def unparsed_count(records: Any) -> int:
    """How many lines *records* (a result's ``unparsed``, or a part of it) stand for: a summary record counts its lines."""
    return sum(u.get("count", 1) if isinstance(u, dict) else 1 for u in records or [])


def factual_unparsed(result: Any) -> List[Dict[str, Any]]:
    """The unparsed lines of a result that could hold a route or a session."""
    if not isinstance(result, dict):
        return []
    return [u for u in result.get("unparsed") or [] if isinstance(u, dict) and u.get("may_hold_facts")]


MAX_RETRIES = 24
RETRY_BUDGET = 8_000_000  # characters read by all the re-runs of one strict parse, about


def retry_without_bad_lines(fn: Callable[[str], Dict[str, Any]], text: Any) -> Dict[str, Any]:
    """Run a strict parser; when it names a bad line, blank that line, record it and run again.

    Bounded: at most MAX_RETRIES re-runs (linear time overall); an error
    without a line number, or more bad lines than that, is a ParseError.
    """
    if not isinstance(text, str):
        res = fn(text)
        res.setdefault("unparsed", [])
        return res
    lines: List[str] = []
    skipped = Unparsed()
    # Each re-run reads the whole text again: past a few MB, fewer re-runs, so the total read stays about
    # RETRY_BUDGET characters (a 10 MB capture with one bad line still gets its re-run).
    retries = min(MAX_RETRIES, max(2, RETRY_BUDGET // max(len(text), 1)))
    for attempt in range(retries + 1):
        try:
            res = fn(text if attempt == 0 else "\n".join(lines))
        except ParseError as exc:
            if attempt == 0:
                lines = text.replace("\r\n", "\n").split("\n")  # copied only when a line has to go
            no = exc.line_no
            if no is None or not 1 <= no <= len(lines) or not lines[no - 1].strip():
                raise
            skipped.add_raw(no, lines[no - 1].rstrip(), exc.reason)
            lines[no - 1] = ""
            continue
        res = dict(res)
        res["unparsed"] = sorted(list(res.get("unparsed") or []) + skipped.export(), key=lambda u: u["line"])
        return res
    raise ParseError(getattr(fn, "__name__", "parser"), "more than %d unrecognised lines" % retries)
