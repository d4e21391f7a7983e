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

import functools
import re
from typing import Any, Callable, Dict, List, Optional, Tuple

from .partial import Unparsed
from .text import Line, StringPool, iter_rows

_PFX = r"(?:\d{1,3}(?:\.\d{1,3}){3}/\d{1,2}|[0-9a-fA-F]{0,4}:[0-9a-fA-F:.]{1,45}/\d{1,3})"
_PFX_RE = re.compile(_PFX)

# ------------------------------------------------------------------ NX-OS

_NX_TABLE = re.compile(r"IP(?:v6)? Rout(?:e|ing) Table for VRF \"?(?P<vrf>[^\"\s]+)\"?.*")
_NX_ROUTE = re.compile(r"(?P<pfx>" + _PFX + r"), ubest/mbest: (?P<u>\d+)/(?P<m>\d+)(?P<flags>.*)")
_NX_VIA = re.compile(r"(?P<best>\*{0,2})via (?P<rest>.*)")
_NX_RULER = re.compile(r"-{5,}|Node \d+ \(.*\)")
_NX_LEGEND = re.compile(r"('\*'|'\*\*'|'\[x/y\]'|'%<string>'|'%')(?:\s.*)?")
_DIST = re.compile(r"\[(?P<d>\d+)/(?P<m>\d+)\]")
# _NX_ROUTE starts with a prefix (a digit, a hex digit or ":"): lines starting otherwise skip it.
_NX_NOT_ROUTE = frozenset("*'-GHIJKLMNOPQRSTUVWXYZghijklmnopqrstuvwxyz ([\"%,")


# NX-OS cuts a line at the terminal's width (80 columns by default) and goes on at column 1 of the next one; a line
# longer than that was printed on a wider terminal and is whole.
_TERM_WIDTH = 80
_NX_IFACE = re.compile(r"[A-Za-z][\w/.:-]*\d")
_HEXISH_LINE = re.compile(r"^[0-9a-fA-F:.]+$")


class _Strings:
    """One copy of each short string a large table repeats (next hops, interfaces, ages, protocols), and the
    columns read from a path's text after its next hop, which repeat as much; bounded, so hostile input cannot grow them."""

    LIMIT = 65536
    MAX_LEN = 256
    # ``bodies`` (IOS-XR): a route's whole text after its prefix, by that text. An entry holds its paths (a few hundred
    # bytes each), so the memo is bounded by the paths it holds too: a text of 256 characters can print dozens.
    BODY_LIMIT = 4096
    BODY_PATHS = 16384

    def __init__(self) -> None:
        self._pool = StringPool(self.LIMIT, self.MAX_LEN)
        self.strings = self._pool.strings  # read directly where a lookup without a call matters (once per path)
        self.tails: Dict[Optional[str], Tuple[Any, ...]] = {}
        self.connected_tails: Dict[Optional[str], Tuple[Any, ...]] = {}
        self.bodies: Dict[str, Any] = {}
        self._body_paths = 0  # the paths held in ``bodies``

    def __call__(self, value: str) -> str:
        return self._pool(value)

    def body(self, text: str) -> "_XrBody":
        """``_xr_body(self, text)``, computed once per distinct *text* (IOS-XR routes via the same next hops, learnt
        at the same time, print the same text after their prefixes: most routes of a large table)."""
        got = self.bodies.get(text)
        if got is None:
            got = _xr_body(self, text)
            if (len(self.bodies) < self.BODY_LIMIT and len(text) <= self.MAX_LEN
                    and self._body_paths + len(got[2]) <= self.BODY_PATHS):
                self.bodies[text] = got
                self._body_paths += len(got[2])
        return got

    def tail(self, text: Optional[str], read: Callable[[Optional[str]], Tuple[Any, ...]],
             memo: Optional[Dict[Optional[str], Tuple[Any, ...]]] = None) -> Tuple[Any, ...]:
        """``read(text)``, computed once per distinct *text*; *memo*: the table of this *read* (one per reader, as two
        readers may see the same text), by default ``tails``."""
        memo = self.tails if memo is None else memo
        got = memo.get(text)
        if got is None:
            got = read(text)
            if len(memo) < self.LIMIT and (text is None or len(text) <= self.MAX_LEN):
                memo[text] = got
        return got


