# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Interface names as a device spells them: ``lo10`` -> ``loopback10`` (NX-OS), ``Loopback10`` (IOS-XR)."""

from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Sequence, Tuple


class InterfaceNames:
    """One OS's interface types, as ``(canonical prefix, lower-case word)`` in ``show running-config`` order.

    A type may be abbreviated to two letters or more; the words in
    ``one_letter`` to a single letter (NX-OS's ``v10`` for ``Vlan10``).
    """

    def __init__(self, types: Sequence[Tuple[str, str]], one_letter: Sequence[str] = (),
                 numbers: Optional[Dict[str, Callable[[str], bool]]] = None):
        self.types = tuple(types)
        self.one_letter = tuple(one_letter)
        self.numbers = dict(numbers or {})  # canonical prefix -> check of the part after it

    def valid(self, name: str) -> bool:
        """Whether ``name`` (any accepted spelling) names an interface this OS has: a known type
        whose number is in that type's range (``loopback1024`` is not an NX-OS interface)."""
        canon = self.canonical(name)
        for prefix, _lower in self.types:
            if canon.startswith(prefix):
                rest = canon[len(prefix):]
                check = self.numbers.get(prefix)
                if check is not None and re.fullmatch(r"[0-9/.]+", rest):
                    return check(rest)
        return False

    def canonical(self, name: str) -> str:
        """The full name of ``name`` (``lo 10``, ``Lo10``); unknown names come back unchanged."""
        m = re.fullmatch(r"([A-Za-z-]+)\s*([0-9/.]+)", name)
        if not m:
            return name
        word, num = m.group(1).lower(), m.group(2)
        for canon, lower in self.types:
            if lower.startswith(word) and len(word) >= (1 if lower in self.one_letter else 2):
                return canon + num
        return name

    def normalize(self, toks: List[str]) -> List[str]:
        """A grammar ``normalize`` hook: the line's last word is an interface name."""
        return toks[:-1] + [self.canonical(toks[-1])]

    def rank(self, name: str) -> int:
        """The position of the name's type in ``types`` (9 for an unknown type)."""
        return next((n for n, (canon, _unused) in enumerate(self.types) if name.startswith(canon)), 9)
