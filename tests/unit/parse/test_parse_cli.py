# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""parse_cli: dispatch by the typed command, typed empty answers, partial results, hostile input."""

import random
import sys
import time

import pytest
from hypothesis import given, settings, strategies as st

from corpus import corpus

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError, parse, parse_cli, parse_partial
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.cli import normalise_command

CORPUS = corpus()

SUMMARY = """BGP summary information for VRF red, address family IPv4 Unicast
BGP router identifier 10.0.0.1, local AS number 65000
Neighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd
10.0.0.2        4 65001      10      11        5    0    0 00:01:02 7
"""


@pytest.mark.parametrize("typed,words", [
    ("sh ip ro vrf all", ["show", "ip", "route", "vrf", "all"]),
    ("sh bgp l2vpn evpn", ["show", "bgp", "l2vpn", "evpn"]),
    ("sh bgp vrf Red ipv4 uni sum", ["show", "bgp", "vrf", "Red", "ipv4", "unicast", "summary"]),
    ("Leaf01# show vrf det", ["show", "vrf", "detail"]),
    ("sh seg srv6 sid", ["show", "segment-routing", "srv6", "sid"]),
])
def test_abbreviations_expand(typed, words):
    assert normalise_command(typed) == words


def test_the_same_output_through_abbreviated_and_full_commands():
    full = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary", SUMMARY)
    short = parse_cli("cisco.nxos", "sh bgp vrf red ipv4 uni summ", SUMMARY)
    assert full == short and full["status"] == "ok" and full["kind"] == "bgp_summary"
    (vrf,) = full["vrfs"]
    assert (vrf["vrf"], vrf["neighbors"][0]["neighbor"], vrf["neighbors"][0]["prefixes_received"]) == ("red", "10.0.0.2", 7)


@pytest.mark.parametrize("text,status", [
    ("% No such VRF blue\n", "empty"),
    ("BGP instance not active\n", "empty"),
    ("Leaf01# show bgp vrf x ipv4 unicast summary\n% Invalid command at '^' marker.\n", "cli-error"),
    ("", "empty"),
])
def test_typed_empty_and_error_answers(text, status):
    res = parse_cli("nxos", "show bgp vrf x ipv4 unicast summary", text)
    assert res["status"] == status and res["vrfs"] == [] and res["unparsed"] == []


def test_echo_prompts_timestamps_pager_crlf_and_tabs_are_tolerated():
    noisy = ("RP/0/RP0/CPU0:xr#show bgp summary\r\nMon Jan  1 00:00:00.000 UTC\r\n" + SUMMARY.replace("\n", "\r\n")
             .replace("10.0.0.2        4", "10.0.0.2\t4") + " --More-- \r\nRP/0/RP0/CPU0:xr#\r\n")
    res = parse_cli("iosxr", "show bgp summary", noisy)
    assert res["status"] == "ok", res["unparsed"]
    assert res["vrfs"][0]["neighbors"][0]["neighbor"] == "10.0.0.2"


def test_unknown_lines_are_reported_with_their_numbers_not_fatal():
    text = SUMMARY + "10.0.0.9  something this parser never saw\nbanner text\n"
    res = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary", text)
    assert res["status"] == "partial"
    assert [(u["line"], u["may_hold_facts"]) for u in res["unparsed"]] == [(5, True), (6, False)]
    assert res["vrfs"][0]["neighbors"][0]["neighbor"] == "10.0.0.2"


def test_parse_partial_skips_the_bad_line_of_a_strict_parser():
    text = "Standard Community List A\n    10 permit 1:1\n    oops\n    20 deny 2:2\n"
    with pytest.raises(ParseError):
        parse("nxos.community_list", text)
    res = parse_partial("nxos.community_list", text)
    assert [e["sequence"] for e in res["lists"][0]["entries"]] == [10, 20]
    assert [u["line"] for u in res["unparsed"]] == [3]


@pytest.mark.parametrize("platform,command", [("junos", "show route"), ("nxos", "show clock"), ("cilium", "cilium status")])
def test_unknown_platform_or_command_is_a_parse_error(platform, command):
    with pytest.raises(ParseError):
        parse_cli(platform, command, "x")


