# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What plan() derives from an inventory (model.py), written by hand from the wide inventory of
tests/unit/verify/test_conditions.py: defaults, derived route targets, who peers with whom, route-map
sequences per leaf, VRFs and loopbacks per PE. Each variant changes one fact of the inventory."""

import copy
import os
import sys

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "verify"))
from test_conditions import WIDE_YAML  # noqa: E402  pylint: disable=wrong-import-position

BASE = yaml.safe_load(WIDE_YAML)


def wide():
    return copy.deepcopy(BASE)


def tenant(data, name):
    return next(t for t in data["tenants"] if t["name"] == name)


def by_name(items, name):
    return next(x for x in items if x.name == name)


# ---------------------------------------------------------------- clusters and peers

def test_clusters_as_derived():
    intent = model.plan(wide())
    oss, iso = intent.clusters
    assert (oss.name, oss.flavour, oss.asn, oss.api_version) == ("oss", "oss", 64512, "cilium.io/v2alpha1")
    assert oss.node_selector == {"matchLabels": {"bgp": "enabled"}}
    assert oss.advertisement_labels == {"advertise": "bgp"}  # the seed's label when the inventory names none
    assert [(p.name, p.device, p.address, p.asn, p.ebgp_multihop, p.nodes, p.all_nodes) for p in oss.peers] == [
        ("leafa", "LeafA", "192.168.1.1", 65000, 2, ("n1", "n2"), True),
        ("leafb", "LeafB", "192.168.1.2", 65000, 2, ("n1", "n2"), True)]
    assert [(n.name, n.address, n.pod_cidrs, n.peers) for n in oss.nodes] == [
        ("n1", "192.168.16.35", ("10.0.1.0/24",), ("LeafA", "LeafB")), ("n2", "192.168.16.36", ("10.0.2.0/24",), ("LeafA", "LeafB"))]
    assert (oss.evpn_tenants, oss.srv6_tenants, oss.locator_pool) == (("t1", "t2", "t3"), (), None)
    assert (iso.evpn_tenants, iso.srv6_tenants) == ((), ("blue", "red"))
    assert [(p.device, p.ebgp_multihop) for p in iso.peers] == [("PE1", None), ("PE2", None)]
    pool = iso.locator_pool
    assert (pool.name, pool.prefix, pool.locator_len_bits, pool.behavior_type) == ("pool0", "cafe:cafe::/32", 48, "uSID")
    assert (pool.locator_block_len_bits, pool.locator_node_len_bits, pool.function_len_bits, pool.argument_len_bits) == (32, 16, 16, 0)
    assert [n.srv6_locator for n in iso.nodes] == ["cafe:cafe:2be::/48", "cafe:cafe:2bf::/48"]


@pytest.mark.parametrize("version, api", [("1.18.0", "cilium.io/v2"), ("1.18.3", "cilium.io/v2"), ("1.19", "cilium.io/v2"),
                                          ("1.17.99", "cilium.io/v2alpha1"), ("2.0.0", "cilium.io/v2"),
                                          ("1.16.15", "cilium.io/v2alpha1")])
def test_api_version_from_the_cilium_version(version, api):
    assert model.api_version_for(version) == api


def test_a_peer_limited_to_a_node():
    data = wide()
    data["clusters"][0]["bgp_peers"][1]["nodes"] = ["n2"]  # LeafB peers n2 only
    intent = model.plan(data)
    oss = intent.cluster("oss")
    leafb = by_name(oss.peers, "leafb")
    assert (leafb.nodes, leafb.all_nodes, leafb.node_selector) == (("n2",), False, {})
    assert [(n.name, n.peers) for n in oss.nodes] == [("n1", ("LeafA",)), ("n2", ("LeafA", "LeafB"))]
    assert [n.node for n in by_name(intent.leaves, "LeafB").neighbors] == ["n2"]
    assert [n.node for n in by_name(intent.leaves, "LeafA").neighbors] == ["n1", "n2"]


def test_a_peer_with_its_own_asn_and_a_leaf_with_its_own():
    data = wide()
    data["leaves"][1]["asn"] = 65010
    data["clusters"][0]["bgp_peers"][0]["asn"] = 65020
    intent = model.plan(data)
    assert [p.asn for p in intent.cluster("oss").peers] == [65020, 65010]
    assert [(leaf.name, leaf.asn) for leaf in intent.leaves] == [("LeafA", 65000), ("LeafB", 65010)]


def test_selectors_are_normalised():
    data = wide()
    data["clusters"][0]["node_selector"] = {"matchLabels": {"z": "1", "a": "2"},
                                            "matchExpressions": [{"key": "k", "operator": "In", "values": ["x"]},
                                                                 {"key": "e", "operator": "Exists", "values": []}]}
    sel = model.plan(data).cluster("oss").node_selector
    assert list(sel["matchLabels"].items()) == [("a", "2"), ("z", "1")]
    assert sel["matchExpressions"] == [{"key": "k", "operator": "In", "values": ["x"]}, {"key": "e", "operator": "Exists"}]
    data["clusters"][0]["node_selector"] = {"matchLabels": {}, "matchExpressions": [{"key": "e", "operator": "Exists"}]}
    assert model.plan(data).cluster("oss").node_selector == {"matchExpressions": [{"key": "e", "operator": "Exists"}]}


# ---------------------------------------------------------------- tenants

def test_evpn_tenants_as_derived():
    t1, t2, t3 = model.plan(wide()).evpn_tenants
    # the RT is the fabric ASN and the L3VNI (2-byte ASN: type 0, the VNI fits the 4-byte field)
    assert [(t.name, t.vrf, t.l3vni, t.route_target, t.community) for t in (t1, t2, t3)] == [
        ("t1", "T1", 100302, "65000:100302", "64512:301"), ("t2", "T2", 100303, "65000:100303", "64512:302"),
        ("t3", "T3", 100304, "65000:100304", "64512:303")]
    assert [t.leaves for t in (t1, t2, t3)] == [("LeafA", "LeafB"), ("LeafB",), ()]
    assert (t1.service_addresses, t1.advertise_pod_cidr, t1.import_tags) == (("LoadBalancerIP",), False, ())
    assert [(p.name, p.cidr, p.start, p.stop) for p in t2.lb_pools] == [("p2", None, "30.0.10.1", "30.0.10.6")]
    assert t1.service_selector == {"matchLabels": {"svc": "t1"}}
    assert (t1.fabric_prefixes, t1.expected_prefixes, t3.fabric_prefixes) == (("10.71.1.0/24",), ("20.0.10.1/32",), ())


def test_a_tenant_without_leaves_is_served_by_every_leaf_its_cluster_peers():
    data = wide()
    del tenant(data, "t2")["leaves"]
    data["clusters"][0]["bgp_peers"].reverse()  # order of the peers, each leaf once
    assert model.plan(data).evpn_tenants[1].leaves == ("LeafB", "LeafA")


def test_an_explicit_route_target_wins():
    data = wide()
    tenant(data, "t2")["route_target"] = "65000:7"
    assert model.plan(data).evpn_tenants[1].route_target == "65000:7"


def test_srv6_tenants_as_derived():
    blue, red = model.plan(wide()).srv6_tenants
    assert [(t.name, t.vrf, t.vrf_id, t.rd, t.import_rts, t.export_rts, t.pes) for t in (blue, red)] == [
        ("blue", "blue", 10, "10:10", ("65000:10",), ("65000:10",), ("PE1", "PE2")),
        ("red", "red", 11, "10:11", ("65000:11",), ("65000:11",), ("PE1", "PE2"))]
    assert (blue.namespace_selector, blue.pod_selector) == ({"matchLabels": {"ns": "blue"}}, {"matchLabels": {"vrf": "blue"}})
    assert blue.advertise_pod_cidr is True  # pod CIDRs given: advertised unless said otherwise
    assert blue.destination_cidrs == ("0.0.0.0/0",)
    assert [(d, lo.interface, lo.address) for d, lo in blue.pe_loopbacks] == [
        ("PE1", "Loopback10", "172.19.19.19/32"), ("PE2", "Loopback10", "172.19.19.20/32")]


def test_srv6_tenant_defaults():
    data = wide()
    red = tenant(data, "red")
    for key in ("pod_cidrs", "destination_cidrs", "namespace_selector", "expected_prefixes"):
        red.pop(key)
    red["pes"] = ["PE2"]
    red["pe_loopbacks"] = [{"device": "PE2", "interface": "Loopback11", "address": "172.19.20.19/32"}]
    plan_red = model.plan(data).srv6_tenants[1]
    assert (plan_red.advertise_pod_cidr, plan_red.pod_cidrs, plan_red.destination_cidrs) == (False, (), ("0.0.0.0/0",))
    assert (plan_red.namespace_selector, plan_red.pes) == (None, ("PE2",))


# ---------------------------------------------------------------- leaves and PEs

def test_leaves_as_derived():
    intent = model.plan(wide())
    leafa, leafb = intent.leaves
    assert (leafa.asn, leafa.router_id, leafa.transit_vrf, leafa.transit_l3vni) == (65000, "10.70.0.11", "Transit", 100301)
    assert (leafa.transit_loopback.interface, leafa.transit_loopback.address) == ("loopback11", "192.168.1.1/32")
    assert (leafa.export_map, leafa.import_map) == ("K8-Export-Others", "CommunityImport")
    rows = [(t.tenant, t.vrf, t.export_seq, t.import_seqs, t.community_list, t.extcommunity_list, t.route_target)
            for t in leafb.tenants]
    # sequences follow the tenants this leaf serves, in inventory order
    assert rows == [("t1", "T1", 10, (10,), "T1-BGP-Community", "T1-RT", "65000:100302"),
                    ("t2", "T2", 20, (20,), "T2-BGP-Community", "T2-RT", "65000:100303")]
    assert [(t.tenant, t.export_seq) for t in leafa.tenants] == [("t1", 10)]
    assert leafa.import_deny_seq == leafb.import_deny_seq == intent.naming.import_deny_seq > 20
    assert [(n.node, n.cluster, n.address, n.remote_as, n.ebgp_multihop, n.update_source) for n in leafa.neighbors] == [
        ("n1", "oss", "192.168.16.35", 64512, 2, "loopback11"), ("n2", "oss", "192.168.16.36", 64512, 2, "loopback11")]


def test_import_tags_take_their_own_sequences():
    data = wide()
    tenant(data, "t1")["import_tags"] = [12346, 12347]
    leafb = model.plan(data).leaves[1]
    assert [(t.tenant, t.export_seq, t.import_seqs, t.import_tags) for t in leafb.tenants] == [
        ("t1", 10, (10, 20, 30), (12346, 12347)), ("t2", 20, (40,), ())]


def test_naming_overrides_the_defaults():
    data = wide()
    data["naming"] = {"community_list": "{tenant}-comm", "extcommunity_list": "rt-{vrf}", "export_map": "EXP"}
    leafb = model.plan(data).leaves[1]
    assert [(t.community_list, t.extcommunity_list) for t in leafb.tenants] == [("t1-comm", "rt-T1"), ("t2-comm", "rt-T2")]
    assert (leafb.export_map, leafb.import_map) == ("EXP", "CommunityImport")


def test_pes_as_derived():
    intent = model.plan(wide())
    pe1, pe2 = intent.pes
    assert (pe1.asn, pe1.router_id, pe1.source_address) == (65000, "192.168.40.40", "2016:40::40")
    assert (pe1.locator.name, pe1.locator.prefix, pe1.locator.behavior) == ("PE1", "cafe:cafe:100::/48", "uSID")
    assert [(v.tenant, v.vrf, v.rd, v.import_rts, [lo.address for lo in v.loopbacks]) for v in pe1.vrfs] == [
        ("blue", "blue", "10:10", ("65000:10",), ["172.19.19.19/32"]), ("red", "red", "10:11", ("65000:11",), ["172.19.20.19/32"])]
    # red has no loopback on PE2: the VRF is there, without loopbacks
    assert [(v.tenant, [lo.address for lo in v.loopbacks]) for v in pe2.vrfs] == [("blue", ["172.19.19.20/32"]), ("red", [])]
    assert [(n.node, n.address, n.remote_as, n.update_source) for n in pe2.neighbors] == [
        ("m1", "2016:23::1", 65000, None), ("m2", "2016:23::2", 65000, None)]


def test_a_pe_serves_only_the_tenants_that_name_it():
    data = wide()
    tenant(data, "red")["pes"] = ["PE1"]
    tenant(data, "red")["pe_loopbacks"] = [{"device": "PE1", "interface": "Loopback11", "address": "172.19.20.19/32"}]
    pe1, pe2 = model.plan(data).pes
    assert [v.tenant for v in pe1.vrfs] == ["blue", "red"]
    assert [v.tenant for v in pe2.vrfs] == ["blue"]


# ---------------------------------------------------------------- values the inventory sets instead of the defaults

def test_cluster_values_given_instead_of_the_defaults():
    data = wide()
    iso = data["clusters"][1]
    iso["advertisement_labels"] = {"z": "1", "bgp-adv": "yes"}
    iso["nodes"][0]["labels"] = {"rack": "r2", "bgp": "on"}
    iso["srv6"]["locator_pool"]["behavior_type"] = "Base"
    iso["srv6"]["locator_pool"]["structure"] = {"locator_block_len_bits": 24, "locator_node_len_bits": 24,
                                                "function_len_bits": 16, "argument_len_bits": 0}
    cluster = model.plan(data).cluster("iso")
    assert list(cluster.advertisement_labels.items()) == [("bgp-adv", "yes"), ("z", "1")]
    assert list(cluster.nodes[0].labels.items()) == [("bgp", "on"), ("rack", "r2")]
    assert cluster.nodes[1].labels == {}
    pool = cluster.locator_pool
    assert (pool.behavior_type, pool.locator_block_len_bits, pool.locator_node_len_bits) == ("Base", 24, 24)
    assert cluster.cilium_version == "1.17.6"


def test_locator_pool_defaults():
    data = wide()
    pool = data["clusters"][1]["srv6"]["locator_pool"]
    del pool["structure"], pool["behavior_type"]
    planned = model.plan(data).cluster("iso").locator_pool
    assert (planned.behavior_type, planned.locator_block_len_bits, planned.locator_node_len_bits,
            planned.function_len_bits, planned.argument_len_bits) == ("uSID", 32, 16, 16, 0)


def test_a_peer_with_a_node_selector():
    data = wide()
    data["clusters"][0]["nodes"][1]["labels"] = {"rack": "r2"}
    data["clusters"][0]["bgp_peers"][1]["node_selector"] = {"matchLabels": {"rack": "r2"}}
    leafa, leafb = model.plan(data).cluster("oss").peers
    assert (leafb.node_selector, leafb.nodes, leafb.all_nodes) == ({"matchLabels": {"rack": "r2"}}, ("n2",), False)
    assert (leafa.node_selector, leafa.nodes, leafa.all_nodes) == ({}, ("n1", "n2"), True)


def test_tenant_values_given_instead_of_the_defaults():
    data = wide()
    tenant(data, "t1")["service_addresses"] = ["LoadBalancerIP", "ClusterIP"]
    tenant(data, "t1")["advertise_pod_cidr"] = True
    red = tenant(data, "red")
    red["destination_cidrs"] = ["10.0.0.0/8", "192.168.0.0/16"]
    red["advertise_pod_cidr"] = False
    intent = model.plan(data)
    t1 = intent.evpn_tenants[0]
    assert (t1.cluster, t1.service_addresses, t1.advertise_pod_cidr) == ("oss", ("LoadBalancerIP", "ClusterIP"), True)
    assert [(p.name, p.cidr, p.start, p.stop) for p in t1.lb_pools] == [("p1", "20.0.10.0/24", None, None)]
    plan_red = intent.srv6_tenants[1]
    assert (plan_red.cluster, plan_red.destination_cidrs, plan_red.advertise_pod_cidr) == (
        "iso", ("10.0.0.0/8", "192.168.0.0/16"), False)
    assert (plan_red.pod_cidrs, plan_red.expected_prefixes) == (("10.24.0.0/24",), ("10.24.0.0/24",))
    assert intent.cluster("iso").cilium_version == "1.17.6"


def test_leaf_tenant_records_carry_the_tenant_facts():
    leafb = model.plan(wide()).leaves[1]
    assert [(t.tenant, t.l3vni, t.community) for t in leafb.tenants] == [("t1", 100302, "64512:301"), ("t2", 100303, "64512:302")]


def test_leaf_and_pe_optional_values():
    data = wide()
    data["leaves"][0]["pim_ssm_range"] = "232.0.0.0/8"
    del data["leaves"][1]["router_id"]
    del data["leaves"][1]["transit_vrf"]["loopback"]
    data["clusters"][0]["bgp_peers"][1]["address"] = "10.70.0.12"  # LeafB peers from its router address now
    data["pes"][1]["update_source"] = "Loopback0"
    intent = model.plan(data)
    leafa, leafb = intent.leaves
    assert (leafa.pim_ssm_range, leafb.pim_ssm_range) == ("232.0.0.0/8", None)
    assert (leafb.router_id, leafb.transit_loopback) == ("", None)
    assert {n.update_source for n in leafb.neighbors} == {None}
    pe1, pe2 = intent.pes
    assert (pe1.name, pe1.update_source, pe2.name, pe2.update_source) == ("PE1", None, "PE2", "Loopback0")
    assert {n.update_source for n in pe2.neighbors} == {"Loopback0"}


def test_asdot_notation_reaches_every_device_record():
    data = wide()
    data["fabric"]["asn_notation"] = "asdot"
    tenant(data, "t1")["route_target"] = "4200000000:7"
    tenant(data, "blue")["rd"] = "4200000000:10"
    intent = model.plan(data)
    assert intent.asn_notation == "asdot"
    assert {leaf.asn_notation for leaf in intent.leaves} == {pe.asn_notation for pe in intent.pes} == {"asdot"}
    assert intent.leaves[0].tenants[0].route_target == "64086.59904:7"  # 4200000000 = 64086 * 65536 + 59904
    assert intent.evpn_tenants[0].route_target == "4200000000:7"  # the intent keeps asplain; devices get their notation
    assert intent.pes[0].vrfs[0].rd == "64086.59904:10"
    plain = model.plan(wide())
    assert (plain.asn_notation, plain.leaves[0].asn_notation, plain.pes[0].asn_notation) == ("asplain",) * 3
