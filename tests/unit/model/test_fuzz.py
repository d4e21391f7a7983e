# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fuzz of the core (issue 12 section 1): no exception but an input error; accepted means legal output.

Two generators, both seeded (``derandomize=True``) and bounded in the suite;
``make fuzz`` runs them longer (``TENANCY_FUZZ_EXAMPLES``):

- mutations of the lab inventory: any value replaced by a hostile string
  (newline, NUL, U+2028, U+0085, ...), a random string, a random integer, a
  wrong type, or removed; list items duplicated;
- inventories drawn over the schema's shape (1-6 tenants of both modes, 1-3
  leaves, 2- and 4-byte ASNs in asplain and asdot, CIDR and range pools),
  written by hand because hypothesis-jsonschema is not in the shared venv.

For every draw: ``model.validate`` returns issues or nothing and never raises;
when it returns nothing, ``build.build_files`` succeeds and every rendered
device line is one printable line whose names and numbers pass the platform
grammar (``tokens``), every config re-reads, and every Kubernetes name and
label is legal.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any, Dict, List

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import build, model, tokens
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.errors import TenancyInputError
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render import clitree

REPO = Path(__file__).resolve().parents[3]
LAB = yaml.safe_load((REPO / "inventories" / "lab" / "group_vars" / "all" / "tenancy.yml").read_text())["tenancy"]
EXAMPLES = int(os.environ.get("TENANCY_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HOSTILE = ["\n", "\nvrf context EVIL", "\r", "\x00", "\t", "\x1b", "\u2028", "\x85", " ", "  shutdown", "!", "%eth0",
           "\u0661", "１", ":0", ".", "-", "/33", "0:0", "default", "management", "x" * 300]

# Device lines whose words must be legal tokens: (line pattern, {group: token kind}).
NXOS_LINES = [
    (re.compile(r"vrf context (\S+)"), {1: "nxos.vrf"}),
    (re.compile(r"route-map (\S+) (?:permit|deny) (\d+)"), {1: "nxos.route_map", 2: "seq"}),
    (re.compile(r"ip community-list standard (\S+) seq \d+ permit (\S+)"), {1: "nxos.list_name", 2: "community"}),
    (re.compile(r"ip extcommunity-list standard (\S+) seq \d+ permit rt (\S+)"), {1: "nxos.list_name", 2: "extended"}),
    (re.compile(r"match community (\S+)"), {1: "nxos.list_name"}),
    (re.compile(r"set community (\S+)"), {1: "community"}),
    (re.compile(r"match extcommunity (\S+)"), {1: "nxos.list_name"}),
    (re.compile(r"set extcommunity rt (\S+)"), {1: "extended"}),
    (re.compile(r"route-target both (\S+)(?: evpn)?"), {1: "extended"}),
    (re.compile(r"description (.+)"), {1: "nxos.description"}),
    (re.compile(r"interface (\S+)"), {1: "nxos.loopback"}),
    (re.compile(r"vni (\d+)"), {1: "vni"}),
    (re.compile(r"(?:router bgp|remote-as) (\S+)"), {1: "asn"}),
    (re.compile(r"(?:export map|import map) (\S+)(?: evpn)?"), {1: "nxos.route_map"}),
]
IOSXR_LINES = [
    (re.compile(r"vrf (\S+)"), {1: "iosxr.vrf"}),
    (re.compile(r"rd (\S+)"), {1: "extended"}),
    (re.compile(r"description (.+)"), {1: "iosxr.description"}),
    (re.compile(r"update-source (\S+)"), {1: "iosxr.interface"}),
    (re.compile(r"locator (\S+)"), {1: "iosxr.locator"}),
    (re.compile(r"interface (Loopback\S*)"), {1: "iosxr.loopback"}),
    (re.compile(r"(?:router bgp|remote-as) (\S+)"), {1: "asn"}),
    (re.compile(r"(\d\S*:\d+)"), {1: "extended"}),
]


def _legal(kind: str, value: str) -> bool:
    if kind == "seq":
        return 0 <= int(value) <= 65535
    if kind == "vni":
        return 1 <= int(value) <= 16777214
    if kind == "asn":
        return tokens.parse_asn(value)[0] is not None
    if kind == "community":
        return tokens.check_community(value) is None
    if kind == "extended":
        return value == "auto" or tokens.check_extended(value) is None
    return tokens.check(kind, value) is None


def _check_config(path: str, text: str, dialect: str) -> None:
    assert clitree.reread_problem(text, dialect) == "", path
    table = NXOS_LINES if dialect == "nxos" else IOSXR_LINES
    for raw in text[:-1].split("\n"):
        line = raw.strip()
        clitree.check_line(line) if line != "!" else None
        for pattern, groups in table:
            match = pattern.fullmatch(line)
            if match:
                for group, kind in groups.items():
                    assert _legal(kind, match.group(group)), "%s: %r has an illegal %s %r" % (path, line, kind, match.group(group))
                break


def _check_manifest(path: str, text: str) -> None:
    for doc in yaml.safe_load_all(text):
        meta = doc["metadata"]
        assert tokens.check("k8s.dns_subdomain", meta["name"]) is None, (path, meta["name"])
        for key, value in (meta.get("labels") or {}).items():
            assert tokens.check("k8s.label_value", value) is None, (path, key, value)


def assert_core_contract(data: Any) -> str:
    """The property: an input error, or a build whose every artifact is legal. Returns the outcome."""
    issues = model.validate(data)
    if issues:
        assert all(i.path and i.rule for i in issues)
        return "rejected"
    try:
        files = build.build_files(data)
    except TenancyInputError as exc:  # an input error is allowed, but validation should have caught it
        raise AssertionError("validation accepted what the build refused: %s" % exc.report()) from None
    dialects = {"configs/%s.cfg" % d["name"]: "nxos" for d in data.get("leaves") or []}
    dialects.update({"configs/%s.cfg" % d["name"]: "iosxr" for d in data.get("pes") or []})
    for path, text in files.items():
        if path in dialects:
            _check_config(path, text, dialects[path])
        elif path.startswith("manifests/"):
            _check_manifest(path, text)
    return "accepted"


# ---------------------------------------------------------------- mutations of the lab


def _slots(data: Any, where: tuple = ()) -> List[tuple]:
    out = [where] if where else []
    if isinstance(data, dict):
        for key in data:
            out += _slots(data[key], where + (key,))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            out += _slots(item, where + (index,))
    return out


SLOTS = _slots(LAB)


def _apply(data: Any, where: tuple, how: str, payload: Any) -> None:
    parent = data
    for part in where[:-1]:
        parent = parent[part]
    key = where[-1]
    old = parent[key]
    if how == "delete" and isinstance(parent, dict):
        del parent[key]
    elif how == "append" and isinstance(old, str):
        parent[key] = old + payload
    elif how == "duplicate" and isinstance(old, list) and old:
        old.append(copy.deepcopy(old[0]))
    else:
        parent[key] = payload


PAYLOADS = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=12),
    st.integers(min_value=-2, max_value=2 ** 33),
    st.sampled_from([None, True, [], {}, "65536:7", "1.0:7", "70000:100302", "1.4464", 70000, "loopback1024",
                     "fe80::%x\n shutdown/64", "fe80::1%eth0\nshutdown"]),
)


