# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reports: deterministic files, junit one case per assertion, matrix marks leaks."""

import json
import os
import xml.etree.ElementTree as ET

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import matrix, snapshot, validation

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SEED = os.path.join(ROOT, "tests", "fixtures", "snapshots", "seed")
LEAK = os.path.join(ROOT, "tests", "fixtures", "snapshots", "leak_30_in_tenant1")


@pytest.fixture(scope="module")
def lab():
    with open(os.path.join(ROOT, "inventories", "lab", "group_vars", "all", "tenancy.yml")) as fh:
        return yaml.safe_load(fh)["tenancy"]


@pytest.fixture(scope="module")
def leak_run(lab, tmp_path_factory):
    dest = str(tmp_path_factory.mktemp("leak"))
    return dest, validation.run(lab, snapshot.load(LEAK), dest)


def test_reports_written_and_consistent(leak_run):
    dest, res = leak_run
    assert not res["passed"]
    for name in ("validation.json", "validation.md", "junit.xml", "isolation-matrix.svg", "isolation-matrix.png"):
        assert os.path.getsize(os.path.join(dest, name)) > 0, name
    data = json.load(open(os.path.join(dest, "validation.json")))
    assert data["result"] == "fail"
    assert [f["id"] for f in data["findings"] if f["severity"] == "error"] == ["prefix-leak"]
    suite = ET.parse(os.path.join(dest, "junit.xml")).getroot()
    cases = suite.findall(".//testcase")
    assert len(cases) == len(data["assertions"]) + len(data["captures"])
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["Leaf01/Tenant1-Pods/isolation/tenant2"]
    assert int(suite.get("failures")) == 1
    md = open(os.path.join(dest, "validation.md")).read()
    assert "## Tenant tenant1" in md and "| error | prefix-leak | Leaf01 | Tenant1-Pods | 30.0.10.1/32 | tenant2 |" in md
    assert "FAILED" in res["summary"] and "prefix-leak" in res["summary"]


def test_matrix_marks_the_leak_red(leak_run):
    _dest, res = leak_run
    m = json.load(open(os.path.join(_dest, "validation.json")))["isolation_matrix"]
    cols = [(c["device"], c["vrf"]) for c in m["columns"]]
    row = next(r for r in m["rows"] if r["tenant"] == "tenant2")
    cell = row["cells"][cols.index(("Leaf01", "Tenant1-Pods"))]
    assert (cell["expected"], cell["state"], cell["leaked"]) == ("must-not", "leak", ["30.0.10.1/32"])
    assert matrix.COLOURS["leak"] in open(os.path.join(_dest, "isolation-matrix.svg")).read()
    assert matrix.cell_summary(m) == ["tenant2 leaked into Leaf01/Tenant1-Pods: 30.0.10.1/32"]


def test_same_input_same_bytes(lab, tmp_path):
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    validation.run(lab, snapshot.load(SEED), a)
    validation.run(lab, snapshot.load(SEED), b)
    for name in sorted(os.listdir(a)):
        assert open(os.path.join(a, name), "rb").read() == open(os.path.join(b, name), "rb").read(), name


def test_reports_without_matplotlib(lab, tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_mpl(name, *args, **kw):
        if name.startswith("matplotlib"):
            raise ImportError("no matplotlib here")
        return real(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_mpl)
    res = validation.run(lab, snapshot.load(SEED), str(tmp_path))
    assert res["passed"]
    assert res["notes"] and "matplotlib is not installed" in res["notes"][0]
    assert sorted(os.listdir(str(tmp_path))) == ["junit.xml", "validation.json", "validation.md"]
