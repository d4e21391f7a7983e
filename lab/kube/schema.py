# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A CRD's structural ``openAPIV3Schema`` applied the way kube-apiserver does.

Order on every write: prune unknown fields (or, with ``fieldValidation=Strict``,
reject them), apply defaults, then validate. Each validation error is a
``Cause`` with the field path, reason and message the real server uses
(``spec.bgpInstances[0].localASN``, ``FieldValueNotSupported``, ...).
"""

from __future__ import annotations

import copy
import datetime
import ipaddress
import json
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Tuple

from .cel import CelError, CelUnsupported, compile_rule, evaluate

DNS_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
# RFC 1123 label: what namespace names must be (k8s.io/apimachinery validation.IsDNS1123Label).
DNS_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
# RFC 1035 label: Service names (validation.IsDNS1035Label).
DNS1035_LABEL = re.compile(r"[a-z]([-a-z0-9]*[a-z0-9])?")
DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
LABEL_NAME = re.compile(r"[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")
LABEL_VALUE = re.compile(r"(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?")

# Kinds whose names are labels, not subdomains, with the API server's message for a bad one
# (k8s.io/apimachinery/pkg/util/validation: DNS1123LabelErrMsg / DNS1035LabelErrMsg).
NAME_RULES = {
    "Namespace": (DNS_LABEL, 63, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "
                  "'-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
                  "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
    "Service": (DNS1035_LABEL, 63, "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
                "with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
                "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"),
}
# k8s.io/apimachinery/pkg/util/validation: qualified names (label keys) and label values.
QUALIFIED_NAME_MSG = ("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                      "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                      "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")
LABEL_VALUE_MSG = ("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                   "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
                   "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")
SUBDOMAIN_MSG = ("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
                 "must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                 "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
META_FIELDS = {"name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
               "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences",
               "finalizers", "managedFields", "selfLink"}


@dataclass(frozen=True)
class Cause:
    field: str
    reason: str
    message: str

    def as_dict(self) -> Dict[str, str]:
        return {"reason": self.reason, "message": self.message, "field": self.field}

    def text(self) -> str:
        return "%s: %s" % (self.field, self.message) if self.field else self.message


def go_repr(value: Any) -> str:
    """A value as the API server quotes it in messages."""
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return '"%s"' % ("object" if isinstance(value, dict) else "array")
    return str(value)


def _join(path: str, key: str) -> str:
    return "%s.%s" % (path, key) if path else key


# OpenAPI type names by Python type; bool first, as a bool is also an int.
_TYPE_NAMES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "array"),
               (dict, "object"))


def _type_name(value: Any) -> str:
    return next((name for pytype, name in _TYPE_NAMES if isinstance(value, pytype)), "null")


def _type_ok(expected: str, value: Any) -> bool:
    actual = _type_name(value)
    return actual == expected or (expected == "number" and actual == "integer")


# ------------------------------------------------------------------ compile


class Schema:
    """One version's openAPIV3Schema, with its CEL rules compiled up front."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self._rules: Dict[int, List[Tuple[Any, Dict[str, Any]]]] = {}
        self._compile(root, "openAPIV3Schema")

    def _compile(self, node: Mapping[str, Any], path: str) -> None:
        if not isinstance(node, Mapping):
            return
        rules = []
        for index, rule in enumerate(node.get("x-kubernetes-validations") or []):
            text = rule.get("rule", "")
            if "oldSelf" in text:
                raise CelUnsupported("%s.x-kubernetes-validations[%d].rule: transition rules (oldSelf) are not "
                                     "supported by the lab" % (path, index))
            rules.append((compile_rule(text), rule))
        if rules:
            self._rules[id(node)] = rules
        for key, sub in (node.get("properties") or {}).items():
            self._compile(sub, "%s.properties[%s]" % (path, key))
        if isinstance(node.get("items"), Mapping):
            self._compile(node["items"], path + ".items")
        if isinstance(node.get("additionalProperties"), Mapping):
            self._compile(node["additionalProperties"], path + ".additionalProperties")

    # ------------------------------------------------------------ pruning

    def prune(self, obj: Dict[str, Any]) -> Tuple[Dict[str, Any], List[str]]:
        """A copy without unknown fields, and the paths of the fields dropped."""
        dropped: List[str] = []
        out = copy.deepcopy(obj)
        for key in list(out):
            if key in ("apiVersion", "kind", "metadata"):
                continue
            props = self.root.get("properties") or {}
            if key not in props and not self.root.get("x-kubernetes-preserve-unknown-fields"):
                dropped.append(key)
                del out[key]
            elif key in props:
                out[key] = self._prune(props[key], out[key], key, dropped)
        meta = out.get("metadata")
        if isinstance(meta, dict):
            for key in list(meta):
                if key not in META_FIELDS:
                    dropped.append("metadata." + key)
                    del meta[key]
        return out, dropped

    def _prune(self, node: Mapping[str, Any], value: Any, path: str, dropped: List[str]) -> Any:
        if node.get("x-kubernetes-preserve-unknown-fields") and "properties" not in node:
            return value
        if isinstance(value, dict) and (node.get("type") == "object" or "properties" in node):
            props = node.get("properties")
            extra = node.get("additionalProperties")
            for key in list(value):
                if props is not None and key in props:
                    value[key] = self._prune(props[key], value[key], _join(path, key), dropped)
                elif isinstance(extra, Mapping):
                    value[key] = self._prune(extra, value[key], _join(path, key), dropped)
                elif extra is True or node.get("x-kubernetes-preserve-unknown-fields") or props is None and extra is None:
                    continue
                else:
                    dropped.append(_join(path, key))
                    del value[key]
        elif isinstance(value, list) and isinstance(node.get("items"), Mapping):
            for index, item in enumerate(value):
                value[index] = self._prune(node["items"], item, "%s[%d]" % (path, index), dropped)
        return value

    # ------------------------------------------------------------ defaults

    def default(self, obj: Dict[str, Any]) -> Dict[str, Any]:
        return _default(self.root, copy.deepcopy(obj))

    # ------------------------------------------------------------ validation

    def validate(self, obj: Mapping[str, Any]) -> List[Cause]:
        causes: List[Cause] = []
        props = self.root.get("properties") or {}
        for key, sub in props.items():
            if key in ("apiVersion", "kind", "metadata"):
                continue
            if key in obj:
                self._validate(sub, obj[key], key, causes)
            elif key in (self.root.get("required") or []):
                causes.append(Cause(key, "FieldValueRequired", "Required value"))
        self._rules_at(self.root, obj, "", causes)
        return causes

    def _rules_at(self, node: Mapping[str, Any], value: Any, path: str, causes: List[Cause]) -> None:
        for ast, rule in self._rules.get(id(node), ()):
            try:
                ok = evaluate(ast, value) is True
                detail = rule.get("message") or "failed rule: %s" % rule["rule"]
            except CelError as exc:
                ok, detail = False, "failed rule: %s: %s" % (rule["rule"], exc)
            if not ok:
                where = path
                if rule.get("fieldPath"):
                    where = path + rule["fieldPath"] if rule["fieldPath"].startswith(".") else _join(path, rule["fieldPath"])
                causes.append(Cause(where, "FieldValueInvalid", "Invalid value: %s: %s" % (go_repr(value), detail)))

    def _validate(self, node: Mapping[str, Any], value: Any, path: str, causes: List[Cause]) -> None:
        if value is None:
            if not node.get("nullable"):
                causes.append(Cause(path, "FieldValueInvalid", 'Invalid value: "null": %s in body must be of type %s: "null"'
                                    % (path, node.get("type", "object"))))
            return
        if node.get("x-kubernetes-int-or-string"):
            if not isinstance(value, (int, str)) or isinstance(value, bool):
                causes.append(Cause(path, "FieldValueInvalid", "Invalid value: %s: %s in body must be of type "
                                    "integer,string: %s" % (go_repr(value), path, go_repr(_type_name(value)))))
                return
        elif node.get("type") and not _type_ok(node["type"], value):
            causes.append(Cause(path, "FieldValueInvalid", "Invalid value: %s: %s in body must be of type %s: %s"
                                % (go_repr(value), path, node["type"], json.dumps(_type_name(value)))))
            return
        self._scalar_checks(node, value, path, causes)
        for key in ("anyOf", "oneOf", "allOf"):
            if key in node:
                results = []
                for branch in node[key]:
                    sub: List[Cause] = []
                    self._validate(dict(branch, type=branch.get("type", node.get("type"))), value, path, sub)
                    results.append(sub)
                passed = sum(1 for r in results if not r)
                if key == "anyOf" and not passed or key == "oneOf" and passed != 1:
                    causes.append(Cause(path, "FieldValueInvalid", "Invalid value: %s: %s in body must validate %s"
                                        % (go_repr(value), path, "one and only one schema (oneOf)" if key == "oneOf"
                                           else "at least one schema (anyOf)")))
                elif key == "allOf":
                    for sub in results:
                        causes.extend(sub)
        if isinstance(value, dict):
            props = node.get("properties") or {}
            for key in node.get("required") or []:
                if key not in value:
                    causes.append(Cause(_join(path, key), "FieldValueRequired", "Required value"))
            extra = node.get("additionalProperties")
            for key, item in value.items():
                if key in props:
                    self._validate(props[key], item, _join(path, key), causes)
                elif isinstance(extra, Mapping):
                    self._validate(extra, item, _join(path, key), causes)
            for bound, word, test in (("maxProperties", "at most", len(value).__le__),
                                      ("minProperties", "at least", len(value).__ge__)):
                if bound in node and not test(node[bound]):
                    causes.append(Cause(path, "FieldValueInvalid", "Invalid value: %d: %s in body should have %s %d "
                                        "properties" % (len(value), path, word, node[bound])))
        elif isinstance(value, list):
            for bound, word, test in (("maxItems", "at most", len(value).__le__),
                                      ("minItems", "at least", len(value).__ge__)):
                if bound in node and not test(node[bound]):
                    reason = "FieldValueTooMany" if bound == "maxItems" else "FieldValueInvalid"
                    message = ("Too many: %d: must have at most %d items" % (len(value), node[bound])
                               if bound == "maxItems" else "Invalid value: %d: %s in body should have %s %d items"
                               % (len(value), path, word, node[bound]))
                    causes.append(Cause(path, reason, message))
            if isinstance(node.get("items"), Mapping):
                for index, item in enumerate(value):
                    self._validate(node["items"], item, "%s[%d]" % (path, index), causes)
            causes.extend(_list_type_causes(node, value, path))
        self._rules_at(node, value, path, causes)  # values of the wrong type returned above

    def _scalar_checks(self, node: Mapping[str, Any], value: Any, path: str, causes: List[Cause]) -> None:
        if "enum" in node and value not in node["enum"]:
            causes.append(Cause(path, "FieldValueNotSupported", "Unsupported value: %s: supported values: %s"
                                % (go_repr(value), ", ".join(go_repr(v) for v in node["enum"]))))
        if isinstance(value, str):
            if "pattern" in node and not re.search(node["pattern"], value):
                causes.append(Cause(path, "FieldValueInvalid", "Invalid value: %s: %s in body should match '%s'"
                                    % (go_repr(value), path, node["pattern"])))
            if "maxLength" in node and len(value) > node["maxLength"]:
                causes.append(Cause(path, "FieldValueTooLong", "Too long: may not be more than %d bytes"
                                    % node["maxLength"]))
            if "minLength" in node and len(value) < node["minLength"]:
                causes.append(Cause(path, "FieldValueInvalid", "Invalid value: %s: %s in body should be at least %d "
                                    "chars long" % (go_repr(value), path, node["minLength"])))
            fmt = node.get("format")
            if fmt and not _format_ok(fmt, value):
                causes.append(Cause(path, "FieldValueInvalid", "Invalid value: %s: %s in body must be of type %s: %s"
                                    % (go_repr(value), path, fmt, go_repr(value))))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in node and (value < node["minimum"] or node.get("exclusiveMinimum") and value == node["minimum"]):
                causes.append(Cause(path, "FieldValueInvalid", "Invalid value: %s: %s in body should be greater than "
                                    "%s%s" % (value, path, "" if node.get("exclusiveMinimum") else "or equal to ",
                                              node["minimum"])))
            if "maximum" in node and (value > node["maximum"] or node.get("exclusiveMaximum") and value == node["maximum"]):
                causes.append(Cause(path, "FieldValueInvalid", "Invalid value: %s: %s in body should be less than "
                                    "%s%s" % (value, path, "" if node.get("exclusiveMaximum") else "or equal to ",
                                              node["maximum"])))
            fmt = node.get("format")
            if fmt in ("int32", "int64"):
                bits = int(fmt[3:])
                if not -(2 ** (bits - 1)) <= value < 2 ** (bits - 1):
                    causes.append(Cause(path, "FieldValueInvalid", "Invalid value: %s: %s in body must be of type "
                                        "%s: %s" % (value, path, fmt, value)))


