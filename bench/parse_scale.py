#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parser scale (``make bench``): ``parse_cli`` on a 10 MB output per command.

Each output is built from a real capture of the corpus (tests/data/parsers,
tests/unit/parse/fixtures): its header is kept once and its body (a
community list, a route-map, a VRF's route table, an RD's routes ...) is
repeated until the text reaches the size asked for, each copy varied the way
a big box varies: the list / route-map / VRF / RD names get a copy number,
and the 2nd and 3rd octets of every IPv4 address are rewritten with the same
number of digits, so column-aligned tables stay aligned.

Every command is measured in a fresh interpreter (nothing cached from the
one before): wall time of ``parse_cli`` (best of ``--runs``), then, in a
separate run under tracemalloc, the peak of the memory the parse allocated
(the input text itself is allocated before and not counted) and the growth
of the process's maximum resident set. Targets (issue 14): < 1 s and
< 100 MB for a 10 MB output. The result is checked for sanity too: a parser
that "parses" 10 MB into nothing would be fast for the wrong reason, so the
facts found must grow with the copies, and the unparsed count is printed.

Not part of the test suite: timings on a shared 2-core machine are noisy, so
targets are judged here, never in a timed test.

    python bench/parse_scale.py [--mb 10] [--runs 3] [--only community] [--profile LABEL]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from typing import Any, Dict, List, NamedTuple, Optional

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIME_TARGET = 1.0  # seconds for a 10 MB output
MEM_TARGET = 100.0  # MB allocated by the parse of a 10 MB output


class Spec(NamedTuple):
    label: str
    platform: str
    command: str
    fixture: str  # relative to the repository
    block_start: str  # regex (re.match on a line): the first line of the repeated body
    names: str  # regex whose group 1 is a name that gets the copy number appended ("" for none)
    drop: str = ""  # regex: fixture lines that are the project's notes, not device output ("# Source: ...")
    json_rows: str = ""  # NX-API JSON: the key whose rows are repeated (each varied like a text body); "" for text


SPECS = [
    Spec("nxos community-list", "nxos", "show ip community-list", "tests/data/parsers/nxos/nxos_ip_community_list_ntc.txt",
         r"(Standard|Expanded) Community List", r"(Community List \S+)"),
    Spec("nxos community-list, echoed prompt", "nxos", "show ip community-list",
         "tests/unit/parse/fixtures/seed/nxos_community_list.txt", r"Standard Community List", r"(Community List \S+)", r"# "),
    Spec("nxos extcommunity-list", "nxos", "show ip extcommunity-list", "tests/unit/parse/fixtures/seed/nxos_extcommunity_list.txt",
         r"Standard Extended Community List", r"(Community List \S+)", r"# "),
    Spec("nxos route-map", "nxos", "show route-map", "tests/data/parsers/nxos/nxos_route_map_genie1.txt",
         r"route-map ", r"(route-map [^,\s]+)"),
    Spec("nxos bgp l2vpn evpn", "nxos", "show bgp l2vpn evpn", "tests/unit/parse/fixtures/device/nxos_bgp_evpn_vrf_tenant_k8s.txt",
         r"Route Distinguisher:", r"(Route Distinguisher: \S+)", r"# "),
    Spec("nxos ip route vrf all", "nxos", "show ip route vrf all", "tests/data/parsers/nxos/nxos_ip_route_vrf_all_genie12.txt",
         r"IP Route Table for VRF", r'(IP Route Table for VRF "[^"]+)'),
    Spec("iosxr bgp vpnv4 unicast", "iosxr", "show bgp vpnv4 unicast", "tests/unit/parse/fixtures/device/xr_bgp_vpnv4_vrf_blue.txt",
         r"Route Distinguisher:", r"(Route Distinguisher: [^\s(]+)", r"# "),
    Spec("iosxr route vrf all", "iosxr", "show route vrf all", "tests/data/parsers/iosxr/xr_route_vrf_ntc.txt",
         r"VRF: ", r"(VRF: \S+)"),
    Spec("nxos ip route vrf all | json", "nxos", "show ip route vrf all | json",
         "tests/unit/verify/data/nxos_json/hpreston_dist-sw01_show_ip_route_vrf_all.json", "", "", json_rows="ROW_prefix"),
    Spec("nxos bgp l2vpn evpn | json", "nxos", "show bgp l2vpn evpn | json",
         "tests/unit/parse/fixtures/device/nxos_bgp_evpn_vrf_tenant1_pods.json", "", "", r"#", json_rows="ROW_prefix"),
    Spec("cilium bgp routes", "cilium", "cilium bgp routes available ipv4 unicast",
         "tests/data/parsers/cilium/cilium_bgp_routes_available_docs_operation.txt", r"\s+bgpv2-", ""),
]

