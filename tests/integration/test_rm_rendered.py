# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cisco resource modules, fed our data in ``state: rendered``, produce only lines our CLI text has.

Runs the real ``ansible-playbook`` against a network_cli host that is never
contacted (``rendered`` needs no device), so what the deploy role will send is
checked against the reviewed CLI rendering, context by context.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.model import plan
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.iosxr import render_pe_config
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.iosxr_rm import PE_APPLY_ORDER, pe_resource_data
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.nxos import render_leaf_config
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.nxos_rm import (
    LEAF_APPLY_ORDER,
    leaf_resource_data,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
LAB = REPO_ROOT / "inventories" / "lab" / "group_vars" / "all" / "tenancy.yml"
PLAYBOOK_BIN = Path(sys.executable).parent / "ansible-playbook"


def _play(host, order):
    tasks = []
    for fqcn in order:
        if fqcn == "cli":
            continue
        tasks.append({
            "name": fqcn,
            fqcn: {"config": "{{ rm['%s'] }}" % fqcn, "state": "rendered"},
            "when": "'%s' in rm" % fqcn,
            "register": "out",
        })
        tasks.append({
            "name": "collect " + fqcn,
            "ansible.builtin.set_fact": {"rendered": "{{ rendered | default({}) | combine({'%s': out.rendered}) }}" % fqcn},
            "when": "'%s' in rm" % fqcn,
        })
    tasks.append({
        "name": "write",
        "ansible.builtin.copy": {"content": "{{ rendered | to_json }}", "dest": "{{ out_dir }}/%s.json" % host},
        "delegate_to": "localhost",
        "vars": {"ansible_connection": "local"},
    })
    return {"hosts": host, "gather_facts": False, "vars": {"rm": "{{ lookup('file', '%s.rm.json') | from_json }}" % host},
            "tasks": tasks}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    if not PLAYBOOK_BIN.exists() and not shutil.which("ansible-playbook"):
        pytest.skip("ansible-playbook is not installed")
    work = tmp_path_factory.mktemp("rm_rendered")
    with open(LAB, encoding="utf-8") as handle:
        intent = plan(copy.deepcopy(yaml.safe_load(handle)["tenancy"]))
    leaf, pe = intent.leaves[0], intent.pes[0]
    (work / ("%s.rm.json" % leaf.name)).write_text(json.dumps(leaf_resource_data(intent, leaf)))
    (work / ("%s.rm.json" % pe.name)).write_text(json.dumps(pe_resource_data(intent, pe)))
    (work / "site.yml").write_text(yaml.safe_dump([_play(leaf.name, LEAF_APPLY_ORDER), _play(pe.name, PE_APPLY_ORDER)]))
    # A host that is never contacted: port 9 on loopback, bogus credentials.
    (work / "hosts.yml").write_text(yaml.safe_dump({"all": {"vars": {
        "ansible_connection": "ansible.netcommon.network_cli", "ansible_host": "127.0.0.1", "ansible_port": 9,
        "ansible_user": "nobody", "ansible_password": "unused", "ansible_python_interpreter": sys.executable,
    }, "hosts": {leaf.name: {"ansible_network_os": "cisco.nxos.nxos"},
                 pe.name: {"ansible_network_os": "cisco.iosxr.iosxr"}}}}))
    env = dict(os.environ, ANSIBLE_DEPRECATION_WARNINGS="False", ANSIBLE_NOCOLOR="1",
               ANSIBLE_LOCAL_TEMP=str(work / "tmp"), ANSIBLE_HOME=str(work / "home"))
    exe = str(PLAYBOOK_BIN) if PLAYBOOK_BIN.exists() else "ansible-playbook"
    proc = subprocess.run([exe, "-i", "hosts.yml", "site.yml", "-e", "out_dir=%s" % work], cwd=work, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    return {
        "leaf": (json.loads((work / ("%s.json" % leaf.name)).read_text()), render_leaf_config(intent, leaf)),
        "pe": (json.loads((work / ("%s.json" % pe.name)).read_text()), render_pe_config(intent, pe)),
    }


class _Mode:
    def __init__(self, line, parent):
        self.line, self.parent, self.children = line, parent, []

    def find(self, command):
        return next((c for c in self.children if c.line == command), None)


def _tree(text):
    """Our CLI text as a tree of modes by indentation ("!" closers ignored).

    IOS-XR shows route targets as a submode (``import route-target`` then one
    RT per line) but accepts the one-line form the module sends, so that form
    is added beside the submode.
    """
    root = _Mode("", None)
    stack = [(-1, root)]
    for line in text.splitlines():
        if not line.strip() or line.strip() == "!":
            continue
        depth = len(line) - len(line.lstrip(" "))
        while stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1]
        node = _Mode(line.strip(), parent)
        parent.children.append(node)
        if parent.line in ("import route-target", "export route-target"):
            parent.parent.children.append(_Mode(parent.line + " " + node.line, parent.parent))
        stack.append((depth, node))
    return root


@pytest.mark.parametrize("device", ["leaf", "pe"])
def test_module_commands_are_in_the_cli_text(rendered, device):
    """Walk each module's commands the way the CLI does: a line not valid in the
    current mode leaves it for the nearest enclosing mode that has it."""
    by_module, text = rendered[device]
    root = _tree(text)
    assert by_module, "no module rendered anything"
    for module, commands in by_module.items():
        assert commands, "%s rendered nothing" % module
        mode = root
        for command in commands:
            command = command.strip()
            probe = mode
            while probe is not None and probe.find(command) is None:
                probe = probe.parent
            assert probe is not None, "%s: %r is not in our text under %r" % (module, command, mode.line)
            mode = probe.find(command)
