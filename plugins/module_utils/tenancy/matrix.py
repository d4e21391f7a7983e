# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Isolation matrix: tenants x VRFs, what intent expects against what was seen.

``isolation_matrix`` is plain data (in validation.json); ``render`` draws it
as SVG and PNG with matplotlib, imported lazily so the core runs without it.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from .expect import Expectations
from .verify import FAIL, PASS, UNPROVEN, Verification

MUST, MUST_NOT = "must", "must-not"
# cell state -> fill colour
COLOURS = {
    "ok": "#b7e1b0",  # tenant's own prefixes all present
    "missing": "#f6c36b",  # own prefix missing
    "clean": "#eeeeee",  # forbidden tenant absent, as it must be
    "leak": "#e0483e",  # forbidden tenant present: a leak
    "unproven": "#fff3a8",  # capture missing or unparseable
    "none": "#ffffff",  # intent says nothing for this pair
}


def isolation_matrix(exp: Expectations, ver: Verification) -> Dict[str, Any]:
    cols = [list(c) for c in exp.vrfs]
    cells: Dict[Tuple[str, str, str], Dict[str, Any]] = {}

    def cell(tenant: str, device: str, vrf: str, kind: str) -> Dict[str, Any]:
        return cells.setdefault((tenant, device, vrf), {"expected": kind, "want": 0, "seen": 0, "leaked": [],
                                                        "unproven": 0})

    for r in ver.results:
        a = r.assertion
        if (a.device, a.vrf) not in exp.vrfs:
            continue
        if a.check == "prefix-present" and a.tenant:
            c = cell(a.tenant, a.device, a.vrf or "", MUST)
            c["want"] += 1
            c["seen"] += 1 if r.status == PASS else 0
            c["unproven"] += 1 if r.status == UNPROVEN else 0
        elif a.check in ("isolation", "underlay"):
            c = cell(a.args["foreign"], a.device, a.vrf or "", MUST_NOT)
            c["unproven"] += 1 if r.status == UNPROVEN else 0
            if r.status == FAIL:
                c["leaked"] += [f.prefix for f in r.findings if f.prefix]
    rows = []
    for tenant in exp.tenants:
        row = []
        for device, vrf in exp.vrfs:
            c = cells.get((tenant, device, vrf))
            if c is None:
                row.append({"expected": None, "state": "none", "label": ""})
                continue
            if c["unproven"]:
                state, label = "unproven", "not proven"
            elif c["expected"] == MUST:
                state = "ok" if c["seen"] == c["want"] else "missing"
                label = "%d/%d present" % (c["seen"], c["want"])
            else:
                state = "leak" if c["leaked"] else "clean"
                label = ("LEAK " + " ".join(sorted(c["leaked"]))) if c["leaked"] else "absent"
            row.append({"expected": c["expected"], "state": state, "label": label,
                        "leaked": sorted(c["leaked"])})
        rows.append({"tenant": tenant, "cells": row})
    return {"columns": [{"device": d, "vrf": v} for d, v in cols], "rows": rows}


def render(matrix: Dict[str, Any], svg_path: str, png_path: str) -> Optional[str]:
    """Draw the matrix; returns None, or why no picture was drawn."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot as plt
        from matplotlib.patches import Rectangle
    except ImportError as exc:  # the reports still carry the matrix as data
        return "matplotlib is not installed (%s); no picture drawn" % exc
    matplotlib.rcParams["svg.hashsalt"] = "kubevrf.tenancy"  # stable ids: same input, same bytes
    cols, rows = matrix["columns"], matrix["rows"]
    width, height = 1.5 + 2.1 * max(len(cols), 1), 1.3 + 0.7 * max(len(rows), 1)
    fig = plt.figure(figsize=(width, height), dpi=100)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.axis("off")
    left, top, cw, rh = 1.2, 1.0, 2.1, 0.7
    ax.text(0.1, 0.35, "Isolation matrix: tenants x VRFs (green own routes present, grey forbidden and absent, "
            "red LEAK, orange missing, yellow not proven)", fontsize=7, va="center")
    for j, col in enumerate(cols):
        ax.text(left + cw * (j + 0.5), top - 0.2, "%s\n%s" % (col["device"], col["vrf"]), ha="center", va="center",
                fontsize=7, fontweight="bold")
    for i, row in enumerate(rows):
        y = top + rh * i
        ax.text(left - 0.1, y + rh / 2, row["tenant"], ha="right", va="center", fontsize=8, fontweight="bold")
        for j, c in enumerate(row["cells"]):
            x = left + cw * j
            ax.add_patch(Rectangle((x, y), cw, rh, facecolor=COLOURS[c["state"]], edgecolor="#555555", linewidth=0.6))
            kind = {MUST: "must see", MUST_NOT: "must not see", None: ""}[c["expected"]]
            ax.text(x + cw / 2, y + rh / 2, ("%s\n%s" % (kind, c["label"])).strip(), ha="center", va="center",
                    fontsize=6.5, color="white" if c["state"] == "leak" else "black",
                    fontweight="bold" if c["state"] == "leak" else "normal", wrap=True)
    fig.savefig(svg_path, format="svg", metadata={"Date": None, "Creator": None})
    fig.savefig(png_path, format="png", metadata={"Software": None})
    plt.close(fig)
    return None


def cell_summary(matrix: Dict[str, Any]) -> List[str]:
    """Leaks as text lines, for the console and markdown."""
    out = []
    for row in matrix["rows"]:
        for col, c in zip(matrix["columns"], row["cells"]):
            if c["state"] == "leak":
                out.append("%s leaked into %s/%s: %s" % (row["tenant"], col["device"], col["vrf"], " ".join(c["leaked"])))
    return out
