# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS show output (text and ``| json``) from the leaf twin's control plane.

Formats follow the seed's captures (shared/seed) with NX-OS's real column
layout; JSON follows NX-OS's TABLE_x / ROW_x shape (a single row is an
object, several rows a list; numbers are strings where NX-OS prints them so).
"""

from __future__ import annotations

import ipaddress
import json
from typing import Any, Dict, List, Optional

from .nxos_cp import NxState, evpn_route
from .routing import Path, best_paths, msg_counts, nxos_uptime

LEGEND = [
    "Status: s-suppressed, x-deleted, S-stale, d-dampened, h-history, *-valid, >-best",
    "Path type: i-internal, e-external, c-confed, l-local, a-aggregate, r-redist, I-injected",
    "Origin codes: i - IGP, e - EGP, ? - incomplete, | - multipath, & - backup, 2 - best2",
]
COLS = "   Network            Next Hop            Metric     LocPrf     Weight Path"


class ShowError(Exception):
    pass


def rows(items: List[Any]) -> Any:
    return items[0] if len(items) == 1 else items


def dump(obj: Any, pretty: bool = False) -> str:
    return json.dumps(obj, indent=2 if pretty else None, sort_keys=False) + "\n"


def _vrf(st: NxState, name: str):
    if name not in st.vrfs:
        raise ShowError("%% VRF %s does not exist" % name)
    return st.vrfs[name]


def table_version(paths: List[Path]) -> int:
    # Deterministic stand-in for BGP's table version: grows with the table.
    return 1 + 2 * len(paths)


def _aspath(p: Path) -> str:
    return " ".join(str(a) for a in p.as_path)


def _path_cols(p: Path, best: bool, show_lp: bool) -> str:
    metric = "" if p.med is None else str(p.med)
    lp = str(p.local_pref) if show_lp else ""
    tail = (_aspath(p) + " " + p.origin).strip()
    return "%-20s%6s%11s%11d %s" % (p.next_hop, metric, lp, p.weight, tail)


def _status(p: Path, best: bool, kind: Optional[str] = None) -> str:
    return "*" + (">" if best else " ") + (kind or p.kind)


# ----------------------------------------------------------------- summary

def bgp_summary(st: NxState, vrf: str, clock: float, as_json: bool = False) -> str:
    v = _vrf(st, vrf)
    sess = sorted((s for s in st.sessions if s.vrf == vrf), key=lambda s: ipaddress.ip_address(s.address).packed)
    paths = st.tables.get(vrf, [])
    nets = len(best_paths(paths))
    rid = v.router_id or st.router_id
    ver = table_version(paths)
    up = [s for s in sess if s.established]
    if as_json:
        nbrs = []
        for s in sess:
            secs = clock - s.up_since if s.up_since else 0
            rcvd = s.received.get("ipv4-unicast", 0)
            mr, ms = msg_counts(secs, rcvd, len(paths))
            nbrs.append({
                "neighborid": s.address, "neighborversion": "4", "msgrecvd": str(mr if s.established else 0),
                "msgsent": str(ms if s.established else 0), "neighbortableversion": str(ver if s.established else 0),
                "inq": "0", "outq": "0", "neighboras": str(s.remote_as),
                "time": nxos_uptime(secs) if s.established else "never",
                "state": "Established" if s.established else s.state,
                "prefixreceived": str(rcvd) if s.established else "0",
            })
        saf = {"safi": "1", "af-name": "IPv4 Unicast", "tableversion": str(ver), "configuredpeers": str(len(sess)),
               "capablepeers": str(len(up)), "totalnetworks": str(nets), "totalpaths": str(len(paths)),
               "memoryused": str(300 * len(paths)), "numberattrs": str(len(paths)), "bytesattrs": str(368 * len(paths))}
        if nbrs:
            saf["TABLE_neighbor"] = {"ROW_neighbor": rows(nbrs)}
        data = {"TABLE_vrf": {"ROW_vrf": {
            "vrf-name-out": vrf, "vrf-router-id": rid, "vrf-local-as": str(st.asn),
            "TABLE_af": {"ROW_af": {"af-id": "1", "TABLE_saf": {"ROW_saf": saf}}}}}}
        return dump(data)
    out = [
        "BGP summary information for VRF %s, address family IPv4 Unicast" % vrf,
        "BGP router identifier %s, local AS number %s" % (rid, st.asn),
        "BGP table version is %d, IPv4 Unicast config peers %d, capable peers %d" % (ver, len(sess), len(up)),
        "%d network entries and %d paths using %d bytes of memory" % (nets, len(paths), 300 * len(paths)),
        "BGP attribute entries [%d/%d], BGP AS path entries [%d/%d]" % (
            len(paths), 368 * len(paths), len({p.as_path for p in paths if p.as_path}),
            6 * len({p.as_path for p in paths if p.as_path})),
        "BGP community entries [%d/%d], BGP clusterlist entries [0/0]" % (
            len({p.communities for p in paths if p.communities}), 44 * len({p.communities for p in paths if p.communities})),
        "",
        "Neighbor        V    AS    MsgRcvd    MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd",
    ]
    for s in sess:
        secs = clock - s.up_since if s.up_since else 0
        rcvd = s.received.get("ipv4-unicast", 0)
        mr, ms = msg_counts(secs, rcvd, len(paths)) if s.established else (0, 0)
        state = str(rcvd) if s.established else s.state
        addr = s.address
        line = "%-15s 4 %5s %10d %10d %8d %4d %4d %8s %s" % (
            addr if len(addr) <= 15 else "", s.remote_as, mr, ms, ver if s.established else 0, 0, 0,
            nxos_uptime(secs) if s.established else "never", state)
        if len(addr) > 15:
            out.append(addr)
        out.append(line)
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------- EVPN

def _evpn_paths(st: NxState, vrf: str) -> List[Path]:
    _vrf(st, vrf)
    return sorted(st.evpn.get(vrf, []), key=lambda p: (p.net.version, p.net.prefixlen != 32 and 0, p.net))


def _sorted_evpn(paths: List[Path]) -> List[Path]:
    # NX-OS lists type-5 NLRIs in key order: prefix length, then address.
    return sorted(paths, key=lambda p: (p.net.version, p.net.prefixlen, p.net.network_address))


def evpn_vrf(st: NxState, vrf: str, as_json: bool = False) -> str:
    v = _vrf(st, vrf)
    paths = _sorted_evpn(st.evpn.get(vrf, []))
    allp = [p for ps in st.evpn.values() for p in ps]
    ver = table_version(allp)
    if as_json:
        prefixes = []
        for p in paths:
            # The same columns as the text table: every path of the VRF's own RD is local ("l") here.
            prefixes.append({"nonipprefix": evpn_route(p.prefix), "prefixversion": str(ver), "totalpaths": "1",
                             "bestpathnr": "1", "TABLE_path": {"ROW_path": {
                                 "pathnr": "0", "statuscode": "*", "bestcode": ">", "typecode": "l",
                                 "ipnexthop": p.next_hop, "weight": str(p.weight), "origin": p.origin,
                                 "localpref": str(p.local_pref) if p.weight == 32768 else "",
                                 "metric": "" if p.med is None else str(p.med), "aspath": _aspath(p)}}})
        rd_rows = []
        if v.rd and paths:
            rd = {"rd_val": v.rd, "rd_vniid": str(v.vni), "rd_vrf": "l3"}
            rd["TABLE_prefix"] = {"ROW_prefix": rows(prefixes)}
            rd_rows.append(rd)
        saf: Dict[str, Any] = {"safi": "70", "af-name": "L2VPN EVPN", "table-version": str(ver), "router-id": st.router_id}
        if rd_rows:
            saf["TABLE_rd"] = {"ROW_rd": rows(rd_rows)}
        return dump({"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": "default", "TABLE_afi": {"ROW_afi": {
            "afi": "25", "TABLE_safi": {"ROW_safi": saf}}}}}})
    out = ["BGP routing table information for VRF default, address family L2VPN EVPN",
           "BGP table version is %d, Local Router ID is %s" % (ver, st.router_id)] + LEGEND + ["", COLS]
    if v.rd and paths:
        out.append("Route Distinguisher: %s    (L3VNI %s)" % (v.rd, v.vni))
        for p in paths:
            out.append(_status(p, True, "l") + evpn_route(p.prefix))
            out.append(" " * 22 + _path_cols(p, True, p.weight == 32768))
    return "\n".join(out) + "\n"


def _find_prefix(paths: List[Path], query: str) -> List[Path]:
    if "/" in query:
        net = ipaddress.ip_network(query, strict=False)
        return [p for p in paths if p.net == net]
    addr = ipaddress.ip_address(query)
    hits = [p for p in paths if p.net.version == addr.version and addr in p.net]
    if not hits:
        return []
    longest = max(p.net.prefixlen for p in hits)
    return [p for p in hits if p.net.prefixlen == longest]


def _ext_values(p: Path, rmac: str) -> List[str]:
    return ["RT:" + r for r in p.rts] + ["ENCAP:8", "Router MAC:" + rmac]


def _ext(p: Path, rmac: str) -> str:
    return " ".join(_ext_values(p, rmac))


def evpn_prefix(st: NxState, query: str, vrf: str, rmac: str, as_json: bool = False) -> str:
    v = _vrf(st, vrf)
    try:
        hits = _sorted_evpn(_find_prefix(st.evpn.get(vrf, []), query))
    except ValueError:
        raise ShowError("% Invalid ip address at '^' marker.")
    ver = table_version([p for ps in st.evpn.values() for p in ps])
    if as_json:
        prefixes = []
        for p in hits:
            # The detail form's NX-API path fields (no status codes; origin spelled out in lower case; one
            # TABLE_extcommunity row per value), as the N9K command reference's __readonly__ schema lists them.
            path = {"pathnr": "0", "pathvalid": "true", "pathbest": "true", "pathdeleted": "false",
                    "pathstaled": "false", "pathhistory": "false", "pathovermaxaslimit": "false",
                    "pathmultipath": "false", "pathnolabeledrnh": "true", "pathtype": "local",
                    "ipnexthop": p.next_hop, "nexthopmetric": "0", "neighbor": "0.0.0.0", "neighborid": st.router_id,
                    "origin": {"i": "igp", "e": "egp", "?": "incomplete"}[p.origin],
                    "localpref": str(p.local_pref), "weight": str(p.weight), "aspath": _aspath(p),
                    "inlabel": str(v.vni),
                    "TABLE_extcommunity": {"ROW_extcommunity": rows([{"extcommunity": e} for e in _ext_values(p, rmac)])}}
            if p.med is not None:
                path["metric"] = str(p.med)
            if p.imported_from:
                path["importsource"] = p.imported_from
            if p.communities:
                path["TABLE_community"] = {"ROW_community": {"community": " ".join(p.communities)}}
            prefixes.append({"nonipprefix": evpn_route(p.prefix), "prefixversion": str(ver),
                             "totalpaths": "1", "bestpathnr": "1", "TABLE_path": {"ROW_path": path}})
        saf: Dict[str, Any] = {"safi": "70", "af-name": "L2VPN EVPN"}
        if prefixes:
            saf["TABLE_rd"] = {"ROW_rd": {"rd_val": v.rd, "rd_vniid": str(v.vni), "rd_vrf": "l3",
                                          "TABLE_prefix": {"ROW_prefix": rows(prefixes)}}}
        return dump({"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": "default", "TABLE_afi": {"ROW_afi": {
            "afi": "25", "TABLE_safi": {"ROW_safi": saf}}}}}})
    out = ["BGP routing table information for VRF default, address family L2VPN EVPN"]
    for p in hits:
        sourced = "external" if p.as_path else "internal"
        out += [
            "Route Distinguisher: %s    (L3VNI %s)" % (v.rd, v.vni),
            "BGP routing table entry for %s, version %d" % (evpn_route(p.prefix), ver),
            "Paths: (1 available, best #1)",
            "Flags: (0x000002) (high32 00000000) on xmit-list, is not in l2rib/evpn",
            "",
            "  Advertised path-id 1",
            "  Path type: local, path is valid, is best path, no labeled nexthop",
        ]
        if p.imported_from:
            out.append("             Imported from %s " % p.imported_from)
        out += [
            "  Gateway IP: 0.0.0.0",
            "  AS-Path: %s , path sourced %s to AS" % (_aspath(p) or "NONE", sourced),
            "    %s (metric 0) from 0.0.0.0 (%s)" % (p.next_hop, st.router_id),
            "      Origin %s, MED %s, localpref %d, weight %d" % (
                {"i": "IGP", "e": "EGP", "?": "incomplete"}[p.origin], "not set" if p.med is None else p.med,
                p.local_pref, p.weight),
            "      Received label %s" % v.vni,
        ]
        if p.communities:
            out.append("      Community: %s " % " ".join(p.communities))
        out += ["      Extcommunity: %s" % _ext(p, rmac), "", "  Path-id 1 not advertised to any peer", ""]
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------- VRF IPv4 table

def vrf_table(st: NxState, vrf: str, as_json: bool = False) -> str:
    v = _vrf(st, vrf)
    table = best_paths(st.tables.get(vrf, []))
    ver = table_version(st.tables.get(vrf, []))
    if as_json:
        prefixes = []
        for prefix, plist in table.items():
            # The text table's columns: status codes, a blank LocPrf for external paths, a blank Metric when unset.
            prows = [{"pathnr": str(n), "statuscode": "*", "bestcode": ">" if n == 0 else "",
                      "typecode": "i" if p.imported_from and p.kind == "i" else p.kind, "ipnexthop": p.next_hop,
                      "weight": str(p.weight), "origin": p.origin, "localpref": str(p.local_pref) if p.kind != "e" else "",
                      "metric": "" if p.med is None else str(p.med), "aspath": _aspath(p)}
                     for n, p in enumerate(plist)]
            prefixes.append({"ipprefix": prefix, "TABLE_path": {"ROW_path": rows(prows)}})
        saf: Dict[str, Any] = {"safi": "1", "af-name": "IPv4 Unicast", "table-version": str(ver),
                               "router-id": v.router_id or st.router_id}
        if prefixes:
            # A unicast table still nests its prefixes in one ROW_rd without rd_val, as real boxes print it.
            saf["TABLE_rd"] = {"ROW_rd": {"TABLE_prefix": {"ROW_prefix": rows(prefixes)}}}
        return dump({"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": vrf, "TABLE_afi": {"ROW_afi": {
            "afi": "1", "TABLE_safi": {"ROW_safi": saf}}}}}})
    out = ["BGP routing table information for VRF %s, address family IPv4 Unicast" % vrf,
           "BGP table version is %d, Local Router ID is %s" % (ver, v.router_id or st.router_id)] + LEGEND + ["", COLS]
    for prefix, plist in table.items():
        for n, p in enumerate(plist):
            status = "*" + (">" if n == 0 else " ") + ("i" if p.imported_from and p.kind == "i" else p.kind)
            head = status + prefix
            cols = _path_cols(p, n == 0, p.kind != "e")
            if len(head) > 22:
                out += [head, " " * 22 + cols]
            else:
                out.append("%-22s%s" % (head, cols))
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------- lists

def community_lists(st: NxState, name: Optional[str] = None, extended: bool = False) -> str:
    lists = st.policy.extcommunity_lists if extended else st.policy.community_lists
    out = []
    for lname in sorted(lists):
        if name and lname != name:
            continue
        out.append("Standard %sCommunity List %s" % ("Extended " if extended else "", lname))
        for e in sorted(lists[lname], key=lambda e: e.seq):
            vals = [("RT:" + v[3:]) if v.startswith("rt ") else v for v in e.values]
            out.append("    %d %s %s " % (e.seq, e.action, " ".join(vals)))
    return "\n".join(out) + ("\n" if out else "")


# How NX-OS labels each match clause in "show route-map" (N9K 9.3/10.x output, as in
# Cisco's command reference examples and the captures public parsers are tested on).
MATCH_LABELS = {
    "community": "community  (community-list filter): %s",
    "extcommunity": "extcommunity  (extcommunity-list filter): %s",
    "ip address prefix-list": "ip address prefix-lists: %s",
    "ipv6 address prefix-list": "ipv6 address prefix-lists: %s",
    "ip next-hop prefix-list": "ip next-hop prefix-lists: %s",
    "ipv6 next-hop prefix-list": "ipv6 next-hop prefix-lists: %s",
    "as-path": "as-path (as-path filter): %s",
    "tag": "tag: %s",
}


def route_maps(st: NxState, name: Optional[str] = None) -> str:
    out = []
    for rname in st.policy.route_maps:
        if name and rname != name:
            continue
        for e in sorted(st.policy.route_maps[rname], key=lambda e: e.seq):
            out.append("route-map %s, %s, sequence %d " % (rname, e.action, e.seq))
            out.append("  Match clauses:")
            for what, args in e.matches.items():
                out.append("    %s " % (MATCH_LABELS.get(what, what + ": %s") % " ".join(args)))
            out.append("  Set clauses:")
            for what, vals, additive in e.sets:
                if what == "extcommunity rt":
                    text = "extcommunity " + " ".join("RT:" + v for v in vals)
                else:
                    text = "%s %s" % (what, " ".join(vals))
                out.append("    %s%s " % (text, " additive" if additive else ""))
    return "\n".join(out) + ("\n" if out else "")
