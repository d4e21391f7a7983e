# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The whole lab in one process, for any inventory: build, apply, push, capture, verify.

No SSH, no HTTP: the Kubernetes API twin's clusters (``lab.kube.app.LabCluster``)
take the rendered manifests by server-side apply on their store; the device
twins (``lab.twins``) take the rendered configs line by line in a config
session, like the CLI, and their routes from what the API twin's nodes
announce; every capture the verifier plans is answered by the twin that owns
it. ``run(tenancy)`` returns the verification.
"""

import os
import sys
from typing import Any, Callable, Dict, List, Optional, Tuple

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from lab import inventory_world  # noqa: E402
from lab.kube import cilium_cli, cilium_view  # noqa: E402
from lab.kube.app import LabCluster, speakers_document  # noqa: E402
from lab.kube.faults import Faults  # noqa: E402
from lab.kube.feed import FAMILY  # noqa: E402
from lab.kube.world import load_clusters  # noqa: E402
from lab.twins.cli import OS_CLASSES  # noqa: E402
from lab.twins.world import Peer, Route, RouteFeed, Speaker, specs_from  # noqa: E402

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import build, model, verify  # noqa: E402
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.expect import Capture, expectations  # noqa: E402
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.observe import observe  # noqa: E402

T0 = 1764150000.0
APPLY = "application/apply-patch+yaml"


class ClusterFeed(RouteFeed):
    """The device twins' view of the API twin's nodes (as lab.kube.feed.KubeFeed, without HTTP)."""

    def __init__(self, clusters: List[LabCluster]) -> None:
        self.clusters = clusters

    def speakers(self):
        out = []
        for lc in self.clusters:
            doc = speakers_document(lc.spec, lc.views())
            for node in doc["nodes"]:
                routes = {}
                for r in node["routes"]:
                    family = FAMILY.get(r["family"])
                    if family is not None:
                        routes[(family, r["rd"], r["prefix"])] = Route(
                            family, r["prefix"], tuple(r["communities"]), r["origin"], r["rd"],
                            tuple(r["route_targets"]), r["sid"])
                peers = tuple(Peer(p["address"], p["asn"], tuple(FAMILY[f] for f in p["families"] if f in FAMILY))
                              for p in node["peers"])
                out.append(Speaker(node["name"], doc["cluster"], node["address"], node["asn"], node["router_id"],
                                   peers, tuple(routes[k] for k in sorted(routes, key=str))))
        return tuple(out)


class InProcessLab:
    def __init__(self, tenancy: Dict[str, Any], workdir: str, workloads: Optional[Dict[str, Any]] = None) -> None:
        self.tenancy = tenancy
        self.intent = model.plan(tenancy)
        self.files = build.render_intent(self.intent)
        os.makedirs(workdir, exist_ok=True)
        inv = os.path.join(workdir, "tenancy.yml")
        with open(inv, "w", encoding="utf-8") as handle:
            yaml.safe_dump({"tenancy": tenancy}, handle)
        wl = None
        if workloads is not None:
            wl = os.path.join(workdir, "given.yml")
            with open(wl, "w", encoding="utf-8") as handle:
                yaml.safe_dump(workloads, handle)
        path, doc, _changed = inventory_world.write(inv, wl, os.path.join(workdir, "world"))

        def clock() -> float:  # a fixed clock: same input, same output
            return T0

        self.clusters = [LabCluster(spec, "t", Faults(), clock=clock) for spec in load_clusters(inv, path)]
        self.feed = ClusterFeed(self.clusters)
        self.devices = {spec.name: OS_CLASSES[spec.os](spec.name, self.feed, clock=clock, baseline=spec.baseline,
                                                       fabric_prefixes=spec.fabric_prefixes)
                        for spec in specs_from(doc, path, ROOT)}
        self.sessions = {name: dev.session() for name, dev in self.devices.items()}

    # ------------------------------------------------------------ deploy

    def apply_manifests(self) -> None:
        for lc in self.clusters:
            prefix = "manifests/%s/" % lc.spec.name
            for name, text in sorted(self.files.items()):
                if not name.startswith(prefix) or name.endswith("all.yaml"):
                    continue
                for obj in yaml.safe_load_all(text):
                    if obj:
                        res = lc.store.find(obj["apiVersion"], obj["kind"])
                        lc.store.patch(res, obj["metadata"].get("namespace", ""), obj["metadata"]["name"], APPLY,
                                       yaml.safe_dump(obj).encode(), "kubevrf.tenancy", force=True)

    def push_configs(self) -> Dict[str, List[str]]:
        """Every rendered config line in a config session; returns the lines each device rejected."""
        rejected: Dict[str, List[str]] = {}
        for name, session in self.sessions.items():
            text = self.files["configs/%s.cfg" % name]
            session.handle("configure terminal")
            for line in text.splitlines():
                if not line.strip() or line.strip().startswith("!"):
                    session.handle(line) if line.strip() == "!" else None
                    continue
                out = session.handle(line)
                if "%" in out or "Invalid" in out or "rror" in out:
                    rejected.setdefault(name, []).append("%s -> %s" % (line, out.strip()))
            if self.devices[name].os_name == "iosxr":
                out = session.handle("commit")
                if "%" in out or "rror" in out:
                    rejected.setdefault(name, []).append("commit -> %s" % out.strip())
            session.handle("end")
        return rejected

    # ------------------------------------------------------------ capture

    def _cluster_output(self, cap: Capture) -> str:
        lc = next(c for c in self.clusters if c.spec.name == cap.device)
        views = lc.views()
        words = cap.command.split()
        if cap.kind == "cilium.bgp_peers":
            return cilium_cli.peers_text(views, 3600.0)
        if cap.kind == "cilium.bgp_routes":
            return cilium_cli.routes_text(views, "available", "ipv4", "unicast", 3600.0, None, True)
        if cap.kind == "cilium.bgp_routes_advertised":
            return cilium_cli.routes_text(views, "advertised", words[4], words[5], 3600.0, None, False)
        snap = cilium_view.snapshot(lc.store)
        kind = {"kube.sidmanager": "IsovalentSRv6SIDManager", "kube.services": "Service"}[cap.kind]
        return yaml.safe_dump({"apiVersion": "v1", "kind": "List", "items": list(snap.of(kind))})

    def output(self, cap: Capture) -> Optional[str]:
        if cap.platform == "cilium":
            return self._cluster_output(cap)
        session = self.sessions.get(cap.device)
        return session.handle(cap.command) if session is not None else None

    def verify(self, lookup: Optional[Callable[[Capture], Optional[str]]] = None) -> Tuple[Any, Any]:
        look = lookup or self.output
        exp = expectations(self.intent, observe(self.intent, look))
        return exp, verify.verify(exp, look, live=True)
