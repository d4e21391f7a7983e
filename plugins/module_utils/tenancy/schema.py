# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""JSON Schema (2020-12) of the tenant inventory (the ``tenancy`` variable).

Structure and types only; cross-field rules live in ``rules.py``. The README's
inventory reference is generated from the descriptions here
(``tools/gen_inventory_reference.py``), so keep them written for users.
"""

from __future__ import annotations

from typing import Any, Dict

NAME = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
# NX-OS / IOS-XR VRF names: no spaces, at most 32 characters.
VRF_NAME = {"type": "string", "pattern": NAME, "maxLength": 32}
# An integer (asplain) or an "X.Y" string (asdot); rules.rule_tokens checks the full grammar.
ASN = {
    "type": ["integer", "string"], "minimum": 1, "maximum": 4294967295, "pattern": r"^[0-9]{1,5}\.[0-9]{1,5}$",
    "description": "BGP AS number, asplain (70000) or asdot string (\"1.4464\").",
}
VNI = {"type": "integer", "minimum": 1, "maximum": 16777214, "description": "VXLAN network identifier of the L3VNI."}
IP_ADDRESS = {"type": "string", "minLength": 2, "description": "IPv4 or IPv6 address."}
CIDR = {"type": "string", "pattern": r"^[0-9A-Fa-f:.]+/\d{1,3}$", "description": "Prefix in CIDR notation."}
STRING_LIST = {"type": "array", "items": {"type": "string"}}

LABEL_SELECTOR: Dict[str, Any] = {
    "type": "object",
    "description": "Kubernetes label selector (matchLabels and/or matchExpressions).",
    "additionalProperties": False,
    "properties": {
        "matchLabels": {"type": "object", "additionalProperties": {"type": "string"}},
        "matchExpressions": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["key", "operator"],
                "properties": {
                    "key": {"type": "string"},
                    "operator": {"type": "string", "enum": ["In", "NotIn", "Exists", "DoesNotExist"]},
                    "values": STRING_LIST,
                },
            },
        },
    },
}

LOOPBACK: Dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["interface", "address"],
    "properties": {
        "interface": {"type": "string", "pattern": r"^[Ll]oopback\d+$", "description": "Loopback interface name."},
        "address": {**CIDR, "description": "Address with prefix length, e.g. 192.168.1.1/32."},
    },
}

LEAF: Dict[str, Any] = {
    "type": "object",
    "description": "An NX-OS EVPN/VXLAN leaf where Cilium nodes peer in the transit VRF.",
    "additionalProperties": False,
    "required": ["name", "transit_vrf"],
    "properties": {
        "name": {"type": "string", "pattern": NAME, "description": "Inventory hostname of the leaf."},
        "asn": {**ASN, "description": "Leaf BGP ASN; defaults to fabric.asn."},
        "router_id": {**IP_ADDRESS, "description": "BGP router id (also the auto RD base)."},
        "pim_ssm_range": {**CIDR, "description": "Adds `ip pim ssm range` to every VRF context rendered (seed: 232.0.0.0/8)."},
        "transit_vrf": {
            "type": "object",
            "description": "The VRF where the Cilium BGP sessions live (seed: Tenant-K8s).",
            "additionalProperties": False,
            "required": ["name", "l3vni"],
            "properties": {
                "name": {**VRF_NAME, "description": "Transit VRF name."},
                "l3vni": VNI,
                "loopback": {**LOOPBACK, "description": "Loopback in the transit VRF the nodes peer with (update-source)."},
            },
        },
    },
}

PE: Dict[str, Any] = {
    "type": "object",
    "description": "An IOS-XR PE terminating SRv6 L3VPN toward Isovalent nodes.",
    "additionalProperties": False,
    "required": ["name", "srv6_locator"],
    "properties": {
        "name": {"type": "string", "pattern": NAME, "description": "Inventory hostname of the PE."},
        "asn": {**ASN, "description": "PE BGP ASN; defaults to fabric.asn."},
        "router_id": {**IP_ADDRESS, "description": "BGP router id."},
        "update_source": {"type": "string", "description": "Interface the node sessions are sourced from (e.g. Loopback0)."},
        "source_address": {**IP_ADDRESS, "description": "IPv6 address the nodes peer with; also the SRv6 encapsulation source."},
        "srv6_locator": {
            "type": "object",
            "description": "The PE's own SRv6 locator (per-VRF SIDs are allocated from it).",
            "additionalProperties": False,
            "required": ["name", "prefix"],
            "properties": {
                "name": {"type": "string", "pattern": NAME, "description": "Locator name (seed: XRV)."},
                "prefix": {**CIDR, "description": "Locator prefix (seed: cafe:cafe:100::/48)."},
                "behavior": {"type": "string", "enum": ["uSID", "Base"], "default": "uSID", "description": "uSID (micro-SID, F3216) or Base SRv6."},
            },
        },
    },
}

CLUSTER_PEER: Dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["device", "address"],
    "properties": {
        "device": {"type": "string", "description": "Name of a leaf or PE in this inventory."},
        "address": {**IP_ADDRESS, "description": "Address the nodes open the session to."},
        "asn": {**ASN, "description": "Peer ASN; defaults to the device's ASN."},
        "ebgp_multihop": {"type": "integer", "minimum": 1, "maximum": 255, "description": "eBGP multihop TTL (peering to a loopback)."},
        "nodes": {
            **STRING_LIST,
            "description": "Only these nodes (by name) open this session, e.g. the rack behind this leaf; "
                           "default: every node of the cluster.",
        },
        "node_selector": {
            **LABEL_SELECTOR,
            "description": "Only nodes with these labels open this session (per-rack peering, e.g. rack In [r1]); "
                           "nodes[].labels say which nodes match. Default: every node.",
        },
    },
}

NODE: Dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "address"],
    "properties": {
        "name": {"type": "string", "description": "Kubernetes node name."},
        "address": {**IP_ADDRESS, "description": "Address the node's BGP sessions come from."},
        "pod_cidrs": {**STRING_LIST, "description": "The node's pod CIDRs (LB pools must not overlap them)."},
        "srv6_locator": {**CIDR, "description": "Expected node locator (isovalent), must lie inside the locator pool."},
        "labels": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "The node's Kubernetes labels that bgp_peers[].node_selector match on (e.g. rack: r1).",
        },
    },
}

LOCATOR_POOL: Dict[str, Any] = {
    "type": "object",
    "description": "Isovalent SRv6 locator pool the per-node locators are carved from.",
    "additionalProperties": False,
    "required": ["name", "prefix", "locator_len_bits"],
    "properties": {
        "name": {"type": "string", "pattern": NAME},
        "prefix": {**CIDR, "description": "IPv6 block of the pool, e.g. cafe:cafe::/32."},
        "locator_len_bits": {"type": "integer", "minimum": 1, "maximum": 128, "description": "Length of each node locator (seed: 48)."},
        "behavior_type": {"type": "string", "enum": ["uSID", "Base"], "default": "uSID", "description": "SRv6 behaviour flavour of the SIDs."},
        "structure": {
            "type": "object",
            "additionalProperties": False,
            "description": "SID structure; defaults to uSID F3216 (32/16/16/0).",
            "properties": {
                "locator_block_len_bits": {"type": "integer", "minimum": 0, "maximum": 128},
                "locator_node_len_bits": {"type": "integer", "minimum": 0, "maximum": 128},
                "function_len_bits": {"type": "integer", "minimum": 0, "maximum": 128},
                "argument_len_bits": {"type": "integer", "minimum": 0, "maximum": 128},
            },
        },
    },
}

CLUSTER: Dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "flavour", "cilium_version", "asn", "bgp_peers", "nodes"],
    "properties": {
        "name": {"type": "string", "pattern": NAME, "description": "Cluster name (inventory host for its manifests)."},
        "flavour": {"type": "string", "enum": ["oss", "isovalent"], "description": "Cilium OSS or Isovalent Enterprise."},
        "cilium_version": {"type": "string", "description": "Cilium version; >= 1.18 renders cilium.io/v2, 1.16-1.17 cilium.io/v2alpha1."},
        "asn": {**ASN, "description": "The nodes' local ASN."},
        "node_selector": {**LABEL_SELECTOR, "description": "Nodes that run BGP (CiliumBGPClusterConfig nodeSelector)."},
        "advertisement_labels": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "Labels linking peer-config families to advertisements (default advertise: bgp).",
        },
        "pod_cidrs": {**STRING_LIST, "description": "Cluster pod CIDR pools (LB pools must not overlap them)."},
        "node_cidrs": {**STRING_LIST, "description": "Node subnets (LB pools must not overlap them)."},
        "bgp_peers": {"type": "array", "minItems": 1, "items": CLUSTER_PEER, "description": "Sessions every selected node opens."},
        "nodes": {"type": "array", "minItems": 1, "items": NODE},
        "srv6": {
            "type": "object",
            "description": "SRv6 settings (isovalent clusters only).",
            "additionalProperties": False,
            "required": ["locator_pool"],
            "properties": {"locator_pool": LOCATOR_POOL},
        },
    },
}

LB_POOL: Dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name"],
    "description": "LB-IPAM pool: either cidr, or start and stop.",
    "properties": {
        "name": {"type": "string", "pattern": r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", "maxLength": 253, "description": "CiliumLoadBalancerIPPool name."},
        "cidr": CIDR,
        "start": IP_ADDRESS,
        "stop": IP_ADDRESS,
    },
}

COMMON_TENANT_PROPERTIES: Dict[str, Any] = {
    "name": {"type": "string", "pattern": r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "maxLength": 63, "description": "Tenant name (DNS label)."},
    "cluster": {"type": "string", "description": "Name of the cluster the tenant's workloads run in."},
    "expected_prefixes": {**STRING_LIST, "description": "Prefixes validation must find in the tenant's VRF (and nowhere else)."},
    "advertise_pod_cidr": {"type": "boolean", "default": False, "description": "Also advertise the node pod CIDRs in this tenant."},
}

EVPN_TENANT: Dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "mode", "cluster", "community", "vrf", "service_selector"],
    "properties": {
        **COMMON_TENANT_PROPERTIES,
        "mode": {"const": "evpn_community"},
        "community": {"type": "string", "description": "Steering BGP community Cilium tags the tenant's routes with (seed 64512:301)."},
        "vrf": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "l3vni"],
            "properties": {"name": {**VRF_NAME, "description": "Tenant VRF on the leaves."}, "l3vni": VNI},
        },
        "route_target": {
            "type": "string",
            "description": "RT the export map sets; defaults to <fabric asn>:<l3vni> (a 4-byte fabric ASN leaves 16 bits for "
                           "the number, so an L3VNI above 65535 then needs an explicit route_target).",
        },
        "import_tags": {
            "type": "array",
            "items": {"type": "integer", "minimum": 0, "maximum": 4294967295},
            "description": "Route tags whose routes also get the tenant community in the import map (seed: 12346).",
        },
        "lb_pools": {"type": "array", "items": LB_POOL, "description": "LB-IPAM pools of the tenant's services."},
        "service_selector": {**LABEL_SELECTOR, "description": "Selects the tenant's Services (seed: servicebgp In [proxy])."},
        "service_addresses": {
            "type": "array",
            "items": {"type": "string", "enum": ["ClusterIP", "ExternalIP", "LoadBalancerIP"]},
            "default": ["LoadBalancerIP"],
            "description": "Service address types advertised.",
        },
        "leaves": {
            **STRING_LIST,
            "description": "Leaves to configure the tenant VRF on; default: every leaf the cluster peers with; "
                           "[] = none (routes stay in the transit VRF).",
        },
        "fabric_prefixes": {**STRING_LIST, "description": "Fabric-side prefixes of the tenant VRF (leaf subnets) that may appear in it."},
    },
}

SRV6_TENANT: Dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "mode", "cluster", "vrf", "rd", "import_rts", "export_rts"],
    "properties": {
        **COMMON_TENANT_PROPERTIES,
        "mode": {"const": "srv6_l3vpn"},
        "vrf": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "id"],
            "properties": {
                "name": {**VRF_NAME, "description": "VRF name on nodes and PEs (seed: blue)."},
                "id": {"type": "integer", "minimum": 1, "maximum": 4294967295, "description": "IsovalentVRF vrfID, unique per cluster."},
            },
        },
        "rd": {"type": "string", "description": "Route distinguisher (seed 10:10)."},
        "import_rts": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "export_rts": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "address_families": {
            "type": "array",
            "items": {"type": "string", "enum": ["ipv4", "ipv6"]},
            "default": ["ipv4"],
            "description": "Only ipv4 (VPNv4) is implemented upstream; ipv6 is rejected.",
        },
        "namespace_selector": {**LABEL_SELECTOR, "description": "Namespaces whose pods are in the VRF."},
        "pod_selector": {**LABEL_SELECTOR, "description": "Pods in the VRF (seed: vrf=blue)."},
        "destination_cidrs": {**STRING_LIST, "default": ["0.0.0.0/0"], "description": "Destinations routed through the VRF."},
        "pod_cidrs": {**STRING_LIST, "description": "Pod CIDRs of the VRF advertised over VPNv4 (seed: 10.23.0.0/24)."},
        "pes": {**STRING_LIST, "description": "PEs to configure the VRF on; default: every PE the cluster peers with."},
        "pe_loopbacks": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["device", "interface", "address"],
                "properties": {"device": {"type": "string"}, **LOOPBACK["properties"]},
            },
            "description": "Loopbacks in the VRF on PEs (seed: Loopback10 172.19.19.19/32).",
        },
    },
}

INVENTORY_SCHEMA: Dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://kubevrf.example/schemas/tenancy.json",
    "title": "kubevrf.tenancy tenant inventory",
    "type": "object",
    "additionalProperties": False,
    "required": ["fabric", "clusters", "tenants"],
    "properties": {
        "fabric": {
            "type": "object",
            "description": "The EVPN / SRv6 fabric as a whole.",
            "additionalProperties": False,
            "required": ["asn"],
            "properties": {
                "asn": {**ASN, "description": "Fabric BGP ASN (leaves and PEs default to it)."},
                "asn_notation": {
                    "type": "string", "enum": ["asplain", "asdot"], "default": "asplain",
                    "description": "How 4-byte ASNs are written in every rendered device line (router bgp, remote-as, "
                                   "route targets): asplain 70000 or asdot 1.4464. Kubernetes objects always use integers.",
                },
            },
        },
        "naming": {
            "type": "object",
            "additionalProperties": False,
            "description": "Names of route-maps and lists; defaults are the seed's. Templates expand {vrf} and {tenant}.",
            "properties": {
                "export_map": {"type": "string", "pattern": NAME, "default": "K8-Export-Others", "description": "Transit VRF export map (community -> RT)."},
                "import_map": {"type": "string", "pattern": NAME, "default": "CommunityImport",
                               "description": "Transit VRF EVPN import map (RT -> community)."},
                "community_list": {"type": "string", "default": "{vrf}-BGP-Community", "description": "Name template of each tenant's community-list."},
                "extcommunity_list": {"type": "string", "default": "{vrf}-RT", "description": "Name template of each tenant's extcommunity-list."},
                "import_deny_seq": {
                    "type": "integer", "minimum": 1, "maximum": 65535, "default": 65535,
                    "description": "Sequence of the import map's closing deny: fixed, so adding a tenant renumbers nothing.",
                },
            },
        },
        "leaves": {"type": "array", "items": LEAF, "default": [], "description": "NX-OS leaves (evpn_community steering)."},
        "pes": {"type": "array", "items": PE, "default": [], "description": "IOS-XR PEs (srv6_l3vpn)."},
        "clusters": {"type": "array", "minItems": 1, "items": CLUSTER, "description": "Kubernetes clusters running Cilium."},
        "tenants": {
            "type": "array",
            "description": "Tenants; each is steered by mode evpn_community (Cilium OSS + NX-OS) or srv6_l3vpn (Isovalent + IOS-XR).",
            "items": {
                "type": "object",
                "required": ["mode"],
                "properties": {"mode": {"enum": ["evpn_community", "srv6_l3vpn"], "description": "Steering mode."}},
                "if": {"properties": {"mode": {"const": "srv6_l3vpn"}}},
                "then": SRV6_TENANT,
                "else": EVPN_TENANT,
            },
        },
    },
}

DEFAULT_NAMING = {
    key: value["default"] for key, value in INVENTORY_SCHEMA["properties"]["naming"]["properties"].items()
}
