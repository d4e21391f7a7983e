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

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, List, Sequence, Tuple


@dataclass(frozen=True)
class Node:
    line: str
    children: Tuple["Node", ...] = ()
    submode: bool = False


def mode(line: str, *children: "Node | None") -> Node:
    """A submode: ``line`` opens a context holding ``children`` (None entries dropped)."""
    return Node(line, tuple(c for c in children if c is not None), True)


def leaf(line: str) -> Node:
    return Node(line)


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
    return "\n".join(lines) + "\n" if lines else ""


def require_unique(device: str, what: str, values: Sequence[object]) -> None:
    """Refuse a config where one name or number would be configured twice (the device would merge them)."""
    dupes = sorted(str(v) for v, n in Counter(values).items() if n > 1)
    if dupes:
        raise ValueError("%s: %s %s is used more than once" % (device, what, ", ".join(dupes)))
