# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""API resources the twin serves: the few built-in kinds, and CRD-defined ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple

from .schema import Schema

READ_VERBS = ("get", "list", "watch")
ALL_VERBS = ("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")


@dataclass
class Resource:
    group: str
    version: str
    kind: str
    plural: str
    singular: str
    namespaced: bool
    schema: Schema
    short_names: Tuple[str, ...] = ()
    categories: Tuple[str, ...] = ()
    status_subresource: bool = False
    columns: List[Dict[str, Any]] = field(default_factory=list)  # additionalPrinterColumns
    crd: Optional[str] = None        # the CRD's name; None for built-in kinds
    storage: bool = True
    verbs: Tuple[str, ...] = ALL_VERBS

    @property
    def api_version(self) -> str:
        return "%s/%s" % (self.group, self.version) if self.group else self.version

    @property
    def group_resource(self) -> str:
        return "%s.%s" % (self.plural, self.group) if self.group else self.plural

    @property
    def key(self) -> Tuple[str, str]:
        """Objects are stored once per group and plural, whatever version is asked for."""
        return (self.group, self.plural)


def _obj(props: Mapping[str, Any], required=(), preserve: bool = False) -> Dict[str, Any]:
    out: Dict[str, Any] = {"type": "object", "properties": dict(props)}
    if required:
        out["required"] = list(required)
    if preserve:
        out["x-kubernetes-preserve-unknown-fields"] = True
    return out


STR = {"type": "string"}
INT = {"type": "integer", "format": "int32"}
STR_MAP = {"type": "object", "additionalProperties": {"type": "string"}}
ATOMIC_STRS = {"type": "array", "items": {"type": "string"}}
ROOT = {"apiVersion": STR, "kind": STR, "metadata": {"type": "object"}}

