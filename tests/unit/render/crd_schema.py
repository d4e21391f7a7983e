# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Validate objects the way an API server validates a custom resource.

A CRD's ``openAPIV3Schema`` is not plain JSON Schema. This helper turns it
into one that jsonschema can run, with the server's behaviour made explicit:

- defaults from the schema are applied first (the server defaults, then validates);
- unknown fields fail: every object schema without
  ``x-kubernetes-preserve-unknown-fields`` gets ``additionalProperties: false``
  (a structural schema prunes such fields, so rendering one is a bug);
- ``nullable`` -> also ``null``; ``x-kubernetes-int-or-string`` -> int or string;
- ``metadata`` is checked as ObjectMeta: name (RFC 1123 subdomain), labels
  (key and value syntax), annotations; no namespace on cluster-scoped kinds;
- ``apiVersion``/``kind`` must be the CRD's group/version and kind, and the
  version must be served;
- formats int32, int64, cidr, ipv4, ipv6, date-time are checked; an unknown
  format is an error in this helper, not silently ignored;
- ``x-kubernetes-list-type: map`` / ``set`` uniqueness is checked;
- ``x-kubernetes-validations`` CEL rules are evaluated by a small
  interpreter covering the subset the schemas here use (``self.a.b``,
  ``has()``, ``size()``, ``cidr(x).prefixLength()``, comparisons, ``+ - *``,
  ``&& || !``). A rule outside that subset raises, so it can never pass
  unevaluated.
"""

from __future__ import annotations

import ast
import copy
import functools
import ipaddress
import operator
import os
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

import jsonschema
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CRD_DIR = os.path.join(os.path.dirname(os.path.dirname(HERE)), "data", "cilium-crds")
# Which vendored release holds the schema of each Cilium API version.
CILIUM_SCHEMA_DIRS = {
    "cilium.io/v2alpha1": os.path.join(CRD_DIR, "v1.16", "v2alpha1"),
    "cilium.io/v2": os.path.join(CRD_DIR, "v1.20.0-dev", "v2"),
}

DNS_SUBDOMAIN = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
LABEL_KEY = r"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$"
LABEL_VALUE = r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$"


@dataclass(frozen=True, eq=False)  # identity hash: cached validators per object
class Crd:
    """One served version of a custom resource."""

    group: str
    version: str
    kind: str
    scope: str  # Cluster | Namespaced
    schema: Dict[str, Any]  # the openAPIV3Schema
    served: bool = True

    @property
    def api_version(self) -> str:
        return "%s/%s" % (self.group, self.version)


def crds_from_file(path: str) -> List[Crd]:
    with open(path, encoding="utf-8") as handle:
        doc = yaml.safe_load(handle)
    spec = doc["spec"]
    return [
        Crd(spec["group"], v["name"], spec["names"]["kind"], spec["scope"], v["schema"]["openAPIV3Schema"], v["served"])
        for v in spec["versions"]
    ]


@functools.lru_cache(maxsize=None)
def cilium_crds(api_version: str) -> Dict[str, Crd]:
    """kind -> Crd for ``api_version`` from the vendored release that defines it."""
    folder = CILIUM_SCHEMA_DIRS[api_version]
    out: Dict[str, Crd] = {}
    for name in sorted(os.listdir(folder)):
        for crd in crds_from_file(os.path.join(folder, name)):
            if crd.api_version == api_version:
                out[crd.kind] = crd
    return out


# ------------------------------------------------------------ schema conversion

KNOWN_FORMATS = ("int32", "int64", "cidr", "ipv4", "ipv6", "date-time")


def _object_meta(scope: str) -> Dict[str, Any]:
    props: Dict[str, Any] = {
        "name": {"type": "string", "minLength": 1, "maxLength": 253, "pattern": DNS_SUBDOMAIN},
        "labels": {
            "type": "object",
            "propertyNames": {"pattern": LABEL_KEY, "maxLength": 317},
            "additionalProperties": {"type": "string", "maxLength": 63, "pattern": LABEL_VALUE},
        },
        "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
    }
    if scope == "Namespaced":
        props["namespace"] = {"type": "string", "maxLength": 63, "pattern": DNS_SUBDOMAIN}
    return {"type": "object", "required": ["name"], "additionalProperties": False, "properties": props}


def to_json_schema(node: Mapping[str, Any]) -> Dict[str, Any]:
    """One openAPIV3Schema node as strict JSON Schema (see the module doc)."""
    out: Dict[str, Any] = {}
    for key, value in node.items():
        if key.startswith("x-kubernetes-") or key in ("nullable", "description", "properties", "items",
                                                      "additionalProperties", "default"):
            continue
        if key == "format" and value not in KNOWN_FORMATS:
            raise ValueError("format %r has no checker in crd_schema.py; add one" % value)
        out[key] = copy.deepcopy(value)
    if node.get("x-kubernetes-int-or-string"):
        out.pop("type", None)
        out["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if "properties" in node:
        out["properties"] = {k: to_json_schema(v) for k, v in node["properties"].items()}
    if "items" in node:
        out["items"] = to_json_schema(node["items"])
    extra = node.get("additionalProperties")
    if isinstance(extra, Mapping):
        out["additionalProperties"] = to_json_schema(extra)
    elif extra is not None:
        out["additionalProperties"] = bool(extra)
    elif node.get("type") == "object" and not node.get("x-kubernetes-preserve-unknown-fields"):
        out["additionalProperties"] = False  # pruned by the server: treat as an error
    if node.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    return out


def _root_schema(crd: Crd) -> Dict[str, Any]:
    root = to_json_schema(crd.schema)
    root["properties"]["apiVersion"] = {"const": crd.api_version}
    root["properties"]["kind"] = {"const": crd.kind}
    root["properties"]["metadata"] = _object_meta(crd.scope)
    root["required"] = sorted(set(root.get("required", [])) | {"apiVersion", "kind", "metadata"})
    return root


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker(formats=())

    def int_range(bits: int):
        def check(value: Any) -> bool:
            return not isinstance(value, int) or -(2 ** (bits - 1)) <= value < 2 ** (bits - 1)
        return check

    def as_text(parse):
        def check(value: Any) -> bool:
            if not isinstance(value, str):
                return True
            try:
                parse(value)
            except ValueError:
                return False
            return True
        return check

    checker.checks("int32")(int_range(32))
    checker.checks("int64")(int_range(64))
    checker.checks("cidr")(as_text(lambda v: ipaddress.ip_network(v, strict=False)))
    checker.checks("ipv4")(as_text(ipaddress.IPv4Address))
    checker.checks("ipv6")(as_text(ipaddress.IPv6Address))
    checker.checks("date-time")(as_text(lambda v: datetime.fromisoformat(v.replace("Z", "+00:00"))))
    return checker


FORMATS = _format_checker()


@functools.lru_cache(maxsize=None)
def _validator(crd: Crd) -> jsonschema.Draft7Validator:
    schema = _root_schema(crd)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=FORMATS)


# ------------------------------------------------------------ defaults, lists, CEL


def apply_defaults(node: Mapping[str, Any], value: Any) -> Any:
    """A copy of ``value`` with the schema's defaults filled in, as the server does."""
    if isinstance(value, dict):
        out = {}
        props = node.get("properties", {})
        for key, sub in props.items():
            if key not in value and "default" in sub:
                out[key] = copy.deepcopy(sub["default"])
        for key, item in value.items():
            sub = props.get(key) or (node.get("additionalProperties") if isinstance(node.get("additionalProperties"), Mapping) else None)
            out[key] = apply_defaults(sub, item) if sub else copy.deepcopy(item)
        return out
    if isinstance(value, list) and "items" in node:
        return [apply_defaults(node["items"], item) for item in value]
    return copy.deepcopy(value)


