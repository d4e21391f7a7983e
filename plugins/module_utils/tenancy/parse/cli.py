# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``parse_cli(platform, command, text)``: the one public entry point.

The command is given as a person types it (``sh ip ro vrf all``,
``show bgp l2vpn evpn summary``, ``cilium-dbg bgp peers -o json``,
``show bgp vrf all ipv4 unicast | json``); it is expanded keyword by
keyword, and the parser is chosen from what it asks for. The result is
plain data: the shape of :mod:`.shapes` for that kind of output, plus

``status``    "ok", "partial" (some lines not understood), "empty" (the box
              answered "no such VRF", "BGP not active" ...) or "cli-error"
              (``% Invalid command`` ...)
``kind``      the shape's name (bgp_summary, bgp_table, route_table, ...)
``unparsed``  [{"line", "text", "reason", "may_hold_facts"}]; past 1,000 lines the rest are
              summed in records with ``count`` (see :func:`.partial.unparsed_count`)
``message``   the box's own words for "empty" / "cli-error"

Only :class:`ParseError` can escape (unknown platform or command, or a
structured output that is not JSON).
"""

from __future__ import annotations

import functools
import re
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

from ..gcpause import paused_gc
from . import bgp, cilium, cilium_tables, iosxr, iosxr_vrf, kube, nxos, nxos_json, nxos_json_shapes, nxos_views, routes, tables
from .annotations import strip_annotations
from .errors import ParseError
from .partial import CLI_ERROR, EMPTY_ANSWER, Unparsed, retry_without_bad_lines
from .text import is_noise, iter_clean

PLATFORMS = {
    "nxos": "nxos", "nx-os": "nxos", "cisco.nxos": "nxos", "cisco.nxos.nxos": "nxos", "nexus": "nxos", "cisco_nxos": "nxos",
    "iosxr": "iosxr", "ios-xr": "iosxr", "xr": "iosxr", "cisco.iosxr": "iosxr", "cisco.iosxr.iosxr": "iosxr", "cisco_xr": "iosxr",
    "cilium": "cilium", "isovalent": "cilium", "cilium-dbg": "cilium",
    "kubernetes": "kube", "kube": "kube", "k8s": "kube", "kubectl": "kube",
}


def platform_of(name: Any) -> Optional[str]:
    """The platform a user's name for it means, or None.

    Names come from many tools (Ansible's ``cisco.nxos.nxos``, Netmiko's ``cisco_xr``, pyATS's ``iosxr``,
    a person's ``IOS XR`` or ``nx_os``), so after the exact table, separators and a ``cisco`` prefix are
    ignored: ``cisco_ios-xr``, ``ios_xr`` and ``NX_OS`` name what they look like.
    """
    key = str(name).strip().lower()
    if key in PLATFORMS:
        return PLATFORMS[key]
    squashed = re.sub(r"[^a-z0-9]", "", key)
    if squashed.startswith("cisco"):
        squashed = squashed[len("cisco"):]
    return {"nxos": "nxos", "nxosnxos": "nxos", "nexus": "nxos", "n9k": "nxos", "nexus9000": "nxos",
            "iosxr": "iosxr", "iosxriosxr": "iosxr", "xr": "iosxr", "xrd": "iosxr", "xrv": "iosxr", "xrv9k": "iosxr",
            "cilium": "cilium", "ciliumdbg": "cilium", "isovalent": "cilium",
            "kubernetes": "kube", "kube": "kube", "k8s": "kube", "kubectl": "kube"}.get(squashed)


# Keywords in order of preference for an abbreviation ("ro" is route, not route-map).
_WORDS = ("show", "bgp", "ip", "ipv4", "ipv6", "route", "routes", "route-map", "vrf", "all", "unicast", "multicast",
          "summary", "detail", "l2vpn", "evpn", "vpnv4", "vpnv6", "segment-routing", "srv6", "sid", "locator",
          "nve", "vni", "community-list", "extcommunity-list", "running-config", "received-sids", "local-sids",
          "peers", "available", "advertised", "neighbors", "json", "interface", "instance", "table", "labeled-unicast")
# Output filters after a "|", in order of preference for an abbreviation ("i" is include, "b" begin, "e" exclude).
_PIPE_WORDS = ("include", "begin", "exclude", "section", "grep", "json", "json-pretty", "no-more", "count", "last", "head",
               "egrep", "xml")
_ARG_AFTER = {"vrf", "route-map", "community-list", "extcommunity-list", "neighbors", "instance", "locator", "interface",
              "peer", "neighbor", "vrouter", "-o", "--output", "-n", "--namespace", "exec", "grep", "include", "section", "i"}


def normalise_command(command: str) -> List[str]:
    """Command words with abbreviations expanded; arguments (VRF names, prefixes) kept as typed."""
    if not isinstance(command, str):
        raise ParseError("parse_cli", "the command must be text, got %s" % type(command).__name__)
    text = command.strip()
    m = re.match(r"^\S*[#>$]\s*(?=\S)", text)
    if m and not text.startswith(("show", "sh ", "cilium", "kubectl")):
        text = text[m.end():]  # a prompt typed along with the command
    out: List[str] = []
    prev = ""
    piped = False  # past a "|": output-filter words and their patterns, never command keywords
    for tok in text.split():
        low = tok.lower()
        if tok == "|":
            piped = True
            out.append(tok)
        elif piped and prev == "|":
            # "| b Neighbor" is "| begin Neighbor": expanding "b" to "bgp" and "Neighbor" to "neighbors" made a command
            # nobody typed (no parser for "show ip bgp summary | bgp neighbors")
            cand = [w for w in _PIPE_WORDS if w.startswith(low)] if low.isalpha() else []
            out.append(cand[0] if cand else low)
        elif piped:
            out.append(low if low == "json" else tok)
        elif prev == "vrf" and len(low) >= 3 and "detail".startswith(low):
            out.append("detail")
        elif prev in _ARG_AFTER and low not in ("all", "json"):
            out.append(tok)
        elif low in _WORDS or not low.isalpha() and "-" not in low:
            out.append(low if low in _WORDS else tok)
        else:
            cand = [w for w in _WORDS if w.startswith(low)]
            out.append(cand[0] if cand else low)
        prev = out[-1].lower()
    return out


def _is_prefix_arg(tok: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-fA-F:.]+(/\d{1,3})?|\[\d+\]:\S+", tok)) and any(c in tok for c in ".:")


Parser = Callable[[Any], Dict[str, Any]]


def _strict(fn: Callable[[str], Dict[str, Any]]) -> Parser:
    return lambda text: retry_without_bad_lines(fn, text)


def vrf_argument(words: List[str]) -> Optional[str]:
    """The single VRF a command names (``vrf RED``); None for ``vrf all`` or no VRF."""
    for i, tok in enumerate(words[:-1]):
        if tok.lower() == "vrf" and words[i + 1].lower() not in ("all", "detail", "summary"):
            return words[i + 1]
    return None


def _srv6_locator_argument(words: List[str]) -> Optional[str]:
    """The locator ``show segment-routing srv6 locator <name> sid`` names; None when the command names none."""
    for i, tok in enumerate(words[:-1]):
        if tok.lower() == "locator" and words[i + 1].lower() not in ("sid", "detail", "all", "|"):
            return words[i + 1]
    return None


def _bgp_kind(words: List[str], text: Any, unnamed_vrf: Optional[str] = None) -> Tuple[str, Parser]:
    """Summary, entry (detail) or table form: the command says which, the output confirms it.
    *unnamed_vrf*: the VRF a summary is of when the command names none (NX-OS: default), for a capture cut below its
    "BGP summary information for VRF" header ("show ip bgp summary | begin Neighbor")."""
    w = set(words)
    sample = text[:20000] if isinstance(text, str) else ""
    vrf = vrf_argument(words)
    if "summary" in w:
        if vrf is None and "vrf" not in [x.lower() for x in words]:
            vrf = unnamed_vrf
        return "bgp_summary", functools.partial(bgp.bgp_summary, default_vrf=vrf, filtered="|" in words)
    if "BGP routing table entry for" in sample:
        return "bgp_detail", functools.partial(bgp.bgp_detail, default_vrf=vrf)
    if w & {"received-sids", "local-sids"}:
        # XR's SID views are always the table, also when an "rd <rd>" argument looks like a prefix and the capture has
        # no "Network" header ("show bgp l2vpn evpn rd 10.10.20.112:2 received-sids")
        mode = "received" if "received-sids" in w else "local"
        return "bgp_table", functools.partial(bgp.bgp_table, default_vrf=vrf, sid_mode=mode)
    if "detail" in w or (any(_is_prefix_arg(t) for t in words[1:]) and "Network" not in sample):
        return "bgp_detail", functools.partial(bgp.bgp_detail, default_vrf=vrf)
    return "bgp_table", functools.partial(bgp.bgp_table, default_vrf=vrf)


def _node_configs(words: List[str]) -> Tuple[str, Parser]:
    """CiliumBGPNodeConfig objects: ``kubectl describe`` prints them as indented text, ``get -o yaml|json`` as data."""
    if "describe" in [x.lower() for x in words]:
        return "cilium_peers", kube.parse_kube_describe_bgp_node_configs
    return "cilium_peers", _strict(kube.parse_kube_bgp_node_configs)


def _route_before_bgp(words: List[str]) -> bool:
    """``route`` comes before any ``bgp`` word (``show ip route bgp``, not ``show ip bgp ... route``)."""
    low = [x.lower() for x in words]
    return "bgp" not in low or low.index("route") < low.index("bgp")


def _nxos_json_kind(words: List[str]) -> Tuple[str, Parser]:
    """NX-API JSON of a command with a shared shape reads as that shape (the text form's keys and values);
    any other JSON as the generic ``nxos_json`` kind. The command decides, as for the text form."""
    w = set(words)
    vrf = vrf_argument(words)
    if "route" in w and ("ip" in w or "ipv6" in w) and "route-map" not in w and _route_before_bgp(words):
        # "show ip route [bgp] [vrf X] | json": the routing table (filtered to one protocol or not)
        return "route_table", functools.partial(nxos_json_shapes.route_table, default_vrf=vrf or "default")
    if "bgp" in w:
        if "summary" in w:
            return "bgp_summary", functools.partial(nxos_json_shapes.bgp_summary, default_vrf=vrf)
        if "detail" in w or any(_is_prefix_arg(t) for t in words[1:]):
            return "bgp_detail", functools.partial(nxos_json_shapes.bgp_detail, default_vrf=vrf)
        if not w & {"neighbors", "nexthop-database", "process", "peer-template", "peer-session", "peer-policy"}:
            return "bgp_table", functools.partial(nxos_json_shapes.bgp_table, default_vrf=vrf)
    if "nve" in w and "vni" in w:
        return "nve_vni", nxos_json_shapes.nve_vni
    if "route-map" in w:
        # no reader maps NX-API's route-map rows yet: refused, not answered "ok" with no route-map at all
        raise ParseError("parse_cli", "no JSON parser for %s; use the text form" % " ".join(words))
    if words[1:2] == ["vrf"]:  # "show vrf [X] [detail] | json" (not "show ip arp vrf all | json")
        return "vrf_detail", nxos_json_shapes.vrf_detail
    return "nxos_json", nxos_json.nxos_json


# Cisco commands that share a reader's words but print another layout: named, so they are refused as having no parser
# rather than read by the reader their words suggest (whose every line would then be "not understood").
_OTHER_LAYOUT_WORDS = frozenset(("arp", "forwarding", "cef", "process", "l2route", "mac", "adjacency", "nexthop-database",
                                 "peer-template", "peer-session", "peer-policy", "dampening", "flap-statistics"))
_NEIGHBOR_TABLES = frozenset(("routes", "advertised-routes", "received-routes", "received-sids", "advertised"))


def _other_cisco_layout(w: Set[str]) -> str:
    """What a Cisco command prints when no reader of this module reads it ("" when one does)."""
    if w & _OTHER_LAYOUT_WORDS:
        return "its own layout"
    if "neighbors" in w and "bgp" in w and not w & _NEIGHBOR_TABLES:
        return "the BGP neighbor detail (ask 'summary' for the sessions)"
    if "nve" in w and "peers" in w:
        return "the NVE peer table"
    if "summary" in w and "route" in w and "bgp" not in w:
        return "the routing table summary (counts, no routes)"
    return ""


# What may follow the "[" that opens a JSON array: a value or the closing bracket. A shell prompt such as
# "[root@master ~]# cilium bgp peers" also starts with "[" and is not JSON.
_JSON_ARRAY_START = re.compile(r"\[\s*(?:[\[{\]\"\-0-9]|(?:true|false|null)\s*[,\]])")


def _opens_json(text: str) -> bool:
    """The capture starts like a JSON document (an object, or an array of values)."""
    head = text[:4096].lstrip()
    return head[:1] == "{" or _JSON_ARRAY_START.match(head) is not None


def _asks_yaml(words: List[str]) -> bool:
    """``-o yaml`` / ``--output yaml`` / ``-oyaml``: the CLI prints the data, not its table."""
    low = [x.lower() for x in words]
    return "-oyaml" in low or "--output=yaml" in low or "yaml" in low and ("-o" in low or "--output" in low)


def _choose(platform: str, words: List[str], text: Any) -> Tuple[str, Parser]:
    w = set(words)
    as_json = "json" in w or "-o" in words and "json" in words or (isinstance(text, str) and _opens_json(text))
    if isinstance(text, (dict, list)):
        as_json = True
    # (any JSON document is read by the generic NX-API reader, so only text is refused)
    if platform == "iosxr" and "bgp" in w and "brief" in w and w & {"neighbors", "neighbor"} and not w & _NEIGHBOR_TABLES:
        # XR's session table (address, AS, description, age, state), not the neighbour detail
        return "bgp_summary", functools.partial(iosxr.iosxr_bgp_neighbors_brief, default_vrf=vrf_argument(words))
    other = _other_cisco_layout(w) if platform in ("nxos", "iosxr") and not as_json and "running-config" not in w else ""
    if other:
        raise ParseError("parse_cli", "no parser for %s command %r: it prints %s" % (platform, " ".join(words), other))
    if platform == "nxos":
        if as_json:
            if "community-list" in w or "extcommunity-list" in w:
                raise ParseError("parse_cli", "no JSON parser for %s; use the text form" % " ".join(words))
            return _nxos_json_kind(words)
        if "running-config" in w:  # "show run bgp" is configuration, not a BGP table
            return "running_config", _strict(nxos.parse_nxos_running_config)
        if "route" in w and ("ip" in w or "ipv6" in w) and _route_before_bgp(words):
            # "show ip route bgp [vrf X]": the routing table filtered to one protocol, not a BGP table
            return "route_table", functools.partial(routes.nxos_route_table, default_vrf=vrf_argument(words) or "default")
        if "bgp" in w:
            return _bgp_kind(words, text, unnamed_vrf="default")
        if "nve" in w:
            return "nve_vni", nxos_views.nxos_nve_vni
        if "route-map" in w:
            return "route_maps", nxos_views.nxos_route_map
        if "extcommunity-list" in w:
            return "community_lists", _strict(nxos.parse_nxos_extcommunity_list)
        if "community-list" in w:
            return "community_lists", _strict(nxos.parse_nxos_community_list)
        if "vrf" in w:
            return "vrf_detail", nxos_views.nxos_vrf_detail
    elif platform == "iosxr":
        if "segment-routing" in w or "srv6" in w:
            if "sid" in w:
                return "srv6_sids", functools.partial(tables.srv6_sids, locator=_srv6_locator_argument(words))
            return "srv6_locators", tables.srv6_locators
        if "running-config" in w:  # "show running-config router bgp" is configuration, not a BGP table
            return "running_config", _strict(iosxr.parse_iosxr_run_interface)
        if "route" in w and _route_before_bgp(words):
            # "show route [vrf X] [ipv4] bgp": the routing table filtered to one protocol, not a BGP table
            return "route_table", functools.partial(routes.iosxr_route_table, default_vrf=vrf_argument(words) or "default")
        if "bgp" in w:
            return _bgp_kind(words, text)
        if "vrf" in w and "detail" in w:
            return "vrf_detail", iosxr_vrf.iosxr_vrf_detail
        if [x.lower() for x in words[1:2]] == ["vrf"]:  # "show vrf [all|<name>]": the table of VRFs, RDs and RTs
            return "vrf_detail", iosxr_vrf.iosxr_vrf_table
    elif platform == "cilium":
        joined = " ".join(words)
        if "ciliumbgpnodeconfig" in joined.lower():  # the agent's peering state read through the API (kubectl)
            return _node_configs(words)
        if "bpf" in w and "srv6" in w:  # Isovalent SRv6 L3VPN: the agent's eBPF maps
            if "sid" in w:
                return "srv6_sids", cilium_tables.cilium_bpf_srv6_sids
            if "policy" in w:
                return "route_table", cilium_tables.cilium_bpf_srv6_policy
        # routes before peers: "cilium bgp routes advertised ipv4 unicast peer 10.0.0.1" names a peer
        if "route-policies" in w or "bgp/route-policies" in joined:  # before "routes": the policies, in the route-map shape
            if as_json or _asks_yaml(words):
                raise ParseError("parse_cli", "no parser for %r: use its table form (without -o)" % " ".join(words))
            return "route_maps", cilium_tables.cilium_route_policies
        # -o yaml prints the -o json data (field names run together): the same reader
        if "routes" in w or "bgp/routes" in joined:
            if as_json or _asks_yaml(words):
                return "cilium_routes", _strict(cilium.parse_cilium_bgp_routes_json)
            return "cilium_routes", cilium_tables.cilium_routes
        if "peers" in w or "bgp/peers" in joined:
            if as_json or _asks_yaml(words):
                return "cilium_peers", _strict(cilium.parse_cilium_bgp_peers_json)
            return "cilium_peers", cilium_tables.cilium_peers
        if words[:1] and words[0].lower() in ("get", "describe"):
            # Cilium's and Isovalent's objects read with kubectl (sidmanager, LB IP pools) captured on the Cilium side
            try:
                return _choose("kube", words, text)
            except ParseError:
                pass  # the error below names the platform asked for
    elif platform == "kube":
        joined = " ".join(words).lower()
        if "ciliumbgpnodeconfig" in joined:
            return _node_configs(words)
        if "sidmanager" in joined:
            return "sidmanager", _strict(kube.parse_kube_sidmanager)
        if "srv6egresspolic" in joined:  # Isovalent's SRv6 L3VPN forwarding entries, one object per destination set
            return "route_table", _strict(kube.parse_kube_srv6_egress_policies)
        if "ippool" in joined or "loadbalancerippool" in joined:
            return "lb_pools", _strict(kube.parse_kube_lb_pools)
        if re.search(r"\b(svc|service|services)\b", joined):
            if as_json or "yaml" in joined:
                return "services", _strict(kube.parse_kube_services)
            return "services", _strict(kube.parse_kube_services_table)
    raise ParseError("parse_cli", "no parser for %s command %r" % (platform, " ".join(words)))


def _typed_answer(text: Any) -> Optional[Tuple[str, str]]:
    """("cli-error" | "empty", message) when the whole output is the box saying so."""
    if not isinstance(text, str):
        return None
    lines: List[str] = []
    for ln in iter_clean(text, "parse_cli"):
        lines.append(ln.text)
        if len(lines) > 6:
            return None  # a real table: the box did not just answer with an error
    if not lines:
        return "empty", ""
    if len(lines) <= 6 and all(CLI_ERROR.fullmatch(t) or EMPTY_ANSWER.fullmatch(t) for t in lines):
        errs = [t for t in lines if CLI_ERROR.fullmatch(t) and t.strip() != "^"]
        if errs:
            return "cli-error", " ".join(errs)
        return "empty", " ".join(lines)
    return None


def parse_cli(platform: str, command: str, text: Any) -> Dict[str, Any]:
    """Parse *text*, the output of *command* on *platform*, into plain data (see the module docstring)."""
    # A 10 MB output becomes hundreds of thousands of small, cycle-free dicts and lists; with the cyclic
    # collector on, each of its passes walks all of them again (half the parse time). Reference counting frees them.
    with paused_gc():
        try:
            return _parse_cli(platform, command, text)
        except ParseError:
            raise
        except _READER_SLIPS as exc:
            # The contract is "a result or ParseError": a reader that met a value it did not foresee (a digit
            # str.isdigit accepts but int() does not, a JSON field of another type) must not put a traceback in
            # front of the person running the check. Its own bug is named, so it can be reported and fixed.
            raise ParseError("parse_cli", "the %s reader of %r could not read this output (%s: %s); please report it with the output"
                             % (platform, command if isinstance(command, str) else type(command).__name__,
                                type(exc).__name__, str(exc)[:200])) from None


# What a reader's own oversight raises on an input it did not foresee (never a device's answer as such).
_READER_SLIPS = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError, UnicodeError,
                 ZeroDivisionError)


# A device prompt that echoes a show command typed later in the same capture ("leaf-1# sh bgp l2vpn evpn summary" under
# the table of "sh bgp l2vpn evpn"), at column 0. Anchored words, no nested quantifiers: linear.
_LATER_SHOW = re.compile(r"(?:RP/\d+/[^/\s]+/CPU\d+:)?[A-Za-z0-9][\w.\-()/:]*[#>]\s*((?:show|sh|sho)\s+\S.*)")


def _split_other_command(plat: str, text: str, words: List[str]) -> Tuple[str, int, List[str]]:
    """(head, first line number of the tail, tail lines): the tail starts at a prompt echoing a show command of another
    kind (a summary under a table; the same table with other arguments, "show nve vni 5000 detail", is not cut).

    People paste a session, not one answer: the table asked for, then "host# sh bgp l2vpn evpn summary" and its rows.
    The prompt is dropped as noise, so without this cut the next command's rows were read as more of the first table
    (a summary row "3.3.3.3  4 4200000022" became a path with next hop 3.3.3.3). The tail is reported, not read.
    """
    asked: Any = False  # the asked kind, looked up at the first later prompt only
    lines = text.split("\n")
    seen_data = False
    for i, raw in enumerate(lines):
        if seen_data and "#" not in raw and ">" not in raw:
            continue  # most lines of a 10 MB table: no prompt mark, nothing to test
        stripped = raw.strip()
        if not stripped:
            continue
        m = _LATER_SHOW.fullmatch(stripped) if raw[:1] not in (" ", "\t") else None
        if m is None:
            seen_data = seen_data or not is_noise(stripped)
            continue
        if seen_data:
            asked = _kind_of(plat, words) if asked is False else asked
            if _kind_of(plat, normalise_command(m.group(1))) != asked:
                return "\n".join(lines[:i]), i + 1, lines[i:]
    return text, 0, []


def _kind_of(plat: str, words: List[str]) -> Optional[str]:
    """The kind of output *words* ask for, None for a command no reader takes ("sh nve peers")."""
    try:
        return _choose(plat, words[:words.index("|")] if "|" in words else words, "")[0]
    except ParseError:
        return None


def _parse_cli(platform: str, command: str, text: Any) -> Dict[str, Any]:
    plat = platform_of(platform)
    if plat is None:
        raise ParseError("parse_cli", "unknown platform %r; known: %s" % (platform, ", ".join(sorted(set(PLATFORMS.values())))))
    words = normalise_command(command)
    if words[:1] == ["kubectl"] and plat != "kube":
        words = words[1:]
    if isinstance(text, (list, tuple)) and all(isinstance(x, str) for x in text):
        text = "\n".join(text)  # lines (stdout_lines): joined before the choice, or they would read as JSON
    if isinstance(text, str) and text.lstrip()[:1] not in ("{", "["):
        text = strip_annotations(text)  # a lab guide's diff markers and "<--" remarks
    kind, fn = _choose(plat, words, text)
    if not isinstance(text, (str, dict, list)):
        raise ParseError("parse_cli", "expected the command output as text, got %s" % type(text).__name__)
    answer = _typed_answer(text)
    if answer is not None:
        status, message = answer
        try:
            empty = fn("")
        except ParseError:
            empty = {}
        empty.update({"kind": kind, "status": status, "message": message, "unparsed": []})
        return empty
    tail_from, tail = 0, []
    if plat in ("nxos", "iosxr") and isinstance(text, str) and text.lstrip()[:1] not in ("{", "["):
        text, tail_from, tail = _split_other_command(plat, text, words)
    res = dict(fn(text))
    res.setdefault("unparsed", [])
    if tail:
        other = Unparsed()
        for no, raw in enumerate(tail, tail_from):
            if raw.strip():
                other.add_raw(no, raw.rstrip("\r"), "output of another command (%s)" % tail[0].strip()[:80])
        res["unparsed"] = list(res["unparsed"]) + other.export()
    res["kind"] = kind
    # A structured answer with no table at all (NX-API JSON without a VRF row) says "empty" itself.
    res["status"] = "empty" if res.get("status") == "empty" else "partial" if res["unparsed"] else "ok"
    res.setdefault("message", "")
    return res
