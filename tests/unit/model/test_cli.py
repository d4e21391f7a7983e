# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""tools/tenancy.py: exit 1 bad input, 2 usage, 3 internal error; a traceback only with --debug."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[3]
TOOL = REPO / "tools" / "tenancy.py"
LAB = REPO / "inventories" / "lab" / "group_vars" / "all" / "tenancy.yml"


def _tool():
    spec = importlib.util.spec_from_file_location("tenancy_cli", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cli():
    return _tool()


def _write(tmp_path, data, name="inv.yml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"tenancy": data}), encoding="utf-8")
    return str(path)


def test_valid_is_0(cli, capsys):
    assert cli.main(["validate", str(LAB)]) == 0
    assert capsys.readouterr().out.strip().endswith(": valid")


def test_injected_node_name_is_1_with_its_path(cli, capsys, tmp_path):
    data = yaml.safe_load(LAB.read_text())["tenancy"]
    data["clusters"][0]["nodes"][0]["name"] = "ubuntu2.local\nvrf context EVIL-INJECTED"
    assert cli.main(["build", _write(tmp_path, data), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "clusters[0].nodes[0].name" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_alias_bomb_is_1(cli, capsys, tmp_path):
    path = tmp_path / "bomb.yml"
    path.write_text("a: &a [x, x]\nb: [*a, *a]\n", encoding="utf-8")
    assert cli.main(["validate", str(path)]) == 1
    assert "anchors are not allowed" in capsys.readouterr().err


def test_unreadable_file_and_bad_parts_are_2(cli, capsys, tmp_path):
    assert cli.main(["validate", str(tmp_path / "missing.yml")]) == 2
    assert cli.main(["build", str(LAB), "--parts", "nxos,frob", "--out", str(tmp_path)]) == 2
    assert "unknown --parts frob" in capsys.readouterr().err


def test_usage_error_is_2():
    done = subprocess.run([sys.executable, str(TOOL), "frobnicate", str(LAB)], capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "invalid choice" in done.stderr


def test_internal_error_is_3_without_traceback_unless_debug(cli, capsys, monkeypatch):
    def bug(_data):
        raise KeyError("surprise")

    monkeypatch.setattr(cli.model, "plan", bug)
    assert cli.main(["validate", str(LAB)]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "KeyError" in err and "Traceback" not in err
    assert cli.main(["validate", str(LAB), "--debug"]) == 3
    assert "Traceback" in capsys.readouterr().err
