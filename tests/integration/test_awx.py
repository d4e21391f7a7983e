# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWX as code (playbooks/awx/configure.yml), without an AWX server: every awx.awx task's arguments,
templated as Ansible would, pass that module's own argument spec; the workflow and surveys are
what the README says; and the Build job template's playbook runs under ansible-runner the way
AWX runs it (a copy of the project, extravars with survey answers as strings, an injected
kubeconfig credential file and K8S_AUTH_KUBECONFIG)."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CONFIGURE = REPO / "playbooks" / "awx" / "configure.yml"


class _Captured(Exception):
    def __init__(self, spec: Dict[str, Any], options: Dict[str, Any]) -> None:
        super().__init__("argument spec captured")
        self.spec, self.options = spec, options


def awx_argument_spec(module: str) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """The argument spec an awx.awx module hands to ControllerAPIModule (auth options included), and its
    cross-option rules (mutually_exclusive, required_if, ...), captured by stopping the module's main()."""
    from ansible_collections.awx.awx.plugins.module_utils import controller_api

    mod = importlib.import_module("ansible_collections.awx.awx.plugins.modules.%s" % module)

    def capture(self, argument_spec=None, **kwargs):
        spec = dict(controller_api.ControllerModule.AUTH_ARGSPEC)
        spec.update(argument_spec or {})
        raise _Captured(spec, {k: v for k, v in kwargs.items() if k in (
            "mutually_exclusive", "required_together", "required_one_of", "required_if", "required_by")})

    original = controller_api.ControllerAPIModule.__init__
    controller_api.ControllerAPIModule.__init__ = capture
    try:
        mod.main()
    except _Captured as captured:
        return captured.spec, captured.options
    finally:
        controller_api.ControllerAPIModule.__init__ = original
    raise AssertionError("awx.awx.%s did not build a ControllerAPIModule" % module)


def _trusted(value: Any) -> Any:
    from ansible.template import trust_as_template
    if isinstance(value, str):
        return trust_as_template(value)
    if isinstance(value, dict):
        return {k: _trusted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_trusted(v) for v in value]
    return value


def _plain(value: Any) -> Any:
    """Tagged strings and lists from the templar as plain Python values (what the module receives as JSON)."""
    return json.loads(json.dumps(value))


def configure_tasks(tmp_path: Path, extra: Dict[str, Any]) -> List[Tuple[str, str, Dict[str, Any]]]:
    """(task name, module, templated arguments) for each awx.awx task and loop item, as Ansible would run them."""
    from ansible.parsing.dataloader import DataLoader
    from ansible.plugins.loader import init_plugin_loader
    from ansible.template import Templar

    init_plugin_loader()
    loader = DataLoader()
    play = _trusted(yaml.safe_load(CONFIGURE.read_text(encoding="utf-8"))[0])
    variables = dict(play["vars"])
    variables.update(extra)
    templar = Templar(loader=loader, variables=variables)
    out = []
    for task in play["tasks"]:
        modules = [key for key in task if key.startswith("awx.awx.")]
        if not modules:
            continue
        module = modules[0]
        if "when" in task and not templar.evaluate_conditional(task["when"]):
            continue
        items = templar.template(task["loop"]) if "loop" in task else [None]
        for item in items:
            scoped = Templar(loader=loader, variables=dict(variables, item=item))
            out.append((task["name"], module.split(".")[-1], _plain(scoped.template(task[module]))))
    return out


@pytest.fixture(scope="module", autouse=True)
def _ansible_import_machinery_restored():
    """init_plugin_loader() installs Ansible's collection finder for the rest of the process. Tests that run
    after this module on the same pytest-xdist worker import the checkout as ansible_collections.kubevrf.tenancy
    through the plain path importer (tests/conftest.py); under the finder those imports fail ("collection
    metadata was not loaded"). So the finder goes when this module ends, with the modules it loaded."""
    before = set(sys.modules)
    yield
    from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder
    _AnsibleCollectionFinder._remove()  # pylint: disable=protected-access
    for name in set(sys.modules) - before:
        if name == "ansible_collections" or name.startswith("ansible_collections."):
            del sys.modules[name]


