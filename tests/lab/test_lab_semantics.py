# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Route-policy semantics, config-mode behaviour and error formats of the twins (in-process)."""

import re

import pytest

from test_lab_fidelity import LEAF_BGP, push, push_xr, seed_leaf_lines


@pytest.fixture
def leaf(devices):
    s = devices["Leaf01"].session()
    push(s, seed_leaf_lines() + [ln.strip() for ln in LEAF_BGP.splitlines()])
    s.handle("end")
    return s


def pods(s):
    return set(re.findall(r"\[(\d+\.\d+\.\d+\.\d+)\]/224", s.handle("show bgp l2vpn evpn vrf Tenant1-Pods")))


def conf(s, *lines):
    s.handle("configure terminal")
    outs = [s.handle(ln) for ln in lines]
    s.handle("end")
    return outs


def test_export_map_without_match_leaks_every_service(leaf):
    assert "30.0.10.1" not in pods(leaf)
    conf(leaf, "route-map K8-Export-Others permit 10", "no match community Tenant1-Pods-BGP-Community")
    assert {"30.0.10.1", "10.109.203.74", "20.0.10.1"} <= pods(leaf)


def test_set_extcommunity_rt_replaces_unless_additive(leaf):
    def rts():
        out = leaf.handle("show bgp l2vpn evpn 20.0.10.1 vrf Tenant-K8s")
        return re.findall(r"RT:(\S+)", out)
    assert rts() == ["65000:100302"]          # replaced the VRF's own 65000:100301
    conf(leaf, "route-map K8-Export-Others permit 10", "set extcommunity rt 65000:100302 additive")
    assert rts() == ["65000:100301", "65000:100302"]
    # Routes the export map does not permit keep the VRF's own route target.
    assert re.findall(r"RT:(\S+)", leaf.handle("show bgp l2vpn evpn 30.0.10.1 vrf Tenant-K8s")) == ["65000:100301"]


def test_wrong_community_list_steers_nothing(leaf):
    conf(leaf, "ip community-list standard Tenant1-Pods-BGP-Community seq 10 permit 64512:399")
    assert not {"20.0.10.1", "10.110.206.139"} & pods(leaf)
    assert {"10.71.1.0", "172.16.16.16"} <= pods(leaf)


def test_import_map_filters_imports(leaf):
    conf(leaf, "vrf context Tenant1-Pods", "address-family ipv4 unicast", "import map DenyAll evpn",
         "route-map DenyAll deny 10")
    assert "20.0.10.1" not in pods(leaf)
    conf(leaf, "route-map DenyAll permit 5", "match community Tenant1-Pods-BGP-Community", "set community 64512:999")
    assert "20.0.10.1" in pods(leaf)
    assert "Community: 64512:999" in leaf.handle("show bgp l2vpn evpn 20.0.10.1 vrf Tenant1-Pods")


def test_without_advertise_vpn_imported_routes_are_not_re_exported(leaf):
    conf(leaf, "vrf context Tenant1-Pods", "address-family ipv4 unicast", "no import vrf advertise-vpn")
    assert "20.0.10.1" not in pods(leaf)
    assert "20.0.10.1/32" in leaf.handle("show bgp vrf Tenant1-Pods ipv4 unicast")


def test_session_needs_multihop_and_the_right_as(leaf):
    def state():
        return leaf.handle("show bgp vrf Tenant-K8s ipv4 unicast summary").splitlines()[-1].split()[-1]
    assert state() == "4"
    conf(leaf, "router bgp 65000", "vrf Tenant-K8s", "neighbor 192.168.16.35", "no ebgp-multihop")
    assert state() == "Idle"
    conf(leaf, "router bgp 65000", "vrf Tenant-K8s", "neighbor 192.168.16.35", "ebgp-multihop 2", "remote-as 64999")
    assert state() == "Idle"
    assert "20.0.10.1" not in pods(leaf)


def test_nxos_rejects_unknown_lines_like_the_switch(leaf):
    outs = conf(leaf, "vrf context Tenant-K8s", "frobnicate 12", "vni abc")
    assert outs[1].splitlines()[-1] == "% Invalid command at '^' marker."
    caret = outs[1].splitlines()[0]
    assert caret.index("^") == len("Leaf01(config-vrf)# ")
    assert outs[2].splitlines()[-1] == "% Invalid number at '^' marker."
    assert leaf.handle("show bgp vrf Tenant-K8s ipv4 unicast summary | bogus").endswith("marker.\n")


