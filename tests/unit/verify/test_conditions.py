# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every condition behind every finding id, each with a failing input and a passing twin.

The intent is a small but wide inventory (two leaves, two PEs, two nodes per
cluster, three EVPN tenants of which one is steered nowhere, two SRv6 tenants)
so that the node, VRF, RD and tenant filters of the verifier are exercised: a
test fails when a filter is dropped because the wrong node's / VRF's fact is
right there in the input. Each failing case is the smallest parsed capture
that raises only its finding; its twin differs by one fact and passes.

``fails_with(aid, parsed, finding)`` is the one way a failing case is
asserted; ``test_every_finding_id_has_a_failing_case`` reads this directory's
test code and requires a ``fails_with`` (or ``Case``) naming each id of
``verify.FINDINGS``, so a new finding without a test fails the suite.
"""

import ast
import copy
import os

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model, verify
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.expect import expectations, tenant_space

HERE = os.path.dirname(os.path.abspath(__file__))

WIDE_YAML = """
fabric: {asn: 65000}
leaves:
  - name: LeafA
    router_id: 10.70.0.11
    transit_vrf: {name: Transit, l3vni: 100301, loopback: {interface: loopback11, address: 192.168.1.1/32}}
  - name: LeafB
    router_id: 10.70.0.12
    transit_vrf: {name: Transit, l3vni: 100301, loopback: {interface: loopback11, address: 192.168.1.2/32}}
pes:
  - name: PE1
    router_id: 192.168.40.40
    source_address: "2016:40::40"
    srv6_locator: {name: PE1, prefix: "cafe:cafe:100::/48"}
  - name: PE2
    router_id: 192.168.40.41
    source_address: "2016:40::41"
    srv6_locator: {name: PE2, prefix: "cafe:cafe:101::/48"}
clusters:
  - name: oss
    flavour: oss
    cilium_version: "1.16.15"
    asn: 64512
    node_selector: {matchLabels: {bgp: enabled}}
    bgp_peers:
      - {device: LeafA, address: 192.168.1.1, ebgp_multihop: 2}
      - {device: LeafB, address: 192.168.1.2, ebgp_multihop: 2}
    nodes:
      - {name: n1, address: 192.168.16.35, pod_cidrs: [10.0.1.0/24]}
      - {name: n2, address: 192.168.16.36, pod_cidrs: [10.0.2.0/24]}
  - name: iso
    flavour: isovalent
    cilium_version: "1.17.6"
    asn: 65000
    node_selector: {matchLabels: {bgp: enabled}}
    bgp_peers:
      - {device: PE1, address: "2016:40::40"}
      - {device: PE2, address: "2016:40::41"}
    srv6:
      locator_pool:
        name: pool0
        prefix: "cafe:cafe::/32"
        locator_len_bits: 48
        behavior_type: uSID
        structure: {locator_block_len_bits: 32, locator_node_len_bits: 16, function_len_bits: 16, argument_len_bits: 0}
    nodes:
      - {name: m1, address: "2016:23::1", srv6_locator: "cafe:cafe:2be::/48"}
      - {name: m2, address: "2016:23::2", srv6_locator: "cafe:cafe:2bf::/48"}
tenants:
  - name: t1
    mode: evpn_community
    cluster: oss
    community: "64512:301"
    vrf: {name: T1, l3vni: 100302}
    leaves: [LeafA, LeafB]
    lb_pools: [{name: p1, cidr: 20.0.10.0/24}]
    service_selector: {matchLabels: {svc: t1}}
    fabric_prefixes: [10.71.1.0/24]
    expected_prefixes: [20.0.10.1/32]
  - name: t2
    mode: evpn_community
    cluster: oss
    community: "64512:302"
    vrf: {name: T2, l3vni: 100303}
    leaves: [LeafB]
    lb_pools: [{name: p2, start: 30.0.10.1, stop: 30.0.10.6}]
    service_selector: {matchLabels: {svc: t2}}
    fabric_prefixes: [10.72.1.0/24]
    expected_prefixes: [30.0.10.1/32]
  - name: t3
    mode: evpn_community
    cluster: oss
    community: "64512:303"
    vrf: {name: T3, l3vni: 100304}
    leaves: []
    lb_pools: [{name: p3, cidr: 40.0.10.0/24}]
    service_selector: {matchLabels: {svc: t3}}
    expected_prefixes: [40.0.10.1/32]
  - name: blue
    mode: srv6_l3vpn
    cluster: iso
    vrf: {name: blue, id: 10}
    rd: "10:10"
    import_rts: ["65000:10"]
    export_rts: ["65000:10"]
    namespace_selector: {matchLabels: {ns: blue}}
    pod_selector: {matchLabels: {vrf: blue}}
    destination_cidrs: [0.0.0.0/0]
    pod_cidrs: [10.23.0.0/24]
    pe_loopbacks:
      - {device: PE1, interface: Loopback10, address: 172.19.19.19/32}
      - {device: PE2, interface: Loopback10, address: 172.19.19.20/32}
    expected_prefixes: [10.23.0.0/24]
  - name: red
    mode: srv6_l3vpn
    cluster: iso
    vrf: {name: red, id: 11}
    rd: "10:11"
    import_rts: ["65000:11"]
    export_rts: ["65000:11"]
    namespace_selector: {matchLabels: {ns: red}}
    pod_selector: {matchLabels: {vrf: red}}
    destination_cidrs: [0.0.0.0/0]
    pod_cidrs: [10.24.0.0/24]
    pe_loopbacks:
      - {device: PE1, interface: Loopback11, address: 172.19.20.19/32}
    expected_prefixes: [10.24.0.0/24]
"""


def wide():
    return yaml.safe_load(WIDE_YAML)


def build(data):
    assert model.validate(data) == [], model.validate(data)
    return expectations(model.plan(data))


EXP = None


@pytest.fixture(autouse=True)
def _fresh_expectations():
    """Built inside each test, not at import: mutation tools attribute the code a test runs to that test."""
    global EXP
    EXP = build(wide())
    yield
    EXP = None


def assertion(aid, exp=None):
    found = [a for a in (exp or EXP).assertions if a.id == aid]
    assert len(found) == 1, "%d assertions with id %s" % (len(found), aid)
    return found[0]


def outcome(aid, parsed, exp=None, extra=()):
    """A check's verdict; *extra* holds the other captures a multi-capture check reads (verify.MULTI_CHECKS)."""
    a = assertion(aid, exp)
    if a.check in verify.MULTI_CHECKS:
        status, _seen, findings = verify.MULTI_CHECKS[a.check](a, parsed, *extra)
    else:
        status, _seen, findings = verify.CHECKS[a.check](a, parsed)
    return status, [f.id for f in findings], findings


