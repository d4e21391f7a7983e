# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Route targets are compared by value: a device with an asdot AS shows 1.11:101 for the
intent's 65547:101 (both type 2)."""

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import verify
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.expect import Assertion, Capture

CAP = Capture("R1-Leaf1", "nxos", "nxos.bgp_evpn_prefix", "show bgp l2vpn evpn 20.1.0.1 vrf Racks-Transit")


def _community(rt, foreign):
    return Assertion("community", "R1-Leaf1", CAP, "t", tenant="red", vrf="Racks-Transit", prefix="20.1.0.1/32",
                     args={"community": "64600:101", "foreign_communities": ["64600:102"], "route_target": rt,
                           "foreign_route_targets": foreign})


@pytest.mark.parametrize("seen, want, foreign, ids", [
    (["1.11:101"], "65547:101", ["65547:102"], []),           # asdot on the device, asplain in intent
    (["65547:101"], "1.11:101", ["1.11:102"], []),
    (["1.11:102"], "65547:101", ["65547:102"], ["rt-wrong"]),  # another tenant's RT, other spelling
])
def test_path_route_targets_compare_by_value(seen, want, foreign, ids):
    parsed = {"kind": "bgp_detail", "routes": [{"communities": ["64600:101"], "route_targets": seen, "extcommunities": seen}]}
    _outcome, _seen, findings = verify.check_community(_community(want, foreign), parsed)
    assert [f.id for f in findings] == ids


@pytest.mark.parametrize("configured, ids", [("1.11:102", ["config-leak"]), ("65547:102", ["config-leak"]),
                                             ("1.11:101", [])])
def test_rt_import_of_another_tenant_in_either_notation_is_a_leak(configured, ids):
    a = Assertion("rt-import", "R1-Leaf1", CAP, "t", tenant="red", vrf="Red",
                  args={"name": "Red", "auto": "23456:200101", "foreign_rts": {"65547:102": "green"}})
    parsed = {"vrfs": [{"name": "Red", "address_families": [
        {"route_targets": [{"direction": "import", "value": configured}, {"direction": "both", "value": "auto"}]}]}]}
    _outcome, _seen, findings = verify.check_rt_import(a, parsed)
    assert [(f.id, f.tenant) for f in findings] == [(i, "green") for i in ids]
