# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The molecule scenarios on the whole embedded lab (API twin + device twins).

default (the seed lab through site.yml's phases), evpn_community_steering
(k8s-oss + Leaf01), srv6_l3vpn (k8s-isovalent + XRV) and negative (a service
advertised without its community; API 409 / 500 stop site.yml before the
devices). Each runs destroy, create, converge, idempotence, verify, destroy on
a private lab (free ports, state in molecule's ephemeral directory).
lab_racks runs the same phases on inventories/lab-racks (a lab built from it).
Each scenario is its own test, so pytest-xdist runs them side by side
(`make test` and `make molecule` use parallel workers; each lab is private).
Slow (two to three minutes each on 2 cores): run with KUBEVRF_MOLECULE=1, or
`make molecule`.
"""

import os
import re
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))
from molecule_run import SLOW_MARKS, run_scenario  # noqa: E402

pytestmark = SLOW_MARKS

EXPECT = {
    "default": ["isolation validation PASSED: 0 error(s), 0 warning(s)", "isolation validation PASSED with no finding"],
    "evpn_community_steering": ["isolation validation PASSED: 0 error(s), 0 warning(s)"],
    # inventories/lab-racks: a lab built from another inventory, prefixes derived from its Services
    "lab_racks": ["isolation validation PASSED: 0 error(s), 0 warning(s)", "isolation validation PASSED with no finding"],
    "srv6_l3vpn": ["isolation validation PASSED: 0 error(s), 0 warning(s)"],
    "negative": ["validation failed as expected", "cilium-community-missing",
                 "HTTP 409 and HTTP 500: site.yml stopped before the devices"],
}


def _molecule(scenario):
    # The scenarios set these themselves (a private lab each).
    return run_scenario(scenario, unset=("KUBEVRF_LAB_STATE_DIR", "KUBEVRF_LAB_FREE_PORTS", "KUBEVRF_PROJECT_DIR"))


@pytest.mark.parametrize("scenario", sorted(EXPECT))
def test_scenario(scenario):
    rc, out = _molecule(scenario)
    assert rc == 0, out[-5000:]
    recap = out.split("SCENARIO RECAP")[-1]
    assert re.search(r"%s\s+: actions=6\s+successful=6 .*failed=0" % scenario, recap), recap
    for action in ("converge", "idempotence", "verify"):
        assert "%s > %s: Executed: Successful" % (scenario, action) in out
    for text in EXPECT[scenario]:
        assert text in out, text
    assert "Traceback" not in out
