#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark the collection's parsers against ntc-templates (TextFSM) and genieparser.

Parses the same captures (the device-layout fixtures of tests/unit/parse) with
each tool, then prints, per command: time per parse, the speed ratio
(other tool / ours) and field-level agreement (the share of comparable facts,
e.g. (neighbor, remote AS, prefixes), that the other tool reports identically).
A tool that is not installed, or has no parser for a command, is reported and
skipped. Not part of the test suite.

    python -m venv .venv-bench
    .venv-bench/bin/pip install -r requirements.txt -r requirements-bench.txt
    .venv-bench/bin/python bench/parsers_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "collections"))
sys.path.insert(0, os.path.join(ROOT, "tests", "unit", "parse"))

from cases import load_fixture  # noqa: E402

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse  # noqa: E402

Facts = Set[Tuple[Any, ...]]


def _int(v: Any) -> Optional[int]:
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------- fact extractors (ours)

def ours_summary(res: Dict[str, Any]) -> Facts:
    vrfs = res.get("vrfs") or [res]
    return {(n["neighbor"], n["remote_as"], n["prefixes_received"]) for v in vrfs for n in v["neighbors"]}


def ours_routes(res: Dict[str, Any]) -> Facts:
    return {(r["prefix"], p["next_hop"]) for r in res["routes"] for p in (r["paths"] or [{"next_hop": None}])}


def ours_commlist(res: Dict[str, Any]) -> Facts:
    return {(lst["name"], e["sequence"], e["action"], " ".join(e["values"])) for lst in res["lists"] for e in lst["entries"]}


def ours_interfaces(res: Dict[str, Any]) -> Facts:
    return {(i["name"], i["vrf"], a["address"]) for i in res["interfaces"] for a in i["ipv4_addresses"] or [{"address": None}]}


# --------------------------------------------------------------- ntc-templates

def ntc_summary(rows: List[Dict[str, Any]]) -> Facts:
    out = set()
    for r in rows:
        st = str(r.get("state_pfxrcd") or r.get("state_pfx") or r.get("state") or "")
        out.add((r.get("bgp_neigh") or r.get("neighbor"), _int(r.get("neigh_as") or r.get("remote_as")),
                 _int(st) if st.isdigit() else None))
    return out


def ntc_routes(rows: List[Dict[str, Any]]) -> Facts:
    out = set()
    for r in rows:
        pfx = "%s/%s" % (r.get("network"), r.get("prefix_length"))
        out.add((pfx, r.get("next_hop") or None))
    return out


def ntc_commlist(rows: List[Dict[str, Any]]) -> Facts:
    out = set()
    for r in rows:
        # the template splits standard communities into parallel as/tag lists
        vals = " ".join("%s:%s" % pair for pair in zip(r.get("as") or [], r.get("tag") or [])) or r.get("community", "")
        out.add((r.get("name"), _int(r.get("seq")), (r.get("action") or "").lower(), vals))
    return out


def ntc_interfaces(rows: List[Dict[str, Any]]) -> Facts:
    return {(r.get("interface"), r.get("vrf") or None, a) for r in rows for a in (r.get("ip_addresses") or [None])}


# --------------------------------------------------------------- genieparser

def genie_summary(res: Dict[str, Any]) -> Facts:
    out = set()
    for _inst, inst in (res.get("instance") or {"default": res}).items():
        for _vrf, vrf in (inst.get("vrf") or {}).items():
            for nbr, n in (vrf.get("neighbor") or {}).items():
                for _af, af in (n.get("address_family") or {}).items():
                    st = str(af.get("state_pfxrcd", af.get("state", "")))
                    out.add((nbr, _int(af.get("as", n.get("remote_as"))), _int(st) if st.isdigit() else None))
    return out


def genie_routes(res: Dict[str, Any]) -> Facts:
    out = set()
    for _vrf, vrf in (res.get("vrf") or {}).items():
        for _af, af in (vrf.get("address_family") or {}).items():
            for pfx, r in (af.get("routes") or {}).items():
                hops = (r.get("next_hop") or {}).get("next_hop_list") or {}
                if hops:
                    for _i, h in hops.items():
                        out.add((pfx, h.get("next_hop")))
                else:
                    out.add((pfx, None))
    return out


# --------------------------------------------------------------- cases

