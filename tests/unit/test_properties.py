# -*- coding: utf-8 -*-
"""Property tests over random valid inventories (hypothesis).

* a random valid inventory validates clean, renders the same bytes twice and
  whatever the key order of its mappings, and every Cilium object it renders is
  accepted by the real CRD schema;
* no two tenants ever share a community, route target or VRF id, in the
  rendered artifacts, and an inventory that makes two share one is rejected.
"""

import copy
import json
import re
import sys
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.build import render_intent

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "support"))
sys.path.insert(0, str(HERE / "render"))

from crd_schema import cilium_object_errors  # noqa: E402
from synth import synth_inventory  # noqa: E402

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

inventories = st.builds(
    synth_inventory,
    tenants=st.integers(1, 30),
    leaves=st.integers(1, 5),
    clusters=st.integers(1, 4),
    pes=st.integers(0, 3),
    seed=st.integers(0, 2**16),
    srv6_share=st.floats(0, 1),
)


def _shuffled(value, rnd):
    """Same data, mappings rebuilt in a random key order (lists untouched)."""
    if isinstance(value, dict):
        keys = list(value)
        rnd.shuffle(keys)
        return {k: _shuffled(value[k], rnd) for k in keys}
    if isinstance(value, list):
        return [_shuffled(v, rnd) for v in value]
    return value


@SETTINGS
@given(data=inventories, rnd=st.randoms(use_true_random=False))
def test_valid_inventories_render_deterministically(data, rnd):
    assert model.validate(data) == []
    first = render_intent(model.plan(copy.deepcopy(data)))
    assert render_intent(model.plan(_shuffled(copy.deepcopy(data), rnd))) == first
    for path, text in first.items():
        if path.startswith("manifests/") and not path.endswith("all.yaml"):
            obj = yaml.safe_load(text)
            if obj["apiVersion"].startswith("cilium.io/"):
                assert cilium_object_errors(obj) == [], (path, cilium_object_errors(obj))


def _artifact_values(files):
    """Per artifact kind, the list of per-tenant values found in rendered files."""
    communities, rts, vrf_ids = [], [], {}
    for path, text in files.items():
        if path.startswith("configs/") and "route-map" in text:
            for block in re.findall(r"^route-map (\S+) permit (\d+)\n((?:  .*\n)+)", text, re.M):
                rts += re.findall(r"set extcommunity rt (\S+)", block[2])
        if path.endswith("all.yaml"):
            cluster = path.split("/")[1]
            for obj in yaml.safe_load_all(text):
                if obj["kind"].endswith("BGPAdvertisement"):
                    for adv in obj["spec"]["advertisements"]:
                        if adv.get("advertisementType") == "Service":
                            communities += adv["attributes"]["communities"]["standard"]
                if obj["kind"] == "IsovalentVRF":
                    vrf_ids.setdefault(cluster, []).append(obj["spec"]["vrfID"])
                if obj["kind"] == "IsovalentBGPClusterConfig":
                    for instance in obj["spec"]["bgpInstances"]:
                        for vrf in instance.get("vrfs", []):
                            rts += sorted(set(vrf.get("importRTs", []) + vrf.get("exportRTs", [])))
    return communities, rts, vrf_ids


@SETTINGS
@given(data=inventories)
def test_no_two_tenants_share_a_community_rt_or_vrf_id_in_artifacts(data):
    files = render_intent(model.plan(data))
    communities, rts, vrf_ids = _artifact_values(files)
    assert len(communities) == len(set(communities))
    per_leaf_rts = {}
    for path, text in files.items():
        if path.startswith("configs/") and "route-map" in text:
            found = re.findall(r"set extcommunity rt (\S+)", text)
            per_leaf_rts[path] = found
            assert len(found) == len(set(found)), path
    for ids in vrf_ids.values():
        assert len(ids) == len(set(ids))
    # fabric-wide: an RT a leaf sets for one tenant is never another tenant's SRv6 RT
    srv6_rts = {rt for t in data["tenants"] if t["mode"] == "srv6_l3vpn" for rt in t["import_rts"] + t["export_rts"]}
    assert not srv6_rts & {rt for found in per_leaf_rts.values() for rt in found}


def _sharing_case(what):
    """(what, inventory) where two tenants can share *what*: the inventory is drawn to make a pair exist."""
    if what == "community":  # two evpn_community tenants: no SRv6 share
        inv = st.builds(synth_inventory, tenants=st.integers(2, 30), leaves=st.integers(1, 5), clusters=st.integers(1, 4),
                        pes=st.integers(0, 3), seed=st.integers(0, 2**16), srv6_share=st.just(0.0))
    elif what == "vrf_id":  # two srv6_l3vpn tenants of one cluster: one isovalent cluster (the second of two)
        inv = st.builds(synth_inventory, tenants=st.integers(2, 30), leaves=st.integers(1, 5), clusters=st.just(2),
                        pes=st.integers(1, 3), seed=st.integers(0, 2**16), srv6_share=st.just(1.0))
    else:
        inv = inventories.filter(lambda d: len(d["tenants"]) >= 2)
    return st.tuples(st.just(what), inv)


def _pairs(data, what):
    ts = data["tenants"]
    pairs = [(a, b) for a in range(len(ts)) for b in range(len(ts)) if a != b]
    if what == "community":
        return [(a, b) for a, b in pairs if ts[a]["mode"] == ts[b]["mode"] == "evpn_community"]
    if what == "vrf_id":
        return [(a, b) for a, b in pairs if ts[a]["mode"] == ts[b]["mode"] == "srv6_l3vpn" and ts[a]["cluster"] == ts[b]["cluster"]]
    return pairs


@SETTINGS
@given(case=st.sampled_from(["community", "rt", "vrf_id"]).flatmap(_sharing_case), draw=st.data())
def test_an_inventory_sharing_a_value_between_tenants_is_rejected(case, draw):
    what, data = case
    pairs = _pairs(data, what)
    assume(pairs)  # the strategies above make a pair exist; never an early return that passes unchecked
    a, b = draw.draw(st.sampled_from(pairs), label="pair")
    ta, tb = data["tenants"][a], data["tenants"][b]
    if what == "community":
        tb["community"] = ta["community"]
        expected = "duplicate-community"
    elif what == "rt":
        rt_a = ta["import_rts"][0] if ta["mode"] == "srv6_l3vpn" else "65000:%d" % ta["vrf"]["l3vni"]
        if tb["mode"] == "srv6_l3vpn":
            tb["export_rts"] = [rt_a]
        else:
            tb["route_target"] = rt_a
        expected = "duplicate-rt"
    else:
        tb["vrf"]["id"] = ta["vrf"]["id"]
        expected = "duplicate-vrf-id"
    rules = {i.rule for i in model.validate(data)}
    assert expected in rules, json.dumps(sorted(rules))
