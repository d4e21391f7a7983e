# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Entry point: ``python -m lab.kube ...`` (see cli.py)."""

import sys

from .cli import main

sys.exit(main())
