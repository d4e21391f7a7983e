# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Captured ``-o json`` / ``| json`` / ``-o yaml`` output as Python data.

The text is cleaned like any other capture first (prompts, pager noise), and
a syntax error names the line as it was captured. Data already decoded (a
dict or list, e.g. from a JSON-aware connection plugin) passes through.
"""

from __future__ import annotations

import json
import re
from typing import Any, List

from .errors import ParseError
from .text import Line, content_lines, fail


def _json_error(exc: ValueError, lines: List[Line], cmd: str) -> ParseError:
    lineno = getattr(exc, "lineno", None)
    src = lines[lineno - 1] if lineno and lineno <= len(lines) else None
    return fail(cmd, "invalid JSON (%s)" % getattr(exc, "msg", exc), src)


def _yaml(body: str, lines: List[Line], cmd: str) -> Any:
    try:
        import yaml  # PyYAML ships with ansible-core
    except ImportError:  # pragma: no cover
        raise ParseError(cmd, "YAML input needs PyYAML")
    # libyaml's parser when PyYAML was built with it (as its wheels are): the pure-Python one takes seconds on a
    # few hundred kB, and seconds on a couple of kB of unclosed flow nesting.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        if "&" in body and any(isinstance(ev, yaml.AliasEvent) for ev in yaml.parse(body, Loader=loader)):
            # kubectl never prints anchors; aliases of aliases make a few hundred bytes stand for gigabytes
            raise ParseError(cmd, "YAML aliases (*name) are not read: kubectl does not print them")
        return yaml.load(body, Loader=loader)  # noqa: S506 - a safe loader (the C twin of SafeLoader)
    except RecursionError:
        raise ParseError(cmd, "YAML nested too deeply")
    except ParseError:
        raise
    except ValueError as exc:  # a scalar PyYAML cannot convert: an integer past Python's 4,300-digit limit
        raise ParseError(cmd, "invalid YAML value (%s)" % str(exc)[:120])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        src = lines[mark.line] if mark is not None and mark.line < len(lines) else None
        raise fail(cmd, "invalid YAML/JSON (%s)" % getattr(exc, "problem", exc), src)


# kubectx (or kubectl config use-context) run in the same capture prints this before the next command's output.
_CONTEXT_NOTE = re.compile(r"(?:[\u2714\u2713]\s*)?Switched to context \"[^\"]*\"\.?")


def without_context_notes(lines: List[Line]) -> List[Line]:
    """*lines* without the context switches (``Switched to context "kind-c2".``) printed before the output."""
    first = 0
    while first < len(lines) - 1 and _CONTEXT_NOTE.fullmatch(lines[first].text):
        first += 1
    return lines[first:] if first else lines


def _load(text: Any, cmd: str, yaml_too: bool) -> Any:
    if isinstance(text, (dict, list)):
        return text
    lines = without_context_notes(content_lines(text, cmd, max_line=None))  # NX-OS "| json" is one line, however big
    body = "\n".join(ln.raw for ln in lines)
    try:
        return json.loads(body)
    except RecursionError:
        # json's scanner recurses per nesting level; hostile input must not escape as RecursionError.
        raise ParseError(cmd, "JSON nested too deeply")
    except ValueError as exc:
        if not yaml_too:
            raise _json_error(exc, lines, cmd)
    return _yaml(body, lines, cmd)


def load_json(text: Any, cmd: str) -> Any:
    """JSON text as data."""
    return _load(text, cmd, yaml_too=False)


def load_json_or_yaml(text: Any, cmd: str) -> Any:
    """JSON or YAML text as data (kubectl prints either)."""
    return _load(text, cmd, yaml_too=True)
