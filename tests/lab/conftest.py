# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for the lab twins: devices in-process, and SSH servers on free loopback ports."""

import pytest

from twin_support import ROOT, T0  # noqa: E402  (importing it puts the repo on sys.path)

from lab.twins.cli import build_devices  # noqa: E402
from lab.twins.sshserver import Lab  # noqa: E402


class Clock:
    def __init__(self, start: float = T0):
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def devices(clock, tmp_path):
    """Leaf01 and XRV as the lab defines them, fed by the lab workloads file only
    (no rendered manifests: the file's own copy of the seed's advertisements)."""
    devs = build_devices(ROOT, manifests=str(tmp_path / "no-manifests"), clock=clock)
    return {d.name: d for d in devs}


@pytest.fixture
def ssh_lab(devices, tmp_path):
    """The twins behind SSH on free 127.0.0.1 ports; always stopped afterwards."""
    from lab.twins.sshserver import ensure_key
    client = ensure_key(str(tmp_path / "id_ed25519"))
    lab = Lab(list(devices.values()), str(tmp_path), users={"admin": "lab-secret"},
              authorized_keys=[client.export_public_key().decode()])
    lab.start(timeout=15)
    lab.client_key_path = str(tmp_path / "id_ed25519")
    try:
        yield lab
    finally:
        lab.stop(timeout=10)
