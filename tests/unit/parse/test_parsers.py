# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parsers on the seed's outputs, on device-formatted and public-derived captures, and on bad input."""

import json
import os
import subprocess
import sys

import pytest

from cases import CASES, FIXTURES, dump, golden_path, load_fixture

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import PARSERS, ParseError, parse


def P(rel):
    cid = dict(CASES)[rel]
    return parse(cid, load_fixture(rel))


def _plain(obj):
    """Only dict/list/str/int/bool/None in a parse result."""
    if isinstance(obj, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in obj.items())
    if isinstance(obj, list):
        return all(_plain(v) for v in obj)
    return obj is None or isinstance(obj, (str, int, bool))


# ------------------------------------------------------------------ golden + invariants


@pytest.mark.parametrize("rel,cid", CASES, ids=[c[0] for c in CASES])
def test_golden(rel, cid):
    result = parse(cid, load_fixture(rel))
    assert _plain(result)
    with open(golden_path(rel)) as fh:
        assert dump(result) == fh.read(), "regenerate with tests/unit/parse/regen_golden.py and review the diff"


def test_deterministic_across_processes():
    """Same input, same bytes in another interpreter with another hash seed (set order, dict order)."""
    here = os.path.dirname(os.path.abspath(__file__))
    script = (
        "import sys, json; sys.path[:0] = %r\n"
        "from cases import CASES, dump, load_fixture\n"
        "from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse\n"
        "print(json.dumps([dump(parse(cid, load_fixture(rel))) for rel, cid in CASES]))\n" % ([here] + sys.path,))
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        outputs.append(json.loads(proc.stdout))
    assert len(outputs[0]) == len(CASES)
    assert outputs[0] == outputs[1]


def test_every_parser_has_a_fixture():
    assert set(PARSERS) == {cid for _rel, cid in CASES}


def test_every_fixture_cites_its_source():
    for rel, _cid in CASES:
        with open(os.path.join(FIXTURES, rel)) as fh:
            assert fh.readline().startswith("# "), rel


# ------------------------------------------------------------------ seed facts (NX-OS)


@pytest.mark.parametrize("rel", ["seed/nxos_bgp_vrf_summary_tenant_k8s.txt", "device/nxos_bgp_vrf_summary_tenant_k8s.txt"])
def test_nxos_summary_seed(rel):
    (vrf,) = P(rel)["vrfs"]
    assert (vrf["vrf"], vrf["router_id"], vrf["local_as"]) == ("Tenant-K8s", "192.168.1.1", 65000)
    (nbr,) = vrf["neighbors"]
    assert (nbr["neighbor"], nbr["remote_as"], nbr["state"], nbr["prefixes_received"], nbr["up_down"]) == (
        "192.168.16.35", 64512, "Established", 4, "1d22h")


def test_nxos_summary_text_and_json_agree_on_the_seed_neighbor():
    text = P("device/nxos_bgp_vrf_summary_tenant_k8s.txt")["vrfs"][0]
    js = P("device/nxos_bgp_vrf_summary_tenant_k8s.json")["vrfs"][0]
    keys = ("neighbor", "remote_as", "msg_rcvd", "state", "prefixes_received")
    assert [text["neighbors"][0][k] for k in keys] == [js["neighbors"][0][k] for k in keys]
    assert js["neighbors"][1]["state"] == "Idle" and js["neighbors"][1]["prefixes_received"] is None


def test_nxos_summary_wrapped_as_and_admin_idle():
    vrfs = P("device/nxos_bgp_summary_vrf_public.txt")["vrfs"]
    assert [v["vrf"] for v in vrfs] == ["RED", "PURPLE"]
    n = vrfs[1]["neighbors"]
    assert (n[0]["remote_as"], n[0]["msg_rcvd"], n[0]["prefixes_received"]) == (4233316914, 14111081, 100)
    assert (n[2]["state"], n[2]["prefixes_received"], n[2]["up_down"]) == ("Idle (Admin)", None, "never")


def _prefixes(result):
    return {r["prefix"]: r for r in result["routes"]}


