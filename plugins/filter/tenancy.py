# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters over the pure core: tenancy_validate and tenancy_plan.

Their documentation lives in the sidecar files tenancy_validate.yml and
tenancy_plan.yml, since one Python file carries both filters.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible.errors import AnsibleFilterError

from ansible_collections.kubevrf.tenancy.plugins.plugin_utils.data import core_missing, plain

try:
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import errors, model
except ImportError as exc:  # jsonschema / PyYAML missing on the controller
    CORE_IMPORT_ERROR: Optional[ImportError] = exc
else:
    CORE_IMPORT_ERROR = None


def _mapping(data: Any, name: str) -> Dict[str, Any]:
    if CORE_IMPORT_ERROR is not None:
        raise AnsibleFilterError(core_missing(CORE_IMPORT_ERROR))
    if not isinstance(data, dict):
        raise AnsibleFilterError("%s expects the tenancy inventory as a dict, got %s" % (name, type(data).__name__))
    return plain(data)


def tenancy_validate(data: Any) -> List[Dict[str, Any]]:
    """Every problem in the inventory as plain dicts; empty when it is valid."""
    return [issue.to_dict() for issue in model.validate(_mapping(data, "tenancy_validate"))]


def tenancy_plan(data: Any) -> Dict[str, Any]:
    """The derived intent as plain data; an invalid inventory fails with the full report."""
    try:
        intent = model.plan(_mapping(data, "tenancy_plan"))
    except errors.TenancyInputError as exc:
        raise AnsibleFilterError(exc.report()) from None
    return intent.to_dict()


class FilterModule:
    def filters(self) -> Dict[str, Any]:
        return {"tenancy_validate": tenancy_validate, "tenancy_plan": tenancy_plan}
