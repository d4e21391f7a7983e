# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module docs as ansible-doc assembles them from the modules and the controller_action fragment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
MODULES = ("kubevrf.tenancy.tenancy_build", "kubevrf.tenancy.tenancy_verify")


def ansible_doc(*names: str) -> dict:
    env = dict(os.environ, ANSIBLE_CONFIG=str(REPO / "ansible.cfg"), ANSIBLE_NOCOLOR="1")
    proc = subprocess.run([str(BIN / "ansible-doc"), "-t", "module", "--json", *names], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    # Third-party libraries may warn on stderr (deprecations); what matters is that ansible-doc read
    # these modules' docs without an error or a warning naming them.
    problems = [line for line in proc.stderr.splitlines() if "kubevrf" in line or "[ERROR]" in line or "Traceback" in line]
    assert proc.returncode == 0 and problems == [], proc.stderr
    return {name: entry["doc"] for name, entry in json.loads(proc.stdout).items()}


def test_controller_action_fragment_merges_with_each_modules_attributes():
    docs = ansible_doc(*MODULES)
    assert sorted(docs) == sorted(MODULES)
    for name, doc in docs.items():
        attrs = doc["attributes"]
        # from the fragment, with ansible.builtin.action_common_attributes' descriptions
        assert attrs["action"]["support"] == "full" and attrs["action"]["description"], name
        assert attrs["async"]["support"] == "none" and attrs["bypass_host_loop"]["support"] == "none", name
        assert attrs["platform"]["platforms"] == "all", name
        # the fragment's support level beside the module's own details
        assert attrs["check_mode"]["support"] == "full" and attrs["check_mode"]["details"], name
        assert doc["options"]["tenancy"]["type"] == "dict", name
    build, verify = docs[MODULES[0]]["attributes"], docs[MODULES[1]]["attributes"]
    assert (build["diff_mode"]["support"], verify["diff_mode"]["support"]) == ("full", "none")
    # the module's key wins the merge over the fragments'
    assert (build["platform"]["support"], verify["platform"]["support"]) == ("full", "N/A")
