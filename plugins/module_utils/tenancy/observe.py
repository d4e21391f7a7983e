# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a cluster decided that intent leaves open, read from captures before the checks are planned.

Intent may leave two things to the cluster: a tenant without
``expected_prefixes`` expects the addresses LB-IPAM gave its Services, and a
node without ``srv6_locator`` the locator the SRv6 operator allocated it.
``observe`` reads those from the Services and SIDManager captures (live or
from a snapshot) so that ``expect.expectations(intent, observed)`` can plan
with them. ``expect`` itself reads intent only.
"""

from __future__ import annotations

from typing import Callable, Dict, Optional, Tuple

from .expect import COMMANDS, Capture, Observed
from .intent import Intent
from .parse import ParseError, parse_cli


def observe(intent: Intent, lookup: Callable[[Capture], Optional[str]]) -> Observed:
    """Read the Services and SIDManager captures intent leaves open, with ``parse_cli`` like the verifier
    (a capture not read whole counts as absent: the verifier reports it)."""
    services: Dict[str, Tuple[Dict[str, object], ...]] = {}
    locators: Dict[str, Dict[str, Tuple[str, ...]]] = {}
    for cluster in intent.clusters:
        for kind, what in (("kube.services", "services"), ("kube.sidmanager", "locators")):
            cap = Capture(cluster.name, "cilium", kind, COMMANDS[kind])
            text = lookup(cap)
            if text is None:
                continue
            try:
                parsed = parse_cli(cap.cli_platform, cap.command, text)
            except ParseError:
                continue
            if parsed.get("status") != "ok":
                # An error answer, an empty one, or lines not understood: planning from part of the
                # Services would expect too little; the verifier reports the capture itself.
                continue
            if what == "services":
                services[cluster.name] = tuple(parsed.get("services") or ())
            elif parsed.get("nodes"):
                locators[cluster.name] = {str(n.get("node")): tuple(str(loc.get("prefix")) for loc in n.get("locators") or [])
                                          for n in parsed["nodes"]}
            elif len(cluster.nodes) == 1:  # `| grep prefix:` form names no node: only a one-node cluster's is known
                locators[cluster.name] = {cluster.nodes[0].name: tuple(str(p) for p in parsed.get("prefixes") or [])}
    return Observed(services=services, locators=locators)
