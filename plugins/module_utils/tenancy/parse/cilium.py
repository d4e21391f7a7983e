# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cilium CLI parsers: ``cilium bgp peers`` and ``cilium bgp routes``, text and ``-o json``.

``parse_cilium_bgp_peers`` / ``parse_cilium_bgp_peers_json``
    -> {"peers": [{"node", "local_as", "peer_as", "peer_address",
        "session_state", "uptime", "uptime_seconds",
        "families": [{"family", "afi", "safi", "received", "advertised"}]}]}
    The text table prints the node only on its first row and each extra
    address family on a row of its own; both are folded back here.

``parse_cilium_bgp_routes`` / ``parse_cilium_bgp_routes_json``
    -> {"routes": [{"node", "vrouter", "peer", "prefix", "next_hop", "age",
        "age_seconds", "best", "attributes": {"origin", "as_path",
        "next_hop", "med", "local_pref", "communities", "extcommunities",
        "large_communities"}}]}
    One record per path. The JSON form carries BGP path attributes as
    base64 wire format (RFC 4271); they are decoded here.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
import struct
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Dict, Iterator, List, Optional, Tuple

from .errors import ParseError
from .structured import load_json_or_yaml
from .text import Line, bracketed, content_lines, fail

CMD_PEERS = "cilium.bgp_peers"
CMD_PEERS_JSON = "cilium.bgp_peers_json"
CMD_ROUTES = "cilium.bgp_routes"
CMD_ROUTES_JSON = "cilium.bgp_routes_json"

_DUR = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$")


def go_duration_seconds(value: str) -> Optional[int]:
    """``45h49m25s`` -> 164965 (Go time.Duration text, rounded to seconds)."""
    m = _DUR.match(value or "")
    if not m or not any(m.groups()):
        return None
    h, mi, s = m.groups()
    # Decimal, not float: seconds of 400 digits overflow a float to inf, and int(round(inf)) raises OverflowError
    return int(h or 0) * 3600 + int(mi or 0) * 60 + int(Decimal(s or 0).to_integral_value(ROUND_HALF_EVEN))


def go_duration_text(nanoseconds: int) -> str:
    """Nanoseconds as Go prints ``time.Duration(ns).Round(time.Second)``.

    Go rounds a halfway value away from zero (2.5 s prints "3s"), where Python's ``round`` goes to
    the even neighbour; integer arithmetic also keeps large values exact (a float has 53 bits)."""
    ns = int(nanoseconds or 0)
    secs = (abs(ns) + 500_000_000) // 1_000_000_000
    if secs == 0:
        return "0s"
    if ns < 0:
        return "-" + go_duration_text(secs * 1_000_000_000)
    h, rem = divmod(secs, 3600)
    m, s = divmod(rem, 60)
    if h:
        return "%dh%dm%ds" % (h, m, s)
    if m:
        return "%dm%ds" % (m, s)
    return "%ds" % s


def _family(text: str) -> Dict[str, Any]:
    afi, _sep, safi = text.partition("/")
    return {"family": text, "afi": afi, "safi": safi}


def _table_rows(text: str, cmd: str, header: re.Pattern, header_hint: str, what: str,
                notes: Tuple[str, ...] = ()) -> Iterator[Tuple[re.Match, Line]]:
    """Rows of a cilium-cli table, each with the match of the header above it.

    The header may repeat (one table per node or per query); a row before
    any header, or no header at all, is an error. Lines starting with
    *notes* are remarks the CLI prints around the table.
    """
    hdr = None
    for ln in content_lines(text, cmd):
        if notes and ln.text.startswith(notes):
            continue
        m = header.match(ln.text)
        if m:
            hdr = m
            continue
        if hdr is None:
            raise fail(cmd, "expected the table header (%s ...)" % header_hint, ln)
        yield hdr, ln
    if hdr is None:
        raise ParseError(cmd, "no %s table in the output" % what)


# ---------------------------------------------------------------- peers

_PEERS_HDR = re.compile(r"^Node\s+Local AS\s+Peer AS\s+Peer Address\s+Session State\s+Uptime\s+Family\s+Received\s+Advertised$")


