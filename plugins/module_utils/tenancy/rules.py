# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Semantic rules the JSON Schema cannot express.

Each rule is a function ``data -> iterable of Issue`` with a stable rule id,
registered in ``RULES``. Rules read the raw inventory (after schema checks)
and must stay side-effect free.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from .errors import Issue, PathPart, format_path
from .netfacts import parse_version, selector_problems
from .rules_platform import rule_extended_values, rule_render_conflicts, rule_sequences, rule_tokens, rule_topology

Network = Any  # ipaddress.IPv4Network | ipaddress.IPv6Network
Rule = Callable[[Dict[str, Any]], Iterable[Issue]]

MIN_CILIUM = (1, 16, 0)  # BGPv2 resources (CiliumBGPClusterConfig & co) exist from Cilium 1.16


def _p(*parts: PathPart) -> str:
    return format_path(parts)


def _items(data: Dict[str, Any], key: str) -> Iterator[Tuple[int, Dict[str, Any]]]:
    for index, item in enumerate(data.get(key) or []):
        if isinstance(item, dict):
            yield index, item


def _tenants(data: Dict[str, Any], mode: Optional[str] = None) -> Iterator[Tuple[int, Dict[str, Any]]]:
    for index, tenant in _items(data, "tenants"):
        if mode is None or tenant.get("mode", "evpn_community") == mode:
            yield index, tenant


def _network(text: Any) -> Optional[Network]:
    # ipaddress accepts IPv6 scope ids ("fe80::%x\ny/64"): only address characters pass.
    if not isinstance(text, str) or not _ADDRESS_CHARS.fullmatch(text):
        return None
    try:
        return ipaddress.ip_network(str(text), strict=True)
    except ValueError:
        return None


def _duplicates(rule: str, what: str, entries: Sequence[Tuple[str, Any]]) -> Iterator[Issue]:
    """Report every entry whose value was already used at an earlier path."""
    first: Dict[Any, str] = {}
    for path, value in entries:
        key = value.lower() if isinstance(value, str) else value
        if key in first:
            yield Issue(rule, path, "%s is already used at %s" % (what, first[key]), value, "a value unique across the inventory")
        else:
            first[key] = path


# ---------------------------------------------------------------- names / refs


def rule_duplicate_names(data: Dict[str, Any]) -> Iterator[Issue]:
    yield from _duplicates("duplicate-name", "tenant name", [(_p("tenants", i, "name"), t.get("name")) for i, t in _tenants(data)])
    yield from _duplicates("duplicate-name", "cluster name", [(_p("clusters", i, "name"), c.get("name")) for i, c in _items(data, "clusters")])
    devices = [(_p("leaves", i, "name"), d.get("name")) for i, d in _items(data, "leaves")]
    devices += [(_p("pes", i, "name"), d.get("name")) for i, d in _items(data, "pes")]
    yield from _duplicates("duplicate-name", "device name", devices)
    for ci, cluster in _items(data, "clusters"):
        nodes = [(_p("clusters", ci, "nodes", ni, "name"), n.get("name")) for ni, n in enumerate(cluster.get("nodes") or [])]
        yield from _duplicates("duplicate-name", "node name", nodes)
    pools = [
        (_p("tenants", ti, "lb_pools", pi, "name"), (t.get("cluster"), pool.get("name")))
        for ti, t in _tenants(data)
        for pi, pool in enumerate(t.get("lb_pools") or [])
    ]
    yield from _duplicates("duplicate-name", "LB pool name in this cluster", pools)


def rule_references(data: Dict[str, Any]) -> Iterator[Issue]:
    clusters = {c.get("name"): c for _unused, c in _items(data, "clusters")}
    leaves = {d.get("name") for _unused, d in _items(data, "leaves")}
    pes = {d.get("name") for _unused, d in _items(data, "pes")}
    for ci, cluster in _items(data, "clusters"):
        for pi, peer in enumerate(cluster.get("bgp_peers") or []):
            if peer.get("device") not in leaves | pes:
                yield Issue("unknown-reference", _p("clusters", ci, "bgp_peers", pi, "device"), "no leaf or PE has this name",
                            peer.get("device"), ", ".join(sorted(leaves | pes)) or "(no devices defined)")
    for ti, tenant in _tenants(data):
        if tenant.get("cluster") not in clusters:
            yield Issue("unknown-reference", _p("tenants", ti, "cluster"), "no cluster has this name",
                        tenant.get("cluster"), ", ".join(sorted(map(str, clusters))))
        for key, known, kind in (("leaves", leaves, "leaf"), ("pes", pes, "PE")):
            for di, device in enumerate(tenant.get(key) or []):
                if device not in known:
                    yield Issue("unknown-reference", _p("tenants", ti, key, di), "no %s has this name" % kind,
                                device, ", ".join(sorted(known)) or "(none defined)")
        for li, loop in enumerate(tenant.get("pe_loopbacks") or []):
            if loop.get("device") not in pes:
                yield Issue("unknown-reference", _p("tenants", ti, "pe_loopbacks", li, "device"), "no PE has this name",
                            loop.get("device"), ", ".join(sorted(pes)) or "(none defined)")


