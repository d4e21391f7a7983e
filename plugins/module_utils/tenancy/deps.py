# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Third-party packages of the core, and one clear error when one is missing.

The core runs on the controller, where requirements.txt installs them. Its
modules must still import without them (ansible-doc and ansible-test import
module_utils in a bare interpreter), so a missing package is reported when
the code that needs it runs, naming the package and the fix.
"""

from __future__ import annotations


class MissingDependency(ImportError):
    """A Python package the core needs is not installed on the controller."""


def missing(package: str) -> MissingDependency:
    return MissingDependency(
        "kubevrf.tenancy needs the Python package '%s' on the Ansible controller; "
        "install the pinned set with: pip install -r requirements.txt" % package
    )
