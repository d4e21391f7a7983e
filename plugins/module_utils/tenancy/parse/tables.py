# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Column tables read by their header: SRv6 SIDs and locators (IOS-XR), NX-OS ``show nve vni``.

A header line names the columns; each row is cut at the header's column
starts when the spacing is intact and split on blanks when it is not.
A row whose first cell is empty continues the previous row (wrapped cell).
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .partial import Unparsed
from .text import Line, clean_lines

Columns = List[Tuple[str, int]]  # (key, start column)


# A header word as a whole word, compiled once per word (the callers' names are a fixed, small set).
_HEADER_WORDS: Dict[str, "re.Pattern[str]"] = {}


def header(ln: Line, names: Sequence[Tuple[str, str]]) -> Optional[Columns]:
    """Columns of *ln* when it holds every header word of *names* ((printed name, key)), in order."""
    raw = ln.raw
    # Every row is tested for being a header: a substring test (C speed) rules most out before any pattern runs.
    if not all(printed in raw for printed, _key in names):
        return None
    cols: Columns = []
    pos = 0
    for printed, key in names:
        word = _HEADER_WORDS.get(printed)
        if word is None:
            word = re.compile(r"(?<!\S)" + re.escape(printed) + r"(?!\S)")
            if len(_HEADER_WORDS) < 256:
                _HEADER_WORDS[printed] = word
        m = word.search(raw, pos)
        if m is None:
            return None
        cols.append((key, m.start()))
        pos = m.end()
    return cols


def cut(ln: Line, cols: Columns) -> Dict[str, str]:
    """Cells of a row by column start; a cell that spills left of its column keeps its whole word."""
    raw = ln.raw
    out: Dict[str, str] = {}
    starts = [c[1] for c in cols] + [len(raw) + 1]
    for i, (key, _start) in enumerate(cols):
        a, b = starts[i], starts[i + 1]
        # Move both edges to the nearest blank so a value wider than its header is not split.
        while 0 < a < len(raw) and raw[a - 1] != " ":
            a -= 1
        while 0 < b < len(raw) and raw[b - 1] != " ":
            b -= 1
        out[key] = raw[a:b].strip() if a < len(raw) else ""
    return out


_RULE = re.compile(r"[-=\s]+")

# ------------------------------------------------------------------ SRv6 SIDs (IOS-XR)

_SID_COLS = (("SID", "sid"), ("Behavior", "behavior"), ("Context", "context"), ("Owner", "owner"), ("State", "state"))
# A guide may paste the table cut after its Context column ("SID  Behavior  Context" and rows of three cells): the
# header still places the columns; without it a row's context was read as part of its behavior and its VRF was lost.
_SID_HEADS = (_SID_COLS, _SID_COLS[:4], _SID_COLS[:3])
_LOCATOR_BANNER = re.compile(r"\*+\s*Locator:\s*'?(?P<name>[^'*]+?)'?\s*\*+")
_SIDTOK = re.compile(r"[0-9a-fA-F]{1,4}:[0-9a-fA-F:]{1,40}")


def srv6_sids(text: Any, locator: Optional[str] = None) -> Dict[str, Any]:
    """``show segment-routing srv6 [locator <l>] sid``.

    *locator* is the one the command named: "show ... locator No5 sid" prints no "*** Locator: 'No5' ***" banner, every
    row is a SID of that locator. A banner still wins.
    """
    lines = clean_lines(text, "srv6_sids")
    out: Dict[str, Any] = {"sids": []}
    bad = Unparsed()
    cols: Optional[Columns] = None
    wrapped: Dict[int, List[str]] = {}  # SID index -> the lines its context went on to
    for ln in lines:
        t = ln.text
        m = _LOCATOR_BANNER.fullmatch(t)
        if m:
            locator = m.group("name").strip()
            continue
        h = next((c for c in (header(ln, names) for names in _SID_HEADS) if c), None) if "Behavior" in t else None
        if h:
            cols = h
            continue
        if _RULE.fullmatch(t):
            continue
        toks = t.split()
        # A row starts in the SID column (captures pasted with an indent keep it); a wrapped Context starts further right.
        sid_col = cols[1][1] if cols and len(cols) > 1 else 1
        if toks and _SIDTOK.fullmatch(toks[0]) and len(ln.raw) - len(ln.raw.lstrip()) < sid_col:
            cells = cut(ln, cols) if cols else {}
            if not cells or cells.get("sid") != toks[0]:
                cells = {"sid": toks[0], "behavior": " ".join(toks[1:-3]), "context": "", "owner": "", "state": ""}
            out["sids"].append({"sid": cells["sid"], "behavior": cells.get("behavior") or None,
                                "context": cells.get("context") or None, "owner": cells.get("owner") or None,
                                "state": (cells.get("state") or "").split(" ")[0] or None, "locator": locator,
                                "vrf": _ctx_vrf(cells.get("context") or "")})
            continue
        if out["sids"] and ln.indented:
            # the context wrapped onto the next line: its pieces are joined once at the end (joining them line by line
            # copied the whole context again on each line, quadratic on a long run of them)
            wrapped.setdefault(len(out["sids"]) - 1, []).append(t)
            continue
        bad.add(ln)
    for idx, pieces in wrapped.items():
        sid = out["sids"][idx]
        sid["context"] = " ".join(([sid["context"]] if sid["context"] else []) + pieces).strip()
        sid["vrf"] = _ctx_vrf(sid["context"])
    out["unparsed"] = bad.export()
    return out


