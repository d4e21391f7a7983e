# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Our own structural schemas for the Isovalent Enterprise kinds.

Isovalent's CRD files are not public. These schemas encode only the facts in
shared/docs/isovalent-srv6.md (required fields, types, enums, SRv6 bit-length
constraints) in the same openAPIV3Schema dialect as real CRDs, so
``crd_schema.object_errors`` checks them exactly like the Cilium ones:
unknown fields fail, and the CEL rules (bit lengths, VPNv4 only, ...) run.
They are a witness written from the doc, not from the renderer's code.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping

from crd_schema import Crd, object_errors

GROUP = "isovalent.com"
VERSION = "v1alpha1"

U32 = 4294967295
ASN = {"type": "integer", "format": "int64", "minimum": 1, "maximum": U32}
# Route distinguisher / route target: ASN:NN or IPv4:NN (both parts decimal).
RD_RT = {"type": "string", "pattern": r"^(\d{1,10}|\d{1,3}(\.\d{1,3}){3}):\d{1,10}$"}
IPV6_PREFIX = {"type": "string", "format": "cidr", "pattern": r"^[0-9A-Fa-f:]+/\d{1,3}$"}
NAME = {"type": "string", "minLength": 1, "maxLength": 253}

LABEL_SELECTOR: Dict[str, Any] = {
    "type": "object",
    "properties": {
        "matchLabels": {"type": "object", "additionalProperties": {
            "type": "string", "maxLength": 63, "pattern": r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$"}},
        "matchExpressions": {"type": "array", "items": {
            "type": "object",
            "required": ["key", "operator"],
            "properties": {
                "key": {"type": "string"},
                "operator": {"type": "string", "enum": ["In", "NotIn", "Exists", "DoesNotExist"]},
                "values": {"type": "array", "items": {"type": "string"}},
            },
        }},
    },
}

FAMILY = {
    "type": "object",
    "required": ["afi", "safi"],
    "properties": {
        "afi": {"type": "string", "enum": ["ipv4", "ipv6", "l2vpn"]},
        "safi": {"type": "string", "enum": ["unicast", "mpls_vpn", "evpn"]},
        "advertisements": LABEL_SELECTOR,
    },
}

BIT_LEN = {"type": "integer", "minimum": 0, "maximum": 128}


def _crd(kind: str, spec: Mapping[str, Any]) -> Crd:
    schema = {
        "type": "object",
        "required": ["spec"],
        "properties": {
            "apiVersion": {"type": "string"},
            "kind": {"type": "string"},
            "metadata": {"type": "object"},
            "spec": spec,
        },
    }
    return Crd(GROUP, VERSION, kind, "Cluster", schema)


LOCATOR_POOL = _crd("IsovalentSRv6LocatorPool", {
    "type": "object",
    "required": ["prefix", "locatorLenBits", "behaviorType", "structure"],
    "properties": {
        "prefix": IPV6_PREFIX,
        "locatorLenBits": BIT_LEN,
        "behaviorType": {"type": "string", "enum": ["Base", "uSID"]},
        "structure": {
            "type": "object",
            "required": ["locatorBlockLenBits", "locatorNodeLenBits", "functionLenBits", "argumentLenBits"],
            "properties": {k: BIT_LEN for k in ("locatorBlockLenBits", "locatorNodeLenBits",
                                                "functionLenBits", "argumentLenBits")},
        },
    },
    "x-kubernetes-validations": [
        {"rule": "self.structure.locatorBlockLenBits + self.structure.locatorNodeLenBits == self.locatorLenBits",
         "message": "block + node bits must equal locatorLenBits"},
        {"rule": "self.locatorLenBits + self.structure.functionLenBits + self.structure.argumentLenBits <= 128",
         "message": "locator + function + argument bits must fit in 128"},
        {"rule": "cidr(self.prefix).prefixLength() <= self.locatorLenBits",
         "message": "the pool prefix must not be longer than the locators carved from it"},
    ],
})

VRF = _crd("IsovalentVRF", {
    "type": "object",
    "required": ["vrfID", "locatorPoolRef", "rules"],
    "properties": {
        "vrfID": {"type": "integer", "format": "int32", "minimum": 0},
        "locatorPoolRef": NAME,
        "rules": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "required": ["selectors", "destinationCIDRs"],
            "properties": {
                "selectors": {"type": "array", "minItems": 1, "items": {
                    "type": "object",
                    "properties": {"endpointSelector": LABEL_SELECTOR, "namespaceSelector": LABEL_SELECTOR},
                    "x-kubernetes-validations": [
                        {"rule": "has(self.endpointSelector) || has(self.namespaceSelector)",
                         "message": "a selector needs endpointSelector and/or namespaceSelector"}],
                }},
                "destinationCIDRs": {"type": "array", "minItems": 1,
                                     "items": {"type": "string", "format": "cidr"}},
            },
        }},
    },
})

