# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The address arithmetic behind isolation (expect.py): which prefix lies in which block, the blocks of a
pool, the host prefixes a tenant's Services put on the wire, the locator each SRv6 node must hold.
Expected values are worked out by hand; the property tests compare with a brute-force definition."""

import dataclasses
import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.expect import (
    Observed, node_locators, norm_prefix, pool_blocks, service_prefixes, slug, with_derived_prefixes, within)
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.intent import LbPool

from test_conditions import wide


# ---------------------------------------------------------------- within / norm_prefix

@pytest.mark.parametrize("prefix, blocks, inside", [
    ("10.0.0.0/24", ("10.0.0.0/24",), True),  # equals the block
    ("10.0.0.128/25", ("10.0.0.0/24",), True),  # inside
    ("10.0.0.0/23", ("10.0.0.0/24",), False),  # wider than the block
    ("10.0.1.0/24", ("10.0.0.0/24",), False),  # next to it
    ("10.0.1.0/24", ("10.0.0.0/24", "10.0.1.0/25"), False),  # wider than the second block
    ("10.0.1.0/26", ("10.0.0.0/24", "10.0.1.0/25"), True),  # in the second block only
    ("10.0.0.5", ("10.0.0.0/24",), True),  # an address is its host prefix
    ("10.0.0.5/24", ("10.0.0.0/24",), True),  # host bits set: the network
    ("::ffff:10.0.0.1/128", ("10.0.0.0/24",), False),  # another address family is never inside
    ("2001:db8::1/128", ("2001:db8::/32",), True),
    ("not-a-prefix", ("10.0.0.0/24",), False),
    ("10.0.0.0/24", ("garbage", "10.0.0.0/16"), True),  # a bad block is skipped, not fatal
    ("10.0.0.0/24", (), False),
])
def test_within(prefix, blocks, inside):
    assert within(prefix, blocks) is inside


@pytest.mark.parametrize("text, normal", [("10.0.0.5/24", "10.0.0.0/24"), ("2001:DB8:0::/32", "2001:db8::/32"),
                                          ("10.0.0.1", "10.0.0.1/32"), ("junk", "junk")])
def test_norm_prefix(text, normal):
    assert norm_prefix(text) == normal


NETS = st.builds(lambda a, n: str(ipaddress.ip_network((a, n), strict=False)),
                 st.integers(min_value=0, max_value=2 ** 32 - 1), st.integers(min_value=0, max_value=32))


@settings(max_examples=150, deadline=None, derandomize=True)
@given(prefix=NETS, blocks=st.lists(NETS, max_size=4))
def test_within_is_subnet_of_any_block(prefix, blocks):
    net = ipaddress.ip_network(prefix)
    expected = any(net.subnet_of(ipaddress.ip_network(b)) for b in blocks)
    assert within(prefix, tuple(blocks)) is expected


# ---------------------------------------------------------------- pools

@pytest.mark.parametrize("pool, blocks", [
    (LbPool("p", "20.0.10.0/24", None, None), ("20.0.10.0/24",)),
    (LbPool("p", "20.0.10.7/24", None, None), ("20.0.10.0/24",)),
    (LbPool("p", "bad", None, None), ()),
    (LbPool("p", None, "30.0.10.1", "30.0.10.6"), ("30.0.10.1/32", "30.0.10.2/31", "30.0.10.4/31", "30.0.10.6/32")),
    (LbPool("p", None, "30.0.10.0", "30.0.10.255"), ("30.0.10.0/24",)),
    (LbPool("p", None, "30.0.10.9", "30.0.10.9"), ("30.0.10.9/32",)),
    (LbPool("p", None, "30.0.10.9", "30.0.10.1"), ()),  # stop before start
    (LbPool("p", None, "30.0.10.1", None), ()),
    (LbPool("p", None, "30.0.10.1", "2001:db8::1"), ()),  # mixed families
])
def test_pool_blocks(pool, blocks):
    assert pool_blocks(pool) == blocks


def _t2(**changes):
    intent = model.plan(wide())
    (t2,) = [t for t in intent.evpn_tenants if t.name == "t2"]  # pool 30.0.10.1-30.0.10.6
    return dataclasses.replace(t2, **changes)


SVC = {"lb_ingress_ips": ["30.0.10.6"], "cluster_ips": ["10.96.0.9", "fd00::9"], "cluster_ip": "10.96.0.1",
       "external_ips": ["198.51.100.7"]}


@pytest.mark.parametrize("kinds, expected", [
    ((), ("30.0.10.6/32",)),
    (("ClusterIP",), ("10.96.0.9/32", "30.0.10.6/32", "fd00::9/128")),  # IPv4 before IPv6, each sorted
    (("ExternalIP",), ("30.0.10.6/32", "198.51.100.7/32")),
    (("ClusterIP", "ExternalIP"), ("10.96.0.9/32", "30.0.10.6/32", "198.51.100.7/32", "fd00::9/128")),
])
def test_service_prefixes_follow_the_advertised_address_kinds(kinds, expected):
    assert service_prefixes(_t2(service_addresses=kinds), (SVC,)) == expected


def test_service_prefixes_of_services_outside_the_pool_are_not_the_tenants():
    t2 = _t2(service_addresses=("ClusterIP",))
    outside = dict(SVC, lb_ingress_ips=["30.0.10.7", "30.0.10.0"])  # one past each end of the range
    assert service_prefixes(t2, (outside,)) == ()
    assert service_prefixes(t2, ({"lb_ingress_ips": ["not-an-ip"]},)) == ()
    # a headless service's cluster IP "None" and a single cluster_ip field
    one = {"lb_ingress_ips": ["30.0.10.1"], "cluster_ip": "None"}
    assert service_prefixes(t2, (one,)) == ("30.0.10.1/32",)
    one = {"lb_ingress_ips": ["30.0.10.1"], "cluster_ip": "10.96.0.3"}
    assert service_prefixes(t2, (one,)) == ("10.96.0.3/32", "30.0.10.1/32")
    # two Services sharing an address give it once
    assert service_prefixes(t2, (one, one)) == ("10.96.0.3/32", "30.0.10.1/32")
    # a Service whose LoadBalancer address is not an address is nobody's, cluster IP included
    assert service_prefixes(t2, ({"lb_ingress_ips": ["not-an-ip"], "cluster_ip": "10.96.0.4"},)) == ()


def test_service_prefixes_read_every_service_and_every_address():
    t2 = _t2(service_addresses=("ClusterIP", "ExternalIP"))
    outside = {"lb_ingress_ips": ["30.0.10.9"], "cluster_ip": "10.96.0.8"}
    inside = {"lb_ingress_ips": ["30.0.10.2"], "cluster_ips": ["garbage", "10.96.0.5"], "external_ips": ["x", "198.51.100.8"]}
    # a Service outside the pool first does not end the scan; a bad address does not hide the next one
    assert service_prefixes(t2, (outside, inside)) == ("10.96.0.5/32", "30.0.10.2/32", "198.51.100.8/32")


@pytest.mark.parametrize("command, name", [
    ("show bgp l2vpn evpn 30.0.10.1 vrf Transit", "show_bgp_l2vpn_evpn_30.0.10.1_vrf_Transit"),
    ("show ip route vrf all | json", "show_ip_route_vrf_all_json"),  # a run of odd characters is one _
    ("kubectl get services -A -o yaml", "kubectl_get_services_-A_-o_yaml"),
    ("(show version)", "show_version"),  # none at either end
    ("show route ipv6 cafe:cafe:2be::/48", "show_route_ipv6_cafe_cafe_2be_48"),
])
def test_snapshot_file_names(command, name):
    assert slug(command) == name


def test_derived_prefixes_only_for_tenants_without_their_own():
    data = wide()
    data["tenants"][1].pop("expected_prefixes")  # t2 derives; t1 keeps its own
    data["tenants"][4]["advertise_pod_cidr"] = True  # red
    data["tenants"][4].pop("expected_prefixes", None)
    intent = model.plan(data)
    observed = Observed(services={"oss": ({"lb_ingress_ips": ["30.0.10.2", "20.0.10.1"]},)})
    derived = {t.name: t.expected_prefixes for t in with_derived_prefixes(intent, observed).evpn_tenants}
    assert derived["t2"] == ("30.0.10.2/32",)
    assert derived["t1"] == ("20.0.10.1/32",)
    srv6 = {t.name: t.expected_prefixes for t in with_derived_prefixes(intent, observed).srv6_tenants}
    assert srv6["red"] == ("10.24.0.0/24",)
    assert srv6["blue"] == tuple(next(t for t in intent.srv6_tenants if t.name == "blue").expected_prefixes)


# ---------------------------------------------------------------- SRv6 node locators

def _iso(*unset):
    """The wide inventory's isovalent cluster (pool cafe:cafe::/32, /48 locators) with some nodes' locators unset."""
    data = wide()
    for node in data["clusters"][1]["nodes"]:
        if node["name"] in unset:
            node.pop("srv6_locator")
    return model.plan(data).cluster("iso")


def test_locators_of_the_inventory_are_kept():
    assert node_locators(_iso()) == {"m1": "cafe:cafe:2be::/48", "m2": "cafe:cafe:2bf::/48"}


def test_unset_locators_are_allocated_in_name_order_skipping_the_first_and_the_taken():
    assert node_locators(_iso("m1", "m2")) == {"m1": "cafe:cafe:1::/48", "m2": "cafe:cafe:2::/48"}
    # m2 holds cafe:cafe:2bf::/48; m1 takes the first free one
    assert node_locators(_iso("m1")) == {"m1": "cafe:cafe:1::/48", "m2": "cafe:cafe:2bf::/48"}


def test_an_observed_locator_is_used_when_it_fits_the_pool():
    cluster = _iso("m1", "m2")
    seen = {"iso": {"m1": ("cafe:cafe:5::/64", "cafe:caff:5::/48", "10.0.0.0/8", "junk", "cafe:cafe:5::/48")}}
    # the /64 (not the pool's size), the one outside the pool, the IPv4 one and junk are skipped
    assert node_locators(cluster, Observed(locators=seen)) == {"m1": "cafe:cafe:5::/48", "m2": "cafe:cafe:1::/48"}
    # m2's observed locator is taken before m1 is allocated
    seen = {"iso": {"m2": ("cafe:cafe:1::/48",)}}
    assert node_locators(cluster, Observed(locators=seen)) == {"m1": "cafe:cafe:2::/48", "m2": "cafe:cafe:1::/48"}
    # another cluster's observation does not count
    assert node_locators(cluster, Observed(locators={"oss": {"m1": ("cafe:cafe:5::/48",)}}))["m1"] == "cafe:cafe:1::/48"


def test_a_full_pool_allocates_nothing():
    cluster = _iso("m1", "m2")
    pool = dataclasses.replace(cluster.locator_pool, prefix="cafe:cafe::/47", locator_len_bits=48)
    # a /47 holds two /48s; the first (all-zero node bits) is never handed out: m1 gets the other, m2 none
    assert node_locators(dataclasses.replace(cluster, locator_pool=pool)) == {"m1": "cafe:cafe:1::/48", "m2": None}


def test_a_pool_that_cannot_hold_locators_allocates_nothing():
    cluster = _iso("m1", "m2")
    for change in ({"prefix": "10.0.0.0/8"}, {"prefix": "junk"}, {"locator_len_bits": 24}):
        pool = dataclasses.replace(cluster.locator_pool, **change)
        assert node_locators(dataclasses.replace(cluster, locator_pool=pool)) == {"m1": None, "m2": None}, change
    equal = dataclasses.replace(cluster.locator_pool, locator_len_bits=32)  # the pool is one locator, its first
    assert node_locators(dataclasses.replace(cluster, locator_pool=equal)) == {"m1": None, "m2": None}
    assert node_locators(dataclasses.replace(cluster, locator_pool=None)) == {"m1": None, "m2": None}
