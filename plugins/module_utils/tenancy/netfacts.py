# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Syntax of BGP values and Kubernetes label selectors.

Each checker returns ``None`` when the value is valid, else a short reason.
"""

from __future__ import annotations

import re
from typing import Any, List, Optional, Tuple

from . import tokens

# BGP values: one grammar for the whole collection (tokens.py); these names stay for the callers
# that check a single value.
COMMUNITY_VALID = tokens.COMMUNITY_VALID
RT_VALID = tokens.EXTENDED_VALID
check_community = tokens.check_community
check_route_target = tokens.check_extended


# Kubernetes label syntax (apimachinery validation): a qualified name with an
# optional DNS-subdomain prefix, values of at most 63 characters.
_NAME = re.compile(r"^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$")
_DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
SELECTOR_OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")


def check_label_key(key: Any) -> Optional[str]:
    if not isinstance(key, str) or not key:
        return "a label key must be a non-empty string"
    prefix, slash, name = key.rpartition("/")
    if slash and (len(prefix) > 253 or not _DNS1123_SUBDOMAIN.fullmatch(prefix)):
        return "label key prefix '%s' must be a DNS subdomain (lower case, at most 253 characters)" % prefix
    if len(name) > 63 or not _NAME.fullmatch(name):
        return "label name '%s' must be at most 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric" % name
    return None


def check_label_value(value: Any) -> Optional[str]:
    if not isinstance(value, str):
        return "a label value must be a string"
    if value and (len(value) > 63 or not _NAME.fullmatch(value)):
        return "label value '%s' must be at most 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric" % value
    return None


def selector_problems(selector: Any) -> List[Tuple[Tuple[Any, ...], str, Any]]:
    """Problems in a label selector as (relative path, reason, value)."""
    problems: List[Tuple[Tuple[Any, ...], str, Any]] = []
    if not isinstance(selector, dict):
        return [((), "a label selector is a mapping with matchLabels and/or matchExpressions", selector)]
    for key, value in sorted((selector.get("matchLabels") or {}).items()):
        for reason in (check_label_key(key), check_label_value(value)):
            if reason:
                problems.append((("matchLabels", key), reason, value))
    for index, expr in enumerate(selector.get("matchExpressions") or []):
        where = ("matchExpressions", index)
        reason = check_label_key(expr.get("key"))
        if reason:
            problems.append((where + ("key",), reason, expr.get("key")))
        operator = expr.get("operator")
        values = expr.get("values") or []
        if operator not in SELECTOR_OPERATORS:
            problems.append((where + ("operator",), "unknown operator, use one of " + ", ".join(SELECTOR_OPERATORS), operator))
        elif operator in ("In", "NotIn") and not values:
            problems.append((where + ("values",), "operator %s needs at least one value" % operator, values))
        elif operator in ("Exists", "DoesNotExist") and values:
            problems.append((where + ("values",), "operator %s takes no values" % operator, values))
        for vindex, item in enumerate(values):
            reason = check_label_value(item)
            if reason:
                problems.append((where + ("values", vindex), reason, item))
    return problems


def parse_version(text: str) -> Optional[Tuple[int, int, int]]:
    """'1.16.15' / 'v1.18' / '1.17.6-cee.1' -> (1, 16, 15)."""
    match = re.fullmatch(r"v?([0-9]+)\.([0-9]+)(?:\.([0-9]+))?(?:[-+].*)?", str(text))
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
