# -*- coding: utf-8 -*-
"""The README's inventory reference is generated from the schema and current."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_inventory_reference_is_current():
    done = subprocess.run([sys.executable, str(REPO / "tools" / "gen_inventory_reference.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_every_rule_id_is_documented():
    import re
    rules_src = (REPO / "plugins/module_utils/tenancy/rules.py").read_text()
    ids = set(re.findall(r'(?:Issue|_duplicates)\(\s*"([a-z0-9-]+)"', rules_src))
    readme = (REPO / "README.md").read_text()
    missing = sorted(i for i in ids if "`%s`" % i not in readme)
    assert not missing, "rule ids missing from README: %s" % missing


def test_every_finding_id_is_documented():
    from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.verify import FINDINGS
    readme = (REPO / "README.md").read_text()
    missing = sorted(f for f in FINDINGS if "`%s`" % f not in readme)
    assert not missing, "finding ids missing from README: %s" % missing
