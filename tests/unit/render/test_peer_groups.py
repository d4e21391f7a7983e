# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-rack peering: Cilium refuses a node selected by two BGP cluster configs, so the renderer groups the
nodes by the exact set of peers they open (render.cilium.peer_groups). Expected groups written by hand
from the wide inventory of tests/unit/verify/test_conditions.py (two nodes, LeafA and LeafB)."""

import copy
import os
import sys

import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.cilium import peer_groups

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "verify"))
from test_conditions import WIDE_YAML  # noqa: E402  pylint: disable=wrong-import-position

BASE = yaml.safe_load(WIDE_YAML)


def groups(**peer_nodes):
    """peer_groups of cluster oss with bgp_peers[i].nodes set from LeafA=[...] / LeafB=[...]."""
    data = copy.deepcopy(BASE)
    for peer in data["clusters"][0]["bgp_peers"]:
        if peer["device"] in peer_nodes:
            peer["nodes"] = peer_nodes[peer["device"]]
    cluster = model.plan(data).cluster("oss")
    return [(g.name, g.node_selector, [p.device for p in g.peers]) for g in peer_groups(cluster, "bgp")]


def hosts(*names):
    return {"matchLabels": {"bgp": "enabled"},
            "matchExpressions": [{"key": "kubernetes.io/hostname", "operator": "In", "values": list(names)}]}


def test_every_peer_for_every_node_is_one_group():
    assert groups() == [("bgp", {"matchLabels": {"bgp": "enabled"}}, ["LeafA", "LeafB"])]


def test_one_leaf_per_node_is_one_group_per_leaf():
    assert groups(LeafA=["n1"], LeafB=["n2"]) == [("bgp-leafa", hosts("n1"), ["LeafA"]), ("bgp-leafb", hosts("n2"), ["LeafB"])]


def test_nodes_are_grouped_by_their_exact_peer_set():
    assert groups(LeafA=["n1", "n2"], LeafB=["n2"]) == [
        ("bgp-leafa", hosts("n1"), ["LeafA"]), ("bgp-leafa-leafb", hosts("n2"), ["LeafA", "LeafB"])]
    # two nodes with the same peers share a group, their names sorted
    assert groups(LeafA=["n2", "n1"], LeafB=["n1", "n2"]) == [("bgp-leafa-leafb", hosts("n1", "n2"), ["LeafA", "LeafB"])]


def test_the_clusters_selector_is_not_changed():
    data = copy.deepcopy(BASE)
    data["clusters"][0]["bgp_peers"][0]["nodes"] = ["n1"]
    cluster = model.plan(data).cluster("oss")
    before = copy.deepcopy(cluster.node_selector)
    peer_groups(cluster, "bgp")
    assert cluster.node_selector == before
