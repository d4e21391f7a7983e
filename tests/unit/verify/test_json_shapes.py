# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS ``| json`` read as the text form's shared shapes (parse/nxos_json_shapes.py), one field at a time.

Each test builds the smallest NX-API document carrying the field (the real TABLE_/ROW_ layout, values as strings
the way the box prints them) and checks the field lands where the text parser puts it. The real documents in
tests/unit/verify/data/nxos_json (sources in SOURCES.md there) are read whole.
"""

import json
import os

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError, parse_cli
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import nxos_json_shapes as nxs

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "nxos_json")


def summary_doc(neighbors, vrf="red", rid="10.0.0.1", local_as="65000", af="IPv4 Unicast"):
    saf = {"safi": "1", "af-name": af}
    if neighbors is not None:
        saf["TABLE_neighbor"] = {"ROW_neighbor": neighbors}
    return json.dumps({"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": vrf, "vrf-router-id": rid, "vrf-local-as": local_as,
                                                 "TABLE_af": {"ROW_af": {"af-id": "1", "TABLE_saf": {"ROW_saf": saf}}}}}})


def table_doc(paths, prefix_key="ipprefix", prefix="10.1.0.0/24", rd=None, af="IPv4 Unicast", vrf="red"):
    rd_row = {"TABLE_prefix": {"ROW_prefix": {prefix_key: prefix, "TABLE_path": {"ROW_path": paths}}}}
    rd_row.update(rd or {})
    return json.dumps({"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": vrf, "TABLE_afi": {"ROW_afi": {"afi": "1", "TABLE_safi": {
        "ROW_safi": {"safi": "1", "af-name": af, "router-id": "10.0.0.9", "TABLE_rd": {"ROW_rd": rd_row}}}}}}}})


NEIGHBOR = {"neighborid": "192.168.16.35", "neighborversion": "4", "msgrecvd": "8", "msgsent": "9", "neighboras": "64512",
            "time": "1d02h", "state": "Established", "prefixreceived": "4"}


# --- bgp_summary -------------------------------------------------------------------------------------------------


def test_summary_every_field():
    res = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary | json", summary_doc(NEIGHBOR))
    assert res["kind"] == "bgp_summary" and res["status"] == "ok" and res["unparsed"] == []
    assert (res["router_id"], res["local_as"]) == ("10.0.0.1", 65000)
    (block,) = res["vrfs"]
    assert {k: block[k] for k in ("vrf", "address_family", "router_id", "local_as")} == {
        "vrf": "red", "address_family": "IPv4 Unicast", "router_id": "10.0.0.1", "local_as": 65000}
    assert block["neighbors"] == [{"neighbor": "192.168.16.35", "version": 4, "remote_as": 64512, "msg_rcvd": 8, "msg_sent": 9,
                                   "up_down": "1d02h", "state": "Established", "prefixes_received": 4}]


@pytest.mark.parametrize("state, count", [("Idle", None), ("Active", None), ("Idle (Admin)", None), ("Established", 4)])
def test_summary_prefix_count_only_when_established(state, count):
    res = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary | json", summary_doc(dict(NEIGHBOR, state=state)))
    (nbr,) = res["vrfs"][0]["neighbors"]
    assert (nbr["state"], nbr["prefixes_received"]) == (state, count)


def test_summary_one_row_as_object_or_list_reads_the_same():
    one = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary | json", summary_doc(NEIGHBOR))
    listed = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary | json", summary_doc([NEIGHBOR]))
    assert one == listed
    two = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary | json",
                    summary_doc([NEIGHBOR, dict(NEIGHBOR, neighborid="10.9.9.9")]))
    assert [n["neighbor"] for n in two["vrfs"][0]["neighbors"]] == ["192.168.16.35", "10.9.9.9"]


def test_summary_asdot_and_numbers_as_numbers():
    res = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary | json",
                    summary_doc(dict(NEIGHBOR, neighboras="1.10", msgrecvd=192059), local_as="8.1201"))
    (nbr,) = res["vrfs"][0]["neighbors"]
    assert (nbr["remote_as"], nbr["msg_rcvd"], res["local_as"]) == (65546, 192059, 8 * 65536 + 1201)


@pytest.mark.parametrize("value", ["\u00b2", "\u0663", "1.5", "-1", " ", "4e3", True, 2.5, None, [], {}])
def test_numbers_that_are_not_plain_ascii_digits_are_none(value):
    res = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary | json", summary_doc(dict(NEIGHBOR, msgrecvd=value)))
    assert res["vrfs"][0]["neighbors"][0]["msg_rcvd"] is None


def test_summary_missing_fields_are_none():
    res = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary | json", summary_doc({"neighborid": "10.0.0.2"}))
    assert res["vrfs"][0]["neighbors"] == [{"neighbor": "10.0.0.2", "version": None, "remote_as": None, "msg_rcvd": None,
                                            "msg_sent": None, "up_down": None, "state": "", "prefixes_received": None}]


def test_summary_a_neighbour_row_without_its_address_is_unparsed_with_its_data_path():
    res = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary | json", summary_doc([NEIGHBOR, {"state": "Idle"}]))
    assert res["status"] == "partial"
    (lost,) = res["unparsed"]
    assert lost["text"] == "TABLE_vrf/ROW_vrf/TABLE_af/ROW_af/TABLE_saf/ROW_saf/TABLE_neighbor/ROW_neighbor[1]"
    assert lost["may_hold_facts"] is True and "neighborid" in lost["reason"]


def test_summary_of_an_af_without_neighbours_is_a_block_without_neighbours():
    res = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary | json", summary_doc(None))
    assert [(b["vrf"], b["neighbors"]) for b in res["vrfs"]] == [("red", [])] and res["status"] == "ok"


def test_summary_blocks_kept_as_the_text_parser_keeps_them():
    """A block with neither neighbour nor router id goes when another block says something (bgp.bgp_summary's rule)."""
    doc = {"TABLE_vrf": {"ROW_vrf": [
        {"vrf-name-out": "red", "TABLE_af": {"ROW_af": {"TABLE_saf": {"ROW_saf": {"af-name": "IPv4 Unicast"}}}}},
        {"vrf-name-out": "blue", "TABLE_af": {"ROW_af": {"TABLE_saf": {"ROW_saf": {
            "af-name": "IPv4 Unicast", "TABLE_neighbor": {"ROW_neighbor": NEIGHBOR}}}}}}]}}
    res = parse_cli("nxos", "show bgp vrf all ipv4 unicast summary | json", json.dumps(doc))
    assert [b["vrf"] for b in res["vrfs"]] == ["blue"]
    alone = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary | json", json.dumps({"TABLE_vrf": {"ROW_vrf": doc["TABLE_vrf"]["ROW_vrf"][0]}}))
    assert [b["vrf"] for b in alone["vrfs"]] == ["red"]


# --- bgp_table / bgp_detail --------------------------------------------------------------------------------------

PATH = {"pathnr": "0", "statuscode": "*", "bestcode": ">", "typecode": "e", "ipnexthop": "10.77.0.111", "weight": "0",
        "origin": "i", "localpref": "", "metric": "", "aspath": "64512"}


def test_table_every_field():
    res = parse_cli("nxos", "show bgp vrf red ipv4 unicast | json", table_doc(PATH))
    assert res["kind"] == "bgp_table" and res["status"] == "ok"
    assert (res["router_id"], res["local_as"], res["route_distinguishers"]) == ("10.0.0.9", None, [])
    (r,) = res["routes"]
    assert r == {"vrf": "red", "address_family": "IPv4 Unicast", "rd": None, "l3vni": None, "route": "10.1.0.0/24",
                 "prefix": "10.1.0.0/24", "route_type": None, "mac": None, "status": "*>e", "valid": True, "best": True,
                 "multipath": False, "path_type": "e", "internal": False, "next_hop": "10.77.0.111", "metric": None,
                 "local_pref": None, "weight": 0, "as_path": "64512", "origin": "i", "communities": [], "extcommunities": [],
                 "route_targets": [], "sid": None}


@pytest.mark.parametrize("codes, valid, best, ptype, internal", [
    (("*", ">", "i"), True, True, "i", True), (("*", "", "e"), True, False, "e", False),
    (("", "", "i"), False, False, "i", True), (("*", ">", "l"), True, True, "l", False)])
def test_table_status_codes(codes, valid, best, ptype, internal):
    path = dict(PATH, statuscode=codes[0], bestcode=codes[1], typecode=codes[2])
    (r,) = parse_cli("nxos", "show bgp vrf red ipv4 unicast | json", table_doc(path))["routes"]
    assert (r["status"], r["valid"], r["best"], r["path_type"], r["internal"]) == ("".join(codes), valid, best, ptype, internal)


def test_table_numbers_and_blank_columns():
    (r,) = parse_cli("nxos", "show bgp vrf red ipv4 unicast | json",
                     table_doc(dict(PATH, metric="0", localpref="100", weight="32768", aspath="", origin="?")))["routes"]
    assert (r["metric"], r["local_pref"], r["weight"], r["as_path"], r["origin"]) == (0, 100, 32768, "", "?")


def test_table_evpn_nlri_rd_and_l3vni():
    rd = {"rd_val": "10.70.0.11:4", "rd_vniid": "100302", "rd_vrf": "l3"}
    res = parse_cli("nxos", "show bgp l2vpn evpn vrf red | json",
                    table_doc(dict(PATH, typecode="l"), prefix_key="nonipprefix", prefix="[5]:[0]:[0]:[32]:[20.0.10.1]/224",
                              rd=rd, af="L2VPN EVPN", vrf="default"))
    assert res["route_distinguishers"] == [{"rd": "10.70.0.11:4", "vrf": "default", "l3vni": 100302, "l2vni": None}]
    (r,) = res["routes"]
    assert (r["vrf"], r["rd"], r["l3vni"], r["route_type"], r["prefix"], r["route"]) == (
        "default", "10.70.0.11:4", 100302, 5, "20.0.10.1/32", "[5]:[0]:[0]:[32]:[20.0.10.1]/224")


def test_table_l2_rd_is_an_l2vni():
    rd = {"rd_val": "10.0.0.1:32868", "rd_vniid": "10101", "rd_vrf": "l2"}
    res = parse_cli("nxos", "show bgp l2vpn evpn | json",
                    table_doc(PATH, prefix_key="nonipprefix", prefix="[3]:[0]:[32]:[10.196.7.7]/88", rd=rd, af="L2VPN EVPN"))
    assert res["route_distinguishers"][0]["l2vni"] == 10101 and res["routes"][0]["l3vni"] is None


def test_table_paths_as_a_list_keep_their_order_and_prefix():
    res = parse_cli("nxos", "show bgp vrf red ipv4 unicast | json",
                    table_doc([PATH, dict(PATH, bestcode="", ipnexthop="10.0.0.7")]))
    assert [(r["prefix"], r["next_hop"], r["best"]) for r in res["routes"]] == [
        ("10.1.0.0/24", "10.77.0.111", True), ("10.1.0.0/24", "10.0.0.7", False)]


def test_table_ipv6_prefix_and_next_hop():
    path = dict(PATH)
    del path["ipnexthop"]
    path["ipv6nexthop"] = "2001:db8::1"
    (r,) = parse_cli("nxos", "show bgp vrf red ipv6 unicast | json", table_doc(path, prefix_key="ipv6prefix",
                                                                               prefix="2001:db8:1::/64"))["routes"]
    assert (r["prefix"], r["next_hop"]) == ("2001:db8:1::/64", "2001:db8::1")


def test_table_missing_fields_are_none():
    (r,) = parse_cli("nxos", "show bgp vrf red ipv4 unicast | json", table_doc({"pathnr": "0"}))["routes"]
    assert [r[k] for k in ("next_hop", "metric", "local_pref", "weight", "origin", "path_type")] == [None] * 6
    assert (r["status"], r["valid"], r["best"], r["as_path"]) == ("", False, False, "")


def test_a_path_without_a_prefix_above_it_is_unparsed_with_its_data_path():
    doc = json.dumps({"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": "red", "TABLE_path": {"ROW_path": [PATH, PATH]}}}})
    res = parse_cli("nxos", "show bgp vrf red ipv4 unicast | json", doc)
    assert res["status"] == "partial" and res["routes"] == []
    assert [u["text"] for u in res["unparsed"]] == ["TABLE_vrf/ROW_vrf/TABLE_path/ROW_path[0]",
                                                    "TABLE_vrf/ROW_vrf/TABLE_path/ROW_path[1]"]


