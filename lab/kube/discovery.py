# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Discovery documents (legacy, unaggregated form) and a minimal OpenAPI v3.

Clients ask for aggregated discovery first (``apidiscovery.k8s.io/v2``) and
fall back when the reply's Content-Type is plain ``application/json``, which
is what the twin sends. OpenAPI v3 is served per group-version with the
operations' query parameters, so kubectl's server-side field validation
check (``fieldValidation``) finds what it looks for.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Dict, List

from .resources import Resource

KUBE_VERSION = {"major": "1", "minor": "32", "gitVersion": "v1.32.4", "gitCommit": "kubevrf-lab",
                "gitTreeState": "clean", "buildDate": "2025-04-22T00:00:00Z", "goVersion": "go1.23.6",
                "compiler": "gc", "platform": "linux/amd64"}
STATUS_VERBS = ["get", "patch", "update"]


def api_versions(address: str) -> Dict[str, Any]:
    return {"kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": address}]}


def _versions(resources: List[Resource]) -> Dict[str, List[str]]:
    groups: Dict[str, List[str]] = {}
    for res in resources:
        if res.group:
            versions = groups.setdefault(res.group, [])
            if res.version not in versions:
                versions.append(res.version)
    return groups


def _preferred(resources: List[Resource], group: str, versions: List[str]) -> str:
    storage = [r.version for r in resources if r.group == group and r.storage]
    return storage[0] if storage else sorted(versions)[-1]


def group_list(resources: List[Resource]) -> Dict[str, Any]:
    groups = []
    for group, versions in sorted(_versions(resources).items()):
        groups.append(_group(resources, group, versions))
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}


def _group(resources: List[Resource], group: str, versions: List[str]) -> Dict[str, Any]:
    preferred = _preferred(resources, group, versions)
    ordered = [preferred] + sorted(v for v in versions if v != preferred)
    return {"name": group, "versions": [{"groupVersion": "%s/%s" % (group, v), "version": v} for v in ordered],
            "preferredVersion": {"groupVersion": "%s/%s" % (group, preferred), "version": preferred}}


def group(resources: List[Resource], name: str) -> Dict[str, Any]:
    versions = _versions(resources).get(name)
    if not versions:
        return {}
    return dict(_group(resources, name, versions), kind="APIGroup", apiVersion="v1")


def resource_list(resources: List[Resource], group_version: str) -> Dict[str, Any]:
    items = []
    for res in resources:
        if res.api_version != group_version:
            continue
        entry = {"name": res.plural, "singularName": res.singular, "namespaced": res.namespaced, "kind": res.kind,
                 "verbs": list(res.verbs),
                 "storageVersionHash": hashlib.sha256(res.group_resource.encode()).hexdigest()[:11]}
        if res.short_names:
            entry["shortNames"] = list(res.short_names)
        if res.categories:
            entry["categories"] = list(res.categories)
        items.append(entry)
        if res.status_subresource:
            items.append({"name": res.plural + "/status", "singularName": "", "namespaced": res.namespaced,
                          "kind": res.kind, "verbs": STATUS_VERBS})
    if not items:
        return {}
    return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": group_version, "resources": items}


def _gv_path(gv: str) -> str:
    return "api/v1" if gv == "v1" else "apis/" + gv


def openapi_v3_root(resources: List[Resource]) -> Dict[str, Any]:
    paths = {}
    for gv in sorted({r.api_version for r in resources}):
        doc = openapi_v3_doc(resources, gv)
        digest = hashlib.sha512(json.dumps(doc, sort_keys=True).encode()).hexdigest()[:32].upper()
        paths[_gv_path(gv)] = {"serverRelativeURL": "/openapi/v3/%s?hash=%s" % (_gv_path(gv), digest)}
    return {"paths": paths}


_WRITE_PARAMS = [{"name": n, "in": "query", "schema": {"type": t}} for n, t in
                 (("dryRun", "string"), ("fieldManager", "string"), ("fieldValidation", "string"),
                  ("force", "boolean"), ("pretty", "string"))]


def openapi_v3_doc(resources: List[Resource], gv: str) -> Dict[str, Any]:
    paths: Dict[str, Any] = {}
    schemas: Dict[str, Any] = {}
    for res in resources:
        if res.api_version != gv:
            continue
        group_dotted = ".".join(reversed(res.group.split("."))) if res.group else "io.k8s.api.core"
        ref = "%s.%s.%s" % (group_dotted, res.version, res.kind)
        schema = json.loads(json.dumps(res.schema.root))
        schema["x-kubernetes-group-version-kind"] = [{"group": res.group, "version": res.version, "kind": res.kind}]
        schemas[ref] = schema
        base = "/%s/%s%s" % (_gv_path(gv), "namespaces/{namespace}/" if res.namespaced else "", res.plural)
        body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/" + ref}}}}
        gvk = {"group": res.group, "version": res.version, "kind": res.kind}
        paths[base] = {
            "get": {"operationId": "list" + res.kind, "x-kubernetes-action": "list", "x-kubernetes-group-version-kind": gvk},
            "post": {"operationId": "create" + res.kind, "parameters": _WRITE_PARAMS, "requestBody": body,
                     "x-kubernetes-action": "post", "x-kubernetes-group-version-kind": gvk}}
        paths[base + "/{name}"] = {
            "get": {"operationId": "read" + res.kind, "x-kubernetes-action": "get", "x-kubernetes-group-version-kind": gvk},
            "put": {"operationId": "replace" + res.kind, "parameters": _WRITE_PARAMS, "requestBody": body,
                    "x-kubernetes-action": "put", "x-kubernetes-group-version-kind": gvk},
            "patch": {"operationId": "patch" + res.kind, "parameters": _WRITE_PARAMS,
                      "x-kubernetes-action": "patch", "x-kubernetes-group-version-kind": gvk},
            "delete": {"operationId": "delete" + res.kind, "parameters": _WRITE_PARAMS[:1],
                       "x-kubernetes-action": "delete", "x-kubernetes-group-version-kind": gvk}}
    return {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": KUBE_VERSION["gitVersion"]},
            "paths": paths, "components": {"schemas": schemas}}
