# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shipped inventories, and copies of them, parse with zero warnings; the example carries no lab variable.

Measured before: `ansible-inventory -i inventories/lab --list` printed 12 warnings (snapshots and the lab's
workloads file were read as inventory sources).
"""

import os
import shutil
import subprocess
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INVENTORY_BIN = os.path.join(os.path.dirname(sys.executable), "ansible-inventory")
pytestmark = pytest.mark.skipif(not os.path.exists(INVENTORY_BIN), reason="ansible-inventory not installed beside python")


def inventory(path, *args):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="true", ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED="false")
    proc = subprocess.run([INVENTORY_BIN, "-i", str(path), *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.mark.parametrize("name", ["lab", "example"])
def test_inventory_and_its_copy_parse_without_warnings(name, tmp_path):
    copy = tmp_path / "prod"
    shutil.copytree(os.path.join(ROOT, "inventories", name), copy)
    for path in (os.path.join(ROOT, "inventories", name), copy):
        proc = inventory(path, "--list")
        assert "[WARNING]" not in proc.stderr, proc.stderr
        data = yaml.safe_load(proc.stdout)
        assert set(data["cilium_clusters"]["hosts"]) == {"k8s-oss", "k8s-isovalent"}


def test_example_names_kubeconfig_and_context_per_cluster_and_no_lab_variable():
    data = yaml.safe_load(inventory(os.path.join(ROOT, "inventories", "example"), "--list").stdout)
    hostvars = data["_meta"]["hostvars"]
    clusters = data["cilium_clusters"]["hosts"]
    targets = {(hostvars[c]["tenancy_kubeconfig"], hostvars[c]["tenancy_kube_context"]) for c in clusters}
    assert len(targets) == len(clusters)  # one kubeconfig/context per cluster, none shared
    for host, hv in hostvars.items():
        assert not [k for k in hv if k.startswith("lab_")], host
        assert "lab_" not in yaml.safe_dump(hv), host  # no reference to a lab variable either
        assert "127.0.0.1" not in yaml.safe_dump(hv), host
    for device in data["nxos_leaves"]["hosts"] + data["iosxr_pes"]["hosts"]:
        assert "vault_device_password" in hostvars[device]["ansible_password"]
        assert "ANSIBLE_NET_PASSWORD" in hostvars[device]["ansible_password"]  # what AWX injects wins