def fails_with(aid, parsed, finding, count=1, exp=None, extra=()):
    """The assertion fails with exactly *count* findings, all of id *finding*."""
    status, ids, findings = outcome(aid, parsed, exp, extra)
    assert (status, ids) == ("fail", [finding] * count), [f.message for f in findings]
    a = assertion(aid, exp)
    for f in findings:  # every finding names where it was seen, what was expected and what was seen
        assert (f.device, f.assertion, f.command) == (a.device, a.id, a.capture.command)
        if a.check != "route-map-leak":  # a config leak names the VRF the routes land in and their owner instead
            assert (f.vrf, f.rd, f.tenant) == (a.vrf, a.rd, a.tenant)
        if a.check not in ("isolation", "underlay"):  # a leak names the leaked prefix instead
            assert f.prefix == a.prefix
        assert f.severity == verify.FINDINGS[finding][0]
        assert all(isinstance(x, str) and x.strip() for x in (f.message, f.expected, f.seen)), f
    return findings


def passes(aid, parsed, exp=None, extra=()):
    status, ids, findings = outcome(aid, parsed, exp, extra)
    assert (status, ids) == ("pass", []), [f.message for f in findings]


# ---------------------------------------------------------------- sessions

def nx_summary(vrf="Transit", state="Established", received=3, neighbor="192.168.16.36", other=None):
    vrfs = [{"vrf": vrf, "neighbors": [{"neighbor": neighbor, "state": state, "prefixes_received": received}]}]
    return {"kind": "bgp_summary", "vrfs": vrfs + (other or [])}


NX_N2 = "LeafB/Transit/session/192.168.16.36/ipv4/unicast/n2"


def test_nxos_session_passes_at_exactly_the_expected_count():
    passes(NX_N2, nx_summary())


def test_nxos_session_in_another_vrf_is_not_this_session():
    fails_with(NX_N2, nx_summary(vrf="T1"), "session-family-missing")
    # the same neighbor listed in both VRFs: the transit row decides
    fails_with(NX_N2, nx_summary(state="Idle", other=[{"vrf": "T1", "neighbors": [
        {"neighbor": "192.168.16.36", "state": "Established", "prefixes_received": 9}]}]), "session-down")


def test_nxos_session_of_another_neighbor_does_not_count():
    fails_with(NX_N2, nx_summary(neighbor="192.168.16.35"), "session-family-missing")


def test_nxos_session_not_established():
    fails_with(NX_N2, nx_summary(state="Idle"), "session-down")
    passes(NX_N2, nx_summary(state="established"))  # case as some releases print it


def test_nxos_session_one_prefix_short():
    fails_with(NX_N2, nx_summary(received=2), "prefix-count-low")
    fails_with(NX_N2, nx_summary(received=None), "prefix-count-low")


XR_M2_VPN = "PE1/-/session/2016:23::2/ipv4/mpls_vpn/m2"


def xr_summary(*rows):
    """IOS-XR prints one block that names no VRF."""
    return {"kind": "bgp_summary", "vrfs": [{"vrf": None, "neighbors": [dict(zip(("neighbor", "state", "prefixes_received"), r))
                                                                        for r in rows]}]}


def test_xr_session_matches_the_address_not_its_spelling():
    passes(XR_M2_VPN, xr_summary(("2016:23:0:0::2", "Established", 2)))
    fails_with(XR_M2_VPN, xr_summary(("2016:23::1", "Established", 2)), "session-family-missing")


def test_xr_session_conditions():
    fails_with(XR_M2_VPN, xr_summary(("2016:23::1", "Established", 2), ("2016:23::2", "Active", 0)), "session-down")
    fails_with(XR_M2_VPN, xr_summary(("2016:23::2", "Established", 1)), "prefix-count-low")
    passes(XR_M2_VPN, xr_summary(("2016:23::1", "Idle", 0), ("2016:23::2", "Established", 2)))


def peers(*rows):
    """cilium bgp peers: (node, peer, state, {family: (received, advertised)})."""
    out = [{"node": n, "peer_address": p, "session_state": s,
            "families": [{"family": f, "received": r, "advertised": adv} for f, (r, adv) in fams.items()]}
           for n, p, s, fams in rows]
    return {"kind": "cilium_peers", "peers": out}


OSS_N2 = "oss/-/session/192.168.1.2/ipv4/unicast/n2"
UNI = {"ipv4/unicast": (0, 3)}


def test_cilium_session_of_another_node_does_not_count():
    fails_with(OSS_N2, peers(("n1", "192.168.1.2", "established", UNI)), "session-down")
    passes(OSS_N2, peers(("n1", "192.168.1.2", "established", UNI), ("n2", "192.168.1.2", "established", UNI)))


def test_cilium_session_node_filter_picks_the_right_row():
    both = peers(("n1", "192.168.1.2", "established", UNI), ("n2", "192.168.1.2", "active", UNI))
    fails_with(OSS_N2, both, "session-down")
    passes("oss/-/session/192.168.1.2/ipv4/unicast/n1", both)


def test_cilium_session_of_another_peer_does_not_count():
    fails_with(OSS_N2, peers(("n2", "192.168.1.1", "established", UNI)), "session-down")


def test_cilium_session_family_and_count():
    fails_with(OSS_N2, peers(("n2", "192.168.1.2", "established", {"ipv6/unicast": (0, 3)})), "session-family-missing")
    # the cilium side counts what it advertises, not what it receives
    fails_with(OSS_N2, peers(("n2", "192.168.1.2", "established", {"ipv4/unicast": (9, 2)})), "prefix-count-low")


def test_srv6_cilium_session_needs_both_families():
    aid = "iso/-/session/2016:40::41/ipv4/mpls_vpn/m2"
    fails_with(aid, peers(("m2", "2016:40::41", "established", {"ipv6/unicast": (0, 1)})), "session-family-missing")
    passes(aid, peers(("m2", "2016:40::41", "established", {"ipv6/unicast": (0, 1), "ipv4/mpls_vpn": (0, 2)})))


# ---------------------------------------------------------------- prefix present

def routes(*rows, **common):
    out = []
    for r in rows:
        route = dict(common)
        route.update(r if isinstance(r, dict) else {"prefix": r})
        out.append(route)
    return {"routes": out}


def test_prefix_present_in_the_tenant_vrf():
    aid = "LeafB/T2/prefix-present/10.72.1.0/24"  # a fabric prefix: expected in the tenant's own VRF
    passes(aid, routes("10.72.1.0/24"))
    fails_with(aid, routes("10.72.1.0/25"), "prefix-missing")
    fails_with(aid, routes({"prefix": "10.72.1.0/24", "valid": False}), "prefix-missing")
    passes(aid, routes({"prefix": "10.72.1.0/24", "valid": True}))


def test_prefix_present_on_the_pe_filters_rd_and_vrf():
    aid = "PE1/red/prefix-present/10.24.0.0/24"
    passes(aid, routes({"rd": "10:11", "vrf": "red", "prefix": "10.24.0.0/24"}))
    passes(aid, routes({"rd": "10:11", "vrf": "red", "prefix": "10:11:10.24.0.0/24"}))  # VPN form
    fails_with(aid, routes({"rd": "10:10", "vrf": "red", "prefix": "10.24.0.0/24"}), "prefix-missing")
    fails_with(aid, routes({"rd": "10:11", "vrf": "blue", "prefix": "10.24.0.0/24"}), "prefix-missing")


