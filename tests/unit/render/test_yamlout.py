# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""yamlout: deterministic, lint-clean YAML that every reader reads back as written."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.yamlout import (
    dump_yaml,
    dump_yaml_all,
    dump_yaml_reference,
    needs_quotes,
)

REPO_ROOT = Path(__file__).resolve().parents[3]

# Strings some YAML reader (1.1 like PyYAML / go-yaml v2, or 1.2) takes for
# something else when written plain.
AMBIGUOUS = [
    "64512:301", "65000:10", "10:10", "1:2:3", "yes", "No", "ON", "off", "y", "N", "true", "False", "null",
    "Null", "~", "", " lead", "trail ", "0", "-1", "+1", "010", "0o17", "0x1F", "1_000", "1e3", "1.5", ".5",
    "1.16.15", "2016:40:40:40::40", ".inf", "-.Inf", ".nan",
]
# Strings that are unambiguous and must stay plain (readable manifests).
PLAIN = ["bgp-advertisements", "20.0.10.0/24", "cafe:cafe::/32", "Service", "servicebgp", "proxy2",
         "kubevrf.tenancy", "ip-pool-pod1", "ubuntuk8.local", "uSID", "instance-64512"]


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_ambiguous_strings_are_quoted_and_stay_strings(text):
    assert needs_quotes(text)
    out = dump_yaml({"v": text})
    assert yaml.safe_load(out) == {"v": text}  # PyYAML is a YAML 1.1 reader
    line = out.splitlines()[1]
    assert line.startswith('v: "') or line.startswith("v: '"), line


def test_yaml11_sexagesimal_would_be_an_int_unquoted():
    # The reason for quoting: a YAML 1.1 reader turns plain 65000:10 into 3900010.
    assert yaml.safe_load("v: 65000:10") == {"v": 3900010}
    assert yaml.safe_load(dump_yaml({"v": "65000:10"})) == {"v": "65000:10"}


@pytest.mark.parametrize("text", PLAIN)
def test_unambiguous_strings_stay_plain(text):
    assert not needs_quotes(text)
    assert dump_yaml({"v": text}) == "---\nv: %s\n" % text


def test_quoted_keys_and_values():
    out = dump_yaml({"yes": "on", "kubevrf.tenancy/vrf": "blue"})
    assert out == '---\nkubevrf.tenancy/vrf: blue\n"yes": "on"\n'
    assert yaml.safe_load(out) == {"yes": "on", "kubevrf.tenancy/vrf": "blue"}


def test_key_order_top_level_then_name_first_then_sorted():
    obj = {"spec": {"z": 1, "a": {"zz": 1, "name": "n", "b": 2}}, "zeta": 1, "metadata": {"labels": {"b": "1", "a": "2"}, "name": "x"},
           "kind": "K", "apiVersion": "v1", "alpha": 0}
    assert dump_yaml(obj) == (
        "---\n"
        "apiVersion: v1\n"
        "kind: K\n"
        "metadata:\n"
        "  name: x\n"
        "  labels:\n"
        '    a: "2"\n'
        '    b: "1"\n'
        "spec:\n"
        "  a:\n"
        "    name: \"n\"\n"
        "    b: 2\n"
        "    zz: 1\n"
        "  z: 1\n"
        "alpha: 0\n"
        "zeta: 1\n"
    )


def test_block_style_with_indented_sequences():
    out = dump_yaml({"a": [{"b": [1, 2]}, "c"], "d": {}, "e": []})
    assert out == "---\na:\n  - b:\n      - 1\n      - 2\n  - c\nd: {}\ne: []\n"


def test_insertion_order_does_not_matter():
    keys = ["apiVersion", "kind", "metadata", "spec", "x", "b", "a"]
    outputs = set()
    rnd = random.Random(7)
    for _round in range(20):
        rnd.shuffle(keys)
        outputs.add(dump_yaml({k: {"n" + str(i): i for i in rnd.sample(range(10), 10)} for k in keys}))
    assert len(outputs) == 1


