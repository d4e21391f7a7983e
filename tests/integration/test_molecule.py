# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The molecule scenarios (extensions/molecule/fabric, fabric_negative) against the lab twins.

Slow (about two minutes each on 2 cores): run with KUBEVRF_MOLECULE=1, or `make molecule`.
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))
from molecule_run import SLOW_MARKS, run_scenario  # noqa: E402

pytestmark = SLOW_MARKS


@pytest.mark.parametrize("scenario", ["fabric", "fabric_negative"])
def test_scenario(scenario):
    returncode, out = run_scenario(scenario)
    assert returncode == 0, out[-5000:]
    assert "failed=1" not in out.split("SCENARIO RECAP")[-1]
    if scenario == "fabric":
        assert "isolation validation PASSED" in out
    else:
        assert "prefix-leak" in out and "rolled back to checkpoint kubevrf-molecule-drop" in out
