# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The repository root on sys.path (for ``lab.kube``) and a running API twin per module."""

import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from lab.kube.testing import KUBECTL, running_twin  # noqa: E402


@pytest.fixture(scope="module")
def twin(tmp_path_factory):
    if not os.path.exists(KUBECTL):
        pytest.skip("kubectl is not installed at %s" % KUBECTL)
    with running_twin(tmp_path_factory.mktemp("kube")) as running:
        yield running


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory):
    """The lab inventory's Cilium and Isovalent manifests, built by tools/tenancy.py."""
    from playbook_run import build_lab  # tests/support
    return build_lab(tmp_path_factory.mktemp("build"), "cilium,isovalent")
