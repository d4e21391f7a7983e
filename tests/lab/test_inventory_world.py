# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab built from any inventory (lab/inventory_world.py) and the one-line port-in-use error."""

import copy
import os
import socket

import pytest
import yaml

from twin_support import ROOT  # noqa: F401  (puts the project on sys.path)

from lab import inventory_world
from lab.kube.world import load_clusters
from lab.twins import cli as twins_cli
from lab.twins.world import specs_from

LAB = os.path.join(ROOT, "inventories", "lab")
RACKS = os.path.join(ROOT, "inventories", "lab-racks")


def tenancy_of(inventory):
    with open(os.path.join(inventory, "group_vars", "all", "tenancy.yml"), encoding="utf-8") as fh:
        return yaml.safe_load(fh)["tenancy"]


def test_racks_world_has_exactly_the_inventorys_devices_nodes_and_services():
    tenancy = tenancy_of(RACKS)
    doc = inventory_world.world(tenancy)
    assert [(d["name"], d["os"]) for d in doc["devices"]] == [
        ("R1-Leaf1", "nxos"), ("R1-Leaf2", "nxos"), ("R2-Leaf1", "nxos"), ("R2-Leaf2", "nxos"), ("PE1", "iosxr")]
    oss, srv6 = doc["clusters"]
    assert [n["name"] for n in oss["nodes"]] == ["rack1-node1", "rack2-node1"]
    # one Service per tenant per pool, at the pool's first address, labelled for the tenant's selector
    assert [(s["name"], s["load_balancer_ip"], s["labels"]) for s in oss["services"]] == [
        ("red-red-pool", "20.1.0.1", {"tenant": "red"}),
        ("green-green-range", "20.2.0.10", {"tenant": "green"}),
        ("yellow-yellow-low", "20.3.0.1", {"tenant": "yellow"}),
        ("yellow-yellow-high", "20.3.0.129", {"tenant": "yellow"})]
    # per-rack peering: each node peers only the leaves whose node_selector matches its labels,
    # in the device's AS (the asdot fabric ASN "1.11" as a number)
    assert [(n["name"], n["labels"], sorted((p["address"], p["asn"]) for p in n["peers"])) for n in oss["nodes"]] == [
        ("rack1-node1", {"bgp": "enabled", "rack": "r1"}, [("192.168.101.1", 65547), ("192.168.101.2", 65547)]),
        ("rack2-node1", {"bgp": "enabled", "rack": "r2"}, [("192.168.102.1", 65547), ("192.168.102.2", 65547)])]
    assert oss["nodes"][0]["asn"] == 4200000101 and srv6["nodes"][0]["asn"] == 65547
    assert srv6["nodes"][0]["peers"] == [{"address": "2001:db8:50::50", "asn": 65547,
                                          "families": ["ipv6-unicast", "vpnv4-unicast"]}]
    # a pod per SRv6 tenant per node, inside the tenant's pod CIDR, in the namespace its selector names
    assert sorted((p["namespace"], p["ip"], p["node"]) for p in srv6["pods"]) == [
        ("blue", "10.23.0.1", "srv6-node1"), ("blue", "10.23.0.2", "srv6-node2"),
        ("purple", "10.24.0.1", "srv6-node1"), ("purple", "10.24.0.2", "srv6-node2")]


def test_a_removed_tenant_and_leaf_leave_the_world():
    tenancy = copy.deepcopy(tenancy_of(RACKS))
    tenancy["leaves"] = tenancy["leaves"][:2]
    tenancy["clusters"][0]["bgp_peers"] = tenancy["clusters"][0]["bgp_peers"][:2]
    tenancy["tenants"] = [t for t in tenancy["tenants"] if t["name"] not in ("yellow",)]
    doc = inventory_world.world(tenancy)
    assert [d["name"] for d in doc["devices"]] == ["R1-Leaf1", "R1-Leaf2", "PE1"]
    assert [s["name"] for s in doc["clusters"][0]["services"]] == ["red-red-pool", "green-green-range"]
    assert [len(n["peers"]) for n in doc["clusters"][0]["nodes"]] == [2, 0]  # rack 2's node lost its leaves


@pytest.mark.parametrize("peer_keys, rack1, rack2", [
    ({}, 4, 4),                                                    # neither: every node peers every leaf
    ({"nodes": ["rack2-node1"]}, 0, 4),                            # named nodes only
    ({"node_selector": {"matchLabels": {"rack": "r2"}}}, 0, 4),    # a selector on the nodes' own labels
    ({"node_selector": {"matchExpressions": [{"key": "rack", "operator": "Exists"}]}}, 4, 4),
    ({"nodes": []}, 0, 0),
])
def test_node_peers_follow_the_peers_node_selection(peer_keys, rack1, rack2):
    tenancy = copy.deepcopy(tenancy_of(RACKS))
    for peer in tenancy["clusters"][0]["bgp_peers"]:
        peer.pop("node_selector", None)
        peer.update(copy.deepcopy(peer_keys))
    doc = inventory_world.world(tenancy)
    assert [len(n["peers"]) for n in doc["clusters"][0]["nodes"]] == [rack1, rack2]


@pytest.mark.parametrize("value, number", [(65100, 65100), ("65100", 65100), ("1.11", 65547), ("1.0", 65536),
                                           (4200000101, 4200000101), ("x", 0), (None, 0), (True, 0)])
