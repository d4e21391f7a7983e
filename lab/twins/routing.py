# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""BGP building blocks both twins use: paths, policy evaluation, best path,
session matching against the lab's speakers, and time formatting.

Policy semantics follow Cisco's documentation:
- a route-map is evaluated entry by entry in sequence order; the first entry
  whose match clauses all hold decides (permit applies its sets); no entry
  matching is an implicit deny.  An entry without match clauses matches all.
- ``match community A B``: any of the lists permits.  A standard
  community-list entry permits when the route carries every community the
  entry lists; entries are read in sequence order, first hit wins; no hit
  is a deny.  Extcommunity-lists work the same on ``RT:`` values.
- ``set community X`` replaces the communities (``additive`` appends,
  ``none`` clears); ``set extcommunity rt X`` replaces the route targets
  (``additive`` appends), other extended communities are kept.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence, Tuple

ORIGIN_RANK = {"i": 0, "e": 1, "?": 2}


@dataclass(frozen=True)
class Path:
    prefix: str                      # "20.0.10.1/32"
    next_hop: str
    neighbor: str = "0.0.0.0"         # who sent it; 0.0.0.0 = this router
    as_path: Tuple[int, ...] = ()
    origin: str = "i"
    local_pref: int = 100
    weight: int = 0
    med: Optional[int] = None
    communities: Tuple[str, ...] = ()
    rts: Tuple[str, ...] = ()         # "65000:100302"
    tag: int = 0
    kind: str = "l"                  # e external, i internal, l local, r redistributed
    sid: Optional[str] = None        # SRv6 SID received with the route
    rd: Optional[str] = None          # the RD it was received or exported with
    source_vrf: Optional[str] = None  # VRF the route was originated in (leak tracking)
    imported_from: Optional[str] = None  # "RD:[route]" of the route it was imported from
    received_rid: Optional[str] = None

    @property
    def net(self):
        return ipaddress.ip_network(self.prefix)


def best_key(p: Path):
    """Lower sorts first = better (Cisco's order, the steps a lab can tell apart)."""
    local = 0 if p.neighbor == "0.0.0.0" else 1
    ebgp = 0 if p.kind == "e" else 1
    return (-p.weight, -p.local_pref, local, len(p.as_path), ORIGIN_RANK.get(p.origin, 3),
            p.med or 0, ebgp, ipaddress.ip_address(p.neighbor).packed if p.neighbor else b"")


def best_paths(paths: Sequence[Path]) -> Dict[str, List[Path]]:
    """prefix -> its paths, best first."""
    out: Dict[str, List[Path]] = {}
    for p in paths:
        out.setdefault(p.prefix, []).append(p)
    for k in out:
        out[k].sort(key=best_key)
    return dict(sorted(out.items(), key=lambda kv: (ipaddress.ip_network(kv[0]).version, ipaddress.ip_network(kv[0]))))


# ----------------------------------------------------------------- policy

@dataclass
class ListEntry:
    seq: int
    action: str
    values: Tuple[str, ...]


@dataclass
class RouteMapEntry:
    seq: int
    action: str
    matches: Dict[str, List[str]] = field(default_factory=dict)
    sets: List[Tuple[str, Tuple[str, ...], bool]] = field(default_factory=list)  # (what, values, additive)


@dataclass
class Policy:
    community_lists: Dict[str, List[ListEntry]] = field(default_factory=dict)
    extcommunity_lists: Dict[str, List[ListEntry]] = field(default_factory=dict)
    prefix_lists: Dict[str, List[Tuple[int, str, str, Optional[int], Optional[int]]]] = field(default_factory=dict)
    route_maps: Dict[str, List[RouteMapEntry]] = field(default_factory=dict)

    def _list_permits(self, entries: Optional[List[ListEntry]], have: Sequence[str]) -> bool:
        for e in sorted(entries or [], key=lambda e: e.seq):
            if all(v in have for v in e.values):
                return e.action == "permit"
        return False

    def _prefix_permits(self, name: str, prefix: str) -> bool:
        net = ipaddress.ip_network(prefix)
        for _seq, action, pfx, ge, le in sorted(self.prefix_lists.get(name) or []):
            base = ipaddress.ip_network(pfx, strict=False)
            if net.version != base.version or not net.subnet_of(base):
                continue
            lo = ge if ge is not None else base.prefixlen
            hi = le if le is not None else (base.max_prefixlen if ge is not None else base.prefixlen)
            if lo <= net.prefixlen <= hi:
                return action == "permit"
        return False

    def entry_matches(self, entry: RouteMapEntry, p: Path) -> bool:
        for what, args in entry.matches.items():
            if what == "community":
                if not any(self._list_permits(self.community_lists.get(n), p.communities) for n in args):
                    return False
            elif what == "extcommunity":
                rts = ["rt " + r for r in p.rts]
                if not any(self._list_permits(self.extcommunity_lists.get(n), rts) for n in args):
                    return False
            elif what == "tag":
                if str(p.tag) not in args:
                    return False
            elif what == "ip address prefix-list":
                if not any(self._prefix_permits(n, p.prefix) for n in args):
                    return False
            else:
                return False  # a match clause the twin does not model never matches
        return True

    def apply(self, name: Optional[str], p: Path) -> Tuple[Optional[str], Path]:
        """(``"permit"``/``"deny"``/None when no entry matched, path after sets).
        An undefined route-map matches nothing."""
        for entry in sorted(self.route_maps.get(name or "", []), key=lambda e: e.seq):
            if not self.entry_matches(entry, p):
                continue
            if entry.action == "deny":
                return "deny", p
            return "permit", apply_sets(entry, p)
        return None, p

    def filter(self, name: Optional[str], p: Path) -> Optional[Path]:
        """A route-map used as a filter (neighbour, redistribution, import map)."""
        if name is None:
            return p
        verdict, out = self.apply(name, p)
        return out if verdict == "permit" else None


