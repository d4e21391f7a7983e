# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Layouts of IOS-XR and Cilium outputs the parsers first met in public captures nobody here had seen.

Each test is a minimal twin of what broke (the full captures are in tests/data/parsers): the rule it
checks is the general one (a section title, a column, a repeated phrase, a mark an author added),
not the capture's values.
"""

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError, parse_cli
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.annotations import strip_annotations
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import kube

# ------------------------------------------------------------------ IOS-XR


def test_xr_prefix_connected_on_two_interfaces_keeps_both():
    text = ("C    5.4.0.0/16 is directly connected, 1w1d, MgmtEth0/RP0/CPU0/0\n"
            "                is directly connected, 1w1d, MgmtEth0/RP1/CPU0/0\n")
    res = parse_cli("iosxr", "show route ipv4", text)
    (route,) = res["routes"]
    assert [p["interface"] for p in route["paths"]] == ["MgmtEth0/RP0/CPU0/0", "MgmtEth0/RP1/CPU0/0"]
    assert route["connected"] and res["status"] == "ok"


def test_xr_connected_then_via_path_keeps_both():
    text = ("C    10.0.0.0/24 is directly connected, 2d, Gi0/0/0/1\n"
            "                [1/0] via 10.0.0.9, 2d\n")
    (route,) = parse_cli("iosxr", "show route", text)["routes"]
    assert [(p["interface"], p["next_hop"]) for p in route["paths"]] == [("Gi0/0/0/1", None), (None, "10.0.0.9")]


def test_xr_route_detail_redistribution_advertisers_are_understood():
    text = ("Routing entry for 10.23.90.0/24\n"
            "Known via \"connected\", distance 0, metric 0 (connected)\n"
            "Routing Descriptor Blocks\n"
            "    directly connected, via GigabitEthernet0/0/0/1.90\n"
            "Redist Advertisers:\n"
            "    eigrp/100 (protoid=5, clientid=22)\n"
            "    bgp-65000 (protoid=9, clientid=40)\n")
    res = parse_cli("iosxr", "show route ipv4 10.23.90.0/24", text)
    assert res["status"] == "ok"
    assert [p["interface"] for p in res["routes"][0]["paths"]] == ["GigabitEthernet0/0/0/1.90"]


def test_xr_detail_peer_list_after_an_advertised_paths_title_is_understood():
    text = ("BGP routing table entry for 10.1.1.0/24\n"
            "Paths: (1 available, best #1)\n"
            "  Advertised IPv4 Unicast paths to peers (in unique update groups):\n"
            "    192.168.214.2\n"
            "  Path #1: Received by speaker 0\n"
            "  Local\n"
            "    10.0.0.1 (metric 20) from 10.0.0.13 (10.0.0.1)\n"
            "      Origin IGP, metric 0, localpref 100, valid, internal, best, group-best\n")
    res = parse_cli("iosxr", "show bgp ipv4 unicast 10.1.1.0/24", text)
    assert res["unparsed"] == []
    assert [r["next_hop"] for r in res["routes"]] == ["10.0.0.1"]


VRF_DETAIL = """VRF BLUE; RD 65000:7; VPN ID not set
VRF mode: Regular
Description not set
Interfaces:
Bundle-Ether15.244
Address family IPV4 Unicast
Import VPN route-target communities:
RT:65000:7 RT:65000:8
Export VPN route-target communities:
RT:65000:7
No import route policy
Export route policy: EXPORT-BLUE
Address family IPV6 Unicast
No import VPN route-target communities
No export VPN route-target communities

