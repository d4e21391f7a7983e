# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tolerant routing-table (RIB) parsers with per-VRF attribution.

``nxos_route_table(text)``   show ip route [vrf <v|all>] / show ipv6 route ... (NX-OS)
``iosxr_route_table(text)``  show route [vrf <v|all>] [ipv4|ipv6] (IOS-XR)

Both return ``{"routes": [{"vrf", "prefix", "protocol", "code", "connected",
"srv6", "paths": [{"next_hop", "nexthop_vrf", "interface", "distance",
"metric", "age", "best", "protocol", "tags"}]}], "unparsed": [...]}``.
Every route carries the VRF of the table it was printed under, so
``vrf all`` output is never merged into one VRF.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from .partial import Unparsed
from .text import clean_lines

_PFX = r"(?:\d{1,3}(?:\.\d{1,3}){3}/\d{1,2}|[0-9a-fA-F]{0,4}:[0-9a-fA-F:.]{1,45}/\d{1,3})"

# ------------------------------------------------------------------ NX-OS

_NX_TABLE = re.compile(r"IP(?:v6)? Rout(?:e|ing) Table for VRF \"?(?P<vrf>[^\"\s]+)\"?.*")
_NX_ROUTE = re.compile(r"(?P<pfx>" + _PFX + r"), ubest/mbest: (?P<u>\d+)/(?P<m>\d+)(?P<flags>.*)")
_NX_VIA = re.compile(r"(?P<best>\*{0,2})via (?P<rest>.*)")
_NX_LEGEND = re.compile(r"('\*'|'\*\*'|'\[x/y\]'|'%<string>'|'%')(?:\s.*)?")
_DIST = re.compile(r"\[(?P<d>\d+)/(?P<m>\d+)\]")


def _nx_via(best: str, rest: str) -> Dict[str, Any]:
    parts = [p.strip() for p in rest.split(",")]
    nh = parts[0] if parts else ""
    vrf = None
    if "%" in nh:
        nh, _sep, vrf = nh.partition("%")
    elif nh.startswith("vrf "):  # "*via vrf default, Null0, ...": no next hop, only the VRF the route points into
        nh, vrf = "", nh[4:].strip()
    path: Dict[str, Any] = {"next_hop": nh, "nexthop_vrf": vrf, "interface": None, "distance": None, "metric": None,
                            "age": None, "best": best.startswith("*"), "protocol": None, "tags": []}
    after_dist = 0
    for p in parts[1:]:
        m = _DIST.fullmatch(p)
        if m:
            path["distance"], path["metric"] = int(m.group("d")), int(m.group("m"))
            after_dist = 1
            continue
        if not after_dist:
            path["interface"] = p
        elif after_dist == 1:
            path["age"] = p
            after_dist = 2
        elif after_dist == 2:
            path["protocol"] = p
            after_dist = 3
        elif p:
            path["tags"].append(p)
    if not nh:
        path["next_hop"] = None
    if path["interface"] is None and re.fullmatch(r"[A-Za-z][\w/.:-]*\d", nh or "") and not re.match(r"^[0-9a-fA-F:.]+$", nh):
        path["interface"], path["next_hop"] = nh, None  # "via Null0"
    return path


def nxos_route_table(text: Any, default_vrf: str = "default") -> Dict[str, Any]:
    """*default_vrf*: the VRF the command asked for, used until the output names its table."""
    lines = clean_lines(text, "nxos_route_table")
    out: Dict[str, Any] = {"routes": []}
    bad = Unparsed()
    vrf: Optional[str] = default_vrf
    cur: Optional[Dict[str, Any]] = None
    last_via: Optional[List[Any]] = None  # [best, text] of the last via line (joined with its continuation)

    def flush_via() -> None:
        nonlocal last_via
        if cur is not None and last_via is not None:
            cur["paths"].append(_nx_via(last_via[0], last_via[1]))
        last_via = None

    for ln in lines:
        t = ln.text
        m = _NX_TABLE.fullmatch(t)
        if m:
            flush_via()
            vrf, cur = m.group("vrf"), None
            continue
        m = _NX_ROUTE.fullmatch(t)
        if m:
            flush_via()
            flags = [f.strip() for f in m.group("flags").split(",") if f.strip()]
            cur = {"vrf": vrf, "prefix": m.group("pfx"), "protocol": None, "code": None, "connected": "attached" in flags,
                   "flags": flags, "srv6": None, "paths": []}
            out["routes"].append(cur)
            continue
        m = _NX_VIA.fullmatch(t)
        if m and cur is not None:
            flush_via()
            last_via = [m.group("best"), m.group("rest")]
            continue
        if _NX_LEGEND.fullmatch(t) or t in ("Route not found", "No routes found") or re.fullmatch(r"-{5,}|Node \d+ \(.*\)", t):
            continue
        if last_via is not None and (ln.indented or t.startswith(",") or last_via[1].rstrip().endswith(",")):
            # A path line wrapped at 80 columns: the rest is indented, starts with a comma, or follows one.
            # An indented rest was cut at column 80, maybe inside a word: joined as is; after a comma, a new item.
            glue = " " if last_via[1].rstrip().endswith(",") and not t.startswith(",") else ""
            last_via[1] = (last_via[1].rstrip() if glue else last_via[1]) + glue + t
            continue
        bad.add(ln)
    flush_via()
    for r in out["routes"]:
        protos = [p["protocol"] for p in r["paths"] if p["protocol"]]
        r["protocol"] = protos[0].split("-")[0] if protos else None
    out["unparsed"] = bad.export()
    return out