DETAIL_PATH = {"pathnr": "0", "pathvalid": "true", "pathbest": "true", "pathnolabeledrnh": "true", "pathtype": "external",
               "importsource": "10.70.0.11:6:[5]:[0]:[0]:[32]:[20.0.10.1]/224", "aspath": "64512", "ipnexthop": "192.168.16.35",
               "neighbor": "192.168.16.35", "origin": "igp", "localpref": "100", "weight": "0",
               "TABLE_community": {"ROW_community": {"community": "64512:301"}},
               "TABLE_extcommunity": {"ROW_extcommunity": [{"extcommunity": "RT:65000:100302"}, {"extcommunity": "ENCAP:8"},
                                                           {"extcommunity": "Router MAC:5254.0012.3456"}]}}


def test_detail_every_field():
    rd = {"rd_val": "10.70.0.11:6", "rd_vniid": "100301", "rd_vrf": "l3"}
    res = parse_cli("nxos", "show bgp l2vpn evpn 20.0.10.1 vrf red | json",
                    table_doc(DETAIL_PATH, prefix_key="nonipprefix", prefix="[5]:[0]:[0]:[32]:[20.0.10.1]/224", rd=rd,
                              af="L2VPN EVPN", vrf="default"))
    assert res["kind"] == "bgp_detail" and (res["communities"], res["extcommunities"], res["route_targets"]) == ([], [], [])
    (r,) = res["routes"]
    assert r["status"] == "external, path is valid, is best path, no labeled nexthop"
    assert (r["valid"], r["best"], r["path_type"], r["neighbor"], r["origin"]) == (True, True, "external", "192.168.16.35", "i")
    assert r["imported_from"] == "10.70.0.11:6:[5]:[0]:[0]:[32]:[20.0.10.1]/224"
    assert r["communities"] == ["64512:301"]
    assert r["extcommunities"] == ["RT:65000:100302", "ENCAP:8", "Router MAC:5254.0012.3456"]
    assert r["route_targets"] == ["65000:100302"] and r["large_communities"] == [] and r["metric"] is None


