# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Device twins of the embedded lab: an NX-OS leaf and an IOS-XR PE over SSH.

They share no code with the collection's renderers or parsers (see
``lab/README.md``): they read pushed configuration their own way and print
show output the device's way.
"""
