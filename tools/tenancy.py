#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""The core without Ansible: validate, plan or build a tenant inventory.

    python tools/tenancy.py validate inventories/lab/group_vars/all/tenancy.yml
    python tools/tenancy.py plan     inventories/lab/group_vars/all/tenancy.yml   # intent as JSON
    python tools/tenancy.py build    inventories/lab/group_vars/all/tenancy.yml --out build [--check]

The file may hold the inventory at its top level or under a ``tenancy`` key
(as group_vars do). YAML anchors and aliases are refused and the file size is
bounded (plugins/module_utils/tenancy/safeyaml.py).

Exit codes: 0 fine, 1 invalid inventory (the problems are printed, each with
its data path), 2 usage or unreadable file, 3 internal error (a bug: the
message says so; ``--debug`` prints the traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "collections"))

import yaml  # noqa: E402

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import build, model  # noqa: E402
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.errors import TenancyInputError  # noqa: E402
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.gcpause import paused_gc  # noqa: E402
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.safeyaml import UnsafeYamlError, load_file  # noqa: E402

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """The command line or the file cannot be used (exit 2)."""


class TenancyInputFileError(Exception):
    """The file is not an acceptable inventory document (exit 1, like any bad input)."""


def load(path: str) -> Any:
    try:
        data = load_file(path)
    except UnsafeYamlError as exc:
        raise TenancyInputFileError("%s: %s" % (path, exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError("cannot read %s: %s" % (path, exc)) from None
    except yaml.YAMLError as exc:
        raise TenancyInputFileError("%s is not valid YAML: %s" % (path, exc)) from None
    return data["tenancy"] if isinstance(data, dict) and "tenancy" in data else data


def main(argv: Any = None) -> int:
    parser = argparse.ArgumentParser(description="validate, plan or build a kubevrf.tenancy inventory")
    parser.add_argument("command", choices=["validate", "plan", "build"])
    parser.add_argument("inventory", help="YAML file with the tenancy inventory")
    parser.add_argument("--out", default=str(REPO / "build"), help="build directory (build)")
    parser.add_argument("--check", action="store_true", help="report what would change, write nothing (build)")
    parser.add_argument("--parts", default="", help="comma-separated subset of nxos,iosxr,cilium,isovalent (build)")
    parser.add_argument("--debug", action="store_true", help="print a traceback on an internal error")
    args = parser.parse_args(argv)  # exits 2 on a usage error
    try:
        data = load(args.inventory)
        with paused_gc():
            return run(args, data)
    except UsageError as exc:
        print("error: %s" % exc, file=sys.stderr)
        return EXIT_USAGE
    except TenancyInputFileError as exc:
        print("tenant inventory is invalid: %s" % exc, file=sys.stderr)
        return EXIT_INPUT
    except TenancyInputError as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_INPUT
    except Exception as exc:  # pylint: disable=broad-except  # the last line of defence: never a bare traceback
        if args.debug:
            traceback.print_exc()
        print("internal error (a bug in kubevrf.tenancy, not in your inventory): %s: %s%s"
              % (type(exc).__name__, exc, "" if args.debug else "; run with --debug for the traceback"), file=sys.stderr)
        return EXIT_INTERNAL


def run(args: argparse.Namespace, data: Any) -> int:
    if args.command == "validate":
        model.plan(data)
        print("%s: valid" % args.inventory)
    elif args.command == "plan":
        print(json.dumps(model.plan(data).to_dict(), indent=2, sort_keys=True))
    else:
        parts = [p for p in args.parts.split(",") if p]
        unknown = sorted(set(parts) - set(build.PARTS))
        if unknown:
            raise UsageError("unknown --parts %s; valid: %s" % (", ".join(unknown), ",".join(build.PARTS)))
        files = build.build_files(data, parts or None)
        results = build.write_files(args.out, files, check_mode=args.check)
        for result in results:
            if result["status"] != "unchanged":
                print("%-9s %s" % (result["status"], result["path"]))
        changed = sum(r["status"] != "unchanged" for r in results)
        print("%d file(s) %s, %d unchanged, in %s" % (changed, "would change" if args.check else "written",
                                                      len(results) - changed, args.out))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
