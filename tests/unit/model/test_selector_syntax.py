# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Label selector syntax (netfacts): each problem with the path inside the selector, the reason a user
reads, and the offending value; each failing selector has a valid twin that differs by one fact.

The limits are Kubernetes' (apimachinery validation: qualified names, DNS-1123 subdomain prefixes of
at most 253 characters, names and values of at most 63), written here from its documentation.
"""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import netfacts

NAME_RULE = "must be at most 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric"


def test_a_valid_selector_has_no_problem():
    assert netfacts.selector_problems({"matchLabels": {"example.com/tier": "web", "bgp": ""},
                                       "matchExpressions": [{"key": "zone", "operator": "In", "values": ["a", "b"]},
                                                            {"key": "gpu", "operator": "Exists"},
                                                            {"key": "x", "operator": "NotIn", "values": ["c"]},
                                                            {"key": "y", "operator": "DoesNotExist", "values": []}]}) == []
    assert netfacts.selector_problems({}) == []


@pytest.mark.parametrize("selector", [None, [], "bgp=enabled", 3])
def test_a_selector_is_a_mapping(selector):
    assert netfacts.selector_problems(selector) == [
        ((), "a label selector is a mapping with matchLabels and/or matchExpressions", selector)]


def test_match_labels_key_and_value_problems_name_the_key():
    problems = netfacts.selector_problems({"matchLabels": {"Bad Key": "ok", "good": "bad value", "fine": "v"}})
    assert problems == [
        (("matchLabels", "Bad Key"), "label name 'Bad Key' " + NAME_RULE, "ok"),
        (("matchLabels", "good"), "label value 'bad value' " + NAME_RULE, "bad value")]


def test_both_key_and_value_wrong_gives_two_problems():
    assert [p[1] for p in netfacts.selector_problems({"matchLabels": {"-k": "-v"}})] == [
        "label name '-k' " + NAME_RULE, "label value '-v' " + NAME_RULE]


def test_expression_key_problem():
    assert netfacts.selector_problems({"matchExpressions": [{"key": "ok", "operator": "Exists"},
                                                            {"key": "UP/x", "operator": "Exists"}]}) == [
        (("matchExpressions", 1, "key"), "label key prefix 'UP' must be a DNS subdomain (lower case, at most 253 characters)", "UP/x")]
    assert netfacts.selector_problems({"matchExpressions": [{"operator": "Exists"}]}) == [
        (("matchExpressions", 0, "key"), "a label key must be a non-empty string", None)]


@pytest.mark.parametrize("operator", ["in", "Equals", None, ""])
def test_unknown_operator(operator):
    assert netfacts.selector_problems({"matchExpressions": [{"key": "k", "operator": operator, "values": ["a"]}]}) == [
        (("matchExpressions", 0, "operator"), "unknown operator, use one of In, NotIn, Exists, DoesNotExist", operator)]


@pytest.mark.parametrize("operator", ["In", "NotIn"])
def test_set_operators_need_a_value(operator):
    where = ("matchExpressions", 0, "values")
    assert netfacts.selector_problems({"matchExpressions": [{"key": "k", "operator": operator}]}) == [
        (where, "operator %s needs at least one value" % operator, [])]
    assert netfacts.selector_problems({"matchExpressions": [{"key": "k", "operator": operator, "values": []}]}) == [
        (where, "operator %s needs at least one value" % operator, [])]
    assert netfacts.selector_problems({"matchExpressions": [{"key": "k", "operator": operator, "values": ["a"]}]}) == []


@pytest.mark.parametrize("operator", ["Exists", "DoesNotExist"])
def test_existence_operators_take_no_value(operator):
    assert netfacts.selector_problems({"matchExpressions": [{"key": "k", "operator": operator, "values": ["a"]}]}) == [
        (("matchExpressions", 0, "values"), "operator %s takes no values" % operator, ["a"])]
    assert netfacts.selector_problems({"matchExpressions": [{"key": "k", "operator": operator}]}) == []


def test_each_bad_value_of_an_expression_is_named_by_its_index():
    assert netfacts.selector_problems({"matchExpressions": [
        {"key": "k", "operator": "In", "values": ["ok", "no way", "x" * 64]}]}) == [
        (("matchExpressions", 0, "values", 1), "label value 'no way' " + NAME_RULE, "no way"),
        (("matchExpressions", 0, "values", 2), "label value '%s' %s" % ("x" * 64, NAME_RULE), "x" * 64)]
    # an unknown operator does not hide a bad value
    assert [p[0] for p in netfacts.selector_problems({"matchExpressions": [
        {"key": "k", "operator": "Has", "values": ["a b"]}]})] == [
        ("matchExpressions", 0, "operator"), ("matchExpressions", 0, "values", 0)]


@pytest.mark.parametrize("key", ["", None, 5])
def test_label_key_must_be_a_non_empty_string(key):
    assert netfacts.check_label_key(key) == "a label key must be a non-empty string"


def test_label_key_prefix_and_name_edges():
    assert netfacts.check_label_key("a/b") is None
    assert netfacts.check_label_key("a.b-c.d/b") is None
    assert netfacts.check_label_key("/b") == "label key prefix '' must be a DNS subdomain (lower case, at most 253 characters)"
    assert netfacts.check_label_key("a./b").startswith("label key prefix 'a.'")
    assert netfacts.check_label_key("a/") == "label name '' " + NAME_RULE
    assert netfacts.check_label_key("a" * 254 + "/b").startswith("label key prefix '%s'" % ("a" * 254))
    # the name is the part after the LAST slash; a slash in the prefix is not a DNS name
    assert netfacts.check_label_key("a/b/c").startswith("label key prefix 'a/b'")
    assert netfacts.check_label_key("a" * 64) == "label name '%s' %s" % ("a" * 64, NAME_RULE)
    assert netfacts.check_label_key("a.b_c-d9") is None
    assert netfacts.check_label_key("9") is None


@pytest.mark.parametrize("value", [None, 5, ["a"]])
def test_label_value_must_be_a_string(value):
    assert netfacts.check_label_value(value) == "a label value must be a string"


@pytest.mark.parametrize("value, valid", [("a", True), ("A-b_c.9", True), ("a" * 63, True), ("a" * 64, False),
                                          ("a.", False), (".a", False), ("a/b", False), ("", True)])
def test_label_value_edges(value, valid):
    reason = netfacts.check_label_value(value)
    assert reason == (None if valid else "label value '%s' %s" % (value, NAME_RULE))


@pytest.mark.parametrize("text, parsed", [("0.0", (0, 0, 0)), ("10.2.33", (10, 2, 33)), ("v1.18.2+k3s1", (1, 18, 2)),
                                          ("V1.18", None), ("1.16.15.1", None), ("1..2", None), ("x1.2", None),
                                          (" 1.2", None), (1.16, (1, 16, 0))])
def test_version_forms(text, parsed):
    assert netfacts.parse_version(text) == parsed
