# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side action behind kubevrf.tenancy.tenancy_build.

Validation and rendering run once, here on the controller, from the
``tenancy`` inventory value; nothing is sent to a managed host.  The module
file of the same name only carries the documentation.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from typing import Any, Dict, Iterable, List, Optional

from ansible import constants as C
from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase

from ansible_collections.kubevrf.tenancy.plugins.plugin_utils.data import canonical_json, core_missing, plain

try:
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import build, errors, stamp
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.gcpause import paused_gc
except ImportError as exc:  # jsonschema / PyYAML missing on the controller
    CORE_IMPORT_ERROR: Optional[ImportError] = exc
else:
    CORE_IMPORT_ERROR = None

PARTS = ("nxos", "iosxr", "cilium", "isovalent")

TENANCY_VAR = "tenancy"  # read from the task vars when the argument is omitted
TEMPLATE_MARKS = ("{{", "{%", "{#")

# `tenancy` is checked by hand: the generic validator deep-copies its value,
# which for a large inventory of tagged 2.19 data costs seconds per task.
ARGUMENT_SPEC = {
    "dest": {"type": "path"},
    "parts": {"type": "list", "elements": "str", "choices": list(PARTS)},
    "validate_only": {"type": "bool", "default": False},
    "force": {"type": "bool", "default": False},
}


def default_dest(playbook_dir: Optional[str]) -> str:
    """``build/`` at the top of the project: next to ``playbooks/`` or to the playbook.

    A playbook of the installed collection (``ansible-playbook kubevrf.tenancy.build``) lives under
    ``ansible_collections/``: its outputs go to the current directory (the user's project), never
    into the installed collection. ``tenancy_build_dir`` overrides both.
    """
    base = os.path.abspath(playbook_dir or os.getcwd())
    if os.path.basename(base) == "playbooks":
        base = os.path.dirname(base)
    if "ansible_collections" in base.split(os.sep):
        base = os.getcwd()
    return os.path.join(base, "build")


