# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules that keep every value legal for the platform it is rendered on.

``rule_tokens`` checks every string the renderers write, as written or as
derived (RTs, list names, Kubernetes names), against ``tokens.GRAMMAR``;
``rule_render_conflicts`` refuses, with a data path, what a renderer would
otherwise have to refuse with an exception (two sessions to one address on
one device, one loopback twice on a PE, name templates that collide, ...);
``rule_topology`` checks per-rack peering (``bgp_peers[].nodes`` /
``node_selector``).
"""

from __future__ import annotations

import ipaddress
from typing import Any, Dict, Iterator, List, Optional, Tuple

from . import tokens
from .errors import Issue, PathPart, format_path
from .selectors import peer_node_names

Path = Tuple[PathPart, ...]


def _p(*parts: PathPart) -> str:
    return format_path(parts)


def _items(data: Dict[str, Any], key: str) -> Iterator[Tuple[int, Dict[str, Any]]]:
    for index, item in enumerate(data.get(key) or []):
        if isinstance(item, dict):
            yield index, item


def _token(kind: str, path: Path, value: Any, rule: str = "platform-token") -> Iterator[Issue]:
    reason = tokens.check(kind, value)
    if reason:
        yield Issue(rule, _p(*path), reason, value, tokens.valid(kind))


def _labels(path: Path, labels: Any) -> Iterator[Issue]:
    for key, value in sorted((labels or {}).items()) if isinstance(labels, dict) else ():
        prefix, slash, name = str(key).rpartition("/")
        if slash:
            yield from _token("k8s.dns_subdomain", path + (key,), prefix)
        yield from _token("k8s.label_name", path + (key,), name if slash else key)
        yield from _token("k8s.label_value", path + (key,), value)


def _asn_fields(data: Dict[str, Any]) -> Iterator[Tuple[Path, Any]]:
    fabric = data.get("fabric") or {}
    if "asn" in fabric:
        yield ("fabric", "asn"), fabric["asn"]
    for key in ("leaves", "pes", "clusters"):
        for index, item in _items(data, key):
            if "asn" in item:
                yield (key, index, "asn"), item["asn"]
    for ci, cluster in _items(data, "clusters"):
        for pi, peer in enumerate(cluster.get("bgp_peers") or []):
            if isinstance(peer, dict) and "asn" in peer:
                yield ("clusters", ci, "bgp_peers", pi, "asn"), peer["asn"]


def asn_of(value: Any) -> Optional[int]:
    return tokens.parse_asn(value)[0]


def fabric_asn(data: Dict[str, Any]) -> Optional[int]:
    return asn_of((data.get("fabric") or {}).get("asn"))


def derived_route_target(data: Dict[str, Any], tenant: Dict[str, Any]) -> Tuple[Optional[str], Optional[str]]:
    """An evpn tenant's route target as written or derived, or why none can be derived."""
    if "route_target" in tenant:
        return tenant["route_target"], None
    asn = fabric_asn(data)
    vni = (tenant.get("vrf") or {}).get("l3vni")
    if asn is None or not isinstance(vni, int):
        return None, None  # reported by the schema / ASN checks
    return tokens.derive_route_target(asn, vni)


