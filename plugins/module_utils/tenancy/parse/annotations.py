# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Marks a person adds to a captured output when publishing it, removed before parsing.

Lab guides paste show output into Markdown ``diff`` blocks to highlight lines: a ``+`` before the first
character of the line (``+BGP routing table entry for ...``, ``+london-vm-00   65000 ...``), an arrow
written over the blank first cell of a row (``     --->   65000  fc00:0:6666::1 ...``) and a remark
after the line (``fc00:0:7777::1 (metric 3) from ...   <--------- SOURCE xrd07``). No NX-OS, IOS-XR, Cilium or
kubectl output starts a line with ``+`` (a ``+---+`` ruler is left alone) or an arrow, or prints `` <--``,
so all three are the author's, not the box's. The ``+`` is deleted, not blanked: the author inserted it,
and the columns after it line up with the header again once it is gone; the arrow took the place of
blanks, so it becomes blanks again. Line numbers do not change.
"""

from __future__ import annotations

import re

# Cheap test over the whole text (one C-level scan): a "+" or an arrow opening a line's content, or a " <--" remark.
_ANY = re.compile(r"^[ \t]*(?:\+(?![-+=])|[-=]+> )|[ \t]<--", re.MULTILINE)
_REMARK = " <--"
_ARROW = re.compile(r"[-=]+>(?= )")


def _clean(line: str) -> str:
    stripped = line.lstrip(" \t")
    if stripped[:1] == "+" and stripped[1:2] not in ("-", "+", "="):
        line = line[:len(line) - len(stripped)] + stripped[1:]
    elif stripped[:1] in ("-", "=") and ">" in stripped[:40]:
        m = _ARROW.match(stripped)
        if m:  # "--->" written over a blank cell: blanked, so the columns after it stay where they were
            line = line[:len(line) - len(stripped)] + " " * m.end() + stripped[m.end():]
    cut = line.find(_REMARK)
    if cut < 0:
        cut = line.find("\t<--")
    if cut >= 0:
        line = line[:cut].rstrip()
    return line


def strip_annotations(text: str) -> str:
    """*text* without diff markers and trailing ``<--`` remarks; the same object when it has none."""
    if _ANY.search(text) is None:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "+" in line or ">" in line or "<--" in line:
            lines[i] = _clean(line)
    return "\n".join(lines)
