#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""The core without Ansible: validate, plan or build a tenant inventory.

    python tools/tenancy.py validate inventories/lab/group_vars/all/tenancy.yml
    python tools/tenancy.py plan     inventories/lab/group_vars/all/tenancy.yml   # intent as JSON
    python tools/tenancy.py build    inventories/lab/group_vars/all/tenancy.yml --out build [--check]

The file may hold the inventory at its top level or under a ``tenancy`` key
(as group_vars do). Exit codes: 0 fine, 1 invalid inventory, 2 usage / file errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "collections"))

import yaml  # noqa: E402

from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy import build, model  # noqa: E402
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.errors import TenancyInputError  # noqa: E402
from ansible_collections.kubevrf.tenancy.plugins.module_utils.tenancy.gcpause import paused_gc  # noqa: E402


def load(path: str) -> Any:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SystemExit("cannot read %s: %s" % (path, exc)) from None
    return data["tenancy"] if isinstance(data, dict) and "tenancy" in data else data


def main(argv: Any = None) -> int:
    parser = argparse.ArgumentParser(description="validate, plan or build a kubevrf.tenancy inventory")
    parser.add_argument("command", choices=["validate", "plan", "build"])
    parser.add_argument("inventory", help="YAML file with the tenancy inventory")
    parser.add_argument("--out", default=str(REPO / "build"), help="build directory (build)")
    parser.add_argument("--check", action="store_true", help="report what would change, write nothing (build)")
    parser.add_argument("--parts", default="", help="comma-separated subset of nxos,iosxr,cilium,isovalent (build)")
    args = parser.parse_args(argv)
    data = load(args.inventory)
    with paused_gc():
        return run(args, data)


def run(args: argparse.Namespace, data: Any) -> int:
    try:
        if args.command == "validate":
            model.plan(data)
            print("%s: valid" % args.inventory)
        elif args.command == "plan":
            print(json.dumps(model.plan(data).to_dict(), indent=2, sort_keys=True))
        else:
            files = build.build_files(data, [p for p in args.parts.split(",") if p] or None)
            results = build.write_files(args.out, files, check_mode=args.check)
            for result in results:
                if result["status"] != "unchanged":
                    print("%-9s %s" % (result["status"], result["path"]))
            changed = sum(r["status"] != "unchanged" for r in results)
            print("%d file(s) %s, %d unchanged, in %s" % (changed, "would change" if args.check else "written",
                                                          len(results) - changed, args.out))
    except TenancyInputError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
