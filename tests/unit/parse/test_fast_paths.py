# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The parsers' shortcuts give the answer of the plain code they shortcut (issue 14, 10 MB in under 1 s).

Each shortcut (lines split a chunk at a time, a first-character test before the noise patterns, a memo of
a row's attribute columns, one pattern for a line of numbers, a header test that leaves at the first word)
is checked against the straightforward code it replaces, written out here, on generated input.
"""

import collections
import json
import re

from hypothesis import example, given, settings, strategies as st

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import bgp, cilium_tables, nxos_json_shapes, nxos_views, routes, text as text_mod
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.partial import Unparsed
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


# ------------------------------------------------------------------ iter_clean: one pattern for "may this line be noise?"

_NOISE_PIECES = _PIECES + ["Leaf01>", "leaf-1(config)# show run", "RP/0/RSP0/CPU0:pe1#", "root@node-1:/# cilium bgp peers",
                           "$ sudo cilium-dbg bgp routes", "## show bgp", "%%% k get", "~ kubectl get", "\u276f cilium bgp peers",
                           "Tue Dec  1 10:00:01.456 UTC", "sho ip route", "term len 0", "terminal length 0", "kubectl get svc",
                           "% No matching routes found", "Route Distinguisher: 1:1", "0    100      0 ?", "Processed 2 prefixes",
                           "conf t", "configure terminal", "config", "leaf1(config-router)# address-family ipv4 unicast",
                           "spine1(config)#", "leaf1# copy run start", "N9K> enable", "show mac address-table", "sh ver",
                           "r>i10.0.0.0/8", "show are absent"]
_NOISE_LINE = st.one_of(st.sampled_from(_NOISE_PIECES),
                        st.builds(lambda a, b: a + b, st.sampled_from(_NOISE_PIECES), st.text(alphabet="#>$@%~ :/.-_()0aZ", max_size=12)),
                        st.builds(lambda a, b: a + b, st.text(alphabet="#>$@%~ :/.-_()RP0aZ\u00bb\u2717", max_size=8),
                                  st.sampled_from(["", " show ip bgp", " cilium bgp peers", " ls", "sudo kubectl get x", "k"])),
                        st.text(alphabet="*> #$%~@:.[]-_(){}/RSMonTuehwikc0123456789\u00bb\u2717\u276f\u279c\u00a0", max_size=24))


@settings(max_examples=600, deadline=None, derandomize=True)
@given(line=_NOISE_LINE)
@example(line="$")
@example(line="#   ")
@example(line="Leaf01# show ip route vrf all")
@example(line="user@host:~$ ls")
def test_maybe_noise_pattern_holds_every_noise_line(line):
    # iter_clean asks is_noise only of the lines _MAYBE_NOISE matches: it must match every line is_noise says is noise.
    stripped = line.strip()
    if stripped and is_noise(stripped):
        assert text_mod._MAYBE_NOISE.match(stripped)  # pylint: disable=protected-access


@settings(max_examples=200, deadline=None, derandomize=True)
@given(lines=st.lists(st.one_of(_LINE, _NOISE_LINE), max_size=40), keep_blank=st.booleans())
def test_iter_rows_gives_iter_clean_lines_as_plain_tuples(lines, keep_blank):
    text = "\n".join(lines)
    rows = list(text_mod.iter_rows(text, "t", keep_blank))
    assert rows == [tuple(ln) for ln in text_mod.iter_clean(text, "t", keep_blank)]
    assert rows == _reference_clean(text, keep_blank, text_mod.MAX_LINE)
    assert all(type(row) is tuple for row in rows)  # pylint: disable=unidiomatic-typecheck


# ------------------------------------------------------------------ bgp_table: patterns tried only on lines that can match

_ROW_CHARS = "*>i ersdhx|=?&S0123456789.:/[]abcdef{}()-,LI\u00a0"
_BGP_LINE = st.one_of(st.text(alphabet=_ROW_CHARS, max_size=40),
                      st.sampled_from(["*>i10.0.0.0/8   1.1.1.1   0   100   0 i", "*>l[5]:[0]:[0]:[24]:[192.112.2.0]/224",
                                       "* i                   10.87.0.113              0        100          0 65001 i",
                                       "*>i10.33.0.0/24       2016:23:23:23:20c:29ff:fe73:137d", "0    100      0 ?",
                                       "*> 1:1:10.0.0.0/24  0.0.0.0  0  32768 ?", "*>[2]:[0]:[0]:[48]:[0050.56ff.0001]:[0]:[0.0.0.0]/216",
                                       "s> 2001:db8::/64  ::  0 32768 i", "*>i[3]:[0]:[32]:[10.0.0.1]/88"]))


@settings(max_examples=600, deadline=None, derandomize=True)
@given(line=_BGP_LINE)
def test_route_and_path_patterns_need_the_characters_bgp_table_tests_first(line):
    # bgp_table tries _ROUTE only on a line with "/" or "[", and _PATH only on one with "." or ":".
    if bgp._ROUTE.fullmatch(line):  # pylint: disable=protected-access
        assert "/" in line or "[" in line
    if bgp._PATH.fullmatch(line):  # pylint: disable=protected-access
        assert "." in line or ":" in line


def _reference_context_line(t, ctx, out):
    """_context_line before it dispatched on the first letter: every pattern tried in turn."""
    # pylint: disable=protected-access
    if t[:1] not in "ABPRV":
        return False
    m = bgp._VRF_TABLE.fullmatch(t) or bgp._VRF_SUMMARY.fullmatch(t)
    if m:
        ctx.update(vrf=m.group("vrf"), address_family=m.group("af").strip(), rd=None, rd_vrf=None, l3vni=None, l2vni=None)
        return True
    m = bgp._RD.fullmatch(t)
    if m:
        what = m.group("what") or ""
        vm = bgp._RD_VRF.search(what)
        vni = bgp._RD_VNI.search(t)
        ctx.update(rd=m.group("rd"), rd_vrf=vm.group(1) if vm else None,
                   l3vni=int(vni.group(2)) if vni and vni.group(1) == "L3VNI" else None,
                   l2vni=int(vni.group(2)) if vni and vni.group(1) == "L2VNI" else None)
        out.setdefault("route_distinguishers", []).append({"rd": ctx["rd"], "vrf": ctx["rd_vrf"] or ctx["vrf"],
                                                           "l3vni": ctx["l3vni"], "l2vni": ctx["l2vni"]})
        return True
    m = bgp._XR_VRF.fullmatch(t) or (bgp._VRF_LINE.fullmatch(t) if t.startswith("VRF") else None)
    if m:
        ctx.update(vrf=m.group("vrf"), rd=None, rd_vrf=None)
        return True
    m = bgp._AF_LINE.fullmatch(t)
    if m:
        ctx["address_family"] = (m.group("af") or m.group("af2")).strip()
        return True
    m = bgp._RID.fullmatch(t)
    if m:
        out["router_id"], out["local_as"] = m.group("rid"), bgp._asn(m.group("asn"))
        return True
    m = bgp._TBL_VER.match(t)
    if m:
        out["router_id"] = m.group("rid")
        return True
    return False


_CONTEXT_PIECES = ["BGP routing table information for VRF default, address family L2VPN EVPN",
                   "BGP summary information for VRF red, address family IPv4 Unicast", "BGP VRF blue, state: Active",
                   "BGP router identifier 10.0.0.1, local AS number 65000", "BGP router identifier 10.0.0.1, local AS number 1.10",
                   "BGP table version is 3435, Local Router ID is 10.70.0.11", "Route Distinguisher: 10.80.0.11:6    (L3VNI 100301)",
                   "Route Distinguisher: 10:10 (default for vrf blue)", "Route Distinguisher: 1:1 (L2VNI 1001)", "VRF: blue",
                   "VRF blue", "VRFx", "Address Family: IPv4 Unicast", "Peer 1.1.1.1 routes for address family IPv4 Unicast:",
                   "Processed 2 prefixes, 2 paths", "Route Distinguisher Version: 10", "Path type: i-internal", "BGP main routing table"]
_CONTEXT_LINE = st.one_of(st.sampled_from(_CONTEXT_PIECES),
                          st.builds(lambda a, n, b: a[:n] + b, st.sampled_from(_CONTEXT_PIECES), st.integers(0, 60),
                                    st.text(alphabet="ABPRV :,()0123456789.-LVNI", max_size=12)),
                          st.text(alphabet="ABPRVabc :,()019.", min_size=1, max_size=20))


@settings(max_examples=500, deadline=None, derandomize=True)
@given(lines=st.lists(_CONTEXT_LINE, min_size=1, max_size=6), vrf=st.sampled_from([None, "red"]))
def test_context_line_by_first_letter_gives_the_every_pattern_answer(lines, vrf):
    ctx, out = bgp._ctx(vrf), {"router_id": None, "local_as": None}  # pylint: disable=protected-access
    ref_ctx, ref_out = bgp._ctx(vrf), {"router_id": None, "local_as": None}  # pylint: disable=protected-access
    for t in lines:
        assert bgp._context_line(t, ctx, out) == _reference_context_line(t, ref_ctx, ref_out)  # pylint: disable=protected-access
        assert (ctx, out) == (ref_ctx, ref_out)


# ------------------------------------------------------------------ bgp_table: records copied from a key-sharing template

def _reference_norm_prefix(pfx):
    out = {"route": pfx, "prefix": pfx, "route_type": None, "mac": None}
    if pfx.startswith("["):
        parts = re.findall(r"\[([^\]]*)\]", pfx)
        rtype = int(parts[0]) if parts and parts[0].isdigit() else None
        out["route_type"] = rtype
        out["prefix"] = None
        if rtype == 5 and len(parts) >= 5:
            out["prefix"] = "%s/%s" % (parts[4], parts[3])
        elif rtype == 2 and len(parts) >= 5:
            out["mac"] = parts[4]
            if len(parts) >= 7 and parts[5] not in ("0", "") and parts[6] not in ("", "0.0.0.0"):
                out["prefix"] = "%s/%s" % (parts[6], parts[5])
    elif ":" in pfx:
        m = re.fullmatch(r"(?:\d+:\d+:|\d+\.\d+\.\d+\.\d+:\d+:)(?P<p>\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?)", pfx)
        if m:
            out["prefix"] = m.group("p")
    return out


def _reference_record(ctx, pfx, status):
    rec = {"vrf": ctx["rd_vrf"] or ctx["vrf"], "address_family": ctx["address_family"], "rd": ctx["rd"],
           "l3vni": ctx["l3vni"], "next_hop": None, "metric": None, "local_pref": None, "weight": None, "as_path": None,
           "origin": None, "communities": [], "extcommunities": [], "route_targets": [], "sid": None}
    rec.update(_reference_norm_prefix(pfx))
    s = status.replace(" ", "")
    ptype = s[-1] if s and s[-1] in "iecalrI" else None
    rec.update({"status": s, "valid": "*" in s, "best": ">" in s, "multipath": "|" in s or "=" in s, "path_type": ptype,
                "internal": ptype == "i"})
    return rec


_PFX = st.one_of(st.sampled_from(["10.0.0.0/8", "[5]:[0]:[0]:[24]:[192.112.2.0]/224", "[2]:[0]:[0]:[48]:[0050.56ff.0001]:[32]:[10.1.1.1]/272",
                                  "[2]:[0]:[0]:[48]:[0050.56ff.0001]:[0]:[0.0.0.0]/216", "[3]:[0]:[32]:[10.0.0.1]/88", "1:1:10.0.0.0/24",
                                  "10.0.0.1:3:10.1.0.0/16", "2001:db8::/64", "", "[x]:[1]", "[5]:[0]"]),
                 st.text(alphabet="[]:0123456789./abx", max_size=30))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(rows=st.lists(st.tuples(_PFX, st.sampled_from(["*>i", "* i", "*>l", "", "r>", "s>", "*|e", "* ", "=>i"])), min_size=1, max_size=5),
       rd=st.sampled_from([None, "1:1"]), rd_vrf=st.sampled_from([None, "blue"]), l3vni=st.sampled_from([None, 100301]))
def test_bgp_record_from_template_is_the_plain_dict(rows, rd, rd_vrf, l3vni):
    ctx = dict(bgp._ctx("red"), rd=rd, rd_vrf=rd_vrf, l3vni=l3vni, address_family="L2VPN EVPN")  # pylint: disable=protected-access
    got = [bgp._route_record(ctx, pfx, st_) for pfx, st_ in rows]  # pylint: disable=protected-access
    want = [_reference_record(ctx, pfx, st_) for pfx, st_ in rows]
    assert got == want
    assert [list(r) for r in got] == [list(r) for r in want]  # same keys in the same order
    assert json.dumps(got) == json.dumps(want)
    assert bgp.norm_prefix(rows[0][0]) == _reference_norm_prefix(rows[0][0])
    # Each record is its own: changing one (as a consumer may) changes no other record and no template.
    lists = [id(r[k]) for r in got for k in ("communities", "extcommunities", "route_targets")]
    assert len(set(lists)) == len(lists)
    got[0]["communities"].append("65000:1")
    got[0]["metric"] = 5
    got[0]["extra"] = True
    assert [r["communities"] for r in got[1:]] == [[] for _r in got[1:]] and all("extra" not in r for r in got[1:])
    assert all(v is None for v in bgp._RECORD.values())  # pylint: disable=protected-access
    assert all(r["communities"] is None and r["metric"] is None for r in bgp._STATUS_RECORDS.values())  # pylint: disable=protected-access


def test_record_template_copies_are_plain_dicts():
    tmpl = text_mod.record_template(("b", "a", "c"))
    one, two = tmpl.copy(), tmpl.copy()
    one["a"] = 1
    two.update({"c": [2], "b": "x"})
    del two["a"]
    assert type(one) is dict and one == {"b": None, "a": 1, "c": None} and list(one) == ["b", "a", "c"]  # pylint: disable=unidiomatic-typecheck
    assert two == {"b": "x", "c": [2]} and list(two) == ["b", "c"] and tmpl == {"b": None, "a": None, "c": None}
    assert json.dumps(one) == '{"b": null, "a": 1, "c": null}'


# ------------------------------------------------------------------ bgp_table: a line without a prefix, read once per text

def _reference_row(raw, t, cols):
    """What bgp_table read from a line without "/" or "[" before the memo: _PATH (or the dampened one), the status
    flags, the next hop and the columns after it by the token scan, and whether the words are all numbers (as split reads them)."""
    # pylint: disable=protected-access
    m = bgp._PATH.fullmatch(t) or (bgp._PATH_DAMPENED.fullmatch(t) if t[0] == "d" else None)
    numberish = re.compile(r"[{(\[]?[0-9.]+[})\]]?,?")
    wrapped = None
    if all(numberish.fullmatch(x) or x in ("i", "e", "?") for x in t.split()):
        wrapped = bgp._attrs(spans(raw), cols, raw[:1] in (" ", "\t"))
    if m is None:
        return (bgp._SAYS_NOTHING if wrapped is None and bgp._INFO.fullmatch(t) else bgp._OTHER), False, None, None, wrapped
    cont = {"next_hop": m.group("nh")}
    cont.update(_reference_attrs(raw, m.group("nh"), cols, raw[:1] in (" ", "\t")))
    fields = bgp._flags(m.group("st"))
    fields = dict(fields, **cont)
    return bgp._OTHER, not m.group("st").strip(), cont, fields, wrapped


_PATH_ROW = st.one_of(st.sampled_from(["                      10.87.0.111              0        100      32768 ?",
                                       "* i                   10.87.0.113              0        100          0 65001 i",
                                       "                                               0    100      0 ?", "d  10.0.0.1  0 100 0 i",
                                       "d 10.0.0.1", "*>i 1.1.1.1 0 100 0 {65002} i", "VRF: blue", "Processed 2 prefixes, 2 paths",
                                       "  2001:db8::1    0    100     0   65001 65002 e", "*>   10.87.0.111", "1.1.1.1 2.2.2.2"]),
                      st.builds(lambda indent, words, gaps: indent + "".join(w + g for w, g in zip(words, gaps)).rstrip(),
                                st.sampled_from(["", " ", "      ", "                      "]),
                                st.lists(st.one_of(_WORD, st.sampled_from(["*", "* i", "*>", "d", "s>", "r"])), min_size=1, max_size=7),
                                st.lists(st.sampled_from([" ", "   ", "       ", "\u2003"]), min_size=7, max_size=7)))


@settings(max_examples=500, deadline=None, derandomize=True)
@given(raws=st.lists(_PATH_ROW, min_size=1, max_size=6), cols=st.sampled_from([None, _COLS]))
def test_bgp_row_memo_gives_the_plain_reading(raws, cols):
    shared = bgp._Shared()  # pylint: disable=protected-access  # one memo for all the rows, as in a table
    for raw in raws * 2:  # the second time round comes from the memo
        t = raw.strip()
        if not t or "/" in t or "[" in t:
            continue
        assert shared.row(raw, t, cols) == _reference_row(raw, t, cols)


# ------------------------------------------------------------------ IOS-XR route table: a route's text read once per text

def _reference_xr_body(body):
    """A route's srv6, connected and paths from its text after the prefix, as iosxr_route_table read them before the memo."""
    # pylint: disable=protected-access
    m = routes._XR_SRV6.search(body)
    srv6 = {"behavior": m.group("beh"), "flavor": m.group("flavor")} if m else None
    paths, connected = [], False
    for seg in body.split("is directly connected,")[1:]:
        connected = True
        tail = [x.strip() for x in seg.split("[", 1)[0].split(",") if x.strip()]
        iface = next((x for x in tail if routes._XR_IFACE_NUMBERED.fullmatch(x)), None)
        paths.append({"next_hop": None, "nexthop_vrf": None, "interface": iface, "distance": 0, "metric": 0,
                      "age": tail[0] if tail else None, "best": True, "protocol": None, "tags": [], "backup": False})
    for m in routes._XR_PATH.finditer(body):
        tail = [x.strip() for x in (m.group("rest") or "").split(",") if x.strip()]
        backup = bool(tail) and tail[-1].endswith("(!)")
        if backup:
            tail[-1] = tail[-1][:-3].strip()
        tail = [x for x in tail if x]
        age = next((x for x in tail if routes._XR_AGE.fullmatch(x)), None)
        iface = next((x for x in tail if x != age and routes._XR_IFACE.fullmatch(x)), None)
        paths.append({"next_hop": m.group("nh"), "nexthop_vrf": m.group("vrf"), "interface": iface, "distance": int(m.group("d")),
                      "metric": int(m.group("m")), "age": age, "best": True, "protocol": None, "tags": [], "backup": backup})
    return srv6, connected, paths


_XR_ITEM = st.sampled_from(["[110/0] via 10.2.2.9", "[200/0] via 10.2.0.15 (nexthop in vrf default)", "[1/0] via fc00::1",
                            "is directly connected", "04:43:27", "3w1d", "GigabitEthernet0/0/0/0", "GigabitEthernet0/0/0/3 (!)",
                            "Loopback0", "(!)", "SRv6 Endpoint uDT4", "SRv6 Endpoint uN (PSP/USD)", "never", "Null0", "", "x",
                            "[20/5", "via 1.1.1.1", "MgmtEth0/0/CPU0/0"])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(bodies=st.lists(st.lists(_XR_ITEM, min_size=1, max_size=6).map(", ".join), min_size=1, max_size=5))
def test_xr_route_text_memo_gives_the_plain_reading_with_its_own_paths(bodies):
    lines = ["VRF: blue"]
    for i, body in enumerate(bodies * 2):  # the second time round comes from the memo
        lines.append("B    10.0.%d.0/24 %s" % (i, body))
    got = routes.iosxr_route_table("\n".join(lines))
    assert len(got["routes"]) == len(bodies) * 2
    unparsed = []
    for i, (route, body) in enumerate(zip(got["routes"], bodies * 2)):
        srv6, connected, paths = _reference_xr_body((" " + body).rstrip())
        assert (route["srv6"], route["connected"], route["paths"]) == (srv6, connected, paths)
        if not paths and srv6 is None:
            unparsed.append((i + 2, "route without a path"))  # its line number: the VRF line is line 1
    assert [(u["line"], u["reason"]) for u in got["unparsed"]] == unparsed
    every = [p for r in got["routes"] for p in r["paths"]]
    assert len({id(p) for p in every}) == len(every) and len({id(p["tags"]) for p in every}) == len(every)


# ------------------------------------------------------------------ bgp_table: memos of legend / quiet lines and of a route's text

_TABLE_PIECES = ["Route Distinguisher Version: 10", "Processed 2 prefixes, 2 paths", "Status codes: s suppressed, d damped",
                 "Origin codes: i - IGP, e - EGP, ? - incomplete", "Route Distinguisher: 10:10 (default for vrf blue)",
                 "Route Distinguisher: 10.80.0.11:6    (L3VNI 100301)", "*>i10.33.0.0/24       2016:23:23:23:20c:29ff:fe73:137d",
                 "                                               0    100      0 ?", "*> 172.29.29.19/32    0.0.0.0                  0         32768 ?",
                 "*>l[5]:[0]:[0]:[24]:[192.112.2.0]/224", "                      10.87.0.111              0        100      32768 ?",
                 "* i                   10.87.0.113              0        100          0 65001 i", "*> 1.1.1.1/32  1.1.1.1  0  100  0 i",
                 "*> 10.0.0.0/8   0.0.0.0   0   32768 ?", "*>i10.0.0.1/32 10.0.0.1", "   Network            Next Hop            Metric LocPrf Weight Path",
                 "   Network            Next Hop            Metric     LocPrf     Weight Path", "BGP VRF blue, state: Active",
                 "VRF: red", "Path type: i-internal, e-external", "d  10.0.0.1  0 100 0 i", "* 10.1.0.0/16 x.y 0 i",
                 "Total number of prefixes 2", "r>i10.2.0.0/16  10.9.9.9  0  100  0  65001 {65002} e", "*>", "BGP table version is 2",
                 "*>[5]:[0]:1.1.1.1  1.1.1.1  0  100  0 i"]  # the next hop's text also ends the prefix: read from there
_TABLE_LINE = st.one_of(st.sampled_from(_TABLE_PIECES),
                        st.builds(lambda a, b: a + b, st.sampled_from(_TABLE_PIECES), st.sampled_from(["", " 0", "  1.1.1.1", " i", ":"])))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(lines=st.lists(_TABLE_LINE, min_size=1, max_size=14))
def test_bgp_table_memos_change_no_answer(lines):
    # The reference: nothing memoised (every line read through the whole chain of tests) and a route's text after
    # its prefix read by _fill_path, the straightforward code.
    # pylint: disable=protected-access
    text = "\n".join(lines * 3)  # the second and third time round come from the memos
    got = bgp.bgp_table(text)
    saved_limit, saved_after = bgp._Shared.LIMIT, bgp._Shared.after
    bgp._Shared.LIMIT = 0
    bgp._Shared.after = lambda self, rest, off, raw, cols: None
    try:
        want = bgp.bgp_table(text)
    finally:
        bgp._Shared.LIMIT, bgp._Shared.after = saved_limit, saved_after
    assert json.dumps(got) == json.dumps(want)


def test_route_patterns_hold_only_the_groups_the_tables_unpack():
    # bgp_table reads a route row with match.groups() as (st, pfx, rest): no other capturing group may come in.
    # pylint: disable=protected-access
    for pattern in (bgp._ROUTE, bgp._ROUTE_DAMPENED):
        assert pattern.groups == 3 and pattern.groupindex == {"st": 1, "pfx": 2, "rest": 3}
    # iosxr_route_table reads a route line with match.groups() as (code, pfx, rest).
    assert routes._XR_ROUTE.groups == 3 and routes._XR_ROUTE.groupindex == {"code": 1, "pfx": 2, "rest": 3}


# ------------------------------------------------------------------ NX-OS route-map: a clause's name split at its colon, clause lines remembered

def _reference_match_clause(t):
    m = re.fullmatch(r"(?P<k>[^:]+?)(?:\s+\((?P<filter>[^)]*)\))?:\s*(?P<v>.*)", t)
    return (m.group("k").strip(), m.group("v")) if m else None


_CLAUSE_PIECES = ["as-number (as-path-list filter): List1, List2", "community  (community-list filter): 100", "ip address (access-lists): x",
                  "ip next-hop prefix-lists: ipv4-nexthop", "route-type: inter-area", "tag: 23 100", ":", "a:", ":b", "(x): y", "a (b:c): d",
                  "a (b): c: d", "a(b): c", "a  (b) : c", "a\u00a0(b):\u2003c", "x ( y ): z", "no colon", "distance: 10"]
_CLAUSE_LINE = st.one_of(st.sampled_from(_CLAUSE_PIECES),
                         st.text(alphabet="ab (): ,\u00a0\t\x0c1", max_size=16))


@settings(max_examples=500, deadline=None, derandomize=True)
@given(line=_CLAUSE_LINE)
@example(line="a (b:c): d")
def test_match_clause_shortcut_gives_the_pattern_answer(line):
    got, want = nxos_views.match_clause(line), _reference_match_clause(line)
    assert (got is None) == (want is None)
    if got is not None:  # the values are split on blanks and commas: leading blanks never count
        assert got[0] == want[0] and got[1].split() == want[1].split()


def _reference_route_map(text):
    """nxos_route_map without its memo and shortcuts: every line through the patterns, as Line objects."""
    out = {"route_maps": []}
    bad = Unparsed()
    cur = section = None
    for ln in text_mod.clean_lines(text, "nxos_route_map"):
        t = ln.text
        m = re.fullmatch(r"route-map (?P<name>\S+), (?P<action>permit|deny), sequence (?P<seq>\d+)\s*", t)
        if m:
            cur = {"name": m.group("name"), "action": m.group("action"), "sequence": int(m.group("seq")), "match": {}, "set": {}}
            out["route_maps"].append(cur)
            section = None
        elif cur is None:
            bad.add(ln)
        elif t in ("Match clauses:", "Set clauses:"):
            section = "match" if t[0] == "M" else "set"
        elif section == "match":
            clause = _reference_match_clause(t)
            if clause is None:
                bad.add(ln)
            else:
                cur["match"].setdefault(clause[0], []).extend(clause[1].replace(",", " ").split())
        elif section == "set":
            key, _sep, vals = t.partition(" ")
            cur["set"].setdefault(key.rstrip(":").strip(), []).extend(vals.replace(",", " ").split())
        else:
            bad.add(ln)
    out["unparsed"] = bad.export()
    return out


_RMAP_LINE = st.one_of(st.sampled_from(["route-map A, permit, sequence 10", "route-map B:1, deny, sequence 20 ", "route-map x, permit",
                                        "  Match clauses:", "  Set clauses:", "    community 100:1 additive", "    distance: 10",
                                        "    extcommunity RT:100:10 additive", "    ip next-hop 10.0.0.1", "junk", ""]),
                       st.builds(lambda c: "    " + c, _CLAUSE_LINE))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(lines=st.lists(_RMAP_LINE, max_size=30), memo_limit=st.sampled_from([0, 2, 4096]))
def test_route_map_memo_gives_the_plain_answer(lines, memo_limit):
    text = "\n".join(lines * 2)  # the second time round comes from the memo
    saved = nxos_views._MEMO_LIMIT  # pylint: disable=protected-access
    nxos_views._MEMO_LIMIT = memo_limit  # a full memo: the lines past it are read the long way
    try:
        got = nxos_views.nxos_route_map(text)
    finally:
        nxos_views._MEMO_LIMIT = saved
    assert got == _reference_route_map(text)
    lists = [id(v) for rm in got["route_maps"] for sec in ("match", "set") for v in rm[sec].values()]
    assert len(set(lists)) == len(lists)  # never one list for two clauses


# ------------------------------------------------------------------ NX-OS route table: via lines sliced, paths made at once, next hops remembered

@settings(max_examples=500, deadline=None, derandomize=True)
@given(line=st.one_of(st.sampled_from(["*via 1.1.1.1, Eth1/1", "**via x", "via ", "***via x", "* via x", "*via", "v", "*", "vvia x", "*vi"]),
                      st.text(alphabet="*via ,x\u00a0", min_size=1, max_size=10)))
def test_via_split_by_slicing_gives_the_pattern_answer(line):
    m = re.fullmatch(r"(?P<best>\*{0,2})via (?P<rest>.*)", line)  # a cleaned line holds no newline, which "." would miss
    assert routes.nx_via_split(line) == (m.group("best", "rest") if m else None)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(vias=st.lists(st.tuples(st.sampled_from(["", "*", "**"]), st.lists(_ITEM, min_size=1, max_size=7)), min_size=1, max_size=6))
def test_nxos_via_with_the_next_hop_memo_gives_the_plain_answer(vias):
    share, heads = routes._Strings(), {}  # pylint: disable=protected-access
    got = [routes._nx_via(best, ", ".join(items), share, heads) for best, items in vias * 2]  # pylint: disable=protected-access
    assert got == [_reference_nx_via(best, ", ".join(items)) for best, items in vias * 2]
    assert len({id(p["tags"]) for p in got}) == len(got)


def _reference_nx_route_table(text, default_vrf="default"):
    """nxos_route_table as it was written first: Line objects, every pattern, the via text kept until the next line says it is whole."""
    out = {"routes": []}
    bad = Unparsed()
    vrf, cur, last_via, via_width = default_vrf, None, None, 0
    pfx_re = r"(?:\d{1,3}(?:\.\d{1,3}){3}/\d{1,2}|[0-9a-fA-F]{0,4}:[0-9a-fA-F:.]{1,45}/\d{1,3})"
    for ln in text_mod.clean_lines(text, "nxos_route_table"):
        t = ln.text
        m = re.fullmatch(r"IP(?:v6)? Rout(?:e|ing) Table for VRF \"?(?P<vrf>[^\"\s]+)\"?.*", t)
        m_route = re.fullmatch(r"(?P<pfx>" + pfx_re + r"), ubest/mbest: (?P<u>\d+)/(?P<m>\d+)(?P<flags>.*)", t)
        m_via = re.fullmatch(r"(?P<best>\*{0,2})via (?P<rest>.*)", t)
        if m or m_route or (m_via and cur is not None):
            if cur is not None and last_via is not None:
                cur["paths"].append(_reference_nx_via(last_via[0], "".join(last_via[1])))
            last_via = None
        if m:
            vrf, cur = m.group("vrf"), None
        elif m_route:
            flags = [f.strip() for f in m_route.group("flags").split(",") if f.strip()]
            cur = {"vrf": vrf, "prefix": m_route.group("pfx"), "protocol": None, "code": None, "connected": "attached" in flags,
                   "flags": flags, "srv6": None, "paths": []}
            out["routes"].append(cur)
        elif m_via and cur is not None:
            last_via, via_width = (m_via.group("best"), [m_via.group("rest")]), len(ln.raw)
        elif (re.fullmatch(r"('\*'|'\*\*'|'\[x/y\]'|'%<string>'|'%')(?:\s.*)?", t) or t in ("Route not found", "No routes found")
              or re.fullmatch(r"-{5,}|Node \d+ \(.*\)", t)):
            pass
        elif last_via is not None and (ln.indented or t.startswith(",") or last_via[1][-1].endswith(",") or via_width == 80):
            last_via[1].append(" " + t if last_via[1][-1].endswith(",") and not t.startswith(",") else t)
            via_width = len(ln.raw)
        else:
            bad.add(ln)
    if cur is not None and last_via is not None:
        cur["paths"].append(_reference_nx_via(last_via[0], "".join(last_via[1])))
    for r in out["routes"]:
        protos = [p["protocol"] for p in r["paths"] if p["protocol"]]
        r["protocol"] = protos[0].split("-")[0] if protos else None
    out["unparsed"] = bad.export()
    return out


_NX_ROUTE_LINE = st.one_of(
    st.sampled_from(['IP Route Table for VRF "default"', 'IP Route Table for VRF "red"', "10.0.0.0/24, ubest/mbest: 1/0",
                     "10.0.0.42/32, ubest/mbest: 2/0, attached", "2001:db8::/64, ubest/mbest: 1/0, attached, direct", "0.0.0.0/0, ubest/mbest: 1/0",
                     "    *via 18.1.202.21, Eth1/64, [110/2], 1w3d, ospf-NDI-FABRIC, intra",
                     "    *via 10.0.0.1%default, [20/0], 2d, bgp-65000, internal, tag 65000,",
                     "    **via Null0, [1/0], 1d, static", "   via vrf blue, Null0, [20/0], 1d, bgp-1, external, tag 7", "  segid: 5000 tunnelid: 0x1",
                     ", (evpn) segid: 10222", "id: 10222 tunnelid: 0x64", "'*' denotes best ucast next-hop", "Route not found", "------",
                     "junk 10.0.0.1", "*via", "    *via 10.1.1.1, Eth1/1, [1/0], 1d, static, tag 1, seg", "    *via 10.2.2.2,"]),
    st.builds(lambda a, b: a + b, st.sampled_from(["    *via ", "    via ", "  ", "", ","]), st.lists(_ITEM, max_size=6).map(", ".join)))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(lines=st.lists(_NX_ROUTE_LINE, max_size=25), wide=st.booleans())
@example(lines=["10.0.0.0/24, ubest/mbest: 1/0", "    *via 10.1.1.1, Eth1/1, [1/0], 1d, static, tag 1,", "  seg", "id: 1", "x"], wide=False)
def test_nxos_route_table_gives_the_plain_answer(lines, wide):
    if wide:  # a via line that fills the 80 columns of the terminal: the line below it continues it
        lines = [ln.ljust(80, "x") if "via" in ln else ln for ln in lines]
    text = "\n".join(lines * 2)
    assert routes.nxos_route_table(text) == _reference_nx_route_table(text)
    assert routes.nxos_route_table(text, default_vrf="red") == _reference_nx_route_table(text, "red")


# ------------------------------------------------------------------ NX-API JSON: rows of scalars skipped in C, a route looked up once per prefix row

def _reference_walk(data):
    """nxos_json_shapes.walk with every row's fields looked through in Python."""
    stack, out = [("", data, {}, None)], []
    while stack:
        name, obj, ctx, frame = stack.pop()
        if not isinstance(obj, dict):
            continue
        if name:
            out.append((name, obj, ctx, frame))
        child_ctx = ctx
        keys = nxos_json_shapes._INHERITED_SET.intersection(obj)  # pylint: disable=protected-access
        if keys:
            child_ctx = dict(ctx)
            for key in keys:
                if not isinstance(obj[key], (dict, list)):
                    child_ctx[key] = obj[key]
        children = []
        for key, val in obj.items():
            if not isinstance(val, dict) or not isinstance(key, str):
                continue
            if key.startswith("TABLE_"):
                items = val.get("ROW_" + key[6:])
                row_key = "%s/ROW_%s" % (key, key[6:])
                if isinstance(items, list):
                    children.extend((key[6:], item, child_ctx, (frame, row_key, n)) for n, item in enumerate(items))
                else:
                    children.append((key[6:], items, child_ctx, (frame, row_key, None)))
            elif not key.startswith("ROW_"):
                children.append(("", val, child_ctx, (frame, key, None)))
        stack.extend(reversed(children))
    return out


class _OddDict(collections.OrderedDict):
    """A dict subclass, as a JSON-aware connection plugin may hand over: still a row."""


_SCALAR = st.one_of(st.sampled_from(["", " ", "true", "false", "0", "110", " 20 ", "P15DT19H3M44S", "PT1H", "P1W", "1w2d", "P", "x"]),
                    st.integers(-2, 300), st.booleans(), st.none(), st.just([]), st.just(["a"]))
_PATH_ROW = st.dictionaries(st.sampled_from(["ipnexthop", "ipv6nexthop", "ifname", "uptime", "pref", "metric", "clientname", "ubest", "type",
                                             "tag", "vrf_name_out", "nh-vrf", "ipprefix", "attached", "vrf-name-out"]), _SCALAR, max_size=9)


def _rows(row, max_size):
    return st.lists(row, max_size=max_size).map(lambda rows: rows[0] if len(rows) == 1 else rows)


_PREFIX_ROW = st.builds(lambda own, paths, odd: dict(own, **({"TABLE_path": (_OddDict if odd else dict)(ROW_path=paths)} if paths != [] else {})),
                        st.dictionaries(st.sampled_from(["ipprefix", "ipv6prefix", "attached", "ucast-nhops"]),
                                        st.sampled_from(["10.0.0.0/24", "2001:db8::/64", "true", "1", " ", ""]), max_size=3),
                        _rows(_PATH_ROW, 3), st.booleans())
_VRF_ROW = st.builds(lambda vrf, prefixes: dict(vrf, TABLE_addrf={"ROW_addrf": {"addrf": "ipv4", "TABLE_prefix": {"ROW_prefix": prefixes}}}),
                     st.dictionaries(st.sampled_from(["vrf-name-out", "vrf-name"]), st.sampled_from(["default", "red", "", None]), max_size=2),
                     _rows(_PREFIX_ROW, 4))
_ROUTE_DOC = st.one_of(st.builds(lambda vrfs: {"TABLE_vrf": {"ROW_vrf": vrfs}}, _rows(_VRF_ROW, 3)),
                       st.builds(lambda paths: {"TABLE_path": {"ROW_path": paths}, "x": {"y": 1}}, _rows(_PATH_ROW, 2)))


def _reference_json_route_table(data, default_vrf):
    """nxos_json_shapes.route_table with every path's route read through _Fields and every uptime converted."""
    # pylint: disable=protected-access
    j = nxos_json_shapes
    out, bad, vrf_rows, routes_by = {"routes": [], "unparsed": []}, j._Report(), 0, {}
    for table, own, ctx, frame in j.walk(data):
        f = j._Fields(own, ctx)
        if table == "vrf":
            vrf_rows += 1
            continue
        if table != "path":
            continue
        pfx = j._str(f.get("ipprefix")) or j._str(f.get("ipv6prefix"))
        if pfx is None:
            bad.add(frame, "path row without a prefix row above it")
            continue
        vrf = j._vrf(f, default_vrf)
        route = routes_by.get((vrf, pfx))
        if route is None:
            flags = ["attached"] if j._true(f.get("attached")) else []
            route = routes_by[(vrf, pfx)] = {"vrf": vrf, "prefix": pfx, "protocol": None, "code": None, "connected": "attached" in flags,
                                             "flags": flags, "srv6": None, "paths": []}
            out["routes"].append(route)
        client = j._str(own.get("clientname"))
        tags = [t for t in (j._str(own.get("type")), "tag %s" % j._str(own.get("tag")) if j._str(own.get("tag")) else None) if t]
        route["paths"].append({"next_hop": j._str(own.get("ipnexthop")) or j._str(own.get("ipv6nexthop")),
                               "nexthop_vrf": j._str(own.get("vrf_name_out")) or j._str(own.get("nh-vrf")),
                               "interface": j._str(own.get("ifname")), "distance": j._int(own.get("pref")),
                               "metric": j._int(own.get("metric")), "age": j.nxos_age(own.get("uptime")),
                               "best": j._true(own.get("ubest")), "protocol": client, "tags": tags})
        if route["protocol"] is None and client:
            route["protocol"] = client.split("-")[0]
    out["unparsed"] = bad.items
    return j._empty(out, vrf_rows)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(doc=_ROUTE_DOC, default_vrf=st.sampled_from(["default", None]))
def test_json_route_table_gives_the_plain_answer(doc, default_vrf):
    assert nxos_json_shapes.walk(doc) is not None and list(nxos_json_shapes.walk(doc)) == _reference_walk(doc)
    got = nxos_json_shapes.route_table(doc, default_vrf)
    assert got == _reference_json_route_table(doc, default_vrf)
    assert json.dumps(got) == json.dumps(_reference_json_route_table(doc, default_vrf))


class _OddStr(str):
    """A str subclass (decoded data need not hold plain str): read as a str."""


@settings(max_examples=200, deadline=None, derandomize=True)
@given(value=st.one_of(_SCALAR, st.text(alphabet=" \u00a0\t x1", max_size=5), st.text(alphabet=" x1", max_size=4).map(_OddStr), st.floats(allow_nan=False)))
def test_json_str_fast_type_test_gives_the_isinstance_answer(value):
    if isinstance(value, str):
        want = value.strip() or None
    elif value is None or isinstance(value, (dict, list)):
        want = None
    else:
        want = str(value).strip() or None
    got = nxos_json_shapes._str(value)  # pylint: disable=protected-access
    assert got == want and type(got) is type(want)  # pylint: disable=unidiomatic-typecheck