def has_template(value: Any) -> bool:
    """Whether any string in the value could hold a Jinja expression."""
    if isinstance(value, str):
        return any(mark in value for mark in TEMPLATE_MARKS)
    if isinstance(value, dict):
        return any(has_template(k) or has_template(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(has_template(v) for v in value)
    return False


def inventory_key(data: Dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class InventoryInput:
    """The ``tenancy`` value as read from the task: its cache key now, plain data only when needed.

    Every build task needs the key (to find this run's plan), but only the
    first one needs the data itself. The key comes from the value's canonical
    JSON, which is cheap on ansible-core's tagged types; the value is
    templated only when that text holds a template mark.
    """

    def __init__(self, value: Any, template: Any) -> None:
        text = canonical_json(value)
        if text is None or any(mark in text for mark in TEMPLATE_MARKS):
            if has_template(value):
                value = template(value)
            self._data: Optional[Dict[str, Any]] = plain(value)
            self.key = inventory_key(self._data)  # type: ignore[arg-type]
        else:
            self._data = None
            self.key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self._value = value

    @property
    def data(self) -> Dict[str, Any]:
        if self._data is None:
            self._data = plain(self._value)
        return self._data


class RenderCache:
    """The planned intent of one inventory, shared by the tasks of one ansible run.

    It lives in Ansible's private local temp dir of this run (mode 0700,
    removed when the run ends): the validation step plans once, and each role
    task renders only its own part from that plan. A pickle, because the
    intent is frozen dataclasses and this file never leaves this run's
    private directory.
    """

    def __init__(self, key: str, root: Optional[str]) -> None:
        self.path = os.path.join(root, "kubevrf_tenancy", key + ".intent.pickle") if root else None

    def load(self) -> Any:
        if self.path is None:
            return None
        try:
            with open(self.path, "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def store(self, intent: Any) -> None:
        if self.path is None:
            return
        try:
            os.makedirs(os.path.dirname(self.path), mode=0o700, exist_ok=True)
            tmp = self.path + ".%d.tmp" % os.getpid()
            with open(tmp, "wb") as handle:
                pickle.dump(intent, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a cache that cannot be written only costs a re-plan


def planned(inventory: InventoryInput, cache: RenderCache) -> Any:
    """The intent, from this run's cache or planned now (raises TenancyInputError)."""
    intent = cache.load()
    if intent is None:
        # Imported here: each task runs in a fresh worker process, and the
        # tasks that find this run's plan need no validator (~0.2 s to import).
        from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import model

        intent = model.plan(inventory.data)
        cache.store(intent)
    return intent


def render_parts(inventory: InventoryInput, parts: Iterable[str], cache: RenderCache) -> Dict[str, str]:
    """Files of the given parts, rendered from the (cached) plan."""
    return build.render_intent(planned(inventory, cache), list(parts))


def summarize(dest: str, files: List[Dict[str, Any]], check_mode: bool, rendered: bool = True) -> Dict[str, Any]:
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
    if not rendered:
        msg += " (inventory and collection unchanged since the last build: nothing rendered)"
    summary: Dict[str, Any] = dict(counts, total=len(files), dest=dest, msg=msg, rendered=rendered)
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
    _VALID_ARGS = frozenset(ARGUMENT_SPEC) | {"tenancy"}

    def _tenancy(self, task_vars: Dict[str, Any]) -> Any:
        """The inventory from the argument, else straight from the variable.

        Reading the variable here avoids having Ansible template the whole
        inventory into the task arguments (about a second per task for a
        thousand tenants); InventoryInput templates it only when it holds an
        expression.
        """
        if "tenancy" in self._task.args:
            value, what = self._task.args["tenancy"], "the argument tenancy"
        elif TENANCY_VAR in task_vars:
            value, what = task_vars[TENANCY_VAR], "the variable %r" % TENANCY_VAR
        else:
            raise AnsibleActionFail(
                "the variable %r (the tenant inventory) is not defined; define it in group_vars/all/tenancy.yml "
                "of the inventory (see inventories/lab) or pass it as the argument tenancy" % TENANCY_VAR
            )
        inventory = InventoryInput(value, self._templar.template)
        checked = inventory.data if not isinstance(value, dict) else value  # a template may yield a mapping
        if not isinstance(checked, dict):
            raise AnsibleActionFail("%s must be the tenant inventory as a mapping, got %s" % (what, type(checked).__name__))
        return inventory

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp  # unused: nothing goes to a managed host
        task_vars = task_vars or {}

        validation = ArgumentSpecValidator(ARGUMENT_SPEC).validate({k: v for k, v in self._task.args.items() if k != "tenancy"})
        if validation.error_messages:
            raise AnsibleActionFail("invalid arguments: %s" % "; ".join(validation.error_messages))
        args = validation.validated_parameters
        if CORE_IMPORT_ERROR is not None:
            raise AnsibleActionFail(core_missing(CORE_IMPORT_ERROR))
        with paused_gc():
            return self._run(result, args, task_vars)

    def _run(self, result: Dict[str, Any], args: Dict[str, Any], task_vars: Dict[str, Any]) -> Dict[str, Any]:
        inventory = self._tenancy(task_vars)
        cache = RenderCache(inventory.key, C.DEFAULT_LOCAL_TMP)
        check_mode = bool(self._task.check_mode)

        dest = os.path.abspath(args["dest"] or default_dest(task_vars.get("playbook_dir")))
        use_stamps = not args["force"]

        if args["validate_only"]:
            if use_stamps and stamp.validated_before(dest, inventory.key):
                result.update(changed=False, msg="tenant inventory is valid (unchanged since the build in %s)" % dest)
                return result
            # Validating means planning; the plan is kept for the build tasks
            # that follow in this run, each of which renders only its part.
            try:
                planned(inventory, cache)
            except errors.TenancyInputError as exc:
                return dict(result, failed=True, msg=exc.report())
            result.update(changed=False, msg="tenant inventory is valid")
            return result

        parts = args["parts"] if args["parts"] is not None else list(PARTS)
        up_to_date = stamp.unchanged_files(dest, parts, inventory.key) if use_stamps else None
        try:
            if up_to_date is not None:
                written = [{"path": rel, "status": "unchanged"} for rel in up_to_date]
            else:
                files = render_parts(inventory, parts, cache)
                if not check_mode:
                    stamp.forget(dest, parts)  # a write that fails half way must not leave a stamp behind
                written = build.write_files(dest, files, check_mode)
                if not check_mode:
                    stamp.write_stamp(dest, parts, inventory.key, files)
        except errors.TenancyInputError as exc:
            return dict(result, failed=True, msg=exc.report())
        except ValueError as exc:  # a renderer refusing what the rules let through names the object
            return dict(result, failed=True, msg="cannot render the build: %s" % exc)
        except OSError as exc:
            raise AnsibleActionFail("cannot write the build under %s: %s" % (dest, exc)) from None

        summary = summarize(dest, written, check_mode, rendered=up_to_date is None)
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
