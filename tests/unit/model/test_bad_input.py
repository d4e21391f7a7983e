# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input (issues 12 section 1, 13 sections 1 and 6): each check with its exact error."""

from __future__ import annotations

import copy
import dataclasses
import time
from pathlib import Path

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import build, model, safeyaml, tokens
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.errors import TenancyInputError
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render import clitree
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.nxos import render_leaf_config

REPO = Path(__file__).resolve().parents[3]
LAB = REPO / "inventories" / "lab" / "group_vars" / "all" / "tenancy.yml"


@pytest.fixture()
def lab():
    return copy.deepcopy(yaml.safe_load(LAB.read_text())["tenancy"])


def tenant(data, name):
    return next(t for t in data["tenants"] if t["name"] == name)


def only(data):
    """The one issue ``data`` has, as (rule, path, message)."""
    issues = model.validate(data)
    assert len(issues) == 1, [i.format() for i in issues]
    return issues[0].rule, issues[0].path, issues[0].message


# ---------------------------------------------------------------- ASNs, RT / RD


def test_explicit_rt_with_4byte_asn_and_32bit_number(lab):
    tenant(lab, "tenant1")["route_target"] = "70000:100302"
    assert only(lab) == ("malformed-rt", "tenants[0].route_target",
                         "with a 4-byte ASN (type 2) the number must be 0-65535; 100302 does not fit 16 bits")


def test_derived_rt_with_4byte_fabric_asn_asks_for_an_explicit_one(lab):
    lab["fabric"]["asn"] = 70000
    issues = [i for i in model.validate(lab) if i.rule == "rt-not-derivable"]
    assert [(i.path, i.value) for i in issues] == [("tenants[0].route_target", 100302), ("tenants[1].route_target", 100303)]
    assert issues[0].message == ("fabric ASN 70000 is a 4-byte ASN, which leaves 16 bits for the number, and L3VNI 100302 "
                                 "does not fit; no legal route target can be derived")
    assert "23456:100302" in issues[0].valid


def test_4byte_fabric_asn_with_explicit_rts_renders_legal_explicit_route_targets(lab):
    lab["fabric"]["asn"] = "1.4464"  # asdot of 70000
    tenant(lab, "tenant1")["route_target"] = "70000:302"
    tenant(lab, "tenant2")["route_target"] = "1.4464:303"
    intent = model.plan(lab)
    assert intent.fabric_asn == 70000 and intent.leaves[0].asn == 70000
    text = render_leaf_config(intent, intent.leaves[0])
    assert "router bgp 70000\n" in text
    # NX-OS auto derives 23456:100302 for a 4-byte ASN, not what the export map sets: explicit lines
    assert "    route-target both 70000:302\n    route-target both 70000:302 evpn\n" in text
    assert "set extcommunity rt 70000:302" in text
    for line in text.splitlines():
        for word in line.split():
            if word.count(":") == 1 and word.replace(":", "").replace(".", "").isdigit():
                assert tokens.check_extended(word) is None, line


def test_asdot_notation_is_rendered_when_asked(lab):
    lab["fabric"].update(asn=70000, asn_notation="asdot")
    for name, rt in (("tenant1", "70000:302"), ("tenant2", "70000:303")):
        tenant(lab, name)["route_target"] = rt
    intent = model.plan(lab)
    text = render_leaf_config(intent, intent.leaves[0])
    assert "router bgp 1.4464\n" in text and "set extcommunity rt 1.4464:302" in text
    assert intent.evpn_tenants[0].route_target == "70000:302"  # the intent keeps asplain


@pytest.mark.parametrize("asn, rule, message", [
    ("1.70000", "malformed-asn", "AS number each asdot part must be 0-65535"),
    ("0.0", "malformed-asn", "AS number must be 1-4294967295"),
    ("01.5", "malformed-asn", "AS number is not an AS number in asplain or asdot notation"),
])
def test_malformed_asdot(lab, asn, rule, message):
    lab["fabric"]["asn"] = asn
    issues = [(i.rule, i.path, i.message) for i in model.validate(lab) if i.path == "fabric.asn"]
    assert issues == [(rule, "fabric.asn", message)]


