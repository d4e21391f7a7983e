# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IOS-XR PE twin: two-stage configuration as ``cisco.iosxr`` drives it.

Configuration lines go to the session's candidate (a list of changes
replayed on the running config); ``commit`` applies them all or none and
records a commit ID; ``abort`` drops them; ``rollback configuration last N``
restores the configuration from before the last N commits (as a new commit).
"""

from __future__ import annotations

import time
from typing import Callable, Dict, List, Optional

from . import iosxr_confirm, iosxr_cp, iosxr_rpl, iosxr_show
from .device import CliError, Device, Op, Session, command, ctime
from .grammar import Match, Node, asn_value, make_rules
from .iosxr_grammar import BLOCKS, MODES, canonical_interface

VERSION = "7.9.2"


class Commit:
    def __init__(self, cid: int, user: str, label: Optional[str], comment: Optional[str], ts: float, before: Node):
        self.cid, self.user, self.label, self.comment, self.ts, self.before = cid, user, label, comment, ts, before


class IosxrDevice(Device):
    os_name = "iosxr"
    step = " "
    closer = True
    modes = MODES

    def __init__(self, name: str, feed=None, clock: Callable[[], float] = time.time, baseline: str = "",
                 fabric_prefixes: Optional[Dict[str, List[str]]] = None, serial: str = "9LABTWIN002"):
        self.commits: List[Commit] = []
        self.serial = serial
        self.last_change_user = "admin"
        super().__init__(name, feed, clock, baseline)

    def session(self, user: str = "admin") -> "IosxrSession":
        return IosxrSession(self, user)

    def state(self) -> iosxr_cp.XrState:
        with self.lock:
            return iosxr_cp.compute(self)

    def config_lines(self, root: Optional[Node] = None) -> List[str]:
        return _xr_lines((root or self.running).ordered(), 0)

    def running_text(self, root: Optional[Node] = None, header: bool = True) -> str:
        head = ["Building configuration...", "!! IOS XR Configuration %s" % VERSION,
                "!! Last configuration change at %s by %s" % (ctime(self.config_changed_at), self.last_change_user),
                "!"] if header else []
        return "\n".join(head + self.config_lines(root) + (["end"] if header else [])) + "\n"

    def commit(self, new: Node, user: str, label: Optional[str] = None, comment: Optional[str] = None) -> Commit:
        cid = 1000000001 + len(self.commits)
        c = Commit(cid, user, label, comment, self.clock(), self.running)
        self.commits.append(c)
        self.running = new
        self.config_changed_at = c.ts
        self.last_change_user = user
        return c


def _xr_lines(nodes: List[Node], depth: int) -> List[str]:
    out: List[str] = []
    for c in nodes:
        out.append(" " * depth + c.line)
        if c.mode in BLOCKS:
            out += ["  " + b.line for b in c.children] + [BLOCKS[c.mode], "!"]
            continue
        if c.mode:
            out += _xr_lines(c.ordered(), depth + 1)
            out.append(" " * depth + "!")
    return out


class BlockOp(Op):
    """A route-policy or set, defined whole at ``end-policy`` / ``end-set`` (XR replaces the body)."""

    def __init__(self, path: List[Match], match: Match, body: List[str]):
        super().__init__(path, False, match, [])
        self.body = body

    def apply_here(self, node: Node) -> Optional[Node]:
        assert self.match is not None
        child = node.set(self.match)
        child.children = [Node(line) for line in self.body]
        return child


def block_kind(line: str) -> str:
    """The iosxr_rpl kind of a block's header line (route-policy, prefix-set, extcommunity-set rt, ...)."""
    words = line.split()
    return " ".join(words[:2]) if words[0] == "extcommunity-set" else words[0]


EXEC = make_rules([
    command("terminal ...", "noop"),
    command("configure [(terminal|exclusive)]", "configure"),
    command("show version", "show_version"),
    command("show inventory", "show_inventory"),
    command("show running-config ...", "show_run_path"),
    command("show running-config", "show_run"),
    command("show configuration commit list [<NUM>]", "commit_list"),
    command("show configuration commit changes last <NUM>", "commit_changes_last"),
    command("show configuration history [detail]", "history"),
    command("show configuration failed [inheritance]", "config_failed"),
    command("show configuration", "show_configuration"),
    command("show commit changes diff", "commit_diff"),
    command("show bgp (ipv6|vpnv4) unicast summary", "bgp_summary"),
    command("show bgp ipv6 unicast", "bgp_ipv6"),
    command("show bgp vpnv4 unicast vrf <WORD>", "vpnv4_vrf"),
    command("show bgp vpnv4 unicast [(received-sids|local-sids)]", "vpnv4_all"),
    command("show bgp vrf <WORD> ipv4 unicast", "vrf_table"),
    command("show route [vrf <WORD>] (ipv4|ipv6) [unicast]", "route"),
    command("show route [vrf <WORD>]", "route_v4"),
    command("show segment-routing srv6 sid", "srv6_sid"),
    command("rollback configuration last <NUM>", "rollback"),
    command("exit", "exit"),
])

