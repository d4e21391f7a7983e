# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cisco IOS-XR show-output parsers.

Public functions (all ``text -> dict``, raise :class:`ParseError`):

``parse_iosxr_bgp_summary``   show bgp ipv6 unicast summary / show bgp vpnv4 unicast summary
    -> {"vrf", "router_id", "local_as", "neighbors": [{"neighbor", "speaker",
        "remote_as", "msg_rcvd", "msg_sent", "tbl_ver", "in_q", "out_q",
        "up_down", "state", "prefixes_received"}]}
    A long (IPv6) neighbour printed alone on its line is joined with the next.

``parse_iosxr_bgp_received_sids``   show bgp vpnv4 unicast received-sids
    -> {"route_distinguishers": [{"rd", "vrf", "version"}], "routes": [{"rd",
        "vrf", "prefix", "status", "valid", "best", "internal", "next_hop", "sid"}]}
``parse_iosxr_bgp_local_sids``      show bgp vpnv4 unicast local-sids
    -> same, routes carry "sid", "alloc_mode", "locator" instead of next hop
``parse_iosxr_bgp_vpnv4_vrf``       show bgp vpnv4 unicast vrf <vrf>
    -> same, routes carry "next_hop", "metric", "local_pref", "weight",
       "as_path", "origin"
    ``sid`` is None for "NO SRv6 Sid"; ``processed`` is {"prefixes", "paths"}
    when the output ends with the "Processed ..." line.

``parse_iosxr_route``   show route ipv4 / show route ipv6 [vrf <vrf>]
    -> {"vrf", "gateway_of_last_resort", "routes": [{"prefix", "code",
        "protocol", "candidate_default", "connected", "interface", "age",
        "srv6": {"behavior", "flavor"} | None, "paths": [{"distance",
        "metric", "next_hop", "nexthop_vrf", "age", "interface", "backup"}]}]}

``parse_iosxr_run_interface``   show running-config interface [<name>]
    -> {"interfaces": [{"name", "description", "vrf", "shutdown",
        "ipv4_addresses": [{"address", "mask", "prefix_length", "secondary"}],
        "ipv6_addresses": [str], "other": [str]}]}
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from .cisco_bgp import IP, IP_RE, ROUTER_ID_LINE, header_columns, split_path_attrs, status_flags, summary_neighbor_row
from .errors import ParseError
from .partial import Unparsed
from .text import Line, asn, clean_lines, content_lines, fail, iter_clean, spans

CMD_BGP_IPV6_SUMMARY = "iosxr.bgp_ipv6_unicast_summary"
CMD_BGP_VPNV4_SUMMARY = "iosxr.bgp_vpnv4_unicast_summary"
CMD_RECEIVED_SIDS = "iosxr.bgp_vpnv4_received_sids"
CMD_LOCAL_SIDS = "iosxr.bgp_vpnv4_local_sids"
CMD_VPNV4_VRF = "iosxr.bgp_vpnv4_vrf"
CMD_ROUTE_IPV4 = "iosxr.route_ipv4"
CMD_ROUTE_IPV6 = "iosxr.route_ipv6"
CMD_RUN_INTERFACE = "iosxr.run_interface"

# ---------------------------------------------------------------- summary

_VRF = re.compile(r"^VRF: (?P<vrf>\S+)$")
_NBR_HDR = re.compile(r"^Neighbor\s+Spk\s+AS\s+MsgRcvd\s+MsgSent\s+TblVer\s+InQ\s+OutQ\s+Up/Down\s+St/PfxRcd$")
_PROC_HDR = re.compile(r"^Process\s+RcvTblVer")
_INFO = re.compile(
    r"^(BGP |Non-stop|Table ID|Table state|Speaker|Standby|Process|VRF ID|VRF state|BGP is operating|Address Family:|"
    r"Dampening|Neighbor Status|\d+ )"
)


