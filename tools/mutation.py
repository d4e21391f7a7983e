#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Mutation testing of the decision modules with mutmut (``make mutation``; not part of CI).

mutmut names a mutant after the file's path and checks that the tests import
it under that name, so the checkout is copied into a scratch directory laid out
as ``ansible_collections/kubevrf/tenancy/`` (the import path of the tests) and
mutmut runs there. The score is killed / (killed + survived + timeout +
suspicious), per module; mutants not reached within the time budget are
reported as "not checked" and left out of the score (rerun with a larger
budget to check them). Prints the score per module and every surviving mutant.

    python tools/mutation.py --modules verify expect netfacts --tests tests/unit/verify --budget 1800
    python tools/mutation.py --modules parse/bgp --tests tests/unit/parse/test_bgp_facts.py --jobs 2 -k "not fuzz"
    python tools/mutation.py ... --survivors    # after adding tests: re-check the last run's survivors only
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Optional

REPO = Path(__file__).resolve().parents[1]
PKG = Path("ansible_collections/kubevrf/tenancy")
CORE = "plugins/module_utils/tenancy"
DECISION_MODULES = ["verify", "expect", "rules", "model", "netfacts", "parse", "render"]
SCORED = ("killed", "survived", "timeout", "suspicious", "segfault")


def module_globs(modules: List[str]) -> List[str]:
    """verify -> .../verify.py; parse / render (packages) -> .../parse/*.py; parse/bgp -> .../parse/bgp.py."""
    out = []
    for name in modules:
        if (REPO / CORE / name).is_dir():
            out.append(str(PKG / CORE / name / "*.py"))
        elif (REPO / CORE / (name + ".py")).is_file():
            out.append(str(PKG / CORE / (name + ".py")))
        else:
            raise SystemExit("no module %s under %s" % (name, CORE))
    return out


def prepare(work: Path, modules: List[str], tests: List[str], select: str = "") -> None:
    if work.exists():
        shutil.rmtree(work)
    dest = work / PKG
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for rel in files:
        # collections/ holds the symlink back to the checkout: recreated below, never copied (a loop)
        if not rel or rel.startswith("collections/") or not (REPO / rel).exists():
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, target, follow_symlinks=False)
    link = work / "mutants" / PKG / "collections" / "ansible_collections" / "kubevrf" / "tenancy"
    link.parent.mkdir(parents=True)
    link.symlink_to("../../..")
    write_config(work, modules, tests, select)


def write_config(work: Path, modules: List[str], tests: List[str], select: str = "") -> None:
    lines = ["[mutmut]", "source_paths =", "    %s" % (PKG / "plugins"), "only_mutate ="]
    lines += ["    %s" % g for g in module_globs(modules)]
    lines += ["pytest_add_cli_args_test_selection ="] + ["    %s" % (PKG / t) for t in tests]
    lines += ["also_copy ="] + ["    %s" % (PKG / p) for p in ("tests", "inventories", "lab", "ansible.cfg", "README.md")]
    lines += ["pytest_add_cli_args =", "    -p", "    no:cacheprovider", "    -q"]
    if select:  # pytest -k: leave slow fuzz/timing tests out of a focused run
        lines += ["    -k", "    %s" % select]
    lines += [""]
    (work / "setup.cfg").write_text("\n".join(lines))


