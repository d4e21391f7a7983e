# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A real ansible-playbook (network_cli + cisco.nxos / cisco.iosxr) against the twins over SSH."""

import json
import os
import subprocess
import sys
import textwrap

from twin_support import ROOT
from test_lab_fidelity import LEAF_BGP, seed_leaf_lines

PLAYBOOK = textwrap.dedent("""
    - hosts: Leaf01
      gather_facts: false
      tasks:
        - name: Push the seed's leaf configuration
          cisco.nxos.nxos_config:
            src: "{{ leaf_src }}"
          register: push1
        - name: Push it again
          cisco.nxos.nxos_config:
            src: "{{ leaf_src }}"
          register: push2
        - name: Read the tenant VRF
          cisco.nxos.nxos_command:
            commands:
              - show bgp l2vpn evpn vrf Tenant1-Pods
              - command: show bgp vrf Tenant-K8s ipv4 unicast summary
                output: json
          register: shows
        - name: A line the switch rejects
          cisco.nxos.nxos_config:
            lines: ["frobnicate the fabric"]
            parents: ["vrf context Tenant-K8s"]
          register: bad
          ignore_errors: true
        - name: Report
          ansible.builtin.copy:
            dest: "{{ out_dir }}/Leaf01.json"
            content: "{{ {'push1': push1.changed, 'push2': push2.changed, 'evpn': shows.stdout[0],
                          'summary': shows.stdout[1], 'bad_failed': bad.failed, 'bad_msg': bad.msg | default('')} | to_json }}"
          delegate_to: localhost
    - hosts: XRV
      gather_facts: false
      tasks:
        - name: Push the PE configuration
          cisco.iosxr.iosxr_config:
            src: "{{ xr_src }}"
          register: push1
        - name: Push it again
          cisco.iosxr.iosxr_config:
            src: "{{ xr_src }}"
          register: push2
        - name: Read SIDs and commits
          cisco.iosxr.iosxr_command:
            commands: [show bgp vpnv4 unicast received-sids, show configuration commit list]
          register: shows
        - name: A line the router rejects
          cisco.iosxr.iosxr_config:
            lines: ["frobnicate"]
            parents: ["router bgp 65000"]
          register: bad
          ignore_errors: true
        - name: Report
          ansible.builtin.copy:
            dest: "{{ out_dir }}/XRV.json"
            content: "{{ {'push1': push1.changed, 'push2': push2.changed, 'sids': shows.stdout[0],
                          'commits': shows.stdout[1], 'bad_failed': bad.failed, 'bad_msg': bad.msg | default('')} | to_json }}"
          delegate_to: localhost
""")


def _inventory(lab, tmp_path, ssh_type):
    return {"all": {"hosts": {
        name: {"ansible_host": "127.0.0.1", "ansible_port": port,
               "ansible_network_os": "cisco.nxos.nxos" if name == "Leaf01" else "cisco.iosxr.iosxr",
               "ansible_connection": "ansible.netcommon.network_cli", "ansible_user": "admin",
               "ansible_password": "lab-secret", "ansible_network_cli_ssh_type": ssh_type,
               "ansible_python_interpreter": sys.executable}
        for name, port in lab.ports.items()}}}


def _run(lab, tmp_path, ssh_type, extra):
    (tmp_path / "inv.json").write_text(json.dumps(_inventory(lab, tmp_path, ssh_type)))
    (tmp_path / "play.yml").write_text(PLAYBOOK)
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), ANSIBLE_HOST_KEY_CHECKING="false",
               ANSIBLE_PERSISTENT_COMMAND_TIMEOUT="20", ANSIBLE_PERSISTENT_CONNECT_TIMEOUT="20",
               ANSIBLE_DEPRECATION_WARNINGS="false", ANSIBLE_LOCAL_TEMP=str(tmp_path / "tmp"),
               ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=str(tmp_path / "pc"))
    cmd = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", str(tmp_path / "inv.json"),
           str(tmp_path / "play.yml"), "-e", json.dumps(extra)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=150, check=False)