def rule_tokens(data: Dict[str, Any]) -> Iterator[Issue]:
    """Every rendered string, explicit or derived, is a legal token of its platform."""
    for path, value in _asn_fields(data):
        reason = tokens.parse_asn(value)[1]
        if reason:
            yield Issue("malformed-asn", _p(*path), "AS number %s" % reason, value, tokens.ASN_VALID)
    naming = data.get("naming") or {}
    for key in ("export_map", "import_map"):
        if key in naming:
            yield from _token("nxos.route_map", ("naming", key), naming[key])
    for li, leaf in _items(data, "leaves"):
        yield from _token("host", ("leaves", li, "name"), leaf.get("name"))
        transit = leaf.get("transit_vrf") or {}
        yield from _token("nxos.vrf", ("leaves", li, "transit_vrf", "name"), transit.get("name"))
        loop = transit.get("loopback") or {}
        if "interface" in loop:
            yield from _token("nxos.loopback", ("leaves", li, "transit_vrf", "loopback", "interface"), loop["interface"])
    for pi, pe in _items(data, "pes"):
        yield from _token("host", ("pes", pi, "name"), pe.get("name"))
        if "update_source" in pe:
            yield from _token("iosxr.interface", ("pes", pi, "update_source"), pe["update_source"])
        yield from _token("iosxr.locator", ("pes", pi, "srv6_locator", "name"), (pe.get("srv6_locator") or {}).get("name"))
    for ci, cluster in _items(data, "clusters"):
        yield from _token("host", ("clusters", ci, "name"), cluster.get("name"))
        yield from _token("cilium.version", ("clusters", ci, "cilium_version"), cluster.get("cilium_version"))
        yield from _labels(("clusters", ci, "advertisement_labels"), cluster.get("advertisement_labels"))
        pool = (cluster.get("srv6") or {}).get("locator_pool") or {}
        if "name" in pool:
            # The pool name is an object name and a label value (the locator advertisement selects on it).
            yield from _token("k8s.dns_subdomain", ("clusters", ci, "srv6", "locator_pool", "name"), pool["name"])
            yield from _token("k8s.label_value", ("clusters", ci, "srv6", "locator_pool", "name"), pool["name"])
        for ni, node in enumerate(cluster.get("nodes") or []):
            if not isinstance(node, dict):
                continue
            path = ("clusters", ci, "nodes", ni, "name")
            # A Kubernetes node name, an object name (Isovalent node override) and the
            # description line of the node's session on every leaf and PE.
            found = list(_token("k8s.dns_subdomain", path, node.get("name")))
            found = found or list(_token("nxos.description", path, node.get("name")))
            yield from found
            yield from _labels(("clusters", ci, "nodes", ni, "labels"), node.get("labels"))
    for ti, tenant in _items(data, "tenants"):
        yield from _tenant_tokens(data, ti, tenant)


def _tenant_tokens(data: Dict[str, Any], ti: int, tenant: Dict[str, Any]) -> Iterator[Issue]:
    srv6 = tenant.get("mode") == "srv6_l3vpn"
    yield from _token("k8s.dns_label", ("tenants", ti, "name"), tenant.get("name"))
    vrf = (tenant.get("vrf") or {}).get("name")
    yield from _token("iosxr.vrf" if srv6 else "nxos.vrf", ("tenants", ti, "vrf", "name"), vrf)
    for pi, pool in enumerate(tenant.get("lb_pools") or []):
        if isinstance(pool, dict):
            yield from _token("k8s.dns_subdomain", ("tenants", ti, "lb_pools", pi, "name"), pool.get("name"))
    for li, loop in enumerate(tenant.get("pe_loopbacks") or []):
        if isinstance(loop, dict):
            yield from _token("iosxr.loopback", ("tenants", ti, "pe_loopbacks", li, "interface"), loop.get("interface"))
    if srv6:
        if isinstance(vrf, str) and not list(_token("iosxr.vrf", (), vrf)):
            # The IsovalentVRF object and its label are named after the VRF, made Kubernetes-safe.
            from .render.k8s_meta import k8s_name, RenderError
            try:
                name = k8s_name(vrf)
            except RenderError as exc:
                yield Issue("platform-token", _p("tenants", ti, "vrf", "name"), str(exc), vrf, "a VRF name with letters or digits")
            else:
                yield from _token("k8s.label_value", ("tenants", ti, "vrf", "name"), name)
        return
    if "community" in tenant:
        reason = tokens.check_community(tenant["community"])
        if reason:
            yield Issue("malformed-community", _p("tenants", ti, "community"), reason, tenant["community"], tokens.COMMUNITY_VALID)
    naming = data.get("naming") or {}
    for key, default in (("community_list", "{vrf}-BGP-Community"), ("extcommunity_list", "{vrf}-RT")):
        template = naming.get(key, default)
        try:
            name = str(template).format(vrf=vrf, tenant=tenant.get("name"))
        except (KeyError, IndexError, ValueError, AttributeError):
            continue  # rule_render_conflicts names the template
        reason = tokens.check("nxos.list_name", name)
        if reason:
            yield Issue("naming", _p("tenants", ti, "vrf", "name"), "%s name %r (from naming.%s) %s" % (key, name, key, reason),
                        vrf, tokens.valid("nxos.list_name"))
    rt, why = derived_route_target(data, tenant)
    path = _p("tenants", ti, "route_target")
    if why:
        yield Issue("rt-not-derivable", path, why, (tenant.get("vrf") or {}).get("l3vni"),
                    "an explicit route_target, e.g. %s (what NX-OS 'route-target both auto' derives for a 4-byte ASN)"
                    % tokens.nxos_auto_route_target(fabric_asn(data) or 0, (tenant.get("vrf") or {}).get("l3vni") or 0))
    elif rt is not None and "route_target" not in tenant:
        reason = tokens.check_extended(rt)
        if reason:
            yield Issue("malformed-rt", path + " (derived as fabric.asn:vrf.l3vni)", reason, rt, tokens.EXTENDED_VALID)


