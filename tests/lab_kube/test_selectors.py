# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""LabelSelector objects: the one implementation the API twin, the device twins' feed and the render tests share."""

import pytest

from lab.kube.selectors import selector_matches
from lab.twins.world import Route, service_routes

LABELS = {"tenant": "tenant1", "tier": "web"}


@pytest.mark.parametrize("selector", [None, {}, {"matchLabels": {}}, {"matchExpressions": []}])
def test_a_missing_or_empty_selector_selects_everything(selector):
    assert selector_matches(selector, LABELS)
    assert selector_matches(selector, None)


@pytest.mark.parametrize("selector, selected", [
    ({"matchLabels": {"tenant": "tenant1"}}, True),
    ({"matchLabels": {"tenant": "tenant2"}}, False),
    ({"matchLabels": {"tenant": "tenant1", "tier": "db"}}, False),
    ({"matchExpressions": [{"key": "tier", "operator": "In", "values": ["web", "db"]}]}, True),
    ({"matchExpressions": [{"key": "tier", "operator": "In", "values": ["db"]}]}, False),
    ({"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["db"]}]}, True),
    ({"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["web"]}]}, False),
    ({"matchExpressions": [{"key": "absent", "operator": "NotIn", "values": ["web"]}]}, True),
    ({"matchExpressions": [{"key": "tenant", "operator": "Exists"}]}, True),
    ({"matchExpressions": [{"key": "absent", "operator": "Exists"}]}, False),
    ({"matchExpressions": [{"key": "absent", "operator": "DoesNotExist"}]}, True),
    ({"matchExpressions": [{"key": "tenant", "operator": "DoesNotExist"}]}, False),
    # matchLabels and matchExpressions are ANDed
    ({"matchLabels": {"tenant": "tenant1"},
      "matchExpressions": [{"key": "tier", "operator": "In", "values": ["db"]}]}, False),
    # the API server rejects an unknown operator; here it selects nothing
    ({"matchExpressions": [{"key": "tier", "operator": "Gt", "values": ["1"]}]}, False),
])
def test_selector_semantics(selector, selected):
    assert selector_matches(selector, LABELS) is selected


def test_values_from_yaml_compare_as_text():
    # A workloads file or manifest may give `vlan: 10` unquoted; labels are always text.
    labels = {"vlan": "10"}
    assert selector_matches({"matchLabels": {"vlan": 10}}, labels)
    assert selector_matches({"matchExpressions": [{"key": "vlan", "operator": "In", "values": [10, 20]}]}, labels)


def test_the_workloads_feed_announces_only_selected_services():
    services = [{"labels": {"tenant": "tenant1"}, "cluster_ip": "10.96.0.10"},
                {"labels": {"tenant": "tenant2"}, "cluster_ip": "10.96.0.20"}]
    ads = [{"advertisementType": "Service", "service": {"addresses": ["ClusterIP"]},
            "selector": {"matchExpressions": [{"key": "tenant", "operator": "In", "values": ["tenant1"]}]},
            "attributes": {"communities": {"standard": ["65000:10"]}}}]
    assert service_routes(services, ads) == [Route("ipv4-unicast", "10.96.0.10/32", ("65000:10",))]
