# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tolerant BGP parsers shared by NX-OS and IOS-XR (any VRF count, any release's layout).

``bgp_summary(text)``   show bgp [vrf <v|all>] <afi> <safi> summary, show bgp l2vpn evpn summary,
                        show bgp summary, show bgp vrf all summary (NX-OS and IOS-XR)
``bgp_table(text)``     show bgp [vrf <v|all>] <afi> <safi>, show bgp l2vpn evpn [vrf v],
                        show bgp vpnv4 unicast [vrf v] (table form)
``bgp_detail(text)``    show bgp ... <prefix> / ... detail (entry form)

Each returns the shapes of :mod:`.shapes` plus ``unparsed`` (see
:mod:`.partial`): a line that does not fit is reported, never fatal.
Status codes are kept as printed (``*>i``, ``i*L2``, ``r>``, ``s>``, ``*|e``);
``valid``/``best`` are derived from ``*`` and ``>``.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

from .cisco_bgp import IP, header_columns
from .partial import Unparsed
from .text import Line, StringPool, bracketed, clean_lines, iter_clean, iter_rows, record_template, spans

# ------------------------------------------------------------------ tokens

PREFIX = (r"(?:\[\d+\]:[^\s]*"  # EVPN NLRI [5]:[0]:[0]:[24]:[10.0.0.0]/224
          r"|\[\d+\](?:\[[^\]\s]*\])+/\d{1,3}"  # IOS-XR's, without colons: [5][0][24][10.0.0.0]/80
          r"|(?:\d+:\d+:|\d+\.\d+\.\d+\.\d+:\d+:)?\d{1,3}(?:\.\d{1,3}){3}/\d{1,2}"  # IPv4 (RD-prefixed too)
          r"|[0-9a-fA-F]{0,4}:[0-9a-fA-F:.]{1,45}/\d{1,3})")  # IPv6 prefix
STATUS = r"[ *>shxSRrVvmNn|&+=?#]{0,6}[iecalrIL]?[*>]?"
_ROUTE = re.compile(r"(?P<st>" + STATUS + r")\s*(?P<pfx>" + PREFIX + r")(?:\s+(?P<rest>.*))?")
_PATH = re.compile(r"(?P<st>" + STATUS + r")\s*(?P<nh>" + IP + r")(?:\s+(?P<rest>.*))?")
# A dampened row starts with "d" then a blank or ">" ("d e10.4.0.0/24"); a "d" before a letter is an IPv6 prefix
# (dead::/16). Tried only on lines starting with "d", so the common rows pay nothing for it.
_STATUS_DAMPENED = r"d(?=[ >])[ *>shxSRrVvmNn|&+=?#]{0,5}[iecalrIL]?[*>]?"
_ROUTE_DAMPENED = re.compile(r"(?P<st>" + _STATUS_DAMPENED + r")\s*(?P<pfx>" + PREFIX + r")(?:\s+(?P<rest>.*))?")
_PATH_DAMPENED = re.compile(r"(?P<st>" + _STATUS_DAMPENED + r")\s*(?P<nh>" + IP + r")(?:\s+(?P<rest>.*))?")
_IP_FULL = re.compile(IP)
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_NUMBERISH = r"(?:[{(\[]?[0-9.]+[})\]]?,?|[ie?])"
# Words that are all numbers (AS path, metric ...) or an origin code: the attributes of a route wrapped onto their own
# line. The words hold no blank and \s is what str.split splits on, so this is linear and reads the line as split() does.
_NUMBERISH_LINE = re.compile(_NUMBERISH + r"(?:\s+" + _NUMBERISH + r")*")

_VRF_TABLE = re.compile(r"BGP routing table information for VRF (?P<vrf>\S+), address family (?P<af>.+?)")
_VRF_SUMMARY = re.compile(r"BGP summary information for VRF (?P<vrf>\S+), address family (?P<af>.+?)")
_VRF_LINE = re.compile(r"VRF:?\s+(?P<vrf>[^\s,]+)")
_XR_VRF = re.compile(r"BGP VRF (?P<vrf>[^\s,]+), state: .*")
_AF_LINE = re.compile(r"Address Family:?\s+(?P<af>.+)|Peer \S+ routes for address family (?P<af2>.+?):?")
_RD = re.compile(r"Route Distinguisher:\s*(?P<rd>\S+)(?:\s+\((?P<what>[^)]*)\))?(?:\s+\(.*\))?(?:,.*)?")
_RID = re.compile(r"BGP router identifier (?P<rid>\S+), local AS number (?P<asn>\S+)")
_TBL_VER = re.compile(r"BGP table version is (?P<ver>\d+), [Ll]ocal [Rr]outer ID is (?P<rid>\S+)")
_LEGEND_START = re.compile(r"(Status codes?|Status|Origin codes?|Path type|RPKI validation codes|Route Distinguisher Version)\s*:.*")
_INFO = re.compile(
    r"(BGP |Non-stop|Table ID|Table state|Speaker|Standby|Process|VRF ID|VRF state|Dampening|Neighbor Status|"
    r"Processed \d+|Total number|For address family|Bestpath|Default local|Local Router|RD version|Network entries|"
    r"Peers |Router identifier|Graceful|Nexthop|Address family|Advertised|Routing|Some configured|Generic|"
    r"\d+ (network|received|identical|path|BGP)|[-=]{3,}|--\Z|\*{3}|Paths:|Versions:|"
    # IOS-XR's warning about neighbours without policies, wrapped over four lines; NX-OS's "no such neighbour in this VRF".
    r"do not have both inbound|address family\. These neighbors|receiving no routes and are marked|Use the 'show bgp neighbor|"
    r"Can't find neighbor|Inbound soft reconfiguration for .* not performed on).*")
_HDR_SIDS = re.compile(r"Network\s+(Next Hop\s+Received Sid|Local Sid\s+Alloc mode\s+Locator).*")
_SID_ROW = re.compile(r"(?P<st>" + STATUS + r")\s*(?P<rest>(?:NO SRv6 Sid|[0-9a-fA-F]*[.:][0-9a-fA-F:.]*)(?:\s.*)?)")
_HDR_NETWORK = re.compile(r"Network\s+Next[ -]?[Hh]op.*")


def _asn(value: str) -> Optional[int]:
    if value.isdecimal():
        return int(value)
    hi, dot, lo = value.partition(".")
    if dot and hi.isdecimal() and lo.isdecimal():
        return int(hi) * 65536 + int(lo)
    return None


_FLAGS_CACHE: Dict[str, Dict[str, Any]] = {}  # status as printed -> its flags; a table prints a handful of distinct ones


def _flags(status: str) -> Dict[str, Any]:
    """The status-code fields of a row; the dict returned is shared (callers copy it into a record with update)."""
    done = _FLAGS_CACHE.get(status)
    if done is not None:
        return done
    s = status.replace(" ", "")
    ptype = s[-1] if s and s[-1] in "iecalrI" else None
    done = {"status": s, "valid": "*" in s, "best": ">" in s, "multipath": "|" in s or "=" in s, "path_type": ptype,
            "internal": ptype == "i"}
    if len(_FLAGS_CACHE) < 1024:  # STATUS is at most 8 characters of a small alphabet, but stay bounded anyway
        _FLAGS_CACHE[status] = done
    return done