def rule_extended_values(data: Dict[str, Any]) -> Iterator[Issue]:
    """Explicit RTs and RDs parse; no two tenants share one, whatever the notation."""
    owner: Dict[Any, Tuple[Any, str]] = {}
    rds: Dict[Any, str] = {}
    for ti, tenant in _items(data, "tenants"):
        values: List[Tuple[Path, Any, str]] = []
        if "route_target" in tenant:
            values.append((("route_target",), tenant["route_target"], "malformed-rt"))
        for key in ("import_rts", "export_rts"):
            values += [((key, i), v, "malformed-rt") for i, v in enumerate(tenant.get(key) or [])]
        if "rd" in tenant:
            values.append((("rd",), tenant["rd"], "malformed-rd"))
        rts: List[Tuple[str, Any]] = []
        for rel, value, rule in values:
            parsed, reason = tokens.parse_extended(value)
            path = _p("tenants", ti, *rel)
            if reason:
                yield Issue(rule, path, reason, value, tokens.EXTENDED_VALID)
                continue
            if rule == "malformed-rd":
                seen = rds.setdefault(parsed.key(), path)
                if seen != path:
                    yield Issue("duplicate-rd", path, "route distinguisher is already used at %s" % seen, value,
                                "a value unique across the inventory (65536:7 and 1.0:7 are the same value)")
            else:
                rts.append((path, parsed.key()))
        if tenant.get("mode") != "srv6_l3vpn" and "route_target" not in tenant:
            rt, _why = derived_route_target(data, tenant)
            parsed = tokens.parse_extended(rt)[0] if rt else None
            if parsed is not None:
                rts.append((_p("tenants", ti, "route_target") + " (derived as fabric.asn:vrf.l3vni)", parsed.key()))
        for path, key in rts:
            seen_rt = owner.setdefault(key, (tenant.get("name"), path))
            if seen_rt[0] != tenant.get("name"):
                yield Issue("duplicate-rt", path, "route target is already used by tenant %s at %s" % seen_rt,
                            tokens.Extended("ipv4" if key[0] == "ipv4" else "asn2", key[1], key[2]).format(),
                            "a route target no other tenant uses (65536:7 and 1.0:7 are the same value)")


# ---------------------------------------------------------------- conflicts a renderer would raise on


def rule_render_conflicts(data: Dict[str, Any]) -> Iterator[Issue]:
    naming = data.get("naming") or {}
    export_map, import_map = naming.get("export_map", "K8-Export-Others"), naming.get("import_map", "CommunityImport")
    if isinstance(export_map, str) and isinstance(import_map, str) and export_map.lower() == import_map.lower():
        yield Issue("naming", _p("naming", "import_map"), "the import map cannot be the export map (their sequences would merge)",
                    import_map, "a name other than %s" % export_map)
    for key, default in (("community_list", "{vrf}-BGP-Community"), ("extcommunity_list", "{vrf}-RT")):
        template = naming.get(key, default)
        try:
            a = str(template).format(vrf="A", tenant="a")
            b = str(template).format(vrf="B", tenant="b")
        except (KeyError, IndexError, ValueError, AttributeError):
            yield Issue("naming", _p("naming", key), "unknown placeholder in name template", template,
                        "text with the placeholders {vrf} and {tenant}")
            continue
        if a == b:
            yield Issue("naming", _p("naming", key), "name template without {vrf} or {tenant} gives every tenant the same list",
                        template, "a template containing {vrf} or {tenant}, e.g. {vrf}-RT")
    if naming.get("community_list", "{vrf}-BGP-Community") == naming.get("extcommunity_list", "{vrf}-RT"):
        yield Issue("naming", _p("naming", "extcommunity_list"), "community and extcommunity lists would share names",
                    naming.get("extcommunity_list"), "a template different from naming.community_list")
    yield from _session_conflicts(data)
    yield from _pe_loopback_conflicts(data)
    yield from _vrf_object_conflicts(data)