def test_asdot_with_no_dot_is_a_schema_error(lab):
    lab["fabric"]["asn"] = "65000x"
    assert [(i.rule, i.path) for i in model.validate(lab)] == [("schema", "fabric.asn")]


def test_duplicate_rd_across_notations(lab):
    second = copy.deepcopy(tenant(lab, "blue"))
    second.update(name="green", vrf={"name": "green", "id": 11}, rd="1.0:7", import_rts=["65000:11"], export_rts=["65000:11"],
                  pod_selector={"matchLabels": {"vrf": "green"}}, pe_loopbacks=[])
    tenant(lab, "blue")["rd"] = "65536:7"
    lab["tenants"].append(second)
    assert only(lab) == ("duplicate-rd", "tenants[3].rd", "route distinguisher is already used at tenants[2].rd")


def test_duplicate_rt_across_notations(lab):
    tenant(lab, "tenant1")["route_target"] = "65536:7"
    tenant(lab, "tenant2")["route_target"] = "1.0:7"
    rule, path, message = only(lab)
    assert (rule, path) == ("duplicate-rt", "tenants[1].route_target")
    assert message == "route target is already used by tenant tenant1 at tenants[0].route_target"


@pytest.mark.parametrize("rt, message", [
    ("0:0", "0:0 names no administrator and no number"),
    ("65000:4294967296", "with a 2-byte ASN (type 0) the number must be 0-4294967295"),
    ("192.0.2.1:65536", "with an IPv4 administrator (type 1) the number must be 0-65535"),
    ("65000:１", "must be ADMIN:NUMBER with decimal digits (an ASN, asdot X.Y, or an IPv4 address before ':')"),
    ("65000:10\n", "must be ADMIN:NUMBER with decimal digits (an ASN, asdot X.Y, or an IPv4 address before ':')"),
])
def test_illegal_route_targets(lab, rt, message):
    tenant(lab, "tenant1")["route_target"] = rt
    assert only(lab) == ("malformed-rt", "tenants[0].route_target", message)


def test_community_with_unicode_digits(lab):
    tenant(lab, "tenant1")["community"] = "64512:３01"
    assert only(lab) == ("malformed-community", "tenants[0].community", "a standard community is two decimal numbers joined by ':'")


# ---------------------------------------------------------------- names and platform limits


@pytest.mark.parametrize("change, path, message", [
    (lambda d: d["naming"].update(export_map="M" * 64), "naming.export_map", "is 64 characters long; at most 63 allowed"),
    (lambda d: d["leaves"][0]["transit_vrf"].update(name="default"), "leaves[0].transit_vrf.name",
     "'default' is reserved on this platform"),
    (lambda d: tenant(d, "tenant1")["vrf"].update(name="management"), "tenants[0].vrf.name",
     "'management' is reserved on this platform"),
    (lambda d: d["leaves"][0]["transit_vrf"]["loopback"].update(interface="loopback1024"),
     "leaves[0].transit_vrf.loopback.interface", "number 1024 is outside 0-1023"),
    (lambda d: tenant(d, "blue")["pe_loopbacks"][0].update(interface="Loopback2147483648"),
     "tenants[2].pe_loopbacks[0].interface", "number 2147483648 is outside 0-2147483647"),
    (lambda d: d["clusters"][0]["nodes"][0].update(name="n" * 81), "clusters[0].nodes[0].name",
     "is 81 characters long; at most 80 allowed"),
    (lambda d: d["pes"][0]["srv6_locator"].update(name="L" * 33), "pes[0].srv6_locator.name",
     "is 33 characters long; at most 32 allowed"),
    (lambda d: d["clusters"][0].update(cilium_version="1.16.15\n"), "clusters[0].cilium_version",
     "is not a valid cilium.version token"),
])
def test_names_illegal_for_the_platform(lab, change, path, message):
    change(lab)
    assert [(i.path, i.message) for i in model.validate(lab) if i.rule in ("platform-token", "schema")][:1] == [(path, message)]