def test_detail_values_in_one_row_or_one_row_each_read_the_same():
    one_row = dict(DETAIL_PATH, TABLE_extcommunity={"ROW_extcommunity": {
        "extcommunity": "RT:65000:100302 ENCAP:8 Router MAC:5254.0012.3456"}})
    a = parse_cli("nxos", "show bgp vrf red ipv4 unicast 10.1.0.0/24 | json", table_doc(DETAIL_PATH))
    b = parse_cli("nxos", "show bgp vrf red ipv4 unicast 10.1.0.0/24 | json", table_doc(one_row))
    assert a == b


@pytest.mark.parametrize("origin, code", [("igp", "i"), ("IGP", "i"), ("egp", "e"), ("incomplete", "?"), ("?", "?"), ("x", None)])
def test_detail_origin_spelled_out(origin, code):
    (r,) = parse_cli("nxos", "show bgp vrf red ipv4 unicast detail | json", table_doc(dict(DETAIL_PATH, origin=origin)))["routes"]
    assert r["origin"] == code


def test_detail_an_invalid_path():
    (r,) = parse_cli("nxos", "show bgp vrf red ipv4 unicast detail | json",
                     table_doc(dict(DETAIL_PATH, pathvalid="false", pathbest="false")))["routes"]
    assert (r["valid"], r["best"], r["status"]) == (False, False, "external, path is invalid, no labeled nexthop")


