# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection as Ansible sees it: Galaxy build, plugin docs, filters."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Dict, List

import ansible
import pytest
import yaml
from ansible.galaxy.dependency_resolution.versioning import meets_requirements

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SITE_COLLECTIONS = Path(ansible.__file__).resolve().parents[1] / "ansible_collections"

# Development-only state planted in the copy; none of it may reach the tarball.
JUNK = {
    ".venv/bin/python": "x",
    ".venv-bench/bin/python": "x",
    ".git/HEAD": "ref: refs/heads/main\n",
    ".pytest_cache/README.md": "x",
    ".hypothesis/examples/x": "x",
    ".ansible/collections/x": "x",
    "build/configs/Leaf01.cfg": "x",
    "dist/kubevrf-tenancy-0.0.9.tar.gz": "x",
    "kubevrf-tenancy-0.0.8.tar.gz": "x",
    "tests/output/junit/x.xml": "x",
    "bench/output/result.json": "{}",
    "plugins/filter/__pycache__/tenancy.cpython-311.pyc": "x",
    "plugins/filter/stale.pyc": "x",
}
JUNK_MEMBER = re.compile(
    r"(^|/)(\.venv[^/]*|\.git|\.pytest_cache|\.hypothesis|\.ansible|__pycache__|build|dist|collections)(/|$)"
    r"|^tests/output(/|$)|^bench/output(/|$)|\.pyc$|\.tar\.gz$|^\.ci(/|$)|^Makefile$"
)


def env() -> Dict[str, str]:
    out = dict(os.environ)
    out.update(ANSIBLE_CONFIG=str(REPO / "ansible.cfg"), ANSIBLE_NOCOLOR="1", PATH=str(BIN) + os.pathsep + out.get("PATH", ""))
    return out


def run(args: List[str], cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env(), capture_output=True, text=True, timeout=300, check=False)


def checkout_files() -> List[str]:
    """What a clone would hold: tracked files plus new files git does not ignore."""
    proc = run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"])
    assert proc.returncode == 0, proc.stderr
    return sorted(f for f in set(proc.stdout.split("\0")) if f and os.path.lexists(REPO / f))


@pytest.fixture(scope="module")
def tarball(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("checkout")
    for rel in checkout_files():
        target = src / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if (REPO / rel).is_symlink():
            os.symlink(os.readlink(REPO / rel), target)  # the collections/ link, kept as a link
        else:
            shutil.copy2(REPO / rel, target)
    for rel, text in JUNK.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, encoding="utf-8")

    out = tmp_path_factory.mktemp("dist")
    proc = run([str(BIN / "ansible-galaxy"), "collection", "build", "--output-path", str(out)], cwd=src)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out / "kubevrf-tenancy-0.1.0.tar.gz"


def members(path: Path) -> List[str]:
    with tarfile.open(path) as tar:
        return sorted(m.name for m in tar.getmembers())


def test_tarball_has_the_collection(tarball):
    names = members(tarball)
    for required in (
        "MANIFEST.json",
        "FILES.json",
        "README.md",
        "meta/runtime.yml",
        "site.yml",
        "playbooks/build.yml",
        "plugins/action/tenancy_build.py",
        "plugins/modules/tenancy_build.py",
        "plugins/filter/tenancy.py",
        "plugins/filter/tenancy_validate.yml",
        "plugins/filter/tenancy_plan.yml",
        "plugins/module_utils/tenancy/model.py",
        "plugins/module_utils/tenancy/build.py",
        "inventories/lab/group_vars/all/tenancy.yml",
        "changelogs/changelog.yaml",
        "meta/execution-environment.yml",  # ansible-builder reads the collection's needs through it
        "requirements.txt",
        "bindep.txt",
    ):
        assert required in names, required
    for development_only in ("requirements.lock", "requirements-dev.in", "execution-environment.yml"):
        assert development_only not in names, development_only
    for role in ("cilium_bgp", "evpn_community_steering", "srv6_l3vpn"):
        for rel in ("meta/main.yml", "meta/argument_specs.yml", "defaults/main.yml", "tasks/main.yml", "tasks/build.yml"):
            assert "roles/%s/%s" % (role, rel) in names


def test_tarball_has_no_junk(tarball):
    junk = [name for name in members(tarball) if JUNK_MEMBER.search(name)]
    assert junk == []


def test_manifest_dependencies_match_the_pinned_ansible_package(tarball):
    with tarfile.open(tarball) as tar:
        info = json.load(tar.extractfile("MANIFEST.json"))["collection_info"]
    with open(REPO / "galaxy.yml", encoding="utf-8") as handle:
        galaxy = yaml.safe_load(handle)
    assert (info["namespace"], info["name"], info["version"]) == ("kubevrf", "tenancy", "0.1.0")
    assert info["license"] == ["GPL-3.0-or-later"]
    assert info["dependencies"] == galaxy["dependencies"]
    assert set(info["dependencies"]) == {"cisco.nxos", "cisco.iosxr", "kubernetes.core", "ansible.netcommon", "ansible.utils"}
    for fqcn, requirement in info["dependencies"].items():
        namespace, name = fqcn.split(".")
        with open(SITE_COLLECTIONS / namespace / name / "MANIFEST.json", encoding="utf-8") as handle:
            shipped = json.load(handle)["collection_info"]["version"]
        assert meets_requirements(shipped, requirement), "%s %s does not satisfy %s" % (fqcn, shipped, requirement)


def doc_problems(stderr: str) -> list:
    """Lines of ansible-doc's stderr a user would care about: anything naming this collection,
    an Ansible error, a traceback. (Third-party libraries may print deprecation warnings.)"""
    return [line for line in stderr.splitlines()
            if "kubevrf" in line or "[ERROR]" in line or "Traceback" in line]


