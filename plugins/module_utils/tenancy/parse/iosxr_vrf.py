# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS-XR ``show vrf [all|<name>] detail`` and the table ``show vrf [all|<name>]``.

``iosxr_vrf_detail(text)`` -> {"vrfs": [{"name", "id", "state", "rd", "vni", "description", "interfaces": [str],
    "import_rts": [str], "export_rts": [str], "address_families": {"IPV4 Unicast": {"import_rts", "export_rts",
    "import_policy", "export_policy"}}, "fields": {key: value}}]}

The shape of NX-OS ``show vrf detail`` (``id``, ``state`` and ``vni`` are None: XR prints none of them) plus what
XR prints per address family. Sections are read by their titles, not by indentation: some captures lose the
indentation ("Interfaces:" followed by ``Bundle-Ether15.244`` at column 0). RTs are kept without "RT:".

``iosxr_vrf_table(text)`` -> the same shape from the table (one row per VRF: name and RD, "not set" read as None; below
it one row per route target: import|export, the RT, AFI and SAFI); ``description``, ``interfaces`` and the policies
stay empty, the table prints none of them.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Set

from .partial import Unparsed
from .text import iter_clean

_HEAD = re.compile(r"VRF (?P<name>[^;\s]+);\s*RD (?P<rd>[^;]+?);\s*VPN ID (?P<vpn>.+)")
_AF = re.compile(r"Address family (?P<af>.+)")
_RT_SECTION = re.compile(r"(?P<dir>Import|Export) VPN route-target communities:")
_NO_RT = re.compile(r"No (import|export) VPN route-target communities")
_POLICY = re.compile(r"(?P<dir>Import|Export) (?:VRF |VPN )?route policy:?\s*(?P<name>\S+)")
_NO_POLICY = re.compile(r"No (import|export) (VRF |VPN )?route policy")
_RT = re.compile(r"RT:\S+(\s+RT:\S+)*")
# A name with a digit somewhere after its first letter: looked for once, ahead (as "[\w/.:-]*\d[\w/.:-]*" the digit
# was tried at every position of a line that did not match, each with a scan of the rest: quadratic in the line).
_IFACE = re.compile(r"[A-Za-z](?=[\w/.:-]*?\d)[\w/.:-]*+")
_FIELD = re.compile(r"(?P<k>[A-Za-z][\w ()-]*?):\s*(?P<v>.*)")


def _new_vrf(name: str, rd: str, vpn: str) -> Dict[str, Any]:
    rd = rd.strip()
    return {"name": name, "id": None, "state": None, "rd": None if rd == "not set" else rd, "vni": None, "description": None,
            "interfaces": [], "import_rts": [], "export_rts": [], "address_families": {},
            "fields": {"VPN ID": vpn.strip()}}


def iosxr_vrf_detail(text: Any) -> Dict[str, Any]:
    out: Dict[str, Any] = {"vrfs": []}
    bad = Unparsed()
    cur: Optional[Dict[str, Any]] = None
    af: Optional[Dict[str, Any]] = None
    section: Optional[str] = None  # "interfaces", "import" or "export": what bare lines below a title are
    seen: Dict[str, Set[str]] = {}
    for ln in iter_clean(text, "iosxr_vrf_detail"):
        t = ln.text
        m = _HEAD.fullmatch(t)
        if m:
            cur = _new_vrf(m.group("name"), m.group("rd"), m.group("vpn"))
            out["vrfs"].append(cur)
            af, section = None, None
            seen = {"import_rts": set(), "export_rts": set()}  # the VRF's RTs so far (a list scan per RT was quadratic)
            continue
        if cur is None:
            bad.add(ln)
            continue
        if t == "Interfaces:":
            section = "interfaces"
            continue
        m = _AF.fullmatch(t)
        if m:
            af = {"import_rts": [], "export_rts": [], "import_policy": None, "export_policy": None}
            cur["address_families"][m.group("af")] = af
            section = None
            continue
        m = _RT_SECTION.fullmatch(t)
        if m:
            section = m.group("dir").lower()
            continue
        if _RT.fullmatch(t) and section in ("import", "export"):
            rts: List[str] = [x[3:] for x in t.split()]
            for rt in rts:
                if af is not None:
                    af[section + "_rts"].append(rt)
                if rt not in seen[section + "_rts"]:
                    seen[section + "_rts"].add(rt)
                    cur[section + "_rts"].append(rt)
            continue
        if _NO_RT.fullmatch(t) or _NO_POLICY.fullmatch(t):
            section = None
            continue
        m = _POLICY.fullmatch(t)
        if m:
            if af is not None:
                af[m.group("dir").lower() + "_policy"] = m.group("name")
            section = None
            continue
        if t.startswith("Description"):
            desc = t[len("Description"):].strip()
            cur["description"] = None if desc == "not set" else desc
            section = None
            continue
        if section == "interfaces" and _IFACE.fullmatch(t):
            cur["interfaces"].append(t)
            continue
        m = _FIELD.fullmatch(t)
        if m:  # "VRF mode: Regular" and what later releases add
            cur["fields"].setdefault(m.group("k").strip(), m.group("v").strip())
            section = None
            continue
        bad.add(ln)
    out["unparsed"] = bad.export()
    return out


