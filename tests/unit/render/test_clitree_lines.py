# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The last guard before a line reaches a device (render.clitree): one printable ASCII line, or an error
naming the line and the offending characters. By hand, and against a plain definition."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.clitree import (
    UnsafeLineError, check_line, printable_lines, require_unique, text)


@pytest.mark.parametrize("line", ["vrf context T1", "!", "~", "a b", "route-map X permit 10"])
def test_safe_lines_pass_unchanged(line):
    assert check_line(line) == line


@pytest.mark.parametrize("line, offending", [
    ("vrf context T1\nrouter bgp 1", "'\\n'"),
    ("name\x7f", "'\\x7f'"),
    ("caf\u00e9", "'é'"),
    ("a\tb\x00", "'\\x00', '\\t'"),  # each offending character once, sorted
    (" leading", "'leading/trailing blank'"),
    ("trailing ", "'leading/trailing blank'"),
    ("", "'leading/trailing blank'"),
])
def test_unsafe_lines_are_named_with_their_offending_characters(line, offending):
    with pytest.raises(UnsafeLineError) as err:
        check_line(line)
    assert str(err.value) == "rendered line %r is not one line of printable ASCII (offending: %s)" % (line, offending)


def test_text_joins_lines_and_refuses_an_unsafe_one():
    assert text(["a", " b", "!"]) == "a\n b\n!\n"
    assert text([]) == ""
    with pytest.raises(UnsafeLineError) as err:
        text(["a", "  b\u2028c"])
    assert "rendered line 'b\\u2028c'" in str(err.value)
    with pytest.raises(UnsafeLineError) as err:
        text(["a", ""])  # an empty line
    assert str(err.value).startswith("rendered line '' is not one line")


def test_require_unique_names_every_duplicate():
    require_unique("Leaf01", "VRF", ["T1", "T2"])
    with pytest.raises(ValueError) as err:
        require_unique("Leaf01", "VRF", ["T2", "T1", "T2", "T1", "T3"])
    assert str(err.value) == "Leaf01: VRF T1, T2 is used more than once"


@pytest.mark.parametrize("candidate, ok", [
    ("a\nb\n", True), ("", True), ("a", False), ("\na\n", False), ("a\n\nb\n", False), ("a \n", False),
    ("a\tb\n", False), ("caf\u00e9\n", False), ("a\x7f\n", False), (" a\n", True),
])
def test_printable_lines(candidate, ok):
    assert printable_lines(candidate) is ok


def _plain(candidate):
    if not candidate:
        return True
    if not candidate.endswith("\n"):
        return False
    for line in candidate[:-1].split("\n"):
        if not line or line.endswith(" ") or any(not " " <= c <= "~" for c in line):
            return False
    return True


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet="ab \n\t\x7f\u00e9", max_size=12))
def test_printable_lines_is_the_plain_definition(candidate):
    assert printable_lines(candidate) is _plain(candidate)
