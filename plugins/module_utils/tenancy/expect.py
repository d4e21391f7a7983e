# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every device, VRF and cluster must and must not show, from intent alone.

Nothing here reads device output: ``expectations(intent)`` lists the
captures (show commands) to take and the assertions to check on them.
``verify.py`` joins these with parsed output. Each assertion names the
finding id it raises when it does not hold (see ``verify.FINDINGS``).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field, replace
from typing import Any, Dict, List, Mapping, Optional, Tuple

from .intent import Cluster, EvpnTenant, Intent, LbPool, Leaf, Pe
from .tokens import nxos_auto_route_target

# Capture kind (parser id) -> command template. Live mode runs exactly these;
# an offline snapshot stores each output under the slug of the command.
COMMANDS: Dict[str, str] = {
    "nxos.bgp_vrf_summary": "show bgp vrf {vrf} ipv4 unicast summary",
    "nxos.bgp_evpn_vrf": "show bgp l2vpn evpn vrf {vrf}",
    "nxos.bgp_evpn_prefix": "show bgp l2vpn evpn {prefix} vrf {vrf}",
    "nxos.running_config.vrf": 'show running-config | section "vrf context {vrf}"',
    "nxos.running_config.route_map": 'show running-config | section "route-map {name}"',
    "nxos.community_list": "show ip community-list",
    "nxos.extcommunity_list": "show ip extcommunity-list",
    "iosxr.bgp_ipv6_unicast_summary": "show bgp ipv6 unicast summary",
    "iosxr.bgp_vpnv4_unicast_summary": "show bgp vpnv4 unicast summary",
    "iosxr.bgp_vpnv4_received_sids": "show bgp vpnv4 unicast received-sids",
    "iosxr.bgp_vpnv4_local_sids": "show bgp vpnv4 unicast local-sids",
    "iosxr.bgp_vpnv4_vrf": "show bgp vpnv4 unicast vrf {vrf}",
    "iosxr.route_ipv4": "show route ipv4",
    "iosxr.route_ipv6": "show route ipv6",
    "cilium.bgp_peers": "cilium bgp peers",
    "cilium.bgp_routes": "cilium bgp routes",
    "cilium.bgp_routes_advertised": "cilium bgp routes advertised {afi} {safi}",
    "kube.sidmanager": "kubectl get sidmanager -o yaml",
    "kube.services": "kubectl get services -A -o yaml",
}

# Which parser reads each capture kind (two kinds share the running-config parser).
PARSER_OF: Dict[str, str] = {kind: kind for kind in COMMANDS}
PARSER_OF["nxos.running_config.vrf"] = "nxos.running_config"
PARSER_OF["nxos.running_config.route_map"] = "nxos.running_config"
PARSER_OF["cilium.bgp_routes_advertised"] = "cilium.bgp_routes"


# Capture kinds whose command has an NX-API JSON form that parse_cli reads as the text form's shape: live
# capture asks "<command> | json" first and falls back to the text command (roles/validate, README "Live capture").
JSON_FORM = frozenset(("nxos.bgp_vrf_summary", "nxos.bgp_evpn_vrf", "nxos.bgp_evpn_prefix"))


def slug(command: str) -> str:
    """File name (without .txt) of a command's output in a snapshot."""
    return re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9.\-]", "_", command)).strip("_")


@dataclass(frozen=True)
class Capture:
    device: str  # inventory host: leaf, PE or cluster name
    platform: str  # nxos | iosxr | cilium
    kind: str  # key of COMMANDS
    command: str

    @property
    def parser(self) -> str:
        """The stable-id parser of the capture kind (``parse.parse``); reported, the verifier does not use it."""
        return PARSER_OF[self.kind]

    @property
    def cli_platform(self) -> str:
        """The platform ``parse_cli`` reads the output as: a kubectl command asks the Kubernetes API, whatever
        device (cluster) it was run for; every other command the device's own CLI."""
        return "kube" if self.command.split()[:1] == ["kubectl"] else self.platform

    @property
    def file(self) -> str:
        return slug(self.command) + ".txt"

    @property
    def json_command(self) -> str:
        """The command's NX-API JSON form, asked first live; "" when it has none (read as text only)."""
        return self.command + " | json" if self.kind in JSON_FORM else ""

    def to_dict(self) -> Dict[str, str]:
        return {"device": self.device, "platform": self.platform, "kind": self.kind, "parser": self.parser,
                "command": self.command, "file": self.file, "json_command": self.json_command}


