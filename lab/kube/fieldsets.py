# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Server-side apply: field sets, ownership, conflicts and the apply merge.

A field set is a Python set of paths; a path is a tuple of the element
strings ``managedFields`` uses (``f:spec``, ``k:{"name":"x"}``, ``v:"a"``,
and ``.`` for a list item itself). The schema decides how lists merge:
``x-kubernetes-list-type: map`` by key, ``set`` by value, anything else is
atomic (replaced whole, owned as one leaf), as for CRDs on a real server.
"""

from __future__ import annotations

import copy
import json
from typing import Any, Dict, Iterable, List, Mapping, Optional, Set, Tuple

from .schema import list_key

Path = Tuple[str, ...]
EMPTY: Mapping[str, Any] = {}
# metadata fields SSA tracks; the rest belong to the server
TRACKED_META = ("labels", "annotations", "finalizers", "ownerReferences")


def _child(node: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    props = node.get("properties") or {}
    if key in props:
        return props[key]
    extra = node.get("additionalProperties")
    if isinstance(extra, Mapping):
        return extra
    return EMPTY


def _granular_map(node: Mapping[str, Any], value: Any) -> bool:
    return isinstance(value, dict) and node.get("x-kubernetes-map-type") != "atomic"


def fieldset(schema: Mapping[str, Any], obj: Mapping[str, Any]) -> Set[Path]:
    """Every field ``obj`` sets, as SSA counts them."""
    out: Set[Path] = set()
    for key, value in obj.items():
        if key in ("apiVersion", "kind"):
            continue
        if key == "metadata":
            for mkey in TRACKED_META:
                if mkey in (value or {}):
                    _walk(EMPTY if mkey != "finalizers" else {"x-kubernetes-list-type": "set"},
                          value[mkey], ("f:metadata", "f:" + mkey), out)
            continue
        _walk(_child(schema, key), value, ("f:" + key,), out)
    return out


def _walk(node: Mapping[str, Any], value: Any, path: Path, out: Set[Path]) -> None:
    if _granular_map(node, value) and value:
        for key, item in value.items():
            _walk(_child(node, key), item, path + ("f:" + key,), out)
        return
    if isinstance(value, list) and value and node.get("x-kubernetes-list-type") in ("map", "set"):
        items = node.get("items") or EMPTY
        for item in value:
            if node["x-kubernetes-list-type"] == "set":
                out.add(path + ("v:" + json.dumps(item, separators=(",", ":"), sort_keys=True),))
                continue
            elem = path + ("k:" + list_key(node, item),)
            out.add(elem + (".",))
            for key, sub in (item or {}).items():
                _walk(_child(items, key), sub, elem + ("f:" + key,), out)
        return
    out.add(path)


def to_fields_v1(paths: Iterable[Path]) -> Dict[str, Any]:
    root: Dict[str, Any] = {}
    for path in sorted(paths):
        node = root
        for elem in path:
            node = node.setdefault(elem, {})
    return root


def from_fields_v1(tree: Mapping[str, Any], prefix: Path = ()) -> Set[Path]:
    out: Set[Path] = set()
    for key, sub in (tree or {}).items():
        if sub:
            out |= from_fields_v1(sub, prefix + (key,))
        else:
            out.add(prefix + (key,))
    return out


# ------------------------------------------------------------------ values at paths

_MISSING = object()


def value_at(schema: Mapping[str, Any], obj: Any, path: Path) -> Any:
    node, value = schema, obj
    for elem in path:
        if elem == ".":
            return value
        if elem.startswith("f:"):
            key = elem[2:]
            if not isinstance(value, dict) or key not in value:
                return _MISSING
            node, value = (_child(node, key) if path[0] != "f:metadata" else EMPTY), value[key]
        elif elem.startswith("k:"):
            if not isinstance(value, list):
                return _MISSING
            match = [item for item in value if list_key(node, item) == elem[2:]]
            if not match:
                return _MISSING
            node, value = node.get("items") or EMPTY, match[0]
        elif elem.startswith("v:"):
            wanted = json.loads(elem[2:])
            return wanted if isinstance(value, list) and wanted in value else _MISSING
    return value


def conflicts(schema: Mapping[str, Any], live: Mapping[str, Any], applied: Mapping[str, Any],
              new_set: Set[Path], owners: Mapping[str, Set[Path]], manager: str) -> List[Tuple[str, Path]]:
    """(other manager, path) for every field the applier would change that someone else owns."""
    out = []
    for other, paths in sorted(owners.items()):
        if other == manager:
            continue
        for path in sorted(paths & new_set):
            if path[-1] == "." or path[-1].startswith("v:"):
                continue
            if value_at(schema, live, path) != value_at(schema, applied, path):
                out.append((other, path))
    return out


def path_text(schema: Mapping[str, Any], path: Path) -> str:
    """``.spec.bgpInstances[name="x"].localASN``, the way conflict messages print it."""
    out = ""
    for elem in path:
        if elem.startswith("f:"):
            out += "." + elem[2:]
        elif elem.startswith("k:"):
            keys = json.loads(elem[2:])
            out += "[%s]" % ",".join("%s=%s" % (k, json.dumps(v)) for k, v in sorted(keys.items()))
        elif elem.startswith("v:"):
            out += "[=%s]" % elem[2:]
    return out


# ------------------------------------------------------------------ merge


def merge(schema: Mapping[str, Any], live: Any, applied: Any, node: Optional[Mapping[str, Any]] = None) -> Any:
    """``applied`` laid over ``live``: maps merge, map/set lists merge by key, the rest is replaced."""
    node = schema if node is None else node
    if isinstance(live, dict) and isinstance(applied, dict) and node.get("x-kubernetes-map-type") != "atomic":
        out = copy.deepcopy(live)
        for key, value in applied.items():
            sub = EMPTY if key == "metadata" and node is schema else _child(node, key)
            if key == "metadata" and node is schema:
                out[key] = _merge_meta(out.get(key) or {}, value or {})
            else:
                out[key] = merge(schema, out[key], value, sub) if key in out else copy.deepcopy(value)
        return out
    if isinstance(live, list) and isinstance(applied, list):
        kind = node.get("x-kubernetes-list-type")
        if kind == "map":
            items = node.get("items") or EMPTY
            out = copy.deepcopy(live)
            index = {list_key(node, item): n for n, item in enumerate(out)}
            for item in applied:
                ident = list_key(node, item)
                if ident in index:
                    out[index[ident]] = merge(schema, out[index[ident]], item, items)
                else:
                    index[ident] = len(out)
                    out.append(copy.deepcopy(item))
            return out
        if kind == "set":
            return copy.deepcopy(live) + [copy.deepcopy(v) for v in applied if v not in live]
    return copy.deepcopy(applied)


def _merge_meta(live: Dict[str, Any], applied: Dict[str, Any]) -> Dict[str, Any]:
    out = copy.deepcopy(live)
    for key in TRACKED_META:
        if key not in applied:
            continue
        if isinstance(applied[key], dict):
            out[key] = dict(out.get(key) or {}, **applied[key])
        else:
            out[key] = copy.deepcopy(applied[key])
    return out


def remove(schema: Mapping[str, Any], obj: Dict[str, Any], path: Path) -> None:
    """Delete the field at ``path`` (a list item for ``k:``/``.`` paths); empty parents go too."""
    if path and path[-1] == ".":
        path = path[:-1]
    trail: List[Tuple[Any, Any]] = []
    node, value = schema, obj
    for elem in path[:-1]:
        trail.append((value, elem))
        if elem.startswith("f:"):
            key = elem[2:]
            if not isinstance(value, dict) or key not in value:
                return
            node, value = (_child(node, key) if path[0] != "f:metadata" else EMPTY), value[key]
        elif elem.startswith("k:"):
            match = [item for item in value or [] if list_key(node, item) == elem[2:]] if isinstance(value, list) else []
            if not match:
                return
            node, value = node.get("items") or EMPTY, match[0]
    last = path[-1]
    if last.startswith("f:") and isinstance(value, dict):
        value.pop(last[2:], None)
    elif last.startswith("k:") and isinstance(value, list):
        value[:] = [item for item in value if list_key(node, item) != last[2:]]
    elif last.startswith("v:") and isinstance(value, list):
        wanted = json.loads(last[2:])
        value[:] = [item for item in value if item != wanted]
    # drop containers the removal left empty (but never the object's top level)
    for parent, elem in reversed(trail):
        child = value_at(EMPTY, parent, (elem,)) if elem.startswith("f:") else None
        if elem.startswith("f:") and isinstance(parent, dict) and child in ({}, []):
            parent.pop(elem[2:], None)
        else:
            break


def changed_paths(schema: Mapping[str, Any], before: Mapping[str, Any], after: Mapping[str, Any]) -> Set[Path]:
    """Fields an Update (PUT/POST/PATCH) set to a new value: its manager takes them."""
    new = fieldset(schema, after)
    return {p for p in new if p[-1] == "." and value_at(schema, before, p) is _MISSING
            or p[-1] != "." and value_at(schema, before, p) != value_at(schema, after, p)}


def gone_paths(schema: Mapping[str, Any], after: Mapping[str, Any], paths: Set[Path]) -> Set[Path]:
    return {p for p in paths if value_at(schema, after, p) is _MISSING}