def _peered(data: Dict[str, Any], cluster_name: Any, devices: set) -> List[str]:
    for _unused, cluster in _items(data, "clusters"):
        if cluster.get("name") == cluster_name:
            return [p.get("device") for p in cluster.get("bgp_peers") or [] if p.get("device") in devices]
    return []


def rule_peering(data: Dict[str, Any]) -> Iterator[Issue]:
    """A tenant is only steered where its cluster has BGP sessions."""
    leaves = {d.get("name") for _unused, d in _items(data, "leaves")}
    pes = {d.get("name") for _unused, d in _items(data, "pes")}
    for ti, tenant in _tenants(data):
        srv6 = tenant.get("mode") == "srv6_l3vpn"
        devices, key, kind = (pes, "pes", "PE") if srv6 else (leaves, "leaves", "leaf")
        peered = _peered(data, tenant.get("cluster"), devices)
        if not peered:
            yield Issue("no-peering", _p("tenants", ti, "cluster"),
                        "cluster %s has no BGP peer on any %s, so this tenant cannot be steered" % (tenant.get("cluster"), kind),
                        tenant.get("cluster"), "add a bgp_peers entry toward a %s to the cluster" % kind)
        for di, device in enumerate(tenant.get(key) or []):
            if device in devices and device not in peered:
                yield Issue("no-peering", _p("tenants", ti, key, di), "the tenant's cluster does not peer with this %s" % kind,
                            device, ", ".join(sorted(peered)) or "(none)")


# ---------------------------------------------------------------- BGP values


def rule_unique_values(data: Dict[str, Any]) -> Iterator[Issue]:
    yield from _duplicates("duplicate-community", "community",
                           [(_p("tenants", i, "community"), t["community"]) for i, t in _tenants(data) if "community" in t])
    ids = [(_p("tenants", i, "vrf", "id"), (t.get("cluster"), (t.get("vrf") or {}).get("id")))
           for i, t in _tenants(data, "srv6_l3vpn")]
    yield from _duplicates("duplicate-vrf-id", "VRF id in this cluster", ids)


def rule_vni_and_vrf(data: Dict[str, Any]) -> Iterator[Issue]:
    """Each VNI belongs to one VRF and each VRF to one VNI, fabric-wide."""
    vrf_of_vni: Dict[Any, Tuple[str, str]] = {}
    vni_of_vrf: Dict[str, Tuple[Any, str]] = {}
    entries: List[Tuple[str, Any, Any]] = []
    for li, leaf in _items(data, "leaves"):
        transit = leaf.get("transit_vrf") or {}
        entries.append((_p("leaves", li, "transit_vrf", "l3vni"), transit.get("name"), transit.get("l3vni")))
    for ti, tenant in _tenants(data, "evpn_community"):
        vrf = tenant.get("vrf") or {}
        entries.append((_p("tenants", ti, "vrf", "l3vni"), vrf.get("name"), vrf.get("l3vni")))
    for path, vrf, vni in entries:
        seen = vrf_of_vni.setdefault(vni, (str(vrf), path))
        if seen[0].lower() != str(vrf).lower():
            yield Issue("duplicate-vni", path, "L3VNI is already used by VRF %s at %s" % seen, vni, "a VNI no other VRF uses")
            continue
        seen_vni = vni_of_vrf.setdefault(str(vrf).lower(), (vni, path))
        if seen_vni[0] != vni:
            yield Issue("duplicate-vni", path, "VRF %s already has L3VNI %s at %s" % (vrf, seen_vni[0], seen_vni[1]), vni,
                        "the same VNI for the same VRF on every leaf")
    transit = {str((leaf.get("transit_vrf") or {}).get("name")).lower() for _unused, leaf in _items(data, "leaves")}
    names = []
    for ti, tenant in _tenants(data):
        name = (tenant.get("vrf") or {}).get("name")
        names.append((_p("tenants", ti, "vrf", "name"), name))
        if str(name).lower() in transit:
            yield Issue("duplicate-vrf", _p("tenants", ti, "vrf", "name"), "a tenant VRF cannot be the transit VRF", name,
                        "a VRF name other than " + ", ".join(sorted(transit)))
    yield from _duplicates("duplicate-vrf", "VRF name", names)


