# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared fixtures for the device renderer tests: the lab intent, the seed, golden files."""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.model import plan

REPO_ROOT = Path(__file__).resolve().parents[3]
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED = REPO_ROOT / "tests" / "data" / "seed" / "cilium-nexus-tenancy-blog.txt"  # the repository's copy (README there)
LAB = REPO_ROOT / "inventories" / "lab" / "group_vars" / "all" / "tenancy.yml"

# A shell or device prompt starts a new command in the seed's transcripts.
PROMPT = re.compile(r"^(\S+#|\S+\$ |root@\S+#)")


@pytest.fixture(scope="session")
def lab_data() -> Dict[str, Any]:
    with open(LAB, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["tenancy"]


@pytest.fixture()
def lab_copy(lab_data: Dict[str, Any]) -> Dict[str, Any]:
    return copy.deepcopy(lab_data)


@pytest.fixture(scope="session")
def lab_intent(lab_data: Dict[str, Any]):
    return plan(copy.deepcopy(lab_data))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_output(seed: str, command: str) -> List[str]:
    """Lines printed after the first prompt whose command is ``command``, up to the next prompt."""
    lines = seed.splitlines()
    for index, line in enumerate(lines):
        match = PROMPT.match(line)
        if match and line[match.end():].strip() == command:
            out = []
            for following in lines[index + 1:]:
                if PROMPT.match(following):
                    break
                out.append(following)
            return out
    raise AssertionError("the seed has no %r command" % command)


@pytest.fixture(scope="session")
def seed_out(seed_text: str) -> Callable[[str], List[str]]:
    return lambda command: seed_output(seed_text, command)


def is_subsequence(needles: List[str], haystack: List[str]) -> bool:
    position = iter(haystack)
    return all(any(n == h for h in position) for n in needles)


@pytest.fixture()
def golden() -> Callable[[str, str], None]:
    """Compare ``text`` with golden/<name>; UPDATE_GOLDEN=1 rewrites the file instead."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN") == "1":
            path.write_text(text, encoding="utf-8")
            return
        assert path.is_file(), "golden file %s missing; run with UPDATE_GOLDEN=1 and review it" % path
        expected = path.read_text(encoding="utf-8")
        if text != expected:
            import difflib

            diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                                "golden/" + name, "rendered"))
            pytest.fail("rendered output differs from golden/%s (UPDATE_GOLDEN=1 to accept):\n%s" % (name, diff))

    return check


@pytest.fixture(scope="session")
def subsequence() -> Callable[[List[str], List[str]], bool]:
    return is_subsequence


def top_level_blocks(text: str) -> List[List[str]]:
    """Split config text into top-level blocks: a header line and its indented lines ("!" closers kept)."""
    blocks: List[List[str]] = []
    for line in text.splitlines():
        if line and not line[0].isspace() and line != "!":
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
    return blocks


@pytest.fixture(scope="session")
def section() -> Callable[[str, str], List[str]]:
    """``show running-config | section PATTERN``: every top-level block whose header matches."""

    def sec(text: str, pattern: str) -> List[str]:
        regex = re.compile(pattern)
        return [line for block in top_level_blocks(text) if regex.search(block[0]) for line in block]

    return sec