_RD_PREFIXED = re.compile(r"(?:\d+:\d+:|\d+\.\d+\.\d+\.\d+:\d+:)(?P<p>\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?)")


def _prefix_fields(pfx: str) -> Tuple[Optional[str], Optional[int], Optional[str]]:
    """(prefix, route_type, mac) of a table prefix as printed; EVPN NLRIs give the IP prefix they carry."""
    if pfx.startswith("["):
        parts = bracketed(pfx)
        rtype = int(parts[0]) if parts and parts[0].isdecimal() else None
        prefix = mac = None
        # IOS-XR prints no Ethernet segment in type 2 and 5 NLRIs ([5][0][24][10.0.0.0]/80): its fields sit one earlier.
        k = 1 if "]:[" not in pfx else 0
        if rtype == 5 and len(parts) >= 5 - k:
            prefix = "%s/%s" % (parts[4 - k], parts[3 - k])
        elif rtype == 2 and len(parts) >= 5 - k:
            mac = parts[4 - k]
            if len(parts) >= 7 - k and parts[5 - k] not in ("0", "") and parts[6 - k] not in ("", "0.0.0.0"):
                prefix = "%s/%s" % (parts[6 - k], parts[5 - k])
        return prefix, rtype, mac
    if ":" in pfx:  # the RD-prefixed form holds one
        m = _RD_PREFIXED.fullmatch(pfx)
        if m:  # RD-prefixed VPN prefix
            return m.group("p"), None, None
    return pfx, None, None


def norm_prefix(pfx: str) -> Dict[str, Any]:
    """A table prefix as printed; EVPN NLRIs also give the IP prefix they carry."""
    prefix, rtype, mac = _prefix_fields(pfx)
    return {"route": pfx, "prefix": prefix, "route_type": rtype, "mac": mac}


def _attrs(toks: List[Any], cols: Optional[dict], indented: bool) -> Dict[str, Any]:
    """Metric, LocPrf, Weight, AS path, origin from the tokens after the next hop; never raises."""
    out: Dict[str, Any] = {"metric": None, "local_pref": None, "weight": None, "as_path": None, "origin": None}
    vals = [t[0] for t in toks]
    if vals and vals[-1] in ("i", "e", "?"):
        out["origin"] = vals.pop()
        toks = toks[:-1]
    if not vals:
        return out
    if cols is not None:
        path: List[str] = []
        for tok, _start, end in toks:
            num = tok.isdecimal()
            if num and not path and end <= cols["Metric"][1] + 1 and out["metric"] is None and out["weight"] is None:
                out["metric"] = int(tok)
            elif num and not path and end <= cols["LocPrf"][1] + 1 and out["local_pref"] is None and out["weight"] is None:
                out["local_pref"] = int(tok)
            elif num and not path and end <= cols["Weight"][1] + 1 and out["weight"] is None:
                out["weight"] = int(tok)
            else:
                path.append(tok)
        out["as_path"] = " ".join(path)
        return out
    nums = list(vals)
    if "32768" in nums:
        w = nums.index("32768")
    elif len(nums) >= 3 and nums[1] == "100" and nums[0].isdecimal() and nums[2].isdecimal():
        w = 2
    elif len(nums) >= 2 and nums[0] == "100" and nums[1].isdecimal() and cols is None:
        w = 1
        out["local_pref"] = 100
        nums = nums[1:]
        w = 0
    else:
        w = 0
    head = nums[:w]
    if len(head) >= 2 and head[0].isdecimal() and head[1].isdecimal():
        out["metric"], out["local_pref"] = int(head[0]), int(head[1])
    elif len(head) == 1 and head[0].isdecimal():
        out["metric"] = int(head[0])
    if w < len(nums) and nums[w].isdecimal():
        out["weight"] = int(nums[w])
        out["as_path"] = " ".join(nums[w + 1:])
    else:
        out["as_path"] = " ".join(nums[w:])
    return out


def _ctx(default_vrf: Optional[str] = None) -> Dict[str, Any]:
    """*default_vrf*: the VRF the command named, used until the output names one (some releases print none)."""
    return {"vrf": default_vrf, "address_family": None, "rd": None, "rd_vrf": None, "l3vni": None, "l2vni": None}


# First letters of the lines _context_line reads (its patterns all start with a literal word): a data row leaves at once.
_CONTEXT_START = frozenset("ABPRV")
_RD_VRF = re.compile(r"vrf (\S+)")
_RD_VNI = re.compile(r"(L2VNI|L3VNI|Local VNI:?)\s*(\d+)")


def _context_line(t: str, ctx: Dict[str, Any], out: Dict[str, Any]) -> bool:
    """VRF / address-family / RD / router-id lines shared by tables and detail output."""
    # Every pattern here starts with a literal word, so the line's first letter says which can match: a data row
    # tries none, an RD line (one every few routes of a large table) only _RD. Within a letter, the order is kept.
    first = t[:1]
    if first == "R":
        m = _RD.fullmatch(t)
        if m:
            # One RD line every few routes of a large table: each search only where its literal text is.
            what = m.group("what") or ""
            vm = _RD_VRF.search(what) if "vrf " in what else None
            vni = _RD_VNI.search(t) if "VNI" in t else None
            ctx["rd"] = m.group("rd")
            ctx["rd_vrf"] = vm.group(1) if vm else None
            ctx["l3vni"] = int(vni.group(2)) if vni and vni.group(1) == "L3VNI" else None
            ctx["l2vni"] = int(vni.group(2)) if vni and vni.group(1) == "L2VNI" else None
            out.setdefault("route_distinguishers", []).append({"rd": ctx["rd"], "vrf": ctx["rd_vrf"] or ctx["vrf"],
                                                               "l3vni": ctx["l3vni"], "l2vni": ctx["l2vni"]})
            return True
        return False
    if first == "B":
        m = _VRF_TABLE.fullmatch(t) or _VRF_SUMMARY.fullmatch(t)
        if m:
            ctx.update(vrf=m.group("vrf"), address_family=m.group("af").strip(), rd=None, rd_vrf=None, l3vni=None, l2vni=None)
            return True
        m = _XR_VRF.fullmatch(t)
        if m:
            ctx.update(vrf=m.group("vrf"), rd=None, rd_vrf=None)
            return True
        m = _RID.fullmatch(t)
        if m:
            out["router_id"], out["local_as"] = m.group("rid"), _asn(m.group("asn"))
            return True
        m = _TBL_VER.match(t)
        if m:
            out["router_id"] = m.group("rid")
            return True
        return False
    if first == "V":
        m = _VRF_LINE.fullmatch(t) if t.startswith("VRF") else None
        if m:
            ctx.update(vrf=m.group("vrf"), rd=None, rd_vrf=None)
            return True
        return False
    if first == "A" or first == "P":
        m = _AF_LINE.fullmatch(t)
        if m:
            ctx["address_family"] = (m.group("af") or m.group("af2")).strip()
            return True
    return False


