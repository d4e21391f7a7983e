# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deploy helpers: push plan in apply order, drift and prune config, push errors."""

import os

import pytest
import yaml

from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.devicepush import (
    PushError, drift, missing_config, push_error, push_plan, session_push)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
ROLE_TASKS = os.path.join(ROOT, "roles", "evpn_community_steering", "tasks", "deploy.yml")

LEAF = """\
vrf context Tenant1-Pods
  vni 100302
  address-family ipv4 unicast
    route-target both auto evpn
route-map K8-Export-Others permit 10
  match community Tenant1-Pods-BGP-Community
  set extcommunity rt 65000:100302
ip community-list standard Tenant1-Pods-BGP-Community seq 10 permit 64512:301
interface loopback11
  vrf member Tenant-K8s
  ip address 192.168.1.1/32
router bgp 65000
  vrf Tenant1-Pods
    address-family ipv4 unicast
"""


def test_push_plan_moves_match_extcommunity_to_cli_and_keeps_order():
    rm = {"cli": ["vrf context A"],
          "cisco.nxos.nxos_route_maps": [{"route_map": "CI", "entries": [
              {"action": "permit", "sequence": 10, "match": {"extcommunity": {"extcommunity_list": ["A-RT"]}},
               "set": {"community": {"number": ["1:1"]}}}]}],
          "cisco.nxos.nxos_vrf_global": {"vrfs": [{"name": "A"}]}}
    plan = push_plan(rm, "nxos")
    assert plan["order"] == ["cisco.nxos.nxos_vrf_global", "cli", "cisco.nxos.nxos_route_maps"]
    assert plan["cli"] == "vrf context A\nroute-map CI permit 10\n  match extcommunity A-RT\n"
    assert "match" not in plan["modules"]["cisco.nxos.nxos_route_maps"][0]["entries"][0]
    assert "match" in rm["cisco.nxos.nxos_route_maps"][0]["entries"][0]  # the input is not modified


def test_push_plan_rejects_unknown_modules_and_os():
    with pytest.raises(PushError, match="cisco.nxos.nxos_acls"):
        push_plan({"cisco.nxos.nxos_acls": []}, "nxos")
    with pytest.raises(PushError, match="unknown device OS"):
        push_plan({}, "eos")


def test_leaf_deploy_opens_pushes_and_commits_the_session_in_one_task():
    """The terminal plugin leaves configuration mode between tasks: the session must live in one task."""
    with open(ROLE_TASKS, encoding="utf-8") as fh:
        tasks = yaml.safe_load(fh)
    block = next(t for t in tasks if "block" in t)["block"]
    sends = [t for t in block if "cisco.nxos.nxos_command" in t and "session" in str(t["cisco.nxos.nxos_command"]["commands"])]
    assert len(sends) == 1
    commands = sends[0]["cisco.nxos.nxos_command"]["commands"]
    assert commands.index(".open") < commands.index("checkpoint") < commands.index(".lines")
    assert not any(k.startswith("cisco.nxos.nxos_") and k not in ("cisco.nxos.nxos_command",) for t in block for k in t)


def test_missing_config_lists_what_the_device_lacks_under_its_parents():
    running = "hostname Leaf01\nvrf context Tenant1-Pods\n  vni 100302\n"
    assert missing_config(running, LEAF, "nxos") == (
        "vrf context Tenant1-Pods\n  address-family ipv4 unicast\n    route-target both auto evpn\n"
        + LEAF[LEAF.index("route-map"):])
    assert missing_config(LEAF, LEAF, "nxos") == ""
    assert missing_config("", " vrf  blue\n  rd 1:1\n", "iosxr") == "vrf blue\n rd 1:1\n"
    with pytest.raises(PushError, match="rendered config must be text"):
        missing_config("", None, "nxos")


def _tree_lines(text):
    """(parents..., line) tuples of an indented config, whitespace-normalised."""
    out, stack = [], []
    for raw in text.splitlines():
        indent = len(raw) - len(raw.lstrip(" "))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, " ".join(raw.split())))
        out.append(tuple(x[1] for x in stack))
    return out


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=len(_tree_lines(LEAF)) - 1)))
def test_missing_config_is_exactly_the_removed_lines(removed):
    """Drop any lines (a dropped parent takes its block): the answer is exactly what was dropped, each under its parents."""
    paths = _tree_lines(LEAF)
    gone = {paths[i] for i in removed}
    kept = [p for p in paths if not any(p[:len(g)] == g for g in gone)]
    running = "\n".join("  " * (len(p) - 1) + p[-1] for p in kept) + "\n"
    missing = missing_config(running, LEAF, "nxos")
    got = set(_tree_lines(missing))
    lost = {p for p in paths if p not in kept}
    assert lost <= got                            # every dropped line is pushed, under its parents
    assert got <= set(paths)                      # nothing that is not rendered
    assert got - lost <= {p[:n] for p in lost for n in range(1, len(p))}  # the rest are parents only
    assert (missing == "") == (not lost)