@pytest.mark.parametrize("rel", ["seed/nxos_bgp_evpn_vrf_tenant1_pods.txt", "device/nxos_bgp_evpn_vrf_tenant1_pods.json"])
def test_nxos_evpn_tenant1_pods_has_20_not_30(rel):
    res = P(rel)
    routes = _prefixes(res)
    assert "20.0.10.1/32" in routes and "30.0.10.1/32" not in routes
    assert res["route_distinguishers"] == [{"rd": "10.70.0.11:5", "l3vni": 100302, "l2vni": None}]
    r = routes["20.0.10.1/32"]
    assert (r["route_type"], r["next_hop"], r["as_path"], r["origin"], r["weight"], r["best"]) == (
        5, "10.77.0.111", "64512", "i", 0, True)
    local = routes["10.71.1.0/24"]
    assert (local["metric"], local["local_pref"], local["weight"], local["as_path"], local["origin"]) == (0, 100, 32768, "", "?")


@pytest.mark.parametrize("rel", ["seed/nxos_bgp_evpn_vrf_tenant_k8s.txt", "device/nxos_bgp_evpn_vrf_tenant_k8s.txt"])
def test_nxos_evpn_transit_vrf(rel):
    res = P(rel)
    assert res["router_id"] == "10.70.0.11" and res["table_version"] == 3435
    k8s = [r for r in res["routes"] if r["rd"] == "10.70.0.11:6"]
    assert [r["prefix"] for r in k8s] == ["192.168.1.0/24", "192.168.16.0/24", "10.109.203.74/32",
                                          "10.110.206.139/32", "20.0.10.1/32", "30.0.10.1/32"]
    assert all(r["l3vni"] == 100301 for r in k8s)


def test_nxos_evpn_columns_and_multipath_from_device_layout():
    res = P("device/nxos_bgp_evpn_vrf_tenant_k8s.txt")
    remote = [r for r in res["routes"] if r["rd"] == "10.70.0.12:6"]
    assert [(r["next_hop"], r["best"], r["valid"], r["path_type"]) for r in remote] == [
        ("10.77.0.112", True, True, "i"), ("10.77.0.113", False, True, "i")]
    assert remote[0]["l3vni"] is None and remote[1]["as_path"] == "65001"


@pytest.mark.parametrize("rel,comm", [("seed/nxos_bgp_evpn_prefix_20_grep.txt", "64512:301"),
                                      ("seed/nxos_bgp_evpn_prefix_30_grep.txt", "64512:302")])
def test_nxos_evpn_prefix_grep_form(rel, comm):
    res = P(rel)  # the bgp_detail shape: the attribute lines printed without their entry
    assert res["kind"] == "bgp_detail" and res["communities"] == [comm] and res["routes"] == []


def test_nxos_evpn_prefix_detail_text():
    res = P("device/nxos_bgp_evpn_prefix_20_detail.txt")
    (path,) = res["routes"]
    assert (path["prefix"], path["rd"], path["l3vni"], path["route_type"]) == ("20.0.10.1/32", "10.70.0.11:6", 100301, 5)
    assert (path["best"], path["valid"], path["as_path"], path["next_hop"], path["neighbor"], path["origin"]) == (
        True, True, "64512", "192.168.16.35", "192.168.16.35", "i")
    assert path["communities"] == ["64512:301"]
    assert path["extcommunities"] == ["RT:65000:100302", "ENCAP:8", "Router MAC:5254.0012.3456"]
    assert path["route_targets"] == ["65000:100302"] and res["communities"] == []


@pytest.mark.parametrize("rel", ["device/nxos_bgp_evpn_prefix_20.json"])
def test_nxos_evpn_prefix_detail(rel):
    res = P(rel)
    (entry,) = res["entries"]
    assert (entry["prefix"], entry["rd"], entry["l3vni"], entry["version"]) == ("20.0.10.1/32", "10.70.0.11:6", 100301, 3421)
    (path,) = entry["paths"]
    assert (path["best"], path["valid"], path["as_path"], path["next_hop"], path["origin"]) == (
        True, True, "64512", "192.168.16.35", "igp")
    assert path["communities"] == ["64512:301"]
    assert path["extcommunities"] == ["RT:65000:100302", "ENCAP:8", "Router MAC:5254.0012.3456"]
    assert res["route_targets"] == ["65000:100302"] and res["communities"] == ["64512:301"]


def _vrf(res, name):
    return [v for v in res["vrfs"] if v["name"] == name][0]


