# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resource-module data: valid for the installed cisco argspecs, consistent with the CLI text, golden."""

from __future__ import annotations

import copy
import importlib

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.model import plan
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.iosxr import render_pe_config
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.iosxr_rm import (
    PE_APPLY_ORDER,
    pe_resource_data,
)
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.nxos import render_leaf_config
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.nxos_rm import (
    LEAF_APPLY_ORDER,
    leaf_resource_data,
)
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.yamlout import dump_yaml

ArgumentSpecValidator = pytest.importorskip("ansible.module_utils.common.arg_spec").ArgumentSpecValidator


def argument_spec(fqcn):
    """The installed module's argspec class, found from its FQCN (cisco.nxos.nxos_vrf_global -> vrf_global)."""
    namespace, collection, module = fqcn.split(".")
    resource = module.split("_", 1)[1]
    path = "ansible_collections.%s.%s.plugins.module_utils.network.%s.argspec.%s.%s" % (
        namespace, collection, collection, resource, resource)
    try:
        mod = importlib.import_module(path)
    except ImportError as exc:
        pytest.fail("%s: no installed argspec at %s (%s)" % (fqcn, path, exc))
    classes = [getattr(mod, name) for name in dir(mod) if name.endswith("Args") and hasattr(getattr(mod, name), "argument_spec")]
    assert len(classes) == 1, "%s: expected one *Args class in %s" % (fqcn, path)
    return classes[0].argument_spec


def without_none(value):
    if isinstance(value, dict):
        return {k: without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_none(v) for v in value]
    return value


def assert_valid(data):
    assert "cli" in data and all(isinstance(line, str) for line in data["cli"])
    for fqcn, config in data.items():
        if fqcn == "cli":
            continue
        result = ArgumentSpecValidator(argument_spec(fqcn)).validate({"config": config, "state": "merged"})
        assert not result.error_messages, "%s: %s" % (fqcn, result.error_messages)
        # same value back: no key dropped, no type coerced (e.g. an int where the module wants "65000")
        assert without_none(result.validated_parameters["config"]) == config, fqcn


@pytest.fixture(scope="module")
def wide_intent(lab_data):
    """The lab plus tenant2 steered on Leaf01 and an eBGP second node on XRV with two RTs."""
    data = copy.deepcopy(lab_data)
    data["tenants"][1].pop("leaves", None)
    blue = data["tenants"][2]
    blue["import_rts"] = ["65000:10", "65000:11"]
    intent = plan(data)
    return intent


def test_leaf_data_validates(lab_intent, wide_intent):
    for intent in (lab_intent, wide_intent):
        for leaf in intent.leaves:
            assert_valid(leaf_resource_data(intent, leaf))


def test_pe_data_validates(lab_intent, wide_intent):
    import dataclasses

    for intent in (lab_intent, wide_intent):
        for pe in intent.pes:
            assert_valid(pe_resource_data(intent, pe))
            ebgp = dataclasses.replace(pe.neighbors[0], address="2001:db8::9", remote_as=64999, ebgp_multihop=2)
            assert_valid(pe_resource_data(intent, dataclasses.replace(pe, neighbors=pe.neighbors + (ebgp,))))


def test_apply_order_lists_every_key(lab_intent):
    for leaf in lab_intent.leaves:
        keys = list(leaf_resource_data(lab_intent, leaf))
        assert set(keys) <= set(LEAF_APPLY_ORDER)
    for pe in lab_intent.pes:
        assert set(pe_resource_data(lab_intent, pe)) <= set(PE_APPLY_ORDER)


def test_cli_lines_are_part_of_the_config_text(lab_intent, wide_intent, subsequence):
    for intent in (lab_intent, wide_intent):
        for leaf in intent.leaves:
            cli = leaf_resource_data(intent, leaf)["cli"]
            assert cli and subsequence(cli, render_leaf_config(intent, leaf).splitlines()), cli
        for pe in intent.pes:
            cli = pe_resource_data(intent, pe)["cli"]
            text = render_pe_config(intent, pe)
            content = [line for line in cli if line.strip() != "!"]
            assert content and all(line in text.splitlines() for line in content), cli


def test_nothing_covered_twice(lab_intent):
    """A line a module writes is not also in cli: NX-OS vni/rd/export map/import vrf, XR redistribute."""
    for leaf in lab_intent.leaves:
        cli = [line.strip() for line in leaf_resource_data(lab_intent, leaf)["cli"]]
        for covered in ("rd auto", "export map K8-Export-Others", "import vrf advertise-vpn"):
            assert covered not in cli
        assert not [line for line in cli if line.startswith(("vni ", "route-map ", "router bgp"))]
    for pe in lab_intent.pes:
        cli = [line.strip() for line in pe_resource_data(lab_intent, pe)["cli"]]
        assert "redistribute connected" not in cli and "65000:10" not in cli
        assert "rd 10:10" in cli and "alloc mode per-vrf" in cli and "prefix cafe:cafe:100::/48" in cli


def test_second_rt_goes_to_cli(wide_intent):
    pe = wide_intent.pes[0]
    data = pe_resource_data(wide_intent, pe)
    assert data["cisco.iosxr.iosxr_vrf_address_family"][0]["address_families"][0]["import_config"] == {
        "route_target": "65000:10"}
    cli = data["cli"]
    start = cli.index("vrf blue")
    assert cli[start:start + 4] == ["vrf blue", " address-family ipv4 unicast", "  import route-target", "   65000:11"]


def test_golden(lab_intent, golden):
    leaf = next(x for x in lab_intent.leaves if x.name == "Leaf01")
    pe = next(x for x in lab_intent.pes if x.name == "XRV")
    golden("Leaf01.rm.yml", dump_yaml(leaf_resource_data(lab_intent, leaf)))
    golden("XRV.rm.yml", dump_yaml(pe_resource_data(lab_intent, pe)))


@pytest.mark.parametrize("bad", [
    {"cisco.nxos.nxos_vrf_global": {"vrfs": [{"name": "x", "vni_number": 5}]}, "cli": []},  # unknown key
    {"cisco.nxos.nxos_bgp_global": {"as_number": "1", "neighbors": [{"neighbor_address": "1.1.1.1",
                                                                     "remote_as": 2}]}, "cli": []},  # str wanted
    {"cisco.iosxr.iosxr_vrf_address_family": [{"name": "x", "address_families": [{"afi": "ipv4",
                                                                                 "rt": "1:1"}]}], "cli": []},
])
def test_validation_catches_bad_data(bad):
    with pytest.raises(AssertionError):
        assert_valid(bad)
