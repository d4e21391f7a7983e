# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The running lab: one API server per cluster, the lab CA, kubeconfigs and the state file.

Files in the state directory (default ``build/lab/kube/``, never committed):
``ca.crt``, ``server.crt``, ``server.key`` (fresh every start), ``kubeconfig``
(every cluster, one context each, current context the first) and
``<cluster>.kubeconfig`` (one cluster), both 0600 since they hold the token,
``state.json`` (pid, ports, paths; no secrets) and ``kube.log``.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

import yaml

from . import cilium_cli, cilium_view
from .faults import Faults
from .isovalent_crds import isovalent_crds
from .server import ApiServer, Cluster
from .store import Store
from .tls import make_pki
from .world import ClusterSpec, load_clusters, seed_objects

TOKEN_ENV = "KUBEVRF_LAB_KUBE_TOKEN"
FAULTS_ENV = "KUBEVRF_LAB_KUBE_FAULTS"
USER = "kubevrf-lab-admin"


class LabCluster:
    def __init__(self, spec: ClusterSpec, token: str, faults: Faults, preload_crds: bool = True,
                 crd_establish_delay: float = 0.0, clock: Callable[[], float] = time.time) -> None:
        self.spec = spec
        self.started = clock()
        self.clock = clock
        self.store = Store(clock=clock, crd_establish_delay=0.0, uid_scope=spec.name)
        self._seed(preload_crds)
        self.store.crd_establish_delay = crd_establish_delay
        self.store.controllers.append(lambda store: cilium_view.lb_ipam(store, spec))
        if spec.flavour == "isovalent":
            self.store.controllers.append(lambda store: cilium_view.sid_manager(store, spec))
        self.store._run_controllers()
        self.cluster = Cluster(spec.name, self.store, token, faults, {
            "cilium/bgp/peers": self._peers, "cilium/bgp/routes": self._routes, "speakers": self._speakers})
        self.server: Optional[ApiServer] = None

    def _seed(self, preload_crds: bool) -> None:
        store = self.store
        for obj in seed_objects(self.spec):
            api_version, kind = obj["apiVersion"], obj["kind"]
            res = store.find(api_version, kind)
            status = obj.pop("status", None)
            ns = obj["metadata"].get("namespace", "")
            try:
                store.create(res, ns, obj, "lab-seed")
            except Exception as exc:  # noqa: BLE001
                if getattr(exc, "code", 0) != 409:  # system namespaces already exist
                    raise
            if status is not None:
                store.patch(res, ns, obj["metadata"]["name"], "application/apply-patch+yaml", json.dumps(
                    {"apiVersion": api_version, "kind": kind, "metadata": {"name": obj["metadata"]["name"]},
                     "status": status}).encode(), "lab-seed", force=True, subresource="status")
        if preload_crds:
            for path in self.spec.crd_files():
                store.register_crd_file(path)
            if self.spec.flavour == "isovalent":
                store.register_crds(isovalent_crds(), "isovalent-operator")

    # ------------------------------------------------------------ Cilium's view

    def views(self) -> List[cilium_view.NodeView]:
        return cilium_view.compute(self.spec, cilium_view.snapshot(self.store))

    def _age(self) -> float:
        return self.clock() - self.started

    def _peers(self, query: Dict[str, str]) -> Tuple[str, Any]:
        if query.get("output") == "json":
            return "application/json", cilium_cli.peers_json(self.views(), self._age())
        return "text/plain; charset=utf-8", cilium_cli.peers_text(self.views(), self._age())

    def _routes(self, query: Dict[str, str]) -> Tuple[str, Any]:
        mode = query.get("type") or "available"
        afi, safi = query.get("afi") or "ipv4", query.get("safi") or "unicast"
        defaulted = not query.get("type")
        if query.get("output") == "json":
            return "application/json", cilium_cli.routes_json(self.views(), mode, afi, safi, self._age(),
                                                              query.get("peer"))
        return "text/plain; charset=utf-8", cilium_cli.routes_text(self.views(), mode, afi, safi, self._age(),
                                                                   query.get("peer"), defaulted)

    def _speakers(self, query: Dict[str, str]) -> Tuple[str, Any]:
        return "application/json", speakers_document(self.spec, self.views())


def speakers_document(spec: ClusterSpec, views: List[cilium_view.NodeView]) -> Dict[str, Any]:
    """What the device twins read: per node, the sessions it opens and the paths it sends."""
    nodes = []
    for view in views:
        nodes.append({
            "name": view.name, "cluster": spec.name, "address": view.address, "asn": view.local_asn,
            "router_id": view.router_id,
            "peers": [{"address": p.address, "asn": p.peer_asn, "families": list(p.families), "state": p.state,
                       "reason": p.reason} for p in view.peers],
            "routes": [dict(_path_dict(path), peer=p.address) for p in view.peers
                       for path in _all_family_paths(view, p)]})
    return {"cluster": spec.name, "flavour": spec.flavour, "nodes": nodes}