def _format_ok(fmt: str, value: str) -> bool:
    """The formats apiextensions checks; unknown formats pass, as on a real server."""
    try:
        if fmt == "ipv4":
            ipaddress.IPv4Address(value)
        elif fmt == "ipv6":
            ipaddress.IPv6Address(value)
        elif fmt == "cidr":
            ipaddress.ip_network(value, strict=False)
            return "/" in value
        elif fmt == "date-time":
            datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        elif fmt == "byte":
            import base64
            base64.b64decode(value, validate=True)
        elif fmt == "hostname":
            return bool(DNS_SUBDOMAIN.fullmatch(value))
    except ValueError:
        return False
    return True


def list_key(node: Mapping[str, Any], item: Any) -> Optional[str]:
    """The identity of a map-list item, as SSA writes it (``{"name":"x"}``)."""
    keys = node.get("x-kubernetes-list-map-keys") or []
    if not isinstance(item, dict):
        return None
    return json.dumps({k: item.get(k) for k in sorted(keys) if k in item}, separators=(",", ":"), sort_keys=True)


def _list_type_causes(node: Mapping[str, Any], value: List[Any], path: str) -> List[Cause]:
    kind = node.get("x-kubernetes-list-type")
    seen: Dict[str, int] = {}
    out = []
    for index, item in enumerate(value):
        if kind == "map":
            ident = list_key(node, item)
        elif kind == "set":
            ident = json.dumps(item, sort_keys=True)
        else:
            return []
        if ident in seen:
            shown = ident if kind == "map" else go_repr(item)
            out.append(Cause("%s[%d]" % (path, index), "FieldValueDuplicate", "Duplicate value: %s" % shown))
        seen[ident] = index
    return out


