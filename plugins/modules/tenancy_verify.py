#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin of the same name, on the controller;
# this file only documents it.

from __future__ import annotations

DOCUMENTATION = r"""
---
module: tenancy_verify
short_description: Prove tenant isolation from captured show output and write validation reports
version_added: 0.1.0
description:
  - Derives from the C(tenancy) inventory alone what every leaf, PE and Cilium cluster must and must not show
    (sessions and address families, prefixes per VRF/RD, communities, route targets, SRv6 SIDs and locators,
    a clean global table), parses the captured show output and compares.
  - Input is either a snapshot directory (offline, C(<snapshot>/<device>/<slug of command>.txt)) or the outputs
    gathered live (O(outputs)), which can be saved as a snapshot with O(snapshot_dest).
  - Always writes C(validation.json), C(validation.md), C(junit.xml), C(isolation-matrix.svg) and
    C(isolation-matrix.png) under O(report_dir), then fails when any error-severity finding exists.
  - With O(plan_only) it only returns the list of captures (device, command, file, parser) to take.
  - Offline, a missing capture is a C(not-captured) warning; live (O(outputs)) it is an error.
author:
  - kubevrf.tenancy maintainers (@kubevrf)
options:
  tenancy:
    description: The tenant inventory, usually the C(tenancy) variable from C(group_vars/all/tenancy.yml).
    type: dict
    required: true
  snapshot:
    description: Snapshot directory to verify (offline mode). Mutually exclusive with O(outputs).
    type: path
  outputs:
    description:
      - "Outputs gathered live, C({device: {command: output}}); keys may also be snapshot file names."
      - Mutually exclusive with O(snapshot).
    type: dict
  capture_forms:
    description:
      - "With O(outputs), how the NX-OS commands asked as C(<command> | json) were read live,
        C({device: {command: refusal}}) - an empty refusal when the JSON answer was read, otherwise the device's
        refusal (C(% Invalid command ...), C(empty answer) ...), and the text form of the command was read."
      - Listed per capture in C(validation.json) (C(read_as), C(asked), C(json_refused)), summed up in the console
        summary and C(validation.md), and recorded in the index of the snapshot saved with O(snapshot_dest).
    type: dict
  snapshot_dest:
    description: With O(outputs), also save them in the snapshot layout here, so the run can be re-verified offline.
    type: path
  report_dir:
    description: Where the reports go; default C(build/reports) at the top of the project.
    type: path
  plan_only:
    description: Only return the captures intent needs; verify nothing, write nothing.
    type: bool
    default: false
  tenants:
    description:
      - The tenant filter (the role variable C(tenancy_tenants)) - tenant names of the inventory, as a list or as a
        string of names separated by commas or newlines (an AWX survey answer); empty means every tenant.
      - A name that is not a tenant of the inventory fails the task, naming it.
      - The verification still covers every tenant (other tenants' prefixes stay foreign to a selected tenant's VRF)
        and the reports list every finding; only the verdict (RV(passed), the task's failure, C(result) in
        C(validation.json)) counts just the error findings of the selected tenants, those in a selected tenant's VRF
        and those that name no tenant. C(validation.json) then holds C(tenant_filter) (the tenants, the findings
        outside the filter).
    type: raw
    default: []
  fail_on_error:
    description:
      - Fail the task when an error-severity finding exists (after the reports are written).
      - Set to false to inspect RV(passed) and fail later, e.g. after printing the summary.
    type: bool
    default: true
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
  - kubevrf.tenancy.controller_action
attributes:
  check_mode:
    details: Nothing on any device changes; reports are written in check mode too.
  diff_mode:
    support: none
"""

EXAMPLES = r"""
- name: Verify the seed's captured outputs (offline)
  kubevrf.tenancy.tenancy_verify:
    tenancy: "{{ tenancy }}"
    snapshot: "{{ playbook_dir }}/../tests/fixtures/snapshots/seed"

- name: Which commands must be captured
  kubevrf.tenancy.tenancy_verify:
    tenancy: "{{ tenancy }}"
    plan_only: true
  register: plan
"""

RETURN = r"""
captures:
  description:
    - With O(plan_only), the captures intent needs.
    - C(json_command) is the NX-API JSON form live capture asks first (empty when the command has none).
  returned: plan_only
  type: list
  elements: dict
  sample: [{device: Leaf01, platform: nxos, kind: nxos.bgp_evpn_vrf, parser: nxos.bgp_evpn_vrf,
            command: show bgp l2vpn evpn vrf Tenant1-Pods, file: show_bgp_l2vpn_evpn_vrf_Tenant1-Pods.txt,
            json_command: show bgp l2vpn evpn vrf Tenant1-Pods | json}]
passed:
  description: True when no error-severity finding exists (with O(tenants), none that the filter counts).
  returned: when verified
  type: bool
counts:
  description: Assertions passed / failed / unproven, errors and warnings.
  returned: when verified
  type: dict
  sample: {assertions: 48, pass: 41, fail: 0, unproven: 7, errors: 0, warnings: 4}
findings:
  description: Every finding (id, severity, device, vrf, rd, prefix, tenant, expected, seen, message, command, assertion).
  returned: when verified
  type: list
  elements: dict
reports:
  description: Paths of the report files written.
  returned: when verified
  type: list
  elements: str
report_dir:
  description: Directory holding the reports.
  returned: when verified
  type: str
summary:
  description: The console summary, one line per finding.
  returned: when verified
  type: list
  elements: str
"""
