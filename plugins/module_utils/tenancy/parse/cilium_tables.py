# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cilium BGP tables of every release, read by their header.

``cilium bgp peers`` (cilium-cli, a Node column), ``cilium-dbg bgp peers``
(agent-local, no Node column, ``Session`` and ``addr:port``), the
``cilium-dbg shell -- bgp/peers`` table and the same three forms of
``bgp routes``. The header decides which column is which; a row whose
leading cells are blank continues the row above (another address family,
the node printed once).

``cilium_peers(text)``  -> {"peers": [{"node", "local_as", "peer_as", "peer_address", "peer_port",
                             "session_state", "uptime", "families": [{"family", "afi", "safi",
                             "received", "advertised"}]}]}
``cilium_routes(text)`` -> {"routes": [{"node", "vrouter", "peer", "prefix", "next_hop", "age",
                             "best", "attributes": {...}}]}
"""

from __future__ import annotations

import ipaddress
import itertools
import re
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

from .cilium import go_duration_seconds, parse_attrs_text
from .errors import ParseError
from .partial import Unparsed
from .text import Line, StringPool, iter_clean

# printed header (as words) -> key; longest first so "Peer AS" wins over "Peer".
_PEER_HEADS: List[Tuple[str, str]] = [
    ("Session State", "state"), ("Peer Address", "peer"), ("Local AS", "local_as"), ("Peer AS", "peer_as"),
    ("Peer ASN", "peer_as"), ("Local ASN", "local_as"), ("PeerAddr", "peer"), ("PeerAS", "peer_as"), ("LocalAS", "local_as"),
    ("Node", "node"), ("Instance", "node"), ("Router", "local_as"), ("Session", "state"), ("State", "state"),
    ("Uptime", "uptime"), ("Family", "family"), ("AFI", "afi"), ("SAFI", "safi"), ("Received", "received"),
    ("Advertised", "advertised"), ("Accepted", "accepted"), ("Peer", "peer"), ("Neighbor", "peer"), ("Name", "name"),
    ("Port", "port"),
]
_ROUTE_HEADS: List[Tuple[str, str]] = [
    ("Node", "node"), ("Instance", "node"), ("VRouter", "vrouter"), ("Router", "vrouter"), ("Peer", "peer"),
    ("Neighbor", "peer"), ("Prefix", "prefix"), ("NextHop", "next_hop"), ("Next Hop", "next_hop"), ("Best", "best"),
    ("Age", "age"), ("Attrs", "attrs"), ("Attributes", "attrs"), ("AFI", "afi"), ("SAFI", "safi"), ("Family", "family"),
]


def _longest_first(heads: List[Tuple[str, str]]) -> List[Tuple[str, str]]:
    return sorted(heads, key=lambda h: -len(h[0]))


def _first_words(heads: List[Tuple[str, str]]) -> frozenset:
    """The lower-case first word of each column name: a header's first word is one of them."""
    return frozenset(printed.lower().split(" ")[0] for printed, _key in heads)


def _header(raw: str, heads: List[Tuple[str, str]], must: Tuple[str, ...],
            ordered: Optional[List[Tuple[str, str]]] = None, first_words: Optional[frozenset] = None) -> Optional[List[Tuple[str, int]]]:
    """(key, start column) for each header word of *raw*, or None when it is not this table's header.

    *ordered* (*heads* longest first) and *first_words* (:func:`_first_words` of *heads*) can be given computed once
    per table: a data row leaves at its first word, which names no column.
    """
    ordered = _longest_first(heads) if ordered is None else ordered
    if first_words is not None:
        start = len(raw) - len(raw.lstrip(" "))
        space = raw.find(" ", start)
        if raw[start:space if space >= 0 else len(raw)].lower() not in first_words:
            return None
    cols: List[Tuple[str, int]] = []
    i = 0
    n = len(raw)
    while i < n:
        if raw[i] == " ":
            i += 1
            continue
        for printed, key in ordered:
            end = i + len(printed)
            if raw[i:end].lower() == printed.lower() and (end == n or raw[end] == " "):
                cols.append((key, i))
                i = end
                break
        else:
            return None  # a word that is no column name: not a header
    keys = [c[0] for c in cols]
    return cols if all(k in keys for k in must) else None