def _summary(text: str, cmd: str) -> Dict[str, Any]:
    lines = content_lines(text, cmd)
    out: Dict[str, Any] = {"vrf": None, "router_id": None, "local_as": None, "neighbors": []}
    in_table = False
    seen_header = False
    i = 0
    while i < len(lines):
        ln = lines[i]
        t = ln.text
        m = ROUTER_ID_LINE.match(t)
        if m:
            out["router_id"], out["local_as"] = m.group("rid"), asn(m.group("asn"), cmd, ln)
            i += 1
            continue
        m = _VRF.match(t)
        if m:
            out["vrf"] = m.group("vrf")
            i += 1
            continue
        if _NBR_HDR.match(t):
            in_table = seen_header = True
            i += 1
            continue
        if in_table:
            toks = t.split()
            j = i
            if len(toks) == 1 and j + 1 < len(lines):
                # Long IPv6 neighbour alone on its line; counters follow.
                j += 1
                toks += lines[j].text.split()
            out["neighbors"].append(summary_neighbor_row(toks, "speaker", cmd, ln, lines[j]))
            i = j + 1
            continue
        if _PROC_HDR.match(t) or _INFO.match(t) or re.search(r"(entries|memory|version|secs|enabled)", t):
            i += 1
            continue
        raise fail(cmd, "unrecognised line", ln)
    if not seen_header:
        raise ParseError(cmd, "no neighbor table header (Neighbor Spk AS ...) in the output")
    return out


def parse_iosxr_bgp_summary(text: str, command: str = CMD_BGP_VPNV4_SUMMARY) -> Dict[str, Any]:
    """``show bgp {ipv6 unicast|vpnv4 unicast} summary``."""
    return _summary(text, command)


def parse_iosxr_bgp_ipv6_unicast_summary(text: str) -> Dict[str, Any]:
    """``show bgp ipv6 unicast summary``."""
    return _summary(text, CMD_BGP_IPV6_SUMMARY)


def parse_iosxr_bgp_vpnv4_unicast_summary(text: str) -> Dict[str, Any]:
    """``show bgp vpnv4 unicast summary``."""
    return _summary(text, CMD_BGP_VPNV4_SUMMARY)


# ---------------------------------------------------------------- vpnv4 tables

_LEGEND = re.compile(r"^(Status codes:|Origin codes:|i - internal)")
_RD = re.compile(r"^Route Distinguisher: (?P<rd>\S+)(\s+\((?P<what>[^)]*)\))?$")
_RD_VER = re.compile(r"^Route Distinguisher Version: (?P<ver>\d+)$")
_PROCESSED = re.compile(r"^Processed (?P<p>\d+) prefixes, (?P<n>\d+) paths$")
_ROUTE = re.compile(r"^(?P<status>[sdh*>irSNa ]{0,4}?)\s*(?P<prefix>[0-9a-fA-F]*[.:][0-9a-fA-F.:]*/\d+)(\s+(?P<rest>.*))?$")
_STATUS_NH = re.compile(r"^(?P<status>[sdh*>irSNa ]{1,8}?)\s*(?P<nh>" + IP + r")(\s+(?P<rest>.*))?$")
_NO_SID = "NO SRv6 Sid"


