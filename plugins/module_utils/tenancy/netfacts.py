# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Syntax of BGP values and Kubernetes label selectors.

Each checker returns ``None`` when the value is valid, else a short reason.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any, List, Optional, Tuple

U16 = 0xFFFF
U32 = 0xFFFFFFFF

COMMUNITY_VALID = "ASN:NN with both parts 0-65535, e.g. 64512:301"
RT_VALID = (
    "ASN2:NN32 (e.g. 65000:100302), ASN4:NN16 (e.g. 4200000000:10, or asdot 64086.59904:10) "
    "or IPv4:NN16 (e.g. 192.0.2.1:10)"
)


def _int(text: str) -> Optional[int]:
    # isascii: str.isdigit() is also true for '²' (int() raises) and '١' (int() accepts, devices do not)
    return int(text) if text.isascii() and text.isdigit() and (text == "0" or not text.startswith("0")) else None


def check_community(value: Any) -> Optional[str]:
    """Standard community (RFC 1997) in the new format ``AA:NN``."""
    if not isinstance(value, str) or value.count(":") != 1:
        return "a standard community is two numbers joined by ':'"
    high, low = (_int(p) for p in value.split(":"))
    if high is None or low is None:
        return "both parts must be decimal numbers"
    if high > U16 or low > U16:
        return "each part must be 0-65535"
    return None


def _asdot(text: str) -> Optional[int]:
    high, _unused, low = text.partition(".")
    hi, lo = _int(high), _int(low)
    if hi is None or lo is None or hi > U16 or lo > U16:
        return None
    return (hi << 16) | lo


def parse_extended(value: Any) -> Tuple[Optional[str], Optional[Tuple[str, int]]]:
    """Parse a route target / route distinguisher.

    Returns ``(reason, None)`` when invalid, else ``(None, (kind, admin))`` where
    kind is ``asn2``, ``asn4`` or ``ipv4``.
    """
    if not isinstance(value, str) or value.count(":") != 1:
        return "two parts joined by ':' are needed", None
    admin, number = value.split(":")
    assigned = _int(number)
    if assigned is None:
        return "the assigned number after ':' must be decimal", None
    if admin.count(".") == 3:
        try:
            ipaddress.IPv4Address(admin)
        except ValueError:
            return "'%s' is not an IPv4 address" % admin, None
        if assigned > U16:
            return "with an IPv4 administrator the assigned number must be 0-65535", None
        return None, ("ipv4", 0)
    asn = _asdot(admin) if admin.count(".") == 1 else _int(admin)
    if asn is None or asn > U32:
        return "the administrator must be an ASN (0-4294967295, or asdot X.Y) or an IPv4 address", None
    if asn <= U16 and "." not in admin:
        if assigned > U32:
            return "with a 2-byte ASN the assigned number must be 0-4294967295", None
        return None, ("asn2", asn)
    if assigned > U16:
        return "with a 4-byte ASN the assigned number must be 0-65535", None
    return None, ("asn4", asn)


def check_route_target(value: Any) -> Optional[str]:
    return parse_extended(value)[0]


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