# A table record's fields, in the order the shapes print them (json.dumps of a result follows it).
_RECORD = record_template(("vrf", "address_family", "rd", "l3vni", "next_hop", "metric", "local_pref", "weight", "as_path",
                           "origin", "communities", "extcommunities", "route_targets", "sid", "route", "prefix", "route_type",
                           "mac", "status", "valid", "best", "multipath", "path_type", "internal"))


_STATUS_RECORDS: Dict[str, Dict[str, Any]] = {}  # status as printed -> a _RECORD with its flags (bounded as _FLAGS_CACHE)


def _status_record(status: str) -> Dict[str, Any]:
    """_RECORD with the fields of *status* set (shared: only ever copied)."""
    done = _STATUS_RECORDS.get(status)
    if done is None:
        done = _RECORD.copy()
        done.update(_flags(status))
        if len(_STATUS_RECORDS) < 1024:
            _STATUS_RECORDS[status] = done
    return done


def _route_record(ctx: Dict[str, Any], pfx: str, status: str, shared: Optional["_Shared"] = None) -> Dict[str, Any]:
    """A route's record; *shared*: bgp_table's memos (the prefix fields by prefix)."""
    rec = (_STATUS_RECORDS.get(status) or _status_record(status)).copy()  # the lookup inline: once per route
    rec["vrf"] = ctx["rd_vrf"] or ctx["vrf"]
    rec["address_family"] = ctx["address_family"]
    rec["rd"] = ctx["rd"]
    rec["l3vni"] = ctx["l3vni"]
    rec["communities"] = []
    rec["extcommunities"] = []
    rec["route_targets"] = []
    rec["route"] = pfx
    if pfx[:1] == "[" or ":" in pfx:
        rec["prefix"], rec["route_type"], rec["mac"] = _prefix_fields(pfx) if shared is None else shared.prefix_fields(pfx)
    else:
        rec["prefix"] = pfx  # a plain prefix is its own (route_type and mac stay None): _prefix_fields' answer
    return rec


class _Shared:
    """Values a large table repeats, computed once and shared by its records (bounded, so hostile input cannot grow it).

    ``attrs``: the attribute columns after a next hop, by (the text after it, its column, indented); they depend on
    nothing else once the header's columns are fixed, so the memo is emptied when a header sets new columns.
    ``text``: next hops and other short strings, one copy each.
    """

    LIMIT = 4096
    MAX_KEY = 256

    def __init__(self) -> None:
        self.attrs: Dict[Any, Dict[str, Any]] = {}
        self.text = StringPool(self.LIMIT, self.MAX_KEY)
        # ``rows``: what a line without "/" or "[" (no prefix: a path row or a wrapped row's attributes) or a legend
        # line says, by the line as printed: a table repeats its path rows (a few next hops, the same metrics) on every
        # route. Its answers hold the attributes, read under the header's columns, so it is emptied with ``attrs``.
        self.rows: Dict[str, _Row] = {}

        # ``afters``: the next hop and attributes after a route's prefix, by (that text, its column, indented), as
        # _fill_path reads them outside the SID layouts (columns: emptied with ``attrs``).
        self.afters: Dict[Tuple[str, int, bool], Tuple[Optional[str], Optional[Dict[str, Any]]]] = {}
        # ``prefixes``: _prefix_fields of an NLRI or RD-prefixed prefix, by its text (an EVPN table prints a prefix
        # under each RD that has it: the originating leaf's and the importing VRF's).
        self.prefixes: Dict[str, Tuple[Optional[str], Optional[int], Optional[str]]] = {}

    def prefix_fields(self, pfx: str) -> Tuple[Optional[str], Optional[int], Optional[str]]:
        done = self.prefixes.get(pfx)
        if done is None:
            done = _prefix_fields(pfx)
            if len(self.prefixes) < self.LIMIT and len(pfx) <= self.MAX_KEY:
                self.prefixes[pfx] = done
        return done

    def clear(self) -> None:
        """Forget what was read under the previous header's columns."""
        self.attrs.clear()
        self.rows.clear()
        self.afters.clear()

    def keep_row(self, raw: str, row: "_Row") -> None:
        if len(self.rows) < self.LIMIT and len(raw) <= self.MAX_KEY:
            self.rows[raw] = row

    def after(self, rest: str, off: int, raw: str,
              cols: Optional[dict]) -> Optional[Tuple[Optional[str], Optional[Dict[str, Any]]]]:
        """(next hop or None, the attributes after it) of *rest*, a route's text after its prefix, from column *off*
        of *raw* on, as _fill_path reads them when the next hop's text first occurs there; None when *rest* has no word
        (left to _fill_path). Memoised by (rest, off, indented)."""
        parts = rest.split(None, 1)  # only the first word is read
        if not parts:
            return None
        indented = raw[:1] in _INDENTS
        key = (rest, off, indented)
        done = self.afters.get(key)
        if done is None:
            if _IP_FULL.fullmatch(parts[0]):
                nh = self.text(parts[0])
                end = off + len(nh)  # the first word of rest ends there
                done = nh, self.attrs_of(raw[end:], end, cols, indented)
            else:
                done = None, None
            if len(self.afters) < self.LIMIT and len(rest) <= self.MAX_KEY:
                self.afters[key] = done
        return done

    def row(self, raw: str, t: str, cols: Optional[dict]) -> "_Row":
        """``_row_of(raw, t, cols)``, computed once per distinct *raw* (the line as printed; *t* is it stripped)."""
        done = self.rows.get(raw)
        if done is None:
            done = _row_of(raw, t, cols, self)
            self.keep_row(raw, done)
        return done

    def attrs_of(self, tail: str, offset: int, cols: Optional[dict], indented: bool) -> Dict[str, Any]:
        """``_attrs`` of the tokens of *tail*, a line's text from column *offset* on (shared: update a record with it)."""
        key = (tail, offset, indented)
        done = self.attrs.get(key)
        if done is None:
            toks = spans(tail)
            if offset:
                toks = [(tok, start + offset, end + offset) for tok, start, end in toks]
            done = _attrs(toks, cols, indented)
            if len(self.attrs) < self.LIMIT and len(tail) <= self.MAX_KEY:
                self.attrs[key] = done
        return done


# The terminal width NX-OS wraps a table row at when the session's terminal width is the default. A line cut there is
# exactly this wide (79 when the cut fell on a blank, stripped); a longer line was printed on a wider terminal, uncut.
_TERM_WIDTH = 80
# First letters of the lines bgp_table tests against a pattern that starts with a literal word (a data row skips them).
_LEGEND_FIRST = frozenset("OPRS")  # _LEGEND_START: Status, Origin, Path type, RPKI, Route Distinguisher Version


