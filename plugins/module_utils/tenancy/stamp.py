# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build stamps: skip the render when neither the inventory, the code nor the files changed.

After a build writes its files it leaves a stamp in ``<dest>/.kubevrf-stamps/``
naming the inventory (a hash of its canonical JSON), the renderer code (a
hash of this package's sources and the PyYAML version) and a hash of every
file it produced. A later build of the same parts with the same inventory
and code whose files still hash the same has nothing to do: reading and
hashing the files costs a fraction of planning and rendering them again.
Anything else (an edited, deleted or added file, another inventory, an
upgraded collection, a missing or unreadable stamp) means a full render.

Stamps are written only after a successful render, which validated the
inventory; so a matching stamp also means the inventory is valid.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any, Dict, Iterable, List, Optional

from .build import MANAGED_DIRS

STAMP_DIR = ".kubevrf-stamps"
FORMAT = 1
_CODE: List[str] = []


def code_fingerprint() -> str:
    """What the rendered bytes depend on besides the inventory: this package's code and PyYAML."""
    if not _CODE:
        digest = hashlib.sha256()
        root = os.path.dirname(os.path.abspath(__file__))
        for dirpath, dirnames, names in os.walk(root):
            dirnames.sort()
            for name in sorted(n for n in names if n.endswith(".py")):
                path = os.path.join(dirpath, name)
                digest.update(os.path.relpath(path, root).encode("utf-8") + b"\0")
                with open(path, "rb") as handle:
                    digest.update(handle.read() + b"\0")
        try:
            import yaml  # the reference emitter spells the odd scalar; its version matters

            digest.update(str(yaml.__version__).encode("utf-8"))
        except ImportError:
            pass
        _CODE.append(digest.hexdigest())
    return _CODE[0]


def stamp_path(dest: str, parts: Iterable[str]) -> str:
    return os.path.join(dest, STAMP_DIR, "%s.json" % "+".join(sorted(parts)))


def _file_hash(path: str) -> Optional[str]:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def _read(path: str) -> Optional[Dict[str, Any]]:
    try:
        with open(path, encoding="utf-8") as handle:
            stamp = json.load(handle)
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) and stamp.get("format") == FORMAT else None


def _names_this_build(stamp: Dict[str, Any], inventory_key: str) -> bool:
    return stamp.get("inventory") == inventory_key and stamp.get("code") == code_fingerprint()


def unchanged_files(dest: str, parts: Iterable[str], inventory_key: str) -> Optional[List[str]]:
    """The files of an up-to-date build of ``parts`` (sorted), or None when it must be rendered."""
    stamp = _read(stamp_path(dest, parts))
    if stamp is None or not _names_this_build(stamp, inventory_key):
        return None
    files = stamp.get("files")
    if not isinstance(files, dict):
        return None
    for rel, digest in files.items():
        if not isinstance(rel, str) or _file_hash(os.path.join(dest, rel)) != digest:
            return None
    return sorted(files)


def validated_before(dest: str, inventory_key: str) -> bool:
    """Whether any stamp in ``dest`` was left by a build of this inventory with this code."""
    try:
        names = sorted(os.listdir(os.path.join(dest, STAMP_DIR)))
    except OSError:
        return False
    for name in names:
        stamp = _read(os.path.join(dest, STAMP_DIR, name))
        if stamp is not None and _names_this_build(stamp, inventory_key):
            return True
    return False


def write_stamp(dest: str, parts: Iterable[str], inventory_key: str, files: Dict[str, str]) -> None:
    """Record a finished build; its files must be on disk as ``files`` says."""
    for rel in files:
        if rel.split("/", 1)[0] not in MANAGED_DIRS:
            raise ValueError("%s is not under a managed build folder" % rel)
    stamp = {
        "format": FORMAT,
        "inventory": inventory_key,
        "code": code_fingerprint(),
        "files": {rel: hashlib.sha256(text.encode("utf-8")).hexdigest() for rel, text in sorted(files.items())},
    }
    path = stamp_path(dest, parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".%d.tmp" % os.getpid()
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(stamp, handle, sort_keys=True, indent=0)
    os.replace(tmp, path)


def forget(dest: str, parts: Iterable[str]) -> None:
    """Remove the stamp of ``parts`` (before writing, so a failed write never leaves a stale stamp)."""
    try:
        os.unlink(stamp_path(dest, parts))
    except FileNotFoundError:
        pass
