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


def _ip(version: Optional[int], net: bool = False) -> Callable[[str], bool]:
    def check(tok: str) -> bool:
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


def _asn(tok: str) -> bool:
    m = re.fullmatch(r"(\d+)(?:\.(\d+))?", tok)
    if not m:
        return False
    if m.group(2) is not None:
        return int(m.group(1)) <= 65535 and int(m.group(2)) <= 65535
    return 1 <= int(m.group(1)) <= 4294967295


def _comm(tok: str) -> bool:
    m = re.fullmatch(r"(\d+):(\d+)", tok)
    if m:
        return int(m.group(1)) <= 65535 and int(m.group(2)) <= 65535
    return tok in ("internet", "local-AS", "no-advertise", "no-export")


def _rt(tok: str) -> bool:
    m = re.fullmatch(r"([0-9.]+):(\d+)", tok)
    if not m:
        return False
    left, right = m.group(1), int(m.group(2))
    if "." in left and left.count(".") == 3:
        return _ip(4)(left) and right <= 65535
    return _asn(left) and right <= (4294967295 if int(left.split(".")[0]) <= 65535 else 65535)


TYPES: Dict[str, Tuple[Callable[[str], bool], str]] = {
    # type: (check, the word NX-OS uses in "% Invalid <word> at '^' marker.")
    "WORD": (bool, "command"),
    "NUM": (lambda t: t.isdigit(), "number"),
    "ASN": (_asn, "number"),
    "IP4": (_ip(4), "ip address"),
    "IP6": (_ip(6), "ipv6 address"),
    "IP": (_ip(None), "ip address"),
    "PFX4": (_ip(4, True), "ip prefix"),
    "PFX6": (_ip(6, True), "ipv6 prefix"),
    "COMM": (_comm, "community"),
    "RT": (_rt, "extcommunity"),
    "RD": (lambda t: t == "auto" or _rt(t), "route distinguisher"),
    "RTA": (lambda t: t == "auto" or _rt(t), "extcommunity"),
}


@dataclass(frozen=True)
class Lit:
    words: Tuple[str, ...]


@dataclass(frozen=True)
class Typ:
    kind: str
    many: bool = False


@dataclass(frozen=True)
class Opt:
    elems: Tuple[object, ...]


@dataclass(frozen=True)
class Rest:
    pass


def compile_pattern(pattern: str) -> Tuple[object, ...]:
    toks = pattern.replace("[", " [ ").replace("]", " ] ").split()
    stack: List[List[object]] = [[]]
    for tok in toks:
        if tok == "[":
            stack.append([])
        elif tok == "]":
            group = stack.pop()
            stack[-1].append(Opt(tuple(group)))
        elif tok == "...":
            stack[-1].append(Rest())
        elif tok.startswith("<"):
            many = tok.endswith("+")
            stack[-1].append(Typ(tok.strip("<>+"), many))
        elif tok.startswith("("):
            stack[-1].append(Lit(tuple(tok.strip("()").split("|"))))
        else:
            stack[-1].append(Lit((tok,)))
    assert len(stack) == 1, pattern
    return tuple(stack[0])


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
    check, word = TYPES[head.kind]
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


def match_line(rules: Sequence[Rule], toks: Sequence[str], abbrev: bool = False) -> Tuple[Optional[Match], Failure]:
    fail = Failure()
    for rule in rules:
        got = _match(rule.elems, toks, 0, [], fail, abbrev)
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
