# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Golden manifest trees and small Kubernetes semantics for the Cilium/Isovalent tests.

``check_tree(case, files)`` compares rendered files with
``golden/manifests/<case>/``; ``UPDATE_GOLDEN=1`` rewrites that folder instead
(stale files removed), to be reviewed with ``git diff``.
"""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.yamlout import dump_yaml, dump_yaml_all

REPO_ROOT = str(Path(__file__).resolve().parents[3])
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)  # for lab.kube

from lab.kube.selectors import selector_matches  # noqa: E402  pylint: disable=wrong-import-position

# Rendered selectors are judged by the lab's Kubernetes semantics, the one implementation of them.
selects = selector_matches

GOLDEN_MANIFESTS = Path(__file__).resolve().parent / "golden" / "manifests"


def manifest_files(objects: List[Dict[str, Any]]) -> Dict[str, str]:
    """One file per object (``<kind>-<name>.yaml``, as build.py names them) plus ``all.yaml``."""
    files = {"%s-%s.yaml" % (o["kind"].lower(), o["metadata"]["name"]): dump_yaml(o) for o in objects}
    assert len(files) == len(objects), "two objects map to one file name"
    files["all.yaml"] = dump_yaml_all(objects)
    return files


def check_tree(case: str, files: Mapping[str, str]) -> None:
    root = GOLDEN_MANIFESTS / case
    if os.environ.get("UPDATE_GOLDEN") == "1":
        root.mkdir(parents=True, exist_ok=True)
        for old in root.rglob("*.yaml"):
            if old.relative_to(root).as_posix() not in files:
                old.unlink()
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return
    assert root.is_dir(), "golden folder %s missing; run with UPDATE_GOLDEN=1 and review it" % root
    have = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.yaml"))
    assert have == sorted(files), "golden files differ from rendered ones (UPDATE_GOLDEN=1 to accept):\n" \
        "  only golden: %s\n  only rendered: %s" % (sorted(set(have) - set(files)), sorted(set(files) - set(have)))
    diffs = []
    for rel in sorted(files):
        expected = (root / rel).read_text(encoding="utf-8")
        if expected != files[rel]:
            diffs.extend(difflib.unified_diff(expected.splitlines(True), files[rel].splitlines(True),
                                              "golden/%s/%s" % (case, rel), "rendered"))
    assert not diffs, "rendered manifests differ from golden (UPDATE_GOLDEN=1 to accept):\n" + "".join(diffs)


def by_kind(objects: Iterable[Dict[str, Any]], kind: str) -> List[Dict[str, Any]]:
    return [o for o in objects if o["kind"] == kind]


def one(objects: Iterable[Dict[str, Any]], kind: str, name: str) -> Dict[str, Any]:
    found = [o for o in objects if o["kind"] == kind and o["metadata"]["name"] == name]
    assert len(found) == 1, "expected exactly one %s %s, found %d" % (kind, name, len(found))
    return found[0]
