# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Validation reports: validation.json, validation.md, junit.xml, isolation matrix, console summary.

Reports carry no timestamps: the same intent and the same captures give the
same bytes, so reports can be committed and diffed.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional, Tuple
from xml.sax.saxutils import escape, quoteattr

from . import matrix as matrix_mod
from .expect import Expectations
from .verify import ERROR, FAIL, FINDINGS, PASS, UNPROVEN, Verification

FILES = ("validation.json", "validation.md", "junit.xml", "isolation-matrix.svg", "isolation-matrix.png")


def counts(ver: Verification) -> Dict[str, int]:
    statuses = [r.status for r in ver.results]
    return {
        "assertions": len(statuses),
        "pass": statuses.count(PASS),
        "fail": statuses.count(FAIL),
        "unproven": statuses.count(UNPROVEN),
        "errors": len(ver.errors),
        "warnings": len(ver.findings) - len(ver.errors),
    }


def capture_forms(ver: Verification, forms: Optional[Dict[Tuple[str, str], Dict[str, str]]] = None) -> List[Dict[str, Any]]:
    """Each capture with its status, the form of the output read (``read_as``: json | text) and, when live capture
    recorded it, the JSON form asked first and the box's refusal that made it fall back to text."""
    read_as = dict(ver.read_as)
    out = []
    for c, s in ver.captures:
        rec = dict(c.to_dict(), status=s, read_as=read_as.get(c, "text"))
        how = (forms or {}).get((c.device, c.file))
        if how:
            rec["asked"] = how.get("asked", "")
            rec["json_refused"] = how.get("json_refused", "")
        out.append(rec)
    return out


def forms_line(ver: Verification, forms: Optional[Dict[Tuple[str, str], Dict[str, str]]] = None) -> str:
    """One line on how the NX-OS captures were read ("" when none was asked or read as JSON: nothing to say)."""
    caps = capture_forms(ver, forms)
    json_read = [c for c in caps if c["read_as"] == "json"]
    refused = [c for c in caps if c.get("json_refused")]
    if not json_read and not refused:
        return ""
    line = "captures read as NX-OS JSON: %d; as text: %d" % (len(json_read), len(caps) - len(json_read))
    if refused:
        line += "; %d after the device refused `| json` (%s)" % (
            len(refused), ", ".join("%s `%s`: %s" % (c["device"], c["command"], c["json_refused"]) for c in refused[:3]))
    return line


def to_data(exp: Expectations, ver: Verification, source: str,
            forms: Optional[Dict[Tuple[str, str], Dict[str, str]]] = None) -> Dict[str, Any]:
    return {
        "result": "pass" if ver.passed else "fail",
        "source": source,
        "counts": counts(ver),
        "findings": [f.to_dict() for f in ver.findings],
        "assertions": [r.to_dict() for r in ver.results],
        "captures": capture_forms(ver, forms),
        "isolation_matrix": matrix_mod.isolation_matrix(exp, ver),
        "finding_ids": {k: {"severity": s, "meaning": m} for k, (s, m) in FINDINGS.items()},
    }


def console_summary(ver: Verification, dest: str = "", scope: Optional[Dict[str, Any]] = None) -> str:
    c = counts(ver)
    passed = ver.passed if scope is None else scope["passed"]
    head = "isolation validation %s: %d error(s), %d warning(s); %d/%d assertions pass, %d fail, %d unproven" % (
        "PASSED" if passed else "FAILED", c["errors"], c["warnings"], c["pass"], c["assertions"], c["fail"],
        c["unproven"])
    lines = [head]
    if scope is not None:
        lines.append(scope_line(scope))
    for f in ver.findings:
        where = "/".join(x for x in (f.device, f.vrf or f.rd or "") if x)
        lines.append("  %-7s %-24s %-22s %s" % (f.severity.upper(), f.id, where, f.message))
    if dest:
        lines.append("reports: %s" % dest)
    return "\n".join(lines)


def scope_line(scope: Dict[str, Any]) -> str:
    """One line on the tenant filter (tenancy_tenants) that decided the verdict."""
    outside = scope["outside_errors"]
    return "tenant filter: %s; verdict on their findings and those naming no tenant%s" % (
        ", ".join(scope["tenants"]),
        "; %d error(s) of other tenants listed below do not count" % outside if outside else "")


