# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS-XR PE renderer: the seed's XRV lines and facts, golden file, N VRFs, determinism."""

from __future__ import annotations

import dataclasses
import re

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.intent import Loopback, PeVrf
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.iosxr import (
    PASS_POLICY,
    render_pe_config,
)


def xrv(intent):
    return next(pe for pe in intent.pes if pe.name == "XRV")


def test_seed_loopback_lines(lab_intent, seed_out, section, subsequence):
    seed = [line.strip() for line in seed_out("sh run int lo10") if line.strip()]
    assert seed and seed[0] == "interface Loopback10", "could not extract 'sh run int lo10' from the seed"
    rendered = section(render_pe_config(lab_intent, xrv(lab_intent)), r"^interface Loopback10$")
    assert subsequence(seed, [line.strip() for line in rendered]), "\n".join(rendered)
    # exactly as show run prints it: one space per level, closed by "!"
    assert rendered == ["interface Loopback10", " vrf blue", " ipv4 address 172.19.19.19 255.255.255.255", "!"]


def test_seed_srv6_facts(lab_intent, seed_out, section):
    """RD, locator name, locator prefix and allocation mode as the seed's show output reports them."""
    text = render_pe_config(lab_intent, xrv(lab_intent))
    local_sids = "\n".join(seed_out("show bgp vpnv4 unicast local-sids"))
    rd, vrf = re.search(r"Route Distinguisher: (\S+) \(default for vrf (\S+)\)", local_sids).groups()
    alloc, locator = re.search(r"172\.19\.19\.19/32\s+\S+\s+(\S+)\s+(\S+)", local_sids).groups()
    routes = "\n".join(seed_out("sh route ipv6"))
    prefix = re.search(r"^L (\S+), SRv6 Endpoint uN \(shift\)", routes, re.M).group(1)

    bgp = [line.strip() for line in section(text, "^router bgp ")]
    start = bgp.index("vrf " + vrf)
    assert bgp[start + 1] == "rd " + rd
    assert bgp[start + 2:start + 6] == ["address-family ipv4 unicast", "segment-routing srv6",
                                        "locator " + locator, "alloc mode %s" % alloc]
    sr = [line.strip() for line in section(text, "^segment-routing$")]
    assert sr[sr.index("locator " + locator):][:3] == [
        "locator " + locator, "micro-segment behavior unode psp-usd", "prefix " + prefix]


def test_seed_sessions(lab_intent, seed_out, section):
    """The node is a neighbour with ipv6 unicast and vpnv4 unicast, as the two summaries show."""
    bgp = section(render_pe_config(lab_intent, xrv(lab_intent)), "^router bgp ")
    for command, family in (("show bgp ipv6 unicast summary", "ipv6"), ("show bgp vpnv4 unicast summary", "vpnv4")):
        # IOS-XR prints a long IPv6 neighbour on a line of its own
        out = [line.strip() for line in seed_out(command)]
        row = next(i for i, line in enumerate(out) if re.match(r"^[0-9a-f]+:[0-9a-f:]+$", line))
        neighbor, remote_as = out[row], out[row + 1].split()[1]  # "Spk AS MsgRcvd ..."
        start = bgp.index(" neighbor " + neighbor)
        block = bgp[start:bgp.index(" !", start)]
        assert "  address-family %s unicast" % family in block
        assert "  remote-as " + remote_as in block


def test_golden_xrv(lab_intent, golden):
    golden("XRV.cfg", render_pe_config(lab_intent, xrv(lab_intent)))


def test_submodes_are_closed(lab_intent):
    text = render_pe_config(lab_intent, xrv(lab_intent))
    lines = text.splitlines()
    opened = 0
    for index, line in enumerate(lines):
        depth = len(line) - len(line.lstrip(" "))
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        nxt_depth = len(nxt) - len(nxt.lstrip(" "))
        if line.strip() != "!" and (nxt_depth > depth or nxt == " " * depth + "!"):
            opened += 1
            # the matching closer is the first later line at this depth
            rest = [ln for ln in lines[index + 1:] if len(ln) - len(ln.lstrip(" ")) <= depth]
            assert rest and rest[0] == " " * depth + "!", "submode %r not closed" % line
        if index and line.strip() != "!":
            prev = lines[index - 1]
            prev_depth = len(prev) - len(prev.lstrip(" "))
            assert depth <= prev_depth + 1, "indentation jumps at %r" % line
    assert opened == sum(1 for line in lines if line.strip() == "!")


def test_ebgp_neighbour_gets_pass_policy(lab_intent, section):
    pe = xrv(lab_intent)
    text = render_pe_config(lab_intent, pe)
    assert "route-policy" not in text  # the seed is iBGP
    ebgp = dataclasses.replace(pe.neighbors[0], remote_as=64999, ebgp_multihop=3)
    text = render_pe_config(lab_intent, dataclasses.replace(pe, neighbors=(ebgp,)))
    assert "route-policy %s\n  pass\nend-policy\n!\n" % PASS_POLICY in text
    bgp = [line.strip() for line in section(text, "^router bgp ")]
    assert bgp.count("route-policy %s in" % PASS_POLICY) == 2  # ipv6 unicast and vpnv4 unicast
    assert bgp.count("route-policy %s out" % PASS_POLICY) == 2
    assert "ebgp-multihop 3" in bgp


def test_base_locator_has_no_usid_behavior(lab_intent):
    pe = xrv(lab_intent)
    base = dataclasses.replace(pe, locator=dataclasses.replace(pe.locator, behavior="Base"))
    text = render_pe_config(lab_intent, base)
    assert "micro-segment" not in text and "prefix cafe:cafe:100::/48" in text


def test_n_vrfs_in_order(lab_intent, section):
    pe = xrv(lab_intent)
    extra = tuple(
        PeVrf(tenant="t%d" % n, vrf="red%d" % n, rd="10:%d" % (10 + n), import_rts=("65000:%d" % (10 + n), "65000:999"),
              export_rts=("65000:%d" % (10 + n),),
              loopbacks=(Loopback(interface="Loopback%d" % (10 + n), address="172.19.%d.1/32" % n),))
        for n in (1, 2, 3)
    )
    many = dataclasses.replace(pe, vrfs=pe.vrfs + extra)
    text = render_pe_config(lab_intent, many)
    names = [v.vrf for v in many.vrfs]
    assert [line.split()[1] for line in text.splitlines() if line.startswith("vrf ")] == names
    bgp = [line for line in section(text, "^router bgp ") if line.startswith(" vrf ")]
    assert bgp == [" vrf " + n for n in names]
    assert [line for line in text.splitlines() if line.startswith("interface ")] == [
        "interface Loopback10", "interface Loopback11", "interface Loopback12", "interface Loopback13"]
    red2 = section(text, "^vrf red2$")
    assert red2[:6] == ["vrf red2", " address-family ipv4 unicast", "  import route-target", "   65000:12",
                        "   65000:999", "  !"]
    assert "  rd 10:12" in section(text, "^router bgp ")


def test_duplicate_rd_is_a_clear_error(lab_intent):
    pe = xrv(lab_intent)
    clash = dataclasses.replace(pe.vrfs[0], vrf="red", loopbacks=())
    with pytest.raises(ValueError, match="PE XRV: RD 10:10 is used more than once"):
        render_pe_config(lab_intent, dataclasses.replace(pe, vrfs=pe.vrfs + (clash,)))
