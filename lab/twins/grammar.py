# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Command grammars and the configuration tree the twins keep.

A grammar rule is a token pattern such as
``ip community-list standard <WORD> [seq <NUM>] (permit|deny) <COMM>+``:
literals, ``(a|b)`` choices, ``<TYPE>`` / ``<TYPE>+`` typed values,
``[...]`` optional groups and ``...`` (the rest of the line, free text).
Matching a line yields its canonical text (full keywords) or the token
index where it stopped, which is where the device puts its ``^`` marker.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple, Union


U16 = 65535
U32 = 4294967295


def _ip(version: Optional[int], net: bool = False) -> Callable[[str], bool]:
    def check(tok: str) -> bool:
        # Dotted quads only in their plain form: ipaddress refuses leading zeros and
        # out-of-range octets, as both OSes do ("% Invalid ip address").
        try:
            if net:
                if "/" not in tok:
                    return False
                obj = ipaddress.ip_interface(tok)
            else:
                obj = ipaddress.ip_address(tok)
        except ValueError:
            return False
        return version is None or obj.version == version
    return check


def asn_value(tok: str) -> Optional[int]:
    """An AS number as asplain (1-4294967295) or asdot (X.Y, each 0-65535, not 0.0); None when invalid.

    Source: RFC 5396 (asplain / asdot); NX-OS Unicast Routing Configuration
    Guide, "Configuring Basic BGP" (AS number 1-4294967295 or xx.xx, 4-byte);
    IOS XR Routing Command Reference, "router bgp" (1-65535, 1.0-65535.65535,
    65536-4294967295).
    """
    m = re.fullmatch(r"(\d{1,10})(?:\.(\d{1,5}))?", tok)
    if not m:
        return None
    if m.group(2) is not None:
        hi, lo = int(m.group(1)), int(m.group(2))
        if hi > U16 or lo > U16 or (hi == 0 and lo == 0):
            return None
        return hi * 65536 + lo
    value = int(m.group(1))
    return value if 1 <= value <= U32 else None


def _asn(tok: str) -> bool:
    return asn_value(tok) is not None


def _comm(tok: str) -> bool:
    # Standard community "AA:NN", each half 0-65535 (RFC 1997), or a well-known name.
    # Source: NX-OS Unicast Routing Command Reference, "ip community-list standard"
    # (aa:nn, internet, local-AS, no-advertise, no-export).
    m = re.fullmatch(r"(\d{1,5}):(\d{1,5})", tok)
    if m:
        return int(m.group(1)) <= U16 and int(m.group(2)) <= U16
    return tok in ("internet", "local-AS", "no-advertise", "no-export")


def _rt(tok: str) -> bool:
    """A route distinguisher / route target value in one of RFC 4364's three types.

    Type 0: 2-byte ASN : 32-bit number; type 1: IPv4 address : 16-bit number;
    type 2: 4-byte ASN (asplain above 65535, or asdot) : 16-bit number.
    Source: NX-OS "rd" / "route-target" command reference ("ASN2:NN, ASN4:NN,
    or IPV4:NN"); IOS XR "rd" command reference (as-number:nn, ip-address:nn).
    """
    m = re.fullmatch(r"([0-9.]{1,15}):(\d{1,10})", tok)
    if not m:
        return False
    left, right = m.group(1), int(m.group(2))
    if left.count(".") == 3:
        return _ip(4)(left) and right <= U16
    if "." in left:  # asdot: always the 4-byte type
        return asn_value(left) is not None and right <= U16
    if not left.isdigit():
        return False
    asn = int(left)
    if asn <= U16:
        return right <= U32
    return asn <= U32 and right <= U16


def rt_key(tok: str) -> Tuple[str, int, int]:
    """A route target / RD as the value a router compares: (type, administrator, number), so that the
    asdot and asplain spellings of one 4-byte-AS value are equal (1.11:10 is 65547:10, both type 2)
    and the 2-byte 100:7 stays apart from asdot 0.100:7 (type 2). Unparsable text keys as itself."""
    left, _sep, right = tok.partition(":")
    if right.isdigit():
        if left.count(".") == 3 and _ip(4)(left):
            return ("ip", int(ipaddress.IPv4Address(left)), int(right))
        asn = asn_value(left)
        if asn is not None:
            return ("as4" if "." in left or asn > U16 else "as2", asn, int(right))
    return ("text:" + tok, 0, 0)