def _nx_via_columns(share: _Strings, tail: Optional[str]) -> Tuple[Any, ...]:
    """(interface, distance, metric, age, protocol, tags) from the comma-separated items after a via's next hop."""
    iface = distance = metric = age = protocol = None
    tags: List[str] = []
    after_dist = 0
    for p in [share(x.strip()) for x in tail.split(",")] if tail is not None else []:
        m = _DIST.fullmatch(p) if p[:1] == "[" else None
        if m:
            distance, metric = int(m.group("d")), int(m.group("m"))
            after_dist = 1
            continue
        if not after_dist:
            iface = p
        elif after_dist == 1:
            age = p
            after_dist = 2
        elif after_dist == 2:
            protocol = p
            after_dist = 3
        elif p:
            tags.append(p)
    return iface, distance, metric, age, protocol, tuple(tags)


def _nx_via_head(share: _Strings, head: str) -> Tuple[Optional[str], Optional[str], Optional[str]]:
    """(next hop, its VRF, the interface it is instead) from a via's text before its first comma."""
    nh = share(head.strip())
    vrf = None
    if "%" in nh:
        nh, _sep, vrf = nh.partition("%")
        nh, vrf = share(nh), share(vrf)
    elif nh.startswith("vrf "):  # "*via vrf default, Null0, ...": no next hop, only the VRF the route points into
        nh, vrf = "", share(nh[4:].strip())
    # "via Null0": a name, not an address; it is the path's interface when no other column names one
    named = nh if nh and _NX_IFACE.fullmatch(nh) and not _HEXISH_LINE.match(nh) else None
    return nh or None, vrf, named


def _nx_via(best: str, rest: str, share: Optional[_Strings] = None,
            heads: Optional[Dict[str, Tuple[Optional[str], Optional[str], Optional[str]]]] = None) -> Dict[str, Any]:
    """The path of a via line (*best*: its stars, *rest*: its text after "via ").

    Both halves of the text repeat across a large table (the same next hops, the same interface, distance, age
    and protocol columns), so each is read once per distinct text: the columns in ``share.tails``, the next hop
    in *heads* (the table's own memo, bounded like share's).
    """
    share = share or _Strings()
    head, comma, tail = rest.partition(",")
    got = heads.get(head) if heads is not None else None
    if got is None:
        got = _nx_via_head(share, head)
        if heads is not None and len(heads) < share.LIMIT and len(head) <= share.MAX_LEN:
            heads[head] = got
    nh, vrf, named = got
    key = tail if comma else None
    cols = share.tails.get(key)
    if cols is None:
        cols = share.tail(key, functools.partial(_nx_via_columns, share))
    iface, distance, metric, age, protocol, tags = cols
    if iface is None and named is not None:
        iface, nh = named, None
    return {"next_hop": nh, "nexthop_vrf": vrf, "interface": iface, "distance": distance, "metric": metric,
            "age": age, "best": best[:1] == "*", "protocol": protocol, "tags": list(tags)}


def nx_via_split(t: str) -> Optional[Tuple[str, str]]:
    """(stars, text after "via ") of a via line, None when *t* is not one: what ``_NX_VIA.fullmatch`` finds, by slicing."""
    stars = 2 if t.startswith("**") else 1 if t.startswith("*") else 0
    return (t[:stars], t[stars + 4:]) if t.startswith("via ", stars) else None


