# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side action behind kubevrf.tenancy.tenancy_verify.

Plans the captures, or verifies a snapshot (a directory, or outputs gathered
live) against the intent and writes the reports. Reports are written before
the task fails, whatever the outcome.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional

from ansible.plugins.action import ActionBase

from ansible_collections.kubevrf.tenancy.plugins.action.tenancy_build import default_dest
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import errors, model, snapshot, validation
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.expect import expectations
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.observe import observe
from ansible_collections.kubevrf.tenancy.plugins.plugin_utils.data import plain
from ansible_collections.kubevrf.tenancy.plugins.plugin_utils.opsvars import OpsVarError, tenant_filter

ARGUMENT_SPEC = {
    "tenancy": {"type": "dict", "required": True, "no_log": False},
    "snapshot": {"type": "path"},
    "outputs": {"type": "dict"},
    "capture_forms": {"type": "dict"},
    "snapshot_dest": {"type": "path"},
    "report_dir": {"type": "path"},
    "plan_only": {"type": "bool", "default": False},
    "fail_on_error": {"type": "bool", "default": True},
    "tenants": {"type": "raw", "default": []},
}


def plan_captures(data: Any, outputs: Optional[Dict[str, Any]] = None) -> List[Dict[str, str]]:
    """The captures intent needs; with the clusters' outputs already captured (``outputs``), also those
    that depend on what the clusters decided (the prefixes of tenants' Services, allocated locators)."""
    intent = model.plan(data)
    observed = observe(intent, snapshot.from_outputs(outputs).lookup) if outputs else None
    return [c.to_dict() for c in expectations(intent, observed).captures]


def inventory_tenants(data: Any) -> List[str]:
    """The tenant names of the inventory (the schema check of the plan reports a malformed list)."""
    tenants = data.get("tenants") if isinstance(data, dict) else None
    return [str(t["name"]) for t in tenants or [] if isinstance(t, dict) and "name" in t]


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        task_vars = task_vars or {}
        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        data = plain(args["tenancy"])
        try:
            if args["plan_only"]:
                caps = plan_captures(data, plain(args["outputs"]) if args["outputs"] else None)
                return dict(result, changed=False, captures=caps,
                            msg="%d capture(s) on %d host(s)" % (len(caps), len({c["device"] for c in caps})))
            if bool(args["snapshot"]) == bool(args["outputs"]):
                return dict(result, failed=True, msg="give exactly one of snapshot (a directory) or outputs "
                                                     "({device: {command: output}})")
            tenants = tenant_filter(plain(args["tenants"]), inventory_tenants(data))
            live = bool(args["outputs"])
            if live:
                snap = snapshot.from_outputs(plain(args["outputs"]), plain(args["capture_forms"]) if args["capture_forms"] else None)
                if args["snapshot_dest"]:
                    exp = expectations(model.plan(data))
                    by_cap = {c: snap.lookup(c) for c in exp.captures if snap.lookup(c) is not None}
                    snapshot.save(os.path.abspath(args["snapshot_dest"]), exp.captures, by_cap,
                                  "captured live by kubevrf.tenancy.validate", forms=snap.forms)
                    snap.source = os.path.abspath(args["snapshot_dest"])
            else:
                snap = snapshot.load(os.path.abspath(args["snapshot"]))
            dest = os.path.abspath(args["report_dir"] or os.path.join(default_dest(task_vars.get("playbook_dir")),
                                                                      "reports"))
            run = validation.run(data, snap, dest, live=live, tenants=tenants)
        except errors.TenancyInputError as exc:
            return dict(result, failed=True, msg=exc.report())
        except OpsVarError as exc:
            return dict(result, failed=True, msg=str(exc))
        except snapshot.SnapshotError as exc:
            return dict(result, failed=True, msg=str(exc))
        except OSError as exc:
            return dict(result, failed=True, msg="cannot write the validation reports: %s" % exc)
        result.update(
            changed=False,  # reports are outputs, not changes
            passed=run["passed"],
            counts=run["counts"],
            findings=run["findings"],
            reports=run["reports"],
            report_dir=dest,
            notes=run["notes"],
            summary=run["summary"].splitlines(),
            msg=run["summary"],
        )
        if not run["passed"] and args["fail_on_error"]:
            result["failed"] = True
        return result
