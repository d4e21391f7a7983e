# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A live route feed for the device twins: what the running API twin's nodes advertise.

``KubeFeed(state_dir).speakers()`` returns ``lab.twins.world.Speaker`` objects
(the device twins' ``RouteFeed`` interface) built from ``GET /lab/v1/speakers``
of every cluster in ``state.json``, so a wrong CiliumBGPAdvertisement applied
to the API twin changes what the NX-OS / IOS-XR twins show. Answers are cached
for ``ttl`` seconds; when the API twin is not running the feed is empty.
"""

from __future__ import annotations

import base64
import json
import os
import time
from typing import Any, Dict, List, Sequence

import yaml

from .cli import CliError, request

FAMILY = {"ipv4/unicast": "ipv4-unicast", "ipv6/unicast": "ipv6-unicast", "ipv4/mpls_vpn": "vpnv4-unicast"}


def read_speakers(state_dir: str) -> List[Dict[str, Any]]:
    """The ``/lab/v1/speakers`` documents of every cluster of a running twin ([] when it is not running)."""
    try:
        with open(os.path.join(state_dir, "state.json"), encoding="utf-8") as handle:
            state = json.load(handle)
    except (OSError, ValueError):
        return []
    out = []
    for name, info in sorted(state.get("clusters", {}).items()):
        with open(info["kubeconfig"], encoding="utf-8") as handle:
            cfg = yaml.safe_load(handle)
        ca = base64.b64decode(cfg["clusters"][0]["cluster"]["certificate-authority-data"]).decode()
        try:
            code, body = request(info["server"], ca, cfg["users"][0]["user"]["token"], "GET", "/lab/v1/speakers",
                                 timeout=5)
        except CliError:
            continue
        if code == 200:
            out.append(json.loads(body))
    return out


class KubeFeed:
    """``RouteFeed`` for lab.twins: speakers as the API twin computes them."""

    def __init__(self, state_dir: str, ttl: float = 0.5) -> None:
        self.state_dir = state_dir
        self.ttl = ttl
        self._at = -1.0
        self._cache: Sequence[Any] = ()

    def speakers(self) -> Sequence[Any]:
        if time.monotonic() - self._at < self.ttl:
            return self._cache
        from lab.twins.world import Peer, Route, Speaker  # the device twins' types
        speakers = []
        for doc in read_speakers(self.state_dir):
            for node in doc["nodes"]:
                routes = {}
                for r in node["routes"]:
                    family = FAMILY.get(r["family"])
                    if family is None:
                        continue
                    routes[(family, r["rd"], r["prefix"])] = Route(
                        family, r["prefix"], tuple(r["communities"]), r["origin"], r["rd"],
                        tuple(r["route_targets"]), r["sid"])
                peers = tuple(Peer(p["address"], p["asn"], tuple(FAMILY[f] for f in p["families"] if f in FAMILY))
                              for p in node["peers"])
                speakers.append(Speaker(node["name"], doc["cluster"], node["address"], node["asn"],
                                        node["router_id"], peers, tuple(routes[k] for k in sorted(routes, key=str))))
        self._cache, self._at = tuple(speakers), time.monotonic()
        return self._cache
