# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS ``| json`` facts, one at a time: each test reads the smallest NX-API document that carries one fact
and, beside it, a twin that differs by that fact only.

Key names are the NX-API ``__readonly__`` names of the N9K 9.3 command reference ("show bgp ... summary",
"show bgp l2vpn evpn", "show ip route"); several commands and releases spell the same fact differently
(``vrf-name-out`` / ``vrf-name`` / ``vrf``, ``neighborid`` / ``ipv6neighborid``, ``ipnexthop`` / ``ipv6nexthop``),
so each spelling is read on its own.
"""

import json

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError, nxos_json as nxj
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli, shapes


def summary(neighbor, **ctx):
    """show bgp ... summary | json with one neighbour row under one VRF/AF row carrying *ctx*."""
    return json.dumps({"TABLE_vrf": {"ROW_vrf": dict(ctx, TABLE_neighbor={"ROW_neighbor": neighbor})}})


def one_block(text):
    res = nxj.nxos_json(text)
    (block,) = res["vrfs"]
    return block


# --- rows(): the walk --------------------------------------------------------------------------------------------


def test_rows_in_document_order_with_ancestor_scalars_as_context():
    doc = {"TABLE_vrf": {"ROW_vrf": [
        {"vrf-name-out": "red", "TABLE_neighbor": {"ROW_neighbor": [{"neighborid": "10.0.0.1"}, {"neighborid": "10.0.0.2"}]}},
        {"vrf-name-out": "blue", "TABLE_neighbor": {"ROW_neighbor": {"neighborid": "10.0.0.3"}}}]}}
    got = [(t, own.get("neighborid") or own.get("vrf-name-out"), ctx.get("vrf-name-out")) for t, own, ctx in nxj.rows(doc)]
    assert got == [("vrf", "red", None), ("neighbor", "10.0.0.1", "red"), ("neighbor", "10.0.0.2", "red"),
                   ("vrf", "blue", None), ("neighbor", "10.0.0.3", "blue")]


def test_rows_own_fields_are_the_scalars_only():
    ((table, own, ctx),) = nxj.rows({"TABLE_x": {"ROW_x": {"a": 1, "b": "s", "c": None, "l": [1], "d": {"e": 1}}}})
    assert (table, own, ctx) == ("x", {"a": 1, "b": "s", "c": None}, {})


def test_rows_walk_plain_objects_but_not_stray_rows_or_scalars():
    doc = {"meta": {"vrf": "red", "TABLE_n": {"ROW_n": {"neighborid": "10.0.0.1"}}},  # a wrapper object: walked
           "ROW_n": {"neighborid": "10.9.9.9", "TABLE_k": {"ROW_k": {"a": 1}}},  # a ROW_ outside its TABLE_: not walked
           "TABLE_m": {"ROW_m": ["junk", None, 7, {"k": "v"}]}}  # non-object items: skipped
    got = list(nxj.rows(doc))
    assert got == [("n", {"neighborid": "10.0.0.1"}, {"vrf": "red"}), ("m", {"k": "v"}, {})]


def test_rows_of_a_scalar_document_or_table_are_none():
    assert nxj.rows(["TABLE_x"]) == [] and nxj.rows("x") == [] and nxj.rows({"TABLE_s": "not an object"}) == []


def test_row_limit_is_an_error_naming_the_limit(monkeypatch):
    monkeypatch.setattr(nxj, "MAX_ROWS", 2)
    two = {"TABLE_x": {"ROW_x": [{}, {}]}}
    assert len(nxj.rows(two)) == 2
    with pytest.raises(ParseError) as err:
        nxj.rows({"TABLE_x": {"ROW_x": [{}, {}, {}]}})
    assert (err.value.command, err.value.reason) == ("nxos_json", "more than 2 rows")


# --- BGP summary ---------------------------------------------------------------------------------------------------


def test_summary_facts():
    block = one_block(summary({"neighborid": "10.0.0.2", "neighboras": "65001", "time": "P1DT2H", "state": "Established",
                               "prefixreceived": "4", "msgrecvd": 13305, "msgsent": "13197"},
                              **{"vrf-name-out": "red", "af-name": "IPv4 Unicast", "vrf-router-id": "10.0.0.1", "vrf-local-as": "65000"}))
    assert block == {"vrf": "red", "address_family": "IPv4 Unicast", "router_id": "10.0.0.1", "local_as": 65000, "neighbors": [
        {"neighbor": "10.0.0.2", "remote_as": 65001, "up_down": "P1DT2H", "state": "Established", "prefixes_received": 4,
         "msg_rcvd": 13305, "msg_sent": 13197}]}


@pytest.mark.parametrize("state", ["Idle", "Active", "Connect", ""])
def test_prefixes_received_only_for_an_established_session(state):
    (n,) = one_block(summary({"neighborid": "10.0.0.2", "state": state, "prefixreceived": "4"}))["neighbors"]
    assert n["prefixes_received"] is None and n["state"] == state


def test_established_is_read_in_any_case():
    (n,) = one_block(summary({"neighborid": "10.0.0.2", "state": "ESTABLISHED", "prefixreceived": "3"}))["neighbors"]
    assert n["prefixes_received"] == 3


@pytest.mark.parametrize("key", ["vrf-name-out", "vrf-name", "vrf"])
def test_vrf_name_spellings(key):
    assert one_block(summary({"neighborid": "10.0.0.2"}, **{key: "red"}))["vrf"] == "red"


@pytest.mark.parametrize("key", ["af-name", "addr-family", "afi"])
def test_address_family_spellings(key):
    assert one_block(summary({"neighborid": "10.0.0.2"}, **{key: "IPv6 Unicast"}))["address_family"] == "IPv6 Unicast"


@pytest.mark.parametrize("key", ["vrf-router-id", "router-id"])
def test_router_id_spellings(key):
    assert one_block(summary({"neighborid": "10.0.0.2"}, **{key: "10.0.0.1"}))["router_id"] == "10.0.0.1"


@pytest.mark.parametrize("key", ["vrf-local-as", "localas", "local-as"])
def test_local_as_spellings(key):
    assert one_block(summary({"neighborid": "10.0.0.2"}, **{key: "65000"}))["local_as"] == 65000


@pytest.mark.parametrize("key", ["neighborid", "ipv6neighborid", "neighbor-id", "neighbor"])
def test_neighbor_spellings(key):
    (n,) = one_block(summary({key: "fd00::2"}))["neighbors"]
    assert n["neighbor"] == "fd00::2"


@pytest.mark.parametrize("key", ["neighboras", "remoteas", "remote-as"])
def test_remote_as_spellings(key):
    (n,) = one_block(summary({"neighborid": "10.0.0.2", key: "4200000001"}))["neighbors"]
    assert n["remote_as"] == 4200000001


@pytest.mark.parametrize("key", ["time", "uptime"])
def test_up_down_spellings(key):
    (n,) = one_block(summary({"neighborid": "10.0.0.2", key: "00:01:02"}))["neighbors"]
    assert n["up_down"] == "00:01:02"


def test_a_non_number_count_is_none_not_an_error():
    (n,) = one_block(summary({"neighborid": "10.0.0.2", "neighboras": "1.10", "msgrecvd": None, "msgsent": "n/a"}))["neighbors"]
    assert (n["remote_as"], n["msg_rcvd"], n["msg_sent"]) == (None, None, None)


def test_neighbours_of_one_vrf_and_family_share_a_block_and_others_get_their_own():
    doc = {"TABLE_vrf": {"ROW_vrf": [
        {"vrf-name-out": "red", "TABLE_af": {"ROW_af": [
            {"af-name": "IPv4 Unicast", "TABLE_neighbor": {"ROW_neighbor": [{"neighborid": "10.0.0.2"}, {"neighborid": "10.0.0.3"}]}},
            {"af-name": "IPv6 Unicast", "TABLE_neighbor": {"ROW_neighbor": {"neighborid": "fd00::2"}}}]}},
        {"vrf-name-out": "blue", "TABLE_af": {"ROW_af": {
            "af-name": "IPv4 Unicast", "TABLE_neighbor": {"ROW_neighbor": {"neighborid": "10.1.0.2"}}}}}]}}
    res = nxj.nxos_json(json.dumps(doc))
    assert [(b["vrf"], b["address_family"], [n["neighbor"] for n in b["neighbors"]]) for b in res["vrfs"]] == [
        ("red", "IPv4 Unicast", ["10.0.0.2", "10.0.0.3"]), ("red", "IPv6 Unicast", ["fd00::2"]), ("blue", "IPv4 Unicast", ["10.1.0.2"])]
    assert res["routes"] == [] and res["rib_routes"] == [] and res["unparsed"] == []


# --- BGP table / detail paths --------------------------------------------------------------------------------------


def bgp_path(prefix_row, path, extra=None):
    row = dict(prefix_row, TABLE_path={"ROW_path": path})
    doc = {"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": "default", "af-name": "L2VPN EVPN",
                                     "TABLE_rd": {"ROW_rd": {"rd_val": "10.70.0.11:5", "TABLE_prefix": {"ROW_prefix": row}}}}}}
    if extra:
        doc.update(extra)
    return nxj.nxos_json(json.dumps(doc))


def test_table_path_facts():
    res = bgp_path({"nonipprefix": "[5]:[0]:[0]:[24]:[10.71.1.0]/224"},
                   {"statuscode": "*", "bestcode": ">", "typecode": "l", "ipnexthop": "10.77.0.111", "metric": 0,
                    "localpref": 100, "weight": 32768, "aspath": " 64512 64513 ", "origin": "i"})
    (r,) = res["routes"]
    assert (r["vrf"], r["address_family"], r["rd"], r["route"], r["prefix"], r["route_type"]) == (
        "default", "L2VPN EVPN", "10.70.0.11:5", "[5]:[0]:[0]:[24]:[10.71.1.0]/224", "10.71.1.0/24", 5)
    assert (r["status"], r["valid"], r["best"], r["next_hop"]) == ("*>l", True, True, "10.77.0.111")
    assert (r["metric"], r["local_pref"], r["weight"], r["as_path"], r["origin"]) == (0, 100, 32768, "64512 64513", "i")
    assert (r["communities"], r["extcommunities"], r["route_targets"], r["sid"]) == ([], [], [], None)
    assert set(r) <= set(shapes.BgpPath.__annotations__), set(r) - set(shapes.BgpPath.__annotations__)


def test_status_codes_missing_or_partial():
    (valid_only,) = bgp_path({"ipprefix": "10.1.0.0/24"}, {"statuscode": "*", "ipnexthop": "10.0.0.1", "aspath": ""})["routes"]
    assert (valid_only["status"], valid_only["valid"], valid_only["best"], valid_only["as_path"]) == ("*", True, False, "")
    (none,) = bgp_path({"ipprefix": "10.1.0.0/24"}, {"statuscode": None, "bestcode": None, "typecode": "i",
                                                     "ipnexthop": "10.0.0.1", "aspath": ""})["routes"]
    assert (none["status"], none["valid"], none["best"]) == ("i", False, False)
    (best,) = bgp_path({"ipprefix": "10.1.0.0/24"}, {"bestcode": ">", "ipnexthop": "10.0.0.1", "aspath": ""})["routes"]
    assert (best["status"], best["valid"], best["best"]) == (">", False, True)


def test_status_spaces_are_trimmed():
    (r,) = bgp_path({"ipprefix": "10.1.0.0/24"}, {"statuscode": " ", "bestcode": " ", "typecode": "e",
                                                  "ipnexthop": "10.0.0.1", "aspath": ""})["routes"]
    assert r["status"] == "e"


@pytest.mark.parametrize("valid,best", [("true", "true"), ("true", "false"), ("false", "false"), (True, False)])
def test_detail_pathvalid_and_pathbest_flags(valid, best):
    (r,) = bgp_path({"ipprefix": "10.1.0.0/24"}, {"pathvalid": valid, "pathbest": best, "ipnexthop": "10.0.0.1", "aspath": "1"})["routes"]
    assert (r["valid"], r["best"]) == (str(valid).lower() == "true", str(best).lower() == "true")


@pytest.mark.parametrize("key,value", [("nonipprefix", "10.2.0.0/16"), ("ipprefix", "10.2.0.0/16"), ("ipv6prefix", "fd00:2::/64")])
def test_prefix_spellings(key, value):
    (r,) = bgp_path({key: value}, {"ipnexthop": "10.0.0.1", "aspath": ""})["routes"]
    assert r["prefix"] == value


def test_a_path_without_a_prefix_has_an_empty_route():
    res = nxj.nxos_json(json.dumps({"TABLE_path": {"ROW_path": {"ipnexthop": "10.0.0.1", "aspath": "1"}}}))
    (r,) = res["routes"]
    assert (r["route"], r["prefix"], r["vrf"], r["rd"]) == ("", "", None, None)


def test_ipv6_next_hop():
    (r,) = bgp_path({"ipv6prefix": "fd00:2::/64"}, {"ipv6nexthop": "fd00::1", "aspath": "65001"})["routes"]
    assert r["next_hop"] == "fd00::1" and r["as_path"] == "65001"


def test_a_path_without_an_as_path_is_not_a_bgp_path():
    res = bgp_path({"ipprefix": "10.1.0.0/24"}, {"ipnexthop": "10.0.0.1", "statuscode": "*"})
    assert res["routes"] == [] and [r["prefix"] for r in res["rib_routes"]] == ["10.1.0.0/24"]


def test_a_path_without_a_next_hop_is_not_a_bgp_path():
    res = bgp_path({"ipprefix": "10.1.0.0/24"}, {"aspath": "65001", "pathnr": 0})
    assert res["routes"] == [] and res["rib_routes"] == []


def test_communities_attach_to_the_path_before_them_and_route_targets_come_from_rt():
    res = bgp_path({"ipprefix": "10.1.0.0/24"}, [
        {"ipnexthop": "10.0.0.1", "aspath": "1", "TABLE_community": {"ROW_community": {"community": "64512:301 64512:302"}}},
        {"ipnexthop": "10.0.0.2", "aspath": "2", "TABLE_extcommunity": {"ROW_extcommunity": [
            {"extcommunity": "RT:65000:100302"}, {"extcommunity": "ENCAP:8"}, {"extcommunity": "RT:65000:7 SOO:1:1"}]}}])
    first, second = res["routes"]
    assert (first["communities"], first["extcommunities"], first["route_targets"]) == (["64512:301", "64512:302"], [], [])
    assert second["communities"] == []
    assert second["extcommunities"] == ["RT:65000:100302", "ENCAP:8", "RT:65000:7", "SOO:1:1"]
    assert second["route_targets"] == ["65000:100302", "65000:7"]


def test_a_community_row_before_any_path_is_ignored():
    doc = {"TABLE_community": {"ROW_community": {"community": "1:1"}}}
    res = nxj.nxos_json(json.dumps(doc))
    assert res == {"vrfs": [], "routes": [], "unparsed": [], "rib_routes": []}


def test_empty_community_row():
    (r,) = bgp_path({"ipprefix": "10.1.0.0/24"}, {"ipnexthop": "10.0.0.1", "aspath": "1",
                                                  "TABLE_community": {"ROW_community": {"community": None}}})["routes"]
    assert r["communities"] == []


# --- RIB (show ip route | json) -------------------------------------------------------------------------------------


def rib(prefixes, vrf="red"):
    return nxj.nxos_json(json.dumps({"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": vrf, "TABLE_addrf": {"ROW_addrf": {
        "addrf": "ipv4", "TABLE_prefix": {"ROW_prefix": prefixes}}}}}}))["rib_routes"]


def test_rib_path_facts():
    (r,) = rib({"ipprefix": "10.0.0.0/24", "ucast-nhops": "1", "TABLE_path": {"ROW_path": {
        "ipnexthop": "10.0.0.1", "ifname": "Eth1/1", "uptime": "P1DT2H", "pref": 1, "metric": "0", "clientname": "static",
        "ubest": "true", "nh-vrf": "blue"}}})
    assert r == {"vrf": "red", "prefix": "10.0.0.0/24", "protocol": "static", "paths": [
        {"next_hop": "10.0.0.1", "interface": "Eth1/1", "distance": 1, "metric": 0, "age": "P1DT2H", "best": True, "nexthop_vrf": "blue"}]}


@pytest.mark.parametrize("path", [{"ifname": "Null0"}, {"uptime": "00:00:01"}, {"ipv6nexthop": "fd00::1", "ipnexthop": "::"}])
def test_rib_path_needs_a_next_hop_an_interface_or_an_age(path):
    (r,) = rib({"ipv6prefix": "fd00::/64", "TABLE_path": {"ROW_path": dict(path, ubest="false", vrf_name_out="default")}})
    (p,) = r["paths"]
    assert (r["prefix"], p["best"], p["nexthop_vrf"]) == ("fd00::/64", False, "default")
    assert p["next_hop"] == (path.get("ipnexthop") or path.get("ipv6nexthop"))


def test_rib_ipv6_next_hop_when_no_ipv4_one():
    (r,) = rib({"ipv6prefix": "fd00::/64", "TABLE_path": {"ROW_path": {"ipv6nexthop": "fd00::1", "uptime": "P1D", "ubest": True}}})
    assert r["paths"][0]["next_hop"] == "fd00::1" and r["paths"][0]["best"] is True


def test_rib_paths_of_one_prefix_merge_and_other_prefixes_or_vrfs_do_not():
    red = rib([{"ipprefix": "10.0.0.0/24", "TABLE_path": {"ROW_path": [{"ipnexthop": "10.0.0.1"}, {"ipnexthop": "10.0.0.2"}]}},
               {"ipprefix": "10.0.0.0/24", "TABLE_path": {"ROW_path": {"ipnexthop": "10.0.0.3"}}},
               {"ipprefix": "10.0.1.0/24", "TABLE_path": {"ROW_path": {"ipnexthop": "10.0.0.4"}}}])
    assert [(r["prefix"], [p["next_hop"] for p in r["paths"]]) for r in red] == [
        ("10.0.0.0/24", ["10.0.0.1", "10.0.0.2", "10.0.0.3"]), ("10.0.1.0/24", ["10.0.0.4"])]
    doc = {"TABLE_vrf": {"ROW_vrf": [
        {"vrf-name-out": v, "TABLE_prefix": {"ROW_prefix": {"ipprefix": "10.0.0.0/24", "TABLE_path": {"ROW_path": {"ipnexthop": h}}}}}
        for v, h in (("red", "10.0.0.1"), ("blue", "10.0.0.2"))]}}
    both = nxj.nxos_json(json.dumps(doc))["rib_routes"]
    assert [(r["vrf"], r["paths"][0]["next_hop"]) for r in both] == [("red", "10.0.0.1"), ("blue", "10.0.0.2")]


def test_rib_path_is_not_a_bgp_route():
    res = nxj.nxos_json(json.dumps({"TABLE_prefix": {"ROW_prefix": {"ipprefix": "10.0.0.0/24", "TABLE_path": {
        "ROW_path": {"ipnexthop": "10.0.0.1", "clientname": "bgp-65000"}}}}}))
    assert res["routes"] == [] and res["rib_routes"][0]["protocol"] == "bgp-65000"


def test_through_parse_cli_json_form_is_dispatched_by_the_pipe():
    text = summary({"neighborid": "10.0.0.2", "state": "Established", "prefixreceived": "1"}, **{"vrf-name-out": "red"})
    res = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary | json", text)
    assert res["status"] == "ok" and res["vrfs"][0]["neighbors"][0]["prefixes_received"] == 1


def test_not_json_is_an_error_naming_the_parser():
    with pytest.raises(ParseError) as err:
        nxj.nxos_json("BGP summary information for VRF red\n")
    assert err.value.command == "nxos_json" and err.value.line_no == 1
