# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared text helpers: clean captured CLI output, small value converters.

Every parser first turns its text into ``Line`` records with
:func:`clean_lines`, so prompts, XR timestamps, ``--More--`` remnants, CRLF
and terminal control characters are handled in one place and error messages
can still quote the original line number.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple

from .errors import ParseError


class Line(NamedTuple):
    """A captured line: a tuple, because a 10 MB capture has hundreds of thousands of them."""

    no: int  # 1-based line number in the text as captured
    raw: str  # the line with trailing blanks removed, indentation kept
    text: str  # the line stripped on both sides

    @property
    def indented(self) -> bool:
        return self.raw[:1] in (" ", "\t")


# CLI verbs a person types at an NX-OS / IOS exec or config prompt (abbreviations included): a line that is a prompt
# and one of them, or (for show / terminal / configure) the verb alone, is the command echoed, not output.
_CLI_VERBS = (r"(show|sh|sho|terminal|term|conf|config|configure|end|exit|quit|copy|clear|ping|traceroute|run|dir|where|"
              r"attach|enable|en|disable|write|wr|reload|no|do|router|interface|int|vrf|address-family|neighbor|evpn|"
              r"feature|hostname|ip|ipv6|route-map|commit|abort|bash|debug|undebug|checkpoint|rollback)")
# What a person types after "show" (NX-OS, IOS-XR, IOS; common abbreviations).
_SHOW_WORDS = (r"(bgp|ip|ipv6|route|segment-routing|nve|vrf|run|running-config|startup-config|start|route-map|community-list|"
               r"mac|interface|interfaces|int|version|ver|vlan|vpc|lldp|cdp|logging|log|clock|system|module|inventory|"
               r"hardware|platform|feature|license|processes|proc|l2route|l2vpn|evpn|fabric|bfd|ospf|isis|mpls|policy-map|"
               r"class-map|access-lists|arp|spanning-tree|port-channel|hsrp|vrrp|users|environment|tech-support|tech|"
               r"router|nxapi|hostname|configuration|config|controllers|rib|cef|adjacency|srv6|nd|"
               r"checkpoint|diff|commit|telemetry|redundancy|install|file|dir|debug|terminal|history|accounting)")
