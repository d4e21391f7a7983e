#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# The per-cluster deploy lock: a coordination.k8s.io/v1 Lease, taken with a create (or, for a released or
# stale lease, a replace carrying the resourceVersion read), so two deploys racing for it cannot both win:
# the API server refuses the loser with 409 and the loser reads again.

from __future__ import annotations

DOCUMENTATION = r"""
---
module: tenancy_kube_lease
short_description: Take or release the per-cluster deploy lock (a Kubernetes Lease)
version_added: 0.1.0
description:
  - With O(state=present), takes the Lease O(namespace)/O(name) for this run, waiting up to O(wait) seconds while
    another holder has it, then fails naming that holder.
  - A Lease whose holder is empty (released) or whose C(renewTime) is older than its C(leaseDurationSeconds)
    (stale, e.g. a deploy killed before it released) is taken over.
  - With O(state=absent), releases the Lease when this run holds it (deletes it with a resourceVersion
    precondition); a Lease another holder has taken meanwhile is left alone.
author:
  - kubevrf.tenancy maintainers (@kubevrf)
options:
  kubeconfig:
    description: Path of the kubeconfig; the client's default (C(KUBECONFIG), C(~/.kube/config)) when empty.
    type: path
  context:
    description: Context of the kubeconfig to use; its current context when empty.
    type: str
  name:
    description: Name of the Lease.
    type: str
    default: kubevrf-tenancy-deploy
  namespace:
    description: Namespace of the Lease.
    type: str
    default: kube-system
  run_id:
    description:
      - This run's id; the holder identity written into the Lease is C(<run_id>@<controller host name>).
      - Must differ between runs (a deploy finding its own holder in the Lease takes it as its own).
    type: str
    required: true
  state:
    description: C(present) takes the lock, C(absent) releases it.
    type: str
    choices: [present, absent]
    default: present
  wait:
    description: Seconds to wait for another holder to release the Lease before failing.
    type: int
    default: 60
  duration:
    description: C(leaseDurationSeconds) written into the Lease; after it, another deploy may take the Lease over.
    type: int
    default: 600
  request_timeout:
    description: Seconds to wait for each answer of the API server.
    type: int
    default: 15
requirements:
  - kubernetes (the Python client, as for kubernetes.core)
notes:
  - Check mode neither reads nor writes the Lease.
"""

EXAMPLES = r"""
- name: Take the cluster lock
  kubevrf.tenancy.tenancy_kube_lease:
    kubeconfig: ~/.kube/config
    run_id: "20261206T220000-4711"
    wait: 60

- name: Release it
  kubevrf.tenancy.tenancy_kube_lease:
    kubeconfig: ~/.kube/config
    run_id: "20261206T220000-4711"
    state: absent
"""

RETURN = r"""
holder:
  description: The holder of the Lease after the task (this run's holder when it took the Lease).
  returned: always
  type: str
taken_over:
  description: The holder of the stale or released Lease that was taken over, or empty.
  returned: success
  type: str
waited:
  description: Seconds spent waiting for another holder.
  returned: always
  type: float
"""

import datetime
import json
import socket
import time
from typing import Any, Dict, Optional, Tuple

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

try:
    from kubernetes import client as kclient, config as kconfig
    from kubernetes.client.rest import ApiException
    HAS_KUBERNETES = True
except ImportError:  # reported by the module
    HAS_KUBERNETES = False

    class ApiException(Exception):  # type: ignore[no-redef]
        status = 0


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def _micro(when: datetime.datetime) -> str:
    """A MicroTime as the API server writes it."""
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _reason(exc: Exception) -> str:
    """The API server's message (the Status body), never the request (it carries the token)."""
    status = getattr(exc, "status", 0)
    body = getattr(exc, "body", "") or ""
    text = body if isinstance(body, str) else body.decode("utf-8", "replace")
    try:
        message = json.loads(text).get("message", "")
    except (ValueError, AttributeError):
        message = ""
    return ("HTTP %s %s" % (status, message or getattr(exc, "reason", "") or "")).strip() if status else str(exc)


def _stale(spec: Any, now: datetime.datetime) -> bool:
    renewed = spec.renew_time or spec.acquire_time
    if not spec.lease_duration_seconds or renewed is None:
        return True
    if renewed.tzinfo is None:
        renewed = renewed.replace(tzinfo=datetime.timezone.utc)
    return (now - renewed).total_seconds() > spec.lease_duration_seconds


def _body(name: str, namespace: str, holder: str, duration: int, transitions: int,
          resource_version: Optional[str]) -> Dict[str, Any]:
    now = _micro(_now())
    meta: Dict[str, Any] = {"name": name, "namespace": namespace,
                            "labels": {"app.kubernetes.io/managed-by": "kubevrf.tenancy"}}
    if resource_version:
        meta["resourceVersion"] = resource_version
    return {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": meta,
            "spec": {"holderIdentity": holder, "leaseDurationSeconds": duration, "acquireTime": now, "renewTime": now,
                     "leaseTransitions": transitions}}


def _describe(spec: Any) -> str:
    since = spec.acquire_time.strftime("%Y-%m-%dT%H:%M:%SZ") if spec.acquire_time else "an unknown time"
    return "%r (since %s, lease duration %s s)" % (spec.holder_identity, since, spec.lease_duration_seconds)


