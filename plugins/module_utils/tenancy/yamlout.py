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

import functools
import math
import re
from typing import Any, Dict, Iterable, List, Tuple

try:
    import yaml
except ImportError:  # reported when used, see deps.py
    yaml = None

from .deps import missing

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


class _Dumper(yaml.SafeDumper if yaml else object):  # type: ignore[misc]
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


if yaml:
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


if yaml:
    _Dumper.add_representer(_OrderedMap, _represent_ordered)


def dump_yaml_reference(obj: Any) -> str:
    """``dump_yaml`` through PyYAML's own emitter: the reference the fast path must equal."""
    if yaml is None:
        raise missing("PyYAML")
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


# PyYAML's pure-Python emitter costs about 60 microseconds a node: 12 s for the
# resource-module data of 100 leaves x 140 tenants. Our data is plain block
# mappings and sequences, so the structure is written here and PyYAML is only
# asked (once per distinct string) how to spell a scalar that is not obviously
# plain. tests/unit/render/test_yamlout.py checks the two agree byte for byte.
_SAFE_PLAIN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./@+=-]*\Z")
_PRINTABLE_PLAIN = re.compile(r"^[A-Za-z0-9_./][\x20-\x7e]*\Z")
_SAFE_QUOTED = re.compile(r"^[\x20-\x7e]*\Z")


class _NotFast(Exception):
    """This document holds something only PyYAML's emitter spells right (multi-line text, odd keys)."""


@functools.lru_cache(maxsize=65536)
def _scalar_text(text: str, key: bool) -> str:
    """How PyYAML spells a one-line ``text`` as a block mapping value (or simple key)."""
    if key and len(text) > 100:
        raise _NotFast()  # PyYAML writes long keys as complex keys ("? ...")
    if _SAFE_PLAIN.match(text) and not needs_quotes(text):
        return text
    if (_PRINTABLE_PLAIN.match(text) and ": " not in text and " #" not in text and not text.endswith((":", " "))
            and not text.startswith("...") and not needs_quotes(text)):
        return text  # PyYAML's block-plain rules, for printable ASCII
    if text and needs_quotes(text) and _SAFE_QUOTED.match(text) and '"' not in text and "\\" not in text:
        return '"%s"' % text
    if key or not _SAFE_QUOTED.match(text):
        raise _NotFast()
    out = yaml.dump({"k": text}, Dumper=_Dumper, default_flow_style=False, allow_unicode=True,
                    sort_keys=False, width=4096, indent=2)
    if out.count("\n") != 1:
        raise _NotFast()
    return out[3:-1]


def _scalar(value: Any) -> str:
    """A scalar mapping value or sequence item."""
    kind = type(value)
    if kind is str:
        return _scalar_text(value, False)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, str):  # subclasses (ansible-core's tagged str) spell as their text
        return _scalar_text(str.__str__(value), False)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(int(value))
    raise _NotFast()  # floats and anything else: the reference path spells or refuses it


_ORDERS: Dict[Tuple[Any, ...], Tuple[Tuple[str, str], ...]] = {}


def _ordered_keys(mapping: Dict[Any, Any], top: bool) -> Tuple[Tuple[str, str], ...]:
    """(key, its spelling + ": ") in output order; memoised on the key sequence.

    Objects built by one piece of code have the same keys in the same order,
    so the sort runs once per shape rather than once per mapping.
    """
    shape = (top,) + tuple(mapping)
    order = _ORDERS.get(shape)
    if order is None:
        if not all(isinstance(key, str) for key in mapping):
            raise _NotFast()  # the reference path names the bad key
        order = tuple((key, _scalar_text(key, True) + ": ") for key in _key_order(mapping.keys(), top))
        if len(_ORDERS) >= 4096:
            _ORDERS.clear()
        _ORDERS[shape] = order
    return order


def _block(value: Any, indent: int, out: List[str], top: bool = False) -> None:
    """A non-empty dict or list/tuple, its lines starting at column ``indent``.

    Reads the caller's data directly (no ``_prepare`` copy); anything unusual
    (non-string keys, floats, odd text) raises _NotFast and the whole
    document goes through the reference path, which also reports bad values.
    """
    pad = " " * indent
    if isinstance(value, dict):
        pairs: Iterable[Tuple[str, Any]] = ((pad + spelled, value[key]) for key, spelled in _ordered_keys(value, top))
        is_seq = False
    else:
        pairs = ((pad + "- ", item) for item in value)
        is_seq = True
    for lead, item in pairs:
        if isinstance(item, (dict, list, tuple)):
            if not item:
                out.append(lead + ("{}" if isinstance(item, dict) else "[]"))
            elif is_seq:
                start = len(out)
                _block(item, indent + 2, out)
                out[start] = lead + out[start][indent + 2:]
            else:
                out.append(lead[:-1])
                _block(item, indent + 2, out)
        else:
            out.append(lead + _scalar(item))


def dump_yaml(obj: Any) -> str:
    """One YAML document, starting with ``---`` and ending with a newline."""
    if not isinstance(obj, (dict, list, tuple)) or not obj:
        return dump_yaml_reference(obj)
    out: List[str] = ["---"]
    try:
        _block(obj, 0, out, top=True)
    except _NotFast:
        return dump_yaml_reference(obj)
    return "\n".join(out) + "\n"


def dump_yaml_shared(data: Dict[str, Any], memo: Dict[Any, Tuple[Any, str]]) -> str:
    """``dump_yaml(data)`` for a mapping whose values are often the very same objects.

    A block mapping's text is the concatenation of its keys' blocks, so each
    top-level ``key: value`` is written once per distinct value object and
    reused (``memo`` lives as long as the caller wants, e.g. one build).
    Values must not be mutated while ``memo`` is in use.
    """
    parts = ["---\n"]
    for key in _key_order(data.keys(), True):
        value = data[key]
        hit = memo.get((key, id(value)))
        if hit is None or hit[0] is not value:
            hit = (value, dump_yaml({key: value})[4:])
            memo[(key, id(value))] = hit
        parts.append(hit[1])
    return "".join(parts)


def dump_yaml_all(objs: Iterable[Any]) -> str:
    """Several documents, each starting with ``---``; empty input gives ``""``."""
    return "".join(dump_yaml(obj) for obj in objs)
