# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Kubernetes object names and label values the renderer refuses (render.k8s_meta), at the limits the
API server enforces (253 / 63 characters), with the message naming the source and the value."""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.k8s_meta import (
    RenderError, check_label_value, check_name, unique_names)

NAME_RULE = ("is not a valid Kubernetes object name (lower-case letters, digits, '-' and '.', "
             "starting and ending with a letter or digit, at most 253 characters)")


@pytest.mark.parametrize("name, ok", [("a" * 253, True), ("a" * 254, False), ("ip-pool.pod1", True), ("Pool", False), ("-a", False)])
def test_object_name_limits(name, ok):
    if ok:
        assert check_name(name, "tenant t1 lb_pools[0].name") == name
    else:
        with pytest.raises(RenderError) as err:
            check_name(name, "tenant t1 lb_pools[0].name")
        assert str(err.value) == "tenant t1 lb_pools[0].name: %r %s" % (name, NAME_RULE)


@pytest.mark.parametrize("value, ok", [("a" * 63, True), ("a" * 64, False), ("", True), ("A_b.c-9", True), ("a b", False)])
def test_label_value_limits(value, ok):
    if ok:
        assert check_label_value(value, "cluster oss advertisement_labels") == value
    else:
        with pytest.raises(RenderError) as err:
            check_label_value(value, "cluster oss advertisement_labels")
        assert str(err.value) == ("cluster oss advertisement_labels: %r is not a valid label value "
                                  "(at most 63 letters, digits, '-', '_', '.')" % value)


def test_two_objects_of_one_kind_with_one_name_are_refused():
    objs = [{"kind": "A", "metadata": {"name": "x"}}, {"kind": "B", "metadata": {"name": "x"}}]
    assert unique_names(objs) is objs
    with pytest.raises(RenderError) as err:
        unique_names(objs + [{"kind": "C", "metadata": {"name": "y"}}, {"kind": "A", "metadata": {"name": "x"}}])
    assert str(err.value) == "two A objects would both be named 'x'; rename one of their sources"