def acquire(api: Any, params: Dict[str, Any]) -> Tuple[bool, Dict[str, Any]]:
    """(taken, result): taken is False when another holder kept the Lease for the whole wait."""
    name, namespace, holder = params["name"], params["namespace"], params["holder"]
    timeout = params["request_timeout"]
    start = time.monotonic()
    while True:
        try:
            lease = api.read_namespaced_lease(name, namespace, _request_timeout=timeout)
        except ApiException as exc:
            if exc.status != 404:
                raise
            lease = None
        if lease is None:
            try:
                api.create_namespaced_lease(namespace, _body(name, namespace, holder, params["duration"], 0, None),
                                            _request_timeout=timeout)
                return True, {"holder": holder, "taken_over": "", "changed": True}
            except ApiException as exc:
                if exc.status != 409:  # 409: another deploy created it first; read again
                    raise
                continue
        spec = lease.spec
        if spec.holder_identity == holder:
            return True, {"holder": holder, "taken_over": "", "changed": False}
        if not spec.holder_identity or _stale(spec, _now()):
            body = _body(name, namespace, holder, params["duration"], (spec.lease_transitions or 0) + 1,
                         lease.metadata.resource_version)
            try:
                api.replace_namespaced_lease(name, namespace, body, _request_timeout=timeout)
                return True, {"holder": holder, "taken_over": spec.holder_identity or "", "changed": True,
                              "previous": _describe(spec)}
            except ApiException as exc:
                if exc.status != 409:  # 409: another deploy took it over first; read again
                    raise
                continue
        waited = time.monotonic() - start
        if waited >= params["wait"]:
            return False, {"holder": spec.holder_identity, "waited": round(waited, 1), "held_by": _describe(spec)}
        time.sleep(min(2.0, max(0.1, params["wait"] - waited)))


def release(api: Any, params: Dict[str, Any]) -> Dict[str, Any]:
    name, namespace, holder = params["name"], params["namespace"], params["holder"]
    timeout = params["request_timeout"]
    try:
        lease = api.read_namespaced_lease(name, namespace, _request_timeout=timeout)
    except ApiException as exc:
        if exc.status == 404:
            return {"holder": "", "changed": False}
        raise
    if lease.spec.holder_identity != holder:
        return {"holder": lease.spec.holder_identity or "", "changed": False,
                "warnings": ["Lease %s/%s is held by %s, not by this run (%s): left in place"
                             % (namespace, name, _describe(lease.spec), holder)]}
    try:
        api.delete_namespaced_lease(name, namespace, _request_timeout=timeout,
                                    body=kclient.V1DeleteOptions(
                                        preconditions=kclient.V1Preconditions(
                                            resource_version=lease.metadata.resource_version)))
    except ApiException as exc:
        if exc.status not in (404, 409):  # gone, or taken over (stale) since the read: not ours any more
            raise
    return {"holder": "", "changed": True}


def main() -> None:
    module = AnsibleModule(argument_spec=dict(
        kubeconfig=dict(type="path"), context=dict(type="str"),
        name=dict(type="str", default="kubevrf-tenancy-deploy"), namespace=dict(type="str", default="kube-system"),
        run_id=dict(type="str", required=True), state=dict(type="str", choices=["present", "absent"], default="present"),
        wait=dict(type="int", default=60), duration=dict(type="int", default=600),
        request_timeout=dict(type="int", default=15)), supports_check_mode=True)
    params = module.params
    where = "Lease %s/%s" % (params["namespace"], params["name"])
    if module.check_mode:
        module.exit_json(changed=False, holder="", taken_over="", waited=0.0, msg="check mode: %s not touched" % where)
    if not HAS_KUBERNETES:
        module.fail_json(msg=missing_required_lib("kubernetes"))
    if not params["run_id"].strip():
        module.fail_json(msg="run_id must not be empty")
    params["holder"] = "%s@%s" % (params["run_id"].strip(), socket.gethostname())
    try:
        api_client = kconfig.new_client_from_config(config_file=params["kubeconfig"] or None, context=params["context"] or None)
        api = kclient.CoordinationV1Api(api_client)
    except Exception as exc:  # pylint: disable=broad-except  # any kubeconfig problem becomes a message
        module.fail_json(msg="cannot load the kubeconfig for %s: %s" % (where, exc))
    try:
        if params["state"] == "absent":
            result = release(api, params)
            for warning in result.pop("warnings", []):
                module.warn(warning)
            module.exit_json(waited=0.0, **result)
        taken, result = acquire(api, params)
    except ApiException as exc:
        module.fail_json(msg="%s: the API server answered %s" % (where, _reason(exc)), holder="", waited=0.0)
    except Exception as exc:  # pylint: disable=broad-except  # connection errors, timeouts: a message, no traceback
        module.fail_json(msg="%s: no usable answer from the API server (%s: %s)" % (where, type(exc).__name__, exc),
                         holder="", waited=0.0)
    if not taken:
        module.fail_json(msg="the cluster lock (%s) is held by another deploy: %s; waited %s s (tenancy_lock_wait); "
                             "nothing was applied. Wait for that deploy, or raise tenancy_lock_wait; a lease older than its "
                             "duration is taken over." % (where, result["held_by"], result["waited"]), **result)
    module.exit_json(waited=0.0, **result)


if __name__ == "__main__":
    main()