def nxos_route_table(text: Any, default_vrf: str = "default") -> Dict[str, Any]:
    """*default_vrf*: the VRF the command asked for, used until the output names its table."""
    out: Dict[str, Any] = {"routes": []}
    routes = out["routes"]
    bad = Unparsed()
    share = _Strings()
    heads: Dict[str, Tuple[Optional[str], Optional[str], Optional[str]]] = {}
    flag_lists: Dict[str, Tuple[str, ...]] = {}  # ", attached" -> ("attached",): the flags of a route, read once per text
    vrf: Optional[str] = default_vrf
    cur: Optional[Dict[str, Any]] = None
    paths: List[Dict[str, Any]] = []  # the paths of cur
    # A via line's path is made at once; the last via's stars and text (via_rest None: no via since the last route)
    # are kept for the lines that continue it. Those are collected in pieces and the path made again from their join
    # once, when the next via, route or table comes (joining as they come would copy the text again for each
    # continuation: quadratic on a long run of them).
    via_best = ""
    via_rest: Optional[str] = None
    pieces: Optional[List[str]] = None
    via_width = 0  # the width of the last via line (or of its last continuation) as printed
    route_match, table_match, not_route = _NX_ROUTE.fullmatch, _NX_TABLE.fullmatch, _NX_NOT_ROUTE

    # Lines are read as they are cleaned (none kept, plain tuples: a Line only for a line reported); a first-character
    # test skips the patterns that cannot match.
    for no, raw, t in iter_rows(text, "nxos_route_table"):
        first = t[0]
        if first == "*" or first == "v":  # neither a table's title nor a route can start so
            stars = (2 if t[1:2] == "*" else 1) if first == "*" else 0  # nx_via_split, inline: once per path
            if cur is not None and t.startswith("via ", stars):
                if pieces is not None:
                    paths[-1] = _nx_via(via_best, "".join(pieces), share, heads)
                    pieces = None
                via_best, via_rest = t[:stars], t[stars + 4:]
                paths.append(_nx_via(via_best, via_rest, share, heads))
                via_width = len(raw)
                continue
        elif first not in not_route:
            m = route_match(t)
            if m:
                if pieces is not None:
                    paths[-1] = _nx_via(via_best, "".join(pieces), share, heads)
                    pieces = None
                via_rest = None
                pfx, flag_text = m.group("pfx", "flags")
                if flag_text:
                    flags = flag_lists.get(flag_text)
                    if flags is None:
                        flags = tuple(share(f.strip()) for f in flag_text.split(",") if f.strip())
                        if len(flag_lists) < 4096 and len(flag_text) <= share.MAX_LEN:
                            flag_lists[flag_text] = flags
                else:
                    flags = ()
                paths = []
                cur = {"vrf": vrf, "prefix": pfx, "protocol": None, "code": None, "connected": "attached" in flags,
                       "flags": list(flags), "srv6": None, "paths": paths}
                routes.append(cur)
                continue
        elif first == "I":
            m = table_match(t)
            if m:
                if pieces is not None:
                    paths[-1] = _nx_via(via_best, "".join(pieces), share, heads)
                    pieces = None
                via_rest = None
                vrf, cur = m.group("vrf"), None
                continue
        if _NX_LEGEND.fullmatch(t) or t in ("Route not found", "No routes found") or _NX_RULER.fullmatch(t):
            continue
        # Every piece of the via's text is a cleaned line's text or the end of one (no trailing blanks), so its last
        # piece says whether the whole text ends with a comma.
        if via_rest is not None:
            last = pieces[-1] if pieces is not None else via_rest
            # A via cut after a key's colon ("..., tag 65002, rwVnid:" then "vxlan-3112960" at column 1, ACI) is
            # continued the same way: the value the key announced is on the next line.
            if raw[0] == " " or raw[0] == "\t" or t[0] == "," or last[-1:] in (",", ":") or via_width == _TERM_WIDTH:
                # A path line wrapped at 80 columns: the rest is indented, starts with a comma, follows one, or starts
                # at column 1 below a line that filled the terminal ("..., tag 65000, seg" then "id: 10222 tunnelid:
                # ..."). A rest cut at column 80, maybe inside a word, is joined as is; after a comma, a new item.
                if pieces is None:
                    pieces = [via_rest]
                pieces.append(" " + t if last[-1:] in (",", ":") and t[0] != "," else t)
                via_width = len(raw)
                continue
        bad.add(Line(no, raw, t))
    if pieces is not None:
        paths[-1] = _nx_via(via_best, "".join(pieces), share, heads)
    family: Dict[str, str] = {}  # "ospf-NDI-FABRIC" -> "ospf", one copy
    for r in routes:
        # the protocol of a route: the family of the first protocol its paths name
        first_proto = None
        for p in r["paths"]:
            first_proto = p["protocol"]
            if first_proto:
                break
        if first_proto:
            proto = family.get(first_proto)
            if proto is None:
                proto = share(first_proto.split("-")[0])
                if len(family) < 4096:
                    family[first_proto] = proto
            r["protocol"] = proto
    out["unparsed"] = bad.export()
    return out


