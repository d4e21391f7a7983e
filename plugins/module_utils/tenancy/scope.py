# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tenant filter of a validation run (tenancy_tenants): which findings decide the verdict.

The verification itself always covers every tenant: every other tenant's prefixes stay foreign to a selected
tenant's VRF, and the reports list every finding. The filter only decides which error findings fail the run.
A finding is outside the filter only when it names a tenant that was not selected and does not concern the VRF of
a selected tenant; a finding that names no tenant (a session down, a capture that failed, the underlay) always
counts. So a leak of an unselected tenant's prefix into a selected tenant's VRF fails the run, and nothing about
a selected tenant is ever left out.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, Mapping, Sequence, Tuple

from .verify import Finding


def vrf_owners(data: Mapping[str, Any]) -> Dict[str, str]:
    """VRF name -> the tenant that owns it, from a valid tenant inventory."""
    owners: Dict[str, str] = {}
    for tenant in data.get("tenants") or []:
        vrf = tenant.get("vrf") if isinstance(tenant, Mapping) else None
        if isinstance(vrf, Mapping) and vrf.get("name"):
            owners[str(vrf["name"])] = str(tenant["name"])
    return owners


def in_scope(finding: Finding, selected: Sequence[str], owners: Mapping[str, str]) -> bool:
    """Whether the finding decides the verdict of a run limited to ``selected`` (empty: every tenant)."""
    if not selected or finding.tenant is None or finding.tenant in selected:
        return True
    return bool(finding.vrf) and owners.get(str(finding.vrf)) in selected


def split(findings: Iterable[Finding], selected: Sequence[str],
          owners: Mapping[str, str]) -> Tuple[Tuple[Finding, ...], Tuple[Finding, ...]]:
    """(findings that decide the verdict, findings outside the filter), each in the given order."""
    inside, outside = [], []
    for finding in findings:
        (inside if in_scope(finding, selected, owners) else outside).append(finding)
    return tuple(inside), tuple(outside)