def test_list_name_too_long_after_expansion(lab):
    lab["naming"]["extcommunity_list"] = "{vrf}-" + "x" * 60
    issues = model.validate(lab)
    assert [(i.rule, i.path) for i in issues] == [("naming", "tenants[0].vrf.name"), ("naming", "tenants[1].vrf.name")]
    message = issues[0].message
    assert message.endswith("is 73 characters long; at most 63 allowed")


def test_locator_outside_the_pool(lab):
    lab["clusters"][1]["nodes"][0]["srv6_locator"] = "cafe:beef:2be::/48"
    assert only(lab) == ("locator-outside-pool", "clusters[1].nodes[0].srv6_locator", "node locator is not inside the pool cafe:cafe::/32")


# ---------------------------------------------------------------- what renderers used to raise on


def test_import_map_equal_to_export_map(lab):
    lab["naming"]["import_map"] = "K8-Export-Others"
    assert only(lab) == ("naming", "naming.import_map", "the import map cannot be the export map (their sequences would merge)")


def test_template_without_vrf(lab):
    lab["naming"]["community_list"] = "All-Tenants"
    assert only(lab) == ("naming", "naming.community_list", "name template without {vrf} or {tenant} gives every tenant the same list")


def test_repeated_pe_loopback(lab):
    second = copy.deepcopy(tenant(lab, "blue"))
    second.update(name="green", vrf={"name": "green", "id": 11}, rd="10:11", import_rts=["65000:11"], export_rts=["65000:11"],
                  pod_selector={"matchLabels": {"vrf": "green"}})
    second["pe_loopbacks"][0]["address"] = "172.19.19.20/32"
    lab["tenants"].append(second)
    assert only(lab) == ("duplicate-interface", "tenants[3].pe_loopbacks[0].interface",
                         "PE XRV already has this interface at tenants[2].pe_loopbacks[0].interface")


def test_two_srv6_vrfs_with_one_object_name(lab):
    second = copy.deepcopy(tenant(lab, "blue"))
    second.update(name="blue2", vrf={"name": "Blue_", "id": 11}, rd="10:11", import_rts=["65000:11"], export_rts=["65000:11"],
                  pod_selector={"matchLabels": {"vrf": "blue2"}}, pe_loopbacks=[])
    tenant(lab, "blue")["vrf"]["name"] = "blue-"
    lab["tenants"].append(second)
    assert only(lab) == ("duplicate-vrf", "tenants[3].vrf.name", "makes the same IsovalentVRF name 'blue' as tenants[2].vrf.name")


def test_isovalent_node_name_that_is_no_object_name(lab):
    lab["clusters"][1]["nodes"][0]["name"] = "UbuntuK8_Local"
    assert only(lab)[:2] == ("platform-token", "clusters[1].nodes[0].name")


# ---------------------------------------------------------------- injection probes

PROBES = {
    "newline": "x\nvrf context EVIL-INJECTED",
    "trailing-newline": "x\n",
    "carriage-return": "x\rshutdown",
    "nul": "x\x00y",
    "tab": "x\ty",
    "escape": "x\x1b[2Jy",
    "u2028": "x\u2028shutdown",
    "u0085": "x\x85shutdown",
    "space": "x y",
}