VRF A:MGMT; RD not set; VPN ID not set
Description MGMT plane
"""


def test_xr_vrf_detail_reads_sections_by_title_not_indentation():
    res = parse_cli("iosxr", "show vrf all detail", VRF_DETAIL)
    assert res["kind"] == "vrf_detail" and res["status"] == "ok"
    blue, mgmt = res["vrfs"]
    assert (blue["name"], blue["rd"], blue["interfaces"]) == ("BLUE", "65000:7", ["Bundle-Ether15.244"])
    assert (blue["import_rts"], blue["export_rts"]) == (["65000:7", "65000:8"], ["65000:7"])
    assert blue["address_families"]["IPV4 Unicast"]["export_policy"] == "EXPORT-BLUE"
    assert blue["address_families"]["IPV6 Unicast"]["import_rts"] == []
    assert (mgmt["name"], mgmt["rd"], mgmt["description"]) == ("A:MGMT", None, "MGMT plane")


def test_xr_vrf_detail_indented_is_read_the_same():
    indented = "\n".join(("  " + ln if ln and not ln.startswith("VRF ") else ln) for ln in VRF_DETAIL.split("\n"))
    assert parse_cli("iosxr", "show vrf all detail", indented)["vrfs"] == parse_cli("iosxr", "show vrf all detail", VRF_DETAIL)["vrfs"]


def test_xr_vrf_detail_unknown_line_is_reported():
    res = parse_cli("iosxr", "show vrf BLUE detail", VRF_DETAIL.replace("VRF mode: Regular", "@@ 10.9.9.9 @@"))
    assert res["status"] == "partial" and [u["line"] for u in res["unparsed"]] == [2]


# ------------------------------------------------------------------ marks an author adds


DIFF_DETAIL = """   RP/0/RP0/CPU0:pe1#show bgp vrf carrots 40.0.0.0/24
   +BGP routing table entry for 40.0.0.0/24, Route Distinguisher: 10.0.0.7:1   <--- HERE
   Paths: (1 available, best #1)
     Path #1: Received by speaker 0
     Local
   +    fc00:0:7777::1 (metric 3) from fc00:0:5555::1 (10.0.0.7)   <--------- SOURCE
         Origin incomplete, metric 0, localpref 100, valid, internal, best, group-best
         Extended community: RT:9:9
"""


def test_diff_marks_and_remarks_do_not_hide_the_entry():
    res = parse_cli("iosxr", "show bgp vrf carrots 40.0.0.0/24", DIFF_DETAIL)
    assert res["status"] == "ok"
    (path,) = res["routes"]
    assert (path["prefix"], path["rd"], path["next_hop"], path["route_targets"]) == ("40.0.0.0/24", "10.0.0.7:1", "fc00:0:7777::1", ["9:9"])


def test_a_diff_mark_glued_to_a_cilium_node_name_keeps_the_columns():
    text = ("   Node           Local AS   Peer AS   Peer Address     Session State   Uptime   Family          Received   Advertised\n"
            "   +london-vm-00   65000      65000     fc00:0:5555::1   established     3m13s    ipv6/unicast    7          1\n"
            "                                                                                  ipv4/mpls_vpn   4          0\n")
    (peer,) = parse_cli("cilium", "cilium bgp peers", text)["peers"]
    assert peer["node"] == "london-vm-00" and peer["peer_address"] == "fc00:0:5555::1"
    assert [(f["family"], f["received"]) for f in peer["families"]] == [("ipv6/unicast", 7), ("ipv4/mpls_vpn", 4)]


def test_an_arrow_over_the_blank_node_cell_is_blanked_not_read_as_the_node():
    text = ("   Node     VRouter   Peer             Prefix             NextHop          Age     Attrs\n"
            "   berlin   65000     fc00:0:5555::1   2001:db8:42::/64   fc00:0:8888::1   2m52s   [{Origin: i}]\n"
            "     --->   65000     fc00:0:6666::1   fc00:0:a01f::/48   fc00:0:8888::1   6s      [{Origin: i}]\n")
    routes = parse_cli("cilium", "cilium bgp routes advertised ipv6 unicast", text)["routes"]
    assert [(r["node"], r["prefix"], r["peer"]) for r in routes] == [
        ("berlin", "2001:db8:42::/64", "fc00:0:5555::1"), ("berlin", "fc00:0:a01f::/48", "fc00:0:6666::1")]
    assert strip_annotations("  ==> x\n") == "      x\n"


def test_a_plus_in_the_margin_of_a_diff_block_is_blanked_so_yaml_keeps_its_indentation():
    text = ("    - apiVersion: isovalent.com/v1alpha1\n"
            "      spec:\n"
            "        destinationCIDRs:\n"
            "        - 40.0.0.0/24\n"
            "  +     destinationSID: 'fc00:0:7777:e007::'  # the SID\n"
            "        vrfID: 99\n")
    assert strip_annotations(text).split("\n")[4] == "        destinationSID: 'fc00:0:7777:e007::'  # the SID"
    inserted = "   Versions:\n   +BGP routing table entry for 40.0.0.0/24\n   Paths: (1 available, best #1)\n"
    assert strip_annotations(inserted).split("\n")[1] == "   BGP routing table entry for 40.0.0.0/24"


def test_rulers_and_plain_text_are_left_alone():
    text = "+----+----+\n| a  | b  |\n+====+\nx <- y\n------>not-an-arrow: no blank after it\n*>i10.0.0.0/8\n"
    assert strip_annotations(text) is text


_BODY = st.text(alphabet=list("ab01:./ *>[]{}|"), max_size=30).filter(lambda s: not s.lstrip().startswith(("-", "=")))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.tuples(_BODY, st.sampled_from(["", "plus", "remark", "both"])), max_size=12))
def test_stripping_removes_only_the_marks_and_keeps_every_line(rows):
    src, want = [], []
    for body, mark in rows:
        line, expected = body, body
        if mark in ("plus", "both"):
            indent = len(body) - len(body.lstrip(" "))
            line = body[:indent] + "+" + body[indent:]
        if mark in ("remark", "both"):
            line, expected = line + " <-- the author's note", expected.rstrip()
        src.append(line)
        want.append(expected)
    out = strip_annotations("\n".join(src))
    # every line kept; a "+" is deleted or blanked (which one depends on the lines around it), a remark cut off
    assert out.count("\n") == len(rows) - 1 if rows else out == ""
    assert [ln.replace(" ", "") for ln in out.split("\n")] == [ln.replace(" ", "") for ln in "\n".join(want).split("\n")]


# ------------------------------------------------------------------ Cilium


def test_routes_filtered_by_peer_are_routes_not_peers():
    text = ("   VRouter   Prefix               NextHop     Age     Attrs\n"
            "   64512     192.168.100.190/32   10.0.0.2    3m32s   [{Origin: i} {Communities: 64512:100} {Nexthop: 10.0.0.2}]\n")
    res = parse_cli("cilium", "cilium bgp routes advertised ipv4 unicast peer 10.0.0.1", text)
    assert res["kind"] == "cilium_routes" and res["status"] == "ok"
    (route,) = res["routes"]
    assert (route["prefix"], route["next_hop"], route["attributes"]["communities"]) == ("192.168.100.190/32", "10.0.0.2", ["64512:100"])


def test_peers_by_name_with_accepted_column_and_dashed_families():
    text = ("Instance    Peer    Session State   Uptime   Family         Received   Accepted   Advertised\n"
            "instance0   peer0   established     -        ipv4-unicast   3          2          1\n"
            "                                             ipv6-unicast   6          5          4\n"
            "            peer1   active          -        ipv4-unicast   0          0          0\n")
    res = parse_cli("cilium", "cilium-dbg shell -- bgp/peers", text)
    assert res["status"] == "ok"
    p0, p1 = res["peers"]
    assert (p0["name"], p0["peer_address"], p0["session_state"]) == ("peer0", None, "established")
    assert [(f["family"], f["received"], f["advertised"]) for f in p0["families"]] == [("ipv4/unicast", 3, 1), ("ipv6/unicast", 6, 4)]
    assert (p1["name"], p1["session_state"]) == ("peer1", "active")


def test_an_address_like_peer_is_never_taken_for_a_name():
    text = ("Local AS   Peer AS   Peer Address   Session       Family         Received   Advertised\n"
            "65001      65000     10.0.0.1       established   ipv4/unicast   1          1\n")
    (peer,) = parse_cli("cilium", "cilium-dbg bgp peers", text)["peers"]
    assert (peer["peer_address"], peer["name"]) == ("10.0.0.1", None)


DETAILED = """Instance: instance0
  Peer: peer0
    Address: fd00:10:99:7::1
    Port: 1790
    PeerAsn: 65000
    LocalAsn: 65001
    Session State: established
    Address Families:
      ipv4/unicast:
        Received Routes: 3
        Accepted Routes: 2
        Advertised Routes: 1
    Timers:
      Hold Time:
        Configured: 1m30s
    Local Capabilities:
      route-refresh
      fqdn:
        domain:
    TCP Password Enabled: false
    BFD:
      Session State: up
  Peer: peer1
    Address: 10.0.0.2
    PeerAsn: 65002
    Session State: idle
"""


def test_detailed_peers_form():
    noted = 'Defaulted container "cilium-agent" out of: cilium-agent, config (init)\n' + DETAILED
    assert parse_cli("cilium", "kubectl exec ds/cilium -- cilium-dbg shell -- bgp/peers -f detailed", noted)["peers"] == \
        parse_cli("cilium", "cilium-dbg shell -- bgp/peers -f detailed", DETAILED)["peers"]
    res = parse_cli("cilium", "cilium-dbg shell -- bgp/peers -f detailed", DETAILED)
    assert res["status"] == "ok"
    p0, p1 = res["peers"]
    assert (p0["instance"], p0["name"], p0["peer_address"], p0["peer_port"], p0["peer_as"], p0["local_as"], p0["session_state"]) == \
        ("instance0", "peer0", "fd00:10:99:7::1", 1790, 65000, 65001, "established")
    assert [(f["family"], f["received"], f["advertised"]) for f in p0["families"]] == [("ipv4/unicast", 3, 1)]
    assert (p1["peer_address"], p1["peer_as"], p1["session_state"], p1["families"]) == ("10.0.0.2", 65002, "idle", [])


DESCRIBE = """Name:         node-a
API Version:  cilium.io/v2
Kind:         CiliumBGPNodeConfig
Spec:
  Bgp Instances:
    Local ASN:  65001
    Name:       red
    Peers:
      Peer Address:  10.9.9.9
Status:
  Bgp Instances:
    Local ASN:  65001
    Name:       red
    Peers:
      Name:              p1
      Peer ASN:          65000
      Peer Address:      fd00:10::1
      Peering State:     established
      Route Count:
        Advertised:  2
        Afi:         ipv4
        Received:    5
        Safi:        unicast
        Advertised:  1
        Afi:         ipv6
        Received:    0
        Safi:        unicast
      Name:              p2
      Peer ASN:          65002
      Peer Address:      10.0.0.2
      Peering State:     active
Events:  <none>


Name:         node-b
Status:
  Bgp Instances:
    Local ASN:  65001
    Peers:
      Peer Address:      10.0.0.3
      Peering State:     established
"""


def test_kubectl_describe_node_configs_reads_status_not_spec():
    for platform in ("cilium", "kube"):
        res = parse_cli(platform, "kubectl describe ciliumbgpnodeconfigs", DESCRIBE)
        assert res["kind"] == "cilium_peers" and res["status"] == "ok"
        got = [(p["node"], p["instance"], p["peer_address"], p["peer_as"], p["session_state"]) for p in res["peers"]]
        assert got == [("node-a", "red", "fd00:10::1", 65000, "established"), ("node-a", "red", "10.0.0.2", 65002, "active"),
                       ("node-b", None, "10.0.0.3", None, "established")]
        fams = [(f["family"], f["received"], f["advertised"]) for f in res["peers"][0]["families"]]
        assert fams == [("ipv4/unicast", 5, 2), ("ipv6/unicast", 0, 1)]


def test_describe_tree_nesting_is_bounded_by_the_text_not_the_stack():
    # deeper than Python's recursion limit, each line shorter than the cleaner's line limit
    deep = "".join("%sK%d:\n" % ("  " * i, i) for i in range(1500)) + "  " * 1500 + "Leaf: 1\n"
    (obj,) = kube.describe_tree(deep, "t")
    node, depth = obj, 0
    while isinstance(node, dict) and "k%d" % depth in node:
        node, depth = node["k%d" % depth][0], depth + 1
    assert depth == 1500 and node == {"leaf": 1}


def test_a_text_marked_everywhere_is_not_a_hand_annotated_capture():
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import annotations
    many = "+x\n" * (annotations.MAX_MARKED_LINES + 1)
    assert annotations.strip_annotations(many) is many
    few = "+x\n" * 3
    assert annotations.strip_annotations(few) == "x\n" * 3


def test_a_web_pages_html_around_and_inside_the_output_is_removed():
    text = ('<pre class="highlight"><code>RP/0/RP0/CPU0:PE-1#show route vrf 10\n'
            "B    <mark>10.0.0.20/32</mark> [200/0] via 8.8.8.8 (nexthop in vrf default), 00:02:50\n"
            "                  [200/0] via 9.9.9.9 (nexthop in vrf default), 00:02:50\n"
            "<mark>B    111.0.1.50/32</mark> [200/0] via 5.5.5.5 (nexthop in vrf default), 00:22:24\n"
            "</code></pre>\n")
    res = parse_cli("iosxr", "show route vrf 10", text)
    assert res["status"] == "ok"
    assert [(r["prefix"], [p["next_hop"] for p in r["paths"]]) for r in res["routes"]] == [
        ("10.0.0.20/32", ["8.8.8.8", "9.9.9.9"]), ("111.0.1.50/32", ["5.5.5.5"])]
    table = "   Network            Next Hop            Metric LocPrf Weight Path\n*&gt;i10.1.0.0/16       10.0.0.1  0    100      0 i\n"
    (path,) = parse_cli("iosxr", "show bgp", table)["routes"]
    assert (path["prefix"], path["best"], path["next_hop"]) == ("10.1.0.0/16", True, "10.0.0.1")
    words = "Labels:       <none>\n<snip>\n<redacted>\n"
    assert strip_annotations(words) is words


def test_xr_next_hop_steered_into_an_sr_policy_keeps_its_address():
    text = ("BGP routing table entry for 10.0.0.0/8, Route Distinguisher: 100:1\n"
            "Paths: (1 available, best #1)\n"
            "  Path #1: Received by speaker 0\n"
            "  201\n"
            "    fcbb:bb00:26::1 C:100 (bsid: fcbb:bb00:1:e013::) (metric 10) from fcbb:bb00:26::1 (100.1.1.2)\n"
            "      Origin IGP, localpref 100, valid, internal, best, group-best, import-candidate, imported\n"
            "      SR policy color 100, up, not-registered, bsid fcbb:bb00:1:e013::\n")
    res = parse_cli("iosxr", "show bgp vrf vrf-main 10.0.0.0/8 detail", text)
    assert res["status"] == "ok"
    (path,) = res["routes"]
    assert (path["next_hop"], path["neighbor"], path["as_path"]) == ("fcbb:bb00:26::1", "fcbb:bb00:26::1", "201")


def test_xr_route_detail_pic_and_mpls_eid_lines_are_understood():
    text = ("Routing entry for 1.0.5.0/24\n"
            "  Known via \"bgp 100\", distance 200, metric 0\n"
            "  Number of pic paths 1 , type internal\n"
            "  Routing Descriptor Blocks\n"
            "    fccc:cc00:2011::1, from fccc:cc00:9::1\n"
            "      MPLS eid:0x11c3000000001\n"
            "    fccc:cc00:2012::1, from fccc:cc00:9::1, BGP backup path\n")
    res = parse_cli("iosxr", "show route vrf INTERNET 1.0.5.0/24 detail", text)
    assert res["status"] == "ok"
    assert [p["next_hop"] for p in res["routes"][0]["paths"]] == ["fccc:cc00:2011::1", "fccc:cc00:2012::1"]


SIDMANAGER_LIST = """- apiVersion: isovalent.com/v1alpha1
  kind: IsovalentSRv6SIDManager
  metadata:
    name: berlin
  spec:
    locatorAllocations:
    - locators:
      - behaviorType: uSID
        prefix: fc00:0:a0ba::/48
        structure:
          locatorBlockLenBits: 32
      poolRef: pool0
"""


def test_kubectl_objects_without_their_list_wrapper_and_on_the_cilium_side():
    for platform in ("kube", "cilium"):
        res = parse_cli(platform, "kubectl get sidmanager -o yaml", SIDMANAGER_LIST)
        assert res["kind"] == "sidmanager" and res["prefixes"] == ["fc00:0:a0ba::/48"]
        assert res["nodes"] == [{"node": "berlin", "locators": [{"pool": "pool0", "prefix": "fc00:0:a0ba::/48"}]}]


def test_isovalent_bpf_srv6_maps():
    sids = ('Defaulted container "cilium-agent" out of: cilium-agent, config (init)\n'
            "SID                  VRF ID\n"
            "fc00:0:a061:e95c::   1000107\n")
    res = parse_cli("cilium", "kubectl exec -n kube-system cilium-x -- cilium-dbg bpf srv6 sid", sids)
    assert res["kind"] == "srv6_sids" and res["status"] == "ok"
    assert [(s["sid"], s["vrf"]) for s in res["sids"]] == [("fc00:0:a061:e95c::", "1000107")]
    policy = ("VRF ID   Destination CIDR   SID\n"
              "99       10.9.9.1/32        fc00:0:1111:e008::\n"
              "99       40.0.0.0/24        fc00:0:7777:e007::\n"
              "oops\n")
    res = parse_cli("cilium", "cilium-dbg bpf srv6 policy", policy)
    assert res["kind"] == "route_table" and res["status"] == "partial" and [u["line"] for u in res["unparsed"]] == [4]
    assert [(r["vrf"], r["prefix"], r["paths"][0]["sid"]) for r in res["routes"]] == [
        ("99", "10.9.9.1/32", "fc00:0:1111:e008::"), ("99", "40.0.0.0/24", "fc00:0:7777:e007::")]


def test_isovalent_srv6_egress_policies_as_a_route_table():
    text = ("apiVersion: v1\n"
            "items:\n"
            "- apiVersion: isovalent.com/v1alpha1\n"
            "  kind: IsovalentSRv6EgressPolicy\n"
            "  metadata:\n"
            "    name: bgp-control-plane-1\n"
            "  spec:\n"
            "    destinationCIDRs:\n"
            "    - 40.0.0.0/24\n"
            "    - 50.0.0.0/24\n"
            "    destinationSID: 'fc00:0:7777:e005::'\n"
            "    vrfID: 1000107\n")
    for platform in ("kube", "cilium"):
        res = parse_cli(platform, "kubectl get IsovalentSRv6EgressPolicy -o yaml", text)
        assert res["kind"] == "route_table" and res["status"] == "ok"
        assert [(r["vrf"], r["prefix"], r["paths"][0]["sid"]) for r in res["routes"]] == [
            ("1000107", "40.0.0.0/24", "fc00:0:7777:e005::"), ("1000107", "50.0.0.0/24", "fc00:0:7777:e005::")]


def test_a_yaml_integer_past_pythons_digit_limit_is_a_typed_parse_error():
    text = "- apiVersion: v1\n  metadata:\n    name: x\n  spec:\n    vrfID: %s\n    destinationCIDRs: [10.0.0.0/8]\n" % ("9" * 5001)
    with pytest.raises(ParseError):
        parse_cli("kube", "kubectl get isovalentsrv6egresspolicy -o yaml", text)


def test_xr_evpn_nlri_without_colons_alone_on_its_line():
    text = ("Network            Next Hop        From            AS Path\n"
            "Route Distinguisher: 192.168.1.1:40000\n"
            "[5][0][16][150.0.0.0]/80\n"
            "                      192.168.1.1     192.168.1.2     ?\n"
            "[2][0][48][0011.2233.4455][32][10.1.1.1]/136\n"
            "                      192.168.1.3     192.168.1.2     i\n")
    res = parse_cli("iosxr", "show bgp l2vpn evpn neighbors 192.168.1.2 advertised-routes", text)
    assert res["status"] == "ok"
    assert [(r["route_type"], r["prefix"], r["mac"], r["next_hop"], r["rd"]) for r in res["routes"]] == [
        (5, "150.0.0.0/16", None, "192.168.1.1", "192.168.1.1:40000"),
        (2, "10.1.1.1/32", "0011.2233.4455", "192.168.1.3", "192.168.1.1:40000")]


_XR_ROUTE_BGP = """VRF: blue

Codes: C - connected, S - static, R - RIP, B - BGP, (>) - Diversion path

Gateway of last resort is not set

B    10.1.1.0/24 [200/0] via 10.0.0.2 (nexthop in vrf default), 00:01:02
"""


@pytest.mark.parametrize("command", ["show route vrf blue bgp", "sh route vrf blue ipv4 bgp", "show route vrf all bgp",
                                     "show route ipv4 unicast bgp"])
def test_xr_route_table_filtered_to_bgp_is_a_route_table(command):
    # 'bgp' after 'route' filters the routing table to one protocol: it went to the BGP table parser and nothing was read
    res = parse_cli("iosxr", command, _XR_ROUTE_BGP)
    assert res["kind"] == "route_table" and res["status"] == "ok"
    assert [(r["vrf"], r["prefix"], r["paths"][0]["next_hop"], r["protocol"]) for r in res["routes"]] == [
        ("blue", "10.1.1.0/24", "10.0.0.2", "B")]


def test_xr_bgp_commands_naming_routes_stay_bgp():
    assert parse_cli("iosxr", "show bgp vrf blue ipv4 unicast neighbors 10.0.0.2 routes", "")["kind"] != "route_table"
