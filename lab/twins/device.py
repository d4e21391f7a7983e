# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every twin shares: config-mode navigation, output filters, sessions.

A ``Device`` owns the running configuration (one lock per device, shared by
all its SSH sessions); a ``Session`` is one login with its own mode stack.
The OS modules subclass both and supply grammars, prompts and commands.
"""

from __future__ import annotations

import re
import shlex
import threading
import time
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from .grammar import Failure, Match, Node, Rule, first_words, match_line


def ctime(ts: float) -> str:
    """A time stamp as both OSes print it in show output (``Wed Nov 26 09:40:00 2025``, UTC)."""
    return time.strftime("%a %b %d %H:%M:%S %Y", time.gmtime(ts))


def command(pattern: str, handler: str) -> Rule:
    """An exec command: a match runs the session's ``do_<handler>`` method."""
    rule = Rule(pattern)
    rule.handler = handler  # type: ignore[attr-defined]
    return rule


class CliError(Exception):
    """A command the device rejects; ``text`` is printed as the device prints it."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


class Device:
    os_name = ""
    step = "  "          # indentation per level in show running-config
    closer = False       # IOS-XR closes every submode with "!"
    modes: Dict[str, Tuple[str, List[Rule]]] = {}  # mode -> (prompt suffix, rules)
    config_abbrev = True  # configuration keywords may be cut to a unique prefix (both OSes' parsers)

    def __init__(self, name: str, feed=None, clock: Callable[[], float] = time.time, baseline: str = ""):
        self.name = name
        self.feed = feed
        self.clock = clock
        self.boot_time = clock()
        self.lock = threading.RLock()
        self.running = Node()
        self.config_changed_at = self.boot_time
        self.session_since: Dict = {}  # BGP session -> when the control plane saw it come up
        if baseline:
            self.load_text(baseline)

    # ------------------------------------------------------------ config text

    def load_text(self, text: str) -> None:
        """Apply an indented configuration as if typed line by line (baseline, startup)."""
        stack: List[Tuple[int, str, Node]] = [(-1, "config", self.running)]
        for raw in text.splitlines():
            if not raw.strip() or raw.strip().startswith("!") or raw.strip() == "end":
                continue
            indent = len(raw) - len(raw.lstrip())
            while len(stack) > 1 and stack[-1][0] >= indent:
                stack.pop()
            _unused, mode, node = stack[-1]
            toks = self.join_words(raw.split())
            m, fail = match_line(self.modes[mode][1], toks, enabled=lambda r, root=self.running: self.enabled(r, root))
            if m is None:
                raise ValueError("%s: baseline line rejected: %r" % (self.name, raw.strip()))
            if m.rule.split is not None and m.rule.mode and len(m.tokens) > m.rule.split:
                inner, _unused = match_line(self.modes[m.rule.mode][1], m.tokens[m.rule.split:])
                m = Match(m.rule, m.tokens[:m.rule.split])
                child = node.set(m)
                if inner is not None:
                    child.set(inner)
            else:
                child = node.set(m)
            if m.rule.mode:
                stack.append((indent, m.rule.mode, child))

    def config_lines(self, root: Optional[Node] = None) -> List[str]:
        return (root or self.running).lines(self.step, self.closer)

    # ------------------------------------------------ platform rules (hooks)

    def enabled(self, rule: Rule, root: Node) -> bool:
        """Whether ``rule.requires`` holds in the configuration ``root`` (NX-OS: features)."""
        return True

    def join_words(self, toks: List[str]) -> List[str]:
        """The words of a configuration line as the grammar reads them (NX-OS: "interface loopback 7")."""
        return toks

    def check_line(self, session: "Session", level: int, match: Match, negate: bool) -> None:
        """Refuse a line that parses but that the device refuses (raise CliError); default: accept."""

    def after_change(self, session: "Session", op: "Op") -> None:
        """What the device does after a change beyond the line itself (NX-OS: ``no feature`` drops its config)."""

    def top_level_lines(self, keep: Callable[[Node], bool], root: Optional[Node] = None) -> List[str]:
        """The configuration lines of the top-level sections ``keep`` selects (show running-config <section>)."""
        with self.lock:
            part = Node()
            part.children = [c for c in (root or self.running).children if keep(c)]
            return self.config_lines(part)

    def session_up_since(self, key: Tuple, established: bool) -> Optional[float]:
        """When the BGP session ``key`` came up (kept while it stays up); None while it is down."""
        if established:
            return self.session_since.setdefault(key, self.clock())
        self.session_since.pop(key, None)
        return None

    def uptime(self, since: Optional[float] = None) -> float:
        return max(0.0, self.clock() - (self.boot_time if since is None else since))

    def uptime_parts(self) -> Tuple[int, int, int, int]:
        """Days, hours, minutes and seconds since boot, as show version counts them."""
        up = int(self.uptime())
        return up // 86400, up % 86400 // 3600, up % 3600 // 60, up % 60


class Op:
    """One configuration change: the matches that open its parent modes, then the line."""

    def __init__(self, path: List[Match], negate: bool, match: Optional[Match], words: List[str]):
        self.path, self.negate, self.match, self.words = path, negate, match, words
        self.inner: Optional[Match] = None  # the child line of a split one-liner

    def apply(self, root: Node) -> Optional[Node]:
        """Replay on ``root`` (creating parent modes as needed); returns the node set."""
        node = root
        for m in self.path:
            node = node.set(m)
        return self.apply_here(node)

    def apply_here(self, node: Node) -> Optional[Node]:
        if self.negate:
            if self.match is not None:
                node.children = [c for c in node.children if c.ident != self.match.ident]
            else:
                node.remove(self.words)
            return None
        assert self.match is not None
        child = node.set(self.match)
        if self.inner is not None:
            child.set(self.inner)
        return child


class Session:
    """One CLI login.  ``handle(line)`` returns the text to print.

    Subclasses set ``commands`` (the exec rules, see ``command``) and implement
    ``prompt``, ``marker`` and ``dispatch`` (a non-empty line, split into its
    words and ``|`` filters); ``intercept`` sees every line first.
    """

    commands: List[Rule] = []
    show_words: Tuple[str, ...] = ("show",)  # exec words that run unchanged in configuration mode
    filter_incomplete = False  # "| include" without a pattern: an incomplete command, not an invalid one

    def __init__(self, device: Device, user: str = "admin"):
        self.dev = device
        self.user = user
        self.stack: List[Tuple[str, Node]] = []  # config mode stack; empty = exec
        self.path: List[Match] = []  # the matches that opened the modes on the stack (below the top level)
        self.closed = False

    # ----------------------------------------------------------------- lines

    def handle(self, raw: str) -> str:
        line = raw.rstrip("\r\n")
        text = line.strip()
        early = self.intercept(text)
        if early is not None:
            return early
        if not text or text.startswith("!") or text.startswith("#"):
            return ""
        cmd, filters = split_pipes(text)
        try:
            if not cmd.split():  # "|" or "| json" typed alone: a filter with no command before it
                raise self.marker(line, 0, "command")
            return self.dispatch(line, cmd.split(), filters)
        except CliError as err:
            return err.text

    def intercept(self, text: str) -> Optional[str]:
        """The output for a line the OS reads before anything else (an open question); None for no such line."""
        return None

    def dispatch(self, line: str, toks: List[str], filters: List[List[str]]) -> str:
        raise NotImplementedError

    def exec_in_config(self, line: str, toks: List[str], filters: List[List[str]]) -> Optional[str]:
        """``do <command>`` and show commands typed in configuration mode; None for a configuration line."""
        if toks[0] == "do":
            return self.exec(line, toks[1:], filters)
        if toks[0] in self.show_words:
            return self.exec(line, toks, filters)
        if filters:
            raise self.marker(line, len(toks), "command")
        return None

    # ------------------------------------------------------------------ exec

    def exec(self, line: str, toks: List[str], filters: List[List[str]]) -> str:
        if not toks:
            return ""
        m, fail = match_line(self.commands, toks, abbrev=True)
        if m is None:
            words = line.split()
            offset = 1 if words and words[0] == "do" else 0
            raise self.marker(line, fail.pos + offset, fail.kind)
        return self.run(line, m, filters)

    def run(self, line: str, m: Match, filters: List[List[str]]) -> str:
        """Run a matched exec command and pass its output through the filters."""
        out = getattr(self, "do_" + m.rule.handler)(m.tokens)  # type: ignore[attr-defined]
        return self.pipe(line, out, filters)

    def pipe(self, line: str, out: str, filters: List[List[str]]) -> str:
        for f in filters:
            try:
                out = apply_filter(out, f)
            except ValueError as err:
                kind = "incomplete" if self.filter_incomplete and str(err) == "incomplete" else "command"
                raise self.marker(line, len(line.split("|")[0].split()) + 1, kind)
        return out

    def do_noop(self, t):
        return ""

    def do_exit(self, t):
        self.closed = True
        return ""

    # ----------------------------------------------------------------- prompts

    def prompt(self) -> str:
        raise NotImplementedError

    def mode_prompt(self, base: str, space: str) -> str:
        if not self.stack:
            return base + "#" + space
        suffix = self.dev.modes[self.stack[-1][0]][0]
        return "%s(%s)#%s" % (base, suffix, space)

    # ---------------------------------------------------------------- errors

    def marker(self, line: str, pos: int, fail_kind: str) -> CliError:
        raise NotImplementedError

    @staticmethod
    def token_offset(line: str, pos: int) -> int:
        spans = [m.start() for m in re.finditer(r"\S+", line)]
        if pos < len(spans):
            return spans[pos]
        return len(line.rstrip()) + 1

    # ------------------------------------------------------------- config mode

    def config_line(self, line: str, toks: List[str]) -> "Op":
        """Apply one configuration line at the deepest mode level that accepts it
        (like the real parsers, a line a submode does not know goes to its parent)."""
        op = self._config_line(line, toks)
        self.dev.after_change(self, op)
        return op

    def config_root(self) -> Node:
        """The configuration the session's lines change (the candidate on IOS-XR)."""
        return self.stack[0][1]

    def _config_line(self, line: str, toks: List[str]) -> "Op":
        negate = toks[0] == "no" and len(toks) > 1
        words = self.dev.join_words(toks[1:] if negate else toks)
        best = Failure()
        abbrev = self.dev.config_abbrev
        root = self.config_root()

        def enabled(rule: Rule) -> bool:
            return self.dev.enabled(rule, root)
        # A first word that is a keyword of the current mode is not read as an abbreviation
        # of another keyword in a parent mode ("rd 65000" in a BGP VRF is a bad RD, not "rd-set").
        own = {w for r in self.dev.modes[self.stack[-1][0]][1] for w in first_words(r)}
        if words and words[0] in own:
            abbrev_up = False
        else:
            abbrev_up = abbrev
        for level in range(len(self.stack) - 1, -1, -1):
            mode, node = self.stack[level]
            rules = self.dev.modes[mode][1]
            abbrev = self.dev.config_abbrev if level == len(self.stack) - 1 else abbrev_up
            if negate:
                # A line whose positive form starts with "no" ("no switchport") is a setting of its own.
                m, _unused = match_line(rules, toks, abbrev, enabled)
                if m is not None and m.tokens[0] == "no":
                    self.dev.check_line(self, level, m, False)
                    self._truncate(level)
                    op = Op(list(self.path), False, m, toks)
                    op.apply_here(node)
                    return op
            m, fail = match_line(rules, words, abbrev, enabled)
            # "no <words>" first removes every sibling that starts with those words
            # ("no route-map X" drops all its entries), else the matching line.
            expanded = m.tokens if m is not None else words
            for cand in (words, expanded):
                text = " ".join(cand)
                if negate and any(c.line == text or c.line.startswith(text + " ") for c in node.children):
                    self._truncate(level)
                    op = Op(list(self.path), True, None, list(cand))
                    op.apply_here(node)
                    return op
            if m is not None:
                inner = None
                if m.rule.split is not None and m.rule.mode and len(m.tokens) > m.rule.split and not negate:
                    inner, _unused = match_line(self.dev.modes[m.rule.mode][1], m.tokens[m.rule.split:], False, enabled)
                    m = Match(m.rule, m.tokens[:m.rule.split])
                self.dev.check_line(self, level, m, negate)
                self._truncate(level)
                op = Op(list(self.path), negate, m, words)
                op.inner = inner
                child = op.apply_here(node)
                if child is not None and m.rule.mode:
                    self.stack.append((m.rule.mode, child))
                    self.path.append(m)
                return op
            shift = 1 if negate else 0
            if fail.pos + shift > best.pos:
                best = Failure(fail.pos + shift, fail.kind)
        raise self.marker(line, best.pos, best.kind)

    def _truncate(self, level: int) -> None:
        del self.stack[level + 1:]
        self.path = self.path[:level]

    def enter_config(self, root: Node) -> None:
        self.stack = [("config", root)]
        self.path = []

    def exit_mode(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()
            self.path = self.path[: len(self.stack) - 1]
        else:
            self.leave_config()

    def leave_config(self) -> None:
        self.stack = []
        self.path = []


# ------------------------------------------------------------------ filters

def split_pipes(line: str) -> Tuple[str, List[List[str]]]:
    parts, cur, quote = [], "", ""
    for ch in line:
        if quote:
            cur += ch
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
            cur += ch
        elif ch == "|":
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    filters = []
    for p in parts[1:]:
        try:
            toks = shlex.split(p)
        except ValueError:
            toks = p.split()
        filters.append(toks)
    return parts[0].strip(), filters


def _regex(pattern: str) -> "re.Pattern[str]":
    try:
        return re.compile(pattern)
    except re.error:
        return re.compile(re.escape(pattern))


def blocks(lines: Sequence[str]) -> List[List[str]]:
    out: List[List[str]] = []
    for ln in lines:
        if ln and not ln[0].isspace() and ln.strip() != "!":
            out.append([ln])
        elif out:
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


FILTER_WORDS = {
    "include": "include", "inc": "include", "in": "include", "i": "include",
    "exclude": "exclude", "exc": "exclude", "ex": "exclude", "e": "exclude",
    "grep": "grep", "egrep": "grep",
    "section": "section", "sec": "section", "s": "section",
    "begin": "begin", "b": "begin", "beg": "begin",
    "count": "count", "no-more": "no-more", "last": "last", "head": "head",
    "utility": "utility", "json": "json", "json-pretty": "json-pretty",
}


def apply_filter(text: str, toks: List[str]) -> str:
    """One ``| <filter>`` stage; raises ValueError for an unknown filter."""
    if not toks or toks[0] not in FILTER_WORDS:
        raise ValueError("filter")
    kind, args = FILTER_WORDS[toks[0]], toks[1:]
    lines = text.split("\n")
    if text.endswith("\n"):
        lines = lines[:-1]
    if kind == "utility":
        if len(args) >= 1 and args[0] in ("head", "tail"):
            n = 10
            if "-n" in args and args.index("-n") + 1 < len(args) and args[args.index("-n") + 1].isdigit():
                n = int(args[args.index("-n") + 1])
            sel = lines[:n] if args[0] == "head" else lines[-n:]
            return "\n".join(sel) + "\n"
        if len(args) >= 2 and args[0] in ("egrep", "grep"):
            kind, args = "grep", args[1:]
        else:
            raise ValueError("filter")
    if kind in ("include", "exclude", "grep", "section", "begin") and not args:
        raise ValueError("incomplete")
    if kind == "grep":
        flags = [a for a in args if a.startswith("-")]
        words = [a for a in args if not a.startswith("-")]
        rx = re.compile(_regex(" ".join(words)).pattern, re.I if "-i" in flags else 0)
        invert = "-v" in flags
        sel = [ln for ln in lines if bool(rx.search(ln)) != invert]
    elif kind in ("include", "exclude"):
        rx = _regex(" ".join(args))
        sel = [ln for ln in lines if bool(rx.search(ln)) == (kind == "include")]
    elif kind == "section":
        rx = _regex(" ".join(args))
        sel = [ln for blk in blocks(lines) if any(rx.search(x) for x in blk) for ln in blk]
    elif kind == "begin":
        rx = _regex(" ".join(args))
        for n, ln in enumerate(lines):
            if rx.search(ln):
                sel = lines[n:]
                break
        else:
            sel = []
    elif kind == "count":
        return "%d\n" % len([ln for ln in lines if ln.strip()])
    elif kind == "last":
        n = int(args[0]) if args and args[0].isdigit() else 10
        sel = lines[-n:]
    elif kind == "head":
        n = int(args[-1]) if args and args[-1].isdigit() else 10
        sel = lines[:n]
    elif kind == "no-more":
        sel = lines
    else:
        raise ValueError("filter")
    return "\n".join(sel) + ("\n" if sel else "")
