# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cilium layouts first met in session 8's held-out round (outputs pasted in cilium/cilium and cilium-cli issues and PRs).

Each test is a minimal twin of what broke (the full captures are in tests/data/parsers/cilium): the rule it checks is
the general one (a family spelling, a shell prompt, the -o yaml field names), not the capture's values.
"""

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli

AGENT_HDR = "Local AS   Peer AS   Peer Address   Session       Uptime   Family         Received   Advertised\n"


def test_agent_peers_underscore_family_reads_as_afi_safi():
    # The first agent table (Cilium 1.14 development) joined AFI and SAFI with "_".
    text = (AGENT_HDR
            + "65010      65010     10.0.0.1       established   35m30s   ipv4_unicast   11         1\n"
            + "                                                           ipv6_unicast   0          0\n")
    res = parse_cli("cilium", "cilium bgp peers", text)
    (peer,) = res["peers"]
    assert [(f["family"], f["afi"], f["safi"], f["received"], f["advertised"]) for f in peer["families"]] == [
        ("ipv4/unicast", "ipv4", "unicast", 11, 1), ("ipv6/unicast", "ipv6", "unicast", 0, 0)]
    assert res["unparsed"] == []


def test_bracketed_shell_prompt_is_not_json_and_is_no_data():
    # "[user@host dir]#" (the RHEL bash prompt) starts with "[" as a JSON array does.
    text = ("[root@master hr]# kubectl exec -it cilium-x -nkube-system -- cilium bgp peers\n"
            + AGENT_HDR
            + "64512      64512     76.3.95.28     established   73h34m19s   ipv4/unicast   1          1\n")
    res = parse_cli("cilium", "kubectl exec -it cilium-x -nkube-system -- cilium bgp peers", text)
    assert res["status"] == "ok" and res["unparsed"] == []
    assert [(p["peer_address"], p["session_state"]) for p in res["peers"]] == [("76.3.95.28", "established")]


def test_json_array_is_still_sniffed_without_the_command_saying_json():
    text = '[\n  {"peer-address": "10.0.0.1", "peer-asn": 65010, "local-asn": 65010, "session-state": "active"}\n]\n'
    res = parse_cli("cilium", "cilium bgp peers", text)
    assert [(p["peer_address"], p["peer_as"], p["session_state"]) for p in res["peers"]] == [("10.0.0.1", 65010, "active")]


def test_prompt_with_decorations_before_the_mark_is_the_echoed_command():
    # fish/starship prompts put the directory and git state before the mark; the echo is not a row before the header.
    text = ("@box:~/s/infra (master) [$!?] \u276f k exec -it -n kube-system ds/cilium -- cilium-dbg bgp routes available ipv6 unicast\n"
            "VRouter   Prefix                     NextHop   Age        Attrs\n"
            "64513     2a10:4741:37:88:1::2/128   ::        8h21m26s   [{Origin: i}]\n")
    res = parse_cli("cilium", "k exec -it -n kube-system ds/cilium -- cilium-dbg bgp routes available ipv6 unicast", text)
    assert res["status"] == "ok" and res["unparsed"] == []
    assert [(r["prefix"], r["next_hop"]) for r in res["routes"]] == [("2a10:4741:37:88:1::2/128", "::")]


def test_a_row_before_any_header_is_still_reported():
    res = parse_cli("cilium", "cilium bgp routes", "65001  10.0.0.0/24  0.0.0.0  1s  [{Origin: i}]\n")
    assert res["routes"] == [] and [u["line"] for u in res["unparsed"]] == [1]


def test_routes_yaml_field_names_run_together():
    # -o yaml prints the Go field names in lower case (routerasn, agenanoseconds, pathattributes), not the JSON names.
    text = ("- neighbor: 10.0.1.1\n"
            "  paths:\n"
            "    - agenanoseconds: 111065296279\n"
            "      best: false\n"
            "      pathattributes:\n"
            "        - base64: QAEBAA==\n"
            "        - base64: QAMECgABAg==\n"
            "  prefix: 10.1.0.0/24\n"
            "  routerasn: 65001\n")
    res = parse_cli("cilium", "cilium bgp routes advertised -o yaml", text)
    (route,) = res["routes"]
    assert (route["vrouter"], route["peer"], route["prefix"], route["next_hop"], route["age"]) == (
        65001, "10.0.1.1", "10.1.0.0/24", "10.0.1.2", "1m51s")
    assert route["attributes"]["origin"] == "i"


def test_peers_yaml_field_names_run_together():
    text = ("node0:\n"
            "- families:\n"
            "  - afi: ipv4\n"
            "    safi: unicast\n"
            "    received: 3\n"
            "    advertised: 2\n"
            "  localasn: 65001\n"
            "  peeraddress: 10.0.1.1\n"
            "  peerasn: 65000\n"
            "  sessionstate: established\n"
            "  uptimenanoseconds: 5000000000\n")
    res = parse_cli("cilium", "cilium bgp peers -o yaml", text)
    (peer,) = res["peers"]
    assert (peer["node"], peer["peer_address"], peer["peer_as"], peer["local_as"], peer["session_state"], peer["uptime"]) == (
        "node0", "10.0.1.1", 65000, 65001, "established", "5s")
    assert [(f["family"], f["received"], f["advertised"]) for f in peer["families"]] == [("ipv4/unicast", 3, 2)]


POLICY_HDR_117 = ("VRouter   Policy Name          Type     Match Peers      Match Families   Match Prefixes (Min..Max Len)   "
                  "RIB Action   Path Actions\n")


def test_route_policies_read_in_the_route_map_shape():
    text = (POLICY_HDR_117
            + "65001     allow-local          import                                                                      accept\n"
            + "65001     tor-ipv4-PodCIDR     export   10.0.0.1/32                       172.20.1.0/24 (24..24)          accept       "
            + "{SetLocalPreference: 150} {AddCommunities: [65000:99 65000:100]}\n")
    res = parse_cli("cilium", "cilium-dbg bgp route-policies", text)
    assert res["kind"] == "route_maps" and res["status"] == "ok"
    local, pod = res["route_maps"]
    assert (local["name"], local["sequence"], local["type"], local["action"], local["match"], local["set"]) == (
        "allow-local", 1, "import", "accept", {}, {})
    assert pod["vrouter"] == 65001 and pod["match"] == {"neighbor": ["10.0.0.1/32"], "prefix": ["172.20.1.0/24 (24..24)"]}
    assert pod["set"] == {"local-preference": ["150"], "community": ["65000:99", "65000:100"]}


def test_route_policy_statements_after_the_first_continue_the_policy():
    # The agent prints a policy's further statements after three empty cells (VRouter, name, type).
    text = ("VRouter   Policy Name   Type     Match Peers   Match Prefixes (Min..Max Len)   RIB Action   Path Actions\n"
            "65001     p1            export   10.0.0.1/32   10.1.0.0/24 (24..24)            accept\n"
            "                                 10.0.0.2/32   10.2.0.0/24 (24..24)            reject\n")
    res = parse_cli("cilium", "cilium-dbg bgp route-policies", text)
    assert [(m["name"], m["sequence"], m["type"], m["action"], m["match"]["neighbor"]) for m in res["route_maps"]] == [
        ("p1", 1, "export", "accept", ["10.0.0.1/32"]), ("p1", 2, "export", "reject", ["10.0.0.2/32"])]


def test_route_policies_of_isovalent_name_the_instance():
    text = ("Instance      Policy Name   Type     Match Peers   Match Families   Match Prefixes (Min..Max Len)   Match Communities   "
            "RIB Action   Path Actions\n"
            "instance-1    p1            export   10.0.0.1/32   ipv4/unicast     10.1.0.0/24 (24..24)                                accept\n")
    (pol,) = parse_cli("cilium", "cilium-dbg bgp route-policies", text)["route_maps"]
    assert (pol["vrouter"], pol["name"], pol["action"], pol["match"]["family"]) == ("instance-1", "p1", "accept", ["ipv4/unicast"])


def test_route_policies_as_data_are_refused_clearly():
    import pytest
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError
    with pytest.raises(ParseError, match="table form"):
        parse_cli("cilium", "cilium-dbg bgp route-policies -o json", "[]")


# ------------------------------------------------------------------ Isovalent SRv6 objects read with kubectl

SIDMANAGER = """apiVersion: isovalent.com/v1alpha1
kind: IsovalentSRv6SIDManager
metadata:
  name: berlin
