# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS operational views of configuration: ``show vrf detail``, ``show route-map``, ``show nve vni [detail]``.

``nxos_vrf_detail(text)``  -> {"vrfs": [{"name", "id", "state", "rd", "vni", "fields": {key: value}}]}
``nxos_nve_vni(text)``     -> the table form's shape (tables.nxos_nve_vni) from the table or the ``detail`` blocks
``nxos_route_map(text)``   -> {"route_maps": [{"name", "action", "sequence", "match": {clause: [values]},
                               "set": {clause: [values]}}]}
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

from .partial import Unparsed
from .tables import nxos_nve_vni as nve_vni_table
from .text import Line, SplitOnce, clean_lines, iter_rows

_VRF_HEAD = re.compile(r"VRF-Name:\s*(?P<name>[^,\s]+),\s*VRF-ID:\s*(?P<id>\d+),\s*State:\s*(?P<state>\S+).*")
_KV = re.compile(r"(?P<k>[A-Za-z][\w /-]*?):\s*(?P<v>[^,]*?)\s*(?=,\s*[A-Za-z][\w /-]*?:|$)")
# "show vrf [<vrf>]" without detail: a table, one VRF a row (no RD: the detail form has it)
#   VRF-Name                           VRF-ID State   Reason
#   TN-A                                    3 Up      --
_VRF_TABLE_HEAD = re.compile(r"VRF-Name\s+VRF-ID\s+State\s+Reason")
_VRF_TABLE_ROW = re.compile(r"(?P<name>\S+)\s+(?P<id>\d+)\s+(?P<state>\S+)(?:\s+(?P<reason>\S.*))?")


def _in_key(ch: str) -> bool:
    """A character _KV's key class [\\w /-] takes."""
    return ch.isalnum() or ch in "_ /-" or _KV_WORD.fullmatch(ch) is not None


_KV_WORD = re.compile(r"\w")


def _starts_key(piece: str) -> bool:
    """*piece* (after a comma) opens with "<key>:" as _KV's lookahead ``,\\s*[A-Za-z][\\w /-]*?:`` wants it."""
    rest = piece.lstrip()
    if not rest[:1].isascii() or not rest[:1].isalpha():
        return False
    i = 1
    while i < len(rest) and _in_key(rest[i]):
        i += 1
    return rest[i:i + 1] == ":"


def _key_values(t: str) -> List[Tuple[str, str]]:
    """What ``_KV.finditer(t)`` finds, as (key, value) stripped, in time linear in the line.

    The regex's lazy value with blanks and a lookahead after it took time quadratic in a line of blanks (1 s on one
    4 kB line). A value holds no comma, so each match lies in one comma-separated piece: its key is the leftmost
    letter whose run of key characters reaches a colon; its value the rest of the piece; and it counts only when
    the piece is the last or the next piece opens with a key.
    """
    pieces = t.split(",")
    out: List[Tuple[str, str]] = []
    for n, piece in enumerate(pieces):
        if n + 1 < len(pieces) and not _starts_key(pieces[n + 1]):
            continue
        run_start = 0  # where the current run of key characters began
        for i, ch in enumerate(piece):
            if ch == ":":
                start = next((j for j in range(run_start, i) if piece[j].isascii() and piece[j].isalpha()), None)
                if start is not None:
                    out.append((piece[start:i].strip(), piece[i + 1:].strip()))
                    break
                run_start = i + 1
            elif not _in_key(ch):
                run_start = i + 1
    return out


