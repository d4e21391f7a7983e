# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Load an inventory YAML file without letting it grow: no anchors, no aliases, bounded size.

An alias bomb (``a: &a [x, x]``, ``b: &b [*a, *a]``, ...) is a few hundred
bytes that ``yaml.safe_load`` expands into gigabytes before any check runs.
An inventory needs neither anchors nor aliases, so the loader refuses both at
the first one it reads, and refuses files larger than ``MAX_BYTES`` unread.
"""

from __future__ import annotations

import os
from typing import Any

MAX_BYTES = 16 * 1024 * 1024  # a 1,000-tenant inventory is ~0.5 MB


class UnsafeYamlError(ValueError):
    """The file is not an inventory this loader accepts; the message says where and why."""


def _loader_class() -> Any:
    import yaml

    # The pure-Python loader: the C one composes nodes in C, past this override.
    class NoAliasLoader(yaml.SafeLoader):  # pylint: disable=too-many-ancestors
        """SafeLoader that stops at the first anchor or alias."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise UnsafeYamlError("YAML aliases are not allowed in an inventory (alias *%s at line %d)"
                                      % (event.anchor, event.start_mark.line + 1))
            event = self.peek_event()
            if getattr(event, "anchor", None):
                raise UnsafeYamlError("YAML anchors are not allowed in an inventory (anchor &%s at line %d)"
                                      % (event.anchor, event.start_mark.line + 1))
            return super().compose_node(parent, index)

    return NoAliasLoader


def load_text(text: str) -> Any:
    """Parse ``text``; raises UnsafeYamlError for anchors, aliases or size, yaml.YAMLError for bad YAML."""
    if len(text) > MAX_BYTES:
        raise UnsafeYamlError("the file has %d characters; at most %d are read" % (len(text), MAX_BYTES))
    loader = _loader_class()(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_file(path: str) -> Any:
    """Parse the YAML file at ``path`` under the same limits (its size is checked before reading)."""
    size = os.path.getsize(path)
    if size > MAX_BYTES:
        raise UnsafeYamlError("%s has %d bytes; at most %d are read" % (path, size, MAX_BYTES))
    with open(path, encoding="utf-8") as handle:
        return load_text(handle.read())