@pytest.mark.parametrize("plugin_type, name", [
    ("module", "kubevrf.tenancy.tenancy_build"),
    ("filter", "kubevrf.tenancy.tenancy_validate"),
    ("filter", "kubevrf.tenancy.tenancy_plan"),
])
def test_ansible_doc(plugin_type, name):
    proc = run([str(BIN / "ansible-doc"), "-t", plugin_type, "--json", name])
    assert proc.returncode == 0 and doc_problems(proc.stderr) == [], proc.stderr
    doc = json.loads(proc.stdout)[name]["doc"]
    assert doc["short_description"]
    assert doc["options"]


def adhoc_debug(expression: str, inventory: Path = REPO / "inventories" / "lab" / "hosts.yml") -> subprocess.CompletedProcess:
    return run([str(BIN / "ansible"), "localhost", "-i", str(inventory), "-m", "ansible.builtin.debug", "-a", "msg={{ %s }}" % expression])


def debug_value(proc: subprocess.CompletedProcess):
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout[proc.stdout.index("{"):])["msg"]


def test_filter_validate_lab_is_clean():
    assert debug_value(adhoc_debug("tenancy | kubevrf.tenancy.tenancy_validate")) == []


def test_filter_plan_returns_the_intent():
    plan = debug_value(adhoc_debug("tenancy | kubevrf.tenancy.tenancy_plan"))
    assert plan["fabric_asn"] == 65000
    assert [t["vrf"] for t in plan["evpn_tenants"]] == ["Tenant1-Pods", "Tenant2-Pods"]
    assert [t["vrf"] for t in plan["srv6_tenants"]] == ["blue"]


def test_filters_report_a_broken_inventory(tmp_path):
    with open(REPO / "inventories" / "lab" / "group_vars" / "all" / "tenancy.yml", encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    data["tenancy"]["tenants"][1]["community"] = data["tenancy"]["tenants"][0]["community"]
    (tmp_path / "group_vars" / "all").mkdir(parents=True)
    (tmp_path / "group_vars" / "all" / "tenancy.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "hosts.yml").write_text("all:\n  hosts:\n    Leaf01:\n", encoding="utf-8")

    issues = debug_value(adhoc_debug("tenancy | kubevrf.tenancy.tenancy_validate", tmp_path / "hosts.yml"))
    assert [(i["path"], i["rule"]) for i in issues] == [("tenants[1].community", "duplicate-community")]

    proc = adhoc_debug("tenancy | kubevrf.tenancy.tenancy_plan", tmp_path / "hosts.yml")
    text = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in text
    assert "tenant inventory is invalid: 1 problem(s)" in text and "[duplicate-community]" in text


@pytest.mark.parametrize("role, parts", [
    ("cilium_bgp", ["cilium"]),
    ("evpn_community_steering", ["nxos"]),
    ("srv6_l3vpn", ["iosxr", "isovalent"]),
])
def test_role_argument_specs(role, parts):
    name = "kubevrf.tenancy.%s" % role
    proc = run([str(BIN / "ansible-doc"), "-t", "role", "--json", name])
    assert proc.returncode == 0 and doc_problems(proc.stderr) == [], proc.stderr
    main = json.loads(proc.stdout)[name]["entry_points"]["main"]
    assert "tenancy_build_dir" in main["options"]
    assert main["options"]["%s_parts" % role]["default"] == parts
    assert any("variable C(tenancy)" in line for line in main["description"])
    with open(REPO / "roles" / role / "defaults" / "main.yml", encoding="utf-8") as handle:
        defaults = yaml.safe_load(handle)
    # the build part is fixed; the deploy entry points add their own defaults beside it
    assert defaults["%s_parts" % role] == parts
    documented = {opt for entry in json.loads(proc.stdout)[name]["entry_points"].values() for opt in entry.get("options", {})}
    assert set(defaults) <= documented, "defaults without an argument spec: %s" % sorted(set(defaults) - documented)


def test_installed_collection_builds_into_the_users_project(tarball, tmp_path):
    """ansible-galaxy collection install of the tarball, then `ansible-playbook kubevrf.tenancy.build` from a
    clean directory holding only an inventory: the build lands in that directory, not in the collection."""
    installed = tmp_path / "collections"
    environ = {k: v for k, v in env().items() if not k.startswith("ANSIBLE_")}  # no ansible.cfg of this checkout
    environ.update(ANSIBLE_NOCOLOR="1", ANSIBLE_COLLECTIONS_PATH=os.pathsep.join([str(installed), str(SITE_COLLECTIONS.parent)]))
    proc = subprocess.run([str(BIN / "ansible-galaxy"), "collection", "install", "--no-deps", "-p", str(installed), str(tarball)],
                          cwd=tmp_path, env=environ, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    collection = installed / "ansible_collections" / "kubevrf" / "tenancy"
    assert (collection / "playbooks" / "build.yml").is_file(), proc.stdout

    project = tmp_path / "project"
    shutil.copytree(REPO / "inventories" / "lab", project / "inventory", ignore=shutil.ignore_patterns("snapshots"))
    proc = subprocess.run([str(BIN / "ansible-playbook"), "-i", "inventory/hosts.yml", "kubevrf.tenancy.build"],
                          cwd=project, env=environ, capture_output=True, text=True, timeout=600, check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert "build done: configs and manifests are in %s" % (project / "build") in out, out[-3000:]
    built = [p.relative_to(project).as_posix() for p in (project / "build").rglob("*") if p.is_file()]
    assert any(name.endswith(".cfg") for name in built), built
    assert not (collection / "build").exists(), "the build went into the installed collection"
