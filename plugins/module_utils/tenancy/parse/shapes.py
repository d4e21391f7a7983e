# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The result shapes ``parse_cli`` returns, shared by every platform.

The parsers build plain dicts and lists (JSON-ready, Ansible-ready); these
TypedDicts name their keys so that a consumer (the verifier, a filter, a
user's code) reads one shape for a BGP summary whether it came from NX-OS
text, NX-OS ``| json`` or IOS-XR, and one route-table shape for NX-OS
``show ip route`` and IOS-XR ``show route``. Keys a platform does not print
are present with ``None``. Every result also carries ``kind``, ``status``,
``message`` and ``unparsed``.
"""

from __future__ import annotations

import sys
from typing import Any, Dict, List, Optional

if sys.version_info >= (3, 8):
    from typing import TypedDict
else:  # pragma: no cover
    TypedDict = dict  # type: ignore[misc,assignment]

KINDS = ("bgp_summary", "bgp_table", "bgp_detail", "route_table", "srv6_sids", "srv6_locators", "community_lists",
         "route_maps", "vrf_detail", "nve_vni", "running_config", "cilium_peers", "cilium_routes", "nxos_json",
         "services", "sidmanager", "lb_pools")
STATUSES = ("ok", "partial", "empty", "cli-error")


class Unparsed(TypedDict):
    line: int  # 1-based, in the text as captured
    text: str
    reason: str
    may_hold_facts: bool  # an address or prefix: losing it could hide a route or a session


class Common(TypedDict):
    kind: str  # one of KINDS
    status: str  # one of STATUSES
    message: str  # the box's words for "empty" / "cli-error"
    unparsed: List[Unparsed]


class Neighbor(TypedDict):
    neighbor: str
    version: Optional[int]
    remote_as: Optional[int]  # asplain; asdot 1.10 is 65546
    msg_rcvd: Optional[int]
    msg_sent: Optional[int]
    up_down: Optional[str]
    state: str  # "Established" when a prefix count is printed, else as printed ("Idle (Admin)", "Active")
    prefixes_received: Optional[int]


class SummaryBlock(TypedDict):
    vrf: Optional[str]
    address_family: Optional[str]
    router_id: Optional[str]
    local_as: Optional[int]
    neighbors: List[Neighbor]


class BgpSummary(Common):
    router_id: Optional[str]
    local_as: Optional[int]
    vrfs: List[SummaryBlock]


class BgpPath(TypedDict, total=False):
    vrf: Optional[str]
    address_family: Optional[str]
    rd: Optional[str]
    l3vni: Optional[int]
    route: str  # as printed (an EVPN NLRI, an RD-prefixed VPN prefix)
    prefix: Optional[str]  # the IP prefix it carries
    route_type: Optional[int]  # EVPN route type
    mac: Optional[str]
    status: str  # status codes as printed: "*>i", "*|e", "r>", "s>"
    valid: bool
    best: bool
    multipath: bool
    path_type: Optional[str]
    next_hop: Optional[str]
    neighbor: Optional[str]  # detail form: "from" address
    metric: Optional[int]
    local_pref: Optional[int]
    weight: Optional[int]
    as_path: Optional[str]
    origin: Optional[str]  # i, e, ?
    communities: List[str]
    extcommunities: List[str]
    route_targets: List[str]
    sid: Optional[str]  # SRv6 SID (received, local or from the detail's SID TLV)
    no_sid: bool  # IOS-XR printed "NO SRv6 Sid"
    internal: bool  # path type "i"
    alloc_mode: Optional[str]  # IOS-XR local-sids: per-vrf, per-ce, ...
    locator: Optional[str]  # IOS-XR local-sids: the SRv6 locator name the SID comes from
    imported_from: Optional[str]  # detail form: the route it was imported from
    large_communities: List[str]  # detail form


class BgpTable(Common):
    router_id: Optional[str]
    local_as: Optional[int]
    route_distinguishers: List[Dict[str, Any]]
    routes: List[BgpPath]  # one record per path


class BgpDetail(BgpTable):
    # Attribute lines printed outside any entry: a `| grep Community` capture keeps the lines, not the entry.
    communities: List[str]
    extcommunities: List[str]
    route_targets: List[str]  # the "RT:" extended communities, without "RT:"


class RibPath(TypedDict, total=False):
    next_hop: Optional[str]
    nexthop_vrf: Optional[str]
    interface: Optional[str]
    distance: Optional[int]
    metric: Optional[int]
    age: Optional[str]
    best: bool
    protocol: Optional[str]
    tags: List[str]
    sid: Optional[str]


class RibRoute(TypedDict, total=False):
    vrf: Optional[str]  # the table it was printed under ("vrf all" output is never merged)
    prefix: str
    protocol: Optional[str]
    code: Optional[str]
    connected: bool
    srv6: Optional[Dict[str, Optional[str]]]  # {"behavior", "flavor"} of an SRv6 endpoint
    paths: List[RibPath]


class RouteTable(Common):
    routes: List[RibRoute]


class Srv6Sid(TypedDict):
    sid: str
    behavior: Optional[str]
    context: Optional[str]
    owner: Optional[str]
    state: Optional[str]
    locator: Optional[str]
    vrf: Optional[str]


class Srv6Locator(TypedDict):
    name: str
    id: Optional[int]
    algo: Optional[int]
    prefix: str
    status: Optional[str]
    flags: Optional[str]


class CommunityEntry(TypedDict):
    sequence: Optional[int]  # None: the device printed none (ACI's "permit RT:65001:3047424")
    action: str
    values: List[str]


class CommunityList(TypedDict):
    name: str
    type: str  # standard | expanded
    entries: List[CommunityEntry]


class CiliumFamily(TypedDict):
    family: str  # "ipv4/unicast"
    afi: str
    safi: Optional[str]
    received: Optional[int]
    advertised: Optional[int]


class CiliumPeer(TypedDict, total=False):
    node: Optional[str]  # None in the agent-local (cilium-dbg) form
    local_as: Optional[int]
    peer_as: Optional[int]
    peer_address: str
    peer_port: Optional[int]
    session_state: Optional[str]
    uptime: Optional[str]
    uptime_seconds: Optional[int]
    families: List[CiliumFamily]


class CiliumRoute(TypedDict, total=False):
    node: Optional[str]
    vrouter: Optional[int]
    peer: Optional[str]
    prefix: str
    next_hop: Optional[str]
    age: Optional[str]
    age_seconds: Optional[int]
    best: Optional[bool]
    attributes: Optional[Dict[str, Any]]  # origin, as_path, next_hop, med, local_pref, communities, ...
