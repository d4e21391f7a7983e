# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Verifier: the seed snapshot passes, each mutation fails with exactly its finding, every finding id fires."""

import ast
import os

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import expect, model, snapshot, verify
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.expect import expectations

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SEED = os.path.join(ROOT, "tests", "fixtures", "snapshots", "seed")
MUTATIONS = os.path.join(ROOT, "tests", "fixtures", "snapshots")
CORE = os.path.join(ROOT, "plugins", "module_utils", "tenancy")


@pytest.fixture(scope="module")
def lab():
    with open(os.path.join(ROOT, "inventories", "lab", "group_vars", "all", "tenancy.yml")) as fh:
        return yaml.safe_load(fh)["tenancy"]


@pytest.fixture()  # per test, so a mutation tool attributes expect's code to every test that uses it
def exp(lab):
    return expectations(model.plan(lab))


def run(exp, snap):
    return verify.verify(exp, snap.lookup)


def errors(ver):
    return [(f.id, f.device, f.vrf, f.prefix, f.tenant) for f in ver.errors]


def mutated(*edits):
    """The seed snapshot with (device, file, old, new) text replacements."""
    snap = snapshot.load(SEED)
    files = dict(snap.files)
    for device, name, old, new in edits:
        assert old in files[(device, name)], (device, name, old)
        files[(device, name)] = files[(device, name)].replace(old, new)
    return snapshot.Snapshot(files, source="test")


# ---------------------------------------------------------------- seed


def test_seed_snapshot_passes_with_only_not_captured_warnings(exp):
    ver = run(exp, snapshot.load(SEED))
    assert ver.passed
    assert [(f.id, f.device, f.command) for f in ver.findings] == [
        ("not-captured", "Leaf01", "show bgp l2vpn evpn 10.109.203.74 vrf Tenant-K8s"),
        ("not-captured", "Leaf01", "show bgp l2vpn evpn 10.110.206.139 vrf Tenant-K8s"),
        ("not-captured", "k8s-isovalent", "cilium bgp routes advertised ipv4 mpls_vpn"),
        ("not-captured", "k8s-oss", "cilium bgp routes advertised ipv4 unicast"),
    ]
    assert all(f.severity == "warning" for f in ver.findings)
    statuses = {r.assertion.id: r.status for r in ver.results}
    # what the seed proves by eye, proven here
    assert statuses["Leaf01/Tenant1-Pods/prefix-present/20.0.10.1/32"] == "pass"
    assert statuses["Leaf01/Tenant1-Pods/isolation/tenant2"] == "pass"
    assert statuses["XRV/blue/received-sid/10.23.0.0/24"] == "pass"
    assert statuses["XRV/default/underlay/blue"] == "pass"
    # and what it does not show stays unproven, never passes
    assert statuses["k8s-isovalent/10:10/cilium-route/ubuntuk8.local/10.23.0.0/24"] == "unproven"


# ---------------------------------------------------------------- shipped mutations


@pytest.mark.parametrize("name, expected", [
    ("leak_30_in_tenant1", [("prefix-leak", "Leaf01", "Tenant1-Pods", "30.0.10.1/32", "tenant2")]),
    ("community_wrong_20", [("community-wrong", "Leaf01", "Tenant-K8s", "20.0.10.1/32", "tenant1")]),
    ("session_down", [("session-down", "Leaf01", "Tenant-K8s", None, None)]),
    ("xr_global_leak", [("underlay-leak", "XRV", "default", "10.23.0.0/24", "blue")]),
    ("sid_outside_locator", [("sid-outside-locator", "XRV", "blue", "10.23.0.0/24", "blue")]),
])
def test_each_mutation_fails_with_exactly_its_finding(exp, name, expected):
    ver = run(exp, snapshot.load(os.path.join(MUTATIONS, name)))
    assert not ver.passed
    assert errors(ver) == expected


def test_leak_finding_carries_expected_and_seen(exp):
    ver = run(exp, snapshot.load(os.path.join(MUTATIONS, "leak_30_in_tenant1")))
    (f,) = ver.errors
    assert f.expected == "no route of tenant2"
    assert f.seen == "30.0.10.1/32 present"
    assert f.command == "show bgp l2vpn evpn vrf Tenant1-Pods"
    assert f.assertion == "Leaf01/Tenant1-Pods/isolation/tenant2"