# ---------------------------------------------------------------- selectors, names


def _key_constraints(selector: Dict[str, Any]) -> Dict[str, Dict[str, Any]]:
    """Per label key: must exist, must not exist, allowed values (None = any), excluded values."""
    keys: Dict[str, Dict[str, Any]] = {}

    def slot(key: str) -> Dict[str, Any]:
        return keys.setdefault(key, {"exists": False, "absent": False, "allowed": None, "excluded": set()})

    def allow(entry: Dict[str, Any], values: Iterable[Any]) -> None:
        entry["exists"] = True
        entry["allowed"] = set(values) if entry["allowed"] is None else entry["allowed"] & set(values)

    for key, value in (selector.get("matchLabels") or {}).items():
        allow(slot(key), [value])
    for expr in selector.get("matchExpressions") or []:
        entry, operator = slot(expr.get("key")), expr.get("operator")
        if operator == "In":
            allow(entry, expr.get("values") or [])
        elif operator == "NotIn":
            entry["excluded"] |= set(expr.get("values") or [])
        elif operator == "Exists":
            entry["exists"] = True
        elif operator == "DoesNotExist":
            entry["absent"] = True
    return keys


def _constraints_disjoint(a: Dict[str, Dict[str, Any]], b: Dict[str, Dict[str, Any]]) -> bool:
    for key in set(a) | set(b):
        parts = [c for c in (a.get(key), b.get(key)) if c]
        exists = any(c["exists"] for c in parts)
        absent = any(c["absent"] for c in parts)
        allowed_sets = [c["allowed"] for c in parts if c["allowed"] is not None]
        excluded = set().union(*(c["excluded"] for c in parts))
        if exists and absent:
            return True
        if allowed_sets and not (set.intersection(*allowed_sets) - excluded):
            return True
    return False


def selectors_disjoint(first: Optional[Dict[str, Any]], second: Optional[Dict[str, Any]]) -> bool:
    """True when no object's labels can satisfy both selectors (an empty selector matches all)."""
    return _constraints_disjoint(_key_constraints(first or {}), _key_constraints(second or {}))


def _candidate_pairs(constraints: List[Dict[str, Dict[str, Any]]]) -> Iterator[Tuple[int, int]]:
    """Index pairs (i < j) that may overlap; the rest are disjoint for sure.

    Tenants usually pin one label (servicebgp, tenant, ...) to their own
    values. Two selectors pinning that label to sets with no common value are
    disjoint, so only selectors sharing a value, or not pinning the label,
    need the full check: n log n instead of n squared for large fabrics.
    """
    counts: Dict[str, int] = {}
    for c in constraints:
        for key, entry in c.items():
            if entry["allowed"] is not None:
                counts[key] = counts.get(key, 0) + 1
    if not counts:
        yield from ((i, j) for j in range(len(constraints)) for i in range(j))
        return
    pin = max(sorted(counts), key=lambda k: counts[k])
    by_value: Dict[Any, List[int]] = {}
    loose: List[int] = []
    for index, c in enumerate(constraints):
        entry = c.get(pin)
        if entry is None or entry["allowed"] is None:
            loose.append(index)
        else:
            for value in entry["allowed"]:
                by_value.setdefault(value, []).append(index)
    pairs = set()
    for members in by_value.values():
        pairs.update((members[x], members[y]) for y in range(len(members)) for x in range(y))
    for index in loose:
        pairs.update((min(index, other), max(index, other)) for other in range(len(constraints)) if other != index)
    yield from sorted(pairs)


