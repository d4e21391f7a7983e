# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hostile input for every parser behind ``parse_cli`` (issue 14, "robust by construction").

test_parse_cli.py already fuzzes each corpus file with line mutations under
its own command, and hits a few commands with a 200 kB token and deep JSON.
This file widens that: any command is fed any capture (the wrong parser on
the right text is what a mis-typed command does), with pathological pieces
spliced in, and the community-list one-scan fast path is checked against the
line-by-line parser it shortcuts.

No clock in these tests (timing is `make bench`'s job). A hang still shows:
the hostile pieces are 100-200 kB single lines, so a quadratic step
(backtracking regex, repeated slicing) costs about 10^10 operations per
example, minutes instead of milliseconds, and the run visibly stalls.
"""

import json
import random
import re

import pytest
from hypothesis import HealthCheck, assume, example, given, settings, strategies as st

from cases import CASES, load_fixture
from corpus import corpus
from test_parse_cli import _mutate

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError, factual_unparsed, nxos, parse_cli
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.partial import MAX_UNPARSED, unparsed_count
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.shapes import KINDS, STATUSES
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.text import spans

# Every command form parse_cli dispatches (text and structured), as a person types it.
COMMANDS = [
    ("nxos", "show bgp vrf all ipv4 unicast summary"), ("nxos", "show bgp vrf all ipv4 unicast"),
    ("nxos", "show bgp l2vpn evpn"), ("nxos", "show bgp l2vpn evpn 10.0.0.0/24 vrf red"), ("nxos", "show ip route vrf all"),
    ("nxos", "show ip community-list"), ("nxos", "show ip extcommunity-list"), ("nxos", "show route-map"),
    ("nxos", "show running-config"), ("nxos", "show vrf detail"), ("nxos", "show nve vni"),
    ("nxos", "show bgp vrf all all summary | json"),
    ("iosxr", "show bgp vpnv4 unicast"), ("iosxr", "show bgp vrf all summary"), ("iosxr", "show bgp vpnv4 unicast vrf blue detail"),
    ("iosxr", "show route vrf all"), ("iosxr", "show segment-routing srv6 sid"), ("iosxr", "show segment-routing srv6 locator"),
    ("iosxr", "show running-config interface"),
    ("cilium", "cilium bgp peers"), ("cilium", "cilium bgp routes"), ("cilium", "cilium bgp peers -o json"),
    ("cilium", "cilium-dbg bgp routes -o json"),
    ("kube", "kubectl get svc -A"), ("kube", "kubectl get svc -A -o json"), ("kube", "kubectl get ciliumbgpnodeconfig -o json"),
    ("kube", "kubectl get sidmanager -o yaml"), ("kube", "kubectl get ciliumloadbalancerippool -o yaml"),
]
TEXTS = [text for _name, _meta, text in corpus()] + [load_fixture(rel) for rel, _cid in CASES]

# Pathological pieces, each spliced in as (or into) a line. The long ones are what makes a quadratic step visible.
HOSTILE = {
    "address-token": "1" * 200_000 + ".",
    "ipv6-token": "f:" * 100_000,
    "route-line": "*>i" + "1." * 70_000 + " " + "10.0.0.1",
    "xr-route": "B    " + "9" * 100_000 + "/24 [200/0] via " + "1" * 100_000,
    "list-entry": "10 permit " + "65000:1 " * 25_000,
    "list-header": "Standard Community List " + "N" * 150_000,
    "route-map-head": "route-map " + "x" * 150_000 + ", permit, sequence 10",
    "long-line": "a b" * 60_000,
    "deep-json": "[" * 100_000 + "]" * 100_000,
    "deep-object": '{"a":' * 50_000 + "1" + "}" * 50_000,
    "deep-yaml": "a:\n" + "- " * 50_000 + "x",
    "nul": "\x00",
    "cr": "\r",
    "tab": "\t",
    "escape": "\x1b[7m--More--\x1b[m",
    "backspaces": "\b" * 5000,
    "line-separators": "\u2028\x85\u2029\x0b\x0c",
    "prompt": "Leaf01# show ip route vrf all",
}


def _check_result(res, text):
    assert isinstance(res, dict)
    assert res["status"] in STATUSES and res["kind"] in KINDS
    lines = text.count("\n") + 1
    for u in res["unparsed"]:
        assert set(u) >= {"line", "text", "reason", "may_hold_facts"}
        assert isinstance(u["line"], int) and 1 <= u["line"] <= lines
    # listed lines are bounded; the count of what was not understood is not
    assert len(res["unparsed"]) <= 2 * MAX_UNPARSED + 50
    assert unparsed_count(res["unparsed"]) >= len(res["unparsed"])


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(cmd=st.sampled_from(COMMANDS), base=st.integers(min_value=0, max_value=len(TEXTS) - 1),
       pieces=st.lists(st.tuples(st.sampled_from(sorted(HOSTILE)), st.integers(min_value=0, max_value=10 ** 6),
                                 st.booleans()), min_size=1, max_size=3))
def test_any_command_on_any_capture_with_hostile_pieces_returns_or_raises_parse_error(cmd, base, pieces):
    lines = TEXTS[base].split("\n")
    for name, where, inside in pieces:
        i = where % (len(lines) + 1)
        if inside and i < len(lines):
            cut = where % (len(lines[i]) + 1)
            lines[i] = lines[i][:cut] + HOSTILE[name] + lines[i][cut:]
        else:
            lines.insert(i, HOSTILE[name])
    text = "\n".join(lines)
    try:
        res = parse_cli(cmd[0], cmd[1], text)
    except ParseError:
        return  # the one typed error; anything else (RecursionError, ValueError, IndexError ...) fails the test
    _check_result(res, text)


@settings(max_examples=120, deadline=None, derandomize=True)
@given(cmd=st.sampled_from(COMMANDS), base=st.integers(min_value=0, max_value=len(TEXTS) - 1),
       ops=st.lists(st.sampled_from(["drop", "dup", "garbage", "truncate", "swap", "crlf", "long"]), min_size=1, max_size=6),
       seed=st.integers(min_value=0, max_value=2 ** 32))
def test_mutated_captures_under_any_command_return_or_raise_parse_error(cmd, base, ops, seed):
    text = _mutate(TEXTS[base], ops, seed)
    try:
        res = parse_cli(cmd[0], cmd[1], text)
    except ParseError:
        return
    _check_result(res, text)


# ------------------------------------------------------------------ community lists: the fast path agrees with the line parser

_NAMES = st.text(alphabet="ABCXYZabc-_.019:", min_size=1, max_size=12)
_VALUE = st.one_of(st.from_regex(r"[0-9]{1,5}:[0-9]{1,5}", fullmatch=True), st.sampled_from(["internet", "no-export", "local-AS"]),
                   st.from_regex(r"RT:[0-9]{1,5}:[0-9]{1,6}", fullmatch=True), st.just("Router MAC:0200.5d5d.5d5d"),
                   st.from_regex(r'"[0-9_:.*^$\t ]{1,10}"', fullmatch=True))
_NOISE = st.sampled_from(["", "   ", "Leaf01# sh ip community-list", "Leaf01# show ip extcommunity-list", "N9K# ",
                          "Mon Jan 29 19:00:32.892 UTC", "garbage line", "10 permit", "  5 deny ", "--More--",
                          "Standard Community List", "Expanded Community List x y", "\x00"])


@st.composite
def _list_outputs(draw):
    out = []
    for _list in range(draw(st.integers(min_value=0, max_value=4))):
        ext = draw(st.booleans())
        kind = draw(st.sampled_from(["Standard", "Expanded"]))
        out.append("%s %sCommunity List %s%s" % (kind, "Extended " if ext else "", draw(_NAMES), draw(st.sampled_from(["", " ", "\r"]))))
        for _entry in range(draw(st.integers(min_value=0, max_value=4))):
            indent = draw(st.sampled_from(["", "    ", "\t", "  "]))
            vals = " ".join(draw(st.lists(_VALUE, min_size=1, max_size=3)))
            out.append("%s%d %s%s%s%s" % (indent, draw(st.integers(min_value=0, max_value=99999)), draw(st.sampled_from(["permit", "deny"])),
                                          draw(st.sampled_from([" ", "  ", "\t"])), vals, draw(st.sampled_from(["", " ", "\r"]))))
        if draw(st.booleans()):
            out.insert(draw(st.integers(min_value=0, max_value=len(out))), draw(_NOISE))
    return "\n".join(out) + draw(st.sampled_from(["", "\n", "\n\n"]))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(text=_list_outputs(), extended=st.booleans())
@example(text='Expanded Community List X\n10 permit "a\tb"\n', extended=False)  # the line cleaner turns tabs into spaces
@example(text="Leaf01# sh ip community-list\r\nStandard Community List A\r\n  10 permit 1:1 2:2\r\n", extended=False)
def test_community_list_fast_path_gives_the_line_parsers_answer_or_defers_to_it(text, extended):
    fast = nxos._fast_lists(text, extended)
    try:
        slow = nxos._lists_by_line(text, "nxos.community_list", extended)
    except ParseError:
        assert fast is None, "the fast path accepted text the line parser rejects"
        return
    assume(fast is not None)  # deferring is always allowed; when it answers, it must answer the same
    assert fast == slow


def test_community_list_entries_do_not_share_lists():
    text = "Standard Community List A\n 10 permit 65000:1\n 20 permit 65000:1\n"
    res = parse_cli("nxos", "show ip community-list", text)
    first, second = res["lists"][0]["entries"]
    assert first["values"] == second["values"] == ["65000:1"] and first["values"] is not second["values"]


# ------------------------------------------------------------------ bounded unparsed lines, exact count


@pytest.mark.parametrize("where", ["first", "last"])
def test_unparsed_lines_past_the_listed_ones_are_counted_and_keep_the_capture_unverifiable(where):
    junk = ["junk line %d" % i for i in range(3 * MAX_UNPARSED)]
    factual = "leftover 10.1.2.0/24 via 10.0.0.1"
    body = [factual] + junk if where == "first" else junk + [factual]
    text = "route-map A, permit, sequence 10\n" + "\n".join(body) + "\n"
    res = parse_cli("nxos", "show route-map", text)
    assert res["status"] == "partial" and res["route_maps"][0]["name"] == "A"
    assert unparsed_count(res["unparsed"]) == len(body)
    assert MAX_UNPARSED + 1 <= len(res["unparsed"]) <= MAX_UNPARSED + 2
    lost = factual_unparsed(res)
    assert lost, "a line that may hold a route was dropped silently"
    assert unparsed_count(lost) == 1


# ------------------------------------------------------------------ structured output: one-line JSON of any size, any nesting


def test_one_line_json_larger_than_the_text_line_limit_parses():
    # NX-OS "| json" and "kubectl -o json" without pretty-printing put the whole answer on one line.
    node, peers = next(iter(json.loads(load_fixture("device/cilium_bgp_peers.json")).items()))  # {node: [peer, ...]}
    text = json.dumps({"%s-%d" % (node, i): peers for i in range(60)})
    assert "\n" not in text and len(text) > 4096
    res = parse_cli("cilium", "cilium bgp peers -o json", "root@node:/home/cilium# cilium bgp peers -o json\n" + text)
    assert res["status"] == "ok" and len(res["peers"]) == 60 * len(peers)


@pytest.mark.parametrize("platform,command", [c for c in COMMANDS if "json" in c[1] or "yaml" in c[1]])
@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000,
                                  "a:\n" + "- " * 50_000 + "x", "[" * 100_000])
def test_deep_nesting_in_every_structured_parser_is_a_parse_error_or_a_result(platform, command, text):
    try:
        res = parse_cli(platform, command, text)
    except ParseError:
        return
    _check_result(res, text)


def test_random_bytes_decoded_as_text_on_every_command():
    rnd = random.Random(14)
    for platform, command in COMMANDS:
        text = bytes(rnd.randrange(256) for _n in range(20_000)).decode("latin-1")
        try:
            res = parse_cli(platform, command, text)
        except ParseError:
            continue
        _check_result(res, text)


@settings(max_examples=300, derandomize=True)
@given(raw=st.text(alphabet=st.sampled_from(" \t\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000\u200bab:1./*>"), max_size=40))
def test_spans_are_the_non_blank_runs_with_their_columns(raw):
    # spans() is on the hot path of every column-aligned table; it must stay the \S+ runs of re, whatever the blanks.
    assert spans(raw) == [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\S+", raw)]
