# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared text helpers: clean captured CLI output, small value converters.

Every parser first turns its text into ``Line`` records with
:func:`clean_lines`, so prompts, XR timestamps, ``--More--`` remnants, CRLF
and terminal control characters are handled in one place and error messages
can still quote the original line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from .errors import ParseError


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the text as captured
    raw: str  # the line with trailing blanks removed, indentation kept
    text: str  # the line stripped on both sides

    @property
    def indented(self) -> bool:
        return self.raw[:1] in (" ", "\t")


# Device prompt echoing the command (or a bare trailing prompt).
_PROMPTS = (
    re.compile(r"^RP/\d+/\S+?/CPU\d+:[^#\s]*#.*$"),  # IOS-XR
    re.compile(r"^[A-Za-z0-9][\w.\-()/]*#\s*((show|sh|sho)\b.*)?$"),  # NX-OS / IOS
    re.compile(r"^[\w.\-]+@[\w.\-]+:[^$#]*[$#]\s.*$"),  # shell: user@host:~$ cmd
    re.compile(r"^[\w.\-]+@[\w.\-]+:[^$#]*[$#]$"),
)
# IOS-XR stamps every command with the time it ran.
_TIMESTAMP = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d+ \d\d:\d\d:\d\d(\.\d+)? \S+$"
)
_MORE = re.compile(r"\s*-+\s*More\s*-+\s*")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _scrub(raw: str) -> str:
    raw = _ANSI.sub("", raw)
    # A pager erases "--More--" with backspaces; apply them.
    while "\b" in raw:
        i = raw.index("\b")
        raw = raw[: max(i - 1, 0)] + raw[i + 1:]
    raw = _MORE.sub("", raw) if "More" in raw else raw
    return raw.replace("\r", "").replace("\t", "    ").rstrip()


def clean_lines(text: str, command: str, keep_blank: bool = False) -> List[Line]:
    """Split *text* into cleaned lines, dropping prompts, XR timestamps and pager noise."""
    if not isinstance(text, str):
        raise ParseError(command, "expected the command output as text, got %s" % type(text).__name__)
    out: List[Line] = []
    for no, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        raw = _scrub(raw)
        stripped = raw.strip()
        if not stripped:
            if keep_blank:
                out.append(Line(no, "", ""))
            continue
        if _TIMESTAMP.match(stripped) or any(p.match(stripped) for p in _PROMPTS):
            continue
        out.append(Line(no, raw, stripped))
    return out


def to_int(value: str, command: str, line: Optional[Line] = None, what: str = "number") -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ParseError(command, "expected %s, got %r" % (what, value), line.no if line else None, line.raw if line else None)


def asn(value: str, command: str, line: Optional[Line] = None) -> int:
    """AS number as asplain int; asdot ``1.10`` becomes 65546."""
    if isinstance(value, int):
        return value
    if "." in str(value):
        hi, _sep, lo = str(value).partition(".")
        return to_int(hi, command, line, "AS number") * 65536 + to_int(lo, command, line, "AS number")
    return to_int(value, command, line, "AS number")


def opt_int(value: Optional[str]) -> Optional[int]:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def fail(command: str, reason: str, line: Optional[Line] = None) -> ParseError:
    return ParseError(command, reason, line.no if line else None, line.raw if line else None)


def require_content(lines: Sequence[Line], command: str) -> None:
    if not lines:
        raise ParseError(command, "no output to parse (empty text)")


def spans(raw: str) -> List[Tuple[str, int, int]]:
    """Tokens of *raw* with their start/end columns."""
    return [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\S+", raw)]


def header_columns(raw: str, names: Sequence[str]) -> Optional[dict]:
    """End column of each header word, or None when the header lost its spacing.

    Right-aligned numeric columns (Metric, LocPrf, Weight) end where their
    header word ends; the header is only trustworthy when it still has runs
    of several spaces, i.e. when it was captured from a real terminal.
    """
    if "  " not in raw.strip():
        return None
    cols = {}
    for name in names:
        idx = raw.find(name)
        if idx < 0:
            return None
        cols[name] = (idx, idx + len(name))
    return cols


_ROUTE_WEIGHT_LOCAL = "32768"


def split_path_attrs(tokens: List[Tuple[str, int, int]], cols: Optional[dict], command: str, line: Line) -> dict:
    """Metric / LocPrf / Weight / Path / origin from the tail of a BGP table row.

    With real column positions the numbers are placed by where they end.
    Without (whitespace collapsed, as in copied blog output) the layout is
    inferred: the origin code is last; a locally sourced route has weight
    32768; ``<metric> 100 <weight>`` is the iBGP/local-pref form; otherwise
    the first number is the weight and the rest is the AS path.
    """
    if not tokens:
        raise fail(command, "missing weight/path/origin columns", line)
    origin = tokens[-1][0]
    if origin not in ("i", "e", "?"):
        raise fail(command, "expected the origin code (i, e or ?) at the end of the route", line)
    nums = tokens[:-1]
    for tok, _s, _e in nums:
        if not re.match(r"^\{?[0-9.]+\}?$", tok):
            raise fail(command, "unexpected value %r in the metric/path columns" % tok, line)
    metric = local_pref = weight = None
    path: List[str] = []
    if cols is not None and line.indented:
        m_end = cols["Metric"][1]
        l_end = cols["LocPrf"][1]
        w_end = cols["Weight"][1]
        for tok, _s, end in nums:
            if end <= m_end + 1 and metric is None and weight is None and not path:
                metric = int(tok)
            elif end <= l_end + 1 and local_pref is None and weight is None and not path:
                local_pref = int(tok)
            elif end <= w_end + 1 and weight is None and not path:
                weight = int(tok)
            else:
                path.append(tok)
    else:
        vals = [t[0] for t in nums]
        if _ROUTE_WEIGHT_LOCAL in vals:
            w = vals.index(_ROUTE_WEIGHT_LOCAL)
        elif len(vals) >= 3 and vals[1] == "100":
            w = 2
        else:
            w = 0
        head = vals[:w]
        if len(head) == 2:
            metric, local_pref = int(head[0]), int(head[1])
        elif len(head) == 1:
            metric = int(head[0])
        elif len(head) > 2:
            raise fail(command, "cannot place the metric/local-preference columns", line)
        if vals:
            weight = int(vals[w])
            path = vals[w + 1:]
    if weight is None:
        raise fail(command, "missing the weight column", line)
    return {"metric": metric, "local_pref": local_pref, "weight": weight, "as_path": " ".join(path), "origin": origin}


STATUS_RE = r"(?P<status>[sxSdhi*>=br|&ac+mlI\- ]*?)"


def status_flags(status: str) -> dict:
    s = status.replace(" ", "")
    return {"valid": "*" in s, "best": ">" in s}
