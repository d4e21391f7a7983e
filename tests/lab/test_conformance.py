# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The device twins against real devices' verdicts (tests/lab/conformance_cases.py), in-process.

A snippet is typed into a fresh twin with the lab's baseline, from global
configuration mode; on IOS-XR it is then committed.  The twin accepts it
when no line and no commit prints an error.
"""

import os

import pytest

from conformance_cases import IOSXR, NXOS
from twin_support import ROOT

from lab.twins.iosxr import IosxrDevice
from lab.twins.nxos import NxosDevice


def _baseline(name):
    with open(os.path.join(ROOT, "lab", "twins", "baseline", name + ".cfg"), encoding="utf-8") as fh:
        return fh.read()


def nxos_verdict(snippet):
    s = NxosDevice("Leaf01", baseline=_baseline("Leaf01")).session()
    s.handle("configure terminal")
    outs = [s.handle(line) for line in snippet.splitlines()]
    # A configuration line the switch takes prints nothing; anything printed is a refusal
    # (NX-OS's "bgp is already running" has no "%").
    return not any(o.strip() for o in outs), outs


def iosxr_verdict(snippet):
    s = IosxrDevice("XRV", baseline=_baseline("XRV")).session()
    s.handle("configure terminal")
    outs = [s.handle(line) for line in snippet.splitlines()]
    outs.append(s.handle("commit"))
    return not any(o.strip() for o in outs), outs


@pytest.mark.parametrize("snippet, verdict, source", NXOS, ids=["nxos-%d" % n for n in range(len(NXOS))])
def test_nxos_twin_agrees_with_the_switch(snippet, verdict, source):
    got, outs = nxos_verdict(snippet)
    assert got == verdict, (source, snippet, outs)


@pytest.mark.parametrize("snippet, verdict, source", IOSXR, ids=["iosxr-%d" % n for n in range(len(IOSXR))])
def test_iosxr_twin_agrees_with_the_router(snippet, verdict, source):
    got, outs = iosxr_verdict(snippet)
    assert got == verdict, (source, snippet, outs)


def test_the_tables_are_large_and_balanced():
    # The suite is only a measure if both verdicts are well represented on both platforms.
    for table, size in ((NXOS, 80), (IOSXR, 50)):
        assert len(table) >= size
        assert sum(1 for c in table if c[1]) >= size // 3 and sum(1 for c in table if not c[1]) >= size // 3
        assert len({c[0] for c in table}) == len(table)  # no duplicate snippets


@pytest.fixture(scope="module")
def built_configs(tmp_path_factory):
    """The project's own device configurations for the lab inventory (tools/tenancy.py build)."""
    from playbook_run import build_lab  # tests/support
    return build_lab(tmp_path_factory.mktemp("build"), "nxos,iosxr") / "configs"


def test_the_projects_configs_pass_the_stricter_twins(built_configs):
    ok, outs = nxos_verdict((built_configs / "Leaf01.cfg").read_text(encoding="utf-8"))
    assert ok, [o for o in outs if o]
    ok, outs = iosxr_verdict((built_configs / "XRV.cfg").read_text(encoding="utf-8"))
    assert ok, [o for o in outs if o]


# ------------------------------------------------------------------ properties

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PROPS = settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(st.integers(min_value=-5, max_value=2 ** 33))
def test_nxos_vni_range(vni):
    assert nxos_verdict("vrf context T\n  vni %d" % vni)[0] == (1 <= vni <= 16777214)


@PROPS
@given(st.integers(min_value=0, max_value=2 ** 32 + 5), st.integers(min_value=0, max_value=2 ** 32 + 5))
def test_rd_types(asn, number):
    # RFC 4364: type 0 = 2-byte ASN (0-65535) : 32-bit number; type 2 = 4-byte ASN : 16-bit number.
    ok = (asn <= 65535 and number <= 4294967295) or (65535 < asn <= 4294967295 and number <= 65535)
    assert nxos_verdict("vrf context T\n  rd %d:%d" % (asn, number))[0] == ok
    assert iosxr_verdict("router bgp 65000\n vrf T\n  rd %d:%d" % (asn, number))[0] == ok


@PROPS
@given(st.integers(min_value=0, max_value=2 ** 32 - 1))
def test_masks_must_be_contiguous(value):
    mask = ".".join(str((value >> s) & 255) for s in (24, 16, 8, 0))
    inverted = ~value & 0xFFFFFFFF
    contiguous = inverted & (inverted + 1) == 0
    assert iosxr_verdict("interface Loopback1\n ipv4 address 10.0.0.1 %s" % mask)[0] == contiguous
    assert nxos_verdict("interface loopback1\n  ip address 10.0.0.1 %s" % mask)[0] == contiguous


@PROPS
@given(st.lists(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=40), max_size=8))
@example(lines=["|"])  # a filter with no command before it (found by this property in CI): the invalid-command marker
@example(lines=["| json"])
def test_any_typed_text_gets_an_answer_not_a_traceback(lines):
    # Hostile or random input: every line gets the device's text back (an error or nothing).
    for verdict in (nxos_verdict, iosxr_verdict):
        ok, outs = verdict("\n".join(ln.replace("\n", " ").replace("\r", " ") for ln in lines))
        assert isinstance(ok, bool) and all(isinstance(o, str) for o in outs)


@pytest.mark.parametrize("verdict, marker", [(nxos_verdict, "% Invalid command at '^' marker."),
                                             (iosxr_verdict, "% Invalid input detected at '^' marker.")])
@pytest.mark.parametrize("line", ["|", "| json", "  |  include x"])
def test_a_filter_without_a_command_is_refused_with_the_marker(verdict, marker, line):
    ok, outs = verdict(line)
    assert not ok and outs[0].splitlines()[-1] == marker
