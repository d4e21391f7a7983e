# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The execution environment definition: `ansible-builder create` writes a build context that
holds exactly the collection's dependencies (building the image needs a container registry,
which CI does not have, so the context is what is tested)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SITE_COLLECTIONS = Path(yaml.__file__).resolve().parents[1] / "ansible_collections"
EXPECTED_COLLECTIONS = {"cisco.nxos", "cisco.iosxr", "kubernetes.core", "ansible.netcommon", "ansible.utils"}


def installed_version(fqcn: str) -> str:
    namespace, name = fqcn.split(".")
    with open(SITE_COLLECTIONS / namespace / name / "MANIFEST.json", encoding="utf-8") as handle:
        return json.load(handle)["collection_info"]["version"]


def requirement_names(text: str) -> set:
    lines = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    return {canonicalize_name(Requirement(line).name) for line in lines if line and not line.startswith("-")}


@pytest.fixture(scope="module")
def context(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ee") / "context"
    proc = subprocess.run([str(BIN / "ansible-builder"), "create", "-f", "execution-environment.yml", "--context", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Complete!" in proc.stdout
    return out


def test_collections_are_exactly_the_ones_the_tests_ran(context):
    """collections/requirements.yml, copied into the context, names the five at the versions installed here."""
    assert (context / "_build" / "requirements.yml").read_text(encoding="utf-8") == \
        (REPO / "collections" / "requirements.yml").read_text(encoding="utf-8")
    listed = yaml.safe_load((context / "_build" / "requirements.yml").read_text(encoding="utf-8"))["collections"]
    versions = {entry["name"]: entry["version"] for entry in listed}
    assert set(versions) == EXPECTED_COLLECTIONS
    assert len(listed) == len(versions)  # none twice
    for fqcn, version in versions.items():
        assert version == installed_version(fqcn), "%s: %s listed, %s installed" % (fqcn, version, installed_version(fqcn))


def test_python_and_system_dependencies_are_the_collections_files(context):
    assert (context / "_build" / "requirements.txt").read_text(encoding="utf-8") == (REPO / "requirements.txt").read_text(encoding="utf-8")
    assert (context / "_build" / "bindep.txt").read_text(encoding="utf-8") == (REPO / "bindep.txt").read_text(encoding="utf-8")


def test_image_installs_the_tested_ansible_core_and_runner(context):
    from importlib.metadata import version
    dockerfile = (context / "Dockerfile").read_text(encoding="utf-8")
    refs = re.search(r'^ARG ANSIBLE_INSTALL_REFS="([^"\n]*)"$', dockerfile, re.M)
    assert refs, dockerfile[:2000]
    assert sorted(refs.group(1).split()) == sorted(["ansible-core==%s" % version("ansible-core"),
                                                    "ansible-runner==%s" % version("ansible-runner")])
    assert re.search(r'^ARG EE_BASE_IMAGE="[^"\s]+"$', dockerfile, re.M)


def test_meta_execution_environment_gives_builder_the_collections_needs(context):
    """What ansible-builder's introspection reads from the installed collection (meta/execution-environment.yml)."""
    proc = subprocess.run([sys.executable, str(context / "_build" / "scripts" / "introspect.py"), "introspect",
                           str(REPO / "collections")], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found = yaml.safe_load(proc.stdout)
    python = [line for line in found["python"] if line.endswith("# from collection kubevrf.tenancy")]
    system = [line for line in found["system"] if line.endswith("# from collection kubevrf.tenancy")]
    assert len(python) == len(found["python"]) and len(system) == len(found["system"])
    ours = requirement_names("\n".join(line.split("#")[0] for line in python))
    # ansible-builder drops PyYAML on purpose (ansible-core brings it): everything else arrives.
    assert ours == requirement_names((REPO / "requirements.txt").read_text(encoding="utf-8")) - {"pyyaml"}
    bindep = [line.split("#", 1)[0].strip() for line in (REPO / "bindep.txt").read_text(encoding="utf-8").splitlines()]
    assert [line.split("  #")[0] for line in system] == [line for line in bindep if line]
