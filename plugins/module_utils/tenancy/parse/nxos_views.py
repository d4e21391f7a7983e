# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS operational views of configuration: ``show vrf detail`` and ``show route-map``.

``nxos_vrf_detail(text)``  -> {"vrfs": [{"name", "id", "state", "rd", "vni", "fields": {key: value}}]}
``nxos_route_map(text)``   -> {"route_maps": [{"name", "action", "sequence", "match": {clause: [values]},
                               "set": {clause: [values]}}]}
"""

from __future__ import annotations

import re
from typing import Any, Dict, Optional

from .partial import Unparsed
from .text import SplitOnce, clean_lines, iter_clean

_VRF_HEAD = re.compile(r"VRF-Name:\s*(?P<name>[^,\s]+),\s*VRF-ID:\s*(?P<id>\d+),\s*State:\s*(?P<state>\S+).*")
_KV = re.compile(r"(?P<k>[A-Za-z][\w /-]*?):\s*(?P<v>[^,]*?)\s*(?=,\s*[A-Za-z][\w /-]*?:|$)")


def nxos_vrf_detail(text: Any) -> Dict[str, Any]:
    lines = clean_lines(text, "nxos_vrf_detail")
    out: Dict[str, Any] = {"vrfs": []}
    bad = Unparsed()
    cur: Optional[Dict[str, Any]] = None
    desc_below = False
    for ln in lines:
        t = ln.text
        m = _VRF_HEAD.fullmatch(t)
        if m:
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
            for kv in _KV.finditer(t):
                key, val = kv.group("k").strip(), kv.group("v").strip()
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


def nxos_route_map(text: Any) -> Dict[str, Any]:
    # One pass over the lines as they are cleaned (nothing kept per line); clause names and values are shared strings.
    out: Dict[str, Any] = {"route_maps": []}
    maps = out["route_maps"]
    bad = Unparsed()
    cur: Optional[Dict[str, Any]] = None
    section = None
    split = SplitOnce(commas=True)
    keys: Dict[str, str] = {}
    for ln in iter_clean(text, "nxos_route_map"):
        t = ln.text
        m = _RMAP_HEAD.fullmatch(t) if t.startswith("route-map ") else None
        if m:
            cur = {"name": m.group("name"), "action": m.group("action"), "sequence": int(m.group("seq")), "match": {}, "set": {}}
            maps.append(cur)
            section = None
            continue
        if cur is None:
            bad.add(ln)
            continue
        if t == "Match clauses:" or t == "Set clauses:":
            section = "match" if t[0] == "M" else "set"
            continue
        if section is not None:
            m = _CLAUSE.fullmatch(t) if section == "match" else None
            if m:
                key = m.group("k").strip()
                cur["match"].setdefault(keys.setdefault(key, key), []).extend(split(m.group("v")))
                continue
            if section == "match":  # a match clause always has "name:"; anything else is not understood, never a set clause
                bad.add(ln)
                continue
            # set clauses print "community 100:1 additive" or "extcommunity RT:100:10 additive"
            key, _sep, vals = t.partition(" ")
            key = key.rstrip(":").strip()  # "distance: 10" and "community 100:1 additive" alike
            cur["set"].setdefault(keys.setdefault(key, key), []).extend(split(vals))
            continue
        bad.add(ln)
    out["unparsed"] = bad.export()
    return out
