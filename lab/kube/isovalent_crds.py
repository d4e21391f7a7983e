# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""CustomResourceDefinitions for the Isovalent Enterprise SRv6 L3VPN kinds.

Isovalent's CRD files are not public; these are the lab's own, written from
the field facts in shared/docs/isovalent-srv6.md (all ``isovalent.com/v1alpha1``,
cluster-scoped). Fields the doc names are typed and checked (enums, required,
SRv6 bit-length rules as CEL); areas the doc leaves open (timers, transport,
graceful restart) keep unknown fields. Uncertain names live here only.
"""

from __future__ import annotations

from typing import Any, Dict, List

GROUP = "isovalent.com"
VERSION = "v1alpha1"

STR = {"type": "string"}
NAME = {"type": "string", "minLength": 1, "maxLength": 253}
ASN = {"type": "integer", "format": "int64", "minimum": 1, "maximum": 4294967295}
RD_RT = {"type": "string", "pattern": r"^(\d{1,10}|\d{1,3}(\.\d{1,3}){3}):\d{1,10}$"}
BITS = {"type": "integer", "minimum": 0, "maximum": 128}
OPEN = {"type": "object", "x-kubernetes-preserve-unknown-fields": True}
SELECTOR = {
    "type": "object",
    "x-kubernetes-map-type": "atomic",
    "properties": {
        "matchLabels": {"type": "object", "additionalProperties": {"type": "string", "maxLength": 63}},
        "matchExpressions": {"type": "array", "items": {
            "type": "object", "required": ["key", "operator"],
            "properties": {"key": STR, "operator": {"type": "string", "enum": ["In", "NotIn", "Exists", "DoesNotExist"]},
                           "values": {"type": "array", "items": STR}}}},
    },
}
FAMILY = {"type": "object", "required": ["afi", "safi"], "properties": {
    "afi": {"type": "string", "enum": ["ipv4", "ipv6", "l2vpn"]},
    "safi": {"type": "string", "enum": ["unicast", "multicast", "mpls_vpn", "evpn"]},
    "advertisements": SELECTOR}}


def _map_list(keys: List[str], item: Dict[str, Any], **extra: Any) -> Dict[str, Any]:
    return dict({"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": keys,
                 "items": item}, **extra)


def _crd(kind: str, plural: str, spec: Dict[str, Any], short: List[str], status: bool = False,
         spec_required: bool = True) -> Dict[str, Any]:
    props = {"apiVersion": STR, "kind": STR, "metadata": {"type": "object"}, "spec": spec}
    if status:
        props["status"] = OPEN
    version = {"name": VERSION, "served": True, "storage": True,
               "schema": {"openAPIV3Schema": {"type": "object", "properties": props,
                                              **({"required": ["spec"]} if spec_required else {})}},
               "additionalPrinterColumns": [{"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}]}
    if status:
        version["subresources"] = {"status": {}}
    return {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": {"name": "%s.%s" % (plural, GROUP), "labels": {"app.kubernetes.io/part-of": "isovalent-lab"}},
            "spec": {"group": GROUP, "scope": "Cluster",
                     "names": {"kind": kind, "listKind": kind + "List", "plural": plural,
                               "singular": kind.lower(), "shortNames": short, "categories": ["isovalent"]},
                     "versions": [version]}}


def isovalent_crds() -> List[Dict[str, Any]]:
    locator_structure = {"type": "object", "required": ["locatorBlockLenBits", "locatorNodeLenBits",
                                                        "functionLenBits", "argumentLenBits"],
                         "properties": {k: BITS for k in ("locatorBlockLenBits", "locatorNodeLenBits",
                                                          "functionLenBits", "argumentLenBits")}}
    pool = _crd("IsovalentSRv6LocatorPool", "isovalentsrv6locatorpools", {
        "type": "object", "required": ["prefix", "locatorLenBits", "behaviorType", "structure"],
        "properties": {"prefix": {"type": "string", "format": "cidr", "pattern": r"^[0-9A-Fa-f:]+/\d{1,3}$"},
                       "locatorLenBits": BITS, "behaviorType": {"type": "string", "enum": ["Base", "uSID"]},
                       "structure": locator_structure},
        "x-kubernetes-validations": [
            {"rule": "self.structure.locatorBlockLenBits + self.structure.locatorNodeLenBits == self.locatorLenBits",
             "message": "locatorBlockLenBits + locatorNodeLenBits must equal locatorLenBits"},
            {"rule": "self.locatorLenBits + self.structure.functionLenBits + self.structure.argumentLenBits <= 128",
             "message": "locatorLenBits + functionLenBits + argumentLenBits must not exceed 128"}]},
        ["locatorpool"], status=True)
    vrf = _crd("IsovalentVRF", "isovalentvrfs", {
        "type": "object", "required": ["vrfID", "rules"],
        "properties": {
            "vrfID": {"type": "integer", "format": "int32", "minimum": 1},
            "locatorPoolRef": NAME,
            "importRouteTarget": RD_RT, "exportRouteTarget": RD_RT,  # deprecated, still accepted
            "rules": {"type": "array", "minItems": 1, "items": {
                "type": "object", "required": ["selectors", "destinationCIDRs"],
                "properties": {
                    "selectors": {"type": "array", "minItems": 1, "items": {
                        "type": "object",
                        "properties": {"endpointSelector": SELECTOR, "namespaceSelector": SELECTOR},
                        "x-kubernetes-validations": [{
                            "rule": "has(self.endpointSelector) || has(self.namespaceSelector)",
                            "message": "a selector needs endpointSelector and/or namespaceSelector"}]}},
                    "destinationCIDRs": {"type": "array", "minItems": 1,
                                         "items": {"type": "string", "format": "cidr"}}}}}}},
               ["isovrf"], status=True)
    peer = {"type": "object", "required": ["name", "peerAddress", "peerASN"], "properties": {
        "name": NAME, "peerAddress": STR, "peerASN": ASN,
        "peerConfigRef": {"type": "object", "required": ["name"], "properties": {"name": NAME}}}}
    vrf_ref = {"type": "object", "required": ["vrfRef", "rd"], "properties": {
        "vrfRef": NAME, "rd": RD_RT, "importRTs": {"type": "array", "items": RD_RT},
        "exportRTs": {"type": "array", "items": RD_RT}, "configRef": NAME}}
    cluster = _crd("IsovalentBGPClusterConfig", "isovalentbgpclusterconfigs", {
        "type": "object", "required": ["bgpInstances"],
        "properties": {"nodeSelector": SELECTOR, "bgpInstances": _map_list(["name"], {
            "type": "object", "required": ["name"],
            "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 255}, "localASN": ASN,
                           "peers": _map_list(["name"], peer), "vrfs": _map_list(["vrfRef"], vrf_ref)}},
            minItems=1, maxItems=16)}}, ["isobgpcluster"], status=True)
    peer_config = _crd("IsovalentBGPPeerConfig", "isovalentbgppeerconfigs", {
        "type": "object",
        "properties": {"families": {"type": "array", "items": FAMILY},
                       "ebgpMultihop": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 255},
                       "timers": OPEN, "transport": OPEN, "gracefulRestart": OPEN, "authSecretRef": STR}},
                       ["isobgppeer"], status=True, spec_required=False)
    vrf_config = _crd("IsovalentBGPVRFConfig", "isovalentbgpvrfconfigs", {
        "type": "object", "required": ["families"],
        "properties": {"families": {"type": "array", "minItems": 1, "items": dict(FAMILY, **{
            "x-kubernetes-validations": [{"rule": "self.afi == 'ipv4' && self.safi == 'mpls_vpn'",
                                          "message": "only ipv4/mpls_vpn (VPNv4) is supported in a VRF"}]})}}},
                      ["isobgpvrf"])
    advert = _crd("IsovalentBGPAdvertisement", "isovalentbgpadvertisements", {
        "type": "object", "required": ["advertisements"],
        "properties": {"advertisements": {"type": "array", "items": {
            "type": "object", "required": ["advertisementType"],
            "properties": {
                "advertisementType": {"type": "string", "enum": ["PodCIDR", "CiliumPodIPPool", "Service",
                                                                 "SRv6LocatorPool", "Interface"]},
                "selector": SELECTOR,
                "service": {"type": "object", "required": ["addresses"], "properties": {"addresses": {
                    "type": "array", "items": {"type": "string",
                                               "enum": ["LoadBalancerIP", "ClusterIP", "ExternalIP"]}}}},
                "attributes": {"type": "object", "properties": {
                    "communities": {"type": "object", "properties": {
                        "standard": {"type": "array", "items": {"type": "string"}},
                        "wellKnown": {"type": "array", "items": {"type": "string"}},
                        "large": {"type": "array", "items": {"type": "string"}}}},
                    "localPreference": {"type": "integer", "format": "int64"}}}},
            "x-kubernetes-validations": [
                {"rule": "self.advertisementType != 'Service' || has(self.service)",
                 "message": "service field is required for the 'Service' advertisementType"},
                {"rule": "self.advertisementType != 'SRv6LocatorPool' || has(self.selector)",
                 "message": "selector is required for the 'SRv6LocatorPool' advertisementType"},
                {"rule": "self.advertisementType != 'PodCIDR' || !has(self.selector)",
                 "message": "selector field is not allowed for 'PodCIDR' advertisementType"}]}}}},
        ["isobgpadvert"])
    override = _crd("IsovalentBGPNodeConfigOverride", "isovalentbgpnodeconfigoverrides", {
        "type": "object", "required": ["bgpInstances"],
        "properties": {"bgpInstances": _map_list(["name"], {
            "type": "object", "required": ["name"],
            "properties": {"name": {"type": "string", "minLength": 1}, "srv6Responder": {"type": "boolean"},
                           "routerID": STR, "localPort": {"type": "integer"}}}, minItems=1)}},
                    ["isobgpnodeoverride"])
    sid = {"type": "object", "properties": {"addr": STR, "structure": OPEN}}
    sidmanager = _crd("IsovalentSRv6SIDManager", "isovalentsrv6sidmanagers", {
        "type": "object",
        "properties": {"locatorAllocations": {"type": "array", "items": {
            "type": "object", "properties": {
                "poolRef": NAME,
                "locators": {"type": "array", "items": {"type": "object", "properties": {
                    "prefix": STR, "behaviorType": STR, "structure": locator_structure}}}}}}}},
        ["sidmanager"], status=True, spec_required=False)
    sidmanager["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["status"] = {
        "type": "object", "properties": {"sidAllocations": {"type": "array", "items": {
            "type": "object", "properties": {"poolRef": NAME, "sids": {"type": "array", "items": {
                "type": "object", "properties": {"sid": sid, "owner": STR, "metadata": STR, "behavior": STR,
                                                 "behaviorType": STR}}}}}}}}
    return [pool, vrf, cluster, peer_config, vrf_config, advert, override, sidmanager]
