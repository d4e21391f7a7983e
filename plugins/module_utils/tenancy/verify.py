# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Join expectations (from intent) with parsed show output into findings.

``verify(expectations, lookup)`` parses each capture once, with the public
``parse_cli(platform, command, text)`` (the parsers that read every release's
layout), checks every assertion on it and returns a ``Verification``: one
result per assertion (pass / fail / unproven) and the findings. The checks read
the typed shapes of :mod:`.parse.shapes` only: they dispatch on the shape's
``kind`` and on a record's own fields (a route's ``vrf``, ``rd``,
``route_type``), never on which parser ran. Finding ids are stable and listed
in ``FINDINGS``; renaming one is a breaking change for users' CI filters.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import asdict, dataclass
from typing import Any, Callable, Dict, List, Optional, Tuple

from .expect import Assertion, Capture, Expectations, norm_prefix, within
from .parse import ParseError, factual_unparsed, parse_cli
from .parse.partial import unparsed_count
from .tokens import canonical_extended

ERROR = "error"
WARNING = "warning"

# Finding id -> (severity, meaning). The README table is generated from this.
FINDINGS: Dict[str, Tuple[str, str]] = {
    "session-down": (ERROR, "a BGP session intent needs is not Established"),
    "session-family-missing": (ERROR, "a session lacks an address family intent needs (ipv4/unicast; ipv6/unicast and ipv4/mpls_vpn for SRv6)"),
    "prefix-count-low": (ERROR, "fewer prefixes received/advertised on a session than intent expects"),
    "prefix-missing": (ERROR, "a tenant prefix is missing from its own VRF (or the transit VRF)"),
    "prefix-leak": (ERROR, "a tenant's prefix is present in another tenant's VRF"),
    "community-missing": (ERROR, "a tenant prefix arrives without any community"),
    "community-wrong": (ERROR, "a tenant prefix, route-map or community-list carries another community than the tenant's"),
    "rt-wrong": (ERROR, "a route target differs from the tenant's (on the path, the export route-map or the extcommunity-list)"),
    "config-drift": (ERROR, "VRF context, route-map or list on the leaf differs from intent (missing, vni, map names)"),
    "sid-missing": (ERROR, "a tenant prefix is received on the PE without an SRv6 SID"),
    "sid-outside-locator": (ERROR, "a received SID is outside the node locator, or a local SID outside the PE locator"),
    "local-sid-missing": (ERROR, "a PE VRF route has no per-VRF local SID"),
    "locator-not-learned": (ERROR, "the node locator is not in the PE's IPv6 table as a BGP route"),
    "pe-locator-missing": (ERROR, "the PE's own locator is not installed as an SRv6 endpoint"),
    "underlay-leak": (ERROR, "a tenant prefix is in the PE's global (underlay) table"),
    "cilium-not-advertising": (ERROR, "a Cilium node does not advertise a tenant prefix"),
    "cilium-community-missing": (ERROR, "a Cilium node advertises a tenant prefix without its community"),
    "node-locator-wrong": (ERROR, "the SIDManager does not hold the node locator intent expects"),
    "config-leak": (ERROR, "a route-map sequence or a VRF route-target import lets one tenant's routes into another tenant's VRF "
                           "(names device, VRF, sequence and the route's owner; reported whatever the prune flag says)"),
    "config-shadow": (ERROR, "an earlier route-map sequence matches a tenant's community (or route target) with another action "
                             "or value, so the tenant's own sequence never applies"),
    "parse-error": (ERROR, "a capture could not be parsed, has lines not understood that could hold a route or a session, "
                           "or is the device's error answer (`% Invalid command`: not an empty table); the assertions on it are unproven"),
    "capture-empty": (WARNING, "a capture is empty, or the device answered that there is nothing (no such VRF, BGP not active): "
                               "failures it shows stand, checks that would pass on it are unproven"),
    "not-captured": (WARNING, "a capture intent needs is missing from an offline snapshot (cannot prove; never passes silently)"),
}

PASS, FAIL, UNPROVEN = "pass", "fail", "unproven"
# Failures proven by something present in the output; they stand even when other lines were not understood.
_SEEN_FAILURES = frozenset(("prefix-leak", "underlay-leak", "community-wrong", "rt-wrong", "sid-outside-locator", "session-down",
                            "config-leak", "config-shadow"))


