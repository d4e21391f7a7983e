# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab inventory renders what the seed document shows, read from the document itself.

The goldens under golden/ are written by the renderer (change detectors). Here
the expected lines come from tests/data/seed/cilium-nexus-tenancy-blog.txt (the
blog post the lab inventory describes, see tests/data/seed/README.md): every
`sh run | sec` block of the leaf must appear, in order, in the rendered NX-OS
config; the list entries shown by `sh ip (ext)community-list` must be
configured; the IOS-XR loopback and the facts the XR outputs show (locator,
RD, per-VRF allocation) must be in the rendered IOS-XR config; the
CiliumBGPAdvertisement and the LB pools the post shows must be rendered.
"""

import re
from pathlib import Path

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.model import plan
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.cilium import render_cilium_objects
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.iosxr import render_pe_config
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.nxos import render_leaf_config

REPO = Path(__file__).resolve().parents[3]
SEED = (REPO / "tests" / "data" / "seed" / "cilium-nexus-tenancy-blog.txt").read_text(encoding="utf-8").splitlines()
LAB = yaml.safe_load((REPO / "inventories" / "lab" / "group_vars" / "all" / "tenancy.yml").read_text())["tenancy"]
NX_PROMPT = "Leaf01#"
XR_PROMPT = "RP/0/RP0/CPU0:XRV#"


def block_after(command_re, prompt):
    """Lines printed after the prompt line whose command matches *command_re*, up to the next prompt."""
    for i, line in enumerate(SEED):
        if line.startswith(prompt) and re.fullmatch(command_re, line[len(prompt):].strip()):
            out = []
            for follow in SEED[i + 1:]:
                if follow.startswith(prompt):
                    return out
                out.append(follow.strip())
    raise AssertionError("the seed has no `%s` output" % command_re)


def contiguous(needle, haystack):
    return any(haystack[i:i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


def stripped(text):
    return [line.strip() for line in text.splitlines() if line.strip() not in ("", "!")]


INTENT = NXOS = IOSXR = None


@pytest.fixture(autouse=True)
def _rendered():
    """Rendered inside each test, not at import: mutation tools attribute the code a test runs to that test."""
    global INTENT, NXOS, IOSXR
    INTENT = plan(LAB)
    NXOS = stripped(render_leaf_config(INTENT, INTENT.leaves[0]))
    IOSXR = stripped(render_pe_config(INTENT, INTENT.pes[0]))


@pytest.mark.parametrize("section", ["vrf context Tenant-K8s", "vrf context Tenant1-Pods",
                                     "route-map K8-Export-Others", "route-map CommunityImport"])
def test_nxos_running_config_sections_of_the_seed(section):
    lines = block_after(r'sh run \| sec "%s"' % re.escape(section), NX_PROMPT)
    assert len(lines) >= 2
    # The one deliberate difference from the post (README, "Choices worth knowing"): the import map's
    # closing deny sits at a fixed sequence (65535 by default), not right after the last tenant (30 in
    # the post), so that adding a tenant renumbers nothing. The number is written here, not read from
    # the code under test.
    lines = ["route-map CommunityImport deny 65535" if line == "route-map CommunityImport deny 30" else line
             for line in lines]
    assert contiguous(lines, NXOS), "\n".join(lines)


def test_nxos_lists_of_the_seed():
    # `sh ip community-list` prints "Standard Community List NAME" then "SEQ permit VALUE";
    # the config form is "ip community-list standard NAME seq SEQ permit VALUE" (RT:x is "rt x").
    expected = []
    for command, kind in (("sh ip community-list", "community-list"), ("sh ip extcommunity-list", "extcommunity-list")):
        name = None
        for line in block_after(re.escape(command), NX_PROMPT):
            header = re.fullmatch(r"Standard (?:Extended )?Community List (\S+)", line)
            entry = re.fullmatch(r"(\d+) (permit|deny) (\S+)", line)
            if header:
                name = header.group(1)
            elif entry and name:
                value = entry.group(3)
                value = "rt " + value[3:] if value.startswith("RT:") else value
                expected.append("ip %s standard %s seq %s %s %s" % (kind, name, entry.group(1), entry.group(2), value))
    assert len(expected) == 2
    for line in expected:
        assert line in NXOS


def test_nxos_session_of_the_seed():
    # "BGP router identifier 192.168.1.1" / neighbor row "192.168.16.35 4 64512 ..." in VRF Tenant-K8s
    summary = block_after(r"show bgp vrf Tenant-K8s ipv4 unicast summary", NX_PROMPT)
    router_id = next(re.fullmatch(r"BGP router identifier (\S+), local AS number (\d+)", x) for x in summary
                     if x.startswith("BGP router identifier"))
    neighbor, remote_as = next(x.split()[:3:2] for x in summary if re.match(r"\d+\.\d+\.\d+\.\d+ 4 ", x))
    assert "router bgp %s" % router_id.group(2) in NXOS
    assert contiguous(["vrf member Tenant-K8s", "ip address %s/32" % router_id.group(1)], NXOS)
    assert contiguous(["neighbor %s" % neighbor, "remote-as %s" % remote_as], NXOS)
    assert contiguous(["vrf Tenant-K8s", "address-family ipv4 unicast", "advertise l2vpn evpn"], NXOS)


def test_iosxr_loopback_of_the_seed():
    lines = block_after(r"sh run int lo10", XR_PROMPT)
    assert lines == ["interface Loopback10", "vrf blue", "ipv4 address 172.19.19.19 255.255.255.255"]
    assert contiguous(lines, IOSXR)


def test_iosxr_facts_the_seed_outputs_show():
    rib6 = block_after(r"sh route ipv6", XR_PROMPT)
    # "L cafe:cafe:100::/48, SRv6 Endpoint uN (shift)": the PE's micro-SID locator
    locator = next(re.fullmatch(r"L (\S+), SRv6 Endpoint uN \(shift\)", x).group(1) for x in rib6
                   if re.fullmatch(r"L \S+, SRv6 Endpoint uN \(shift\)", x))
    assert "prefix %s" % locator in IOSXR
    assert any(x.startswith("micro-segment behavior unode") for x in IOSXR)
    # one uDT4 SID for vrf blue: per-VRF allocation
    assert sum(1 for x in rib6 if "uDT4" in x) == 2 and any(x.endswith("(nexthop in vrf blue), 00:21:04") for x in rib6)
    assert contiguous(["segment-routing srv6", "locator XRV", "alloc mode per-vrf"], IOSXR)
    rd = next(re.fullmatch(r"Route Distinguisher: (\S+) \(default for vrf blue\)", x).group(1)
              for x in block_after(r"show bgp vpnv4 unicast vrf blue", XR_PROMPT) if x.startswith("Route Distinguisher:"))
    assert contiguous(["vrf blue", "rd %s" % rd], IOSXR)
    # the cluster peers the PE at this address (cilium bgp peers: Peer Address 2016:40:40:40::40)
    assert "source-address 2016:40:40:40::40" in IOSXR
    assert "2016:40:40:40::40 established" in " ".join(SEED)


def _seed_advertisement():
    """The CiliumBGPAdvertisement of the post, rebuilt from its flattened lines."""
    start = SEED.index("kind: CiliumBGPAdvertisement")
    lines = []
    for line in SEED[start:]:
        if line.startswith("Let"):
            break
        lines.append(line.strip())
    adverts = []
    for i, line in enumerate(lines):
        if line.startswith("- advertisementType:"):
            addresses, j = [], lines.index("addresses:", i) + 1
            while lines[j].startswith("- ") and not lines[j].startswith("- {"):
                addresses.append(lines[j][2:])
                j += 1
            selector = yaml.safe_load(next(x for x in lines[j:] if x.startswith("- {"))[2:])
            standard = yaml.safe_load(next(x for x in lines[j:] if x.startswith("standard:")))["standard"]
            adverts.append({"advertisementType": yaml.safe_load(line[2:])["advertisementType"],
                            "service": {"addresses": addresses},
                            "selector": {"matchExpressions": [selector]},
                            "attributes": {"communities": {"standard": standard}}})
    name = next(x.split(": ")[1] for x in lines if x.startswith("name:"))
    label = next(lines[k + 1] for k, x in enumerate(lines) if x == "labels:")
    return name, label, adverts


def test_cilium_advertisement_of_the_seed():
    name, label, adverts = _seed_advertisement()
    assert len(adverts) == 2 and adverts[1]["attributes"]["communities"]["standard"] == ["64512:302"]
    objs = render_cilium_objects(INTENT, INTENT.clusters[0])
    (adv,) = [o for o in objs if o["kind"] == "CiliumBGPAdvertisement"]
    assert adv["metadata"]["name"] == name
    key, value = label.split(": ")
    assert adv["metadata"]["labels"][key] == value
    assert [a for a in adv["spec"]["advertisements"] if a["advertisementType"] == "Service"] == adverts


def test_cilium_pools_of_the_seed():
    objs = {o["metadata"]["name"]: o for o in render_cilium_objects(INTENT, INTENT.clusters[0])
            if o["kind"] == "CiliumLoadBalancerIPPool"}
    for pool in ("ip-pool-pod1", "ip-pool-pod2"):
        (cidr,) = block_after(r"kubectl describe ippools/%s \| grep Cidr" % pool, "jawad@ubuntu1:~$")
        assert objs[pool]["spec"]["blocks"] == [{"cidr": cidr.split("Cidr: ")[1]}]