# ------------------------------------------------------------------ IOS-XR

_XR_VRF = re.compile(r"VRF:\s*(?P<vrf>\S+)")
_XR_ROUTE = re.compile(r"(?P<code>[A-Za-z]{1,2}\*?(?: ?[A-Za-z][A-Za-z0-9]{0,2}\*?)?)\s+(?P<pfx>" + _PFX + r")(?P<rest>.*)")
_XR_ENTRY = re.compile(r"Routing entry for (?P<pfx>" + _PFX + r")")
_XR_KNOWN = re.compile(r"Known via \"(?P<proto>[^\"]+)\", distance (?P<d>\d+), metric (?P<m>\d+).*")
# The address's first "." or ":" is the one it must hold: with the same class on both sides of it, a long run of them
# could be cut there in as many ways as it had characters, each tried when the line did not match.
_XR_RDB = re.compile(r"(?P<nh>[0-9a-fA-F]*[.:][0-9a-fA-F:.]*|directly connected)(?:, from (?P<from>\S+?))?(?:, via (?P<iface>\S+?))?(?:,.*)?")
_XR_SIDLIST = re.compile(r".*SID-list \{(?P<sids>[^}]*)\}.*")
_XR_NH_VRF = re.compile(r"Nexthop in Vrf: \"(?P<vrf>[^\"]+)\".*")
_XR_PATH = re.compile(r"\[(?P<d>\d+)/(?P<m>\d+)\] via (?P<nh>[^\s,]+)(?: \(nexthop in vrf (?P<vrf>[^)]+)\))?(?P<rest>[^\[]*)")
# Matched where str.find puts "SRv6 Endpoint " (a search from every blank of a long run of them was quadratic).
_XR_SRV6 = re.compile(r"SRv6 Endpoint (?P<beh>\S+?)(?: \((?P<flavor>[^)]*)\))?(?=,|\s|$)")


def _xr_srv6(body: str) -> "Optional[re.Match[str]]":
    """The first "SRv6 Endpoint <behavior> [(<flavor>)]" of a route's text."""
    pos = body.find("SRv6 Endpoint ")
    while pos >= 0:
        m = _XR_SRV6.match(body, pos)
        if m:
            return m
        pos = body.find("SRv6 Endpoint ", pos + 1)
    return None


_XR_GATEWAY = re.compile(r"Gateway of last resort is .*")
_XR_CODES = re.compile(r"(Codes:|[A-Za-z0-9()*%]{1,4}\s+-\s+|\(!\)|A - |U - |i L|ia |su |L - |  ).*")


_XR_AGE = re.compile(r"\d+[ywdhms][\dywdhms]*|\d\d:\d\d:\d\d|never")
_XR_IFACE = re.compile(r"[A-Za-z][\w/.:-]*")
# the digit looked for once, ahead: as "[\w/.:-]*\d[\w/.:-]*" it was tried at every position of an item that did not
# match, each with a scan of the rest (quadratic in the item)
_XR_IFACE_NUMBERED = re.compile(r"[A-Za-z](?=[\w/.:-]*?\d)[\w/.:-]*+")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _xr_path_columns(share: _Strings, rest: Optional[str]) -> Tuple[Any, ...]:
    """(age, interface, backup) from the comma-separated items after a path's next hop."""
    tail = [share(x.strip()) for x in (rest or "").split(",") if x.strip()]
    backup = bool(tail) and tail[-1].endswith("(!)")
    if backup:
        tail[-1] = share(tail[-1][:-3].strip())
    tail = [x for x in tail if x]
    age = next((x for x in tail if _XR_AGE.fullmatch(x)), None)
    iface = next((x for x in tail if x != age and _XR_IFACE.fullmatch(x)), None)
    return age, iface, backup