def test_transit_prefixes_of_unsteered_tenants_are_expected():
    fails_with("LeafA/Transit/prefix-present/40.0.10.1/32", routes("20.0.10.1/32", "30.0.10.1/32"), "prefix-missing")
    passes("LeafA/Transit/prefix-present/40.0.10.1/32", routes("40.0.10.1/32"))


# ---------------------------------------------------------------- isolation and address space

def test_tenant_space_is_built_from_every_kind_of_block():
    space = tenant_space(model.plan(wide()))
    assert set(space["t1"]) == {"20.0.10.1/32", "10.71.1.0/24", "20.0.10.0/24"}
    # start/stop pool 30.0.10.1-30.0.10.6, summarised by hand
    assert set(space["t2"]) == {"30.0.10.1/32", "10.72.1.0/24", "30.0.10.2/31", "30.0.10.4/31", "30.0.10.6/32"}
    assert set(space["t3"]) == {"40.0.10.1/32", "40.0.10.0/24"}
    # pod CIDRs and every PE's loopback of the tenant
    assert set(space["blue"]) == {"10.23.0.0/24", "172.19.19.19/32", "172.19.19.20/32"}
    assert set(space["red"]) == {"10.24.0.0/24", "172.19.20.19/32"}


@pytest.mark.parametrize("leaked, foreign", [
    ("20.0.10.0/24", "t1"),  # equals the pool
    ("20.0.10.77/32", "t1"),  # inside the pool
    ("10.71.1.128/25", "t1"),  # inside a fabric prefix
    ("40.0.10.9/32", "t3"),  # a tenant no leaf steers
    ("10.23.0.0/24", "blue"),  # an SRv6 pod CIDR
    ("172.19.19.20/32", "blue"),  # another PE's loopback of an SRv6 tenant
    ("10.24.0.128/26", "red"),  # the last tenant
])
def test_a_route_of_any_foreign_block_leaks_into_t2(leaked, foreign):
    fails_with("LeafB/T2/isolation/%s" % foreign, routes("30.0.10.1/32", leaked), "prefix-leak")
    for other in ("t1", "t3", "blue", "red"):
        if other != foreign:
            passes("LeafB/T2/isolation/%s" % other, routes("30.0.10.1/32", leaked))


@pytest.mark.parametrize("leaked", ["30.0.10.6/32", "30.0.10.4/31", "30.0.10.1/32"])
def test_start_stop_pool_edges_leak(leaked):
    fails_with("LeafB/T1/isolation/t2", routes(leaked), "prefix-leak")


@pytest.mark.parametrize("outside", ["30.0.10.0/32", "30.0.10.7/32", "10.72.2.0/24", "10.23.1.0/24", "172.19.19.21/32"])
def test_addresses_next_to_a_block_do_not_leak(outside):
    for foreign in ("t2", "t3", "blue", "red"):
        passes("LeafB/T1/isolation/%s" % foreign, routes(outside))


def test_every_leaked_prefix_is_a_finding():
    findings = fails_with("LeafA/T1/isolation/t2", routes("30.0.10.2/32", "10.72.1.0/24", "20.0.10.1/32"),
                          "prefix-leak", count=2)
    assert sorted(f.prefix for f in findings) == ["10.72.1.0/24", "30.0.10.2/32"]
    assert {f.tenant for f in findings} == {"t2"}


def test_transit_vrf_carries_evpn_tenants_but_no_srv6_tenant():
    ids = {a.id for a in EXP.assertions if a.check == "isolation" and a.vrf == "Transit"}
    assert ids == {"LeafA/Transit/isolation/blue", "LeafA/Transit/isolation/red",
                   "LeafB/Transit/isolation/blue", "LeafB/Transit/isolation/red"}
    fails_with("LeafA/Transit/isolation/red", routes("20.0.10.1/32", "172.19.20.19/32"), "prefix-leak")


def test_pe_isolation_ignores_routes_of_the_other_vrf_in_the_capture():
    other_vrf = routes({"rd": "10:11", "vrf": "red", "prefix": "10.24.0.0/24"})
    passes("PE1/blue/isolation/red", other_vrf)
    fails_with("PE1/blue/isolation/red", routes({"rd": "10:10", "vrf": "blue", "prefix": "10.24.0.0/24"}), "prefix-leak")


def test_block_shared_with_an_allowed_tenant_is_not_a_leak_there():
    data = wide()
    data["tenants"][2]["fabric_prefixes"] = ["10.71.1.0/24"]  # t3 shares t1's fabric prefix
    exp = build(data)
    shared = routes("10.71.1.5/32")
    passes("LeafA/T1/isolation/t3", shared, exp=exp)  # t1 may see its own block
    fails_with("LeafB/T2/isolation/t3", shared, "prefix-leak", exp=exp)
    fails_with("LeafB/T2/isolation/t1", shared, "prefix-leak", exp=exp)
    fails_with("LeafA/T1/isolation/t3", routes("40.0.10.1/32"), "prefix-leak", exp=exp)


def test_underlay_of_each_pe_checks_every_tenant():
    for pe in ("PE1", "PE2"):
        for tenant, leaked in (("t1", "10.71.1.1/32"), ("t2", "30.0.10.5/32"), ("t3", "40.0.10.0/25"),
                               ("blue", "172.19.19.20/32"), ("red", "10.24.0.0/24")):
            findings = fails_with("%s/default/underlay/%s" % (pe, tenant), routes("192.168.40.40/32", leaked),
                                  "underlay-leak")
            assert findings[0].prefix == leaked
        passes("%s/default/underlay/red" % pe, routes("192.168.40.40/32", "10.25.0.0/24", "cafe:cafe:100::/48"))


# ---------------------------------------------------------------- community and route target on the path

T2_B = "LeafB/Transit/community/30.0.10.1/32"  # t2 is steered on LeafB: RT 65000:100303 expected
T2_A = "LeafA/Transit/community/30.0.10.1/32"  # not steered on LeafA: no RT expected, no foreign RT allowed


def path(comms=(), rts=None):
    out = {"communities": list(comms)}
    if rts is not None:
        out.update(route_targets=list(rts), extcommunities=["RT:" + r for r in rts] or ["SOO:1:1"])
    return out


def test_community_conditions():
    fails_with(T2_B, path(), "community-missing")
    fails_with(T2_B, path(["64512:301"]), "community-wrong")
    fails_with(T2_B, path(["64512:302", "64512:301"]), "community-wrong")  # own AND another tenant's
    fails_with(T2_B, path(["64512:302", "64512:303"]), "community-wrong")  # a tenant no leaf steers
    passes(T2_B, path(["64512:302", "65535:65281"]))  # a well-known community is nobody's tenant
    passes(T2_B, path(["64512:302"]))


