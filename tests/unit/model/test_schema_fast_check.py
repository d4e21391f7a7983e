# -*- coding: utf-8 -*-
"""The compiled schema check (fastjsonschema) and jsonschema never disagree on validity.

model.schema_issues trusts the compiled check's "valid" and only asks
jsonschema for the error list when it says "invalid". A disagreement in
either direction would be a bug: a bad inventory passing silently, or a
report with no errors in it.
"""

from __future__ import annotations

import copy
import random
import sys
from pathlib import Path
from typing import Any, List, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.schema import INVENTORY_SCHEMA

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "support"))
from synth import synth_inventory  # noqa: E402

FULL = Draft202012Validator(INVENTORY_SCHEMA)
FAST, INVALID = model._fast_check()  # the very check schema_issues uses
# Values a user could type where another type belongs, and near misses of valid ones.
ODD_VALUES = [None, True, False, 0, -1, 1.5, 4294967296, "", "x y", "64512:301", "10.0.0.0/8", "Loopback1",
              "uSID", "oss", "In", [], ["a"], [1], {}, {"k": "v"}, {"name": "x"}]


def fast_says_valid(data: Any) -> bool:
    try:
        FAST(data)
    except INVALID:
        return False
    return True


def _schema_keywords(schema: Any, out: set) -> set:
    if isinstance(schema, dict):
        for keyword, value in schema.items():
            out.add(keyword)
            if keyword == "properties":
                for sub in value.values():
                    _schema_keywords(sub, out)
            elif keyword not in ("enum", "const"):
                _schema_keywords(value, out)
    return out


def test_schema_uses_only_keywords_that_mean_the_same_in_draft7():
    used = _schema_keywords(INVENTORY_SCHEMA, set())
    assert used - model.SAME_IN_DRAFT7 - model.ANNOTATIONS == set()


def test_annotations_are_stripped_but_property_names_are_kept():
    schema = {"type": "object", "description": "d", "default": {},
              "properties": {"description": {"type": "string", "description": "x"}, "default": {"enum": ["a"]},
                             "mode": {"const": {"description": "a value, not an annotation"}}}}
    assert model.validation_keywords(schema) == {
        "type": "object", "properties": {"description": {"type": "string"}, "default": {"enum": ["a"]},
                                         "mode": {"enum": [{"description": "a value, not an annotation"}]}}}


def _paths(value: Any, prefix: Tuple[Any, ...] = ()) -> List[Tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, sub in value.items():
            out += _paths(sub, prefix + (key,))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            out += _paths(sub, prefix + (index,))
    return out


def mutate(data: Any, rnd: random.Random) -> Any:
    """Replace, delete or add one thing somewhere in the inventory."""
    data = copy.deepcopy(data)
    path = rnd.choice(_paths(data)[1:])
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    action = rnd.choice(["replace", "replace", "delete", "add_key"])
    if action == "delete":
        del parent[last]
    elif action == "add_key" and isinstance(parent, dict):
        parent["unknown_key"] = rnd.choice(ODD_VALUES)
    else:
        parent[last] = copy.deepcopy(rnd.choice(ODD_VALUES))
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), rnd=st.randoms(use_true_random=False), mutations=st.integers(0, 3))
def test_fast_check_and_jsonschema_agree_on_mutated_inventories(seed, rnd, mutations):
    data = synth_inventory(tenants=6, leaves=3, clusters=3, pes=2, seed=seed)
    for _round in range(mutations):
        data = mutate(data, rnd)
    full_valid = not any(True for _error in FULL.iter_errors(data))
    assert fast_says_valid(data) == full_valid


@pytest.mark.parametrize("have_fast", [True, False])
def test_reports_are_the_same_with_or_without_the_fast_check(monkeypatch, have_fast):
    rnd = random.Random(7)
    samples = [mutate(synth_inventory(tenants=4, leaves=2, clusters=2, pes=2, seed=s), rnd) for s in range(40)]
    with_fast = [model.validate(d) for d in samples]
    if not have_fast:
        monkeypatch.setattr(model, "_fast_check", lambda: None)
    assert [model.validate(d) for d in samples] == with_fast
    assert any(with_fast), "the samples must include invalid inventories"
