# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""parse_cli: which parser a typed command reaches (platform names, abbreviations, arguments), and the status
of what the box answered (ok / partial / empty / cli-error with its message).

The kind is read through an empty answer, so each case needs no table: the command alone decides it.
"""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError, parse_cli
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import cli


def kind(platform, command):
    res = parse_cli(platform, command, "")
    assert res["status"] == "empty" and res["unparsed"] == [] and res["message"] == ""
    return res["kind"]


@pytest.mark.parametrize("platform", ["nxos", "NX-OS", "cisco.nxos", "cisco.nxos.nxos", "nexus", "cisco_nxos", " Nxos ",
                                      "nx_os", "NX OS", "cisco-nx-os", "n9k"])
def test_nxos_platform_names(platform):
    assert kind(platform, "show bgp vrf red ipv4 unicast summary") == "bgp_summary"
    assert kind(platform, "show ip route vrf red") == "route_table"


@pytest.mark.parametrize("platform", ["iosxr", "ios-xr", "xr", "cisco.iosxr", "cisco.iosxr.iosxr", "cisco_xr",
                                      "ios_xr", "IOS XR", "cisco_iosxr", "cisco-ios-xr", "XRd", "xrv9k"])
def test_iosxr_platform_names(platform):
    assert kind(platform, "show segment-routing srv6 sid") == "srv6_sids"


@pytest.mark.parametrize("platform", ["cilium", "isovalent", "cilium-dbg"])
def test_cilium_platform_names(platform):
    assert kind(platform, "cilium bgp peers") == "cilium_peers"


@pytest.mark.parametrize("platform", ["kubernetes", "kube", "k8s", "kubectl"])
def test_kube_platform_names(platform):
    assert kind(platform, "kubectl get svc -A") == "services"


@pytest.mark.parametrize("platform,command,expected", [
    ("nxos", "show bgp l2vpn evpn summary", "bgp_summary"),
    ("nxos", "sh bgp l2vpn evpn", "bgp_table"),
    ("nxos", "show bgp l2vpn evpn detail", "bgp_detail"),
    ("nxos", "show bgp l2vpn evpn 20.0.10.1 vrf Tenant1-Pods", "bgp_detail"),
    ("nxos", "show bgp ipv6 unicast fd00::/64", "bgp_detail"),
    ("nxos", "show bgp ipv6 unicast FD00:A::/64", "bgp_detail"),
    ("nxos", "show bgp l2vpn evpn [5]:[0]:[0]:[24]:[10.71.1.0]/224", "bgp_detail"),
    ("nxos", "show bgp ipv4 unicast 65000", "bgp_table"),
    ("nxos", "show ip route vrf all", "route_table"),
    ("nxos", "sh ipv6 ro", "route_table"),
    ("nxos", "show nve vni", "nve_vni"),
    ("nxos", "show route-map K8-EXPORT", "route_maps"),
    ("nxos", "show ip extcommunity-list", "community_lists"),
    ("nxos", "show ip community-list", "community_lists"),
    ("nxos", "show running-config", "running_config"),
    ("nxos", "show vrf detail", "vrf_detail"),
    ("nxos", "show vrf Tenant-K8s det", "vrf_detail"),
    ("nxos", "show bgp vrf all ipv4 unicast | json", "bgp_table"),
    ("nxos", "show bgp vrf all ipv4 unicast summary | json", "bgp_summary"),
    ("nxos", "show bgp l2vpn evpn 10.0.0.1 vrf red | json", "bgp_detail"),
    ("nxos", "show bgp process vrf all | json", "nxos_json"),
    ("nxos", "show ip route vrf red | json", "route_table"),
    ("iosxr", "show segment-routing srv6 locator", "srv6_locators"),
    ("iosxr", "show srv6 sid", "srv6_sids"),
    ("iosxr", "show bgp vpnv4 unicast summary", "bgp_summary"),
    ("iosxr", "show bgp vpnv4 unicast vrf blue", "bgp_table"),
    ("iosxr", "show bgp vpnv4 unicast vrf blue 10.23.0.0/24", "bgp_detail"),
    ("iosxr", "show route vrf blue ipv4", "route_table"),
    ("iosxr", "show running-config interface Loopback10", "running_config"),
    ("cilium", "cilium bgp routes available ipv4 unicast", "cilium_routes"),
    ("cilium", "cilium bgp routes -o json", "cilium_routes"),
    ("cilium", "cilium bgp peers -o json", "cilium_peers"),
    ("cilium", "curl -s --unix-socket /var/run/cilium/cilium.sock http://localhost/v1/bgp/peers", "cilium_peers"),
    ("cilium", "curl http://localhost/v1/bgp/routes", "cilium_routes"),
    ("kube", "kubectl get ciliumbgpnodeconfigs -o yaml", "cilium_peers"),
    ("kube", "kubectl get SIDManager -o yaml", "sidmanager"),
    ("kube", "kubectl get ciliumloadbalancerippools -o json", "lb_pools"),
    ("kube", "kubectl get services -o yaml", "services"),
    ("kube", "kubectl get service -A", "services"),
    ("kube", "kubectl get ippools -o yaml", "lb_pools"),
    ("iosxr", "show vrf all", "vrf_detail"), ("iosxr", "show vrf blue", "vrf_detail"),
])
def test_command_reaches_its_parser(platform, command, expected):
    assert kind(platform, command) == expected


@pytest.mark.parametrize("platform,command", [
    ("nxos", "show clock"), ("iosxr", "show version"), ("cilium", "cilium status"), ("kube", "kubectl get pods"),
    ("kube", "kubectl get servicesaccounts"), ("iosxr", "show clock"),
])
def test_a_command_without_a_parser_is_a_parse_error_naming_it(platform, command):
    with pytest.raises(ParseError) as err:
        parse_cli(platform, command, "")
    assert str(err.value) == "parse_cli: no parser for %s command %r" % (cli.PLATFORMS[platform], command)


@pytest.mark.parametrize("platform,command,prints", [
    ("nxos", "show ip arp vrf red", "its own layout"), ("nxos", "show forwarding route vrf red", "its own layout"),
    ("nxos", "show bgp process", "its own layout"), ("iosxr", "show cef vrf red", "its own layout"),
    ("nxos", "show bgp vrf all ipv4 unicast neighbors", "the BGP neighbor detail"),
    ("iosxr", "show bgp neighbor 10.0.0.1", "the BGP neighbor detail"), ("nxos", "show nve peers", "the NVE peer table"),
    ("iosxr", "show route vrf all summary", "the routing table summary"), ("nxos", "sh ip ro summ", "the routing table summary"),
])
def test_a_command_of_another_layout_is_refused_not_read_by_the_reader_its_words_suggest(platform, command, prints):
    # Read by the BGP table / VRF / NVE VNI reader, every line would have been "not understood": a partial answer that
    # looks like a parse. A clear refusal says what the command prints instead.
    with pytest.raises(ParseError) as err:
        parse_cli(platform, command, "Neighbor 10.0.0.1\n")
    assert "no parser for %s command" % platform in str(err.value) and prints in str(err.value)


@pytest.mark.parametrize("platform,command", [
    ("nxos", "show bgp vrf all ipv4 unicast neighbors 10.1.1.1 routes"), ("nxos", "show bgp l2vpn evpn neighbors 10.0.0.1 advertised-routes"),
    ("iosxr", "show bgp vrf all neighbors 10.1.1.1 advertised-routes"), ("iosxr", "show bgp vpnv4 unicast summary"),
    ("nxos", "show bgp process vrf all | json"),
])
def test_neighbor_route_tables_and_json_are_still_read(platform, command):
    assert kind(platform, command) in ("bgp_table", "bgp_detail", "bgp_summary", "nxos_json")


@pytest.mark.parametrize("platform,command", [("nxos", "show run bgp"), ("iosxr", "show running-config router bgp")])
def test_bgp_configuration_is_configuration_not_a_bgp_table(platform, command):
    assert kind(platform, command) == "running_config"


@pytest.mark.parametrize("platform", ["junos", "ios", "cisco_ios", "eos", "", "cisco", "nxosx", "xr7", "cisco.ios.ios"])
def test_unknown_platform_lists_the_known_ones(platform):
    # IOS (not XR) prints other layouts: the loose matching must not take it, nor a bare "cisco".
    with pytest.raises(ParseError) as err:
        parse_cli(platform, "show route", "")
    assert str(err.value) == "parse_cli: unknown platform %r; known: cilium, iosxr, kube, nxos" % platform


def test_no_json_parser_for_community_lists():
    for cmd in ("show ip community-list | json", "show ip extcommunity-list | json"):
        with pytest.raises(ParseError) as err:
            parse_cli("nxos", cmd, "")
        assert str(err.value) == "parse_cli: no JSON parser for %s; use the text form" % cmd


def test_json_is_recognised_from_the_output_itself():
    # NX-API JSON under the text command: the command's shared shape (bgp_summary), read from the JSON
    res = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary", '  {"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": "red"}}}')
    assert res["kind"] == "bgp_summary" and res["status"] == "ok" and res["vrfs"] == []
    # a command without a shared shape keeps the generic kind
    res = parse_cli("nxos", "show bgp process vrf all", '{"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": "red"}}}')
    assert res["kind"] == "nxos_json" and res["status"] == "ok"
    res = parse_cli("cilium", "cilium bgp peers", "[]")
    assert res["kind"] == "cilium_peers" and res["peers"] == [] and res["status"] == "ok"
    res = parse_cli("cilium", "cilium bgp peers", [{"peer-address": "10.0.0.1"}])
    assert res["peers"][0]["peer_address"] == "10.0.0.1"


SVC_YAML = """\
apiVersion: v1
items:
- apiVersion: v1
  kind: Service
  metadata: {name: web, namespace: default}
  spec:
    type: LoadBalancer
    clusterIP: 10.96.0.10
    ports: [{port: 80, protocol: TCP}]
  status:
    loadBalancer:
      ingress: [{ip: 10.0.10.1}]
