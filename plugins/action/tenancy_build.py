# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side action behind kubevrf.tenancy.tenancy_build.

Validation and rendering run once, here on the controller, from the
``tenancy`` inventory value; nothing is sent to a managed host.  The module
file of the same name only carries the documentation.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

from ansible_collections.kubevrf.tenancy.plugins.plugin_utils.data import core_missing, plain

try:
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import build, errors, model
except ImportError as exc:  # jsonschema / PyYAML missing on the controller
    CORE_IMPORT_ERROR: Optional[ImportError] = exc
else:
    CORE_IMPORT_ERROR = None

PARTS = ("nxos", "iosxr", "cilium", "isovalent")

ARGUMENT_SPEC = {
    # The inventory holds addressing and policy, never credentials, so it may
    # be shown in diffs and errors; no_log stays off on purpose.
    "tenancy": {"type": "dict", "required": True, "no_log": False},
    "dest": {"type": "path"},
    "parts": {"type": "list", "elements": "str", "choices": list(PARTS)},
    "validate_only": {"type": "bool", "default": False},
}


def default_dest(playbook_dir: Optional[str]) -> str:
    """``build/`` at the top of the project: next to ``playbooks/`` or to the playbook."""
    base = os.path.abspath(playbook_dir or os.getcwd())
    if os.path.basename(base) == "playbooks":
        base = os.path.dirname(base)
    return os.path.join(base, "build")


def summarize(dest: str, files: List[Dict[str, Any]], check_mode: bool) -> Dict[str, Any]:
    counts = {status: 0 for status in ("created", "changed", "unchanged")}
    for item in files:
        counts[item["status"]] += 1
    verb = "would write" if check_mode else "wrote"
    msg = "%s %d file(s) under %s: %d created, %d changed, %d unchanged" % (
        verb,
        counts["created"] + counts["changed"],
        dest,
        counts["created"],
        counts["changed"],
        counts["unchanged"],
    )
    summary: Dict[str, Any] = dict(counts, total=len(files), dest=dest, msg=msg)
    return summary


def diffs(dest: str, files: List[Dict[str, Any]]) -> List[Dict[str, str]]:
    out = []
    for item in files:
        if item["status"] == "unchanged":
            continue
        name = os.path.join(dest, item["path"])
        out.append(
            {
                "before_header": name if item["status"] == "changed" else "/dev/null",
                "after_header": name,
                "before": item.get("before") or "",
                "after": item.get("after") or "",
            }
        )
    return out


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False  # pure controller work: no connection to open
    _supports_check_mode = True
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp  # unused: nothing goes to a managed host
        task_vars = task_vars or {}

        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        if CORE_IMPORT_ERROR is not None:
            raise AnsibleActionFail(core_missing(CORE_IMPORT_ERROR))
        data = plain(args["tenancy"])
        check_mode = bool(self._task.check_mode)

        if args["validate_only"]:
            issues = model.validate(data)
            if issues:
                return dict(result, failed=True, msg=errors.TenancyInputError(issues).report())
            result.update(changed=False, msg="tenant inventory is valid")
            return result

        dest = args["dest"] or default_dest(task_vars.get("playbook_dir"))
        dest = os.path.abspath(dest)
        parts = set(args["parts"]) if args["parts"] is not None else None

        try:
            files = build.build_files(data, parts)
            written = build.write_files(dest, files, check_mode)
        except errors.TenancyInputError as exc:
            return dict(result, failed=True, msg=exc.report())
        except OSError as exc:
            raise AnsibleActionFail("cannot write the build under %s: %s" % (dest, exc)) from None

        summary = summarize(dest, written, check_mode)
        result.update(
            changed=bool(summary["created"] or summary["changed"]),
            dest=dest,
            files=[{"path": item["path"], "status": item["status"]} for item in written],
            summary=summary,
            msg=summary["msg"],
        )
        if self._task.diff:
            result["diff"] = diffs(dest, written)
        return result