def test_vrf_all_attribution_on_iosxr_route():
    text = ("VRF: red\n\nB    10.1.0.0/24 [200/0] via 10.9.9.9 (nexthop in vrf default), 1w5d\n"
            "VRF: blue\n\nB    10.2.0.0/24 [200/0] via 10.8.8.8 (nexthop in vrf default), 1w5d\n")
    res = parse_cli("iosxr", "sh route vrf all", text)
    assert [(r["vrf"], r["prefix"]) for r in res["routes"]] == [("red", "10.1.0.0/24"), ("blue", "10.2.0.0/24")]


def test_wrapped_ipv6_prefix_and_nxos_wrapped_path_are_joined():
    xr = ("Network            Next Hop            Metric LocPrf Weight Path\n*>i2001:db8:1234:5678::/64\n"
          "                      10.0.0.1   0    100      0 65001 i\n")
    (r,) = parse_cli("iosxr", "show bgp ipv6 unicast", xr)["routes"]
    assert (r["prefix"], r["next_hop"], r["as_path"], r["origin"]) == ("2001:db8:1234:5678::/64", "10.0.0.1", "65001", "i")
    nx = ('IP Route Table for VRF "t"\n10.0.0.0/24, ubest/mbest: 1/0\n    *via 10.1.1.1%default, [200/0], 1d, bgp-65000, internal, tag 65000, segid: 5000\n'
          '1 tunnelid: 0x1 encap: VXLAN\n')
    (rr,) = parse_cli("nxos", "show ip route vrf t", nx.replace("\n1 tunnelid", "\n      1 tunnelid"))["routes"]
    assert rr["paths"][0]["next_hop"] == "10.1.1.1" and "segid: 50001 tunnelid: 0x1 encap: VXLAN" in rr["paths"][0]["tags"]


# ------------------------------------------------------------------ hostile input: linear time, typed errors only


@pytest.mark.parametrize("platform,command", [
    ("nxos", "show bgp vrf all ipv4 unicast"), ("nxos", "show bgp vrf all ipv4 unicast summary"), ("nxos", "show ip route vrf all"),
    ("nxos", "show bgp l2vpn evpn 10.0.0.0/24"), ("iosxr", "show route vrf all"), ("iosxr", "show bgp vpnv4 unicast local-sids"),
    ("iosxr", "show segment-routing srv6 sid"), ("cilium", "cilium bgp peers"), ("nxos", "show ip community-list"),
])
def test_a_200kb_address_like_token_is_linear(platform, command):
    tok = "1" * 200_000 + "."
    start = time.perf_counter()
    for text in ("*>i" + tok + " " + tok, "B " + tok + "/24 " + tok, tok + ":" + tok):
        try:
            parse_cli(platform, command, text)
        except ParseError:
            pass
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("cid", ["nxos.bgp_evpn_vrf", "nxos.bgp_evpn_prefix", "iosxr.bgp_vpnv4_vrf", "iosxr.route_ipv4",
                                 "iosxr.bgp_vpnv4_received_sids", "nxos.bgp_vrf_summary"])
def test_strict_parsers_are_linear_on_the_same_token(cid):
    tok = "a" * 200_000 + ":"
    start = time.perf_counter()
    for text in ("*>i" + tok, "*> " + tok + " " + tok, tok):
        try:
            parse(cid, text)
        except ParseError:
            pass
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("platform,command", [("nxos", "show bgp vrf all all summary | json"), ("cilium", "cilium bgp peers -o json"),
                                              ("cilium", "cilium-dbg bgp routes -o json")])
def test_deeply_nested_json_is_a_parse_error(platform, command):
    with pytest.raises(ParseError):
        parse_cli(platform, command, "[" * 200_000 + "]" * 200_000)
    with pytest.raises(ParseError):
        parse_cli(platform, command, '{"a":' * 100_000 + "1" + "}" * 100_000)


def test_kubectl_table_with_a_bad_port_is_a_parse_error():
    with pytest.raises(ParseError):
        parse("kube.services_table", "NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE\nx ClusterIP 10.0.0.1 <none> 80:abc/TCP 1d\n")


def _traced_lines(fn, *args):
    """Python lines executed by fn(*args): a deterministic measure of work (no clock, so no flakiness on a
    loaded machine). Timings themselves belong to `make bench`."""
    count = [0]

    def tracer(frame, event, arg):
        if event == "line":
            count[0] += 1
        return tracer

    sys.settrace(tracer)
    try:
        result = fn(*args)
    finally:
        sys.settrace(None)
    return result, count[0]