@dataclass(frozen=True)
class Assertion:
    """One thing that must hold; ``check`` names the rule in verify.py."""

    check: str
    device: str
    capture: Capture
    text: str  # what must hold, in words (report "must see" column)
    tenant: Optional[str] = None
    vrf: Optional[str] = None
    rd: Optional[str] = None
    prefix: Optional[str] = None
    args: Dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    # further captures the check reads (e.g. the community lists a route-map refers to)
    extra: Tuple[Capture, ...] = ()

    @property
    def id(self) -> str:
        """Stable id: same intent, same ids (used as junit test names)."""
        parts = [self.device, self.vrf or self.rd or "-", self.check]
        # "sequence": two tenants on one leaf share the export/import route-map names
        for key in ("neighbor", "family", "foreign", "node", "name", "sequence"):
            if key in self.args:
                parts.append(str(self.args[key]))
        if self.prefix:
            parts.append(self.prefix)
        return "/".join(parts)


@dataclass(frozen=True)
class Observed:
    """What a cluster decides and intent leaves open, read from captures before planning the checks.

    ``services``: cluster -> its Services (parsed ``kubectl get services``), for
    tenants whose expected prefixes come from their LB-IPAM pools.
    ``locators``: cluster -> node -> locator prefixes the SIDManager holds,
    for nodes the inventory gives no locator.
    """

    services: Mapping[str, Tuple[Dict[str, Any], ...]] = field(default_factory=dict)
    locators: Mapping[str, Mapping[str, Tuple[str, ...]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Expectations:
    captures: Tuple[Capture, ...]
    assertions: Tuple[Assertion, ...]
    tenants: Tuple[str, ...]
    # (device, vrf) of every VRF the isolation matrix shows, in a stable order
    vrfs: Tuple[Tuple[str, str], ...]


# ---------------------------------------------------------------- address space


def _net(text: str) -> Optional[Any]:
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None


def _range_nets(start: str, stop: str) -> List[str]:
    try:
        first, last = ipaddress.ip_address(start), ipaddress.ip_address(stop)
        return [str(n) for n in ipaddress.summarize_address_range(first, last)]
    except (ValueError, TypeError):
        return []


def tenant_space(intent: Intent) -> Dict[str, Tuple[str, ...]]:
    """Every address block a tenant owns (prefixes, pools, pod CIDRs, VRF loopbacks)."""
    out: Dict[str, Tuple[str, ...]] = {}
    for t in intent.evpn_tenants:
        blocks = list(t.expected_prefixes) + list(t.fabric_prefixes)
        for pool in t.lb_pools:
            blocks += [pool.cidr] if pool.cidr else _range_nets(pool.start or "", pool.stop or "")
        out[t.name] = tuple(dict.fromkeys(str(_net(b)) for b in blocks if _net(b)))
    for s in intent.srv6_tenants:
        blocks = list(s.expected_prefixes) + list(s.pod_cidrs) + [lo.address for _d, lo in s.pe_loopbacks]
        out[s.name] = tuple(dict.fromkeys(str(_net(b)) for b in blocks if _net(b)))
    return out


def pool_blocks(pool: LbPool) -> Tuple[str, ...]:
    """The networks of one LB-IPAM pool: its CIDR, or its start/stop range as the fewest networks."""
    if pool.cidr:
        net = _net(pool.cidr)
        return (str(net),) if net is not None else ()
    return tuple(_range_nets(pool.start or "", pool.stop or ""))


def _in_blocks(address: str, blocks: Tuple[str, ...]) -> bool:
    try:
        addr = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(addr in net for net in (_net(b) for b in blocks) if net is not None and net.version == addr.version)


def _host_prefix(address: str) -> str:
    addr = ipaddress.ip_address(address)
    return "%s/%d" % (addr, addr.max_prefixlen)


def service_prefixes(tenant: EvpnTenant, services: Tuple[Dict[str, Any], ...]) -> Tuple[str, ...]:
    """Host prefixes a tenant's Services put on the wire: the LoadBalancer addresses LB-IPAM
    allocated inside the tenant's pools, plus those Services' cluster and external IPs when the
    tenant advertises those address kinds. Sorted, each once."""
    blocks = tuple(b for pool in tenant.lb_pools for b in pool_blocks(pool))
    out = set()
    for svc in services:
        mine = [ip for ip in svc.get("lb_ingress_ips") or [] if _in_blocks(str(ip), blocks)]
        if not mine:
            continue
        addrs = list(mine)
        if "ClusterIP" in tenant.service_addresses:
            addrs += [ip for ip in svc.get("cluster_ips") or [svc.get("cluster_ip")] if ip and ip != "None"]
        if "ExternalIP" in tenant.service_addresses:
            addrs += list(svc.get("external_ips") or [])
        for ip in addrs:
            try:
                out.add(_host_prefix(str(ip)))
            except ValueError:
                continue
    return tuple(sorted(out, key=lambda p: (ipaddress.ip_network(p).version, ipaddress.ip_network(p))))


def derives_prefixes(tenant: EvpnTenant) -> bool:
    """A tenant without expected_prefixes gets them from its pools and the cluster's Services."""
    return not tenant.expected_prefixes and bool(tenant.lb_pools)


def with_derived_prefixes(intent: Intent, observed: Observed) -> Intent:
    """*intent* whose tenants without expected_prefixes expect what they announce: an EVPN tenant its
    Services' prefixes, an SRv6 tenant its pod CIDRs (when it advertises them)."""
    tenants = tuple(replace(t, expected_prefixes=service_prefixes(t, tuple(observed.services.get(t.cluster, ()))))
                    if derives_prefixes(t) else t for t in intent.evpn_tenants)
    srv6 = tuple(replace(s, expected_prefixes=tuple(norm_prefix(p) for p in s.pod_cidrs))
                 if not s.expected_prefixes and s.advertise_pod_cidr else s for s in intent.srv6_tenants)
    return replace(intent, evpn_tenants=tenants, srv6_tenants=srv6)


def node_locators(cluster: Cluster, observed: Optional[Observed] = None) -> Dict[str, Optional[str]]:
    """node -> the locator it must hold: the inventory's; else the one the SIDManager holds
    inside the pool (the operator allocates it); else the one the operator allocates first,
    as the lab does it: nodes by name take the pool's free locator_len_bits subnets in
    order, skipping the pool's first (all-zero node bits) and those other nodes hold."""
    pool = cluster.locator_pool
    out: Dict[str, Optional[str]] = {n.name: n.srv6_locator for n in cluster.nodes}
    if pool is None:
        return out
    block = _net(pool.prefix)
    if block is None or block.version != 6 or pool.locator_len_bits < block.prefixlen:
        return out
    seen = (observed.locators.get(cluster.name, {}) if observed else {})
    taken = {_net(loc) for loc in out.values() if loc}
    for name in sorted(n for n, loc in out.items() if not loc):
        fits = [_net(p) for p in seen.get(name, ())]
        fits = [f for f in fits if f is not None and f.version == 6 and f.prefixlen == pool.locator_len_bits
                and f.subnet_of(block)]
        if fits:
            out[name] = str(fits[0])
            taken.add(fits[0])
    free = (net for net in block.subnets(new_prefix=pool.locator_len_bits)
            if net not in taken and int(net.network_address) != int(block.network_address))
    for name in sorted(n for n, loc in out.items() if not loc):
        nxt = next(free, None)
        out[name] = str(nxt) if nxt is not None else None
    return out


def within(prefix: str, blocks: Tuple[str, ...]) -> bool:
    """True when *prefix* equals or lies inside one of *blocks*."""
    net = _net(prefix)
    if net is None:
        return False
    for block in blocks:
        b = _net(block)
        if b is not None and b.version == net.version and net.subnet_of(b):
            return True
    return False


def norm_prefix(prefix: str) -> str:
    net = _net(prefix)
    return str(net) if net is not None else prefix


def _host(prefix: str) -> str:
    """NX-OS looks a host route up by its address, other prefixes as written."""
    net = _net(prefix)
    if net is not None and net.prefixlen == net.max_prefixlen:
        return str(net.network_address)
    return prefix


# ---------------------------------------------------------------- builders


class _Builder:
    def __init__(self) -> None:
        self.captures: Dict[Tuple[str, str], Capture] = {}
        self.assertions: List[Assertion] = []

    def capture(self, device: str, platform: str, kind: str, **fmt: str) -> Capture:
        cap = Capture(device, platform, kind, COMMANDS[kind].format(**fmt))
        return self.captures.setdefault((device, cap.command), cap)

    def add(self, check: str, cap: Capture, text: str, **kw: Any) -> None:
        args = kw.pop("args", {})
        self.assertions.append(Assertion(check=check, device=cap.device, capture=cap, text=text, args=args, **kw))


def _foreign(intent: Intent, space: Dict[str, Tuple[str, ...]], allowed: Tuple[str, ...]) -> List[Tuple[str, Tuple[str, ...]]]:
    """Tenants not allowed in a VRF, with their blocks minus any block an allowed tenant shares."""
    own = tuple(b for name in allowed for b in space.get(name, ()))
    out = []
    for name in [t.name for t in intent.evpn_tenants] + [t.name for t in intent.srv6_tenants]:
        if name in allowed:
            continue
        blocks = tuple(b for b in space[name] if not within(b, own))
        if blocks:
            out.append((name, blocks))
    return out


def _cluster_prefixes(tenants: Tuple[EvpnTenant, ...]) -> List[Tuple[EvpnTenant, str]]:
    return [(t, norm_prefix(p)) for t in tenants for p in t.expected_prefixes]


def _leaf(b: _Builder, intent: Intent, leaf: Leaf, space: Dict[str, Tuple[str, ...]]) -> List[Tuple[str, str]]:
    dev = leaf.name
    clusters = {n.cluster for n in leaf.neighbors}
    cluster_tenants = tuple(t for t in intent.evpn_tenants if t.cluster in clusters)
    by_name = {t.name: t for t in intent.evpn_tenants}
    summary = b.capture(dev, "nxos", "nxos.bgp_vrf_summary", vrf=leaf.transit_vrf)
    for n in leaf.neighbors:
        count = len(_cluster_prefixes(tuple(t for t in cluster_tenants if t.cluster == n.cluster)))
        b.add("session", summary, "BGP session to %s (%s) Established in VRF %s, ipv4/unicast, at least %d prefixes received"
              % (n.node, n.address, leaf.transit_vrf, count), vrf=leaf.transit_vrf,
              args={"neighbor": n.address, "node": n.node, "family": "ipv4/unicast", "min_prefixes": count,
                    "counter": "received"})

    # Transit VRF: every tenant of a peered cluster arrives here with its community.
    transit = b.capture(dev, "nxos", "nxos.bgp_evpn_vrf", vrf=leaf.transit_vrf)
    for t, prefix in _cluster_prefixes(cluster_tenants):
        b.add("prefix-present", transit, "%s of %s in transit VRF %s" % (prefix, t.name, leaf.transit_vrf),
              tenant=t.name, vrf=leaf.transit_vrf, prefix=prefix)
        detail = b.capture(dev, "nxos", "nxos.bgp_evpn_prefix", prefix=_host(prefix), vrf=leaf.transit_vrf)
        steered = dev in t.leaves
        others_c = sorted({o.community for o in intent.evpn_tenants if o.name != t.name and o.community != t.community})
        others_rt = sorted({o.route_target for o in intent.evpn_tenants if o.name != t.name and o.route_target != t.route_target})
        b.add("community", detail, "%s carries community %s%s" % (
            prefix, t.community, (" and route target %s" % t.route_target) if steered else ""),
            tenant=t.name, vrf=leaf.transit_vrf, prefix=prefix,
            args={"community": t.community, "foreign_communities": others_c,
                  "route_target": t.route_target if steered else None, "foreign_route_targets": others_rt})
    for name, blocks in _foreign(intent, space, tuple(t.name for t in cluster_tenants)):
        b.add("isolation", transit, "no route of %s in transit VRF %s" % (name, leaf.transit_vrf),
              tenant=name, vrf=leaf.transit_vrf, args={"foreign": name, "blocks": list(blocks), "owner": None})

    vrfcfg = b.capture(dev, "nxos", "nxos.running_config.vrf", vrf=leaf.transit_vrf)
    # The maps exist only where the leaf steers a tenant (the renderer writes them only then).
    maps = (leaf.export_map, leaf.import_map) if leaf.tenants else (None, None)
    b.add("vrf-config", vrfcfg, "vrf context %s: vni %d%s" % (
        leaf.transit_vrf, leaf.transit_l3vni, (", export map %s, import map %s evpn" % maps) if leaf.tenants else ""),
        vrf=leaf.transit_vrf, args={"name": leaf.transit_vrf, "vni": leaf.transit_l3vni, "export_map": maps[0],
                                    "import_map": maps[1], "advertise_vpn": False})

    vrfs = [(dev, leaf.transit_vrf)]
    if leaf.tenants or cluster_tenants:
        export = b.capture(dev, "nxos", "nxos.running_config.route_map", name=leaf.export_map)
        imp = b.capture(dev, "nxos", "nxos.running_config.route_map", name=leaf.import_map)
        clist = b.capture(dev, "nxos", "nxos.community_list")
        xlist = b.capture(dev, "nxos", "nxos.extcommunity_list")
        _config_leaks(b, intent, leaf, cluster_tenants, (export, clist), (imp, xlist))
    for lt in leaf.tenants:
        t = by_name[lt.tenant]
        vrfs.append((dev, lt.vrf))
        table = b.capture(dev, "nxos", "nxos.bgp_evpn_vrf", vrf=lt.vrf)
        for prefix in [norm_prefix(p) for p in t.expected_prefixes + t.fabric_prefixes]:
            b.add("prefix-present", table, "%s of %s in VRF %s" % (prefix, t.name, lt.vrf),
                  tenant=t.name, vrf=lt.vrf, prefix=prefix)
        for name, blocks in _foreign(intent, space, (t.name,)):
            b.add("isolation", table, "no route of %s in VRF %s of %s" % (name, lt.vrf, t.name),
                  tenant=name, vrf=lt.vrf, args={"foreign": name, "blocks": list(blocks), "owner": t.name})
        cfg = b.capture(dev, "nxos", "nxos.running_config.vrf", vrf=lt.vrf)
        foreign_rts = {rt: owner for rt, owner in _rt_owners(intent).items() if owner != t.name}
        b.add("rt-import", cfg, "vrf context %s imports no other tenant's route target" % lt.vrf, tenant=t.name,
              vrf=lt.vrf, args={"name": lt.vrf, "auto": nxos_auto_route_target(leaf.asn, lt.l3vni), "foreign_rts": foreign_rts})
        b.add("vrf-config", cfg, "vrf context %s: vni %d, import vrf advertise-vpn" % (lt.vrf, lt.l3vni),
              tenant=t.name, vrf=lt.vrf,
              args={"name": lt.vrf, "vni": lt.l3vni, "export_map": None, "import_map": None, "advertise_vpn": True})
        b.add("route-map", export, "route-map %s permit %d: match community %s, set extcommunity rt %s" % (
            leaf.export_map, lt.export_seq, lt.community_list, lt.route_target), tenant=t.name, vrf=leaf.transit_vrf,
            args={"name": leaf.export_map, "sequence": lt.export_seq, "match": ("community", lt.community_list),
                  "set": ("extcommunity rt", lt.route_target), "value_check": "rt-wrong"})
        b.add("route-map", imp, "route-map %s permit %d: match extcommunity %s, set community %s" % (
            leaf.import_map, lt.import_seqs[0], lt.extcommunity_list, lt.community), tenant=t.name,
            vrf=leaf.transit_vrf,
            args={"name": leaf.import_map, "sequence": lt.import_seqs[0], "match": ("extcommunity", lt.extcommunity_list),
                  "set": ("community", lt.community), "value_check": "community-wrong"})
        b.add("list-entry", clist, "community-list %s permits %s" % (lt.community_list, lt.community),
              tenant=t.name, args={"name": lt.community_list, "value": lt.community, "value_check": "community-wrong"})
        b.add("list-entry", xlist, "extcommunity-list %s permits RT:%s" % (lt.extcommunity_list, lt.route_target),
              tenant=t.name, args={"name": lt.extcommunity_list, "value": "RT:" + lt.route_target,
                                   "value_check": "rt-wrong"})
    return vrfs


def _rt_owners(intent: Intent) -> Dict[str, str]:
    """Route target -> the tenant that exports it (EVPN tenants' VRF RTs, SRv6 tenants' export RTs)."""
    out: Dict[str, str] = {}
    for t in intent.evpn_tenants:
        out.setdefault(t.route_target, t.name)
    for s in intent.srv6_tenants:
        for rt in s.export_rts:
            out.setdefault(rt, s.name)
    return out


def _config_leaks(b: _Builder, intent: Intent, leaf: Leaf, tenants: Tuple[EvpnTenant, ...],
                  export: Tuple[Capture, Capture], imp: Tuple[Capture, Capture]) -> None:
    """Route-map sequences that decide a tenant's routes other than intent's own sequence.

    On the export map a tenant's routes are known by their community, on the
    import map by their route target; the first sequence (lowest number)
    whose match covers that value decides, as on the device.
    """
    steered = {lt.tenant: lt for lt in leaf.tenants}
    vrf_of = {t.name: t.vrf for t in intent.evpn_tenants}
    rt_owner = {t.route_target: t.name for t in intent.evpn_tenants}
    comm_owner = {t.community: t.name for t in intent.evpn_tenants}
    owners_exp, owners_imp = [], []
    for t in tenants:
        lt = steered.get(t.name)
        owners_exp.append({"tenant": t.name, "value": t.community, "own": t.route_target,
                           "sequence": lt.export_seq if lt else None})
        if lt:
            owners_imp.append({"tenant": t.name, "value": "RT:" + t.route_target, "own": t.community,
                               "sequence": lt.import_seqs[0]})
    for (cap, lists), owners, kind, setk, owner_of in (
            (export, owners_exp, "community", "extcommunity rt", rt_owner),
            (imp, owners_imp, "extcommunity", "community", comm_owner)):
        if not owners:
            continue
        name = leaf.export_map if cap is export[0] else leaf.import_map
        b.assertions.append(Assertion(
            check="route-map-leak", device=leaf.name, capture=cap, extra=(lists,), vrf=leaf.transit_vrf,
            text="route-map %s: each tenant's routes (by %s) decided by the tenant's own sequence" % (name, kind),
            args={"name": name, "match": kind, "set": setk, "owners": owners,
                  "value_owner": {v: [o, vrf_of[o]] for v, o in sorted(owner_of.items())},
                  "deny_seq": leaf.import_deny_seq if cap is imp[0] else None}))


def _pe(b: _Builder, intent: Intent, pe: Pe, space: Dict[str, Tuple[str, ...]],
        locs: Dict[str, Dict[str, Optional[str]]]) -> List[Tuple[str, str]]:
    dev = pe.name
    by_name = {t.name: t for t in intent.srv6_tenants}
    clusters = {c.name: c for c in intent.clusters}
    tenants = [by_name[v.tenant] for v in pe.vrfs]
    v6 = b.capture(dev, "iosxr", "iosxr.bgp_ipv6_unicast_summary")
    vpn = b.capture(dev, "iosxr", "iosxr.bgp_vpnv4_unicast_summary")
    for n in pe.neighbors:
        b.add("session", v6, "ipv6/unicast session to %s (%s) Established, locator received" % (n.node, n.address),
              args={"neighbor": n.address, "node": n.node, "family": "ipv6/unicast", "min_prefixes": 1,
                    "counter": "received"})
        count = sum(len(t.expected_prefixes) for t in tenants if t.cluster == n.cluster)
        b.add("session", vpn, "ipv4/mpls_vpn session to %s (%s) Established, at least %d prefixes received"
              % (n.node, n.address, count),
              args={"neighbor": n.address, "node": n.node, "family": "ipv4/mpls_vpn", "min_prefixes": count,
                    "counter": "received"})
    rib6 = b.capture(dev, "iosxr", "iosxr.route_ipv6")
    b.add("pe-locator", rib6, "PE locator %s installed as SRv6 endpoint" % pe.locator.prefix,
          prefix=norm_prefix(pe.locator.prefix), args={"name": pe.locator.name})
    seen_nodes = set()
    for n in pe.neighbors:
        loc = locs[n.cluster].get(n.node)
        if loc and n.node not in seen_nodes:
            seen_nodes.add(n.node)
            b.add("locator-learned", rib6, "node locator %s of %s learned over BGP" % (loc, n.node),
                  prefix=norm_prefix(loc), args={"node": n.node})
    received = b.capture(dev, "iosxr", "iosxr.bgp_vpnv4_received_sids")
    local = b.capture(dev, "iosxr", "iosxr.bgp_vpnv4_local_sids")
    vrfs = []
    for v in pe.vrfs:
        t = by_name[v.tenant]
        cluster = clusters[t.cluster]
        locators = {n.address: locs[cluster.name].get(n.name) for n in cluster.nodes}
        table = b.capture(dev, "iosxr", "iosxr.bgp_vpnv4_vrf", vrf=v.vrf)
        vrfs.append((dev, v.vrf))
        for prefix in [norm_prefix(p) for p in t.expected_prefixes]:
            b.add("prefix-present", table, "%s of %s in VRF %s (RD %s)" % (prefix, t.name, v.vrf, v.rd),
                  tenant=t.name, vrf=v.vrf, rd=v.rd, prefix=prefix)
            b.add("received-sid", received, "%s received in RD %s with a SID inside the node locator" % (prefix, v.rd),
                  tenant=t.name, vrf=v.vrf, rd=v.rd, prefix=prefix,
                  args={"locators": {k: x for k, x in sorted(locators.items()) if x}})
        for lo in v.loopbacks:
            prefix = norm_prefix(lo.address)
            b.add("prefix-present", table, "loopback %s of %s in VRF %s" % (prefix, t.name, v.vrf),
                  tenant=t.name, vrf=v.vrf, rd=v.rd, prefix=prefix)
            b.add("local-sid", local, "%s has a per-vrf local SID in PE locator %s" % (prefix, pe.locator.prefix),
                  tenant=t.name, vrf=v.vrf, rd=v.rd, prefix=prefix,
                  args={"locator": pe.locator.prefix, "locator_name": pe.locator.name})
        for name, blocks in _foreign(intent, space, (t.name,)):
            b.add("isolation", table, "no route of %s in VRF %s of %s" % (name, v.vrf, t.name),
                  tenant=name, vrf=v.vrf, rd=v.rd, args={"foreign": name, "blocks": list(blocks), "owner": t.name})
    rib4 = b.capture(dev, "iosxr", "iosxr.route_ipv4")
    for name in sorted(space):
        if space[name]:
            b.add("underlay", rib4, "no route of %s in the global (underlay) table" % name, tenant=name,
                  vrf="default", args={"foreign": name, "blocks": list(space[name])})
    return vrfs


def _cluster(b: _Builder, intent: Intent, cluster: Cluster, locs: Dict[str, Optional[str]], services: bool) -> None:
    dev = cluster.name
    evpn, srv6 = intent.tenants_of(cluster.name)
    peers = b.capture(dev, "cilium", "cilium.bgp_peers")
    families = ["ipv4/unicast"] if cluster.flavour == "oss" else ["ipv6/unicast", "ipv4/mpls_vpn"]
    for node in cluster.nodes:
        for peer in cluster.peers:
            if node.name not in peer.nodes:
                continue  # per-rack peering: this node opens no session to that device
            for family in families:
                if family == "ipv4/unicast":
                    count = len(_cluster_prefixes(evpn))
                elif family == "ipv4/mpls_vpn":
                    count = sum(len(t.expected_prefixes) for t in srv6)
                else:
                    count = 1  # the node locator
                b.add("session", peers, "%s: session to %s (%s) established, %s, at least %d prefixes advertised"
                      % (node.name, peer.device, peer.address, family, count),
                      args={"neighbor": peer.address, "node": node.name, "family": family, "min_prefixes": count,
                            "counter": "advertised"})
    if evpn:
        routes = b.capture(dev, "cilium", "cilium.bgp_routes")
        adv = b.capture(dev, "cilium", "cilium.bgp_routes_advertised", afi="ipv4", safi="unicast")
        for node in cluster.nodes:
            for t, prefix in _cluster_prefixes(evpn):
                b.add("cilium-route", routes, "%s advertises %s of %s" % (node.name, prefix, t.name),
                      tenant=t.name, prefix=prefix, args={"node": node.name})
                b.add("cilium-community", adv, "%s advertises %s with community %s" % (node.name, prefix, t.community),
                      tenant=t.name, prefix=prefix, args={"node": node.name, "community": t.community})
    if srv6:
        adv = b.capture(dev, "cilium", "cilium.bgp_routes_advertised", afi="ipv4", safi="mpls_vpn")
        for node in cluster.nodes:
            for t in srv6:
                for prefix in [norm_prefix(p) for p in t.expected_prefixes]:
                    b.add("cilium-route", adv, "%s advertises %s of %s (VPNv4, RD %s)" % (node.name, prefix, t.name, t.rd),
                          tenant=t.name, prefix=prefix, rd=t.rd, args={"node": node.name})
    if services:
        b.capture(dev, "cilium", "kube.services")  # read by observe(): the tenants' LoadBalancer addresses
    if cluster.locator_pool:
        pool = cluster.locator_pool
        sidm = b.capture(dev, "cilium", "kube.sidmanager")
        for node in cluster.nodes:
            loc = locs.get(node.name)
            if node.srv6_locator:
                b.add("node-locator", sidm, "SIDManager of %s allocates locator %s from pool %s" % (
                    node.name, node.srv6_locator, pool.prefix), prefix=norm_prefix(node.srv6_locator),
                    args={"node": node.name, "pool": pool.prefix, "single_node": len(cluster.nodes) == 1})
            elif loc:
                b.add("node-locator", sidm, "SIDManager of %s allocates a /%d locator from pool %s (%s expected)" % (
                    node.name, pool.locator_len_bits, pool.prefix, loc), prefix=norm_prefix(loc),
                    args={"node": node.name, "pool": pool.prefix, "single_node": len(cluster.nodes) == 1,
                          "allocated": True, "length": pool.locator_len_bits})


def expectations(intent: Intent, observed: Optional[Observed] = None) -> Expectations:
    """All captures and assertions for *intent*, in a stable order.

    *observed* (``observe``) supplies what intent leaves to the cluster: the
    Services' LoadBalancer addresses of tenants without expected_prefixes and
    the node locators the operator allocated. Without it, those tenants expect
    no prefix yet (the Services capture is planned and reported as missing),
    and unnamed node locators are predicted as the lab allocates them.
    """
    observed = observed or Observed()
    need_services = {t.cluster for t in intent.evpn_tenants if derives_prefixes(t)}
    intent = with_derived_prefixes(intent, observed)
    locs = {c.name: node_locators(c, observed) for c in intent.clusters}
    b = _Builder()
    space = tenant_space(intent)
    vrfs: List[Tuple[str, str]] = []
    for leaf in intent.leaves:
        vrfs += _leaf(b, intent, leaf, space)
    for pe in intent.pes:
        vrfs += _pe(b, intent, pe, space, locs)
        vrfs.append((pe.name, "default"))
    for cluster in intent.clusters:
        _cluster(b, intent, cluster, locs[cluster.name], cluster.name in need_services)
    tenants = tuple(t.name for t in intent.evpn_tenants) + tuple(t.name for t in intent.srv6_tenants)
    return Expectations(captures=tuple(b.captures.values()), assertions=tuple(b.assertions), tenants=tenants,
                        vrfs=tuple(vrfs))
