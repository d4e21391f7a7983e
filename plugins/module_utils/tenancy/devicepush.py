# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers of the device deploy (roles evpn_community_steering / srv6_l3vpn).

* ``push_plan``: the built ``resource_modules/<device>.yml`` data, module by
  module in apply order, plus the CLI text for what no module covers.
* ``drift``: what a device has in the sections this collection manages
  (tenant VRFs and what hangs off them) that the rendered config lacks, and
  the configuration that removes it (pushed only with ``tenancy_prune``).
* ``push_error``: the device, the rejected line and the reason from a failed
  push's message, for one clear error.
* ``missing_config`` / ``session_push``: the rendered lines the device lacks
  (with their parents), and the one NX-OS configuration session that applies
  them and the prune config atomically (see ``session_push``).

Configs are compared as indentation trees of whitespace-normalised lines.
"""

from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .render.iosxr_rm import PE_APPLY_ORDER
from .render.nxos_rm import CLI, LEAF_APPLY_ORDER, ROUTE_MAPS

OSES = ("nxos", "iosxr")
INDENT = {"nxos": 2, "iosxr": 1}
# Names never reported nor pruned, whatever the inventory says.
ALWAYS_UNMANAGED = ("management", "default", "mgmt")


class PushError(ValueError):
    """Bad input to a deploy helper: a clear message, never a traceback."""


def _check_os(os_name: str) -> None:
    if os_name not in OSES:
        raise PushError("unknown device OS %r (expected one of %s)" % (os_name, ", ".join(OSES)))


# --------------------------------------------------------------------------- push plan

def apply_order(os_name: str) -> Tuple[str, ...]:
    _check_os(os_name)
    return LEAF_APPLY_ORDER if os_name == "nxos" else PE_APPLY_ORDER


def push_plan(rm_data: Dict[str, Any], os_name: str) -> Dict[str, Any]:
    """``{"order": [...], "modules": {fqcn: config}, "cli": text}`` for one device.

    NX-OS: ``match extcommunity`` moves from the route-map data to the CLI
    text, because cisco.nxos.nxos_route_maps does not read that line back from
    the running config (its parser wants a space after the list name) and so
    would push it again on every run.
    """
    _check_os(os_name)
    if not isinstance(rm_data, dict):
        raise PushError("the resource-module data must be a mapping of module name to config, not %s"
                        % type(rm_data).__name__)
    order = apply_order(os_name)
    unknown = sorted(k for k in rm_data if k not in order)
    if unknown:
        raise PushError("the resource-module data names modules this deploy does not apply: %s (known: %s)"
                        % (", ".join(unknown), ", ".join(order)))
    modules = {k: copy.deepcopy(v) for k, v in rm_data.items() if k != CLI and v}
    cli = [str(x) for x in rm_data.get(CLI) or []]
    if os_name == "nxos" and ROUTE_MAPS in modules:
        cli += _move_match_extcommunity(modules[ROUTE_MAPS])
    return {"order": [m for m in order if m == CLI or m in modules],
            "modules": modules,
            "cli": "\n".join(cli) + "\n" if cli else ""}


def _move_match_extcommunity(route_maps: List[Dict[str, Any]]) -> List[str]:
    lines: List[str] = []
    for rmap in route_maps:
        for entry in rmap.get("entries") or []:
            match = entry.get("match") or {}
            ext = match.pop("extcommunity", None)
            if not ext:
                continue
            if not match:
                entry.pop("match")
            line = "match extcommunity " + " ".join(ext.get("extcommunity_list") or [])
            if ext.get("exact_match"):
                line += " exact-match"
            lines += ["route-map %s %s %s" % (rmap["route_map"], entry["action"], entry["sequence"]), "  " + line]
    return lines


# --------------------------------------------------------------------------- config trees

@dataclass
class Node:
    line: str
    children: List["Node"] = field(default_factory=list)

    def child(self, line: str) -> Optional["Node"]:
        for c in self.children:
            if c.line == line:
                return c
        return None


_IGNORED = re.compile(r"^(!|Building configuration|Current configuration|end$|version |Time:|\w{3} \w{3} +\d+ \d+:\d+)")


def parse_config(text: str) -> Node:
    """Indentation tree of a config; comments, banners and blank lines dropped."""
    root = Node("")
    stack: List[Tuple[int, Node]] = [(-1, root)]
    for raw in (text or "").replace("\r", "").split("\n"):
        if not raw.strip() or _IGNORED.match(raw.strip()):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        node = Node(" ".join(raw.split()))
        while stack[-1][0] >= indent:
            stack.pop()
        stack[-1][1].children.append(node)
        stack.append((indent, node))
    return root


# --------------------------------------------------------------------------- drift

# (header pattern, name group or None, rule): "all" = any such section on the device
# is ours to compare; "vrf-member" = interfaces only when they sit in a non-global VRF;
# "bgp" = only the router's "vrf X" blocks; "rendered" = only sections the render has too.
_SCOPES = {
    "nxos": [
        (re.compile(r"^vrf context (\S+)$"), "all"),
        (re.compile(r"^route-map (\S+) (?:permit|deny) \d+$"), "all"),
        (re.compile(r"^ip (?:ext)?community-list \S+ (\S+) "), "all"),
        (re.compile(r"^interface (\S+)$"), "vrf-member"),
        (re.compile(r"^router bgp \S+$"), "bgp"),
    ],
    "iosxr": [
        (re.compile(r"^vrf (\S+)$"), "all"),
        (re.compile(r"^route-policy (\S+)$"), "rendered"),
        (re.compile(r"^interface (\S+)$"), "vrf-member"),
        (re.compile(r"^router bgp \S+$"), "bgp"),
    ],
}
_VRF_MEMBER = {"nxos": re.compile(r"^vrf member (\S+)$"), "iosxr": re.compile(r"^vrf (\S+)$")}
_BGP_VRF = re.compile(r"^vrf (\S+)$")
# Prune order. NX-OS applies line by line: what refers to a VRF or a list goes
# before it. IOS-XR applies at commit, but the lines reach the device without
# their indentation: top-level removals go first, "router bgp" last, so that no
# top-level "no vrf X" can land inside the BGP mode.
_PRUNE_RANK = {
    "nxos": [re.compile(p) for p in (r"^router bgp", r"^interface", r"^vrf", r"^route-map",
                                     r"^ip (?:ext)?community-list")],
    "iosxr": [re.compile(p) for p in (r"^interface", r"^vrf", r"^route-policy", r"^router bgp")],
}


def _unmanaged(name: str, unmanaged: Sequence[str]) -> bool:
    if name in ALWAYS_UNMANAGED:
        return True
    return any(re.fullmatch(p, name) for p in unmanaged)


def _scope(node: Node, os_name: str) -> Tuple[Optional[str], Optional[str]]:
    for pattern, rule in _SCOPES[os_name]:
        m = pattern.match(node.line)
        if m:
            return rule, (m.group(1) if m.groups() else None)
    return None, None


def _extra(dev: Node, ren: Node, path: List[str], out: List[Dict[str, Any]]) -> None:
    """Lines under ``dev`` that ``ren`` lacks (a whole block counts once)."""
    for c in dev.children:
        r = ren.child(c.line)
        if r is None:
            out.append({"path": path + [c.line], "block": bool(c.children)})
        elif c.children:
            _extra(c, r, path + [c.line], out)


def drift(running: str, rendered: str, os_name: str, unmanaged: Sequence[str] = ()) -> Dict[str, Any]:
    """What the device has, in the sections this collection manages, that ``rendered`` lacks.

    Returns ``{"items": [{"path": [...], "block": bool}], "lines": [str], "prune": text}``;
    ``lines`` are one readable line per item, ``prune`` the config that removes them all.
    """
    _check_os(os_name)
    for what, value in (("running", running), ("rendered", rendered)):
        if not isinstance(value, str):
            raise PushError("the %s config must be text, not %s" % (what, type(value).__name__))
    for p in unmanaged:
        try:
            re.compile(p)
        except re.error as exc:
            raise PushError("tenancy_unmanaged: %r is not a regular expression: %s" % (p, exc)) from None
    dev, ren = parse_config(running), parse_config(rendered)
    items: List[Dict[str, Any]] = []
    for node in dev.children:
        rule, name = _scope(node, os_name)
        if rule is None:
            continue
        match = ren.child(node.line)
        if rule == "bgp":
            for vrf in node.children:
                m = _BGP_VRF.match(vrf.line)
                if not m or _unmanaged(m.group(1), unmanaged):
                    continue
                rvrf = match.child(vrf.line) if match else None
                if rvrf is None:
                    items.append({"path": [node.line, vrf.line], "block": True})
                else:
                    _extra(vrf, rvrf, [node.line, vrf.line], items)
            continue
        if rule == "vrf-member":
            vrfs = [m.group(1) for m in (_VRF_MEMBER[os_name].match(c.line) for c in node.children) if m]
            if not vrfs or _unmanaged(vrfs[0], unmanaged):
                continue
        elif name is not None and _unmanaged(name, unmanaged):
            continue
        if match is None:
            if rule != "rendered":
                items.append({"path": [node.line], "block": True})
        else:
            _extra(node, match, [node.line], items)
    return {"items": items, "lines": [" / ".join(i["path"]) for i in items], "prune": prune_config(items, os_name)}


def prune_config(items: List[Dict[str, Any]], os_name: str) -> str:
    """Indented config text removing the drift ``items`` (``no <line>`` under its parents)."""
    _check_os(os_name)
    step = " " * INDENT[os_name]

    def rank(item: Dict[str, Any]) -> int:
        ranks = _PRUNE_RANK[os_name]
        for n, p in enumerate(ranks):
            if p.match(item["path"][0]):
                return n
        return len(ranks)

    out: List[str] = []
    opened: List[str] = []
    for item in sorted(items, key=rank):  # stable: device order within a rank
        parents, last = item["path"][:-1], item["path"][-1]
        keep = 0
        while keep < min(len(opened), len(parents)) and opened[keep] == parents[keep]:
            keep += 1
        if os_name == "iosxr":
            out += [step * d + "!" for d in range(len(opened) - 1, keep - 1, -1)]
        opened = opened[:keep]
        for depth in range(keep, len(parents)):
            out.append(step * depth + parents[depth])
            opened.append(parents[depth])
        out.append(step * len(parents) + "no " + last)
    if os_name == "iosxr":
        out += [step * d + "!" for d in range(len(opened) - 1, -1, -1)]
    return "\n".join(out) + "\n" if out else ""


# --------------------------------------------------------------------------- atomic push

# Config-session names: NX-OS takes an alphanumeric name (dashes and underscores
# too); the name comes from a variable, so it is checked here, never trusted.
_SESSION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,62}")


def _missing(ren: Node, dev: Optional[Node], depth: int, step: str, out: List[str]) -> None:
    for c in ren.children:
        d = dev.child(c.line) if dev is not None else None
        if d is None:
            _emit(c, depth, step, out)
        elif c.children:
            sub: List[str] = []
            _missing(c, d, depth + 1, step, sub)
            if sub:
                out.append(step * depth + c.line)
                out.extend(sub)


def _emit(node: Node, depth: int, step: str, out: List[str]) -> None:
    out.append(step * depth + node.line)
    for c in node.children:
        _emit(c, depth + 1, step, out)


def missing_config(running: str, rendered: str, os_name: str) -> str:
    """The rendered lines the running config lacks, each under its parents, as indented text ("" when none).

    Pushing this text adds exactly what is missing; an empty answer is the
    post-check of a push (every rendered line is on the device) and the
    idempotence test (nothing to push, changed=false).
    """
    _check_os(os_name)
    for what, value in (("running", running), ("rendered", rendered)):
        if not isinstance(value, str):
            raise PushError("the %s config must be text, not %s" % (what, type(value).__name__))
    out: List[str] = []
    _missing(parse_config(rendered), parse_config(running), 0, " " * INDENT[os_name], out)
    return "\n".join(out) + "\n" if out else ""


def session_name(name: str) -> str:
    """A configuration-session name, checked (NX-OS takes letters, digits, '-' and '_')."""
    if not _SESSION_NAME.fullmatch(str(name)):
        raise PushError("%r cannot name an NX-OS configuration session (letters, digits, '-' and '_', "
                        "at most 63 characters)" % str(name))
    return str(name)


def session_push(prune: str, missing: str, name: str) -> Dict[str, Any]:
    """The NX-OS configuration-session commands of one push.

    ``open``: enter the session (a session left behind by a killed run is
    aborted first, then the session is entered afresh); the login stays in it
    until ``commit``, which makes it the deploy's lock on the switch.
    ``lines``: the prune lines, then the missing lines, then ``verify`` and
    ``commit``. NX-OS Session Manager collects the lines without touching the
    running config and ``commit`` applies them as one unit ("If a failure
    occurs, Cisco NX-OS reverts to the original configuration"; Cisco Nexus
    9000 NX-OS System Management Configuration Guide 10.3(x), "Configuring
    Session Manager"). A session never committed changes nothing, so a
    controller killed before ``commit`` leaves the switch at its old config.
    Both lists are empty when there is nothing to push.
    """
    name = session_name(name)
    lines = [ln for ln in (prune + missing).split("\n") if ln.strip()]
    for ln in lines:
        if not ln.isprintable():
            raise PushError("refusing to push a line with control characters: %r" % ln)
    if not lines:
        return {"name": name, "open": [], "lines": []}
    return {"name": name,
            "open": ["configure session " + name, "abort", "configure session " + name],
            "lines": lines + ["verify", "commit"]}


# --------------------------------------------------------------------------- errors

_MARKERS = ("% Invalid command", "% Invalid input", "% Incomplete command", "% Ambiguous command",
            "% Failed to commit", "% Invalid", "% ")
_PROMPT = re.compile(r"^\S*[#>]\s*$|^[\w/:.-]+\(config[^)]*\)#")


def _unrepr(text: str) -> str:
    """network_cli passes the device's answer on as ``b"..."`` (a bytes repr): undo it."""
    t = text.strip()
    if len(t) >= 3 and t[0] == "b" and t[1] in "'\"" and t[-1] == t[1]:
        try:
            value = ast.literal_eval(t)
        except (ValueError, SyntaxError):
            return text
        if isinstance(value, bytes):
            return value.decode("utf-8", "replace")
    return text


def push_error(msg: Any, device: str = "") -> Dict[str, str]:
    """``{"device", "line", "reason", "msg"}`` from a failed push's message.

    The terminal plugins raise with the device's echo: the rejected line, a
    caret under it and the ``% ...`` reason. A dropped session carries no such
    text; its reason is the message itself.
    """
    text = _unrepr(str(msg if msg is not None else "")).replace("\r", "")
    lines = text.split("\n")
    line, reason = "", ""
    for n, ln in enumerate(lines):
        s = ln.strip()
        if s.startswith("% "):
            reason = s
            prev = [x for x in lines[:n] if x.strip() and x.strip() != "^"]
            if prev:
                cand = prev[-1].strip()
                # "RP/0/RP0/CPU0:XRV(config-bgp)#frobnicate" or "Leaf01(config)# foo": strip the prompt.
                m = re.match(r"^[\w/:.-]+\(config[^)]*\)#\s*(.*)$", cand)
                line = m.group(1) if m else cand
            break
    if not reason:
        flat = " ".join(text.split())
        reason = flat[:300] if flat else "the push failed without a message"
    msg_out = "%s: the device rejected %s (%s)" % (device or "device", repr(line) if line else "the push", reason) \
        if line else "%s: the push failed: %s" % (device or "device", reason)
    return {"device": device, "line": line, "reason": reason, "msg": msg_out}
