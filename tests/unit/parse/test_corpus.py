# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""parse_cli on real public outputs: every file parses, hand-written facts are found (recall), and
no fact of a kind the file lists in full (``complete``) is invented (precision)."""

import json

import pytest

from corpus import KINDS, ROOT, checked, corpus, facts_of, matches, spurious

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli

CORPUS = corpus()
IDS = [c[0] for c in CORPUS]


def test_corpus_is_large_and_cited():
    assert len(CORPUS) >= 60
    platforms = {meta["platform"] for _n, meta, _t in CORPUS}
    assert platforms == {"nxos", "iosxr", "cilium"}
    for name, meta, text in CORPUS:
        # A repository file is cited at its commit; a vendor or blog page by its address.
        assert meta["source"].startswith("https://") and " " not in meta["source"], name
        if meta["source"].startswith("https://github.com/"):
            assert "/blob/" in meta["source"] or "/issues/" in meta["source"] or "/pull/" in meta["source"] \
                or "/discussions/" in meta["source"], name
        assert meta["command"] and meta["facts"], name
        assert text.strip(), name


@pytest.mark.parametrize("name,meta,text", CORPUS, ids=IDS)
def test_every_file_parses_and_yields_its_facts(name, meta, text):
    res = parse_cli(meta["platform"], meta["command"], text)
    assert res["status"] in ("ok", "partial")
    got = facts_of(res)
    missing = [f for f in meta["facts"] if not matches(f, got)]
    assert not missing, missing
    json.dumps(res)  # plain data


@pytest.mark.parametrize("name,meta,text", CORPUS, ids=IDS)
def test_no_fact_of_a_complete_kind_is_invented(name, meta, text):
    # An extra route, neighbour or prefix count is as bad as a missing one for an isolation proof
    # (a spurious prefix can raise a false leak finding or hide one), so where the hand listed a
    # kind in full, every parsed fact of that kind must be one of the hand-written facts.
    got = facts_of(parse_cli(meta["platform"], meta["command"], text))
    assert not spurious(meta, got), spurious(meta, got)


def test_complete_kinds_are_known_and_sorted():
    for name, meta, _text in CORPUS:
        comp = meta.get("complete", [])
        assert comp == sorted(set(comp)) and set(comp) <= KINDS, name


def test_precision_over_the_corpus_is_total_and_covers_every_platform():
    checked_by = {"nxos": 0, "iosxr": 0, "cilium": 0}
    bad = []
    for name, meta, text in CORPUS:
        got = facts_of(parse_cli(meta["platform"], meta["command"], text))
        checked_by[meta["platform"]] += checked(meta, got)
        bad += [(name, f) for f in spurious(meta, got)]
    assert not bad, bad
    # The check must not go vacuous: enough facts of complete kinds on every platform.
    assert checked_by["nxos"] >= 400 and checked_by["iosxr"] >= 150 and checked_by["cilium"] >= 60, checked_by


def test_a_neighbour_row_the_parser_invents_is_caught():
    # NX-OS 10.3+ prints a per-route-type table below the EVPN summary; read as neighbour rows it
    # yields each peer twice, once with 0 prefixes. Recall stays 100%: only precision sees it.
    name, meta, text = next(c for c in CORPUS if c[0] == "nxos/nxos_bgp_l2vpn_evpn_summary_route_type_columns_lab")
    assert {"neighbor", "pfxrcd", "nbr_vrf", "remote_as"} <= set(meta["complete"])
    res = parse_cli(meta["platform"], meta["command"], text)
    assert not spurious(meta, facts_of(res))
    row = dict(res["vrfs"][0]["neighbors"][0], prefixes_received=0)
    res["vrfs"][0]["neighbors"].append(row)
    got = facts_of(res)
    assert all(matches(f, got) for f in meta["facts"])  # recall blind to it
    assert spurious(meta, got) == [("pfxrcd", "10.1.11.2", 0)]


def test_recall_over_the_corpus_is_at_least_95_percent():
    expected = found = 0
    for _name, meta, text in CORPUS:
        got = facts_of(parse_cli(meta["platform"], meta["command"], text))
        expected += len(meta["facts"])
        found += sum(1 for f in meta["facts"] if matches(f, got))
    assert expected >= 300
    assert found / expected >= 0.95


def test_a_truncated_route_line_is_reported_not_dropped():
    # genieparser's capture starts in the middle of a route: the line is kept as unparsed and fact-bearing.
    name, meta, text = next(c for c in CORPUS if c[0] == "iosxr/xr_route_ipv4_genie10")
    res = parse_cli(meta["platform"], meta["command"], text)
    assert res["status"] == "partial"
    assert [(u["line"], u["may_hold_facts"]) for u in res["unparsed"]] == [(1, True)]


def test_vrf_all_keeps_each_route_in_its_vrf():
    _n, meta, text = next(c for c in CORPUS if c[0] == "iosxr/xr_bgp_vrf_genie1")
    res = parse_cli(meta["platform"], meta["command"], text)
    vrfs = {(r["vrf"], r["prefix"]) for r in res["routes"]}
    assert ("2HUB", "90.11.1.0/30") in vrfs and ("2SPK", "90.11.1.0/30") in vrfs and ("VRF_1", "90.11.1.0/30") in vrfs
    assert ROOT.endswith("parsers")


def test_every_result_has_the_common_shape():
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import shapes
    for name, meta, text in CORPUS:
        res = parse_cli(meta["platform"], meta["command"], text)
        assert res["kind"] in shapes.KINDS and res["status"] in shapes.STATUSES, name
        assert set(shapes.Common.__annotations__) <= set(res), name
        for u in res["unparsed"]:
            assert set(u) == set(shapes.Unparsed.__annotations__), name
