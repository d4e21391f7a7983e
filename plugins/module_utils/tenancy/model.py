# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Validate the tenant inventory and plan it into an ``Intent``.

``validate`` returns every problem at once; ``plan`` raises
``TenancyInputError`` carrying them, or returns the fully derived intent with
all defaults made explicit.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Tuple


from .deps import missing
from .errors import Issue, TenancyInputError, format_path, sort_issues
from .intent import (
    BgpNeighbor,
    Cluster,
    ClusterPeer,
    EvpnTenant,
    Intent,
    LbPool,
    Leaf,
    LeafTenant,
    LocatorPool,
    Loopback,
    Naming,
    Node,
    Pe,
    PeVrf,
    Srv6Locator,
    Srv6Tenant,
)
from .netfacts import parse_version
from .rules import RULES
from .schema import DEFAULT_NAMING, INVENTORY_SCHEMA
from .selectors import peer_node_names
from .tokens import canonical_extended, derive_route_target, parse_asn

SEQ_STEP = 10
DEFAULT_ADVERTISEMENT_LABELS = {"advertise": "bgp"}  # the seed's label
V2_FROM = (1, 18, 0)  # cilium.io/v2 BGP and LB-IPAM kinds are served from Cilium 1.18

# Both validators are imported and built on first use: a build task that
# renders from this run's cached plan never validates, and importing
# jsonschema alone costs ~0.1 s in every ansible-playbook worker.
_VALIDATORS: List[Any] = []
_FAST_CHECKS: List[Tuple[Any, Any]] = []


def _validator() -> Any:
    if not _VALIDATORS:
        try:
            from jsonschema import Draft202012Validator
        except ImportError:
            raise missing("jsonschema") from None
        _VALIDATORS.append(Draft202012Validator(INVENTORY_SCHEMA))
    return _VALIDATORS[0]


# Schema keywords whose meaning is the same in draft-07 (what fastjsonschema
# implements) and 2020-12 (what INVENTORY_SCHEMA declares); tests keep the
# schema inside this set so the two validators cannot disagree.
SAME_IN_DRAFT7 = frozenset((
    "type", "properties", "additionalProperties", "required", "items", "pattern", "minimum", "maximum", "enum",
    "const", "minItems", "maxItems", "minLength", "maxLength", "if", "then", "else",
))
ANNOTATIONS = frozenset(("$schema", "$id", "title", "description", "default"))


def validation_keywords(schema: Any) -> Any:
    """``schema`` as the compiled check needs it: no annotations, ``const`` as a one-value ``enum``.

    Annotations would only be copied into the generated code; ``const`` is
    spelled as ``enum`` (the same rule) because fastjsonschema's short error
    messages, which keep its code and compile time at half, cannot write it.
    """
    if not isinstance(schema, dict):
        return schema
    out: Dict[str, Any] = {}
    for keyword, value in schema.items():
        if keyword in ANNOTATIONS:
            continue
        if keyword == "properties":  # its keys are property names, not keywords
            out[keyword] = {name: validation_keywords(sub) for name, sub in value.items()}
        elif keyword == "const":
            out["enum"] = [value]
        elif isinstance(value, dict) and keyword != "enum":
            out[keyword] = validation_keywords(value)
        else:
            out[keyword] = value
    return out


def _fast_check() -> Optional[Tuple[Any, Any]]:
    """A compiled yes/no check of the schema and the exception it raises, or None without fastjsonschema.

    jsonschema lists every error with its path but costs ~0.3 s on a
    1,000-tenant inventory; the compiled check answers "valid" in ~0.03 s
    (plus ~0.05 s to compile, once per process). Valid inventories, the
    common case, need no more; any other goes through jsonschema for the
    full report.
    """
    if not _FAST_CHECKS:
        try:
            import fastjsonschema
        except ImportError:  # only an accelerator: without it every check goes through jsonschema
            return None
        check = fastjsonschema.compile(validation_keywords(INVENTORY_SCHEMA), use_default=False,
                                       detailed_exceptions=False)
        _FAST_CHECKS.append((check, fastjsonschema.JsonSchemaException))
    return _FAST_CHECKS[0]


