# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Value syntax and pool overlap at their edges, through model.validate.

Each rejected value sits one step past a limit and has an accepted twin on the
limit, so moving a bound by one (``>`` for ``>=``, 65535 for 65536) fails a test.
Expected verdicts are written by hand from RFC 4360 / RFC 1997 / the Kubernetes
label rules, not computed.
"""

import copy
from pathlib import Path

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model, netfacts

LAB = Path(__file__).resolve().parents[3] / "inventories" / "lab" / "group_vars" / "all" / "tenancy.yml"
BASE = yaml.safe_load(LAB.read_text())["tenancy"]


def lab():
    return copy.deepcopy(BASE)


def tenant(data, name):
    return next(t for t in data["tenants"] if t["name"] == name)


def issues(data):
    return {(i.rule, i.path) for i in model.validate(data)}


# (value, valid) for a route target; the path checked is tenants[2].export_rts[0] (blue)
RT_CASES = [
    ("192.0.2.1:65535", True), ("192.0.2.1:65536", False), ("192.0.2.1:70000", False),
    ("65535:4294967295", True), ("65535:4294967296", False),  # 2-byte ASN: 32-bit number
    ("65536:65535", True), ("65536:65536", False),  # 4-byte ASN: 16-bit number
    ("4294967295:1", True), ("4294967296:1", False),
    ("1.0:65535", True), ("1.0:65536", False),  # asdot 1.0 = 65536, a 4-byte ASN
    ("65535.65535:1", True), ("65536.0:1", False), ("0.65536:1", False), ("1.2.3:4", False),
    ("0:0", False), ("01:1", False), ("1:01", False), ("192.0.2.01:1", False), ("256.0.0.1:1", False),  # 0:0 names no administrator (issue 12)
    ("1:1:1", False), ("1", False), ("+1:1", False), (" 1:1", False), ("1:1\n", False),
    ("\u00b2:1", False), ("\u0661:1", False), ("1:\u0661", False),  # superscript two, Arabic-Indic one
]


@pytest.mark.parametrize("value, valid", RT_CASES, ids=[repr(case[0]) for case in RT_CASES])
def test_route_target_syntax(value, valid):
    data = lab()
    tenant(data, "blue")["export_rts"] = [value]
    tenant(data, "blue")["import_rts"] = [value]
    found = ("malformed-rt", "tenants[2].export_rts[0]") in issues(data)
    assert found is not valid
    assert (netfacts.check_route_target(value) is None) is valid


COMMUNITY_CASES = [
    ("65535:65535", True), ("65536:1", False), ("1:65536", False), ("0:0", True), ("01:1", False),
    ("1:1:1", False), ("64512", False), ("\u00b2:1", False), ("\u0661:1", False), ("64512:301\n", False),
]


@pytest.mark.parametrize("value, valid", COMMUNITY_CASES, ids=[repr(case[0]) for case in COMMUNITY_CASES])
def test_community_syntax(value, valid):
    data = lab()
    tenant(data, "tenant1")["community"] = value
    assert (("malformed-community", "tenants[0].community") in issues(data)) is not valid
    assert (netfacts.check_community(value) is None) is valid


def test_rd_is_checked_like_a_route_target():
    data = lab()
    tenant(data, "blue")["rd"] = "192.0.2.1:70000"
    assert ("malformed-rd", "tenants[2].rd") in issues(data)


@pytest.mark.parametrize("key, valid", [
    ("a" * 63, True), ("a" * 64, False), ("x/" + "a" * 63, True),
    ("a" * 253 + "/b", True), ("a" * 254 + "/b", False), ("A.example/b", False),
    ("bgp\n", False), ("-a", False), ("a-", False), ("a_b.c-d", True),
])
def test_label_key_limits(key, valid):
    assert (netfacts.check_label_key(key) is None) is valid


@pytest.mark.parametrize("value, valid", [("", True), ("a" * 63, True), ("a" * 64, False), ("enabled\n", False),
                                          ("a b", False), ("_a", False)])
def test_label_value_limits(value, valid):
    assert (netfacts.check_label_value(value) is None) is valid
    data = lab()
    data["clusters"][0]["node_selector"] = {"matchLabels": {"bgp": value}}
    assert bool([i for i in model.validate(data) if i.path.startswith("clusters[0].node_selector")]) is not valid


@pytest.mark.parametrize("text, parsed", [("1.16.15", (1, 16, 15)), ("v1.18", (1, 18, 0)), ("1.17.6-cee.1", (1, 17, 6)),
                                          ("1.16.15\n", None), ("1.16.x", None), ("1.\u0661.0", None), ("1", None)])
def test_version_syntax(text, parsed):
    assert netfacts.parse_version(text) == parsed


# ---------------------------------------------------------------- LB pools


def _pools(data, first, second):
    tenant(data, "tenant1")["lb_pools"] = [dict(name="a", **first)]
    tenant(data, "tenant2")["lb_pools"] = [dict(name="b", **second)]
    return [i for i in model.validate(data) if i.rule == "lb-pool-overlap"]


@pytest.mark.parametrize("first, second, overlap", [
    # two start/stop pools sharing exactly one address
    ({"start": "20.0.10.1", "stop": "20.0.10.5"}, {"start": "20.0.10.5", "stop": "20.0.10.9"}, True),
    ({"start": "20.0.10.1", "stop": "20.0.10.5"}, {"start": "20.0.10.6", "stop": "20.0.10.9"}, False),
    # a CIDR whose last address is the other pool's first
    ({"cidr": "20.0.10.0/30"}, {"start": "20.0.10.3", "stop": "20.0.10.9"}, True),
    ({"cidr": "20.0.10.0/30"}, {"start": "20.0.10.4", "stop": "20.0.10.9"}, False),
    # one pool inside the other, the other way round
    ({"cidr": "20.0.10.0/24"}, {"cidr": "20.0.10.128/25"}, True),
    ({"cidr": "20.0.10.128/25"}, {"cidr": "20.0.10.0/24"}, True),
    ({"cidr": "20.0.10.0/25"}, {"cidr": "20.0.10.128/25"}, False),
])
def test_pool_overlap_edges(first, second, overlap):
    found = _pools(lab(), first, second)
    assert bool(found) is overlap, [i.message for i in found]
    if overlap:
        assert [i.path for i in found] == ["tenants[1].lb_pools[0]"]  # reported once, on the later pool
        assert "tenant tenant1" in found[0].message


def test_pool_overlap_beyond_the_first_neighbour():
    data = lab()
    tenant(data, "tenant1")["lb_pools"] = [{"name": "wide", "cidr": "20.0.0.0/16"},
                                           {"name": "n1", "cidr": "21.0.0.0/24"}]
    tenant(data, "tenant2")["lb_pools"] = [{"name": "x", "cidr": "20.0.5.0/24"}, {"name": "y", "cidr": "20.0.200.0/24"}]
    found = sorted(i.path for i in model.validate(data) if i.rule == "lb-pool-overlap")
    assert found == ["tenants[1].lb_pools[0]", "tenants[1].lb_pools[1]"]


def test_pool_of_the_same_tenant_overlapping_itself():
    data = lab()
    tenant(data, "tenant1")["lb_pools"] = [{"name": "a", "cidr": "20.0.10.0/24"},
                                           {"name": "b", "start": "20.0.10.255", "stop": "20.0.11.3"}]
    found = [i for i in model.validate(data) if i.rule == "lb-pool-overlap"]
    assert [(i.path, "another pool of this tenant" in i.message) for i in found] == [("tenants[0].lb_pools[1]", True)]


def test_pool_over_a_node_address_or_pod_cidr():
    data = lab()
    tenant(data, "tenant1")["lb_pools"] = [{"name": "a", "start": "192.168.16.30", "stop": "192.168.16.35"}]
    assert ("lb-pool-overlap", "tenants[0].lb_pools[0]") in issues(data)
    tenant(data, "tenant1")["lb_pools"] = [{"name": "a", "start": "192.168.16.30", "stop": "192.168.16.34"}]
    assert ("lb-pool-overlap", "tenants[0].lb_pools[0]") not in issues(data)
    tenant(data, "tenant1")["lb_pools"] = [{"name": "a", "cidr": "10.0.1.128/25"}]
    assert ("lb-pool-overlap", "tenants[0].lb_pools[0]") in issues(data)


@pytest.mark.parametrize("pool", [{"start": "20.0.10.9", "stop": "20.0.10.1"}, {"start": "20.0.10.1", "stop": "2001:db8::1"},
                                  {"cidr": "20.0.10.1/24"}, {"cidr": "20.0.10.0/24", "start": "20.0.10.1"},
                                  {"start": "20.0.10.1"}])
def test_malformed_pools(pool):
    data = lab()
    tenant(data, "tenant1")["lb_pools"] = [dict(name="a", **pool)]
    assert ("lb-pool-invalid", "tenants[0].lb_pools[0]") in issues(data)
