# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Kubernetes object scaffolding shared by the Cilium and Isovalent renderers."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Optional

MANAGED_BY_KEY = "app.kubernetes.io/managed-by"
MANAGED_BY = "kubevrf.tenancy"

# RFC 1123 subdomain: what the API server accepts as metadata.name.
_DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")


class RenderError(ValueError):
    """The intent cannot be rendered; the message says what and why."""


def check_name(name: str, what: str) -> str:
    """``name`` if it is a valid object name, else a RenderError naming ``what``."""
    if len(name) > 253 or not _DNS_SUBDOMAIN.match(name):
        raise RenderError(
            "%s: %r is not a valid Kubernetes object name (lower-case letters, digits, '-' and '.', "
            "starting and ending with a letter or digit, at most 253 characters)" % (what, name)
        )
    return name


def k8s_name(text: str) -> str:
    """A valid object name derived from a device-side name (``Tenant1_Pods`` -> ``tenant1-pods``)."""
    name = re.sub(r"[^a-z0-9.-]+", "-", text.lower())
    name = re.sub(r"-{2,}", "-", name).strip("-.")[:63].rstrip("-.")
    if not name:
        raise RenderError("%r has no letters or digits to make a Kubernetes name from" % (text,))
    return name


def check_label_value(value: str, what: str) -> str:
    if len(value) > 63 or not _LABEL_VALUE.match(value):
        raise RenderError("%s: %r is not a valid label value (at most 63 letters, digits, '-', '_', '.')" % (what, value))
    return value


def new_object(api_version: str, kind: str, name: str, spec: Dict[str, Any],
               labels: Optional[Mapping[str, str]] = None) -> Dict[str, Any]:
    """A cluster-scoped object with the managed-by label on top of ``labels``."""
    all_labels = dict(labels or {})
    all_labels[MANAGED_BY_KEY] = MANAGED_BY
    return {
        "apiVersion": api_version,
        "kind": kind,
        "metadata": {"name": check_name(name, kind), "labels": all_labels},
        "spec": spec,
    }


def unique_names(objects: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Fail when two objects of one kind would share a name (one would overwrite the other)."""
    seen: Dict[Any, int] = {}
    for index, obj in enumerate(objects):
        key = (obj["kind"], obj["metadata"]["name"])
        if key in seen:
            raise RenderError("two %s objects would both be named %r; rename one of their sources" % key)
        seen[key] = index
    return objects