def _walk(node: Mapping[str, Any], value: Any, path: str) -> Iterator[Tuple[Mapping[str, Any], Any, str]]:
    """Every (schema node, value, path) pair present in the instance."""
    yield node, value, path
    if isinstance(value, dict):
        props = node.get("properties", {})
        extra = node.get("additionalProperties")
        for key, item in value.items():
            sub = props.get(key) or (extra if isinstance(extra, Mapping) else None)
            if sub:
                yield from _walk(sub, item, "%s.%s" % (path, key))
    elif isinstance(value, list) and "items" in node:
        for index, item in enumerate(value):
            yield from _walk(node["items"], item, "%s[%d]" % (path, index))


def list_type_errors(node: Mapping[str, Any], value: Any, path: str) -> List[str]:
    kind = node.get("x-kubernetes-list-type")
    if not isinstance(value, list) or kind not in ("map", "set"):
        return []
    if kind == "map":
        keys = node.get("x-kubernetes-list-map-keys", [])
        seen = [tuple(item.get(k) for k in keys) for item in value]
    else:
        seen = [yaml.safe_dump(item, sort_keys=True) for item in value]
    dupes = sorted({str(k) for k in seen if seen.count(k) > 1})
    return ["%s: duplicate %s-list entries %s" % (path, kind, ", ".join(dupes))] if dupes else []


class UnsupportedRule(Exception):
    """A CEL rule outside the subset this interpreter knows."""


class _NoSuchKey(Exception):
    pass


class _Cidr:
    def __init__(self, text: str) -> None:
        self.network = ipaddress.ip_network(text, strict=False)


def _to_python(rule: str) -> str:
    """CEL operators to Python ones, leaving string literals alone."""
    out, i = [], 0
    while i < len(rule):
        char = rule[i]
        if char in "'\"":
            end = rule.index(char, i + 1)
            out.append(rule[i:end + 1])
            i = end + 1
        elif rule.startswith("&&", i):
            out.append(" and ")
            i += 2
        elif rule.startswith("||", i):
            out.append(" or ")
            i += 2
        elif char == "!" and not rule.startswith("!=", i):
            out.append(" not ")
            i += 1
        else:
            out.append(char)
            i += 1
    text = "".join(out)
    return re.sub(r"\b(true|false|null)\b", lambda m: {"true": "True", "false": "False", "null": "None"}[m.group(1)], text)


