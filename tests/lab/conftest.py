# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for the lab twins: devices in-process, and SSH servers on free loopback ports."""

import os
import re
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from lab.twins.cli import build_devices  # noqa: E402
from lab.twins.sshserver import Lab  # noqa: E402

SEED = os.environ.get("KUBEVRF_SEED", os.path.join(os.path.dirname(ROOT), "shared", "seed",
                                                   "cilium-nexus-tenancy-blog.txt"))
T0 = 1764150000.0  # a fixed lab clock: show output is the same on every run


def seed_text() -> str:
    if not os.path.exists(SEED):
        pytest.skip("the seed file is not at %s (set KUBEVRF_SEED)" % SEED)
    with open(SEED, encoding="utf-8") as fh:
        return fh.read()


def seed_block(prompt_command: str) -> list:
    """Lines of the seed's capture of one command, up to the next prompt or prose line."""
    lines = seed_text().splitlines()
    for n, ln in enumerate(lines):
        if ln.strip() == prompt_command:
            out = []
            for nxt in lines[n + 1:]:
                if re.match(r"^(Leaf01#|RP/0/RP0/CPU0:XRV#|jawad@|root@)", nxt) or len(nxt) > 120:
                    break
                out.append(nxt)
            return out
    raise AssertionError("the seed has no capture of %r" % prompt_command)


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
