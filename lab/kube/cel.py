# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small subset of CEL for ``x-kubernetes-validations`` rules.

Supported: ``self`` and field selection, ``has(self.a.b)``, ``size(x)`` and
``x.size()``, ``startsWith/endsWith/contains`` on strings, ``in``, list
literals, int/string/bool/null literals, ``== != < <= > >=``, ``+ - * / %``,
``! && ||`` (CEL's commutative error absorption), ``? :`` and parentheses.
A rule outside the subset fails at compile time (CRD registration), so no
rule can ever pass without being evaluated.
"""

from __future__ import annotations

import re
from typing import Any, List, Tuple

_TOKEN = re.compile(r"""\s*(?:
    (?P<num>\d+)
  | (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<op>==|!=|<=|>=|&&|\|\||[<>!+\-*/%().,\[\]?:])
  | (?P<id>[A-Za-z_][A-Za-z0-9_]*)
)""", re.VERBOSE)


class CelUnsupported(ValueError):
    """The rule uses CEL this interpreter does not implement."""


class CelError(Exception):
    """Evaluation error (e.g. no such key): the rule does not pass."""


def _tokens(rule: str) -> List[Tuple[str, str]]:
    out, pos = [], 0
    rule = rule.strip()
    while pos < len(rule):
        m = _TOKEN.match(rule, pos)
        if not m or m.end() == pos:
            raise CelUnsupported("cannot read CEL rule %r at %r" % (rule, rule[pos:pos + 10]))
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, rule: str) -> None:
        self.rule = rule
        self.toks = _tokens(rule)
        self.i = 0

    def peek(self, value: str = None):
        if self.i >= len(self.toks):
            return None
        tok = self.toks[self.i]
        return tok if value is None or tok[1] == value else None

    def take(self, value: str = None):
        tok = self.peek(value)
        if tok is None:
            raise CelUnsupported("CEL rule %r: expected %s" % (self.rule, value or "more input"))
        self.i += 1
        return tok

    def parse(self):
        node = self.ternary()
        if self.i != len(self.toks):
            raise CelUnsupported("CEL rule %r: unexpected %r" % (self.rule, self.toks[self.i][1]))
        return node

    def ternary(self):
        cond = self.binary(0)
        if self.peek("?"):
            self.take("?")
            yes = self.ternary()
            self.take(":")
            return ("?", cond, yes, self.ternary())
        return cond

    LEVELS = [("||",), ("&&",), ("==", "!=", "<", "<=", ">", ">=", "in"), ("+", "-"), ("*", "/", "%")]

    def binary(self, level: int):
        if level == len(self.LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() and self.peek()[1] in self.LEVELS[level] and self.peek()[0] in ("op", "id"):
            op = self.take()[1]
            left = (op, left, self.binary(level + 1))
        return left

    def unary(self):
        if self.peek("!"):
            self.take()
            return ("!", self.unary())
        if self.peek("-"):
            self.take()
            return ("neg", self.unary())
        return self.postfix()

    def postfix(self):
        node = self.primary()
        while True:
            if self.peek("."):
                self.take()
                name = self.take()[1]
                if self.peek("("):
                    node = ("call", name, node, self.args())
                else:
                    node = ("sel", node, name)
            elif self.peek("["):
                self.take()
                index = self.ternary()
                self.take("]")
                node = ("index", node, index)
            else:
                return node

    def args(self) -> List[Any]:
        self.take("(")
        out = []
        while not self.peek(")"):
            out.append(self.ternary())
            if not self.peek(")"):
                self.take(",")
        self.take(")")
        return out

    def primary(self):
        kind, value = self.take()
        if kind == "num":
            return ("lit", int(value))
        if kind == "str":
            return ("lit", bytes(value[1:-1], "utf-8").decode("unicode_escape"))
        if value == "(":
            node = self.ternary()
            self.take(")")
            return node
        if value == "[":
            items = []
            while not self.peek("]"):
                items.append(self.ternary())
                if not self.peek("]"):
                    self.take(",")
            self.take("]")
            return ("list", items)
        if kind == "id":
            if value in ("true", "false", "null"):
                return ("lit", {"true": True, "false": False, "null": None}[value])
            if value == "self":
                return ("self",)
            if value in ("has", "size") and self.peek("("):
                args = self.args()
                if len(args) != 1 or (value == "has" and args[0][0] != "sel"):
                    raise CelUnsupported("CEL rule %r: %s() takes one field selection" % (self.rule, value))
                return (value, args[0])
        raise CelUnsupported("CEL rule %r: %r is not supported by the lab's CEL subset" % (self.rule, value))


METHODS = {"size", "startsWith", "endsWith", "contains"}


def compile_rule(rule: str):
    """Parse once (CelUnsupported when outside the subset); returns an AST."""
    ast = _Parser(rule).parse()
    _check(ast, rule)
    return ast


def _check(node, rule: str) -> None:
    if node[0] == "call" and node[1] not in METHODS:
        raise CelUnsupported("CEL rule %r: method %s() is not supported" % (rule, node[1]))
    for child in node[1:]:
        if isinstance(child, tuple):
            _check(child, rule)
        elif isinstance(child, list):
            for item in child:
                _check(item, rule)


def evaluate(ast, self_value: Any) -> Any:
    """Evaluate; raises CelError on evaluation errors (missing key, bad types)."""
    op = ast[0]
    if op == "lit":
        return ast[1]
    if op == "self":
        return self_value
    if op == "list":
        return [evaluate(item, self_value) for item in ast[1]]
    if op == "sel":
        base = evaluate(ast[1], self_value)
        if not isinstance(base, dict) or ast[2] not in base:
            raise CelError("no such key: %s" % ast[2])
        return base[ast[2]]
    if op == "index":
        base, key = evaluate(ast[1], self_value), evaluate(ast[2], self_value)
        try:
            return base[key]
        except (KeyError, IndexError, TypeError):
            raise CelError("no such key: %r" % (key,))
    if op == "has":
        try:
            evaluate(ast[1], self_value)
        except CelError:
            return False
        return True
    if op == "size":
        return _size(evaluate(ast[1], self_value))
    if op == "call":
        target = evaluate(ast[2], self_value)
        args = [evaluate(a, self_value) for a in ast[3]]
        if ast[1] == "size":
            return _size(target)
        if not isinstance(target, str) or len(args) != 1 or not isinstance(args[0], str):
            raise CelError("%s() needs strings" % ast[1])
        return {"startsWith": target.startswith, "endsWith": target.endswith,
                "contains": target.__contains__}[ast[1]](args[0])
    if op == "!":
        value = evaluate(ast[1], self_value)
        if not isinstance(value, bool):
            raise CelError("! needs a bool")
        return not value
    if op == "neg":
        return -_num(evaluate(ast[1], self_value))
    if op == "?":
        cond = evaluate(ast[1], self_value)
        if not isinstance(cond, bool):
            raise CelError("?: needs a bool condition")
        return evaluate(ast[2] if cond else ast[3], self_value)
    if op in ("&&", "||"):
        return _logic(op, ast[1], ast[2], self_value)
    left, right = evaluate(ast[1], self_value), evaluate(ast[2], self_value)
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if op == "in":
        if not isinstance(right, (list, dict)):
            raise CelError("in needs a list or map")
        return left in right
    if op in ("<", "<=", ">", ">="):
        if type(left) is not type(right) or isinstance(left, (bool, type(None), list, dict)):  # noqa: E721
            raise CelError("no such overload: %s %s %s" % (type(left).__name__, op, type(right).__name__))
        return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]
    if op == "+":
        if type(left) is not type(right) or isinstance(left, (bool, dict, type(None))):  # noqa: E721
            raise CelError("no such overload for +")
        return left + right
    left, right = _num(left), _num(right)
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if right == 0:
        raise CelError("division by zero")
    return int(left / right) if op == "/" else left - right * int(left / right)


def _logic(op: str, left_ast, right_ast, self_value) -> bool:
    """CEL's && / ||: a decisive operand wins even if the other one errors."""
    decisive = op == "||"
    results = []
    for side in (left_ast, right_ast):
        try:
            value = evaluate(side, self_value)
        except CelError as exc:
            results.append(exc)
            continue
        if not isinstance(value, bool):
            results.append(CelError("%s needs bools" % op))
            continue
        if value is decisive:
            return decisive
        results.append(value)
    for item in results:
        if isinstance(item, CelError):
            raise item
    return not decisive


def _size(value: Any) -> int:
    if isinstance(value, (str, list, dict)):
        return len(value)
    raise CelError("size() of %s" % type(value).__name__)


def _num(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CelError("arithmetic needs integers")
    return value
