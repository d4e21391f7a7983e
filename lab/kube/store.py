# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One cluster's objects, with the API server's write semantics.

Every write goes through ``_commit``: prune or reject unknown fields, apply
defaults, validate (422 with field paths), keep ``status`` out of main-resource
writes when the kind has a status subresource, bump ``generation`` on spec
changes, and bump ``resourceVersion`` only when the object really changed, so
a repeated apply is a true no-op. ``managedFields`` are kept per manager and
operation; server-side apply detects conflicts with other managers.
"""

from __future__ import annotations

import collections
import copy
import datetime
import json
import threading
import time
import uuid
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Set, Tuple

import yaml

from . import fieldsets
from .cel import CelUnsupported
from .errors import ApiError
from .resources import Resource, builtin_resources, crd_resources
from .schema import Cause, metadata_causes, service_causes
from .selectors import labels_of, parse_field_selector, parse_label_selector

Owners = Dict[Tuple[str, str, str], Set[fieldsets.Path]]  # (manager, operation, subresource) -> fields
UID_NS = uuid.UUID("6c6f2a1e-6b75-6265-7672-662d6c616221")
SYSTEM_NAMESPACES = ("default", "kube-node-lease", "kube-public", "kube-system")
CRD_KEY = ("apiextensions.k8s.io", "customresourcedefinitions")


def _now(clock: Callable[[], float]) -> str:
    return datetime.datetime.fromtimestamp(int(clock()), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _strip_status(obj: Mapping[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in obj.items() if k not in ("metadata", "status", "apiVersion", "kind")}


def decode_body(raw: bytes, what: str = "body") -> Any:
    """JSON first (what clients send), YAML for apply patches written by hand."""
    text = raw.decode("utf-8") if raw else ""
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ApiError.bad_request("error decoding %s: %s" % (what, str(exc).splitlines()[0]))


class Store:
    def __init__(self, clock: Callable[[], float] = time.time, crd_establish_delay: float = 0.0,
                 uid_scope: str = "") -> None:
        self.clock = clock
        # Each cluster's UIDs differ (kube-system's UID is how a deploy recognises its cluster), stable across restarts.
        self.uid_scope = uid_scope
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.rv = 1
        self.resources: Dict[Tuple[str, str, str], Resource] = {}
        self.objects: Dict[Tuple[str, str], Dict[Tuple[str, str], Dict[str, Any]]] = collections.defaultdict(dict)
        self.events: collections.deque = collections.deque(maxlen=5000)
        self.controllers: List[Callable[["Store"], None]] = []
        self.crd_establish_delay = crd_establish_delay
        self._running_controllers = False
        self._timers: List[threading.Timer] = []
        for res in builtin_resources():
            self.resources[(res.group, res.version, res.plural)] = res
        for name in SYSTEM_NAMESPACES:
            self.create(self.resource("", "v1", "namespaces"), "", {"apiVersion": "v1", "kind": "Namespace",
                                                                    "metadata": {"name": name}}, "kube-apiserver")

    # ------------------------------------------------------------ resources

    def resource(self, group: str, version: str, plural: str) -> Resource:
        with self.lock:
            res = self.resources.get((group, version, plural))
        if res is None:
            raise ApiError.no_route()
        return res

    def find(self, api_version: str, kind: str) -> Resource:
        group, _unused, version = api_version.rpartition("/")
        with self.lock:
            for res in self.resources.values():
                if res.group == group and res.version == version and res.kind == kind:
                    return res
        raise ApiError.no_route()

    def served(self) -> List[Resource]:
        with self.lock:
            return sorted(self.resources.values(), key=lambda r: (r.group, r.version, r.plural))

    def storage_resource(self, key: Tuple[str, str]) -> Optional[Resource]:
        with self.lock:
            cands = [r for r in self.resources.values() if r.key == key]
        return next((r for r in cands if r.storage), cands[0] if cands else None)

    # ------------------------------------------------------------ reads

    def _bucket(self, res: Resource) -> Dict[Tuple[str, str], Dict[str, Any]]:
        return self.objects[res.key]

    def _view(self, res: Resource, obj: Dict[str, Any]) -> Dict[str, Any]:
        out = copy.deepcopy(obj)
        out["apiVersion"] = res.api_version
        return out

    def get(self, res: Resource, namespace: str, name: str) -> Dict[str, Any]:
        with self.lock:
            obj = self._bucket(res).get((namespace if res.namespaced else "", name))
            if obj is None:
                raise ApiError.not_found(res.group_resource, name, res.group, res.plural)
            return self._view(res, obj)

    def list(self, res: Resource, namespace: str = "", label_selector: str = "",
             field_selector: str = "") -> Tuple[List[Dict[str, Any]], int]:
        match_labels = parse_label_selector(label_selector)
        match_fields = parse_field_selector(field_selector)
        with self.lock:
            items = [self._view(res, obj) for (ns, _n), obj in sorted(self._bucket(res).items())
                     if (not namespace or ns == namespace) and match_labels(labels_of(obj)) and match_fields(obj)]
            return items, self.rv

    # ------------------------------------------------------------ writes

    def create(self, res: Resource, namespace: str, body: Any, manager: str, dry_run: bool = False,
               strict: bool = False, warnings: Optional[List[str]] = None) -> Dict[str, Any]:
        obj = self._check_body(res, namespace, body, None)
        with self.lock:
            name = obj["metadata"].get("name") or ""
            if not name and obj["metadata"].get("generateName"):
                name = obj["metadata"]["generateName"] + uuid.uuid5(UID_NS, str(self.rv)).hex[:5]
                obj["metadata"]["name"] = name
            key = (obj["metadata"].get("namespace", "") if res.namespaced else "", name)
            if key in self._bucket(res):
                raise ApiError.already_exists(res.group_resource, name, res.group, res.plural)
            owners: Owners = {(manager, "Update", ""): fieldsets.fieldset(res.schema.root, obj)}
            return self._commit(res, key, None, obj, owners, dry_run, strict, warnings, manager)

    def update(self, res: Resource, namespace: str, name: str, body: Any, manager: str, dry_run: bool = False,
               subresource: str = "", strict: bool = False, warnings: Optional[List[str]] = None) -> Dict[str, Any]:
        obj = self._check_body(res, namespace, body, name)
        with self.lock:
            key = (namespace if res.namespaced else "", name)
            live = self._bucket(res).get(key)
            if live is None:
                if subresource:
                    raise ApiError.not_found(res.group_resource, name, res.group, res.plural)
                return self.create(res, namespace, obj, manager, dry_run, strict, warnings)
            want_rv = obj["metadata"].get("resourceVersion")
            if want_rv and want_rv != live["metadata"]["resourceVersion"]:
                raise ApiError.conflict(res.group_resource, name, res.group, res.plural,
                                        "the object has been modified; please apply your changes to the latest "
                                        "version and try again")
            new = self._with_server_meta(obj, live)
            return self._commit_update(res, key, live, new, manager, subresource, dry_run, strict, warnings)

    def patch(self, res: Resource, namespace: str, name: str, patch_type: str, raw: bytes, manager: str,
              force: bool = False, dry_run: bool = False, subresource: str = "", strict: bool = False,
              warnings: Optional[List[str]] = None) -> Tuple[Dict[str, Any], bool]:
        """(object, created). ``patch_type`` is the request's Content-Type."""
        with self.lock:
            key = (namespace if res.namespaced else "", name)
            live = self._bucket(res).get(key)
            if patch_type == "application/apply-patch+yaml":
                if not manager:
                    raise ApiError.bad_request("PATCH, application/apply-patch+yaml requires fieldManager to be set")
                return self._apply(res, namespace, name, decode_body(raw, "apply patch"), live, manager, force,
                                   dry_run, subresource, strict, warnings)
            if live is None:
                raise ApiError.not_found(res.group_resource, name, res.group, res.plural)
            current = self._view(res, live)
            if patch_type == "application/json-patch+json":
                import jsonpatch
                try:
                    new = jsonpatch.JsonPatch(decode_body(raw)).apply(current)
                except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException, TypeError) as exc:
                    raise ApiError(422, "Invalid", "the server rejected our request due to an error in our "
                                   "request: %s" % exc)
            elif patch_type == "application/merge-patch+json":
                new = merge_patch(current, decode_body(raw))
            elif patch_type == "application/strategic-merge-patch+json":
                if res.crd:
                    raise ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                                   "accepted media types include: application/json-patch+json, "
                                   "application/merge-patch+json, application/apply-patch+yaml")
                new = strategic_patch(res.schema.root, current, decode_body(raw))
            else:
                raise ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                               "accepted media types include: application/json-patch+json, "
                               "application/merge-patch+json, application/apply-patch+yaml")
            if not isinstance(new, dict):
                raise ApiError.bad_request("the patch did not result in an object")
            want_rv = (new.get("metadata") or {}).get("resourceVersion")
            if want_rv and want_rv != live["metadata"]["resourceVersion"]:
                raise ApiError.conflict(res.group_resource, name, res.group, res.plural,
                                        "the object has been modified; please apply your changes to the latest "
                                        "version and try again")
            new = self._with_server_meta(self._check_body(res, namespace, new, name), live)
            return self._commit_update(res, key, live, new, manager, subresource, dry_run, strict, warnings), False

    def delete(self, res: Resource, namespace: str, name: str, dry_run: bool = False,
               precondition_rv: str = "") -> Dict[str, Any]:
        with self.lock:
            key = (namespace if res.namespaced else "", name)
            live = self._bucket(res).get(key)
            if live is None:
                raise ApiError.not_found(res.group_resource, name, res.group, res.plural)
            if precondition_rv and precondition_rv != live["metadata"]["resourceVersion"]:
                raise ApiError.conflict(res.group_resource, name, res.group, res.plural,
                                        "the ResourceVersion in the precondition (%s) does not match the "
                                        "ResourceVersion in record (%s). The object might have been modified"
                                        % (precondition_rv, live["metadata"]["resourceVersion"]))
            if dry_run:
                return self._view(res, live)
            del self._bucket(res)[key]
            self.rv += 1
            gone = self._view(res, live)
            gone["metadata"]["resourceVersion"] = str(self.rv)
            self._emit(res.key, "DELETED", gone)
            if res.key == ("", "namespaces"):
                for bucket_key, bucket in list(self.objects.items()):
                    for okey in [k for k in bucket if k[0] == name]:
                        self._drop(bucket_key, okey)
            if res.key == CRD_KEY:
                self._unregister_crd(live)
            self._run_controllers()
            return gone

    def _drop(self, bucket_key: Tuple[str, str], okey: Tuple[str, str]) -> None:
        obj = self.objects[bucket_key].pop(okey)
        self.rv += 1
        obj = copy.deepcopy(obj)
        obj["metadata"]["resourceVersion"] = str(self.rv)
        self._emit(bucket_key, "DELETED", obj)

    # ------------------------------------------------------------ apply

    def _apply(self, res: Resource, namespace: str, name: str, cfg: Any, live: Optional[Dict[str, Any]],
               manager: str, force: bool, dry_run: bool, subresource: str, strict: bool,
               warnings: Optional[List[str]]) -> Tuple[Dict[str, Any], bool]:
        if not isinstance(cfg, dict):
            raise ApiError.bad_request("apply patch must be an object")
        cfg = self._check_body(res, namespace, cfg, name)
        cfg, dropped = res.schema.prune(cfg)
        # The API server defaults the key fields of list-map items in an apply configuration
        # (a Service port without "protocol" is the port/TCP entry), so re-applying the same
        # manifest merges into the existing item instead of adding a duplicate.
        _default_map_keys(res.schema.root, cfg)
        self._unknown_fields(res, name, dropped, strict, warnings)
        key = (namespace if res.namespaced else "", name)
        want_rv = cfg["metadata"].pop("resourceVersion", None)
        if live is None:
            if subresource:
                raise ApiError.not_found(res.group_resource, name, res.group, res.plural)
            owners: Owners = {(manager, "Apply", ""): fieldsets.fieldset(res.schema.root, cfg)}
            return self._commit(res, key, None, cfg, owners, dry_run, strict, warnings, manager), True
        if want_rv and want_rv != live["metadata"]["resourceVersion"]:
            raise ApiError.conflict(res.group_resource, name, res.group, res.plural,
                                    "the object has been modified; please apply your changes to the latest "
                                    "version and try again")
        schema = res.schema.root
        current = self._view(res, live)
        owners = read_owners(live)
        me = (manager, "Apply", subresource)
        new_set = fieldsets.fieldset(schema, cfg)
        clashes = list(fieldsets.conflicts(schema, current, cfg, new_set,
                                           {"|".join(k): v for k, v in owners.items()}, "|".join(me)))
        if clashes and not force:
            lines = ['conflict with "%s"%s: %s' % (o.split("|")[0],
                                                   " with subresource \"%s\"" % o.split("|")[2] if o.split("|")[2] else "",
                                                   fieldsets.path_text(schema, p)) for o, p in clashes]
            text = "Apply failed with %d conflict%s: %s" % (len(lines), "" if len(lines) == 1 else "s",
                                                            "\n".join(lines) if len(lines) > 1 else lines[0])
            raise ApiError(409, "Conflict", text, {
                "name": name, "group": res.group, "kind": res.plural,
                "causes": [{"reason": "FieldManagerConflict", "message": line,
                            "field": fieldsets.path_text(schema, p)} for line, (_o, p) in zip(lines, clashes)]})
        new = copy.deepcopy(current)
        others = set().union(*[v for k, v in owners.items() if k != me]) if len(owners) > (me in owners) else set()
        for path in sorted(owners.get(me, set()) - new_set, key=len, reverse=True):
            stem = path[:-1] if path[-1] == "." else path
            if path in others or any(p[:len(stem)] == stem for p in others):
                continue
            fieldsets.remove(schema, new, path)
        new = fieldsets.merge(schema, new, cfg)
        if force:
            for other, path in clashes:
                owners[tuple(other.split("|"))].discard(path)
        owners[me] = new_set
        return self._commit(res, key, live, new, owners, dry_run, strict, warnings, manager,
                            subresource=subresource), False

    # ------------------------------------------------------------ commit

    def _commit_update(self, res: Resource, key, live, new, manager: str, subresource: str, dry_run: bool,
                       strict: bool, warnings) -> Dict[str, Any]:
        new, dropped = res.schema.prune(new)
        self._unknown_fields(res, key[1], dropped, strict, warnings)
        schema = res.schema.root
        owners = read_owners(live)
        before = self._view(res, live)
        changed = fieldsets.changed_paths(schema, before, new)
        for owner in owners:
            owners[owner] -= changed
        me = (manager, "Update", subresource)
        owners[me] = owners.get(me, set()) | changed
        return self._commit(res, key, live, new, owners, dry_run, strict, warnings, manager, subresource=subresource)

    def _commit(self, res: Resource, key: Tuple[str, str], live: Optional[Dict[str, Any]], new: Dict[str, Any],
                owners: Owners, dry_run: bool, strict: bool, warnings, manager: str,
                subresource: str = "") -> Dict[str, Any]:
        name = key[1]
        if live is None:
            new, dropped = res.schema.prune(new)
            self._unknown_fields(res, name, dropped, strict, warnings)
        new = res.schema.default(new)
        if res.status_subresource and live is not None:
            if subresource == "status":
                status = new.get("status")
                new = copy.deepcopy(self._view(res, live))
                if status is not None:
                    new["status"] = status
                else:
                    new.pop("status", None)
            else:
                new.pop("status", None)
                if "status" in live:
                    new["status"] = copy.deepcopy(live["status"])
        elif res.status_subresource and live is None:
            new.pop("status", None)
        new["apiVersion"], new["kind"] = res.api_version, res.kind
        for field in ("labels", "annotations", "finalizers", "ownerReferences"):
            if field in (new.get("metadata") or {}) and not new["metadata"][field]:
                del new["metadata"][field]  # ObjectMeta round-trips drop empty maps and lists
        if res.key == ("", "namespaces"):
            labels = new.setdefault("metadata", {}).setdefault("labels", {})
            labels["kubernetes.io/metadata.name"] = name
        causes = metadata_causes(new.get("metadata"), res.namespaced, "" if res.crd else res.kind) + res.schema.validate(new)
        if res.key == ("", "services"):
            causes += service_causes(new)
        if res.key == CRD_KEY:
            causes += self._crd_causes(new)
        if causes:
            raise ApiError.invalid(res.kind, res.group, name, causes)
        if res.namespaced and ("", key[0]) not in self.objects[("", "namespaces")]:
            raise ApiError.not_found("namespaces", key[0], "", "namespaces")
        meta = new["metadata"]
        if res.namespaced:
            meta["namespace"] = key[0]
        else:
            meta.pop("namespace", None)
        owners = {k: v for k, v in owners.items() if v}
        if live is not None:
            old_owners = read_owners(live)
            entries = copy.deepcopy(live["metadata"].get("managedFields") or [])
            same_object = _comparable(new) == _comparable(self._view(res, live))
            if same_object and owners == old_owners:
                return self._view(res, live)  # a no-op write changes nothing, not even resourceVersion
            meta["managedFields"] = _managed_entries(entries, old_owners, owners, manager, res.api_version,
                                                     _now(self.clock), subresource)
            meta["generation"] = live["metadata"].get("generation", 1) + (
                0 if _strip_status(new) == _strip_status(live) else 1)
            for field in ("uid", "creationTimestamp"):
                meta[field] = live["metadata"][field]
        else:
            meta["managedFields"] = _managed_entries([], {}, owners, manager, res.api_version, _now(self.clock),
                                                     subresource)
            meta["generation"] = 1
            meta["creationTimestamp"] = _now(self.clock)
            scope = self.uid_scope + ":" if self.uid_scope else ""
            meta["uid"] = str(uuid.uuid5(UID_NS, "%s%s/%s/%s/%d" % (scope, res.group_resource, key[0], name, self.rv)))
        if dry_run:
            meta["resourceVersion"] = live["metadata"]["resourceVersion"] if live else ""
            if not live:
                meta.pop("resourceVersion")
            return new
        if res.key == CRD_KEY:
            self._register_crd(new, live)
        self.rv += 1
        meta["resourceVersion"] = str(self.rv)
        stored = copy.deepcopy(new)
        stored_res = self.storage_resource(res.key) or res
        stored["apiVersion"] = stored_res.api_version
        self._bucket(res)[key] = stored
        self._emit(res.key, "ADDED" if live is None else "MODIFIED", new)
        self._run_controllers()
        return self._view(res, self._bucket(res)[key])

    def _unknown_fields(self, res: Resource, name: str, dropped: List[str], strict: bool,
                        warnings: Optional[List[str]]) -> None:
        if not dropped:
            return
        if strict:
            raise ApiError.bad_request('%s in version "%s" cannot be handled as a %s: strict decoding error: %s' % (
                res.kind, res.version, res.kind, ", ".join('unknown field "%s"' % d for d in dropped)))
        if warnings is not None:
            warnings.extend('unknown field "%s"' % d for d in dropped)

    def _check_body(self, res: Resource, namespace: str, body: Any, name: Optional[str]) -> Dict[str, Any]:
        if not isinstance(body, dict):
            raise ApiError.bad_request("the body of the request must be an object")
        obj = copy.deepcopy(body)
        obj.setdefault("apiVersion", res.api_version)
        obj.setdefault("kind", res.kind)
        if obj["apiVersion"] != res.api_version or obj["kind"] != res.kind:
            raise ApiError.bad_request("the API version in the data (%s) does not match the expected API version "
                                       "(%s)" % (obj["apiVersion"], res.api_version) if obj["apiVersion"] !=
                                       res.api_version else "the kind in the data (%s) does not match the expected "
                                       "kind (%s)" % (obj["kind"], res.kind))
        meta = obj.setdefault("metadata", {})
        if not isinstance(meta, dict):
            raise ApiError.bad_request("metadata must be an object")
        if name is not None and meta.get("name") not in (None, name):
            raise ApiError.bad_request("the name of the object (%s) does not match the name on the URL (%s)"
                                       % (meta.get("name"), name))
        if name is not None:
            meta["name"] = name
        if res.namespaced:
            if meta.get("namespace") and namespace and meta["namespace"] != namespace:
                raise ApiError.bad_request("the namespace of the provided object does not match the namespace sent "
                                           "on the request")
            meta["namespace"] = namespace or meta.get("namespace") or "default"
        for server_field in ("uid", "creationTimestamp", "generation", "managedFields", "selfLink"):
            meta.pop(server_field, None)
        return obj

    def _with_server_meta(self, obj: Dict[str, Any], live: Dict[str, Any]) -> Dict[str, Any]:
        obj["metadata"].pop("resourceVersion", None)
        return obj

    # ------------------------------------------------------------ CRDs

    def _crd_causes(self, crd: Dict[str, Any]) -> List[Cause]:
        spec = crd.get("spec") or {}
        names = spec.get("names") or {}
        causes = []
        want = "%s.%s" % (names.get("plural"), spec.get("group"))
        if crd["metadata"].get("name") != want:
            causes.append(Cause("metadata.name", "FieldValueInvalid", 'Invalid value: "%s": must be spec.names.plural'
                                '+"."+spec.group' % crd["metadata"].get("name")))
        versions = spec.get("versions") or []
        if sum(1 for v in versions if v.get("storage")) != 1:
            causes.append(Cause("spec.versions", "FieldValueInvalid", "Invalid value: %s: must have exactly one "
                                "version marked as storage version" % json.dumps([v.get("name") for v in versions])))
        try:
            crd_resources(crd)
        except CelUnsupported as exc:
            causes.append(Cause("spec.validation.openAPIV3Schema", "FieldValueInvalid", "Invalid value: %s" % exc))
        for key, res in self.resources.items():
            if res.crd is None and res.group == spec.get("group") and res.plural == names.get("plural"):
                causes.append(Cause("spec.names.plural", "FieldValueInvalid", "Invalid value: built-in resource"))
        return causes

    def _register_crd(self, crd: Dict[str, Any], live: Optional[Dict[str, Any]]) -> None:
        if live is not None:
            self._unregister_crd(live, keep_objects=True)
        resources = crd_resources(crd)
        crd.setdefault("status", {})
        crd["status"]["acceptedNames"] = copy.deepcopy(crd["spec"]["names"])
        crd["status"]["storedVersions"] = sorted({v["name"] for v in crd["spec"]["versions"] if v.get("storage")}
                                                 | set((live or {}).get("status", {}).get("storedVersions") or []))
        established = live is not None and _condition(live, "Established") == "True"
        conditions = [_cond("NamesAccepted", "True", "NoConflicts", "no conflicts found", self.clock)]
        if established or self.crd_establish_delay <= 0:
            for res in resources:
                self.resources[(res.group, res.version, res.plural)] = res
            conditions.append(_cond("Established", "True", "InitialNamesAccepted",
                                    "the initial names have been accepted", self.clock))
        else:
            conditions.append(_cond("Established", "False", "Installing", "the resource is becoming available",
                                    self.clock))
            timer = threading.Timer(self.crd_establish_delay, self._establish, (crd["metadata"]["name"],))
            timer.daemon = True
            self._timers.append(timer)
            timer.start()
        crd["status"]["conditions"] = conditions

    def _establish(self, name: str) -> None:
        with self.lock:
            live = self.objects[CRD_KEY].get(("", name))
            if live is None:
                return
            for res in crd_resources(live):
                self.resources[(res.group, res.version, res.plural)] = res
            new = copy.deepcopy(live)
            new["status"]["conditions"] = [c for c in new["status"]["conditions"] if c["type"] != "Established"] + [
                _cond("Established", "True", "InitialNamesAccepted", "the initial names have been accepted",
                      self.clock)]
            self.rv += 1
            new["metadata"]["resourceVersion"] = str(self.rv)
            self.objects[CRD_KEY][("", name)] = new
            self._emit(CRD_KEY, "MODIFIED", new)

    def _unregister_crd(self, crd: Dict[str, Any], keep_objects: bool = False) -> None:
        spec = crd["spec"]
        for key in [k for k, r in self.resources.items() if r.crd == crd["metadata"]["name"]]:
            del self.resources[key]
        if not keep_objects:
            bucket = (spec["group"], spec["names"]["plural"])
            for okey in list(self.objects.get(bucket, {})):
                self._drop(bucket, okey)

    def register_crd_file(self, path: str, manager: str = "cilium-operator-generic") -> List[str]:
        """Create (or update) every CRD in a YAML file, as the operator installing them would."""
        with open(path, encoding="utf-8") as handle:
            return self.register_crds([d for d in yaml.safe_load_all(handle) if isinstance(d, dict)], manager)

    def register_crds(self, docs: List[Dict[str, Any]], manager: str = "cilium-operator-generic") -> List[str]:
        res = self.resource("apiextensions.k8s.io", "v1", "customresourcedefinitions")
        names = []
        for doc in docs:
            self.patch(res, "", doc["metadata"]["name"], "application/apply-patch+yaml",
                       json.dumps(doc).encode(), manager, force=True)
            names.append(doc["metadata"]["name"])
        return names

    # ------------------------------------------------------------ watch & controllers

    def _emit(self, bucket: Tuple[str, str], kind: str, obj: Dict[str, Any]) -> None:
        self.events.append((int(obj["metadata"]["resourceVersion"]), bucket, kind, copy.deepcopy(obj)))
        self.changed.notify_all()

    def _run_controllers(self) -> None:
        if self._running_controllers:
            return
        self._running_controllers = True
        try:
            for _round in range(5):
                start = self.rv
                for controller in self.controllers:
                    controller(self)
                if self.rv == start:
                    break
        finally:
            self._running_controllers = False

    def watch(self, res: Resource, namespace: str, resource_version: str, label_selector: str,
              field_selector: str, timeout: float, stop: threading.Event,
              send_initial: bool, initial_events_end: bool = False) -> Iterator[Dict[str, Any]]:
        """Watch events (dicts with type and object) until ``timeout`` or ``stop``.

        The first item is ``None`` once the request is validated (410 Gone and bad
        selectors raise before it), so the server can answer 200 right away.
        """
        match_labels = parse_label_selector(label_selector)
        match_fields = parse_field_selector(field_selector)

        def wanted(obj: Dict[str, Any]) -> bool:
            ns = (obj.get("metadata") or {}).get("namespace", "")
            return (not namespace or ns == namespace) and match_labels(labels_of(obj)) and match_fields(obj)

        deadline = time.monotonic() + timeout
        with self.lock:
            if send_initial:
                items, last = self.list(res, namespace, label_selector, field_selector)
                initial = [{"type": "ADDED", "object": item} for item in items]
            else:
                try:
                    last = int(resource_version)
                except ValueError:
                    raise ApiError.bad_request("invalid resourceVersion %r" % resource_version)
                oldest = self.events[0][0] if self.events else self.rv
                if last < oldest - 1 and last < self.rv:
                    raise ApiError(410, "Expired", "too old resource version: %d (%d)" % (last, oldest))
                initial = []
        yield None  # validated: the caller may send its response headers now
        yield from initial
        if initial_events_end:
            # A watch-list request (sendInitialEvents=true, kubectl >= 1.35 by default) waits for this
            # bookmark before it treats the initial state as complete.
            yield {"type": "BOOKMARK", "object": {"apiVersion": res.api_version, "kind": res.kind, "metadata": {
                "resourceVersion": str(last), "annotations": {"k8s.io/initial-events-end": "true"}}}}
        while not stop.is_set():
            with self.lock:
                pending = [(rv, kind, obj) for rv, bucket, kind, obj in self.events if rv > last and bucket == res.key]
                if not pending:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return
                    self.changed.wait(min(remaining, 1.0))
                    continue
            for rv, kind, obj in pending:
                last = rv
                if wanted(obj):
                    view = copy.deepcopy(obj)
                    view["apiVersion"] = res.api_version
                    yield {"type": kind, "object": view}

    def close(self) -> None:
        for timer in self._timers:
            timer.cancel()


