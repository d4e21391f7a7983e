# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hypothesis profiles for the unit tests.

Under CI (``CI=true``) every property test draws the same examples on every run
(``derandomize``), so a red build is reproducible and a green one is not luck;
locally the draws stay random to keep finding new cases. Loaded here, before
the test modules are imported, so their ``@settings(...)`` inherit it.
``HYPOTHESIS_PROFILE=ci`` forces the CI profile locally.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True, database=None)
# explicit: hypothesis itself derandomizes whenever a CI variable merely exists (even CI=false)
settings.register_profile("dev", derandomize=False, print_blob=True)

if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
elif os.environ.get("CI", "").lower() == "true":
    settings.load_profile("ci")
else:
    settings.load_profile("dev")