@pytest.mark.parametrize("rel", ["seed/nxos_run_vrf_tenant_k8s.txt", "device/nxos_running_config.txt"])
def test_nxos_running_vrf_context(rel):
    v = _vrf(P(rel), "Tenant-K8s")
    assert (v["vni"], v["rd"]) == (100301, "auto")
    (af,) = v["address_families"]
    assert af["export_map"] == {"name": "K8-Export-Others", "evpn": False}
    assert af["import_map"] == {"name": "CommunityImport", "evpn": True}
    assert {"direction": "both", "value": "auto", "evpn": True} in af["route_targets"]


def test_nxos_running_tenant_vrf_and_route_maps():
    assert _vrf(P("seed/nxos_run_vrf_tenant1_pods.txt"), "Tenant1-Pods")["address_families"][0]["import_vrf_advertise_vpn"]
    full = P("device/nxos_running_config.txt")
    assert [v["name"] for v in full["vrfs"]] == ["Tenant-K8s", "Tenant1-Pods"]
    for rel in ("seed/nxos_run_rmap_community_import.txt", "device/nxos_running_config.txt"):
        seqs = [(m["action"], m["sequence"], m["match"], m["set"]) for m in P(rel)["route_maps"] if m["name"] == "CommunityImport"]
        assert seqs == [("permit", 10, {"extcommunity": ["Tenant1-Pods-RT"]}, {"community": ["64512:301"]}),
                        ("permit", 20, {"tag": ["12346"]}, {"community": ["64512:301"]}),
                        ("deny", 30, {}, {})]
    (exp,) = P("seed/nxos_run_rmap_k8_export_others.txt")["route_maps"]
    assert exp["match"] == {"community": ["Tenant1-Pods-BGP-Community"]} and exp["set"] == {"extcommunity rt": ["65000:100302"]}


def test_nxos_community_lists():
    (cl,) = P("seed/nxos_community_list.txt")["lists"]
    assert cl == {"name": "Tenant1-Pods-BGP-Community", "type": "standard",
                  "entries": [{"sequence": 10, "action": "permit", "values": ["64512:301"]}]}
    (ecl,) = P("seed/nxos_extcommunity_list.txt")["lists"]
    assert ecl["name"] == "Tenant1-Pods-RT" and ecl["entries"][0]["values"] == ["RT:65000:100302"]
    pub = P("device/nxos_community_list_public.txt")["lists"]
    assert pub[0]["type"] == "expanded" and pub[0]["entries"][0]["values"] == ["11111:10000"]
    assert pub[1]["entries"][1]["values"] == ["64512:303", "64512:304", "no-export"]


# ------------------------------------------------------------------ seed facts (IOS-XR)


@pytest.mark.parametrize("rel,pfx", [("seed/xr_bgp_ipv6_unicast_summary.txt", 2), ("seed/xr_bgp_vpnv4_unicast_summary.txt", 1)])
def test_xr_summary_neighbor_on_own_line(rel, pfx):
    (n,) = P(rel)["neighbors"]
    assert (n["neighbor"], n["remote_as"], n["state"], n["prefixes_received"]) == (
        "2016:23:23:23:20c:29ff:fe73:137d", 65000, "Established", pfx)


def test_xr_summary_public_states():
    res = P("device/xr_bgp_summary_public.txt")
    assert (res["router_id"], res["local_as"]) == ("192.0.2.78", 64200)
    assert [(n["state"], n["prefixes_received"]) for n in res["neighbors"]] == [
        ("Idle", None), ("Active", None), ("Established", 82), ("Established", 2)]


@pytest.mark.parametrize("rel", ["seed/xr_bgp_vpnv4_received_sids.txt", "device/xr_bgp_vpnv4_received_sids.txt"])
def test_xr_received_sids(rel):
    res = P(rel)
    assert res["route_distinguishers"][0] == {"rd": "10:10", "vrf": "blue", "version": 23}
    r = {x["prefix"]: x for x in res["routes"]}
    assert (r["10.23.0.0/24"]["sid"], r["10.23.0.0/24"]["next_hop"], r["10.23.0.0/24"]["internal"]) == (
        "cafe:cafe:2be:8b71::", "2016:23:23:23:20c:29ff:fe73:137d", True)
    assert r["172.19.19.19/32"]["sid"] is None


