# -*- coding: utf-8 -*-
"""build.py: which files the lab produces, byte-stable output, idempotent writes."""

import copy
from pathlib import Path

import pytest
import yaml

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import build
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.errors import TenancyInputError

REPO = Path(__file__).resolve().parents[2]
LAB = yaml.safe_load((REPO / "inventories/lab/group_vars/all/tenancy.yml").read_text())["tenancy"]


def test_lab_files():
    files = build.build_files(copy.deepcopy(LAB))
    assert {"configs/Leaf01.cfg", "configs/XRV.cfg", "resource_modules/Leaf01.yml", "resource_modules/XRV.yml",
            "manifests/k8s-oss/all.yaml", "manifests/k8s-isovalent/all.yaml"} <= set(files)
    oss = [p for p in files if p.startswith("manifests/k8s-oss/")]
    assert "manifests/k8s-oss/ciliumloadbalancerippool-ip-pool-pod1.yaml" in oss
    pools = [d for d in yaml.safe_load_all(files["manifests/k8s-oss/all.yaml"]) if d["kind"] == "CiliumLoadBalancerIPPool"]
    assert [(p["metadata"]["name"], p["spec"]["blocks"]) for p in pools] == [
        ("ip-pool-pod1", [{"cidr": "20.0.10.0/24"}]), ("ip-pool-pod2", [{"cidr": "30.0.10.0/24"}])]
    # all.yaml holds exactly the per-object files, in the same order
    per_object = [yaml.safe_load(files[p]) for p in oss if not p.endswith("all.yaml")]
    assert sorted(map(repr, per_object)) == sorted(map(repr, yaml.safe_load_all(files["manifests/k8s-oss/all.yaml"])))


def test_parts_select_targets():
    files = build.build_files(copy.deepcopy(LAB), parts=["nxos"])
    assert set(files) == {"configs/Leaf01.cfg", "resource_modules/Leaf01.yml"}
    files = build.build_files(copy.deepcopy(LAB), parts=["isovalent"])
    assert {p.split("/")[1] for p in files if p.startswith("manifests/")} == {"k8s-isovalent"}
    with pytest.raises(ValueError, match="unknown build part"):
        build.build_files(copy.deepcopy(LAB), parts=["junos"])


def _build_in_a_fresh_interpreter(seed: str) -> dict:
    """build_files of the lab in another interpreter: another PYTHONHASHSEED orders every set of strings differently."""
    import json
    import os
    import subprocess
    import sys
    script = ("import sys, json, yaml; sys.path[:0] = %r\n"
              "from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import build\n"
              "lab = yaml.safe_load(open(%r, encoding='utf-8'))['tenancy']\n"
              "print(json.dumps(build.build_files(lab)))\n" % (sys.path, str(REPO / "inventories/lab/group_vars/all/tenancy.yml")))
    proc = subprocess.run([sys.executable, "-c", script], env=dict(os.environ, PYTHONHASHSEED=seed),
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def test_same_inventory_same_bytes():
    first, second = _build_in_a_fresh_interpreter("1"), _build_in_a_fresh_interpreter("5")
    assert "configs/Leaf01.cfg" in first and len(first) >= 6
    assert first == second
    assert first == build.build_files(copy.deepcopy(LAB))  # and the same as in this process


def test_invalid_inventory_raises_report():
    bad = copy.deepcopy(LAB)
    bad["tenants"][1]["community"] = "64512:301"
    with pytest.raises(TenancyInputError, match="duplicate-community"):
        build.build_files(bad)


def test_write_files_is_idempotent_and_check_mode_writes_nothing(tmp_path):
    files = build.build_files(copy.deepcopy(LAB))
    dry = build.write_files(str(tmp_path), files, check_mode=True)
    assert {r["status"] for r in dry} == {"created"} and not any(tmp_path.iterdir())
    first = build.write_files(str(tmp_path), files)
    assert {r["status"] for r in first} == {"created"}
    assert (tmp_path / "configs/Leaf01.cfg").read_text() == files["configs/Leaf01.cfg"]
    second = build.write_files(str(tmp_path), files)
    assert {r["status"] for r in second} == {"unchanged"}
    changed = dict(files, **{"configs/Leaf01.cfg": files["configs/Leaf01.cfg"] + "! extra\n"})
    third = {r["path"]: r for r in build.write_files(str(tmp_path), changed)}
    assert third["configs/Leaf01.cfg"]["status"] == "changed"
    assert third["configs/Leaf01.cfg"]["before"] == files["configs/Leaf01.cfg"]
    assert not list(tmp_path.rglob(".tmp-*"))


def test_stale_files_listed_not_deleted(tmp_path):
    files = build.build_files(copy.deepcopy(LAB))
    build.write_files(str(tmp_path), files)
    fewer = {k: v for k, v in files.items() if k != "configs/XRV.cfg"}
    assert build.stale_files(str(tmp_path), fewer) == ["configs/XRV.cfg"]
    assert (tmp_path / "configs/XRV.cfg").exists()


def test_cli_without_ansible(tmp_path):
    import subprocess
    import sys
    cli = [sys.executable, str(REPO / "tools" / "tenancy.py")]
    lab = str(REPO / "inventories/lab/group_vars/all/tenancy.yml")
    ok = subprocess.run(cli + ["build", lab, "--out", str(tmp_path)], capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and (tmp_path / "configs/Leaf01.cfg").exists()
    again = subprocess.run(cli + ["build", lab, "--out", str(tmp_path)], capture_output=True, text=True, check=False)
    assert again.stdout.startswith("0 file(s) written")
    bad = tmp_path / "bad.yml"
    bad.write_text((REPO / "inventories/lab/group_vars/all/tenancy.yml").read_text().replace("64512:302", "64512:301"))
    failed = subprocess.run(cli + ["validate", str(bad)], capture_output=True, text=True, check=False)
    assert failed.returncode == 1 and "duplicate-community" in failed.stderr and "Traceback" not in failed.stderr


def test_shared_yaml_equals_plain_yaml_on_a_large_fabric():
    import sys
    sys.path.insert(0, str(REPO / "tests" / "support"))
    from synth import synth_inventory
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.model import plan
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.nxos_rm import leaf_resource_data
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.yamlout import dump_yaml, dump_yaml_reference
    intent = plan(synth_inventory(tenants=60, leaves=6, clusters=3, pes=2, seed=3))
    files = build.render_intent(intent)
    for leaf in intent.leaves:
        data = leaf_resource_data(intent, leaf)
        assert files["resource_modules/%s.yml" % leaf.name] == dump_yaml(data) == dump_yaml_reference(data)


def test_build_writes_the_same_objects_as_the_copying_renderers():
    # The build renders without defensive copies; the public renderers copy.
    import sys
    sys.path.insert(0, str(REPO / "tests" / "support"))
    from synth import synth_inventory
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.model import plan
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.cilium import render_cilium_objects
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.render.isovalent import render_isovalent_objects
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.yamlout import dump_yaml_all
    intent = plan(synth_inventory(tenants=40, leaves=4, clusters=4, pes=2, seed=5))
    files = build.render_intent(intent)
    for cluster in intent.clusters:
        render = render_cilium_objects if cluster.flavour == "oss" else render_isovalent_objects
        copied = render(intent, cluster)
        assert files["manifests/%s/all.yaml" % cluster.name] == dump_yaml_all(copied)
        copied[0]["spec"].clear()  # editing a copy leaves the intent and the next render alone
        assert render(intent, cluster, copy_objects=False) == render(intent, cluster)