def _md_cell(text: Any) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def markdown(exp: Expectations, ver: Verification, source: str) -> str:
    c = counts(ver)
    out: List[str] = ["# Tenant isolation validation: %s" % ("PASS" if ver.passed else "FAIL"), "",
                      "Source: `%s`. %d assertions: %d pass, %d fail, %d unproven; %d error(s), %d warning(s)."
                      % (source, c["assertions"], c["pass"], c["fail"], c["unproven"], c["errors"], c["warnings"]), ""]
    if ver.findings:
        out += ["## Findings", "", "| severity | id | device | vrf / rd | prefix | tenant | expected | seen |",
                "|---|---|---|---|---|---|---|---|"]
        for f in ver.findings:
            out.append("| %s |" % " | ".join(_md_cell(x) for x in (f.severity, f.id, f.device, f.vrf or f.rd, f.prefix,
                                                                   f.tenant, f.expected, f.seen)))
        out.append("")
    mark = {PASS: "ok", FAIL: "**FAIL**", UNPROVEN: "not proven"}
    groups = [(t, [r for r in ver.results if r.assertion.tenant == t and r.assertion.check not in ("isolation", "underlay")],
               [r for r in ver.results if r.assertion.check in ("isolation", "underlay")
                and (r.assertion.args.get("owner") == t)])
              for t in exp.tenants]
    for tenant, must, must_not in groups:
        out += ["## Tenant %s" % tenant, "", "### Must see", "", "| device | must | saw | result |", "|---|---|---|---|"]
        out += ["| %s | %s | %s | %s |" % (_md_cell(r.assertion.device), _md_cell(r.assertion.text), _md_cell(r.seen),
                                           mark[r.status]) for r in must]
        out += ["", "### Must not see (other tenants in this tenant's VRFs)", ""]
        if must_not:
            out += ["| device | must not | saw | result |", "|---|---|---|---|"]
            out += ["| %s | %s | %s | %s |" % (_md_cell(r.assertion.device), _md_cell(r.assertion.text),
                                               _md_cell(r.seen), mark[r.status]) for r in must_not]
        else:
            out.append("This tenant has no VRF of its own on any device (its routes stay in the transit VRF).")
        out.append("")
    rest = [r for r in ver.results if r.assertion.tenant is None or
            (r.assertion.check in ("isolation", "underlay") and not r.assertion.args.get("owner"))]
    out += ["## Sessions, transit VRFs, underlay", "", "| device | must | saw | result |", "|---|---|---|---|"]
    out += ["| %s | %s | %s | %s |" % (_md_cell(r.assertion.device), _md_cell(r.assertion.text), _md_cell(r.seen),
                                       mark[r.status]) for r in rest]
    out += ["", "## Isolation matrix", "", "![isolation matrix](isolation-matrix.svg)", ""]
    m = matrix_mod.isolation_matrix(exp, ver)
    out.append("| tenant | %s |" % " | ".join("%s/%s" % (col["device"], col["vrf"]) for col in m["columns"]))
    out.append("|---|%s" % ("---|" * len(m["columns"])))
    for row in m["rows"]:
        out.append("| %s | %s |" % (row["tenant"], " | ".join(_md_cell(cc["label"]) or "-" for cc in row["cells"])))
    out.append("")
    return "\n".join(out)