def test_xr_local_sids():
    r = {x["prefix"]: x for x in P("seed/xr_bgp_vpnv4_local_sids.txt")["routes"]}
    assert (r["172.19.19.19/32"]["sid"], r["172.19.19.19/32"]["alloc_mode"], r["172.19.19.19/32"]["locator"]) == (
        "cafe:cafe:100:e000::", "per-vrf", "XRV")
    assert r["10.23.0.0/24"]["sid"] is None


@pytest.mark.parametrize("rel", ["seed/xr_bgp_vpnv4_vrf_blue.txt", "device/xr_bgp_vpnv4_vrf_blue.txt"])
def test_xr_vpnv4_vrf(rel):
    res = P(rel)
    r = {x["prefix"]: x for x in res["routes"]}
    assert (r["10.23.0.0/24"]["metric"], r["10.23.0.0/24"]["local_pref"], r["10.23.0.0/24"]["weight"]) == (0, 100, 0)
    assert (r["172.19.19.19/32"]["metric"], r["172.19.19.19/32"]["local_pref"], r["172.19.19.19/32"]["weight"]) == (0, None, 32768)
    assert res["processed"] == {"prefixes": 2, "paths": 2}


@pytest.mark.parametrize("rel", ["seed/xr_route_ipv6.txt", "device/xr_route_ipv6.txt"])
def test_xr_route_ipv6_srv6(rel):
    r = {x["prefix"]: x for x in P(rel)["routes"]}
    assert r["cafe:cafe:2be::/48"]["protocol"] == "B"
    assert r["cafe:cafe:2be::/48"]["paths"][0]["next_hop"] == "2016:23:23:23:20c:29ff:fe73:137d"
    assert r["cafe:cafe:100::/48"]["srv6"] == {"behavior": "uN", "flavor": "shift"}
    assert r["cafe:cafe:100::/64"]["srv6"] == {"behavior": "uN", "flavor": "PSP/USD"}
    e000 = r["cafe:cafe:100:e000::/64"]
    assert e000["srv6"]["behavior"] == "uDT4" and e000["paths"][0]["nexthop_vrf"] == "blue"
    assert r["cafe:cafe:100:e002::/64"]["srv6"]["behavior"] == "uDT6"
    assert r["2016:23:23:23::/64"]["connected"] and r["2016:23:23:23::/64"]["interface"] == "GigabitEthernet0/0/0/0"


def test_xr_route_ipv4_global_has_no_tenant_prefix():
    res = P("seed/xr_route_ipv4.txt")
    assert [x["prefix"] for x in res["routes"]] == ["192.168.16.0/24", "192.168.16.40/32", "192.168.40.40/32"]


def test_xr_route_ipv4_public_variants():
    res = P("device/xr_route_ipv4_public.txt")
    r = {x["prefix"]: x for x in res["routes"]}
    assert res["gateway_of_last_resort"] == "198.51.100.1"
    assert r["0.0.0.0/0"]["candidate_default"] and r["0.0.0.0/0"]["protocol"] == "S"
    assert [p["backup"] for p in r["192.0.2.1/32"]["paths"]] == [True, False]
    assert r["10.14.0.0/16"]["code"] == "D EX" and len(r["10.14.0.0/16"]["paths"]) == 2


def test_xr_run_interface():
    (lo,) = P("seed/xr_run_interface_lo10.txt")["interfaces"]
    assert (lo["name"], lo["vrf"], lo["ipv4_addresses"][0]["prefix_length"]) == ("Loopback10", "blue", 32)
    pub = P("device/xr_run_interface_public.txt")["interfaces"]
    assert pub[1]["shutdown"] and pub[1]["ipv4_addresses"][0]["prefix_length"] == 30


# ------------------------------------------------------------------ Cilium / Kubernetes


def test_cilium_peers_seed_and_continuation_rows():
    (oss,) = P("seed/cilium_bgp_peers_oss.txt")["peers"]
    assert (oss["node"], oss["peer_address"], oss["session_state"], oss["families"][0]["received"],
            oss["families"][0]["advertised"]) == ("ubuntu2.local", "192.168.1.1", "established", 2, 6)
    (srv6,) = P("seed/cilium_bgp_peers_srv6.txt")["peers"]
    assert [f["family"] for f in srv6["families"]] == ["ipv6/unicast", "ipv4/mpls_vpn"]


