# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``meta.k8s.io/v1`` Table responses, which ``kubectl get`` asks for."""

from __future__ import annotations

import datetime
import re
from typing import Any, Dict, List, Mapping, Optional

from .resources import Resource


def human_age(seconds: float) -> str:
    """kube's duration.HumanDuration."""
    s = int(max(seconds, 0))
    if s < 120:
        return "%ds" % s
    m = s // 60
    if m < 10:
        return "%dm%ds" % (m, s % 60) if s % 60 else "%dm" % m
    if m < 180:
        return "%dm" % m
    h = m // 60
    if h < 8:
        return "%dh%dm" % (h, m % 60) if m % 60 else "%dh" % h
    if h < 48:
        return "%dh" % h
    d = h // 24
    if d < 8:
        return "%dd%dh" % (d, h % 24) if h % 24 else "%dd" % d
    if d < 365 * 2:
        return "%dd" % d
    return "%dy" % (d // 365)


def _age(stamp: Any, now: float) -> str:
    if not isinstance(stamp, str) or not stamp:
        return "<unknown>"
    when = datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
    return human_age(now - when)


_FILTER = re.compile(r"^(\w+)\[\?\(@\.(\w+)\s*==\s*['\"]([^'\"]*)['\"]\)\]$")


def json_path(obj: Any, path: str) -> Any:
    """The simple JSONPath CRD printer columns use: ``.a.b``, ``.a[0].b``, ``.a[?(@.type=="X")].b``."""
    value = obj
    for part in [p for p in path.strip().lstrip(".").split(".") if p]:
        m = _FILTER.match(part)
        if m:
            items = (value or {}).get(m.group(1)) if isinstance(value, dict) else None
            value = next((i for i in items or [] if isinstance(i, dict) and str(i.get(m.group(2))) == m.group(3)), None)
            continue
        m = re.match(r"^(\w[\w-]*)(?:\[(\d+)\])?$", part)
        if not m or not isinstance(value, dict):
            return None
        value = value.get(m.group(1))
        if m.group(2) is not None:
            value = value[int(m.group(2))] if isinstance(value, list) and len(value) > int(m.group(2)) else None
    return value


def _special(token: str, obj: Mapping[str, Any]) -> Any:
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    if token == "EXTERNAL-IP":
        ips = [i.get("ip") or i.get("hostname") for i in (status.get("loadBalancer") or {}).get("ingress") or []]
        ips += spec.get("externalIPs") or []
        if ips:
            return ",".join(ips)
        return "<pending>" if spec.get("type") == "LoadBalancer" else "<none>"
    if token == "PORTS":
        ports = []
        for p in spec.get("ports") or []:
            text = "%s" % p.get("port")
            if p.get("nodePort"):
                text += ":%s" % p["nodePort"]
            ports.append("%s/%s" % (text, p.get("protocol", "TCP")))
        return ",".join(ports) or "<none>"
    if token == "NODE-STATUS":
        ready = json_path(obj, '.status.conditions[?(@.type=="Ready")].status')
        return "Ready" if ready in (None, "True") else "NotReady"
    if token == "NODE-ROLES":
        roles = [k.split("/", 1)[1] for k in ((obj.get("metadata") or {}).get("labels") or {})
                 if k.startswith("node-role.kubernetes.io/")]
        return ",".join(sorted(roles)) or "<none>"
    if token == "POD-READY":
        statuses = status.get("containerStatuses") or []
        return "%d/%d" % (sum(1 for c in statuses if c.get("ready")), len(statuses) or len(spec.get("containers") or []))
    if token == "DATA":
        return len(obj.get("data") or {}) + len(obj.get("binaryData") or {})
    if token == "POD-RESTARTS":
        return sum(int(c.get("restartCount") or 0) for c in status.get("containerStatuses") or [])
    return None


def _cell(column: Mapping[str, Any], obj: Mapping[str, Any], now: float) -> Any:
    path = column.get("jsonPath", "")
    value = _special(path, obj) if not path.startswith(".") else json_path(obj, path)
    if column.get("type") == "date":
        return _age(value, now)
    if value is None:
        return "<none>" if not path.startswith(".") or column.get("type") == "string" else None
    if isinstance(value, (dict, list)):
        return str(value)
    return value


def table(res: Resource, items: List[Dict[str, Any]], resource_version: str, now: float,
          include: str = "Metadata") -> Dict[str, Any]:
    columns = [{"name": "Name", "type": "string", "format": "name", "priority": 0,
                "description": "Name must be unique within a namespace."}]
    for col in res.columns:
        columns.append({"name": col["name"], "type": col.get("type", "string"), "format": col.get("format", ""),
                        "priority": int(col.get("priority", 0)), "description": col.get("description", "")})
    rows = []
    for obj in items:
        row: Dict[str, Any] = {"cells": [obj["metadata"]["name"]] + [_cell(c, obj, now) for c in res.columns]}
        if include == "Object":
            row["object"] = obj
        elif include != "None":
            row["object"] = {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                             "metadata": obj["metadata"]}
        rows.append(row)
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": resource_version},
            "columnDefinitions": columns, "rows": rows}


def wants_table(accept: Optional[str]) -> bool:
    first = (accept or "").split(",")[0]
    return "as=Table" in first
