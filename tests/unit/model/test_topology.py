# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-rack peering (issue 13 section 2): nodes peer the leaves they attach to."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.build import render_intent
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.cilium import render_cilium_objects

REPO = Path(__file__).resolve().parents[3]
LAB = REPO / "inventories" / "lab" / "group_vars" / "all" / "tenancy.yml"


def _racks() -> dict:
    """The lab with two racks: rack r1 (node a, b) behind Leaf01, rack r2 (node c) behind Leaf02."""
    data = copy.deepcopy(yaml.safe_load(LAB.read_text())["tenancy"])
    leaf2 = copy.deepcopy(data["leaves"][0])
    leaf2.update(name="Leaf02", router_id="10.70.0.12")
    leaf2["transit_vrf"]["loopback"] = {"interface": "loopback11", "address": "192.168.1.2/32"}
    data["leaves"].append(leaf2)
    oss = data["clusters"][0]
    oss["nodes"] = [
        {"name": "node-a", "address": "192.168.16.35", "labels": {"rack": "r1"}},
        {"name": "node-b", "address": "192.168.16.36", "labels": {"rack": "r1"}},
        {"name": "node-c", "address": "192.168.17.35", "labels": {"rack": "r2"}},
    ]
    oss["bgp_peers"] = [
        {"device": "Leaf01", "address": "192.168.1.1", "ebgp_multihop": 2, "node_selector": {"matchLabels": {"rack": "r1"}}},
        {"device": "Leaf02", "address": "192.168.1.2", "ebgp_multihop": 2, "nodes": ["node-c"]},
    ]
    return data


def _issues(data):
    return [(i.rule, i.path) for i in model.validate(data)]


def test_each_leaf_configures_only_its_own_rack():
    intent = model.plan(_racks())
    leaves = {leaf.name: leaf for leaf in intent.leaves}
    assert [n.node for n in leaves["Leaf01"].neighbors] == ["node-a", "node-b"]
    assert [n.node for n in leaves["Leaf02"].neighbors] == ["node-c"]
    files = render_intent(intent, ["nxos"])
    assert "neighbor 192.168.17.35" not in files["configs/Leaf01.cfg"]
    assert "neighbor 192.168.16.35" not in files["configs/Leaf02.cfg"]
    assert "neighbor 192.168.17.35" in files["configs/Leaf02.cfg"]


def test_intent_says_who_peers_with_whom():
    cluster = model.plan(_racks()).cluster("k8s-oss")
    assert [(p.device, p.nodes, p.all_nodes) for p in cluster.peers] == [
        ("Leaf01", ("node-a", "node-b"), False), ("Leaf02", ("node-c",), False)]
    assert cluster.peers[0].node_selector == {"matchLabels": {"rack": "r1"}}
    assert {n.name: n.peers for n in cluster.nodes} == {"node-a": ("Leaf01",), "node-b": ("Leaf01",), "node-c": ("Leaf02",)}
    assert cluster.nodes[0].labels == {"rack": "r1"}


def test_cilium_gets_one_cluster_config_per_peer_set_with_disjoint_node_selectors():
    intent = model.plan(_racks())
    configs = [o for o in render_cilium_objects(intent, intent.cluster("k8s-oss")) if o["kind"] == "CiliumBGPClusterConfig"]
    assert [c["metadata"]["name"] for c in configs] == ["bgp-cluster-config-leaf01", "bgp-cluster-config-leaf02"]
    selected = []
    for config in configs:
        selector = config["spec"]["nodeSelector"]
        assert selector["matchLabels"] == {"bgp": "enabled"}  # the cluster's selector is kept
        hostnames = [e for e in selector["matchExpressions"] if e["key"] == "kubernetes.io/hostname"]
        selected.append(hostnames[0]["values"])
        assert [p["name"] for p in config["spec"]["bgpInstances"][0]["peers"]] == [config["metadata"]["name"][-6:]]
    assert selected == [["node-a", "node-b"], ["node-c"]]


def test_default_is_every_node_peers_every_peer_as_before():
    data = copy.deepcopy(yaml.safe_load(LAB.read_text())["tenancy"])
    intent = model.plan(data)
    configs = [o for o in render_cilium_objects(intent, intent.cluster("k8s-oss")) if o["kind"] == "CiliumBGPClusterConfig"]
    assert [c["metadata"]["name"] for c in configs] == ["bgp-cluster-config"]
    assert all(p.all_nodes and p.nodes == ("ubuntu2.local",) for p in intent.cluster("k8s-oss").peers)


def test_two_peers_per_node():
    data = _racks()
    data["clusters"][0]["bgp_peers"][1]["nodes"] = ["node-b", "node-c"]
    intent = model.plan(data)
    assert {n.name: n.peers for n in intent.cluster("k8s-oss").nodes}["node-b"] == ("Leaf01", "Leaf02")
    configs = [o for o in render_cilium_objects(intent, intent.cluster("k8s-oss")) if o["kind"] == "CiliumBGPClusterConfig"]
    assert [c["metadata"]["name"] for c in configs] == [
        "bgp-cluster-config-leaf01", "bgp-cluster-config-leaf01-leaf02", "bgp-cluster-config-leaf02"]