_IPV4 = re.compile(r"(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])")


def _same_width(octet: str, k: int) -> str:
    """A value for *octet* with as many digits, varied by *k* (``0`` stays ``0``: 0.0.0.0 keeps its meaning)."""
    if octet == "0":
        return octet
    low, span = {1: (1, 9), 2: (10, 90), 3: (100, 156)}[len(octet)]
    return str(low + (int(octet) + k) % span)


def vary(block: str, k: int, names: str) -> str:
    """Copy *k* of a body: names numbered, IPv4 octets 2 and 3 rewritten (same width)."""
    if names:
        block = re.sub(names, lambda m: m.group(0).replace(m.group(1), "%s-%d" % (m.group(1), k)), block)

    def addr(m: "re.Match[str]") -> str:
        a, b, c, d = m.groups()
        if (a, b, c, d) == ("0", "0", "0", "0"):
            return m.group(0)
        return "%s.%s.%s.%s" % (a, _same_width(b, k // 97), _same_width(c, k), d)

    return _IPV4.sub(addr, block)


def _first_rows(doc: Any, key: str) -> List[Any]:
    """The list under the first *key* met walking *doc* breadth first (a lone row object becomes a one-item list, in place)."""
    queue = [doc]
    while queue:
        node = queue.pop(0)
        if isinstance(node, dict):
            if key in node:
                if not isinstance(node[key], list):
                    node[key] = [node[key]]
                rows: List[Any] = node[key]
                return rows
            queue.extend(node.values())
        elif isinstance(node, list):
            queue.extend(node)
    raise ValueError("no %s in the fixture" % key)


def build_json(spec: Spec, lines: List[str], size: int) -> str:
    """A real NX-API document with the rows under ``spec.json_rows`` repeated, varied, until *size* characters."""
    doc = json.loads("\n".join(lines))
    rows = _first_rows(doc, spec.json_rows)
    template = [json.dumps(r) for r in rows]
    base = len(json.dumps(doc))
    copies: List[Any] = []
    total, k = base, 0
    while total < size:
        for r in template:
            text = vary(r, k, "")
            copies.append(json.loads(text))
            total += len(text) + 2
        k += 1
    rows[:] = copies
    return json.dumps(doc)


def build(spec: Spec, size: int) -> str:
    """The fixture's header once, then varied copies of its body until *size* characters."""
    with open(os.path.join(ROOT, spec.fixture), "rb") as fh:
        lines = fh.read().decode("utf-8").split("\n")
    if spec.drop:
        lines = [ln for ln in lines if not re.match(spec.drop, ln)]
    if spec.json_rows:
        return build_json(spec, lines, size)
    first = next(i for i, ln in enumerate(lines) if re.match(spec.block_start, ln))
    header = "".join(ln + "\n" for ln in lines[:first])
    body = "\n".join(lines[first:]).rstrip("\n") + "\n"
    parts: List[str] = [header]
    total = len(header)
    k = 0
    while total < size:
        copy = vary(body, k, spec.names)
        parts.append(copy)
        total += len(copy)
        k += 1
    return "".join(parts)


def facts(res: Dict[str, Any]) -> int:
    """Records found: list entries, route-map sequences, routes/paths (whatever the shape holds)."""
    n = 0
    for key in ("lists", "route_maps", "routes", "rib_routes", "vrfs", "entries"):
        for item in res.get(key) or []:
            n += 1
            if isinstance(item, dict):
                n += len(item.get("entries") or []) + len(item.get("paths") or []) + len(item.get("routes") or [])
    return n


PROBE = r"""
import gc, json, resource, sys, time, tracemalloc
sys.path[:0] = [%(collections)r, %(bench)r]
from parse_scale import SPECS, build, facts
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli
try:
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.partial import unparsed_count
except ImportError:  # a tree from before summary records (bench of an older commit)
    unparsed_count = len
spec = [s for s in SPECS if s.label == %(label)r][0]
text = build(spec, %(size)d)
small = build(spec, 1)  # one copy: the facts of 10 MB must be many times these
one = facts(parse_cli(spec.platform, spec.command, small))
gc.collect()
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
best = cpu = None
for _run in range(%(runs)d):
    start, start_cpu = time.perf_counter(), time.process_time()
    res = parse_cli(spec.platform, spec.command, text)
    took, took_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    best = took if best is None else min(best, took)
    cpu = took_cpu if cpu is None else min(cpu, took_cpu)
    del res
    gc.collect()
rss = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024.0
tracemalloc.start()
res = parse_cli(spec.platform, spec.command, text)
_cur, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(json.dumps({"size": len(text), "seconds": best, "cpu": cpu, "peak_mb": peak / 1e6, "rss_growth_mb": rss, "status": res["status"],
                  "facts": facts(res), "facts_one_copy": one, "unparsed_kept": len(res["unparsed"]),
                  "unparsed_total": unparsed_count(res["unparsed"])}))
"""


def measure(spec: Spec, size: int, runs: int) -> Dict[str, Any]:
    code = PROBE % {"collections": os.path.join(ROOT, "collections"), "bench": os.path.join(ROOT, "bench"),
                    "label": spec.label, "size": size, "runs": runs}
    done = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["exit %d" % done.returncode])[-1]}
    return json.loads(done.stdout)