def _family_first(toks: List[str], keys: List[str]) -> bool:
    """A row of another family of the peer above, with the columns' spacing lost: right-aligned, its first
    cell falls in the Family column and reads as one (``ipv4/mpls_vpn 1 1``)."""
    return keys[len(keys) - len(toks)] == "family" and re.fullmatch(r"[a-z0-9]+[/_-][a-z0-9_-]+", toks[0]) is not None


def _cells(ln: Line, cols: List[Tuple[str, int]], last_free: bool, keys: Optional[List[str]] = None) -> Dict[str, str]:
    """Cells by column; split on blanks when the token count fits, by position otherwise (*keys*: the columns' keys)."""
    keys = [c[0] for c in cols] if keys is None else keys
    if last_free and "[" in ln.text:  # Attrs holds blanks: split it off first
        head, br, attrs = ln.text.partition("[")
        htoks = head.split()
        if len(htoks) == len(keys) - 1:
            htoks.append(br + attrs)
            return dict(zip(keys, htoks))
        blank = len(keys) - 1 - len(htoks)
        if htoks and 0 < blank and set(keys[:blank]) <= {"node", "vrouter"}:
            # The node (and router) printed once, on the first of its rows, even with the columns' spacing lost.
            return dict(zip(keys, [""] * blank + htoks + [br + attrs]))
    else:
        toks = ln.text.split()
        if len(toks) == len(keys):
            return dict(zip(keys, toks))
        if 0 < len(toks) < len(keys) and not last_free and (ln.raw[:1] == " " or _family_first(toks, keys)):
            # Leading cells left blank (the node printed once, another family of the same peer): the rest is right-aligned.
            return dict(zip(keys, [""] * (len(keys) - len(toks)) + toks))
    raw = ln.raw
    out: Dict[str, str] = {}
    starts = [c[1] for c in cols] + [10 ** 9]
    for idx, key in enumerate(keys):
        a, b = starts[idx], starts[idx + 1]
        while 0 < a < len(raw) and raw[a - 1] != " ":
            a -= 1
        if idx == len(keys) - 1:
            b = len(raw)
        while 0 < b < len(raw) and raw[b - 1] != " ":
            b -= 1
        out[key] = raw[a:b].strip() if a < len(raw) else ""
    return out


def _is_ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(text)
        return True
    except ValueError:
        return False


# A name as the CiliumBGPNodeConfig gives it: no colon, so no IPv6 address (even a malformed one) reads as a name.
_PEER_NAME = re.compile(r"[A-Za-z][\w.-]*")


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False


def _int(v: Optional[str]) -> Optional[int]:
    return int(v) if v and v.isdecimal() else None


_DASHED_FAMILY = re.compile(r"(ipv4|ipv6|l2vpn|ls|link-state)[-_]([a-z0-9_-]+)")


def _family(fam: str) -> Dict[str, Any]:
    m = _DASHED_FAMILY.fullmatch(fam) if "/" not in fam else None
    if m:  # Cilium 1.18+ prints "ipv4-unicast", the first agent table (1.14) "ipv4_unicast": one spelling, "ipv4/unicast"
        fam = "%s/%s" % (m.group(1), m.group(2))
    afi, _sep, safi = fam.partition("/")
    return {"family": fam, "afi": afi, "safi": safi or None}


_RULER = re.compile(r"[-=\s]+")
# The command echoed after a shell prompt the line cleaner does not know ("[root@master ~]# kubectl exec ...",
# "@host:~/dir (main) [$!?] \u276f k exec ..."): a prompt mark, blanks and a command word of the Cilium CLIs.
_ECHO = re.compile(r"[#$>%\u276f\u279c\u00bb]\s+(?:sudo\s+)?(?:kubectl|k|cilium|cilium-dbg|oc)\s")
_NOTES = ("(Defaulting to", "Defaulted container", "Warning", "WARNING", "Note:", "Use ", "level=",
          # kubectx / kubectl config use-context run in the same capture before the command
          "Switched to context", "\u2714 Switched to context", "\u2713 Switched to context")