@pytest.fixture(scope="module")
def tasks(tmp_path_factory):
    kubeconfig = tmp_path_factory.mktemp("awx") / "kubeconfig"
    kubeconfig.write_text("apiVersion: v1\nkind: Config\nclusters: []\n", encoding="utf-8")
    return configure_tasks(kubeconfig.parent, {"awx_scm_url": "https://git.example.org/net/tenancy.git",
                                               "awx_kubeconfig_file": str(kubeconfig),
                                               "awx_device_credential": "network devices"})


def validate_args(module: str, args: Dict[str, Any]) -> List[str]:
    from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
    spec, options = awx_argument_spec(module)
    result = ArgumentSpecValidator(spec, **options).validate(args)
    return result.error_messages


def test_every_awx_task_passes_its_modules_argument_spec(tasks):
    modules = sorted({module for _name, module, _args in tasks})
    assert modules == ["credential", "credential_type", "execution_environment", "inventory", "inventory_source",
                       "job_template", "project", "workflow_job_template"]
    assert len(tasks) == 11  # 7 single tasks + 4 job templates
    for name, module, args in tasks:
        assert validate_args(module, args) == [], "%s (awx.awx.%s): %s" % (name, module, args)


def test_the_check_catches_a_wrong_argument(tasks):
    name, module, args = next(t for t in tasks if t[1] == "job_template")
    broken = dict(args, job_typ="check")
    assert any("job_typ" in message for message in validate_args(module, broken))
    wrong_choice = dict(args, job_type="dry-run")
    assert any("job_type" in message for message in validate_args(module, wrong_choice))


def test_job_templates_and_the_workflow(tasks):
    templates = {args["name"]: args for _n, module, args in tasks if module == "job_template"}
    by_role = {name.rsplit(" ", 1)[1]: args for name, args in templates.items()}
    assert sorted(by_role) == ["Build", "Check", "Deploy", "Validate"]
    for args in templates.values():
        assert (REPO / args["playbook"]).is_file(), args["playbook"]
        assert args["credentials"] == ["kubevrf.tenancy kubeconfig", "network devices"]
    assert (by_role["Check"]["job_type"], by_role["Check"]["diff_mode"]) == ("check", True)
    assert by_role["Check"]["playbook"] == by_role["Deploy"]["playbook"] and by_role["Deploy"]["job_type"] == "run"
    workflow = next(args for _n, module, args in tasks if module == "workflow_job_template")
    nodes = {node["identifier"]: node for node in workflow["workflow_nodes"]}
    chain, node = [], "build"
    while node:
        chain.append(node)
        nxt = nodes[node].get("related", {}).get("success_nodes", [])
        node = nxt[0]["identifier"] if nxt else None
    assert chain == ["build", "check", "approve", "deploy", "validate"]
    assert nodes["approve"]["unified_job_template"]["type"] == "workflow_approval"
    for ident in ("build", "check", "deploy", "validate"):
        assert nodes[ident]["unified_job_template"]["name"] in templates


def test_kubeconfig_credential_type_injects_a_file_and_the_env_variable(tasks):
    ctype = next(args for _n, module, args in tasks if module == "credential_type")
    assert ctype["injectors"]["file"] == {"template.kubeconfig": "{{ kubeconfig }}"}
    assert ctype["injectors"]["env"]["K8S_AUTH_KUBECONFIG"] == "{{ tower.filename.kubeconfig }}"
    assert ctype["inputs"]["fields"][0]["secret"] is True
    cred = next(args for _n, module, args in tasks if module == "credential")
    assert cred["inputs"]["kubeconfig"].startswith("apiVersion: v1")


def test_survey_asks_for_documented_variables_with_safe_defaults(tasks):
    survey = next(args for _n, module, args in tasks if module == "workflow_job_template")["survey_spec"]
    questions = {q["variable"]: q for q in survey["spec"]}
    assert sorted(questions) == ["tenancy_prune", "tenancy_unmanaged"]
    assert questions["tenancy_prune"]["default"] == "false" and questions["tenancy_prune"]["choices"] == ["false", "true"]
    assert questions["tenancy_unmanaged"]["type"] == "textarea"
    specs = "".join(p.read_text(encoding="utf-8") for p in (REPO / "roles").glob("*/meta/argument_specs.yml"))
    for variable in questions:
        assert "%s:" % variable in specs, "%s is not a documented role variable" % variable