CASES = [
    # (fixture, our command id, our facts, ntc (platform, command, facts), genie (os, command, facts))
    ("device/nxos_bgp_summary_vrf_public.txt", "nxos.bgp_vrf_summary", ours_summary,
     ("cisco_nxos", "show ip bgp summary vrf all", ntc_summary), ("nxos", "show bgp vrf all all summary", genie_summary)),
    ("device/nxos_bgp_vrf_summary_tenant_k8s.txt", "nxos.bgp_vrf_summary", ours_summary,
     ("cisco_nxos", "show ip bgp summary vrf Tenant-K8s", ntc_summary), ("nxos", "show bgp vrf all all summary", genie_summary)),
    ("device/nxos_community_list_public.txt", "nxos.community_list", ours_commlist,
     ("cisco_nxos", "show ip community-list", ntc_commlist), None),
    ("device/xr_bgp_summary_public.txt", "iosxr.bgp_ipv6_unicast_summary", ours_summary,
     ("cisco_xr", "show ip bgp summary", ntc_summary), ("iosxr", "show bgp all all summary", genie_summary)),
    ("device/xr_route_ipv4_public.txt", "iosxr.route_ipv4", ours_routes,
     ("cisco_xr", "show ip route", ntc_routes), ("iosxr", "show route ipv4", genie_routes)),
    ("device/xr_route_ipv6.txt", "iosxr.route_ipv6", ours_routes,
     ("cisco_xr", "show route", ntc_routes), ("iosxr", "show route ipv6", genie_routes)),
    ("device/xr_run_interface_public.txt", "iosxr.run_interface", ours_interfaces,
     ("cisco_xr", "show running-config interface", ntc_interfaces), None),
]


def timed(fn: Callable[[], Any], repeat: int) -> Tuple[Any, float]:
    result = fn()
    start = time.perf_counter()
    for _repeat in range(repeat):
        fn()
    return result, (time.perf_counter() - start) / repeat


def load_ntc() -> Optional[Callable[[str, str, str], Any]]:
    try:
        from ntc_templates.parse import parse_output
    except ImportError as exc:
        print("note: ntc-templates not installed (%s); skipping TextFSM" % exc)
        return None
    return lambda platform, command, data: parse_output(platform=platform, command=command, data=data)


def load_genie() -> Optional[Callable[[str, str, str], Any]]:
    try:
        from genie.conf.base import Device
        import genie.libs.parser  # noqa: F401
    except ImportError as exc:
        print("note: genieparser not installed (%s); skipping genie" % exc)
        return None
    devices: Dict[str, Any] = {}

    def run(os_name: str, command: str, data: str) -> Any:
        if os_name not in devices:
            dev = Device("bench-" + os_name, os=os_name)
            dev.custom.setdefault("abstraction", {})["order"] = ["os"]
            devices[os_name] = dev
        return devices[os_name].parse(command, output=data)

    return run


def agreement(ours: Facts, theirs: Facts) -> str:
    if not ours and not theirs:
        return "n/a"
    same = len(ours & theirs)
    return "%d/%d (%.0f%%)" % (same, len(ours | theirs), 100.0 * same / max(len(ours | theirs), 1))


_NTC_PLATFORM = {"nxos": "cisco_nxos", "iosxr": "cisco_xr"}


def _foreign(run: Callable[[], Any], repeat: int, ours_t: float, ratios: List[float]) -> Tuple[str, str]:
    """(microseconds, ratio to ours) of another tool on the same file, or its failure (a result, not a crash)."""
    try:
        _res, took = timed(run, repeat)
    except Exception as exc:  # pylint: disable=broad-except
        return "fail:" + type(exc).__name__, ""
    ratios.append(took / ours_t)
    return "%.0f" % (took * 1e6), "%.1f" % (took / ours_t)


