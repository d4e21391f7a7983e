# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS leaf renderer: the seed's Leaf01 lines, golden file, N tenants, determinism."""

from __future__ import annotations

import ast
import copy
import dataclasses
import re
from pathlib import Path

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.model import plan
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render import nxos
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.nxos import render_leaf_config

SEED_SECTIONS = (
    "vrf context Tenant-K8s",
    "vrf context Tenant1-Pods",
    "route-map K8-Export-Others",
    "route-map CommunityImport",
)


def leaf01(intent):
    return next(leaf for leaf in intent.leaves if leaf.name == "Leaf01")


@pytest.mark.parametrize("pattern", SEED_SECTIONS)
def test_seed_section_lines_appear_in_order(pattern, lab_intent, seed_out, section, subsequence):
    seed = [line.strip() for line in seed_out('sh run | sec "%s"' % pattern) if line.strip()]
    assert seed and seed[0].startswith(pattern), "could not extract %r from the seed" % pattern
    # The one deliberate difference from the seed: the import map's closing deny sits at a fixed
    # sequence (naming.import_deny_seq, default 65535), not right after the last tenant (30 in the
    # seed), so adding a tenant renumbers nothing (issue 11 section 3).
    deny = "route-map %s deny " % leaf01(lab_intent).import_map
    seed = [deny + str(leaf01(lab_intent).import_deny_seq) if line.startswith(deny) else line for line in seed]
    rendered = section(render_leaf_config(lab_intent, leaf01(lab_intent)), re.escape(pattern))
    assert rendered, "no %r section rendered" % pattern
    stripped = [line.strip() for line in rendered]
    missing = [line for line in seed if line not in stripped]
    assert not missing, "seed lines missing from the rendered %r section: %s" % (pattern, missing)
    assert subsequence(seed, stripped), "seed lines of %r are all rendered but out of order:\n%s" % (
        pattern, "\n".join(rendered))


def _seed_list_entries(lines, header):
    """``sh ip [ext]community-list`` output -> {(list name, seq, action, value)}."""
    entries, name = set(), None
    for line in lines:
        line = line.strip()
        if line.startswith(header):
            name = line[len(header):].strip()
            continue
        match = re.match(r"^(\d+) (permit|deny) (\S+)$", line)
        if not match or name is None:
            break  # prose after the output
        entries.add((name, int(match.group(1)), match.group(2), match.group(3)))
    return entries


def _rendered_list_entries(text, kind):
    regex = re.compile(r"^ip %s-list standard (\S+) seq (\d+) (permit|deny) (.+)$" % kind)
    entries = set()
    for line in text.splitlines():
        match = regex.match(line)
        if match:
            value = match.group(4)
            if kind == "extcommunity":
                # show output spells "rt 65000:1" as "RT:65000:1"
                value = re.sub(r"^rt (\S+)$", r"RT:\1", value)
            entries.add((match.group(1), int(match.group(2)), match.group(3), value))
    return entries


def test_seed_community_lists(lab_intent, seed_out):
    seed = _seed_list_entries(seed_out("sh ip community-list"), "Standard Community List")
    assert seed, "could not parse the seed's community-list output"
    rendered = _rendered_list_entries(render_leaf_config(lab_intent, leaf01(lab_intent)), "community")
    assert seed <= rendered, "missing: %s" % sorted(seed - rendered)


def test_seed_extcommunity_lists(lab_intent, seed_out):
    seed = _seed_list_entries(seed_out("sh ip extcommunity-list"), "Standard Extended Community List")
    assert seed, "could not parse the seed's extcommunity-list output"
    rendered = _rendered_list_entries(render_leaf_config(lab_intent, leaf01(lab_intent)), "extcommunity")
    assert seed <= rendered, "missing: %s" % sorted(seed - rendered)


def test_golden_leaf01(lab_intent, golden):
    golden("Leaf01.cfg", render_leaf_config(lab_intent, leaf01(lab_intent)))


def test_indentation_is_two_spaces_per_level(lab_intent):
    for line in render_leaf_config(lab_intent, leaf01(lab_intent)).splitlines():
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0 and not line.endswith(" ") and "\t" not in line, repr(line)


def _three_tenants(data):
    """The lab with tenant2 steered on Leaf01 and a third tenant with two import tags."""
    data["tenants"][1].pop("leaves", None)
    third = copy.deepcopy(data["tenants"][1])
    third.update(name="tenant3", community="64512:303", vrf={"name": "Tenant3-Pods", "l3vni": 100304},
                 import_tags=[7001, 7002], lb_pools=[{"name": "ip-pool-pod3", "cidr": "40.0.10.0/24"}],
                 expected_prefixes=[])
    third["service_selector"] = {"matchLabels": {"servicebgp": "proxy3"}}
    data["tenants"].insert(2, third)
    return data


