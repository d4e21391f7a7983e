# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Attributes shared by the modules whose work is done by an action plugin on the controller."""

from __future__ import annotations


class ModuleDocFragment:
    # Support levels only: the attribute descriptions come from
    # ansible.builtin.action_common_attributes (and its .flow part), which the
    # modules list beside this fragment. A module adds details (check_mode,
    # diff_mode, platform) under its own attributes; its keys win the merge.
    DOCUMENTATION = r"""
attributes:
  action:
    support: full
  async:
    support: none
  bypass_host_loop:
    support: none
  check_mode:
    support: full
  platform:
    platforms: all
"""
