# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stand-in for the get-pip.py that ansible-test downloads to seed its venvs.

ansible-test fetches that script from a host this machine cannot reach;
PyPI is reachable, so pip is seeded with the interpreter's own ensurepip and
then brought to the version ansible-test asked for.  run.sh puts this file
where ansible-test looks for its cached copy.  It takes the same arguments
as get-pip.py: pip options and package specs (e.g. pip==24.2).
"""

from __future__ import annotations

import subprocess
import sys


def main() -> int:
    # get-pip.py flags with no meaning for `pip install`.
    args = [arg for arg in sys.argv[1:] if arg not in ("--no-setuptools", "--no-wheel")]
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"], stdout=subprocess.DEVNULL)
    return subprocess.call([sys.executable, "-m", "pip", "install"] + args)


if __name__ == "__main__":
    sys.exit(main())