# ---------------------------------------------------------------- every finding id

NX_SUM = ("Leaf01", "show_bgp_vrf_Tenant-K8s_ipv4_unicast_summary.txt")
T1 = ("Leaf01", "show_bgp_l2vpn_evpn_vrf_Tenant1-Pods.txt")
XR_VPN = ("XRV", "show_bgp_vpnv4_unicast_summary.txt")
XR_RIB6 = ("XRV", "show_route_ipv6.txt")
XR_LOCAL = ("XRV", "show_bgp_vpnv4_unicast_local-sids.txt")
XR_RECV = ("XRV", "show_bgp_vpnv4_unicast_received-sids.txt")
OSS_ROUTES = ("k8s-oss", "cilium_bgp_routes.txt")
OSS_PEERS = ("k8s-oss", "cilium_bgp_peers.txt")
ISO_PEERS = ("k8s-isovalent", "cilium_bgp_peers.txt")

EDITS = {
    "session-down": [OSS_PEERS + (" established 45h49m25s", " active 45h49m25s")],
    "session-family-missing": [ISO_PEERS + ("ipv4/mpls_vpn 1 1\n", "")],
    "prefix-count-low": [NX_SUM + ("1d22h 4", "1d22h 3")],
    "prefix-missing": [T1 + ("*>l[5]:[0]:[0]:[32]:[20.0.10.1]/224\n10.77.0.111 0 64512 i\n", "")],
    "rt-wrong": [("Leaf01", "show_ip_extcommunity-list.txt", "RT:65000:100302", "RT:65000:100303")],
    "config-drift": [("Leaf01", "show_running-config_section_vrf_context_Tenant1-Pods.txt", "import vrf advertise-vpn\n", "")],
    "community-wrong": [("Leaf01", "show_ip_community-list.txt", "10 permit 64512:301", "10 permit 64512:399")],
    "local-sid-missing": [XR_LOCAL + ("cafe:cafe:100:e000:: per-vrf XRV", "NO SRv6 Sid - -")],
    "sid-outside-locator": [XR_LOCAL + ("cafe:cafe:100:e000::", "cafe:cafe:101:e000::")],
    "locator-not-learned": [XR_RIB6 + ("B cafe:cafe:2be::/48\n[200/0] via 2016:23:23:23:20c:29ff:fe73:137d, 00:13:10\n", "")],
    "pe-locator-missing": [XR_RIB6 + ("L cafe:cafe:100::/48, SRv6 Endpoint uN (shift)\n[0/0] via ::, 2d10h\n", "")],
    "cilium-not-advertising": [OSS_ROUTES + ("64512 20.0.10.1/32 0.0.0.0 20h2m1s [{Origin: i} {Nexthop: 0.0.0.0}]\n", "")],
    "node-locator-wrong": [("k8s-isovalent", "kubectl_get_sidmanager_-o_yaml.txt", "cafe:cafe:2be::/48", "cafe:cafe:2bf::/48")],
    "parse-error": [XR_VPN + ("0 65000 356 354 10 0 0 02:53:43 1", "this is not a summary row")],
    # an earlier sequence sends tenant1's routes (community 64512:301) into tenant2's VRF (RT 65000:100303)
    "config-leak": [("Leaf01", "show_running-config_section_route-map_K8-Export-Others.txt", "route-map K8-Export-Others permit 10\n",
                     "route-map K8-Export-Others permit 5\nmatch community Tenant1-Pods-BGP-Community\n"
                     "set extcommunity rt 65000:100303\nroute-map K8-Export-Others permit 10\n")],
    # an earlier deny for tenant1's community: its own sequence 10 never applies
    "config-shadow": [("Leaf01", "show_running-config_section_route-map_K8-Export-Others.txt", "route-map K8-Export-Others permit 10\n",
                       "route-map K8-Export-Others deny 5\nmatch community Tenant1-Pods-BGP-Community\nroute-map K8-Export-Others permit 10\n")],
}


