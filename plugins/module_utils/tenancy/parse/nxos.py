# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cisco NX-OS show-output parsers (text and ``| json``).

Public functions (all ``text -> dict``, raise :class:`ParseError`):

``parse_nxos_bgp_summary``        show bgp vrf <vrf> ipv4 unicast summary
``parse_nxos_bgp_summary_json``   ... | json
    -> {"vrfs": [{"vrf", "address_family", "router_id", "local_as",
        "table_version", "neighbors": [{"neighbor", "version", "remote_as",
        "msg_rcvd", "msg_sent", "tbl_ver", "in_q", "out_q", "up_down",
        "state", "prefixes_received"}]}]}
    ``state`` is "Established" when the State/PfxRcd column holds a count.

``parse_nxos_bgp_evpn_vrf``       show bgp l2vpn evpn vrf <vrf>
``parse_nxos_bgp_evpn_vrf_json``  ... | json
    -> {"vrf", "address_family", "table_version", "router_id",
        "route_distinguishers": [{"rd", "l3vni", "l2vni"}],
        "routes": [{"rd", "l3vni", "route", "route_type", "prefix", "mac",
                    "status", "valid", "best", "path_type", "next_hop",
                    "metric", "local_pref", "weight", "as_path", "origin"}]}
    One ``routes`` record per path. ``prefix`` is the IP prefix carried by
    a type-5 (or type-2 with IP) route, e.g. "20.0.10.1/32".

``parse_nxos_bgp_evpn_prefix_json``  show bgp l2vpn evpn <prefix> vrf <vrf> | json
    (the text form is read by ``bgp.bgp_detail``, through ``parse_cli``)
    -> {"vrf", "address_family", "entries": [{"rd", "l3vni", "route",
        "route_type", "prefix", "version", "paths": [{"valid", "best",
        "path_type", "as_path", "next_hop", "neighbor", "origin", "med",
        "local_pref", "weight", "communities", "extcommunities",
        "route_targets", "imported_from"}], "other": [...]}],
        "communities", "extcommunities", "route_targets"}

``parse_nxos_running_config``   show running-config [| section ...]
    -> {"vrfs": [{"name", "vni", "rd", "address_families": [{"afi",
        "safi", "route_targets": [{"direction", "value", "evpn"}],
        "export_map", "import_map", "import_vrf_advertise_vpn", "other"}],
        "other"}], "route_maps": [{"name", "action", "sequence",
        "match": {kind: [values]}, "set": {kind: [values]}, "other"}]}
    ``export_map``/``import_map`` are {"name", "evpn"} or None.

``parse_nxos_community_list``      show ip community-list
``parse_nxos_extcommunity_list``   show ip extcommunity-list
    -> {"lists": [{"name", "type", "entries": [{"sequence", "action",
        "values"}]}]}
