# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lines a parser could not place: their number, text, reason, whether they may hold a fact, and the bounds.

The verifier turns a fact-bearing unparsed line into "unverifiable", so which lines *may hold facts* is a
decision the isolation proof relies on: each case below is one line with an address or prefix and a twin
without one.
"""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import partial
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.text import Line


@pytest.mark.parametrize("text", [
    "10.0.0.1", "*> 10.71.1.0/24  10.77.0.111  0 100 0 64512 i", "neighbor 192.168.16.35 Idle", "via fd00::1, Eth1/1",
    "::/0", "::", "fd00:10::/64", "2001:db8:0:0:0:0:0:1", "2001:db8:0:0:0:0:0:1/128", "fe80::1%eth0", "[5]:[0]:[0]:[24]:[10.71.1.0]/224",
    "cafe:cafe:2be:e004::", "(10.0.0.1)",
])
def test_a_line_with_an_address_or_prefix_may_hold_facts(text):
    assert partial.may_hold_facts(text) is True


@pytest.mark.parametrize("text", [
    "", "Neighbor V AS MsgRcvd", "up 00:01:02", "1.2.3", "10.0.0.1.5", "a10.0.0.1", "10.0.0.1a", "1:2:3:4:5:6:7",
    "2001:db8:0:0:0:0:0:1:9", "Status codes: s suppressed, * valid, > best", "P1DT22H 65000 4",
])
def test_a_line_without_one_may_not(text):
    assert partial.may_hold_facts(text) is False


def test_unparsed_records_are_sorted_by_line_and_keep_the_raw_text():
    u = partial.Unparsed()
    u.add(Line(9, "  garbage 10.0.0.1", "garbage 10.0.0.1"))
    u.add(Line(3, "  header?", "header?"), "odd header")
    u.add_raw(5, "  raw line  ", "why")
    assert u.export() == [
        {"line": 3, "text": "  header?", "reason": "odd header", "may_hold_facts": False},
        {"line": 5, "text": "  raw line  ", "reason": "why", "may_hold_facts": False},
        {"line": 9, "text": "  garbage 10.0.0.1", "reason": "unrecognised line", "may_hold_facts": True}]
    assert u.count == 3


def test_past_the_limit_lines_are_counted_in_two_summaries(monkeypatch):
    monkeypatch.setattr(partial, "MAX_UNPARSED", 2)
    u = partial.Unparsed()
    for no, text in [(1, "a"), (2, "b"), (7, "c 10.0.0.1"), (8, "d"), (9, "e 10.0.0.2"), (12, "f 10.0.0.3"), (13, "g")]:
        u.add(Line(no, text, text))
    out = u.export()
    assert [r["line"] for r in out[:2]] == [1, 2] and all("count" not in r for r in out[:2])
    assert out[2:] == [
        {"line": 7, "reason": "not listed, to bound memory", "may_hold_facts": False, "count": 2,
         "text": "(2 more unparsed lines from here on)"},
        {"line": 7, "reason": "not listed, to bound memory", "may_hold_facts": True, "count": 3,
         "text": "(3 more unparsed lines from here on that may hold facts)"}]
    assert u.count == 7 and partial.unparsed_count(out) == 7


def test_past_the_limit_only_factual_lines_give_only_the_factual_summary(monkeypatch):
    monkeypatch.setattr(partial, "MAX_UNPARSED", 1)
    u = partial.Unparsed()
    for no in (4, 5, 6):
        u.add(Line(no, "10.0.0.%d" % no, "10.0.0.%d" % no))
    (listed, summary) = u.export()
    assert listed["line"] == 4 and (summary["line"], summary["count"], summary["may_hold_facts"]) == (5, 2, True)


def test_at_the_limit_nothing_is_summed(monkeypatch):
    monkeypatch.setattr(partial, "MAX_UNPARSED", 2)
    u = partial.Unparsed()
    u.add(Line(1, "a", "a"))
    u.add(Line(2, "b", "b"))
    assert [r["line"] for r in u.export()] == [1, 2] and u.more == 0


def test_unparsed_count_and_factual_lines():
    records = [{"line": 1, "may_hold_facts": True}, {"line": 2, "may_hold_facts": False, "count": 5}, "odd", {"line": 3}]
    assert partial.unparsed_count(records) == 1 + 5 + 1 + 1
    assert partial.unparsed_count(None) == 0 and partial.unparsed_count([]) == 0
    assert partial.factual_unparsed({"unparsed": records}) == [{"line": 1, "may_hold_facts": True}]
    assert partial.factual_unparsed({"unparsed": None}) == [] and partial.factual_unparsed("x") == []


# --- retry_without_bad_lines ----------------------------------------------------------------------------------------


def strict_sum(text):
    """A strict parser: every non-blank line must be a number; it names the first line that is not."""
    total = 0
    for no, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        if not line.strip().isdigit():
            raise ParseError("sum", "not a number", no, line)
        total += int(line)
    return {"total": total}


def test_bad_lines_are_blanked_recorded_and_the_rest_parsed():
    res = partial.retry_without_bad_lines(strict_sum, "1\nx 10.0.0.1\r\n2\n  y\n3")
    assert res["total"] == 6
    assert res["unparsed"] == [
        {"line": 2, "text": "x 10.0.0.1", "reason": "not a number", "may_hold_facts": True},
        {"line": 4, "text": "  y", "reason": "not a number", "may_hold_facts": False}]


def test_a_clean_text_has_no_unparsed_lines():
    assert partial.retry_without_bad_lines(strict_sum, "1\n2") == {"total": 3, "unparsed": []}


def test_the_parsers_own_unparsed_lines_are_merged_in_line_order():
    def fn(text):
        if "bad" in text.split("\n")[0]:
            raise ParseError("f", "bad first line", 1, "bad")
        return {"unparsed": [{"line": 3, "text": "z", "reason": "own", "may_hold_facts": False}]}
    res = partial.retry_without_bad_lines(fn, "bad\nok\nz")
    assert [(u["line"], u["reason"]) for u in res["unparsed"]] == [(1, "bad first line"), (3, "own")]


def test_structured_input_is_passed_through():
    assert partial.retry_without_bad_lines(lambda data: {"n": len(data)}, [1, 2]) == {"n": 2, "unparsed": []}


@pytest.mark.parametrize("line_no", [None, 0, 4])
def test_an_error_that_names_no_line_of_the_text_is_raised(line_no):
    def fn(_text):
        raise ParseError("f", "whole file", line_no)
    with pytest.raises(ParseError) as err:
        partial.retry_without_bad_lines(fn, "a\nb\nc")
    assert err.value.reason == "whole file"


def test_an_error_on_a_blank_line_is_raised_not_looped():
    calls = []

    def fn(text):
        calls.append(text)
        raise ParseError("f", "blank", 2)
    with pytest.raises(ParseError):
        partial.retry_without_bad_lines(fn, "a\n  \nc")
    assert len(calls) == 1


def test_at_most_max_retries_bad_lines():
    ok = "\n".join(["x"] * partial.MAX_RETRIES + ["1"])
    res = partial.retry_without_bad_lines(strict_sum, ok)
    assert res["total"] == 1 and len(res["unparsed"]) == partial.MAX_RETRIES
    with pytest.raises(ParseError) as err:
        partial.retry_without_bad_lines(strict_sum, "\n".join(["x"] * (partial.MAX_RETRIES + 1)))
    assert err.value.command == "strict_sum" and err.value.reason == "more than %d unrecognised lines" % partial.MAX_RETRIES


def test_a_parser_without_a_name_is_called_parser_in_the_error():
    import functools
    fn = functools.partial(strict_sum)
    with pytest.raises(ParseError) as err:
        partial.retry_without_bad_lines(fn, "\n".join(["x"] * (partial.MAX_RETRIES + 1)))
    assert err.value.command == "parser"


def test_last_line_can_be_the_bad_one():
    res = partial.retry_without_bad_lines(strict_sum, "1\nx")
    assert res["total"] == 1 and [u["line"] for u in res["unparsed"]] == [2]