def refresh_tests(work: Path, modules: List[str], tests: List[str], select: str) -> None:
    """The checkout's current tests/ into both trees of an earlier run (mutmut runs the copy under mutants/)."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z", "tests"], cwd=REPO, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for root in (work / PKG, work / "mutants" / PKG):
        for rel in files:
            if rel and (REPO / rel).is_file():
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO / rel, root / rel)
    write_config(work, modules, tests, select)  # mutmut collects the coverage of new tests itself


def run(work: Path, mutmut: str, budget: int, jobs: int = 0, names: Optional[List[str]] = None) -> str:
    """mutmut run, stopped after *budget* seconds: "finished", "stopped by the budget" or "failed"."""
    env = dict(os.environ, CI="true")  # hypothesis: same draws for every mutant
    # mutmut forks one child per core by default; --jobs keeps a shared machine usable
    cmd = [mutmut, "run"] + (["--max-children", str(jobs)] if jobs > 0 else []) + list(names or [])
    proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        out, _err = proc.communicate(timeout=budget)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.communicate()
        return "stopped by the budget"
    if proc.returncode:
        # mutmut reports a test that fails unmutated (its stats run) on stdout, before the traceback
        text = out.decode(errors="replace")
        failed = [line for line in text.splitlines() if line.startswith(("FAILED", "ERROR", "E   "))]
        sys.stderr.write("\n".join(failed[:20] + ["..."] + text.splitlines()[-15:]) + "\n")
        return "failed"
    return "finished"


def results(work: Path, mutmut: str) -> Dict[str, str]:
    text = subprocess.run([mutmut, "results", "--all", "true"], cwd=work, capture_output=True, text=True, check=False).stdout
    out = {}
    for line in text.splitlines():
        m = re.fullmatch(r"\s*(\S+): (.+)", line)
        if m:
            out[m.group(1)] = m.group(2).strip()
    return out


def module_of(mutant: str) -> str:
    name = mutant.split(".plugins.module_utils.tenancy.", 1)[-1]
    return re.sub(r"\.x[_Ǝ].*$", "", name.split("__mutmut_")[0].rsplit(".", 1)[0]) or name


def _row(name: str, c: Counter) -> float:
    scored = sum(c[s] for s in SCORED)
    score = 100.0 * c["killed"] / scored if scored else float("nan")
    other = scored - c["killed"] - c["survived"]
    print("%-22s %7d %8d %9d %12d %6.1f%%" % (name, c["killed"], c["survived"], other, c["not checked"], score))
    return score


def report(status: Dict[str, str]) -> float:
    per: Dict[str, Counter] = defaultdict(Counter)
    for mutant, state in status.items():
        per[module_of(mutant)][state] += 1
    total = Counter()
    print("%-22s %7s %8s %9s %12s %7s" % ("module", "killed", "survived", "other", "not checked", "score"))
    for mod in sorted(per):
        total.update(per[mod])
        _row(mod, per[mod])
    overall = _row("overall", total)
    survivors = sorted(m for m, s in status.items() if s in SCORED and s != "killed")
    if survivors:
        print("\nsurviving mutants (see one with: cd <workdir> && mutmut show <name>):")
        for m in survivors:
            print("  %s  [%s]" % (m, status[m]))
    return overall


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    ap.add_argument("--modules", nargs="+", default=DECISION_MODULES, help="core modules or packages to mutate")
    ap.add_argument("--tests", nargs="+", default=["tests/unit"], help="test paths (relative to the checkout)")
    ap.add_argument("--budget", type=int, default=3600, help="seconds before mutmut is stopped")
    ap.add_argument("-k", dest="select", default="", help="pytest -k expression selecting the tests of every mutant")
    ap.add_argument("--jobs", type=int, default=0, help="mutants run at once (default: one per core)")
    ap.add_argument("--workdir", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "kubevrf-mutation"))
    ap.add_argument("--mutmut", default=shutil.which("mutmut") or "mutmut")
    ap.add_argument("--report-only", action="store_true", help="print the score of the last run in --workdir")
    ap.add_argument("--survivors", action="store_true",
                    help="re-check only the surviving mutants of the last run in --workdir, with the checkout's current tests")
    args = ap.parse_args(argv)
    work = Path(args.workdir)
    if not args.report_only:
        if not shutil.which(args.mutmut) and not Path(args.mutmut).exists():
            raise SystemExit("mutmut is not installed: pip install mutmut (in a separate virtualenv), or --mutmut PATH")
        names = None
        if args.survivors:
            names = sorted(m for m, state in results(work, args.mutmut).items() if state == "survived")
            refresh_tests(work, args.modules, args.tests, args.select)
            print("re-checking %d surviving mutants" % len(names))
        else:
            prepare(work, args.modules, args.tests, args.select)
        start = time.monotonic()
        outcome = run(work, args.mutmut, args.budget, args.jobs, names) if names != [] else "finished"
        print("mutmut %s after %.0f s (workdir %s)" % (outcome, time.monotonic() - start, work))
    report(results(work, args.mutmut))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