"""

from __future__ import annotations

import re
import sys
from typing import Any, Dict, List, Optional, Tuple

from .cisco_bgp import IP, ROUTER_ID_LINE, header_columns, split_path_attrs, status_flags, summary_neighbor_row
from .errors import ParseError
from .structured import load_json
from .text import MAX_LINE, Line, asn, bracketed, clean_lines, content_lines, fail, is_noise, iter_clean, opt_int, spans

CMD_SUMMARY = "nxos.bgp_vrf_summary"
CMD_SUMMARY_JSON = "nxos.bgp_vrf_summary_json"
CMD_EVPN_VRF = "nxos.bgp_evpn_vrf"
CMD_EVPN_VRF_JSON = "nxos.bgp_evpn_vrf_json"
CMD_EVPN_PREFIX = "nxos.bgp_evpn_prefix"
CMD_EVPN_PREFIX_JSON = "nxos.bgp_evpn_prefix_json"
CMD_RUNNING = "nxos.running_config"
CMD_COMMLIST = "nxos.community_list"
CMD_EXTCOMMLIST = "nxos.extcommunity_list"

# ---------------------------------------------------------------- summary

_SUM_VRF = re.compile(r"^BGP summary information for VRF (?P<vrf>\S+), address family (?P<af>.+?)\s*$")
_SUM_TBL = re.compile(r"^BGP table version is (?P<ver>\d+)")
# The last column may be cut at 80 columns: "... Up/Down  State/" + "PfxRcd", or "... Up/Down" + "State/PfxRcd" (ACI).
_SUM_HDR = re.compile(r"^Neighbor\s+V\s+AS\s+MsgRcvd\s+MsgSent\s+TblVer\s+InQ\s+OutQ\s+Up/Down(?:\s+State/(PfxRcd)?)?$")
_SUM_INFO = re.compile(r"^(BGP |\d+ |Dampening|Neighbor Status|For address family)|entries|paths|memory")


def _new_vrf(vrf: Optional[str], af: Optional[str]) -> Dict[str, Any]:
    return {"vrf": vrf, "address_family": af, "router_id": None, "local_as": None, "table_version": None, "neighbors": []}


def parse_nxos_bgp_summary(text: str) -> Dict[str, Any]:
    """``show bgp vrf <vrf> ipv4 unicast summary`` (any VRF count)."""
    cmd = CMD_SUMMARY
    lines = content_lines(text, cmd)
    vrfs: List[Dict[str, Any]] = []
    cur: Optional[Dict[str, Any]] = None
    in_table = False
    i = 0
    while i < len(lines):
        ln = lines[i]
        t = ln.text
        m = _SUM_VRF.match(t)
        if m:
            cur = _new_vrf(m.group("vrf"), m.group("af"))
            vrfs.append(cur)
            in_table = False
            i += 1
            continue
        if cur is None:
            cur = _new_vrf(None, None)
            vrfs.append(cur)
        m = ROUTER_ID_LINE.match(t)
        if m:
            cur["router_id"] = m.group("rid")
            cur["local_as"] = asn(m.group("asn"), cmd, ln)
            i += 1
            continue
        m = _SUM_TBL.match(t)
        if m and not in_table:
            cur["table_version"] = int(m.group("ver"))
            i += 1
            continue
        if t.startswith("Neighbor") and "MsgRcvd" in t:
            if not _SUM_HDR.match(t):
                raise fail(cmd, "unrecognised neighbor table header", ln)
            in_table = True
            # NX-OS wraps "State/PfxRcd" at 80 columns: "PfxRcd" alone on the next line.
            if t.endswith("State/") and i + 1 < len(lines) and lines[i + 1].text == "PfxRcd":
                i += 1
            elif t.endswith("Up/Down"):
                if i + 1 >= len(lines) or lines[i + 1].text != "State/PfxRcd":
                    raise fail(cmd, "neighbor table header without its State/PfxRcd column", ln)
                i += 1
            i += 1
            continue
        if in_table:
            toks = t.split()
            j = i
            # A long AS number pushes the counters onto the next line.
            while len(toks) < 10 and j + 1 < len(lines) and not _SUM_VRF.match(lines[j + 1].text):
                j += 1
                toks += lines[j].text.split()
            cur["neighbors"].append(summary_neighbor_row(toks, "version", cmd, ln, ln))
            i = j + 1
            continue
        if _SUM_INFO.search(t):
            i += 1
            continue
        raise fail(cmd, "unrecognised line", ln)
    if not any(v["router_id"] or v["neighbors"] for v in vrfs):
        raise ParseError(cmd, "no BGP summary found in the output")
    return {"vrfs": vrfs}


# ---------------------------------------------------------------- JSON helpers


def _load_json(text: Any, cmd: str) -> Any:
    if not isinstance(text, (str, dict, list)):
        raise ParseError(cmd, "expected JSON text, got %s" % type(text).__name__)
    return load_json(text, cmd)


def _rows(obj: Any, table: str, cmd: str) -> List[Dict[str, Any]]:
    """NX-OS ``TABLE_x: {ROW_x: dict | [dict]}`` as a list."""
    if not isinstance(obj, dict):
        raise ParseError(cmd, "JSON: expected an object holding TABLE_%s" % table)
    tbl = obj.get("TABLE_" + table)
    if tbl is None:
        return []
    if not isinstance(tbl, dict) or "ROW_" + table not in tbl:
        raise ParseError(cmd, "JSON: TABLE_%s has no ROW_%s" % (table, table))
    rows = tbl["ROW_" + table]
    rows = rows if isinstance(rows, list) else [rows]
    for r in rows:
        if not isinstance(r, dict):
            raise ParseError(cmd, "JSON: ROW_%s entries must be objects" % table)
    return rows


def parse_nxos_bgp_summary_json(text: str) -> Dict[str, Any]:
    """``show bgp vrf <vrf> ipv4 unicast summary | json``: same shape as the text parser."""
    cmd = CMD_SUMMARY_JSON
    data = _load_json(text, cmd)
    vrf_rows = _rows(data, "vrf", cmd)
    if not vrf_rows:
        raise ParseError(cmd, "JSON: no TABLE_vrf in the output")
    vrfs = []
    for v in vrf_rows:
        for af in _rows(v, "af", cmd) or [{}]:
            for saf in _rows(af, "saf", cmd) or [{}]:
                out = _new_vrf(v.get("vrf-name-out"), saf.get("af-name"))
                out["router_id"] = v.get("vrf-router-id")
                out["local_as"] = asn(str(v.get("vrf-local-as")), cmd) if v.get("vrf-local-as") is not None else None
                out["table_version"] = opt_int(saf.get("tableversion"))
                for n in _rows(saf, "neighbor", cmd):
                    addr = n.get("neighborid") or n.get("ipv6neighborid")
                    if not addr:
                        raise ParseError(cmd, "JSON: neighbor row without neighborid")
                    state = str(n.get("state", ""))
                    pfx = opt_int(n.get("prefixreceived"))
                    out["neighbors"].append({
                        "neighbor": addr,
                        "version": opt_int(n.get("neighborversion")),
                        "remote_as": asn(str(n.get("neighboras")), cmd) if n.get("neighboras") is not None else None,
                        "msg_rcvd": opt_int(n.get("msgrecvd")),
                        "msg_sent": opt_int(n.get("msgsent")),
                        "tbl_ver": opt_int(n.get("neighbortableversion")),
                        "in_q": opt_int(n.get("inq")),
                        "out_q": opt_int(n.get("outq")),
                        "up_down": n.get("time"),
                        "state": state,
                        "prefixes_received": pfx if state.lower() == "established" else None,
                    })
                vrfs.append(out)
    return {"vrfs": vrfs}


# ---------------------------------------------------------------- EVPN table

_TBL_INFO = re.compile(r"^BGP routing table information for VRF (?P<vrf>\S+), address family (?P<af>.+?)\s*$")
_TBL_VER = re.compile(r"^BGP table version is (?P<ver>\d+), Local Router ID is (?P<rid>\S+)$")
_RD = re.compile(r"^Route Distinguisher: (?P<rd>\S+)(\s+\((?P<kind>L2VNI|L3VNI|Local VNI:?)\s*(?P<vni>\d+)\))?(\s+\(.*\))?$")
_EVPN_ROUTE = re.compile(r"^(?P<status>[^\[]*?)(?P<route>\[\d+\]:\S+)(\s+(?P<rest>.*))?$")
_EVPN_HDR = re.compile(r"^Network\s+Next Hop\s+Metric\s+LocPrf\s+Weight\s+Path$")
_NEXT_HOP = re.compile(r"^(?P<nh>" + IP + r")(\s+(?P<rest>.*))?$")
_STATUS_ONLY = re.compile(r"^(?P<status>[*>sxSdhiecalrI|&+ ]{1,8}?)\s*(?P<nh>" + IP + r")(\s+(?P<rest>.*))?$")
_LEGEND = re.compile(r"^(Status:|Path type:|Origin codes:|Status codes:)")


def evpn_route_fields(route: str) -> Dict[str, Any]:
    """Decode an NX-OS EVPN NLRI string such as ``[5]:[0]:[0]:[24]:[192.168.1.0]/224``."""
    parts = bracketed(route)  # not re.findall: quadratic on "[" after "[" with no "]"
    rtype = int(parts[0]) if parts and parts[0].isdecimal() else None
    prefix = mac = None
    if rtype == 5 and len(parts) >= 5:
        prefix = "%s/%s" % (parts[4], parts[3])
    elif rtype == 2 and len(parts) >= 5:
        mac = parts[4]
        if len(parts) >= 7 and parts[5] not in ("0", "") and parts[6]:
            prefix = "%s/%s" % (parts[6], parts[5])
    return {"route_type": rtype, "prefix": prefix, "mac": mac}


def _path_type(status: str) -> Optional[str]:
    s = status.replace(" ", "")
    return s[-1] if s and s[-1] in "iecalrI" else None


def parse_nxos_bgp_evpn_vrf(text: str) -> Dict[str, Any]:
    """``show bgp l2vpn evpn vrf <vrf>``: type-5 (and other) routes per RD."""
    cmd = CMD_EVPN_VRF
    lines = clean_lines(text, cmd)
    out: Dict[str, Any] = {"vrf": None, "address_family": None, "table_version": None, "router_id": None,
                           "route_distinguishers": [], "routes": []}
    if not lines:
        return out
    cols = None
    rd: Optional[Dict[str, Any]] = None
    pending: Optional[Dict[str, Any]] = None  # route line whose next hop is on the next line
    last: Optional[Dict[str, Any]] = None
    in_legend = False
    seen_any = False

    def finish(rec: Dict[str, Any], nh: str, rest: str, ln: Line) -> None:
        tail = [t for t in spans(ln.raw) if t[1] > ln.raw.find(nh) + len(nh) - 1]
        rec.update({"next_hop": nh})
        rec.update(split_path_attrs(tail, cols, cmd, ln))
        out["routes"].append(rec)

    for ln in lines:
        t = ln.text
        m = _TBL_INFO.match(t)
        if m:
            out["vrf"], out["address_family"] = m.group("vrf"), m.group("af")
            seen_any = True
            continue
        m = _TBL_VER.match(t)
        if m:
            out["table_version"], out["router_id"] = int(m.group("ver")), m.group("rid")
            continue
        if _LEGEND.match(t):
            in_legend = True
            continue
        if _EVPN_HDR.match(t):
            in_legend = False
            cols = header_columns(ln.raw, ("Network", "Next Hop", "Metric", "LocPrf", "Weight", "Path"))
            continue
        if in_legend:
            continue  # legend text wrapped at 80 columns ("njected", "est2")
        m = _RD.match(t)
        if m:
            if pending:
                raise fail(cmd, "route without a next hop before this line", ln)
            vni = int(m.group("vni")) if m.group("vni") else None
            kind = m.group("kind") or ""
            rd = {"rd": m.group("rd"), "l3vni": vni if kind == "L3VNI" else None,
                  "l2vni": vni if kind == "L2VNI" else None}
            out["route_distinguishers"].append(rd)
            seen_any = True
            continue
        m = _EVPN_ROUTE.match(t)
        if m and not _NEXT_HOP.match(t):
            if rd is None:
                raise fail(cmd, "route before any 'Route Distinguisher:' line", ln)
            if pending:
                raise fail(cmd, "route without a next hop before this line", ln)
            status = m.group("status").strip()
            rec = {"rd": rd["rd"], "l3vni": rd["l3vni"], "route": m.group("route"), "status": status,
                   **status_flags(status), "path_type": _path_type(status)}
            rec.update(evpn_route_fields(m.group("route")))
            last = rec
            rest = m.group("rest")
            if rest:
                nm = _NEXT_HOP.match(rest)
                if not nm:
                    raise fail(cmd, "expected a next hop after the route", ln)
                finish(rec, nm.group("nh"), nm.group("rest") or "", ln)
            else:
                pending = rec
            seen_any = True
            continue
        m = _NEXT_HOP.match(t)
        if m and pending is not None:
            finish(pending, m.group("nh"), m.group("rest") or "", ln)
            pending = None
            continue
        m = _STATUS_ONLY.match(t)
        if m and last is not None and pending is None:
            # Another path of the previous route: status then next hop.
            status = m.group("status").strip()
            rec = dict(last)
            rec.update({"status": status, **status_flags(status), "path_type": _path_type(status)})
            finish(rec, m.group("nh"), m.group("rest") or "", ln)
            continue
        raise fail(cmd, "unrecognised line", ln)
    if pending is not None:
        raise ParseError(cmd, "output ended after a route without its next hop")
    if not seen_any:
        raise ParseError(cmd, "no BGP EVPN table found in the output")
    return out


def _evpn_path_from_json(p: Dict[str, Any]) -> Dict[str, Any]:
    status = "%s%s%s" % (p.get("statuscode", "") or "", p.get("bestcode", "") or "", p.get("typecode", "") or "")
    valid = "*" in status if status else bool(p.get("pathvalid"))
    best = ">" in status if status else bool(p.get("pathbest"))
    return {
        "status": status.strip(), "valid": valid, "best": best, "path_type": p.get("typecode") or None,
        "next_hop": p.get("ipnexthop") or p.get("ipv6nexthop"),
        "metric": opt_int(p.get("metric")), "local_pref": opt_int(p.get("localpref")), "weight": opt_int(p.get("weight")),
        "as_path": str(p.get("aspath") or "").strip(), "origin": p.get("origin"),
    }


def _walk_evpn_json(data: Any, cmd: str):
    vrfs = _rows(data, "vrf", cmd)
    if not vrfs:
        raise ParseError(cmd, "JSON: no TABLE_vrf in the output")
    for v in vrfs:
        for afi in _rows(v, "afi", cmd):
            for safi in _rows(afi, "safi", cmd):
                yield v, safi


def _rd_from_json(r: Dict[str, Any]) -> Dict[str, Any]:
    vni = opt_int(r.get("rd_vniid"))
    kind = str(r.get("rd_vrf") or "").lower()
    return {"rd": r.get("rd_val"), "l3vni": vni if kind == "l3" else None, "l2vni": vni if kind == "l2" else None}


def parse_nxos_bgp_evpn_vrf_json(text: str) -> Dict[str, Any]:
    """``show bgp l2vpn evpn vrf <vrf> | json``: same shape as the text parser."""
    cmd = CMD_EVPN_VRF_JSON
    data = _load_json(text, cmd)
    out: Dict[str, Any] = {"vrf": None, "address_family": None, "table_version": None, "router_id": None,
                           "route_distinguishers": [], "routes": []}
    for v, safi in _walk_evpn_json(data, cmd):
        out["vrf"] = v.get("vrf-name-out")
        out["address_family"] = safi.get("af-name")
        out["table_version"] = opt_int(safi.get("table-version"))
        out["router_id"] = safi.get("router-id")
        for r in _rows(safi, "rd", cmd):
            rd = _rd_from_json(r)
            out["route_distinguishers"].append(rd)
            for pfx in _rows(r, "prefix", cmd):
                route = pfx.get("nonipprefix") or pfx.get("ipprefix") or pfx.get("ipv6prefix")
                if not route:
                    raise ParseError(cmd, "JSON: prefix row without nonipprefix/ipprefix")
                for p in _rows(pfx, "path", cmd):
                    rec = {"rd": rd["rd"], "l3vni": rd["l3vni"], "route": route}
                    rec.update(evpn_route_fields(route))
                    rec.update(_evpn_path_from_json(p))
                    out["routes"].append(rec)
    return out


# ---------------------------------------------------------------- EVPN prefix detail

_EXT_TOKEN = re.compile(r"Router MAC:\S+|\S+")


def _ext_tokens(value: str) -> List[str]:
    return _EXT_TOKEN.findall(value.strip())


def _rts(exts: List[str]) -> List[str]:
    return [e[3:] for e in exts if e.startswith("RT:")]


def _dedup(items: List[str]) -> List[str]:
    seen: List[str] = []
    for i in items:
        if i not in seen:
            seen.append(i)
    return seen


def _new_path() -> Dict[str, Any]:
    return {"valid": False, "best": False, "path_type": None, "as_path": None, "next_hop": None, "neighbor": None,
            "origin": None, "med": None, "local_pref": None, "weight": None, "communities": [],
            "extcommunities": [], "route_targets": [], "imported_from": None}


def _finalise_prefix(out: Dict[str, Any]) -> Dict[str, Any]:
    comms: List[str] = list(out["communities"])
    exts: List[str] = list(out["extcommunities"])
    for e in out["entries"]:
        for p in e["paths"]:
            p["route_targets"] = _rts(p["extcommunities"])
            comms += p["communities"]
            exts += p["extcommunities"]
    out["communities"] = _dedup(comms)
    out["extcommunities"] = _dedup(exts)
    out["route_targets"] = _rts(out["extcommunities"])
    return out


def parse_nxos_bgp_evpn_prefix_json(text: str) -> Dict[str, Any]:
    """``show bgp l2vpn evpn <prefix> vrf <vrf> | json``: same shape as the text parser."""
    cmd = CMD_EVPN_PREFIX_JSON
    data = _load_json(text, cmd)
    out: Dict[str, Any] = {"vrf": None, "address_family": None, "entries": [], "communities": [],
                           "extcommunities": [], "route_targets": []}
    for v, safi in _walk_evpn_json(data, cmd):
        out["vrf"], out["address_family"] = v.get("vrf-name-out"), safi.get("af-name")
        for r in _rows(safi, "rd", cmd):
            rd = _rd_from_json(r)
            for pfx in _rows(r, "prefix", cmd):
                route = pfx.get("nonipprefix") or pfx.get("ipprefix") or pfx.get("ipv6prefix")
                entry = {"rd": rd["rd"], "l3vni": rd["l3vni"], "route": route, "version": opt_int(pfx.get("prefixversion")),
                         "paths": [], "other": []}
                entry.update({k: val for k, val in evpn_route_fields(route or "").items() if k != "mac"})
                for p in _rows(pfx, "path", cmd):
                    path = _new_path()
                    path.update({
                        "valid": bool(p.get("pathvalid")) or "*" in str(p.get("statuscode", "")),
                        "best": bool(p.get("pathbest")) or ">" in str(p.get("bestcode", "")),
                        "path_type": p.get("pathtype") or p.get("type"),
                        "as_path": str(p.get("aspath") or "").strip(),
                        "next_hop": p.get("ipnexthop") or p.get("ipv6nexthop"),
                        "neighbor": p.get("neighbor") or p.get("ipv6neighbor"),
                        "origin": str(p.get("origin") or "").lower() or None,
                        "med": opt_int(p.get("metric")),
                        "local_pref": opt_int(p.get("localpref")),
                        "weight": opt_int(p.get("weight")),
                        "imported_from": p.get("importsource"),
                    })
                    for c in _rows(p, "community", cmd):
                        path["communities"].extend(str(c.get("community", "")).split())
                    for c in _rows(p, "extcommunity", cmd):
                        path["extcommunities"].extend(_ext_tokens(str(c.get("extcommunity", ""))))
                    entry["paths"].append(path)
                out["entries"].append(entry)
    return _finalise_prefix(out)


# ---------------------------------------------------------------- running-config

# Top-level statements that end a vrf context / route-map block when the
# indentation was lost (copied output); with indentation, column 0 decides.
_TOP = re.compile(
    r"^(vrf context |route-map |interface |router |feature |hostname |ip (community-list|extcommunity-list|prefix-list|as-path) |"
    r"ipv6 prefix-list |vlan |version |line |boot |evpn$|nv overlay|fabric |spanning-tree |snmp-server |username |ntp |logging |"
    r"system |copp |rmon |class-map |policy-map |key chain |track |vpc |service |cfs |clock |no |end$)"
)
_MULTI_KEYS = ("extcommunity rt", "ip next-hop", "ip address prefix-list", "ipv6 address prefix-list", "ipv6 next-hop",
               "ip address", "as-path prepend", "community-list", "extcommunity-list")


def _kv(stmt: str) -> Tuple[str, List[str]]:
    for key in _MULTI_KEYS:
        if stmt == key or stmt.startswith(key + " "):
            return key, stmt[len(key):].split()
    head, _sep, rest = stmt.partition(" ")
    return head, rest.split()


def parse_nxos_running_config(text: str) -> Dict[str, Any]:
    """``show running-config`` or ``sh run | sec ...``: vrf contexts and route-maps."""
    cmd = CMD_RUNNING
    lines = [ln for ln in clean_lines(text, cmd) if not ln.text.startswith("!")]
    out: Dict[str, Any] = {"vrfs": [], "route_maps": []}
    if not lines:
        return out
    indented_mode = any(ln.indented for ln in lines)
    block: Optional[Dict[str, Any]] = None
    kind = None
    af: Optional[Dict[str, Any]] = None
    for ln in lines:
        t = ln.text
        top = (not ln.indented) if indented_mode else bool(_TOP.match(t))
        if indented_mode and not ln.indented and not _TOP.match(t) and not t.startswith("vrf context") and not t.startswith("route-map"):
            top = True
        if top:
            af = None
            m = re.match(r"^vrf context (\S+)$", t)
            if m:
                block = {"name": m.group(1), "vni": None, "rd": None, "address_families": [], "other": []}
                out["vrfs"].append(block)
                kind = "vrf"
                continue
            m = re.match(r"^route-map (\S+)(?: (permit|deny))?(?: (\d+))?$", t)
            if m:
                block = {"name": m.group(1), "action": m.group(2) or "permit", "sequence": int(m.group(3) or 10),
                         "match": {}, "set": {}, "other": []}
                out["route_maps"].append(block)
                kind = "rmap"
                continue
            block, kind = None, None  # some other top-level statement: not ours
            continue
        if block is None:
            if indented_mode:
                continue  # body of a block we do not model
            raise fail(cmd, "configuration line outside any vrf context or route-map", ln)
        if kind == "vrf":
            m = re.match(r"^address-family (ipv4|ipv6) (unicast|multicast)$", t)
            if m:
                af = {"afi": m.group(1), "safi": m.group(2), "route_targets": [], "export_map": None, "import_map": None,
                      "import_vrf_advertise_vpn": False, "other": []}
                block["address_families"].append(af)
                continue
            m = re.match(r"^vni (\d+)(\s+l3)?$", t)
            if m and af is None:
                block["vni"] = int(m.group(1))
                continue
            m = re.match(r"^rd (\S+)$", t)
            if m and af is None:
                block["rd"] = m.group(1)
                continue
            if af is not None:
                m = re.match(r"^route-target (both|import|export) (\S+)( evpn| mvpn)?$", t)
                if m:
                    af["route_targets"].append({"direction": m.group(1), "value": m.group(2),
                                                "evpn": (m.group(3) or "").strip() == "evpn"})
                    continue
                m = re.match(r"^(export|import) map (\S+)( evpn)?$", t)
                if m:
                    af["%s_map" % m.group(1)] = {"name": m.group(2), "evpn": bool(m.group(3))}
                    continue
                if t == "import vrf advertise-vpn":
                    af["import_vrf_advertise_vpn"] = True
                    continue
                af["other"].append(t)
                continue
            block["other"].append(t)
            continue
        # route-map body
        m = re.match(r"^(match|set) (.+)$", t)
        if m:
            key, vals = _kv(m.group(2))
            block[m.group(1)].setdefault(key, []).extend(vals)
            continue
        block["other"].append(t)
    return out


# ---------------------------------------------------------------- community lists

_LIST_HDR = re.compile(r"^(?P<type>Standard|Expanded) (?P<ext>Extended )?Community List (?P<name>\S+)$")
# The sequence is optional: ACI leaves (and NX-OS before sequence numbers were kept) print "    permit RT:65001:3047424"
# under the list's header; such an entry's sequence is None (none printed, none invented), evaluated in printed order.
_LIST_ENTRY = re.compile(r"^(?:(?P<seq>\d+) )?(?P<action>permit|deny) (?P<vals>.+)$")


_ACTIONS = {"permit": "permit", "deny": "deny"}  # one shared string per action, not one per entry


_FAST_LISTS = re.compile(
    r"^(?:(Standard|Expanded) (Extended )?Community List (\S+)"
    r"|[ \t]*(?:(\d+) )?(permit|deny)[ \t]+(\S[^\r\n]*))", re.M)
_VALUE_CACHE_MAX = 4096  # distinct value strings remembered per parse; past that, values are split as they come


class _Values:
    """An entry's values, computed once per distinct text: big lists repeat the same communities thousands of times.

    Each entry still gets its own list (callers may change it); the strings in it are shared, which is what
    keeps a 10 MB list's result within its memory bound.
    """

    def __init__(self, extended: bool) -> None:
        self.extended = extended
        self.cache: Dict[Tuple[str, str], Tuple[str, ...]] = {}

    def __call__(self, kind: str, vals: str) -> List[str]:
        done = self.cache.get((kind, vals))
        return list(self.compute(kind, vals) if done is None else done)

    def compute(self, kind: str, vals: str) -> Tuple[str, ...]:
        text = vals.replace("\t", "    ").strip()  # as the line cleaner does, so an expanded list's regex reads the same both ways
        if kind == "expanded":
            done: Tuple[str, ...] = (text[1:-1] if text.startswith('"') and text.endswith('"') else text,)
        else:
            done = tuple(sys.intern(v) for v in (_ext_tokens(text) if self.extended else text.split()))
        if len(self.cache) < _VALUE_CACHE_MAX:
            self.cache[(kind, vals)] = done
        return done


def _only_noise(gap: str) -> bool:
    """True when the text between two list lines is blank or only prompts / echoed commands / timestamps."""
    for raw in gap.split("\n"):
        stripped = raw.strip()
        if stripped and (len(raw) > MAX_LINE or not is_noise(stripped)):
            return False
    return True


def _fast_lists(text: str, extended: bool) -> Optional[Dict[str, Any]]:
    """The whole output in one C-level scan; None when anything but list lines and noise is in it.

    A 10 MB list is hundreds of thousands of lines; a Python loop per line is
    what made it slow. Anything between matches that is not blank or a
    prompt/echo line (and any overlong line) sends the text to the
    line-by-line parser, which reports such lines with their numbers.
    """
    out: Dict[str, Any] = {"lists": []}
    lists = out["lists"]
    entries: Optional[List[Dict[str, Any]]] = None
    kind = ""
    pos = 0
    actions = _ACTIONS
    values = _Values(extended)
    known = values.cache.get  # inlined _Values.__call__: this loop runs once per entry of a 10 MB output
    for m in _FAST_LISTS.finditer(text):
        begin, end = m.span()
        if begin != pos and not text[pos:begin].isspace() and not _only_noise(text[pos:begin]):
            return None
        if end - begin > MAX_LINE:
            return None
        pos = end
        typ, ext, name, seq, action, vals = m.groups()
        if action is None:  # a list's header (an entry always has its action; its sequence may be missing)
            if bool(ext) != extended:
                return None
            kind = typ.lower()
            entries = []
            lists.append({"name": name, "type": kind, "entries": entries})
            continue
        if entries is None:
            return None
        done = known((kind, vals))
        entries.append({"sequence": int(seq) if seq is not None else None, "action": actions[action],
                        "values": list(values.compute(kind, vals) if done is None else done)})
    if pos != len(text) and not text[pos:].isspace() and not _only_noise(text[pos:]):
        return None
    return out


def _parse_lists(text: str, cmd: str, extended: bool) -> Dict[str, Any]:
    if isinstance(text, str) and "\x1b" not in text and "\b" not in text:
        fast = _fast_lists(text, extended)
        if fast is not None:
            return fast
    return _lists_by_line(text, cmd, extended)


def _lists_by_line(text: str, cmd: str, extended: bool) -> Dict[str, Any]:
    """The reference parser, line by line: any text, errors name the line; :func:`_fast_lists` must agree with it."""
    out: Dict[str, Any] = {"lists": []}
    cur = None
    values = _Values(extended)
    for ln in iter_clean(text, cmd):
        t = ln.text
        m = _LIST_ENTRY.match(t) if t[:1].isdecimal() or t.startswith(("permit ", "deny ")) else None
        if m and cur is not None:
            seq = m.group("seq")
            cur["entries"].append({"sequence": int(seq) if seq is not None else None, "action": _ACTIONS[m.group("action")],
                                   "values": values(cur["type"], m.group("vals"))})
            continue
        m = _LIST_HDR.match(t)
        if m:
            if bool(m.group("ext")) != extended:
                found = "extended" if m.group("ext") else "standard"
                wanted = "extcommunity-list" if extended else "community-list"
                raise fail(cmd, "%s community list in %s output" % (found, wanted), ln)
            cur = {"name": m.group("name"), "type": m.group("type").lower(), "entries": []}
            out["lists"].append(cur)
            continue
        raise fail(cmd, "unrecognised line", ln)
    return out


def parse_nxos_community_list(text: str) -> Dict[str, Any]:
    """``show ip community-list``."""
    return _parse_lists(text, CMD_COMMLIST, extended=False)


def parse_nxos_extcommunity_list(text: str) -> Dict[str, Any]:
    """``show ip extcommunity-list``."""
    return _parse_lists(text, CMD_EXTCOMMLIST, extended=True)