def apply_sets(entry: RouteMapEntry, p: Path) -> Path:
    for what, values, additive in entry.sets:
        if what == "community":
            if values == ("none",):
                p = replace(p, communities=())
            else:
                base = list(p.communities) if additive else []
                p = replace(p, communities=tuple(dict.fromkeys(base + list(values))))
        elif what == "extcommunity rt":
            base = list(p.rts) if additive else []
            p = replace(p, rts=tuple(dict.fromkeys(base + list(values))))
        elif what == "tag":
            p = replace(p, tag=int(values[0]))
        elif what == "local-preference":
            p = replace(p, local_pref=int(values[0]))
        elif what == "weight":
            p = replace(p, weight=int(values[0]))
        elif what == "metric":
            p = replace(p, med=int(values[0]))
    return p


# ----------------------------------------------------------------- sessions

@dataclass
class Session:
    vrf: str
    address: str
    remote_as: int
    local_as: int
    description: str = ""
    state: str = "Idle"
    reason: str = ""
    speaker: object = None
    families: Tuple[str, ...] = ()
    local_address: Optional[str] = None
    up_since: Optional[float] = None
    received: Dict[str, int] = field(default_factory=dict)   # family -> accepted prefixes
    sent: Dict[str, int] = field(default_factory=dict)

    @property
    def established(self) -> bool:
        return self.state == "Established"


def match_speaker(speakers: Sequence, address: str, local_address: Optional[str], remote_as: int,
                  local_as: int) -> Tuple[object, str, str]:
    """Find the lab speaker at ``address`` and decide the session state.
    Returns (speaker or None, state, reason)."""
    sp = next((s for s in speakers if _same_ip(s.address, address)), None)
    if sp is None:
        return None, "Idle", "no BGP speaker at this address in the lab"
    if remote_as != sp.asn:
        return sp, "Idle", "remote-as %d but the speaker's AS is %d" % (remote_as, sp.asn)
    peer = next((p for p in sp.peers if local_address and _same_ip(p.address, local_address)), None)
    if peer is None:
        return sp, "Active", "the speaker does not peer with %s" % (local_address or "this router")
    if peer.asn != local_as:
        return sp, "Idle", "the speaker expects AS %d" % peer.asn
    return sp, "Established", ""


def _same_ip(a: str, b: str) -> bool:
    try:
        return ipaddress.ip_address(a) == ipaddress.ip_address(b)
    except ValueError:
        return False


def msg_counts(up_seconds: float, received: int, sent: int) -> Tuple[int, int]:
    """Deterministic message counters: open + keepalives every 60 s + updates."""
    keep = int(up_seconds // 60)
    return 4 + keep + received, 4 + keep + sent


# ----------------------------------------------------------------- time

def nxos_uptime(seconds: float) -> str:
    s = int(seconds)
    d, rem = divmod(s, 86400)
    h, rem = divmod(rem, 3600)
    m, sec = divmod(rem, 60)
    if d >= 7:
        return "%dw%dd" % (d // 7, d % 7)
    if d:
        return "%dd%02dh" % (d, h)
    return "%02d:%02d:%02d" % (h, m, sec)


def xr_uptime(seconds: float) -> str:
    return nxos_uptime(seconds)


def add_function(prefix: str, func: int, func_bits: int = 16) -> str:
    """The SID ``func`` right after a locator prefix (uSID F3216: /48 + 16 bits)."""
    net = ipaddress.IPv6Network(prefix)
    shift = 128 - net.prefixlen - func_bits
    return str(ipaddress.IPv6Address(int(net.network_address) | (func << shift)))
