# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NX-OS leaf twin: exec and configuration CLI as ``cisco.nxos`` drives it.

Configuration lines apply to the running config at once (NX-OS has no
candidate); ``checkpoint`` / ``rollback running-config checkpoint`` restore
a saved copy atomically.  Prompts, banners and error lines are NX-OS's, so
``cisco.nxos``'s terminal plugin sees a rejected line as it would on a switch.
"""

from __future__ import annotations

import time
from typing import Callable, Dict, List, Optional

from . import nxos_cp, nxos_session, nxos_show
from .device import CliError, Device, Session, command, ctime
from .grammar import Match, Node, Rule, make_rules
from .nxos_grammar import MODES, canonical_interface

VERSION = "10.3(3)"
PLATFORM = "N9K-C9300v"


class NxosDevice(Device):
    os_name = "nxos"
    step = "  "
    closer = False
    modes = MODES

    def __init__(self, name: str, feed=None, clock: Callable[[], float] = time.time, baseline: str = "",
                 fabric_prefixes: Optional[Dict[str, List[str]]] = None, serial: str = "9LABTWIN001"):
        self.vrf_ids: Dict[str, int] = {"default": 1, "management": 2}
        self.fabric_prefixes = fabric_prefixes or {}
        self.checkpoints: Dict[str, tuple] = {}
        self.startup: Optional[str] = None
        self.serial = serial
        self.rmac = "5254.%04x.%04x" % (sum(map(ord, name)) & 0xFFFF, len(name))
        super().__init__(name, feed, clock, baseline)

    def vrf_id(self, name: str) -> int:
        # NX-OS numbers VRFs as they are created; the ID (and so "rd auto") then stays.
        if name not in self.vrf_ids:
            self.vrf_ids[name] = max(self.vrf_ids.values()) + 1
        return self.vrf_ids[name]

    def note_vrfs(self) -> None:
        for c in self.running.children:
            if c.line.startswith("vrf context "):
                self.vrf_id(c.line.split()[2])

    def load_text(self, text: str) -> None:
        super().load_text(text)
        self.note_vrfs()

    # ------------------------------------------------ platform rules

    def enabled(self, rule: Rule, root: Node) -> bool:
        # NX-OS loads a feature's commands into the parser only once the feature is on
        # ("router bgp" without "feature bgp" is an invalid command) [NX-OS Unicast Routing
        # Configuration Guide, "Enabling the BGP Feature"; VXLAN guide, "nv overlay evpn"].
        need = rule.requires
        if need is None:
            return True
        if need.startswith("feature:"):
            return any(c.line == "feature " + need[8:] for c in root.children)
        return any(c.line == need for c in root.children)

    def line_allowed(self, line: str, root: Node) -> bool:
        """Interface types that exist only with their feature: SVIs (interface-vlan), nve (nv overlay)
        [NX-OS Interfaces Configuration Guide, "Configuring VLAN Interfaces"; VXLAN guide]."""
        for prefix, feature in (("interface Vlan", "interface-vlan"), ("interface nve", "nv overlay")):
            if line.startswith(prefix) and not any(c.line == "feature " + feature for c in root.children):
                return False
        return True

    def join_words(self, toks: List[str]) -> List[str]:
        # "interface loopback 7" / "interface ethernet 1/1": NX-OS takes the number as its own word.
        if len(toks) == 3 and len(toks[0]) >= 3 and "interface".startswith(toks[0]) and toks[2][:1].isdigit() \
                and toks[1][:1].isalpha():
            return [toks[0], toks[1] + toks[2]]
        return toks

    def check_line(self, session: "Session", level: int, match: Match, negate: bool) -> None:
        toks = match.tokens
        root = session.config_root()
        if negate:
            return
        if level == 0 and not self.line_allowed(match.line, root):
            raise session.marker(match.line, 1, "command")
        parent = session.stack[level][1].line
        in_vrf = any(mode == "router-vrf" for mode, _node in session.stack[:level + 1])
        if not _af_allows(parent, toks, in_vrf):
            raise session.marker(match.line, 0, "command")
        if level == 0 and toks[:2] == ["router", "bgp"]:
            # One BGP process per switch: another AS is refused, not a renumbering; so is the same
            # AS in the other notation (asplain vs asdot). The text is a real N7K's, quoted in
            # cisco/cisco-network-node-utils pull request 207: "bgp is already running; tag is 1.4."
            have = next((c for c in root.children if c.line.startswith("router bgp ")), None)
            if have is not None and have.line.split()[2] != toks[2]:
                raise CliError("bgp is already running; tag is %s.\n" % have.line.split()[2])
        if level == 0 and toks[0] in ("ip", "ipv6") and toks[1] == "prefix-list" and toks[3] == "seq":
            # len < ge <= le <= max [NX-OS Unicast Routing Command Reference, "ip prefix-list":
            # "ge ... must be greater than the prefix length; le ... greater than or equal to ge"].
            length = int(toks[6].split("/")[1])
            ge = int(toks[toks.index("ge") + 1]) if "ge" in toks else None
            le = int(toks[toks.index("le") + 1]) if "le" in toks else None
            if (ge is not None and ge <= length) or (le is not None and le < max(length, ge or 0)):
                raise CliError("%% Invalid prefix range for %s, make sure: len < ge-value <= le-value\n" % toks[6])
        if level == 0 and toks[0] == "vlan" and 3968 <= int(toks[1]) <= 4094:
            # VLANs 3968-4094 are reserved for internal use [NX-OS Layer 2 Switching
            # Configuration Guide, "Configuring VLANs", Guidelines and Limitations].
            raise CliError("%% VLAN %s is in the reserved range 3968-4094 and cannot be configured\n" % toks[1])

    def after_change(self, session: "Session", op) -> None:
        # "no feature bgp" removes the feature's configuration with it (NX-OS warns and
        # deletes "router bgp ..."); so does "no nv overlay evpn" for the EVPN families.
        if op.negate:
            root = session.config_root()
            _prune(root, lambda c: (c.rule is None or self.enabled(c.rule, root)) and self.line_allowed(c.line, root))

    def session(self, user: str = "admin") -> "NxosSession":
        return NxosSession(self, user)

    def state(self) -> nxos_cp.NxState:
        with self.lock:
            return nxos_cp.compute(self)

    def running_text(self, root: Optional[Node] = None) -> str:
        now = self.clock()
        head = ["!Command: show running-config",
                "!Running configuration last done at: %s" % ctime(self.config_changed_at),
                "!Time: %s" % ctime(now), "", "version %s Bios:version" % VERSION]
        return "\n".join(head + self.config_lines(root)) + "\n"


# Commands that exist only in some BGP address families [NX-OS Unicast Routing Configuration
# Guide, "Configuring Basic BGP"; VXLAN guide]: EVPN-only ones, VRF-only ones, and the
# families a VRF neighbour can have (no l2vpn evpn / vpnv4 inside a VRF).
EVPN_ONLY = {"advertise-pip", "rewrite-evpn-rt-asn"}
VPN_AFS = ("address-family l2vpn evpn", "address-family vpnv4 unicast", "address-family vpnv6 unicast")


def _af_allows(parent: str, toks: List[str], in_vrf: bool) -> bool:
    head = toks[0]
    if head in EVPN_ONLY and parent != "address-family l2vpn evpn":
        return False
    if toks[:2] == ["retain", "route-target"] and parent not in VPN_AFS:
        return False
    if toks[:3] == ["advertise", "l2vpn", "evpn"] and not (in_vrf and parent.startswith("address-family ipv")):
        return False
    if head in ("network", "redistribute", "aggregate-address") and parent in VPN_AFS:
        return False
    if in_vrf and " ".join(toks[:3]) in VPN_AFS:
        return False
    return True


def _prune(node: Node, keep) -> None:
    node.children = [c for c in node.children if keep(c)]
    for c in node.children:
        _prune(c, keep)


EXEC = make_rules([
    command("terminal (length|width) <NUM>", "noop"),
    command("terminal ...", "noop"),
    *nxos_session.COMMANDS,  # configure session / show configuration session (nxos_session.py)
    command("configure [terminal]", "configure"),
    command("show version", "show_version"),
    command("show inventory", "show_inventory"),
    command("show hostname", "show_hostname"),
    command("show privilege", "show_privilege"),
    command("show user-account [<WORD>]", "show_user"),
    command("show clock", "show_clock"),
    command("show running-config [all]", "show_run"),
    command("show running-config bgp", "show_run_bgp"),
    command("show running-config route-map [<WORD>]", "show_run_rm"),
    command("show running-config vrf <WORD>", "show_run_vrf"),
    command("show running-config interface <WORD>", "show_run_if"),
    command("show startup-config", "show_startup"),
    command("show bgp vrf <WORD> ipv4 unicast summary", "bgp_summary"),
    command("show ip bgp summary vrf <WORD>", "bgp_summary_alt"),
    command("show bgp vrf <WORD> ipv4 unicast", "bgp_vrf_table"),
    command("show bgp l2vpn evpn vrf <WORD>", "evpn_vrf"),
    command("show bgp l2vpn evpn <IP> vrf <WORD>", "evpn_prefix"),
    command("show bgp l2vpn evpn <PFX4> vrf <WORD>", "evpn_prefix"),
    command("show ip community-list [<WORD>]", "comm_list"),
    command("show ip extcommunity-list [<WORD>]", "extcomm_list"),
    command("show route-map [<WORD>]", "route_map"),
    command("show vrf", "show_vrf"),
    command("show checkpoint summary", "checkpoint_summary"),
    command("checkpoint <WORD>", "checkpoint"),
    command("no checkpoint <WORD>", "no_checkpoint"),
    command("rollback running-config checkpoint <WORD> [(atomic|best-effort|stop-at-first-failure)] [verbose]",
            "rollback"),
    command("copy running-config startup-config", "copy_run_start"),
    command("exit", "exit"),
    command("end", "noop"),
])

JSON_OK = {"bgp_summary", "bgp_summary_alt", "bgp_vrf_table", "evpn_vrf", "evpn_prefix", "show_version"}


class NxosSession(Session):
    dev: NxosDevice
    commands = EXEC
    show_words = ("show", "sh", "sho")
    filter_incomplete = True
    cfg_session = None  # the configuration session this login is in (nxos_session.py)
    do_configure_session = nxos_session.do_configure_session
    do_config_session_summary = nxos_session.do_config_session_summary
    do_config_session_show = nxos_session.do_config_session_show
    on_close = nxos_session.release

    def prompt(self) -> str:
        if self.cfg_session is not None and self.stack:
            return "%s(%s)# " % (self.dev.name, nxos_session.prompt_suffix(self))
        return self.mode_prompt(self.dev.name, " ")

    def marker(self, line: str, pos: int, fail_kind: str) -> CliError:
        col = len(self.prompt()) + self.token_offset(line, pos)
        if fail_kind == "incomplete":
            msg = "% Incomplete command at '^' marker."
        elif fail_kind == "ambiguous":
            msg = "% Ambiguous command at '^' marker."
        else:
            msg = "%% Invalid %s at '^' marker." % fail_kind
        return CliError(" " * col + "^\n" + msg + "\n")

    def dispatch(self, line: str, toks: List[str], filters: List[List[str]]) -> str:
        if self.cfg_session is not None and self.stack:
            return nxos_session.dispatch(self, line, toks, filters)
        if not self.stack:
            return self.exec(line, toks, filters)
        if toks == ["end"]:
            self.leave_config()
            return ""
        if toks == ["exit"]:
            self.exit_mode()
            return ""
        out = self.exec_in_config(line, toks, filters)
        if out is not None:
            return out
        toks = self._auto_seq(toks)
        with self.dev.lock:
            self.config_line(line, toks)
            self.dev.config_changed_at = self.dev.clock()
            self.dev.note_vrfs()
        return ""

    # Lists whose entries NX-OS numbers itself when "seq" is left out: the next multiple
    # of 5 above the list's last entry [NX-OS Unicast Routing Command Reference,
    # "ip prefix-list", "ip community-list": "seq ... If you omit it, ... increments of 5"].
    SEQ_LISTS = {("ip", "prefix-list"): 3, ("ipv6", "prefix-list"): 3, ("ip", "community-list"): 4,
                 ("ip", "extcommunity-list"): 4, ("ip", "as-path"): 4}

    def _auto_seq(self, toks: List[str]) -> List[str]:
        at = self.SEQ_LISTS.get(tuple(toks[:2]))
        if at is None or len(self.stack) != 1 or len(toks) <= at or toks[at] not in ("permit", "deny"):
            return toks
        head = " ".join(toks[:at]) + " seq "
        seqs = [int(c.line[len(head):].split()[0]) for c in self.dev.running.children if c.line.startswith(head)]
        return toks[:at] + ["seq", str((max(seqs) // 5 + 1) * 5 if seqs else 5)] + toks[at:]

    def run(self, line: str, m: Match, filters: List[List[str]]) -> str:
        # "| json" (first filter only) switches the commands that have a JSON form.
        as_json = None
        if filters and filters[0] and filters[0][0] in ("json", "json-pretty"):
            if m.rule.handler not in JSON_OK:  # type: ignore[attr-defined]
                raise self.marker(line, len(line.split("|")[0].split()) + 1, "command")
            as_json = filters[0][0]
            filters = filters[1:]
        handler = getattr(self, "do_" + m.rule.handler)  # type: ignore[attr-defined]
        try:
            out = handler(m.tokens, as_json) if m.rule.handler in JSON_OK else handler(m.tokens)
        except nxos_show.ShowError as err:
            return str(err) + "\n"
        return self.pipe(line, out, filters)

    # ---------------------------------------------------------------- commands

    def do_configure(self, t):
        self.enter_config(self.dev.running)
        return "Enter configuration commands, one per line. End with CNTL/Z.\n"

    def do_show_version(self, t, as_json=None):
        d = self.dev
        days, hours, minutes, seconds = d.uptime_parts()
        if as_json:
            return nxos_show.dump({"host_name": d.name, "nxos_ver_str": VERSION, "chassis_id": "Nexus9000 C9300v Chassis",
                                   "proc_board_id": d.serial, "kern_uptm_days": days, "kern_uptm_hrs": hours,
                                   "kern_uptm_mins": minutes, "kern_uptm_secs": seconds}, as_json == "json-pretty")
        return "\n".join([
            "Cisco Nexus Operating System (NX-OS) Software",
            "TAC support: http://www.cisco.com/tac",
            "Copyright (C) 2002-2023, Cisco and/or its affiliates.",
            "All rights reserved.",
            "",
            "Software",
            "  BIOS: version ",
            "  NXOS: version %s [Feature Release]" % VERSION,
            "  NXOS image file is: bootflash:///nxos64-cs.10.3.3.F.bin",
            "  NXOS compile time:  4/18/2023 12:00:00 [04/18/2023 12:00:00]",
            "",
            "Hardware",
            "  cisco Nexus9000 C9300v Chassis ",
            "  Intel(R) Xeon(R) CPU @ 2.20GHz with 16409064 kB of memory.",
            "  Processor Board ID %s" % d.serial,
            "",
            "  Device name: %s" % d.name,
            "  bootflash:    4287040 kB",
            "",
            "Kernel uptime is %d day(s), %d hour(s), %d minute(s), %d second(s)" % (days, hours, minutes, seconds),
        ]) + "\n"

    def do_show_inventory(self, t):
        return ('NAME: "Chassis",  DESCR: "Nexus9000 C9300v Chassis"\n'
                'PID: %s          ,  VID:     ,  SN: %s\n' % (PLATFORM, self.dev.serial))

    def do_show_hostname(self, t):
        return self.dev.name + "\n"

    def do_show_privilege(self, t):
        return "User privilege level: 15\n"

    def do_show_user(self, t):
        user = t[2] if len(t) > 2 else self.user
        return "user:%s\n        roles:network-admin \n" % user

    def do_show_clock(self, t):
        # NX-OS prints "09:40:00.000 UTC Wed Nov 26 2025" (then the time source).
        now = self.dev.clock()
        stamp = time.gmtime(now)
        return "%s.%03d UTC %s\nTime source is NTP\n" % (time.strftime("%H:%M:%S", stamp), int(now * 1000) % 1000,
                                                         time.strftime("%a %b %d %Y", stamp))

    def do_show_run(self, t):
        with self.dev.lock:
            return self.dev.running_text()

    def _top(self, pred) -> str:
        return "\n".join(self.dev.top_level_lines(pred)) + "\n"

    def do_show_run_bgp(self, t):
        return self._top(lambda c: c.line.startswith("router bgp "))

    def do_show_run_rm(self, t):
        name = t[3] if len(t) > 3 else None
        return self._top(lambda c: c.line.startswith("route-map " + (name + " " if name else "")))

    def do_show_run_vrf(self, t):
        return self._top(lambda c: c.line == "vrf context " + t[3])

    def do_show_run_if(self, t):
        return self._top(lambda c: c.line == "interface " + canonical_interface(t[3]))

    def do_show_startup(self, t):
        return self.dev.startup if self.dev.startup is not None else self.dev.running_text()

    def do_bgp_summary(self, t, as_json=None):
        return nxos_show.bgp_summary(self.dev.state(), t[3], self.dev.clock(), bool(as_json))

    def do_bgp_summary_alt(self, t, as_json=None):
        return nxos_show.bgp_summary(self.dev.state(), t[5], self.dev.clock(), bool(as_json))

    def do_bgp_vrf_table(self, t, as_json=None):
        return nxos_show.vrf_table(self.dev.state(), t[3], bool(as_json))

    def do_evpn_vrf(self, t, as_json=None):
        return nxos_show.evpn_vrf(self.dev.state(), t[5], bool(as_json))

    def do_evpn_prefix(self, t, as_json=None):
        return nxos_show.evpn_prefix(self.dev.state(), t[4], t[6], self.dev.rmac, bool(as_json))

    def do_comm_list(self, t):
        return nxos_show.community_lists(self.dev.state(), t[3] if len(t) > 3 else None)

    def do_extcomm_list(self, t):
        return nxos_show.community_lists(self.dev.state(), t[3] if len(t) > 3 else None, extended=True)

    def do_route_map(self, t):
        return nxos_show.route_maps(self.dev.state(), t[2] if len(t) > 2 else None)

    def do_show_vrf(self, t):
        st = self.dev.state()
        out = ["VRF-Name                           VRF-ID State   Reason"]
        names = sorted(set(st.vrfs) | {"default", "management"})
        for n in names:
            out.append("%-34s %6d Up      --" % (n, self.dev.vrf_id(n)))
        return "\n".join(out) + "\n"

    def do_checkpoint_summary(self, t):
        out = []
        for name, (_cfg, ts, user) in sorted(self.dev.checkpoints.items()):
            out += ["User Checkpoint Summary", "-" * 70, "1) %s:" % name,
                    "Created by %s" % user, "Created at %s" % ctime(ts), "Size is %d bytes" % len(
                        self.dev.running_text(_cfg)), "Description: None", ""]
        return "\n".join(out) + ("\n" if out else "")

    def do_checkpoint(self, t):
        with self.dev.lock:
            if t[1] in self.dev.checkpoints:
                return "%% Checkpoint name %s is already in use\n" % t[1]
            self.dev.checkpoints[t[1]] = (self.dev.running.copy(), self.dev.clock(), self.user)
        return "Done\n"

    def do_no_checkpoint(self, t):
        with self.dev.lock:
            self.dev.checkpoints.pop(t[2], None)
        return ""

    def do_rollback(self, t):
        with self.dev.lock:
            saved = self.dev.checkpoints.get(t[3])
            if saved is None:
                return "%% Checkpoint %s does not exist\n" % t[3]
            self.dev.running = saved[0].copy()
            self.dev.config_changed_at = self.dev.clock()
        return ("Note: Applying config parallelly may fail Rollback verification\n"
                "Collecting Running-Config\nGenerating Rollback Patch\nExecuting Rollback Patch\n"
                "Generating Running-config for verification\nGenerating Patch for verification\n"
                "Verification is Successful.\n\nRollback completed successfully.\n\n")

    def do_copy_run_start(self, t):
        with self.dev.lock:
            self.dev.startup = self.dev.running_text()
        return "Copy complete, now saving to disk (please wait)...\nCopy complete.\n"