def contiguous_mask(tok: str) -> bool:
    """A dotted IPv4 netmask whose one bits are contiguous (255.255.255.0, not 255.0.255.0)."""
    if not _ip(4)(tok):
        return False
    value = int(ipaddress.IPv4Address(tok))
    inverted = (~value) & 0xFFFFFFFF
    return (inverted & (inverted + 1)) == 0


def _num(tok: str) -> bool:
    return re.fullmatch(r"\d{1,10}", tok) is not None


def _name(max_len: int) -> Callable[[str], bool]:
    # A configuration object name (route-map, list, VRF): printable, no spaces, bounded length.
    def check(tok: str) -> bool:
        return 0 < len(tok) <= max_len and re.fullmatch(r"[!-~]+", tok) is not None
    return check


TYPES: Dict[str, Tuple[Callable[[str], bool], str]] = {
    # type: (check, the word NX-OS uses in "% Invalid <word> at '^' marker.")
    "WORD": (bool, "command"),
    "NAME": (_name(63), "command"),
    "NUM": (_num, "number"),
    "ASN": (_asn, "number"),
    "IP4": (_ip(4), "ip address"),
    "IP6": (_ip(6), "ipv6 address"),
    "IP": (_ip(None), "ip address"),
    "MASK4": (contiguous_mask, "ip mask"),
    "PFX4": (_ip(4, True), "ip prefix"),
    "PFX6": (_ip(6, True), "ipv6 prefix"),
    "PFX": (_ip(None, True), "ip prefix"),
    "COMM": (_comm, "community"),
    "RT": (_rt, "extcommunity"),
    "RD": (lambda t: t == "auto" or _rt(t), "route distinguisher"),
    "RTA": (lambda t: t == "auto" or _rt(t), "extcommunity"),
}


def register_type(name: str, check: Callable[[str], bool], word: str = "command") -> None:
    """A platform's own token type (its interface names, say), usable as ``<NAME>`` in its rules."""
    TYPES[name] = (check, word)


@dataclass(frozen=True)
class Lit:
    words: Tuple[str, ...]


@dataclass(frozen=True)
class Typ:
    kind: str
    many: bool = False
    lo: Optional[int] = None   # <NUM:1-4094>: an inclusive range on the value
    hi: Optional[int] = None

    def check(self, tok: str) -> bool:
        base, _word = TYPES[self.kind]
        if not base(tok):
            return False
        if self.lo is None or self.hi is None:
            return True
        return tok.isdigit() and self.lo <= int(tok) <= self.hi


@dataclass(frozen=True)
class Opt:
    elems: Tuple[object, ...]


@dataclass(frozen=True)
class Rest:
    pass


@dataclass(frozen=True)
class Alt:
    """``(a b|<T>|c)``: one of several token sequences."""
    seqs: Tuple[Tuple[object, ...], ...]


def compile_pattern(pattern: str) -> Tuple[object, ...]:
    toks = re.findall(r"[\[\]()|]|[^\s\[\]()|]+", pattern)
    pos = 0

    def seq(closers: str) -> Tuple[object, ...]:
        nonlocal pos
        out: List[object] = []
        while pos < len(toks) and toks[pos] not in closers:
            tok = toks[pos]
            pos += 1
            if tok == "[":
                group = seq("]")
                pos += 1
                out.append(Opt(group))
            elif tok == "(":
                alts = [seq("|)")]
                while toks[pos] == "|":
                    pos += 1
                    alts.append(seq("|)"))
                pos += 1
                if all(len(a) == 1 and isinstance(a[0], Lit) for a in alts):
                    out.append(Lit(tuple(w for a in alts for w in a[0].words)))  # type: ignore[union-attr]
                else:
                    out.append(Alt(tuple(alts)))
            elif tok == "...":
                out.append(Rest())
            elif tok.startswith("<"):
                many = tok.endswith("+")
                kind, _sep, rng = tok.strip("<>+").partition(":")
                if kind not in TYPES:
                    raise ValueError("unknown token type %r in %r" % (kind, pattern))
                if rng:
                    lo, hi = rng.split("-")
                    out.append(Typ(kind, many, int(lo), int(hi)))
                else:
                    out.append(Typ(kind, many))
            else:
                out.append(Lit((tok,)))
        return tuple(out)

    elems = seq("")
    if pos != len(toks):
        raise ValueError("unbalanced pattern %r" % pattern)
    return elems