def test_session_push_opens_aborts_stale_and_commits():
    push = session_push("no vrf context Old\n", "vrf context New\n  vni 5\n", "kubevrf-tenancy")
    assert push["open"] == ["configure session kubevrf-tenancy", "abort", "configure session kubevrf-tenancy"]
    assert push["lines"] == ["no vrf context Old", "vrf context New", "  vni 5", "verify", "commit"]
    assert session_push("", "", "kubevrf-tenancy") == {"name": "kubevrf-tenancy", "open": [], "lines": []}
    for bad in ("kubevrf tenancy", "x\n", "", "-x", "a" * 64, "kubevrf;reload"):
        with pytest.raises(PushError, match="configuration session"):
            session_push("", "vrf context A\n", bad)
    with pytest.raises(PushError, match="control characters"):
        session_push("", "vrf context A\x07\n", "kubevrf-tenancy")


def test_no_drift_when_running_matches_rendered():
    running = "!Command: show running-config\nversion 10.3(3)\nhostname Leaf01\n" + LEAF + \
        "vrf context management\n  ip route 0.0.0.0/0 10.0.0.1\n"
    assert drift(running, LEAF, "nxos")["items"] == []


def test_removed_tenant_is_drift_with_prune_config_in_dependency_order():
    extra = """\
vrf context Tenant2-Pods
  vni 100303
route-map K8-Export-Others permit 20
  match community Tenant2-Pods-BGP-Community
interface loopback12
  vrf member Tenant2-Pods
""" + LEAF + "  vrf Tenant2-Pods\n    address-family ipv4 unicast\n"  # still under router bgp
    d = drift(extra, LEAF, "nxos")
    assert d["lines"] == ["vrf context Tenant2-Pods", "route-map K8-Export-Others permit 20", "interface loopback12",
                          "router bgp 65000 / vrf Tenant2-Pods"]
    assert d["prune"] == ("router bgp 65000\n  no vrf Tenant2-Pods\nno interface loopback12\nno vrf context Tenant2-Pods\n"
                          "no route-map K8-Export-Others permit 20\n")


def test_extra_line_in_a_managed_section_and_unmanaged_names():
    running = LEAF.replace("    route-target both auto evpn\n", "    route-target both auto evpn\n    route-target import 65000:999\n")
    running += "route-map UNDERLAY permit 10\n  match tag 1\n"
    d = drift(running, LEAF, "nxos", unmanaged=["UNDER.*"])
    assert d["lines"] == ["vrf context Tenant1-Pods / address-family ipv4 unicast / route-target import 65000:999"]
    assert d["prune"] == "vrf context Tenant1-Pods\n  address-family ipv4 unicast\n    no route-target import 65000:999\n"
    assert drift(running, LEAF, "nxos")["lines"][-1] == "route-map UNDERLAY permit 10"
    with pytest.raises(PushError, match="not a regular expression"):
        drift(running, LEAF, "nxos", unmanaged=["("])


def test_iosxr_prune_puts_router_bgp_last():
    rendered = "vrf blue\n!\nrouter bgp 65000\n vrf blue\n  rd 10:10\n !\n!\n"
    running = ("Building configuration...\n!! IOS XR Configuration 7.11.2\nvrf blue\n!\nvrf red\n address-family ipv4 unicast\n"
               "  import route-target\n   65000:20\n  !\n !\n!\ninterface Loopback11\n vrf red\n!\n"
               "interface Loopback0\n ipv4 address 1.1.1.1 255.255.255.255\n!\nrouter bgp 65000\n vrf blue\n  rd 10:10\n !\n"
               " vrf red\n  rd 20:20\n !\n neighbor 1::1\n  remote-as 65000\n !\n!\nend\n")
    d = drift(running, rendered, "iosxr")
    assert d["lines"] == ["vrf red", "interface Loopback11", "router bgp 65000 / vrf red"]
    assert d["prune"] == "no interface Loopback11\nno vrf red\nrouter bgp 65000\n no vrf red\n!\n"


def test_push_error_reads_the_device_echo():
    nx = 'b"ip pim frobnicate 232.0.0.0/8\\r\\n      ^\\r\\n% Invalid command at \'^\' marker.\\r\\nLeaf01(config-vrf)# "'
    e = push_error(nx, "Leaf01")
    assert e["line"] == "ip pim frobnicate 232.0.0.0/8" and e["reason"] == "% Invalid command at '^' marker."
    assert e["msg"] == "Leaf01: the device rejected 'ip pim frobnicate 232.0.0.0/8' (% Invalid command at '^' marker.)"
    xr = "RP/0/RP0/CPU0:XRV(config-bgp)#frobnicate now\n      ^\n% Invalid input detected at '^' marker.\n"
    assert push_error(xr, "XRV")["line"] == "frobnicate now"
    lost = push_error("Failed to write to ssh channel", "XRV")
    assert lost["line"] == "" and lost["msg"] == "XRV: the push failed: Failed to write to ssh channel"