# --- route_table -------------------------------------------------------------------------------------------------


def test_route_table_every_field():
    doc = {"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": "red", "TABLE_addrf": {"ROW_addrf": {"addrf": "ipv4", "TABLE_prefix": {
        "ROW_prefix": [{"ipprefix": "10.0.0.0/24", "ucast-nhops": "1", "mcast-nhops": "0", "attached": "true",
                        "TABLE_path": {"ROW_path": {"ipnexthop": "10.0.0.1", "ifname": "Vlan10", "uptime": "P2DT3H", "pref": "0",
                                                    "metric": "0", "clientname": "direct", "ubest": "true"}}},
                       {"ipprefix": "20.0.0.0/24", "ucast-nhops": "2", "mcast-nhops": "0", "attached": "false",
                        "TABLE_path": {"ROW_path": [
                            {"ipnexthop": "10.0.0.7", "pref": "200", "metric": "0", "clientname": "bgp-65000", "ubest": "true",
                             "tag": "65001"},
                            {"ipnexthop": "10.0.0.8", "pref": "200", "metric": "0", "clientname": "bgp-65000", "ubest": "true"}]}}]}}}}}}
    res = parse_cli("nxos", "show ip route vrf red | json", json.dumps(doc))
    assert res["kind"] == "route_table" and res["status"] == "ok"
    a, b = res["routes"]
    assert a == {"vrf": "red", "prefix": "10.0.0.0/24", "protocol": "direct", "code": None, "connected": True,
                 "flags": ["attached"], "srv6": None,
                 "paths": [{"next_hop": "10.0.0.1", "nexthop_vrf": None, "interface": "Vlan10", "distance": 0, "metric": 0,
                            "age": "2d03h", "best": True, "protocol": "direct", "tags": []}]}
    assert (b["protocol"], b["connected"], [p["next_hop"] for p in b["paths"]], b["paths"][0]["tags"]) == (
        "bgp", False, ["10.0.0.7", "10.0.0.8"], ["tag 65001"])