def bgp_table(text: Any, default_vrf: Optional[str] = None, sid_mode: Optional[str] = None) -> Dict[str, Any]:
    """A BGP table (one record per path), any VRF / RD / address family, NX-OS or IOS-XR layout.

    *sid_mode* ("received" / "local"): the XR SID view the command asked for, for a capture without its header line.
    """
    out: Dict[str, Any] = {"router_id": None, "local_as": None, "route_distinguishers": [], "routes": []}
    routes = out["routes"]
    bad = Unparsed()
    ctx = _ctx(default_vrf)
    cols = None
    shared = _Shared()
    rows_get = shared.rows.get  # the memo of rows without a prefix, read inline (once per path row of a large table)
    afters_get = shared.afters.get
    out["_sid_mode"] = sid_mode
    in_legend = False
    pending: Optional[Dict[str, Any]] = None  # a route printed without its next hop (long prefix)
    last: Optional[Dict[str, Any]] = None
    row_raw: Optional[str] = None  # the line the attributes of routes[-1] were read from
    # Lines are read as they are cleaned (none kept); the cheap first-letter tests only skip patterns that cannot match.
    for no, raw, t in iter_rows(text, "bgp_table"):
        if t[0] == "N" and t.startswith("Network") and (_HDR_NETWORK.fullmatch(t) or _HDR_SIDS.fullmatch(t)):
            in_legend = False
            cols = header_columns(raw, ("Network", "Next Hop", "Metric", "LocPrf", "Weight", "Path"))
            shared.clear()  # they were read under the columns of the previous header
            sid_mode = out["_sid_mode"] = "local" if "Local Sid" in t else "received" if "Received Sid" in t else None
            continue
        if sid_mode:
            sm = _SID_ROW.fullmatch(t)
            # A lone address below a row that lacks it continues that row, even one such as cafe:: that
            # the status pattern would read as a status code ("c") and an address.
            alone = pending is not None and (re.fullmatch(IP, t) is not None or t.startswith(_NO_SID))
            if alone or sm and (pending is not None or last is not None):
                rec = pending if alone or pending is not None and not sm.group("st").strip() else (last or {}).copy()
                if rec is not pending:
                    rec.update(_flags(sm.group("st")))
                rest = t if alone else sm.group("rest")
                if _sid_columns(rec, rest, sid_mode, wrapped=rec is pending and rec.get("next_hop") is not None):
                    if not (sid_mode == "received" and rec.get("sid") is None and not rec.get("no_sid")):
                        routes.append(rec)
                        pending = None
                    else:
                        pending = rec
                    continue
        # A line without a prefix (no "/" nor "["; a path row, a row's wrapped attributes, "Processed 2 prefixes") or a
        # legend line is read once per distinct line: what it says is in the rows memo (rows_get inline, shared.row
        # on a miss), and so is that it is neither a legend nor a context line, the tests a miss goes through first.
        row = rows_get(raw)
        if row is None:
            if t[0] in _LEGEND_FIRST and not t.startswith("Route Distinguisher:") and _LEGEND_START.fullmatch(t):
                in_legend = True
                shared.keep_row(raw, _LEGEND_ROW)
                continue
            if t[0] in _CONTEXT_START and _context_line(t, ctx, out):
                in_legend = False
                pending = None
                continue
            # Every PREFIX form holds "[" or "/", and every address "." or ":": a line without them is not tried against
            # the pattern that needs them (a failing _ROUTE costs microseconds on a path row, where its STATUS and \s*
            # backtrack).
            if "/" not in t and "[" not in t:
                row = shared.row(raw, t, cols)
        if row is not None:
            # The branches of the general code below when _ROUTE did not match.
            kind, blank, cont, fields, wrapped = row
            if kind == _LEGEND:
                in_legend = True
                continue
            if in_legend or kind == _SAYS_NOTHING:
                continue  # legend text wrapped at 80 columns; a line that changes nothing, whatever came before
            if cont is not None:
                if pending is not None and blank:
                    pending.update(cont)
                    routes.append(pending)
                    pending = None
                    row_raw = raw
                    continue
                if last is not None:
                    rec = last.copy()  # a copy of a record shares its key table (see record_template)
                    rec.update(fields)
                    rec["communities"] = []
                    rec["extcommunities"] = []
                    rec["route_targets"] = []
                    routes.append(rec)
                    pending = None
                    row_raw = raw
                    continue
            if pending is None and routes and wrapped is not None:
                prev = routes[-1]
                if prev["weight"] is None and prev["origin"] is None:
                    prev.update(wrapped)
                    continue
                if _rest_of_cut_row(prev, row_raw, raw, t, cols, shared):
                    row_raw = None
                    continue
            if _INFO.fullmatch(t):
                continue
            bad.add(Line(no, raw, t))
            continue
        mr = _ROUTE.fullmatch(t)  # the line holds "/" or "["
        if mr is None and t[0] == "d":
            mr = _ROUTE_DAMPENED.fullmatch(t)
        if in_legend and not mr:
            continue  # legend text wrapped at 80 columns
        in_legend = False
        mp = _PATH.fullmatch(t) if (mr is None or pending is not None) and ("." in t or ":" in t) else None
        if mp is None and t[0] == "d" and (mr is None or pending is not None):
            mp = _PATH_DAMPENED.fullmatch(t)
        if mr:
            st, pfx, rest = mr.groups()  # _ROUTE's and _ROUTE_DAMPENED's only groups, in this order
            if not (pending is not None and mp and "/" not in pfx and not pfx.startswith("[")):
                rec = _route_record(ctx, pfx, st, shared)
                last = rec
                row_raw = raw
                if not rest:
                    pending = rec  # _fill_path's answer when nothing follows the prefix: the next line holds the path
                    continue
                off = len(raw) - len(rest)  # rest ends the line (t is raw without its indentation)
                after = None if sid_mode else afters_get((rest, off, raw[:1] in _INDENTS)) or shared.after(rest, off, raw, cols)
                if after is None:
                    pending = _fill_path(rec, rest, raw, cols, out, shared)
                    continue
                nh, attrs = after
                if nh is not None:
                    rec["next_hop"] = nh
                    if raw.find(nh) == off:
                        rec.update(attrs)
                    else:  # the next hop's text also occurs earlier in the line: _fill_attrs reads the line itself
                        _fill_attrs(rec, nh, raw, cols, shared)
                routes.append(rec)
                pending = None
                continue
        m = mp
        if m and pending is not None and not m.group("st").strip():
            pending["next_hop"] = shared.text(m.group("nh"))
            _fill_attrs(pending, m.group("nh"), raw, cols, shared)
            routes.append(pending)
            pending = None
            row_raw = raw
            continue
        if m and last is not None:
            rec = last.copy()  # a copy of a record shares its key table (see record_template)
            rec.update(_flags(m.group("st")))
            rec["communities"] = []
            rec["extcommunities"] = []
            rec["route_targets"] = []
            rec["next_hop"] = shared.text(m.group("nh"))
            _fill_attrs(rec, m.group("nh"), raw, cols, shared)
            routes.append(rec)
            pending = None
            row_raw = raw
            continue
        if pending is None and routes and _NUMBERISH_LINE.fullmatch(t):
            # XR: the attributes of the last route wrapped below a long next hop.
            prev = routes[-1]
            if prev["weight"] is None and prev["origin"] is None:
                prev.update(shared.attrs_of(raw, 0, cols, raw[:1] in _INDENTS))
                continue
            if _rest_of_cut_row(prev, row_raw, raw, t, cols, shared):
                row_raw = None
                continue
        if _INFO.fullmatch(t):
            continue
        bad.add(Line(no, raw, t))
    if pending is not None:
        routes.append(pending)
    out.pop("_sid_mode", None)
    out["unparsed"] = bad.export()
    return out