@dataclass(frozen=True)
class Finding:
    id: str
    severity: str
    device: str
    message: str
    expected: str
    seen: str
    vrf: Optional[str] = None
    rd: Optional[str] = None
    prefix: Optional[str] = None
    tenant: Optional[str] = None  # tenant owning the prefix / the expectation
    command: Optional[str] = None
    assertion: Optional[str] = None

    def sort_key(self) -> Tuple:
        return (0 if self.severity == ERROR else 1, self.device, self.id, self.vrf or "", self.prefix or "",
                self.assertion or "", self.command or "")

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Result:
    assertion: Assertion
    status: str  # pass | fail | unproven
    seen: str
    findings: Tuple[Finding, ...]

    def to_dict(self) -> Dict[str, Any]:
        a = self.assertion
        return {"id": a.id, "check": a.check, "device": a.device, "tenant": a.tenant, "vrf": a.vrf, "rd": a.rd,
                "prefix": a.prefix, "must": a.text, "command": a.capture.command, "status": self.status,
                "seen": self.seen, "findings": [f.id for f in self.findings]}


@dataclass(frozen=True)
class Verification:
    results: Tuple[Result, ...]
    findings: Tuple[Finding, ...]
    captures: Tuple[Tuple[Capture, str], ...]  # (capture, "ok" | "missing" | "parse-error")
    # (capture, "json" | "text"): the form of the output that was read (NX-OS live capture asks "| json" first)
    read_as: Tuple[Tuple[Capture, str], ...] = ()

    @property
    def errors(self) -> Tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == ERROR)

    @property
    def passed(self) -> bool:
        return not self.errors


def _finding(fid: str, a: Assertion, expected: str, seen: str, message: str, **over: Any) -> Finding:
    fields = dict(vrf=a.vrf, rd=a.rd, prefix=a.prefix, tenant=a.tenant)
    fields.update(over)
    return Finding(id=fid, severity=FINDINGS[fid][0], device=a.device, message=message, expected=expected, seen=seen,
                   command=a.capture.command, assertion=a.id, **fields)


Outcome = Tuple[str, str, List[Finding]]  # status, seen, findings


# ---------------------------------------------------------------- helpers


def _same_ip(a: Optional[str], b: Optional[str]) -> bool:
    if a is None or b is None:
        return False
    try:
        return ipaddress.ip_address(a) == ipaddress.ip_address(b)
    except ValueError:
        return a == b


_RD_PREFIX = re.compile(r"^\[?[0-9.]+:[0-9]+\]?:?(?P<p>[0-9.]+/\d+)$")


def _route_prefix(value: Any) -> Optional[str]:
    """A route's prefix normalised; VPN forms like ``10:10:10.23.0.0/24`` lose the RD."""
    if not isinstance(value, str):
        return None
    m = _RD_PREFIX.match(value)
    return norm_prefix(m.group("p") if m else value)


def _in_locator(sid: str, locator: str) -> bool:
    try:
        return ipaddress.ip_address(sid) in ipaddress.ip_network(locator, strict=False)
    except ValueError:
        return False


def _routes(parsed: Dict[str, Any], a: Assertion) -> List[Dict[str, Any]]:
    """Valid routes of the assertion's VRF/RD in a table shape (bgp_table, bgp_detail, route_table, cilium_routes).

    An IP route (IOS-XR VPNv4, a RIB) is printed under its VRF and RD: one of another VRF or RD is not this
    VRF's. An EVPN NLRI (``route_type`` set) sits in the EVPN table, whose header names the default VRF and whose
    RDs are the originating leaves': the command (``... vrf <v>``) chose its VRF. Cilium routes carry neither.
    """
    out = []
    for r in parsed.get("routes") or []:
        if r.get("valid") is False:
            continue
        if r.get("route_type") is None:
            if a.rd and r.get("rd") and r["rd"] != a.rd:
                continue
            if a.vrf and r.get("vrf") and r["vrf"] != a.vrf:
                continue
        out.append(r)
    return out


def _neighbors(parsed: Dict[str, Any], a: Assertion) -> List[Dict[str, Any]]:
    """Neighbours of a bgp_summary shape in the assertion's VRF (every block when it names none, as a PE's do)."""
    return [n for v in parsed.get("vrfs") or [] if a.vrf is None or v.get("vrf") in (None, a.vrf) for n in v.get("neighbors") or []]


# ---------------------------------------------------------------- checks


