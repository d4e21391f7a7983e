# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deterministic YAML for rendered manifests and data.

Same input, same bytes: key order never depends on how a dict was built.

- Key order: in a top-level mapping ``apiVersion, kind, metadata, spec,
  status`` come first; in every nested mapping ``name`` comes first; all other
  keys follow in sorted (code point) order, as ``kubectl get -o yaml`` does.
- Block style only, sequences indented under their key (yamllint's default).
- A string is double-quoted when any YAML reader (1.1 or 1.2) could take it
  for something else: numbers, sexagesimal-looking values such as
  ``64512:301``, versions, booleans (``yes``/``no``/``on``/``off``...), null.
- Every document starts with ``---`` so a file of one object and a
  multi-document file are both lint-clean, and
  ``dump_yaml_all(objs) == "".join(dump_yaml(o) for o in objs)``.
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterable, List, Tuple

import yaml

TOP_LEVEL_FIRST = ("apiVersion", "kind", "metadata", "spec", "status")
NESTED_FIRST = ("name",)

# Plain scalars that some YAML reader resolves to a non-string: YAML 1.1 and
# 1.2 booleans and nulls, in every case (readers differ on case rules).
_WORDS = frozenset(
    "y n yes no on off true false null ~ .nan .inf -.inf +.inf".split()
)
# Anything made only of digits and number punctuation: ints, floats, octal and
# hex forms, sexagesimal (1.1: "65000:10" is an int), dotted versions.
_NUMBERISH = re.compile(r"^[-+]?(\.?[0-9][0-9a-fA-FxXoObB_.:eE+-]*)$")


def needs_quotes(text: str) -> bool:
    """True when ``text`` as a plain scalar could be read as a non-string."""
    if text == "" or text.strip() != text:
        return True
    if text.lower() in _WORDS:
        return True
    return bool(_NUMBERISH.match(text))


def _key_order(keys: Iterable[Any], top_level: bool) -> List[Any]:
    first = TOP_LEVEL_FIRST if top_level else NESTED_FIRST
    for key in keys:
        if not isinstance(key, str):
            raise TypeError("YAML output needs string keys, got %r" % (key,))
    return sorted(keys, key=lambda k: (first.index(k) if k in first else len(first), k))


class _Dumper(yaml.SafeDumper):
    """SafeDumper with indented sequences and no anchors/aliases."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


# Characters a plain or literal scalar cannot carry safely: controls, tabs,
# YAML 1.1 line breaks (NEL, LS, PS) and the BOM. Double quotes escape them.
_UNSAFE = re.compile("[^\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\ufeff]")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    lines = data.split("\n")
    if len(lines) > 1 and not _UNSAFE.search("".join(lines)) and not any(line.endswith(" ") for line in lines):
        style = "|"  # readable multi-line text
    elif needs_quotes(data) or _UNSAFE.search(data):
        style = '"'
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def _prepare(obj: Any, depth: int, path: str) -> Any:
    """Copy ``obj`` into plain lists/dicts with keys in output order."""
    if isinstance(obj, dict):
        return _OrderedMap(
            (key, _prepare(obj[key], depth + 1, "%s.%s" % (path, key)))
            for key in _key_order(obj.keys(), depth == 0)
        )
    if isinstance(obj, (list, tuple)):
        return [_prepare(item, depth + 1, "%s[%d]" % (path, i)) for i, item in enumerate(obj)]
    if obj is None or isinstance(obj, (str, bool, int)):
        return obj
    if isinstance(obj, float):
        if not math.isfinite(obj):
            raise TypeError("%s: %r has no portable YAML spelling" % (path or "(top)", obj))
        return obj
    raise TypeError("%s: cannot write a %s as YAML" % (path or "(top)", type(obj).__name__))


class _OrderedMap(list):
    """Pairs already in output order; represented as a mapping."""


def _represent_ordered(dumper: yaml.SafeDumper, data: List[Tuple[str, Any]]) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data)


_Dumper.add_representer(_OrderedMap, _represent_ordered)


def dump_yaml(obj: Any) -> str:
    """One YAML document, starting with ``---`` and ending with a newline."""
    body = yaml.dump(
        _prepare(obj, 0, ""),
        Dumper=_Dumper,
        default_flow_style=False,
        allow_unicode=True,
        sort_keys=False,
        width=4096,  # never fold long values; diffs stay line-for-line
        indent=2,
    )
    return "---\n" + body


def dump_yaml_all(objs: Iterable[Any]) -> str:
    """Several documents, each starting with ``---``; empty input gives ``""``."""
    return "".join(dump_yaml(obj) for obj in objs)