def rule_selector_overlap(data: Dict[str, Any]) -> Iterator[Issue]:
    """Two tenants of one cluster must never be able to select the same workload.

    A Service matched by two evpn tenants' selectors is advertised with both
    communities and lands in both VRFs; a pod matched by two IsovalentVRFs is
    ambiguous. Both break isolation, so they are errors, not warnings.
    """
    groups: Dict[Tuple[Any, Any], List[Tuple[int, Dict[str, Any]]]] = {}
    for ti, tenant in _tenants(data):
        groups.setdefault((str(tenant.get("cluster")), str(tenant.get("mode"))), []).append((ti, tenant))
    found: List[Issue] = []
    for (_cluster, mode), members in sorted(groups.items()):
        srv6 = mode == "srv6_l3vpn"
        where, what = ("pod_selector", "pods") if srv6 else ("service_selector", "Services")
        primary = [_key_constraints(t.get("namespace_selector" if srv6 else "service_selector") or {}) for _unused, t in members]
        pods = [_key_constraints(t.get("pod_selector") or {}) for _unused, t in members] if srv6 else []
        # srv6: disjoint namespaces OR disjoint pods; check pairs that may overlap on both
        candidates = set(_candidate_pairs(primary))
        if srv6:
            candidates &= set(_candidate_pairs(pods))
        for i, j in sorted(candidates):
            if _constraints_disjoint(primary[i], primary[j]) or (srv6 and _constraints_disjoint(pods[i], pods[j])):
                continue
            (oi, other), (ti, tenant) = members[i], members[j]
            found.append(Issue("selector-overlap", _p("tenants", ti, where),
                               "can select the same %s as tenant %s (tenants[%d]); such a workload would be in both tenants"
                               % (what, other.get("name"), oi), tenant.get(where),
                               "selectors that exclude each other on some label, e.g. servicebgp In [proxy] vs In [proxy2]"))
    return iter(found)


def rule_selectors(data: Dict[str, Any]) -> Iterator[Issue]:
    places: List[Tuple[Tuple[PathPart, ...], Any]] = []
    for ci, cluster in _items(data, "clusters"):
        if "node_selector" in cluster:
            places.append((("clusters", ci, "node_selector"), cluster["node_selector"]))
    for ti, tenant in _tenants(data):
        for key in ("service_selector", "namespace_selector", "pod_selector"):
            if key in tenant:
                places.append((("tenants", ti, key), tenant[key]))
    for base, selector in places:
        for rel, reason, value in selector_problems(selector):
            yield Issue("invalid-selector", _p(*(base + rel)), reason, value,
                        "Kubernetes label syntax; operators In, NotIn, Exists, DoesNotExist")


# ---------------------------------------------------------------- addresses and pools


def _pool_networks(pool: Dict[str, Any]) -> Tuple[List[Network], Optional[str]]:
    """The networks a pool covers, or a reason it is malformed."""
    has_cidr, has_range = "cidr" in pool, "start" in pool or "stop" in pool
    if has_cidr == has_range:
        return [], "give either cidr, or start and stop"
    if has_cidr:
        net = _network(pool["cidr"])
        return ([net], None) if net else ([], "not a network in CIDR notation with host bits zero")
    try:
        if any(_address_problem(pool.get(key), "ip") for key in ("start", "stop")):
            raise ValueError("not an address")
        start, stop = ipaddress.ip_address(str(pool.get("start"))), ipaddress.ip_address(str(pool.get("stop")))
    except ValueError:
        return [], "start and stop must both be IP addresses"
    if start.version != stop.version or start > stop:
        return [], "start and stop must be of one address family with start <= stop"
    return list(ipaddress.summarize_address_range(start, stop)), None


def _overlap(a: Sequence[Network], b: Sequence[Network]) -> bool:
    return any(x.version == y.version and x.overlaps(y) for x in a for y in b)


def _reserved(cluster: Dict[str, Any]) -> List[Tuple[str, Network]]:
    """Pod and node ranges of a cluster that no LB pool may cover."""
    reserved: List[Tuple[str, Network]] = []
    for key in ("pod_cidrs", "node_cidrs"):
        reserved += [("cluster %s %s" % (cluster.get("name"), key), n) for n in map(_network, cluster.get(key) or []) if n]
    for node in cluster.get("nodes") or []:
        reserved += [("node %s pod CIDR" % node.get("name"), n) for n in map(_network, node.get("pod_cidrs") or []) if n]
        try:
            reserved.append(("node %s address" % node.get("name"), ipaddress.ip_network(ipaddress.ip_address(str(node.get("address"))))))
        except ValueError:
            pass
    return reserved


