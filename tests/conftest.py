# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make the checkout importable as ansible_collections.kubevrf.tenancy; group and order
the tests for pytest-xdist (``make test`` runs ``-n 3 --dist loadgroup --no-loadscope-reorder``);
under CI=true fail the run on a skip whose reason is not on the allow-list (tests/support/skip_policy.py)."""

import os
import sys

import pytest

COLLECTIONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "collections")
if COLLECTIONS not in sys.path:
    sys.path.insert(0, COLLECTIONS)
SUPPORT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "support")
if SUPPORT not in sys.path:
    sys.path.insert(0, SUPPORT)

from skip_policy import SkipPolicy  # noqa: E402  (tests/support, put on sys.path above)

# Modules whose tests may run on different workers: each test sets up its own lab
# (function-scoped fixtures only, or a cheap read-only module fixture) and one test
# takes minutes. Every other module stays whole on one worker, so a module-scoped
# fixture (a running twin, a build, site.yml run twice) is set up once and its tests
# see it in file order, exactly as without xdist.
SPLIT = (
    "tests/integration/test_device_deploy.py",
    "tests/integration/test_molecule.py",
    "tests/integration/test_molecule_site.py",
)

# Slowest first (minutes each on 2 cores; the rest of the suite takes about two
# minutes in all). xdist hands the work out in collection order, so the long ones
# start at once and the many short modules fill the gaps at the end.
SLOWEST_FIRST = (
    "tests/integration/test_deploy_faults.py",  # 21 fault points on one module-scoped lab: the longest module
    "tests/integration/test_molecule_site.py::test_scenario[lab_racks]",
    "tests/integration/test_molecule_site.py::test_scenario[default]",
    "tests/integration/test_site_ops.py",
    "tests/integration/test_cluster_deploy_atomic.py",
    "tests/integration/test_wrong_cluster.py",
    "tests/integration/test_awx.py",  # Check / Deploy / Validate under ansible-runner on one module-scoped lab
    "tests/integration/test_molecule_site.py::test_scenario[negative]",
    "tests/integration/test_molecule.py::test_scenario[fabric_negative]",
    "tests/integration/test_molecule.py::test_scenario[fabric]",
    "tests/integration/test_site.py",
    "tests/integration/test_molecule_site.py",
    "tests/integration/test_device_deploy.py::test_push_check_idempotence_and_no_password",
    "tests/integration/test_device_deploy.py::test_removed_tenant_is_drift_until_pruned",
    "tests/integration/test_cluster_deploy.py",
    "tests/integration/test_device_deploy.py",
    "tests/integration/test_rm_rendered.py",
)


def _rank(nodeid: str) -> int:
    for rank, prefix in enumerate(SLOWEST_FIRST):
        if nodeid == prefix or nodeid.startswith(prefix + "::"):
            return rank
    return len(SLOWEST_FIRST)


def pytest_configure(config):
    # Registered here too, so a run without xdist does not warn about the mark.
    config.addinivalue_line("markers", "xdist_group(name): run these tests on one xdist worker")
    config.pluginmanager.register(SkipPolicy(config), "kubevrf-skip-policy")


# tryfirst: the marks must be in place before xdist appends group names to the node ids.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return  # a plain run keeps pytest's order and needs no groups
    items.sort(key=lambda item: _rank(item.nodeid))  # stable: a module's own order is kept
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        if module not in SPLIT and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(module))