def _xr_paths(text: str, share: Optional[_Strings] = None) -> List[Dict[str, Any]]:
    share = share or _Strings()
    columns = functools.partial(_xr_path_columns, share)
    seen, tails = share.strings, share.tails  # their lookups inline: this runs once per path of a large table
    paths = []
    for m in _XR_PATH.finditer(text):
        dist, metric, nh, vrf, rest = m.group("d", "m", "nh", "vrf", "rest")
        age, iface, backup = tails.get(rest) or share.tail(rest, columns)
        paths.append({"next_hop": seen.get(nh) or share(nh), "nexthop_vrf": vrf if vrf is None else share(vrf), "interface": iface,
                      "distance": int(dist), "metric": int(metric), "age": age, "best": True, "protocol": None, "tags": [],
                      "backup": backup})
    return paths


_DETAIL_SKIP = re.compile(
    r"(Installed|Routing Descriptor Blocks|Route metric|Label:|Tunnel ID|Binding Label|Extended communities|NHID|Path Grouping|"
    r"Route version|No local label|IP Precedence|QoS Group|Flow-tag|Fwd-class|Route Priority|Download Priority|No advertising|"
    r"Redist Advertisers|Backup|Path id|Nexthop in Vrf|Source|Route Source|SRv6|Local label|Topology|Tag|Remote|Known via|"
    r"Protected|Weight|Packets|Route is|Pending|Stale|Fabric|Repair Node|Number of pic paths|MPLS eid|"
    r"[\w-]+(?:/[\w.-]+)? \(protoid=).*")  # the last: an entry below "Redist Advertisers:" (eigrp/100 (protoid=5, ...))


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


# A connected route leaked from another VRF names it after its interface: "..., Loopback1002 (nexthop in vrf test2)".
_XR_LEAKED_IFACE = re.compile(r"(?P<iface>\S+) \(nexthop in vrf (?P<vrf>[^)\s]+)\)")


def _xr_connected_columns(share: _Strings, rest: Optional[str]) -> Tuple[Any, ...]:
    """(interface, age, the VRF of the interface when another's) from the items after "is directly connected,"."""
    tail = [share(x.strip()) for x in (rest or "").split(",") if x.strip()]
    vrf = None
    if tail:
        m = _XR_LEAKED_IFACE.fullmatch(tail[-1])
        if m:  # the interface is the leaking VRF's: keep both, the VRF is what an isolation check must see
            tail[-1], vrf = share(m.group("iface")), share(m.group("vrf"))
    iface = next((x for x in tail if _XR_IFACE_NUMBERED.fullmatch(x)), None)
    return iface, tail[0] if tail else None, vrf


# What the text of an IOS-XR route after its prefix says: (SRv6 endpoint (behavior, flavor) or None, connected or not,
# its paths). The paths are shared templates: copy each, with a list of tags of its own, into a route.
_XrBody = Tuple[Optional[Tuple[str, Optional[str]]], bool, Tuple[Dict[str, Any], ...]]


def _xr_body(share: _Strings, body: str) -> _XrBody:
    """The straightforward reading of a route's text after its prefix, joined with its continuation lines (see _XrBody)."""
    m = _xr_srv6(body)
    srv6 = (m.group("beh"), m.group("flavor")) if m else None
    paths: List[Dict[str, Any]] = []
    connected = False
    # One path per "is directly connected," (a prefix on two interfaces prints the phrase again on the next line).
    for seg in body.split("is directly connected,")[1:] if "is directly connected," in body else ():
        connected = True
        # The items after it (an age and an interface, up to a "[d/m] via" path) repeat as much as a path's: read
        # once per text.
        iface, age, vrf = share.tail(seg.split("[", 1)[0], functools.partial(_xr_connected_columns, share), share.connected_tails)
        paths.append({"next_hop": None, "nexthop_vrf": vrf, "interface": iface, "distance": 0, "metric": 0,
                      "age": age, "best": True, "protocol": None, "tags": [], "backup": False})
    if "[" in body:  # every path _XR_PATH reads starts with its [distance/metric]
        paths.extend(_xr_paths(body, share))
    return srv6, connected, tuple(paths)


def _xr_code(code: str, share: _Strings, codes: Dict[str, Tuple[str, str]]) -> Tuple[str, str]:
    """(the one copy of *code*, its protocol: the first letters without "*"), kept in *codes* (bounded)."""
    code = share(code)
    got = (code, share(code.replace("*", "").split()[0]))
    if len(codes) < 1024:  # _XR_ROUTE's code is at most 8 characters, but stay bounded anyway
        codes[code] = got
    return got


