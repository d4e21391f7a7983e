# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What each assertion says it checks (the report's "must see" column), its platform and its tenant.

The expected texts are written by hand from the wide intent of test_conditions.py (two leaves, two PEs,
two nodes per cluster): the addresses, communities, route targets (fabric ASN : L3VNI), map and list names
and prefix counts are read off that inventory, not copied from the code's output. A person reading a
report relies on these words; the platform decides which parser reads the capture.
"""

import os
import sys

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.expect import expectations

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_conditions import WIDE_YAML  # noqa: E402  pylint: disable=wrong-import-position

NX, XR = "nxos", "iosxr"

EXPECTED = [
    # (assertion id, text, capture platform, tenant)
    ("LeafB/Transit/session/192.168.16.35/ipv4/unicast/n1",
     "BGP session to n1 (192.168.16.35) Established in VRF Transit, ipv4/unicast, at least 3 prefixes received", NX, None),
    ("LeafB/Transit/prefix-present/20.0.10.1/32", "20.0.10.1/32 of t1 in transit VRF Transit", NX, "t1"),
    ("LeafB/Transit/community/20.0.10.1/32", "20.0.10.1/32 carries community 64512:301 and route target 65000:100302", NX, "t1"),
    # t2 is not steered on LeafA: no route target is promised there
    ("LeafA/Transit/community/30.0.10.1/32", "30.0.10.1/32 carries community 64512:302", NX, "t2"),
    ("LeafB/Transit/isolation/blue", "no route of blue in transit VRF Transit", NX, "blue"),
    ("LeafB/Transit/vrf-config/Transit",
     "vrf context Transit: vni 100301, export map K8-Export-Others, import map CommunityImport evpn", NX, None),
    ("LeafB/T1/vrf-config/T1", "vrf context T1: vni 100302, import vrf advertise-vpn", NX, "t1"),
    ("LeafB/Transit/route-map-leak/K8-Export-Others",
     "route-map K8-Export-Others: each tenant's routes (by community) decided by the tenant's own sequence", NX, None),
    ("LeafB/T1/rt-import/T1", "vrf context T1 imports no other tenant's route target", NX, "t1"),
    ("LeafB/Transit/route-map/K8-Export-Others/10",
     "route-map K8-Export-Others permit 10: match community T1-BGP-Community, set extcommunity rt 65000:100302", NX, "t1"),
    ("LeafB/Transit/route-map/CommunityImport/10",
     "route-map CommunityImport permit 10: match extcommunity T1-RT, set community 64512:301", NX, "t1"),
    ("LeafB/-/list-entry/T1-BGP-Community", "community-list T1-BGP-Community permits 64512:301", NX, "t1"),
    ("LeafB/-/list-entry/T1-RT", "extcommunity-list T1-RT permits RT:65000:100302", NX, "t1"),
    ("PE1/-/session/2016:23::1/ipv6/unicast/m1", "ipv6/unicast session to m1 (2016:23::1) Established, locator received", XR, None),
    # blue's and red's pod CIDRs: two VPN prefixes from each node
    ("PE1/-/session/2016:23::2/ipv4/mpls_vpn/m2",
     "ipv4/mpls_vpn session to m2 (2016:23::2) Established, at least 2 prefixes received", XR, None),
    ("PE1/-/pe-locator/PE1/cafe:cafe:100::/48", "PE locator cafe:cafe:100::/48 installed as SRv6 endpoint", XR, None),
    ("PE1/-/locator-learned/m1/cafe:cafe:2be::/48", "node locator cafe:cafe:2be::/48 of m1 learned over BGP", XR, None),
    ("PE1/blue/prefix-present/10.23.0.0/24", "10.23.0.0/24 of blue in VRF blue (RD 10:10)", XR, "blue"),
    ("PE1/blue/received-sid/10.23.0.0/24", "10.23.0.0/24 received in RD 10:10 with a SID inside the node locator", XR, "blue"),
    ("PE1/blue/local-sid/172.19.19.19/32",
     "172.19.19.19/32 has a per-vrf local SID in PE locator cafe:cafe:100::/48", XR, "blue"),
    ("PE1/blue/isolation/t1", "no route of t1 in VRF blue of blue", XR, "t1"),
    ("PE1/default/underlay/blue", "no route of blue in the global (underlay) table", XR, "blue"),
]


@pytest.fixture(scope="module")
def by_id():
    exp = expectations(model.plan(yaml.safe_load(WIDE_YAML)))
    return {a.id: a for a in exp.assertions}


@pytest.mark.parametrize("aid, text, platform, tenant", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_assertion_says_what_it_checks(by_id, aid, text, platform, tenant):
    a = by_id[aid]
    assert (a.text, a.capture.platform, a.tenant) == (text, platform, tenant)


def test_every_check_kind_has_its_text_pinned(by_id):
    """A new kind of check gets a line above: its words reach every report."""
    pinned = {by_id[aid].check for aid, _t, _p, _ten in EXPECTED}
    assert pinned >= {a.check for a in by_id.values()} - {"cilium-route", "cilium-community", "node-locator"}