def check_session(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    want, family, need = a.args["neighbor"], a.args["family"], a.args["min_prefixes"]
    counter = a.args["counter"]
    exp = "%s Established with %s, %s >= %d" % (want, family, counter, need)
    if parsed.get("kind") == "cilium_peers":
        rows = [p for p in parsed["peers"] if _same_ip(p.get("peer_address"), want)
                and p.get("node") in (None, a.args["node"])]
        if not rows:
            return FAIL, "no peer %s on node %s" % (want, a.args["node"]), [
                _finding("session-down", a, exp, "peer not listed", "%s has no BGP peer %s" % (a.args["node"], want))]
        peer = rows[0]
        state = str(peer.get("session_state") or "")
        if state.lower() != "established":
            return FAIL, "state %s" % state, [_finding("session-down", a, exp, "state %s" % state,
                                                       "%s: session to %s is %s" % (a.args["node"], want, state))]
        fams = {f.get("family"): f for f in peer.get("families") or []}
        if family not in fams:
            seen = "families %s" % (", ".join(sorted(fams)) or "none")
            return FAIL, seen, [_finding("session-family-missing", a, exp, seen, "%s: session to %s lacks %s"
                                         % (a.args["node"], want, family))]
        count = fams[family].get(counter)
    else:  # bgp_summary
        rows = [n for n in _neighbors(parsed, a) if _same_ip(n.get("neighbor"), want)]
        if not rows:
            return FAIL, "neighbor not listed", [_finding(
                "session-family-missing", a, exp, "neighbor %s not in the %s summary" % (want, family),
                "no %s session to %s (%s)" % (family, want, a.args["node"]))]
        state = str(rows[0].get("state") or "")
        if state.lower() != "established":
            return FAIL, "state %s" % state, [_finding("session-down", a, exp, "state %s" % state,
                                                       "%s session to %s is %s" % (family, want, state))]
        count = rows[0].get("prefixes_received")
    if count is None or count < need:
        seen = "Established, %s %s" % (counter, count)
        return FAIL, seen, [_finding("prefix-count-low", a, exp, seen, "%s session to %s: %s %s prefixes, intent expects >= %d"
                                     % (family, want, counter, count, need))]
    return PASS, "Established, %s %s" % (counter, count), []


def check_prefix_present(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    prefixes = sorted({p for p in (_route_prefix(r.get("prefix")) for r in _routes(parsed, a)) if p})
    if a.prefix in prefixes:
        return PASS, "present", []
    where = a.vrf + (" (RD %s)" % a.rd if a.rd else "")
    return FAIL, "absent", [_finding("prefix-missing", a, "present in %s" % where, "absent",
                                     "%s of %s is missing from VRF %s" % (a.prefix, a.tenant, where))]


def check_isolation(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    blocks = tuple(a.args["blocks"])
    leaked = sorted({p for p in (_route_prefix(r.get("prefix")) for r in _routes(parsed, a)) if p and within(p, blocks)})
    if not leaked:
        return PASS, "none", []
    fid = "underlay-leak" if a.check == "underlay" else "prefix-leak"
    where = "the global table" if a.check == "underlay" else "VRF %s of %s" % (a.vrf, a.args.get("owner") or "the transit")
    findings = [_finding(fid, a, "no route of %s" % a.args["foreign"], "%s present" % p,
                         "%s of %s leaked into %s" % (p, a.args["foreign"], where), prefix=p) for p in leaked]
    return FAIL, ", ".join(leaked), findings


def check_community(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    # bgp_detail: the attributes of every path, plus those a `| grep Community` capture printed without their entry
    comms = list(parsed.get("communities") or [])
    rts = list(parsed.get("route_targets") or [])
    has_ext = bool(rts or parsed.get("extcommunities"))
    for p in parsed.get("routes") or []:
        comms += p.get("communities") or []
        rts += p.get("route_targets") or []
        has_ext = has_ext or bool(p.get("extcommunities"))
    # a device shows RTs in its own notation (NX-OS with an asdot AS: 1.11:101); compare them asplain
    comms, rts = sorted(set(comms)), sorted({canonical_extended(str(r)) for r in rts})
    want = a.args["community"]
    foreign = [c for c in comms if c in a.args["foreign_communities"]]
    seen = "communities %s" % (" ".join(comms) or "none")
    findings = []
    if not comms:
        findings.append(_finding("community-missing", a, want, "none", "%s arrives without community %s" % (a.prefix, want)))
    elif want not in comms or foreign:
        findings.append(_finding("community-wrong", a, want, " ".join(comms),
                                 "%s carries %s, intent is %s" % (a.prefix, " ".join(comms), want)))
    rt = a.args.get("route_target")
    if has_ext:
        seen += "; route targets %s" % (" ".join(rts) or "none")
        foreign_rts = {canonical_extended(str(r)) for r in a.args["foreign_route_targets"]}
        bad = [r for r in rts if r in foreign_rts]
        if bad or (rt and canonical_extended(str(rt)) not in rts):
            findings.append(_finding("rt-wrong", a, rt or "no other tenant's RT", " ".join(rts) or "none",
                                     "%s carries route targets %s, intent is %s" % (a.prefix, " ".join(rts) or "none", rt)))
    else:
        seen += "; route targets not in capture (proven by the route-map and extcommunity-list)"
    return (FAIL if findings else PASS), seen, findings


def check_vrf_config(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    name = a.args["name"]
    vrf = next((v for v in parsed.get("vrfs") or [] if v.get("name") == name), None)
    if vrf is None:
        return FAIL, "no vrf context %s" % name, [_finding("config-drift", a, a.text, "absent", "vrf context %s is missing" % name)]
    diffs, seen = [], ["vni %s" % vrf.get("vni")]
    if vrf.get("vni") != a.args["vni"]:
        diffs.append("vni %s (intent %s)" % (vrf.get("vni"), a.args["vni"]))
    afs = [af for af in vrf.get("address_families") or [] if af.get("afi") == "ipv4"]
    em = next((af["export_map"]["name"] for af in afs if af.get("export_map")), None)
    im = next((af["import_map"]["name"] for af in afs if af.get("import_map") and af["import_map"].get("evpn")), None)
    adv = any(af.get("import_vrf_advertise_vpn") for af in afs)
    for key, got in (("export_map", em), ("import_map", im)):
        if a.args[key] and got != a.args[key]:
            diffs.append("%s %s (intent %s)" % (key.replace("_", " "), got, a.args[key]))
        if got:
            seen.append("%s %s" % (key.replace("_", " "), got))
    if a.args["advertise_vpn"]:
        seen.append("import vrf advertise-vpn" if adv else "no import vrf advertise-vpn")
        if not adv:
            diffs.append("import vrf advertise-vpn missing")
    if diffs:
        return FAIL, ", ".join(seen), [_finding("config-drift", a, a.text, "; ".join(diffs),
                                                "vrf context %s differs: %s" % (name, "; ".join(diffs)))]
    return PASS, ", ".join(seen), []


def check_route_map(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    name, seq = a.args["name"], a.args["sequence"]
    entry = next((r for r in parsed.get("route_maps") or [] if r.get("name") == name and r.get("sequence") == seq), None)
    if entry is None or entry.get("action") != "permit":
        seen = "absent" if entry is None else entry.get("action")
        return FAIL, seen, [_finding("config-drift", a, a.text, seen, "route-map %s permit %d is missing" % (name, seq))]
    mkind, mval = a.args["match"]
    skind, sval = a.args["set"]
    got_match = (entry.get("match") or {}).get(mkind) or []
    got_set = [v for v in (entry.get("set") or {}).get(skind) or [] if v != "additive"]
    seen = "match %s %s, set %s %s" % (mkind, " ".join(got_match) or "-", skind, " ".join(got_set) or "-")
    findings = []
    if mval not in got_match:
        findings.append(_finding("config-drift", a, "match %s %s" % (mkind, mval), " ".join(got_match) or "none",
                                 "route-map %s %d matches %s %s, intent %s" % (name, seq, mkind, " ".join(got_match) or "nothing", mval)))
    if got_set != [sval]:
        findings.append(_finding(a.args["value_check"], a, "set %s %s" % (skind, sval), " ".join(got_set) or "none",
                                 "route-map %s %d sets %s %s, intent %s" % (name, seq, skind, " ".join(got_set) or "nothing", sval)))
    return (FAIL if findings else PASS), seen, findings


def check_list_entry(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    name, value = a.args["name"], a.args["value"]
    lst = next((x for x in parsed.get("lists") or [] if x.get("name") == name), None)
    if lst is None:
        return FAIL, "absent", [_finding("config-drift", a, a.text, "absent", "list %s is missing" % name)]
    permits = sorted({v for e in lst.get("entries") or [] if e.get("action") == "permit" for v in e.get("values") or []})
    seen = "permits %s" % (" ".join(permits) or "nothing")
    if permits != [value]:
        return FAIL, seen, [_finding(a.args["value_check"], a, value, " ".join(permits) or "none",
                                     "list %s permits %s, intent %s" % (name, " ".join(permits) or "nothing", value))]
    return PASS, seen, []


def _route_at(parsed: Dict[str, Any], a: Assertion) -> Optional[Dict[str, Any]]:
    return next((r for r in _routes(parsed, a) if _route_prefix(r.get("prefix")) == a.prefix), None)


def check_received_sid(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    route = _route_at(parsed, a)
    locators: Dict[str, str] = a.args["locators"]
    exp = "SID inside %s" % " or ".join(sorted(set(locators.values())))
    if route is None or not route.get("sid"):
        seen = "route not received" if route is None else "no SRv6 SID"
        return FAIL, seen, [_finding("sid-missing", a, exp, seen, "%s in RD %s: %s" % (a.prefix, a.rd, seen))]
    sid = route["sid"]
    nh = route.get("next_hop")
    mine = [loc for addr, loc in locators.items() if _same_ip(addr, nh)] or sorted(set(locators.values()))
    if not any(_in_locator(sid, loc) for loc in mine):
        return FAIL, "SID %s" % sid, [_finding("sid-outside-locator", a, "SID inside %s" % " or ".join(mine), sid,
                                               "%s in RD %s has SID %s outside the node locator %s"
                                               % (a.prefix, a.rd, sid, " or ".join(mine)))]
    return PASS, "SID %s via %s" % (sid, nh), []


def check_local_sid(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    route = _route_at(parsed, a)
    loc = a.args["locator"]
    exp = "per-vrf SID inside %s" % loc
    if route is None or not route.get("sid"):
        seen = "route absent" if route is None else "no SRv6 SID"
        return FAIL, seen, [_finding("local-sid-missing", a, exp, seen, "%s in VRF %s: %s" % (a.prefix, a.vrf, seen))]
    sid = route["sid"]
    seen = "SID %s %s locator %s" % (sid, route.get("alloc_mode"), route.get("locator"))
    if not _in_locator(sid, loc):
        return FAIL, seen, [_finding("sid-outside-locator", a, exp, sid, "local SID %s of %s is outside the PE locator %s"
                                     % (sid, a.prefix, loc))]
    return PASS, seen, []


def _rib_entry(parsed: Dict[str, Any], prefix: str) -> Optional[Dict[str, Any]]:
    return next((r for r in parsed.get("routes") or [] if _route_prefix(r.get("prefix")) == prefix), None)


def check_locator_learned(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    r = _rib_entry(parsed, a.prefix or "")
    if r is None or r.get("protocol") != "B":
        seen = "absent" if r is None else "code %s" % r.get("code")
        return FAIL, seen, [_finding("locator-not-learned", a, "BGP route %s" % a.prefix, seen,
                                     "node locator %s of %s is not learned over BGP" % (a.prefix, a.args["node"]))]
    nh = ", ".join(p.get("next_hop") or "" for p in r.get("paths") or [])
    return PASS, "B via %s" % nh, []


def check_pe_locator(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    r = _rib_entry(parsed, a.prefix or "")
    if r is None or not r.get("srv6"):
        seen = "absent" if r is None else "not an SRv6 endpoint"
        return FAIL, seen, [_finding("pe-locator-missing", a, "SRv6 endpoint %s" % a.prefix, seen,
                                     "PE locator %s is not installed" % a.prefix)]
    return PASS, "SRv6 Endpoint %s" % r["srv6"].get("behavior"), []


def _node_routes(parsed: Dict[str, Any], a: Assertion) -> List[Dict[str, Any]]:
    return [r for r in parsed.get("routes") or [] if r.get("node") in (None, a.args["node"])
            and _route_prefix(r.get("prefix")) == a.prefix]


def check_cilium_route(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    if _node_routes(parsed, a):
        return PASS, "advertised", []
    return FAIL, "absent", [_finding("cilium-not-advertising", a, "advertised", "absent",
                                     "%s does not advertise %s of %s" % (a.args["node"], a.prefix, a.tenant))]


def check_cilium_community(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    routes = _node_routes(parsed, a)
    if not routes:
        return check_cilium_route(a, parsed)
    want = a.args["community"]
    bad = []
    for r in routes:
        comms = (r.get("attributes") or {}).get("communities") or []
        if want not in comms:
            bad.append("%s: %s" % (r.get("peer") or "-", " ".join(comms) or "none"))
    if bad:
        return FAIL, "; ".join(bad), [_finding("cilium-community-missing", a, want, "; ".join(bad),
                                               "%s advertises %s without community %s" % (a.args["node"], a.prefix, want))]
    return PASS, "community %s" % want, []


def _ext(value: Any) -> str:
    """A community or route target as compared: RTs by value (asdot 1.11:101 is asplain 65547:101)."""
    return canonical_extended(str(value))


def _list_covers(lists: Dict[str, Any], name: str, value: str) -> bool:
    """True when community(-ext) list *name* permits a route carrying only *value*: the first entry
    whose values the route all carries decides (expanded entries compare literally: no regex on device text)."""
    lst = next((x for x in lists.get("lists") or [] if x.get("name") == name), None)
    if lst is None:
        return False
    for entry in sorted(lst.get("entries") or [], key=lambda e: e.get("sequence") or 0):
        vals = {_ext(v) for v in entry.get("values") or []}
        if vals and vals <= {_ext(value)}:
            return entry.get("action") == "permit"
    return False


def check_route_map_leak(a: Assertion, parsed: Dict[str, Any], lists: Dict[str, Any]) -> Outcome:
    name, mkind, skind = a.args["name"], a.args["match"], a.args["set"]
    seqs = sorted((r for r in parsed.get("route_maps") or [] if r.get("name") == name),
                  key=lambda r: r.get("sequence") or 0)
    findings: List[Finding] = []
    seen: List[str] = []
    for owner in a.args["owners"]:
        tenant, value, own, want_seq = owner["tenant"], owner["value"], owner["own"], owner["sequence"]
        first = None
        for r in seqs:
            match = r.get("match") or {}
            if not match:
                first = r  # no match clause: every route
                break
            names = match.get(mkind)
            if names and any(_list_covers(lists, n, value) for n in names):
                first = r
                break
        if first is None:
            continue
        seq, action = first.get("sequence"), first.get("action")
        if seq == want_seq or (want_seq is None and action == "deny") or seq == a.args.get("deny_seq"):
            seen.append("%s by %d" % (tenant, seq))
            continue
        sets = [_ext(v) for v in (first.get("set") or {}).get(skind) or [] if v != "additive"]
        owners = {_ext(k): v for k, v in a.args["value_owner"].items()}
        own = _ext(own)
        leaked = [(v, owners[v]) for v in sets if v in owners and owners[v][0] != tenant]
        if action == "permit" and leaked:
            for val, (other, vrf) in leaked:
                into = vrf if mkind == "community" else "%s (tagged as %s)" % (a.vrf, other)
                findings.append(_finding(
                    "config-leak", a, "%s's routes decided by %s" % (tenant, "sequence %d" % want_seq if want_seq else "no sequence"),
                    "%s %s %d sets %s %s" % (name, action, seq, skind, val),
                    "route-map %s sequence %d (%s) sets %s %s of %s on %s's routes: they reach VRF %s"
                    % (name, seq, action, skind, val, other, tenant, into),
                    tenant=tenant, vrf=vrf if mkind == "community" else a.vrf))
            continue
        if want_seq is None:
            if action == "permit" and sets and own not in sets:
                findings.append(_finding(
                    "config-leak", a, "%s's routes stay in the transit VRF" % tenant,
                    "%s %s %d sets %s %s" % (name, action, seq, skind, " ".join(sets)),
                    "route-map %s sequence %d sets %s %s on %s's routes: they reach any VRF importing it"
                    % (name, seq, skind, " ".join(sets), tenant), tenant=tenant))
            continue
        if any(r.get("sequence") == want_seq for r in seqs) and (action != "permit" or sets != [own]):
            findings.append(_finding(
                "config-shadow", a, "sequence %d decides %s's routes" % (want_seq, tenant),
                "sequence %d (%s%s) first" % (seq, action, (", set %s %s" % (skind, " ".join(sets))) if sets else ""),
                "route-map %s sequence %d (%s) matches %s of %s before its own sequence %d"
                % (name, seq, action, value, tenant, want_seq), tenant=tenant))
    if findings:
        return FAIL, "; ".join(f.seen for f in findings), findings
    return PASS, ", ".join(seen) or "no sequence matches a tenant", []


def check_rt_import(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    name = a.args["name"]
    vrf = next((v for v in parsed.get("vrfs") or [] if v.get("name") == name), None)
    if vrf is None:
        return PASS, "no vrf context %s (config-drift reports it)" % name, []
    imports = []
    for af in vrf.get("address_families") or []:
        for rt in af.get("route_targets") or []:
            if rt.get("direction") in ("import", "both"):
                imports.append(_ext(a.args["auto"] if rt.get("value") == "auto" else rt.get("value")))
    foreign = {_ext(k): v for k, v in a.args["foreign_rts"].items()}
    seen = "imports %s" % (" ".join(sorted(set(imports))) or "nothing")
    findings = [_finding("config-leak", a, "no route target of another tenant imported",
                         "route-target import %s" % rt,
                         "vrf context %s imports route target %s of %s: %s's routes leak into it"
                         % (name, rt, foreign[rt], foreign[rt]), tenant=foreign[rt])
                for rt in sorted(set(imports)) if rt in foreign]
    return (FAIL if findings else PASS), seen, findings


def check_node_locator(a: Assertion, parsed: Dict[str, Any]) -> Outcome:
    node = a.args["node"]
    mine = [loc.get("prefix") for n in parsed.get("nodes") or [] if n.get("node") == node for loc in n.get("locators") or []]
    if not parsed.get("nodes") and a.args.get("single_node"):
        mine = list(parsed.get("prefixes") or [])  # grep form: no node names, one node in the cluster
    mine = sorted({norm_prefix(p) for p in mine if p})
    if a.prefix in mine:
        return PASS, "locator %s" % a.prefix, []
    if a.args.get("allocated"):  # the inventory leaves the locator to the operator: any of the pool's size
        pool = ipaddress.ip_network(a.args["pool"], strict=False)
        fits = [p for p in mine if ipaddress.ip_network(p).version == pool.version
                and ipaddress.ip_network(p).prefixlen == a.args["length"] and ipaddress.ip_network(p).subnet_of(pool)]
        if fits:
            return PASS, "locator %s (allocated)" % fits[0], []
    seen = " ".join(mine) or "none"
    return FAIL, seen, [_finding("node-locator-wrong", a, a.prefix or "", seen,
                                 "SIDManager of %s holds %s, intent %s" % (node, seen, a.prefix))]


CHECKS: Dict[str, Callable[[Assertion, Dict[str, Any]], Outcome]] = {
    "session": check_session,
    "prefix-present": check_prefix_present,
    "isolation": check_isolation,
    "underlay": check_isolation,
    "community": check_community,
    "vrf-config": check_vrf_config,
    "route-map": check_route_map,
    "list-entry": check_list_entry,
    "received-sid": check_received_sid,
    "local-sid": check_local_sid,
    "locator-learned": check_locator_learned,
    "pe-locator": check_pe_locator,
    "cilium-route": check_cilium_route,
    "cilium-community": check_cilium_community,
    "node-locator": check_node_locator,
    "rt-import": check_rt_import,
}

# Checks that read further captures (Assertion.extra), given parsed in that order.
MULTI_CHECKS: Dict[str, Callable[..., Outcome]] = {
    "route-map-leak": check_route_map_leak,
}


# The shapes (parse.shapes.KINDS) each check reads; extra captures (Assertion.extra) are community lists.
_TABLES = ("bgp_table", "bgp_detail", "route_table", "cilium_routes")
SHAPES: Dict[str, Tuple[str, ...]] = {
    "session": ("bgp_summary", "cilium_peers"),
    "prefix-present": _TABLES,
    "isolation": _TABLES,
    "underlay": _TABLES,
    "community": ("bgp_detail",),
    "vrf-config": ("running_config",),
    "rt-import": ("running_config",),
    "route-map": ("running_config",),
    "route-map-leak": ("running_config",),
    "list-entry": ("community_lists",),
    "received-sid": ("bgp_table", "bgp_detail"),
    "local-sid": ("bgp_table", "bgp_detail"),
    "locator-learned": ("route_table",),
    "pe-locator": ("route_table",),
    "cilium-route": ("cilium_routes",),
    "cilium-community": ("cilium_routes",),
    "node-locator": ("sidmanager",),
}
_EXTRA_SHAPES = ("community_lists",)


# ---------------------------------------------------------------- driver


def _capture_finding(fid: str, cap: Capture, seen: str, message: str, count: int, severity: str = "") -> Finding:
    return Finding(id=fid, severity=severity or FINDINGS[fid][0], device=cap.device, message=message,
                   expected="output of `%s` (%d assertion(s) depend on it)" % (cap.command, count), seen=seen,
                   command=cap.command)


def _understood(shape: Dict[str, Any]) -> bool:
    """True when a shape holds at least one record (a route, a neighbour block, a list, a VRF ...)."""
    return any(v for k, v in shape.items() if k != "unparsed" and isinstance(v, (list, dict)))


def output_form(text: Any) -> str:
    """"json" when a capture holds a JSON document (NX-OS ``| json``, ``-o json``), else "text"."""
    return "json" if isinstance(text, str) and text.lstrip()[:1] in ("{", "[") else "text"


def parse_capture(cap: Capture, text: str) -> Dict[str, Any]:
    """The typed shape of one capture: ``parse_cli`` with the device's platform and the literal command."""
    return parse_cli(cap.cli_platform, cap.command, text)


_UNPROVEN_SEEN = {"missing": "not captured", "parse-error": "capture not parseable",
                  "cli-error": "the device answered with an error, not a table"}


def _quoted_lines(lost: List[Dict[str, Any]]) -> str:
    """The first three unparsed lines, numbered and quoted, as findings show them."""
    return "; ".join("line %d: %r" % (u["line"], u["text"][:80]) for u in lost[:3])


def _read(cap: Capture, text: str, users: int) -> Tuple[str, Optional[Dict[str, Any]], List[Finding]]:
    """(capture status, shape or None when nothing can be proven from it, capture findings)."""
    try:
        shape = parse_capture(cap, text)
    except ParseError as exc:
        return "parse-error", None, [_capture_finding("parse-error", cap, str(exc), "%s: cannot parse `%s`: %s"
                                                      % (cap.device, cap.command, exc), users)]
    status, said = shape.get("status"), str(shape.get("message") or "")
    if status == "cli-error":
        return "cli-error", None, [_capture_finding(
            "parse-error", cap, said, "%s: `%s` answered with an error (%s): that is not an empty table, so the %d "
            "assertion(s) on it are unproven, and none that says a route must be absent can pass" % (cap.device, cap.command, said, users),
            users)]
    if status == "partial" and not _understood(shape):
        lost = shape.get("unparsed") or []
        where = _quoted_lines(lost)
        return "parse-error", None, [_capture_finding("parse-error", cap, where, "%s: no line of `%s` understood (%s)"
                                                      % (cap.device, cap.command, where), users)]
    if status == "empty":
        seen = said or "no output"
        return "empty", shape, [_capture_finding(
            "capture-empty", cap, seen, "%s: `%s` is empty (%s): failures it shows stand, the checks on it that would pass "
            "are unproven (an empty answer proves no absence)" % (cap.device, cap.command, seen), users)]
    found = []
    lost = factual_unparsed(shape)
    if lost:
        where = _quoted_lines(lost)
        # Same id as an unreadable capture: what was lost could be a route or a session.
        found.append(_capture_finding("parse-error", cap, where, "%s: %d line(s) of `%s` not understood; they could "
                                      "hold a route or a session, so checks that would pass are unproven (%s)"
                                      % (cap.device, unparsed_count(lost), cap.command, where), users))
    return "ok", shape, found


def _shape_mismatch(a: Assertion, parsed: Dict[Capture, Any]) -> Optional[Capture]:
    """The first capture of *a* read as a shape its check does not read (e.g. JSON where a table was asked)."""
    for cap, kinds in [(a.capture, SHAPES[a.check])] + [(c, _EXTRA_SHAPES) for c in a.extra]:
        if parsed[cap].get("kind") not in kinds:
            return cap
    return None


def verify(exp: Expectations, lookup: Callable[[Capture], Optional[str]], live: bool = False) -> Verification:
    """Check every assertion; *lookup* returns a capture's text or None when it was not captured.

    Offline a missing capture is a warning (the snapshot may be partial); live
    every command was run, so a missing output is an error.
    """
    by_capture: Dict[Capture, List[Assertion]] = {}
    for a in exp.assertions:
        by_capture.setdefault(a.capture, []).append(a)
    parsed: Dict[Capture, Any] = {}
    cap_status: List[Tuple[Capture, str]] = []
    read_as: List[Tuple[Capture, str]] = []
    findings: List[Finding] = []
    for cap in exp.captures:
        text = lookup(cap)
        users = len(by_capture.get(cap, ()))
        if text is None:
            cap_status.append((cap, "missing"))
            findings.append(_capture_finding("not-captured", cap, "no file %s/%s" % (cap.device, cap.file),
                                             "%s: `%s` was not captured; %d assertion(s) unproven"
                                             % (cap.device, cap.command, users), users, ERROR if live else ""))
            continue
        read_as.append((cap, output_form(text)))
        status, shape, found = _read(cap, text, users)
        cap_status.append((cap, status))
        findings.extend(found)
        if shape is not None:
            parsed[cap] = shape
    status_of = dict(cap_status)
    mismatched: Dict[Capture, str] = {}
    results = []
    for a in exp.assertions:
        lacking = [c for c in (a.capture,) + a.extra if c not in parsed]
        if lacking:
            results.append(Result(a, UNPROVEN, _UNPROVEN_SEEN[status_of[lacking[0]]], ()))
            continue
        odd = _shape_mismatch(a, parsed)
        if odd is not None:
            kind = str(parsed[odd].get("kind"))
            if odd not in mismatched:
                mismatched[odd] = kind
                findings.append(_capture_finding("parse-error", odd, "a %s shape" % kind, "%s: `%s` reads as a %s shape, not the "
                                                 "one its checks read; they are unproven" % (odd.device, odd.command, kind),
                                                 len(by_capture.get(odd, ()))))
            results.append(Result(a, UNPROVEN, "capture read as a %s shape" % kind, ()))
            continue
        if a.check in MULTI_CHECKS:
            status, seen, found = MULTI_CHECKS[a.check](a, parsed[a.capture], *(parsed[c] for c in a.extra))
        else:
            status, seen, found = CHECKS[a.check](a, parsed[a.capture])
        unparsed = any(factual_unparsed(parsed[c]) for c in (a.capture,) + a.extra)
        if unparsed and not (status == FAIL and all(f.id in _SEEN_FAILURES for f in found)):
            # Lines not understood could hold the route or session that decides this check: it can neither pass
            # nor fail on absence; a failure proven by what was read (a leak, a wrong value) stands.
            status, seen, found = UNPROVEN, seen + " (unparsed lines of the capture could change this)", []
        empty = [c for c in (a.capture,) + a.extra if status_of[c] == "empty"]
        if empty and status == PASS:
            # "No such VRF" or nothing at all: not a table that was read and found clean.
            status, seen = UNPROVEN, seen + " (`%s` is empty: %s)" % (empty[0].command, parsed[empty[0]].get("message") or "no output")
        results.append(Result(a, status, seen, tuple(found)))
        findings.extend(found)
    findings.sort(key=Finding.sort_key)
    cap_status = [(c, "parse-error" if c in mismatched else s) for c, s in cap_status]
    return Verification(results=tuple(results), findings=tuple(findings), captures=tuple(cap_status), read_as=tuple(read_as))
