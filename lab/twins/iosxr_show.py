# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS-XR show output from the PE twin's control plane, laid out as XR prints it."""

from __future__ import annotations

import ipaddress
from typing import List, Optional

from .iosxr_cp import XrState
from .routing import Path, best_paths, msg_counts, xr_uptime

BGP_HEAD = [
    "BGP router identifier {rid}, local AS number {asn}",
    "BGP generic scan interval 60 secs",
    "Non-stop routing is enabled",
    "BGP table state: Active",
    "Table ID: {tid}   RD version: {ver}",
    "BGP main routing table version {ver}",
    "BGP NSR Initial initsync version 4 (Reached)",
    "BGP NSR/ISSU Sync-Group versions 0/0",
    "BGP scan interval 60 secs",
    "",
]
CODES = [
    "Status codes: s suppressed, d damped, h history, * valid, > best",
    "              i - internal, r RIB-failure, S stale, N Nexthop-discard",
    "Origin codes: i - IGP, e - EGP, ? - incomplete",
]
RIB_CODES = """Codes: C - connected, S - static, R - RIP, B - BGP, (>) - Diversion path
       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area
       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2
       E1 - OSPF external type 1, E2 - OSPF external type 2, E - EGP
       i - ISIS, L1 - IS-IS level-1, L2 - IS-IS level-2
       ia - IS-IS inter area, su - IS-IS summary null, * - candidate default
       U - per-user static route, o - ODR, L - local, G  - DAGR, l - LISP
       A - access/subscriber, a - Application route
       M - mobile route, r - RPL, t - Traffic Engineering, (!) - FRR Backup path"""


class ShowError(Exception):
    pass


def _version(st: XrState) -> int:
    return 1 + len(st.ipv6) + sum(len(v) for v in st.vpnv4.values())


def _head(st: XrState, tid: str = "0xe0000000") -> List[str]:
    ver = _version(st)
    return [ln.format(rid=st.router_id, asn=st.asn, tid=tid, ver=ver) for ln in BGP_HEAD]


def summary(st: XrState, family: str, now: float) -> str:
    afi = family.split("-")[0]
    if afi not in st.global_afs:
        return "%% BGP instance 'default' address-family %s unicast is not active\n" % afi
    ver = _version(st)
    out = _head(st) + ["BGP is operating in STANDALONE mode.", "", "",
                       "Process       RcvTblVer   bRIB/RIB   LabelVer  ImportVer  SendTblVer  StandbyVer",
                       "Speaker       %9d %10d %10d %10d %11d %11d" % (ver, ver, ver, ver, ver, 0), "",
                       "Neighbor        Spk    AS MsgRcvd MsgSent   TblVer  InQ OutQ  Up/Down  St/PfxRcd"]
    for s in st.sessions:
        if s.state != "Established" and s.reason == "no address family configured":
            continue
        up = now - s.up_since if s.up_since else 0
        rcvd = s.received.get(family, 0)
        mr, ms = msg_counts(up, sum(s.received.values()), 2) if s.established else (0, 0)
        state = str(rcvd) if s.established and family in s.families else ("Idle" if not s.established else "0")
        if s.established and family not in s.families:
            continue
        cols = "%5d %5s %7d %7d %8d %4d %4d %8s %10s" % (0, s.remote_as, mr, ms, ver if s.established else 0, 0, 0,
                                                         xr_uptime(up) if s.established else "00:00:00", state)
        if len(s.address) > 15:
            out += [s.address, " " * 13 + cols]
        else:
            out.append("%-15s%s" % (s.address, cols[2:]))
    return "\n".join(out) + "\n"


def _rd_block(st: XrState, vrf: str) -> List[Path]:
    return [p for plist in best_paths(st.vpnv4.get(vrf, [])).values() for p in plist[:1]]


def _status(p: Path) -> str:
    return "*>" + ("i" if p.kind == "i" else " ")