def _default(node: Mapping[str, Any], value: Any) -> Any:
    if isinstance(value, dict):
        props = node.get("properties") or {}
        for key, sub in props.items():
            if key not in value and "default" in sub:
                value[key] = copy.deepcopy(sub["default"])
        extra = node.get("additionalProperties")
        for key in list(value):
            sub = props.get(key) or (extra if isinstance(extra, Mapping) else None)
            if sub is not None and key != "metadata":
                value[key] = _default(sub, value[key])
    elif isinstance(value, list) and isinstance(node.get("items"), Mapping):
        return [_default(node["items"], item) for item in value]
    return value


# ------------------------------------------------------------------ ObjectMeta


def label_key_errors(key: str) -> List[str]:
    """What IsQualifiedName says about a label key ([prefix/]name)."""
    parts = key.split("/")
    if len(parts) > 2:
        return ["a qualified name " + QUALIFIED_NAME_MSG[len("name part "):].replace(
            "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
            "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            "with an optional DNS subdomain prefix and '/' (e.g. 'MyName',  or 'my.name',  or '123-abc', "
            "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")]
    prefix, name = (parts[0], parts[1]) if len(parts) == 2 else ("", parts[0])
    out = []
    if len(parts) == 2:
        if not prefix:
            out.append("prefix part must be non-empty")
        elif len(prefix) > 253:
            out.append("prefix part must be no more than 253 characters")
        elif not DNS_SUBDOMAIN.fullmatch(prefix):
            out.append("prefix part " + SUBDOMAIN_MSG)
    if not name:
        out.append("name part must be non-empty")
    elif len(name) > 63:
        out.append("name part must be no more than 63 characters")
    if name and not LABEL_NAME.fullmatch(name):
        out.append(QUALIFIED_NAME_MSG)
    return out


def metadata_causes(meta: Any, namespaced: bool, kind: str = "") -> List[Cause]:
    """ObjectMeta checks every kind gets (name, namespace, labels, annotations)."""
    if not isinstance(meta, dict):
        return [Cause("metadata", "FieldValueRequired", "Required value")]
    causes = []
    name = meta.get("name")
    pattern, limit, msg = NAME_RULES.get(kind, (DNS_SUBDOMAIN, 253, SUBDOMAIN_MSG))
    if not name:
        causes.append(Cause("metadata.name", "FieldValueRequired", "Required value: name or generateName is required"))
    elif not isinstance(name, str) or not pattern.fullmatch(name):
        causes.append(Cause("metadata.name", "FieldValueInvalid", "Invalid value: %s: %s" % (go_repr(name), msg)))
    elif len(name) > limit:
        causes.append(Cause("metadata.name", "FieldValueInvalid", "Invalid value: %s: must be no more than %d characters"
                            % (go_repr(name), limit)))
    if not namespaced and meta.get("namespace"):
        causes.append(Cause("metadata.namespace", "FieldValueForbidden", "Forbidden: not allowed on this type"))
    labels = meta.get("labels") or {}
    if not isinstance(labels, dict):
        causes.append(Cause("metadata.labels", "FieldValueInvalid", "Invalid value: must be a map"))
        labels = {}
    for key, val in sorted(labels.items()):
        causes += [Cause("metadata.labels", "FieldValueInvalid", "Invalid value: %s: %s" % (go_repr(key), why))
                   for why in label_key_errors(key)]
        if not isinstance(val, str):
            causes.append(Cause("metadata.labels", "FieldValueInvalid", "Invalid value: must be a string"))
            continue
        if len(val) > 63:
            causes.append(Cause("metadata.labels", "FieldValueInvalid",
                                "Invalid value: %s: must be no more than 63 characters" % go_repr(val)))
        if not LABEL_VALUE.fullmatch(val):
            causes.append(Cause("metadata.labels", "FieldValueInvalid",
                                "Invalid value: %s: %s" % (go_repr(val), LABEL_VALUE_MSG)))
    annotations = meta.get("annotations") or {}
    if not isinstance(annotations, dict) or not all(isinstance(v, str) for v in annotations.values()):
        causes.append(Cause("metadata.annotations", "FieldValueInvalid", "Invalid value: annotations must be strings"))
    return causes


def service_causes(obj: Mapping[str, Any]) -> List[Cause]:
    """Service checks of pkg/apis/core/validation (ValidateService) the schema cannot express."""
    spec = obj.get("spec") if isinstance(obj.get("spec"), dict) else {}
    causes: List[Cause] = []
    for index, port in enumerate(spec.get("ports") or []):
        if not isinstance(port, dict):
            continue
        path = "spec.ports[%d]" % index
        number = port.get("port")
        if isinstance(number, int) and not 1 <= number <= 65535:
            causes.append(Cause(path + ".port", "FieldValueInvalid",
                                "Invalid value: %d: must be between 1 and 65535, inclusive" % number))
        target = port.get("targetPort")
        if isinstance(target, int) and not isinstance(target, bool) and not 1 <= target <= 65535:
            causes.append(Cause(path + ".targetPort", "FieldValueInvalid",
                                "Invalid value: %d: must be between 1 and 65535, inclusive" % target))
        protocol = port.get("protocol", "TCP")
        if protocol not in ("TCP", "UDP", "SCTP"):
            causes.append(Cause(path + ".protocol", "FieldValueNotSupported", 'Unsupported value: %s: supported '
                                'values: "SCTP", "TCP", "UDP"' % go_repr(protocol)))
    return causes