@dataclass
class Failure:
    pos: int = -1
    kind: str = "command"

    def note(self, pos: int, kind: str) -> None:
        if pos > self.pos:
            self.pos, self.kind = pos, kind


def _lit_match(word: str, tok: str, abbrev: bool) -> bool:
    return tok == word or (abbrev and len(tok) >= 1 and word.startswith(tok))


def _match(elems: Sequence[object], toks: Sequence[str], i: int, out: List[str], fail: Failure,
           abbrev: bool) -> Optional[List[str]]:
    if not elems:
        if i == len(toks):
            return out
        fail.note(i, "command")
        return None
    head, rest = elems[0], elems[1:]
    if isinstance(head, Rest):
        if i >= len(toks):
            fail.note(i, "incomplete")
            return None
        return out + list(toks[i:])
    if isinstance(head, Opt):
        got = _match(tuple(head.elems) + tuple(rest), toks, i, out, fail, abbrev)
        return got if got is not None else _match(rest, toks, i, out, fail, abbrev)
    if isinstance(head, Alt):
        for alt in head.seqs:
            got = _match(tuple(alt) + tuple(rest), toks, i, out, fail, abbrev)
            if got is not None:
                return got
        return None
    if i >= len(toks):
        fail.note(i, "incomplete")
        return None
    tok = toks[i]
    if isinstance(head, Lit):
        exact = [w for w in head.words if w == tok]
        cands = exact or [w for w in head.words if _lit_match(w, tok, abbrev)]
        if len(cands) != 1:
            fail.note(i, "command")
            return None
        return _match(rest, toks, i + 1, out + [cands[0]], fail, abbrev)
    assert isinstance(head, Typ)
    check, word = head.check, TYPES[head.kind][1]
    if not check(tok):
        fail.note(i, word)
        return None
    if head.many:
        j = i + 1
        while j < len(toks) and check(toks[j]):
            j += 1
        # Longest run first, then shorter ones so a trailing keyword can match.
        for end in range(j, i, -1):
            got = _match(rest, toks, end, out + list(toks[i:end]), fail, abbrev)
            if got is not None:
                return got
        return None
    return _match(rest, toks, i + 1, out + [tok], fail, abbrev)


@dataclass
class Rule:
    """One line a mode accepts.

    ``key``: how many leading canonical tokens identify the line among its
    siblings (a single-valued setting is replaced, e.g. ``vni``); None means
    the whole line is its identity.  ``mode``: the submode the line opens.
    ``sort``: optional sort key for siblings of this rule (route-map seq).
    """

    pattern: str
    mode: Optional[str] = None
    key: Optional[Union[int, Callable[[List[str]], Tuple]]] = None
    sort: Optional[Callable[[List[str]], Tuple]] = None
    normalize: Optional[Callable[[List[str]], List[str]]] = None
    # A condition the device must meet for the line to exist in its parser (NX-OS:
    # a feature's commands appear only once "feature X" is on); see Device.enabled.
    requires: Optional[str] = None
    # A mode line with a child setting on the same line ("neighbor A remote-as N"):
    # the canonical tokens from index ``split`` on are a line of the opened mode.
    split: Optional[int] = None
    elems: Tuple[object, ...] = field(default=(), repr=False)
    order: int = 0

    def __post_init__(self) -> None:
        self.elems = compile_pattern(self.pattern)


def make_rules(rules: Sequence[Rule]) -> List[Rule]:
    for n, rule in enumerate(rules):
        rule.order = n
    return list(rules)


@dataclass
class Match:
    rule: Rule
    tokens: List[str]

    @property
    def line(self) -> str:
        return " ".join(self.tokens)

    @property
    def ident(self) -> Tuple:
        key = self.rule.key
        if key is None:
            return (self.rule.order, tuple(self.tokens))
        if callable(key):
            return (self.rule.order,) + tuple(key(self.tokens))
        return (self.rule.order, tuple(self.tokens[:key]))


MAX_WORDS = 256  # words in one command line


def first_words(rule: Rule) -> Tuple[str, ...]:
    head = rule.elems[0] if rule.elems else None
    return head.words if isinstance(head, Lit) else ()