# Edits that are more than one fault on the device: tenant1's extcommunity-list matching tenant2's
# RT also makes tenant1's import sequence catch tenant2's routes before tenant2's own sequence.
ALSO = {"rt-wrong": {"config-shadow"}}


@pytest.mark.parametrize("fid", sorted(EDITS))
def test_finding_id_fires_from_a_text_edit(exp, fid):
    ver = run(exp, mutated(*EDITS[fid]))
    ids = [f.id for f in ver.errors]
    assert fid in ids, [f.message for f in ver.findings]
    assert set(ids) == {fid} | ALSO.get(fid, set())


def test_session_family_missing_on_the_pe(exp):
    edit = XR_VPN + ("2016:23:23:23:20c:29ff:fe73:137d\n0 65000 356 354 10 0 0 02:53:43 1\n", "")
    snap = mutated(edit)
    snap.files[XR_VPN] = snap.files[XR_VPN] + "Neighbor Spk AS MsgRcvd MsgSent TblVer InQ OutQ Up/Down St/PfxRcd\n" \
        "2016:99::1\n0 65000 1 1 10 0 0 00:00:01 1\n"
    snap.files[XR_VPN] = snap.files[XR_VPN].replace(
        "Neighbor Spk AS MsgRcvd MsgSent TblVer InQ OutQ Up/Down St/PfxRcd\n", "", 1)
    ver = run(exp, snap)
    assert [(f.id, f.device) for f in ver.errors] == [("session-family-missing", "XRV")]


def _assertion(exp, aid):
    return next(a for a in exp.assertions if a.id == aid)


def test_community_missing_and_rt_on_path(exp):
    a = _assertion(exp, "Leaf01/Tenant-K8s/community/20.0.10.1/32")
    status, _seen, found = verify.CHECKS["community"](a, {"communities": [], "route_targets": [], "extcommunities": []})
    assert status == "fail" and [f.id for f in found] == ["community-missing"]
    status, _seen, found = verify.CHECKS["community"](
        a, {"communities": ["64512:301"], "route_targets": ["65000:100303"], "extcommunities": ["RT:65000:100303"]})
    assert [f.id for f in found] == ["rt-wrong"]
    status, seen, found = verify.CHECKS["community"](
        a, {"communities": ["64512:301"], "route_targets": ["65000:100302"], "extcommunities": ["RT:65000:100302"]})
    assert status == "pass" and "65000:100302" in seen


def test_tenant_without_leaf_must_not_carry_another_tenants_rt(exp):
    a = _assertion(exp, "Leaf01/Tenant-K8s/community/30.0.10.1/32")
    _s, _seen, found = verify.CHECKS["community"](
        a, {"communities": ["64512:302"], "route_targets": ["65000:100302"], "extcommunities": ["RT:65000:100302"]})
    assert [f.id for f in found] == ["rt-wrong"]


def test_sid_missing(exp):
    a = _assertion(exp, "XRV/blue/received-sid/10.23.0.0/24")
    route = {"rd": "10:10", "vrf": "blue", "prefix": "10.23.0.0/24", "valid": True,
             "next_hop": "2016:23:23:23:20c:29ff:fe73:137d", "sid": None}
    status, seen, found = verify.CHECKS["received-sid"](a, {"routes": [route]})
    assert (status, seen, [f.id for f in found]) == ("fail", "no SRv6 SID", ["sid-missing"])


def test_cilium_community_missing(exp):
    a = _assertion(exp, "k8s-oss/-/cilium-community/ubuntu2.local/20.0.10.1/32")
    route = {"node": "ubuntu2.local", "peer": "192.168.1.1", "prefix": "20.0.10.1/32", "attributes": {"communities": []}}
    status, _seen, found = verify.CHECKS["cilium-community"](a, {"routes": [route]})
    assert status == "fail" and [f.id for f in found] == ["cilium-community-missing"]
    route["attributes"]["communities"] = ["64512:301"]
    assert verify.CHECKS["cilium-community"](a, {"routes": [route]})[0] == "pass"