spec:
  locatorAllocations:
  - locators:
    - behaviorType: uSID
      prefix: fc00:0:a0ba::/48
    poolRef: pool0
status:
  sidAllocations:
  - poolRef: pool0
    sids:
    - behavior: uDT4
      behaviorType: uSID
      metadata: carrots
      owner: srv6-manager
      sid:
        addr: 'fc00:0:a0ba:ec7::'
"""


def test_sidmanager_status_sids_and_locators_in_the_srv6_shapes():
    res = parse_cli("cilium", "kubectl get sidmanager berlin -o yaml", SIDMANAGER)
    assert res["status"] == "ok"
    assert res["locators"] == [{"name": "pool0", "prefix": "fc00:0:a0ba::/48", "node": "berlin"}]
    assert [(s["sid"], s["behavior"], s["vrf"], s["locator"], s["node"]) for s in res["sids"]] == [
        ("fc00:0:a0ba:ec7::", "uDT4", "carrots", "pool0", "berlin")]
    assert res["nodes"] == [{"node": "berlin", "locators": [{"pool": "pool0", "prefix": "fc00:0:a0ba::/48"}]}]


def test_sidmanager_status_of_another_type_is_a_typed_error():
    import pytest
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError
    for status in ("x", {"sidAllocations": "x"}, {"sidAllocations": [{"sids": [{"sid": "x"}]}]}):
        with pytest.raises(ParseError):
            parse_cli("kube", "kubectl get sidmanager -o yaml", {"items": [{"metadata": {"name": "n"}, "status": status}]})


def test_diff_plus_over_the_blank_before_an_indented_yaml_key_keeps_the_indentation():
    # The guide's "+" sits in the block's own margin column: deleting it would move the key one column left.
    marked = "\n".join("    " + ln for ln in SIDMANAGER.splitlines())
    marked = marked.replace("          prefix: fc00", "    +     prefix: fc00").replace("        - behavior: uDT4", "    +   - behavior: uDT4")
    res = parse_cli("cilium", "kubectl get sidmanager berlin -o yaml", marked + "\n")
    assert [loc["prefix"] for loc in res["locators"]] == ["fc00:0:a0ba::/48"]
    assert [s["behavior"] for s in res["sids"]] == ["uDT4"]


def test_diff_plus_glued_to_a_row_is_still_deleted():
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse.annotations import strip_annotations
    assert strip_annotations("  a: 1\n  +b: 2\n") == "  a: 1\n  b: 2\n"


def test_sidmanager_custom_columns_go_maps():
    text = ("NAME           ALLOCATIONS\n"
            "london-vm-00   [map[locators:[map[behaviorType:uSID prefix:fc00:0:88f7::/48 structure:map[]]] poolRef:pool0]]\n"
            "london-vm-01   [map[locators:[map[behaviorType:uSID prefix:fc00:0:88f6::/48\n")
    res = parse_cli("cilium", 'kubectl get sidmanager -o custom-columns="NAME:.metadata.name,ALLOCATIONS:.spec.locatorAllocations"', text)
    assert res["nodes"] == [{"node": "london-vm-00", "locators": [{"pool": "pool0", "prefix": "fc00:0:88f7::/48"}]},
                            {"node": "london-vm-01", "locators": [{"pool": None, "prefix": "fc00:0:88f6::/48"}]}]


def test_egress_policy_specs_printed_by_jsonpath_and_jq_one_document_each():
    text = ('{\n  "destinationCIDRs": ["10.101.1.0/24"],\n  "destinationSID": "fc00:0:1111:e009::",\n  "vrfID": 99\n}\n'
            '{\n  "destinationCIDRs": ["10.107.1.0/24"],\n  "destinationSID": "fc00:0:7777:e006::",\n  "vrfID": 99\n}\n')
    res = parse_cli("cilium", 'kubectl get IsovalentSRv6EgressPolicy -o jsonpath="{.items[*].spec}" | jq', text)
    assert [(r["vrf"], r["prefix"], r["paths"][0]["sid"]) for r in res["routes"]] == [
        ("99", "10.101.1.0/24", "fc00:0:1111:e009::"), ("99", "10.107.1.0/24", "fc00:0:7777:e006::")]


def test_a_broken_json_stream_is_a_parse_error():
    import pytest
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError
    with pytest.raises(ParseError):
        parse_cli("cilium", "kubectl get IsovalentSRv6EgressPolicy -o json", '{"vrfID": 99}\n{"vrfID": \n')


def test_a_list_item_whose_keys_the_author_moved_left_is_refused_not_guessed():
    # SRv6 dCloud lab guide (lab_4-guide.md, "The truncated output below"): the item's keys sit one column left of
    # its first key, which is no YAML kubectl prints; reading it would mean guessing the nesting.
    import pytest
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError
    text = ("   apiVersion: v1\n   items:\n   - apiVersion: isovalent.com/v1alpha1\n    kind: IsovalentSRv6SIDManager\n"
            "    metadata:\n      name: berlin\n    spec:\n      locatorAllocations:\n      - locators:\n"
            "        - behaviorType: uSID\n          prefix: fc00:0:a01f::/48\n        poolRef: pool0\n")
    with pytest.raises(ParseError):
        parse_cli("cilium", "kubectl get sidmanager -o yaml", text)


def test_node_config_status_fragments_read_as_peers_of_an_unnamed_node():
    grepped = ("peerAddress: ::1\npeeringState: established\nrouteCount:\n  - advertised: 1  # local pod CIDR\n"
               "    afi: ipv6\n    received: 0\n    safi: unicast\n")
    (peer,) = parse_cli("cilium", 'kubectl get ciliumbgpnodeconfig -o yaml | grep -A 20 "peerAddress: ::1"', grepped)["peers"]
    assert (peer["node"], peer["peer_address"], peer["session_state"]) == (None, "::1", "established")
    assert [(f["family"], f["received"], f["advertised"]) for f in peer["families"]] == [("ipv6/unicast", 0, 1)]
    status = '{"bgpInstances": [{"name": "i", "localASN": 65001, "peers": [{"peerAddress": "10.0.0.1", "peerASN": 65000}]}]}'
    (peer,) = parse_cli("cilium", "kubectl get ciliumbgpnodeconfig n1 -o jsonpath='{.status}'", status)["peers"]
    assert (peer["instance"], peer["local_as"], peer["peer_as"]) == ("i", 65001, 65000)


def test_an_object_without_metadata_that_is_no_status_part_is_still_refused():
    import pytest
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError
    with pytest.raises(ParseError):
        parse_cli("cilium", "kubectl get ciliumbgpnodeconfig -o yaml", "foo: 1\n")