CONFIG_ONLY = {"commit", "abort", "end", "exit"}


class IosxrSession(Session):
    dev: IosxrDevice
    commands = EXEC

    def __init__(self, device: IosxrDevice, user: str = "admin"):
        super().__init__(device, user)
        self.ops: List[Op] = []
        self.block: Optional[tuple] = None  # (header op, body lines) while a route-policy / set is typed
        self.question: Optional[str] = None
        self.failed: List[str] = []

    def prompt(self) -> str:
        if self.question:
            return self.question
        return self.mode_prompt("RP/0/RP0/CPU0:" + self.dev.name, "")

    def marker(self, line: str, pos: int, fail_kind: str) -> CliError:
        col = len(self.prompt()) + self.token_offset(line, pos)
        if fail_kind == "ambiguous":
            return CliError("%% Ambiguous command:  \"%s\"\n" % line.strip())
        msg = "% Incomplete command." if fail_kind == "incomplete" else "% Invalid input detected at '^' marker."
        return CliError(" " * col + "^\n" + msg + "\n")

    # ---------------------------------------------------------------- candidate

    def candidate(self) -> Node:
        root = self.dev.running.copy()
        for op in self.ops:
            op.apply(root)
        return root

    def intercept(self, text: str) -> Optional[str]:
        if self.question:
            return self._answer(text)
        if text == "!" and self.block is not None:
            return ""
        if text == "!" and len(self.stack) > 1:
            self.exit_mode()  # XR reads "!" in configuration as the end of the submode
            return ""
        return None

    def _answer(self, text: str) -> str:
        self.question = None
        answer = text.lower() or "cancel"
        if answer in ("yes", "y"):
            out = self._commit([])
            if out:
                return out
            self._leave()
        elif answer in ("no", "n"):
            self._leave()
        return ""

    def _leave(self) -> None:
        self.ops = []
        self.block = None
        self.leave_config()
        iosxr_confirm.release(self)

    on_close = iosxr_confirm.release  # the SSH session ended (iosxr_confirm.py)

    def dispatch(self, line: str, toks: List[str], filters: List[List[str]]) -> str:
        if not self.stack:
            return self.exec(line, toks, filters)
        if self.stack[-1][0] in BLOCKS:
            return self._block_line(line, toks)
        head = toks[0]
        if head == "commit":
            return self._commit(toks[1:])
        if head == "abort":
            self._leave()
            return ""
        if head in ("end", "exit") and len(toks) == 1:
            if head == "exit" and len(self.stack) > 1:
                self.exit_mode()
                return ""
            if self.ops and self.candidate_lines() != self.dev.config_lines():
                self.question = "Uncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:"
                return ""
            self._leave()
            return ""
        out = self.exec_in_config(line, toks, filters)
        if out is not None:
            return out
        # "import route-target 65000:10" is shorthand for the submode plus one entry.
        if len(toks) >= 3 and toks[1] == "route-target" and toks[0] in ("import", "export"):
            self.ops.append(self.config_line(line, toks[:2]))
            for rt in toks[2:]:
                self.ops.append(self.config_line(line, [rt]))
            self.exit_mode()
            return ""
        op = self.config_line(line, toks)
        if op.match is not None and not op.negate and op.match.rule.mode in BLOCKS:
            self.block = (op, [])  # recorded at end-policy / end-set, once its body parses
            self.stack[-1][1].children = []
            return ""
        self.ops.append(op)
        return ""

    def _block_line(self, line: str, toks: List[str]) -> str:
        mode, node = self.stack[-1]
        assert self.block is not None
        head_op, body = self.block
        if toks != [BLOCKS[mode]]:
            if toks[0] in ("abort", "end", "commit") and len(toks) == 1:
                self.block = None
                self.exit_mode()
                return self.dispatch(line, toks, [])
            body.append(line.strip())
            node.children.append(Node(line.strip()))
            return ""
        self.block = None
        self.exit_mode()
        kind = block_kind(node.line)
        errors = iosxr_rpl.check_policy(body)[0] if kind == "route-policy" else iosxr_rpl.check_set(kind, body)
        if errors:
            # XR parses the block when it is closed and refuses it whole.
            parent = self.stack[-1][1]
            parent.children = [c for c in parent.children if c is not node]
            return ("% Syntax/Authorization errors in one or more commands.!! CONFIGURATION FAILED DUE TO "
                    "SYNTAX/AUTHORIZATION ERRORS\n" + "\n".join([node.line] + errors + [BLOCKS[mode]]) + "\n")
        assert head_op.match is not None
        self.ops.append(BlockOp(head_op.path, head_op.match, body))
        return ""

    def candidate_lines(self) -> List[str]:
        return self.dev.config_lines(self.candidate())

    def _verify(self, root: Node) -> List[str]:
        """Commit-time checks XR does that a line-by-line parser cannot."""
        errors = []
        bgps = [c for c in root.children if c.line.startswith("router bgp ")]
        if len({asn_value(c.line.split()[2]) for c in bgps}) > 1:
            # One BGP instance without "instance" names: a second AS is refused at commit
            # (XR's exact text for this case is not in the public references used).
            errors.append("%s\n!!%% BGP instance is already running with AS %s; only one AS is allowed"
                          % (bgps[-1].line, bgps[0].line.split()[2]))
        errors += _policy_errors(root)
        bgp = bgps[0] if bgps else None
        if bgp is not None:
            global_afs = {c.line for c in bgp.all("address-family")}
            groups = {g.line.split()[1]: g for g in bgp.all("neighbor-group")}
            for nb in bgp.all("neighbor"):
                group = groups.get(nb.value("use neighbor-group") or "")
                if nb.value("remote-as") is None and (group is None or group.value("remote-as") is None):
                    errors.append("router bgp %s\n %s\n!!%% Remote AS must be configured for the neighbor"
                                  % (bgp.line.split()[2], nb.line))
                for af in nb.all("address-family"):
                    if af.line not in global_afs:
                        errors.append(" %s\n  %s\n!!%% The parent address family has not been initialized"
                                      % (nb.line, af.line))
            for vrf in bgp.all("vrf"):
                for fam, parent in (("ipv4", "vpnv4"), ("ipv6", "vpnv6")):
                    # A VRF address family needs the global VPN family [IOS XR Routing Configuration
                    # Guide, "Implementing BGP": "address-family vpnv4 unicast" before VRF ipv4 unicast].
                    if vrf.child("address-family %s unicast" % fam) is not None and \
                            "address-family %s unicast" % parent not in global_afs:
                        errors.append(" %s\n  address-family %s unicast\n!!%% The parent address family has not "
                                      "been initialized" % (vrf.line, fam))
                vrf_afs = {c.line for c in vrf.all("address-family")}
                for nb in vrf.all("neighbor"):
                    if nb.value("remote-as") is None:
                        errors.append(" %s\n  %s\n!!%% Remote AS must be configured for the neighbor" % (vrf.line, nb.line))
                    for af in nb.all("address-family"):
                        if af.line not in vrf_afs:
                            errors.append(" %s\n  %s\n   %s\n!!%% The parent address family has not been initialized"
                                          % (vrf.line, nb.line, af.line))
                if vrf.value("rd") is None and vrf.child("address-family ipv4 unicast") is not None:
                    errors.append(" %s\n!!%% RD must be configured for VRF address families" % vrf.line)
        return errors

    def commit_refusal(self, new: Node, label: Optional[str]) -> Optional[str]:
        """What the box answers when it refuses to commit *new* (verification errors, a label in use), else None.

        ``commit`` and ``commit confirmed`` refuse the same things with the same words."""
        errors = self._verify(new)
        if errors:
            self.failed = errors
            return ("% Failed to commit one or more configuration items during a pseudo-atomic operation. "
                    "All changes made have been reverted. Please issue 'show configuration failed "
                    "[inheritance]' from this session to view the errors\n")
        if label and any(c.label == label for c in self.dev.commits):
            return "%% Failed to commit: label %s is already used\n" % label
        return None

    def _commit(self, args: List[str]) -> str:
        label, comment = iosxr_confirm.commit_label_comment(args)
        with self.dev.lock:
            new = self.candidate()
            special = iosxr_confirm.commit(self, args, new)  # commit confirmed, its confirmation, locks
            if special is not None:
                return special
            if self.dev.config_lines(new) == self.dev.config_lines():
                self.ops = []
                return "% No configuration changes to commit.\n"
            refusal = self.commit_refusal(new, label)
            if refusal is not None:
                return refusal
            self.dev.commit(new, self.user, label, comment)
            self.ops = []
            # Stay in config mode on the same submode nodes of the new tree.
            self.stack = [("config", self.dev.running.copy())]
            self.path = []
        return ""

    # ---------------------------------------------------------------- exec

    def do_configure(self, t):
        refused = iosxr_confirm.configure(self, t)  # configure exclusive
        if refused:
            return refused
        # The mode stack walks a scratch copy; commit replays the recorded changes on running.
        self.enter_config(self.dev.running.copy())
        self.ops = []
        return ""

    def do_show_version(self, t):
        days, hours, minutes, _seconds = self.dev.uptime_parts()
        return "\n".join([
            "Cisco IOS XR Software, Version %s" % VERSION,
            "Copyright (c) 2013-2023 by Cisco Systems, Inc.",
            "",
            "Build Information:",
            " Built By     : lab",
            " Built On     : Thu Jan 01 00:00:00 UTC 2023",
            " Build Host   : lab",
            " Workspace    : lab",
            " Version      : %s" % VERSION,
            ' Location     : /opt/cisco/XR/packages/',
            "",
            "cisco IOS-XRv 9000 () processor",
            "System uptime is %d days %d hours %d minutes" % (days, hours, minutes),
            "",
        ]) + "\n"

    def do_show_inventory(self, t):
        return ('NAME: "Rack 0", DESCR: "Cisco IOS-XRv 9000 Centralized Virtual Router"\n'
                'PID: R-IOSXRV9000-CC, VID: V01, SN: %s\n\n'
                'NAME: "0/0/CPU0", DESCR: "Cisco IOS-XRv 9000 Centralized Line Card"\n'
                'PID: R-IOSXRV9000-LC-C, VID: V01, SN: %sLC\n' % (self.dev.serial, self.dev.serial))

    def _root(self) -> Node:
        # In config mode XR's show running-config still shows the running config.
        return self.dev.running

    def do_show_run(self, t):
        with self.dev.lock:
            return self.dev.running_text(self._root())

    def do_show_run_path(self, t):
        words = t[2:]
        if words and words[0] in ("int", "interface") and len(words) > 1:
            words = ["interface", canonical_interface(words[1])] + words[2:]
        want = " ".join(words)
        lines = self.dev.top_level_lines(lambda c: c.line == want or c.line.startswith(want + " "), self._root())
        if not lines:
            return "% No such configuration item(s)\n\n"
        return "\n".join(lines) + "\n"

    def do_commit_list(self, t):
        out = ["SNo. Label/ID              User      Line                Client      Time Stamp",
               "~~~~ ~~~~~~~~              ~~~~      ~~~~                ~~~~~~      ~~~~~~~~~~"]
        limit = int(t[4]) if len(t) > 4 else None
        for n, c in enumerate(reversed(self.dev.commits), 1):
            if limit and n > limit:
                break
            out.append("%-4d %-21s %-9s %-19s %-11s %s" % (n, c.label or c.cid, c.user, "vty0:node0_RP0_CPU0",
                                                           "CLI", ctime(c.ts)))
        return "\n".join(out) + "\n"

    def do_commit_changes_last(self, t):
        n = int(t[5])
        if n < 1 or n > len(self.dev.commits):
            return "% Invalid number of commits\n"
        before = self.dev.commits[-n].before
        return self._diff(before, self.dev.running)

    def do_history(self, t):
        out = ["Sno.  Event      Info                           Time Stamp",
               "~~~~  ~~~~~      ~~~~                           ~~~~~~~~~~"]
        for n, c in enumerate(reversed(self.dev.commits), 1):
            out.append("%-5d commit     id %-27s %s" % (n, c.cid, ctime(c.ts)))
            if c.label:
                out.append("      label %s" % c.label)
        return "\n".join(out) + "\n"

    def do_config_failed(self, t):
        return "\n".join(self.failed) + ("\n" if self.failed else "")

    def do_show_configuration(self, t):
        if not self.stack:
            raise self.marker("show configuration", 1, "command")
        return self._diff(self.dev.running, self.candidate(), markers=False)

    def do_commit_diff(self, t):
        return self._diff(self.dev.running, self.candidate() if self.stack else self.dev.running)

    def _diff(self, old: Node, new: Node, markers: bool = True) -> str:
        out = ["Building configuration...", "!! IOS XR Configuration %s" % VERSION]
        out += _tree_diff(old, new, 0, markers)
        out.append("end")
        return "\n".join(out) + "\n"

    def do_rollback(self, t):
        n = int(t[3])
        with self.dev.lock:
            if n < 1 or n > len(self.dev.commits):
                return "%% Invalid number of commits: %d commits exist\n" % len(self.dev.commits)
            target = self.dev.commits[-n].before.copy()
            self.dev.commit(target, self.user, None, "rollback")
        return ("\nLoading Rollback Changes.\nLoaded Rollback Changes in 1 sec \nCommitting.\n"
                "1 items committed in 1 sec (0)items/sec\nUpdating.\nUpdated Commit database in 1 sec \n"
                "Configuration successfully rolled back %d commits.\n" % n)

    def do_bgp_summary(self, t):
        return iosxr_show.summary(self.dev.state(), t[2] + "-unicast", self.dev.clock())

    def do_bgp_ipv6(self, t):
        return iosxr_show.ipv6_table(self.dev.state())

    def do_vpnv4_vrf(self, t):
        return iosxr_show.vpnv4(self.dev.state(), t[5], "table")

    def do_vpnv4_all(self, t):
        return iosxr_show.vpnv4(self.dev.state(), None, t[4] if len(t) > 4 else "table")

    def do_vrf_table(self, t):
        return iosxr_show.vpnv4(self.dev.state(), t[3], "table")

    def do_route(self, t):
        vrf = t[t.index("vrf") + 1] if "vrf" in t else "default"
        return iosxr_show.route(self.dev.state(), vrf, 6 if "ipv6" in t else 4)

    def do_route_v4(self, t):
        return self.do_route(t + ["ipv4"])

    def do_srv6_sid(self, t):
        st = self.dev.state()
        out = ["SID                         Behavior          Context                           Owner               State  RW",
               "--------------------------  ----------------  --------------------------------  ------------------  -----  --"]
        for name in sorted(st.vrfs):
            v = st.vrfs[name]
            if v.sid:
                out.append("%-27s %-17s %-33s %-19s %-6s %s" % (v.sid, "uDT4", "'%s'" % name, "bgp-%s" % st.asn,
                                                                "InUse", "Y"))
        return "\n".join(out) + "\n"


