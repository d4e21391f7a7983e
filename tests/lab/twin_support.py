# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers shared by the twin tests (a module of its own: several test folders have a conftest)."""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

SEED = os.path.join(ROOT, "tests", "data", "seed", "cilium-nexus-tenancy-blog.txt")  # the repository's copy
T0 = 1764150000.0  # a fixed lab clock: show output is the same on every run


def seed_text() -> str:
    with open(SEED, encoding="utf-8") as fh:
        return fh.read()


def seed_block(prompt_command: str) -> list:
    """Lines of the seed's capture of one command, up to the next prompt or prose line."""
    lines = seed_text().splitlines()
    for n, ln in enumerate(lines):
        if ln.strip() == prompt_command:
            out = []
            for nxt in lines[n + 1:]:
                if re.match(r"^(Leaf01#|RP/0/RP0/CPU0:XRV#|jawad@|root@)", nxt) or len(nxt) > 120:
                    break
                out.append(nxt)
            return out
    raise AssertionError("the seed has no capture of %r" % prompt_command)
