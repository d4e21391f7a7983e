# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the device deploy: push plan, drift / prune config, push error. Docs in the .yml beside."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible.errors import AnsibleFilterError

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.devicepush import (
    PushError,
    drift,
    missing_config,
    push_error,
    push_plan,
    session_name,
    session_push,
)
from ansible_collections.kubevrf.tenancy.plugins.plugin_utils.data import plain
from ansible_collections.kubevrf.tenancy.plugins.plugin_utils.opsvars import OpsVarError, as_list


def tenancy_push_plan(rm_data: Any, os_name: str) -> Dict[str, Any]:
    try:
        return push_plan(plain(rm_data), str(os_name))
    except PushError as exc:
        raise AnsibleFilterError("tenancy_push_plan: %s" % exc)


def tenancy_drift(running: Any, rendered: Any, os_name: str, unmanaged: Optional[List[str]] = None) -> Dict[str, Any]:
    try:
        # a survey / -e answer arrives as a string: parsed as a list, never walked by character
        names = as_list(plain(unmanaged), "tenancy_unmanaged")
        return drift(plain(running), plain(rendered), str(os_name), [str(x) for x in names])
    except (PushError, OpsVarError) as exc:
        raise AnsibleFilterError("tenancy_drift: %s" % exc)


def tenancy_missing(running: Any, rendered: Any, os_name: str) -> str:
    try:
        return missing_config(plain(running), plain(rendered), str(os_name))
    except PushError as exc:
        raise AnsibleFilterError("tenancy_missing: %s" % exc)


def tenancy_session_push(name: Any, prune: Any = "", missing: Any = "") -> Dict[str, Any]:
    try:
        return session_push(str(plain(prune) or ""), str(plain(missing) or ""), session_name(str(name)))
    except PushError as exc:
        raise AnsibleFilterError("tenancy_session_push: %s" % exc)


def tenancy_push_error(msg: Any, device: str = "") -> Dict[str, str]:
    return push_error(plain(msg), str(device))


class FilterModule(object):
    def filters(self) -> Dict[str, Any]:
        return {"tenancy_push_plan": tenancy_push_plan, "tenancy_drift": tenancy_drift,
                "tenancy_push_error": tenancy_push_error,
                "tenancy_missing": tenancy_missing, "tenancy_session_push": tenancy_session_push}