def _setters(data):
    """(data path, setter) of every string the renderers write into a device line or object."""
    t1, blue = tenant(data, "tenant1"), tenant(data, "blue")
    return {
        "clusters[0].nodes[0].name": lambda v: data["clusters"][0]["nodes"][0].update(name="ubuntu2.local" + v),
        "clusters[1].nodes[0].name": lambda v: data["clusters"][1]["nodes"][0].update(name="ubuntuk8.local" + v),
        "pes[0].update_source": lambda v: data["pes"][0].update(update_source="Loopback0" + v),
        "pes[0].srv6_locator.name": lambda v: data["pes"][0]["srv6_locator"].update(name="XRV" + v),
        "leaves[0].transit_vrf.name": lambda v: data["leaves"][0]["transit_vrf"].update(name="Tenant-K8s" + v),
        "leaves[0].transit_vrf.loopback.interface": lambda v: data["leaves"][0]["transit_vrf"]["loopback"].update(interface="loopback11" + v),
        "naming.export_map": lambda v: data["naming"].update(export_map="K8-Export-Others" + v),
        "naming.import_map": lambda v: data["naming"].update(import_map="CommunityImport" + v),
        "tenants[0].vrf.name": lambda v: t1["vrf"].update(name="Tenant1-Pods" + v),
        "tenants[0].community": lambda v: t1.update(community="64512:301" + v),
        "tenants[0].route_target": lambda v: t1.update(route_target="65000:100302" + v),
        "tenants[0].name": lambda v: t1.update(name="tenant1" + v),
        "tenants[0].lb_pools[0].name": lambda v: t1["lb_pools"][0].update(name="ip-pool-pod1" + v),
        "tenants[0].service_selector.matchExpressions[0].values[0]":
            lambda v: t1["service_selector"]["matchExpressions"][0]["values"].__setitem__(0, "proxy" + v),
        "tenants[2].vrf.name": lambda v: blue["vrf"].update(name="blue" + v),
        "tenants[2].rd": lambda v: blue.update(rd="10:10" + v),
        "tenants[2].import_rts[0]": lambda v: blue["import_rts"].__setitem__(0, "65000:10" + v),
        "tenants[2].pe_loopbacks[0].interface": lambda v: blue["pe_loopbacks"][0].update(interface="Loopback10" + v),
        "tenants[2].pod_selector.matchLabels.vrf": lambda v: blue["pod_selector"]["matchLabels"].update(vrf="blue" + v),
        "clusters[0].bgp_peers[0].address": lambda v: data["clusters"][0]["bgp_peers"][0].update(address="192.168.1.1" + v),
        "clusters[0].nodes[0].address": lambda v: data["clusters"][0]["nodes"][0].update(address="192.168.16.35" + v),
        "pes[0].source_address": lambda v: data["pes"][0].update(source_address="2016:40:40:40::40" + v),
    }


FIELDS = sorted(_setters(copy.deepcopy(yaml.safe_load(LAB.read_text())["tenancy"])))


@pytest.mark.parametrize("probe", sorted(PROBES))
@pytest.mark.parametrize("field", FIELDS)
def test_injection_probe_is_refused_at_its_path(lab, field, probe):
    _setters(lab)[field](PROBES[probe])
    issues = model.validate(lab)
    assert issues, "%s with %r was accepted" % (field, PROBES[probe])
    # the value's own path is named (a derived list name names the VRF it came from)
    assert any(i.path == field or i.path.startswith(field + ".") or i.path.startswith(field + "[") for i in issues), \
        [i.format() for i in issues]
    with pytest.raises(TenancyInputError):
        build.build_files(lab)


def test_scoped_ipv6_address_cannot_smuggle_a_line(lab):
    lab["clusters"][1]["nodes"][0]["address"] = "fe80::1%eth0\n shutdown"
    assert [(i.rule, i.path) for i in model.validate(lab)][0] == ("invalid-address", "clusters[1].nodes[0].address")


@pytest.mark.parametrize("path, set_value", [
    ("pes[0].srv6_locator.prefix", lambda d, v: d["pes"][0]["srv6_locator"].update(prefix=v)),
    ("clusters[1].srv6.locator_pool.prefix", lambda d, v: d["clusters"][1]["srv6"]["locator_pool"].update(prefix=v)),
    ("clusters[1].nodes[0].srv6_locator", lambda d, v: d["clusters"][1]["nodes"][0].update(srv6_locator=v)),
    ("tenants[0].lb_pools[0]", lambda d, v: d["tenants"][0]["lb_pools"][0].update(cidr=v)),
])
def test_scoped_ipv6_prefix_cannot_smuggle_a_line(lab, path, set_value):
    set_value(lab, "fe80::%x\n shutdown/64")
    issues = model.validate(lab)
    assert any(i.path == path for i in issues), [i.format() for i in issues]
    with pytest.raises(TenancyInputError):
        build.build_files(lab)