_NO_SID = "NO SRv6 Sid"
_ALLOC = re.compile(r"per-vrf|per-ce|per-prefix|per-vrf-46|dynamic|explicit|-")


def _sid_columns(rec: Dict[str, Any], rest: str, mode: str, wrapped: bool = False) -> bool:
    """IOS-XR local-sids (``<sid> <alloc> <locator>``) and received-sids (``<next hop> <sid>``) columns.
    *wrapped*: the line continues a received-sids row whose next hop was read, so a lone address is its SID."""
    parts = rest.split()
    if wrapped and mode == "received" and len(parts) == 1 and re.fullmatch(IP, parts[0]):
        rec.update({"sid": parts[0], "no_sid": False})
        return True
    if mode == "local":
        if rest.startswith(_NO_SID):
            rec.update({"sid": None, "no_sid": True, "alloc_mode": None, "locator": None})
            return True
        if len(parts) >= 1 and _IP_FULL.fullmatch(parts[0]):
            rec.update({"sid": parts[0], "no_sid": False, "alloc_mode": parts[1] if len(parts) > 1 else None,
                        "locator": parts[2] if len(parts) > 2 else None})
            return True
        return False
    if parts and _IP_FULL.fullmatch(parts[0]):
        rec["next_hop"] = parts[0]
        tail = " ".join(parts[1:])
        if tail.startswith(_NO_SID):
            rec.update({"sid": None, "no_sid": True})
        elif tail and _IP_FULL.fullmatch(tail.split()[0]):
            rec.update({"sid": tail.split()[0], "no_sid": False})
        return True
    if rest.startswith(_NO_SID) or _IP_FULL.fullmatch(rest.strip() or "-"):
        rec.update({"sid": None if rest.startswith(_NO_SID) else rest.strip(), "no_sid": rest.startswith(_NO_SID)})
        return True
    return False


def _fill_path(rec: Dict[str, Any], rest: str, raw: str, cols: Optional[dict], out: Dict[str, Any],
               shared: _Shared) -> Optional[Dict[str, Any]]:
    """Next hop and attributes after the prefix; returns the record when they are on the next line."""
    parts = rest.split(None, 1)  # only the first word is read
    if not parts:
        return rec
    mode = out.get("_sid_mode")
    if mode and _sid_columns(rec, rest, mode):
        if mode == "received" and rec.get("sid") is None and not rec.get("no_sid"):
            return rec  # the Received Sid column wrapped onto the next line
        out["routes"].append(rec)
        return None
    if _IP_FULL.fullmatch(parts[0]):
        rec["next_hop"] = shared.text(parts[0])
        _fill_attrs(rec, parts[0], raw, cols, shared)
    out["routes"].append(rec)
    return None


_INDENTS = (" ", "\t")


def _rest_of_cut_row(prev: Dict[str, Any], row_raw: Optional[str], raw: str, t: str, cols: Optional[dict], shared: _Shared) -> bool:
    """NX-OS on an 80-column terminal: the row went on at column 1 of the next line, cut mid-word at column 80
    ("... 0 65030 650" then "31 i"). When *t* is that rest, the row is read again as one line and True returned."""
    if (prev["origin"] is None and row_raw is not None and _TERM_WIDTH - 1 <= len(row_raw) <= _TERM_WIDTH
            and raw[:1] not in _INDENTS and prev["next_hop"] is not None):
        joined = row_raw + ("" if len(row_raw) == _TERM_WIDTH else " ") + t
        _fill_attrs(prev, prev["next_hop"], joined, cols, shared)
        return True
    return False


def _fill_attrs(rec: Dict[str, Any], nh: str, raw: str, cols: Optional[dict], shared: _Shared) -> None:
    """The attributes printed after the first word of the line that is (or ends with) the next hop *nh*."""
    start = raw.find(nh)
    end = start + len(nh)
    if start >= 0 and (end == len(raw) or raw[end].isspace()):
        # The first place *nh* occurs ends a word: that word is the first one ending with *nh* (the usual case).
        rec.update(shared.attrs_of(raw[end:], end, cols, raw[:1] in _INDENTS))  # Line.indented without a call
        return
    toks = spans(raw)
    idx = next((i for i, tk in enumerate(toks) if tk[0] == nh or tk[0].endswith(nh)), None)
    tail = toks[idx + 1:] if idx is not None else []
    rec.update(_attrs(tail, cols, raw[:1] in _INDENTS))


# What bgp_table reads from a line that holds no prefix (no "/" nor "["), computed once per distinct line:
# (its kind, the status is blank, the fields of a path continuing a pending route (next hop, attributes), the fields of
# another path of the last route (status flags too), the attributes when the line is only numbers (a row's wrapped
# attributes)). The two path dicts are None when the line is not a path row (_PATH), the last None when it is not
# numbers only. The kind: _SAYS_NOTHING for a line that is neither of those and that _INFO matches (bgp_table skips it
# whatever came before), _LEGEND for a legend line (bgp_table keeps those too, by kind alone), else _OTHER.
_Row = Tuple[int, bool, Optional[Dict[str, Any]], Optional[Dict[str, Any]], Optional[Dict[str, Any]]]
_OTHER, _SAYS_NOTHING, _LEGEND = 0, 1, 2
_LEGEND_ROW: _Row = (_LEGEND, False, None, None, None)


def _row_of(raw: str, t: str, cols: Optional[dict], shared: _Shared) -> _Row:
    """The straightforward reading of a line without a prefix (see _Row); the answers are shared, update records with them."""
    m = _PATH.fullmatch(t) if "." in t or ":" in t else None
    if m is None and t[0] == "d":
        m = _PATH_DAMPENED.fullmatch(t)
    blank = False
    cont = fields = None
    if m is not None:
        st, nh = m.group("st", "nh")
        blank = not st.strip()
        nh = shared.text(nh)
        cont = {"next_hop": nh}
        _fill_attrs(cont, nh, raw, cols, shared)
        fields = dict(_flags(st))
        fields.update(cont)  # no key in common: the flags, then the next hop and the attributes
    wrapped = shared.attrs_of(raw, 0, cols, raw[:1] in _INDENTS) if _NUMBERISH_LINE.fullmatch(t) else None
    kind = _SAYS_NOTHING if cont is None and wrapped is None and _INFO.fullmatch(t) else _OTHER
    return kind, blank, cont, fields, wrapped