def parse_cilium_bgp_peers(text: str) -> Dict[str, Any]:
    """``cilium bgp peers`` table."""
    cmd = CMD_PEERS
    peers: List[Dict[str, Any]] = []
    node = None
    for _hdr, ln in _table_rows(text, cmd, _PEERS_HDR, "Node Local AS Peer AS", "peers"):
        toks = ln.text.split()
        if len(toks) == 3 and "/" in toks[0]:
            if not peers:
                raise fail(cmd, "address-family row before any peer row", ln)
            fam = _family(toks[0])
            fam.update(_counts(toks[1:], cmd, ln))
            peers[-1]["families"].append(fam)
            continue
        if len(toks) == 9 and not toks[0].isdecimal():
            node, toks = toks[0], toks[1:]
        elif len(toks) == 8 and toks[0].isdecimal():
            if node is None:
                raise fail(cmd, "peer row without a node name", ln)
        elif len(toks) in (5, 6):
            # A peer with no negotiated family yet (not established).
            if not toks[0].isdecimal():
                node, toks = toks[0], toks[1:]
            toks = toks + ["", "", "", ""][: 8 - len(toks)]
        else:
            raise fail(cmd, "unrecognised peer row", ln)
        if not (toks[0].isdecimal() and toks[1].isdecimal()):
            raise fail(cmd, "expected local and peer AS numbers", ln)
        peer = {"node": node, "local_as": int(toks[0]), "peer_as": int(toks[1]), "peer_address": toks[2],
                "session_state": toks[3], "uptime": toks[4], "uptime_seconds": go_duration_seconds(toks[4]), "families": []}
        if toks[5]:
            fam = _family(toks[5])
            fam.update(_counts(toks[6:8], cmd, ln))
            peer["families"].append(fam)
        peers.append(peer)
    return {"peers": peers}


def _counts(vals: List[str], cmd: str, ln: Line) -> Dict[str, int]:
    if len(vals) != 2 or not all(v.isdecimal() for v in vals):
        raise fail(cmd, "expected received and advertised counts", ln)
    return {"received": int(vals[0]), "advertised": int(vals[1])}


def _per_node(data: Any, cmd: str) -> List:
    """cilium-cli prints ``{node: [items]}``; the agent's own ``cilium-dbg ... -o json`` prints ``[items]``."""
    if isinstance(data, list):
        return [(None, data)]
    if isinstance(data, dict) and all(isinstance(v, list) for v in data.values()):
        return sorted(data.items())
    raise ParseError(cmd, "JSON: expected {node: [...]} or a list")


def _keys(obj: Any) -> Dict[str, Any]:
    """One level of an ``-o json|yaml`` object with its keys in one spelling.

    ``-o json`` prints the API's names ("peer-address", "age-nanoseconds"), ``-o yaml`` the Go field names in lower
    case ("peeraddress", "agenanoseconds"): keys are lower-cased without dashes, so one reader serves both.
    """
    if not isinstance(obj, dict):
        return {}
    return {str(k).replace("-", "").lower(): v for k, v in obj.items()}


def _json_objects(text: str, cmd: str, what: str, key: str) -> Iterator[Tuple[Optional[str], Dict[str, Any]]]:
    """(node, object) for each object of ``-o json`` (or ``-o yaml``) output, keys as :func:`_keys` spells them;
    every object must carry *key*."""
    for node, items in _per_node(load_json_or_yaml(text, cmd), cmd):
        for item in items:
            fields = _keys(item)
            if key.replace("-", "") not in fields:  # *key* as -o json prints it; the message names it so
                raise ParseError(cmd, "JSON: %s object without %s (node %s)" % (what, key, node))
            yield node, fields


def _count(obj: Dict[str, Any], key: str, cmd: str) -> int:
    """A whole number of an ``-o json|yaml`` object (0 when absent): an int, or the decimal digits YAML may leave as a
    string; anything else (a list, "x", "\u00b2", a float like Infinity) is the output not being the agent's."""
    val = obj.get(key) or 0
    if isinstance(val, int) and not isinstance(val, bool):
        return val
    if isinstance(val, str) and val.isdecimal() and val.isascii():
        return int(val)
    raise ParseError(cmd, "JSON: %s is %r, not a whole number" % (key, str(val)[:40]))


def _list(obj: Dict[str, Any], key: str, cmd: str) -> List[Any]:
    """A list of an ``-o json|yaml`` object ([] when absent); another type is the output not being the agent's."""
    val = obj.get(key) or []
    if not isinstance(val, list):
        raise ParseError(cmd, "JSON: %s is not a list but %s" % (key, type(val).__name__))
    return val


def parse_cilium_bgp_peers_json(text: str) -> Dict[str, Any]:
    """``cilium bgp peers -o json``: same shape as the text parser."""
    cmd = CMD_PEERS_JSON
    peers = []
    for node, p in _json_objects(text, cmd, "peer", "peer-address"):
        up = go_duration_text(_count(p, "uptimenanoseconds", cmd))
        fams = [_keys(f) for f in _list(p, "families", cmd)]
        peers.append({
            "node": node, "local_as": _count(p, "localasn", cmd), "peer_as": _count(p, "peerasn", cmd),
            "peer_address": p["peeraddress"], "session_state": p.get("sessionstate"), "uptime": up,
            "uptime_seconds": go_duration_seconds(up),
            "families": [dict(_family("%s/%s" % (f.get("afi"), f.get("safi"))),
                              received=_count(f, "received", cmd), advertised=_count(f, "advertised", cmd))
                         for f in fams],
        })
    return {"peers": peers}