def _median_line(tool: str, ratios: List[float]) -> str:
    if not ratios:
        return "%s: parsed no file (not installed, or no parser for these commands)" % tool
    ratios = sorted(ratios)
    return "%s / ours per file: median %.1fx, min %.1fx, max %.1fx over %d files %s parsed" % (
        tool, ratios[len(ratios) // 2], ratios[0], ratios[-1], len(ratios), tool)


def corpus_bench(repeat: int) -> int:
    """Per corpus file: our parse time, genieparser's and ntc-templates' on the same text and command, our fact recall;
    then precision."""
    from corpus import checked, corpus, facts_of, matches, spurious  # tests/unit/parse/corpus.py

    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli

    genie = load_genie()
    ntc = load_ntc()
    genie_ratios: List[float] = []
    ntc_ratios: List[float] = []
    expected = found = 0
    under_check = 0
    invented: List[str] = []
    print("%-62s %9s %12s %7s %12s %7s %s" % ("file", "ours us", "genie us", "x ours", "ntc us", "x ours", "recall"))
    for name, meta, text in corpus():
        res, ours_t = timed(lambda: parse_cli(meta["platform"], meta["command"], text), repeat)
        got = facts_of(res)
        hit = sum(1 for f in meta["facts"] if matches(f, got))
        expected += len(meta["facts"])
        found += hit
        under_check += checked(meta, got)
        invented += ["%s: %r" % (name, f) for f in spurious(meta, got)]
        gtxt = ntxt = "-"
        gratio = nratio = ""
        if genie is not None and meta["platform"] in _NTC_PLATFORM:
            gtxt, gratio = _foreign(lambda: genie(meta["platform"], meta["command"], text), repeat, ours_t, genie_ratios)
        if ntc is not None and meta["platform"] in _NTC_PLATFORM:
            ntxt, nratio = _foreign(lambda: ntc(_NTC_PLATFORM[meta["platform"]], meta["command"], text), repeat, ours_t, ntc_ratios)
        print("%-62s %9.0f %12s %7s %12s %7s %d/%d" % (name, ours_t * 1e6, gtxt, gratio, ntxt, nratio, hit, len(meta["facts"])))
    print("recall %d/%d = %.1f%%" % (found, expected, 100.0 * found / max(expected, 1)))
    # Precision over the kinds each file lists in full ('complete'): parsed facts no hand fact matches.
    print("precision %d/%d = %.1f%% (facts of complete kinds)" % (
        under_check - len(invented), under_check, 100.0 * (under_check - len(invented)) / max(under_check, 1)))
    for line in invented:
        print("  invented " + line)
    print(_median_line("genie", genie_ratios))
    print(_median_line("ntc", ntc_ratios))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200, help="timed runs per parser and fixture")
    ap.add_argument("--corpus", action="store_true",
                    help="parse_cli on the real-output corpus (tests/data/parsers) beside genieparser, with recall of the hand-written facts")
    args = ap.parse_args()
    if args.corpus:
        return corpus_bench(max(args.repeat // 10, 3))
    tools = {"ntc": load_ntc(), "genie": load_genie()}
    print("%-44s %-10s %10s %12s %10s %s" % ("fixture", "tool", "us/parse", "x ours", "facts", "agreement"))
    for rel, cid, ours_facts, ntc_case, genie_case in CASES:
        text = load_fixture(rel).replace("\r", "")
        # Other tools expect the bare output: drop the echoed prompt line for them (ours copes with it).
        bare = "\n".join(ln for ln in text.split("\n") if not re.match(r"^(RP/\S+#|[\w.-]+# ?sh)", ln))
        ours_res, ours_t = timed(lambda: parse(cid, text), args.repeat)
        mine = ours_facts(ours_res)
        print("%-44s %-10s %10.1f %12s %10d %s" % (rel, "ours", ours_t * 1e6, "1.0", len(mine), ""))
        for name, case in (("ntc", ntc_case), ("genie", genie_case)):
            runner = tools[name]
            if runner is None or case is None:
                print("%-44s %-10s %s" % ("", name, "skipped (%s)" % ("not installed" if runner is None else "no parser")))
                continue
            plat, command, facts = case
            try:
                res, t = timed(lambda: runner(plat, command, bare), max(args.repeat // 10, 5))
                theirs = facts(res)
            except Exception as exc:  # a foreign tool failing is a result, not a crash
                print("%-44s %-10s failed: %s: %s" % ("", name, type(exc).__name__, str(exc).splitlines()[0][:80] if str(exc) else ""))
                continue
            print("%-44s %-10s %10.1f %12.1f %10d %s" % ("", name, t * 1e6, t / ours_t if ours_t else 0.0, len(theirs),
                                                         agreement(mine, theirs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