def _table(text: str, cmd: str, hdr: re.Pattern, row) -> Dict[str, Any]:
    """Walk an XR VPNv4 table; *row(rec, rest, ln, cont)* fills a route, returns False when it needs the next line."""
    lines = clean_lines(text, cmd)
    out: Dict[str, Any] = {"route_distinguishers": [], "routes": [], "processed": None}
    if not lines:
        return out
    rd: Optional[Dict[str, Any]] = None
    pending: Optional[Dict[str, Any]] = None
    last: Optional[Dict[str, Any]] = None
    cols = None
    seen = False
    for ln in lines:
        t = ln.text
        if pending is not None:
            if row(pending, t, ln, True):
                out["routes"].append(pending)
                pending = None
                continue
            raise fail(cmd, "cannot complete the previous route with this line", ln)
        if _LEGEND.match(t):
            seen = True
            continue
        if not out["routes"] and rd is None and (_INFO.match(t) or t.startswith("VRF ID")):
            continue  # XR's BGP header block (router id, table state, versions)
        if t.startswith("Network"):
            if not hdr.match(t):
                raise fail(cmd, "unexpected table header for this command", ln)
            cols = header_columns(ln.raw, ("Network", "Next Hop", "Metric", "LocPrf", "Weight", "Path"))
            seen = True
            continue
        m = _RD.match(t)
        if m:
            what = m.group("what") or ""
            vm = re.search(r"vrf (\S+)", what)
            rd = {"rd": m.group("rd"), "vrf": vm.group(1) if vm else None, "version": None}
            out["route_distinguishers"].append(rd)
            seen = True
            continue
        m = _RD_VER.match(t)
        if m and rd is not None:
            rd["version"] = int(m.group("ver"))
            continue
        m = _PROCESSED.match(t)
        if m:
            out["processed"] = {"prefixes": int(m.group("p")), "paths": int(m.group("n"))}
            continue
        m = _ROUTE.match(t)
        if m:
            status = m.group("status").strip()
            rec = {"rd": rd["rd"] if rd else None, "vrf": rd["vrf"] if rd else None, "prefix": m.group("prefix"),
                   "status": status, **status_flags(status), "internal": "i" in status}
            rec["_cols"] = cols
            last = rec
            if row(rec, m.group("rest") or "", ln, False):
                out["routes"].append(rec)
            else:
                pending = rec
            seen = True
            continue
        m = _STATUS_NH.match(t)
        if m and last is not None:
            status = m.group("status").strip()
            rec = {k: last[k] for k in ("rd", "vrf", "prefix", "_cols")}
            rec.update({"status": status, **status_flags(status), "internal": "i" in status})
            if not row(rec, t[len(m.group("status")):].strip(), ln, False):
                pending = rec
            else:
                out["routes"].append(rec)
            continue
        raise fail(cmd, "unrecognised line", ln)
    if pending is not None:
        raise ParseError(cmd, "output ended in the middle of route %s" % pending["prefix"])
    if not seen:
        raise ParseError(cmd, "no BGP table found in the output")
    for r in out["routes"]:
        r.pop("_cols", None)
    return out


def parse_iosxr_bgp_received_sids(text: str) -> Dict[str, Any]:
    """``show bgp vpnv4 unicast received-sids``: the SID may sit alone on the next line."""
    cmd = CMD_RECEIVED_SIDS

    def row(rec: Dict[str, Any], rest: str, ln: Line, cont: bool) -> bool:
        rest = rest.strip()
        if cont:  # the Received Sid column wrapped onto its own line
            if rest == _NO_SID or (IP_RE.match(rest) and ":" in rest):
                rec["sid"] = None if rest == _NO_SID else rest
                return True
            return False
        toks = rest.split()
        if not toks or not IP_RE.match(toks[0]):
            raise fail(cmd, "expected a next hop after the prefix", ln)
        rec["next_hop"] = toks[0]
        tail = " ".join(toks[1:])
        if not tail:
            return False
        if tail == _NO_SID or (IP_RE.match(tail) and ":" in tail):
            rec["sid"] = None if tail == _NO_SID else tail
            return True
        raise fail(cmd, "unrecognised Received Sid column %r" % tail, ln)

    return _table(text, cmd, re.compile(r"^Network\s+Next Hop\s+Received Sid$"), row)


def parse_iosxr_bgp_local_sids(text: str) -> Dict[str, Any]:
    """``show bgp vpnv4 unicast local-sids``."""
    cmd = CMD_LOCAL_SIDS

    def row(rec: Dict[str, Any], rest: str, ln: Line, cont: bool) -> bool:
        rest = rest.strip()
        if not rest:
            return False
        if rest.startswith(_NO_SID):
            tail = rest[len(_NO_SID):].split()
            rec.update({"sid": None, "alloc_mode": None, "locator": None})
            if tail and tail != ["-", "-"]:
                raise fail(cmd, "unexpected columns after 'NO SRv6 Sid'", ln)
            return True
        toks = rest.split()
        if len(toks) != 3 or not IP_RE.match(toks[0]):
            raise fail(cmd, "expected '<sid> <alloc mode> <locator>'", ln)
        rec.update({"sid": toks[0], "alloc_mode": toks[1], "locator": toks[2]})
        return True

    return _table(text, cmd, re.compile(r"^Network\s+Local Sid\s+Alloc mode\s+Locator$"), row)