def _vrf_object_conflicts(data: Dict[str, Any]) -> Iterator[Issue]:
    """Two srv6 tenants of one cluster whose VRF names make the same IsovalentVRF name (Blue_1 / blue-1)."""
    from .render.k8s_meta import RenderError, k8s_name

    seen: Dict[Tuple[Any, str], str] = {}
    for ti, tenant in _items(data, "tenants"):
        vrf = (tenant.get("vrf") or {}).get("name")
        if tenant.get("mode") != "srv6_l3vpn" or not isinstance(vrf, str):
            continue
        try:
            key = (tenant.get("cluster"), k8s_name(vrf))
        except RenderError:
            continue  # rule_tokens names it
        path = _p("tenants", ti, "vrf", "name")
        first = seen.setdefault(key, path)
        if first != path:
            yield Issue("duplicate-vrf", path, "makes the same IsovalentVRF name %r as %s" % (key[1], first), vrf,
                        "VRF names that differ after lower-casing and replacing other characters by '-'")


def _session_conflicts(data: Dict[str, Any]) -> Iterator[Issue]:
    """One device cannot hold two sessions to one address (two nodes, or two clusters, sharing it)."""
    seen: Dict[Tuple[Any, str], Tuple[str, str]] = {}
    for ci, cluster in _items(data, "clusters"):
        nodes = [n for n in cluster.get("nodes") or [] if isinstance(n, dict)]
        addresses: Dict[str, str] = {}
        for ni, node in enumerate(nodes):
            key = _address_key(node.get("address"))
            path = _p("clusters", ci, "nodes", ni, "address")
            if key in addresses:
                yield Issue("duplicate-address", path, "node address is already used at %s" % addresses[key], node.get("address"),
                            "one address per node")
            addresses.setdefault(key, path)
        for pi, peer in enumerate(cluster.get("bgp_peers") or []):
            if not isinstance(peer, dict):
                continue
            names = peer_node_names(cluster, peer)
            for ni, node in enumerate(nodes):
                if node.get("name") not in names:
                    continue
                key = (peer.get("device"), _address_key(node.get("address")))
                path, via = _p("clusters", ci, "nodes", ni, "address"), _p("clusters", ci, "bgp_peers", pi)
                first, first_via = seen.setdefault(key, (path, via))
                if first == path and first_via != via:
                    yield Issue("duplicate-session", via + ".device",
                                "node %s already peers device %s through %s" % (node.get("name"), peer.get("device"), first_via),
                                peer.get("device"), "one bgp_peers entry per device for each node")
                    break
                if first != path:
                    yield Issue("duplicate-session", path,
                                "device %s would have two BGP sessions to this address (also %s, via %s)"
                                % (peer.get("device"), first, via),
                                node.get("address"), "node addresses unique among the nodes peering one device")


def _address_key(value: Any) -> str:
    try:
        return str(ipaddress.ip_address(str(value)))
    except ValueError:
        return str(value)


def _pe_loopback_conflicts(data: Dict[str, Any]) -> Iterator[Issue]:
    seen: Dict[Tuple[Any, str], str] = {}
    for ti, tenant in _items(data, "tenants"):
        for li, loop in enumerate(tenant.get("pe_loopbacks") or []):
            if not isinstance(loop, dict):
                continue
            path = _p("tenants", ti, "pe_loopbacks", li, "interface")
            key = (loop.get("device"), str(loop.get("interface")).lower())
            first = seen.setdefault(key, path)
            if first != path:
                yield Issue("duplicate-interface", path, "PE %s already has this interface at %s" % (loop.get("device"), first),
                            loop.get("interface"), "one loopback interface per VRF on a PE")


# ---------------------------------------------------------------- topology


