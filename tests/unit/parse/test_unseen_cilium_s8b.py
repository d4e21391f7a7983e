# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cilium layouts first met in session 8's second held-out round (lab repositories and blogs on GitHub).

Each test is a minimal twin of what broke (the full captures are in tests/data/parsers/cilium): the rule it checks is
the general one (a per-node banner, a kubectx note, the Go-map print of SID allocations), not the capture's values.
"""


from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse_cli

AGENT_HDR = "Local AS   Peer AS   Peer Address      Session       Uptime   Family         Received   Advertised\n"
ROUTES_HDR = "VRouter   Prefix           NextHop       Age      Attrs\n"


def test_agent_peers_per_node_banners_name_the_node():
    # A loop over the agents prints each node's name above its table: the banner is the node, not an unread line.
    text = ("=== node-a ===\n" + AGENT_HDR
            + "65010      65001     10.90.254.1:179   established   47m11s   ipv4/unicast   11         12\n\n"
            + "=== node-b ===\n" + AGENT_HDR
            + "65010      65001     10.90.254.1:179   established   47m55s   ipv4/unicast   11         12\n")
    res = parse_cli("cilium", "kubectl exec -n kube-system ds/cilium -- cilium-dbg bgp peers", text)
    assert res["status"] == "ok" and res["unparsed"] == []
    assert [(p["node"], p["peer_address"], p["peer_port"]) for p in res["peers"]] == [
        ("node-a", "10.90.254.1", 179), ("node-b", "10.90.254.1", 179)]


def test_agent_routes_per_node_banners_name_the_node():
    text = ("----- node-a -----\n" + ROUTES_HDR
            + "65010     10.99.8.201/32   10.90.3.101   51m26s   [{Origin: i} {AsPath: 65010} {Nexthop: 10.90.3.101}]\n"
            + "----- node-b -----\n" + ROUTES_HDR
            + "65010     10.99.8.202/32   10.90.3.102   51m25s   [{Origin: i} {AsPath: 65010} {Nexthop: 10.90.3.102}]\n")
    res = parse_cli("cilium", "cilium-dbg bgp routes advertised ipv4 unicast peer 10.90.254.1", text)
    assert res["status"] == "ok" and res["unparsed"] == []
    assert [(r["node"], r["prefix"], r["next_hop"]) for r in res["routes"]] == [
        ("node-a", "10.99.8.201/32", "10.90.3.101"), ("node-b", "10.99.8.202/32", "10.90.3.102")]


def test_a_long_dash_line_is_no_node_banner():
    # "-a----...----x" is no "-- node --" banner (and the banner test uses string tests, no backtracking over dashes)
    text = AGENT_HDR + "-a" + "-" * 4000 + "x\n"
    res = parse_cli("cilium", "cilium-dbg bgp peers", text)
    assert res["peers"] == [] and [u["line"] for u in res["unparsed"]] == [2]


def test_kubectx_note_before_cilium_peers_is_no_data():
    text = ('\u2714 Switched to context "kind-c2".\n' + AGENT_HDR
            + "65010      65001     10.90.254.1:179   established   47m11s   ipv4/unicast   11         12\n")
    res = parse_cli("cilium", "cilium-dbg bgp peers", text)
    assert res["status"] == "ok" and res["unparsed"] == []


SPEC_ROW = ("c2-control-plane   [map[locators:[map[behaviorType:uSID prefix:fd00:2:0:5abc::/64 structure:map[argumentLenBits:0 "
            "functionLenBits:32 locatorBlockLenBits:32 locatorNodeLenBits:16]]] poolRef:pool2]]\n")
STATUS_ROW = ("c2-control-plane   [map[poolRef:pool2 sids:[map[behavior:uDT4 behaviorType:uSID metadata:vrf02 owner:srv6-manager "
              "sid:map[addr:fd00:2:0:5abc:44ef:: structure:map[argumentLenBits:0 functionLenBits:32]]] "
              "map[behavior:uDT6 behaviorType:uSID metadata:vrf03 owner:srv6-manager sid:map[addr:fd00:2:0:5abc:55ef:: "
              "structure:map[argumentLenBits:0]]]]]]\n")


def test_sidmanager_custom_columns_after_kubectx_note():
    # kubectx run in the same capture: its note comes before the NAME header.
    text = ('user@lab:~$ kubectx kind-c2\n\u2714 Switched to context "kind-c2".\n'
            'user@lab:~$ kubectl get sidmanager -o custom-columns="NAME:.metadata.name,ALLOCATIONS:.spec.locatorAllocations"\n'
            "NAME               ALLOCATIONS\n" + SPEC_ROW)
    res = parse_cli("kube", 'kubectl get sidmanager -o custom-columns="NAME:.metadata.name,ALLOCATIONS:.spec.locatorAllocations"', text)
    assert [(loc["name"], loc["prefix"], loc["node"]) for loc in res["locators"]] == [("pool2", "fd00:2:0:5abc::/64", "c2-control-plane")]


def test_sidmanager_custom_columns_status_sid_allocations_are_sids():
    # ALLOCATIONS:.status.sidAllocations prints the allocated SIDs as Go maps; each SID keeps its own behaviour and VRF.
    text = "NAME               ALLOCATIONS\n" + STATUS_ROW
    res = parse_cli("kube", 'kubectl get sidmanager -o custom-columns="NAME:.metadata.name,ALLOCATIONS:.status.sidAllocations"', text)
    assert [(s["sid"], s["behavior"], s["vrf"], s["locator"], s["node"]) for s in res["sids"]] == [
        ("fd00:2:0:5abc:44ef::", "uDT4", "vrf02", "pool2", "c2-control-plane"),
        ("fd00:2:0:5abc:55ef::", "uDT6", "vrf03", "pool2", "c2-control-plane")]
    assert res["locators"] == []


def test_kubectx_note_before_yaml_objects():
    text = ('\u2714 Switched to context "kind-c2".\n'
            "apiVersion: v1\nkind: List\nitems:\n- apiVersion: isovalent.com/v1alpha1\n  kind: IsovalentSRv6SIDManager\n"
            "  metadata:\n    name: c2-control-plane\n  spec:\n    locatorAllocations:\n    - poolRef: pool2\n      locators:\n"
            "      - prefix: fd00:2:0:5abc::/64\n")
    res = parse_cli("kube", "kubectl get sidmanager -o yaml", text)
    assert [loc["prefix"] for loc in res["locators"]] == ["fd00:2:0:5abc::/64"]


def test_section_title_of_a_log_is_no_data_and_no_node():
    # "=== CILIUM BGP PEERS ===" titles a section of a validation log: several words, so no node name and no unread line.
    text = ("=== CILIUM BGP PEERS ===\n"
            "Node          Local AS   Peer AS   Peer Address   Session State   Uptime   Family         Received   Advertised\n"
            "k8s-worker1   64513      64512     10.10.10.254   established     2m42s    ipv4/unicast   0          1    \n")
    res = parse_cli("cilium", "cilium bgp peers", text)
    assert res["status"] == "ok" and res["unparsed"] == []
    assert [(p["node"], p["peer_address"]) for p in res["peers"]] == [("k8s-worker1", "10.10.10.254")]


def test_cli_run_from_its_build_directory_is_an_echoed_command():
    # cilium-cli pull request 1500 ran the freshly built binary: " ./cilium bgp peers --node n3 -o json" above the JSON.
    text = (' ./cilium bgp peers --node n3 -o json\n{\n "n3": [\n  {\n   "families": [{"advertised": 1, "afi": "ipv4", "received": 11,'
            ' "safi": "unicast"}],\n   "local-asn": 65011, "peer-address": "10.0.0.2", "peer-asn": 65011, "session-state": "established"\n  }\n ]\n}\n')
    res = parse_cli("cilium", "cilium bgp peers --node n3 -o json", text)
    assert [(p["node"], p["peer_address"], p["session_state"]) for p in res["peers"]] == [("n3", "10.0.0.2", "established")]


def test_open_banner_with_two_dashes_names_the_node():
    # "for n in worker worker2; do echo "-- $n"; kubectl exec ...; done": the banner has no closing marks.
    hdr = "VRouter   Peer       Prefix          NextHop     Attrs\n"
    text = ("-- worker\n" + hdr + "65111     10.1.1.1   10.244.1.0/24   10.1.1.10   [{Origin: i} {AsPath: 65111} {Nexthop: 10.1.1.10}]\n"
            "-- worker2\n" + hdr + "65222     10.1.2.1   10.244.2.0/24   10.1.2.10   [{Origin: i} {AsPath: 65222} {Nexthop: 10.1.2.10}]\n")
    res = parse_cli("cilium", "cilium-dbg bgp routes advertised ipv4 unicast", text)
    assert res["status"] == "ok" and res["unparsed"] == []
    assert [(r["node"], r["prefix"], r["next_hop"]) for r in res["routes"]] == [
        ("worker", "10.244.1.0/24", "10.1.1.10"), ("worker2", "10.244.2.0/24", "10.1.2.10")]