def parse_iosxr_bgp_vpnv4_vrf(text: str) -> Dict[str, Any]:
    """``show bgp vpnv4 unicast vrf <vrf>``: the attributes may wrap below a long next hop."""
    cmd = CMD_VPNV4_VRF

    def row(rec: Dict[str, Any], rest: str, ln: Line, cont: bool) -> bool:
        toks = spans(ln.raw)
        if cont:
            rec.update(split_path_attrs(toks, rec.get("_cols"), cmd, ln))
            return True
        parts = rest.split()
        if not parts or not IP_RE.match(parts[0]):
            raise fail(cmd, "expected a next hop after the prefix", ln)
        rec["next_hop"] = parts[0]
        nh_end = ln.raw.find(parts[0], ln.raw.find(rec["prefix"]) + len(rec["prefix"]) if rec["prefix"] in ln.raw else 0) + len(parts[0])
        tail = [tk for tk in toks if tk[1] >= nh_end]
        if not tail:
            return False
        rec.update(split_path_attrs(tail, rec.get("_cols"), cmd, ln))
        return True

    return _table(text, cmd, re.compile(r"^Network\s+Next Hop\s+Metric\s+LocPrf\s+Weight\s+Path$"), row)


# ---------------------------------------------------------------- show route

_ROUTE_START = re.compile(
    r"^(?P<code>[A-Za-z]+\*?(?: [A-Za-z0-9]{1,3}\*?)?)\s+(?P<prefix>[0-9a-fA-F]*[.:][0-9a-fA-F.:]*/\d+)(?P<rest>.*)$"
)
_CODES_LEGEND = re.compile(r"^(\S+|\(.\))\s+-\s+[^,]+(,\s*(\S+|\(.\))\s+-\s+[^,]+)*,?$")
_GATEWAY = re.compile(r"^Gateway of last resort is (?P<gw>.+?)(\s+to network\s+\S+)?$")
_PATH = re.compile(
    r"\[(?P<dist>\d+)/(?P<metric>\d+)\] via (?P<nh>\S+?)(?: \(nexthop in vrf (?P<vrf>\S+)\))?,\s*(?P<rest>[^\[]*)"
)
_SRV6 = re.compile(r"^,\s*SRv6 Endpoint (?P<beh>\S+)(?: \((?P<flavor>[^)]*)\))?\s*(?P<rest>.*)$")
_CONNECTED = re.compile(r"^\s*is directly connected,\s*(?P<age>[^,]+?)\s*(?:,\s*(?P<iface>\S+))?\s*$")
_AGE = r"(\d+[ywdhms]\d*[ywdhms]?\d*[ywdhms]?|\d\d:\d\d:\d\d|never)"


def _parse_route_paths(rest: str, cmd: str, ln: Line) -> List[Dict[str, Any]]:
    paths = []
    pos = 0
    rest = rest.strip()
    for m in _PATH.finditer(rest):
        if rest[pos:m.start()].strip():
            raise fail(cmd, "unrecognised text %r in route" % rest[pos:m.start()].strip(), ln)
        pos = m.end()
        tail = [x.strip() for x in m.group("rest").split(",") if x.strip()]
        backup = False
        if tail and tail[-1].endswith("(!)"):
            backup = True
            tail[-1] = tail[-1][:-3].strip()
            if not tail[-1]:
                tail.pop()
        age = tail[0] if tail and re.match("^" + _AGE + "$", tail[0]) else None
        iface = tail[1] if len(tail) > 1 else (tail[0] if tail and age is None else None)
        paths.append({"distance": int(m.group("dist")), "metric": int(m.group("metric")), "next_hop": m.group("nh"),
                      "nexthop_vrf": m.group("vrf"), "age": age, "interface": iface, "backup": backup})
    if rest[pos:].strip():
        raise fail(cmd, "unrecognised text %r in route" % rest[pos:].strip(), ln)
    return paths