# ------------------------------------------------------------------ summary

_SUM_HDR = re.compile(r"Neighbou?r\s+(?P<second>V|Spk)\s+AS\s+MsgRcvd\s+MsgSent\s+TblVer\s+InQ\s+OutQ\s+Up/Down\s+(State/PfxRcd|St/PfxRcd|State/|State)")
_SUM_HDR_LOOSE = re.compile(r"Neighbou?r\s")  # then, further right, the word AS, and after it Up/Down or Uptime: see _loose_summary_header
_AS_WORD = re.compile(r"\bAS\b")


def _loose_summary_header(t: str) -> bool:
    """``Neighbou?r\\s+.*\\bAS\\b.*(Up/Down|Uptime).*`` as a regex took time quadratic in the line (two ``.*`` around a
    word: 1 s on one 4 kB line); the first AS after the blank leaves the most room for what must follow it."""
    m = _SUM_HDR_LOOSE.match(t)
    word = _AS_WORD.search(t, m.end()) if m else None
    return word is not None and ("Up/Down" in t[word.end():] or "Uptime" in t[word.end():])


# NX-OS 10.x counts per route type below the neighbours: "PfxRcd Type-2 ..." (10.2) or "Type-1 ... Type-12" (10.3+).
_SUM_TYPES_HDR = re.compile(r"Neighbou?r\s+T\s+AS\s+(?:PfxRcd\s+)?Type-\d+.*")
# The header's last column wrapped onto the next line: "PfxRcd" after "... Up/Down  State/", or the whole
# "State/PfxRcd" after "... Up/Down" (an 80-column paste of a wide header, ACI spines).
_PFXRCD_WRAP = re.compile(r"(?:State/|St/)?PfxRcd(?:\s+PfxAcc)?")


def bgp_summary(text: Any, default_vrf: Optional[str] = None, filtered: bool = False) -> Dict[str, Any]:
    """Neighbours per VRF / address family of any ``show bgp ... summary``.
    *filtered*: the command piped the output through a filter (``| i 10.102.0.1``), which can drop every header; only
    then is a full row read without its column header (otherwise a row outside a table is listed, not guessed)."""
    lines = clean_lines(text, "bgp_summary")
    out: Dict[str, Any] = {"router_id": None, "local_as": None, "vrfs": []}
    bad = Unparsed()
    ctx = _ctx(default_vrf)
    cur: Optional[Dict[str, Any]] = None
    in_table = False
    types_table = False
    seen_hdr = not filtered  # no column header at all: a capture filtered to its rows ("summary | i 10.102.0.1")
    i = 0

    def block() -> Dict[str, Any]:
        nonlocal cur
        if cur is None or cur["vrf"] != ctx["vrf"] or cur["address_family"] != ctx["address_family"]:
            cur = {"vrf": ctx["vrf"], "address_family": ctx["address_family"], "router_id": out["router_id"],
                   "local_as": out["local_as"], "neighbors": []}
            out["vrfs"].append(cur)
        return cur

    while i < len(lines):
        ln = lines[i]
        t = ln.text
        i += 1
        before = (ctx["vrf"], ctx["address_family"])
        if _context_line(t, ctx, out):
            if (ctx["vrf"], ctx["address_family"]) != before:
                in_table = False
                cur = None
                block()
            elif _RID.fullmatch(t):
                blk = block()
                blk["router_id"], blk["local_as"] = out["router_id"], out["local_as"]
            continue
        if _SUM_TYPES_HDR.fullmatch(t):
            in_table = False  # NX-OS 10.x per-route-type counts: the neighbours were listed above
            types_table = seen_hdr = True
            continue
        if not seen_hdr and not in_table:
            toks = t.split()
            # Only a full row is taken without its header: version 4/6 and five counters in their columns.
            if len(toks) >= 10 and re.fullmatch(IP, toks[0]) and toks[1] in ("4", "6") and all(x.isdecimal() for x in toks[3:8]):
                row = _summary_row(toks)
                if row is not None:
                    block()["neighbors"].append(row)
                    continue
            if re.fullmatch(IP + r"\s+[EI]\s+\S+(\s+\d+){4,7}", t):
                continue  # the NX-OS 10.x per-route-type row of a neighbour (T column E/I), its header filtered away
        if types_table and re.fullmatch(IP + r"\s+\S+\s+\S+(\s+\d+)+", t):
            continue
        if _SUM_HDR.match(t) or _loose_summary_header(t):
            in_table = seen_hdr = True
            types_table = False
            block()
            if i < len(lines) and _PFXRCD_WRAP.fullmatch(lines[i].text):
                i += 1
            continue
        if in_table:
            toks = t.split()
            if toks and re.fullmatch(IP, toks[0]) and "/" not in toks[0]:
                j = i
                # A long neighbour or AS number pushes the counters onto the next line.
                while len(toks) < 10 and j < len(lines) and j < i + 2 and not re.fullmatch(IP, lines[j].text.split()[0]):
                    toks += lines[j].text.split()
                    j += 1
                row = _summary_row(toks)
                if row is not None:
                    block()["neighbors"].append(row)
                    i = j
                    continue
        if _INFO.fullmatch(t) or re.search(r"(entries|memory|version|secs|enabled|peers)\b", t) and not re.match(IP + r"\s", t):
            continue
        bad.add(ln)
    out["vrfs"] = [v for v in out["vrfs"] if v["neighbors"] or v["router_id"]] or out["vrfs"]
    out["unparsed"] = bad.export()
    return out


def _summary_row(toks: List[str]) -> Optional[Dict[str, Any]]:
    """Neighbor V|Spk AS MsgRcvd MsgSent TblVer InQ OutQ Up/Down State/PfxRcd [PfxAcc]."""
    if len(toks) < 10:
        return None
    # IOS-XR marks a neighbour without inbound/outbound policy with a trailing "!" ("0!", "Idle!"): a mark, not a state.
    counts = [c[:-1] if c.endswith("!") and len(c) > 1 else c for c in toks[9:]]
    state = " ".join(counts)
    established = all(c.isdecimal() for c in counts) and bool(counts)
    return {"neighbor": toks[0], "version": int(toks[1]) if toks[1].isdecimal() else None, "remote_as": _asn(toks[2]),
            "msg_rcvd": int(toks[3]) if toks[3].isdecimal() else None, "msg_sent": int(toks[4]) if toks[4].isdecimal() else None,
            "up_down": toks[8], "state": "Established" if established else state,
            "prefixes_received": int(counts[0]) if established else None}


# ------------------------------------------------------------------ detail (entry) form

