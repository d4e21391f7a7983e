# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Marks a person adds to a captured output when publishing it, removed before parsing.

Lab guides paste show output into Markdown ``diff`` blocks to highlight lines: a ``+`` before the first
character of the line (``+BGP routing table entry for ...``, ``+london-vm-00   65000 ...``), an arrow
written over the blank first cell of a row (``     --->   65000  fc00:0:6666::1 ...``) and a remark
after the line (``fc00:0:7777::1 (metric 3) from ...   <--------- SOURCE xrd07``). Web pages add HTML:
``<pre><code>`` around the block, ``<mark>`` around what they highlight, ``&gt;`` for ``>``. No NX-OS, IOS-XR, Cilium or
kubectl output starts a line with ``+`` (a ``+---+`` ruler is left alone) or an arrow, or prints `` <--``,
so all three are the author's, not the box's. The ``+`` is deleted, not blanked: the author inserted it,
and the columns after it line up with the header again once it is gone; the arrow took the place of
blanks, so it becomes blanks again. Line numbers do not change.
"""

from __future__ import annotations

import re
from typing import List, Set

_REMARK = " <--"
# A shorter arrow is a remark too when a gap of two blanks or more sets it off from the output before it and a blank
# follows ("fcbb:bb00:1:e003::   uDT4   'CUST-A'   bgp-100   InUse   <- L3VPN service"); one blank before it is
# left alone (a flow's direction, "a:80 <- b:1234", is some tools' own output).
_REMARK_SHORT = "  <- "
# Web pages (xrdocs.io) show output in <pre><code> blocks and highlight values with <mark>: the tags are the page's,
# and so are the entities a page writes for "<", ">" and "&" ("*&gt;i10.0.0.0/8"). Only these tag names: "<none>",
# "<snip>" and "<redacted>" are the tools' own words.
_TAGS = ("mark", "pre", "code", "b", "strong", "em", "i", "u", "span", "div", "font", "br", "kbd", "samp", "tt")
_TAG = re.compile(r"</?(?:" + "|".join(_TAGS) + r")(?:\s[^<>]{0,300})?/?>", re.IGNORECASE)
_ENTITIES = (("&gt;", ">"), ("&lt;", "<"), ("&quot;", '"'), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&"))
_ENTITY_STARTS = tuple(e for e, _c in _ENTITIES)
_ARROW = re.compile(r"[-=]+>(?= )")
# After a "+": blanks, then a YAML key (or list item) of a block ("     prefix: fc00::/48", "   - behavior: uDT4").
_INDENTED_KEY = re.compile(r" +(?:- )?[A-Za-z_][\w.\-/]*:(?: |$)")
# A person marks a few lines; past this many the text is not a hand-annotated capture and is left as it is.
MAX_MARKED_LINES = 10000
# Each candidate ("+", an arrow's ">", a remark's "<") costs a microsecond or two of Python; a text with more of one
# kind than this is not a hand-annotated capture either: that kind is not looked for (counted first, at C speed).
MAX_CANDIDATES = 50000
# How far back a mark's line start is looked for: indentation before a "+", a whole line (the cleaner's limit) before "<--".
_LEAD_WINDOW = 200
_LINE_WINDOW = 4096


def _clean(line: str, margin: int = -1) -> str:
    """*line* without its marks; *margin*: the blanks every unmarked line around it starts with (-1: unknown)."""
    if "<" in line:
        line = _TAG.sub("", line)
    if "&" in line:
        for ent, char in _ENTITIES:
            line = line.replace(ent, char)
    stripped = line.lstrip(" \t")
    if stripped[:1] == "+" and stripped[1:2] not in ("-", "+", "="):
        col = len(line) - len(stripped)
        # A "+" inside the blank margin of the block took the place of a blank (a diff's one-column prefix):
        # blanked, so YAML keeps its indentation. So does a "+" written over the blank before an indented YAML
        # key ("+     prefix: ...", "+   - behavior: ..."), wherever the margin is. Anywhere else the author
        # inserted it: deleted.
        line = line[:col] + (" " if col < margin or _INDENTED_KEY.match(stripped, 1) else "") + stripped[1:]
    elif stripped[:1] in ("-", "=") and ">" in stripped[:40]:
        m = _ARROW.match(stripped)
        if m:  # "--->" written over a blank cell: blanked, so the columns after it stay where they were
            line = line[:len(line) - len(stripped)] + " " * m.end() + stripped[m.end():]
    cut = line.find(_REMARK)
    if cut < 0:
        cut = line.find("\t<--")
    if cut < 0:
        cut = line.find(_REMARK_SHORT)
    if cut >= 0:
        line = line[:cut].rstrip()
    return line


def _line_start(text: str, pos: int, window: int) -> int:
    """Offset of the start of the line holding *pos*, or -1 when it is further back than *window*."""
    lo = max(0, pos - window)
    nl = text.rfind("\n", lo, pos)
    return nl + 1 if nl >= 0 else (0 if lo == 0 else -1)


def _mark_line(text: str, ch: str, pos: int) -> int:
    """Start of the line the *ch* ("+", ">" or "<") at *pos* marks, or -1 when it is no mark there."""
    if ch == "<":  # a remark " <--", or a page's HTML tag
        if text.startswith("<--", pos):
            ls = _line_start(text, pos, _LINE_WINDOW)
            return ls if ls >= 0 and pos > ls and text[pos - 1] in " \t" else -1
        if text.startswith("<- ", pos) and pos >= 2 and text[pos - 2:pos] == "  ":
            ls = _line_start(text, pos, _LINE_WINDOW)
            return ls if ls >= 0 and pos - 2 >= ls else -1
        return _line_start(text, pos, _LINE_WINDOW) if _TAG.match(text, pos) else -1
    if ch == "&":  # an HTML entity
        return _line_start(text, pos, _LINE_WINDOW) if text.startswith(_ENTITY_STARTS, pos) else -1
    if ch == ">":  # the end of an arrow "--->" followed by a blank; the arrow starts at its first dash
        if text[pos + 1:pos + 2] != " " or pos == 0 or text[pos - 1] not in "-=":
            return -1
        ls = _line_start(text, pos, _LEAD_WINDOW)
        if ls < 0:
            return -1
        while pos > ls and text[pos - 1] in "-=":
            pos -= 1
    else:  # "+", not a ruler's "+---"
        if text[pos + 1:pos + 2] in ("-", "+", "="):
            return -1
        ls = _line_start(text, pos, _LEAD_WINDOW)
        if ls < 0:
            return -1
    return ls if not text[ls:pos].strip(" \t") else -1


def _marked_lines(text: str) -> List[int]:
    """Start offsets of the lines holding a mark, sorted (more than MAX_MARKED_LINES: give up).

    Candidates are found by one character ("+", ">", "<", "&"), counted first at C speed: a multi-character search
    over 10 MB costs five times more, and a text with more than MAX_CANDIDATES of one of them ("*>" rows of a
    large BGP table) is not searched for that kind of mark.
    """
    starts = set()
    for ch in ("+", ">", "<", "&"):
        if not 0 < text.count(ch) <= MAX_CANDIDATES:
            continue
        pos = text.find(ch)
        while pos >= 0:
            ls = _mark_line(text, ch, pos)
            if ls >= 0:
                starts.add(ls)
                if len(starts) > MAX_MARKED_LINES:
                    return sorted(starts)
            pos = text.find(ch, pos + 1)
    return sorted(starts)


_MARGIN_LINES = 20  # unmarked lines looked at on each side of a marked one
_MARGIN_BUDGET = 20000  # lines looked at for margins in one text, at most


def _margin(text: str, start: int, marked: Set[int], budget: List[int]) -> int:
    """The fewest leading blanks of the unmarked, non-blank lines near the line at *start* (-1: none found).

    *budget*: lines left to look at for the whole text (one-element list, spent here): a text with thousands of
    marked lines among blanks would otherwise cost a walk per mark; once spent, a "+" is deleted.
    """
    best = -1
    for forward in (False, True):
        pos, seen = start, 0
        while seen < _MARGIN_LINES and budget[0] > 0:
            budget[0] -= 1
            if forward:
                nxt = text.find("\n", pos)
                if nxt < 0:
                    break
                pos = nxt + 1
            else:
                if pos == 0:
                    break
                pos = text.rfind("\n", 0, pos - 1) + 1
            end = text.find("\n", pos)
            line = text[pos:end if end >= 0 else len(text)][:_LINE_WINDOW]
            if pos in marked or not line.strip():
                continue
            seen += 1
            indent = len(line) - len(line.lstrip(" "))
            best = indent if best < 0 else min(best, indent)
    return best


def strip_annotations(text: str) -> str:
    """*text* without diff markers and trailing ``<--`` remarks; the same object when it has none.

    Only the lines a mark was found on are touched (a 10 MB table with one marked line costs two fast scans).
    """
    starts = _marked_lines(text)
    if not starts or len(starts) > MAX_MARKED_LINES:
        return text
    marked = set(starts)
    budget = [_MARGIN_BUDGET]
    pieces: List[str] = []
    done = 0
    last_margin = -1
    for start in starts:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        pieces.append(text[done:start])
        line = text[start:end]
        margin = -1
        if "+" in line:
            # Once the budget is spent, a mark takes the margin found for the one before it: a pasted diff keeps one
            # margin throughout, and deleting the "+" instead would shift that line's indentation (YAML breaks).
            margin = _margin(text, start, marked, budget) if budget[0] > 0 else last_margin
            last_margin = margin if margin >= 0 else last_margin
        pieces.append(_clean(line, margin))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)