def nxos_vrf_detail(text: Any) -> Dict[str, Any]:
    lines = clean_lines(text, "nxos_vrf_detail")
    out: Dict[str, Any] = {"vrfs": []}
    bad = Unparsed()
    cur: Optional[Dict[str, Any]] = None
    desc_below = False
    in_table = False  # below the header of the plain "show vrf" table
    table_indented = False  # an ACI leaf prints that whole table one blank in (" VRF-Name ...", " overlay-1 ..."): rows too
    for ln in lines:
        t = ln.text
        if _VRF_TABLE_HEAD.fullmatch(t):
            in_table, cur, table_indented = True, None, ln.indented
            continue
        m = _VRF_TABLE_ROW.fullmatch(t) if in_table and (table_indented or not ln.indented) else None
        if m:
            out["vrfs"].append({"name": m.group("name"), "id": int(m.group("id")), "state": m.group("state"), "rd": None,
                                "vni": None, "fields": {"Reason": m.group("reason")} if m.group("reason") else {}})
            continue
        m = _VRF_HEAD.fullmatch(t)
        if m:
            in_table = False
            cur = {"name": m.group("name"), "id": int(m.group("id")), "state": m.group("state"), "rd": None, "vni": None,
                   "fields": {}}
            out["vrfs"].append(cur)
            continue
        if desc_below and cur is not None and ln.indented:
            # "Description:" alone, its text on the line below (NX-OS prints a VRF's description that way)
            cur["fields"]["Description"] = t
            desc_below = False
            continue
        desc_below = cur is not None and t == "Description:"
        if cur is not None and ":" in t:
            for key, val in _key_values(t):
                if key == "RD":
                    cur["rd"] = val
                elif key in ("VNI", "L3VNI", "Vni") and val.isdecimal():
                    cur["vni"] = int(val)
                elif key not in cur["fields"]:
                    cur["fields"][key] = val
            continue
        bad.add(ln)
    out["unparsed"] = bad.export()
    return out


_RMAP_HEAD = re.compile(r"route-map (?P<name>\S+), (?P<action>permit|deny), sequence (?P<seq>\d+)\s*")
_CLAUSE = re.compile(r"(?P<k>[^:]+?)(?:\s+\((?P<filter>[^)]*)\))?:\s*(?P<v>.*)")
# Clause lines remembered per section (a large output repeats the same clauses in route-map after route-map):
# at most this many distinct lines of at most _MEMO_LEN characters each, so memory stays bounded on any input.
_MEMO_LIMIT = 4096
_MEMO_LEN = 256
Clause = Tuple[str, Tuple[str, ...]]


def match_clause(t: str) -> Optional[Tuple[str, str]]:
    """(name, values) of a match clause ("name: values", "name (filter): values"), None when *t* is not one.

    What ``_CLAUSE.fullmatch`` finds, with a shortcut for the usual line: with no "(" before its first colon
    no "(filter)" can sit there, so the name is all before that colon and the values all after it.
    """
    colon = t.find(":")
    if colon <= 0:  # the regex needs a colon after a name: without one, it took time quadratic in a line of blanks
        return None
    if t.find("(", 0, colon) < 0:
        return t[:colon].strip(), t[colon + 1:].lstrip()
    # A "(" before the first colon: the shortest name followed by blanks, "(filter)" and a colon, else all before the
    # first colon, as _CLAUSE.fullmatch reads it, found without the regex (its lazy name before blanks was quadratic).
    close = -1  # the first ")" after the "(" looked at (kept while it lies beyond the next "(")
    q = t.find("(", 0, colon)
    while q >= 0:
        w = q
        while w > 0 and t[w - 1].isspace():
            w -= 1
        end = max(w, 1)
        if end < q:
            if close <= q:
                close = t.find(")", q + 1)
            if close < 0:
                break
            if t[close + 1:close + 2] == ":":
                return t[:end].strip(), t[close + 2:].lstrip()
        q = t.find("(", q + 1, colon)
    return t[:colon].strip(), t[colon + 1:].lstrip()