def test_route_target_conditions_when_steered():
    fails_with(T2_B, path(["64512:302"], ["65000:100302"]), "rt-wrong")
    fails_with(T2_B, path(["64512:302"], ["65000:100303", "65000:100302"]), "rt-wrong")
    fails_with(T2_B, path(["64512:302"], []), "rt-wrong")  # own RT missing on the transit path
    fails_with(T2_B, path(["64512:302"], ["65000:9"]), "rt-wrong")
    passes(T2_B, path(["64512:302"], ["65000:100303"]))


def test_route_target_conditions_when_not_steered():
    fails_with(T2_A, path(["64512:302"], ["65000:100302"]), "rt-wrong")
    passes(T2_A, path(["64512:302"], []))
    passes(T2_A, path(["64512:302"], ["65000:9"]))


def test_community_and_rt_are_read_from_every_path():
    parsed = {"kind": "bgp_detail", "routes": [{"communities": ["64512:302"]}, {"communities": ["64512:301"]}]}
    fails_with(T2_B, parsed, "community-wrong")
    parsed = {"kind": "bgp_detail", "routes": [path(["64512:302"], ["65000:100303"]), path(["64512:302"], ["65000:100302"])]}
    fails_with(T2_B, parsed, "rt-wrong")
    parsed = {"kind": "bgp_detail", "routes": [{"communities": ["64512:302"], "extcommunities": ["SOO:1:1"]}]}
    fails_with(T2_B, parsed, "rt-wrong")  # extended communities shown, own RT not among them
    passes(T2_B, {"kind": "bgp_detail", "routes": [path(["64512:302"], ["65000:100303"])]})
    # a `| grep Community` capture: the attribute lines without their entry, kept on the shape itself
    fails_with(T2_B, {"kind": "bgp_detail", "routes": [], "communities": ["64512:301"]}, "community-wrong")


# ---------------------------------------------------------------- leaf configuration

def vrf_cfg(name="Transit", vni=100301, export="K8-Export-Others", imp="CommunityImport", import_evpn=True,
            advertise=False, afi="ipv4", extra=()):
    af = {"afi": afi, "import_vrf_advertise_vpn": advertise}
    if export:
        af["export_map"] = {"name": export, "evpn": False}
    if imp:
        af["import_map"] = {"name": imp, "evpn": import_evpn}
    return {"vrfs": [{"name": name, "vni": vni, "address_families": [af]}] + list(extra)}


TRANSIT_CFG = "LeafA/Transit/vrf-config/Transit"


def test_transit_vrf_config_conditions():
    passes(TRANSIT_CFG, vrf_cfg())
    fails_with(TRANSIT_CFG, vrf_cfg(name="Transit2"), "config-drift")
    fails_with(TRANSIT_CFG, vrf_cfg(vni=100302), "config-drift")
    fails_with(TRANSIT_CFG, vrf_cfg(export="K8-Export-Other"), "config-drift")
    fails_with(TRANSIT_CFG, vrf_cfg(export=None), "config-drift")
    fails_with(TRANSIT_CFG, vrf_cfg(imp="CommunityImport2"), "config-drift")
    fails_with(TRANSIT_CFG, vrf_cfg(import_evpn=False), "config-drift")  # import map not on the evpn side
    fails_with(TRANSIT_CFG, vrf_cfg(afi="ipv6"), "config-drift")


def test_tenant_vrf_config_conditions_per_vrf():
    t1_ok = {"name": "T1", "vni": 100302, "address_families": [{"afi": "ipv4", "import_vrf_advertise_vpn": True}]}
    passes("LeafB/T2/vrf-config/T2", vrf_cfg("T2", 100303, None, None, advertise=True, extra=[t1_ok]))
    fails_with("LeafB/T2/vrf-config/T2", vrf_cfg("T2", 100303, None, None, advertise=False, extra=[t1_ok]), "config-drift")
    wrong_vni = vrf_cfg("T2", 100302, None, None, advertise=True, extra=[t1_ok])
    fails_with("LeafB/T2/vrf-config/T2", wrong_vni, "config-drift")
    passes("LeafB/T1/vrf-config/T1", wrong_vni)  # the other VRF of the same capture is right


def rmap(*entries):
    """(name, sequence, action, match {kind: [values]}, set {kind: [values]})"""
    return {"route_maps": [{"name": n, "sequence": s, "action": act, "match": m, "set": st} for n, s, act, m, st in entries]}


EXPORT_T2 = "LeafB/Transit/route-map/K8-Export-Others/20"
IMPORT_T2 = "LeafB/Transit/route-map/CommunityImport/20"
EXPORT_T1_ENTRY = ("K8-Export-Others", 10, "permit", {"community": ["T1-BGP-Community"]}, {"extcommunity rt": ["65000:100302"]})
EXPORT_T2_ENTRY = ("K8-Export-Others", 20, "permit", {"community": ["T2-BGP-Community"]}, {"extcommunity rt": ["65000:100303"]})


def test_route_map_ids_are_unique_per_tenant():
    ids = [a.id for a in EXP.assertions]
    assert len(ids) == len(set(ids))
    assert assertion(EXPORT_T2).tenant == "t2"
    assert assertion("LeafB/Transit/route-map/K8-Export-Others/10").tenant == "t1"


def test_export_map_conditions():
    passes(EXPORT_T2, rmap(EXPORT_T1_ENTRY, EXPORT_T2_ENTRY))
    fails_with(EXPORT_T2, rmap(EXPORT_T1_ENTRY), "config-drift")
    fails_with(EXPORT_T2, rmap(EXPORT_T1_ENTRY, EXPORT_T2_ENTRY[:2] + ("deny",) + EXPORT_T2_ENTRY[3:]), "config-drift")
    fails_with(EXPORT_T2, rmap(("K8-Export-Other",) + EXPORT_T2_ENTRY[1:]), "config-drift")  # another map's entry
    fails_with(EXPORT_T2, rmap(EXPORT_T2_ENTRY[:3] + ({"community": ["T1-BGP-Community"]},) + EXPORT_T2_ENTRY[4:]),
               "config-drift")
    fails_with(EXPORT_T2, rmap(EXPORT_T2_ENTRY[:4] + ({"extcommunity rt": ["65000:100302"]},)), "rt-wrong")
    fails_with(EXPORT_T2, rmap(EXPORT_T2_ENTRY[:4] + ({"extcommunity rt": ["65000:100303", "65000:100302"]},)),
               "rt-wrong")
    fails_with(EXPORT_T2, rmap(EXPORT_T2_ENTRY[:4] + ({},)), "rt-wrong")
    passes(EXPORT_T2, rmap(EXPORT_T2_ENTRY[:4] + ({"extcommunity rt": ["65000:100303", "additive"]},)))
    # a deny entry of t1 does not hide t2's permit
    passes(EXPORT_T2, rmap(EXPORT_T1_ENTRY[:2] + ("deny",) + EXPORT_T1_ENTRY[3:], EXPORT_T2_ENTRY))