# A script that runs the agent CLI on each node prints the node's name above its table ("=== stanton-01 ===",
# "----- node1 -----", "-- worker2"): the rows below it are that node's. A banner of several words is a section title
# of a log ("=== CILIUM BGP PEERS ==="): no data, and no node.
_BANNER_MARKS = ("==", "--")


def _banner(text: str) -> Optional[List[str]]:
    """The words inside a "=== ... ===" / "-- name" banner line, or None for any other line (string tests: linear)."""
    if not text.startswith(_BANNER_MARKS):
        return None
    inner = text.lstrip("=-")
    if not inner[:1].isspace():
        return None
    body = inner.rstrip("=-")
    if len(body) < len(inner) and not body[-1:].isspace():  # closing marks must stand apart from the name
        return None
    words = body.split()
    if len(words) > 1 and len(body) == len(inner):  # an unclosed "-- some words" is prose, not a title
        return None
    return words or None


def _table_rows(lines: Iterable[Line], heads: List[Tuple[str, str]], must: Tuple[str, ...], bad: Unparsed,
                banner: Optional[List[Optional[str]]] = None) -> Iterator[Tuple[Line, List[Tuple[str, int]]]]:
    """The data rows of a Cilium table, each with the columns of the header above it. A header line
    (re)sets the columns (the CLI prints one table per node or family); notes and rulers are skipped;
    a row before any header cannot be read and is recorded as not understood. A node banner line
    ("=== node1 ===") sets ``banner[0]`` (the node of the rows below it, for tables without a Node column)."""
    cols = None
    ordered, first_words = _longest_first(heads), _first_words(heads)
    commented = False  # the table below a "# Node  VRouter ..." header: the author turned the pasted output into comments
    for ln in lines:
        h = _header(ln.raw, heads, must, ordered, first_words)
        if h:
            cols, commented = h, False
            continue
        if ln.raw[:2] == "# ":
            # No Cilium table starts a line with "#": a "# " before a whole header (and before each row under it) is
            # a shell comment the author wrote over the output, one column each. Dropped, the columns line up again.
            h = _header(ln.raw[2:], heads, must, ordered, first_words)
            if h:
                cols, commented = h, True
                continue
            if commented:
                raw = ln.raw[2:]
                if not raw.strip():
                    continue
                ln = Line(ln.no, raw, raw.strip())
        if ln.text.startswith(_NOTES) or ln.text[0] in "-=" and _RULER.fullmatch(ln.text):
            continue
        if ln.text[0] in "-=":
            words = _banner(ln.text)
            if words:
                if len(words) == 1:
                    if banner is not None:
                        banner[0] = words[0]
                    cols = None  # a new node's table: its own header follows
                continue
        if cols is None:
            if _ECHO.search(ln.text) is None:  # the echoed command is no data; anything else before a header is
                bad.add(ln)
            continue
        yield ln, cols


def _row_family(c: Dict[str, str]) -> Optional[Dict[str, Any]]:
    """The address family of a peers row with its route counts (one column "ipv4/unicast", or AFI and SAFI)."""
    fam = c.get("family") or ("%s/%s" % (c.get("afi"), c.get("safi")) if c.get("afi") else "")
    if not fam:
        return None
    f = _family(fam)
    f.update(received=_int(c.get("received")), advertised=_int(c.get("advertised")))
    return f


_DETAIL_KEY = re.compile(r"(?P<k>[A-Za-z][\w /-]*?):(?:\s+(?P<v>\S.*))?")
# Sections of the detailed form whose lines say nothing about the session or its routes.
# BFD has its own "Session State: up", not the BGP session's.
_DETAIL_SKIP = ("Timers", "Graceful Restart", "Local Capabilities", "Remote Capabilities", "BFD")


