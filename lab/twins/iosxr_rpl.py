# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS-XR Routing Policy Language: the syntax of policy and set bodies, and what they refer to.

XR parses a ``route-policy`` when ``end-policy`` closes it and a set when
``end-set`` does; a body with a syntax error is refused there.  References
(a policy naming an undefined prefix-set, a neighbour's ``route-policy NOPE
in``) are checked at ``commit``.  Sources: Cisco IOS XR Routing Configuration
Guide, "Implementing Routing Policy" (RPL structure: if/elseif/else/endif,
actions pass/drop/done/set/apply/prepend/delete; sets: prefix-set with
ge/le/eq, community-set with wildcards and well-known names,
extcommunity-set rt, as-path-set); IOS XR Routing Command Reference,
"Routing Policy Language Commands" (set local-preference 0-4294967295, set
weight 0-65535, set med, set origin, tag 0-4294967295).
"""

from __future__ import annotations

import ipaddress
import re
from typing import Dict, List, Optional, Set, Tuple

from .grammar import asn_value

# Kinds of named objects RPL refers to, and the configuration keywords that define them.
SET_KINDS = {"prefix-set": "prefix-set", "community-set": "community-set", "extcommunity-set rt": "extcommunity-set rt",
             "extcommunity-set soo": "extcommunity-set soo", "as-path-set": "as-path-set", "rd-set": "rd-set"}

WELL_KNOWN = {"internet", "local-AS", "no-advertise", "no-export", "accept-own", "graceful-shutdown", "llgr-stale",
              "no-llgr", "private-as"}
MAX_STATEMENT = 300  # words in one RPL statement (inline sets included)
_TOKEN = re.compile(r"'[^']*'|\(|\)|,|[^\s(),]+")


class Refs:
    """What a policy body uses: sets by kind, and other policies (``apply``)."""

    def __init__(self) -> None:
        self.sets: List[Tuple[str, str]] = []
        self.policies: List[str] = []


def _num(tok: str, lo: int, hi: int) -> bool:
    return tok.isdigit() and lo <= int(tok) <= hi


def _comm_elem(tok: str) -> bool:
    # AA:NN where each half is a number 0-65535, "*", a range [a..b], or private-as; or a well-known name.
    if tok in WELL_KNOWN:
        return True
    m = re.fullmatch(r"([^:]+):([^:]+)", tok)
    if not m:
        return False

    def half(h: str) -> bool:
        if h in ("*", "private-as"):
            return True
        r = re.fullmatch(r"\[(\d+)\.\.(\d+)\]", h)
        if r:
            return int(r.group(1)) <= int(r.group(2)) <= 65535
        return _num(h, 0, 65535)
    return half(m.group(1)) and half(m.group(2))


def _rt_elem(tok: str) -> bool:
    m = re.fullmatch(r"([0-9.*]+):([0-9*]+|\[\d+\.\.\d+\])", tok)
    if not m:
        return False
    left, right = m.group(1), m.group(2)
    if left.count(".") == 3:
        try:
            ipaddress.IPv4Address(left)
        except ValueError:
            return False
        return right == "*" or right.startswith("[") or _num(right, 0, 65535)
    if left == "*":
        return True
    if asn_value(left) is None:
        return False
    limit = 4294967295 if "." not in left and int(left) <= 65535 else 65535
    return right == "*" or right.startswith("[") or _num(right, 0, limit)


def _prefix_elem(words: List[str]) -> bool:
    if not words:
        return False
    try:
        net = ipaddress.ip_network(words[0], strict=False)
    except ValueError:
        return False
    rest, top = words[1:], net.max_prefixlen
    bounds: Dict[str, int] = {}
    while rest:
        # ge / le / eq lie between the prefix length and the address size, and ge <= le
        # [IOS XR Routing Configuration Guide, "prefix-set": "ge ... le ... mask length range"].
        if len(rest) < 2 or rest[0] not in ("ge", "le", "eq") or rest[0] in bounds \
                or not _num(rest[1], net.prefixlen, top):
            return False
        bounds[rest[0]] = int(rest[1])
        rest = rest[2:]
    return bounds.get("ge", 0) <= bounds.get("le", top) and not ("eq" in bounds and len(bounds) > 1)


def _regex_elem(words: List[str]) -> bool:
    return len(words) == 2 and words[0] in ("ios-regex", "dfa-regex") and words[1].startswith("'") \
        and words[1].endswith("'") and len(words[1]) >= 2


def check_set(kind: str, body: List[str]) -> List[str]:
    """Errors in a set body (elements separated by commas, none after the last)."""
    text = " ".join(ln.split("#", 1)[0] for ln in body).strip()
    if not text:
        return []
    elems = [e.split() for e in text.split(",")]
    errors = []
    for elem in elems:
        if not elem:
            errors.append("!!% Syntax error: an element is missing (a comma too many)")
            continue
        if _regex_elem(elem):
            continue
        ok = False
        if kind == "prefix-set":
            ok = _prefix_elem(elem)
        elif kind == "community-set":
            ok = len(elem) == 1 and _comm_elem(elem[0])
        elif kind.startswith("extcommunity-set"):
            ok = len(elem) == 1 and _rt_elem(elem[0])
        elif kind == "as-path-set":
            ok = elem[0] in ("neighbor-is", "originates-from", "passes-through") and len(elem) == 2 \
                or elem[0] in ("length", "unique-length") and len(elem) == 3
        elif kind == "rd-set":
            ok = len(elem) == 1 and _rt_elem(elem[0])
        if not ok:
            errors.append("!!%% Syntax error: '%s' is not a valid %s element" % (" ".join(elem), kind))
    return errors


# ------------------------------------------------------------------ policies

_SET_ATTR = {
    "local-preference": lambda w: len(w) == 1 and _num(w[0], 0, 4294967295),
    "weight": lambda w: len(w) == 1 and _num(w[0], 0, 65535),
    "med": lambda w: len(w) == 1 and (re.fullmatch(r"[+-]?\d{1,10}", w[0]) is not None or w[0] in ("igp-cost", "max-reachable")),
    "origin": lambda w: w in (["igp"], ["egp"], ["incomplete"]),
    "tag": lambda w: len(w) == 1 and _num(w[0], 0, 4294967295),
    "next-hop": lambda w: len(w) == 1 and (w[0] in ("self", "discard", "peer-address", "unchanged") or _is_ip(w[0])),
    "path-selection": lambda w: len(w) >= 1,
    "label-index": lambda w: len(w) == 1 and w[0].isdigit(),
}


def _is_ip(tok: str) -> bool:
    try:
        ipaddress.ip_address(tok)
        return True
    except ValueError:
        return False


def _inline_or_name(words: List[str], refs: Refs, kind: str, elem_ok) -> bool:
    """``NAME`` (a reference) or an inline set ``( a, b )``; parameters ``$x`` pass."""
    if len(words) == 1 and words[0] not in ("(", ")"):
        if not words[0].startswith("$"):
            refs.sets.append((kind, words[0]))
        return re.fullmatch(r"[A-Za-z0-9_$.-]+", words[0]) is not None
    if len(words) >= 3 and words[0] == "(" and words[-1] == ")":
        inner = " ".join(words[1:-1])
        return not check_set(kind, [inner]) and elem_ok
    return False


def _condition(words: List[str], refs: Refs) -> bool:
    """One RPL boolean expression: terms joined by and/or, optional not, parentheses."""
    # Split on and/or at depth 0 (inline sets use parentheses too, so track depth).
    terms: List[List[str]] = [[]]
    depth = 0
    for w in words:
        if w == "(":
            depth += 1
        elif w == ")":
            depth -= 1
            if depth < 0:
                return False
        if depth == 0 and w in ("and", "or"):
            terms.append([])
        else:
            terms[-1].append(w)
    if depth != 0:
        return False
    return all(_term(t, refs) for t in terms)


def _term(words: List[str], refs: Refs) -> bool:
    if not words:
        return False
    if words[0] == "not":
        return _term(words[1:], refs)
    if words[0] == "(" and words[-1] == ")" and words[1] not in (",",) and (len(words) < 3 or words[2] != ","):
        # A parenthesised expression, unless it is an inline set.
        if _condition(words[1:-1], refs):
            return True
    head = words[0]
    if head in ("destination", "source", "next-hop") and len(words) >= 3 and words[1] == "in":
        return _inline_or_name(words[2:], refs, "prefix-set", True)
    if head == "community" and len(words) >= 3 and words[1] in ("matches-any", "matches-every", "is-empty"):
        return _inline_or_name(words[2:], refs, "community-set", True)
    if head == "community" and words[1:] == ["is-empty"]:
        return True
    if head == "extcommunity" and len(words) >= 4 and words[1] in ("rt", "soo") \
            and words[2] in ("matches-any", "matches-every", "is-empty"):
        return _inline_or_name(words[3:], refs, "extcommunity-set " + words[1], True)
    if head == "as-path" and len(words) >= 3 and words[1] == "in":
        return _inline_or_name(words[2:], refs, "as-path-set", True)
    if head == "as-path" and len(words) >= 2 and words[1] in ("is-local", "neighbor-is", "originates-from",
                                                              "passes-through", "length", "unique-length"):
        return True
    if head in ("tag", "local-preference", "med", "path-type", "rib-has-route", "route-type", "origin",
                "orf", "protocol", "rd", "vpn-distinguisher") and len(words) >= 3:
        if head in ("tag", "local-preference", "med"):
            return words[1] in ("eq", "is", "ge", "le") and words[2].isdigit() and len(words) == 3
        if head == "rd" and words[1] == "in":
            return _inline_or_name(words[2:], refs, "rd-set", True)
        return words[1] in ("is", "in", "eq")
    if head in ("med", "tag") and len(words) == 2:
        return False
    return False


def _tokens(line: str) -> List[str]:
    return _TOKEN.findall(line.split("#", 1)[0])


def check_policy(body: List[str]) -> Tuple[List[str], Refs]:
    """Syntax errors of a route-policy body and the names it refers to."""
    refs = Refs()
    errors: List[str] = []
    blocks: List[str] = []  # one entry per open if: "if", or "else" once its else is seen
    pending: List[str] = []  # a statement spread over lines (inline sets)
    for raw in body:
        words = pending + _tokens(raw)
        if not words:
            continue
        if len(words) > MAX_STATEMENT:
            # Bounds the recursive descent below (a statement this long is not configuration).
            errors.append("!!% Syntax error: statement too long")
            pending = []
            continue
        if words.count("(") > words.count(")"):
            pending = words
            continue
        pending = []
        if not _statement(words, refs):
            errors.append("  %s\n!!%% Syntax error in route-policy statement" % raw.strip())
            continue
        if words[0] == "if":
            blocks.append("if")
        elif words[0] in ("elseif", "else", "endif"):
            if not blocks:
                errors.append("  %s\n!!%% Syntax error: '%s' without 'if'" % (raw.strip(), words[0]))
            elif words[0] == "endif":
                blocks.pop()
            elif blocks[-1] == "else":
                errors.append("  %s\n!!%% Syntax error: '%s' after 'else'" % (raw.strip(), words[0]))
            elif words[0] == "else":
                blocks[-1] = "else"
    if pending:
        errors.append("!!% Syntax error: unbalanced parentheses")
    if blocks:
        errors.append("!!% Syntax error: 'if' without 'endif'")
    return errors, refs


def _statement(words: List[str], refs: Refs) -> bool:
    head = words[0]
    if head in ("if", "elseif"):
        return len(words) >= 3 and words[-1] == "then" and _condition(words[1:-1], refs)
    if head in ("else", "endif", "pass", "drop", "done", "unsuppress-route", "suppress-route"):
        return len(words) == 1
    if head == "apply":
        # apply NAME or apply NAME(param, ...)
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\(.*\))?", "".join(words[1:]))
        if not m or len(words) < 2:
            return False
        refs.policies.append(m.group(1))
        return True
    if head == "prepend":
        return len(words) in (3, 4) and words[1] == "as-path" and (asn_value(words[2]) is not None or
                                                                   words[2] in ("most-recent", "own-as")) \
            and (len(words) == 3 or _num(words[3], 1, 63))
    if head == "delete" and len(words) >= 3 and words[1] in ("community", "extcommunity"):
        rest = words[2:]
        kind = "community-set"
        if words[1] == "extcommunity":
            if not rest or rest[0] not in ("rt", "soo"):
                return False
            kind, rest = "extcommunity-set " + rest[0], rest[1:]
        if rest == ["all"]:
            return True
        if rest[:1] == ["not"]:
            rest = rest[1:]
        return len(rest) >= 2 and rest[0] == "in" and _inline_or_name(rest[1:], refs, kind, True)
    if head == "set" and len(words) >= 2:
        attr, rest = words[1], words[2:]
        if attr == "community":
            if rest and rest[-1] == "additive":
                rest = rest[:-1]
            return bool(rest) and _inline_or_name(rest, refs, "community-set", True)
        if attr == "extcommunity" and rest and rest[0] in ("rt", "soo", "cost"):
            kind, rest = "extcommunity-set " + rest[0], rest[1:]
            if rest and rest[-1] == "additive":
                rest = rest[:-1]
            return bool(rest) and _inline_or_name(rest, refs, kind, True)
        check = _SET_ATTR.get(attr)
        return check is not None and check(rest)
    return False


def defined(root) -> Dict[str, Set[str]]:
    """Names of policies and sets defined in a configuration tree, by kind."""
    out: Dict[str, Set[str]] = {k: set() for k in list(SET_KINDS) + ["route-policy"]}
    for c in root.children:
        for kind in out:
            if c.line.startswith(kind + " "):
                out[kind].add(c.line[len(kind) + 1:].split("(")[0].split()[0])
    return out


def policy_name(line: str) -> Optional[str]:
    m = re.fullmatch(r"route-policy ([A-Za-z0-9_.-]+)(?:\(.*\))?", line)
    return m.group(1) if m else None
