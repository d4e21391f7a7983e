# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A device configuration as a tree of lines, printed the way each OS prints it.

NX-OS ``show running-config`` indents two spaces per level and closes nothing.
IOS-XR indents one space per level and closes every submode with ``!``, even an
empty one (``address-family ipv6 unicast`` under a neighbour), so a node says
whether it is a submode rather than inferring it from having children.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, List, Sequence, Tuple

# One line of printable ASCII with no leading or trailing blank: anything else
# (a newline, NUL, U+2028, a tab) in a value would start another command.
_LINE = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # every control character but the newline


class UnsafeLineError(ValueError):
    """A rendered line is not one line of printable characters; the message names the value."""


def check_line(line: str) -> str:
    """``line`` when it is one safe CLI line, else UnsafeLineError (defence in depth behind validation)."""
    if not _LINE.fullmatch(line):
        bad = sorted({c for c in line if not "\x20" <= c <= "\x7e"}) or ["leading/trailing blank"]
        raise UnsafeLineError("rendered line %r is not one line of printable ASCII (offending: %s)"
                              % (line, ", ".join(repr(c) for c in bad)))
    return line


@dataclass(frozen=True)
class Node:
    line: str
    children: Tuple["Node", ...] = ()
    submode: bool = False


def mode(line: str, *children: "Node | None") -> Node:
    """A submode: ``line`` opens a context holding ``children`` (None entries dropped)."""
    return Node(check_line(line), tuple(c for c in children if c is not None), True)


def leaf(line: str) -> Node:
    return Node(check_line(line))


def nxos_lines(nodes: Iterable[Node], depth: int = 0) -> List[str]:
    out: List[str] = []
    for node in nodes:
        out.append("  " * depth + node.line)
        out.extend(nxos_lines(node.children, depth + 1))
    return out


def iosxr_lines(nodes: Iterable[Node], depth: int = 0) -> List[str]:
    out: List[str] = []
    for node in nodes:
        out.append(" " * depth + node.line)
        if node.submode:
            out.extend(iosxr_lines(node.children, depth + 1))
            out.append(" " * depth + "!")
    return out


def text(lines: Sequence[str]) -> str:
    """The config text; every line must be one printable line (one regex pass over the whole text)."""
    out = "\n".join(lines) + "\n" if lines else ""
    if not printable_lines(out):
        for rendered in lines:
            check_line(rendered.lstrip(" "))
        raise UnsafeLineError("rendered text is not printable lines: %r" % out[:200])
    return out


def require_unique(device: str, what: str, values: Sequence[object]) -> None:
    """Refuse a config where one name or number would be configured twice (the device would merge them)."""
    dupes = sorted(str(v) for v, n in Counter(values).items() if n > 1)
    if dupes:
        raise ValueError("%s: %s %s is used more than once" % (device, what, ", ".join(dupes)))


def _lines(text: str) -> List[str]:
    # Split on "\n" only: str.splitlines() also breaks at U+2028, U+0085, \x1c..., which would
    # hide exactly the characters this check is for.
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n") if text else []


def parse_tree(text: str) -> List[Node]:
    """Read a rendered config back into nodes: a line indented deeper than the one before is its child."""
    root: List[Tuple[str, list]] = []
    stack: List[Tuple[int, list]] = [(-1, root)]
    for raw in _lines(text):
        indent = len(raw) - len(raw.lstrip(" "))
        while stack[-1][0] >= indent:
            stack.pop()
        children: list = []
        stack[-1][1].append((raw.strip(), children))
        stack.append((indent, children))

    def build(entries: List[Tuple[str, list]]) -> List[Node]:
        return [Node(line, tuple(build(children)), bool(children)) for line, children in entries]

    return build(root)


def printable_lines(text: str) -> bool:
    """True when ``text`` is lines of printable ASCII, none empty or with a trailing blank, each ended by a newline."""
    return (text.isascii() and not _CONTROL.search(text) and " \n" not in text and "\n\n" not in text
            and not text.startswith("\n") and (not text or text.endswith("\n")))


def reread_problem(text: str, dialect: str) -> str:
    """Why ``text`` does not read back as the structure it was rendered from ("" when it does).

    Every line must be one printable line, indented by whole levels, at most one
    level deeper than the line before it (IOS-XR RPL bodies: two spaces). For
    NX-OS that is exactly the condition for ``parse_tree`` to print back to
    ``text`` (``nxos_lines`` indents each node by its depth), so the tree need
    not be built.
    """
    if not printable_lines(text):
        for number, raw in enumerate(_lines(text), 1):
            try:
                check_line(raw.lstrip(" "))
            except UnsafeLineError as exc:
                return "line %d: %s" % (number, exc)
        return "the text does not end with a newline"
    step = 2 if dialect == "nxos" else 1
    deeper = 2 if dialect == "iosxr" else step
    lines = _lines(text)
    indents = [len(raw) - len(raw.lstrip(" ")) for raw in lines]
    if all(b - a <= deeper for a, b in zip([0] + indents, indents)) and not any(i % step for i in indents):
        return ""
    previous = 0
    for number, (raw, indent) in enumerate(zip(lines, indents), 1):
        if indent > previous + deeper or indent % step:
            return "line %d %r is indented %d spaces after a line indented %d" % (number, raw, indent, previous)
        previous = indent
    return ""
