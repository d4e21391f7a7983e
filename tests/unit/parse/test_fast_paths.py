# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The parsers' shortcuts give the answer of the plain code they shortcut (issue 14, 10 MB in under 1 s).

Each shortcut (lines split a chunk at a time, a first-character test before the noise patterns, a memo of
a row's attribute columns, one pattern for a line of numbers, a header test that leaves at the first word)
is checked against the straightforward code it replaces, written out here, on generated input.
"""

import re

from hypothesis import example, given, settings, strategies as st

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import bgp, cilium_tables, routes, text as text_mod
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.text import Line, is_noise, spans

# ------------------------------------------------------------------ iter_clean: chunks and the first-character test

_PIECES = ["Leaf01# show ip route vrf all", "RP/0/RP0/CPU0:XR#show bgp", "Mon Jan 29 19:00:32.892 UTC", "# cilium bgp peers",
           "$ kubectl get svc", "show bgp l2vpn evpn", "cilium bgp routes", "k get pods", "*>i10.0.0.0/8  1.1.1.1  0 100 0 i",
           "* i", "   10.87.0.111   0   100   32768 ?", "--More--", "\x1b[7m--More--\x1b[m", "a\bb", "x\r", "\tindented", "", " ",
           "user@host:~$ ls", "> show ip bgp", "%", "»  cilium-dbg bgp peers", "\u2028x", "\x0cform", "9" * 50, "Sunday", "show"]
_LINE = st.one_of(st.sampled_from(_PIECES), st.text(alphabet="*> #$%~:.[]-_(){}RSMonTuehwik0123456789 \t\r\x1b\b\u00bb\u2717", max_size=30))


def _reference_clean(text, keep_blank, max_line):
    """iter_clean without its shortcuts: every line scrubbed, every kept line asked is_noise."""
    out = []
    for no, raw in enumerate(text.split("\n"), 1):
        raw = text_mod._scrub(raw, max_line)  # pylint: disable=protected-access
        if not raw:
            if keep_blank:
                out.append(Line(no, "", ""))
            continue
        stripped = raw.strip() if raw[0] in (" ", "\t") else raw
        if not is_noise(stripped):
            out.append(Line(no, raw, stripped))
    return out


@settings(max_examples=300, deadline=None, derandomize=True)
@given(lines=st.lists(_LINE, max_size=40), chunk=st.sampled_from([1, 2, 7, 64, 1 << 16]), keep_blank=st.booleans(),
       max_line=st.sampled_from([None, 20, text_mod.MAX_LINE]))
@example(lines=["", ""], chunk=1, keep_blank=True, max_line=None)
def test_iter_clean_gives_the_line_by_line_answer(lines, chunk, keep_blank, max_line):
    text = "\n".join(lines)
    saved = text_mod._CHUNK  # pylint: disable=protected-access
    text_mod._CHUNK = chunk  # small chunks: many lines meet a chunk's end
    try:
        got = list(text_mod.iter_clean(text, "t", keep_blank, max_line))
    finally:
        text_mod._CHUNK = saved
    assert got == _reference_clean(text, keep_blank, max_line)


def test_no_noise_pattern_starts_with_a_character_the_first_character_test_lets_through():
    # The cleaner skips the noise patterns for a line starting with one of these: no prompt or timestamp can.
    for ch in text_mod._NEVER_NOISE_START:  # pylint: disable=protected-access
        for rest in ("", "show ip bgp", "# show", "$ ls", "> x", "Mon Jan 29 19:00:32 UTC"):
            assert not is_noise(ch + rest) or ch.isspace()


# ------------------------------------------------------------------ bgp_table: the attribute columns after a next hop

def _reference_attrs(raw, nh, cols, indented):
    toks = spans(raw)
    idx = next((i for i, tk in enumerate(toks) if tk[0] == nh or tk[0].endswith(nh)), None)
    return bgp._attrs(toks[idx + 1:] if idx is not None else [], cols, indented)  # pylint: disable=protected-access


_COLS = bgp.header_columns("   Network            Next Hop            Metric     LocPrf     Weight Path",
                           ("Network", "Next Hop", "Metric", "LocPrf", "Weight", "Path"))
_WORD = st.one_of(st.sampled_from(["0", "100", "32768", "65001", "i", "e", "?", "{65002}", "1.1.1.1", "10.87.0.111", "*>i"]),
                  st.text(alphabet="0123456789.:ie?{}*>", min_size=1, max_size=8))


_ROW = st.tuples(st.lists(_WORD, max_size=3), st.sampled_from(["", "1", "*>", "10.87.0.111"]), st.lists(_WORD, max_size=6),
                 st.lists(st.sampled_from([" ", "  ", "      ", "\u00a0", " \u2003 "]), min_size=12, max_size=12),
                 st.sampled_from(["", " ", "      "]))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(rows=st.lists(_ROW, min_size=1, max_size=4), nh=st.sampled_from(["1.1.1.1", "10.87.0.111", "2001:db8::1", "1.1"]),
       cols=st.sampled_from([None, _COLS]))
def test_bgp_attribute_memo_gives_the_token_scan_answer(rows, nh, cols):
    shared = bgp._Shared()  # pylint: disable=protected-access  # one memo for all the rows, as in a table
    for before, glue, after, gaps, indent in rows * 2:  # the second time round comes from the memo
        words = before + [glue + nh] + after
        raw = indent + "".join(w + gaps[i % len(gaps)] for i, w in enumerate(words)).rstrip()
        rec = {}
        bgp._fill_attrs(rec, nh, raw, cols, shared)  # pylint: disable=protected-access
        assert rec == _reference_attrs(raw, nh, cols, Line(1, raw, raw.strip()).indented)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(words=st.lists(st.one_of(_WORD, st.text(alphabet="0123456789.,{}()[]ie?ab \u00a0", min_size=1, max_size=6)), min_size=1, max_size=6),
       gaps=st.lists(st.sampled_from([" ", "   ", "\t", "\u2003"]), min_size=6, max_size=6))
def test_numbers_line_pattern_reads_the_words_as_split_does(words, gaps):
    line = "".join(w + g for w, g in zip(words, gaps)).strip()
    numberish = re.compile(r"[{(\[]?[0-9.]+[})\]]?,?")
    expected = bool(line) and all(numberish.fullmatch(x) or x in ("i", "e", "?") for x in line.split())
    assert bool(bgp._NUMBERISH_LINE.fullmatch(line)) == expected  # pylint: disable=protected-access


# ------------------------------------------------------------------ NX-OS route table: a via's columns, read once per text

def _reference_nx_via(best, rest):
    parts = [p.strip() for p in rest.split(",")]
    nh = parts[0] if parts else ""
    vrf = None
    if "%" in nh:
        nh, _sep, vrf = nh.partition("%")
    elif nh.startswith("vrf "):
        nh, vrf = "", nh[4:].strip()
    path = {"next_hop": nh, "nexthop_vrf": vrf, "interface": None, "distance": None, "metric": None,
            "age": None, "best": best.startswith("*"), "protocol": None, "tags": []}
    after_dist = 0
    for p in parts[1:]:
        m = re.fullmatch(r"\[(?P<d>\d+)/(?P<m>\d+)\]", p)
        if m:
            path["distance"], path["metric"] = int(m.group("d")), int(m.group("m"))
            after_dist = 1
            continue
        if not after_dist:
            path["interface"] = p
        elif after_dist == 1:
            path["age"] = p
            after_dist = 2
        elif after_dist == 2:
            path["protocol"] = p
            after_dist = 3
        elif p:
            path["tags"].append(p)
    if not nh:
        path["next_hop"] = None
    if path["interface"] is None and re.fullmatch(r"[A-Za-z][\w/.:-]*\d", nh or "") and not re.match(r"^[0-9a-fA-F:.]+$", nh):
        path["interface"], path["next_hop"] = nh, None
    return path


_ITEM = st.sampled_from(["18.2.146.21", "Eth1/64", "[110/2]", "[0/0]", "1w3d", "ospf-NDI-FABRIC", "intra", "", " ", "Null0",
                         "10.0.0.1%default", "vrf blue", "tag 65000", "segid: 5000", "[20/0", "local"])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(vias=st.lists(st.tuples(st.sampled_from(["", "*", "**"]), st.lists(_ITEM, min_size=1, max_size=7)), min_size=1, max_size=6))
def test_nxos_via_memo_gives_the_plain_answer_with_its_own_tags(vias):
    share = routes._Strings()  # pylint: disable=protected-access
    got = [routes._nx_via(best, ", ".join(items), share) for best, items in vias * 2]  # pylint: disable=protected-access
    assert got == [_reference_nx_via(best, ", ".join(items)) for best, items in vias * 2]
    assert len({id(p["tags"]) for p in got}) == len(got)  # never one list for two paths


# ------------------------------------------------------------------ Cilium tables: a data row leaves the header test at its first word

_HEAD_WORDS = sorted({w for printed, _key in cilium_tables._PEER_HEADS + cilium_tables._ROUTE_HEADS  # pylint: disable=protected-access
                      for w in printed.split(" ")} | {"NODE", "prefix", "bgpv2-node", "10.0.0.0/24", "[{Origin:", "Ｐeer"})


@settings(max_examples=400, deadline=None, derandomize=True)
@given(words=st.lists(st.sampled_from(_HEAD_WORDS), min_size=1, max_size=8), gaps=st.lists(st.sampled_from([" ", "   ", "\t"]), min_size=8, max_size=8),
       indent=st.sampled_from(["", "  ", "\x0c"]), heads=st.sampled_from(["peers", "routes"]))
def test_cilium_header_first_word_test_changes_no_answer(words, gaps, indent, heads):
    raw = indent + "".join(w + g for w, g in zip(words, gaps)).rstrip()
    table = cilium_tables._PEER_HEADS if heads == "peers" else cilium_tables._ROUTE_HEADS  # pylint: disable=protected-access
    must = ("peer",) if heads == "peers" else ("prefix",)
    ordered = cilium_tables._longest_first(table)  # pylint: disable=protected-access
    plain = cilium_tables._header(raw, table, must)  # pylint: disable=protected-access
    assert cilium_tables._header(raw, table, must, ordered, cilium_tables._first_words(table)) == plain  # pylint: disable=protected-access


def test_bgp_attribute_memo_keeps_the_column_of_the_text():
    # The same text after the next hop, at two columns: under a header, where a number ends decides what it is.
    shared = bgp._Shared()  # pylint: disable=protected-access
    seen = set()
    for raw in ("                      10.87.0.111              0        100      32768 ?",
                "                  10.87.0.111              0        100      32768 ?",
                "          10.87.0.111              0        100      32768 ?",
                "                                    10.87.0.111              0        100      32768 ?"):
        rec = {}
        bgp._fill_attrs(rec, "10.87.0.111", raw, _COLS, shared)  # pylint: disable=protected-access
        assert rec == _reference_attrs(raw, "10.87.0.111", _COLS, True)
        seen.add(tuple(rec.values()))
    assert len(seen) > 1  # the columns did tell the numbers apart


def test_cilium_route_rows_with_the_same_attributes_share_no_list_or_dict():
    text = ("Node   VRouter   Prefix        NextHop   Age      Attrs\n"
            "n1     65001     10.0.0.0/24   0.0.0.0   1m2s     [{Origin: i} {Communities: 65000:1, 65000:2}]\n"
            "n1     65001     10.0.1.0/24   0.0.0.0   1m2s     [{Origin: i} {Communities: 65000:1, 65000:2}]\n")
    first, second = cilium_tables.cilium_routes(text)["routes"]
    assert first["attributes"] == second["attributes"] and first["attributes"]["communities"] == ["65000:1", "65000:2"]
    assert first["attributes"] is not second["attributes"]
    for key, value in first["attributes"].items():
        if isinstance(value, (list, dict)):
            assert value is not second["attributes"][key], key