def test_asn_number_reads_both_notations(value, number):
    assert inventory_world.asn_number(value) == number


@pytest.mark.parametrize("asn, notation, text", [(65547, "asdot", "1.11"), (65547, "asplain", "65547"),
                                                 (65100, "asdot", "65100")])
def test_baseline_spells_the_as_as_the_fabric_does(asn, notation, text):
    tenancy = copy.deepcopy(tenancy_of(RACKS))
    tenancy["fabric"] = {"asn": asn, "asn_notation": notation}
    leaf = inventory_world.generated(tenancy)["devices"][0]["baseline_text"]
    assert "\nrouter bgp %s\n" % text in leaf


def test_the_seed_workloads_file_wins_and_reproduces_the_seed_lab():
    tenancy = tenancy_of(LAB)
    with open(LAB + ".workloads.yml", encoding="utf-8") as fh:
        given = yaml.safe_load(fh)
    doc = inventory_world.world(tenancy, given)
    assert doc["devices"] == given["devices"]  # the seed's baselines and fabric prefixes
    for mine, seed in zip(doc["clusters"], given["clusters"]):
        for key, value in seed.items():
            if key != "nodes":
                assert mine[key] == value, key
        for node, seed_node in zip(mine["nodes"], seed["nodes"]):
            assert {k: node[k] for k in seed_node} == seed_node


def test_generated_baselines_load_into_the_twins(tmp_path):
    with open(tmp_path / "t.yml", "w", encoding="utf-8") as fh:
        yaml.safe_dump({"tenancy": tenancy_of(RACKS)}, fh)
    path, doc, changed = inventory_world.write(str(tmp_path / "t.yml"), None, str(tmp_path / "world"))
    assert changed and not inventory_world.write(str(tmp_path / "t.yml"), None, str(tmp_path / "world"))[2]
    specs = specs_from(doc, path, ROOT)
    leaf = next(s for s in specs if s.name == "R1-Leaf1")
    assert "router bgp 1.11" in leaf.baseline and "ip address 10.80.1.1/32" in leaf.baseline
    pe = next(s for s in specs if s.name == "PE1")
    assert "ipv6 address 2001:db8:50::50/128" in pe.baseline
    clusters = load_clusters(str(tmp_path / "t.yml"), path)
    assert [c.name for c in clusters] == ["racks-oss", "racks-srv6"]
    assert set(clusters[0].nodes[0].neighbours) == {"192.168.101.1", "192.168.101.2"}
    assert set(clusters[0].nodes[1].neighbours) == {"192.168.102.1", "192.168.102.2"}
    assert clusters[0].nodes[0].labels == {"bgp": "enabled", "rack": "r1"}


@pytest.mark.parametrize("selector, labels", [
    ({"matchLabels": {"a": "1"}}, {"a": "1"}),
    ({"matchExpressions": [{"key": "svc", "operator": "In", "values": ["x", "y"]}]}, {"svc": "x"}),
    ({"matchExpressions": [{"key": "svc", "operator": "Exists"}]}, {"svc": "lab"}),
    ({"matchExpressions": [{"key": "svc", "operator": "DoesNotExist"}]}, {}),
])
def test_generated_labels_match_the_selector(selector, labels):
    from lab.kube.selectors import selector_matches
    got = inventory_world.labels_for(selector)
    assert got == labels and selector_matches(selector, got)


@pytest.mark.parametrize("pool, first", [
    ({"cidr": "20.0.10.0/24"}, "20.0.10.1"), ({"cidr": "20.0.10.7/32"}, "20.0.10.7"),
    ({"start": "20.0.10.5", "stop": "20.0.10.9"}, "20.0.10.5")])
def test_pool_first_address(pool, first):
    assert inventory_world.pool_first_address(pool) == first


def test_a_port_in_use_is_one_line_naming_it_and_the_way_out():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        found = twins_cli.ports_in_use({"Leaf01": port, "XRV": 0})
        assert found == {"Leaf01": port}
        msg = twins_cli.port_in_use_message(found)
        assert "\n" not in msg
        assert msg.startswith("lab: port %d (Leaf01) on 127.0.0.1 already in use" % port)
        assert "KUBEVRF_LAB_FREE_PORTS=1" in msg and "lab_free_ports=true" in msg
    # the twin: nothing listens any more, so nothing is reported
    assert twins_cli.ports_in_use({"Leaf01": port}) == {}


def test_run_refuses_a_port_in_use_with_that_line(tmp_path, capsys, monkeypatch):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        monkeypatch.setattr(twins_cli, "DEFAULT_PORTS", {"Leaf01": port, "XRV": 0})
        args = twins_cli.argparse.Namespace(state_dir=str(tmp_path), workloads=None, manifests=None, kube_state=None,
                                            free_ports=False)
        assert twins_cli.run(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["lab: port %d (Leaf01) on 127.0.0.1 already in use; pick free ports with %s"
                   % (port, twins_cli.FREE_PORTS_HINT)]


@pytest.mark.parametrize("a, b, same", [("1.11:10", "65547:10", True), ("65547:10", "65547:11", False),
                                        ("100:7", "0.100:7", False), ("10.0.0.1:5", "10.0.0.1:5", True),
                                        ("1.11:10", "1.11:10x", False)])
def test_twins_compare_route_targets_by_value(a, b, same):
    from lab.twins.grammar import rt_key
    assert (rt_key(a) == rt_key(b)) is same
