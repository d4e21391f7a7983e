# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTPS front of one cluster: auth, routing, JSON/Table replies, watch streams, faults.

Routes: ``/version``, ``/healthz``, discovery (``/api``, ``/apis``, group
versions), ``/openapi/v3``, the resource paths of every served kind
(``/api/v1/...``, ``/apis/<group>/<version>/...``, ``/status`` subresources)
and the lab's own ``/lab/v1/...`` (Cilium's view, speakers, faults).
"""

from __future__ import annotations

import hmac
import json
import logging
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

from . import discovery
from .errors import ApiError
from .faults import FaultError, Faults
from .resources import Resource
from .store import Store, decode_body
from .tables import table, wants_table

LOG = logging.getLogger("lab.kube")
MAX_BODY = 8 * 1024 * 1024
VERB_OF = {"GET": "get", "POST": "create", "PUT": "update", "PATCH": "patch", "DELETE": "delete"}


class Cluster:
    """What a cluster's server needs: its store, token, faults and the lab hooks."""

    def __init__(self, name: str, store: Store, token: str, faults: Optional[Faults] = None,
                 lab_routes: Optional[Dict[str, Callable[[Dict[str, str]], Tuple[str, Any]]]] = None) -> None:
        self.name = name
        self.store = store
        self.token = token
        self.faults = faults or Faults()
        self.lab_routes = lab_routes or {}
        self.stopping = threading.Event()
        self.address = ""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kubevrf-lab-apiserver"
    cluster: Cluster  # set on the subclass made per server

    # ------------------------------------------------------------ plumbing

    def log_message(self, fmt: str, *args: Any) -> None:  # the default one writes to stderr
        pass

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(60)
        self.connection.do_handshake()

    def _send(self, code: int, body: Any, content_type: str = "application/json",
              headers: Optional[Dict[str, str]] = None) -> None:
        data = body if isinstance(body, bytes) else (json.dumps(body, separators=(",", ":")) + "\n").encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache, private")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        self._code = code

    def _error(self, err: ApiError) -> None:
        self._send(err.code, err.status())

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise ApiError(413, "RequestEntityTooLarge", "the request body is too large")
        if length:
            return self.rfile.read(length)
        if "chunked" in (self.headers.get("Transfer-Encoding") or ""):
            chunks = []
            while True:
                size = int(self.rfile.readline().strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        return b""

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        self._code = 0
        started = time.monotonic()
        url = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        try:
            if not self._authorized():
                raise ApiError(401, "Unauthorized", "Unauthorized")
            self._route(url.path.rstrip("/") or "/", query)
        except ApiError as err:
            self._error(err)
        except (BrokenPipeError, ConnectionResetError, socket.timeout, ssl.SSLError):
            self.close_connection = True
        except Exception as exc:  # a twin bug must still answer like a server, and be logged
            LOG.exception("%s: internal error on %s %s", self.cluster.name, self.command, self.path)
            self._error(ApiError.internal("lab twin bug: %s" % exc))
        finally:
            LOG.info("%s %s %s -> %s (%.0f ms) ua=%r accept=%r ct=%r", self.cluster.name, self.command, self.path,
                     self._code or "-", (time.monotonic() - started) * 1000, self.headers.get("User-Agent", ""),
                     self.headers.get("Accept", ""), self.headers.get("Content-Type", ""))

    def _authorized(self) -> bool:
        header = self.headers.get("Authorization") or ""
        scheme, _unused, token = header.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), self.cluster.token.encode())

    # ------------------------------------------------------------ routing

    def _route(self, path: str, query: Dict[str, str]) -> None:
        store = self.cluster.store
        parts = [p for p in path.split("/") if p]
        if path in ("/healthz", "/livez", "/readyz"):
            return self._send(200, b"ok", "text/plain; charset=utf-8")
        if path == "/version":
            return self._send(200, discovery.KUBE_VERSION)
        if parts and parts[0] == "lab":
            return self._lab(parts[1:], query)
        if parts[:1] == ["openapi"]:
            return self._openapi(parts[1:])
        if path == "/api":
            return self._send(200, discovery.api_versions(self.cluster.address))
        if path == "/apis":
            return self._send(200, discovery.group_list(store.served()))
        if parts[:1] == ["apis"] and len(parts) == 2:
            doc = discovery.group(store.served(), parts[1])
            if not doc:
                raise ApiError.no_route()
            return self._send(200, doc)
        if parts[:2] == ["api", "v1"]:
            group, version, rest = "", "v1", parts[2:]
        elif parts[:1] == ["apis"] and len(parts) >= 3:
            group, version, rest = parts[1], parts[2], parts[3:]
        else:
            raise ApiError.no_route()
        if not rest:
            doc = discovery.resource_list(store.served(), "%s/%s" % (group, version) if group else version)
            if not doc:
                raise ApiError.no_route()
            return self._send(200, doc)
        self._resource(group, version, rest, query)

    def _resource(self, group: str, version: str, rest: List[str], query: Dict[str, str]) -> None:
        store = self.cluster.store
        namespace = ""
        if rest[0] == "namespaces" and len(rest) >= 3 and not (group == "" and rest[2] in ("status", "finalize")):
            namespace, rest = rest[1], rest[2:]
        res = store.resource(group, version, rest[0])
        if namespace and not res.namespaced:
            raise ApiError.no_route()
        name = rest[1] if len(rest) > 1 else ""
        sub = rest[2] if len(rest) > 2 else ""
        if len(rest) > 3 or (sub and (sub != "status" or not res.status_subresource)):
            raise ApiError.no_route()
        verb = VERB_OF.get(self.command, "")
        if self.command == "GET":
            verb = "watch" if query.get("watch") in ("true", "1") else ("get" if name else "list")
        fault = self.cluster.faults.take(verb, res.kind, res.plural, name)
        if fault:
            return self._fault(fault, res, name)
        manager = query.get("fieldManager") or self._default_manager()
        dry_run = query.get("dryRun") == "All"
        strict = query.get("fieldValidation") == "Strict"
        warnings: List[str] = []
        if self.command == "GET":
            if name:
                obj = store.get(res, namespace, name)
                return self._reply(200, res, [obj], single=True, rv=obj["metadata"].get("resourceVersion", ""))
            if verb == "watch":
                return self._watch(res, namespace, query)
            items, rv = store.list(res, namespace, query.get("labelSelector", ""), query.get("fieldSelector", ""))
            return self._reply(200, res, items, single=False, rv=str(rv))
        if self.command == "POST":
            if name:
                raise ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested "
                               "resource")
            obj = store.create(res, namespace, decode_body(self._body()), manager, dry_run, strict, warnings)
            return self._reply(201, res, [obj], single=True, warnings=warnings)
        if not name:
            raise ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource")
        if self.command == "PUT":
            obj = store.update(res, namespace, name, decode_body(self._body()), manager, dry_run, sub, strict, warnings)
            return self._reply(200, res, [obj], single=True, warnings=warnings)
        if self.command == "PATCH":
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            obj, created = store.patch(res, namespace, name, ctype, self._body(), query.get("fieldManager", "")
                                       if ctype == "application/apply-patch+yaml" else manager,
                                       query.get("force") in ("true", "1"), dry_run, sub, strict, warnings)
            return self._reply(201 if created else 200, res, [obj], single=True, warnings=warnings)
        if self.command == "DELETE":
            body = self._body()
            options = decode_body(body) if body else {}
            precondition = ((options or {}).get("preconditions") or {}).get("resourceVersion", "")
            obj = store.delete(res, namespace, name, dry_run, precondition)
            return self._reply(200, res, [obj], single=True)
        raise ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource")

    def _default_manager(self) -> str:
        agent = self.headers.get("User-Agent") or "unknown"
        return agent.split("/")[0][:128]

    def _reply(self, code: int, res: Resource, items: List[Dict[str, Any]], single: bool, rv: str = "",
               warnings: Optional[List[str]] = None) -> None:
        headers = {"Warning": ", ".join('299 - "%s"' % w.replace('"', '\\"') for w in warnings)} if warnings else {}
        if wants_table(self.headers.get("Accept")) and self.command == "GET":
            query = parse_qs(urlsplit(self.path).query)
            include = (query.get("includeObject") or ["Metadata"])[-1]
            return self._send(code, table(res, items, rv, self.cluster.store.clock(), include),
                              headers=headers)
        if single:
            return self._send(code, items[0], headers=headers)
        return self._send(code, {"apiVersion": res.api_version, "kind": res.kind + "List",
                                 "metadata": {"resourceVersion": rv}, "items": items}, headers=headers)

    def _watch(self, res: Resource, namespace: str, query: Dict[str, str]) -> None:
        store = self.cluster.store
        rv = query.get("resourceVersion", "")
        send_initial = rv in ("", "0") or query.get("sendInitialEvents") == "true"
        timeout = float(query.get("timeoutSeconds") or 1800)
        stop = self.cluster.stopping
        events = store.watch(res, namespace, rv or "0", query.get("labelSelector", ""),
                             query.get("fieldSelector", ""), timeout, stop, send_initial,
                             initial_events_end=query.get("sendInitialEvents") == "true")
        next(events)  # errors (410 Gone, bad selector) raise here and still get a plain reply
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Cache-Control", "no-cache, private")
        self.end_headers()
        self._code = 200
        self.close_connection = True

        def chunk(data: bytes) -> None:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

        for event in events:
            chunk((json.dumps(event, separators=(",", ":")) + "\n").encode())
        self.wfile.write(b"0\r\n\r\n")

    def _fault(self, fault: Dict[str, Any], res: Resource, name: str) -> None:
        LOG.warning("%s: fault %s injected on %s %s/%s", self.cluster.name, fault["action"], self.command,
                    res.kind, name)
        if self.command in ("POST", "PUT", "PATCH"):
            self._body()
        action = fault["action"]
        if action == "hang":
            self.cluster.stopping.wait(fault["seconds"])
            self.close_connection = True
            self._code = "hang"
            return
        if action == "409":
            return self._error(ApiError.conflict(res.group_resource, name, res.group, res.plural,
                                                 "the object has been modified; please apply your changes to the "
                                                 "latest version and try again"))
        if action == "422":
            from .schema import Cause
            return self._error(ApiError.invalid(res.kind, res.group, name, [
                Cause("spec", "FieldValueInvalid", "Invalid value: \"object\": lab fault injected")]))
        return self._error(ApiError.internal("lab fault injected: etcdserver: request timed out"))

    # ------------------------------------------------------------ openapi and lab

    def _openapi(self, parts: List[str]) -> None:
        resources = self.cluster.store.served()
        if parts == ["v3"]:
            return self._send(200, discovery.openapi_v3_root(resources))
        if parts[:1] == ["v3"] and len(parts) >= 3:
            gv = "v1" if parts[1:3] == ["api", "v1"] else "/".join(parts[2:4])
            doc = discovery.openapi_v3_doc(resources, gv)
            if doc["paths"]:
                return self._send(200, doc)
        raise ApiError.no_route()

    def _lab(self, parts: List[str], query: Dict[str, str]) -> None:
        if parts[:1] != ["v1"]:
            raise ApiError.no_route()
        route = "/".join(parts[1:])
        if route == "faults":
            faults = self.cluster.faults
            if self.command == "GET":
                return self._send(200, faults.snapshot())
            if self.command == "DELETE":
                faults.clear()
                return self._send(200, faults.snapshot())
            if self.command == "POST":
                try:
                    specs = decode_body(self._body())
                    added = [faults.add(s) for s in (specs if isinstance(specs, list) else [specs])]
                except FaultError as exc:
                    raise ApiError.bad_request(str(exc))
                return self._send(201, {"added": added})
        handler = self.cluster.lab_routes.get(route)
        if handler is None or self.command != "GET":
            raise ApiError.no_route()
        ctype, body = handler(query)
        if ctype == "application/json":
            return self._send(200, body)
        return self._send(200, body.encode(), ctype)


class ApiServer:
    """One cluster's HTTPS server on 127.0.0.1, serving in a thread."""

    def __init__(self, cluster: Cluster, certfile: str, keyfile: str, port: int = 0, host: str = "127.0.0.1") -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the lab API twin listens on loopback only, not %s" % host)
        handler = type("ClusterHandler", (Handler,), {"cluster": cluster})
        self.cluster = cluster
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(certfile, keyfile)
        context.set_alpn_protocols(["http/1.1"])
        # The handshake runs in the request thread, so a stalled client blocks only itself.
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True, do_handshake_on_connect=False)
        self.port = self.httpd.server_address[1]
        cluster.address = "127.0.0.1:%d" % self.port
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                       name="kube-%s" % cluster.name, daemon=True)

    @property
    def url(self) -> str:
        return "https://127.0.0.1:%d" % self.port

    def start(self) -> "ApiServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.cluster.stopping.set()
        with self.cluster.store.lock:
            self.cluster.store.changed.notify_all()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.cluster.store.close()