def test_nxos_checkpoint_and_rollback(leaf):
    before = leaf.handle("show running-config | exclude ^!Time")
    assert leaf.handle("checkpoint pre_push") == "Done\n"
    conf(leaf, "no route-map CommunityImport", "route-map Extra permit 10")
    assert "CommunityImport" not in leaf.handle("show running-config | section route-map")
    assert "Rollback completed successfully" in leaf.handle("rollback running-config checkpoint pre_push")
    after = leaf.handle("show running-config | exclude ^!Time")

    def strip(t):
        return [ln for ln in t.splitlines() if not ln.startswith("!Running")]
    assert strip(after) == strip(before)
    assert leaf.handle("checkpoint pre_push").startswith("% ")
    leaf.handle("no checkpoint pre_push")
    assert leaf.handle("checkpoint pre_push") == "Done\n"


def test_nxos_filters_and_json(leaf):
    out = leaf.handle('show running-config | sec "route-map CommunityImport"')
    assert out.splitlines()[0] == "route-map CommunityImport permit 10" and "  match tag 12346" in out
    assert leaf.handle("show running-config | include vni").split() == ["vni", "100301", "vni", "100302"]
    import json
    data = json.loads(leaf.handle("show bgp l2vpn evpn vrf Tenant-K8s | json"))
    rd = data["TABLE_vrf"]["ROW_vrf"]["TABLE_afi"]["ROW_afi"]["TABLE_safi"]["ROW_safi"]["TABLE_rd"]["ROW_rd"]
    assert rd["rd_vniid"] == "100301" and len(rd["TABLE_prefix"]["ROW_prefix"]) == 5


def test_nxos_output_is_deterministic(devices, clock):
    s = devices["Leaf01"].session()
    push(s, seed_leaf_lines() + [ln.strip() for ln in LEAF_BGP.splitlines()])
    s.handle("end")
    first = [s.handle(c) for c in ("show running-config", "show bgp l2vpn evpn vrf Tenant1-Pods",
                                   "show bgp vrf Tenant-K8s ipv4 unicast summary | json")]
    assert [s.handle(c) for c in ("show running-config", "show bgp l2vpn evpn vrf Tenant1-Pods",
                                  "show bgp vrf Tenant-K8s ipv4 unicast summary | json")] == first
    clock.now += 86400 + 3600
    assert "1d01h" in s.handle("show bgp vrf Tenant-K8s ipv4 unicast summary")


def test_xr_candidate_commit_abort_rollback(devices):
    s = push_xr(devices)
    assert s.handle("show configuration commit list").splitlines()[2].split()[1] == "1000000001"
    s.handle("configure terminal")
    s.handle("interface Loopback10")
    s.handle("ipv4 address 172.19.19.20 255.255.255.255")
    assert "172.19.19.20" not in s.handle("show running-config interface Loopback10")  # not committed yet
    assert "+   ipv4 address 172.19.19.20 255.255.255.255" in s.handle("show commit changes diff")
    s.handle("abort")
    assert s.prompt() == "RP/0/RP0/CPU0:XRV#"
    assert "172.19.19.19" in s.handle("show running-config interface Loopback10")
    s.handle("configure terminal")
    s.handle("interface Loopback10")
    s.handle("ipv4 address 172.19.19.20 255.255.255.255")
    assert s.handle("commit") == ""
    s.handle("end")
    assert "172.19.19.20" in s.handle("show run int lo10")
    assert "successfully rolled back 1 commits" in s.handle("rollback configuration last 1")
    assert "172.19.19.19" in s.handle("show run int lo10")
    assert len(s.handle("show configuration commit list").splitlines()) == 5


def test_xr_rejects_and_verifies(devices):
    s = push_xr(devices)
    s.handle("configure terminal")
    out = s.handle("router bgp 65000")
    out = s.handle("frobnicate")
    assert out.splitlines()[-1] == "% Invalid input detected at '^' marker."
    assert out.splitlines()[0].index("^") == len("RP/0/RP0/CPU0:XRV(config-bgp)#")
    s.handle("neighbor 192.0.2.1")
    out = s.handle("commit")
    assert out.startswith("% Failed to commit")
    assert "Remote AS must be configured" in s.handle("show configuration failed")
    s.handle("abort")
    # Leaving with uncommitted changes asks first.
    s.handle("configure terminal")
    s.handle("hostname XRV2")
    assert s.handle("end") == "" and s.prompt().startswith("Uncommitted changes found")
    s.handle("no")
    assert s.prompt() == "RP/0/RP0/CPU0:XRV#" and "hostname XRV\n" in s.handle("show running-config hostname")


def test_xr_ebgp_needs_policy(devices):
    # An eBGP neighbour without route-policy in accepts nothing (XR's default).
    s = push_xr(devices)
    s.handle("configure terminal")
    for ln in ("router bgp 65000", "neighbor 2016:23:23:23:20c:29ff:fe73:137d", "remote-as 65001"):
        s.handle(ln)
    s.handle("commit")
    s.handle("end")
    assert "10.23.0.0/24" not in s.handle("show bgp vpnv4 unicast vrf blue")
