# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Captured CLI text as lines: what is noise (prompts, echoed commands, IOS-XR timestamps, pager remnants,
terminal escapes) and what is data, with the line number as captured, so an unparsed line can be found in
the saved file. Each noise case has a data twin that differs by one character.
"""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import text as tx


def kept(text, **kw):
    return [(ln.no, ln.raw, ln.text) for ln in tx.clean_lines(text, "t", **kw)]


@pytest.mark.parametrize("line", [
    "RP/0/RP0/CPU0:pe1#show bgp summary", "RP/0/RSP0/CPU0:xr#", "leaf01# show ip route", "leaf01#", "Leaf-01(config)# term len 0",
    "switch> sh ver", "cisco@k8s-cp:~/poc$ cilium bgp peers", "root@node:/home/cilium# cilium bgp peers", "$ kubectl get svc",
    "# cilium bgp peers", "\u276f cilium bgp routes", "~ sudo cilium-dbg bgp peers", "$", "#",
    "show bgp l2vpn evpn", "sh ip route vrf all", "kubectl get svc -A", "cilium-dbg bgp peers",
    "Mon Jan  1 00:00:00.000 UTC", "Thu Dec  7 12:34:56 UTC 2026", "Sun Mar 10 01:02:03",
    # commands other than show typed at a prompt or echoed in a saved session
    "leaf1(config)# router bgp 65001", "leaf1(config-router-vrf)# address-family ipv4 unicast", "spine1(config)#",
    "leaf1# copy running-config startup-config", "N9K> enable", "leaf1#terminal length 0", "conf t", "configure terminal",
    "show mac address-table", "sh ver", "show running-config | section bgp", "term width 511",
    # pyATS / Unicon's log line in front of what it captured (genieparser issue 390)
    "2021-01-29 12:33:37,902: %UNICON-INFO: +++ router1 with alias 'mgmt': executing command 'show bgp summary' +++",
    "2024-05-01 09:00:00: %UNICON-WARNING: +++ pe1: ... +++",
])
def test_noise_lines_are_dropped(line):
    assert kept("10.0.0.0/24\n" + line + "\n10.0.1.0/24") == [(1, "10.0.0.0/24", "10.0.0.0/24"), (3, "10.0.1.0/24", "10.0.1.0/24")]


@pytest.mark.parametrize("line", [
    "Neighbor        V    AS MsgRcvd", "*>i10.0.0.0/24  10.0.0.1  0 100 0 65001 i", "Mon 10.0.0.1", "Monday Jan 1 00:00:00",
    "show-run is not a command", "Route Distinguisher: 10.0.0.1:3    (L3VNI 100302)", "Status codes: s suppressed, * valid, > best",
    "  *via 10.0.0.1, Eth1/1, [1/0], 00:01:02, static", "Origin codes: i - IGP, e - EGP, ? - incomplete",
    "kubectl", "k8s-worker   65001   65000   10.0.0.1   established", "100% done",
    # one word away from an echoed command: prose, a status mark before a prefix, a config word inside a row
    "show are absent in this table", "r>i10.0.0.0/8       10.0.0.1   0   100   0 i", "r> 10.0.0.0/8  10.0.0.1  0  0 i",
    "configured peers: 2", "terminal server 10.0.0.9 up",
    # a date-stamped line that is not Unicon's
    "2021-01-29 12:33:37,902: %BGP-5-ADJCHANGE: neighbor 10.0.0.1 Up", "2021-01-29 12:33:37 10.0.0.0/24",
])
def test_data_lines_are_kept(line):
    assert [t for _no, _raw, t in kept(line)] == [line.strip()]


def test_numbers_raw_and_stripped_text():
    assert kept("\n  a b  \n\nc\t d\r\n") == [(2, "  a b", "a b"), (4, "c     d", "c     d")]


def test_keep_blank_gives_blank_lines_their_numbers():
    assert kept("a\n\n  \nb", keep_blank=True) == [(1, "a", "a"), (2, "", ""), (3, "", ""), (4, "b", "b")]


def test_last_line_without_newline_and_empty_text():
    assert kept("a\nb") == [(1, "a", "a"), (2, "b", "b")]
    assert kept("") == [] and kept("\n\n") == []


def test_indented_property():
    a, b, c = tx.clean_lines("  x\n\ty\nz", "t")
    assert (a.indented, b.indented, c.indented) == (True, True, False)
    assert b.raw == "    y"


def test_pager_escapes_and_backspaces():
    text = ("\x1b[7m--More--\x1b[27m\b\b\b\b\b\b\b\b        \b\b\b\b\b\b\b\b10.0.0.0/24 via 10.0.0.1\n"
            " --More-- 10.0.1.0/24\n"
            "\x1b[1mbold\x1b[0m\n"
            "\bx\b\bab")
    assert [t for _n, _r, t in kept(text)] == ["10.0.0.0/24 via 10.0.0.1", "10.0.1.0/24", "bold", "ab"]


def test_more_in_data_is_kept():
    assert [t for _n, _r, t in kept("No More routes\nMore")] == ["No More routes", "More"]


def test_overlong_lines_are_marked_unless_structured():
    long = "x" * (tx.MAX_LINE + 1)
    at_limit = "y" * tx.MAX_LINE
    assert [t for _n, _r, t in kept(long + "\n" + at_limit)] == [tx.OVERLONG, at_limit]
    assert [t for _n, _r, t in kept(long, max_line=None)] == [long]
    assert [t for _n, _r, t in kept("abcdef", max_line=3)] == [tx.OVERLONG]


def test_not_text_is_a_parse_error_naming_the_type():
    with pytest.raises(ParseError) as err:
        tx.clean_lines(b"bytes", "cmd")
    assert (err.value.command, err.value.reason) == ("cmd", "expected the command output as text, got bytes")


def test_content_lines_requires_content():
    assert [ln.no for ln in tx.content_lines("\nx", "c")] == [2]
    with pytest.raises(ParseError) as err:
        tx.content_lines("leaf01# show bgp\n\n", "c")
    assert (err.value.command, err.value.reason) == ("c", "no output to parse (empty text)")


def test_is_noise_direct():
    assert tx.is_noise("leaf01#") and not tx.is_noise("leaf 01") and tx.is_noise("Mon Jan  1 00:00:00.000 UTC")


# --- small converters -----------------------------------------------------------------------------------------------


def test_to_int_and_its_error():
    assert tx.to_int("42", "c") == 42
    ln = tx.Line(3, "  raw x", "raw x")
    with pytest.raises(ParseError) as err:
        tx.to_int("x", "c", ln, "count")
    assert (err.value.reason, err.value.line_no, err.value.line) == ("expected count, got 'x'", 3, "  raw x")
    with pytest.raises(ParseError) as err:
        tx.to_int(None, "c")
    assert (err.value.reason, err.value.line_no, err.value.line) == ("expected number, got None", None, None)


@pytest.mark.parametrize("value,asn", [("65000", 65000), ("1.10", 65546), ("0.1", 1), (4200000001, 4200000001), ("65535.65535", 4294967295)])
def test_asn_asplain_and_asdot(value, asn):
    assert tx.asn(value, "c") == asn


@pytest.mark.parametrize("value", ["x", "1.x", "x.1", ""])
def test_asn_errors_say_as_number(value):
    with pytest.raises(ParseError) as err:
        tx.asn(value, "c")
    assert "expected AS number" in err.value.reason


@pytest.mark.parametrize("value,out", [(None, None), ("", None), ("7", 7), (7, 7), ("x", None), ([1], None), ("0", 0)])
def test_opt_int(value, out):
    assert tx.opt_int(value) == out


def test_fail_carries_the_line():
    err = tx.fail("c", "why", tx.Line(9, " r", "r"))
    assert (err.command, err.reason, err.line_no, err.line) == ("c", "why", 9, " r")
    assert str(err) == "c: why at line 9: ' r'"
    assert tx.fail("c", "why").line_no is None and str(tx.fail("c", "why")) == "c: why"


def test_spans_columns():
    assert tx.spans("  ab  c ab") == [("ab", 2, 4), ("c", 6, 7), ("ab", 8, 10)]
    assert tx.spans("") == []


def test_split_once_is_a_fresh_list_each_call_and_bounded():
    split = tx.SplitOnce(commas=True, limit=1)
    first = split("a,b c")
    assert first == ["a", "b", "c"]
    first.append("z")
    assert split("a,b c") == ["a", "b", "c"]
    assert split("d e") == ["d", "e"] and len(split.cache) == 1
    assert tx.SplitOnce()("a,b c") == ["a,b", "c"]


def test_a_dirty_line_of_exactly_the_limit_is_kept():
    line = "\t" + "y" * (tx.MAX_LINE - 1)
    assert [t for _n, _r, t in kept(line)] == ["y" * (tx.MAX_LINE - 1)]


def test_a_carriage_return_inside_a_line_is_dropped():
    assert [t for _n, _r, t in kept("10.0.0.0/24\rvia 10.0.0.1\r\n")] == ["10.0.0.0/24via 10.0.0.1"]


def test_converter_errors_name_the_command_and_line():
    ln = tx.Line(5, " x", "x")
    with pytest.raises(ParseError) as err:
        tx.to_int("x", "cmd", ln)
    assert (err.value.command, err.value.line_no) == ("cmd", 5)
    for value, bad in (("1.2.3", "2.3"), ("x.1", "x"), ("1.x", "x"), ("x", "x")):
        with pytest.raises(ParseError) as err:
            tx.asn(value, "cmd", ln)
        assert (err.value.command, err.value.reason, err.value.line_no) == ("cmd", "expected AS number, got %r" % bad, 5)


def test_content_lines_marks_overlong_lines_and_names_the_command():
    assert [ln.text for ln in tx.content_lines("x" * (tx.MAX_LINE + 1), "c")] == [tx.OVERLONG]
    assert [ln.text for ln in tx.content_lines("abcd", "c", max_line=2)] == [tx.OVERLONG]
    with pytest.raises(ParseError) as err:
        tx.content_lines(42, "cmd")
    assert err.value.command == "cmd"


def test_clean_lines_of_the_same_small_text_again_is_a_new_equal_list():
    # The dispatcher and a reader may clean one small capture twice: the second answer comes from the last one,
    # so it must be equal and not the same list (a reader may change its list).
    text = "leaf1# show nve vni\n10.0.0.0/24\n\n10.0.1.0/24\n"
    first = tx.clean_lines(text, "t")
    first.pop()
    again = tx.clean_lines(text, "t")
    assert [(ln.no, ln.text) for ln in again] == [(2, "10.0.0.0/24"), (4, "10.0.1.0/24")]
    assert [ln.no for ln in tx.clean_lines(text, "t", keep_blank=True)] == [2, 3, 4, 5]  # other options, other lines
    assert [ln.no for ln in tx.clean_lines(text, "t")] == [2, 4]


def test_a_large_text_is_not_kept_after_its_cleaning():
    big = "10.0.0.0/24\n" * (tx.SMALL_TEXT // 12 + 1)
    assert len(tx.clean_lines(big, "t")) == tx.SMALL_TEXT // 12 + 1
    assert tx._last_cleaned[0] is not big