def _policy_errors(root: Node) -> List[str]:
    """Commit-time RPL checks: bodies parse, and every set / policy a policy or an attach point names exists."""
    have = iosxr_rpl.defined(root)
    errors: List[str] = []
    for c in root.children:
        if c.mode not in BLOCKS:
            continue
        kind = block_kind(c.line)
        body = [b.line for b in c.children]
        if kind != "route-policy":
            errors += ["%s\n%s" % (c.line, e) for e in iosxr_rpl.check_set(kind, body)]
            continue
        bad, refs = iosxr_rpl.check_policy(body)
        errors += ["%s\n%s" % (c.line, e) for e in bad]
        for skind, name in refs.sets:
            if name not in have.get(skind, set()):
                errors.append("%s\n!!%% Policy uses the %s %s, which is not defined" % (c.line, skind, name))
        for name in refs.policies:
            if name not in have["route-policy"]:
                errors.append("%s\n!!%% Policy applies route-policy %s, which is not defined" % (c.line, name))
    for node in root.walk():
        words = node.line.split()
        for n, w in enumerate(words[:-1]):
            if w == "route-policy" and (n > 0 or node.mode not in BLOCKS):
                name = words[n + 1].split("(")[0]
                if name not in have["route-policy"]:
                    errors.append("%s\n!!%% Policy [%s] has not been defined" % (node.line, name))
    return errors


def _tree_diff(old: Node, new: Node, depth: int, markers: bool) -> List[str]:
    """XR's ``show commit changes diff``: + added, - removed, unmarked context."""
    out: List[str] = []
    pad = " " * depth
    olds = {c.line: c for c in old.children}
    news = {c.line: c for c in new.children}
    for c in new.ordered():
        o = olds.get(c.line)
        if o is None:
            out += [("+  " if markers else "") + ln for ln in _xr_lines([c], depth)]
        elif o.mode and c.lines(" ", True) != o.lines(" ", True):
            sub = _tree_diff(o, c, depth + 1, markers)
            out += [("   " if markers else "") + pad + c.line] + sub + [("   " if markers else "") + pad + "!"]
    for c in old.ordered():
        if c.line not in news:
            out += [("-  " if markers else "") + ln for ln in _xr_lines([c], depth)] if markers \
                else [pad + "no " + c.line]
    return out
