# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The real-output corpus (tests/data/parsers) and the facts a parse result yields.

Each ``<name>.txt`` is a captured output copied byte for byte from a public
source; the sibling ``<name>.json`` cites that source, gives the command as
typed and lists facts written by hand from the text. ``facts_of`` turns a
``parse_cli`` result into the same fact tuples, so recall = expected facts
found / expected facts.

Recall cannot see a WRONG EXTRA fact (a route, neighbour or prefix count the
parser invents), and for an isolation proof an extra route is as bad as a
missing one. So a file may also say, in ``complete``, which fact kinds its
hand-written facts list IN FULL (every one the text holds, read by hand);
``spurious`` then names every parsed fact of those kinds that no hand-written
fact matches, and precision = parsed facts of complete kinds matched / parsed
facts of complete kinds. A kind a file does not name is a sample, not checked.
"""

import json
import os
from typing import Any, Dict, Iterator, List, Set, Tuple

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "parsers")
ROOT = os.path.normpath(ROOT)


def corpus() -> List[Tuple[str, Dict[str, Any], str]]:
    """(relative name, metadata, text) for every corpus file, sorted."""
    out = []
    for plat in sorted(os.listdir(ROOT)):
        d = os.path.join(ROOT, plat)
        if not os.path.isdir(d):
            continue
        for fn in sorted(os.listdir(d)):
            if fn.endswith(".json"):
                with open(os.path.join(d, fn)) as fh:
                    meta = json.load(fh)
                with open(os.path.join(d, fn[:-5] + ".txt"), "rb") as fh:
                    text = fh.read().decode("utf-8")
                out.append(("%s/%s" % (plat, fn[:-5]), meta, text))
    return out


def _routes(res: Dict[str, Any]) -> Iterator[Tuple]:
    for r in (res.get("routes") or []) + (res.get("rib_routes") or []):
        pfx = r.get("prefix") or r.get("route")
        if "paths" in r:  # RIB
            for p in r["paths"] or []:
                yield ("route", r.get("vrf"), pfx, p.get("next_hop") or p.get("interface"))
                if p.get("sid"):
                    yield ("route_sid", pfx, p["sid"])
            continue
        if r.get("node") is not None or "vrouter" in r:  # Cilium
            yield ("route", r.get("node"), pfx, r.get("next_hop"))
            for c in (r.get("attributes") or {}).get("communities") or []:
                yield ("community", pfx, c)
            continue
        yield ("route", r.get("vrf"), pfx, r.get("next_hop"))
        for c in r.get("communities") or []:
            yield ("community", pfx, c)
        for rt in r.get("route_targets") or []:
            yield ("rt", pfx, rt)
        if r.get("rd"):
            yield ("rd", r["rd"], pfx)
        if r.get("sid"):
            yield ("sid", pfx, r["sid"])
        if r.get("no_sid"):
            yield ("no_sid", pfx)
        if r.get("mac"):
            yield ("evpn_mac", r["mac"], r.get("next_hop"))


def facts_of(res: Dict[str, Any]) -> Set[Tuple]:
    got: Set[Tuple] = set(_routes(res))
    for v in res.get("vrfs") or []:
        for n in v.get("neighbors") or []:
            got.add(("neighbor", n["neighbor"], n["state"]))
            got.add(("nbr_vrf", v.get("vrf"), n["neighbor"]))
            if n.get("prefixes_received") is not None:
                got.add(("pfxrcd", n["neighbor"], n["prefixes_received"]))
            if n.get("remote_as") is not None:
                got.add(("remote_as", n["neighbor"], n["remote_as"]))
        if "rd" in v and v.get("name"):
            got.add(("vrf", v["name"], v["rd"]))
    for s in res.get("sids") or []:
        got.add(("srv6_sid", s["sid"], (s.get("behavior") or "").split(" ")[0]))
        got.add(("sid_locator", s["sid"], s.get("locator")))
    for loc in res.get("locators") or []:
        got.add(("locator", loc["name"], loc["prefix"]))
    for v in res.get("vnis") or []:
        got.add(("vni", v["vni"], v["state"]))
        got.add(("vni_vrf", v["vni"], v.get("vrf") or v.get("vlan")))
    for rm in res.get("route_maps") or []:
        got.add(("route_map", rm["name"], rm["sequence"], rm["action"]))
        for vals in rm.get("set", {}).values():
            for val in vals:
                got.add(("rmap_set", rm["name"], rm["sequence"], val))
    for lst in res.get("lists") or []:
        for e in lst["entries"]:
            got.add(("list", lst["name"], e["sequence"], e["action"], " ".join(e["values"])))
    for p in res.get("peers") or []:
        got.add(("peer", p["peer_address"], p.get("session_state")))
        got.add(("peer_as", p["peer_address"], p.get("peer_as")))
        got.add(("peer_node", p.get("node"), p["peer_address"]))
        for f in p.get("families") or []:
            got.add(("family", p.get("node"), f["family"], f.get("received"), f.get("advertised")))
    return got


KINDS = frozenset((
    "route", "route_sid", "community", "rt", "rd", "sid", "no_sid", "evpn_mac", "neighbor", "nbr_vrf", "pfxrcd",
    "remote_as", "vrf", "srv6_sid", "sid_locator", "locator", "vni", "vni_vrf", "route_map", "rmap_set", "list",
    "peer", "peer_as", "peer_node", "family",
))


def complete_kinds(meta: Dict[str, Any]) -> Set[str]:
    """The fact kinds whose hand-written facts list every such fact in the text."""
    return set(meta.get("complete") or [])


def spurious(meta: Dict[str, Any], got: Set[Tuple]) -> List[Tuple]:
    """Parsed facts of a complete kind that no hand-written fact matches (sorted, for a stable message)."""
    kinds = complete_kinds(meta)
    return sorted((g for g in got if g[0] in kinds and not _claimed(g, meta["facts"])), key=repr)


def checked(meta: Dict[str, Any], got: Set[Tuple]) -> int:
    """How many parsed facts fall under the precision check (those of a complete kind)."""
    kinds = complete_kinds(meta)
    return sum(1 for g in got if g[0] in kinds)


def _claimed(got: Tuple, expected: List[Any]) -> bool:
    return any(len(w) == len(got) and all(x is None or x == y for x, y in zip(w, got)) for w in expected)


def matches(expected: List[Any], got: Set[Tuple]) -> bool:
    """A hand-written fact is found when a parsed fact agrees on every slot it does not leave null."""
    want = tuple(expected)
    return any(len(g) == len(want) and all(w is None or w == x for w, x in zip(want, g)) for g in got)