def _all_family_paths(view: cilium_view.NodeView, peer: cilium_view.PeerView):
    """Paths the node would send on this session once it is up (the device decides whether it is)."""
    if peer.state == "established":
        return peer.advertised
    return ()


def _path_dict(path: cilium_view.BgpPath) -> Dict[str, Any]:
    return {"family": path.family, "prefix": path.prefix, "communities": list(path.communities),
            "large_communities": list(path.large_communities), "local_pref": path.local_pref,
            "origin": path.origin, "rd": path.rd or None, "route_targets": list(path.route_targets),
            "sid": path.sid or None, "vrf": path.vrf or None}


class Lab:
    def __init__(self, state_dir: str, inventory: Optional[str] = None, workloads: Optional[str] = None,
                 ports: Optional[Dict[str, int]] = None, token: Optional[str] = None, preload_crds: bool = True,
                 crd_establish_delay: float = 0.0, faults: Optional[List[Dict[str, Any]]] = None) -> None:
        kwargs = {}
        if inventory:
            kwargs["inventory"] = inventory
        if workloads:
            kwargs["workloads"] = workloads
        self.specs = load_clusters(**kwargs)
        self.state_dir = os.path.abspath(state_dir)
        self.ports = ports or {}
        self.token = token or os.environ.get(TOKEN_ENV) or secrets.token_urlsafe(32)
        env_faults = json.loads(os.environ.get(FAULTS_ENV) or "[]")
        self.faults = {s.name: Faults(list(faults or []) + env_faults) for s in self.specs}
        self.clusters = [LabCluster(s, self.token, self.faults[s.name], preload_crds, crd_establish_delay)
                         for s in self.specs]

    def cluster(self, name: str) -> LabCluster:
        for c in self.clusters:
            if c.spec.name == name:
                return c
        raise KeyError(name)

    def start(self) -> Dict[str, Any]:
        os.makedirs(self.state_dir, exist_ok=True)
        pki = make_pki(self.state_dir)
        for c in self.clusters:
            c.server = ApiServer(c.cluster, pki["server.crt"], pki["server.key"],
                                 port=int(self.ports.get(c.spec.name, 0))).start()
        with open(pki["ca.crt"], "rb") as handle:
            ca = base64.b64encode(handle.read()).decode()
        paths = {"kubeconfig": os.path.join(self.state_dir, "kubeconfig")}
        _write_private(paths["kubeconfig"], kubeconfig_text(
            [(c.spec.name, c.server.url) for c in self.clusters], ca, self.token))
        for c in self.clusters:
            path = os.path.join(self.state_dir, "%s.kubeconfig" % c.spec.name)
            _write_private(path, kubeconfig_text([(c.spec.name, c.server.url)], ca, self.token))
        state = {"pid": os.getpid(), "ca": pki["ca.crt"], "kubeconfig": paths["kubeconfig"],
                 "clusters": {c.spec.name: {"server": c.server.url, "port": c.server.port, "flavour": c.spec.flavour,
                                            "kubeconfig": os.path.join(self.state_dir, "%s.kubeconfig" % c.spec.name)}
                              for c in self.clusters}}
        tmp = os.path.join(self.state_dir, "state.json.tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(state, handle, indent=2, sort_keys=True)
        os.replace(tmp, os.path.join(self.state_dir, "state.json"))
        return state

    def stop(self) -> None:
        for c in self.clusters:
            if c.server is not None:
                c.server.stop()


def kubeconfig_text(clusters: List[Tuple[str, str]], ca_b64: str, token: str) -> str:
    doc = {"apiVersion": "v1", "kind": "Config", "preferences": {},
           "clusters": [{"name": name, "cluster": {"server": url, "certificate-authority-data": ca_b64}}
                        for name, url in clusters],
           "users": [{"name": USER, "user": {"token": token}}],
           "contexts": [{"name": name, "context": {"cluster": name, "user": USER}} for name, _unused in clusters],
           "current-context": clusters[0][0]}
    return "# Written by `python -m lab.kube start`: the lab's Kubernetes API twin. Holds a token: keep private.\n" + \
        yaml.safe_dump(doc, sort_keys=False, default_flow_style=False)


def _write_private(path: str, text: str) -> None:
    fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(path + ".tmp", path)
