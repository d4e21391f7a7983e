# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""When two tenants' label selectors can select the same workload (rules.selectors_disjoint), by hand
from Kubernetes' selector semantics, and checked against brute force over a small label universe."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.rules import selectors_disjoint


def expr(key, operator, *values):
    out = {"key": key, "operator": operator}
    if values:
        out["values"] = list(values)
    return out


def ml(**labels):
    return {"matchLabels": labels}


def me(*exprs):
    return {"matchExpressions": list(exprs)}


@pytest.mark.parametrize("first, second, disjoint", [
    (ml(svc="a"), ml(svc="b"), True),
    (ml(svc="a"), ml(svc="a"), False),
    (ml(svc="a"), ml(tier="x"), False),  # different keys: a workload can carry both labels
    (ml(svc="a"), {}, False),  # the empty selector selects everything
    (None, None, False),
    (ml(svc="a"), me(expr("svc", "NotIn", "a")), True),
    (ml(svc="a"), me(expr("svc", "NotIn", "b")), False),
    (ml(svc="a"), me(expr("svc", "DoesNotExist")), True),
    (me(expr("svc", "Exists")), me(expr("svc", "DoesNotExist")), True),
    (me(expr("svc", "Exists")), me(expr("svc", "NotIn", "a")), False),
    (me(expr("svc", "In", "a", "b")), me(expr("svc", "In", "b", "c")), False),
    (me(expr("svc", "In", "a", "b")), me(expr("svc", "In", "c")), True),
    (me(expr("svc", "In", "a", "b")), me(expr("svc", "NotIn", "a", "b")), True),
    (me(expr("svc", "In", "a", "b")), me(expr("svc", "NotIn", "a")), False),
    (me(expr("svc", "NotIn", "a")), me(expr("svc", "NotIn", "b")), False),
    (me(expr("svc", "DoesNotExist")), me(expr("tier", "DoesNotExist")), False),
    # one selector that contradicts itself selects nothing, so it overlaps no other
    (me(expr("svc", "In", "a"), expr("svc", "NotIn", "a")), {}, True),
    ({}, me(expr("svc", "Exists"), expr("svc", "DoesNotExist")), True),
    (me(expr("svc", "In", "a"), expr("svc", "In", "b")), ml(tier="x"), True),
])
def test_selectors_disjoint(first, second, disjoint):
    assert selectors_disjoint(first, second) is disjoint
    assert selectors_disjoint(second, first) is disjoint  # pylint: disable=arguments-out-of-order  # symmetry


# ---------------------------------------------------------------- brute force

KEYS = ("svc", "tier")
VALUES = ("a", "b", "c")
# every labelling of a workload: each key absent, one of the values, or a value no selector names
WORKLOADS = [{k: v for k, v in zip(KEYS, combo) if v is not None}
             for combo in itertools.product((None,) + VALUES + ("other",), repeat=len(KEYS))]


def matches(selector, labels):
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for e in selector.get("matchExpressions") or []:
        key, op, values = e["key"], e["operator"], e.get("values") or []
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and key in labels and labels[key] in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


EXPRS = st.one_of(
    st.builds(lambda k, op, vs: expr(k, op, *sorted(vs)), st.sampled_from(KEYS), st.sampled_from(["In", "NotIn"]),
              st.sets(st.sampled_from(VALUES), min_size=1, max_size=3)),
    st.builds(expr, st.sampled_from(KEYS), st.sampled_from(["Exists", "DoesNotExist"])))
SELECTORS = st.builds(lambda labels, exprs: {"matchLabels": labels, "matchExpressions": exprs},
                      st.dictionaries(st.sampled_from(KEYS), st.sampled_from(VALUES), max_size=2), st.lists(EXPRS, max_size=3))


@settings(max_examples=120, deadline=None, derandomize=True)
@given(first=SELECTORS, second=SELECTORS)
def test_disjoint_means_no_workload_matches_both(first, second):
    both = [w for w in WORKLOADS if matches(first, w) and matches(second, w)]
    assert selectors_disjoint(first, second) is (not both), both