def _peers_detailed(lines: Iterable[Line], bad: Unparsed) -> List[Dict[str, Any]]:
    """``bgp/peers -f detailed`` (Cilium 1.18+): "Instance:", then "Peer:" blocks of "Key: value" lines."""
    peers: List[Dict[str, Any]] = []
    instance = None
    peer: Optional[Dict[str, Any]] = None
    fam: Optional[Dict[str, Any]] = None
    skip_below: Optional[int] = None  # indentation of a skipped section's title
    for ln in lines:
        indent = len(ln.raw) - len(ln.raw.lstrip(" "))
        if skip_below is not None:
            if indent > skip_below:
                continue
            skip_below = None
        m = _DETAIL_KEY.fullmatch(ln.text)
        if not m:
            if peer is None:
                bad.add(ln)
            continue  # a capability without a value ("route-refresh")
        key, val = m.group("k"), (m.group("v") or "").strip()
        if key == "Instance":
            instance, peer, fam = val, None, None
        elif key == "Peer":
            peer = {"node": None, "instance": instance, "name": val, "local_as": None, "peer_as": None, "peer_address": None,
                    "peer_port": None, "session_state": None, "uptime": None, "uptime_seconds": None, "families": []}
            peers.append(peer)
            fam = None
        elif peer is None:
            bad.add(ln)
        elif key in _DETAIL_SKIP:
            skip_below = indent
        elif key == "Address":
            peer["peer_address"] = val
        elif key == "Port":
            peer["peer_port"] = _int(val)
        elif key in ("PeerAsn", "Peer ASN"):
            peer["peer_as"] = _int(val)
        elif key in ("LocalAsn", "Local ASN"):
            peer["local_as"] = _int(val)
        elif key == "Session State":
            peer["session_state"] = val or None
        elif key == "Uptime":
            peer["uptime"], peer["uptime_seconds"] = val or None, go_duration_seconds(val)
        elif "/" in key and not val:
            fam = _family(key)
            fam.update(received=None, advertised=None)
            peer["families"].append(fam)
        elif fam is not None and key in ("Received Routes", "Advertised Routes"):
            fam["received" if key.startswith("Rec") else "advertised"] = _int(val)
    return peers


def cilium_peers(text: Any) -> Dict[str, Any]:
    lines = iter_clean(text, "cilium_peers")
    out: Dict[str, Any] = {"peers": []}
    bad = Unparsed()
    node = None
    head: List[Line] = []  # kubectl's notes ("Defaulted container ...") may come before the first line of the output
    for ln in lines:
        head.append(ln)
        if not ln.text.startswith(_NOTES) or len(head) > 20:
            break
    if head and head[-1].text.startswith(("Instance:", "Peer:")):
        out["peers"] = _peers_detailed(itertools.chain(head[-1:], lines), bad)
        out["unparsed"] = bad.export()
        return out
    lines = itertools.chain(head, lines)
    banner: List[Optional[str]] = [None]
    for ln, cols in _table_rows(lines, _PEER_HEADS, ("peer",), bad, banner):
        c = _cells(ln, cols, False)
        if not c.get("peer"):
            f = _row_family(c)
            if out["peers"] and f:
                out["peers"][-1]["families"].append(f)
                continue
            bad.add(ln, "row without a peer address")
            continue
        if c.get("node"):
            node = c["node"]
        peer, port = c["peer"], None
        m = re.fullmatch(r"(?P<a>\d{1,3}(?:\.\d{1,3}){3}):(?P<p>\d{1,5})|\[(?P<a6>[0-9a-fA-F:.]+)\]:(?P<p6>\d{1,5})", peer)
        if m:  # the agent prints addr:port
            peer, port = m.group("a") or m.group("a6"), int(m.group("p") or m.group("p6"))
        elif "node" not in dict(cols) and peer.count(":") >= 2:
            # cilium-dbg (no Node column) appends ":port" to an IPv6 peer without brackets: fd00:11::1:179.
            head, _sep, tail = peer.rpartition(":")
            if tail.isdecimal() and len(tail) <= 5 and _is_ipv6(head) and not head.endswith(":"):
                peer, port = head, int(tail)
        name = None
        # Cilium 1.16+ bgp/peers prints the peer's name (peer0), not its address; a lab may name a peer by its AS number
        # (contrib/containerlab multi-homing: "65000"), which is no address either
        if (_PEER_NAME.fullmatch(peer) or peer.isdecimal()) and not _is_ip(peer):
            name, peer = peer, None
        rec = {"node": node if "node" in dict(cols) else banner[0], "local_as": _int(c.get("local_as")), "peer_as": _int(c.get("peer_as")),
               "peer_address": peer, "peer_port": port, "name": name, "session_state": c.get("state") or None, "uptime": c.get("uptime") or None,
               "uptime_seconds": go_duration_seconds(c.get("uptime") or ""), "families": []}
        f = _row_family(c)
        if f:
            rec["families"].append(f)
        out["peers"].append(rec)
    out["unparsed"] = bad.export()
    return out