def profile(spec: Spec, size: int) -> None:
    import cProfile
    import pstats

    sys.path.insert(0, os.path.join(ROOT, "collections"))
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli

    text = build(spec, size)
    prof = cProfile.Profile()
    prof.runcall(parse_cli, spec.platform, spec.command, text)
    pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="size of each generated output, in MB (default 10)")
    ap.add_argument("--runs", type=int, default=3, help="timed parses per command (best reported)")
    ap.add_argument("--only", default="", help="only the commands whose label contains this")
    ap.add_argument("--profile", default="", help="cProfile the parse of the command with this label instead")
    ap.add_argument("--write", default="", help="also write the generated outputs into this directory")
    args = ap.parse_args(argv)
    size = int(args.mb * 1_000_000)
    specs = [s for s in SPECS if args.only in s.label]
    if args.profile:
        profile(next(s for s in SPECS if s.label == args.profile), size)
        return 0
    if args.write:
        os.makedirs(args.write, exist_ok=True)
        for s in specs:
            with open(os.path.join(args.write, re.sub(r"\W+", "_", s.label) + ".txt"), "w") as fh:
                fh.write(build(s, size))
    print("parse_cli on a %g MB output per command (targets for 10 MB: < %.0f s, < %.0f MB allocated)" % (args.mb, TIME_TARGET, MEM_TARGET))
    columns = ("command", "wall s", "CPU s", "peak MB", "RSS +MB", "status", "facts", "unparsed", "verdict")
    print("%-36s %7s %7s %8s %8s %7s %8s %8s  %s" % columns)
    missed = 0
    for s in specs:
        r = measure(s, size, args.runs)
        if "error" in r:
            missed += 1
            print("%-36s ERROR %s" % (s.label, r["error"]))
            continue
        scaled = r["facts"] >= r["facts_one_copy"] * 10  # 10 MB holds thousands of copies
        # Judged on CPU time: on this shared machine wall time also counts the other jobs' turns on the cores.
        ok = r["cpu"] < TIME_TARGET and r["peak_mb"] < MEM_TARGET and scaled
        missed += not ok
        verdict = "PASS" if ok else "MISS" + ("" if scaled else " (facts did not scale)")
        row = (s.label, r["seconds"], r["cpu"], r["peak_mb"], r["rss_growth_mb"], r["status"], r["facts"], r["unparsed_total"], verdict)
        print("%-36s %7.2f %7.2f %8.1f %8.1f %7s %8d %8d  %s" % row)
    print("%d of %d commands within both targets (time judged on CPU seconds; load average %.1f during the run)"
          % (len(specs) - missed, len(specs), os.getloadavg()[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
