# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Kubernetes object parsers (``kubectl get ... -o json|yaml``).

``parse_kube_sidmanager``   kubectl get sidmanager -o yaml (or json; or ``| grep prefix:``; or ``-o custom-columns=...``;
    or a labelled ``-o jsonpath="Host: ... | VRF: ... | SID: ... | Behavior: ..."`` line)
    -> {"nodes": [{"node", "locators": [{"pool", "prefix"}]}], "prefixes": [str],
        "locators": [{"name" (the pool), "prefix", "node"}],
        "sids": [{"sid", "behavior", "context", "owner", "state", "locator" (the pool), "vrf", "node"}]}
    (``locators`` and ``sids`` in the srv6_locators / srv6_sids shapes; the SIDs from ``status.sidAllocations``)
``parse_kube_services``      kubectl get svc -A -o json
    -> {"services": [{"name", "namespace", "type", "labels", "cluster_ip",
        "cluster_ips", "external_ips", "lb_ingress_ips", "ports"}]}
``parse_kube_services_table``  kubectl get svc (default table)
    -> same shape; labels are {} and lb_ingress_ips come from EXTERNAL-IP
``parse_kube_lb_pools``      kubectl get ciliumloadbalancerippools -o json
    (or ``kubectl describe ... | grep Cidr``)
    -> {"pools": [{"name", "labels", "disabled", "cidrs", "ranges",
        "service_selector"}], "cidrs": [str]}
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional, Tuple

from .errors import ParseError
from .structured import load_json_or_yaml, without_context_notes
from .text import content_lines, fail

CMD_SIDMANAGER = "kube.sidmanager"
CMD_SERVICES = "kube.services"
CMD_SERVICES_TABLE = "kube.services_table"
CMD_LB_POOLS = "kube.lb_pools"


