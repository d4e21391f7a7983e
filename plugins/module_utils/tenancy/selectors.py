# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which nodes a cluster's BGP peer is opened from (per-node / per-rack peering)."""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, Mapping


def selector_matches(selector: Mapping[str, Any], labels: Mapping[str, Any]) -> bool:
    """Kubernetes label selector semantics (an empty selector matches everything)."""
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        key, operator, values = expr.get("key"), expr.get("operator"), expr.get("values") or []
        present = key in labels
        if operator == "In" and not (present and labels[key] in values):
            return False
        if operator == "NotIn" and present and labels[key] in values:
            return False
        if operator == "Exists" and not present:
            return False
        if operator == "DoesNotExist" and present:
            return False
    return True


def peer_node_names(cluster: Dict[str, Any], peer: Dict[str, Any]) -> FrozenSet[Any]:
    """Names of the nodes of raw ``cluster`` that open raw ``peer``'s session (default: all)."""
    nodes = [n for n in cluster.get("nodes") or [] if isinstance(n, dict)]
    if "nodes" in peer:
        wanted = set(peer.get("nodes") or [])
        return frozenset(n.get("name") for n in nodes if n.get("name") in wanted)
    selector = peer.get("node_selector")
    if isinstance(selector, dict):
        return frozenset(n.get("name") for n in nodes if selector_matches(selector, n.get("labels") or {}))
    return frozenset(n.get("name") for n in nodes)