def nxos_route_map(text: Any) -> Dict[str, Any]:
    # One pass over the lines as they are cleaned (plain tuples: a Line is built only for a line reported), nothing
    # kept per line; a clause line met before in the same section is one dict lookup (its name and values, split once).
    out: Dict[str, Any] = {"route_maps": []}
    maps = out["route_maps"]
    bad = Unparsed()
    cur: Optional[Dict[str, Any]] = None
    split = SplitOnce(commas=True)
    keys: Dict[str, str] = {}
    match_memo: Dict[str, Clause] = {}
    set_memo: Dict[str, Clause] = {}
    memo: Optional[Dict[str, Clause]] = None  # the memo of the section the lines are in (None: in no section)
    target: Dict[str, List[str]] = {}  # the clauses of that section
    head = _RMAP_HEAD.fullmatch
    for no, raw, t in iter_rows(text, "nxos_route_map"):
        if memo is not None:
            got = memo.get(t)
            if got is not None:  # only clause lines are remembered: neither a route-map line nor a section title
                have = target.get(got[0])
                if have is None:
                    target[got[0]] = list(got[1])
                else:
                    have.extend(got[1])
                continue
        m = head(t) if t.startswith("route-map ") else None
        if m:
            cur = {"name": m.group("name"), "action": m.group("action"), "sequence": int(m.group("seq")), "match": {}, "set": {}}
            maps.append(cur)
            memo = None
            continue
        if cur is None:
            bad.add(Line(no, raw, t))
            continue
        if t == "Match clauses:" or t == "Set clauses:":
            memo, target = (match_memo, cur["match"]) if t[0] == "M" else (set_memo, cur["set"])
            continue
        if memo is None:
            bad.add(Line(no, raw, t))
            continue
        if memo is match_memo:
            clause = match_clause(t)
            if clause is None:  # a match clause always has "name:"; anything else is not understood, never a set clause
                bad.add(Line(no, raw, t))
                continue
            key, vals = clause
        else:
            # set clauses print "community 100:1 additive" or "extcommunity RT:100:10 additive"
            key, _sep, vals = t.partition(" ")
            key = key.rstrip(":").strip()  # "distance: 10" and "community 100:1 additive" alike
        key = keys.setdefault(key, key)
        values = split(vals)
        target.setdefault(key, []).extend(values)
        if len(memo) < _MEMO_LIMIT and len(t) <= _MEMO_LEN:
            memo[t] = (key, tuple(values))
    out["unparsed"] = bad.export()
    return out


# "show nve vni [<vni>|interface nve1] detail" prints one block per VNI instead of the table:
#   VNI: 10077
#     NVE-Interface       : nve1
#     VNI State           : Up
#     VNI Type            : L3 [TENANT77]
_NVE_BLOCK = re.compile(r"VNI:\s*(?P<vni>\d+)")
# the key runs to its colon (one class without ":", no blank quantifier beside it: linear on any line)
_NVE_KV = re.compile(r"(?P<k>[A-Za-z][\w -]*):(?P<v>.*)")
_NVE_TYPE = re.compile(r"(?P<kind>L2|L3)\s*\[(?P<bd>[^\]]*)\]")
# The block keys that land in the shape; the others (Provision State, SVI State, DCI Mcast-Addr ...) are known text.
_NVE_KEYS = {"NVE-Interface": "interface", "Mcast-Addr": "multicast_group", "VNI State": "state", "Mode": "mode",
             "VNI Flags": "flags"}


def nxos_nve_vni(text: Any) -> Dict[str, Any]:
    """``show nve vni``: the table, or the ``detail`` form's blocks, as the same shape.

    The table reader took every line of the detail form as not understood and gave no VNI (status partial):
    a pasted ``show nve vni 50000 detail`` proved nothing about VNI 50000.
    """
    lines = clean_lines(text, "nxos_nve_vni")
    if not any(_NVE_BLOCK.fullmatch(ln.text) for ln in lines if not ln.indented):
        return nve_vni_table(text)
    out: Dict[str, Any] = {"vnis": []}
    bad = Unparsed()
    cur: Optional[Dict[str, Any]] = None
    for ln in lines:
        t = ln.text
        m = _NVE_BLOCK.fullmatch(t)
        if m and not ln.indented:
            cur = {"interface": None, "vni": int(m.group("vni")), "multicast_group": None, "state": None, "mode": None,
                   "type": None, "vrf": None, "vlan": None, "flags": None}
            out["vnis"].append(cur)
            continue
        kv = _NVE_KV.fullmatch(t) if cur is not None and ln.indented else None
        if kv is None:
            bad.add(ln)
            continue
        key, val = kv.group("k").strip(), kv.group("v").strip()
        if key in _NVE_KEYS:
            cur[_NVE_KEYS[key]] = val or None
        elif key == "VNI Type":
            tm = _NVE_TYPE.fullmatch(val)
            cur["type"] = tm.group("kind") if tm else (val or None)
            if tm:
                cur["vrf" if tm.group("kind") == "L3" else "vlan"] = tm.group("bd")
    out["unparsed"] = bad.export()
    return out