@FUZZ
@given(mutations=st.lists(st.tuples(st.sampled_from(SLOTS), st.sampled_from(["set", "append", "delete", "duplicate"]), PAYLOADS),
                          min_size=1, max_size=3))
def test_mutated_lab_inventories(mutations):
    data = copy.deepcopy(LAB)
    for where, how, payload in mutations:
        try:
            _apply(data, where, how, payload)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or retyped this slot
    assert_core_contract(data)


# ---------------------------------------------------------------- inventories drawn over the schema


ASNS = st.one_of(st.integers(1, 65535), st.integers(65536, 2 ** 32 - 1),
                 st.integers(65536, 2 ** 32 - 1).map(lambda a: "%d.%d" % (a >> 16, a & 0xFFFF)))


@st.composite
def inventories(draw: Any) -> Dict[str, Any]:
    fabric_asn = draw(ASNS)
    n_leaves = draw(st.integers(1, 3))
    leaves = [{"name": "Leaf%02d" % (i + 1), "router_id": "10.70.0.%d" % (i + 11),
               "transit_vrf": {"name": "Tenant-K8s", "l3vni": 100301,
                               "loopback": {"interface": "loopback%d" % draw(st.integers(0, 1023)),
                                            "address": "192.168.1.%d/32" % (i + 1)}}} for i in range(n_leaves)]
    nodes = [{"name": "node-%d" % i, "address": "192.168.16.%d" % (i + 10), "labels": {"rack": "r%d" % (i % n_leaves)}}
             for i in range(draw(st.integers(1, 4)))]
    per_rack = draw(st.booleans())
    peers = []
    for i in range(n_leaves):
        peer: Dict[str, Any] = {"device": "Leaf%02d" % (i + 1), "address": "192.168.1.%d" % (i + 1), "ebgp_multihop": 2}
        if per_rack:
            peer["node_selector"] = {"matchLabels": {"rack": "r%d" % i}}
        peers.append(peer)
    srv6_nodes = [{"name": "xnode-0", "address": "2016:23::10", "srv6_locator": "cafe:cafe:2be::/48"}]
    data: Dict[str, Any] = {
        "fabric": {"asn": fabric_asn, "asn_notation": draw(st.sampled_from(["asplain", "asdot"]))},
        "leaves": leaves,
        "pes": [{"name": "XRV", "router_id": "192.168.40.40", "update_source": "Loopback0", "source_address": "2016:40::40",
                 "srv6_locator": {"name": "XRV", "prefix": "cafe:cafe:100::/48"}}],
        "clusters": [
            {"name": "oss", "flavour": "oss", "cilium_version": draw(st.sampled_from(["1.16.15", "1.18.2"])), "asn": draw(ASNS),
             "bgp_peers": peers, "nodes": nodes},
            {"name": "iso", "flavour": "isovalent", "cilium_version": "1.17.6", "asn": draw(ASNS),
             "bgp_peers": [{"device": "XRV", "address": "2016:40::40"}], "nodes": srv6_nodes,
             "srv6": {"locator_pool": {"name": "pool0", "prefix": "cafe:cafe::/32", "locator_len_bits": 48}}},
        ],
        "tenants": [],
    }
    for i in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            vni = draw(st.sampled_from([100302 + i, 302 + i]))
            tenant: Dict[str, Any] = {
                "name": "t%d" % i, "mode": "evpn_community", "cluster": "oss", "community": "64512:%d" % (301 + i),
                "vrf": {"name": "T%d-Pods" % i, "l3vni": vni},
                "service_selector": {"matchLabels": {"servicebgp": "p%d" % i}},
                "lb_pools": [draw(st.sampled_from([{"name": "pool-%d" % i, "cidr": "20.%d.0.0/24" % i},
                                                   {"name": "pool-%d" % i, "start": "20.%d.0.10" % i, "stop": "20.%d.0.20" % i}]))],
            }
            if draw(st.booleans()):
                tenant["route_target"] = draw(st.sampled_from(["65000:%d" % vni, "%s:%d" % (fabric_asn, i + 1),
                                                               "192.0.2.1:%d" % (i + 1)]))
            if draw(st.booleans()):
                tenant["import_tags"] = [12346 + i]
        else:
            tenant = {"name": "s%d" % i, "mode": "srv6_l3vpn", "cluster": "iso", "vrf": {"name": "v%d" % i, "id": 10 + i},
                      "rd": draw(st.sampled_from(["10:%d" % i, "1.0:%d" % i, "192.0.2.1:%d" % i])),
                      "import_rts": ["65000:%d" % (900 + i)], "export_rts": ["65000:%d" % (900 + i)],
                      "pod_selector": {"matchLabels": {"vrf": "v%d" % i}}}
        data["tenants"].append(tenant)
    return data


@FUZZ
@given(data=inventories())
def test_inventories_over_the_schema(data):
    assert_core_contract(data)


@FUZZ
@given(data=inventories(), where=st.data())
def test_hostile_strings_in_generated_inventories(data, where):
    slot = where.draw(st.sampled_from([s for s in _slots(data) if isinstance(_get(data, s), str)]))
    _apply(data, slot, "append", where.draw(st.sampled_from(HOSTILE)))
    assert_core_contract(data)


def _get(data: Any, where: tuple) -> Any:
    for part in where:
        data = data[part]
    return data
