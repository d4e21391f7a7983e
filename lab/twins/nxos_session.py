# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NX-OS Session Manager on the leaf twin: ``configure session NAME`` ... ``verify`` ... ``commit``.

What the twin models, from Cisco's "Configuring Session Manager" chapter of
the Nexus 9000 NX-OS System Management Configuration Guide (10.3(x)):

- ``configure session NAME`` creates the session (or re-enters an existing
  one) and enters session configuration mode (prompt ``(config-s)#``; sub
  modes ``(config-s-<mode>)#``). Lines typed there are checked by the
  grammar and collected; the running configuration does not change.
- ``verify`` checks the session as a whole ("Verification Successful").
- ``commit`` applies the whole session to the running configuration as one
  unit and deletes the session; "If a failure occurs, Cisco NX-OS reverts to
  the original configuration" (here: the twin replays the session on a copy
  and swaps it in under the device lock, so no other login ever sees half).
- ``abort`` discards the session; ``end`` / ``exit`` leave it for later.
- Sessions are the device's, not the login's: a session outlives the SSH
  connection that built it (the guide: "Sessions remain available after a
  supervisor switchover"), which is why a killed controller leaves an
  uncommitted session behind and nothing in the running config.
- ``show configuration session summary`` / ``show configuration session
  [NAME]`` list them.

The twin adds one lab rule, marked as such: a session is *held* by the login
that is in it; another login entering it gets an error naming the holder.
The deploy uses this as its lock on the device.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from .device import CliError, Op, command, ctime

if TYPE_CHECKING:  # pragma: no cover
    from .nxos import NxosSession

COMMANDS = [
    command("configure session <WORD>", "configure_session"),
    command("show configuration session summary", "config_session_summary"),
    command("show configuration session [<WORD>]", "config_session_show"),
]
MAX_SESSIONS = 32  # "You can create up to 32 configuration sessions."


@dataclass
class ConfigSession:
    name: str
    user: str
    created: float
    ops: List[Op] = field(default_factory=list)
    lines: List[str] = field(default_factory=list)
    holder: Any = None  # the login (NxosSession) in it now, None when nobody is


def sessions(dev) -> Dict[str, ConfigSession]:
    if not hasattr(dev, "config_sessions"):
        dev.config_sessions = {}
    return dev.config_sessions


def do_configure_session(self: "NxosSession", t: List[str]) -> str:
    name = t[2]
    with self.dev.lock:
        table = sessions(self.dev)
        cs = table.get(name)
        if cs is None:
            if len(table) >= MAX_SESSIONS:
                return "%% Maximum number of configuration sessions (%d) exceeded\n" % MAX_SESSIONS
            cs = table[name] = ConfigSession(name, self.user, self.dev.clock())
        elif cs.holder is not None and cs.holder is not self and not cs.holder.closed:
            # Lab rule (see the module docstring): one login per session.
            return ("%% Session %s is in use by %s since %s\n" % (name, cs.user, ctime(cs.created)))
        cs.holder = self
        self.cfg_session = cs
        root = self.dev.running.copy()
        for op in cs.ops:
            op.apply(root)
        self.enter_config(root)
    return ""


def prompt_suffix(self: "NxosSession") -> str:
    suffix = self.dev.modes[self.stack[-1][0]][0]
    return "config-s" if suffix == "config" else suffix.replace("config-", "config-s-", 1)


def dispatch(self: "NxosSession", line: str, toks: List[str], filters: List[List[str]]) -> str:
    """A line typed in session configuration mode."""
    cs: ConfigSession = self.cfg_session
    if toks in (["end"],) or (toks == ["exit"] and len(self.stack) == 1):
        _leave(self)
        return ""
    if toks == ["exit"]:
        self.exit_mode()
        return ""
    if toks == ["abort"]:
        with self.dev.lock:
            sessions(self.dev).pop(cs.name, None)
        _leave(self)
        return ""
    if toks == ["verify"]:
        return _verify(self, cs) or "Verification Successful\n"
    if toks == ["commit"]:
        return _commit(self, cs)
    if toks[0] == "show" and toks[1:3] == ["configuration", "session"]:
        return self.exec(line, toks, filters)
    out = self.exec_in_config(line, toks, filters)
    if out is not None:
        return out
    op = self.config_line(line, self._auto_seq(toks))
    cs.ops.append(op)
    cs.lines.append(line.rstrip())
    return ""


def _leave(self: "NxosSession") -> None:
    cs = self.cfg_session
    if cs is not None and cs.holder is self:
        cs.holder = None
    self.cfg_session = None
    self.leave_config()


def release(self: "NxosSession") -> None:
    """The login ended (SSH closed or dropped): the session stays, nobody holds it."""
    cs = getattr(self, "cfg_session", None)
    if cs is not None and cs.holder is self:
        cs.holder = None


def _verify(self: "NxosSession", cs: ConfigSession) -> Optional[str]:
    # The twin's grammar already refused bad lines as they were typed; as a whole,
    # the candidate must still load as a configuration.
    root = self.dev.running.copy()
    try:
        for op in cs.ops:
            op.apply(root)
    except (CliError, ValueError, AssertionError) as err:  # pragma: no cover - a twin bug, not a user error
        return "%% Verification Failed: %s\n" % err
    return None


def _commit(self: "NxosSession", cs: ConfigSession) -> str:
    with self.dev.lock:
        failed = _verify(self, cs)
        if failed:
            return failed
        new = self.dev.running.copy()
        for op in cs.ops:
            op.apply(new)
        self.dev.running = new
        self.dev.config_changed_at = self.dev.clock()
        self.dev.note_vrfs()
        sessions(self.dev).pop(cs.name, None)
    _leave(self)
    return "Commit Successful\n"


def do_config_session_summary(self: "NxosSession", t: List[str]) -> str:
    out = ["Name                             Session Owner           Creation Time                 Lines"]
    for cs in sorted(sessions(self.dev).values(), key=lambda c: c.name):
        out.append("%-32s %-23s %-29s %d" % (cs.name, cs.user, ctime(cs.created), len(cs.ops)))
    out.append("")
    out.append("Number of active configuration sessions = %d" % len(sessions(self.dev)))
    return "\n".join(out) + "\n"


def do_config_session_show(self: "NxosSession", t: List[str]) -> str:
    table = sessions(self.dev)
    names = [t[3]] if len(t) > 3 else sorted(table)
    out: List[str] = []
    for name in names:
        cs = table.get(name)
        if cs is None:
            return "%% Session %s does not exist\n" % name
        out += ["config session %s" % name] + ["%04d %s" % (n, ln) for n, ln in enumerate(cs.lines, 1)] + [""]
    return "\n".join(out) + ("\n" if out else "")
