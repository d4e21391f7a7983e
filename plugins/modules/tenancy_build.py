#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin of the same name, on the controller;
# this file only documents it.

from __future__ import annotations

DOCUMENTATION = r"""
---
module: tenancy_build
short_description: Render device configs and Kubernetes manifests from the tenant inventory
version_added: 0.1.0
description:
  - Validates the C(tenancy) inventory value and renders, once and on the controller, every build artifact
    derived from it.
  - Writes C(configs/<device>.cfg) for each NX-OS leaf and IOS-XR PE, C(resource_modules/<device>.yml) with the
    same intent as cisco.nxos / cisco.iosxr resource-module data, and C(manifests/<cluster>/<object>.yaml) plus
    C(manifests/<cluster>/all.yaml) for each Cilium cluster, all under O(dest).
  - Only files whose content changed are written (by atomic rename), so a second run reports no change.
  - An invalid inventory fails the task with one report that lists every problem, its data path, the bad value
    and what is valid.
author:
  - kubevrf.tenancy maintainers (@kubevrf)
options:
  tenancy:
    description:
      - The tenant inventory. It holds addressing and policy only, never credentials.
      - When omitted, the variable C(tenancy) (usually from C(group_vars/all/tenancy.yml)) is read directly,
        and templated only if it contains an expression. Prefer this for large inventories, since templating a
        large value into task arguments costs about a second per task.
    type: dict
  dest:
    description:
      - Directory the build is written to; created when missing.
      - A relative path is taken from the current working directory.
      - When omitted, C(build/) beside the playbook, or beside its C(playbooks/) directory when the playbook
        lives in one.
    type: path
  parts:
    description:
      - Which artifacts to build. C(nxos) and C(iosxr) are the device configs and resource-module data,
        C(cilium) the Cilium OSS manifests, C(isovalent) the Isovalent Enterprise SRv6 manifests.
      - When omitted, all parts are built.
    type: list
    elements: str
    choices: [nxos, iosxr, cilium, isovalent]
  validate_only:
    description:
      - Validate the inventory by planning it, and write nothing.
      - Later C(tenancy_build) tasks of the same C(ansible-playbook) run with the same inventory render from this
        plan instead of planning again, so a play can validate once and then build part by part.
      - When a build stamp in O(dest) was left by a build of this very inventory with this collection, the
        inventory is known to be valid and is not planned again (see O(force)).
    type: bool
    default: false
  force:
    description:
      - Plan and render even when nothing changed.
      - After writing, a build leaves a stamp in C(<dest>/.kubevrf-stamps/) with a hash of the inventory, of the
        collection's rendering code and of every file written. When the next build of the same parts finds that
        the inventory and the code hash the same and every file still has the recorded content, it reports all
        files unchanged without planning or rendering (C(summary.rendered) is false). Any difference, including
        a file edited by hand, means a full render. Check mode reads stamps but never writes them.
    type: bool
    default: false
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
  - kubevrf.tenancy.controller_action
attributes:
  check_mode:
    details: Renders everything and reports what would be created or changed, but writes nothing.
  diff_mode:
    support: full
    details: Shows the before and after content of every file that is created or changed.
  platform:
    support: full
    details: Runs on the controller only; no connection to the target host is opened.
notes:
  - Run it once per play on C(localhost); the output does not depend on the host it runs for.
  - The plan is kept, for the length of one run, in Ansible's private local temporary directory, keyed
    by a hash of the inventory; it is removed when the run ends.
seealso:
  - name: Tenant inventory reference
    description: The data model of the C(tenancy) value, in the collection README.
    link: https://example.invalid/kubevrf/tenancy/blob/main/README.md
"""

EXAMPLES = r"""
- name: Validate the inventory in the variable tenancy, writing nothing
  kubevrf.tenancy.tenancy_build:
    validate_only: true

- name: Build everything into ./build
  kubevrf.tenancy.tenancy_build:
    dest: "{{ playbook_dir }}/build"

- name: Build only the NX-OS leaf configs of another inventory
  kubevrf.tenancy.tenancy_build:
    tenancy: "{{ lookup('ansible.builtin.file', 'site2.yml') | from_yaml }}"
    dest: /tmp/site2-build
    parts: [nxos]
"""

RETURN = r"""
dest:
  description: Absolute path of the build directory.
  returned: unless O(validate_only=true)
  type: str
  sample: /home/user/tenancy/build
files:
  description: Every file of the requested parts, sorted by path, with what happened to it.
  returned: unless O(validate_only=true)
  type: list
  elements: dict
  contains:
    path:
      description: Path relative to RV(dest).
      type: str
      sample: configs/Leaf01.cfg
    status:
      description: C(created), C(changed) or C(unchanged); in check mode, what would happen.
      type: str
      sample: unchanged
  sample:
    - path: configs/Leaf01.cfg
      status: unchanged
summary:
  description: Counts of files per status, the total and a one-line message.
  returned: unless O(validate_only=true)
  type: dict
  contains:
    created:
      description: Files that did not exist.
      type: int
    changed:
      description: Files whose content changed.
      type: int
    unchanged:
      description: Files already up to date.
      type: int
    total:
      description: All files of the requested parts.
      type: int
    dest:
      description: Same as RV(dest).
      type: str
    msg:
      description: Same as RV(msg).
      type: str
    rendered:
      description: False when the build stamp showed nothing changed and nothing was planned or rendered (see O(force)).
      type: bool
  sample:
    created: 0
    changed: 1
    unchanged: 6
    total: 7
    dest: /home/user/tenancy/build
    msg: "wrote 1 file(s) under /home/user/tenancy/build: 0 created, 1 changed, 6 unchanged"
    rendered: true
msg:
  description: One line saying what was (or in check mode would be) written where, or the validation report.
  returned: always
  type: str
  sample: "wrote 7 file(s) under /home/user/tenancy/build: 7 created, 0 changed, 0 unchanged"
"""
