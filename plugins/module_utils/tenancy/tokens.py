# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The token grammar: what each platform accepts in each field, in one place.

Every value that reaches a rendered line or object, written in the inventory
or derived from it, is checked here before rendering (``rules.rule_tokens``)
and every rendered line once more (``render/clitree.py``). Patterns are used
with ``re.fullmatch`` only: Python's ``$`` matches before a final newline,
which is how ``"ubuntu2.local\\nvrf context EVIL"`` got through before.

Limits, with their sources:

- NX-OS VRF names: at most 32 characters; ``default`` and ``management``
  are the system's own VRFs (cisco.nxos ``nxos_vrf`` docs: "vrf name must be
  shorter than 32 chars", "not allowed to use default as vrf name").
- NX-OS route-map, community-list and extcommunity-list names: at most 63
  characters, case-sensitive alphanumeric (Cisco NX-OS Unicast Routing
  Command Reference, ``neighbor ... route-map name``: "any case-sensitive,
  alphanumeric string up to 63 characters").
- NX-OS BGP neighbour ``description``: at most 80 characters including
  spaces (Cisco Nexus NX-OS BGP command reference, ``neighbor``).
- NX-OS loopbacks ``loopback0``-``loopback1023``; IOS-XR
  ``Loopback0``-``Loopback2147483647``.
- NX-OS route-map sequence numbers 0-65535; VNI 1-16777214.
- Kubernetes: object names are DNS-1123 subdomains (at most 253), label
  names and values at most 63 of ``[A-Za-z0-9-_.]`` starting and ending
  alphanumeric, label key prefixes DNS subdomains (k8s.io apimachinery
  ``validation.IsQualifiedName`` / ``IsValidLabelValue``).
- Extended communities (RFC 4360 / RFC 4364 section 4.2): type 0
  ``ASN2:NN32``, type 1 ``IPv4:NN16``, type 2 ``ASN4:NN16``; ``0:0`` is
  refused as it names nothing. Standard communities (RFC 1997) ``AA:NN``.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, Optional, Pattern, Tuple

U16 = 0xFFFF
U32 = 0xFFFFFFFF
AS_TRANS = 23456  # RFC 6793: the 2-byte stand-in for a 4-byte ASN

# One printable ASCII line: what every rendered CLI line must be.
PRINTABLE_LINE = re.compile(r"[\x20-\x7e]*")
DECIMAL = re.compile(r"0|[1-9][0-9]*")  # ASCII digits only: str.isdigit() accepts "１" and "²"

_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_DNS_LABEL = r"[a-z0-9](?:[-a-z0-9]*[a-z0-9])?"


@dataclass(frozen=True)
class Token:
    """One field's grammar: a full-match pattern, a length bound, reserved words, a numeric range."""

    pattern: Pattern[str]
    max_len: int
    valid: str  # what is valid, in words (error messages)
    reserved: FrozenSet[str] = frozenset()  # compared case-insensitively
    number_range: Optional[Tuple[int, int]] = None  # of the pattern's first group, when it has one


def _t(pattern: str, max_len: int, valid: str, reserved: Tuple[str, ...] = (),
       number_range: Optional[Tuple[int, int]] = None) -> Token:
    return Token(re.compile(pattern), max_len, valid, frozenset(r.lower() for r in reserved), number_range)


GRAMMAR: Dict[str, Token] = {
    # NX-OS
    "nxos.vrf": _t(_NAME, 32, "1-32 of [A-Za-z0-9._-], not default or management", ("default", "management")),
    "nxos.route_map": _t(_NAME, 63, "1-63 of [A-Za-z0-9._-] starting with a letter or digit"),
    "nxos.list_name": _t(_NAME, 63, "1-63 of [A-Za-z0-9._-] starting with a letter or digit"),
    "nxos.loopback": _t(r"[Ll]oopback(0|[1-9][0-9]{0,3})", 12, "loopback0 to loopback1023", number_range=(0, 1023)),
    "nxos.description": _t(r"[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?", 80, "1-80 printable ASCII characters, one line"),
    # IOS-XR
    "iosxr.vrf": _t(_NAME, 32, "1-32 of [A-Za-z0-9._-], not default", ("default",)),
    "iosxr.loopback": _t(r"Loopback(0|[1-9][0-9]{0,9})", 18, "Loopback0 to Loopback2147483647",
                         number_range=(0, 2147483647)),
    "iosxr.interface": _t(r"(?:Loopback|GigabitEthernet|TenGigE|TwentyFiveGigE|FortyGigE|FiftyGigE|HundredGigE|"
                          r"FourHundredGigE|Bundle-Ether|MgmtEth)[0-9]+(?:/[0-9]+)*(?:\.[0-9]+)?", 64,
                          "an IOS-XR interface name such as Loopback0, Bundle-Ether1 or HundredGigE0/0/0/1"),
    "iosxr.locator": _t(_NAME, 32, "1-32 of [A-Za-z0-9._-] starting with a letter or digit"),
    "iosxr.route_policy": _t(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", 63, "1-63 of [A-Za-z0-9_.-]"),
    "iosxr.description": _t(r"[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?", 80, "1-80 printable ASCII characters, one line"),
    # Kubernetes
    "k8s.dns_label": _t(_DNS_LABEL, 63, "a DNS-1123 label: 1-63 of [a-z0-9-], starting and ending alphanumeric"),
    "k8s.dns_subdomain": _t(r"%s(?:\.%s)*" % (_DNS_LABEL, _DNS_LABEL), 253,
                            "a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most 253"),
    "k8s.label_name": _t(r"[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?", 63,
                         "1-63 of [A-Za-z0-9-_.], starting and ending alphanumeric"),
    "k8s.label_value": _t(r"(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?", 63,
                          "0-63 of [A-Za-z0-9-_.], starting and ending alphanumeric"),
    # Cilium
    "cilium.version": _t(r"v?[0-9]{1,3}\.[0-9]{1,3}(?:\.[0-9]{1,4})?(?:[-+][0-9A-Za-z.-]{1,40})?", 64,
                         "a version such as 1.16.15, v1.18.2 or 1.17.6-cee.1"),
    # Inventory host names (leaves, PEs, clusters): they become file names and peer names
    "host": _t(_NAME, 63, "1-63 of [A-Za-z0-9._-] starting with a letter or digit"),
}


def check(kind: str, value: object) -> Optional[str]:
    """None when ``value`` is a legal ``kind`` token, else the reason in words."""
    token = GRAMMAR[kind]
    if not isinstance(value, str):
        return "must be a string"
    if len(value) > token.max_len:
        return "is %d characters long; at most %d allowed" % (len(value), token.max_len)
    match = token.pattern.fullmatch(value)
    if match is None:
        return "is not a valid %s token" % kind
    if value.lower() in token.reserved:
        return "'%s' is reserved on this platform" % value
    if token.number_range is not None and match.groups():
        number = int(match.group(1))
        low, high = token.number_range
        if not low <= number <= high:
            return "number %d is outside %d-%d" % (number, low, high)
    return None


def valid(kind: str) -> str:
    return GRAMMAR[kind].valid


# ---------------------------------------------------------------- ASNs


ASDOT = re.compile(r"(0|[1-9][0-9]{0,4})\.(0|[1-9][0-9]{0,4})")
ASN_VALID = "an AS number 1-4294967295 in asplain (70000) or asdot (1.4464) notation"


def parse_asn(value: object) -> Tuple[Optional[int], Optional[str]]:
    """``(asn, None)`` or ``(None, reason)``; accepts an integer or an asplain/asdot string."""
    if isinstance(value, bool):
        return None, "must be a number, not a boolean"
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        dotted = ASDOT.fullmatch(value)
        if dotted:
            high, low = int(dotted.group(1)), int(dotted.group(2))
            if high > U16 or low > U16:
                return None, "each asdot part must be 0-65535"
            number = (high << 16) | low
        elif DECIMAL.fullmatch(value) and len(value) <= 10:
            number = int(value)
        else:
            return None, "is not an AS number in asplain or asdot notation"
    else:
        return None, "must be a number or an asdot string"
    if not 1 <= number <= U32:
        return None, "must be 1-4294967295"
    return number, None


def format_asn(asn: int, notation: str = "asplain") -> str:
    """One canonical spelling: asplain ``70000`` or asdot ``1.4464`` (2-byte ASNs stay plain in both)."""
    if notation == "asdot" and asn > U16:
        return "%d.%d" % (asn >> 16, asn & U16)
    return str(asn)


# ---------------------------------------------------------------- communities, RD / RT

COMMUNITY_VALID = "ASN:NN with both parts 0-65535, e.g. 64512:301"
EXTENDED_VALID = (
    "type 0 ASN2:NN32 (e.g. 65000:100302), type 2 ASN4:NN16 (e.g. 4200000000:10 or asdot 64086.59904:10) "
    "or type 1 IPv4:NN16 (e.g. 192.0.2.1:10); not 0:0"
)
_COMMUNITY = re.compile(r"(0|[1-9][0-9]{0,4}):(0|[1-9][0-9]{0,4})")
_EXTENDED = re.compile(r"(0|[1-9][0-9]{0,9}|[0-9]{1,5}\.[0-9]{1,5}|[0-9]{1,3}(?:\.[0-9]{1,3}){3}):(0|[1-9][0-9]{0,9})")


def check_community(value: object) -> Optional[str]:
    """Standard community (RFC 1997) in the ``AA:NN`` format."""
    if not isinstance(value, str):
        return "a standard community is a string AA:NN"
    match = _COMMUNITY.fullmatch(value)
    if match is None:
        return "a standard community is two decimal numbers joined by ':'"
    if int(match.group(1)) > U16 or int(match.group(2)) > U16:
        return "each part must be 0-65535"
    return None


@dataclass(frozen=True)
class Extended:
    """A parsed route target / route distinguisher."""

    kind: str  # "asn2" (type 0), "ipv4" (type 1), "asn4" (type 2)
    admin: int  # ASN, or the IPv4 address as an integer
    number: int

    def key(self) -> Tuple[str, int, int]:
        """Equal for every spelling of one value (``65536:7`` == ``1.0:7``)."""
        return ("ipv4" if self.kind == "ipv4" else "asn", self.admin, self.number)

    def format(self, notation: str = "asplain") -> str:
        if self.kind == "ipv4":
            return "%s:%d" % (ipaddress.IPv4Address(self.admin), self.number)
        return "%s:%d" % (format_asn(self.admin, notation) if self.admin else "0", self.number)


def parse_extended(value: object) -> Tuple[Optional[Extended], Optional[str]]:
    """``(Extended, None)`` or ``(None, reason)``."""
    if not isinstance(value, str):
        return None, "must be a string ADMIN:NUMBER"
    match = _EXTENDED.fullmatch(value)
    if match is None:
        return None, "must be ADMIN:NUMBER with decimal digits (an ASN, asdot X.Y, or an IPv4 address before ':')"
    admin, number = match.group(1), int(match.group(2))
    if admin.count(".") == 3:
        try:
            address = int(ipaddress.IPv4Address(admin))
        except ValueError:
            return None, "'%s' is not an IPv4 address" % admin
        if number > U16:
            return None, "with an IPv4 administrator (type 1) the number must be 0-65535"
        return Extended("ipv4", address, number), None
    if "." in admin:
        asn, reason = parse_asn(admin)
        if asn is None:
            return None, "administrator %s %s" % (admin, reason)
        if number > U16:
            return None, "with a 4-byte ASN (type 2) the number must be 0-65535"
        return Extended("asn4", asn, number), None
    asn = int(admin)
    if asn > U32:
        return None, "the ASN before ':' must be 0-4294967295"
    if asn <= U16:
        if number > U32:
            return None, "with a 2-byte ASN (type 0) the number must be 0-4294967295"
        if asn == 0 and number == 0:
            return None, "0:0 names no administrator and no number"
        return Extended("asn2", asn, number), None
    if number > U16:
        return None, "with a 4-byte ASN (type 2) the number must be 0-65535; %d does not fit 16 bits" % number
    return Extended("asn4", asn, number), None


def check_extended(value: object) -> Optional[str]:
    return parse_extended(value)[1]


def canonical_extended(value: str, notation: str = "asplain") -> str:
    """``value`` in the one spelling every artifact uses; unchanged when it does not parse."""
    parsed, _unused = parse_extended(value)
    return parsed.format(notation) if parsed else value


def derive_route_target(asn: int, number: int) -> Tuple[Optional[str], Optional[str]]:
    """The default ``<asn>:<l3vni>`` route target, legal for the ASN size, or why there is none.

    A 2-byte ASN gives type 0 (32-bit number). A 4-byte ASN leaves 16 bits for
    the number (type 2), so only an L3VNI of at most 65535 can be used as is.
    """
    if asn <= U16:
        return "%d:%d" % (asn, number), None
    if number <= U16:
        return "%d:%d" % (asn, number), None
    return None, ("fabric ASN %d is a 4-byte ASN, which leaves 16 bits for the number, and L3VNI %d does not fit; "
                  "no legal route target can be derived" % (asn, number))


def nxos_auto_route_target(asn: int, vni: int) -> str:
    """What NX-OS ``route-target both auto`` derives for a VRF.

    Cisco Nexus 9000 VXLAN configuration guide, "About Route-Target Auto": type 0
    with the ASN as the 2-byte administrator and the VNI as the 4-byte number;
    for a 4-byte ASN the administrator is AS_TRANS 23456.
    """
    return "%d:%d" % (asn if asn <= U16 else AS_TRANS, vni)
