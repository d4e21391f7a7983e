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
from .text import clean_lines

_VRF_HEAD = re.compile(r"VRF-Name:\s*(?P<name>[^,\s]+),\s*VRF-ID:\s*(?P<id>\d+),\s*State:\s*(?P<state>\S+).*")
_KV = re.compile(r"(?P<k>[A-Za-z][\w /-]*?):\s*(?P<v>[^,]*?)\s*(?=,\s*[A-Za-z][\w /-]*?:|$)")


def nxos_vrf_detail(text: Any) -> Dict[str, Any]:
    lines = clean_lines(text, "nxos_vrf_detail")
    out: Dict[str, Any] = {"vrfs": []}
    bad = Unparsed()
    cur: Optional[Dict[str, Any]] = None
    for ln in lines:
        t = ln.text
        m = _VRF_HEAD.fullmatch(t)
        if m:
            cur = {"name": m.group("name"), "id": int(m.group("id")), "state": m.group("state"), "rd": None, "vni": None,
                   "fields": {}}
            out["vrfs"].append(cur)
            continue
        if cur is not None and ":" in t:
            for kv in _KV.finditer(t):
                key, val = kv.group("k").strip(), kv.group("v").strip()
                if key == "RD":
                    cur["rd"] = val
                elif key in ("VNI", "L3VNI", "Vni") and val.isdigit():
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
    lines = clean_lines(text, "nxos_route_map")
    out: Dict[str, Any] = {"route_maps": []}
    bad = Unparsed()
    cur: Optional[Dict[str, Any]] = None
    section = None
    for ln in lines:
        t = ln.text
        m = _RMAP_HEAD.fullmatch(t)
        if m:
            cur = {"name": m.group("name"), "action": m.group("action"), "sequence": int(m.group("seq")), "match": {}, "set": {}}
            out["route_maps"].append(cur)
            section = None
            continue
        if cur is not None and t in ("Match clauses:", "Set clauses:"):
            section = "match" if t.startswith("Match") else "set"
            continue
        if cur is not None and section is not None:
            m = _CLAUSE.fullmatch(t)
            if m and section == "match":
                cur["match"].setdefault(m.group("k").strip(), []).extend(m.group("v").replace(",", " ").split())
                continue
            # set clauses print "community 100:1 additive" or "extcommunity RT:100:10 additive"
            key, _sep, vals = t.partition(" ")
            key = key.rstrip(":")  # "distance: 10" and "community 100:1 additive" alike
            cur["set"].setdefault(key.strip(), []).extend(vals.replace(",", " ").split())
            continue
        bad.add(ln)
    out["unparsed"] = bad.export()
    return out
