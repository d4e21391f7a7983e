# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Snapshots: captured show output, one file per device and command.

Layout::

    <snapshot>/
      snapshot.yml                 optional index: {format: 1, description: ...,
                                   captures: {<device>: {<file>: <command as run>}}}
      <device>/<slug(command)>.txt raw output of one command on one device

``<device>`` is the inventory host name (leaf, PE, or cluster name for the
Cilium / kubectl captures). The file name is the command with every
character outside ``A-Za-z0-9.-`` turned into ``_`` (``expect.slug``), e.g.
``Leaf01/show_bgp_l2vpn_evpn_vrf_Tenant1-Pods.txt``. The commands come from
``expect.COMMANDS``; the index may record a narrower form actually run
(``... | grep Community``). Live mode writes the same layout, so a live run
can be re-verified offline.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, Optional, Tuple

try:
    import yaml
except ImportError:  # reported when used, see deps.py
    yaml = None

from .deps import missing
from .expect import Capture, slug

INDEX = "snapshot.yml"
FORMAT = 1


class SnapshotError(ValueError):
    """A snapshot that cannot be read (message names the path)."""


Form = Dict[str, str]  # how live capture read one output: {"form": "json" | "text", "asked": ..., "json_refused": ...}


class Snapshot:
    def __init__(self, files: Dict[Tuple[str, str], str], index: Optional[Dict] = None, source: str = "",
                 forms: Optional[Dict[Tuple[str, str], Form]] = None) -> None:
        self.files = files  # (device, file name) -> text
        self.index = index or {}
        self.source = source
        # (device, file name) -> the form live capture read (NX-OS "| json" or its text fallback), when recorded
        self.forms = forms if forms is not None else _index_forms(self.index)

    def lookup(self, cap: Capture) -> Optional[str]:
        return self.files.get((cap.device, cap.file))

    def devices(self) -> Tuple[str, ...]:
        return tuple(sorted({d for d, _f in self.files}))


def _index_forms(index: Dict) -> Dict[Tuple[str, str], Form]:
    """The ``forms`` an index records ({device: {file: {form, asked, json_refused}}}); malformed entries are ignored."""
    out: Dict[Tuple[str, str], Form] = {}
    forms = index.get("forms") if isinstance(index, dict) else None
    for device, files in (forms.items() if isinstance(forms, dict) else ()):
        for name, rec in (files.items() if isinstance(files, dict) else ()):
            if isinstance(rec, dict):
                out[(str(device), str(name))] = {str(k): str(v) for k, v in rec.items() if isinstance(v, (str, int))}
    return out


def _forms_of(forms: Any, device: str) -> Dict[str, Form]:
    """capture_forms[device] as the validate role records it, {command: refusal} for each command asked as
    ``<command> | json`` ("" when the JSON answer was read, else the device's refusal: the text form was read)."""
    cmds = forms.get(device) if isinstance(forms, dict) else None
    if cmds is None:
        return {}
    if not isinstance(cmds, dict):
        raise SnapshotError("capture_forms[%s] must be a mapping {command: refusal}" % device)
    out: Dict[str, Form] = {}
    for command, refusal in cmds.items():
        if not isinstance(refusal, str):
            raise SnapshotError("capture_forms[%s][%s] must be text (\"\" when the JSON answer was read), got %s"
                                % (device, command, type(refusal).__name__))
        out[str(command)] = {"form": "text" if refusal else "json", "asked": "%s | json" % command, "json_refused": refusal}
    return out


def _read(path: str) -> str:
    with open(path, "rb") as fh:
        data = fh.read()
    return data.decode("utf-8", errors="replace")