# ---------------------------------------------------------------- defence in depth at the renderer


def test_renderer_refuses_a_line_that_is_not_one_printable_line(lab):
    intent = model.plan(lab)
    leaf = intent.leaves[0]
    evil = dataclasses.replace(leaf.neighbors[0], node="ubuntu2.local\nvrf context EVIL-INJECTED")
    with pytest.raises(clitree.UnsafeLineError) as raised:
        render_leaf_config(intent, dataclasses.replace(leaf, neighbors=(evil,)))
    assert "EVIL-INJECTED" in str(raised.value) and "'\\n'" in str(raised.value)


@pytest.mark.parametrize("text, dialect, problem", [
    ("router bgp 1\n    vrf x\n", "nxos", "line 2 '    vrf x' is indented 4 spaces after a line indented 0"),
    ("router bgp 1\n  neighbor 1.1.1.1\n  description a\u2028b\n", "nxos", "line 3: rendered line"),
    ("vrf blue\n address-family ipv4 unicast\n !\n!\n", "iosxr", ""),
    ("router bgp 1\n vrf x\n", "nxos", "line 2 ' vrf x' is indented 1 spaces after a line indented 0"),
])
def test_reread(text, dialect, problem):
    found = clitree.reread_problem(text, dialect)
    assert found.startswith(problem) and bool(found) == bool(problem), found


def test_every_built_config_rereads(lab):
    files = build.build_files(lab)
    for path in ("configs/Leaf01.cfg", "configs/XRV.cfg"):
        assert clitree.reread_problem(files[path], "nxos" if "Leaf" in path else "iosxr") == ""


def test_unsafe_line_at_render_names_the_unprintable_value(lab, monkeypatch):
    monkeypatch.setattr(model, "validate", lambda data: [])  # as if validation had missed it
    lab["clusters"][0]["nodes"][0]["name"] = "ubuntu2.local\nvrf context EVIL-INJECTED"
    with pytest.raises(TenancyInputError) as raised:
        build.build_files(lab)
    assert [(i.rule, i.path) for i in raised.value.issues] == [("render", "clusters[0].nodes[0].name")]


def test_render_error_becomes_an_input_error_with_a_path(lab, monkeypatch):
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render import k8s_meta

    def boom(*_args, **_kwargs):
        raise k8s_meta.RenderError("tenant tenant1: 'ip-pool-pod1' cannot be rendered")

    monkeypatch.setattr(build, "render_intent", boom)
    with pytest.raises(TenancyInputError) as raised:
        build.build_files(lab)
    assert [(i.rule, i.path) for i in raised.value.issues] == [("render", "tenants[0].lb_pools[0].name")]


# ---------------------------------------------------------------- YAML


def _bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += ["a%d: &a%d [%s]" % (i, i, ", ".join(["*a%d" % (i - 1)] * 9)) for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_fast():
    start = time.process_time()
    with pytest.raises(safeyaml.UnsafeYamlError, match=r"anchors are not allowed.*&a0 at line 1"):
        safeyaml.load_text(_bomb())
    assert time.process_time() - start < 0.5


def test_alias_without_anchor_spelled_first_is_refused():
    with pytest.raises(Exception, match="alias|anchor"):
        safeyaml.load_text("a: *x\n")


def test_size_is_bounded(monkeypatch):
    monkeypatch.setattr(safeyaml, "MAX_BYTES", 100)
    with pytest.raises(safeyaml.UnsafeYamlError, match="at most 100"):
        safeyaml.load_text("a: " + "x" * 200)


def test_plain_inventory_loads_as_safe_load():
    text = LAB.read_text()
    assert safeyaml.load_text(text) == yaml.safe_load(text)
