# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one error every parser raises when it does not understand its input."""

from __future__ import annotations

from typing import Optional


class ParseError(ValueError):
    """Text that a parser does not understand.

    Carries the command id, the 1-based line number in the text as given
    (before prompts/banners were stripped) and that line, so the operator can
    find the spot in the saved output.
    """

    def __init__(self, command: str, reason: str, line_no: Optional[int] = None, line: Optional[str] = None) -> None:
        self.command = command
        self.reason = reason
        self.line_no = line_no
        self.line = line
        where = ""
        if line_no is not None:
            where = " at line %d" % line_no
            if line is not None:
                where += ": %r" % line
        super().__init__("%s: %s%s" % (command, reason, where))
