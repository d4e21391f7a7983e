# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One summary block at the end of every site.yml run, whatever happened (callback, aggregate)."""

from __future__ import annotations

DOCUMENTATION = r"""
name: tenancy_summary
type: aggregate
short_description: One summary block per run of site.yml, success or failure
version_added: 0.1.0
description:
  - At the end of every run, also one that a failure stopped, prints one block C(TENANCY SUMMARY) with each phase of
    site.yml (lab, build, clusters, devices, validate), its result (ok, FAILED, skipped, not run), the hosts it changed
    (would change, in check mode), the failure of each host that failed (for a device deploy, what was rolled back and
    why), the validation verdict and the report paths.
  - A play belongs to a phase through its variable C(tenancy_phase) (site.yml sets it on each imported playbook). The
    verdict and report paths come from the phases' C(set_stats) data (C(tenancy_build), C(tenancy_validate), ...).
  - Nothing is printed for a playbook without C(tenancy_phase) plays. Messages are those of the tasks, which Ansible has
    already censored for C(no_log) tasks.
requirements:
  - enabled in the configuration (C(callbacks_enabled = kubevrf.tenancy.tenancy_summary), as the project's ansible.cfg
    does), or C(ANSIBLE_CALLBACKS_ENABLED=kubevrf.tenancy.tenancy_summary)
"""

from typing import Any, Dict, List, Optional

from ansible import context
from ansible.plugins.callback import CallbackBase

PHASES = ("lab", "build", "clusters", "devices", "validate")
MAX_REASON = 400


def _one_line(text: Any) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= MAX_REASON else line[:MAX_REASON - 3] + "..."


class Phase(object):
    def __init__(self) -> None:
        self.started = False
        self.done_tasks = 0
        self.changed: List[str] = []
        self.failed: Dict[str, str] = {}

    def result(self) -> str:
        if not self.started:
            return "not run"
        if self.failed:
            return "FAILED"
        return "ok" if self.done_tasks else "skipped"


def summary_lines(phases: Dict[str, Phase], custom: Dict[str, Any], check_mode: bool) -> List[str]:
    """The block's lines, from the phases seen and the set_stats data (pure: unit-tested)."""
    lines: List[str] = []
    verb = "would change" if check_mode else "changed"
    for index, name in enumerate(PHASES, 1):
        phase = phases.get(name) or Phase()
        changed = sorted(set(phase.changed) - set(phase.failed))  # a failed host is listed with its failure
        line = "phase %d/%d %-9s %-8s %s: %s" % (index, len(PHASES), name, phase.result(), verb, ", ".join(changed) or "-")
        lines.append(line)
        for host in sorted(phase.failed):
            lines.append("    %s failed: %s" % (host, phase.failed[host]))
    stopped = [name for name in PHASES if (phases.get(name) or Phase()).failed]
    if stopped:
        lines.append("run stopped in phase %s; the phases after it did not run" % stopped[0])
    validate = custom.get("tenancy_validate") or {}
    if validate.get("verdict"):
        lines.append("validation: %s" % validate["verdict"])
    reports: List[str] = []
    for key in ("tenancy_build", "tenancy_clusters", "tenancy_devices", "tenancy_validate"):
        value = (custom.get(key) or {}).get("reports") or []
        reports += [str(r) for r in (value if isinstance(value, list) else [value]) if r]
    if reports:
        lines.append("reports: %s" % ", ".join(dict.fromkeys(reports)))
    if check_mode:
        lines.append("check mode: nothing was changed on the devices, the clusters or the build directory")
    return lines


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "kubevrf.tenancy.tenancy_summary"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.phases: Dict[str, Phase] = {}
        self.current: Optional[str] = None
        self.check_mode = False

    def v2_playbook_on_play_start(self, play: Any) -> None:
        name = (play.vars or {}).get("tenancy_phase")
        self.current = name if name in PHASES else None
        if self.current:
            self.phases.setdefault(self.current, Phase()).started = True
        self.check_mode = bool(context.CLIARGS.get("check", False))

    def _phase(self) -> Optional[Phase]:
        return self.phases.get(self.current) if self.current else None

    def v2_runner_on_ok(self, result: Any) -> None:
        phase = self._phase()
        if phase is None:
            return
        host = result._host.get_name()
        phase.failed.pop(host, None)  # a failure that a rescue recovered from
        if result._task.action not in ("debug", "ansible.builtin.debug", "set_fact", "ansible.builtin.set_fact",
                                       "assert", "ansible.builtin.assert", "set_stats", "ansible.builtin.set_stats"):
            phase.done_tasks += 1
        if result._result.get("changed"):
            phase.changed.append(host)

    def v2_runner_on_failed(self, result: Any, ignore_errors: bool = False) -> None:
        phase = self._phase()
        if phase is None or ignore_errors:
            return
        phase.failed[result._host.get_name()] = _one_line(result._result.get("msg") or "failed (see the output above)")

    def v2_runner_on_unreachable(self, result: Any) -> None:
        phase = self._phase()
        if phase is not None:
            phase.failed[result._host.get_name()] = "unreachable: " + _one_line(result._result.get("msg") or "")

    def v2_playbook_on_stats(self, stats: Any) -> None:
        if not self.phases:
            return
        custom = (getattr(stats, "custom", None) or {}).get("_run") or {}
        self._display.banner("TENANCY SUMMARY")
        for line in summary_lines(self.phases, custom, self.check_mode):
            self._display.display(line)
