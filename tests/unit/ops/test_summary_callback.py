# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The TENANCY SUMMARY block: every phase with its result, changed hosts, failures, verdict and report paths."""

from types import SimpleNamespace

from ansible_collections.kubevrf.tenancy.plugins.callback.tenancy_summary import CallbackModule, Phase, summary_lines


def phase(changed=(), failed=None, done=1):
    p = Phase()
    p.started, p.done_tasks, p.changed, p.failed = True, done, list(changed), dict(failed or {})
    return p


def test_success_lists_every_phase_changed_hosts_verdict_and_reports():
    phases = {"lab": phase(done=0), "build": phase(["localhost"]), "clusters": phase(["k8s-oss", "k8s-isovalent"]),
              "devices": phase(["XRV"]), "validate": phase()}
    custom = {"tenancy_validate": {"verdict": "PASSED", "reports": ["/r/validation.json", "/r/junit.xml"]}}
    assert summary_lines(phases, custom, False) == [
        "phase 1/5 lab       skipped  changed: -",
        "phase 2/5 build     ok       changed: localhost",
        "phase 3/5 clusters  ok       changed: k8s-isovalent, k8s-oss",
        "phase 4/5 devices   ok       changed: XRV",
        "phase 5/5 validate  ok       changed: -",
        "validation: PASSED",
        "reports: /r/validation.json, /r/junit.xml",
    ]


def test_a_rolled_back_device_is_named_with_why_and_the_run_stops_there():
    why = "Leaf01 rejected `frobnicate now`: % Invalid command; rolled back to checkpoint kubevrf-1: as before the play"
    phases = {"build": phase(), "clusters": phase(), "devices": phase(["XRV", "Leaf01"], {"Leaf01": why})}
    lines = summary_lines(phases, {}, False)
    assert lines[3] == "phase 4/5 devices   FAILED   changed: XRV"  # the failed device is not "changed"
    assert lines[4] == "    Leaf01 failed: " + why
    assert lines[5] == "phase 5/5 validate  not run  changed: -"
    assert "run stopped in phase devices; the phases after it did not run" in lines
    assert not any(line.startswith("validation:") for line in lines)


def test_check_mode_says_would_change():
    lines = summary_lines({"build": phase(["localhost"])}, {}, True)
    assert lines[1] == "phase 2/5 build     ok       would change: localhost"
    assert lines[-1].startswith("check mode: nothing was changed")


def test_callback_tracks_rescued_failures_and_only_reports_final_ones():
    cb = CallbackModule()
    host = SimpleNamespace(get_name=lambda: "Leaf01")
    task = SimpleNamespace(action="cisco.nxos.nxos_config")

    def result(**res):
        return SimpleNamespace(_host=host, _task=task, _result=res)

    cb.v2_playbook_on_play_start(SimpleNamespace(vars={"tenancy_phase": "devices"}))
    cb.v2_runner_on_failed(result(msg="first error"))       # rescued below
    cb.v2_runner_on_ok(result(changed=True))                # the rescue recovered
    assert cb.phases["devices"].failed == {}
    cb.v2_runner_on_failed(result(msg="line\n rejected"))   # a final failure
    cb.v2_runner_on_failed(result(msg="ignored"), ignore_errors=True)
    assert cb.phases["devices"].failed == {"Leaf01": "line rejected"}
    cb.v2_playbook_on_play_start(SimpleNamespace(vars={}))  # a play outside the phases is not counted
    cb.v2_runner_on_ok(result(changed=True))
    assert cb.phases["devices"].changed == ["Leaf01"]