def test_cilium_peers_text_and_json_agree():
    text = [p for p in P("device/cilium_bgp_peers.txt")["peers"] if p["session_state"] == "established"]
    js = P("device/cilium_bgp_peers.json")["peers"]
    assert text == js


def test_cilium_routes_seed_node_only_on_first_row():
    routes = P("seed/cilium_bgp_routes_oss.txt")["routes"]
    assert {r["node"] for r in routes} == {"ubuntu2.local"}
    assert [r["prefix"] for r in routes][-2:] == ["20.0.10.1/32", "30.0.10.1/32"]
    assert routes[0]["attributes"]["origin"] == "i" and routes[0]["age_seconds"] == 59 * 3600 + 54 * 60 + 37


def test_cilium_routes_communities_text_and_json():
    text = {r["prefix"]: r for r in P("device/cilium_bgp_routes_advertised.txt")["routes"]}
    assert text["30.0.10.1/32"]["attributes"]["communities"] == ["64512:302", "no-export"]
    assert text["20.0.10.1/32"]["peer"] == "192.168.1.1"
    js = {r["prefix"]: r for r in P("device/cilium_bgp_routes.json")["routes"]}
    assert js["20.0.10.1/32"]["attributes"]["communities"] == ["64512:301"]
    assert js["20.0.10.1/32"]["attributes"]["as_path"] == "64512"
    assert js["30.0.10.1/32"]["attributes"]["communities"] == ["64512:302"]
    assert js["20.0.10.1/32"]["age"] == "20h2m1s"


def test_kube_objects():
    assert P("seed/kube_sidmanager_grep.txt")["prefixes"] == ["cafe:cafe:2be::/48"]
    assert P("device/kube_sidmanager.yaml")["nodes"] == [
        {"node": "ubuntuk8.local", "locators": [{"pool": "pool0", "prefix": "cafe:cafe:2be::/48"}]}]
    svc = {s["name"]: s for s in P("device/kube_services.json")["services"]}
    assert svc["nginx-service"]["lb_ingress_ips"] == ["20.0.10.1"] and svc["nginx-service"]["labels"] == {"servicebgp": "proxy"}
    table = {s["name"]: s for s in P("seed/kube_get_service.txt")["services"]}
    assert table["nginx-service2"]["lb_ingress_ips"] == ["30.0.10.1"] and table["nginx-app"]["ports"][0]["node_port"] == 31705
    assert P("seed/kube_ippool_pod1_cidr.txt")["cidrs"] == ["20.0.10.0/24"]
    pools = P("device/kube_lb_pools.json")
    assert pools["cidrs"] == ["20.0.10.0/24", "30.0.10.0/24"] and pools["pools"][1]["disabled"]


# ------------------------------------------------------------------ normalisation


def test_crlf_prompt_more_and_timestamp_are_ignored():
    base = load_fixture("seed/xr_bgp_vpnv4_received_sids.txt")
    noisy = "\r\n".join(["Thu Nov 26 10:00:00.123 UTC"] + base.split("\n") + [" --More-- ", "RP/0/RP0/CPU0:XRV#"])
    assert parse("iosxr.bgp_vpnv4_received_sids", noisy) == parse("iosxr.bgp_vpnv4_received_sids", base)


# ------------------------------------------------------------------ malformed input