_ENTRY = re.compile(r"BGP routing table entry for (?P<pfx>\S+?),?(?:\s+version (?P<ver>\d+))?(?:,?\s*Route Distinguisher: (?P<rd>\S+))?(?:\s.*)?")
_PATH_NX = re.compile(r"Path type:\s*(?P<desc>.*)")
_PATH_TYPE_RESTS = 3  # cut lines joined to a "Path type:" line (its status is at most a few terminal lines)
_PATH_XR = re.compile(r"Path #\d+:.*")
# XR marks a next hop steered into an SR policy with its color: "fcbb:bb00:26::1 C:100 (bsid: ...) (metric 10) from ..."
# "(metric 10)", "(inaccessible)", "(bsid: ...)": any parenthesised remark, one alternative (two that both matched
# "(metric 1)" made k remarks 2^k ways to try when the line had no "from")
_NH = re.compile(r"(?P<nh>" + IP + r")(?: C:\d+)?(?:\s+\([^)]*\))*\s+from\s+(?P<from>\S+)(?:\s+\((?P<rid>[^)]*)\))?.*")
_ORIGIN = re.compile(r"Origin (?P<origin>IGP|EGP|incomplete)(?P<rest>.*)", re.IGNORECASE)
# "AS-Path: 65001 65002 , path sourced external to AS": the path is what comes before ", path sourced" (if any), blanks
# stripped. Not one regex "AS-Path:\s*(?P<path>.*?)\s*(?:,\s*path sourced.*)?": its lazy path with a blank run after
# it took time quadratic in the line (1 s on one 4 kB line of blanks).
_ASPATH_SOURCED = re.compile(r",\s*path sourced")


def _nx_as_path(t: str) -> Optional[str]:
    if not t.startswith("AS-Path:"):
        return None
    rest = t[len("AS-Path:"):]
    m = _ASPATH_SOURCED.search(rest)
    return (rest[:m.start()] if m else rest).strip()


_COMM = re.compile(r"Community:\s*(?P<v>.*)")
_EXT = re.compile(r"(?:Extcommunity|Extended community):\s*(?P<v>.*)")
_LARGE = re.compile(r"Large [Cc]ommunity:\s*(?P<v>.*)")
# XR 7.1/7.2 print a path's SID with its SRv6 service TLV type first: "SRv6-VPN-SID: T1-fd00:6:6:0:42:: [total 1]".
_SID = re.compile(r".*?\b(?:Sid|SID)\s*:\s*(?:T\d{1,3}-)?(?P<sid>[0-9a-fA-F]{1,4}:[0-9a-fA-F:]{1,40})(?![0-9a-fA-F:]).*")
_EXT_TOKEN = re.compile(r"Router MAC:\S+|\S+")
# The OSPF extended communities NX-OS prints one per line below "Extcommunity:" on a VRF route redistributed from OSPF.
_OSPF_EXT = re.compile(r"OSPF (?:DOMAIN ID|RT|ROUTER ID):\S+")
_IMPORTED = re.compile(r"Imported from (?P<src>\S+).*|Source AFI: .*Source VRF: (?P<vrf>\S+),.*")
# An AS's digits are taken whole (possessive): with every separator optional, a run of digits could be cut into
# ASes 2^n ways, tried one by one when the line did not match. The blanks after an AS too: given back one by one, each
# was followed by a scan of the rest for "(" (quadratic in a run of blanks; what follows them never needs one back).
# The notes after the path ", (Received from a RR-client)", "(received & used)": one optional group (two in a row each
# with ".*" paired every ")" of the first with every ")" of the second when the line did not match: quadratic).
_ASPATH_XR = re.compile(r"(?:Local|(?:[{(]?\d++(?:\.\d++)?[})]?,?\s*+)+)(?:,?\s*\(.*\))?")
_DETAIL_INFO = re.compile(
    r"(Paths:|Versions:|Process|Speaker|Local Label|Last Modified|Advertised|Not advertised|Received Path ID|"
    r"Flags:|Multipath:|Path-id|Received label|Received path-id|Originator|Cluster list|Imported to|Gateway IP|"
    r"Local label|ES Label|Path Bestpath|Sticky MAC|VRF |Imported paths|Export|Import|Nexthop|PSID-Type|SubTLV|"
    r"T:\d|SS-TLV|Structure|Source AFI|Route-policy|RIB RNH|mpls labels|AIGP|Label|Connector|Received|Origin-AS|"
    r"Path-Attribute|Advertised path-id|Extended community|ATTR|LB|MUP|PMSI|Mac|RR|rib-failure|weight|Total|"
    r"\(Received from|\(inaccessible|Not advertised to any peer|Aggregated by|Community \(|Extended community \(|"
    r"Route Distinguisher Version|Local Sid|Sid:|Alloc mode|SubSubTLV|Length \[|Origin flag|flags:|SR policy color|"
    # IOS-XR, an EVPN path: the Ethernet segment it was learnt on ("EVPN ESI: 0011.1111.1111.1111.1111"), no route fact
    r"EVPN ESI:|"
    # IOS-XR 7.1, a per-CE (End.DX4) prefix: "Gateway Array ID: 1, Resilient per-CE nexthop set ID: 1", no route fact
    r"Gateway Array ID:|"
    # NX-OS, a VRF prefix also exported to VPNv4: "vpn: version 5088, (0x100002) on xmit-list", "local label: 132",
    # then the paths advertised per side ("VRF advertise information:", "VPN AF advertise information:").
    r"vpn: version|local label:|VPN AF advertise information).*")


# Unindented lines of the entry form; any other unindented line below a line that filled the terminal is its rest.
# "Versions:" below an entry line that is exactly 80 columns wide ("BGP routing table entry for 100.64.10.29/32, Route
# Distinguisher: 100.64.10.5:10") is the next line, not the rest of a cut one: joined, the RD read "100.64.10.5:10Versions:".
_DETAIL_LINE_STARTS = ("BGP ", "Paths", "Flags:", "Route Distinguisher", "Multipath", "Path-id", "Advertised", "Versions:",
                       "Last Modified", "SRv6-VPN")


