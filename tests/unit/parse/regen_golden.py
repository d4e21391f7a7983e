# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Regenerate the golden parse results (review the diff before committing!).

    .venv/bin/python tests/unit/parse/regen_golden.py
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "collections"))

from cases import CASES, dump, golden_path, load_fixture  # noqa: E402

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.parse import parse  # noqa: E402

for rel, cid in CASES:
    with open(golden_path(rel), "w") as fh:
        fh.write(dump(parse(cid, load_fixture(rel))))
print("wrote %d golden files" % len(CASES))