def rule_lb_pools(data: Dict[str, Any]) -> Iterator[Issue]:
    reserved = {c.get("name"): _reserved(c) for _unused, c in _items(data, "clusters")}
    # (version, first, last, order, path, tenant, label) of every well-formed pool network
    spans: List[Tuple[int, int, int, int, str, Any, Any]] = []
    for ti, tenant in _tenants(data):
        for pi, pool in enumerate(tenant.get("lb_pools") or []):
            path = _p("tenants", ti, "lb_pools", pi)
            label = pool.get("cidr") or pool.get("start")
            nets, reason = _pool_networks(pool)
            if reason:
                yield Issue("lb-pool-invalid", path, reason, {k: v for k, v in pool.items() if k != "name"},
                            "cidr: 20.0.10.0/24, or start: 20.0.10.10 and stop: 20.0.10.20")
                continue
            if any(n.version == 6 for n in nets):
                yield Issue("address-family", path, "IPv6 LB pools are not supported for evpn_community steering yet",
                            label, "an IPv4 pool")
            for what, net in reserved.get(tenant.get("cluster"), []):
                if _overlap(nets, [net]):
                    yield Issue("lb-pool-overlap", path, "pool overlaps %s %s" % (what, net), label,
                                "a range outside the cluster's pod and node addresses")
            for net in nets:
                spans.append((net.version, int(net.network_address), int(net.broadcast_address), len(spans), path,
                              tenant.get("name"), label))
    # Sweep the pools in address order: only neighbours still "open" can overlap,
    # so thousands of pools cost n log n rather than n squared.
    reported = set()
    active: List[Tuple[int, int, int, int, str, Any, Any]] = []
    for span in sorted(spans):
        active = [a for a in active if a[0] == span[0] and a[2] >= span[1]]
        for other in active:
            first, later = sorted((other, span), key=lambda s: s[3])
            if first[4] == later[4] or (later[4], first[4]) in reported:
                continue
            reported.add((later[4], first[4]))
            whose = "tenant %s" % first[5] if first[5] != later[5] else "another pool of this tenant"
            yield Issue("lb-pool-overlap", later[4], "pool overlaps %s at %s" % (whose, first[4]), later[6],
                        "a range no other pool covers")
        active.append(span)


def rule_addresses(data: Dict[str, Any]) -> Iterator[Issue]:
    """Every address / CIDR field parses, and sessions pair matching families."""
    checks: List[Tuple[str, Any, str]] = []
    for li, leaf in _items(data, "leaves"):
        if "router_id" in leaf:
            checks.append((_p("leaves", li, "router_id"), leaf["router_id"], "ipv4"))
        if "pim_ssm_range" in leaf:
            checks.append((_p("leaves", li, "pim_ssm_range"), leaf["pim_ssm_range"], "net"))
        loop = (leaf.get("transit_vrf") or {}).get("loopback")
        if loop:
            checks.append((_p("leaves", li, "transit_vrf", "loopback", "address"), loop.get("address"), "iface"))
    for pi, pe in _items(data, "pes"):
        if "router_id" in pe:
            checks.append((_p("pes", pi, "router_id"), pe["router_id"], "ipv4"))
        if "source_address" in pe:
            checks.append((_p("pes", pi, "source_address"), pe["source_address"], "ipv6"))
    for ci, cluster in _items(data, "clusters"):
        for key in ("pod_cidrs", "node_cidrs"):
            checks += [(_p("clusters", ci, key, i), v, "net") for i, v in enumerate(cluster.get(key) or [])]
        families = set()
        for ni, node in enumerate(cluster.get("nodes") or []):
            checks.append((_p("clusters", ci, "nodes", ni, "address"), node.get("address"), "ip"))
            checks += [(_p("clusters", ci, "nodes", ni, "pod_cidrs", i), v, "net") for i, v in enumerate(node.get("pod_cidrs") or [])]
            families.add(_family(node.get("address")))
        for pi, peer in enumerate(cluster.get("bgp_peers") or []):
            path = _p("clusters", ci, "bgp_peers", pi, "address")
            checks.append((path, peer.get("address"), "ip"))
            family = _family(peer.get("address"))
            if family and families - {None} and family not in families:
                yield Issue("address-family", path, "peer is IPv%d but the nodes' addresses are not" % family,
                            peer.get("address"), "a peer address of the nodes' address family")
    for ti, tenant in _tenants(data):
        for key in ("expected_prefixes", "fabric_prefixes", "destination_cidrs", "pod_cidrs"):
            checks += [(_p("tenants", ti, key, i), v, "net") for i, v in enumerate(tenant.get(key) or [])]
        for li, loop in enumerate(tenant.get("pe_loopbacks") or []):
            checks.append((_p("tenants", ti, "pe_loopbacks", li, "address"), loop.get("address"), "iface"))
    for path, value, kind in checks:
        reason = _address_problem(value, kind)
        if reason:
            yield Issue("invalid-address", path, reason, value, _ADDRESS_VALID[kind])


