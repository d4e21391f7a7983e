# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a fuzzing session (2026-12-07) found in parse_cli, kept as regressions.

Two kinds: inputs on which an exception other than ParseError escaped (a value the reader did not foresee:
a digit str.isdigit accepts and int() does not, a JSON field of another type, an infinite float), and inputs
on which a reader took time out of proportion to their size (a regex that backtracks exponentially, text
joined again on every continuation line, a list scanned for every new item). The second kind runs in a
child process under a timeout, so a regression fails the test instead of hanging the suite: each input
below is sized so the old code took minutes to hours, and the fixed code takes milliseconds.
"""

import json
import os
import subprocess
import sys

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError, parse_cli

SUP = "\u00b2"  # str.isdigit() is True for it, int() raises ValueError

SLIPS = [
    # digits that are not decimal digits, where the readers convert numbers
    ("nxos", "show bgp vrf all ipv4 unicast summary", "BGP router identifier 1.1.1.1, local AS number %s\n" % SUP),
    ("nxos", "show bgp vrf all ipv4 unicast summary | json", {"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": "a", "vrf-local-as": SUP}}}),
    ("iosxr", "show bgp summary", "Neighbor        Spk    AS MsgRcvd MsgSent   TblVer  InQ OutQ  Up/Down  St/PfxRcd\n"
                                  "10.0.0.1          0 65000     %s       1        1    0    0 1d      5\n" % SUP),
    ("nxos", "show bgp vrf all ipv4 unicast", "   Network            Next Hop            Metric     LocPrf     Weight Path\n"
                                              "*>i10.0.0.0/8         10.0.0.1                 %s        100          0 i\n" % SUP),
    ("nxos", "show bgp vrf all ipv4 unicast", "*>i10.0.0.0/8 10.0.0.1 %s 100 0 i\n" % SUP),
    ("nxos", "show bgp l2vpn evpn detail", "BGP routing table entry for [%s]:[0]:[0], version 1\n" % SUP),
    ("nxos", "show bgp l2vpn evpn | json", {"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": "r", "TABLE_prefix": {"ROW_prefix": {
        "nonipprefix": "[%s]:[0]" % SUP, "TABLE_path": {"ROW_path": {"ipnexthop": "1.1.1.1", "aspath": ""}}}}}}}),
    ("nxos", "show vrf detail", "VRF-Name: a, VRF-ID: 1, State: Up\n    VNI: %s\n" % SUP),
    ("iosxr", "show segment-routing srv6 locator", "Name                  ID       Algo  Prefix                    Status   Flags\n"
                                                   "ALGO_0                %s        0     fc00:0:1::/48             Up       U\n" % SUP),
    ("cilium", "cilium-dbg bgp peers", "Local AS   Peer AS   Peer Address         Session       Uptime   Family         Received   Advertised\n"
                                       "%s      65000     10.0.0.1:179   established   1s   ipv4/unicast   2          2\n" % SUP),
    ("cilium", "cilium bgp routes", "Node   VRouter   Prefix        NextHop   Age   Attrs\nn1     %s     10.0.0.0/24   0.0.0.0   1s   [{Origin: i}]\n" % SUP),
    ("cilium", "cilium-dbg shell -- bgp/peers -f detailed", "Instance: a\n  Peer: p\n    Port: %s\n" % SUP),
    # a Go duration whose seconds overflow a float, an infinite JSON number
    ("cilium", "cilium bgp routes", "Node   VRouter   Prefix        NextHop   Age   Attrs\n"
                                    "n1     65001     10.0.0.0/24   0.0.0.0   " + "9" * 400 + "s   [{Origin: i}]\n"),
    ("cilium", "cilium-dbg shell -- bgp/peers -f detailed", "Instance: a\n  Peer: p\n    Uptime: " + "9" * 400 + "s\n"),
    ("nxos", "show bgp process vrf all | json",
     '{"TABLE_vrf": {"ROW_vrf": {"TABLE_neighbor": {"ROW_neighbor": {"neighborid": "1.1.1.1", "msgrecvd": Infinity}}}}}'),
    ("cilium", "cilium bgp peers -o json", '{"n": [{"peer-address": "1.1.1.1", "uptime-nanoseconds": Infinity}]}'),
    ("cilium", "cilium bgp peers -o json", {"n": [{"peer-address": "1.1.1.1", "uptime-nanoseconds": "x"}]}),
    ("cilium", "cilium bgp peers -o json", {"n": [{"peer-address": "1.1.1.1", "local-asn": [1]}]}),
    # Kubernetes objects whose fields have another type than the API's
    ("kube", "kubectl get sidmanager -o yaml", {"items": [{"metadata": {"name": "n"}, "spec": "x"}]}),
    ("kube", "kubectl get sidmanager -o yaml", {"items": [{"metadata": {}, "spec": {"locatorAllocations": ["x"]}}]}),
    ("kube", "kubectl get sidmanager -o yaml", {"items": [{"metadata": {}, "spec": {"locatorAllocations": [{"locators": [1]}]}}]}),
    ("kube", "kubectl get svc -A -o json", {"items": [{"metadata": {}, "status": "x"}]}),
    ("kube", "kubectl get svc -A -o json", {"items": [{"metadata": {}, "spec": {"ports": [1]}}]}),
    ("kube", "kubectl get svc -A -o json", {"items": [{"metadata": {}, "spec": {"clusterIPs": 5}}]}),
    ("kube", "kubectl get svc -A -o yaml", "items:\n- metadata:\n    labels:\n      1: a\n      b: c\n"),
    ("kube", "kubectl get svc -A -o yaml", "items:\n- metadata:\n    labels: !!set {a, b}\n"),
    ("kube", "kubectl get ciliumloadbalancerippool -o yaml", {"items": [{"metadata": {}, "spec": {"blocks": 1.5}}]}),
    ("kube", "kubectl get ciliumloadbalancerippool -o yaml", {"items": [{"metadata": {}, "spec": {"blocks": ["10.0.0.0/24"]}}]}),
    ("kube", "kubectl get ciliumloadbalancerippool -o yaml", {"items": [{"metadata": {"labels": "x"}, "spec": {}}]}),
    ("kube", "kubectl get ciliumbgpnodeconfigs -o json", {"items": [{"metadata": {}, "status": "x"}]}),
    ("kube", "kubectl get ciliumbgpnodeconfigs -o json", {"items": [{"metadata": {}, "status": {"bgpInstances": [{"peers": [{"routeCount": 5}]}]}}]}),
    ("kube", "kubectl describe ciliumbgpnodeconfigs", "Name: n\nStatus:\n  Bgp Instances:\n    Name: i\n    Peers:\n      Peer ASN: %s\n" % SUP),
    ("kube", "kubectl describe ciliumbgpnodeconfigs", "Name: n\nStatus:\n  Bgp Instances: x\n"),
    ("kube", "kubectl get isovalentsrv6egresspolicy -o json", {"items": [{"metadata": {}, "spec": {"destinationCIDRs": 5}}]}),
    ("cilium", "kubectl get sidmanager -o yaml", "- metadata: {name: n}\n  spec: x\n"),
]


@pytest.mark.parametrize("platform,command,text", SLIPS)
def test_an_unforeseen_value_gives_a_result_or_the_typed_error(platform, command, text):
    try:
        res = parse_cli(platform, command, text)
    except ParseError as exc:
        assert str(exc)  # a message a person can act on
    else:
        assert res["status"] in ("ok", "partial", "empty")


def test_a_reader_slip_is_a_parse_error_naming_the_command_and_asking_for_a_report(monkeypatch):
    # The services reader now refuses that input itself (test_fuzz_findings_s8.py): a slip is planted instead.
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import kube

    def slip(text):
        raise IndexError("list index out of range")  # as a reader's oversight would raise it

    monkeypatch.setattr(kube, "parse_kube_services", slip)
    with pytest.raises(ParseError) as err:
        parse_cli("kube", "kubectl get svc -A -o json", {"items": [{"metadata": {}, "spec": {"clusterIPs": 5}}]})
    assert "'kubectl get svc -A -o json'" in str(err.value) and "please report" in str(err.value)


def test_a_non_decimal_digit_where_a_number_stands_is_not_read_as_one():
    res = parse_cli("nxos", "show vrf detail", "VRF-Name: a, VRF-ID: 1, State: Up\n    VNI: %s, RD: 1:1\n" % SUP)
    assert res["vrfs"][0]["vni"] is None and res["vrfs"][0]["rd"] == "1:1"


def test_a_long_wrapped_srv6_context_is_joined_in_order():
    head = ("SID                         Behavior          Context                           Owner               State  RW\n"
            "fc00:0:1:e000::             uDT4              'blue'                            bgp-65000           InUse  Y\n")
    text = head + "".join("                                              piece%d\n" % i for i in range(3000))
    (sid,) = parse_cli("iosxr", "show segment-routing srv6 sid", text)["sids"]
    assert sid["vrf"] == "blue" and sid["context"] == "'blue' " + " ".join("piece%d" % i for i in range(3000))


def test_iosxr_vrf_route_targets_keep_their_first_order_without_repeats():
    text = ("VRF RED; RD 1:1; VPN ID not set\nImport VPN route-target communities:\n  RT:1:1\n  RT:1:2\n  RT:1:1\n"
            "Address family IPV4 Unicast\n  Import VPN route-target communities:\n    RT:1:2\n    RT:1:3\n")
    (vrf,) = parse_cli("iosxr", "show vrf all detail", text)["vrfs"]
    assert vrf["import_rts"] == ["1:1", "1:2", "1:3"]


def test_a_long_diff_marked_yaml_keeps_its_indentation_past_the_margin_budget():
    unit = ("     - apiVersion: isovalent.com/v1alpha1\n       kind: IsovalentSRv6EgressPolicy\n       metadata:\n"
            "         name: p1\n       spec:\n         destinationCIDRs:\n         - 40.0.0.0/24\n"
            "   +     destinationSID: 'fc00:0:7777:e007::'  # remark\n         vrfID: 99\n")
    copies = 3000  # 9,000 marked lines to blank: far past the lines the margin search may look at
    res = parse_cli("cilium", "kubectl get IsovalentSRv6EgressPolicy -o yaml", unit * copies)
    assert res["status"] == "ok" and len(res["routes"]) == copies
    assert {p["sid"] for r in res["routes"] for p in r["paths"]} == {"fc00:0:7777:e007::"}


def _aliases(levels):
    doc = "x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, levels + 1):
        doc += "x%d: &a%d [%s]\n" % (i, i, ", ".join(["*a%d" % (i - 1)] * 10))
    return doc + "items:\n- metadata: {name: p}\n  spec:\n    vrfID: 1\n    destinationCIDRs: [*a%d]\n" % levels


@pytest.mark.parametrize("platform,command", [("kube", "kubectl get isovalentsrv6egresspolicy -o yaml"),
                                              ("cilium", "kubectl get ciliumbgpnodeconfigs -o yaml"), ("kube", "kubectl get sidmanager -o yaml")])
def test_yaml_aliases_are_refused_before_they_expand(platform, command):
    # 9 levels of 10 aliases each: about 1 kB that stands for 10^9 strings
    with pytest.raises(ParseError) as err:
        parse_cli(platform, command, _aliases(9))
    assert "YAML aliases" in str(err.value)


def test_an_ampersand_in_a_yaml_value_is_not_an_anchor():
    text = "items:\n- metadata: {name: 'a&b'}\n  spec:\n    vrfID: 1\n    destinationCIDRs: [10.0.0.0/8]\n    destinationSID: 'fc00::'\n"
    assert parse_cli("kube", "kubectl get isovalentsrv6egresspolicy -o yaml", text)["status"] == "ok"


def test_an_srv6_endpoint_after_a_long_run_of_blanks_is_read():
    text = "L    fc00:c000:1001::/48," + " " * 3000 + "SRv6 Endpoint uN (shift)\n      [0/0] via ::, 1d21h\n"
    (route,) = parse_cli("iosxr", "show route ipv6 local-srv6", text)["routes"]
    assert route["srv6"] == {"behavior": "uN", "flavor": "shift"}


# Each case: (platform, command, text built in the child). Sizes where the old code took minutes to hours.
_HANG_CASES = r'''
import json, sys
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import ParseError, parse_cli
cases = {
    "xr as-path digits (exponential)": ("iosxr", "show bgp ipv4 unicast 10.0.0.0/8 detail",
                                        "BGP routing table entry for 10.0.0.0/8\n" + "1" * 60 + " x\n"),
    "next hop '(metric 1)' groups (exponential)": ("iosxr", "show bgp ipv4 unicast 10.0.0.0/8",
        "BGP routing table entry for 10.0.0.0/8\n  Path #1: Received by speaker 0\n    10.0.0.1" + " (metric 1)" * 40 + " x\n"),
    "80-column path type rest (quadratic)": ("nxos", "show bgp l2vpn evpn 10.0.0.0/8",
        "BGP routing table entry for 10.0.0.0/8, version 1\n" + "  Path type: internal, path is valid, is best path".ljust(80, "x")
        + "\n" + ("y" * 80 + "\n") * 40000),
    "xr route detail next hop colons (quadratic per line)": ("iosxr", "show route ipv4 10.0.0.0/8 detail",
        "Routing entry for 10.0.0.0/8\n" + (":" * 4000 + "x\n") * 40),
    "srv6 sid context wrap (quadratic)": ("iosxr", "show segment-routing srv6 sid",
        "SID                         Behavior          Context                           Owner               State  RW\n"
        "fc00:0:1::                  uN (PSP/USD)      'default                          sidmgr              InUse  Y\n"
        + (" " * 46 + "c" * 30 + "\n") * 30001),
    "xr vrf route targets (quadratic)": ("iosxr", "show vrf all detail",
        "VRF RED; RD 1:1; VPN ID not set\nImport VPN route-target communities:\n"
        + "".join("  RT:%d:%d\n" % (n // 60000, n % 60000) for n in range(100000))),
    "yaml unclosed flow nesting": ("kube", "kubectl get sidmanager -o yaml", "{" * 3000),
    "xr srv6 endpoint after a run of blanks (quadratic search)": ("iosxr", "show route ipv6 local-srv6",
        ("L    fc00:c000:1001::/48, x" + " " * 4000 + "y, SRv6 Endpoint uN\n") * 1000),
}
out = {}
for name, (platform, command, text) in cases.items():
    try:
        out[name] = parse_cli(platform, command, text)["status"]
    except ParseError:
        out[name] = "parse-error"
print(json.dumps(out))
'''


def test_inputs_that_once_took_minutes_finish():
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    done = subprocess.run([sys.executable, "-c", _HANG_CASES], capture_output=True, text=True, timeout=300, env=env, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    statuses = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(statuses) == 8 and set(statuses.values()) <= {"ok", "partial", "empty", "parse-error"}, statuses
    # the readers still read what they can of them
    assert statuses["srv6 sid context wrap (quadratic)"] == "ok"
    assert statuses["xr vrf route targets (quadratic)"] == "ok"