def _schema_valid_hint(error: Any) -> str:
    """What would have been valid, in words, for a schema error."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    if kind == "enum":
        return "one of " + ", ".join(map(str, error.validator_value))
    if kind == "const":
        return str(error.validator_value)
    if kind == "type":
        return "a value of type %s" % error.validator_value
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        return "known keys: " + ", ".join(allowed) if allowed else "no other keys"
    if kind == "required":
        return "the mapping must have " + ", ".join(error.validator_value)
    if kind == "pattern":
        return "text matching %s" % error.validator_value
    if kind in ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"):
        return "%s %s" % (kind, error.validator_value)
    return schema.get("description", "")


def _leaf_errors(errors: Iterable[Any]) -> Iterable[Any]:
    """Flatten if/then/else and combinator errors to the ones a person can act on."""
    for error in errors:
        if error.context:
            yield from _leaf_errors(error.context)
        else:
            yield error


def schema_issues(data: Any) -> List[Issue]:
    fast = _fast_check()
    if fast is not None:
        check, invalid = fast
        try:
            check(data)
            return []
        except invalid:
            pass  # jsonschema below names every error
    issues = []
    for error in _leaf_errors(_validator().iter_errors(data)):
        path = format_path(error.absolute_path)
        value = error.instance
        if error.validator == "required":
            value = sorted(error.instance) if isinstance(error.instance, dict) else error.instance
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set((error.schema or {}).get("properties", {}))
            value = sorted(k for k in error.instance if k not in allowed)
        issues.append(Issue("schema", path, error.message if len(error.message) < 200 else error.message[:197] + "...",
                            value, _schema_valid_hint(error)))
    return issues


def validate(data: Any) -> List[Issue]:
    """Every problem in the inventory (schema, then semantic rules), sorted."""
    issues = schema_issues(data)
    if not isinstance(data, dict):
        return sort_issues(issues)
    broken = tuple(i.path for i in issues)
    for _name, rule in RULES:
        try:
            found = list(rule(data))
        except (AttributeError, KeyError, TypeError, ValueError):
            # A rule tripping on malformed data is explained by the schema issues;
            # on schema-valid data it is a bug and must surface.
            if not issues:
                raise
            continue
        # An object with a schema error gets only that error: rules reading
        # its missing or mistyped fields would just echo it.
        issues.extend(i for i in found if not any(_within(i.path, b) for b in broken))
    return sort_issues(issues)


def _within(path: str, parent: str) -> bool:
    return path == parent or path.startswith(parent + ".") or path.startswith(parent + "[")


# ---------------------------------------------------------------- planning


def _selector(raw: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    """Normalise a label selector: drop empty parts, sort labels."""
    if not raw:
        return {}
    out: Dict[str, Any] = {}
    if raw.get("matchLabels"):
        out["matchLabels"] = dict(sorted(raw["matchLabels"].items()))
    if raw.get("matchExpressions"):
        exprs = []
        for expr in raw["matchExpressions"]:
            item: Dict[str, Any] = {"key": expr["key"], "operator": expr["operator"]}
            if expr.get("values"):
                item["values"] = list(expr["values"])
            exprs.append(item)
        out["matchExpressions"] = exprs
    return out


def api_version_for(cilium_version: str) -> str:
    version = parse_version(cilium_version) or (0, 0, 0)
    return "cilium.io/v2" if version >= V2_FROM else "cilium.io/v2alpha1"


def _asn(value: Any) -> int:
    """An ASN from the inventory (integer or asdot string, already validated) as an integer."""
    number, reason = parse_asn(value)
    if number is None:
        raise ValueError("ASN %r %s" % (value, reason))
    return number


def _peers(raw: Dict[str, Any], device_asn: Dict[str, int]) -> Tuple[ClusterPeer, ...]:
    out = []
    for p in raw["bgp_peers"]:
        selected = peer_node_names(raw, p)
        out.append(ClusterPeer(
            name=p["device"].lower(), device=p["device"], address=p["address"],
            asn=_asn(p["asn"]) if "asn" in p else device_asn[p["device"]], ebgp_multihop=p.get("ebgp_multihop"),
            nodes=tuple(n["name"] for n in raw["nodes"] if n["name"] in selected),
            node_selector=_selector(p.get("node_selector")) if "node_selector" in p else {},
            all_nodes="nodes" not in p and "node_selector" not in p,
        ))
    return tuple(out)


def _clusters(data: Dict[str, Any], device_asn: Dict[str, int]) -> Tuple[Cluster, ...]:
    out = []
    tenants = data.get("tenants") or []
    for raw in data["clusters"]:
        pool = (raw.get("srv6") or {}).get("locator_pool")
        locator_pool = None
        if pool:
            structure = {"locator_block_len_bits": 32, "locator_node_len_bits": 16, "function_len_bits": 16, "argument_len_bits": 0}
            structure.update(pool.get("structure") or {})
            locator_pool = LocatorPool(
                name=pool["name"], prefix=pool["prefix"], locator_len_bits=pool["locator_len_bits"],
                behavior_type=pool.get("behavior_type", "uSID"), **structure,
            )
        peers = _peers(raw, device_asn)
        out.append(Cluster(
            name=raw["name"],
            flavour=raw["flavour"],
            cilium_version=str(raw["cilium_version"]),
            api_version=api_version_for(raw["cilium_version"]),
            asn=_asn(raw["asn"]),
            node_selector=_selector(raw.get("node_selector")),
            peers=peers,
            nodes=tuple(
                Node(name=n["name"], address=n["address"], pod_cidrs=tuple(n.get("pod_cidrs") or ()),
                     srv6_locator=n.get("srv6_locator"), labels=dict(sorted((n.get("labels") or {}).items())),
                     peers=tuple(p.device for p in peers if n["name"] in p.nodes))
                for n in raw["nodes"]
            ),
            advertisement_labels=dict(sorted((raw.get("advertisement_labels") or DEFAULT_ADVERTISEMENT_LABELS).items())),
            locator_pool=locator_pool,
            evpn_tenants=tuple(t["name"] for t in tenants if t["mode"] == "evpn_community" and t["cluster"] == raw["name"]),
            srv6_tenants=tuple(t["name"] for t in tenants if t["mode"] == "srv6_l3vpn" and t["cluster"] == raw["name"]),
        ))
    return tuple(out)


def _peered_devices(cluster: Cluster, devices: Iterable[str]) -> Tuple[str, ...]:
    wanted = set(devices)
    return tuple(dict.fromkeys(p.device for p in cluster.peers if p.device in wanted))


def _neighbors(clusters: Tuple[Cluster, ...], device: str, update_source: Optional[str]) -> Tuple[BgpNeighbor, ...]:
    out = []
    for cluster in clusters:
        for peer in cluster.peers:
            if peer.device != device:
                continue
            for node in cluster.nodes:
                if node.name not in peer.nodes:
                    continue  # this node peers other devices (per-rack peering)
                out.append(BgpNeighbor(node=node.name, cluster=cluster.name, address=node.address, remote_as=cluster.asn,
                                       ebgp_multihop=peer.ebgp_multihop, update_source=update_source))
    return tuple(out)


def _route_target(data: Dict[str, Any], tenant: Dict[str, Any]) -> str:
    """The tenant's RT in asplain: explicit, or derived legally for the fabric ASN's size."""
    if "route_target" in tenant:
        return canonical_extended(tenant["route_target"])
    derived, why = derive_route_target(_asn(data["fabric"]["asn"]), tenant["vrf"]["l3vni"])
    if derived is None:
        raise ValueError(why)  # rule_tokens reports it as rt-not-derivable before plan() gets here
    return derived


def _evpn_tenants(data: Dict[str, Any], clusters: Dict[str, Cluster], leaf_names: Tuple[str, ...]) -> Tuple[EvpnTenant, ...]:
    out = []
    for raw in data.get("tenants") or []:
        if raw["mode"] != "evpn_community":
            continue
        vrf = raw["vrf"]
        out.append(EvpnTenant(
            name=raw["name"],
            cluster=raw["cluster"],
            community=raw["community"],
            vrf=vrf["name"],
            l3vni=vrf["l3vni"],
            route_target=_route_target(data, raw),
            lb_pools=tuple(LbPool(name=p["name"], cidr=p.get("cidr"), start=p.get("start"), stop=p.get("stop"))
                           for p in raw.get("lb_pools") or ()),
            service_selector=_selector(raw.get("service_selector")),
            service_addresses=tuple(raw.get("service_addresses") or ("LoadBalancerIP",)),
            advertise_pod_cidr=bool(raw.get("advertise_pod_cidr", False)),
            leaves=tuple(raw["leaves"] if "leaves" in raw else _peered_devices(clusters[raw["cluster"]], leaf_names)),
            fabric_prefixes=tuple(raw.get("fabric_prefixes") or ()),
            expected_prefixes=tuple(raw.get("expected_prefixes") or ()),
            import_tags=tuple(raw.get("import_tags") or ()),
        ))
    return tuple(out)


def _srv6_tenants(data: Dict[str, Any], clusters: Dict[str, Cluster], pe_names: Tuple[str, ...]) -> Tuple[Srv6Tenant, ...]:
    out = []
    for raw in data.get("tenants") or []:
        if raw["mode"] != "srv6_l3vpn":
            continue
        ns = _selector(raw.get("namespace_selector"))
        pods = _selector(raw.get("pod_selector"))
        out.append(Srv6Tenant(
            name=raw["name"],
            cluster=raw["cluster"],
            vrf=raw["vrf"]["name"],
            vrf_id=raw["vrf"]["id"],
            rd=canonical_extended(raw["rd"]),
            import_rts=tuple(canonical_extended(rt) for rt in raw["import_rts"]),
            export_rts=tuple(canonical_extended(rt) for rt in raw["export_rts"]),
            namespace_selector=ns or None,
            pod_selector=pods or None,
            destination_cidrs=tuple(raw.get("destination_cidrs") or ("0.0.0.0/0",)),
            pod_cidrs=tuple(raw.get("pod_cidrs") or ()),
            advertise_pod_cidr=bool(raw.get("advertise_pod_cidr", bool(raw.get("pod_cidrs")))),
            pes=tuple(raw["pes"] if "pes" in raw else _peered_devices(clusters[raw["cluster"]], pe_names)),
            pe_loopbacks=tuple((lo["device"], Loopback(interface=lo["interface"], address=lo["address"]))
                               for lo in raw.get("pe_loopbacks") or ()),
            expected_prefixes=tuple(raw.get("expected_prefixes") or ()),
        ))
    return tuple(out)


def _leaf_tenants(serving: Tuple[EvpnTenant, ...], naming: Naming, notation: str) -> Tuple[Tuple[LeafTenant, ...], int]:
    """The tenants' leaf records and the import map's final deny sequence."""
    leaf_tenants = []
    import_seq = SEQ_STEP
    # Sequence numbers follow tenant order in the inventory: append new tenants
    # at the end and existing sequences stay where they are. The closing deny
    # sits at a fixed sequence (naming.import_deny_seq) so it never moves either.
    for index, tenant in enumerate(serving):
        tags = tenant.import_tags
        seqs = tuple(import_seq + SEQ_STEP * i for i in range(1 + len(tags)))
        import_seq += SEQ_STEP * len(seqs)
        leaf_tenants.append(LeafTenant(
            tenant=tenant.name, vrf=tenant.vrf, l3vni=tenant.l3vni, community=tenant.community,
            route_target=canonical_extended(tenant.route_target, notation),
            community_list=naming.community_list.format(vrf=tenant.vrf, tenant=tenant.name),
            extcommunity_list=naming.extcommunity_list.format(vrf=tenant.vrf, tenant=tenant.name),
            export_seq=SEQ_STEP * (index + 1), import_seqs=seqs, import_tags=tags,
        ))
    if import_seq - SEQ_STEP >= naming.import_deny_seq:
        raise ValueError("import map sequences reach %d, past the closing deny at %d" % (import_seq - SEQ_STEP, naming.import_deny_seq))
    return tuple(leaf_tenants), naming.import_deny_seq


def _leaf(raw: Dict[str, Any], fabric_asn: int, naming: Naming, clusters: Tuple[Cluster, ...],
          serving: Tuple[EvpnTenant, ...], shared: Dict[Tuple[str, ...], Tuple[Tuple[LeafTenant, ...], int]],
          notation: str = "asplain") -> Leaf:
    transit = raw["transit_vrf"]
    loop = transit.get("loopback")
    loopback = Loopback(interface=loop["interface"], address=loop["address"]) if loop else None
    # Leaves serving the same tenants get the very same records: the renderers
    # memoise on them, so those leaves' tenant sections are derived once.
    names = tuple(t.name for t in serving)
    if names not in shared:
        shared[names] = _leaf_tenants(serving, naming, notation)
    leaf_tenants, import_seq = shared[names]
    return Leaf(
        name=raw["name"], asn=_asn(raw["asn"]) if "asn" in raw else fabric_asn, router_id=raw.get("router_id", ""),
        pim_ssm_range=raw.get("pim_ssm_range"), transit_vrf=transit["name"], transit_l3vni=transit["l3vni"],
        transit_loopback=loopback, export_map=naming.export_map, import_map=naming.import_map,
        import_deny_seq=import_seq,
        neighbors=_neighbors(clusters, raw["name"], loopback.interface if loopback else None),
        tenants=leaf_tenants, asn_notation=notation,
    )


def plan(data: Any) -> Intent:
    """Validate ``data`` and derive the intent; raises TenancyInputError."""
    issues = validate(data)
    if issues:
        raise TenancyInputError(issues)
    fabric_asn = _asn(data["fabric"]["asn"])
    notation = data["fabric"].get("asn_notation", "asplain")
    naming = Naming(**{**DEFAULT_NAMING, **(data.get("naming") or {})})
    device_asn = {d["name"]: _asn(d["asn"]) if "asn" in d else fabric_asn for d in (data.get("leaves") or []) + (data.get("pes") or [])}
    clusters = _clusters(data, device_asn)
    by_name = {c.name: c for c in clusters}
    leaf_names = tuple(d["name"] for d in data.get("leaves") or [])
    pe_names = tuple(d["name"] for d in data.get("pes") or [])
    evpn = _evpn_tenants(data, by_name, leaf_names)
    srv6 = _srv6_tenants(data, by_name, pe_names)
    serving: Dict[str, List[EvpnTenant]] = {name: [] for name in leaf_names}
    for tenant in evpn:
        for leaf_name in dict.fromkeys(tenant.leaves):
            serving.setdefault(leaf_name, []).append(tenant)
    shared: Dict[Tuple[str, ...], Tuple[Tuple[LeafTenant, ...], int]] = {}
    leaves = tuple(_leaf(raw, fabric_asn, naming, clusters, tuple(serving[raw["name"]]), shared, notation)
                   for raw in data.get("leaves") or [])
    pes = []
    for raw in data.get("pes") or []:
        loc = raw["srv6_locator"]
        pes.append(Pe(
            name=raw["name"], asn=device_asn[raw["name"]], router_id=raw.get("router_id", ""),
            update_source=raw.get("update_source"), source_address=raw.get("source_address"),
            locator=Srv6Locator(name=loc["name"], prefix=loc["prefix"], behavior=loc.get("behavior", "uSID")),
            neighbors=_neighbors(clusters, raw["name"], raw.get("update_source")),
            vrfs=tuple(
                PeVrf(tenant=t.name, vrf=t.vrf, rd=canonical_extended(t.rd, notation),
                      import_rts=tuple(canonical_extended(rt, notation) for rt in t.import_rts),
                      export_rts=tuple(canonical_extended(rt, notation) for rt in t.export_rts),
                      loopbacks=tuple(lo for dev, lo in t.pe_loopbacks if dev == raw["name"]))
                for t in srv6 if raw["name"] in t.pes
            ),
            asn_notation=notation,
        ))
    return Intent(fabric_asn=fabric_asn, naming=naming, leaves=leaves, pes=tuple(pes), clusters=clusters,
                  evpn_tenants=evpn, srv6_tenants=srv6, asn_notation=notation)