# Every finding id having a failing case is checked by test_conditions.py, by reading the test code.


# ---------------------------------------------------------------- expectations


def test_expect_reads_intent_only():
    tree = ast.parse(open(os.path.join(CORE, "expect.py")).read())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not any(m and ("parse" in m or "verify" in m or "snapshot" in m or "ansible" in m) for m in imported)


# The seed's assertion ids, reviewed line by line against the lab inventory: they are
# junit test names and users' CI filters, so a change here is a breaking change.
SEED_IDS = [
    "Leaf01/Tenant-K8s/session/192.168.16.35/ipv4/unicast/ubuntu2.local",
    "Leaf01/Tenant-K8s/prefix-present/20.0.10.1/32",
    "Leaf01/Tenant-K8s/community/20.0.10.1/32",
    "Leaf01/Tenant-K8s/prefix-present/10.110.206.139/32",
    "Leaf01/Tenant-K8s/community/10.110.206.139/32",
    "Leaf01/Tenant-K8s/prefix-present/30.0.10.1/32",
    "Leaf01/Tenant-K8s/community/30.0.10.1/32",
    "Leaf01/Tenant-K8s/prefix-present/10.109.203.74/32",
    "Leaf01/Tenant-K8s/community/10.109.203.74/32",
    "Leaf01/Tenant-K8s/isolation/blue",
    "Leaf01/Tenant-K8s/vrf-config/Tenant-K8s",
    "Leaf01/Tenant-K8s/route-map-leak/K8-Export-Others",  # no other sequence decides a tenant's routes
    "Leaf01/Tenant-K8s/route-map-leak/CommunityImport",
    "Leaf01/Tenant1-Pods/prefix-present/20.0.10.1/32",
    "Leaf01/Tenant1-Pods/prefix-present/10.110.206.139/32",
    "Leaf01/Tenant1-Pods/prefix-present/10.71.1.0/24",
    "Leaf01/Tenant1-Pods/prefix-present/172.16.16.16/32",
    "Leaf01/Tenant1-Pods/isolation/tenant2",
    "Leaf01/Tenant1-Pods/isolation/blue",
    "Leaf01/Tenant1-Pods/rt-import/Tenant1-Pods",  # imports no other tenant's route target
    "Leaf01/Tenant1-Pods/vrf-config/Tenant1-Pods",
    "Leaf01/Tenant-K8s/route-map/K8-Export-Others/10",
    "Leaf01/Tenant-K8s/route-map/CommunityImport/10",
    "Leaf01/-/list-entry/Tenant1-Pods-BGP-Community",
    "Leaf01/-/list-entry/Tenant1-Pods-RT",
    "XRV/-/session/2016:23:23:23:20c:29ff:fe73:137d/ipv6/unicast/ubuntuk8.local",
    "XRV/-/session/2016:23:23:23:20c:29ff:fe73:137d/ipv4/mpls_vpn/ubuntuk8.local",
    "XRV/-/pe-locator/XRV/cafe:cafe:100::/48",
    "XRV/-/locator-learned/ubuntuk8.local/cafe:cafe:2be::/48",
    "XRV/blue/prefix-present/10.23.0.0/24",
    "XRV/blue/received-sid/10.23.0.0/24",
    "XRV/blue/prefix-present/172.19.19.19/32",
    "XRV/blue/local-sid/172.19.19.19/32",
    "XRV/blue/isolation/tenant1",
    "XRV/blue/isolation/tenant2",
    "XRV/default/underlay/blue",
    "XRV/default/underlay/tenant1",
    "XRV/default/underlay/tenant2",
    "k8s-oss/-/session/192.168.1.1/ipv4/unicast/ubuntu2.local",
    "k8s-oss/-/cilium-route/ubuntu2.local/20.0.10.1/32",
    "k8s-oss/-/cilium-community/ubuntu2.local/20.0.10.1/32",
    "k8s-oss/-/cilium-route/ubuntu2.local/10.110.206.139/32",
    "k8s-oss/-/cilium-community/ubuntu2.local/10.110.206.139/32",
    "k8s-oss/-/cilium-route/ubuntu2.local/30.0.10.1/32",
    "k8s-oss/-/cilium-community/ubuntu2.local/30.0.10.1/32",
    "k8s-oss/-/cilium-route/ubuntu2.local/10.109.203.74/32",
    "k8s-oss/-/cilium-community/ubuntu2.local/10.109.203.74/32",
    "k8s-isovalent/-/session/2016:40:40:40::40/ipv6/unicast/ubuntuk8.local",
    "k8s-isovalent/-/session/2016:40:40:40::40/ipv4/mpls_vpn/ubuntuk8.local",
    "k8s-isovalent/10:10/cilium-route/ubuntuk8.local/10.23.0.0/24",
    "k8s-isovalent/-/node-locator/ubuntuk8.local/cafe:cafe:2be::/48",
]


