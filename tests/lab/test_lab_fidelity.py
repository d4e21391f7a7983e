# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The twins against the seed: push the seed's configuration, advertise the
seed's services, and find the seed's prefixes in the same VRFs / RDs."""

import ipaddress
import re

from twin_support import seed_block

LEAF_SECTIONS = [
    'Leaf01# sh run | sec "vrf context Tenant-K8s"',
    'Leaf01# sh run | sec "vrf context Tenant1-Pods"',
    'Leaf01# sh run | sec "route-map K8-Export-Others"',
    'Leaf01# sh run | sec "route-map CommunityImport"',
]
# Not shown in the seed; written the way the seed's outputs imply (VRF router-id
# 192.168.1.1, the node 192.168.16.35 in AS 64512 peering with the loopback).
LEAF_BGP = """interface loopback11
  vrf member Tenant-K8s
  ip address 192.168.1.1/32
router bgp 65000
  router-id 10.70.0.11
  vrf Tenant-K8s
    address-family ipv4 unicast
    neighbor 192.168.16.35
      remote-as 64512
      update-source loopback11
      ebgp-multihop 2
      address-family ipv4 unicast
        send-community
        send-community extended
  vrf Tenant1-Pods
    address-family ipv4 unicast
"""
# The seed shows only "sh run int lo10"; the rest follows its show outputs
# (RD 10:10, locator XRV cafe:cafe:100::/48, iBGP to the node over IPv6).
XRV_REST = """vrf blue
 address-family ipv4 unicast
  import route-target
   65000:10
  !
  export route-target
   65000:10
  !
 !
!
segment-routing
 srv6
  locators
   locator XRV
    micro-segment behavior unode psp-usd
    prefix cafe:cafe:100::/48
   !
  !
 !
!
router bgp 65000
 bgp router-id 192.168.40.40
 address-family ipv6 unicast
 !
 address-family vpnv4 unicast
 !
 neighbor 2016:23:23:23:20c:29ff:fe73:137d
  remote-as 65000
  update-source Loopback0
  address-family ipv6 unicast
  !
  address-family vpnv4 unicast
  !
 !
 vrf blue
  rd 10:10
  address-family ipv4 unicast
   segment-routing srv6
    locator XRV
    alloc mode per-vrf
   !
   redistribute connected
  !
 !