def match_line(rules: Sequence[Rule], toks: Sequence[str], abbrev: bool = False,
               enabled: Optional[Callable[[Rule], bool]] = None) -> Tuple[Optional[Match], Failure]:
    """The first rule (of those ``enabled``) that matches ``toks``.

    With ``abbrev`` keywords may be cut to a unique prefix, as both OSes allow:
    a first word that is the prefix of two different keywords of the mode is
    ambiguous and fails (``% Ambiguous command``), as on the device.
    """
    fail = Failure()
    if len(toks) > MAX_WORDS:
        # Real CLIs cap a line's length; the cap also bounds the matcher's recursion.
        fail.note(MAX_WORDS, "command")
        return None, fail
    live = [r for r in rules if enabled is None or enabled(r)]
    if abbrev and toks:
        firsts = {w for r in live for w in first_words(r)}
        if toks[0] not in firsts and len({w for w in firsts if w.startswith(toks[0])}) > 1:
            fail.note(0, "ambiguous")
            return None, fail
    # Words spelled in full win over abbreviations ("neighbor" is not short for "neighbor-group").
    for cut in ((False, True) if abbrev else (False,)):
        for rule in live:
            got = _match(rule.elems, toks, 0, [], fail, cut)
            if got is not None:
                if rule.normalize:
                    got = rule.normalize(got)
                return Match(rule, got), fail
    return None, fail


class Node:
    """A configuration line with its children (a submode when ``mode`` is set)."""

    def __init__(self, line: str = "", rule: Optional[Rule] = None, ident: Tuple = (), mode: Optional[str] = None):
        self.line = line
        self.rule = rule
        self.ident = ident
        self.mode = mode
        self.children: List["Node"] = []

    def copy(self) -> "Node":
        new = Node(self.line, self.rule, self.ident, self.mode)
        new.children = [c.copy() for c in self.children]
        return new

    def find(self, ident: Tuple) -> Optional["Node"]:
        for child in self.children:
            if child.ident == ident:
                return child
        return None

    def child(self, prefix: str) -> Optional["Node"]:
        """First child whose line is ``prefix`` or starts with ``prefix + ' '``."""
        for c in self.children:
            if c.line == prefix or c.line.startswith(prefix + " "):
                return c
        return None

    def all(self, prefix: str) -> List["Node"]:
        return [c for c in self.children if c.line == prefix or c.line.startswith(prefix + " ")]

    def value(self, prefix: str) -> Optional[str]:
        c = self.child(prefix)
        if c is None:
            return None
        return c.line[len(prefix):].strip() or ""

    def set(self, m: Match) -> "Node":
        """Add or replace the line ``m`` among the children; return its node."""
        ident = m.ident
        node = self.find(ident)
        if node is None:
            node = Node(m.line, m.rule, ident, m.rule.mode)
            self.children.append(node)
        else:
            node.line = m.line
        return node

    def remove(self, toks: Sequence[str]) -> bool:
        """``no <line>``: drop children equal to, or starting with, the given words."""
        text = " ".join(toks)
        keep = [c for c in self.children if not (c.line == text or c.line.startswith(text + " "))]
        removed = len(keep) != len(self.children)
        self.children = keep
        return removed

    def ordered(self) -> List["Node"]:
        first: Dict[Tuple, int] = {}
        decorated = []
        for n, c in enumerate(self.children):
            order = c.rule.order if c.rule else 10 ** 6
            group = c.rule.sort(c.line.split()) if (c.rule and c.rule.sort) else (n,)
            gkey = (order, group[0]) if len(group) > 1 else (order, n)
            first.setdefault(gkey, n)
            decorated.append(((order, first[gkey]) + tuple(group[1:]) + (n,), c))
        return [c for _unused, c in sorted(decorated, key=lambda x: x[0])]

    def lines(self, step: str, closer: bool, depth: int = 0) -> List[str]:
        out: List[str] = []
        for c in self.ordered():
            out.append(step * depth + c.line)
            out.extend(c.lines(step, closer, depth + 1))
            if closer and c.mode:
                out.append(step * depth + "!")
        return out

    def walk(self):
        for c in self.children:
            yield c
            yield from c.walk()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Node) and self.line == other.line and self.children == other.children

    def __repr__(self) -> str:
        return "Node(%r, %d children)" % (self.line, len(self.children))
