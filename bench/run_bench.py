#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Benchmark (``make bench``): core plan+render, and build.yml against a no-op floor.

Builds a synthetic inventory (1,000 tenants, 100 leaves, 10 clusters, 90 PEs:
200 inventory hosts), then prints, from one run:

* core: validate + plan + render of every artifact, median of N runs
  (target < 1 s);
* ``playbooks/build.yml`` over those 200 hosts next to a no-op playbook over
  the same hosts and the same variables, alternated run by run, as medians and
  ratios (target <= 1.3x), in the two cases a user meets:
  - re-run with nothing changed: the build stamps let every task skip
    planning and rendering (it still hashes the inventory and every file);
  - the inventory changed before every run (one tenant's community, in turn):
    full validation, plan and render of every part.

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
        os.sync()  # the previous run's 25 MB of writes are flushed on nobody's clock
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


# As the build action and tools/tenancy.py run it: GC paused (see gcpause.py).
CORE_PROBE = """
import sys, time
sys.path[:0] = [%r, %r]
from synth import synth_inventory
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.build import render_intent
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.gcpause import paused_gc
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.model import plan
data = synth_inventory(tenants=%d, leaves=%d, clusters=%d, pes=%d, seed=1)
wall, cpu = time.perf_counter(), time.process_time()
with paused_gc():
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


def edited(data: dict, run: int) -> dict:
    """``data`` with one evpn tenant's community changed: a real edit that changes leaf configs and manifests."""
    copy = yaml.safe_load(yaml.safe_dump(data))
    tenant = next(t for t in copy["tenants"] if t["mode"] == "evpn_community")
    tenant["community"] = "64999:%d" % (run % 2)
    return copy


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
        # Two edits of the inventory, used in turn, so every "changed" run finds another inventory than the last.
        changed_inventories = [write_inventory(Path(tmp) / ("edited%d" % k), edited(data, k)) for k in range(2)]
        noop = Path(tmp) / "noop.yml"
        noop.write_text(NOOP_PLAYBOOK)
        build_dir = "tenancy_build_dir=%s" % (Path(tmp) / "build")
        rerun = _playbook(["-i", str(inventory), "playbooks/build.yml", "-e", build_dir])
        changed = [_playbook(["-i", str(inv), "playbooks/build.yml", "-e", build_dir]) for inv in changed_inventories]
        floor = _playbook(["-i", str(inventory), str(noop)])
        rerun_times, changed_times, floor_times = [], [], []
        for run in range(args.runs):  # interleaved so drift in machine load hits all three alike
            floor_times.append(_median_seconds(floor, 1))
            changed_times.append(_median_seconds(changed[run % 2], 1))
            rerun()  # brings the build back to the unedited inventory: the next timed run has nothing to do
            rerun_times.append(_median_seconds(rerun, 1))
        f = statistics.median(floor_times)
        print("no-op playbook over the same %d hosts: %.2f s (median of %d)" % (hosts, f, args.runs))
        for label, times in (("re-run, nothing changed (build stamps)", rerun_times),
                             ("inventory changed before each run (validate + plan + render all)", changed_times)):
            b = statistics.median(times)
            print("build.yml, %s: %.2f s; ratio %.2fx (target <= 1.3x) %s"
                  % (label, b, b / f, "OK" if b / f <= 1.3 else "MISSED"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