def test_assertion_ids_unique_and_stable(exp):
    ids = [a.id for a in exp.assertions]
    assert len(ids) == len(set(ids))
    assert ids == SEED_IDS


def test_tenant_with_own_leaf_vrf_gets_vrf_assertions(lab):
    data = yaml.safe_load(yaml.safe_dump(lab))
    data["tenants"][1].pop("leaves")  # tenant2 now steered into Tenant2-Pods on Leaf01
    exp2 = expectations(model.plan(data))
    ids = {a.id for a in exp2.assertions}
    assert "Leaf01/Tenant2-Pods/prefix-present/30.0.10.1/32" in ids
    assert "Leaf01/Tenant2-Pods/isolation/tenant1" in ids
    assert ("Leaf01", "Tenant2-Pods") in exp2.vrfs
    # the seed never captured Tenant2-Pods: unproven, with a warning, not a pass
    ver = run(exp2, snapshot.load(SEED))
    assert any(f.id == "not-captured" and f.command == "show bgp l2vpn evpn vrf Tenant2-Pods" for f in ver.findings)


def test_capture_file_names_follow_the_command():
    assert expect.slug('show running-config | section "vrf context Tenant-K8s"') == \
        "show_running-config_section_vrf_context_Tenant-K8s"
    assert set(expect.COMMANDS) <= set(expect.PARSER_OF)


# ---------------------------------------------------------------- snapshot


def test_snapshot_errors_are_clear(tmp_path):
    with pytest.raises(snapshot.SnapshotError, match="does not exist"):
        snapshot.load(str(tmp_path / "nope"))
    with pytest.raises(snapshot.SnapshotError, match="holds no"):
        snapshot.load(str(tmp_path))
    (tmp_path / "snapshot.yml").write_text("format: 7\n")
    (tmp_path / "Leaf01").mkdir()
    (tmp_path / "Leaf01" / "x.txt").write_text("x\n")
    with pytest.raises(snapshot.SnapshotError, match="unsupported snapshot format"):
        snapshot.load(str(tmp_path))


def test_outputs_mapping_and_save_round_trip(exp, tmp_path):
    seed = snapshot.load(SEED)
    by_cap = {c: seed.lookup(c) for c in exp.captures if seed.lookup(c) is not None}
    outputs = {}
    for cap, text in by_cap.items():
        outputs.setdefault(cap.device, {})[cap.command] = text
    inline = snapshot.from_outputs(outputs)
    assert errors(run(exp, inline)) == []
    snapshot.save(str(tmp_path / "snap"), exp.captures, by_cap, "round trip")
    again = snapshot.load(str(tmp_path / "snap"))
    assert again.files == {(c.device, c.file): t if t.endswith("\n") else t + "\n" for c, t in by_cap.items()}
    assert again.index["captures"]["XRV"]["show_route_ipv4.txt"] == "show route ipv4"
    with pytest.raises(snapshot.SnapshotError, match="must be text"):
        snapshot.from_outputs({"Leaf01": {"show ip community-list": 3}})


def test_live_mode_missing_output_is_an_error(exp):
    snap = snapshot.load(SEED)  # the seed lacks four captures; live, every command must have answered
    ver = verify.verify(exp, snap.lookup, live=True)
    assert not ver.passed
    assert {f.id for f in ver.errors} == {"not-captured"} and len(ver.errors) == 4
