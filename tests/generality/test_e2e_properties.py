# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Property: any valid inventory builds, the twins accept it, validation of what they show passes,
and each single injected leak makes validation fail naming it.

Inventories are drawn by hypothesis (1..3 leaves, 1..3 EVPN tenants with CIDR or
start/stop pools, 0..2 SRv6 tenants behind a PE, 1..2 nodes per cluster, 2-byte
and 4-byte asplain cluster ASNs, node locators given or left to the operator).
The whole lab runs in-process (tests/generality/inprocess_lab.py). The suite
runs a few seeded examples; ``make fuzz-e2e`` runs many more
(KUBEVRF_FUZZ_EXAMPLES).
"""

import copy
import os
import sys
import tempfile

import pytest
import yaml
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from inprocess_lab import InProcessLab  # noqa: E402

# The suite: a few seeded examples, no shrinking (bounded time); make fuzz-e2e: many, shrunk.
FUZZ = int(os.environ.get("KUBEVRF_FUZZ_EXAMPLES", "0"))
EXAMPLES = FUZZ or 2
PHASES = (Phase.explicit, Phase.generate, Phase.shrink) if FUZZ else (Phase.explicit, Phase.generate)
LEAKS = ("route-in-other-vrf", "wrong-community", "rt-import", "sid-outside-locator")


def _asn_spellings(asn):
    """The ways an inventory may write an ASN: an integer, or (4-byte) an asdot string."""
    return st.sampled_from([asn, "%d.%d" % (asn >> 16, asn & 0xFFFF)] if asn > 0xFFFF else [asn])


@st.composite
def inventories(draw):
    fabric_number = draw(st.sampled_from([64600, 65500, 65547, 4200000000, 70000]))
    fabric_asn = draw(_asn_spellings(fabric_number))
    fabric = {"asn": fabric_asn}
    if draw(st.booleans()):
        fabric["asn_notation"] = draw(st.sampled_from(["asplain", "asdot"]))
    n_leaves = draw(st.integers(1, 3))
    leaves = [{"name": "Leaf%d" % (i + 1), "router_id": "10.70.0.%d" % (i + 1),
               "transit_vrf": {"name": "Transit", "l3vni": 100000,
                               "loopback": {"interface": "loopback11", "address": "192.168.1.%d/32" % (i + 1)}}}
              for i in range(n_leaves)]
    oss_nodes = draw(st.integers(1, 2))
    oss = {"name": "oss", "flavour": "oss", "cilium_version": draw(st.sampled_from(["1.16.15", "1.17.6", "1.18.0"])),
           "asn": draw(st.sampled_from([64512, 4200000101])), "node_selector": {"matchLabels": {"bgp": "enabled"}},
           "bgp_peers": [{"device": lf["name"], "address": lf["transit_vrf"]["loopback"]["address"][:-3], "ebgp_multihop": 2}
                         for lf in leaves],
           "nodes": [{"name": "oss-node%d" % n, "address": "10.81.0.%d" % (11 + n), "pod_cidrs": ["10.244.%d.0/24" % n],
                      "labels": {"rack": "r%d" % n}} for n in range(oss_nodes)]}
    # per-rack peering (two nodes, two racks): leaf i serves rack i % 2, by label selector or by node names
    racks = draw(st.sampled_from(["all", "selector", "names"])) if n_leaves >= 2 and oss_nodes == 2 else "all"
    for i, peer in enumerate(oss["bgp_peers"]):
        if racks == "selector":
            peer["node_selector"] = {"matchLabels": {"rack": "r%d" % (i % 2)}}
        elif racks == "names":
            peer["nodes"] = ["oss-node%d" % (i % 2)]
    tenants = []
    for i in range(draw(st.integers(1, 3))):
        t = {"name": "t%d" % i, "mode": "evpn_community", "cluster": "oss", "community": "64600:%d" % (101 + i),
             "vrf": {"name": "T%d" % i, "l3vni": 100101 + i},
             # a 4-byte fabric ASN leaves 16 bits for the number: no legal RT derives from the L3VNI
             **({"route_target": draw(st.sampled_from(["%s:%d" % (fabric_asn, 101 + i), "23456:%d" % (100101 + i)]))}
                if fabric_number > 0xFFFF else {}),
             "service_selector": {"matchLabels": {"tenant": "t%d" % i}},
             "service_addresses": draw(st.sampled_from([["LoadBalancerIP"], ["LoadBalancerIP", "ClusterIP"]]))}
        if draw(st.booleans()):
            t["lb_pools"] = [{"name": "p%d" % i, "cidr": "20.%d.0.0/%d" % (i + 1, draw(st.sampled_from([24, 28])))}]
        else:
            t["lb_pools"] = [{"name": "p%d" % i, "start": "20.%d.0.10" % (i + 1), "stop": "20.%d.0.%d" % (i + 1, draw(st.integers(10, 40)))}]
        steer = draw(st.sets(st.sampled_from([lf["name"] for lf in leaves]), min_size=0, max_size=n_leaves) | st.none())
        if steer is not None:
            t["leaves"] = sorted(steer)
        tenants.append(t)
    data = {"fabric": fabric, "leaves": leaves, "clusters": [oss], "tenants": tenants}
    n_srv6 = draw(st.integers(0, 2))
    if n_srv6:
        iso_nodes = draw(st.integers(1, 2))
        named = draw(st.booleans())
        data["pes"] = [{"name": "PE1", "router_id": "192.168.40.40", "update_source": "Loopback0",
                        "source_address": "2016:40:40:40::40", "srv6_locator": {"name": "PE1", "prefix": "cafe:cafe:100::/48"}}]
        data["clusters"].append({
            "name": "iso", "flavour": "isovalent", "cilium_version": "1.17.6", "asn": fabric_asn,
            "node_selector": {"matchLabels": {"bgp": "enabled"}},
            "bgp_peers": [{"device": "PE1", "address": "2016:40:40:40::40"}],
            "srv6": {"locator_pool": {"name": "pool0", "prefix": "cafe:cafe::/32", "locator_len_bits": 48, "behavior_type": "uSID",
                                      "structure": {"locator_block_len_bits": 32, "locator_node_len_bits": 16,
                                                    "function_len_bits": 16, "argument_len_bits": 0}}},
            "nodes": [dict({"name": "iso-node%d" % n, "address": "2016:23:23:23::%x" % (0x11 + n)},
                           **({"srv6_locator": "cafe:cafe:%x::/48" % (0x2be + n)} if named else {}))
                      for n in range(iso_nodes)]})
        for j in range(n_srv6):
            data["tenants"].append({
                "name": "s%d" % j, "mode": "srv6_l3vpn", "cluster": "iso", "vrf": {"name": "s%d" % j, "id": 10 + j},
                "rd": "%s:%d" % (fabric_asn, 10 + j), "import_rts": ["%s:%d" % (fabric_asn, 10 + j)],
                "export_rts": ["%s:%d" % (fabric_asn, 10 + j)],
                "namespace_selector": {"matchLabels": {"kubernetes.io/metadata.name": "ns%d" % j}},
                "pod_selector": {"matchLabels": {"vrf": "s%d" % j}}, "destination_cidrs": ["0.0.0.0/0"],
                "pod_cidrs": ["10.%d.0.0/24" % (30 + j)],
                "pe_loopbacks": [{"device": "PE1", "interface": "Loopback%d" % (10 + j), "address": "172.19.%d.1/32" % j}]})
    return data


def _config(lab, device, lines):
    session = lab.sessions[device]
    session.handle("configure terminal")
    outs = [session.handle(ln) for ln in lines]
    if lab.devices[device].os_name == "iosxr":
        outs.append(session.handle("commit"))
    session.handle("end")
    assert not [o for o in outs if "%" in o], outs


def _steered(lab):
    """(leaf, tenant steered there, another EVPN tenant), or None."""
    intent = lab.intent
    for leaf in intent.leaves:
        for lt in leaf.tenants:
            other = next((t for t in intent.evpn_tenants if t.name != lt.tenant), None)
            if other is not None:
                return leaf, lt, other
    return None


def inject(lab, leak, tmp):
    """Inject one leak; returns (finding ids that must all fire, the tenant whose routes leak)."""
    intent = lab.intent
    if leak == "route-in-other-vrf":
        leaf, lt, other = _steered(lab)
        owner = next(t for t in intent.evpn_tenants if t.name == other.name)
        # an earlier export sequence puts the other tenant's routes into this tenant's VRF
        _config(lab, leaf.name, ["ip community-list standard Leak-List seq 10 permit %s" % owner.community,
                                 "route-map %s permit 1" % leaf.export_map, "match community Leak-List",
                                 "set extcommunity rt %s" % lt.route_target])
        return {"config-leak", "prefix-leak"}, owner.name
    if leak == "rt-import":
        leaf, lt, other = _steered(lab)
        _config(lab, leaf.name, ["vrf context %s" % lt.vrf, "address-family ipv4 unicast",
                                 "route-target import %s evpn" % other.route_target])
        return {"config-leak"}, other.name
    if leak == "wrong-community":
        t = intent.evpn_tenants[0]
        lc = next(c for c in lab.clusters if c.spec.name == t.cluster)
        for name, text in sorted(lab.files.items()):
            if not name.startswith("manifests/%s/ciliumbgpadvertisement" % t.cluster):
                continue
            obj = yaml.safe_load(text)
            bad = copy.deepcopy(obj)
            for ad in bad["spec"]["advertisements"]:
                comms = ((ad.get("attributes") or {}).get("communities") or {}).get("standard") or []
                ad.setdefault("attributes", {}).setdefault("communities", {})["standard"] = \
                    ["64600:999" if c == t.community else c for c in comms]
            res = lc.store.find(bad["apiVersion"], bad["kind"])
            lc.store.patch(res, "", bad["metadata"]["name"], "application/apply-patch+yaml", yaml.safe_dump(bad).encode(),
                           "kubevrf.tenancy", force=True)
        return {"community-wrong", "cilium-community-missing"}, t.name
    raise AssertionError(leak)


def _run(data, tmp, workloads=None):
    lab = InProcessLab(data, tmp, workloads)
    lab.apply_manifests()
    rejected = lab.push_configs()
    assert rejected == {}, rejected
    return lab


@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None, phases=PHASES,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=inventories(), leak=st.sampled_from(LEAKS))
def test_any_inventory_validates_on_the_twins_and_each_leak_is_named(data, leak):
    with tempfile.TemporaryDirectory(prefix="kubevrf-e2e-") as tmp:
        if leak == "sid-outside-locator":
            assume(len(data["clusters"]) == 2 and "srv6_locator" in data["clusters"][1]["nodes"][0])
            iso = data["clusters"][1]
            node = iso["nodes"][0]
            # the world gives the node another locator than the inventory says: its SIDs lie outside the expected one
            world = {"clusters": [{"name": "iso", "nodes": [{"name": node["name"], "srv6_locator": "cafe:cafe:3ff::/48"}]}]}
            lab = _run(data, tmp, world)
            _exp, ver = lab.verify()
            _assert_named(ver, {"sid-outside-locator"}, "s0")
            assert any(f.id == "sid-outside-locator" and f.device == "PE1" for f in ver.errors)
            return
        if leak in ("route-in-other-vrf", "rt-import"):  # two EVPN tenants, one of them steered somewhere
            evpn = [t for t in data["tenants"] if t["mode"] == "evpn_community"]
            assume(len(evpn) >= 2 and any(t.get("leaves", True) for t in evpn))
        lab = _run(data, tmp)
        if leak in ("route-in-other-vrf", "rt-import"):
            assert _steered(lab) is not None
        exp, ver = lab.verify()
        assert ver.passed, [f.message for f in ver.errors]
        assert all(r.status == "pass" for r in ver.results), [(r.assertion.id, r.seen) for r in ver.results if r.status != "pass"]
        # every EVPN tenant's Service addresses are expected somewhere (derived from the pools and Services)
        for t in lab.intent.evpn_tenants:
            assert any(a.check == "prefix-present" and a.tenant == t.name for a in exp.assertions), t.name
        wanted, owner = inject(lab, leak, tmp)
        _exp, bad = lab.verify()
        _assert_named(bad, wanted, owner)


def _assert_named(bad, wanted, owner):
    """Validation fails with every wanted finding id, each naming the tenant whose routes leak."""
    assert not bad.passed
    for fid in sorted(wanted):
        named = [f for f in bad.errors if f.id == fid]
        assert named, (fid, [(f.id, f.message) for f in bad.errors])
        assert any(f.tenant == owner or owner in f.message for f in named), [(f.id, f.tenant, f.message) for f in named]


@pytest.mark.parametrize("leak", LEAKS)
def test_the_racks_inventory_validates_and_each_leak_is_named(leak, tmp_path):
    """The same property on inventories/lab-racks (a fixed example, every leak kind)."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(root, "inventories", "lab-racks", "group_vars", "all", "tenancy.yml"), encoding="utf-8") as fh:
        data = yaml.safe_load(fh)["tenancy"]
    if leak == "sid-outside-locator":
        data["clusters"][1]["nodes"][0]["srv6_locator"] = "fc00:0:1::/48"
        lab = _run(data, str(tmp_path), {"clusters": [{"name": "racks-srv6", "nodes": [
            {"name": "srv6-node1", "srv6_locator": "fc00:0:77::/48"}]}]})
        _assert_named(lab.verify()[1], {"sid-outside-locator"}, "blue")
        return
    lab = _run(data, str(tmp_path))
    assert lab.verify()[1].passed
    wanted, owner = inject(lab, leak, str(tmp_path))
    _assert_named(lab.verify()[1], wanted, owner)


def test_the_seed_lab_validates_in_process(tmp_path):
    """The seed's inventory with its own workloads file: the world merge keeps the seed's lab."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(root, "inventories", "lab", "group_vars", "all", "tenancy.yml"), encoding="utf-8") as fh:
        data = yaml.safe_load(fh)["tenancy"]
    with open(os.path.join(root, "inventories", "lab.workloads.yml"), encoding="utf-8") as fh:
        workloads = yaml.safe_load(fh)
    lab = _run(data, str(tmp_path), workloads)
    assert sorted(p["name"] for c in lab.clusters for p in c.spec.pods) == ["nginx", "nginx2", "pod1-blue"]
    _exp, ver = lab.verify()
    assert ver.passed and all(r.status == "pass" for r in ver.results), [f.message for f in ver.findings]
    # one fact differs: tenant2's Service answers at another address than the seed's inventory expects
    workloads["clusters"][0]["services"][3]["load_balancer_ip"] = "30.0.10.2"
    lab = _run(data, str(tmp_path / "moved"), workloads)
    assert {(f.id, f.prefix) for f in lab.verify()[1].errors} >= {("prefix-missing", "30.0.10.1/32")}
