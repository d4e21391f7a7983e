# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Same inventory, same bytes: every renderer's output in two interpreters with different hash seeds.

Rendering twice in one process compares a computation with itself (set and dict order are the same
both times); a second interpreter with another PYTHONHASHSEED changes the order of every set of
strings, which is where nondeterministic output comes from.
"""

import os
import subprocess
import sys
from pathlib import Path

LAB = Path(__file__).resolve().parents[3] / "inventories" / "lab" / "group_vars" / "all" / "tenancy.yml"

SCRIPT = r"""
import sys, yaml
sys.path[:0] = %r
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.model import plan
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.nxos import render_leaf_config
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.iosxr import render_pe_config
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.nxos_rm import leaf_resource_data
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.iosxr_rm import pe_resource_data
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.cilium import render_cilium_objects
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.isovalent import render_isovalent_objects
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.yamlout import dump_yaml
intent = plan(yaml.safe_load(open(%r, encoding="utf-8"))["tenancy"])
out = []
for leaf in intent.leaves:
    out += [render_leaf_config(intent, leaf), dump_yaml(leaf_resource_data(intent, leaf))]
for pe in intent.pes:
    out += [render_pe_config(intent, pe), dump_yaml(pe_resource_data(intent, pe))]
for cluster in intent.clusters:
    render = render_isovalent_objects if cluster.flavour == "isovalent" else render_cilium_objects
    out.append(dump_yaml(render(intent, cluster)))
sys.stdout.write("\n=====\n".join(out))
"""


def _render_in_a_fresh_interpreter(seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    proc = subprocess.run([sys.executable, "-c", SCRIPT % (sys.path, str(LAB))], env=env, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_every_renderer_gives_the_same_bytes_under_another_hash_seed():
    first, second = _render_in_a_fresh_interpreter("1"), _render_in_a_fresh_interpreter("7")
    # the lab renders something for each device and cluster (an empty output would pass the comparison)
    assert first.count("\n=====\n") >= 5 and "vrf context" in first and "vrf " in first and "kind: " in first
    assert first == second