@functools.lru_cache(maxsize=None)
def _parse_rule(rule: str) -> ast.Expression:
    try:
        return ast.parse(_to_python(rule).strip(), mode="eval")
    except SyntaxError as exc:
        raise UnsupportedRule("cannot parse CEL rule %r: %s" % (rule, exc)) from exc


_COMPARE = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
            ast.Gt: operator.gt, ast.GtE: operator.ge, ast.In: lambda a, b: a in b}
_ARITH = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}


def _eval(node: ast.AST, scope: Any) -> Any:
    if isinstance(node, ast.Expression):
        return _eval(node.body, scope)
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.And):
            return all(_eval(v, scope) for v in node.values)
        return any(_eval(v, scope) for v in node.values)
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, scope)
        if isinstance(node.op, ast.Not):
            return not operand
        if isinstance(node.op, ast.USub):
            return -operand
    if isinstance(node, ast.Compare):
        left = _eval(node.left, scope)
        for op, comp in zip(node.ops, node.comparators):
            if type(op) not in _COMPARE:
                raise UnsupportedRule("comparison %s is not supported" % type(op).__name__)
            right = _eval(comp, scope)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
        return _ARITH[type(node.op)](_eval(node.left, scope), _eval(node.right, scope))
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, bool, type(None))):
        return node.value
    if isinstance(node, ast.Name) and node.id == "self":
        return scope
    if isinstance(node, ast.Attribute):
        base = _eval(node.value, scope)
        if not isinstance(base, dict) or node.attr not in base:
            raise _NoSuchKey(node.attr)
        return base[node.attr]
    if isinstance(node, ast.Call) and not node.keywords:
        func = node.func
        if isinstance(func, ast.Name) and func.id == "has" and len(node.args) == 1 \
                and isinstance(node.args[0], ast.Attribute):
            try:
                _eval(node.args[0], scope)
            except _NoSuchKey:
                return False
            return True
        if isinstance(func, ast.Name) and func.id == "size" and len(node.args) == 1:
            return len(_eval(node.args[0], scope))
        if isinstance(func, ast.Name) and func.id == "cidr" and len(node.args) == 1:
            return _Cidr(_eval(node.args[0], scope))
        if isinstance(func, ast.Attribute) and func.attr == "prefixLength" and not node.args:
            target = _eval(func.value, scope)
            if isinstance(target, _Cidr):
                return target.network.prefixlen
    raise UnsupportedRule("CEL construct %s is not supported by crd_schema.py" % ast.dump(node)[:120])


def cel_errors(node: Mapping[str, Any], value: Any, path: str) -> List[str]:
    errors = []
    for rule in node.get("x-kubernetes-validations", []):
        try:
            ok = _eval(_parse_rule(rule["rule"]), value)
            reason = rule.get("message") or "failed rule: %s" % rule["rule"]
        except _NoSuchKey as exc:
            ok, reason = False, "rule %r: no such key %s" % (rule["rule"], exc)
        if ok is not True:  # a rule must evaluate to true; anything else rejects
            errors.append("%s: %s" % (path or "(object)", reason))
    return errors


# ------------------------------------------------------------ entry points


def object_errors(obj: Mapping[str, Any], crd: Crd) -> List[str]:
    """Every reason the server would reject ``obj``; empty when it would accept it."""
    if not crd.served:
        return ["%s is not served" % crd.api_version]
    defaulted = apply_defaults(crd.schema, obj)
    errors = sorted(
        "%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(object)", e.message)
        for e in _validator(crd).iter_errors(defaulted)
    )
    for node, value, path in _walk(crd.schema, defaulted, ""):
        errors.extend(list_type_errors(node, value, path))
        errors.extend(cel_errors(node, value, path))
    return errors


def cilium_object_errors(obj: Mapping[str, Any]) -> List[str]:
    """Validate against the real Cilium CRD of the object's apiVersion and kind."""
    api_version, kind = obj.get("apiVersion"), obj.get("kind")
    if api_version not in CILIUM_SCHEMA_DIRS:
        return ["apiVersion %r has no vendored Cilium schema" % (api_version,)]
    crds = cilium_crds(api_version)
    if kind not in crds:
        return ["%s has no kind %r" % (api_version, kind)]
    return object_errors(obj, crds[kind])


def describe(obj: Mapping[str, Any]) -> str:
    meta = obj.get("metadata") or {}
    return "%s %s/%s" % (obj.get("apiVersion"), obj.get("kind"), meta.get("name"))


def assert_valid(obj: Mapping[str, Any], errors: Optional[List[str]] = None) -> None:
    errors = cilium_object_errors(obj) if errors is None else errors
    assert not errors, "%s is invalid:\n  %s" % (describe(obj), "\n  ".join(errors))