def junit(ver: Verification) -> str:
    by_device: Dict[str, List[str]] = {}
    stats: Dict[str, Dict[str, int]] = {}
    for r in ver.results:
        a = r.assertion
        s = stats.setdefault(a.device, {"tests": 0, "failures": 0, "skipped": 0})
        s["tests"] += 1
        case = '    <testcase classname=%s name=%s>' % (quoteattr("kubevrf.tenancy.%s.%s" % (a.device, a.check)),
                                                        quoteattr(a.id))
        if r.status == FAIL:
            s["failures"] += 1
            msg = "; ".join("%s: %s" % (f.id, f.message) for f in r.findings)
            case += '\n      <failure type=%s message=%s>%s</failure>\n    ' % (
                quoteattr(",".join(sorted({f.id for f in r.findings}))), quoteattr(msg),
                escape("must: %s\nsaw: %s" % (a.text, r.seen)))
        elif r.status == UNPROVEN:
            s["skipped"] += 1
            case += '\n      <skipped message=%s/>\n    ' % quoteattr("%s (`%s`)" % (r.seen, a.capture.command))
        by_device.setdefault(a.device, []).append(case + "</testcase>")
    for cap, status in ver.captures:
        s = stats.setdefault(cap.device, {"tests": 0, "failures": 0, "skipped": 0})
        s["tests"] += 1
        case = '    <testcase classname=%s name=%s>' % (quoteattr("kubevrf.tenancy.%s.capture" % cap.device),
                                                        quoteattr("%s/capture/%s" % (cap.device, cap.file)))
        if status in ("parse-error", "cli-error"):  # a device's error answer is a parse-error finding too
            s["failures"] += 1
            f = next(x for x in ver.findings if x.id == "parse-error" and x.command == cap.command and x.device == cap.device)
            case += '\n      <failure type="parse-error" message=%s/>\n    ' % quoteattr(f.seen)
        elif status == "missing":
            s["skipped"] += 1
            case += '\n      <skipped message=%s/>\n    ' % quoteattr("not-captured: %s" % cap.command)
        elif status == "empty":
            s["skipped"] += 1
            case += '\n      <skipped message=%s/>\n    ' % quoteattr("capture-empty: %s" % cap.command)
        by_device.setdefault(cap.device, []).append(case + "</testcase>")
    total = {k: sum(s[k] for s in stats.values()) for k in ("tests", "failures", "skipped")}
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<testsuites name="kubevrf.tenancy isolation" tests="%d" failures="%d" skipped="%d" errors="0">'
           % (total["tests"], total["failures"], total["skipped"])]
    for device in sorted(by_device):
        s = stats[device]
        out.append('  <testsuite name=%s tests="%d" failures="%d" skipped="%d" errors="0">'
                   % (quoteattr(device), s["tests"], s["failures"], s["skipped"]))
        out += by_device[device]
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def write_reports(dest: str, exp: Expectations, ver: Verification, source: str,
                  scope: Optional[Dict[str, Any]] = None,
                  forms: Optional[Dict[Tuple[str, str], Dict[str, str]]] = None) -> Dict[str, Any]:
    """Write every report under *dest*; returns {"files": [...], "notes": [...]}. With a tenant filter (``scope``:
    tenants, passed, outside_errors, outside) the verdict is the filter's; every finding is still listed. *forms*:
    how live capture read each output (snapshot.Snapshot.forms), listed with the captures."""
    os.makedirs(dest, exist_ok=True)
    data = to_data(exp, ver, source, forms)
    md = markdown(exp, ver, source)
    how = forms_line(ver, forms)
    if how:
        title, _sep, rest = md.partition("\n\n")
        md = "%s\n\n%s.\n\n%s" % (title, how[:1].upper() + how[1:], rest)
    if scope is not None:
        data["result"] = "pass" if scope["passed"] else "fail"
        data["tenant_filter"] = {"tenants": list(scope["tenants"]), "outside": list(scope["outside"])}
        title, _sep, rest = md.partition("\n")
        md = "# Tenant isolation validation: %s\n\n%s.%s" % ("PASS" if scope["passed"] else "FAIL", scope_line(scope), "\n" + rest)
        del title
    _write(os.path.join(dest, "validation.json"), json.dumps(data, indent=2, sort_keys=True) + "\n")
    _write(os.path.join(dest, "validation.md"), md)
    _write(os.path.join(dest, "junit.xml"), junit(ver))
    files = [os.path.join(dest, n) for n in FILES[:3]]
    notes = []
    why = matrix_mod.render(data["isolation_matrix"], os.path.join(dest, FILES[3]), os.path.join(dest, FILES[4]))
    if why:
        notes.append(why)
    else:
        files += [os.path.join(dest, n) for n in FILES[3:]]
    return {"files": files, "notes": notes, "data": data}


__all__ = ["ERROR", "FILES", "console_summary", "counts", "junit", "markdown", "to_data", "write_reports"]