def _ctx_vrf(context: str) -> Optional[str]:
    m = re.match(r"'([^']*)'", context)
    return m.group(1) if m else None


_LOC_COLS = (("Name", "name"), ("ID", "id"), ("Algo", "algo"), ("Prefix", "prefix"), ("Status", "status"))
# XR 7.1/7.2 print no Algo column ("Name  ID  Prefix  Status").
_LOC_COLS_NO_ALGO = (("Name", "name"), ("ID", "id"), ("Prefix", "prefix"), ("Status", "status"))
# XR 7.1 marks a locator's name with "*" in the table ("No5*  1  fd00:5:5::/64  Up"); the name configured is "No5".
_LOC_NAME_MARK = "*"


# The lines "show segment-routing srv6 locator [<name>] detail" prints below each locator row: its uSID flag, the
# interface that carries it (with "IPv6 address range: <the locator's prefix>") and bookkeeping. They are the row's
# detail, never a locator of their own, though one holds a prefix.
# XR 7.1 prints "IPv6 address: <prefix>" where later releases print "IPv6 address range:"; a full-length (non-uSID)
# locator's detail also counts its SIDs ("Number of SIDs: 0").
_LOC_DETAIL = re.compile(r"(?:\([A-Z]\):|Interface:|Name:|IFH\s*:|IPv[46] address(?: range)?:|Chkpt Obj ID:|Created:|Algorithm:|"
                         r"Number of SIDs:).*")


def srv6_locators(text: Any) -> Dict[str, Any]:
    """``show segment-routing srv6 locator [<name>] [detail]``."""
    lines = clean_lines(text, "srv6_locators")
    out: Dict[str, Any] = {"locators": []}
    bad = Unparsed()
    seen_header = False
    for ln in lines:
        t = ln.text
        if header(ln, _LOC_COLS) or header(ln, _LOC_COLS_NO_ALGO):
            seen_header = True
            continue
        if _RULE.fullmatch(t):
            continue
        if seen_header and out["locators"] and _LOC_DETAIL.fullmatch(t):
            continue
        toks = t.split()
        pfx = next((i for i, x in enumerate(toks) if re.fullmatch(r"[0-9a-fA-F:]+/\d{1,3}", x)), None)
        if seen_header and pfx is not None and pfx >= 1 and not toks[0].endswith(":"):
            out["locators"].append({"name": toks[0].rstrip(_LOC_NAME_MARK) or toks[0], "id": int(toks[1]) if len(toks) > 1 and toks[1].isdecimal() else None,
                                    "algo": int(toks[2]) if pfx >= 3 and toks[2].isdecimal() else None, "prefix": toks[pfx],
                                    "status": toks[pfx + 1] if len(toks) > pfx + 1 else None,
                                    "flags": toks[pfx + 2] if len(toks) > pfx + 2 else None})
            continue
        bad.add(ln)
    out["unparsed"] = bad.export()
    return out


# ------------------------------------------------------------------ NX-OS nve vni

_NVE_HDR = re.compile(r"Interface\s+VNI\s+Multicast-group\s+State\s+Mode\s+Type.*")
_NVE_ROW = re.compile(r"(?P<intf>nve\d+)\s+(?P<vni>\d+)\s+(?P<mcast>\S+)\s+(?P<state>\S+)\s+(?P<mode>\S+)\s+(?P<type>\S+(?: \[[^\]]*\])?)(?:\s+(?P<flags>.*))?")

_NVE_LEGEND = re.compile(r"[\w-]{1,8} - \S")  # "CP - Control Plane", "UC - Unconfigured"
_NVE_L2L3 = re.compile(r"(?P<kind>L2|L3)\s*\[(?P<bd>[^\]]*)\]")


def nxos_nve_vni(text: Any) -> Dict[str, Any]:
    """``show nve vni``: VNI, state, type (L2 [vlan] / L3 [vrf])."""
    lines = clean_lines(text, "nxos_nve_vni")
    out: Dict[str, Any] = {"vnis": []}
    bad = Unparsed()
    after_header = False
    for ln in lines:
        t = ln.text
        # the header's last column alone on the next line: the header was wrapped ("... Type [BD/VRF]" / "Flags")
        if after_header and t == "Flags":
            after_header = False
            continue
        after_header = bool(_NVE_HDR.fullmatch(t))
        if after_header or t.startswith("Codes:") or t.startswith("SU -") or _RULE.fullmatch(t) or t.startswith("SA -") \
                or _NVE_LEGEND.match(t):
            continue
        m = _NVE_ROW.fullmatch(t)
        if m:
            typ = m.group("type")
            tm = _NVE_L2L3.fullmatch(typ)
            out["vnis"].append({"interface": m.group("intf"), "vni": int(m.group("vni")), "multicast_group": m.group("mcast"),
                                "state": m.group("state"), "mode": m.group("mode"), "type": tm.group("kind") if tm else typ,
                                "vrf": tm.group("bd") if tm and tm.group("kind") == "L3" else None,
                                "vlan": tm.group("bd") if tm and tm.group("kind") == "L2" else None,
                                "flags": (m.group("flags") or "").strip() or None})
            continue
        bad.add(ln)
    out["unparsed"] = bad.export()
    return out
