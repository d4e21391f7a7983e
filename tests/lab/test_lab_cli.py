# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The daemon (python -m lab.twins start|status|stop) and a person at an SSH prompt."""

import json
import os
import subprocess
import sys
import time

import paramiko
import pytest

from twin_support import ROOT


def _cli(*args, state_dir):
    return subprocess.run([sys.executable, "-m", "lab.twins", *args, "--state-dir", str(state_dir)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def daemon(tmp_path):
    state = tmp_path / "lab"
    res = _cli("start", "--free-ports", "--json", "--manifests", str(tmp_path / "none"), state_dir=state)
    assert res.returncode == 0, res.stderr
    try:
        yield state, json.loads(res.stdout)
    finally:
        _cli("stop", state_dir=state)


def _shell(port, **auth):
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect("127.0.0.1", port=port, username="admin", timeout=10, allow_agent=False,
                   look_for_keys=False, **auth)
    chan = client.invoke_shell(width=200)
    chan.settimeout(10)
    return client, chan


def _until(chan, marker):
    buf = ""
    deadline = time.time() + 10
    while marker not in buf and time.time() < deadline:
        buf += chan.recv(65535).decode()
    return buf


def test_start_status_stop(daemon):
    state, started = daemon
    assert started["changed"] is True and set(started["state"]["devices"]) == {"Leaf01", "XRV"}
    again = json.loads(_cli("start", "--json", state_dir=state).stdout)
    assert again["changed"] is False and again["state"]["pid"] == started["state"]["pid"]
    status = _cli("status", state_dir=state)
    assert status.returncode == 0 and "Leaf01" in status.stdout
    inventory = (state / "hosts.yml").read_text()
    assert "ansible_port: %d" % started["state"]["devices"]["XRV"]["port"] in inventory
    assert oct(os.stat(state / "id_ed25519").st_mode & 0o777) == "0o600"
    assert _cli("stop", state_dir=state).returncode == 0
    assert _cli("status", state_dir=state).returncode == 3


def test_a_person_types_the_seeds_commands(daemon):
    state, started = daemon
    port = started["state"]["devices"]["Leaf01"]["port"]
    client, chan = _shell(port, key_filename=str(state / "id_ed25519"))
    try:
        assert _until(chan, "Leaf01# ").endswith("Leaf01# ")
        chan.send("sh ip community-list\r")
        out = _until(chan, "Leaf01# ")
        assert "sh ip community-list\r\n" in out  # echoed like a terminal
        assert "Standard Community List Tenant1-Pods-BGP-Community" not in out  # nothing configured yet
        chan.send("conf t\r")
        assert "Leaf01(config)# " in _until(chan, "(config)# ")
        chan.send("ip community-list standard L1 seq 10 permit 64512:301\r")
        _until(chan, "(config)# ")
        chan.send("end\r")
        _until(chan, "Leaf01# ")
        chan.send("sh ip community-list\r")
        assert "Standard Community List L1\r\n    10 permit 64512:301" in _until(chan, "Leaf01# ")
    finally:
        client.close()
    xr_port = started["state"]["devices"]["XRV"]["port"]
    client, chan = _shell(xr_port, password="admin")
    try:
        _until(chan, "XRV#")
        chan.send("sh route ipv4\r")
        out = _until(chan, "XRV#")
        assert "L    192.168.40.40/32 is directly connected" in out
    finally:
        client.close()
    # Wrong password: refused.
    with pytest.raises(paramiko.AuthenticationException):
        _shell(port, password="wrong")