kind: List
"""


def test_services_as_yaml_are_read_as_objects():
    res = parse_cli("kube", "kubectl get svc -A -o yaml", SVC_YAML)
    assert res["status"] == "ok"
    (svc,) = res["services"]
    assert (svc["name"], svc["type"], svc["cluster_ip"], svc["lb_ingress_ips"], svc["ports"][0]["port"]) == (
        "web", "LoadBalancer", "10.96.0.10", ["10.0.10.1"], 80)


def test_an_iosxr_detail_entry_is_recognised_from_the_output():
    text = ("BGP routing table entry for 10.23.0.0/24, Route Distinguisher: 10:10\n"
            "  Local\n    0.0.0.0 from 0.0.0.0 (10.0.0.1)\n      Origin incomplete, metric 0, localpref 100, weight 32768, valid\n")
    res = parse_cli("iosxr", "show bgp vpnv4 unicast vrf blue", text)
    assert res["kind"] == "bgp_detail" and res["routes"][0]["next_hop"] == "0.0.0.0"


def test_kubectl_prefix_on_a_device_platform_is_dropped():
    assert kind("nxos", "kubectl show nve vni") == "nve_vni"


# --- normalise_command ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed,words", [
    ("leaf01# sh ip ro vrf RED", ["show", "ip", "route", "vrf", "RED"]),
    ("RP/0/RP0/CPU0:pe1#show route vrf blue", ["show", "route", "vrf", "blue"]),
    ("show ip route vrf red", ["show", "ip", "route", "vrf", "red"]),  # no prompt to strip
    ("sh run int Lo10", ["show", "running-config", "interface", "Lo10"]),
    ("sh bgp vrf ALL", ["show", "bgp", "vrf", "all"]),
    ("sh bgp vrf x | JSON", ["show", "bgp", "vrf", "x", "|", "json"]),
    ("sh vrf det", ["show", "vrf", "detail"]),
    ("sh vrf de", ["show", "vrf", "de"]),  # two letters: a VRF named "de"
    ("sh route-map K8-EXPORT-OTHERS", ["show", "route-map", "K8-EXPORT-OTHERS"]),
    ("sh ip comm", ["show", "ip", "community-list"]),
    ("sh ip extc", ["show", "ip", "extcommunity-list"]),
    ("sh bgp l2vpn ev 20.0.10.1", ["show", "bgp", "l2vpn", "evpn", "20.0.10.1"]),
    ("sh bgp l2 ev", ["show", "bgp", "l2", "evpn"]),  # a word with a digit is kept as typed
    ("show bgp vpnv4 uni vrf blue 10.23.0.0/24", ["show", "bgp", "vpnv4", "unicast", "vrf", "blue", "10.23.0.0/24"]),
    ("cilium bgp peers -o json", ["cilium", "bgp", "peers", "-o", "json"]),
    ("cilium bgp peers -o JSON", ["cilium", "bgp", "peers", "-o", "json"]),
    ("show bgp vrf ALL summary", ["show", "bgp", "vrf", "all", "summary"]),
    ("show bgp ipv6 unicast FD00:A::/64", ["show", "bgp", "ipv6", "unicast", "FD00:A::/64"]),
    ("kubectl -n kube-system get svc", ["kubectl", "-n", "kube-system", "get", "svc"]),
    ("show frobnicate", ["show", "frobnicate"]),
    ("show BGP Summary", ["show", "bgp", "summary"]),
    ("show nve vni 10010", ["show", "nve", "vni", "10010"]),
    ("sh ip bgp nei 10.0.0.1", ["show", "ip", "bgp", "neighbors", "10.0.0.1"]),
])
def test_normalise_command(typed, words):
    assert cli.normalise_command(typed) == words


def test_a_command_that_is_not_text_is_a_parse_error():
    with pytest.raises(ParseError) as err:
        cli.normalise_command(["show"])
    assert str(err.value) == "parse_cli: the command must be text, got list"


@pytest.mark.parametrize("words,vrf", [
    (["show", "bgp", "vrf", "RED", "summary"], "RED"), (["show", "bgp", "vrf", "all"], None), (["show", "vrf", "detail"], None),
    (["show", "bgp", "vrf", "summary"], None), (["show", "bgp", "VRF", "Blue"], "Blue"), (["show", "bgp", "vrf"], None),
    (["show", "ip", "route"], None), (["show", "vrf", "ALL"], None),
])
def test_vrf_argument(words, vrf):
    assert cli.vrf_argument(words) == vrf


def test_the_vrf_argument_is_the_default_vrf_of_a_route_table():
    text = "IP Route Table for VRF \"red\"\n10.0.0.0/24, ubest/mbest: 1/0\n    *via 10.0.0.1, Eth1/1, [1/0], 00:01:02, static\n"
    res = parse_cli("nxos", "show ip route vrf red", text)
    assert res["status"] == "ok" and res["kind"] == "route_table"
    assert [(r["vrf"], r["prefix"]) for r in res["routes"]] == [("red", "10.0.0.0/24")]


# --- typed answers --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,status,message", [
    ("% Invalid input detected at '^' marker.\n", "cli-error", "% Invalid input detected at '^' marker."),
    ("show bgp x\n        ^\n% Invalid command at '^' marker.\n", "cli-error", "% Invalid command at '^' marker."),
    ("Syntax error while parsing 'show bgp x'\n", "cli-error", "Syntax error while parsing 'show bgp x'"),
    ("% Incomplete command.\n% Ambiguous command\n", "cli-error", "% Incomplete command. % Ambiguous command"),
    ("% No such VRF blue\n", "empty", "% No such VRF blue"),
    ("BGP instance not active\nNo matching routes\n", "empty", "BGP instance not active No matching routes"),
    ("\n\n", "empty", ""),
])
def test_typed_answers_and_their_messages(text, status, message):
    res = parse_cli("nxos", "show bgp vrf x ipv4 unicast summary", text)
    assert (res["status"], res["message"], res["vrfs"], res["unparsed"]) == (status, message, [], [])


def test_an_error_line_inside_a_real_table_is_not_a_typed_answer():
    text = ("BGP summary information for VRF red, address family IPv4 Unicast\n"
            "BGP router identifier 10.0.0.1, local AS number 65000\n"
            "Neighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\n"
            "10.0.0.2        4 65001      10      11        5    0    0 00:01:02 7\n")
    res = parse_cli("nxos", "show bgp vrf red ipv4 unicast summary", text + "% No such VRF blue\n")
    assert res["status"] in ("ok", "partial") and res["vrfs"][0]["neighbors"][0]["neighbor"] == "10.0.0.2"


def test_seven_error_lines_are_not_a_typed_answer():
    six = "% No such VRF a\n" * 6
    assert parse_cli("nxos", "show bgp vrf a ipv4 unicast summary", six)["status"] == "empty"
    seven = parse_cli("nxos", "show bgp vrf a ipv4 unicast summary", six + "% No such VRF a\n")
    assert seven["status"] == "partial" and len(seven["unparsed"]) == 7


def test_a_parser_that_needs_content_still_gives_an_empty_shape():
    res = parse_cli("cilium", "cilium bgp routes", "No BGP peers\n")
    assert (res["status"], res["kind"], res["message"]) == ("empty", "cilium_routes", "No BGP peers")


def test_status_partial_when_a_line_is_not_understood_and_lists_join():
    lines = ["IP Route Table for VRF \"red\"", "10.0.0.0/24, ubest/mbest: 1/0",
             "    *via 10.0.0.1, Eth1/1, [1/0], 00:01:02, static", "garbage 10.9.9.9"]
    res = parse_cli("nxos", "show ip route vrf red", lines)
    assert res["status"] == "partial" and res["message"] == ""
    (u,) = res["unparsed"]
    assert (u["line"], u["text"], u["may_hold_facts"]) == (4, "garbage 10.9.9.9", True)


def test_the_vrf_argument_is_the_vrf_of_a_summary_that_names_none():
    text = ("BGP router identifier 10.0.0.1, local AS number 65000\n"
            "Neighbor        Spk    AS MsgRcvd MsgSent   TblVer  InQ OutQ  Up/Down  St/PfxRcd\n"
            "10.0.0.2          0 65001      10      11        5    0    0 00:01:02          7\n")
    res = parse_cli("iosxr", "show bgp vrf blue ipv4 unicast summary", text)
    assert [(v["vrf"], v["neighbors"][0]["neighbor"], v["neighbors"][0]["prefixes_received"]) for v in res["vrfs"]] == [("blue", "10.0.0.2", 7)]


def test_the_vrf_argument_is_the_vrf_of_a_detail_entry_that_names_none():
    text = ("BGP routing table entry for 10.23.0.0/24, Route Distinguisher: 10:10\n"
            "Paths: (1 available, best #1)\n"
            "  Local\n"
            "    2016::1 (metric 20) from 2016::1 (1.1.1.1)\n"
            "      Origin IGP, metric 0, localpref 100, valid, internal, best, group-best, import-candidate, imported\n")
    (path,) = parse_cli("iosxr", "show bgp vpnv4 unicast vrf blue 10.23.0.0/24", text)["routes"]
    assert (path["vrf"], path["prefix"], path["next_hop"]) == ("blue", "10.23.0.0/24", "2016::1")


def test_an_output_option_other_than_json_reads_the_table():
    text = ("Node   Local AS   Peer AS   Peer Address   Session State   Uptime   Family         Received   Advertised\n"
            "n1     65001      65000     10.0.0.1       established     1s       ipv4/unicast   1          1\n")
    res = parse_cli("cilium", "cilium bgp peers -o wide", text)
    assert res["status"] == "ok" and [p["peer_address"] for p in res["peers"]] == ["10.0.0.1"]


@pytest.mark.parametrize("command", ["show bgp summary", "show bgp vpnv4 unicast", "show route"])
def test_structured_output_to_a_text_only_parser_is_a_parse_error(command):
    with pytest.raises(ParseError):
        parse_cli("iosxr", command, {"vrfs": []})


def test_output_that_is_not_text_is_a_parse_error():
    with pytest.raises(ParseError) as err:
        parse_cli("nxos", "show ip route", 42)
    assert str(err.value) == "parse_cli: expected the command output as text, got int"