# Device prompt echoing the command (or a bare trailing prompt).
_PROMPTS = (
    re.compile(r"RP/\d+/[^/\s]+/CPU\d+:[^#\s]*#.*"),  # IOS-XR
    # NX-OS / IOS: "host#", "host(config)# <anything typed>", "host#sh ...", "host> sh ver". A data row never has a
    # first token that ends in "#"; for ">" (also a BGP status mark, "r>i10.0.0.0/8") a known verb must follow.
    re.compile(r"[A-Za-z0-9][\w.\-()/:]*#(\s+\S.*)?"),
    re.compile(r"[A-Za-z0-9][\w.\-()/:]*[#>]\s*" + _CLI_VERBS + r"(\s.*)?"),
    re.compile(r"[\w.\-]+@[\w.\-]+:[^$#]*[$#](\s.*)?"),  # shell: user@host:~$ cmd
    # A shell or doc prompt before a CLI the parsers read: "# cilium bgp peers", "$ kubectl get ...".
    re.compile(r"[$#>%~\u2717\u276f\u279c\u00bb]{1,3}\s*(sudo\s+)?(kubectl|cilium|cilium-dbg|cilium-agent|k|show|sh|sho)\b.*"),
    re.compile(r"[$#]"),
    # The command itself echoed without a prompt (first lines of saved captures, or typed ahead while the box was
    # still printing): "show mac address-table", "terminal length 0", "conf t". The word after the verb must be a
    # CLI keyword, so prose that starts with "show" ("show are absent ...", "show-run is ...") stays data.
    re.compile(r"(show|sh|sho) " + _SHOW_WORDS + r"([\s|].*)?"),
    re.compile(r"(terminal|term) (length|len|width|monitor|mon|no|dont-ask|session-timeout|exec|type|history|log)(\s.*)?"),
    re.compile(r"(configure|conf|config)( (terminal|term|t))?"),
    # ("./cilium ...": a CLI built from source and run from its directory, as in the Cilium CLI's own pull requests)
    re.compile(r"(\./)?(kubectl|cilium|cilium-dbg) \S.*"),
    # The same with kubectl's usual shell alias ("k exec -it -n kube-system ds/cilium -- cilium-dbg bgp route-policies"):
    # only with one of kubectl's verbs, so a data row that starts with a lone "k" stays data.
    re.compile(r"k (exec|get|describe) \S.*"),
    # pyATS / Unicon log lines in front of what it captured: "2021-01-29 12:33:37,902: %UNICON-INFO: +++ ... +++".
    re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:[,.]\d+)?: %UNICON-[A-Z]+: .*"),
)
# Lines longer than this are not CLI output; they are reported, not matched (keeps every regex linear).
MAX_LINE = 4096
OVERLONG = "<overlong line>"
# IOS-XR stamps every command with the time it ran.
_TIMESTAMP = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d+ \d\d:\d\d:\d\d(\.\d+)?( \S+)?( \d{4})?"
)
# First characters a prompt line can start with (a cheap filter before the regexes).
_PROMPT_START = frozenset("$#>%R_-.0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_MORE = re.compile(r"\s*-+\s*More\s*-+\s*")  # what _drop_more removes
# Its core, tried only where a run of dashes begins and taken possessively: _MORE itself was tried at every blank of a
# run before "--More--" and scanned the rest of the run each time (quadratic: 0.1 s on one 4 kB line).
_MORE_CORE = re.compile(r"(?<!-)-++\s*+More\s*+-++\s*+")


def _drop_more(raw: str) -> str:
    """``_MORE.sub("", raw)`` in linear time: each core match with the blanks before it (back to the previous match)."""
    out: List[str] = []
    pos = 0
    for m in _MORE_CORE.finditer(raw):
        start = m.start()
        while start > pos and raw[start - 1].isspace():
            start -= 1
        out.append(raw[pos:start])
        pos = m.end()
    out.append(raw[pos:])
    return "".join(out)


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _scrub(raw: str, max_line: Optional[int] = MAX_LINE) -> str:
    if max_line is not None and len(raw) > max_line:
        return OVERLONG
    if "\x1b" in raw:
        raw = _ANSI.sub("", raw)
    # A pager erases "--More--" with backspaces; apply them.
    if "\b" in raw:
        kept: List[str] = []
        for ch in raw:
            if ch == "\b":
                if kept:
                    kept.pop()
            else:
                kept.append(ch)
        raw = "".join(kept)
    raw = _drop_more(raw) if "More" in raw else raw
    return raw.replace("\r", "").replace("\t", "    ").rstrip()


_DAYS = frozenset(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
_PROMPT_MARKS = ("#", ">", "$", "%", "~", "\u2717", "\u276f", "\u279c", "\u00bb")
_COMMAND_WORDS = ("show ", "sh ", "sho ", "kubectl ", "cilium", "./cilium", "k ", "terminal ", "term ", "conf")


# One C-level test per line instead of a Python loop over the marks and the patterns (same answers).
_ANY_MARK = re.compile("[" + re.escape("".join(_PROMPT_MARKS)) + "]")
_ANY_PROMPT = re.compile("|".join("(?:%s)" % p.pattern for p in _PROMPTS))


def is_noise(stripped: str) -> bool:
    """A prompt / echoed command / XR timestamp line (*stripped*: the line without surrounding blanks).

    Cheap tests first: most lines are data.
    """
    if stripped[:3] in _DAYS and _TIMESTAMP.fullmatch(stripped):
        return True
    if _ANY_MARK.search(stripped) is None and not stripped.startswith(_COMMAND_WORDS):
        return False
    return _ANY_PROMPT.fullmatch(stripped) is not None


_is_noise = is_noise
# The first line of an NX-OS output glued to a command typed ahead while the box was still answering the previous one
# ("sh bgp l2vpn evpnBGP summary information for VRF default, ..."): the echo is noise, the header is not.
_GLUED_HEADER = re.compile(r"BGP summary information for VRF |BGP routing table information for VRF |"
                           r"IP Route Table for VRF |IPv6 Routing Table for VRF ")


def glued_header(noise: str) -> str:
    """The output header a noise line (an echoed command) carries glued to its end, or ""."""
    m = _GLUED_HEADER.search(noise)
    return noise[m.start():] if m and m.start() > 0 else ""


_new_line = tuple.__new__  # Line(...) without the Python-level __new__ of NamedTuple: once per line of 10 MB
# Characters (and the pager's word) that send a line through _scrub; a chunk without any of them skips the per-line tests.
_SCRUB_MARKS = ("\r", "\t", "\x1b", "\b", "More")
# First characters of a line that no noise pattern can start with (the timestamp starts with a day, every prompt with a
# letter, digit, "_", ".", "-", "R" or a prompt mark): a BGP row ("*>i10.0.0.0/8", "* i  ...") is data at once.
_NEVER_NOISE_START = frozenset(" !\"&'()*+,/:;<=?@[\\]^`{|}")
# What every noise line starts with (is_noise is true only on lines this matches, so a line it fails is data): a day
# name (XR timestamp) or a command word; a first word that holds a prompt mark or "@" after other characters (the
# hostname, RP/0/.../CPU0:XR and user@host prompts put theirs before any blank); or one to three marks and a command
# word or nothing else ("# cilium bgp peers", "$"), so "% No matching routes found" or "*>" is not held; or the date of
# a pyATS/Unicon log line. One C-level
# test instead of four per line. Each class excludes what follows it, so the match is linear.
_MAYBE_NOISE_FORM = ("(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|{w})|[^\\s@{m}]+[@{m}]|[{m}]{{1,3}}\\s*(?:sudo|k|cilium|sh|\\Z)"
                     "|\\d{{4}}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d[,.\\d]*: %UNICON")
_MAYBE_NOISE = re.compile(_MAYBE_NOISE_FORM.format(w="|".join(re.escape(word) for word in _COMMAND_WORDS),
                                                   m=re.escape("".join(_PROMPT_MARKS))))
# Lines are split a chunk at a time (str.split in C); a chunk ends at a newline, so lines are the same as one split.
_CHUNK = 1 << 20
# In a chunk without a prompt mark, a noise line starts with one of these (a command word, or the day of an XR
# timestamp): tested per line at the start of the line, which costs less than looking for a day name in the whole chunk.
_NOISE_STARTS = _COMMAND_WORDS + tuple(sorted(_DAYS))


def _chunks(text: str) -> Iterator[str]:
    """*text* in pieces that end at a newline (the newline itself dropped), about _CHUNK characters each."""
    n = len(text)
    pos = 0
    while True:
        cut = text.find("\n", pos + _CHUNK) if pos + _CHUNK < n else -1
        if cut < 0:
            yield text[pos:] if pos else text
            return
        yield text[pos:cut]
        pos = cut + 1


def iter_clean(text: str, command: str, keep_blank: bool = False, max_line: Optional[int] = MAX_LINE) -> Iterator[Line]:
    """Cleaned lines one at a time (bounded memory on large captures).

    A line longer than *max_line* becomes OVERLONG (reported by the parser,
    never matched); structured output passes None: ``| json`` prints a whole
    table on one line.
    """
    return _clean(text, command, keep_blank, max_line, True)


def iter_rows(text: str, command: str, keep_blank: bool = False, max_line: Optional[int] = MAX_LINE) -> Iterator[Tuple[int, str, str]]:
    """:func:`iter_clean`'s lines as plain ``(no, raw, text)`` tuples, for the readers of 10 MB tables.

    The same lines; a reader that unpacks them (``for no, raw, t in ...``) spares a Line object and its
    attribute lookups per line, and builds a :class:`Line` only for a line it reports.
    """
    return _clean(text, command, keep_blank, max_line, False)


def _clean(text: str, command: str, keep_blank: bool, max_line: Optional[int], as_line: bool) -> Iterator[Any]:
    if not isinstance(text, str):
        raise ParseError(command, "expected the command output as text, got %s" % type(text).__name__)
    limit = len(text) if max_line is None else max_line
    marks, noise_starts, never, maybe_noise = _PROMPT_MARKS, _NOISE_STARTS, _NEVER_NOISE_START, _MAYBE_NOISE.match
    new_line, line_cls = _new_line, Line
    no = 0
    for chunk in _chunks(text):
        dirty = any(mark in chunk for mark in _SCRUB_MARKS)
        # One character looked for at a time (memchr speed; a pattern of the marks scans the chunk ten times slower):
        # a 10 MB "| json" answer is one line, and this test is most of what its cleaning costs.
        if not dirty and not any(mark in chunk for mark in marks):
            # No prompt mark anywhere in the chunk: a line is noise only if it starts with a command word or a day (is_noise).
            for raw in chunk.split("\n"):
                no += 1
                raw = _scrub(raw, max_line) if len(raw) > limit else raw.rstrip()
                if raw:
                    stripped = raw.strip() if raw[0] == " " else raw
                    if not stripped.startswith(noise_starts) or not is_noise(stripped):
                        yield new_line(line_cls, (no, raw, stripped)) if as_line else (no, raw, stripped)
                    else:
                        glued = glued_header(stripped)
                        if glued:
                            yield new_line(line_cls, (no, glued, glued)) if as_line else (no, glued, glued)
                elif keep_blank:
                    yield new_line(line_cls, (no, "", "")) if as_line else (no, "", "")
            continue
        for raw in chunk.split("\n"):
            no += 1
            if len(raw) > limit or (dirty and raw and ("\r" in raw or "\t" in raw or "\x1b" in raw or "\b" in raw or "More" in raw)):
                raw = _scrub(raw, max_line)
            else:
                raw = raw.rstrip()
            if not raw:
                if keep_blank:
                    yield new_line(line_cls, (no, "", "")) if as_line else (no, "", "")
                continue
            stripped = raw.strip() if raw[0] == " " or raw[0] == "\t" else raw
            # A line no noise pattern can start (first character) or that _MAYBE_NOISE rules out leaves without is_noise.
            if stripped[0] in never or maybe_noise(stripped) is None or not is_noise(stripped):
                yield new_line(line_cls, (no, raw, stripped)) if as_line else (no, raw, stripped)
            else:
                glued = glued_header(stripped)
                if glued:
                    yield new_line(line_cls, (no, glued, glued)) if as_line else (no, glued, glued)


class SplitOnce:
    """``value.replace(",", " ").split()`` computed once per distinct value, its strings shared.

    A large output repeats the same values (communities, route-map clauses)
    thousands of times; every call still returns a new list (the caller may
    change it), but the strings in it are one copy each, which is most of a
    10 MB output's result. Bounded: past *limit* distinct values, new ones
    are split as they come.
    """

    def __init__(self, commas: bool = False, limit: int = 4096) -> None:
        self.commas = commas
        self.limit = limit
        self.cache: Dict[str, Tuple[str, ...]] = {}

    def __call__(self, value: str) -> List[str]:
        done = self.cache.get(value)
        if done is None:
            done = tuple(sys.intern(v) for v in (value.replace(",", " ") if self.commas else value).split())
            if len(self.cache) < self.limit:
                self.cache[value] = done
        return list(done)


class StringPool:
    """One copy of each short string a large output repeats (next hops, nodes, ages ...), so 100,000 records hold
    references to a few hundred strings instead of 100,000 copies; bounded (*limit* strings of at most *max_len*
    characters), so hostile input cannot grow it: past the bound a value is returned as it came."""

    def __init__(self, limit: int, max_len: int) -> None:
        self.limit = limit
        self.max_len = max_len
        self.strings: Dict[str, str] = {}

    def __call__(self, value: str) -> str:
        got = self.strings.get(value)
        if got is None:
            got = value
            if len(self.strings) < self.limit and len(value) <= self.max_len:
                self.strings[value] = value
        return got


def record_template(keys: Sequence[str]) -> Dict[str, Any]:
    """A dict of *keys* (every value None) whose ``copy()`` copies all share one table of keys.

    The records of a 10 MB table (80,000 paths of 24 fields) are most of its result: a plain dict of 24 keys
    is 830 bytes, a copy of this one about 300, because CPython keeps the keys of an object's attribute dict
    in one table shared by the copies (key-sharing dicts, PEP 412) and a copy holds only its values. To every
    reader it is a plain dict (same keys in the same order, same values, same ``json.dumps``); a key added
    later, or an interpreter without key sharing, just gives an ordinary dict.
    """
    holder = type("_Record", (), {})()
    for key in keys:
        setattr(holder, key, None)
    return holder.__dict__


# The last small text cleaned, with its lines: on a capture of a few lines the fixed costs are most of a parse, and the
# dispatcher's empty-answer test, a reader's layout test and the reader itself each clean the same text. Only texts up
# to this size, so a 10 MB capture's lines are never kept past its parse. One tuple, replaced whole (no torn read).
SMALL_TEXT = 1 << 16
_last_cleaned: Tuple[Any, ...] = (None,)


def clean_lines(text: str, command: str, keep_blank: bool = False, max_line: Optional[int] = MAX_LINE) -> List[Line]:
    """Split *text* into cleaned lines, dropping prompts, XR timestamps and pager noise."""
    global _last_cleaned
    if isinstance(text, str) and len(text) <= SMALL_TEXT:
        last = _last_cleaned
        if last[0] is text and last[1] == keep_blank and last[2] == max_line:
            return list(last[3])  # a new list each time: a reader may change it; the Line tuples cannot change
        lines = list(iter_clean(text, command, keep_blank, max_line))
        _last_cleaned = (text, keep_blank, max_line, tuple(lines))
        return lines
    return list(iter_clean(text, command, keep_blank, max_line))


def to_int(value: str, command: str, line: Optional[Line] = None, what: str = "number") -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ParseError(command, "expected %s, got %r" % (what, value), line.no if line else None, line.raw if line else None)


def asn(value: str, command: str, line: Optional[Line] = None) -> int:
    """AS number as asplain int; asdot ``1.10`` becomes 65546."""
    if isinstance(value, int):
        return value
    if "." in str(value):
        hi, _sep, lo = str(value).partition(".")
        return to_int(hi, command, line, "AS number") * 65536 + to_int(lo, command, line, "AS number")
    return to_int(value, command, line, "AS number")


def opt_int(value: Any) -> Optional[int]:
    """An optional number (e.g. a JSON field): None when missing, empty or not a number."""
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def fail(command: str, reason: str, line: Optional[Line] = None) -> ParseError:
    return ParseError(command, reason, line.no if line else None, line.raw if line else None)


def require_content(lines: Sequence[Line], command: str) -> None:
    if not lines:
        raise ParseError(command, "no output to parse (empty text)")


def content_lines(text: str, command: str, max_line: Optional[int] = MAX_LINE) -> List[Line]:
    """:func:`clean_lines` for a command whose output is never legitimately empty."""
    lines = clean_lines(text, command, max_line=max_line)
    require_content(lines, command)
    return lines


def spans(raw: str) -> List[Tuple[str, int, int]]:
    """Tokens of *raw* with their start/end columns (the ``\\S+`` runs: str.split and re's \\s agree on whitespace)."""
    out = []
    find = raw.find
    end = 0
    for tok in raw.split():
        start = find(tok, end)
        end = start + len(tok)
        out.append((tok, start, end))
    return out


def bracketed(pfx: str) -> List[str]:
    """What findall of ``\\[([^\\]]*)\\]`` gives, in linear time: that regex restarted at every "[" and scanned to the
    end of a token with no "]" left ("[5]:...map[map[map[..."), quadratic in the token (1 s on one 4 kB line)."""
    parts: List[str] = []
    i = pfx.find("[")
    while i >= 0:
        j = pfx.find("]", i + 1)
        if j < 0:
            break  # no "]" after this "[", so none after any later one either
        parts.append(pfx[i + 1:j])
        i = pfx.find("[", j + 1)
    return parts
