# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Cilium renderer's own refusals (an intent built without plan()'s validation) name the cluster or
tenant and what is wrong; community kinds. Messages written by hand."""

import copy
import dataclasses
import os
import sys

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.cilium import (
    communities, lb_pool_objects, render_cilium_objects, service_advertisement)
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.k8s_meta import RenderError

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "verify"))
from test_conditions import WIDE_YAML  # noqa: E402  pylint: disable=wrong-import-position

INTENT = model.plan(yaml.safe_load(WIDE_YAML))


@pytest.mark.parametrize("value, kind", [("64512:301", "standard"), ("4200000000:1:2", "large"), ("65535:65281", "standard")])
def test_community_kind(value, kind):
    assert communities(value) == {kind: [value]}


def test_an_isovalent_cluster_is_not_rendered_as_oss():
    with pytest.raises(RenderError) as err:
        render_cilium_objects(INTENT, INTENT.cluster("iso"))
    assert str(err.value) == "cluster iso: render_cilium_objects is for flavour oss, not isovalent"


def test_an_unknown_api_version_is_refused():
    oss = dataclasses.replace(INTENT.cluster("oss"), api_version="cilium.io/v3")
    with pytest.raises(RenderError) as err:
        render_cilium_objects(INTENT, oss)
    assert str(err.value) == "cluster oss: api_version 'cilium.io/v3' is not one of cilium.io/v2, cilium.io/v2alpha1"


def test_srv6_tenants_on_an_oss_cluster_are_refused():
    blue, red = INTENT.srv6_tenants
    intent = dataclasses.replace(INTENT, srv6_tenants=(dataclasses.replace(blue, cluster="oss"), dataclasses.replace(red, cluster="oss")))
    with pytest.raises(RenderError) as err:
        render_cilium_objects(intent, intent.cluster("oss"))
    assert str(err.value) == "cluster oss: srv6_l3vpn tenants (blue, red) need flavour isovalent"


def test_tenant_refusals_name_the_tenant():
    t2 = INTENT.evpn_tenants[1]
    with pytest.raises(RenderError) as err:
        service_advertisement(dataclasses.replace(t2, service_selector={}))
    assert str(err.value) == "tenant t2: an empty service_selector would advertise every service with its community"
    with pytest.raises(RenderError) as err:
        service_advertisement(dataclasses.replace(t2, service_addresses=()))
    assert str(err.value) == "tenant t2: service_addresses is empty; name at least one of LoadBalancerIP, ClusterIP, ExternalIP"
    with pytest.raises(RenderError) as err:
        lb_pool_objects(INTENT.cluster("oss"), [dataclasses.replace(t2, service_selector={})])
    assert str(err.value) == "tenant t2: its pools need a service_selector, or any tenant's service could take their addresses"
    with pytest.raises(RenderError) as err:
        lb_pool_objects(INTENT.cluster("oss"), [dataclasses.replace(t2, lb_pools=(dataclasses.replace(t2.lb_pools[0], name="Bad_Name"),))])
    assert "tenant t2 lb_pools[0].name" in str(err.value) and "Bad_Name" in str(err.value)


def test_objects_are_copies_unless_asked_not_to():
    oss = INTENT.cluster("oss")
    first = render_cilium_objects(INTENT, oss)
    first[0]["metadata"]["name"] = "changed"
    assert render_cilium_objects(INTENT, oss)[0]["metadata"]["name"] != "changed"
    shared = render_cilium_objects(INTENT, oss, copy_objects=False)
    assert [o["kind"] for o in shared] == [o["kind"] for o in copy.deepcopy(first)]