_ADDRESS_CHARS = re.compile(r"[0-9A-Fa-f:./]{2,64}")
_ADDRESS_VALID = {
    "ip": "an IPv4 or IPv6 address",
    "ipv4": "an IPv4 address, e.g. 192.168.1.1",
    "ipv6": "an IPv6 address, e.g. 2016:40:40:40::40",
    "net": "a prefix with host bits zero, e.g. 10.23.0.0/24",
    "iface": "an address with prefix length, e.g. 192.168.1.1/32",
}


def _family(text: Any) -> Optional[int]:
    try:
        return ipaddress.ip_address(str(text)).version
    except ValueError:
        return None


def _address_problem(value: Any, kind: str) -> Optional[str]:
    # ipaddress accepts an IPv6 scope id ("fe80::1%anything", newlines included): refuse it,
    # and anything but the characters of an address, before parsing.
    if not isinstance(value, str) or not _ADDRESS_CHARS.fullmatch(value):
        return "only hex digits, '.', ':' and '/' may appear in an address"
    try:
        if kind == "net":
            ipaddress.ip_network(str(value), strict=True)
        elif kind == "iface":
            if "/" not in str(value):
                return "a prefix length is needed"
            ipaddress.ip_interface(str(value))
        else:
            version = ipaddress.ip_address(str(value)).version
            if kind in ("ipv4", "ipv6") and "ipv%d" % version != kind:
                return "wrong address family"
    except ValueError as exc:
        return str(exc)
    return None


# ---------------------------------------------------------------- flavours, SRv6


def rule_flavour(data: Dict[str, Any]) -> Iterator[Issue]:
    clusters = {c.get("name"): c for _unused, c in _items(data, "clusters")}
    for ci, cluster in _items(data, "clusters"):
        version = parse_version(cluster.get("cilium_version", ""))
        if version is None or version < MIN_CILIUM:
            yield Issue("unsupported-version", _p("clusters", ci, "cilium_version"),
                        "BGPv2 resources need Cilium 1.16 or newer" if version else "not a Cilium version",
                        cluster.get("cilium_version"), "a version such as 1.16.15 or 1.18.2")
        if cluster.get("flavour") == "oss" and "srv6" in cluster:
            yield Issue("flavour-mismatch", _p("clusters", ci, "srv6"), "SRv6 needs Isovalent Enterprise; open-source Cilium has no SRv6",
                        cluster.get("flavour"), "flavour: isovalent, or remove srv6")
    for ti, tenant in _tenants(data, "srv6_l3vpn"):
        cluster = clusters.get(tenant.get("cluster"))
        if cluster is None:
            continue
        if cluster.get("flavour") != "isovalent":
            yield Issue("flavour-mismatch", _p("tenants", ti, "mode"),
                        "srv6_l3vpn needs an Isovalent Enterprise cluster; %s is %s" % (cluster.get("name"), cluster.get("flavour")),
                        tenant.get("mode"), "evpn_community on an oss cluster, or a cluster with flavour isovalent")
        elif "srv6" not in cluster:
            yield Issue("flavour-mismatch", _p("tenants", ti, "cluster"), "cluster %s has no srv6.locator_pool" % cluster.get("name"),
                        tenant.get("cluster"), "a cluster with srv6.locator_pool")
        families = tenant.get("address_families") or ["ipv4"]
        if "ipv6" in families:
            yield Issue("vpnv6-unsupported", _p("tenants", ti, "address_families"),
                        "VPNv6 (ipv6 in an SRv6 VRF) is not implemented by Isovalent upstream", families, "[ipv4]")
    pods: Dict[Any, str] = {}
    for ti, tenant in _tenants(data):
        if tenant.get("advertise_pod_cidr"):
            path = _p("tenants", ti, "advertise_pod_cidr")
            if tenant.get("mode", "evpn_community") == "evpn_community" and tenant.get("cluster") in pods:
                yield Issue("pod-cidr-shared", path,
                            "the node pod CIDR is shared by all tenants of cluster %s; %s already advertises it, a second "
                            "community would leak it into both VRFs" % (tenant.get("cluster"), pods[tenant.get("cluster")]),
                            True, "at most one evpn_community tenant per cluster with advertise_pod_cidr")
            elif tenant.get("mode", "evpn_community") == "evpn_community":
                pods[tenant.get("cluster")] = path