class _Memo:
    """Per table: one copy of each short repeated string (node, peer, next hop, age), and the attributes and ages read
    once per distinct text (a large table repeats them row after row); bounded, so hostile input cannot grow them."""

    LIMIT = 4096
    MAX_LEN = 512

    def __init__(self) -> None:
        self.text = StringPool(self.LIMIT, self.MAX_LEN)
        self.attrs: Dict[str, Optional[Tuple[Dict[str, Any], Tuple[str, ...]]]] = {}
        self.ages: Dict[str, Optional[int]] = {}

    def age_seconds(self, age: str) -> Optional[int]:
        if age in self.ages:
            return self.ages[age]
        secs = go_duration_seconds(age)
        if len(self.ages) < self.LIMIT and len(age) <= self.MAX_LEN:
            self.ages[age] = secs
        return secs


_NOT_UNDERSTOOD = None  # memo value of an Attrs text parse_attrs_text rejects


def _route_attrs(memo: _Memo, attrs_text: str, ln: Line) -> Optional[Dict[str, Any]]:
    """parse_attrs_text of *attrs_text*, read once per distinct text; a fresh dict (and fresh lists and dicts in it) every time.

    Raises ValueError when the text is not understood (parse_attrs_text's ParseError or a bad number).
    """
    if attrs_text in memo.attrs:
        done = memo.attrs[attrs_text]
    else:
        try:
            parsed = parse_attrs_text(attrs_text, "cilium_routes", ln)
            done = (parsed, tuple(k for k, v in parsed.items() if isinstance(v, (list, dict))))  # the mutable values
        except (ParseError, ValueError):
            done = _NOT_UNDERSTOOD
        if len(memo.attrs) < memo.LIMIT and len(attrs_text) <= memo.MAX_LEN:
            memo.attrs[attrs_text] = done
    if done is _NOT_UNDERSTOOD:
        raise ValueError("attributes not understood")
    parsed, mutable_keys = done
    attrs = parsed.copy()
    for key in mutable_keys:
        attrs[key] = parsed[key].copy()  # shallow: their items are strings and numbers
    return attrs