def test_tuples_are_lists_and_scalars_keep_types():
    obj = {"t": (1, "2", True, None, 1.5), "big": 4294967295}
    assert yaml.safe_load(dump_yaml(obj)) == {"t": [1, "2", True, None, 1.5], "big": 4294967295}


def test_long_values_are_not_folded():
    text = "x" * 300 + " " + "y" * 300
    out = dump_yaml({"v": text})
    assert len(out.splitlines()) == 2
    assert yaml.safe_load(out)["v"] == text


def test_multiline_strings_round_trip():
    text = "line one\nline two\n"
    assert yaml.safe_load(dump_yaml({"v": text})) == {"v": text}


def test_no_anchors_for_shared_objects():
    shared = {"matchLabels": {"a": "b"}}
    out = dump_yaml({"x": shared, "y": shared})
    assert "&" not in out and "*" not in out
    assert yaml.safe_load(out) == {"x": shared, "y": shared}


def test_all_is_the_concatenation_of_documents():
    objs = [{"kind": "A", "n": 1}, {"kind": "B", "n": "64512:301"}]
    out = dump_yaml_all(objs)
    assert out == dump_yaml(objs[0]) + dump_yaml(objs[1])
    assert out.count("---\n") == 2 and out.startswith("---\n")
    assert list(yaml.safe_load_all(out)) == objs
    assert dump_yaml_all([]) == ""
    assert dump_yaml_all(iter(objs)) == out


@pytest.mark.parametrize("bad, where", [
    ({1: "a"}, "string keys"),
    ({"a": {"b": {1, 2}}}, ".a.b"),
    ({"a": [object()]}, ".a[0]"),
    ({"a": float("nan")}, ".a"),
])
def test_unwritable_values_raise_with_their_path(bad, where):
    with pytest.raises(TypeError) as err:
        dump_yaml(bad)
    assert where in str(err.value)


def test_output_passes_the_project_yamllint_config():
    linter = pytest.importorskip("yamllint.linter")
    from yamllint.config import YamlLintConfig

    config_file = REPO_ROOT / ".yamllint"
    config = YamlLintConfig(file=str(config_file)) if config_file.is_file() else YamlLintConfig("extends: default")
    text = dump_yaml_all([
        {"apiVersion": "v1", "kind": "K", "metadata": {"name": "a", "labels": {"on": "yes"}},
         "spec": {"list": [{"name": "x", "v": ["64512:301"]}], "flag": True, "empty": {}}},
        {"apiVersion": "v1", "kind": "K", "metadata": {"name": "b"}, "spec": {"n": None}},
    ])
    problems = [str(p) for p in linter.run(text, config)]
    assert problems == []


scalars = st.one_of(
    st.text(max_size=12),
    st.sampled_from(AMBIGUOUS + PLAIN),
    st.integers(-2**63, 2**64),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(trees)
def test_any_plain_data_round_trips(data):
    out = dump_yaml(data)
    assert yaml.safe_load(out) == data
    assert dump_yaml(yaml.safe_load(out)) == out


ascii_punct = st.text(alphabet=st.sampled_from(list("ab09 :#-?.,[]{}&*!|>'\"%@`/_=+~\\\t")), max_size=10)
ascii_trees = st.recursive(
    st.one_of(ascii_punct, scalars),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(ascii_punct, inner, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(trees, ascii_trees))
def test_fast_emitter_writes_the_same_bytes_as_pyyaml(data):
    assert dump_yaml(data) == dump_yaml_reference(data)


@pytest.mark.parametrize("text", [
    "0\x850", "a\tb", "line\r\nnext", "x\u2028y", "\ufeffbom", "trailing \nspace", "two\nlines\n", "\n", "\x00",
    "caf\u00e9", "emoji \U0001F600",
])
def test_control_and_line_break_characters_round_trip(text):
    assert dump_yaml({"v": [text, {"k": text}], text: [[text]]}) == dump_yaml_reference({"v": [text, {"k": text}], text: [[text]]})
    out = dump_yaml({"v": text})
    assert yaml.safe_load(out) == {"v": text}
    assert dump_yaml(yaml.safe_load(out)) == out
