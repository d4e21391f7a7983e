# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Interface names as each twin spells them (lab.twins.interfaces, used by both grammars)."""

import pytest

from lab.twins import iosxr_grammar, nxos_grammar


@pytest.mark.parametrize("typed, canonical", [
    ("lo10", "loopback10"), ("Lo 10", "loopback10"), ("loopback10", "loopback10"),
    ("v10", "Vlan10"), ("vlan10", "Vlan10"), ("eth1/1", "Ethernet1/1"), ("po5", "port-channel5"),
    ("nve1", "nve1"), ("mgmt0", "mgmt0"),
    ("frob1", "frob1"), ("Loopback", "Loopback"),  # not an interface name: unchanged
])
def test_nxos_names(typed, canonical):
    assert nxos_grammar.canonical_interface(typed) == canonical


@pytest.mark.parametrize("typed, canonical", [
    ("lo0", "Loopback0"), ("Lo 10", "Loopback10"), ("gi0/0/0/1", "GigabitEthernet0/0/0/1"),
    ("te0/0/0/0.100", "TenGigE0/0/0/0.100"), ("bu1", "Bundle-Ether1"), ("Bundle-Ether1", "Bundle-Ether1"),
    ("v10", "v10"),  # no such type on IOS-XR
])
def test_iosxr_names(typed, canonical):
    assert iosxr_grammar.canonical_interface(typed) == canonical


def test_nxos_prints_interfaces_by_type_then_number(devices):
    s = devices["Leaf01"].session()
    s.handle("configure terminal")
    for name in ("Ethernet1/10", "lo5", "Ethernet1/2", "v10", "lo0"):
        s.handle("interface " + name)
    shown = [ln for ln in s.handle("show running-config").splitlines() if ln.startswith("interface ")]
    order = [shown.index("interface " + n) for n in ("Vlan10", "Ethernet1/2", "Ethernet1/10", "loopback0", "loopback5")]
    assert order == sorted(order)