def _items(data: Any, cmd: str) -> List[Dict[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        items = data["items"]
    elif isinstance(data, dict) and "metadata" in data:
        items = [data]
    elif isinstance(data, list):  # the objects without their List wrapper, as docs and blogs print them ("- apiVersion: ...")
        items = data
    else:
        raise ParseError(cmd, "expected a Kubernetes List (items), a list of objects or a single object with metadata")
    for it in items:
        if not isinstance(it, dict) or not isinstance(it.get("metadata"), dict):
            raise ParseError(cmd, "list item without metadata")
    return items


def _grep_values(text: Any, cmd: str, line: re.Pattern) -> Optional[List[str]]:
    """The ``value`` of every line when the capture is ``kubectl ... | grep`` output, else None.

    Output is taken as grep output only when every line matches *line*;
    anything else is left to the object (JSON/YAML) parser.
    """
    if not isinstance(text, str):
        return None
    matches = [line.match(ln.text) for ln in content_lines(text, cmd)]
    if not all(matches):
        return None
    return [m.group("value") for m in matches]


_GREP_PREFIX = re.compile(r"^-?\s*prefix:\s*(?P<value>\S+)$")


# ``kubectl get sidmanager -o custom-columns=NAME:...,ALLOCATIONS:.spec.locatorAllocations`` prints each node's
# allocations as Go maps ("[map[locators:[map[behaviorType:uSID prefix:fc00:0:88f7::/48 ...]] poolRef:pool0]]").
_MAP_PREFIX = re.compile(r"\bprefix:([0-9A-Fa-f:.]+/\d{1,3})")
_MAP_POOL = re.compile(r"\bpoolRef:([\w.-]+)")
_COLUMN_NAME = re.compile(r"[A-Z][A-Z0-9_-]*")
# ``ALLOCATIONS:.status.sidAllocations`` prints the allocated SIDs the same way: "[map[poolRef:pool2 sids:[map[behavior:uDT4
# behaviorType:uSID metadata:vrf02 owner:srv6-manager sid:map[addr:fd00:2:0:5abc:44ef:: structure:map[...]]]]]]". Go prints
# map keys sorted, so a SID's behaviour, VRF (metadata) and owner come before its "sid:map[addr:".
_MAP_SID = re.compile(r"\bsid:map\[addr:([0-9A-Fa-f:.]+)")
_MAP_KEYS = re.compile(r"\b(behavior|metadata|owner|poolRef):([^\s\]\[]+)")


def _map_sids(text: str, node: str) -> List[Dict[str, Any]]:
    """The SIDs of one custom-columns row of ``status.sidAllocations`` (Go map print), in order."""
    sids: List[Dict[str, Any]] = []
    pool = None
    start = 0
    for m in _MAP_SID.finditer(text):
        keys: Dict[str, str] = {}
        for k in _MAP_KEYS.finditer(text, start, m.start()):  # this SID's own keys: after the previous SID, before its addr
            keys[k.group(1)] = k.group(2)
        pool = keys.get("poolRef", pool)  # the allocation's pool precedes its first SID only
        start = m.end()
        vrf = keys.get("metadata")
        sids.append({"sid": m.group(1), "behavior": keys.get("behavior"), "context": vrf, "owner": keys.get("owner"), "state": None,
                     "locator": pool, "vrf": vrf, "node": node})
    return sids


def _custom_columns(text: Any, cmd: str) -> Optional[Dict[str, Any]]:
    """The SIDManager's locators and SIDs from ``-o custom-columns`` output (first column the node), or None for other output."""
    if not isinstance(text, str):
        return None
    lines = without_context_notes(content_lines(text, cmd))
    head = lines[0].text.split()
    if head[:1] != ["NAME"] or not all(_COLUMN_NAME.fullmatch(h) for h in head) or "map[" not in text:
        return None
    nodes: List[Dict[str, Any]] = []
    sids: List[Dict[str, Any]] = []
    for ln in lines[1:]:
        node = ln.text.split()[0]
        pool = _MAP_POOL.search(ln.text)
        # a locator is printed with its prefix ("prefix:fd00:1:0:b479::/64"); a SID has an addr and no prefix length
        locs = [{"pool": pool.group(1) if pool else None, "prefix": p} for p in _MAP_PREFIX.findall(ln.text)]
        nodes.append({"node": node, "locators": locs})
        sids += _map_sids(ln.text, node)
    return _sidmanager_result(nodes, sids)


# ``kubectl get sidmanager NODE -o jsonpath="Host: {.metadata.name} | VRF: {...sids[*].metadata} | SID: {...sids[*].sid.addr}
# | Behavior: {...sids[*].behavior}"`` (Cisco Live SRv6 labs) prints one line of labelled fields; a ``[*]`` field prints its
# values separated by single spaces. The labels are the lab's own, so only these well-known ones are read.
_JSONPATH_FIELD = re.compile(r"(?P<key>[A-Za-z][A-Za-z ]*?):(?:\s+(?P<value>\S.*)|\s*)$")
_JSONPATH_KEYS = {"host": "node", "node": "node", "name": "node", "vrf": "vrf", "sid": "sid", "sids": "sid",
                  "behavior": "behavior", "behaviour": "behavior"}


def _jsonpath_fields(text: str, cmd: str) -> Optional[Dict[str, List[str]]]:
    """The labelled fields of a one-line ``-o jsonpath="Host: ... | SID: ..."`` print, or None for other output."""
    lines = content_lines(text, cmd)
    if len(lines) != 1 or " | " not in lines[0].text:
        return None
    fields: Dict[str, List[str]] = {}
    for part in lines[0].text.split(" | "):
        m = _JSONPATH_FIELD.match(part.strip())
        key = _JSONPATH_KEYS.get(m.group("key").lower()) if m else None
        if key is None or key in fields:
            return None  # not this layout (or a label we do not know): left to the object parser, which says why
        fields[key] = (m.group("value") or "").split()
    return fields if "sid" in fields else None


def _jsonpath_sids(fields: Dict[str, List[str]], cmd: str) -> Dict[str, Any]:
    """SIDs from labelled jsonpath fields: the i-th VRF and behaviour belong to the i-th SID only when the lists are as long
    (jsonpath skips a missing field, so shorter lists cannot be paired and are left out rather than guessed)."""
    nodes = fields.get("node") or []
    if len(nodes) > 1:
        raise ParseError(cmd, "jsonpath print names several nodes (%s); cannot tell whose SIDs they are" % " ".join(nodes))
    node = nodes[0] if nodes else None
    sids = fields["sid"]
    vrfs = fields.get("vrf") or []
    behaviors = fields.get("behavior") or []
    out = []
    for i, sid in enumerate(sids):
        vrf = vrfs[i] if len(vrfs) == len(sids) else None
        beh = behaviors[i] if len(behaviors) == len(sids) else None
        out.append({"sid": sid, "behavior": beh, "context": vrf, "owner": None, "state": None, "locator": None, "vrf": vrf, "node": node})
    return _sidmanager_result([{"node": node, "locators": []}] if node else [], out)


def _sidmanager_result(nodes: List[Dict[str, Any]], sids: List[Dict[str, Any]]) -> Dict[str, Any]:
    locators = [{"name": loc["pool"], "prefix": loc["prefix"], "node": n["node"]} for n in nodes for loc in n["locators"]]
    return {"nodes": nodes, "prefixes": [loc["prefix"] for loc in locators], "locators": locators, "sids": sids}


def _object_list(value: Any, cmd: str, what: str) -> List[Dict[str, Any]]:
    """*value* as a list of objects (absent: empty); anything else is not the API's shape."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ParseError(cmd, "%s must be a list of objects" % what)
    return value


def _field(obj: Dict[str, Any], key: str, kind: type, cmd: str, where: str) -> Any:
    """*obj*[*key*] when of the API's *kind* (list or dict; absent or null: an empty one); another type is not the API's
    shape (before, a number was iterated and raised TypeError, a string was iterated by its characters)."""
    value = obj.get(key)
    if value is None:
        return kind()
    if not isinstance(value, kind):
        raise ParseError(cmd, "%s.%s must be %s, not %s" % (where, key, "a list" if kind is list else "an object", type(value).__name__))
    return value


def _labels(md: Dict[str, Any], cmd: str) -> Dict[str, Any]:
    """metadata.labels sorted by key; YAML reads "1: a" with a number for key, so keys are compared as text."""
    return dict(sorted(((str(k), v) for k, v in _field(md, "labels", dict, cmd, "metadata").items()), key=lambda kv: kv[0]))


def _status_sids(it: Dict[str, Any], node: Any, cmd: str) -> List[Dict[str, Any]]:
    """The SIDs the agent allocated on the node (``status.sidAllocations[].sids[]``): SID, behaviour, VRF, pool."""
    status = it.get("status") or {}
    if not isinstance(status, dict):
        raise ParseError(cmd, "status of %s must be an object" % node)
    sids = []
    for alloc in _object_list(status.get("sidAllocations"), cmd, "status.sidAllocations of %s" % node):
        for s in _object_list(alloc.get("sids"), cmd, "status.sidAllocations[].sids of %s" % node):
            sid = s.get("sid")
            addr = sid.get("addr") if isinstance(sid, dict) else None
            if not addr:
                raise ParseError(cmd, "SID allocation without sid.addr in %s" % node)
            vrf = s.get("metadata")  # the VRF whose table the SID decapsulates into
            sids.append({"sid": str(addr), "behavior": None if s.get("behavior") is None else str(s["behavior"]),
                         "context": None if vrf is None else str(vrf), "owner": s.get("owner"), "state": None,
                         "locator": alloc.get("poolRef"), "vrf": None if vrf is None else str(vrf), "node": node})
    return sids


def parse_kube_sidmanager(text: str) -> Dict[str, Any]:
    """SIDManager objects (one per node) -> node locators, and the SIDs allocated on each node."""
    cmd = CMD_SIDMANAGER
    grepped = _grep_values(text, cmd, _GREP_PREFIX)
    if grepped is not None:
        prefixes = [p.strip("\"'") for p in grepped]
        return {"nodes": [], "prefixes": prefixes, "locators": [{"name": None, "prefix": p, "node": None} for p in prefixes], "sids": []}
    columns = _custom_columns(text, cmd)
    if columns is not None:
        return columns
    labelled = _jsonpath_fields(text, cmd) if isinstance(text, str) else None
    if labelled is not None:
        return _jsonpath_sids(labelled, cmd)
    nodes, sids = [], []
    for it in _items(load_json_or_yaml(text, cmd), cmd):
        spec = it.get("spec") or {}
        if not isinstance(spec, dict):
            raise ParseError(cmd, "spec of %s must be an object" % it["metadata"].get("name"))
        locs = []
        # a list of objects each, as the API has them: a string there would be searched for "prefix", not looked up
        for alloc in _object_list(spec.get("locatorAllocations"), cmd, "spec.locatorAllocations"):
            for loc in _object_list(alloc.get("locators"), cmd, "spec.locatorAllocations[].locators"):
                if "prefix" not in loc:
                    raise ParseError(cmd, "locator without prefix in %s" % it["metadata"].get("name"))
                locs.append({"pool": alloc.get("poolRef"), "prefix": loc["prefix"]})
        nodes.append({"node": it["metadata"].get("name"), "locators": locs})
        sids += _status_sids(it, it["metadata"].get("name"), cmd)
    return _sidmanager_result(nodes, sids)


def parse_kube_services(text: str) -> Dict[str, Any]:
    """Service objects -> addresses and labels."""
    cmd = CMD_SERVICES
    out = []
    for it in _items(load_json_or_yaml(text, cmd), cmd):
        md, spec, st = it["metadata"], _field(it, "spec", dict, cmd, "item"), _field(it, "status", dict, cmd, "item")
        ingress = _field(_field(st, "loadBalancer", dict, cmd, "status"), "ingress", list, cmd, "status.loadBalancer")
        out.append({
            "name": md.get("name"), "namespace": md.get("namespace"), "type": spec.get("type"),
            "labels": _labels(md, cmd),
            "cluster_ip": spec.get("clusterIP"), "cluster_ips": list(_field(spec, "clusterIPs", list, cmd, "spec")),
            "external_ips": list(_field(spec, "externalIPs", list, cmd, "spec")),
            "lb_ingress_ips": [i["ip"] for i in ingress if isinstance(i, dict) and i.get("ip")],
            "ports": [{"port": p.get("port"), "protocol": p.get("protocol"), "node_port": p.get("nodePort")}
                      for p in _object_list(spec.get("ports"), cmd, "spec.ports")],
        })
    return {"services": out}


def parse_kube_services_table(text: str) -> Dict[str, Any]:
    """``kubectl get svc`` table (NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, optional NAMESPACE first)."""
    cmd = CMD_SERVICES_TABLE
    lines = content_lines(text, cmd)
    hdr = lines[0].text.split()
    base = ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"]
    if hdr not in (base, ["NAMESPACE"] + base):
        raise fail(cmd, "expected the header %s" % " ".join(base), lines[0])
    out = []
    for ln in lines[1:]:
        toks = ln.text.split()
        if len(toks) != len(hdr):
            raise fail(cmd, "expected %d columns" % len(hdr), ln)
        row = dict(zip(hdr, toks))
        ext = [] if row["EXTERNAL-IP"] in ("<none>", "<pending>") else row["EXTERNAL-IP"].split(",")
        out.append({"name": row["NAME"], "namespace": row.get("NAMESPACE"), "type": row["TYPE"], "labels": {},
                    "cluster_ip": row["CLUSTER-IP"], "cluster_ips": [row["CLUSTER-IP"]], "external_ips": [],
                    "lb_ingress_ips": ext if row["TYPE"] == "LoadBalancer" else [],
                    "ports": [_port(p, cmd, ln) for p in row["PORT(S)"].split(",") if p and p != "<none>"]})
    return {"services": out}


_PORT = re.compile(r"(?P<port>\d{1,5})(?::(?P<node>\d{1,5}))?(?:/(?P<proto>[A-Za-z]+))?")


def _port(text: str, cmd: str, ln: Any) -> Dict[str, Any]:
    """``80:30080/TCP`` -> port, node port, protocol."""
    m = _PORT.fullmatch(text)
    if not m:
        raise fail(cmd, "unrecognised port %r (expected PORT[:NODEPORT][/PROTO])" % text, ln)
    return {"port": int(m.group("port")), "protocol": m.group("proto"), "node_port": int(m.group("node")) if m.group("node") else None}


_GREP_CIDR = re.compile(r"^Cidr:\s*(?P<value>\S+)$")


def parse_kube_lb_pools(text: str) -> Dict[str, Any]:
    """CiliumLoadBalancerIPPool objects (``spec.blocks``; older ``spec.cidrs``)."""
    cmd = CMD_LB_POOLS
    grepped = _grep_values(text, cmd, _GREP_CIDR)
    if grepped is not None:
        return {"pools": [], "cidrs": grepped}
    pools, all_cidrs = [], []
    for it in _items(load_json_or_yaml(text, cmd), cmd):
        spec = _field(it, "spec", dict, cmd, "item")
        cidrs, ranges = [], []
        for b in _object_list(spec.get("blocks"), cmd, "spec.blocks") + _object_list(spec.get("cidrs"), cmd, "spec.cidrs"):
            if b.get("cidr"):
                cidrs.append(b["cidr"])
            elif b.get("start"):
                ranges.append({"start": b["start"], "stop": b.get("stop") or b["start"]})
            else:
                raise ParseError(cmd, "pool %s: block without cidr or start" % it["metadata"].get("name"))
        all_cidrs += cidrs
        pools.append({"name": it["metadata"].get("name"), "labels": _labels(it["metadata"], cmd),
                      "disabled": bool(spec.get("disabled")), "cidrs": cidrs, "ranges": ranges,
                      "service_selector": spec.get("serviceSelector")})
    return {"pools": pools, "cidrs": all_cidrs}


def _status_fragments(data: Any) -> Any:
    """A part of the objects' status as people print it, as objects without a name: the status itself
    (``-o jsonpath='{.status}'``: bgpInstances) or its peers (``-o yaml | grep -A 20 'peerAddress: ...'``)."""
    objs = data if isinstance(data, list) else [data]
    if not objs or not all(isinstance(o, dict) and "metadata" not in o and "items" not in o for o in objs):
        return data
    if all("bgpInstances" in o for o in objs):
        return [{"metadata": {}, "status": o} for o in objs]
    if all("peerAddress" in o and ("peeringState" in o or "routeCount" in o) for o in objs):
        return [{"metadata": {}, "status": {"bgpInstances": [{"peers": objs}]}}]
    return data


def parse_kube_bgp_node_configs(text: Any) -> Dict[str, Any]:
    """CiliumBGPNodeConfig objects (``kubectl get ciliumbgpnodeconfigs -o yaml|json``): the peering state the agent reports.

    -> {"peers": [{"node", "instance", "local_as", "peer_as", "peer_address", "peer_port", "session_state",
        "uptime", "uptime_seconds", "families": [{"family", "afi", "safi", "received", "advertised"}]}]},
    the shape of ``cilium bgp peers``; a node without status gives no peer.
    """
    cmd = "kube.bgp_node_configs"
    peers = []
    for it in _items(_status_fragments(load_json_or_yaml(text, cmd)), cmd):
        node = it["metadata"].get("name")
        status = it.get("status") or {}
        if not isinstance(status, dict):  # a fragment or a paste may hold anything there: .get on it raised
            raise ParseError(cmd, "status of %s must be an object" % node)
        # _object_list, not "or []": a number there raised TypeError, a string was iterated by its characters
        for inst in _object_list(status.get("bgpInstances"), cmd, "status.bgpInstances of %s" % node):
            for p in _object_list(inst.get("peers"), cmd, "status.bgpInstances[].peers of %s" % node):
                fams = []
                counts = p.get("routeCount")
                for rc in counts if isinstance(counts, list) else []:
                    if isinstance(rc, dict):
                        fams.append({"family": "%s/%s" % (rc.get("afi"), rc.get("safi")), "afi": rc.get("afi"), "safi": rc.get("safi"),
                                     "received": rc.get("received"), "advertised": rc.get("advertised")})
                peers.append({"node": node, "instance": inst.get("name"), "local_as": inst.get("localASN"),
                              "peer_as": p.get("peerASN"), "peer_address": p.get("peerAddress"), "peer_port": None,
                              "session_state": p.get("peeringState"), "uptime": p.get("establishedTime"), "uptime_seconds": None,
                              "families": fams})
    return {"peers": peers}


def _camel(key: str) -> str:
    """``kubectl describe`` titles back to the API's field names: "Peer ASN" -> peerASN, "Route Count" -> routeCount."""
    words = key.split()
    return words[0].lower() + "".join(w[:1].upper() + w[1:] for w in words[1:]) if words else key


def describe_tree(text: Any, cmd: str) -> List[Dict[str, Any]]:
    """``kubectl describe`` output as nested data: one dict per object.

    describe prints a list of objects (peers, route counts) as the same keys again at the same indentation, with no
    dash: a key already present in the current item starts a new item. A title with no value holds the lines
    indented below it (always a list of items, even of one); a value whose line is followed by deeper lines that
    are not "key: value" keeps its first line only. Keys are turned back into the API's field names (:func:`_camel`)
    and counts into numbers. Iterative (a stack), so nesting depth cannot exhaust recursion.
    """
    top: List[Dict[str, Any]] = [{}]
    stack: List[Tuple[int, List[Dict[str, Any]], Optional[str]]] = []  # (indent, items of the level, its last key)
    for ln in content_lines(text, cmd):
        indent = len(ln.raw) - len(ln.raw.lstrip(" "))
        key, sep, val = ln.text.partition(":")
        if not sep or not key.strip() or "  " in key.strip():
            continue  # a wrapped value or an annotation line: no field of its own
        key, val = _camel(key.strip()), val.strip()
        if not stack:
            stack.append((indent, top, None))
        while len(stack) > 1 and indent < stack[-1][0]:
            stack.pop()
        level, items, last = stack[-1]
        if indent > level:
            parent = items[-1]
            if last is None or not isinstance(parent.get(last), list):
                continue  # lines under a value that is not a title: a multi-line value, kept to its first line
            stack[-1] = (level, items, last)
            stack.append((indent, parent[last], None))
            level, items, last = stack[-1]
        if key in items[-1]:
            items.append({})
        items[-1][key] = [{}] if val == "" else (int(val) if val.isdecimal() and key != "name" else val)
        stack[-1] = (level, items, key)
    return [o for o in top if o]


def _first(value: Any) -> Dict[str, Any]:
    return value[0] if isinstance(value, list) and value and isinstance(value[0], dict) else {}


def _dicts(value: Any) -> List[Dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def parse_kube_describe_bgp_node_configs(text: Any) -> Dict[str, Any]:
    """``kubectl describe ciliumbgpnodeconfigs [<node>]``: the status of each object, as :func:`parse_kube_bgp_node_configs`."""
    cmd = "kube.describe_bgp_node_configs"
    items = []
    for obj in describe_tree(text, cmd):
        status = _first(obj.get("status"))
        # describe makes a titled block a list of items, a titled line a string ("Bgp Instances: x"): only items are read
        for inst in _dicts(status.get("bgpInstances")):
            for peer in _dicts(inst.get("peers")):
                for rc in _dicts(peer.get("routeCount")):
                    for k in ("afi", "safi"):
                        if k in rc:
                            rc[k] = str(rc[k])
        items.append({"metadata": {"name": obj.get("name")}, "status": status})
    if not items:
        return {"peers": [], "unparsed": []}
    return dict(parse_kube_bgp_node_configs({"items": items}), unparsed=[])


def _documents(text: Any, cmd: str) -> Any:
    """JSON or YAML data; several JSON documents one after the other (``-o jsonpath='{.items[*].spec}' | jq``
    prints one per object) as a list of them."""
    try:
        return load_json_or_yaml(text, cmd)
    except ParseError:
        if not isinstance(text, str):
            raise
        body = "\n".join(ln.raw for ln in content_lines(text, cmd, max_line=None))
        if body.lstrip()[:1] != "{":
            raise
        docs, pos, dec = [], 0, json.JSONDecoder()
        while True:  # one document at a time: a loop, not recursion, over the documents
            while pos < len(body) and body[pos].isspace():
                pos += 1
            if pos == len(body):
                return docs
            try:
                doc, pos = dec.raw_decode(body, pos)
            except (ValueError, RecursionError):
                raise ParseError(cmd, "neither one JSON/YAML document nor a stream of JSON documents")
            docs.append(doc)


_POLICY_SPEC_KEYS = ("destinationCIDRs", "destinationSID", "vrfID")


def _policy_specs(data: Any) -> Any:
    """Policies printed as their specs alone (jsonpath ``{.items[*].spec}``): wrapped as objects without a name."""
    specs = data if isinstance(data, list) else [data]
    if specs and all(isinstance(d, dict) and "metadata" not in d and any(k in d for k in _POLICY_SPEC_KEYS) for d in specs):
        return [{"metadata": {}, "spec": d} for d in specs]
    return data


def parse_kube_srv6_egress_policies(text: Any) -> Dict[str, Any]:
    """IsovalentSRv6EgressPolicy objects (``kubectl get isovalentsrv6egresspolicy -o yaml|json``), in the route-table shape.

    -> {"routes": [{"vrf" (the vrfID, as text), "prefix", "protocol": "srv6-egress-policy", "paths": [{"sid", ...}]}]}:
    one route per destination CIDR, its one path carrying the SID the agent encapsulates with.
    """
    cmd = "kube.srv6_egress_policies"
    routes = []
    for it in _items(_policy_specs(_documents(text, cmd)), cmd):
        spec = it.get("spec") or {}
        if not isinstance(spec, dict):
            raise ParseError(cmd, "spec of %s must be an object" % it["metadata"].get("name"))
        sid, vrf = spec.get("destinationSID"), spec.get("vrfID")
        for cidr in _field(spec, "destinationCIDRs", list, cmd, "spec"):
            routes.append({"vrf": None if vrf is None else str(vrf), "prefix": str(cidr), "protocol": "srv6-egress-policy",
                           "code": None, "connected": False, "srv6": None,
                           "paths": [{"next_hop": None, "nexthop_vrf": None, "interface": None, "distance": None, "metric": None,
                                      "age": None, "best": True, "protocol": "srv6-egress-policy", "tags": [],
                                      "sid": None if sid is None else str(sid)}]})
    return {"routes": routes}