def load(path: str) -> Snapshot:
    """Read a snapshot directory; raises SnapshotError with the path on any problem."""
    if not os.path.isdir(path):
        raise SnapshotError("snapshot directory %s does not exist (expected <snapshot>/<device>/<command>.txt)" % path)
    index: Dict = {}
    index_path = os.path.join(path, INDEX)
    if os.path.exists(index_path):
        if yaml is None:
            raise missing("PyYAML")
        try:
            index = yaml.safe_load(_read(index_path)) or {}
        except yaml.YAMLError as exc:
            raise SnapshotError("%s is not valid YAML: %s" % (index_path, exc)) from None
        if not isinstance(index, dict):
            raise SnapshotError("%s must be a mapping (format, description, captures)" % index_path)
        if index.get("format", FORMAT) != FORMAT:
            raise SnapshotError("%s: unsupported snapshot format %r (this collection reads %d)"
                                % (index_path, index.get("format"), FORMAT))
    files: Dict[Tuple[str, str], str] = {}
    for device in sorted(os.listdir(path)):
        ddir = os.path.join(path, device)
        if not os.path.isdir(ddir) or device.startswith("."):
            continue
        for name in sorted(os.listdir(ddir)):
            if name.endswith(".txt"):
                files[(device, name)] = _read(os.path.join(ddir, name))
    if not files:
        raise SnapshotError("snapshot directory %s holds no <device>/<command>.txt files" % path)
    return Snapshot(files, index, source=path)


def from_outputs(outputs: Dict[str, Dict[str, str]], forms: Optional[Dict[str, Dict[str, Form]]] = None) -> Snapshot:
    """Outputs given inline: {device: {command text or file name: output}}; *forms*: {device: {command: how it was
    read}} as the validate role records it (NX-OS "| json" first, text when the box refused it)."""
    if not isinstance(outputs, dict):
        raise SnapshotError("outputs must be a mapping {device: {command: output}}")
    files: Dict[Tuple[str, str], str] = {}
    read: Dict[Tuple[str, str], Form] = {}
    for device, cmds in sorted(outputs.items()):
        if not isinstance(cmds, dict):
            raise SnapshotError("outputs[%s] must be a mapping {command: output}" % device)
        for key, text in sorted(cmds.items()):
            if not isinstance(text, str):
                raise SnapshotError("outputs[%s][%s] must be text" % (device, key))
            name = key if key.endswith(".txt") else slug(key) + ".txt"
            files[(str(device), name)] = text
        for key, rec in _forms_of(forms, device).items():
            read[(str(device), key if key.endswith(".txt") else slug(key) + ".txt")] = rec
    return Snapshot(files, source="outputs", forms=read)


def save(path: str, captures: Iterable[Capture], outputs: Dict[Capture, str], description: str = "",
         forms: Optional[Dict[Tuple[str, str], Form]] = None) -> Dict[str, int]:
    """Write captured outputs in the snapshot layout, with an index; deterministic bytes. With *forms* the index
    records the command as run ("... | json" when the JSON form was read) and how each output was read."""
    index: Dict[str, Dict[str, str]] = {}
    read: Dict[str, Dict[str, Form]] = {}
    forms = forms or {}
    written = 0
    for cap in sorted(captures, key=lambda c: (c.device, c.file)):
        if cap not in outputs:
            continue
        ddir = os.path.join(path, cap.device)
        os.makedirs(ddir, exist_ok=True)
        text = outputs[cap]
        with open(os.path.join(ddir, cap.file), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text if text.endswith("\n") else text + "\n")
        rec = forms.get((cap.device, cap.file))
        as_run = rec.get("asked") if rec and rec.get("form") == "json" else None
        index.setdefault(cap.device, {})[cap.file] = as_run or cap.command
        if rec:
            read.setdefault(cap.device, {})[cap.file] = rec
        written += 1
    os.makedirs(path, exist_ok=True)
    if yaml is None:
        raise missing("PyYAML")
    doc: Dict[str, Any] = {"format": FORMAT, "description": description, "captures": index}
    if read:
        doc["forms"] = read
    with open(os.path.join(path, INDEX), "w", encoding="utf-8") as fh:
        yaml.safe_dump(doc, fh, default_flow_style=False, sort_keys=True)
    return {"files": written}
