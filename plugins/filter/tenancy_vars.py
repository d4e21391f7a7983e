# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters for operational variables (survey / -e strings) and kubeconfig targets. Docs in the .yml beside."""

from __future__ import annotations

from typing import Any, Dict, List

from ansible.errors import AnsibleFilterError

from ansible_collections.kubevrf.tenancy.plugins.plugin_utils.data import plain
from ansible_collections.kubevrf.tenancy.plugins.plugin_utils.opsvars import OpsVarError
from ansible_collections.kubevrf.tenancy.plugins.plugin_utils import opsvars


def as_list(value: Any, name: str = "value") -> List[Any]:
    try:
        return opsvars.as_list(plain(value), str(name))
    except OpsVarError as exc:
        raise AnsibleFilterError(str(exc))


def as_bool(value: Any, name: str = "value") -> bool:
    try:
        return opsvars.as_bool(plain(value), str(name))
    except OpsVarError as exc:
        raise AnsibleFilterError(str(exc))


def tenant_filter(value: Any, tenancy: Any, name: str = "tenancy_tenants") -> List[str]:
    data = plain(tenancy)
    tenants = data.get("tenants") if isinstance(data, dict) else None
    known = [str(t["name"]) for t in tenants or [] if isinstance(t, dict) and "name" in t]
    try:
        return opsvars.tenant_filter(plain(value), known, str(name))
    except OpsVarError as exc:
        raise AnsibleFilterError(str(exc))


def kube_target(kubeconfig: Any, context: Any = "") -> Dict[str, str]:
    return opsvars.kube_target(plain(kubeconfig), plain(context))


class FilterModule(object):
    def filters(self) -> Dict[str, Any]:
        return {"as_list": as_list, "as_bool": as_bool, "kube_target": kube_target, "tenant_filter": tenant_filter}