BAD = [
    ("nxos.bgp_vrf_summary", "BGP summary information for VRF X, address family IPv4 Unicast\n"
     "Neighbor V AS MsgRcvd MsgSent TblVer InQ OutQ Up/Down State/PfxRcd\n10.0.0.1 4 65000 x y 1 0 0 1d 4", 3),
    ("nxos.bgp_vrf_summary", "Leaf01# show bgp vrf X ipv4 unicast summary\nthis is not bgp", 2),
    ("nxos.bgp_vrf_summary", "", None),
    # a long AS number pushed the counters onto the next line: the error names the row's first line
    ("nxos.bgp_vrf_summary", "Neighbor V AS MsgRcvd MsgSent TblVer InQ OutQ Up/Down State/PfxRcd\n"
     "10.0.0.1 4 4200000000\n x 1 1 0 0 00:01:00 4", 2),
    ("nxos.bgp_vrf_summary_json", '{"TABLE_vrf": {"ROW_vrf": ', 1),
    ("nxos.bgp_evpn_vrf", "BGP routing table information for VRF default, address family L2VPN EVPN\n"
     "*>l[5]:[0]:[0]:[24]:[10.0.0.0]/224", 2),
    ("nxos.bgp_evpn_vrf", "BGP routing table information for VRF default, address family L2VPN EVPN\n"
     "Route Distinguisher: 1.1.1.1:3\n*>l[5]:[0]:[0]:[24]:[10.0.0.0]/224\n10.1.1.1 0 100 32768 X", 4),
    ("nxos.bgp_evpn_prefix", "garbage before any entry", 1),
    ("nxos.running_config", "vni 100301", 1),
    ("nxos.community_list", "Standard Community List A\n10 allow 1:1", 2),
    ("nxos.extcommunity_list", "Standard Community List A\n10 permit 1:1", 1),
    ("iosxr.bgp_vpnv4_unicast_summary", "Neighbor Spk AS MsgRcvd MsgSent TblVer InQ OutQ Up/Down St/PfxRcd\n"
     "2016::1\n0 65000 x 1 1 0 0 00:01:00 1", 3),
    ("iosxr.bgp_ipv6_unicast_summary", "some banner text only", 1),
    ("iosxr.bgp_vpnv4_received_sids", "Route Distinguisher: 10:10 (default for vrf blue)\n"
     "*>i10.23.0.0/24 2016::1 junk", 2),
    ("iosxr.bgp_vpnv4_local_sids", "Route Distinguisher: 10:10\n*> 1.1.1.1/32 cafe::1 per-vrf", 2),
    ("iosxr.bgp_vpnv4_vrf", "Route Distinguisher: 10:10\n*> 1.1.1.1/32 0.0.0.0 0 32768 Z", 2),
    ("iosxr.route_ipv6", "[0/0] via ::, 2d10h", 1),
    ("iosxr.route_ipv4", "B 10.0.0.0/8 something odd", 1),
    ("iosxr.run_interface", " vrf blue", 1),
    ("cilium.bgp_peers", "ubuntu2.local 64512 65000 192.168.1.1 established 1s ipv4/unicast 2 6", 1),
    ("cilium.bgp_peers", "Node Local AS Peer AS Peer Address Session State Uptime Family Received Advertised\n"
     "ubuntu2.local 64512 65000 192.168.1.1 established 1s ipv4/unicast two 6", 2),
    # only `cilium bgp routes` prints the "(Defaulting to ...)" remark
    ("cilium.bgp_peers", "(Defaulting to `available ipv4 unicast` routes)\n"
     "Node Local AS Peer AS Peer Address Session State Uptime Family Received Advertised", 1),
    ("cilium.bgp_peers_json", "[1, 2]", None),
    ("cilium.bgp_routes", "Node VRouter Prefix NextHop Age Attrs\nnode1 64512 10.0.0.0/24 0.0.0.0 1s [{Origin: i}", 2),
    ("cilium.bgp_routes", "(Defaulting to `available ipv4 unicast` routes, please see help for more options)", None),
    ("cilium.bgp_routes_json", '{"n": [{"prefix": "10.0.0.0/24", "paths": [{"path-attributes": [{"base64": "QAECAA=="}]}]}]}', None),
    ("kube.sidmanager", "kind: List\nitems: [ {a: 1} ]", None),
    ("kube.services", "{not json: [}", 1),
    ("kube.services_table", "NAME TYPE\nx y", 1),
    ("kube.lb_pools", '{"items": [{"metadata": {"name": "p"}, "spec": {"blocks": [{}]}}]}', None),
]


@pytest.mark.parametrize("cid,text,line_no", BAD, ids=["%s-%d" % (b[0], i) for i, b in enumerate(BAD)])
def test_malformed_input_raises_parse_error(cid, text, line_no):
    with pytest.raises(ParseError) as info:
        parse(cid, text)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.command == cid and str(err).startswith(cid + ":")
    assert err.line_no == line_no
    if line_no is not None:
        assert err.line == text.split("\n")[line_no - 1].rstrip()


def test_unknown_command_id():
    with pytest.raises(ParseError, match="unknown command id"):
        parse("nxos.no_such_command", "x")


def test_non_text_input_is_a_parse_error():
    with pytest.raises(ParseError):
        parse("nxos.bgp_vrf_summary", None)
