# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which NX-OS ``| json`` answers the validate role keeps, and what it records for the others.

The role's own task ("Keep the JSON answers that are JSON documents", read from
roles/validate/tasks/capture_device.yml) runs in a real ansible-playbook on registered results of every kind a
box gives: a JSON document, a failed command whose message holds ``% Invalid command``, the text table instead of
JSON, an empty answer, a ``Syntax error``, a JSON document cut short (300 kB, no closing brace).
"""

import json
import os
import subprocess
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOK_BIN = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")

pytestmark = pytest.mark.skipif(not os.path.exists(PLAYBOOK_BIN), reason="ansible-playbook not installed beside python")

RESULTS = [
    {"item": {"command": "json"}, "stdout": '{"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": "red"}}}\n'},
    {"item": {"command": "json-padded"}, "stdout": '\n  {"TABLE_vrf": {}}  \n'},
    {"item": {"command": "invalid"}, "failed": False,
     "msg": "show x | json\r\n          ^\r\n% Invalid command at '^' marker.\r\n\rLeaf01# "},
    {"item": {"command": "text"}, "stdout": "BGP summary information for VRF red, address family IPv4 Unicast\nBGP router identifier"},
    {"item": {"command": "empty"}, "stdout": ""},
    {"item": {"command": "syntax"}, "stdout": "  \n Syntax error while parsing 'show x | json'\n"},
    {"item": {"command": "cut"}, "stdout": '{"TABLE_vrf": ' + "x" * 300000},
]


def test_json_documents_are_kept_and_every_refusal_is_recorded(tmp_path):
    with open(os.path.join(ROOT, "roles", "validate", "tasks", "capture_device.yml"), encoding="utf-8") as fh:
        tasks = yaml.safe_load(fh)
    keep = next(t for t in tasks if t["name"] == "Keep the JSON answers that are JSON documents")
    out = tmp_path / "out.json"
    play = [{"hosts": "localhost", "connection": "local", "gather_facts": False,
             "vars": {"validate_cli_json": {"results": RESULTS}, "ansible_python_interpreter": sys.executable},
             "tasks": [keep, {"name": "Write", "ansible.builtin.copy": {
                 "dest": str(out), "mode": "0600",
                 "content": "{{ {'kept': validate_json_kept, 'refused': validate_json_refused} | to_json }}"}}]}]
    (tmp_path / "play.yml").write_text(yaml.safe_dump(play, width=1000))
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), ANSIBLE_LOCAL_TEMP=str(tmp_path / "tmp"))
    proc = subprocess.run([PLAYBOOK_BIN, "-i", "localhost,", str(tmp_path / "play.yml")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    got = json.loads(out.read_text())
    assert got["kept"] == {"json": RESULTS[0]["stdout"], "json-padded": RESULTS[1]["stdout"]}  # kept as answered
    assert got["refused"] == {
        "invalid": "% Invalid command at '^' marker.",
        "text": "BGP summary information for VRF red, address family IPv4 Unicast",
        "empty": "empty answer",
        "syntax": "Syntax error while parsing 'show x | json'",
        "cut": ('{"TABLE_vrf": ' + "x" * 300)[:101],  # the first line's first 101 characters
    }