@pytest.mark.parametrize("uptime, age", [("P15DT19H3M44S", "2w1d"), ("PT40M52S", "00:40:52"), ("P1DT2H", "1d02h"),
                                         ("P2W", "2w0d"), ("PT0S", "00:00:00"), ("P1Y2M", "P1Y2M"), ("1d02h", "1d02h"),
                                         ("P", "P"), ("", None)])
def test_route_age_as_the_text_prints_it(uptime, age):
    assert nxs.nxos_age(uptime) == age


def test_route_type_and_tag_are_the_texts_tags():
    doc = {"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": "default", "TABLE_addrf": {"ROW_addrf": {"TABLE_prefix": {"ROW_prefix": {
        "ipprefix": "172.12.12.12/32", "TABLE_path": {"ROW_path": {"ipnexthop": "172.18.2.22", "uptime": "PT17H3M49S", "pref": "20",
                                                                   "metric": "0", "clientname": "bgp-45001", "type": "external",
                                                                   "tag": "45000", "ubest": "true"}}}}}}}}}
    (r,) = parse_cli("nxos", "show ip route | json", json.dumps(doc))["routes"]
    assert (r["protocol"], r["paths"][0]["tags"], r["paths"][0]["age"]) == ("bgp", ["external", "tag 45000"], "17:03:49")