def test_import_map_conditions():
    good = ("CommunityImport", 20, "permit", {"extcommunity": ["T2-RT"]}, {"community": ["64512:302"]})
    passes(IMPORT_T2, rmap(good))
    fails_with(IMPORT_T2, rmap(good[:4] + ({"community": ["64512:301"]},)), "community-wrong")
    fails_with(IMPORT_T2, rmap(good[:4] + ({"community": ["64512:302", "64512:301"]},)), "community-wrong")
    fails_with(IMPORT_T2, rmap(good[:3] + ({"extcommunity": ["T1-RT"]},) + good[4:]), "config-drift")
    fails_with(IMPORT_T2, rmap(good[:2] + ("deny",) + good[3:]), "config-drift")


def lists(*rows):
    """(name, [(action, [values])])"""
    return {"lists": [{"name": n, "entries": [{"sequence": 10 * (i + 1), "action": act, "values": v}
                                              for i, (act, v) in enumerate(es)]} for n, es in rows]}


def test_community_list_conditions():
    aid = "LeafB/-/list-entry/T2-BGP-Community"
    t1 = ("T1-BGP-Community", [("permit", ["64512:301"])])
    passes(aid, lists(t1, ("T2-BGP-Community", [("permit", ["64512:302"])])))
    fails_with(aid, lists(t1), "config-drift")
    fails_with(aid, lists(t1, ("T2-BGP-Community", [("permit", ["64512:302"]), ("permit", ["64512:301"])])),
               "community-wrong")  # permits both tenants' communities
    fails_with(aid, lists(("T2-BGP-Community", [("permit", ["64512:302", "64512:301"])])), "community-wrong")
    fails_with(aid, lists(("T2-BGP-Community", [("permit", ["64512:301"])])), "community-wrong")
    fails_with(aid, lists(("T2-BGP-Community", [("deny", ["64512:302"])])), "community-wrong")
    # deny entries are not permits
    passes(aid, lists(("T2-BGP-Community", [("deny", ["64512:301"]), ("permit", ["64512:302"])])))


def test_extcommunity_list_conditions():
    aid = "LeafB/-/list-entry/T2-RT"
    passes(aid, lists(("T1-RT", [("permit", ["RT:65000:100302"])]), ("T2-RT", [("permit", ["RT:65000:100303"])])))
    fails_with(aid, lists(("T2-RT", [("permit", ["RT:65000:100302"])])), "rt-wrong")
    fails_with(aid, lists(("T2-RT", [("permit", ["RT:65000:100303"]), ("permit", ["RT:65000:100302"])])), "rt-wrong")
    fails_with(aid, lists(("T1-RT", [("permit", ["RT:65000:100303"])])), "config-drift")


EXPORT_LEAK = "LeafB/Transit/route-map-leak/K8-Export-Others"
IMPORT_LEAK = "LeafB/Transit/route-map-leak/CommunityImport"
COMMUNITY_LISTS = lists(("T1-BGP-Community", [("permit", ["64512:301"])]), ("T2-BGP-Community", [("permit", ["64512:302"])]))
RT_LISTS = lists(("T1-RT", [("permit", ["RT:65000:100302"])]), ("T2-RT", [("permit", ["RT:65000:100303"])]))


def test_export_map_leak_conditions():
    passes(EXPORT_LEAK, rmap(EXPORT_T1_ENTRY, EXPORT_T2_ENTRY), extra=(COMMUNITY_LISTS,))
    # an earlier sequence sets t2's route target on t1's routes: t1's routes land in t2's VRF
    foreign = ("K8-Export-Others", 5, "permit", {"community": ["T1-BGP-Community"]}, {"extcommunity rt": ["65000:100303"]})
    [leak] = fails_with(EXPORT_LEAK, rmap(foreign, EXPORT_T1_ENTRY, EXPORT_T2_ENTRY), "config-leak", extra=(COMMUNITY_LISTS,))
    assert (leak.vrf, leak.tenant) == ("T2", "t1")  # where the routes land, whose routes they are
    # the same sequence after t1's own one never decides t1's routes
    passes(EXPORT_LEAK, rmap(EXPORT_T1_ENTRY, foreign[:1] + (15,) + foreign[2:], EXPORT_T2_ENTRY), extra=(COMMUNITY_LISTS,))
    # an earlier deny of t1's community: t1's own sequence never applies
    shadow = ("K8-Export-Others", 5, "deny", {"community": ["T1-BGP-Community"]}, {})
    [hidden] = fails_with(EXPORT_LEAK, rmap(shadow, EXPORT_T1_ENTRY, EXPORT_T2_ENTRY), "config-shadow", extra=(COMMUNITY_LISTS,))
    assert hidden.tenant == "t1"


def test_import_map_leak_conditions():
    t1 = ("CommunityImport", 10, "permit", {"extcommunity": ["T1-RT"]}, {"community": ["64512:301"]})
    t2 = ("CommunityImport", 20, "permit", {"extcommunity": ["T2-RT"]}, {"community": ["64512:302"]})
    passes(IMPORT_LEAK, rmap(t1, t2), extra=(RT_LISTS,))
    # an earlier sequence tags t2's routes (by their RT) with t1's community
    foreign = ("CommunityImport", 5, "permit", {"extcommunity": ["T2-RT"]}, {"community": ["64512:301"]})
    [leak] = fails_with(IMPORT_LEAK, rmap(foreign, t1, t2), "config-leak", extra=(RT_LISTS,))
    assert leak.tenant == "t2"


EXPORT_LEAK_A = "LeafA/Transit/route-map-leak/K8-Export-Others"  # LeafA steers t1 only: t2 and t3 are unsteered there
ALL_COMMUNITY_LISTS = lists(("T1-BGP-Community", [("permit", ["64512:301"])]), ("T2-BGP-Community", [("permit", ["64512:302"])]),
                            ("T3-BGP-Community", [("permit", ["64512:303"])]))
T3_ENTRY = ("K8-Export-Others", 30, "permit", {"community": ["T3-BGP-Community"]}, {"extcommunity rt": ["65000:999"]})


def leak_outcome(aid, parsed, extra):
    """(status, seen, findings) of a route-map-leak check, the seen text as the report prints it."""
    return verify.MULTI_CHECKS["route-map-leak"](assertion(aid), parsed, extra)


