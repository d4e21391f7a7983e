# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cilium ``-o json`` facts from hand-built wire bytes and Go durations.

``cilium bgp routes -o json`` carries each BGP path attribute as base64 of its RFC 4271 encoding
(flags, type code, length, value). The bytes below are written by hand from RFC 4271 section 4.3 (ORIGIN,
AS_PATH, NEXT_HOP, MED, LOCAL_PREF), RFC 1997 (COMMUNITIES and the well-known values), RFC 4360 / 5668
(extended communities: 2-octet AS, IPv4 and 4-octet AS route targets), RFC 4760 (MP_REACH_NLRI) and
RFC 8092 (LARGE_COMMUNITY); each expected value is read back from those bytes, not from the parser.
"""

import base64
import json

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import cilium


def attrs_of(*hex_attrs):
    out = cilium._empty_attrs()
    for h in hex_attrs:
        cilium.decode_path_attribute(bytes.fromhex(h.replace(" ", "")), out)
    return out


# --- Go durations ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,seconds", [
    ("45h49m25s", 45 * 3600 + 49 * 60 + 25), ("20m58s", 20 * 60 + 58), ("0s", 0), ("7s", 7), ("3h", 3 * 3600),
    ("2m", 120), ("1h0m5s", 3605), ("1.6s", 2), ("0.4s", 0),
])
def test_go_duration_text_to_seconds(text, seconds):
    assert cilium.go_duration_seconds(text) == seconds


@pytest.mark.parametrize("text", ["", None, "never", "5d", "1h2", "h", "-1s", "1s2m"])
def test_not_a_go_duration_is_none(text):
    assert cilium.go_duration_seconds(text) is None


@pytest.mark.parametrize("ns,text", [
    (0, "0s"), (None, "0s"), (400_000_000, "0s"), (1_400_000_000, "1s"), (59 * 10 ** 9, "59s"), (60 * 10 ** 9, "1m0s"),
    (61 * 10 ** 9, "1m1s"), (3600 * 10 ** 9, "1h0m0s"), ((45 * 3600 + 49 * 60 + 25) * 10 ** 9, "45h49m25s"),
    (3661 * 10 ** 9, "1h1m1s"), (1_500_000_000, "2s"), (89_500_000_000, "1m30s"),
    # Go's Round takes a halfway value away from zero; Python's round() would print "2s" and "0s"
    (2_500_000_000, "3s"), (500_000_000, "1s"), (499_999_999, "0s"), (-2_500_000_000, "-3s"),
    (10 ** 18 + 500_000_000, "277777h46m41s"),  # past a float's 53 bits: exact
])
def test_nanoseconds_as_go_prints_them(ns, text):
    assert cilium.go_duration_text(ns) == text


# --- RFC 4271 path attributes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value,origin", [("00", "i"), ("01", "e"), ("02", "?"), ("07", "-")])
def test_origin(value, origin):
    assert attrs_of("40 01 01 " + value)["origin"] == origin


def test_as_path_four_octet_sequence_and_set():
    # AS_SEQUENCE (2) of 65000 65001, then AS_SET (1) of 4200000001
    got = attrs_of("40 02 10 02 02 0000fde8 0000fde9 01 01 fa56ea01")["as_path"]
    assert got == "65000 65001 {4200000001}"


def test_as_path_three_segments_and_a_set_of_two():
    # AS_SEQUENCE 65000, AS_SET {65001 65002}, AS_SEQUENCE 65003 65004
    got = attrs_of("40 02 1a 02 01 0000fde8 01 02 0000fde9 0000fdea 02 02 0000fdeb 0000fdec")["as_path"]
    assert got == "65000 {65001 65002} 65003 65004"


def test_malformed_as_path_message():
    with pytest.raises(ValueError) as err:
        attrs_of("40 02 01 02")
    assert str(err.value) == "malformed AS_PATH"


def test_as_path_two_octet_when_four_octet_lengths_disagree():
    assert attrs_of("40 02 06 02 02 fde8 fde9")["as_path"] == "65000 65001"


def test_empty_as_path_and_empty_segment():
    assert attrs_of("40 02 00")["as_path"] == ""
    assert attrs_of("40 02 02 02 00")["as_path"] == ""


@pytest.mark.parametrize("blob", ["40 02 01 02", "40 02 03 02 02 fd"])
def test_malformed_as_path_is_an_error(blob):
    with pytest.raises(ValueError):
        attrs_of(blob)


def test_next_hop_med_local_pref():
    got = attrs_of("40 03 04 0a000001", "80 04 04 00000064", "40 05 04 000000c8")
    assert (got["next_hop"], got["med"], got["local_pref"]) == ("10.0.0.1", 100, 200)


def test_extended_length_flag():
    # flags 0x50 = transitive + extended length: a two-octet length
    assert attrs_of("50 05 0004 0000012c")["local_pref"] == 300


def test_unused_low_flag_bits_are_ignored():
    # RFC 4271 4.3: the four low-order flag bits MUST be ignored when received (0x41: not extended length)
    assert attrs_of("41 05 04 0000012c")["local_pref"] == 300


def test_an_extended_length_of_32768_or_more():
    n = 8192  # 8192 communities: 32768 bytes, a length with its top bit set
    blob = "d0 08 8000 " + "fc00012d" * n
    assert attrs_of(blob)["communities"] == ["64512:301"] * n


def test_bytes_after_the_attribute_are_not_read():
    assert attrs_of("40 05 04 0000012c ff")["local_pref"] == 300
    assert attrs_of("50 05 0004 0000012c ff")["local_pref"] == 300


def test_values_with_the_top_bit_set_are_unsigned():
    got = attrs_of("80 04 04 ffffffff", "40 05 04 fffffffe", "c0 20 0c ffffffff fffffffe fffffffd",
                   "c0 10 18 0002ffff ffffffff 0102 0a000001 ffff 0202 ffffffff fffe")
    assert (got["med"], got["local_pref"]) == (4294967295, 4294967294)
    assert got["large_communities"] == ["4294967295:4294967294:4294967293"]
    assert got["extcommunities"] == ["65535:4294967295", "10.0.0.1:65535", "4294967295:65534"]


def test_short_attribute_message():
    with pytest.raises(ValueError) as err:
        attrs_of("40 01")
    assert str(err.value) == "attribute shorter than its header"


def test_communities_and_well_known_names():
    got = attrs_of("c0 08 24 fc00012d ffffff01 ffffff02 ffffff03 ffffff04 ffff029a ffff0006 ffff0007 ffff0000")["communities"]
    assert got == ["64512:301", "no-export", "no-advertise", "no-export-subconfed", "no-peer", "blackhole", "llgr-stale",
                   "no-llgr", "graceful-shutdown"]


@pytest.mark.parametrize("ext,text", [
    ("0002 fde8 0001870e", "65000:100110"),  # transitive 2-octet AS route target
    ("4002 fde8 00000007", "65000:7"),  # the same, non-transitive bit set
    ("0102 0a000001 0007", "10.0.0.1:7"),  # IPv4-address route target
    ("4102 0a000001 0008", "10.0.0.1:8"),
    ("0202 00010000 0007", "65536:7"),  # 4-octet AS route target
    ("4202 00010000 0009", "65536:9"),
    ("030c 000000000008", "0x030c000000000008"),  # encapsulation (not a route target): raw
    ("0003 fde8 00000007", "0x0003fde800000007"),  # route origin (sub-type 3): raw
    ("0602 0000 00000001", "0x0602000000000001"),  # type 6 sub 2 is not a route target
])
def test_extended_communities(ext, text):
    assert attrs_of("c0 10 08 " + ext)["extcommunities"] == [text]


def test_two_extended_communities_in_one_attribute():
    assert attrs_of("c0 10 10 0002fde80001870e 0002fde80001870f")["extcommunities"] == ["65000:100110", "65000:100111"]


def test_large_communities():
    assert attrs_of("c0 20 18 0000fde8 00000001 00000002 0000fde8 00000003 00000004")["large_communities"] == [
        "65000:1:2", "65000:3:4"]


@pytest.mark.parametrize("nh,addr", [
    ("04 0a000002", "10.0.0.2"),
    ("10 fd000000000000000000000000000001", "fd00::1"),
    ("20 fd000000000000000000000000000001 fe800000000000000000000000000001", "fd00::1"),  # global + link-local
    ("0c 0000000000000000 0a000003", "10.0.0.3"),  # VPN: zero RD + IPv4
    ("18 0000000000000000 fd000000000000000000000000000009", "fd00::9"),  # VPN: zero RD + IPv6
])
def test_mp_reach_next_hop(nh, addr):
    body = bytes.fromhex("0002 01 ".replace(" ", "") + nh.replace(" ", "") + "00")
    blob = bytes([0x90, 14]) + len(body).to_bytes(2, "big") + body
    out = cilium._empty_attrs()
    cilium.decode_path_attribute(blob, out)
    assert out["next_hop"] == addr


def test_mp_reach_with_an_odd_next_hop_length_keeps_the_next_hop():
    out = attrs_of("40 03 04 0a000001", "80 0e 08 0001 01 03 0a0000 00")
    assert out["next_hop"] == "10.0.0.1"


def test_unknown_attribute_is_skipped():
    assert attrs_of("c0 63 02 abcd") == cilium._empty_attrs()


@pytest.mark.parametrize("blob", ["40 01", "40 05 04 0000", "50 05 0004 00"])
def test_short_attribute_is_an_error(blob):
    with pytest.raises(ValueError):
        attrs_of(blob)


def test_length_error_names_the_code_and_lengths():
    with pytest.raises(ValueError) as err:
        attrs_of("40 05 04 0000")
    assert str(err.value) == "attribute 5: length 4 but 2 bytes"


# --- -o json documents ----------------------------------------------------------------------------------------------


def b64(h):
    return base64.b64encode(bytes.fromhex(h.replace(" ", ""))).decode()


def route_doc(paths, **extra):
    return dict({"prefix": "10.71.1.0/24", "router-asn": 65001, "neighbor": "10.0.0.1", "paths": paths}, **extra)


def test_routes_json_one_record_per_path_per_node():
    doc = {"node-b": [route_doc([{"age-nanoseconds": 61 * 10 ** 9, "best": True,
                                  "path-attributes": [{"base64": b64("40 01 01 00")}, {"base64": b64("40 03 04 0a000009")}]}])],
           "node-a": [route_doc([{"best": False, "path-attributes": [{"base64": b64("c0 08 04 fc00012d")}]},
                                 {"age-nanoseconds": 5 * 10 ** 9}])]}
    res = cilium.parse_cilium_bgp_routes_json(json.dumps(doc))["routes"]
    assert [(r["node"], r["vrouter"], r["peer"], r["prefix"], r["next_hop"], r["age"], r["age_seconds"], r["best"])
            for r in res] == [("node-a", 65001, "10.0.0.1", "10.71.1.0/24", "0.0.0.0", "0s", 0, False),
                              ("node-a", 65001, "10.0.0.1", "10.71.1.0/24", "0.0.0.0", "5s", 5, False),
                              ("node-b", 65001, "10.0.0.1", "10.71.1.0/24", "10.0.0.9", "1m1s", 61, True)]
    assert res[0]["attributes"]["communities"] == ["64512:301"] and res[1]["attributes"]["communities"] == []
    assert res[2]["attributes"]["origin"] == "i" and res[2]["attributes"]["next_hop"] == "10.0.0.9"


def test_routes_json_agent_list_form_has_no_node():
    res = cilium.parse_cilium_bgp_routes_json(json.dumps([route_doc([{}], **{"router-asn": None})]))["routes"]
    assert [(r["node"], r["vrouter"], r["best"]) for r in res] == [(None, 0, False)]


def test_routes_json_without_paths_gives_no_record():
    assert cilium.parse_cilium_bgp_routes_json(json.dumps({"n": [route_doc(None)]})) == {"routes": []}


@pytest.mark.parametrize("pa", [{"base64": "!!"}, {"base64": b64("40 05 04 0000")}, {"base64": b64("40")}, {"base64": b64("80 0e 02 0001")},
                                {"base64": b64("40 02 01 02")}, {"base64": b64("80 04 02 0001")}])
def test_undecodable_attribute_is_a_parse_error_naming_the_prefix(pa):
    doc = {"n": [route_doc([{"path-attributes": [pa]}])]}
    with pytest.raises(ParseError) as err:
        cilium.parse_cilium_bgp_routes_json(json.dumps(doc))
    assert "10.71.1.0/24" in str(err.value) and "undecodable path attribute" in str(err.value)


@pytest.mark.parametrize("doc,msg", [
    ({"n": [{"paths": []}]}, "route object without prefix (node n)"),
    ({"n": ["10.0.0.0/8"]}, "route object without prefix (node n)"),
    ({"n": {"prefix": "x"}}, "expected {node: [...]} or a list"),
    ("routes", "expected {node: [...]} or a list"),
])
def test_routes_json_shape_errors(doc, msg):
    with pytest.raises(ParseError) as err:
        cilium.parse_cilium_bgp_routes_json(json.dumps(doc))
    assert msg in str(err.value)


def test_peers_json_facts_and_node_order():
    doc = {"k8s-b": [{"peer-address": "10.0.0.2", "local-asn": 65001, "peer-asn": 65000, "session-state": "established",
                      "uptime-nanoseconds": 1258 * 10 ** 9,
                      "families": [{"afi": "ipv4", "safi": "unicast", "received": 5, "advertised": 1},
                                   {"afi": "ipv6", "safi": "unicast"}]}],
           "k8s-a": [{"peer-address": "fd00::1", "session-state": "active"}]}
    a, b = cilium.parse_cilium_bgp_peers_json(json.dumps(doc))["peers"]
    assert a == {"node": "k8s-a", "local_as": 0, "peer_as": 0, "peer_address": "fd00::1", "session_state": "active",
                 "uptime": "0s", "uptime_seconds": 0, "families": []}
    assert (b["node"], b["local_as"], b["peer_as"], b["session_state"], b["uptime"], b["uptime_seconds"]) == (
        "k8s-b", 65001, 65000, "established", "20m58s", 1258)
    assert b["families"] == [{"family": "ipv4/unicast", "afi": "ipv4", "safi": "unicast", "received": 5, "advertised": 1},
                             {"family": "ipv6/unicast", "afi": "ipv6", "safi": "unicast", "received": 0, "advertised": 0}]


def test_peers_json_object_without_address_is_an_error():
    with pytest.raises(ParseError) as err:
        cilium.parse_cilium_bgp_peers_json(json.dumps([{"peer-asn": 1}]))
    assert "peer object without peer-address (node None)" in str(err.value)