!
"""


def seed_leaf_lines():
    lines = []
    for cmd in LEAF_SECTIONS:
        lines += [ln.strip() for ln in seed_block(cmd) if ln.strip()]
    # "sh ip community-list" / "sh ip extcommunity-list" back to configuration lines.
    for cmd, kind in (("Leaf01# sh ip community-list", "community-list"),
                      ("Leaf01# sh ip extcommunity-list", "extcommunity-list")):
        name = None
        for ln in seed_block(cmd):
            m = re.match(r"^Standard (Extended )?Community List (\S+)", ln.strip())
            if m:
                name = m.group(2)
                continue
            seq, action, *vals = ln.split()
            vals = [v.replace("RT:", "rt ") for v in vals]
            lines.insert(0, "ip %s standard %s seq %s %s %s" % (kind, name, seq, action, " ".join(vals)))
    return lines


def push(session, lines):
    assert session.handle("configure terminal") is not None
    for ln in lines:
        out = session.handle(ln)
        assert "%" not in out, (ln, out)


def evpn_prefixes(text):
    """{RD: {prefix: path}} from 'show bgp l2vpn evpn vrf X' text (seed or twin)."""
    out, rd, pending = {}, None, None
    for ln in text.splitlines():
        m = re.match(r"^Route Distinguisher: (\S+)", ln.strip())
        if m:
            rd = m.group(1)
            out.setdefault(rd, {})
            continue
        m = re.search(r"\[5\]:\[0\]:\[0\]:\[(\d+)\]:\[([0-9.]+)\]", ln)
        if m:
            pending = "%s/%s" % (m.group(2), m.group(1))
            continue
        if pending and ln.strip():
            out[rd][pending] = ln.split()[1:]  # the columns after the next hop
            pending = None
    return out


def cilium_prefixes(table):
    return {p for p, cols in table.items() if "64512" in cols}


def test_leaf_vrfs_hold_the_seeds_prefixes(devices):
    leaf = devices["Leaf01"]
    s = leaf.session()
    push(s, seed_leaf_lines() + [ln.strip() for ln in LEAF_BGP.splitlines()])
    s.handle("end")

    for vrf, vni in (("Tenant-K8s", "100301"), ("Tenant1-Pods", "100302")):
        seed = evpn_prefixes("\n".join(seed_block("Leaf01# show bgp l2vpn evpn vrf %s" % vrf)))
        twin_text = s.handle("show bgp l2vpn evpn vrf %s" % vrf)
        twin = evpn_prefixes(twin_text)
        assert len(seed) == 1 and len(twin) == 1
        (seed_rd, seed_tbl), (twin_rd, twin_tbl) = list(seed.items())[0], list(twin.items())[0]
        # rd auto = router-id:VRF-id on both; the VRF ids are allocation order.
        assert seed_rd.split(":")[0] == twin_rd.split(":")[0] == "10.70.0.11"
        assert "(L3VNI %s)" % vni in twin_text
        assert cilium_prefixes(twin_tbl) == cilium_prefixes(seed_tbl), vrf
        assert twin_tbl["20.0.10.1/32"] == seed_tbl["20.0.10.1/32"]  # same columns: weight 0, "64512 i"
    pods = evpn_prefixes(s.handle("show bgp l2vpn evpn vrf Tenant1-Pods"))
    pods = list(pods.values())[0]
    seed_pods = list(evpn_prefixes("\n".join(seed_block("Leaf01# show bgp l2vpn evpn vrf Tenant1-Pods"))).values())[0]
    assert set(pods) == set(seed_pods)  # the fabric prefixes too
    assert {"20.0.10.1/32", "10.110.206.139/32"} <= set(pods)
    assert not {"30.0.10.1/32", "10.109.203.74/32"} & set(pods)
    # Separate RDs for the two VRFs.
    k8s_rd = list(evpn_prefixes(s.handle("show bgp l2vpn evpn vrf Tenant-K8s")))[0]
    assert k8s_rd != list(evpn_prefixes(s.handle("show bgp l2vpn evpn vrf Tenant1-Pods")))[0]


def test_leaf_communities_and_lists_match_the_seed(devices):
    s = devices["Leaf01"].session()
    push(s, seed_leaf_lines() + [ln.strip() for ln in LEAF_BGP.splitlines()])
    s.handle("end")
    for prefix in ("20.0.10.1", "30.0.10.1"):
        seed = seed_block("Leaf01# show bgp l2vpn evpn %s vrf Tenant-K8s | grep Community" % prefix)
        twin = s.handle("show bgp l2vpn evpn %s vrf Tenant-K8s | grep Community" % prefix)
        assert [ln.split() for ln in twin.splitlines()] == [ln.split() for ln in seed]
    for cmd in ("sh ip community-list", "sh ip extcommunity-list"):
        seed = [ln.split() for ln in seed_block("Leaf01# " + cmd)]
        assert [ln.split() for ln in s.handle(cmd).splitlines()] == seed
    for cmd in LEAF_SECTIONS:
        seed = [ln.strip() for ln in seed_block(cmd)]
        twin = s.handle(cmd.split("# ", 1)[1]).splitlines()
        assert [ln.strip() for ln in twin] == seed
        # The twin prints NX-OS's indentation the seed's copy lost.
        assert all(ln.startswith("  ") for ln in twin[1:] if not ln.startswith(("route-map", "vrf context")))
    summary = s.handle("show bgp vrf Tenant-K8s ipv4 unicast summary")
    row = [ln.split() for ln in summary.splitlines() if ln.startswith("192.168.16.35")][0]
    seed_row = [ln.split() for ln in seed_block("Leaf01# show bgp vrf Tenant-K8s ipv4 unicast summary")
                if ln.startswith("192.168.16.35")][0]
    assert row[:3] == seed_row[:3] and row[-1] == seed_row[-1] == "4"
    assert "BGP router identifier 192.168.1.1, local AS number 65000" in summary


def push_xr(devices):
    xr = devices["XRV"]
    s = xr.session()
    s.handle("configure terminal")
    lines = [ln.strip() for ln in seed_block("RP/0/RP0/CPU0:XRV#sh run int lo10")] + ["!"]
    lines += [ln.strip() for ln in XRV_REST.splitlines()]
    for ln in lines:
        out = s.handle(ln)
        assert "%" not in out, (ln, out)
    assert s.handle("commit") == ""
    s.handle("end")
    return s


def test_pe_vrf_blue_and_clean_global_table(devices):
    s = push_xr(devices)
    assert [ln.strip() for ln in s.handle("sh run int lo10").splitlines() if ln.strip() != "!"] == \
        [ln.strip() for ln in seed_block("RP/0/RP0/CPU0:XRV#sh run int lo10")]
    rcvd = s.handle("show bgp vpnv4 unicast received-sids")
    assert "Route Distinguisher: 10:10 (default for vrf blue)" in rcvd
    words = rcvd.split()
    sid = words[words.index("*>i10.23.0.0/24") + 2]
    assert ipaddress.IPv6Address(sid) in ipaddress.IPv6Network("cafe:cafe:2be::/48")
    assert re.search(r"\*> 172\.19\.19\.19/32\s+0\.0\.0\.0\s+NO SRv6 Sid", rcvd)
    local = s.handle("show bgp vpnv4 unicast local-sids")
    m = re.search(r"\*> 172\.19\.19\.19/32\s+(\S+)\s+per-vrf\s+XRV", local)
    assert m and ipaddress.IPv6Address(m.group(1)) in ipaddress.IPv6Network("cafe:cafe:100::/48")
    assert m.group(1) == "cafe:cafe:100:e000::"  # the seed's SID for VRF blue
    assert re.search(r"\*>i10\.23\.0\.0/24\s+NO SRv6 Sid\s+-\s+-", local)
    table = s.handle("show bgp vpnv4 unicast vrf blue")
    assert "Processed 2 prefixes, 2 paths" in table
    # Global tables: the seed's show route ipv4 exactly, no tenant prefix anywhere.
    v4 = s.handle("sh route ipv4")
    twin_v4 = re.findall(r"^([CLB])\s+(\S+)", v4, re.M)
    seed_v4 = [tuple(ln.split()[:2]) for ln in seed_block("RP/0/RP0/CPU0:XRV#sh route ipv4")]
    assert twin_v4 == seed_v4
    v6 = s.handle("sh route ipv6")
    assert re.search(r"^B\s+cafe:cafe:2be::/48", v6, re.M)
    assert "cafe:cafe:100:e000::/64, SRv6 Endpoint uDT4" in v6
    for tenant in ("10.23.0.0", "172.19.19.19"):
        assert tenant not in v4 and tenant not in v6.replace("nexthop in vrf", "")
    seed_v6 = {ln.split()[1].rstrip(",") for ln in seed_block("RP/0/RP0/CPU0:XRV#sh route ipv6")
               if re.match(r"^[BCL] ", ln)}
    twin_v6 = {m.rstrip(",") for m in re.findall(r"^[BCL]\s+(\S+)", v6, re.M)}
    # The seed's PE also had default-VRF SIDs (e001/e002) the lab does not configure.
    assert seed_v6 - twin_v6 == {"cafe:cafe:100:e001::/64", "cafe:cafe:100:e002::/64"}
    assert twin_v6 <= seed_v6
    assert "10.23.0.0/24" in s.handle("show route vrf blue ipv4")


def test_pe_sessions_match_the_seed(devices):
    s = push_xr(devices)
    for fam, count in (("ipv6", "2"), ("vpnv4", "1")):
        out = s.handle("show bgp %s unicast summary" % fam).splitlines()
        n = out.index("2016:23:23:23:20c:29ff:fe73:137d")
        cols = out[n + 1].split()
        assert cols[1] == "65000" and cols[-1] == count


def test_project_parsers_read_the_twins(devices):
    """The isolation-proof parsers (plugins/.../parse) read what the twins print."""
    import pytest
    try:
        from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import nxos as pnx
    except ImportError:
        pytest.skip("the NX-OS parsers are not in this checkout")
    s = devices["Leaf01"].session()
    push(s, seed_leaf_lines() + [ln.strip() for ln in LEAF_BGP.splitlines()])
    s.handle("end")
    got = pnx.parse_nxos_bgp_evpn_vrf(s.handle("show bgp l2vpn evpn vrf Tenant1-Pods"))
    assert {r["prefix"] for r in got["routes"]} == {"10.71.1.0/24", "10.110.206.139/32", "20.0.10.1/32",
                                                    "172.16.16.16/32"}
    got = pnx.parse_nxos_bgp_evpn_vrf_json(s.handle("show bgp l2vpn evpn vrf Tenant1-Pods | json"))
    assert "30.0.10.1/32" not in {r["prefix"] for r in got["routes"]}
    summ = pnx.parse_nxos_bgp_summary(s.handle("show bgp vrf Tenant-K8s ipv4 unicast summary"))
    assert summ["vrfs"][0]["neighbors"][0]["prefixes_received"] == 4
    summ = pnx.parse_nxos_bgp_summary_json(s.handle("show bgp vrf Tenant-K8s ipv4 unicast summary | json"))
    assert summ["vrfs"][0]["neighbors"][0]["state"] == "Established"
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli  # what the verifier reads with
    det = parse_cli("nxos", "show bgp l2vpn evpn 20.0.10.1 vrf Tenant-K8s", s.handle("show bgp l2vpn evpn 20.0.10.1 vrf Tenant-K8s"))
    assert (det["kind"], det["status"]) == ("bgp_detail", "ok")
    assert "64512:301" in {c for p in det["routes"] for c in p["communities"]}
    assert "65000:100302" in {rt for p in det["routes"] for rt in p["route_targets"]}