def _route(code: str, prefix: str, rest: str, cmd: str, ln: Line) -> Dict[str, Any]:
    rec = {"prefix": prefix, "code": code, "protocol": code.replace("*", "").split()[0],
           "candidate_default": "*" in code, "connected": False, "interface": None, "age": None, "srv6": None, "paths": []}
    rest = rest.strip()
    m = _SRV6.match(rest)
    if m:
        rec["srv6"] = {"behavior": m.group("beh"), "flavor": m.group("flavor")}
        rest = m.group("rest")
    m = _CONNECTED.match(rest)
    if m:
        rec.update({"connected": True, "age": m.group("age"), "interface": m.group("iface")})
        return rec
    rec["paths"] = _parse_route_paths(rest, cmd, ln)
    if not rec["paths"]:
        raise fail(cmd, "route has neither a path nor 'is directly connected'", ln)
    return rec


def _show_route(text: str, cmd: str) -> Dict[str, Any]:
    lines = clean_lines(text, cmd)
    out: Dict[str, Any] = {"vrf": "default", "gateway_of_last_resort": None, "routes": []}
    cur = None  # [code, prefix, rest, first line]
    in_codes = False

    def flush() -> None:
        if cur is not None:
            out["routes"].append(_route(cur[0], cur[1], cur[2], cmd, cur[3]))

    for ln in lines:
        t = ln.text
        if t.startswith("Codes:"):
            in_codes = True
            continue
        m = _ROUTE_START.match(t)
        if m:
            in_codes = False
            flush()
            cur = [m.group("code"), m.group("prefix"), m.group("rest"), ln]
            continue
        if in_codes and _CODES_LEGEND.match(t):
            continue
        in_codes = False
        m = _GATEWAY.match(t)
        if m:
            flush()
            cur = None
            out["gateway_of_last_resort"] = None if m.group("gw").startswith("not set") else m.group("gw")
            continue
        m = _VRF.match(t)
        if m:
            flush()
            cur = None
            out["vrf"] = m.group("vrf")
            continue
        if t.startswith("% Network not in table") or t.startswith("% No matching routes"):
            continue
        if t.startswith("Routing entry for"):
            raise fail(cmd, "detailed route output is not supported; use the table form", ln)
        if cur is None:
            raise fail(cmd, "unrecognised line", ln)
        # Continuation: another path, or the rest of a wrapped route.
        cur[2] = cur[2] + " " + t
    flush()
    return out


def parse_iosxr_route_ipv4(text: str) -> Dict[str, Any]:
    """``show route ipv4 [vrf <vrf>]``."""
    return _show_route(text, CMD_ROUTE_IPV4)


def parse_iosxr_route_ipv6(text: str) -> Dict[str, Any]:
    """``show route ipv6 [vrf <vrf>]`` including SRv6 endpoint entries."""
    return _show_route(text, CMD_ROUTE_IPV6)


# ---------------------------------------------------------------- running-config interface


def _prefix_len(mask: str) -> Optional[int]:
    try:
        octets = [int(o) for o in mask.split(".")]
    except ValueError:
        return None
    if len(octets) != 4:
        return None
    bits = "".join("{0:08b}".format(o) for o in octets)
    return bits.count("1") if "01" not in bits else None


def parse_iosxr_run_interface(text: str) -> Dict[str, Any]:
    """``show running-config interface [<name>]``."""
    cmd = CMD_RUN_INTERFACE
    lines = clean_lines(text, cmd)
    out: Dict[str, Any] = {"interfaces": []}
    cur = None
    for ln in lines:
        t = ln.text
        if t.startswith("!!") or t.startswith("Building configuration"):
            continue
        if t == "!" or t == "end":
            cur = None
            continue
        m = re.match(r"^interface (?:preconfigure )?(\S+)$", t)
        if m:
            cur = {"name": m.group(1), "description": None, "vrf": None, "shutdown": False, "ipv4_addresses": [],
                   "ipv6_addresses": [], "other": []}
            out["interfaces"].append(cur)
            continue
        if cur is None:
            raise fail(cmd, "configuration line outside an interface block", ln)
        m = re.match(r"^ipv4 address (\S+) (\S+)( secondary)?", t)
        if m:
            cur["ipv4_addresses"].append({"address": m.group(1), "mask": m.group(2), "prefix_length": _prefix_len(m.group(2)),
                                          "secondary": bool(m.group(3))})
            continue
        m = re.match(r"^ipv6 address (\S+)", t)
        if m:
            cur["ipv6_addresses"].append(m.group(1))
            continue
        m = re.match(r"^vrf (\S+)$", t)
        if m:
            cur["vrf"] = m.group(1)
            continue
        if t.startswith("description "):
            cur["description"] = t[len("description "):]
            continue
        if t == "shutdown":
            cur["shutdown"] = True
            continue
        cur["other"].append(t)
    if lines and not out["interfaces"]:
        raise ParseError(cmd, "no interface block in the output")
    return out


