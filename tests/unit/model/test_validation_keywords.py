# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The schema as the compiled check reads it (model.validation_keywords): annotations dropped, const as a
one-value enum, property names kept even when they look like keywords. Expected schemas written by hand."""

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model


def test_annotations_are_dropped_at_every_level():
    schema = {"$schema": "x", "$id": "y", "title": "t", "description": "d", "default": {}, "type": "object",
              "properties": {"a": {"type": "string", "description": "the a", "default": "z", "maxLength": 3}},
              "additionalProperties": {"type": "integer", "title": "n"}}
    assert model.validation_keywords(schema) == {
        "type": "object", "properties": {"a": {"type": "string", "maxLength": 3}},
        "additionalProperties": {"type": "integer"}}


def test_property_names_that_look_like_keywords_are_properties():
    schema = {"properties": {"description": {"type": "string"}, "default": {"const": 1}, "title": {}}}
    assert model.validation_keywords(schema) == {
        "properties": {"description": {"type": "string"}, "default": {"enum": [1]}, "title": {}}}


def test_const_becomes_a_one_value_enum():
    assert model.validation_keywords({"const": "evpn_community"}) == {"enum": ["evpn_community"]}
    assert model.validation_keywords({"const": {"a": 1}}) == {"enum": [{"a": 1}]}


def test_enum_values_and_lists_are_not_rewritten():
    schema = {"enum": [{"description": "kept"}], "items": {"const": 2, "title": "x"}, "required": ["title"],
              "if": {"properties": {"mode": {"const": "srv6_l3vpn"}}}, "then": {"required": ["rd"]}}
    assert model.validation_keywords(schema) == {
        "enum": [{"description": "kept"}], "items": {"enum": [2]}, "required": ["title"],
        "if": {"properties": {"mode": {"enum": ["srv6_l3vpn"]}}}, "then": {"required": ["rd"]}}


def test_non_mappings_pass_through():
    for value in (True, None, 3, ["a"], "s"):
        assert model.validation_keywords(value) == value
