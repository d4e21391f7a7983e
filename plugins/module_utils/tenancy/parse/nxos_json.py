# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Any NX-OS ``| json`` output as the shared shapes, walked without recursion.

NX-OS nests ``TABLE_x: {ROW_x: obj | [obj]}``. Each row is visited with the
scalar fields of its ancestors (``vrf-name-out``, ``af-name``, ``rd_val``,
``ipprefix`` ...) as context, with an explicit stack, so hostile nesting
costs memory linear in the input and never recursion. Neighbour rows become
a BGP summary, BGP path rows a BGP table, RIB path rows a route table.
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from .bgp import norm_prefix
from .errors import ParseError
from .structured import load_json

MAX_ROWS = 2_000_000


def rows(data: Any) -> List[Tuple[str, Dict[str, Any], Dict[str, Any]]]:
    """(table name, row scalars, inherited context) for every ROW_ of *data*, in document order."""
    out: List[Tuple[str, Dict[str, Any], Dict[str, Any]]] = []
    stack: List[Tuple[str, Any, Dict[str, Any]]] = [("", data, {})]
    while stack:
        name, obj, ctx = stack.pop()
        if not isinstance(obj, dict):
            continue
        own = {k: v for k, v in obj.items() if not isinstance(v, (dict, list))}
        if name:
            out.append((name, own, ctx))
            if len(out) > MAX_ROWS:
                raise ParseError("nxos_json", "more than %d rows" % MAX_ROWS)
        child_ctx = dict(ctx)
        child_ctx.update(own)
        children = []
        for key, val in obj.items():
            if key.startswith("TABLE_") and isinstance(val, dict):
                table = key[6:]
                items = val.get("ROW_" + table)
                for item in items if isinstance(items, list) else [items]:
                    children.append((table, item, child_ctx))
            elif isinstance(val, dict) and not key.startswith("ROW_"):
                children.append(("", val, child_ctx))
        stack.extend(reversed(children))
    return out


def _int(v: Any) -> Any:
    try:
        return int(v)
    except (TypeError, ValueError, OverflowError):  # OverflowError: a JSON Infinity, which json.loads accepts
        return None


def nxos_json(text: Any) -> Dict[str, Any]:
    """Summary, BGP table/detail or RIB facts from NX-OS ``| json`` output."""
    data = load_json(text, "nxos_json")
    out: Dict[str, Any] = {"vrfs": [], "routes": [], "rib": [], "unparsed": []}
    blocks: Dict[Tuple[Any, Any], Dict[str, Any]] = {}
    for table, own, ctx in rows(data):
        f = dict(ctx)
        f.update(own)
        vrf = f.get("vrf-name-out") or f.get("vrf-name") or f.get("vrf")
        af = f.get("af-name") or f.get("addr-family") or f.get("afi")
        if table == "neighbor":
            key = (vrf, af)
            if key not in blocks:
                blocks[key] = {"vrf": vrf, "address_family": af, "router_id": f.get("vrf-router-id") or f.get("router-id"),
                               "local_as": _int(f.get("vrf-local-as") or f.get("localas") or f.get("local-as")), "neighbors": []}
                out["vrfs"].append(blocks[key])
            state = str(f.get("state") or "")
            blocks[key]["neighbors"].append({
                "neighbor": f.get("neighborid") or f.get("ipv6neighborid") or f.get("neighbor-id") or f.get("neighbor"),
                "remote_as": _int(f.get("neighboras") or f.get("remoteas") or f.get("remote-as")), "up_down": f.get("time") or f.get("uptime"),
                "state": state, "prefixes_received": _int(f.get("prefixreceived")) if state.lower() == "established" else None,
                "msg_rcvd": _int(f.get("msgrecvd")), "msg_sent": _int(f.get("msgsent"))})
        elif table == "path" and ("ipnexthop" in own or "ipv6nexthop" in own) and "aspath" in own:
            prefix = f.get("nonipprefix") or f.get("ipprefix") or f.get("ipv6prefix")
            status = "%s%s%s" % (own.get("statuscode", "") or "", own.get("bestcode", "") or "", own.get("typecode", "") or "")
            rec = {"vrf": vrf, "address_family": af, "rd": f.get("rd_val"),
                   "status": status.strip(), "valid": "*" in status or str(own.get("pathvalid")).lower() == "true",
                   "best": ">" in status or str(own.get("pathbest")).lower() == "true", "next_hop": own.get("ipnexthop") or own.get("ipv6nexthop"),
                   "metric": _int(own.get("metric")), "local_pref": _int(own.get("localpref")), "weight": _int(own.get("weight")),
                   "as_path": str(own.get("aspath") or "").strip(), "origin": own.get("origin"), "communities": [],
                   "extcommunities": [], "route_targets": [], "sid": None}
            rec.update(norm_prefix(str(prefix or "")))
            out["routes"].append(rec)
        elif table in ("community", "extcommunity") and out["routes"]:
            rec = out["routes"][-1]
            vals = str(own.get(table) or "").split()
            rec["communities" if table == "community" else "extcommunities"].extend(vals)
        elif table == "path" and ("ipnexthop" in own or "ifname" in own or "uptime" in own):
            prefix = f.get("ipprefix") or f.get("ipv6prefix")
            out["rib"].append({"vrf": vrf, "prefix": prefix, "protocol": own.get("clientname"),
                               "paths": [{"next_hop": own.get("ipnexthop") or own.get("ipv6nexthop"), "interface": own.get("ifname"),
                                          "distance": _int(own.get("pref")), "metric": _int(own.get("metric")),
                                          "age": own.get("uptime"), "best": str(own.get("ubest")).lower() == "true",
                                          "nexthop_vrf": own.get("vrf_name_out") or own.get("nh-vrf")}]})
    for r in out["routes"]:
        r["route_targets"] = [e[3:] for e in r["extcommunities"] if e.startswith("RT:")]
    # One RIB record per prefix, its paths merged.
    merged: Dict[Tuple[Any, Any], Dict[str, Any]] = {}
    for r in out.pop("rib"):
        key = (r["vrf"], r["prefix"])
        if key in merged:
            merged[key]["paths"].extend(r["paths"])
        else:
            merged[key] = r
    out["rib_routes"] = list(merged.values())
    return out