# ------------------------------------------------------------------ helpers


def _cond(kind: str, status: str, reason: str, message: str, clock) -> Dict[str, Any]:
    return {"type": kind, "status": status, "reason": reason, "message": message,
            "lastTransitionTime": _now(clock)}


def _condition(obj: Mapping[str, Any], kind: str) -> Optional[str]:
    for cond in (obj.get("status") or {}).get("conditions") or []:
        if cond.get("type") == kind:
            return cond.get("status")
    return None


def _comparable(obj: Mapping[str, Any]) -> Dict[str, Any]:
    out = copy.deepcopy(dict(obj))
    meta = out.get("metadata") or {}
    for key in ("resourceVersion", "managedFields", "generation", "uid", "creationTimestamp"):
        meta.pop(key, None)
    return out


def read_owners(obj: Mapping[str, Any]) -> Owners:
    out: Owners = {}
    for entry in (obj.get("metadata") or {}).get("managedFields") or []:
        key = (entry.get("manager", ""), entry.get("operation", "Update"), entry.get("subresource", ""))
        out[key] = out.get(key, set()) | fieldsets.from_fields_v1(entry.get("fieldsV1") or {})
    return out


def _managed_entries(entries: List[Dict[str, Any]], old: Owners, new: Owners, manager: str, api_version: str,
                     now: str, subresource: str) -> List[Dict[str, Any]]:
    """managedFields: entries keep their order and time unless their field set changed."""
    by_key = {(e.get("manager", ""), e.get("operation", "Update"), e.get("subresource", "")): e for e in entries}
    out = []
    for key, paths in new.items():
        entry = by_key.get(key)
        if entry is None or old.get(key) != paths:
            entry = {"manager": key[0], "operation": key[1], "apiVersion": api_version, "time": now,
                     "fieldsType": "FieldsV1", "fieldsV1": fieldsets.to_fields_v1(paths)}
            if key[2]:
                entry["subresource"] = key[2]
        out.append(entry)
    order = {k: n for n, k in enumerate(by_key)}
    out.sort(key=lambda e: order.get((e["manager"], e["operation"], e.get("subresource", "")), len(order)))
    return out


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def strategic_patch(schema: Mapping[str, Any], target: Any, patch: Any, node: Optional[Mapping[str, Any]] = None) -> Any:
    """Strategic merge patch for the built-in kinds: merge patch, but map-lists merge by their keys."""
    node = schema if node is None else node
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if key.startswith("$") or key.startswith("$setElementOrder"):
            continue
        sub = (node.get("properties") or {}).get(key) or (node.get("additionalProperties")
                                                          if isinstance(node.get("additionalProperties"), dict) else {})
        if value is None:
            out.pop(key, None)
        elif isinstance(value, list) and sub.get("x-kubernetes-list-type") == "map" and isinstance(out.get(key), list):
            from .schema import list_key
            merged = copy.deepcopy(out[key])
            index = {list_key(sub, item): n for n, item in enumerate(merged)}
            for item in value:
                ident = list_key(sub, item)
                if isinstance(item, dict) and item.get("$patch") == "delete":
                    merged = [m for m in merged if list_key(sub, m) != ident]
                    index = {list_key(sub, m): n for n, m in enumerate(merged)}
                elif ident in index:
                    merged[index[ident]] = strategic_patch(schema, merged[index[ident]], item, sub.get("items") or {})
                else:
                    index[ident] = len(merged)
                    merged.append(copy.deepcopy(item))
            out[key] = merged
        elif isinstance(value, dict):
            out[key] = strategic_patch(schema, out.get(key), value, sub)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _default_map_keys(node: Any, value: Any) -> None:
    if not isinstance(node, dict):
        return
    if isinstance(value, dict):
        for key, sub in (node.get("properties") or {}).items():
            if key in value:
                _default_map_keys(sub, value[key])
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        item = node["items"]
        props = item.get("properties") or {}
        for entry in value:
            if isinstance(entry, dict):
                for key in node.get("x-kubernetes-list-map-keys") or ():
                    if key not in entry and isinstance(props.get(key), dict) and "default" in props[key]:
                        entry[key] = props[key]["default"]
                _default_map_keys(item, entry)
