# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Label selectors: the query-string form (``a=b,c in (x,y),!d``) and LabelSelector objects."""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, Mapping, Optional

from .errors import ApiError

_TERM = re.compile(r"^\s*(?P<neg>!)?\s*(?P<key>[A-Za-z0-9_./-]+)\s*(?:(?P<op>==|=|!=|\s+in\s+|\s+notin\s+)\s*"
                   r"(?P<val>\([^)]*\)|[A-Za-z0-9_.-]*))?\s*$")


def _split(text: str) -> List[str]:
    out, depth, cur = [], 0, ""
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += char
    if cur.strip():
        out.append(cur)
    return out


def parse_label_selector(text: Optional[str]) -> Callable[[Mapping[str, str]], bool]:
    if not text:
        return lambda labels: True
    tests = []
    for term in _split(text):
        m = _TERM.match(term)
        if not m:
            raise ApiError.bad_request("unable to parse requirement: %r" % term.strip())
        key, op, val, neg = m.group("key"), (m.group("op") or "").strip(), m.group("val"), m.group("neg")
        if neg:
            tests.append(lambda labels, k=key: k not in labels)
        elif not op:
            tests.append(lambda labels, k=key: k in labels)
        elif op in ("=", "=="):
            tests.append(lambda labels, k=key, v=val: labels.get(k) == v)
        elif op == "!=":
            tests.append(lambda labels, k=key, v=val: labels.get(k) != v)
        else:
            values = {v.strip() for v in val.strip("()").split(",") if v.strip()}
            if op == "in":
                tests.append(lambda labels, k=key, vs=values: labels.get(k) in vs)
            else:
                tests.append(lambda labels, k=key, vs=values: labels.get(k) not in vs)
    return lambda labels: all(test(labels or {}) for test in tests)


def parse_field_selector(text: Optional[str]) -> Callable[[Mapping[str, Any]], bool]:
    if not text:
        return lambda obj: True
    tests = []
    for term in text.split(","):
        m = re.match(r"^\s*([A-Za-z.]+)\s*(==|=|!=)\s*(.*?)\s*$", term)
        if not m or m.group(1) not in ("metadata.name", "metadata.namespace"):
            raise ApiError.bad_request('"%s" is not a known field selector: only "metadata.name", '
                                       '"metadata.namespace"' % term.split("=")[0].strip("!"))
        field, op, val = m.groups()
        key = field.split(".")[1]
        if op == "!=":
            tests.append(lambda obj, k=key, v=val: (obj.get("metadata") or {}).get(k, "") != v)
        else:
            tests.append(lambda obj, k=key, v=val: (obj.get("metadata") or {}).get(k, "") == v)
    return lambda obj: all(test(obj) for test in tests)


def selector_matches(selector: Optional[Mapping[str, Any]], labels: Optional[Mapping[str, str]]) -> bool:
    """A LabelSelector object (matchLabels / matchExpressions); a missing or empty one selects everything.

    The one implementation of the lab (API twin, device twins' workloads feed)
    and of the renderer tests. Values are compared as text, since a selector
    read from YAML may hold ``1`` where the API would hold ``"1"``; an unknown
    operator selects nothing (the API server would reject it).
    """
    labels = labels or {}
    if not selector:
        return True
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != str(value):
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr.get("key"), expr.get("operator"), [str(v) for v in expr.get("values") or []]
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and key in labels and labels[key] in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
        if op not in ("In", "NotIn", "Exists", "DoesNotExist"):
            return False
    return True


def labels_of(obj: Mapping[str, Any]) -> Dict[str, str]:
    return dict((obj.get("metadata") or {}).get("labels") or {})
