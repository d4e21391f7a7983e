# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pause Python's cyclic garbage collector around a large validate/plan/render.

The core allocates hundreds of thousands of short-lived, cycle-free objects
(dicts, tuples, frozen dataclasses) for a large inventory; reference counting
frees them all. The cyclic collector still runs every 700 allocations and now
and then walks the whole heap: inside an ansible-playbook worker that heap is
the parsed inventory it inherited (~200,000 objects), which made a build task
spend most of its time collecting nothing. Callers that run the core on large
inputs (the build action, tools/tenancy.py, the benchmark) wrap it in this.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block; restore its previous state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
