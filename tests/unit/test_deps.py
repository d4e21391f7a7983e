# -*- coding: utf-8 -*-
"""The core imports without its third-party packages and says what is missing when used."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = r"""
import sys
sys.path.insert(0, %r)
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("yaml", "jsonschema"):
            raise ImportError("blocked " + name)
sys.meta_path.insert(0, Block())
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import build, model, snapshot, yamlout, validation
try:
    model.validate({})
except ImportError as exc:
    print("validate:", exc)
try:
    yamlout.dump_yaml({"a": 1.5})
except ImportError as exc:
    print("yaml:", exc)
"""


def test_core_imports_without_third_party_packages_and_names_them():
    done = subprocess.run([sys.executable, "-c", PROBE % str(REPO / "collections")], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "validate: kubevrf.tenancy needs the Python package 'jsonschema'" in done.stdout
    assert "yaml: kubevrf.tenancy needs the Python package 'PyYAML'" in done.stdout
    assert "pip install -r requirements.txt" in done.stdout