# The table's title row and its rows. Tokens, not columns: a VRF name longer than its column pushes the RD right.
_TABLE_HEAD = re.compile(r"VRF\s+RD\s+RT\s+AFI\s+SAFI")
# An 80-column terminal wraps the last column: the SAFI goes alone on the next line ("... import 65000:1 IPV4" /
# "Unicast"), so a row may end at its AFI; the SAFI is taken from the next line then.
_TABLE_RT = r"(?P<dir>import|export)\s+(?P<rt>\S+)\s+(?P<afi>IPV[46])(?:\s+(?P<safi>\S+))?"
_TABLE_SAFI = re.compile(r"[A-Z][a-z]+")
_TABLE_VRF = re.compile(r"(?P<name>[^\s;]+)\s+(?P<rd>not set|\S+)(?:\s+" + _TABLE_RT + ")?")
_TABLE_RT_ROW = re.compile(_TABLE_RT)


def iosxr_vrf_table(text: Any) -> Dict[str, Any]:
    """``show vrf [all|<name>]``: the table; a capture of the detail form (same command words plus "detail") is read as such."""
    out: Dict[str, Any] = {"vrfs": []}
    bad = Unparsed()
    cur: Optional[Dict[str, Any]] = None
    seen: Dict[str, Set[str]] = {}
    titled = False
    pending: Optional["re.Match[str]"] = None  # an RT row whose SAFI wrapped onto the next line
    for ln in iter_clean(text, "iosxr_vrf_table"):
        t = ln.text
        if pending is not None and cur is not None:
            wrapped_safi = _TABLE_SAFI.fullmatch(t) is not None and not ln.indented
            _table_rt(cur, seen, pending, t if wrapped_safi else None)
            pending = None
            if wrapped_safi:
                continue
        if not titled:
            if _HEAD.fullmatch(t):  # the detail form, captured under the short command
                return iosxr_vrf_detail(text)
            if _TABLE_HEAD.fullmatch(t):
                titled = True
            else:
                bad.add(ln)
            continue
        # An RT row is read by its words, not its indentation (some captures lose it).
        m = _TABLE_RT_ROW.fullmatch(t)
        if m and cur is not None:
            if m.group("safi") is None:
                pending = m
            else:
                _table_rt(cur, seen, m)
            continue
        m = _TABLE_VRF.fullmatch(t)
        if m and not ln.indented:
            cur = _new_vrf(m.group("name"), m.group("rd"), "")
            del cur["fields"]["VPN ID"]  # the table prints none
            out["vrfs"].append(cur)
            seen = {"import_rts": set(), "export_rts": set()}  # the VRF's RTs so far (a list scan per RT was quadratic)
            if m.group("dir") and m.group("safi") is None:
                pending = m
            elif m.group("dir"):
                _table_rt(cur, seen, m)
            continue
        bad.add(ln)
    if pending is not None and cur is not None:  # the last row's SAFI was cut off with the capture
        _table_rt(cur, seen, pending, None)
    out["unparsed"] = bad.export()
    return out


def _table_rt(cur: Dict[str, Any], seen: Dict[str, Set[str]], m: "re.Match[str]", safi: Optional[str] = "") -> None:
    """One route-target row: the RT in the VRF's list (once) and in its address family's.

    *safi*: the SAFI when it wrapped onto the line after the row ("" = the row's own; None = not printed: the family
    is named by its AFI alone).
    """
    key = m.group("dir") + "_rts"
    rt = m.group("rt")
    safi = m.group("safi") if safi == "" else safi
    af = cur["address_families"].setdefault("%s %s" % (m.group("afi"), safi) if safi else m.group("afi"),
                                            {"import_rts": [], "export_rts": [], "import_policy": None, "export_policy": None})
    af[key].append(rt)
    if rt not in seen[key]:
        seen[key].add(rt)
        cur[key].append(rt)