# ------------------------------------------------------------------ IOS-XR

_XR_VRF = re.compile(r"VRF:\s*(?P<vrf>\S+)")
_XR_ROUTE = re.compile(r"(?P<code>[A-Za-z]{1,2}\*?(?: ?[A-Za-z][A-Za-z0-9]{0,2}\*?)?)\s+(?P<pfx>" + _PFX + r")(?P<rest>.*)")
_XR_ENTRY = re.compile(r"Routing entry for (?P<pfx>" + _PFX + r")")
_XR_KNOWN = re.compile(r"Known via \"(?P<proto>[^\"]+)\", distance (?P<d>\d+), metric (?P<m>\d+).*")
_XR_RDB = re.compile(r"(?P<nh>[0-9a-fA-F:.]*[.:][0-9a-fA-F:.]*|directly connected)(?:, from (?P<from>\S+?))?(?:, via (?P<iface>\S+?))?(?:,.*)?")
_XR_SIDLIST = re.compile(r".*SID-list \{(?P<sids>[^}]*)\}.*")
_XR_NH_VRF = re.compile(r"Nexthop in Vrf: \"(?P<vrf>[^\"]+)\".*")
_XR_PATH = re.compile(r"\[(?P<d>\d+)/(?P<m>\d+)\] via (?P<nh>[^\s,]+)(?: \(nexthop in vrf (?P<vrf>[^)]+)\))?(?P<rest>[^\[]*)")
_XR_CONNECTED = re.compile(r"is directly connected,\s*(?P<rest>.*)")
_XR_SRV6 = re.compile(r",?\s*SRv6 Endpoint (?P<beh>\S+?)(?: \((?P<flavor>[^)]*)\))?(?=,|\s|$)")
_XR_GATEWAY = re.compile(r"Gateway of last resort is .*")
_XR_CODES = re.compile(r"(Codes:|[A-Za-z0-9()*%]{1,4}\s+-\s+|\(!\)|A - |U - |i L|ia |su |L - |  ).*")


def _xr_paths(text: str) -> List[Dict[str, Any]]:
    paths = []
    for m in _XR_PATH.finditer(text):
        tail = [x.strip() for x in m.group("rest").split(",") if x.strip()]
        backup = bool(tail) and tail[-1].endswith("(!)")
        if backup:
            tail[-1] = tail[-1][:-3].strip()
        tail = [x for x in tail if x]
        age = next((x for x in tail if re.fullmatch(r"\d+[ywdhms][\dywdhms]*|\d\d:\d\d:\d\d|never", x)), None)
        iface = next((x for x in tail if x != age and re.fullmatch(r"[A-Za-z][\w/.:-]*", x)), None)
        paths.append({"next_hop": m.group("nh"), "nexthop_vrf": m.group("vrf"), "interface": iface, "distance": int(m.group("d")),
                      "metric": int(m.group("m")), "age": age, "best": True, "protocol": None, "tags": [], "backup": backup})
    return paths


_DETAIL_SKIP = re.compile(
    r"(Installed|Routing Descriptor Blocks|Route metric|Label:|Tunnel ID|Binding Label|Extended communities|NHID|Path Grouping|"
    r"Route version|No local label|IP Precedence|QoS Group|Flow-tag|Fwd-class|Route Priority|Download Priority|No advertising|"
    r"Redist Advertisers|Backup|Path id|Nexthop in Vrf|Source|Route Source|SRv6|Local label|Topology|Tag|Remote|Known via|"
    r"Protected|Weight|Packets|Route is|Pending|Stale|Fabric|Repair Node).*")