# ---------------------------------------------------------------- routes

_ROUTES_HDR = re.compile(r"^Node\s+VRouter\s+(Peer\s+)?Prefix\s+NextHop\s+Age\s+Attrs$")


def _empty_attrs() -> Dict[str, Any]:
    return {"origin": None, "as_path": None, "next_hop": None, "med": None, "local_pref": None, "communities": [],
            "extcommunities": [], "large_communities": []}


def _split_braces(s: str, cmd: str, ln: Line) -> List[str]:
    items, depth, start = [], 0, None
    for i, ch in enumerate(s):
        if ch == "{":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                items.append(s[start:i])
            if depth < 0:
                raise fail(cmd, "unbalanced braces in Attrs", ln)
    if depth != 0:
        raise fail(cmd, "unbalanced braces in Attrs", ln)
    return items


def parse_attrs_text(attrs: str, cmd: str, ln: Line) -> Dict[str, Any]:
    """gobgp's attribute rendering: ``[{Origin: i} {Nexthop: 0.0.0.0} {Communities: 64512:301}]``."""
    a = attrs.strip()
    if not (a.startswith("[") and a.endswith("]")):
        raise fail(cmd, "Attrs must be a [...] list", ln)
    out = _empty_attrs()
    for item in _split_braces(a[1:-1], cmd, ln):
        key, _sep, val = item.partition(":")
        key, val = key.strip(), val.strip()
        if key == "Origin":
            out["origin"] = val
        elif key == "Nexthop":
            out["next_hop"] = val
        elif key == "AsPath":
            out["as_path"] = val
        elif key == "Med":
            out["med"] = int(val)
        elif key == "LocalPref":
            out["local_pref"] = int(val)
        elif key == "Communities":
            out["communities"] = [c.strip() for c in val.split(",") if c.strip()]
        elif key == "Extcomms":
            out["extcommunities"] = bracketed(val)  # not re.findall: quadratic on "[" after "[" with no "]"
        elif key == "LargeCommunity":
            out["large_communities"] = [c.strip() for c in val.strip("[] ").split(",") if c.strip()]
        elif key.startswith("MpReach"):
            m = re.search(r"Nexthop: ([^,}]+)", val)
            out["next_hop"] = m.group(1).strip() if m else out["next_hop"]
    return out


def parse_cilium_bgp_routes(text: str) -> Dict[str, Any]:
    """``cilium bgp routes [available|advertised ...]`` table."""
    cmd = CMD_ROUTES
    routes: List[Dict[str, Any]] = []
    node = None
    for hdr, ln in _table_rows(text, cmd, _ROUTES_HDR, "Node VRouter Prefix", "routes", notes=("(Defaulting to",)):
        with_peer = bool(hdr.group(1))  # the Peer column is there for `routes advertised` only
        head, br, attrs = ln.text.partition("[")
        toks = head.split()
        want = 5 if with_peer else 4
        if len(toks) == want + 1 and not toks[0].isdecimal():
            node, toks = toks[0], toks[1:]
        if len(toks) != want or not br or not toks[0].isdecimal():
            raise fail(cmd, "unrecognised route row", ln)
        if node is None:
            raise fail(cmd, "route row without a node name", ln)
        peer = toks.pop(1) if with_peer else None
        routes.append({"node": node, "vrouter": int(toks[0]), "peer": peer, "prefix": toks[1], "next_hop": toks[2],
                       "age": toks[3], "age_seconds": go_duration_seconds(toks[3]), "best": None,
                       "attributes": parse_attrs_text("[" + attrs, cmd, ln)})
    return {"routes": routes}


_WELL_KNOWN = {0xFFFFFF01: "no-export", 0xFFFFFF02: "no-advertise", 0xFFFFFF03: "no-export-subconfed",
               0xFFFFFF04: "no-peer", 0xFFFF029A: "blackhole", 0xFFFF0006: "llgr-stale", 0xFFFF0007: "no-llgr",
               0xFFFF0000: "graceful-shutdown"}