# Built-in kinds list their real fields (k8s.io/api core/v1 types.go), so an unknown field
# nested in them is pruned with a warning, or refused under fieldValidation=Strict, as
# the API server does; status and a few deeper types stay open (the twin does not model them).
SERVICE_SCHEMA = _obj(dict(ROOT, spec=_obj({
    "type": {"type": "string", "enum": ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"]},
    "clusterIP": STR, "clusterIPs": ATOMIC_STRS, "externalIPs": ATOMIC_STRS, "loadBalancerIP": STR,
    "loadBalancerClass": STR, "selector": STR_MAP, "externalTrafficPolicy": STR, "internalTrafficPolicy": STR,
    "externalName": STR, "sessionAffinity": STR, "loadBalancerSourceRanges": ATOMIC_STRS,
    "healthCheckNodePort": INT, "publishNotReadyAddresses": {"type": "boolean"},
    "sessionAffinityConfig": _obj({"clientIP": _obj({"timeoutSeconds": INT})}),
    "ipFamilies": ATOMIC_STRS, "ipFamilyPolicy": STR, "allocateLoadBalancerNodePorts": {"type": "boolean"},
    "trafficDistribution": STR,
    "ports": {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["port", "protocol"],
              "items": _obj({"name": STR, "port": INT, "protocol": dict(STR, default="TCP"), "appProtocol": STR,
                             "targetPort": {"x-kubernetes-int-or-string": True}, "nodePort": INT},
                            required=["port"])},
}), status=_obj({}, preserve=True)))

NODE_SCHEMA = _obj(dict(ROOT, spec=_obj({"podCIDR": STR, "podCIDRs": ATOMIC_STRS, "providerID": STR,
                                         "unschedulable": {"type": "boolean"}, "externalID": STR,
                                         "taints": {"type": "array", "items": _obj({}, preserve=True)},
                                         "configSource": _obj({}, preserve=True)}),
                        status=_obj({"addresses": {"type": "array", "x-kubernetes-list-type": "map",
                                                   "x-kubernetes-list-map-keys": ["type"],
                                                   "items": _obj({"type": STR, "address": STR})}},
                                    preserve=True)))
NAMESPACE_SCHEMA = _obj(dict(ROOT, spec=_obj({"finalizers": ATOMIC_STRS}), status=_obj({}, preserve=True)))
OPEN = _obj({}, preserve=True)      # a nested API type the twin does not spell out
OPEN_LIST = {"type": "array", "items": OPEN}
BOOL = {"type": "boolean"}
INT64 = {"type": "integer", "format": "int64"}
# core/v1 Container and PodSpec fields (k8s.io/api core/v1 types.go, 1.30): unknown ones
# directly in them are caught; their nested types (probes, resources, ...) are left open.
CONTAINER = _obj(dict(
    name=STR, image=STR, command=ATOMIC_STRS, args=ATOMIC_STRS, workingDir=STR,
    ports={"type": "array", "items": _obj({"name": STR, "hostPort": INT, "containerPort": INT, "hostIP": STR,
                                           "protocol": dict(STR, default="TCP")}, required=["containerPort"])},
    envFrom=OPEN_LIST, env={"type": "array", "items": _obj({"name": STR, "value": STR, "valueFrom": OPEN},
                                                           required=["name"])},
    resources=OPEN, resizePolicy=OPEN_LIST, restartPolicy=STR, volumeMounts=OPEN_LIST, volumeDevices=OPEN_LIST,
    livenessProbe=OPEN, readinessProbe=OPEN, startupProbe=OPEN, lifecycle=OPEN, terminationMessagePath=STR,
    terminationMessagePolicy=STR, imagePullPolicy=STR, securityContext=OPEN, stdin=BOOL, stdinOnce=BOOL,
    tty=BOOL), required=["name"])
POD_SPEC = _obj(dict(
    volumes=OPEN_LIST, initContainers={"type": "array", "items": CONTAINER},
    containers={"type": "array", "items": CONTAINER}, ephemeralContainers=OPEN_LIST, restartPolicy=STR,
    terminationGracePeriodSeconds=INT64, activeDeadlineSeconds=INT64, dnsPolicy=STR, nodeSelector=STR_MAP,
    serviceAccountName=STR, serviceAccount=STR, automountServiceAccountToken=BOOL, nodeName=STR,
    hostNetwork=BOOL, hostPID=BOOL, hostIPC=BOOL, shareProcessNamespace=BOOL, securityContext=OPEN,
    imagePullSecrets=OPEN_LIST, hostname=STR, subdomain=STR, affinity=OPEN, schedulerName=STR,
    tolerations=OPEN_LIST, hostAliases=OPEN_LIST, priorityClassName=STR, priority=INT, dnsConfig=OPEN,
    readinessGates=OPEN_LIST, runtimeClassName=STR, enableServiceLinks=BOOL, preemptionPolicy=STR, overhead=OPEN,
    topologySpreadConstraints=OPEN_LIST, setHostnameAsFQDN=BOOL, os=OPEN, hostUsers=BOOL, schedulingGates=OPEN_LIST,
    resourceClaims=OPEN_LIST, resources=OPEN))
POD_SCHEMA = _obj(dict(ROOT, spec=POD_SPEC, status=_obj({}, preserve=True)))
CONFIGMAP_SCHEMA = _obj(dict(ROOT, data=STR_MAP, binaryData=STR_MAP, immutable=BOOL))
# coordination.k8s.io/v1 LeaseSpec (k8s.io/api coordination/v1 types.go); the deploy's per-cluster lock.
LEASE_SCHEMA = _obj(dict(ROOT, spec=_obj({"holderIdentity": STR, "leaseDurationSeconds": INT, "acquireTime": STR,
                                          "renewTime": STR, "leaseTransitions": INT, "strategy": STR,
                                          "preferredHolder": STR})))
CRD_SCHEMA = _obj(dict(ROOT, spec=_obj({
    "group": STR, "scope": {"type": "string", "enum": ["Cluster", "Namespaced"]},
    "names": _obj({"plural": STR, "singular": STR, "kind": STR, "listKind": STR, "shortNames": ATOMIC_STRS,
                   "categories": ATOMIC_STRS}, required=["plural", "kind"]),
    "versions": {"type": "array", "minItems": 1, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                 "items": _obj({"name": STR, "served": {"type": "boolean"}, "storage": {"type": "boolean"}},
                               required=["name", "served", "storage"], preserve=True)},
}, required=["group", "names", "scope", "versions"], preserve=True), status=_obj({}, preserve=True)), required=["spec"])

AGE = {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}


def builtin_resources() -> List[Resource]:
    return [
        Resource("", "v1", "Namespace", "namespaces", "namespace", False, Schema(NAMESPACE_SCHEMA), ("ns",),
                 status_subresource=True,
                 columns=[{"name": "Status", "type": "string", "jsonPath": ".status.phase"}, AGE]),
        Resource("", "v1", "Service", "services", "service", True, Schema(SERVICE_SCHEMA), ("svc",), ("all",),
                 status_subresource=True, columns=[
                     {"name": "Type", "type": "string", "jsonPath": ".spec.type"},
                     {"name": "Cluster-IP", "type": "string", "jsonPath": ".spec.clusterIP"},
                     {"name": "External-IP", "type": "string", "jsonPath": "EXTERNAL-IP"},
                     {"name": "Port(s)", "type": "string", "jsonPath": "PORTS"}, AGE]),
        Resource("", "v1", "Node", "nodes", "node", False, Schema(NODE_SCHEMA), ("no",), status_subresource=True,
                 columns=[{"name": "Status", "type": "string", "jsonPath": "NODE-STATUS"},
                          {"name": "Roles", "type": "string", "jsonPath": "NODE-ROLES"}, AGE,
                          {"name": "Version", "type": "string", "jsonPath": ".status.nodeInfo.kubeletVersion"}]),
        Resource("", "v1", "Pod", "pods", "pod", True, Schema(POD_SCHEMA), ("po",), ("all",), status_subresource=True,
                 columns=[{"name": "Ready", "type": "string", "jsonPath": "POD-READY"},
                          {"name": "Status", "type": "string", "jsonPath": ".status.phase"},
                          {"name": "Restarts", "type": "integer", "jsonPath": "POD-RESTARTS"}, AGE,
                          {"name": "IP", "type": "string", "jsonPath": ".status.podIP", "priority": 1}]),
        Resource("", "v1", "ConfigMap", "configmaps", "configmap", True, Schema(CONFIGMAP_SCHEMA), ("cm",),
                 columns=[{"name": "Data", "type": "integer", "jsonPath": "DATA"}, AGE]),
        Resource("coordination.k8s.io", "v1", "Lease", "leases", "lease", True, Schema(LEASE_SCHEMA),
                 columns=[{"name": "Holder", "type": "string", "jsonPath": ".spec.holderIdentity"}, AGE]),
        Resource("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions",
                 "customresourcedefinition", False, Schema(CRD_SCHEMA), ("crd", "crds"), ("api-extensions",),
                 status_subresource=True, columns=[{"name": "Created At", "type": "date",
                                                    "jsonPath": ".metadata.creationTimestamp"}]),
    ]


def crd_resources(crd: Mapping[str, Any]) -> List[Resource]:
    """One Resource per served version of a CRD (raises CelUnsupported / ValueError on a bad schema)."""
    spec = crd["spec"]
    names = spec["names"]
    out = []
    for version in spec["versions"]:
        if not version.get("served"):
            continue
        raw = ((version.get("schema") or {}).get("openAPIV3Schema")) or {"type": "object",
                                                                         "x-kubernetes-preserve-unknown-fields": True}
        out.append(Resource(
            group=spec["group"], version=version["name"], kind=names["kind"], plural=names["plural"],
            singular=names.get("singular") or names["kind"].lower(), namespaced=spec["scope"] == "Namespaced",
            schema=Schema(raw), short_names=tuple(names.get("shortNames") or ()),
            categories=tuple(names.get("categories") or ()),
            status_subresource="status" in (version.get("subresources") or {}),
            columns=list(version.get("additionalPrinterColumns") or [AGE]), crd=crd["metadata"]["name"],
            storage=bool(version.get("storage"))))
    return out