@pytest.mark.parametrize("change, expected", [
    # node without a peer
    (lambda d: d["clusters"][0]["bgp_peers"][1].update(nodes=["node-b"]),
     [("node-without-peer", "clusters[0].nodes[2].name")]),
    # a peer naming an unknown node
    (lambda d: d["clusters"][0]["bgp_peers"][1].update(nodes=["node-c", "node-z"]),
     [("unknown-reference", "clusters[0].bgp_peers[1].nodes[1]")]),
    # a selector matching nothing (and so rack r1 has no peer)
    (lambda d: d["clusters"][0]["bgp_peers"][0].update(node_selector={"matchLabels": {"rack": "r9"}}),
     [("peer-nodes", "clusters[0].bgp_peers[0]"), ("node-without-peer", "clusters[0].nodes[0].name"),
      ("node-without-peer", "clusters[0].nodes[1].name")]),
    # both ways of selecting at once
    (lambda d: d["clusters"][0]["bgp_peers"][1].update(node_selector={"matchLabels": {"rack": "r2"}}),
     [("peer-nodes", "clusters[0].bgp_peers[1]")]),
    # peer address in no subnet of the leaf
    (lambda d: d["clusters"][0]["bgp_peers"][1].update(address="192.168.9.9"),
     [("peer-address", "clusters[0].bgp_peers[1].address")]),
    # two nodes of one cluster with one address
    (lambda d: d["clusters"][0]["nodes"][1].update(address="192.168.16.35"),
     [("duplicate-address", "clusters[0].nodes[1].address"), ("duplicate-session", "clusters[0].nodes[1].address")]),
])
def test_bad_topology(change, expected):
    data = _racks()
    change(data)
    assert _issues(data) == expected


def test_two_peer_entries_for_one_device_and_node():
    data = _racks()
    data["clusters"][0]["bgp_peers"].append(dict(data["clusters"][0]["bgp_peers"][1]))
    issues = model.validate(data)
    assert [(i.rule, i.path, i.message) for i in issues] == [
        ("duplicate-session", "clusters[0].bgp_peers[2].device", "node node-c already peers device Leaf02 through clusters[0].bgp_peers[1]")]


def test_two_clusters_with_one_node_address_on_one_leaf():
    data = _racks()
    other = copy.deepcopy(data["clusters"][0])
    other.update(name="k8s-oss2", asn=64513)
    other["nodes"] = [{"name": "other-a", "address": "192.168.16.35", "labels": {"rack": "r1"}}]
    other["bgp_peers"] = [data["clusters"][0]["bgp_peers"][0]]
    data["clusters"].append(other)
    issues = model.validate(data)
    assert [(i.rule, i.path) for i in issues] == [("duplicate-session", "clusters[2].nodes[0].address")]
    assert issues[0].message == ("device Leaf01 would have two BGP sessions to this address "
                                 "(also clusters[0].nodes[0].address, via clusters[2].bgp_peers[0])")


def test_isovalent_cluster_per_node_peering():
    data = _racks()
    iso = data["clusters"][1]
    iso["nodes"].append({"name": "ubuntuk9.local", "address": "2016:23:23:23::99", "srv6_locator": "cafe:cafe:2bf::/48"})
    iso["bgp_peers"][0]["nodes"] = ["ubuntuk8.local"]
    iso["bgp_peers"].append({"device": "Leaf01", "address": "2016:70::11", "nodes": ["ubuntuk9.local"]})
    intent = model.plan(data)
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.isovalent import render_isovalent_objects

    configs = [o for o in render_isovalent_objects(intent, intent.cluster("k8s-isovalent"))
               if o["kind"] == "IsovalentBGPClusterConfig"]
    assert [(c["metadata"]["name"], [p["name"] for p in c["spec"]["bgpInstances"][0]["peers"]]) for c in configs] == [
        ("bgp-cluster-config-xrv", ["xrv"]), ("bgp-cluster-config-leaf01", ["leaf01"])]
    assert all("vrfs" in c["spec"]["bgpInstances"][0] for c in configs)  # every group keeps the VRFs
    pe = intent.pes[0]
    assert [n.node for n in pe.neighbors] == ["ubuntuk8.local"]
    assert "ubuntuk9.local" in [n.node for n in next(l for l in intent.leaves if l.name == "Leaf01").neighbors]


def test_plan_json_carries_the_topology(tmp_path):
    import json
    data = model.plan(_racks()).to_dict()
    peer = data["clusters"][0]["peers"][0]
    assert (list(peer["nodes"]), peer["node_selector"], peer["all_nodes"]) == (["node-a", "node-b"], {"matchLabels": {"rack": "r1"}}, False)
    json.dumps(data)