def test_real_route_table_text_and_json_of_one_box_agree():
    """dist-sw01's `show ip route vrf all` and `... | json`, captured together (see data/nxos_json/SOURCES.md)."""
    base = os.path.join(DATA, "hpreston_dist-sw01_show_ip_route_vrf_all")
    with open(base + ".txt", encoding="utf-8") as fh:
        text = parse_cli("nxos", "show ip route vrf all", fh.read())
    with open(base + ".json", encoding="utf-8") as fh:
        as_json = parse_cli("nxos", "show ip route vrf all | json", fh.read())
    assert text["status"] == as_json["status"] == "ok" and len(as_json["routes"]) == 32
    assert as_json == text
    ecmp = [r for r in as_json["routes"] if r["prefix"] == "172.31.0.0/16"][0]
    assert [(p["next_hop"], p["interface"], p["distance"], p["metric"], p["tags"]) for p in ecmp["paths"]] == [
        ("172.16.252.2", "Eth1/3", 110, 20, ["type-2"]), ("172.16.252.6", "Eth1/4", 110, 20, ["type-2"])]
    assert {r["vrf"] for r in as_json["routes"]} == {"default", "management"}


# --- the document as a whole -------------------------------------------------------------------------------------


@pytest.mark.parametrize("doc", ["{}", '{"TABLE_vrf": {"ROW_vrf": []}}', "[]", "null", '{"TABLE_vrf": {}}'])
@pytest.mark.parametrize("command, kind", [("show bgp vrf red ipv4 unicast summary | json", "bgp_summary"),
                                           ("show bgp l2vpn evpn vrf red | json", "bgp_table"),
                                           ("show bgp l2vpn evpn 10.0.0.1 vrf red | json", "bgp_detail"),
                                           ("show ip route vrf red | json", "route_table")])
def test_a_document_without_any_vrf_row_is_an_empty_answer(doc, command, kind):
    res = parse_cli("nxos", command, doc)
    assert (res["kind"], res["status"]) == (kind, "empty") and "no VRF row" in res["message"]


@pytest.mark.parametrize("command", ["show bgp vrf red ipv4 unicast summary | json", "show bgp l2vpn evpn vrf red | json",
                                     "show ip route vrf red | json"])
def test_a_blank_or_error_answer_keeps_the_shape_and_says_so(command):
    blank = parse_cli("nxos", command, "")
    assert blank["status"] == "empty"
    err = parse_cli("nxos", command, "% Invalid command at '^' marker.\n")
    assert err["status"] == "cli-error" and set(err) == set(blank)
    text_form = parse_cli("nxos", command.replace(" | json", ""), "")
    assert set(blank) == set(text_form)  # the text form's keys, whatever the answer


def test_invalid_json_is_the_typed_parse_error_naming_the_line():
    with pytest.raises(ParseError) as err:
        parse_cli("nxos", "show bgp vrf red ipv4 unicast | json", '{"TABLE_vrf": {"ROW_vrf": ')
    assert "invalid JSON" in str(err.value)


def _nested(depth):
    """*depth* levels of TABLE_x/ROW_x (each row carrying inherited scalars) around one neighbour row, built without recursion."""
    inner = {"neighborid": "10.0.0.1", "state": "Established", "prefixreceived": "1"}
    for n in range(depth):
        inner = {"vrf-name-out": "v%d" % n, "af-name": "af", "x": str(n), "TABLE_neighbor" if n == 0 else "TABLE_t%d" % n:
                 {"ROW_neighbor" if n == 0 else "ROW_t%d" % n: inner}}
    return {"TABLE_vrf": {"ROW_vrf": inner}}


def test_deep_nesting_is_walked_without_recursion():
    # decoded data (a JSON-aware connection hands a dict) far deeper than Python's recursion limit: a recursive
    # walk would raise RecursionError here. (Time on deep and wide documents is measured in `make bench`.)
    res = nxs.bgp_summary(_nested(40_000))
    assert res["vrfs"][-1]["neighbors"][0]["neighbor"] == "10.0.0.1"