def test_playbook_drives_both_twins(ssh_lab, tmp_path):
    xr_src = tmp_path / "xrv.cfg"
    from test_lab_fidelity import XRV_REST
    # VRF first, as show running-config prints it: network_cli sends the lines
    # without indentation, so "vrf blue" right after an interface would be the interface's.
    xr_src.write_text(XRV_REST.split("segment-routing", maxsplit=1)[0] + "interface Loopback10\n vrf blue\n"
                      " ipv4 address 172.19.19.19 255.255.255.255\n!\nsegment-routing" + XRV_REST.split("segment-routing", 1)[1])
    # The seed's lines lost their indentation; a scratch twin puts them back in NX-OS form.
    # (with the features the switch has: the twin, like NX-OS, knows "router bgp" only after "feature bgp").
    from lab.twins.nxos import NxosDevice
    with open(os.path.join(ROOT, "lab", "twins", "baseline", "Leaf01.cfg"), encoding="utf-8") as fh:
        features = "".join(ln for ln in fh if ln.startswith(("feature ", "nv overlay")))
    scratch = NxosDevice("scratch", baseline=features)
    s = scratch.session()
    s.handle("configure terminal")
    for ln in seed_leaf_lines() + [ln.strip() for ln in LEAF_BGP.splitlines()]:
        assert s.handle(ln) == ""
    leaf_src = tmp_path / "leaf.cfg"
    leaf_src.write_text("\n".join(scratch.config_lines()) + "\n")
    res = _run(ssh_lab, tmp_path, "auto", {"leaf_src": str(leaf_src), "xr_src": str(xr_src), "out_dir": str(tmp_path)})
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    leaf = json.loads((tmp_path / "Leaf01.json").read_text())
    assert leaf["push1"] is True and leaf["push2"] is False  # idempotent against show running-config
    assert "[20.0.10.1]/224" in leaf["evpn"] and "[30.0.10.1]/224" not in leaf["evpn"]
    row = leaf["summary"]["TABLE_vrf"]["ROW_vrf"]["TABLE_af"]["ROW_af"]["TABLE_saf"]["ROW_saf"]
    assert row["TABLE_neighbor"]["ROW_neighbor"]["prefixreceived"] == "4"
    assert leaf["bad_failed"] is True and "Invalid command at '^' marker" in leaf["bad_msg"]
    xr = json.loads((tmp_path / "XRV.json").read_text())
    assert xr["push1"] is True and xr["push2"] is False
    assert "cafe:cafe:2be:8b71::" in xr["sids"]
    assert len(xr["commits"].splitlines()) == 3  # one commit: the second push changed nothing
    assert xr["bad_failed"] is True and "Invalid input detected at '^' marker" in xr["bad_msg"]
    # The rejected lines changed nothing on either device.
    assert "frobnicate" not in ssh_lab.devices[0].running_text() + ssh_lab.devices[1].running_text()


def test_paramiko_transport(ssh_lab, tmp_path):
    play = textwrap.dedent("""
        - hosts: all
          gather_facts: false
          tasks:
            - cisco.nxos.nxos_command: {commands: [show version]}
              when: inventory_hostname == 'Leaf01'
              register: v
            - ansible.builtin.assert: {that: ["'NXOS: version' in v.stdout[0]"]}
              when: inventory_hostname == 'Leaf01'
            - cisco.iosxr.iosxr_command: {commands: [show version]}
              when: inventory_hostname == 'XRV'
              register: x
            - ansible.builtin.assert: {that: ["'IOS XR Software' in x.stdout[0]"]}
              when: inventory_hostname == 'XRV'
    """)
    (tmp_path / "inv.json").write_text(json.dumps(_inventory(ssh_lab, tmp_path, "paramiko")))
    (tmp_path / "p.yml").write_text(play)
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), ANSIBLE_HOST_KEY_CHECKING="false",
               ANSIBLE_DEPRECATION_WARNINGS="false", ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=str(tmp_path / "pc"))
    res = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i",
                          str(tmp_path / "inv.json"), str(tmp_path / "p.yml")],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
