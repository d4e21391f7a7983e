# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Operational variables as they really arrive: survey answers and ``-e`` values are strings.

An AWX survey or ``-e tenancy_unmanaged=a,b`` hands the playbook the string
``"a,b"``; a Jinja loop over it walks its characters, so a protected VRF name
would silently become ``a``, ``,`` and ``b``. ``as_list`` and ``as_bool``
parse such strings (JSON/YAML list, comma or newline separated words, the
usual boolean words) and reject anything else with a message naming the
variable and the value. ``kube_target`` says which API server and context a
kubeconfig resolves to, without ever returning its credentials.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Mapping, Optional

import yaml

TRUE_WORDS = frozenset(("true", "yes", "on", "1", "y"))
FALSE_WORDS = frozenset(("false", "no", "off", "0", "n", ""))


class OpsVarError(ValueError):
    """A variable's value cannot be read as the type the playbooks need."""


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def as_list(value: Any, name: str = "value") -> List[Any]:
    """``value`` as a list; a string is a JSON/YAML list (``[a, b]``) or words separated by commas or newlines."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return []
        if text.startswith("["):
            try:
                parsed = yaml.safe_load(text)
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem", None) or "not valid YAML/JSON"
                raise OpsVarError("%s: %s is not a list (%s); give a JSON list such as [\"a\", \"b\"] or "
                                  "comma-separated words" % (name, _show(value), mark))
            if not isinstance(parsed, list):
                raise OpsVarError("%s: %s is not a list" % (name, _show(value)))
            return parsed
        if text.startswith("{"):
            raise OpsVarError("%s: %s is a mapping, expected a list" % (name, _show(value)))
        return [word.strip() for line in text.splitlines() for word in line.split(",") if word.strip()]
    raise OpsVarError("%s: expected a list (or a string of comma-separated words), got %s %s"
                      % (name, type(value).__name__, _show(value)))


def tenant_filter(value: Any, tenants: Any, name: str = "tenancy_tenants") -> List[str]:
    """The tenants a run is about: ``value`` (a list, or a survey's string of names separated by commas or newlines)
    checked against the inventory's tenant names ``tenants``. Empty means every tenant (returned as ``[]``).

    Every name must be a tenant of the inventory: an unknown one is an error naming it and the known tenants, never
    dropped silently (a typo would otherwise narrow the run to fewer tenants than asked for, or to none). The result
    holds each name once, in the inventory's order, so the same selection gives the same output.
    """
    known = [str(t) for t in (tenants or [])]
    wanted = as_list(value, name)
    bad = [w for w in wanted if not isinstance(w, str) or not w.strip()]
    if bad:
        raise OpsVarError("%s: %s is not a tenant name (names are strings)" % (name, _show(bad[0])))
    names = [w.strip() for w in wanted]
    unknown = sorted(set(n for n in names if n not in known))
    if unknown:
        raise OpsVarError("%s: %s %s of the inventory (tenancy.tenants[].name: %s)" % (
            name, ", ".join(_show(n) for n in unknown), "is not a tenant" if len(unknown) == 1 else "are not tenants",
            ", ".join(known) or "none"))
    chosen = set(names)
    return [t for t in known if t in chosen]


def as_bool(value: Any, name: str = "value") -> bool:
    """``value`` as a boolean: a bool, 0/1, or one of true/false yes/no on/off y/n 1/0 (any case; empty is false)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise OpsVarError("%s: %s is not a boolean; use true or false" % (name, _show(value)))


def default_kubeconfig(environ: Mapping[str, str]) -> str:
    """The kubeconfig kubernetes.core and kubectl use when none is given."""
    explicit = environ.get("K8S_AUTH_KUBECONFIG") or (environ.get("KUBECONFIG") or "").split(os.pathsep)[0]
    return explicit or os.path.join(os.path.expanduser("~"), ".kube", "config")


def _named(items: Any, name: str) -> Optional[Dict[str, Any]]:
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("name") == name:
            return item
    return None


def kube_target(kubeconfig: Optional[str], context: Optional[str],
                environ: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """Where a kubeconfig and context lead: ``path``, ``context``, ``cluster``, ``server`` and ``error``.

    ``error`` is empty when the kubeconfig was read and the context exists.
    An empty ``kubeconfig`` or ``context`` means what kubernetes.core would
    use (K8S_AUTH_KUBECONFIG, KUBECONFIG, ~/.kube/config; K8S_AUTH_CONTEXT,
    the current context). Users and tokens are never part of the result.
    """
    env = os.environ if environ is None else environ
    path = os.path.expanduser(str(kubeconfig or "")) or default_kubeconfig(env)
    out = {"path": path, "context": str(context or env.get("K8S_AUTH_CONTEXT") or ""), "cluster": "", "server": "",
           "error": ""}
    try:
        with open(path, encoding="utf-8") as handle:
            cfg = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        out["error"] = "cannot read the kubeconfig %s: %s" % (path, getattr(exc, "strerror", None) or type(exc).__name__)
        return out
    if not isinstance(cfg, dict):
        out["error"] = "the kubeconfig %s is not a kubeconfig (no mapping)" % path
        return out
    if not out["context"]:
        out["context"] = str(cfg.get("current-context") or "")
        if not out["context"]:
            out["error"] = "the kubeconfig %s has no current-context and none was given" % path
            return out
    ctx = _named(cfg.get("contexts"), out["context"])
    if ctx is None or not isinstance(ctx.get("context"), dict):
        names = [str(c.get("name")) for c in cfg.get("contexts") or [] if isinstance(c, dict)]
        out["error"] = "the kubeconfig %s has no context %r (contexts: %s)" % (path, out["context"], ", ".join(names) or "none")
        return out
    out["cluster"] = str(ctx["context"].get("cluster") or "")
    cluster = _named(cfg.get("clusters"), out["cluster"])
    server = (cluster or {}).get("cluster") or {}
    if not isinstance(server, dict) or not server.get("server"):
        out["error"] = "the kubeconfig %s names cluster %r in context %r but gives no server for it" % (
            path, out["cluster"], out["context"])
        return out
    out["server"] = str(server["server"]).rstrip("/")
    return out
