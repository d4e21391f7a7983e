# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""BGP show-output pieces that NX-OS and IOS-XR print alike.

The address token and router-id line, the neighbor rows of ``show bgp ...
summary``, and the status, metric, local-preference, weight and path
columns of a BGP table.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .text import Line, asn, fail

# An IPv4 or IPv6 address as a token: hex digits, dots and colons, at least one dot or colon.
# The first part cannot hold the separator, so matching is deterministic (linear, no backtracking).
IP = r"[0-9a-fA-F]*[.:][0-9a-fA-F:.]*"
IP_RE = re.compile("^" + IP + r"\Z")
ROUTER_ID_LINE = re.compile(r"^BGP router identifier (?P<rid>\S+), local AS number (?P<asn>\S+)$")


def summary_neighbor_row(toks: List[str], second: str, command: str, line: Line, counters_line: Line) -> Dict[str, Any]:
    """One neighbor of a ``show bgp ... summary`` table, from its tokens.

    Columns: Neighbor, then V (NX-OS) or Spk (IOS-XR) stored as *second*, AS,
    MsgRcvd, MsgSent, TblVer, InQ, OutQ, Up/Down and State/PfxRcd, where a
    count means the session is Established. The row may have been joined
    from two lines: *line* is where it starts, *counters_line* is quoted when
    a counter is not a number.
    """
    if len(toks) < 10 or not IP_RE.match(toks[0]):
        raise fail(command, "unrecognised neighbor row", line)
    for n in [toks[1]] + toks[3:8]:
        if not n.isdecimal():
            raise fail(command, "expected counters in the neighbor row, got %r" % n, counters_line)
    state = " ".join(toks[9:])
    return {"neighbor": toks[0], second: int(toks[1]), "remote_as": asn(toks[2], command, line),
            "msg_rcvd": int(toks[3]), "msg_sent": int(toks[4]), "tbl_ver": int(toks[5]),
            "in_q": int(toks[6]), "out_q": int(toks[7]), "up_down": toks[8],
            "state": "Established" if state.isdecimal() else state,
            "prefixes_received": int(state) if state.isdecimal() else None}


def status_flags(status: str) -> Dict[str, bool]:
    """The valid (``*``) and best (``>``) marks of a BGP table row's status codes."""
    s = status.replace(" ", "")
    return {"valid": "*" in s, "best": ">" in s}


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