def test_export_map_sequence_tagging_an_unsteered_tenant_leaks_it_out_of_the_transit_vrf():
    """t3 is steered on no leaf: a permit that sets any route target on its routes takes them out of the transit VRF."""
    passes(EXPORT_LEAK, rmap(EXPORT_T1_ENTRY, EXPORT_T2_ENTRY), extra=(ALL_COMMUNITY_LISTS,))
    [leak] = fails_with(EXPORT_LEAK, rmap(EXPORT_T1_ENTRY, EXPORT_T2_ENTRY, T3_ENTRY), "config-leak", extra=(ALL_COMMUNITY_LISTS,))
    assert (leak.tenant, leak.expected, leak.seen) == (
        "t3", "t3's routes stay in the transit VRF", "K8-Export-Others permit 30 sets extcommunity rt 65000:999")
    assert leak.message == ("route-map K8-Export-Others sequence 30 sets extcommunity rt 65000:999 on t3's routes: "
                            "they reach any VRF importing it")
    two = T3_ENTRY[:4] + ({"extcommunity rt": ["65000:998", "65000:999"]},)
    [leak] = fails_with(EXPORT_LEAK, rmap(EXPORT_T1_ENTRY, EXPORT_T2_ENTRY, two), "config-leak", extra=(ALL_COMMUNITY_LISTS,))
    assert leak.seen == "K8-Export-Others permit 30 sets extcommunity rt 65000:998 65000:999"
    # twins, one fact each: a deny, a permit that sets nothing, a permit that sets t3's own route target
    for twin in (T3_ENTRY[:2] + ("deny",) + T3_ENTRY[3:], T3_ENTRY[:4] + ({},),
                 T3_ENTRY[:4] + ({"extcommunity rt": ["65000:100304"]},)):
        passes(EXPORT_LEAK, rmap(EXPORT_T1_ENTRY, EXPORT_T2_ENTRY, twin), extra=(ALL_COMMUNITY_LISTS,))
    t3_denied = rmap(EXPORT_T1_ENTRY, EXPORT_T2_ENTRY, T3_ENTRY[:2] + ("deny",) + T3_ENTRY[3:])
    status, seen, _findings = leak_outcome(EXPORT_LEAK, t3_denied, ALL_COMMUNITY_LISTS)
    assert (status, seen) == ("pass", "t1 by 10, t2 by 20, t3 by 30")  # the deny decides t3's routes: shown as such


def test_every_unsteered_tenant_is_checked_not_only_the_first():
    """On LeafA t2 and t3 are both unsteered: a leak of each is its own finding, in tenant order."""
    t2_and_t3 = ("K8-Export-Others", 30, "permit", {"community": ["T2-BGP-Community", "T3-BGP-Community"]},
                 {"extcommunity rt": ["65000:999"]})
    found = fails_with(EXPORT_LEAK_A, rmap(EXPORT_T1_ENTRY, t2_and_t3), "config-leak", count=2, extra=(ALL_COMMUNITY_LISTS,))
    assert [f.tenant for f in found] == ["t2", "t3"]
    status, seen, _findings = leak_outcome(EXPORT_LEAK_A, rmap(EXPORT_T1_ENTRY, t2_and_t3), ALL_COMMUNITY_LISTS)
    assert (status, seen) == ("fail", "; ".join(f.seen for f in found))
    # a foreign route target on both: t2's routes land in T1, t3's too; each named with "no sequence" of its own
    foreign = t2_and_t3[:4] + ({"extcommunity rt": ["65000:100302"]},)
    found = fails_with(EXPORT_LEAK_A, rmap(EXPORT_T1_ENTRY, foreign), "config-leak", count=2, extra=(ALL_COMMUNITY_LISTS,))
    assert [(f.tenant, f.vrf, f.expected) for f in found] == [
        ("t2", "T1", "t2's routes decided by no sequence"), ("t3", "T1", "t3's routes decided by no sequence")]


def test_a_foreign_tag_on_two_tenants_is_two_findings():
    both = ("K8-Export-Others", 5, "permit", {"community": ["T1-BGP-Community", "T2-BGP-Community"]},
            {"extcommunity rt": ["65000:100304"]})
    found = fails_with(EXPORT_LEAK, rmap(both, EXPORT_T1_ENTRY, EXPORT_T2_ENTRY), "config-leak", count=2,
                       extra=(ALL_COMMUNITY_LISTS,))
    assert [(f.tenant, f.vrf) for f in found] == [("t1", "T3"), ("t2", "T3")]


def test_the_lowest_sequence_decides_whatever_order_the_capture_lists_them_in():
    foreign = ("K8-Export-Others", 5, "permit", {"community": ["T1-BGP-Community"]}, {"extcommunity rt": ["65000:100303"]})
    fails_with(EXPORT_LEAK, rmap(EXPORT_T1_ENTRY, foreign, EXPORT_T2_ENTRY), "config-leak", extra=(COMMUNITY_LISTS,))
    # the same for a community list: its deny at 10 decides before its permit at 20, listed first
    deny_first = {"lists": [{"name": "T1-BGP-Community", "entries": [
        {"sequence": 20, "action": "permit", "values": ["64512:301"]},
        {"sequence": 10, "action": "deny", "values": ["64512:301"]}]}]}
    passes(EXPORT_LEAK, rmap(foreign, EXPORT_T1_ENTRY, EXPORT_T2_ENTRY), extra=(deny_first,))
    permit_first = {"lists": [dict(deny_first["lists"][0], entries=[
        {"sequence": 10, "action": "permit", "values": ["64512:301"]},
        {"sequence": 20, "action": "deny", "values": ["64512:301"]}])]}
    fails_with(EXPORT_LEAK, rmap(foreign, EXPORT_T1_ENTRY, EXPORT_T2_ENTRY), "config-leak", extra=(permit_first,))


def test_an_earlier_sequence_doing_what_the_tenants_own_does_is_no_shadow():
    same = ("K8-Export-Others", 5, "permit", {"community": ["T1-BGP-Community"]},
            {"extcommunity rt": ["65000:100302", "additive"]})
    passes(EXPORT_LEAK, rmap(same, EXPORT_T1_ENTRY, EXPORT_T2_ENTRY), extra=(COMMUNITY_LISTS,))
    more = same[:4] + ({"extcommunity rt": ["65000:100302", "65000:999"]},)
    [shadow] = fails_with(EXPORT_LEAK, rmap(more, EXPORT_T1_ENTRY, EXPORT_T2_ENTRY), "config-shadow", extra=(COMMUNITY_LISTS,))
    assert shadow.seen == "sequence 5 (permit, set extcommunity rt 65000:100302 65000:999) first"


def test_a_shadow_needs_the_tenants_own_sequence():
    """Without t1's sequence 10 the route-map check reports the drift; an earlier deny is no shadow of nothing."""
    deny = ("K8-Export-Others", 5, "deny", {"community": ["T1-BGP-Community"]}, {})
    passes(EXPORT_LEAK, rmap(deny, EXPORT_T2_ENTRY), extra=(COMMUNITY_LISTS,))
    fails_with(EXPORT_LEAK, rmap(deny, EXPORT_T1_ENTRY, EXPORT_T2_ENTRY), "config-shadow", extra=(COMMUNITY_LISTS,))


