# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``cilium bgp peers`` / ``cilium bgp routes`` output, text and ``-o json``, from a view.

Text is laid out like cilium-cli's tabwriter (padding 3, the node name only
on its first row, extra families on rows of their own). JSON is cilium-cli's:
``{node: [peer]}`` with hyphenated keys, and for routes ``{node: [route]}``
whose paths carry BGP path attributes as base64 wire format (RFC 4271/4360/
4760/8092), so a reader decodes them as it would a real node's.
"""

from __future__ import annotations

import base64
import ipaddress
import struct
from typing import Any, Dict, List, Optional, Sequence

from .cilium_view import BgpPath, NodeView

ORIGIN_CODE = {"i": 0, "e": 1, "?": 2}
AFI = {"ipv4": 1, "ipv6": 2}
SAFI = {"unicast": 1, "mpls_vpn": 128}


def go_duration(seconds: float) -> str:
    s = int(max(seconds, 0))
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    if h:
        return "%dh%dm%ds" % (h, m, s)
    if m:
        return "%dm%ds" % (m, s)
    return "%ds" % s


def tabulate(rows: Sequence[Sequence[str]], padding: int = 3) -> str:
    widths = [max(len(r[i]) for r in rows if i < len(r)) for i in range(max(len(r) for r in rows))]
    lines = []
    for row in rows:
        cells = [cell.ljust(widths[i] + padding) if i < len(row) - 1 else cell for i, cell in enumerate(row)]
        lines.append("".join(cells).rstrip())
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ peers


def peers_text(views: Sequence[NodeView], uptime: float) -> str:
    rows: List[List[str]] = [["Node", "Local AS", "Peer AS", "Peer Address", "Session State", "Uptime", "Family",
                              "Received", "Advertised"]]
    for view in views:
        first = True
        for peer in view.peers:
            counts = _counts(peer)
            fams = peer.families or ("",)
            up = go_duration(uptime) if peer.state == "established" else "0s"
            for n, fam in enumerate(fams):
                rec, adv = counts.get(fam, (0, 0))
                if n == 0:
                    rows.append([view.name if first else "", str(view.local_asn), str(peer.peer_asn), peer.address,
                                 peer.state, up, fam, str(rec) if fam else "", str(adv) if fam else ""])
                else:
                    rows.append(["", "", "", "", "", "", fam, str(rec), str(adv)])
                first = False
    return tabulate(rows)


def _counts(peer) -> Dict[str, Any]:
    received = dict(peer.received)
    return {f: (received.get(f, 0), sum(1 for p in peer.advertised if p.family == f)) for f in peer.families}


def peers_json(views: Sequence[NodeView], uptime: float) -> Dict[str, List[Dict[str, Any]]]:
    out: Dict[str, List[Dict[str, Any]]] = {}
    for view in views:
        items = []
        for peer in view.peers:
            counts = _counts(peer)
            items.append({
                "local-asn": view.local_asn, "peer-asn": peer.peer_asn, "peer-address": peer.address,
                "peer-port": 179, "session-state": peer.state,
                "uptime-nanoseconds": int(uptime * 1e9) if peer.state == "established" else 0,
                "applied-hold-time-seconds": 90, "applied-keep-alive-time-seconds": 30,
                "families": [{"afi": f.split("/")[0], "safi": f.split("/")[1], "received": counts[f][0],
                              "accepted": counts[f][0], "advertised": counts[f][1]} for f in peer.families]})
        out[view.name] = items
    return out


# ------------------------------------------------------------------ routes


def _family_arg(afi: str, safi: str) -> str:
    return "%s/%s" % (afi, safi)


def select_routes(views: Sequence[NodeView], mode: str, afi: str, safi: str,
                  peer: Optional[str] = None) -> List[Dict[str, Any]]:
    """Rows (node, vrouter, peer, path, next hop) for ``available`` or ``advertised`` routes of a family."""
    fam = _family_arg(afi, safi)
    rows = []
    for view in views:
        if mode == "available":
            for path in view.available:
                if path.family == fam:
                    rows.append({"node": view.name, "asn": view.local_asn, "peer": None, "path": path,
                                 "next_hop": "0.0.0.0" if afi == "ipv4" else "::", "view": view})
        else:
            for p in view.peers:
                if peer and p.address != peer:
                    continue
                for path in p.advertised:
                    if path.family == fam:
                        rows.append({"node": view.name, "asn": view.local_asn, "peer": p, "path": path,
                                     "next_hop": view.address, "view": view})
    return rows


def _nlri_text(path: BgpPath) -> str:
    return "%s:%s" % (path.rd, path.prefix) if path.rd else path.prefix


def _attr_text(row: Dict[str, Any]) -> str:
    path: BgpPath = row["path"]
    items = ["{Origin: %s}" % path.origin]
    peer = row["peer"]
    if peer is not None:
        ibgp = peer.peer_asn == row["asn"]
        items.append("{AsPath: %s}" % ("" if ibgp else row["asn"]))
        if ibgp:
            items.append("{LocalPref: %d}" % (path.local_pref if path.local_pref is not None else 100))
    if path.family == "ipv4/unicast":
        items.append("{Nexthop: %s}" % row["next_hop"])
    if path.communities:
        items.append("{Communities: %s}" % ", ".join(path.communities))
    if path.large_communities:
        items.append("{LargeCommunity: [ %s]}" % ", ".join(path.large_communities))
    if path.route_targets:
        items.append("{Extcomms: %s}" % ", ".join("[%s]" % rt for rt in path.route_targets))
    if path.sid:
        items.append("{Prefix SID: [SRv6 L3 Service: %s]}" % path.sid)
    if path.family != "ipv4/unicast":
        label = "ipv4-l3vpn" if path.family == "ipv4/mpls_vpn" else "ipv6-unicast"
        items.append("{MpReach(%s): {Nexthop: %s, NLRIs: [%s]}}" % (label, row["next_hop"], _nlri_text(path)))
    return "[%s]" % " ".join(items)


def routes_text(views: Sequence[NodeView], mode: str, afi: str, safi: str, age: float,
                peer: Optional[str] = None, defaulted: bool = False) -> str:
    rows = select_routes(views, mode, afi, safi, peer)
    header = ["Node", "VRouter"] + (["Peer"] if mode == "advertised" else []) + ["Prefix", "NextHop", "Age", "Attrs"]
    table: List[List[str]] = [header]
    last = None
    for row in rows:
        cells = ["" if row["node"] == last else row["node"], str(row["asn"])]
        if mode == "advertised":
            cells.append(row["peer"].address)
        cells += [_nlri_text(row["path"]), row["next_hop"], go_duration(age), _attr_text(row)]
        table.append(cells)
        last = row["node"]
    out = tabulate(table)
    if defaulted:
        out = "(Defaulting to `available ipv4 unicast` routes, please see help for more options)\n\n" + out
    return out


def _attr(flags: int, code: int, value: bytes) -> bytes:
    if len(value) > 255:
        return struct.pack("!BBH", flags | 0x10, code, len(value)) + value
    return struct.pack("!BBB", flags, code, len(value)) + value


def _community(text: str) -> bytes:
    named = {"no-export": 0xFFFFFF01, "no-advertise": 0xFFFFFF02, "no-export-subconfed": 0xFFFFFF03,
             "no-peer": 0xFFFFFF04, "blackhole": 0xFFFF029A}
    if text in named:
        return struct.pack("!I", named[text])
    high, low = text.split(":")
    return struct.pack("!HH", int(high), int(low))


def _rt(text: str) -> bytes:
    admin, value = text.rsplit(":", 1)
    if "." in admin:
        return bytes([0x01, 0x02]) + ipaddress.IPv4Address(admin).packed + struct.pack("!H", int(value))
    if int(admin) > 0xFFFF:
        return bytes([0x02, 0x02]) + struct.pack("!IH", int(admin), int(value))
    return bytes([0x00, 0x02]) + struct.pack("!HI", int(admin), int(value))


def _prefix_bytes(prefix: str) -> bytes:
    net = ipaddress.ip_network(prefix, strict=False)
    return bytes([net.prefixlen]) + net.network_address.packed[:(net.prefixlen + 7) // 8]


def _rd_bytes(rd: str) -> bytes:
    admin, value = rd.rsplit(":", 1)
    if "." in admin:
        return struct.pack("!H", 1) + ipaddress.IPv4Address(admin).packed + struct.pack("!H", int(value))
    if int(admin) > 0xFFFF:
        return struct.pack("!HIH", 2, int(admin), int(value))
    return struct.pack("!HHI", 0, int(admin), int(value))


def _nlri(path: BgpPath) -> bytes:
    if path.family != "ipv4/mpls_vpn":
        return _prefix_bytes(path.prefix)
    net = ipaddress.ip_network(path.prefix, strict=False)
    label = b"\x00\x00\x01"  # implicit label stack of one entry; the SID travels in the Prefix-SID attribute
    body = label + _rd_bytes(path.rd) + net.network_address.packed[:(net.prefixlen + 7) // 8]
    return bytes([net.prefixlen + 88]) + body


def path_attributes(row: Dict[str, Any]) -> List[bytes]:
    path: BgpPath = row["path"]
    out = [_attr(0x40, 1, bytes([ORIGIN_CODE.get(path.origin, 0)]))]
    peer = row["peer"]
    if peer is not None and peer.peer_asn != row["asn"]:
        out.append(_attr(0x40, 2, bytes([2, 1]) + struct.pack("!I", row["asn"])))
    else:
        out.append(_attr(0x40, 2, b""))
    afi, safi = path.family.split("/")
    next_hop = ipaddress.ip_address(row["next_hop"])
    if path.family == "ipv4/unicast" and next_hop.version == 4:
        out.append(_attr(0x40, 3, next_hop.packed))
    else:
        nh = (b"\x00" * 8 if safi == "mpls_vpn" else b"") + next_hop.packed
        mp = struct.pack("!HBB", AFI[afi], SAFI[safi], len(nh)) + nh + b"\x00" + _nlri(path)
        out.append(_attr(0x80, 14, mp))
    if peer is not None and peer.peer_asn == row["asn"]:
        out.append(_attr(0x40, 5, struct.pack("!I", path.local_pref if path.local_pref is not None else 100)))
    if path.communities:
        out.append(_attr(0xC0, 8, b"".join(_community(c) for c in path.communities)))
    if path.route_targets:
        out.append(_attr(0xC0, 16, b"".join(_rt(rt) for rt in path.route_targets)))
    if path.large_communities:
        out.append(_attr(0xC0, 32, b"".join(struct.pack("!III", *map(int, c.split(":")))
                                            for c in path.large_communities)))
    return out


def routes_json(views: Sequence[NodeView], mode: str, afi: str, safi: str, age: float,
                peer: Optional[str] = None) -> Dict[str, List[Dict[str, Any]]]:
    out: Dict[str, List[Dict[str, Any]]] = {v.name: [] for v in views}
    for row in select_routes(views, mode, afi, safi, peer):
        path: BgpPath = row["path"]
        route: Dict[str, Any] = {"prefix": _nlri_text(path), "router-asn": row["asn"], "paths": [{
            "age-nanoseconds": int(age * 1e9), "best": True, "stale": False,
            "family": {"afi": afi, "safi": safi},
            "nlri": {"base64": base64.b64encode(_nlri(path)).decode()},
            "path-attributes": [{"base64": base64.b64encode(a).decode()} for a in path_attributes(row)]}]}
        if row["peer"] is not None:
            route["neighbor"] = row["peer"].address
        out[row["node"]].append(route)
    return out
