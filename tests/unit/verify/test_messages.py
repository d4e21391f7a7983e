# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a person reads in the verification report, per check: the result's ``seen`` and each finding's
expected / seen / message, written by hand from the wide inventory of test_conditions.py.

test_conditions.py proves which finding a fact raises; this file proves the report says which VRF,
route-map, list, prefix, node and value it is about, so an operator can act on it without the capture.
"""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import verify

from test_conditions import (BLUE_RX, EXPORT_T1_ENTRY, EXPORT_T2, EXPORT_T2_ENTRY, IMPORT_T2, NX_N2, OSS_N2, T2_A, T2_B,
                             TRANSIT_CFG, UNI, adv, build, lists, nx_summary, path, peers, rib, rmap, routes, rx,
                             sidmanager, vrf_cfg, wide, xr_summary, COMMUNITY_LISTS, EXPORT_LEAK, IMPORT_LEAK, RT_LISTS)


@pytest.fixture(name="exp")
def _exp():
    return build(wide())


def run(exp, aid, parsed, *extra):
    """(status, seen, [(id, expected, seen, message)]) of one assertion."""
    (a,) = [x for x in exp.assertions if x.id == aid]
    if a.check in verify.MULTI_CHECKS:
        status, seen, found = verify.MULTI_CHECKS[a.check](a, parsed, *extra)
    else:
        status, seen, found = verify.CHECKS[a.check](a, parsed)
    return status, seen, [(f.id, f.expected, f.seen, f.message) for f in found]


def must(exp, aid):
    (a,) = [x for x in exp.assertions if x.id == aid]
    return a.text


# ---------------------------------------------------------------- sessions

NX_EXPECT = "192.168.16.36 Established with ipv4/unicast, received >= 3"


def test_session_text_nxos(exp):
    assert run(exp, NX_N2, nx_summary()) == ("pass", "Established, received 3", [])
    assert run(exp, NX_N2, nx_summary(state="Idle")) == ("fail", "state Idle", [
        ("session-down", NX_EXPECT, "state Idle", "ipv4/unicast session to 192.168.16.36 is Idle")])
    assert run(exp, NX_N2, nx_summary(neighbor="192.168.16.35")) == ("fail", "neighbor not listed", [
        ("session-family-missing", NX_EXPECT, "neighbor 192.168.16.36 not in the ipv4/unicast summary",
         "no ipv4/unicast session to 192.168.16.36 (n2)")])
    assert run(exp, NX_N2, nx_summary(received=2)) == ("fail", "Established, received 2", [
        ("prefix-count-low", NX_EXPECT, "Established, received 2",
         "ipv4/unicast session to 192.168.16.36: received 2 prefixes, intent expects >= 3")])


def test_session_text_cilium(exp):
    want = "192.168.1.2 Established with ipv4/unicast, advertised >= 3"
    assert run(exp, OSS_N2, peers(("n2", "192.168.1.2", "established", UNI))) == ("pass", "Established, advertised 3", [])
    assert run(exp, OSS_N2, peers(("n2", "192.168.1.1", "established", UNI))) == ("fail", "no peer 192.168.1.2 on node n2", [
        ("session-down", want, "peer not listed", "n2 has no BGP peer 192.168.1.2")])
    assert run(exp, OSS_N2, peers(("n2", "192.168.1.2", "active", UNI))) == ("fail", "state active", [
        ("session-down", want, "state active", "n2: session to 192.168.1.2 is active")])
    fams = {"ipv6/unicast": (0, 3), "l2vpn/evpn": (0, 1)}
    assert run(exp, OSS_N2, peers(("n2", "192.168.1.2", "established", fams))) == (
        "fail", "families ipv6/unicast, l2vpn/evpn", [
            ("session-family-missing", want, "families ipv6/unicast, l2vpn/evpn", "n2: session to 192.168.1.2 lacks ipv4/unicast")])
    assert run(exp, OSS_N2, peers(("n2", "192.168.1.2", "established", {})))[1] == "families none"
    assert run(exp, OSS_N2, peers(("n2", "192.168.1.2", "established", {"ipv4/unicast": (9, 2)})))[2] == [
        ("prefix-count-low", want, "Established, advertised 2",
         "ipv4/unicast session to 192.168.1.2: advertised 2 prefixes, intent expects >= 3")]


def test_session_text_iosxr(exp):
    aid = "PE1/-/session/2016:23::2/ipv4/mpls_vpn/m2"
    assert run(exp, aid, xr_summary(("2016:23::2", "Active", 0)))[2] == [
        ("session-down", "2016:23::2 Established with ipv4/mpls_vpn, received >= 2", "state Active",
         "ipv4/mpls_vpn session to 2016:23::2 is Active")]


# ---------------------------------------------------------------- routes

def test_prefix_missing_text(exp):
    assert run(exp, "LeafB/T2/prefix-present/10.72.1.0/24", routes("10.72.1.0/25")) == ("fail", "absent", [
        ("prefix-missing", "present in T2", "absent", "10.72.1.0/24 of t2 is missing from VRF T2")])
    assert run(exp, "PE1/red/prefix-present/10.24.0.0/24", routes()) == ("fail", "absent", [
        ("prefix-missing", "present in red (RD 10:11)", "absent", "10.24.0.0/24 of red is missing from VRF red (RD 10:11)")])
    assert run(exp, "LeafB/T2/prefix-present/10.72.1.0/24", routes("10.72.1.0/24")) == ("pass", "present", [])


def test_isolation_text(exp):
    assert run(exp, "LeafB/T2/isolation/t1", routes("30.0.10.1/32")) == ("pass", "none", [])
    status, seen, found = run(exp, "LeafB/T2/isolation/t1", routes("20.0.10.9/32", "10.71.1.0/25", "30.0.10.1/32"))
    assert (status, seen) == ("fail", "10.71.1.0/25, 20.0.10.9/32")
    assert [m for _i, _e, _s, m in found] == ["10.71.1.0/25 of t1 leaked into VRF T2 of t2",
                                              "20.0.10.9/32 of t1 leaked into VRF T2 of t2"]
    # the transit VRF belongs to no tenant
    assert run(exp, "LeafA/Transit/isolation/red", routes("10.24.0.0/24"))[2] == [
        ("prefix-leak", "no route of red", "10.24.0.0/24 present", "10.24.0.0/24 of red leaked into VRF Transit of the transit")]


def test_community_text(exp):
    assert run(exp, T2_B, path(["64512:302"], ["65000:100303"])) == (
        "pass", "communities 64512:302; route targets 65000:100303", [])
    assert run(exp, T2_B, path(["64512:302"])) == (
        "pass", "communities 64512:302; route targets not in capture (proven by the route-map and extcommunity-list)", [])
    assert run(exp, T2_B, path()) == (
        "fail", "communities none; route targets not in capture (proven by the route-map and extcommunity-list)", [
            ("community-missing", "64512:302", "none", "30.0.10.1/32 arrives without community 64512:302")])
    assert run(exp, T2_B, path(["64512:302", "64512:301"]))[2] == [
        ("community-wrong", "64512:302", "64512:301 64512:302", "30.0.10.1/32 carries 64512:301 64512:302, intent is 64512:302")]
    assert run(exp, T2_B, path(["64512:302"], []))[1:] == ("communities 64512:302; route targets none", [
        ("rt-wrong", "65000:100303", "none", "30.0.10.1/32 carries route targets none, intent is 65000:100303")])
    # not steered on LeafA: no RT of its own expected, another tenant's is wrong
    assert run(exp, T2_A, path(["64512:302"], ["65000:100302"]))[2] == [
        ("rt-wrong", "no other tenant's RT", "65000:100302", "30.0.10.1/32 carries route targets 65000:100302, intent is None")]


# ---------------------------------------------------------------- leaf configuration

def test_vrf_config_text(exp):
    text = must(exp, TRANSIT_CFG)
    assert run(exp, TRANSIT_CFG, vrf_cfg()) == ("pass", "vni 100301, export map K8-Export-Others, import map CommunityImport", [])
    assert run(exp, TRANSIT_CFG, vrf_cfg(name="Other")) == ("fail", "no vrf context Transit", [
        ("config-drift", text, "absent", "vrf context Transit is missing")])
    assert run(exp, TRANSIT_CFG, vrf_cfg(vni=7)) == (
        "fail", "vni 7, export map K8-Export-Others, import map CommunityImport", [
            ("config-drift", text, "vni 7 (intent 100301)", "vrf context Transit differs: vni 7 (intent 100301)")])
    diff = "export map None (intent K8-Export-Others); import map X (intent CommunityImport)"
    assert run(exp, TRANSIT_CFG, vrf_cfg(export=None, imp="X")) == ("fail", "vni 100301, import map X", [
        ("config-drift", text, diff, "vrf context Transit differs: " + diff)])


def test_vrf_config_text_advertise_vpn(exp):
    aid = "LeafB/T2/vrf-config/T2"
    assert run(exp, aid, vrf_cfg("T2", 100303, None, None, advertise=True)) == ("pass", "vni 100303, import vrf advertise-vpn", [])
    assert run(exp, aid, vrf_cfg("T2", 100303, None, None)) == ("fail", "vni 100303, no import vrf advertise-vpn", [
        ("config-drift", must(exp, aid), "import vrf advertise-vpn missing",
         "vrf context T2 differs: import vrf advertise-vpn missing")])


def test_route_map_text(exp):
    text = must(exp, EXPORT_T2)
    assert run(exp, EXPORT_T2, rmap(EXPORT_T2_ENTRY)) == (
        "pass", "match community T2-BGP-Community, set extcommunity rt 65000:100303", [])
    assert run(exp, EXPORT_T2, rmap(EXPORT_T1_ENTRY)) == ("fail", "absent", [
        ("config-drift", text, "absent", "route-map K8-Export-Others permit 20 is missing")])
    assert run(exp, EXPORT_T2, rmap(EXPORT_T2_ENTRY[:2] + ("deny",) + EXPORT_T2_ENTRY[3:])) == ("fail", "deny", [
        ("config-drift", text, "deny", "route-map K8-Export-Others permit 20 is missing")])
    assert run(exp, EXPORT_T2, rmap(EXPORT_T2_ENTRY[:3] + ({}, {}))) == (
        "fail", "match community -, set extcommunity rt -", [
            ("config-drift", "match community T2-BGP-Community", "none",
             "route-map K8-Export-Others 20 matches community nothing, intent T2-BGP-Community"),
            ("rt-wrong", "set extcommunity rt 65000:100303", "none",
             "route-map K8-Export-Others 20 sets extcommunity rt nothing, intent 65000:100303")])
    wrong = EXPORT_T2_ENTRY[:3] + ({"community": ["A", "B"]}, {"extcommunity rt": ["65000:1", "additive"]})
    assert run(exp, EXPORT_T2, rmap(wrong))[2] == [
        ("config-drift", "match community T2-BGP-Community", "A B",
         "route-map K8-Export-Others 20 matches community A B, intent T2-BGP-Community"),
        ("rt-wrong", "set extcommunity rt 65000:100303", "65000:1",
         "route-map K8-Export-Others 20 sets extcommunity rt 65000:1, intent 65000:100303")]
    good = ("CommunityImport", 20, "permit", {"extcommunity": ["T2-RT"]}, {"community": ["64512:301"]})
    assert run(exp, IMPORT_T2, rmap(good))[2] == [
        ("community-wrong", "set community 64512:302", "64512:301",
         "route-map CommunityImport 20 sets community 64512:301, intent 64512:302")]


def test_list_entry_text(exp):
    aid = "LeafB/-/list-entry/T2-BGP-Community"
    assert run(exp, aid, lists(("T2-BGP-Community", [("permit", ["64512:302"])]))) == ("pass", "permits 64512:302", [])
    assert run(exp, aid, lists()) == ("fail", "absent", [("config-drift", must(exp, aid), "absent", "list T2-BGP-Community is missing")])
    assert run(exp, aid, lists(("T2-BGP-Community", [("deny", ["64512:302"])]))) == ("fail", "permits nothing", [
        ("community-wrong", "64512:302", "none", "list T2-BGP-Community permits nothing, intent 64512:302")])
    assert run(exp, aid, lists(("T2-BGP-Community", [("permit", ["64512:302", "64512:301"])])))[2] == [
        ("community-wrong", "64512:302", "64512:301 64512:302", "list T2-BGP-Community permits 64512:301 64512:302, intent 64512:302")]


def test_route_map_leak_text(exp):
    assert run(exp, EXPORT_LEAK, rmap(EXPORT_T1_ENTRY, EXPORT_T2_ENTRY), COMMUNITY_LISTS) == ("pass", "t1 by 10, t2 by 20", [])
    assert run(exp, EXPORT_LEAK, rmap(), COMMUNITY_LISTS) == ("pass", "no sequence matches a tenant", [])
    foreign = ("K8-Export-Others", 5, "permit", {"community": ["T1-BGP-Community"]}, {"extcommunity rt": ["65000:100303"]})
    seen = "K8-Export-Others permit 5 sets extcommunity rt 65000:100303"
    assert run(exp, EXPORT_LEAK, rmap(foreign, EXPORT_T1_ENTRY, EXPORT_T2_ENTRY), COMMUNITY_LISTS) == ("fail", seen, [
        ("config-leak", "t1's routes decided by sequence 10", seen,
         "route-map K8-Export-Others sequence 5 (permit) sets extcommunity rt 65000:100303 of t2 on t1's routes: they reach VRF T2")])
    shadow = ("K8-Export-Others", 5, "deny", {"community": ["T1-BGP-Community"]}, {})
    assert run(exp, EXPORT_LEAK, rmap(shadow, EXPORT_T1_ENTRY, EXPORT_T2_ENTRY), COMMUNITY_LISTS)[2] == [
        ("config-shadow", "sequence 10 decides t1's routes", "sequence 5 (deny) first",
         "route-map K8-Export-Others sequence 5 (deny) matches 64512:301 of t1 before its own sequence 10")]
    other_set = ("K8-Export-Others", 5, "permit", {"community": ["T1-BGP-Community"]}, {"extcommunity rt": ["65000:9"]})
    assert run(exp, EXPORT_LEAK, rmap(other_set, EXPORT_T1_ENTRY, EXPORT_T2_ENTRY), COMMUNITY_LISTS)[2] == [
        ("config-shadow", "sequence 10 decides t1's routes", "sequence 5 (permit, set extcommunity rt 65000:9) first",
         "route-map K8-Export-Others sequence 5 (permit) matches 64512:301 of t1 before its own sequence 10")]


def test_import_map_leak_text(exp):
    t1 = ("CommunityImport", 10, "permit", {"extcommunity": ["T1-RT"]}, {"community": ["64512:301"]})
    t2 = ("CommunityImport", 20, "permit", {"extcommunity": ["T2-RT"]}, {"community": ["64512:302"]})
    foreign = ("CommunityImport", 5, "permit", {"extcommunity": ["T2-RT"]}, {"community": ["64512:301"]})
    assert run(exp, IMPORT_LEAK, rmap(foreign, t1, t2), RT_LISTS)[2] == [
        ("config-leak", "t2's routes decided by sequence 20", "CommunityImport permit 5 sets community 64512:301",
         "route-map CommunityImport sequence 5 (permit) sets community 64512:301 of t1 on t2's routes: "
         "they reach VRF Transit (tagged as t1)")]


# ---------------------------------------------------------------- SRv6

def test_received_sid_text(exp):
    assert run(exp, BLUE_RX, rx("cafe:cafe:2bf:1::", nh="2016:23::2"))[:2] == ("pass", "SID cafe:cafe:2bf:1:: via 2016:23::2")
    assert run(exp, BLUE_RX, {"routes": []}) == ("fail", "route not received", [
        ("sid-missing", "SID inside cafe:cafe:2be::/48 or cafe:cafe:2bf::/48", "route not received",
         "10.23.0.0/24 in RD 10:10: route not received")])
    assert run(exp, BLUE_RX, rx(None))[1] == "no SRv6 SID"
    assert run(exp, BLUE_RX, rx("cafe:cafe:2bf:1::")) == ("fail", "SID cafe:cafe:2bf:1::", [
        ("sid-outside-locator", "SID inside cafe:cafe:2be::/48", "cafe:cafe:2bf:1::",
         "10.23.0.0/24 in RD 10:10 has SID cafe:cafe:2bf:1:: outside the node locator cafe:cafe:2be::/48")])


def test_local_sid_text(exp):
    aid = "PE2/blue/local-sid/172.19.19.20/32"

    def local(sid, prefix="172.19.19.20/32"):
        return {"routes": [{"rd": "10:10", "vrf": "blue", "prefix": prefix, "sid": sid, "alloc_mode": "per-vrf",
                            "locator": "PE2", "valid": True}]}

    assert run(exp, aid, local("cafe:cafe:101:e000::")) == ("pass", "SID cafe:cafe:101:e000:: per-vrf locator PE2", [])
    assert run(exp, aid, local("cafe:cafe:100:e000::")) == ("fail", "SID cafe:cafe:100:e000:: per-vrf locator PE2", [
        ("sid-outside-locator", "per-vrf SID inside cafe:cafe:101::/48", "cafe:cafe:100:e000::",
         "local SID cafe:cafe:100:e000:: of 172.19.19.20/32 is outside the PE locator cafe:cafe:101::/48")])
    assert run(exp, aid, local("cafe:cafe:101:e000::", prefix="172.19.19.19/32")) == ("fail", "route absent", [
        ("local-sid-missing", "per-vrf SID inside cafe:cafe:101::/48", "route absent", "172.19.19.20/32 in VRF blue: route absent")])
    assert run(exp, aid, local(None))[1:] == ("no SRv6 SID", [
        ("local-sid-missing", "per-vrf SID inside cafe:cafe:101::/48", "no SRv6 SID", "172.19.19.20/32 in VRF blue: no SRv6 SID")])


def test_locator_learned_text(exp):
    aid = "PE1/-/locator-learned/m2/cafe:cafe:2bf::/48"
    rows = rib(("cafe:cafe:2bf::/48", "B", None))
    rows["routes"][0]["paths"].append({"next_hop": "2016:23::8"})
    assert run(exp, aid, rows) == ("pass", "B via 2016:23::9, 2016:23::8", [])
    assert run(exp, aid, rib(("cafe:cafe:2bf::/48", "S", None))) == ("fail", "code S", [
        ("locator-not-learned", "BGP route cafe:cafe:2bf::/48", "code S", "node locator cafe:cafe:2bf::/48 of m2 is not learned over BGP")])
    assert run(exp, aid, rib())[1:] == ("absent", [
        ("locator-not-learned", "BGP route cafe:cafe:2bf::/48", "absent", "node locator cafe:cafe:2bf::/48 of m2 is not learned over BGP")])


def test_pe_locator_text(exp):
    aid = "PE2/-/pe-locator/PE2/cafe:cafe:101::/48"
    assert run(exp, aid, rib(("cafe:cafe:101::/48", "L", "uN (shift)"))) == ("pass", "SRv6 Endpoint uN (shift)", [])
    assert run(exp, aid, rib(("cafe:cafe:101::/48", "L", None))) == ("fail", "not an SRv6 endpoint", [
        ("pe-locator-missing", "SRv6 endpoint cafe:cafe:101::/48", "not an SRv6 endpoint", "PE locator cafe:cafe:101::/48 is not installed")])
    assert run(exp, aid, rib())[1:] == ("absent", [
        ("pe-locator-missing", "SRv6 endpoint cafe:cafe:101::/48", "absent", "PE locator cafe:cafe:101::/48 is not installed")])


def test_node_locator_text(exp):
    aid = "iso/-/node-locator/m2/cafe:cafe:2bf::/48"
    assert run(exp, aid, sidmanager(m2=["cafe:cafe:2bf::/48"])) == ("pass", "locator cafe:cafe:2bf::/48", [])
    assert run(exp, aid, sidmanager(m2=["cafe:cafe:2be::/48", "cafe:cafe:2c0::/48"])) == (
        "fail", "cafe:cafe:2be::/48 cafe:cafe:2c0::/48", [
            ("node-locator-wrong", "cafe:cafe:2bf::/48", "cafe:cafe:2be::/48 cafe:cafe:2c0::/48",
             "SIDManager of m2 holds cafe:cafe:2be::/48 cafe:cafe:2c0::/48, intent cafe:cafe:2bf::/48")])
    assert run(exp, aid, sidmanager(m1=["cafe:cafe:2bf::/48"]))[2] == [
        ("node-locator-wrong", "cafe:cafe:2bf::/48", "none", "SIDManager of m2 holds none, intent cafe:cafe:2bf::/48")]


# ---------------------------------------------------------------- cilium advertisements and imports

def test_cilium_route_text(exp):
    aid = "oss/-/cilium-route/n2/30.0.10.1/32"
    assert run(exp, aid, adv(("n2", None, "30.0.10.1/32", []))) == ("pass", "advertised", [])
    assert run(exp, aid, adv()) == ("fail", "absent", [
        ("cilium-not-advertising", "advertised", "absent", "n2 does not advertise 30.0.10.1/32 of t2")])
    comm = "oss/-/cilium-community/n2/30.0.10.1/32"
    assert run(exp, comm, adv(("n2", "192.168.1.1", "30.0.10.1/32", ["64512:302"]))) == ("pass", "community 64512:302", [])
    assert run(exp, comm, adv())[2] == [
        ("cilium-not-advertising", "advertised", "absent", "n2 does not advertise 30.0.10.1/32 of t2")]


def test_rt_import_text(exp):
    rt_imports = [a for a in exp.assertions if a.check == "rt-import" and a.args["name"] == "T2"]
    assert rt_imports, "the wide inventory has a rt-import assertion for T2"
    aid = rt_imports[0].id
    vrf = {"vrfs": [{"name": "T2", "address_families": [{"afi": "ipv4", "route_targets": [
        {"direction": "import", "value": "65000:100302"}, {"direction": "both", "value": "auto"},
        {"direction": "export", "value": "65000:100304"}]}]}]}
    assert run(exp, aid, vrf) == ("fail", "imports 65000:100302 65000:100303", [
        ("config-leak", "no route target of another tenant imported", "route-target import 65000:100302",
         "vrf context T2 imports route target 65000:100302 of t1: t1's routes leak into it")])
    # the finding is filed under the tenant whose routes leak in (a CI filter on tenant t1 finds it)
    (a,) = rt_imports[:1]
    (finding,) = verify.CHECKS[a.check](a, vrf)[2]
    assert (finding.tenant, finding.vrf, finding.device) == ("t1", a.vrf, a.device)
    assert run(exp, aid, {"vrfs": []}) == ("pass", "no vrf context T2 (config-drift reports it)", [])
    assert run(exp, aid, {"vrfs": [{"name": "T2", "address_families": []}]}) == ("pass", "imports nothing", [])
