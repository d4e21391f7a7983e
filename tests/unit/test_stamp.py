# -*- coding: utf-8 -*-
"""Build stamps: a build is skipped only when inventory, code and files are all unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import build, stamp

FILES = {"configs/Leaf01.cfg": "vrf context A\n", "manifests/k8s/all.yaml": "---\na: 1\n"}
PARTS = ["nxos", "cilium"]


@pytest.fixture()
def built(tmp_path: Path) -> Path:
    build.write_files(str(tmp_path), FILES)
    stamp.write_stamp(str(tmp_path), PARTS, "inv-1", FILES)
    return tmp_path


def test_matching_build_is_up_to_date(built):
    assert stamp.unchanged_files(str(built), PARTS, "inv-1") == sorted(FILES)
    assert stamp.unchanged_files(str(built), list(reversed(PARTS)), "inv-1") == sorted(FILES)  # parts are a set
    assert stamp.validated_before(str(built), "inv-1")


@pytest.mark.parametrize("change", ["edit", "delete", "inventory", "parts", "code", "corrupt", "no stamp"])
def test_any_change_means_render(built, monkeypatch, change):
    key, parts = "inv-1", PARTS
    if change == "edit":
        (built / "configs" / "Leaf01.cfg").write_text("vrf context B\n", encoding="utf-8")
    elif change == "delete":
        (built / "manifests" / "k8s" / "all.yaml").unlink()
    elif change == "inventory":
        key = "inv-2"
    elif change == "parts":
        parts = ["nxos"]
    elif change == "code":
        monkeypatch.setattr(stamp, "_CODE", ["another collection version"])
    elif change == "corrupt":
        Path(stamp.stamp_path(str(built), PARTS)).write_text("{not json", encoding="utf-8")
    else:
        stamp.forget(str(built), PARTS)
    assert stamp.unchanged_files(str(built), parts, key) is None


def test_validated_before_needs_this_inventory_and_this_code(built, monkeypatch):
    assert not stamp.validated_before(str(built), "inv-2")
    assert not stamp.validated_before(str(built / "nowhere"), "inv-1")
    monkeypatch.setattr(stamp, "_CODE", ["another collection version"])
    assert not stamp.validated_before(str(built), "inv-1")


def test_stamp_lives_outside_the_managed_folders(built):
    assert build.stale_files(str(built), FILES) == []
    saved = json.loads(Path(stamp.stamp_path(str(built), PARTS)).read_text(encoding="utf-8"))
    assert saved["inventory"] == "inv-1" and sorted(saved["files"]) == sorted(FILES)
    with pytest.raises(ValueError):
        stamp.write_stamp(str(built), PARTS, "inv-1", {"../elsewhere.cfg": "x"})


def test_code_fingerprint_covers_the_renderers():
    stamp._CODE.clear()
    first = stamp.code_fingerprint()
    assert first == stamp.code_fingerprint() and len(first) == 64