def test_large_community_list_parses_in_linear_time():
    def gen(n):
        out = []
        for i in range(n):
            out.append("Standard Community List L%d" % i)
            out.extend("    %d permit 64512:%d 65000:%d" % (s * 10, i, s) for s in range(1, 6))
        return "\n".join(out)

    _unused, small = _traced_lines(parse_cli, "nxos", "show ip community-list", gen(100))
    res, big = _traced_lines(parse_cli, "nxos", "show ip community-list", gen(1000))
    assert len(res["lists"]) == 1000 and res["status"] == "ok"
    # 10x the input costs 10x the work (plus a constant): a quadratic step would cost about 100x
    assert big < 12 * small, (small, big)


# ------------------------------------------------------------------ fuzz: mutations of the real corpus


def _mutate(text, ops, seed):
    rnd = random.Random(seed)
    lines = text.split("\n")
    for op in ops:
        if not lines:
            break
        i = rnd.randrange(len(lines))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "garbage":
            alphabet = "*>|[]{}():.,/0123456789abcdef \t%#"
            lines.insert(i, "".join(rnd.choice(alphabet) for _n in range(rnd.randrange(1, 60))))
        elif op == "truncate":
            lines[i] = lines[i][: rnd.randrange(len(lines[i]) + 1)]
        elif op == "swap" and len(lines) > 1:
            j = rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "crlf":
            lines[i] = lines[i] + "\r"
        elif op == "long":
            lines[i] = lines[i] + "9" * 5000
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(idx=st.integers(min_value=0, max_value=len(CORPUS) - 1),
       ops=st.lists(st.sampled_from(["drop", "dup", "garbage", "truncate", "swap", "crlf", "long"]), min_size=1, max_size=6),
       seed=st.integers(min_value=0, max_value=2 ** 32))
def test_fuzz_only_the_typed_error_escapes(idx, ops, seed):
    _name, meta, text = CORPUS[idx]
    mutated = _mutate(text, ops, seed)
    try:
        res = parse_cli(meta["platform"], meta["command"], mutated)
    except ParseError as err:
        # the typed error is an answer too: it names the command, and a line inside the text when it gives one
        _assert_error_points_into(err, mutated)
    else:
        assert res["status"] in ("ok", "partial", "empty", "cli-error")
        assert all(isinstance(u["line"], int) and 1 <= u["line"] <= mutated.count("\n") + 1 for u in res["unparsed"])


def _assert_error_points_into(err: ParseError, text: str) -> None:
    assert err.command and str(err).startswith(err.command + ": ") and err.reason
    if err.line_no is not None:
        assert 1 <= err.line_no <= text.count("\n") + 1, (err.line_no, str(err))


AGENT_PEERS = """root@worker:/home/cilium# cilium-dbg bgp peers
Local AS   Peer AS   Peer Address         Session       Uptime   Family         Received   Advertised
65001      65000     fd00:11:0:2::1:179   established   21m55s   ipv4/unicast   2          2
                                                                 ipv6/unicast   2          2
65001      65000     10.0.0.1:179         active        0s
"""


def test_cilium_agent_format_without_node_column():
    res = parse_cli("cilium", "cilium-dbg bgp peers", AGENT_PEERS)
    assert res["status"] == "ok", res["unparsed"]
    first, second = res["peers"]
    assert (first["node"], first["peer_address"], first["peer_port"], first["session_state"]) == (None, "fd00:11:0:2::1", 179, "established")
    assert [f["family"] for f in first["families"]] == ["ipv4/unicast", "ipv6/unicast"]
    assert (second["peer_address"], second["peer_port"], second["session_state"], second["families"]) == ("10.0.0.1", 179, "active", [])


def test_nxos_json_forms_give_the_same_shapes_as_text():
    from cases import load_fixture
    summ = parse_cli("nxos", "show bgp vrf Tenant-K8s ipv4 unicast summary | json", load_fixture("device/nxos_bgp_vrf_summary_tenant_k8s.json"))
    assert [(n["neighbor"], n["state"], n["prefixes_received"]) for v in summ["vrfs"] for n in v["neighbors"]] == [
        ("192.168.16.35", "Established", 4), ("192.168.16.36", "Idle", None)]
    evpn = parse_cli("nxos", "sh bgp l2vpn evpn 20.0.10.1 vrf Tenant1-Pods | json", load_fixture("device/nxos_bgp_evpn_prefix_20.json"))
    (path,) = evpn["routes"]
    assert (path["prefix"], path["next_hop"], path["communities"], path["route_targets"]) == (
        "20.0.10.1/32", "192.168.16.35", ["64512:301"], ["65000:100302"])