def _detail_line(rec: Dict[str, Any], t: str) -> bool:
    """One line of ``show route ... detail``; False when it is not part of the entry."""
    m = _XR_KNOWN.fullmatch(t)
    if m:
        rec["protocol"] = m.group("proto").split()[0]
        rec["_dist"] = (int(m.group("d")), int(m.group("m")))
        return True
    m = _XR_SIDLIST.fullmatch(t)
    if m and rec["paths"]:
        sids = m.group("sids").replace(",", " ").split()
        rec["paths"][-1]["sid"] = sids[0] if sids else None
        rec["paths"][-1]["sid_list"] = sids
        return True
    m = _XR_NH_VRF.fullmatch(t)
    if m and rec["paths"]:
        rec["paths"][-1]["nexthop_vrf"] = m.group("vrf")
        return True
    m = _XR_RDB.fullmatch(t)
    if m:
        dist = rec.get("_dist") or (None, None)
        connected = m.group("nh") == "directly connected"
        rec["connected"] = rec["connected"] or connected
        rec["paths"].append({"next_hop": None if connected else m.group("nh"), "nexthop_vrf": None, "interface": m.group("iface"),
                             "distance": dist[0], "metric": dist[1], "age": None, "best": True, "protocol": rec["protocol"],
                             "tags": [], "backup": False, "from": m.group("from")})
        return True
    return bool(_DETAIL_SKIP.match(t))


def iosxr_route_table(text: Any, default_vrf: str = "default") -> Dict[str, Any]:
    """*default_vrf*: the VRF the command asked for; some releases print no "VRF:" line for a single VRF."""
    lines = clean_lines(text, "iosxr_route_table")
    out: Dict[str, Any] = {"routes": [], "gateway_of_last_resort": None}
    bad = Unparsed()
    vrf = default_vrf
    cur: Optional[Dict[str, Any]] = None
    detail: Optional[Dict[str, Any]] = None  # "Routing entry for ..." (detail form)
    in_codes = False

    def finish() -> None:
        if cur is None:
            return
        body = cur.pop("_text")
        m = _XR_SRV6.search(body)
        if m:
            cur["srv6"] = {"behavior": m.group("beh"), "flavor": m.group("flavor")}
        cm = _XR_CONNECTED.search(body)
        if cm:
            cur["connected"] = True
            tail = [x.strip() for x in cm.group("rest").split(",") if x.strip()]
            iface = next((x for x in tail if re.fullmatch(r"[A-Za-z][\w/.:-]*\d[\w/.:-]*", x)), None)
            cur["paths"].append({"next_hop": None, "nexthop_vrf": None, "interface": iface, "distance": 0, "metric": 0,
                                 "age": tail[0] if tail else None, "best": True, "protocol": None, "tags": [], "backup": False})
        cur["paths"].extend(_xr_paths(body))
        if not cur["paths"] and cur["srv6"] is None:
            bad.add_raw(cur["_line"].no, cur["_line"].raw, "route without a path")
        cur.pop("_line")

    for ln in lines:
        t = ln.text
        if t.startswith("Codes:"):
            in_codes = True
            continue
        m = _XR_ROUTE.fullmatch(t)
        if m and (not in_codes or "/" in m.group("pfx")):
            in_codes, detail = False, None
            finish()
            cur = {"vrf": vrf, "prefix": m.group("pfx"), "code": m.group("code"),
                   "protocol": m.group("code").replace("*", "").split()[0], "connected": False, "srv6": None, "paths": [],
                   "_text": m.group("rest"), "_line": ln}
            out["routes"].append(cur)
            continue
        m = _XR_VRF.fullmatch(t)
        if m:
            finish()
            cur, in_codes, detail = None, False, None
            vrf = m.group("vrf")
            continue
        m = _XR_ENTRY.fullmatch(t)
        if m:
            finish()
            cur, in_codes = None, False
            detail = {"vrf": vrf, "prefix": m.group("pfx"), "code": None, "protocol": None, "connected": False, "srv6": None,
                      "paths": []}
            out["routes"].append(detail)
            continue
        if detail is not None:
            if _detail_line(detail, t):
                continue
        if _XR_GATEWAY.fullmatch(t):
            finish()
            cur, in_codes = None, False
            out["gateway_of_last_resort"] = None if "not set" in t else t.split(" is ", 1)[1]
            continue
        if in_codes and not re.search(_PFX, t):
            continue
        in_codes = False
        if cur is not None and (t.startswith("[") or t.startswith("is directly") or t.startswith(",") or t.startswith("via")
                                or ln.indented or t.startswith("SRv6") or cur["_text"].endswith(",")):
            # A line ending in a comma continues on the next one, indented or not (80-column terminals).
            cur["_text"] += " " + t  # another path, or the rest of a wrapped route
            continue
        if t.startswith("%") or t.startswith("Routing entry") or t.startswith("Route "):
            continue
        bad.add(ln)
    finish()
    for r in out["routes"]:
        r.pop("_dist", None)
    out["unparsed"] = bad.export()
    return out