def test_the_import_maps_closing_deny_is_no_shadow():
    """The closing deny (naming.import_deny_seq) catching a route target is intent's own sequence, not a shadow."""
    t1 = ("CommunityImport", 10, "permit", {"extcommunity": ["T1-RT"]}, {"community": ["64512:301"]})
    t2_wrong = ("CommunityImport", 20, "permit", {"extcommunity": ["T1-RT"]}, {"community": ["64512:302"]})
    closing = ("CommunityImport", 65535, "deny", {"extcommunity": ["T2-RT"]}, {})
    passes(IMPORT_LEAK, rmap(t1, t2_wrong, closing), extra=(RT_LISTS,))
    other_deny = closing[:1] + (30,) + closing[2:]  # the same deny at another sequence hides t2's routes
    fails_with(IMPORT_LEAK, rmap(t1, t2_wrong, other_deny), "config-shadow", extra=(RT_LISTS,))


# ---------------------------------------------------------------- SRv6

BLUE_RX = "PE1/blue/received-sid/10.23.0.0/24"


def rx(sid, nh="2016:23::1", rd="10:10", vrf="blue", prefix="10.23.0.0/24"):
    return {"routes": [{"rd": rd, "vrf": vrf, "prefix": prefix, "next_hop": nh, "sid": sid, "valid": True}]}


def test_received_sid_conditions():
    passes(BLUE_RX, rx("cafe:cafe:2be:8b71::"))
    passes(BLUE_RX, rx("cafe:cafe:2bf:8b71::", nh="2016:23::2"))
    fails_with(BLUE_RX, rx(None), "sid-missing")
    fails_with(BLUE_RX, {"routes": []}, "sid-missing")
    fails_with(BLUE_RX, rx("cafe:cafe:2be:8b71::", rd="10:11", vrf="red"), "sid-missing")  # another RD's route
    fails_with(BLUE_RX, rx("cafe:cafe:2be:8b71::", prefix="10.24.0.0/24"), "sid-missing")
    # a SID inside another node's locator is not this node's SID
    fails_with(BLUE_RX, rx("cafe:cafe:2bf:8b71::", nh="2016:23::1"), "sid-outside-locator")
    fails_with(BLUE_RX, rx("cafe:cafe:100:8b71::"), "sid-outside-locator")  # the PE's own locator
    fails_with(BLUE_RX, rx("not-a-sid"), "sid-outside-locator")


def test_local_sid_conditions():
    aid = "PE2/blue/local-sid/172.19.19.20/32"

    def local(sid, prefix="172.19.19.20/32", rd="10:10"):
        return {"routes": [{"rd": rd, "vrf": "blue", "prefix": prefix, "sid": sid, "alloc_mode": "per-vrf",
                            "locator": "PE2", "valid": True}]}

    passes(aid, local("cafe:cafe:101:e000::"))
    fails_with(aid, local("cafe:cafe:100:e000::"), "sid-outside-locator")  # PE1's locator
    fails_with(aid, local(None), "local-sid-missing")
    fails_with(aid, local("cafe:cafe:101:e000::", prefix="172.19.19.19/32"), "local-sid-missing")
    fails_with(aid, local("cafe:cafe:101:e000::", rd="10:11"), "local-sid-missing")


def rib(*rows):
    """(prefix, protocol, srv6 behavior or None)"""
    return {"routes": [{"prefix": p, "protocol": proto, "code": proto, "srv6": {"behavior": b} if b else None,
                        "paths": [{"next_hop": "2016:23::9"}]} for p, proto, b in rows]}


def test_locator_learned_conditions():
    aid = "PE1/-/locator-learned/m2/cafe:cafe:2bf::/48"
    passes(aid, rib(("cafe:cafe:2bf::/48", "B", None)))
    fails_with(aid, rib(("cafe:cafe:2bf::/48", "S", None)), "locator-not-learned")  # a static route
    fails_with(aid, rib(("cafe:cafe:2be::/48", "B", None)), "locator-not-learned")  # the other node's
    fails_with(aid, rib(("cafe:cafe:2bf::/64", "B", None)), "locator-not-learned")
    passes("PE1/-/locator-learned/m1/cafe:cafe:2be::/48", rib(("cafe:cafe:2be::/48", "B", None)))


def test_pe_locator_conditions():
    aid = "PE2/-/pe-locator/PE2/cafe:cafe:101::/48"
    passes(aid, rib(("cafe:cafe:101::/48", "L", "uN (shift)")))
    fails_with(aid, rib(("cafe:cafe:101::/48", "L", None)), "pe-locator-missing")  # not an SRv6 endpoint
    fails_with(aid, rib(("cafe:cafe:100::/48", "L", "uN (shift)")), "pe-locator-missing")  # PE1's locator
    fails_with(aid, rib(), "pe-locator-missing")


def sidmanager(**nodes):
    return {"nodes": [{"node": n, "locators": [{"prefix": p} for p in ps]} for n, ps in sorted(nodes.items())]}


def test_node_locator_conditions():
    aid = "iso/-/node-locator/m2/cafe:cafe:2bf::/48"
    passes(aid, sidmanager(m1=["cafe:cafe:2be::/48"], m2=["cafe:cafe:2bf::/48"]))
    fails_with(aid, sidmanager(m1=["cafe:cafe:2bf::/48"], m2=["cafe:cafe:2be::/48"]), "node-locator-wrong")
    fails_with(aid, sidmanager(m1=["cafe:cafe:2bf::/48"]), "node-locator-wrong")
    # the grep form names no node: with two nodes it proves nothing about m2
    fails_with(aid, {"nodes": [], "prefixes": ["cafe:cafe:2bf::/48"]}, "node-locator-wrong")


def test_node_locator_grep_form_proves_a_single_node_cluster():
    data = wide()
    data["clusters"][1]["nodes"].pop()
    exp = build(data)
    aid = "iso/-/node-locator/m1/cafe:cafe:2be::/48"
    passes(aid, {"nodes": [], "prefixes": ["cafe:cafe:2be::/48"]}, exp=exp)
    fails_with(aid, {"nodes": [], "prefixes": ["cafe:cafe:2bf::/48"]}, "node-locator-wrong", exp=exp)


# ---------------------------------------------------------------- cilium advertisements

def adv(*rows):
    """(node, peer, prefix, communities)"""
    return {"routes": [{"node": n, "peer": p, "prefix": x, "attributes": {"communities": c}} for n, p, x, c in rows]}


def test_cilium_route_of_another_node_does_not_count():
    aid = "oss/-/cilium-route/n2/30.0.10.1/32"
    fails_with(aid, adv(("n1", None, "30.0.10.1/32", [])), "cilium-not-advertising")
    fails_with(aid, adv(("n2", None, "30.0.10.2/32", [])), "cilium-not-advertising")
    passes(aid, adv(("n2", None, "30.0.10.1/32", [])))