def test_iosxr_vpnv4_detail_with_srv6_sid_tlv():
    text = """BGP routing table entry for 10.23.0.0/24, Route Distinguisher: 10:10
Paths: (1 available, best #1)
  Path #1: Received by speaker 0
  Local
    2016::1 (metric 20) from 2016::1 (1.1.1.1)
      Received Label 0xe0040
      Origin IGP, metric 0, localpref 100, valid, internal, best, group-best, import-candidate, imported
      Extended community: RT:65000:100302
      PSID-Type:L3, SubTLV Count:1
       SubTLV:
        T:1(Sid information), Sid:cafe:cafe:2be:e004::, Behavior:63, SS-TLV Count:1
"""
    (path,) = parse_cli("iosxr", "show bgp vpnv4 unicast vrf blue 10.23.0.0/24", text)["routes"]
    assert (path["prefix"], path["rd"], path["next_hop"], path["sid"], path["route_targets"], path["best"]) == (
        "10.23.0.0/24", "10:10", "2016::1", "cafe:cafe:2be:e004::", ["65000:100302"], True)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(idx=st.integers(min_value=0, max_value=10 ** 6),
       ops=st.lists(st.sampled_from(["drop", "dup", "garbage", "truncate", "swap", "crlf", "long"]), min_size=1, max_size=5),
       seed=st.integers(min_value=0, max_value=2 ** 32))
def test_fuzz_strict_parsers_through_parse_partial(idx, ops, seed):
    from cases import CASES, load_fixture
    rel, cid = CASES[idx % len(CASES)]
    mutated = _mutate(load_fixture(rel), ops, seed)
    try:
        res = parse_partial(cid, mutated)
    except ParseError as err:
        _assert_error_points_into(err, mutated)
    else:
        assert isinstance(res, dict) and isinstance(res["unparsed"], list)


@pytest.mark.parametrize("prompt", ["\u2717 cilium bgp peers", "~ cilium bgp peers", "\u276f cilium bgp peers", "$ cilium bgp peers",
                                    "# cilium bgp peers", "cisco@k8s-cp:~/poc$ cilium bgp peers", "root@node:/home/cilium# cilium bgp peers"])
def test_cli_continuation_rows_and_shell_prompts(prompt):
    text = prompt + """
Node            Local AS   Peer AS   Peer Address   Session State   Uptime   Family         Received   Advertised
k8s-egw-blue    65001      65000     10.27.245.44   established     20m58s   ipv4/unicast   5      1
                65001      65000     10.27.245.45   active          0s       ipv4/unicast   0      0
"""
    res = parse_cli("cilium", "cilium bgp peers", text)
    assert res["status"] == "ok", res["unparsed"]
    assert [(p["node"], p["peer_address"], p["session_state"], p["families"][0]["received"]) for p in res["peers"]] == [
        ("k8s-egw-blue", "10.27.245.44", "established", 5), ("k8s-egw-blue", "10.27.245.45", "active", 0)]


NODE_CONFIG = """apiVersion: cilium.io/v2alpha1
kind: CiliumBGPNodeConfig
metadata:
  name: bgpv2-cplane-dev-service-worker
status:
  bgpInstances:
  - localASN: 65001
    name: "65001"
    peers:
    - establishedTime: "2024-10-17T13:59:50Z"
      name: "65000"
      peerASN: 65000
      peerAddress: fd00:10::1
      peeringState: established
      routeCount:
      - {advertised: 2, afi: ipv4, received: 2, safi: unicast}
      - {advertised: 2, afi: ipv6, received: 2, safi: unicast}
"""


def test_bgp_node_config_status_reads_as_peers():
    res = parse_cli("kubernetes", "kubectl get ciliumbgpnodeconfigs -o yaml", NODE_CONFIG)
    (peer,) = res["peers"]
    assert (peer["node"], peer["peer_address"], peer["peer_as"], peer["session_state"]) == (
        "bgpv2-cplane-dev-service-worker", "fd00:10::1", 65000, "established")
    assert [(f["family"], f["received"]) for f in peer["families"]] == [("ipv4/unicast", 2), ("ipv6/unicast", 2)]