def test_deeply_nested_json_text_is_the_typed_parse_error():
    text = '{"TABLE_vrf": {"ROW_vrf": ' + '{"a": ' * 200_000 + "1" + "}" * 200_002
    with pytest.raises(ParseError):
        parse_cli("nxos", "show bgp vrf red ipv4 unicast | json", text)


def test_wide_documents_keep_every_row():
    def doc(n):
        return table_doc([dict(PATH, ipnexthop="10.%d.%d.%d" % (i >> 16 & 255, i >> 8 & 255, i & 255)) for i in range(n)])
    routes = parse_cli("nxos", "show bgp vrf red ipv4 unicast | json", doc(100_000))["routes"]
    assert len(routes) == 100_000
    assert routes[-1]["next_hop"] == "10.1.134.159"  # 99,999 = 1.134.159: the last row read as itself


# --- real NX-API documents ---------------------------------------------------------------------------------------


def test_real_summary_of_every_vrf_napalm_l2vpn():
    """napalm's mocked `show bgp all summary vrf all | json` of a real NX-OS box (see data/nxos_json/SOURCES.md)."""
    with open(os.path.join(DATA, "napalm_show_bgp_all_summary_vrf_all_l2vpn.json"), encoding="utf-8") as fh:
        res = parse_cli("nxos", "show bgp all summary vrf all | json", fh.read())
    assert res["kind"] == "bgp_summary" and res["status"] == "ok"
    evpn = [b for b in res["vrfs"] if b["address_family"] == "L2VPN EVPN"]
    assert [(b["vrf"], b["router_id"], b["local_as"]) for b in evpn] == [("default", "10.55.8.1", 64861)]
    assert [(n["neighbor"], n["remote_as"], n["state"], n["prefixes_received"], n["up_down"], n["msg_rcvd"])
            for n in evpn[0]["neighbors"]] == [("10.55.8.134", 64861, "Established", 9497, "22w4d", 760478),
                                               ("10.55.8.135", 64861, "Established", 9497, "22w4d", 760644)]
    # every VRF / address family row is a block, those without neighbours too (the text prints their headers)
    assert sorted({b["vrf"] for b in res["vrfs"]}) == ["MGMT", "NON_PROD", "PROD", "default"]
    assert sum(len(b["neighbors"]) for b in res["vrfs"]) == 2


# --- fuzz: any JSON, only the typed error escapes ----------------------------------------------------------------

NAMES = st.sampled_from(["TABLE_vrf", "ROW_vrf", "TABLE_path", "ROW_path", "TABLE_prefix", "ROW_prefix", "TABLE_rd", "ROW_rd",
                         "TABLE_neighbor", "ROW_neighbor", "ipprefix", "nonipprefix", "neighborid", "state", "aspath",
                         "statuscode", "typecode", "metric", "weight", "rd_val", "rd_vniid", "rd_vrf", "uptime", "origin",
                         "vrf-local-as", "TABLE_extcommunity", "ROW_extcommunity", "extcommunity", "TABLE_saf", "ROW_saf", "x"])
WORDS = st.sampled_from(["true", "*", ">", "i", "1.10", "[5]:[0]:[0]:[32]:[1.2.3.4]/224", "10.0.0.0/8", "P1DT2H",
                         "RT:1:1 Router MAC:x", ""])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40), st.floats(allow_nan=True), st.text(max_size=30), WORDS)
DOCS = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(NAMES, inner, max_size=5)),
                    max_leaves=40)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(DOCS, st.sampled_from(["show bgp vrf red ipv4 unicast summary | json", "show bgp l2vpn evpn vrf red | json",
                              "show bgp l2vpn evpn 10.0.0.1 vrf red | json", "show ip route vrf red | json"]))
def test_any_json_gives_a_typed_answer(doc, command):
    for given_as in (json.dumps(doc), doc if isinstance(doc, (dict, list)) else None):
        if given_as is None:
            continue
        try:
            res = parse_cli("nxos", command, given_as)
        except ParseError:
            continue
        assert res["status"] in ("ok", "partial", "empty") and isinstance(res["unparsed"], list)