def _structure(pool: Dict[str, Any]) -> Dict[str, int]:
    defaults = {"locator_block_len_bits": 32, "locator_node_len_bits": 16, "function_len_bits": 16, "argument_len_bits": 0}
    return {**defaults, **(pool.get("structure") or {})}


def rule_srv6_locators(data: Dict[str, Any]) -> Iterator[Issue]:
    for ci, cluster in _items(data, "clusters"):
        pool = (cluster.get("srv6") or {}).get("locator_pool")
        if not pool:
            continue
        base = ("clusters", ci, "srv6", "locator_pool")
        prefix = _network(pool.get("prefix"))
        bits = pool.get("locator_len_bits")
        st = _structure(pool)
        if prefix is None or prefix.version != 6:
            yield Issue("locator-bits", _p(*base, "prefix"), "the pool prefix must be an IPv6 network", pool.get("prefix"),
                        "e.g. cafe:cafe::/32")
            continue
        if prefix.prefixlen > bits:
            yield Issue("locator-bits", _p(*base, "locator_len_bits"),
                        "locator length is shorter than the pool prefix /%d" % prefix.prefixlen, bits, ">= %d" % prefix.prefixlen)
        if st["locator_block_len_bits"] + st["locator_node_len_bits"] != bits:
            yield Issue("locator-bits", _p(*base, "structure"),
                        "locator_block_len_bits + locator_node_len_bits must equal locator_len_bits (%s)" % bits,
                        st, "e.g. 32 + 16 for a /48 locator (uSID F3216)")
        if bits + st["function_len_bits"] + st["argument_len_bits"] > 128:
            yield Issue("locator-bits", _p(*base, "structure"), "locator + function + argument bits exceed 128", st,
                        "locator_len_bits + function_len_bits + argument_len_bits <= 128")
        for ni, node in enumerate(cluster.get("nodes") or []):
            if "srv6_locator" not in node:
                continue
            path = _p("clusters", ci, "nodes", ni, "srv6_locator")
            loc = _network(node["srv6_locator"])
            if loc is None or loc.version != 6 or not loc.subnet_of(prefix):
                yield Issue("locator-outside-pool", path, "node locator is not inside the pool %s" % prefix, node["srv6_locator"],
                            "an IPv6 /%s inside %s" % (bits, prefix))
            elif loc.prefixlen != bits:
                yield Issue("locator-bits", path, "node locator length differs from the pool's locator_len_bits", node["srv6_locator"],
                            "/%s" % bits)
    for pi, pe in _items(data, "pes"):
        loc = _network((pe.get("srv6_locator") or {}).get("prefix"))
        if loc is None or loc.version != 6:
            yield Issue("locator-bits", _p("pes", pi, "srv6_locator", "prefix"), "the PE locator must be an IPv6 network",
                        (pe.get("srv6_locator") or {}).get("prefix"), "e.g. cafe:cafe:100::/48")


RULES: Tuple[Tuple[str, Rule], ...] = (
    ("names", rule_duplicate_names),
    ("references", rule_references),
    ("peering", rule_peering),
    ("unique-values", rule_unique_values),
    ("extended-values", rule_extended_values),
    ("tokens", rule_tokens),
    ("render-conflicts", rule_render_conflicts),
    ("topology", rule_topology),
    ("sequences", rule_sequences),
    ("vni-and-vrf", rule_vni_and_vrf),
    ("selectors", rule_selectors),
    ("selector-overlap", rule_selector_overlap),
    ("lb-pools", rule_lb_pools),
    ("addresses", rule_addresses),
    ("flavour", rule_flavour),
    ("srv6-locators", rule_srv6_locators),
)