CLUSTER_CONFIG = _crd("IsovalentBGPClusterConfig", {
    "type": "object",
    "required": ["bgpInstances"],
    "properties": {
        "nodeSelector": LABEL_SELECTOR,
        "bgpInstances": {
            "type": "array", "minItems": 1, "maxItems": 16,
            "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
            "items": {
                "type": "object",
                "required": ["name", "localASN"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 255},
                    "localASN": ASN,
                    "peers": {
                        "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                        "items": {
                            "type": "object",
                            "required": ["name", "peerAddress", "peerASN", "peerConfigRef"],
                            "properties": {
                                "name": {"type": "string", "minLength": 1, "maxLength": 255},
                                "peerAddress": {"type": "string", "anyOf": [{"format": "ipv4"}, {"format": "ipv6"}]},
                                "peerASN": ASN,
                                "peerConfigRef": {"type": "object", "required": ["name"], "properties": {"name": NAME}},
                            },
                        },
                    },
                    "vrfs": {
                        "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["vrfRef"],
                        "items": {
                            "type": "object",
                            "required": ["vrfRef", "rd", "configRef"],
                            "properties": {
                                "vrfRef": NAME,
                                "rd": RD_RT,
                                "importRTs": {"type": "array", "items": RD_RT},
                                "exportRTs": {"type": "array", "items": RD_RT},
                                "configRef": NAME,
                            },
                            "x-kubernetes-validations": [
                                {"rule": "has(self.importRTs) || has(self.exportRTs)",
                                 "message": "a VRF without route targets exchanges nothing"}],
                        },
                    },
                },
            },
        },
    },
})

PEER_CONFIG = _crd("IsovalentBGPPeerConfig", {
    "type": "object",
    "properties": {
        "families": {"type": "array", "items": FAMILY},
        "ebgpMultihop": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 255},
    },
})

VRF_CONFIG = _crd("IsovalentBGPVRFConfig", {
    "type": "object",
    "required": ["families"],
    "properties": {
        "families": {"type": "array", "minItems": 1, "items": {
            **FAMILY,
            "x-kubernetes-validations": [
                {"rule": "self.afi == 'ipv4' && self.safi == 'mpls_vpn'",
                 "message": "only VPNv4 (ipv4/mpls_vpn) is implemented in VRFs"}],
        }},
    },
})

ADVERTISEMENT = _crd("IsovalentBGPAdvertisement", {
    "type": "object",
    "required": ["advertisements"],
    "properties": {
        "advertisements": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "required": ["advertisementType"],
            "properties": {
                "advertisementType": {"type": "string",
                                      "enum": ["PodCIDR", "CiliumPodIPPool", "Service", "SRv6LocatorPool"]},
                "selector": LABEL_SELECTOR,
                "service": {"type": "object", "required": ["addresses"], "properties": {
                    "addresses": {"type": "array", "minItems": 1, "items": {
                        "type": "string", "enum": ["LoadBalancerIP", "ClusterIP", "ExternalIP"]}}}},
                "attributes": {"type": "object", "properties": {
                    "communities": {"type": "object", "properties": {
                        "standard": {"type": "array", "items": {"type": "string", "pattern": r"^\d{1,5}:\d{1,5}$"}},
                        "large": {"type": "array", "items": {"type": "string", "pattern": r"^\d{1,10}:\d{1,10}:\d{1,10}$"}},
                    }},
                    "localPreference": {"type": "integer", "format": "int64"},
                }},
            },
            "x-kubernetes-validations": [
                {"rule": "self.advertisementType != 'Service' || has(self.service)",
                 "message": "a Service advertisement needs service.addresses"},
                {"rule": "self.advertisementType == 'Service' || !has(self.service)",
                 "message": "service is only for the Service advertisementType"},
                {"rule": "self.advertisementType != 'SRv6LocatorPool' || has(self.selector)",
                 "message": "an SRv6LocatorPool advertisement selects the pool(s) by label"},
                {"rule": "self.advertisementType != 'PodCIDR' || !has(self.selector)",
                 "message": "PodCIDR takes no selector"},
            ],
        }},
    },
})

NODE_OVERRIDE = _crd("IsovalentBGPNodeConfigOverride", {
    "type": "object",
    "required": ["bgpInstances"],
    "properties": {
        "bgpInstances": {
            "type": "array", "minItems": 1, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string", "minLength": 1}, "srv6Responder": {"type": "boolean"}},
            },
        },
    },
})

ISOVALENT_CRDS: Dict[str, Crd] = {
    crd.kind: crd for crd in (LOCATOR_POOL, VRF, CLUSTER_CONFIG, PEER_CONFIG, VRF_CONFIG, ADVERTISEMENT, NODE_OVERRIDE)
}


def isovalent_object_errors(obj: Mapping[str, Any]) -> List[str]:
    kind = obj.get("kind")
    if kind not in ISOVALENT_CRDS:
        return ["no Isovalent schema for kind %r" % (kind,)]
    return object_errors(obj, ISOVALENT_CRDS[kind])