def test_finding_and_result_text_name_the_facts():
    """The report: what a user reads (hand-written expectations, one per check kind that builds text)."""
    (f,) = fails_with("oss/-/cilium-community/n2/30.0.10.1/32",
                      adv(("n2", "192.168.1.2", "30.0.10.1/32", []), ("n2", None, "30.0.10.1/32", ["64512:1"])),
                      "cilium-community-missing")
    assert (f.expected, f.seen) == ("64512:302", "192.168.1.2: none; -: 64512:1")
    assert f.message == "n2 advertises 30.0.10.1/32 without community 64512:302"
    (f,) = fails_with("LeafB/T2/isolation/t1", routes("20.0.10.9/32"), "prefix-leak")
    assert (f.expected, f.seen, f.prefix) == ("no route of t1", "20.0.10.9/32 present", "20.0.10.9/32")
    assert f.message == "20.0.10.9/32 of t1 leaked into VRF T2 of t2"
    (f,) = fails_with("PE1/default/underlay/red", routes("10.24.0.0/24"), "underlay-leak")
    assert f.message == "10.24.0.0/24 of red leaked into the global table"
    (f,) = fails_with(T2_B, path(["64512:302"], ["65000:100302"]), "rt-wrong")
    assert (f.expected, f.seen) == ("65000:100303", "65000:100302")
    (f,) = fails_with("LeafB/-/list-entry/T2-BGP-Community",
                      lists(("T2-BGP-Community", [("permit", ["64512:302", "64512:301"])])), "community-wrong")
    assert (f.expected, f.seen) == ("64512:302", "64512:301 64512:302")
    a = assertion(BLUE_RX)
    status, seen, found = verify.CHECKS[a.check](a, rx("cafe:cafe:2be:8b71::"))
    assert seen == "SID cafe:cafe:2be:8b71:: via 2016:23::1"
    result = verify.Result(a, status, seen, tuple(found)).to_dict()
    assert result == {"id": BLUE_RX, "check": "received-sid", "device": "PE1", "tenant": "blue", "vrf": "blue",
                      "rd": "10:10", "prefix": "10.23.0.0/24", "must": a.text,
                      "command": "show bgp vpnv4 unicast received-sids", "status": "pass",
                      "seen": "SID cafe:cafe:2be:8b71:: via 2016:23::1", "findings": []}
    (f,) = fails_with(BLUE_RX, rx(None), "sid-missing")
    assert f.to_dict()["id"] == "sid-missing" and f.to_dict()["rd"] == "10:10"


def test_cilium_community_conditions():
    aid = "oss/-/cilium-community/n2/30.0.10.1/32"
    passes(aid, adv(("n1", "192.168.1.1", "30.0.10.1/32", []), ("n2", "192.168.1.1", "30.0.10.1/32", ["64512:302"])))
    fails_with(aid, adv(("n2", "192.168.1.1", "30.0.10.1/32", ["64512:301"])), "cilium-community-missing")
    # one of the node's two peers gets the route without the community
    fails_with(aid, adv(("n2", "192.168.1.1", "30.0.10.1/32", ["64512:302"]), ("n2", "192.168.1.2", "30.0.10.1/32", [])),
               "cilium-community-missing")
    fails_with(aid, adv(("n1", "192.168.1.1", "30.0.10.1/32", ["64512:302"])), "cilium-not-advertising")


# ---------------------------------------------------------------- the driver: captures

def test_missing_and_unparseable_captures():
    broken = next(c for c in EXP.captures if c.device == "PE2" and c.kind == "iosxr.bgp_vpnv4_unicast_summary")
    ver = verify.verify(EXP, lambda cap: "this is not a summary row\n" if cap == broken else None)
    ids = {(f.id, f.device, f.severity) for f in ver.findings if (f.device, f.command) == (broken.device, broken.command)}
    assert ids == {("parse-error", "PE2", "error")}
    fails = [f for f in ver.findings if f.id != "not-captured"]
    assert [f.id for f in fails] == ["parse-error"]
    assert all(r.status == "unproven" for r in ver.results)
    assert {r.seen for r in ver.results if r.assertion.capture == broken} == {"capture not parseable"}
    assert not ver.passed
    offline = verify.verify(EXP, lambda cap: None)
    assert {f.id for f in offline.findings} == {"not-captured"} and not offline.errors
    assert len(offline.findings) == len(EXP.captures)
    live = verify.verify(EXP, lambda cap: None, live=True)
    assert {(f.id, f.severity) for f in live.findings} == {("not-captured", "error")} and not live.passed


# ---------------------------------------------------------------- every finding id has a failing case

def _asserted_ids():
    """Finding ids named as a literal argument of fails_with(...) / Case(...) in this directory's tests."""
    found = set()
    for name in sorted(os.listdir(HERE)):
        if not (name.startswith("test_") and name.endswith(".py")):
            continue
        with open(os.path.join(HERE, name)) as fh:
            tree = ast.parse(fh.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("fails_with", "Case"):
                for arg in list(node.args) + [k.value for k in node.keywords]:
                    if isinstance(arg, ast.Constant) and arg.value in verify.FINDINGS:
                        found.add(arg.value)
    return found


def test_every_finding_id_has_a_failing_case():
    # the driver's own findings (a capture, not a check) are asserted by the driver tests
    missing = sorted(set(verify.FINDINGS) - _asserted_ids() - {"parse-error", "not-captured", "capture-empty"})
    assert missing == []


def test_the_wide_fixture_is_not_trivially_passed():
    # copy/paste guard: an empty or mistyped capture must fail the wide intent somewhere
    exp = build(copy.deepcopy(wide()))
    assert len({a.device for a in exp.assertions}) == 6
    assert {a.check for a in exp.assertions} == set(verify.CHECKS) | set(verify.MULTI_CHECKS)


def test_ci_runs_hypothesis_derandomized():
    import subprocess
    import sys
    script = ("import sys; sys.path.insert(0, %r); import conftest; from hypothesis import settings; "
              "print(settings.default.derandomize, settings.default.database)" % os.path.dirname(HERE))
    for ci, expected in (("true", "True None"), (None, "False")):
        env = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_PROFILE")}
        if ci:
            env["CI"] = ci
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
        assert out.startswith(expected), out


def test_capture_commands_and_snapshot_names():
    a = assertion("LeafB/Transit/community/30.0.10.1/32")
    assert a.capture.to_dict() == {
        "device": "LeafB", "platform": "nxos", "kind": "nxos.bgp_evpn_prefix", "parser": "nxos.bgp_evpn_prefix",
        "command": "show bgp l2vpn evpn 30.0.10.1 vrf Transit",  # a host route is looked up by its address
        "file": "show_bgp_l2vpn_evpn_30.0.10.1_vrf_Transit.txt",
        "json_command": "show bgp l2vpn evpn 30.0.10.1 vrf Transit | json"}  # asked first live (NX-API JSON form)
    assert assertion(TRANSIT_CFG).capture.json_command == ""  # running-config sections: text only
    data = wide()
    data["tenants"][0]["expected_prefixes"] = ["20.0.10.0/28"]
    exp = build(data)
    assert assertion("LeafA/Transit/community/20.0.10.0/28", exp).capture.command == \
        "show bgp l2vpn evpn 20.0.10.0/28 vrf Transit"
    assert assertion("PE2/blue/local-sid/172.19.19.20/32").capture.to_dict()["parser"] == "iosxr.bgp_vpnv4_local_sids"
    assert assertion(TRANSIT_CFG).capture.parser == "nxos.running_config"