# ------------------------------------------------------------------ show bgp [vrf <v|all>] neighbors brief

# The session table XR prints for "neighbors brief": no counters, a free-text description between the AS and the
# session's age. Read from both ends: address, speaker and AS from the left, age and state from the right.
_BRIEF_HEAD = re.compile(r"Neighbou?r\s+Spk\s+AS\s+Description\s+Up/Down\s+NBRState")
_BRIEF_VRF = re.compile(r"VRF: (?P<vrf>\S+)")
_BRIEF_RULE = re.compile(r"-+")
_BRIEF_AGE = re.compile(r"\d+:\d\d:\d\d|\d+[ywdh]\d*[ywdhm]?|never")
_BRIEF_AS = re.compile(r"\d+(?:\.\d+)?")


def _brief_row(toks: List[str]) -> Optional[Dict[str, Any]]:
    """A session row's words (the address first), or None when they are not one."""
    if len(toks) < 5 or not IP_RE.match(toks[0]) or not toks[1].isdecimal() or not _BRIEF_AS.fullmatch(toks[2]):
        return None
    # The age is the last word that looks like one before the state ("Idle (Admin)" is two words).
    k = next((i for i in range(len(toks) - 2, 2, -1) if _BRIEF_AGE.fullmatch(toks[i])), None)
    if k is None:
        return None
    return {"neighbor": toks[0], "speaker": int(toks[1]), "remote_as": asn(toks[2], "bgp_neighbors_brief"),
            "description": " ".join(toks[3:k]) or None, "up_down": toks[k], "state": " ".join(toks[k + 1:]),
            "prefixes_received": None, "version": None, "msg_rcvd": None, "msg_sent": None}


def iosxr_bgp_neighbors_brief(text: Any, default_vrf: Optional[str] = None) -> Dict[str, Any]:
    """``show bgp [vrf <v|all>] neighbors brief``: sessions per VRF in the shape of a summary (no prefix counts).

    *default_vrf*: the VRF the command named; "VRF: <name>" lines (``vrf all``) name the next ones.
    """
    out: Dict[str, Any] = {"router_id": None, "local_as": None, "vrfs": []}
    bad = Unparsed()
    vrf = default_vrf
    cur: Optional[Dict[str, Any]] = None
    titled = False
    pending: Optional[Line] = None  # an address that filled its column: the rest of its row is on the next line
    for ln in iter_clean(text, "bgp_neighbors_brief"):
        t = ln.text
        m = _BRIEF_VRF.fullmatch(t)
        if m:
            vrf, cur, titled = m.group("vrf"), None, False
            continue
        if _BRIEF_RULE.fullmatch(t):
            continue
        if _BRIEF_HEAD.fullmatch(t):
            titled = True
            continue
        toks = t.split()
        if titled and pending is None and len(toks) == 1 and IP_RE.match(toks[0]):
            pending = ln
            continue
        if pending is not None:
            toks = [pending.text] + toks
        row = _brief_row(toks) if titled else None
        if row is None:
            if pending is not None:
                bad.add(pending)
            pending = None
            bad.add(ln)
            continue
        pending = None
        if cur is None:
            cur = {"vrf": vrf, "address_family": None, "router_id": None, "local_as": None, "neighbors": []}
            out["vrfs"].append(cur)
        cur["neighbors"].append(row)
    if pending is not None:
        bad.add(pending)
    out["unparsed"] = bad.export()
    return out