def decode_path_attribute(blob: bytes, out: Dict[str, Any]) -> None:
    """Decode one RFC 4271 path attribute (flags, type, length, value) into *out*."""
    if len(blob) < 3:
        raise ValueError("attribute shorter than its header")
    flags, code = blob[0], blob[1]
    if flags & 0x10:
        (length,) = struct.unpack("!H", blob[2:4])
        val = blob[4:4 + length]
    else:
        length = blob[2]
        val = blob[3:3 + length]
    if len(val) != length:
        raise ValueError("attribute %d: length %d but %d bytes" % (code, length, len(val)))
    if code == 1:
        out["origin"] = {0: "i", 1: "e", 2: "?"}.get(val[0], "-")
    elif code == 2:
        out["as_path"] = _as_path(val)
    elif code == 3:
        out["next_hop"] = str(ipaddress.ip_address(val))
    elif code == 4:
        out["med"] = struct.unpack("!I", val)[0]
    elif code == 5:
        out["local_pref"] = struct.unpack("!I", val)[0]
    elif code == 8:
        for (c,) in struct.iter_unpack("!I", val):
            out["communities"].append(_WELL_KNOWN.get(c, "%d:%d" % (c >> 16, c & 0xFFFF)))
    elif code == 16:
        for i in range(0, len(val), 8):
            out["extcommunities"].append(_ext(val[i:i + 8]))
    elif code == 14:
        nhlen = val[3]
        nh = val[4:4 + nhlen]
        if nhlen in (4, 16):
            out["next_hop"] = str(ipaddress.ip_address(nh))
        elif nhlen == 32:
            out["next_hop"] = str(ipaddress.ip_address(nh[:16]))
        elif nhlen in (12, 24):  # VPN next hop: 8-byte zero RD + address
            out["next_hop"] = str(ipaddress.ip_address(nh[8:]))
    elif code == 32:
        for i in range(0, len(val), 12):
            out["large_communities"].append("%d:%d:%d" % struct.unpack("!III", val[i:i + 12]))


def _as_path(val: bytes) -> str:
    # Cilium's gobgp speaks 4-octet AS; fall back to 2-octet if lengths disagree.
    for width in (4, 2):
        segs, i, ok = [], 0, True
        while i < len(val):
            if i + 2 > len(val):
                ok = False
                break
            typ, cnt = val[i], val[i + 1]
            body = val[i + 2:i + 2 + cnt * width]
            if len(body) != cnt * width:
                ok = False
                break
            asns = [str(int.from_bytes(body[k:k + width], "big")) for k in range(0, len(body), width)]
            segs.append(("{%s}" % " ".join(asns)) if typ == 1 else " ".join(asns))
            i += 2 + cnt * width
        if ok:
            return " ".join(s for s in segs if s)
    raise ValueError("malformed AS_PATH")


def _ext(v: bytes) -> str:
    typ, sub = v[0], v[1]
    if sub == 0x02 and typ in (0x00, 0x40):
        return "%d:%d" % (struct.unpack("!H", v[2:4])[0], struct.unpack("!I", v[4:8])[0])
    if sub == 0x02 and typ in (0x01, 0x41):
        return "%s:%d" % (ipaddress.ip_address(v[2:6]), struct.unpack("!H", v[6:8])[0])
    if sub == 0x02 and typ in (0x02, 0x42):
        return "%d:%d" % (struct.unpack("!I", v[2:6])[0], struct.unpack("!H", v[6:8])[0])
    return "0x" + binascii.hexlify(v).decode()


def parse_cilium_bgp_routes_json(text: str) -> Dict[str, Any]:
    """``cilium bgp routes ... -o json``: same shape as the text parser, one record per path."""
    cmd = CMD_ROUTES_JSON
    routes = []
    for node, r in _json_objects(text, cmd, "route", "prefix"):
        for p in (_keys(x) for x in _list(r, "paths", cmd)):
            attrs = _empty_attrs()
            for pa in (_keys(x) for x in _list(p, "pathattributes", cmd)):
                if not isinstance(pa.get("base64", ""), str):
                    raise ParseError(cmd, "JSON: a path attribute of %s without its base64 text" % (r["prefix"],))
                try:
                    decode_path_attribute(base64.b64decode(pa.get("base64", ""), validate=True), attrs)
                except (ValueError, binascii.Error, struct.error, IndexError) as exc:
                    raise ParseError(cmd, "JSON: undecodable path attribute of %s: %s" % (r["prefix"], exc))
            age = go_duration_text(_count(p, "agenanoseconds", cmd))
            routes.append({"node": node, "vrouter": _count(r, "routerasn", cmd), "peer": r.get("neighbor"),
                           "prefix": r["prefix"], "next_hop": attrs["next_hop"] or "0.0.0.0", "age": age,
                           "age_seconds": go_duration_seconds(age), "best": bool(p.get("best")), "attributes": attrs})
    return {"routes": routes}
