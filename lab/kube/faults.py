# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection: make the next request(s) for a kind fail with 409, 500, 422 or hang.

A fault is ``{"kind": "CiliumBGPAdvertisement", "action": "409"|"500"|"422"|"hang",
"name": "" (any), "verbs": ["create","update","patch","delete"], "count": 1, "seconds": 30}``;
``kind`` also accepts the plural or ``*``. ``count: -1`` never runs out.
Set them with ``POST /lab/v1/faults``, ``python -m lab.kube fault`` or the
``KUBEVRF_LAB_KUBE_FAULTS`` environment variable (a JSON list) at start.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, List, Optional

ACTIONS = ("409", "500", "422", "hang")
WRITE_VERBS = ("create", "update", "patch", "delete")
VERBS = WRITE_VERBS + ("get", "list", "watch")


class FaultError(ValueError):
    pass


def normalise(spec: Dict[str, Any]) -> Dict[str, Any]:
    if not isinstance(spec, dict):
        raise FaultError("a fault must be an object")
    action = str(spec.get("action", ""))
    if action not in ACTIONS:
        raise FaultError("fault action must be one of %s, not %r" % (", ".join(ACTIONS), action))
    verbs = spec.get("verbs") or list(WRITE_VERBS)
    bad = [v for v in verbs if v not in VERBS]
    if bad:
        raise FaultError("unknown verbs %s (known: %s)" % (", ".join(bad), ", ".join(VERBS)))
    if not spec.get("kind"):
        raise FaultError("a fault needs a kind (e.g. CiliumBGPAdvertisement, or *)")
    return {"kind": str(spec["kind"]), "action": action, "name": str(spec.get("name") or ""),
            "verbs": sorted(verbs), "count": int(spec.get("count", 1)), "seconds": float(spec.get("seconds", 30))}


class Faults:
    def __init__(self, initial: Optional[List[Dict[str, Any]]] = None) -> None:
        self.lock = threading.Lock()
        self.items: List[Dict[str, Any]] = [normalise(f) for f in initial or []]
        self.fired: List[Dict[str, Any]] = []

    def add(self, spec: Dict[str, Any]) -> Dict[str, Any]:
        fault = normalise(spec)
        with self.lock:
            self.items.append(fault)
        return fault

    def clear(self) -> None:
        with self.lock:
            self.items = []

    def snapshot(self) -> Dict[str, Any]:
        with self.lock:
            return {"pending": [dict(f) for f in self.items], "fired": [dict(f) for f in self.fired]}

    def take(self, verb: str, kind: str, plural: str, name: str) -> Optional[Dict[str, Any]]:
        """The fault this request triggers, if any (its count goes down by one)."""
        with self.lock:
            for fault in self.items:
                if fault["kind"] not in ("*", kind, plural) or verb not in fault["verbs"]:
                    continue
                if fault["name"] and fault["name"] != name:
                    continue
                if fault["count"] > 0:
                    fault["count"] -= 1
                    if fault["count"] == 0:
                        self.items.remove(fault)
                self.fired.append({"verb": verb, "kind": kind, "name": name, "action": fault["action"]})
                return dict(fault)
        return None
