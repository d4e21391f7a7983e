# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side helpers shared by the action and filter plugins."""

from __future__ import annotations

import json
from typing import Any, Optional


def plain(value: Any) -> Any:
    """Copy templated data into builtin types.

    ansible-core 2.19 hands plugins tagged subclasses of str/int/float; the
    core wants plain JSON-like data so it behaves the same as outside Ansible.
    """
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value  # anything else (a YAML date, say) is left for the schema to reject


def canonical_json(value: Any) -> Optional[str]:
    """``value`` as sorted, compact JSON, or None when JSON cannot write it.

    json's C encoder reads ansible-core's tagged str/dict/list subclasses as
    their builtin bases, so this is ~5x cheaper than ``plain`` on a large
    inventory: the build tasks use it to fingerprint the inventory and look
    for template marks without copying it. (It writes an int key as a
    string; a fingerprint can live with that, data must come from ``plain``.)
    """
    try:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):  # a YAML date, mixed key types, NaN...
        return None


def core_missing(exc: ImportError) -> str:
    """The message for a controller without the core's Python dependencies."""
    return (
        "kubevrf.tenancy needs Python packages on the controller that are missing (%s); "
        "install them into the Python that runs Ansible: pip install -r requirements.txt" % exc
    )