def test_n_tenants_lists_route_maps_and_vrfs(lab_copy, section):
    intent = plan(_three_tenants(lab_copy))
    leaf = leaf01(intent)
    names = [t.vrf for t in leaf.tenants]
    assert names == ["Tenant1-Pods", "Tenant2-Pods", "Tenant3-Pods"]
    text = render_leaf_config(intent, leaf)
    lines = text.splitlines()

    comm = [line for line in lines if line.startswith("ip community-list ")]
    ext = [line for line in lines if line.startswith("ip extcommunity-list ")]
    assert [line.split()[3] for line in comm] == [t.community_list for t in leaf.tenants]
    assert [line.split()[3] for line in ext] == [t.extcommunity_list for t in leaf.tenants]
    for t in leaf.tenants:
        assert "ip community-list standard %s seq 10 permit %s" % (t.community_list, t.community) in lines
        assert "ip extcommunity-list standard %s seq 10 permit rt %s" % (t.extcommunity_list, t.route_target) in lines

    export = [b for b in lines if b.startswith("route-map %s " % leaf.export_map)]
    assert export == ["route-map %s permit %d" % (leaf.export_map, t.export_seq) for t in leaf.tenants]
    imports = [b for b in lines if b.startswith("route-map %s " % leaf.import_map)]
    expected = []
    for t in leaf.tenants:
        expected += ["route-map %s permit %d" % (leaf.import_map, s) for s in t.import_seqs]
    expected.append("route-map %s deny %d" % (leaf.import_map, leaf.import_deny_seq))
    assert imports == expected
    seqs = [int(b.split()[-1]) for b in imports]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs), "import sequences must rise in tenant order"
    assert len(imports) == 3 + 3 + 1  # one per tenant, one per import tag (12346; 7001, 7002), one deny

    # each import-tag entry matches its tag and sets its tenant's community
    tag_block = section(text, r"^route-map %s permit %d$" % (leaf.import_map, leaf.tenants[2].import_seqs[2]))
    assert [line.strip() for line in tag_block[1:]] == ["match tag 7002", "set community 64512:303"]

    vrfs = [line.split()[-1] for line in lines if line.startswith("vrf context ")]
    assert vrfs == [leaf.transit_vrf] + names
    bgp = section(text, r"^router bgp ")
    assert [line.strip() for line in bgp if line.startswith("  vrf ")] == ["vrf " + v for v in vrfs]
    for name in names:
        assert "    import vrf advertise-vpn" in section(text, "^vrf context %s$" % name)


def test_tenant_order_follows_inventory(lab_copy):
    data = _three_tenants(lab_copy)
    data["tenants"][0], data["tenants"][2] = data["tenants"][2], data["tenants"][0]
    intent = plan(data)
    text = render_leaf_config(intent, leaf01(intent))
    comm = [line.split()[3] for line in text.splitlines() if line.startswith("ip community-list ")]
    assert comm == ["Tenant3-Pods-BGP-Community", "Tenant2-Pods-BGP-Community", "Tenant1-Pods-BGP-Community"]


def test_no_tenants_renders_transit_without_maps(lab_intent):
    leaf = dataclasses.replace(leaf01(lab_intent), tenants=())
    text = render_leaf_config(lab_intent, leaf)
    assert "route-map" not in text and "community-list" not in text
    assert "export map" not in text and "import map" not in text
    assert "vrf context Tenant-K8s\n" in text


def test_neighbor_lines(lab_intent, section):
    leaf = leaf01(lab_intent)
    nbr = leaf.neighbors[0]
    block = [line.strip() for line in section(render_leaf_config(lab_intent, leaf), "^router bgp ")]
    start = block.index("neighbor " + nbr.address)
    assert block[start + 1:start + 8] == [
        "remote-as %d" % nbr.remote_as, "description " + nbr.node, "update-source " + nbr.update_source,
        "ebgp-multihop %d" % nbr.ebgp_multihop, "address-family ipv4 unicast", "send-community",
        "send-community extended",
    ]
    ibgp = dataclasses.replace(nbr, remote_as=leaf.asn, update_source=None)
    text = render_leaf_config(lab_intent, dataclasses.replace(leaf, neighbors=(ibgp,)))
    assert "ebgp-multihop" not in text and "update-source" not in text


def test_explicit_route_target_when_auto_differs(lab_intent):
    leaf = leaf01(lab_intent)
    tenant = dataclasses.replace(leaf.tenants[0], route_target="65000:999")
    text = render_leaf_config(lab_intent, dataclasses.replace(leaf, tenants=(tenant,)))
    assert "    route-target both 65000:999 evpn\n" in text
    assert "set extcommunity rt 65000:999\n" in text


def test_duplicate_sequence_is_a_clear_error(lab_intent):
    leaf = leaf01(lab_intent)
    clash = dataclasses.replace(leaf, import_deny_seq=leaf.tenants[0].import_seqs[0])
    with pytest.raises(ValueError, match="route-map CommunityImport sequence 10 is used twice"):
        render_leaf_config(lab_intent, clash)


def test_renderers_import_nothing_from_ansible():
    folder = Path(nxos.__file__).parent
    for name in ("clitree.py", "nxos.py", "nxos_rm.py", "iosxr.py", "iosxr_rm.py"):
        tree = ast.parse((folder / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not any(a.name.split(".")[0].startswith("ansible") for a in node.names), name
            if isinstance(node, ast.ImportFrom):
                assert node.level > 0 or not (node.module or "").startswith("ansible"), name