def cilium_routes(text: Any) -> Dict[str, Any]:
    out: Dict[str, Any] = {"routes": []}
    routes = out["routes"]
    bad = Unparsed()
    memo = _Memo()
    share, strs = memo.text, memo.text.strings  # strs.get first: the lookup without a call, once per cell of a large table
    node = None
    vrouter = None
    seen_cols = None
    keys: List[str] = []
    has_node = last_free = False
    banner: List[Optional[str]] = [None]
    for ln, cols in _table_rows(iter_clean(text, "cilium_routes"), _ROUTE_HEADS, ("prefix",), bad, banner):
        if cols is not seen_cols:  # a new header: what its columns say, once
            seen_cols, keys = cols, [c[0] for c in cols]
            has_node, last_free = "node" in keys, keys[-1] == "attrs"
        c = _cells(ln, cols, last_free, keys)
        if not c.get("prefix") or "/" not in c["prefix"]:
            bad.add(ln, "route row without a prefix")
            continue
        if c.get("node"):
            node = share(c["node"])
        if c.get("vrouter"):
            vrouter = _int(c["vrouter"])
        attrs_text = c.get("attrs") or ""
        try:
            attrs = _route_attrs(memo, attrs_text, ln) if attrs_text.startswith("[") else None
        except ValueError:
            attrs = None
            bad.add(ln, "attributes not understood")
        best = c.get("best")
        peer, next_hop, age = c.get("peer"), c.get("next_hop"), c.get("age")
        routes.append({"node": node if has_node else banner[0], "vrouter": vrouter, "peer": (strs.get(peer) or share(peer)) if peer else None,
                       "prefix": c["prefix"], "next_hop": (strs.get(next_hop) or share(next_hop)) if next_hop else None,
                       "age": (strs.get(age) or share(age)) if age else None,
                       "age_seconds": memo.age_seconds(age or ""),
                       "best": None if best is None else best.lower() in ("true", "yes", "*", ">", "best"),
                       "attributes": attrs})
    out["unparsed"] = bad.export()
    return out


# ``cilium-dbg bpf srv6 sid|policy`` (Isovalent SRv6 L3VPN): the agent's eBPF maps, one table each.
_SRV6_MAP_HEADS: List[Tuple[str, str]] = [("Destination CIDR", "prefix"), ("Source IP", "source"), ("VRF ID", "vrf"), ("SID", "sid")]


def cilium_bpf_srv6_sids(text: Any) -> Dict[str, Any]:
    """``cilium-dbg bpf srv6 sid``: each local SID and the VRF it decapsulates into.

    -> {"sids": [{"sid", "behavior", "context", "owner", "state", "locator", "vrf"}]}; the map prints no behaviour
    or locator (None), ``vrf`` (and ``context``) is the VRF ID as printed.
    """
    out: Dict[str, Any] = {"sids": []}
    bad = Unparsed()
    for ln, cols in _table_rows(iter_clean(text, "cilium_bpf_srv6_sids"), _SRV6_MAP_HEADS, ("sid", "vrf"), bad):
        c = _cells(ln, cols, False)
        if ":" not in (c.get("sid") or "") or not (c.get("vrf") or "").isdecimal():
            bad.add(ln, "SID row without a SID and a VRF ID")
            continue
        out["sids"].append({"sid": c["sid"], "behavior": None, "context": c["vrf"], "owner": None, "state": None,
                            "locator": None, "vrf": c["vrf"]})
    out["unparsed"] = bad.export()
    return out


def cilium_bpf_srv6_policy(text: Any) -> Dict[str, Any]:
    """``cilium-dbg bpf srv6 policy``: the SRv6 L3VPN forwarding map, in the route-table shape.

    -> {"routes": [{"vrf" (the VRF ID), "prefix", "protocol": "srv6-policy", "paths": [{"sid", ...}]}]}: one route per
    row, its one path carrying the SID traffic to the prefix is encapsulated with (no next hop: the SID is it).
    """
    out: Dict[str, Any] = {"routes": []}
    bad = Unparsed()
    for ln, cols in _table_rows(iter_clean(text, "cilium_bpf_srv6_policy"), _SRV6_MAP_HEADS, ("prefix", "sid"), bad):
        c = _cells(ln, cols, False)
        if "/" not in (c.get("prefix") or "") or ":" not in (c.get("sid") or ""):
            bad.add(ln, "policy row without a destination and a SID")
            continue
        out["routes"].append({"vrf": c.get("vrf") or None, "prefix": c["prefix"], "protocol": "srv6-policy", "code": None,
                              "connected": False, "srv6": None,
                              "paths": [{"next_hop": None, "nexthop_vrf": None, "interface": None, "distance": None,
                                         "metric": None, "age": None, "best": True, "protocol": "srv6-policy", "tags": [],
                                         "sid": c["sid"]}]})
    out["unparsed"] = bad.export()
    return out


