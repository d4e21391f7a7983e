# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS-XR ``commit confirmed`` and ``configure exclusive`` on the PE twin.

What the twin models (Cisco IOS XR configuration guides, "commit" command
reference; cisco.iosxr's cliconf sends exactly these commands):

- ``commit confirmed [<seconds>] [label L] [comment ...]`` commits the
  candidate as a *trial*: the running config changes at once, and unless a
  ``commit`` confirms it within the timer (600 s by default, 30..65535),
  the router rolls the change back by itself. The trial is not in ``show
  configuration commit list`` until confirmed; a rolled-back trial never
  appears there.
- ``commit`` with nothing else to commit, while a trial is pending, confirms
  it (it then gets its commit ID and label).
- While a trial is pending no other configuration session can commit.
- ``configure exclusive`` locks the configuration: other sessions cannot
  commit, nor enter exclusive mode, until the holder leaves configuration
  mode or its SSH session ends.

The timer runs on wall-clock time (threading.Timer), independently of the
device's injected clock, so a killed controller's trial really expires.
``IosxrDevice.confirm_min`` (30, as XR) can be lowered by lab tests.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, List, Optional, Tuple

from .device import ctime
from .grammar import Node

if TYPE_CHECKING:  # pragma: no cover
    from .iosxr import IosxrSession

DEFAULT_SECONDS = 600
MAX_SECONDS = 65535
LOCKED = ("%% Failed to commit: the configuration is locked by another session (user %s, since %s). "
          "Use 'show configuration sessions' to see the lock holder\n")


@dataclass
class Trial:
    new: Node
    before: Node
    user: str
    label: Optional[str]
    comment: Optional[str]
    deadline: float
    session: Any
    timer: Optional[threading.Timer] = None


def _trial(dev) -> Optional[Trial]:
    return getattr(dev, "trial", None)


def _holder(dev):
    holder = getattr(dev, "exclusive", None)
    if holder is not None and holder.closed:
        dev.exclusive = holder = None
    return holder


def configure(self: "IosxrSession", t: List[str]) -> Optional[str]:
    """``configure exclusive``: take the lock or say who has it (None = go on)."""
    if len(t) > 1 and t[1] == "exclusive":
        with self.dev.lock:
            holder = _holder(self.dev)
            if holder is not None and holder is not self:
                return ("%% Failed to open the configuration session in exclusive mode: the configuration is "
                        "locked by user %s since %s\n" % (holder.user, ctime(self.dev.exclusive_since)))
            self.dev.exclusive = self
            self.dev.exclusive_since = self.dev.clock()
    return None


def release(self: "IosxrSession") -> None:
    """Leaving configuration mode or closing the SSH session frees the exclusive lock."""
    with self.dev.lock:
        if getattr(self.dev, "exclusive", None) is self:
            self.dev.exclusive = None


def commit(self: "IosxrSession", args: List[str], new: Node) -> Optional[str]:
    """Everything ``commit`` does beyond a plain commit; None hands back to the plain commit."""
    dev = self.dev
    holder = _holder(dev)
    if holder is not None and holder is not self:
        return LOCKED % (holder.user, ctime(dev.exclusive_since))
    trial = _trial(dev)
    unchanged = dev.config_lines(new) == dev.config_lines()
    if "confirmed" in args:
        if trial is not None:
            return "% Failed to commit: a commit confirmed is already pending; confirm it with 'commit'\n"
        return _start(self, args, new, unchanged)
    if trial is not None:
        if trial.session is not self and not unchanged:
            return "% Failed to commit: a trial configuration (commit confirmed) is pending from another session\n"
        if unchanged:
            _confirm(dev, trial)
            self.ops = []
            return ""
    return None


def commit_label_comment(args: List[str]) -> Tuple[Optional[str], Optional[str]]:
    """``commit [confirmed ...] [label L] [comment words...]``: the label and the comment, None when absent."""
    label = args[args.index("label") + 1] if "label" in args and args.index("label") + 1 < len(args) else None
    comment = " ".join(args[args.index("comment") + 1:]) if "comment" in args else None
    return label, comment


def _start(self: "IosxrSession", args: List[str], new: Node, unchanged: bool) -> str:
    dev = self.dev
    pos = args.index("confirmed")
    seconds = DEFAULT_SECONDS
    if pos + 1 < len(args) and args[pos + 1].isdigit():
        seconds = int(args[pos + 1])
    elif pos + 2 < len(args) and args[pos + 1] == "minutes" and args[pos + 2].isdigit():
        seconds = int(args[pos + 2]) * 60
    low = getattr(dev, "confirm_min", 30)
    if not low <= seconds <= MAX_SECONDS:
        return "%% Invalid commit confirmed timeout %d: expected %d..%d seconds\n" % (seconds, low, MAX_SECONDS)
    if unchanged:
        self.ops = []
        return "% No configuration changes to commit.\n"
    label, comment = commit_label_comment(args)
    refusal = self.commit_refusal(new, label)
    if refusal is not None:
        return refusal
    trial = Trial(new, dev.running, self.user, label, comment, dev.clock() + seconds, self)
    dev.trial = trial
    dev.running = new
    dev.config_changed_at = dev.clock()
    dev.last_change_user = self.user
    trial.timer = threading.Timer(seconds, _expire, (dev, trial))
    trial.timer.daemon = True
    trial.timer.start()
    self.ops = []
    self.stack = [("config", dev.running.copy())]
    self.path = []
    return ""


def _confirm(dev, trial: Trial) -> None:
    if trial.timer is not None:
        trial.timer.cancel()
    dev.trial = None
    running = dev.running
    dev.running = trial.before
    dev.commit(running, trial.user, trial.label, trial.comment)


def _expire(dev, trial: Trial) -> None:
    """The timer ran out: back to the configuration from before the trial."""
    with dev.lock:
        if _trial(dev) is not trial:
            return
        dev.trial = None
        dev.running = trial.before
        dev.config_changed_at = dev.clock()


def pending(dev) -> Optional[Trial]:
    return _trial(dev)