def bgp_detail(text: Any, default_vrf: Optional[str] = None) -> Dict[str, Any]:
    """``show bgp ... <prefix>`` / ``detail``: one record per path with communities, RTs and SRv6 SIDs."""
    out: Dict[str, Any] = {"router_id": None, "local_as": None, "route_distinguishers": [], "routes": [],
                           "communities": [], "extcommunities": []}
    bad = Unparsed()
    ctx = _ctx(default_vrf)
    entry: Optional[Dict[str, Any]] = None
    path: Optional[Dict[str, Any]] = None
    last_attr = None
    in_peers = False
    prev_wide = False  # the previous line was cut at the 80-column terminal
    path_type_rests = 0  # how many more cut lines may still be the rest of the "Path type:" line above
    # The entry line when it filled the terminal: its NLRI may go on at column 1 below ("...:[192.168.100." / "6]/272,
    # version 30"), and how many more such rests it may take (an NLRI is at most a few terminal lines).
    entry_cut: Optional[str] = None
    entry_rests = 0

    def new_path() -> Dict[str, Any]:
        rec = _route_record(ctx, entry["route"] if entry else "", "")
        rec.update({k: entry[k] for k in ("vrf", "rd", "l3vni", "route", "prefix", "route_type", "mac")} if entry else {})
        rec.update({"valid": False, "best": False, "neighbor": None, "imported_from": None, "large_communities": []})
        if entry and entry.get("sid"):
            rec["sid"] = entry["sid"]  # the entry's SRv6-VPN SID, printed above its paths (XR 7.x)
        out["routes"].append(rec)
        return rec

    def start_entry(m: Any) -> Dict[str, Any]:
        if m.group("rd"):
            ctx["rd"] = m.group("rd")
        new = {"vrf": ctx["rd_vrf"] or ctx["vrf"], "rd": ctx["rd"], "l3vni": ctx["l3vni"]}
        new.update(norm_prefix(m.group("pfx")))
        return new

    for ln in iter_clean(text, "bgp_detail"):
        t = ln.text
        if prev_wide and not ln.indented and not t.startswith(_DETAIL_LINE_STARTS):
            # The previous line went on at column 1 of this one, cut mid-word ("... is best pa" / "th, in rib").
            if entry_cut is not None and entry is not None and path is None:
                # The entry's NLRI was cut: read the entry line again whole, else the route would be a fragment
                # ("[2]:...:[192.168.100.") that matches nothing and says nothing is wrong.
                joined = entry_cut + t
                m = _ENTRY.fullmatch(joined)
                if m:
                    entry = start_entry(m)
                entry_rests -= 1
                entry_cut = joined if entry_rests > 0 and len(ln.raw) == _TERM_WIDTH else None
            elif path_type_rests and path is not None:
                # A few at most: a status is one sentence; joining every further 80-column line made a long run of
                # them quadratic.
                path_type_rests -= 1
                desc = path["status"] + t
                path.update(status=desc, valid="is valid" in desc, best="is best path" in desc)
            prev_wide = len(ln.raw) == _TERM_WIDTH
            continue
        prev_wide, path_type_rests, entry_cut = len(ln.raw) == _TERM_WIDTH, 0, None
        m = _ENTRY.fullmatch(t)
        if m:
            entry = start_entry(m)
            path, last_attr, in_peers = None, None, False
            entry_cut, entry_rests = (t, 2) if prev_wide else (None, 0)
            continue
        if _context_line(t, ctx, out):
            continue
        if entry is None:
            m = _COMM.fullmatch(t) or _EXT.fullmatch(t)
            if m and not t.startswith("Large"):
                # `| grep Community`: the entry's attribute lines without the entry; kept on the result itself
                key = "communities" if t.startswith("Community") else "extcommunities"
                out[key].extend(m.group("v").split() if key == "communities" else _EXT_TOKEN.findall(m.group("v")))
                continue
            if not _INFO.fullmatch(t) and not _LEGEND_START.fullmatch(t):
                bad.add(ln)
            continue
        m = _PATH_NX.fullmatch(t)
        if m:
            path, last_attr, in_peers = new_path(), None, False
            desc = m.group("desc")
            path["path_type"] = desc.split(",")[0].strip()
            path["valid"] = "is valid" in desc
            path["best"] = "is best path" in desc
            path["status"] = desc
            path_type_rests = _PATH_TYPE_RESTS
            continue
        if _PATH_XR.fullmatch(t):
            path, last_attr, in_peers = new_path(), None, False
            continue
        m = _COMM.fullmatch(t)
        if m and not t.startswith("Large"):
            (path or new_path())["communities"].extend(m.group("v").split())
            last_attr = "communities"
            continue
        m = _EXT.fullmatch(t)
        if m:
            tgt = path or new_path()
            tgt["extcommunities"].extend(_EXT_TOKEN.findall(m.group("v")))
            last_attr = "extcommunities"
            continue
        m = _LARGE.fullmatch(t)
        if m:
            (path or new_path())["large_communities"].extend(m.group("v").split())
            continue
        if last_attr == "extcommunities" and path is not None and re.match(r"(RT|ENCAP|Router MAC|SOO|SoO|COST|RMAC|Color|EVPN|MAC Mobility)[: ]", t):
            path["extcommunities"].extend(_EXT_TOKEN.findall(t))
            continue
        if last_attr == "extcommunities" and path is not None and _OSPF_EXT.fullmatch(t):
            path["extcommunities"].append(t)  # one value with blanks in it ("OSPF DOMAIN ID:0x0005:0x000000000200")
            continue
        last_attr = None
        m = _SID.fullmatch(t)
        if m:
            if path is not None:
                path["sid"] = m.group("sid")
            else:
                entry["sid"] = m.group("sid")
            continue
        # "Advertised to update-groups ...:", XR 7's "Advertised IPv4 Unicast paths to peers (in unique update groups):"
        if t.startswith("Path-id") and "advertised to peers" in t or t.startswith("Advertised") and t.endswith(":") \
                or t.startswith("Advertised to") or t.startswith("Not advertised"):
            in_peers = t.endswith(":")
            continue
        m = _NH.fullmatch(t)
        if m:
            if path is None or path["next_hop"] is not None:
                path = new_path() if path is None or path["next_hop"] is not None else path
            path["next_hop"], path["neighbor"] = m.group("nh"), m.group("from")
            in_peers = False
            continue
        m = _ORIGIN.fullmatch(t)
        if m and path is not None:
            path["origin"] = {"igp": "i", "egp": "e", "incomplete": "?"}[m.group("origin").lower()]
            rest = m.group("rest")
            for key, pat in (("metric", r"(?:metric|MED) (\d+)"), ("local_pref", r"localpref (\d+)"), ("weight", r"weight (\d+)")):
                mm = re.search(pat, rest)
                if mm:
                    path[key] = int(mm.group(1))
            flags = [f.strip() for f in rest.split(",")]
            if "valid" in flags:
                path["valid"] = True
            if "best" in flags:
                path["best"] = True
            continue
        nx_path = _nx_as_path(t)
        if nx_path is not None and path is not None:
            path["as_path"] = "" if nx_path.upper() == "NONE" else nx_path
            continue
        m = _IMPORTED.fullmatch(t)
        if m and path is not None:
            path["imported_from"] = m.group("src") or m.group("vrf")
            continue
        if in_peers and all(re.fullmatch(IP, x) for x in t.split()):
            continue
        if _ASPATH_XR.fullmatch(t) and not _IPV4.fullmatch(t):
            # XR prints the AS path (or "Local") alone on the line that opens the path's body.
            if path is None or path["next_hop"] is not None:
                path = new_path()
            path["as_path"] = "" if t.startswith("Local") else t.split(",")[0].strip()
            continue
        if _DETAIL_INFO.match(t) or _INFO.fullmatch(t):
            continue
        if in_peers and all(re.fullmatch(IP, x) for x in t.split()):
            continue
        bad.add(ln)
    for r in out["routes"]:
        r["route_targets"] = [e[3:] for e in r["extcommunities"] if e.startswith("RT:")]
    out["route_targets"] = [e[3:] for e in out["extcommunities"] if e.startswith("RT:")]
    out["unparsed"] = bad.export()
    return out
