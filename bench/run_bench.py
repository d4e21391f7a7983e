#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Benchmark (``make bench``): core plan+render, and build.yml against a no-op floor.

Builds a synthetic inventory (1,000 tenants, 100 leaves, 10 clusters, 90 PEs:
200 inventory hosts), then prints, from one run:

* core: validate + plan + render of every artifact, median of N runs
  (target < 1 s);
* ``playbooks/build.yml`` over those 200 hosts next to a no-op playbook over
  the same hosts and the same variables, alternated run by run, as medians and
  a ratio (target <= 1.3x).

Not part of the test suite: timings on a shared 2-core machine are noisy, so
targets are judged here, side by side, never in a timed test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, List

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "collections"))
sys.path.insert(0, str(REPO / "tests" / "support"))

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.build import render_intent  # noqa: E402
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.model import plan  # noqa: E402
from synth import synth_inventory  # noqa: E402

NOOP_PLAYBOOK = """---
- name: No-op floor over the same hosts
  hosts: all
  gather_facts: false
  tasks:
    - name: Nothing
      ansible.builtin.meta: noop
"""


def _median_seconds(func: Callable[[], object], runs: int) -> float:
    samples = []
    for _run in range(runs):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


CORE_PROBE = """
import sys, time
sys.path[:0] = [%r, %r]
from synth import synth_inventory
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.build import render_intent
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.model import plan
data = synth_inventory(tenants=%d, leaves=%d, clusters=%d, pes=%d, seed=1)
wall, cpu = time.perf_counter(), time.process_time()
render_intent(plan(data))
print(time.perf_counter() - wall, time.process_time() - cpu)
"""


def _core_in_fresh_process(args: argparse.Namespace) -> tuple:
    code = CORE_PROBE % (str(REPO / "collections"), str(REPO / "tests" / "support"),
                         args.tenants, args.leaves, args.clusters, args.pes)
    done = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, check=True)
    wall, cpu = done.stdout.split()
    return float(wall), float(cpu)


def write_inventory(root: Path, data: dict) -> Path:
    hosts = {
        "all": {
            "children": {
                "nxos_leaves": {"hosts": {leaf["name"]: {"ansible_network_os": "cisco.nxos.nxos"} for leaf in data["leaves"]}},
                "iosxr_pes": {"hosts": {pe["name"]: {"ansible_network_os": "cisco.iosxr.iosxr"} for pe in data["pes"]}},
                "cilium_clusters": {"hosts": {c["name"]: None for c in data["clusters"]}, "vars": {"ansible_connection": "local"}},
            }
        }
    }
    (root / "group_vars" / "all").mkdir(parents=True)
    (root / "hosts.yml").write_text(yaml.safe_dump(hosts, sort_keys=True))
    (root / "group_vars" / "all" / "tenancy.yml").write_text(yaml.safe_dump({"tenancy": data}, sort_keys=True))
    return root / "hosts.yml"


def _playbook(args: List[str]) -> Callable[[], None]:
    env = dict(os.environ, ANSIBLE_CONFIG=str(REPO / "ansible.cfg"), ANSIBLE_NOCOLOR="1")
    binary = str(Path(sys.executable).parent / "ansible-playbook")

    def run() -> None:
        done = subprocess.run([binary] + args, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              check=False)
        if done.returncode != 0:
            raise SystemExit("playbook failed:\n" + done.stdout[-3000:])

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=1000)
    parser.add_argument("--leaves", type=int, default=100)
    parser.add_argument("--clusters", type=int, default=10)
    parser.add_argument("--pes", type=int, default=90)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median reported)")
    args = parser.parse_args()

    data = synth_inventory(tenants=args.tenants, leaves=args.leaves, clusters=args.clusters, pes=args.pes, seed=1)
    hosts = len(data["leaves"]) + len(data["pes"]) + len(data["clusters"])
    files = render_intent(plan(data))
    # Each core run in a fresh interpreter, as in a real ansible-playbook run:
    # a warm process would reuse the renderers' per-run caches and flatter us.
    wall, cpu = zip(*(_core_in_fresh_process(args) for _run in range(args.runs)))
    core = statistics.median(wall)
    print("inventory: %d tenants, %d leaves, %d PEs, %d clusters = %d hosts; %d build files"
          % (args.tenants, args.leaves, args.pes, args.clusters, hosts, len(files)))
    print("core validate+plan+render (fresh process each run): %.3f s wall, %.3f s CPU (median of %d; target < 1 s) %s"
          % (core, statistics.median(cpu), args.runs, "OK" if core < 1.0 else "MISSED"))

    with tempfile.TemporaryDirectory(prefix="kubevrf-bench-") as tmp:
        inventory = write_inventory(Path(tmp) / "inventory", data)
        noop = Path(tmp) / "noop.yml"
        noop.write_text(NOOP_PLAYBOOK)
        build_dir = Path(tmp) / "build"
        build = _playbook(["-i", str(inventory), "playbooks/build.yml", "-e", "tenancy_build_dir=%s" % build_dir])
        floor = _playbook(["-i", str(inventory), str(noop)])
        build()  # first run writes every file; the timed runs measure the steady state and the full render
        build_times, floor_times = [], []
        for _run in range(args.runs):  # alternate so drift in machine load hits both alike
            floor_times.append(_median_seconds(floor, 1))
            build_times.append(_median_seconds(build, 1))
        b, f = statistics.median(build_times), statistics.median(floor_times)
        print("build.yml over %d hosts: %.2f s; no-op playbook over the same hosts: %.2f s; ratio %.2fx (target <= 1.3x) %s"
              % (hosts, b, f, b / f, "OK" if b / f <= 1.3 else "MISSED"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
