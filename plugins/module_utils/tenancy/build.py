# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Turn an inventory into build files, and write them idempotently.

``build_files`` is pure (inventory -> {relative path: text}); ``write_files``
is the only function here that touches the disk, and it rewrites a file only
when its bytes change so a re-run reports nothing changed.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any, Dict, Iterable, List, Optional, Set

from .errors import Issue, TenancyInputError, format_path
from .intent import Intent
from .render.clitree import reread_problem
from .render.cilium import render_cilium_objects
from .render.iosxr import render_pe_config
from .render.iosxr_rm import pe_resource_data
from .render.isovalent import render_isovalent_objects
from .render.nxos import render_leaf_config
from .render.nxos_rm import leaf_resource_data
from .yamlout import dump_yaml, dump_yaml_shared

PARTS = ("nxos", "iosxr", "cilium", "isovalent")
MANAGED_DIRS = ("configs", "resource_modules", "manifests")


def _object_file(obj: Dict[str, Any]) -> str:
    return "%s-%s.yaml" % (obj["kind"].lower(), obj["metadata"]["name"])


def render_intent(intent: Intent, parts: Optional[Iterable[str]] = None) -> Dict[str, str]:
    """All artifacts of the selected parts, keyed by path relative to the build dir."""
    wanted: Set[str] = set(parts or PARTS)
    unknown = wanted - set(PARTS)
    if unknown:
        raise ValueError("unknown build part(s) %s; valid: %s" % (", ".join(sorted(unknown)), ", ".join(PARTS)))
    files: Dict[str, str] = {}
    # Leaves serving the same tenants share their module data objects; write each once.
    shared: Dict[Any, Any] = {}
    if "nxos" in wanted:
        for leaf in intent.leaves:
            files["configs/%s.cfg" % leaf.name] = render_leaf_config(intent, leaf)
            files["resource_modules/%s.yml" % leaf.name] = dump_yaml_shared(leaf_resource_data(intent, leaf), shared)
    if "iosxr" in wanted:
        for pe in intent.pes:
            files["configs/%s.cfg" % pe.name] = render_pe_config(intent, pe)
            files["resource_modules/%s.yml" % pe.name] = dump_yaml_shared(pe_resource_data(intent, pe), shared)
    for cluster in intent.clusters:
        part = "cilium" if cluster.flavour == "oss" else "isovalent"
        if part not in wanted:
            continue
        render = render_cilium_objects if part == "cilium" else render_isovalent_objects
        documents = [(_object_file(obj), dump_yaml(obj)) for obj in render(intent, cluster, copy_objects=False)]
        for name, text in documents:
            files["manifests/%s/%s" % (cluster.name, name)] = text
        # dump_yaml_all(objects) is by definition the documents joined: reuse them.
        files["manifests/%s/all.yaml" % cluster.name] = "".join(text for _unused, text in documents)
    check_configs(files, intent)  # defence in depth behind validation: raises ValueError naming the file and line
    return dict(sorted(files.items()))


def check_configs(files: Dict[str, str], intent: Intent) -> None:
    """Every device config re-reads as the structure it was rendered from; raises ValueError naming the file."""
    dialect = {"configs/%s.cfg" % d.name: "nxos" for d in intent.leaves}
    dialect.update({"configs/%s.cfg" % d.name: "iosxr" for d in intent.pes})
    for path, text in files.items():
        if path in dialect:
            problem = reread_problem(text, dialect[path])
            if problem:
                raise ValueError("%s: %s" % (path, problem))


def paths_of(data: Any, needle: str, where: tuple = ()) -> List[str]:
    """Data paths of the strings in ``data`` that contain ``needle`` (to name the source of a render error)."""
    found: List[str] = []
    if isinstance(data, dict):
        for key in sorted(data, key=str):
            found += paths_of(data[key], needle, where + (str(key),))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += paths_of(item, needle, where + (index,))
    elif isinstance(data, str) and needle and needle in data:
        found.append(format_path(where))
    return found


def _unsafe_strings(data: Any, where: tuple = ()) -> List[str]:
    """Data paths of the strings in ``data`` that are not one line of printable ASCII."""
    if isinstance(data, dict):
        return [p for key in sorted(data, key=str) for p in _unsafe_strings(data[key], where + (str(key),))]
    if isinstance(data, list):
        return [p for index, item in enumerate(data) for p in _unsafe_strings(item, where + (index,))]
    if isinstance(data, str) and not (data.isascii() and data.isprintable()):
        return [format_path(where)]
    return []


def _quoted(message: str) -> List[str]:
    """The quoted values (``'...'``) in a render error message, longest first."""
    import re

    return sorted(set(re.findall(r"'([^']{1,200})'", message)), key=len, reverse=True)


def build_files(data: Any, parts: Optional[Iterable[str]] = None) -> Dict[str, str]:
    """Validate and plan ``data`` (raises TenancyInputError), then render.

    Validation refuses every input a renderer would refuse; if a renderer or the
    re-read of a config still refuses one, that is reported as an input error
    naming the data paths of the value, never as a Python exception.
    """
    from .model import plan  # here, not at the top: rendering a cached plan needs no validator

    intent = plan(data)
    try:
        files = render_intent(intent, parts)
    except ValueError as exc:  # RenderError, UnsafeLineError and the renderers' uniqueness checks
        message = str(exc)
        paths = [p for value in _quoted(message) for p in paths_of(data, value)]
        if not paths:  # an unsafe line quotes its value escaped: name the strings that are no single printable line
            paths = list(_unsafe_strings(data))
        issues = [Issue("render", p, message) for p in dict.fromkeys(paths)] or [Issue("render", "(rendered output)", message)]
        raise TenancyInputError(issues) from None
    return files


def _read(path: str) -> Optional[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _atomic_write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def stale_files(out_dir: str, files: Dict[str, str]) -> List[str]:
    """Files under the managed build folders that this build no longer produces."""
    stale = []
    for sub in MANAGED_DIRS:
        root = os.path.join(out_dir, sub)
        for dirpath, _dirs, names in os.walk(root):
            for name in names:
                rel = os.path.relpath(os.path.join(dirpath, name), out_dir).replace(os.sep, "/")
                if rel not in files:
                    stale.append(rel)
    return sorted(stale)


def write_files(out_dir: str, files: Dict[str, str], check_mode: bool = False) -> List[Dict[str, Any]]:
    """Write what changed; return one entry per file with its status.

    Status is created / changed / unchanged. In check mode nothing is written
    but the statuses are what a real run would do.
    """
    results = []
    for rel, text in sorted(files.items()):
        path = os.path.join(out_dir, rel)
        before = _read(path)
        status = "unchanged" if before == text else ("created" if before is None else "changed")
        if status != "unchanged" and not check_mode:
            _atomic_write(path, text)
        results.append({"path": rel, "status": status, "before": before or "", "after": text})
    return results
