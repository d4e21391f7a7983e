# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The twins' show output read by parsers written by others (ntc-templates / TextFSM).

Every command the twins answer that has an ntc-templates template written for
that command must parse with it (ntc's templates end in ``^. -> Error``, so
any line a real device would not print fails), and where the project's own
parser reads the same command both must yield the same facts.  ntc-templates
and textfsm are test-only dependencies (requirements-bench.txt and the dev lock).
"""

import pytest
from ntc_templates.parse import parse_output

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import iosxr as pxr
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import nxos as pnx
from test_lab_fidelity import LEAF_BGP, push, push_xr, seed_leaf_lines

from lab.twins import iosxr as xr_twin
from lab.twins import nxos as nx_twin

# (command, a check of ntc's records) for each command with its own template.
NXOS_COMMANDS = [
    ("show version", lambda recs, dev: recs[0]["os"].startswith(nx_twin.VERSION) and recs[0]["hostname"] == dev.name
     and recs[0]["serial"] == dev.serial),
    ("show inventory", lambda recs, dev: recs[0]["pid"] == nx_twin.PLATFORM and recs[0]["sn"] == dev.serial),
    ("show hostname", lambda recs, dev: recs == [{"hostname": dev.name}]),
    ("show clock", lambda recs, dev: recs[0]["timezone"] == "UTC" and recs[0]["year"] == "2025"),
    ("show vrf", lambda recs, dev: {"Tenant-K8s", "Tenant1-Pods", "default"} <= {r["name"] for r in recs}),
    ("show route-map", lambda recs, dev: any(
        r["name"] == "K8-Export-Others" and r["match_clauses"] == [
            "community  (community-list filter): Tenant1-Pods-BGP-Community"]
        and r["set_clauses"] == ["extcommunity RT:65000:100302"] for r in recs)),
    ("show ip community-list", lambda recs, dev: any(r["name"] == "Tenant1-Pods-BGP-Community" for r in recs)),
    ("show ip bgp summary vrf Tenant-K8s", lambda recs, dev: recs[0]["bgp_neigh"] == "192.168.16.35"),
]
XR_COMMANDS = [
    ("show version", lambda recs, dev: recs[0]["version"] == xr_twin.VERSION),
    ("show inventory", lambda recs, dev: recs[0]["sn"] == dev.serial),
    ("show configuration commit list", lambda recs, dev: recs[0]["commit"] == "1000000001"),
    ("show route ipv4", lambda recs, dev: any(r["network"] == "192.168.40.40" for r in recs)),
]


@pytest.fixture
def leaf(devices):
    s = devices["Leaf01"].session()
    push(s, seed_leaf_lines() + [ln.strip() for ln in LEAF_BGP.splitlines()])
    s.handle("end")
    return s


@pytest.mark.parametrize("command, check", NXOS_COMMANDS, ids=[c[0] for c in NXOS_COMMANDS])
def test_nxos_output_parses_with_ntc_templates(leaf, devices, command, check):
    recs = parse_output(platform="cisco_nxos", command=command, data=leaf.handle(command))
    assert recs and check(recs, devices["Leaf01"]), recs


@pytest.mark.parametrize("command, check", XR_COMMANDS, ids=[c[0] for c in XR_COMMANDS])
def test_iosxr_output_parses_with_ntc_templates(devices, command, check):
    s = push_xr(devices)
    s.handle("end")
    recs = parse_output(platform="cisco_xr", command=command, data=s.handle(command))
    assert recs and check(recs, devices["XRV"]), recs


def test_ntc_and_the_project_read_the_same_facts(leaf, devices):
    text = leaf.handle("show ip bgp summary vrf Tenant-K8s")
    ntc = parse_output(platform="cisco_nxos", command="show ip bgp summary vrf Tenant-K8s", data=text)
    ours = pnx.parse_nxos_bgp_summary(text)
    ours_rows = [(n["neighbor"], str(n["remote_as"]), str(n["prefixes_received"]))
                 for v in ours["vrfs"] for n in v["neighbors"]]
    assert sorted(ours_rows) == sorted((r["bgp_neigh"], r["neigh_as"], r["state_pfxrcd"]) for r in ntc)

    text = leaf.handle("show ip community-list")
    ntc = parse_output(platform="cisco_nxos", command="show ip community-list", data=text)
    ours = pnx.parse_nxos_community_list(text)
    ntc_entries = {(r["name"], r["seq"], r["action"]) for r in ntc}
    ours_entries = {(lst["name"], str(e["sequence"]), e["action"]) for lst in ours["lists"] for e in lst["entries"]}
    assert ours_entries == ntc_entries

    s = push_xr(devices)
    s.handle("end")
    text = s.handle("show route ipv4")
    ntc = parse_output(platform="cisco_xr", command="show route ipv4", data=text)
    ours = pxr.parse_iosxr_route_ipv4(text)
    assert {r["prefix"] for r in ours["routes"]} == {"%s/%s" % (r["network"], r["prefix_length"]) for r in ntc}