# ``cilium-dbg bgp route-policies``: the GoBGP policies the agent installs (per peer, per advertisement). The columns
# changed with the releases (1.15: no Match Families; 1.17: Match Families; Isovalent: Instance, Match Communities),
# so they are read by the header, each cell by its column's position (cells hold blanks: "10.1.0.0/24 (24..24)").
_POLICY_HEADS: List[Tuple[str, str]] = [
    ("Match Prefixes (Min..Max Len)", "prefixes"), ("Match Communities", "communities"), ("Match Families", "families"),
    ("Match Peers", "peers"), ("Policy Name", "name"), ("RIB Action", "action"), ("Path Actions", "actions"),
    ("VRouter", "vrouter"), ("Instance", "vrouter"), ("Type", "type"),
]
# A path action as the agent prints it ("AddCommunities: [65000:99]") -> the route-map "set" clause it is.
_SET_CLAUSES = {"AddCommunities": "community", "AddLargeCommunities": "large-community", "SetLocalPreference": "local-preference"}
_BRACED = re.compile(r"\{([^{}]*)\}")


def _items(cell: str) -> List[str]:
    """A cell of several values is printed "{a} {b}" (the agent's formatStringArray), one value as it is."""
    if cell.startswith("{"):
        return [x.strip() for x in _BRACED.findall(cell) if x.strip()]
    return [cell] if cell else []


def _by_position(raw: str, cols: List[Tuple[str, int]]) -> Dict[str, str]:
    """Cells cut at the header's column starts (tabwriter pads every cell to its column, so a cell starts there)."""
    starts = [c[1] for c in cols] + [len(raw)]
    return {key: raw[starts[i]:max(starts[i], starts[i + 1])].strip() for i, (key, _start) in enumerate(cols)}


def cilium_route_policies(text: Any) -> Dict[str, Any]:
    """``cilium-dbg bgp route-policies``, in the route-map shape.

    -> {"route_maps": [{"name", "sequence", "action", "type", "vrouter", "match": {clause: [values]},
    "set": {clause: [values]}}]}: one entry per statement; a policy's further statements are printed on rows whose
    VRouter, name and type are blank and are numbered 1, 2, ... in ``sequence``. ``action`` is the RIB action as
    printed (accept, reject, none), a match or set value as printed ("10.1.0.0/24 (24..24)", "65000:99").
    """
    out: Dict[str, Any] = {"route_maps": []}
    bad = Unparsed()
    cur: Optional[Dict[str, Any]] = None
    for ln, cols in _table_rows(iter_clean(text, "cilium_route_policies"), _POLICY_HEADS, ("name", "action"), bad):
        c = _by_position(ln.raw, cols)
        if c.get("name"):
            vr = c.get("vrouter") or ""
            cur = {"name": c["name"], "sequence": 1, "vrouter": int(vr) if vr.isdecimal() else (vr or None),
                   "type": c.get("type") or None}
        elif cur is not None and not c.get("vrouter"):
            cur = dict(cur, sequence=cur["sequence"] + 1)
        else:
            bad.add(ln, "policy statement without a policy name")
            continue
        match = {clause: _items(c.get(key) or "") for clause, key in
                 (("neighbor", "peers"), ("family", "families"), ("prefix", "prefixes"), ("community", "communities"))}
        sets: Dict[str, List[str]] = {}
        not_understood = False
        for act in _items(c.get("actions") or ""):
            name, sep, val = act.partition(":")
            if not sep:
                not_understood = True  # the row once, not once per action: a long run of "{x}" was quadratic
                continue
            sets.setdefault(_SET_CLAUSES.get(name.strip(), name.strip()), []).extend(val.strip().strip("[]").split())
        if not_understood:
            bad.add(ln, "path action not understood")
        out["route_maps"].append(dict(cur, action=c.get("action") or None, match={k: v for k, v in match.items() if v}, set=sets))
    out["unparsed"] = bad.export()
    return out