# --- the job templates' playbooks, run as AWX runs them ----------------------------------------------

def awx_project(tmp_path: Path) -> Path:
    """What AWX gives a job: a fresh copy of the project (no build output, no venv)."""
    project = tmp_path / "project"
    shutil.copytree(REPO, project, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "tests", ".pytest_cache", ".hypothesis", "__pycache__", ".ansible"))
    return project


def run_like_awx(tmp_path: Path, playbook: str, survey: Dict[str, str], job_type: str = "run", diff: bool = False):
    ansible_runner = pytest.importorskip("ansible_runner")
    project = awx_project(tmp_path)
    private = tmp_path / "runner"
    (private / "env").mkdir(parents=True)
    # AWX writes an injected credential file into the job's private data dir and points the env at it.
    kubeconfig = private / "env" / "tmp_kubeconfig"
    kubeconfig.write_text("apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n", encoding="utf-8")
    kubeconfig.chmod(0o600)
    cmdline = " ".join((["--check"] if job_type == "check" else []) + (["--diff"] if diff else []))
    path = "%s%s%s" % (BIN, os.pathsep, os.environ.get("PATH", ""))
    old_path = os.environ.get("PATH", "")
    os.environ["PATH"] = path  # ansible-runner finds ansible-playbook on PATH, as in an execution environment
    try:
        result = ansible_runner.run(
            private_data_dir=str(private), project_dir=str(project), playbook=playbook,
            inventory=str(project / "inventories" / "lab" / "hosts.yml"),
            extravars=dict(survey, awx_job_template_name="kubevrf.tenancy", tower_job_id=1),
            envvars={"K8S_AUTH_KUBECONFIG": str(kubeconfig), "PATH": path, "ANSIBLE_FORCE_COLOR": "0",
                     "ANSIBLE_NOCOLOR": "1"},
            cmdline=cmdline or None, quiet=True, timeout=600)
    finally:
        os.environ["PATH"] = old_path
    return project, private, result


def test_build_job_template_under_ansible_runner(tmp_path):
    survey = {"tenancy_prune": "false", "tenancy_unmanaged": "Legacy-.*\nshared-services"}  # strings, as AWX sends them
    project, private, result = run_like_awx(tmp_path, "playbooks/build.yml", survey)
    stdout = result.stdout.read()
    assert (result.status, result.rc) == ("successful", 0), stdout[-4000:]
    assert "build done: configs and manifests are in" in stdout
    built = sorted(p.relative_to(project / "build").as_posix() for p in (project / "build").rglob("*") if p.is_file())
    assert any(name.endswith(".cfg") for name in built) and any(name.endswith(".yaml") or name.endswith(".yml") for name in built), built
    # ansible-runner's artifacts: the job's events and its stats, as AWX stores them.
    assert result.stats["failures"] == {} and "localhost" in result.stats["ok"]
    assert any(event.get("event") == "playbook_on_stats" for event in result.events)
    assert (private / "artifacts").is_dir()


def test_validate_job_template_under_ansible_runner_offline(tmp_path):
    """The Validate job template's playbook on the seed's captured outputs (offline: no device, no cluster)."""
    snapshots = sorted(REPO.glob("**/snapshots/seed/snapshot.yml"))
    assert snapshots, "no seed snapshot in the repository"
    snapshot = snapshots[0].parent.as_posix()  # the project copy leaves tests/ out: the snapshot is read where it is
    survey = {"tenancy_prune": "false", "tenancy_unmanaged": "", "tenancy_snapshot": snapshot}
    project, private, result = run_like_awx(tmp_path, "playbooks/validate.yml", survey)
    stdout = result.stdout.read()
    assert (result.status, result.rc) == ("successful", 0), stdout[-4000:]
    # under ansible-runner the reports land in the job's artifacts directory (README: AWX / ansible-runner)
    found = sorted(private.glob("artifacts/*/kubevrf.tenancy/reports/validation.json"))
    assert found, stdout[-3000:]
    reports = found[0].parent
    verdict = json.loads((reports / "validation.json").read_text(encoding="utf-8"))
    assert verdict["result"] == "pass" and verdict["assertions"], verdict.get("findings")
    assert result.stats["failures"] == {}