def iosxr_route_table(text: Any, default_vrf: str = "default") -> Dict[str, Any]:
    """*default_vrf*: the VRF the command asked for; some releases print no "VRF:" line for a single VRF."""
    out: Dict[str, Any] = {"routes": [], "gateway_of_last_resort": None}
    bad = Unparsed()
    share = _Strings()
    bodies_get = share.bodies.get
    codes: Dict[str, Tuple[str, str]] = {}  # a route's code as printed -> (its one copy, its protocol); a table prints a few
    vrf = default_vrf
    cur: Optional[Dict[str, Any]] = None
    # The route's own line (number, raw) and the texts of it and its continuation lines, joined once in finish.
    cur_no = 0
    cur_raw = ""
    cur_text: List[str] = []
    detail: Optional[Dict[str, Any]] = None  # "Routing entry for ..." (detail form)
    in_codes = False

    def finish() -> None:
        if cur is None:
            return
        body = " ".join(cur_text)
        # The text after the prefix is read once per distinct text (bodies_get inline); each route gets copies.
        srv6, connected, paths = bodies_get(body) or share.body(body)
        if srv6 is not None:
            cur["srv6"] = {"behavior": srv6[0], "flavor": srv6[1]}
        if connected:
            cur["connected"] = True
        if paths:
            mine = cur["paths"]
            for path in paths:
                path = path.copy()
                path["tags"] = []  # its own list: a consumer may change one route's path
                mine.append(path)
        elif srv6 is None:
            bad.add_raw(cur_no, cur_raw, "route without a path")

    # Lines are read as they are cleaned (none kept); a first-letter test skips the patterns that cannot match.
    for no, raw, t in iter_rows(text, "iosxr_route_table"):
        first = t[0]
        if first == "[" and not in_codes and detail is None and cur is not None:
            # Another path of the route above (the general test below, first; a line starting with "[" is neither the
            # codes line nor a route, the two tests before it once).
            cur_text.append(t)
            continue
        if first == "C" and t.startswith("Codes:"):
            in_codes = True
            continue
        lettered = first in _LETTERS  # every pattern below but the continuations starts with a letter
        # _XR_ROUTE and the codes test below read a prefix, and every prefix holds "/": a line without one skips them.
        slash = "/" in t
        m = _XR_ROUTE.fullmatch(t) if lettered and slash else None
        if m:
            code, pfx, rest = m.groups()  # _XR_ROUTE's only groups, in this order
            if not in_codes or "/" in pfx:
                in_codes, detail = False, None
                finish()
                code, protocol = codes.get(code) or _xr_code(code, share, codes)
                cur = {"vrf": vrf, "prefix": pfx, "code": code, "protocol": protocol, "connected": False, "srv6": None, "paths": []}
                cur_no, cur_raw, cur_text = no, raw, [rest]
                out["routes"].append(cur)
                continue
        m = _XR_VRF.fullmatch(t) if lettered else None
        if m:
            finish()
            cur, in_codes, detail = None, False, None
            vrf = m.group("vrf")
            continue
        m = _XR_ENTRY.fullmatch(t) if lettered and slash else None
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
        if lettered and _XR_GATEWAY.fullmatch(t):
            finish()
            cur, in_codes = None, False
            out["gateway_of_last_resort"] = None if "not set" in t else t.split(" is ", 1)[1]
            continue
        if in_codes and not (slash and _PFX_RE.search(t)):
            continue
        in_codes = False
        if cur is not None and (t.startswith("[") or t.startswith("is directly") or t.startswith(",") or t.startswith("via")
                                or raw[:1] in (" ", "\t") or t.startswith("SRv6") or cur_text[-1].endswith(",")):
            # A line ending in a comma continues on the next one, indented or not (80-column terminals).
            cur_text.append(t)  # another path, or the rest of a wrapped route (joined with blanks in finish)
            continue
        if t.startswith("%") or t.startswith("Routing entry") or t.startswith("Route "):
            continue
        bad.add(Line(no, raw, t))
    finish()
    for r in out["routes"]:
        r.pop("_dist", None)
    out["unparsed"] = bad.export()
    return out