def vpnv4(st: XrState, vrf: Optional[str], mode: str) -> str:
    """mode: "table" | "received-sids" | "local-sids"."""
    if "vpnv4" not in st.global_afs:
        return "% BGP instance 'default' address-family vpnv4 unicast is not active\n"
    names = [vrf] if vrf else sorted(st.vrfs)
    if vrf and vrf not in st.vrfs:
        return ""
    cols = {"table": "   Network            Next Hop            Metric LocPrf Weight Path",
            "received-sids": "   Network            Next Hop            Received Sid",
            "local-sids": "   Network            Local Sid                                   Alloc mode   Locator"}[mode]
    out = (_head(st, "0x0" if vrf else "0xe0800000") if mode == "table" else []) + CODES + [cols]
    count = 0
    for name in names:
        v = st.vrfs[name]
        paths = _rd_block(st, name)
        if not v.rd or not paths:
            continue
        out += ["Route Distinguisher: %s (default for vrf %s)" % (v.rd, name),
                "Route Distinguisher Version: %d" % _version(st)]
        for p in paths:
            count += 1
            head = _status(p) + p.prefix
            if mode == "table":
                lp = "100" if p.kind == "i" else ""
                tail = "%6s %6s %6d %s" % (0 if p.med is None else p.med, lp, p.weight,
                                           " ".join([str(a) for a in p.as_path] + [p.origin]))
                if len(p.next_hop) > 19:
                    out += ["%-22s%s" % (head, p.next_hop), " " * 39 + tail]
                else:
                    out.append("%-22s%-20s%s" % (head, p.next_hop, tail))
            elif mode == "received-sids":
                sid = p.sid if p.kind != "l" else None
                if len(p.next_hop) > 19:
                    out += ["%-22s%s" % (head, p.next_hop), " " * 42 + (sid or "NO SRv6 Sid")]
                else:
                    out.append("%-22s%-20s%s" % (head, p.next_hop, sid or "NO SRv6 Sid"))
            else:
                if p.kind == "l" and v.sid:
                    out.append("%-22s%-44s%-13s%s" % (head, v.sid, "per-vrf", v.locator))
                else:
                    out.append("%-22s%-44s%-13s%s" % (head, "NO SRv6 Sid", "-", "-"))
    out += ["", "Processed %d prefixes, %d paths" % (count, count)]
    return "\n".join(out) + "\n"


def ipv6_table(st: XrState) -> str:
    if "ipv6" not in st.global_afs:
        return "% BGP instance 'default' address-family ipv6 unicast is not active\n"
    out = _head(st) + CODES + ["   Network            Next Hop            Metric LocPrf Weight Path"]
    table = best_paths(st.ipv6)
    for prefix, plist in table.items():
        p = plist[0]
        lp = "100" if p.kind == "i" else ""
        out += ["%s%s" % (_status(p), prefix),
                " " * 22 + "%-20s%6s %6s %6d %s" % (p.next_hop, 0 if p.med is None else p.med, lp, p.weight,
                                                    " ".join([str(a) for a in p.as_path] + [p.origin]))]
    out += ["", "Processed %d prefixes, %d paths" % (len(table), len(table))]
    return "\n".join(out) + "\n"


def route(st: XrState, vrf: str, version: int) -> str:
    entries = st.rib.get((vrf, version), [])
    if vrf != "default" and vrf not in st.vrfs:
        return "%% VRF %s not found\n" % vrf
    out = ["", RIB_CODES, "", "Gateway of last resort is not set", ""]
    for r in entries:
        code = "%-5s" % r.code
        if version == 6 or "\n" in r.detail:
            first, _unused, rest = r.detail.partition("\n")
            if r.code in ("C", "L") and "\n" not in r.detail:
                head, _unused, when = r.detail.rpartition(", ")
                head, _unused, age = head.rpartition(", ")
                out += ["%s%s %s," % (code, r.prefix, "is directly connected"), "      %s, %s" % (age, when)]
            elif rest:
                out += ["%s%s, %s" % (code, r.prefix, first), "      " + rest]
            else:
                out += ["%s%s " % (code, r.prefix), "      " + first]
        else:
            out.append("%s%s %s" % (code, r.prefix, r.detail))
    return "\n".join(out) + "\n"


def net_sort(prefix: str):
    n = ipaddress.ip_network(prefix)
    return (n.version, n.network_address, n.prefixlen)
