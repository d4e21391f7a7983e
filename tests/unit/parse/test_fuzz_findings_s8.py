# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What fuzzing the readers added or changed in session 8 (2026-12-07) found, kept as regressions.

The inputs are the corpus captures and the test inputs of those commands, mutated: lines dropped, repeated,
swapped or cut, numbers replaced by digits int() refuses ('\u00b2') or by 400 nines, tokens made long, JSON/YAML
values of another type put at every key path. parse_cli turns a reader's slip into a ParseError "please report";
these are the slips found behind that wrapper, now answered by the reader itself with a message about the input
(the wrapper's "please report" must not appear). Slow inputs, if any, run in a child process under a timeout.
"""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError, parse_cli

SUP = "\u00b2"  # str.isdigit() is True for it, int() raises ValueError

PEER = {"peer-address": "1.1.1.1", "peer-asn": 65001, "local-asn": 65000, "session-state": "established"}

# (platform, command, input, what the reader's own message says)
REFUSED = [
    # cilium bgp peers|routes -o json (and -o yaml, read by the same reader since this session): counts of another type
    ("cilium", "cilium bgp peers -o json", {"n": [dict(PEER, **{"uptime-nanoseconds": "x"})]}, "uptimenanoseconds"),
    ("cilium", "cilium bgp peers -o json", {"n": [dict(PEER, **{"local-asn": [1]})]}, "localasn"),
    ("cilium", "cilium bgp peers -o json", '{"n": [{"peer-address": "1.1.1.1", "uptime-nanoseconds": Infinity}]}', "uptimenanoseconds"),
    ("cilium", "cilium bgp peers -o json", {"n": [dict(PEER, families=[{"afi": "ipv4", "safi": "unicast", "received": SUP}])]}, "received"),
    ("cilium", "cilium bgp peers -o json", {"n": [dict(PEER, families=5)]}, "families"),
    ("cilium", "cilium bgp peers -o yaml", "n:\n- peeraddress: 1.1.1.1\n  peerasn: " + "." * 80 + "\n", "peerasn"),
    ("cilium", "cilium bgp routes advertised -o yaml",
     "n:\n- prefix: 10.0.0.0/24\n  routerasn: %s\n  paths:\n  - best: true\n" % SUP, "routerasn"),
    ("cilium", "cilium bgp routes advertised -o yaml", "n:\n- prefix: 10.0.0.0/24\n  paths:\n  - pathattributes:\n    - base64: null\n",
     "base64"),
    ("cilium", "cilium bgp routes advertised -o yaml", "n:\n- prefix: 10.0.0.0/24\n  paths: 7\n", "paths"),
    ("cilium", "cilium bgp routes advertised -o json", {"n": [{"prefix": "10.0.0.0/24", "paths": [{"path-attributes": 1}]}]},
     "pathattributes"),
    # SIDManager objects (reader changed this session): spec, allocations and locators of another type
    ("kube", "kubectl get sidmanager -o yaml", {"items": [{"metadata": {"name": "n"}, "spec": "x"}]}, "spec of n"),
    ("kube", "kubectl get sidmanager -o yaml", {"items": [{"metadata": {}, "spec": {"locatorAllocations": ["x"]}}]}, "locatorAllocations"),
    ("kube", "kubectl get sidmanager -o yaml", {"items": [{"metadata": {}, "spec": {"locatorAllocations": [{"locators": ["prefix"]}]}}]},
     "locators"),
    ("cilium", "kubectl get sidmanager -o yaml", "- metadata: {name: n}\n  spec:\n    locatorAllocations: 3\n", "locatorAllocations"),
    # CiliumBGPNodeConfig status (whole objects and the fragments read since this session)
    ("kube", "kubectl get ciliumbgpnodeconfigs -o json", {"items": [{"metadata": {"name": "n"}, "status": "x"}]}, "status of n"),
    ("kube", "kubectl get ciliumbgpnodeconfigs -o json", {"items": [{"metadata": {"name": "n"}, "status": {"bgpInstances": True}}]},
     "bgpInstances"),
    ("kube", "kubectl get ciliumbgpnodeconfigs -o json", {"items": [{"metadata": {}, "status": {"bgpInstances": [{"peers": 5}]}}]}, "peers"),
    ("cilium", "kubectl get ciliumbgpnodeconfig n1 -o jsonpath='{.status}'", '{"bgpInstances": 7}', "bgpInstances"),
    # SRv6 egress policies (read through the jq stream and spec fragments since this session), services, LB pools
    ("kube", "kubectl get isovalentsrv6egresspolicy -o json", {"items": [{"metadata": {}, "spec": {"destinationCIDRs": 5}}]},
     "destinationCIDRs"),
    ("cilium", 'kubectl get IsovalentSRv6EgressPolicy -o jsonpath="{.items[*].spec}" | jq', '{"vrfID": 1, "destinationCIDRs": 2}\n{"vrfID": 2}\n',
     "destinationCIDRs"),
    ("kube", "kubectl get svc -A -o json", {"items": [{"metadata": {}, "status": "x"}]}, "status"),
    ("kube", "kubectl get svc -A -o json", {"items": [{"metadata": {}, "status": {"loadBalancer": {"ingress": 3}}}]}, "ingress"),
    ("kube", "kubectl get svc -A -o json", {"items": [{"metadata": {}, "spec": {"ports": [1]}}]}, "ports"),
    ("kube", "kubectl get svc -A -o json", {"items": [{"metadata": {}, "spec": {"clusterIPs": 5}}]}, "clusterIPs"),
    ("kube", "kubectl get svc -A -o json", {"items": [{"metadata": {}, "spec": 1.5}]}, "spec"),
    ("kube", "kubectl get svc -A -o yaml", "items:\n- metadata:\n    labels: !!set {a, b}\n", "labels"),
    ("kube", "kubectl get ciliumloadbalancerippool -o yaml", {"items": [{"metadata": {}, "spec": {"blocks": 1.5}}]}, "blocks"),
    ("kube", "kubectl get ciliumloadbalancerippool -o yaml", {"items": [{"metadata": {}, "spec": {"blocks": ["10.0.0.0/24"]}}]}, "blocks"),
    ("kube", "kubectl get ciliumloadbalancerippool -o yaml", {"items": [{"metadata": {"labels": "x"}, "spec": {}}]}, "labels"),
    ("kube", "kubectl get ciliumloadbalancerippool -o yaml", {"items": [{"metadata": {}, "spec": "x"}]}, "spec"),
]


@pytest.mark.parametrize("platform,command,text,names", REFUSED)
def test_a_value_of_another_type_is_refused_by_the_reader_not_the_wrapper(platform, command, text, names):
    with pytest.raises(ParseError) as err:
        parse_cli(platform, command, text)
    assert "please report" not in str(err.value) and names in str(err.value)


def test_a_go_duration_of_400_digit_seconds_is_read_without_a_float():
    # the seconds went through float(): 400 nines overflow it to inf, and int(round(inf)) raised OverflowError
    res = parse_cli("cilium", "cilium-dbg shell -- bgp/peers -f detailed", "Instance: a\n  Peer: p\n    Uptime: " + "9" * 400 + "s\n")
    assert res["status"] in ("ok", "partial")


def test_a_describe_title_with_a_value_where_items_stand_gives_no_peer():
    # "Bgp Instances: x" is a string where describe prints a block of items: iterated by its characters before
    text = "Name: n\nStatus:\n  Bgp Instances: x\n"
    try:
        res = parse_cli("kube", "kubectl describe ciliumbgpnodeconfigs", text)
    except ParseError as exc:
        assert "please report" not in str(exc)
    else:
        assert res["peers"] == []


def test_json_counts_as_decimal_strings_are_still_read():
    res = parse_cli("cilium", "cilium bgp peers -o json", {"n": [dict(PEER, **{"local-asn": "65000", "uptime-nanoseconds": 3 * 10 ** 9})]})
    (peer,) = res["peers"]
    assert peer["local_as"] == 65000 and peer["uptime"] == "3s"


def test_labels_with_a_number_for_key_are_sorted_as_text():
    res = parse_cli("kube", "kubectl get svc -A -o yaml", "items:\n- metadata:\n    labels:\n      1: a\n      b: c\n")
    assert res["services"][0]["labels"] == {"1": "a", "b": "c"}


def test_an_infinite_json_counter_is_no_number():
    # json.loads accepts Infinity; int(inf) raised OverflowError, which the NX-OS JSON reader's _int did not catch
    res = parse_cli("nxos", "show bgp process vrf all | json",
                    '{"TABLE_vrf": {"ROW_vrf": {"TABLE_neighbor": {"ROW_neighbor": {"neighborid": "1.1.1.1", "msgrecvd": Infinity}}}}}')
    assert res["status"] in ("ok", "partial", "empty")