def rule_topology(data: Dict[str, Any]) -> Iterator[Issue]:
    """Per-rack peering: selections name real nodes, every node peers somewhere, peers sit on the device."""
    devices = _device_addresses(data)
    for ci, cluster in _items(data, "clusters"):
        nodes = [n for n in cluster.get("nodes") or [] if isinstance(n, dict)]
        known = {n.get("name") for n in nodes}
        peered: Dict[Any, int] = {n.get("name"): 0 for n in nodes}
        for pi, peer in enumerate(cluster.get("bgp_peers") or []):
            if not isinstance(peer, dict):
                continue
            base = ("clusters", ci, "bgp_peers", pi)
            if "nodes" in peer and "node_selector" in peer:
                yield Issue("peer-nodes", _p(*base), "give either nodes or node_selector, not both", sorted(peer),
                            "nodes: [names] or node_selector: {matchLabels: ...}")
            for ni, name in enumerate(peer.get("nodes") or []):
                if name not in known:
                    yield Issue("unknown-reference", _p(*(base + ("nodes", ni))), "no node of this cluster has this name", name,
                                ", ".join(sorted(map(str, known))))
            selected = peer_node_names(cluster, peer)
            if ("nodes" in peer or "node_selector" in peer) and not selected:
                yield Issue("peer-nodes", _p(*base), "selects no node of the cluster", peer.get("node_selector", peer.get("nodes")),
                            "a selection matching at least one node (nodes[].labels)")
            for name in selected:
                peered[name] = peered.get(name, 0) + 1
            yield from _peer_on_device(devices, base, peer)
        for ni, node in enumerate(nodes):
            if peered.get(node.get("name")) == 0:
                yield Issue("node-without-peer", _p("clusters", ci, "nodes", ni, "name"),
                            "no bgp_peers entry selects this node, so it would advertise nothing", node.get("name"),
                            "a bgp_peers entry whose nodes / node_selector includes it")


def _device_addresses(data: Dict[str, Any]) -> Dict[Any, Tuple[str, List[Any]]]:
    """Per device: where its session address is declared and the networks it may lie in."""
    out: Dict[Any, Tuple[str, List[Any]]] = {}
    for li, leaf in _items(data, "leaves"):
        loop = (leaf.get("transit_vrf") or {}).get("loopback") or {}
        try:
            out[leaf.get("name")] = (_p("leaves", li, "transit_vrf", "loopback", "address"),
                                     [ipaddress.ip_interface(str(loop["address"])).network])
        except (KeyError, ValueError):
            continue
    for pi, pe in _items(data, "pes"):
        try:
            out[pe.get("name")] = (_p("pes", pi, "source_address"), [ipaddress.ip_network(str(pe["source_address"]))])
        except (KeyError, ValueError):
            continue
    return out


def _peer_on_device(devices: Dict[Any, Tuple[str, List[Any]]], base: Path, peer: Dict[str, Any]) -> Iterator[Issue]:
    """Where the device declares the address its node sessions terminate on, the peer address must be in it."""
    declared = devices.get(peer.get("device"))
    if declared is None:
        return
    try:
        address = ipaddress.ip_address(str(peer.get("address")))
    except ValueError:
        return  # rule_addresses names it
    where, declared_networks = declared
    # Only a declared address of the same family says where the session ends (an IPv6 session to a
    # leaf whose transit loopback is IPv4 ends on an address the inventory does not declare).
    networks = [n for n in declared_networks if n.version == address.version]
    if networks and not any(address in n for n in networks):
        yield Issue("peer-address", _p(*(base + ("address",))),
                    "the peer address is in no subnet of device %s (%s: %s)"
                    % (peer.get("device"), where, ", ".join(map(str, networks))),
                    peer.get("address"), "an address of the session subnet of %s" % peer.get("device"))


# ---------------------------------------------------------------- route-map sequences

SEQ_STEP = 10  # as model.SEQ_STEP


def rule_sequences(data: Dict[str, Any]) -> Iterator[Issue]:
    """Route-map sequences stay below the fixed closing deny (and within NX-OS's 0-65535).

    Counted over every evpn tenant, in inventory order, as if one leaf served
    them all: an upper bound of what any leaf gets, so a later change of
    ``leaves`` cannot push a sequence past the deny.
    """
    deny = (data.get("naming") or {}).get("import_deny_seq", 65535)
    if not isinstance(deny, int):
        return
    import_seq, export_seq = SEQ_STEP, SEQ_STEP
    for ti, tenant in _items(data, "tenants"):
        if tenant.get("mode") == "srv6_l3vpn":
            continue
        tags = tenant.get("import_tags") or []
        last = import_seq + SEQ_STEP * len(tags)
        if last >= deny or export_seq >= deny:
            yield Issue("sequence-overflow", _p("tenants", ti, "import_tags" if tags else "name"),
                        "this tenant's import map sequences (%d-%d) reach the closing deny at %d" % (import_seq, last, deny),
                        tags or tenant.get("name"), "a higher naming.import_deny_seq (at most 65535) or fewer import tags")
            return
        import_seq = last + SEQ_STEP
        export_seq += SEQ_STEP
