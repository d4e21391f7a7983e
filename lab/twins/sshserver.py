# -*- coding: utf-8 -*-
# Copyright: contributors to kubevrf.tenancy
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SSH front end: one asyncssh server per device twin, on 127.0.0.1 only.

``Lab`` runs the servers on an event loop in a background thread, so the
same code serves the daemon (``python -m lab.twins start``) and pytest
(``with Lab(devices) as lab: lab.ports``).  Password and public-key logins
are accepted; a PTY session gets asyncssh's line editor (echo, editing,
history) like a terminal server, an exec request runs one command.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from typing import Dict, Iterable, List, Optional, Sequence

import asyncssh

from .device import Device

LOG = logging.getLogger("lab.twins")
LOOPBACK = "127.0.0.1"
# A configuration line containing this drops the SSH connection (tests of rollback on a lost session).
DROP_MARKER = "kubevrf-lab-drop-session"


def ensure_key(path: str) -> asyncssh.SSHKey:
    """Load the key at ``path``, generating it (ed25519, mode 0600) the first time."""
    if os.path.exists(path):
        return asyncssh.read_private_key(path)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    key = asyncssh.generate_private_key("ssh-ed25519", comment="kubevrf-lab")
    key.write_private_key(path)
    key.write_public_key(path + ".pub")
    os.chmod(path, 0o600)
    return key


class _Server(asyncssh.SSHServer):
    def __init__(self, lab: "Lab", device: Device):
        self.lab = lab
        self.device = device

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        LOG.info("%s: connection from %s", self.device.name, conn.get_extra_info("peername"))

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        ok = self.lab.users.get(username) == password
        LOG.info("%s: password login for %s %s", self.device.name, username, "accepted" if ok else "refused")
        return ok

    def public_key_auth_supported(self) -> bool:
        return bool(self.lab.client_keys)

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        ok = username in self.lab.users and key.public_data in self.lab.client_keys
        LOG.info("%s: key login for %s %s", self.device.name, username, "accepted" if ok else "refused")
        return ok


async def _shell(device: Device, process: asyncssh.SSHServerProcess) -> None:
    user = process.get_extra_info("username") or "admin"
    session = device.session(user)
    loop = asyncio.get_running_loop()
    pty = process.get_terminal_type() is not None

    def emit(text: str) -> None:
        # With a PTY asyncssh's line editor turns "\n" into CRLF itself.
        process.stdout.write(text if pty else text.replace("\n", "\r\n"))

    try:
        if process.command:
            for cmd in process.command.split("\n"):
                emit(await loop.run_in_executor(None, session.handle, cmd))
            process.exit(0)
            return
        emit("\n" + session.prompt())
        buf = ""
        while not session.closed:
            if pty:
                line = await process.stdin.readline()
                if not line:
                    break
            else:
                # No line editor: split raw input on CR or LF ourselves.
                while "\r" not in buf and "\n" not in buf:
                    chunk = await process.stdin.read(4096)
                    if not chunk:
                        break
                    buf += chunk
                if not buf:
                    break
                cut = min(i for i in (buf.find("\r"), buf.find("\n")) if i >= 0) if ("\r" in buf or "\n" in buf) \
                    else len(buf)
                line, buf = buf[:cut], buf[cut + 1:].lstrip("\n")
                emit(line + "\n")
            if DROP_MARKER in line:
                # Fault hook for deploy tests: the link dies before the line is applied.
                LOG.info("%s: dropping the session on the fault marker", device.name)
                process.channel.get_extra_info("connection").abort()
                return
            out = await loop.run_in_executor(None, session.handle, line)
            if session.closed:
                break
            emit(out + session.prompt())
    except (asyncssh.BreakReceived, asyncssh.TerminalSizeChanged):
        pass
    except (BrokenPipeError, ConnectionError, asyncssh.Error):
        pass
    except Exception:  # a twin bug must not take the server down; the log keeps it
        LOG.exception("%s: session error", device.name)
    finally:
        on_close = getattr(session, "on_close", None)  # releases what the login held (config session, lock)
        if on_close is not None:
            on_close()
        try:
            process.exit(0)
        except (OSError, asyncssh.Error):
            pass


class Lab:
    """Run SSH servers for ``devices``; ``ports`` maps device name -> port (0 = any free port)."""

    def __init__(self, devices: Sequence[Device], key_dir: str, users: Optional[Dict[str, str]] = None,
                 ports: Optional[Dict[str, int]] = None, authorized_keys: Iterable[str] = (), host: str = LOOPBACK):
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise ValueError("the lab listens on loopback only, not %s" % host)
        self.devices = list(devices)
        self.key_dir = key_dir
        self.users = dict(users or {"admin": "admin"})
        self.requested = dict(ports or {})
        self.client_keys = {k.strip() for k in authorized_keys if k.strip()}
        self.host = host
        self.ports: Dict[str, int] = {}
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None
        self._servers: List = []
        self._ready = threading.Event()
        self._error: Optional[BaseException] = None

    def authorize(self, public_key_line: str) -> None:
        self.client_keys.add(asyncssh.import_public_key(public_key_line).public_data)

    async def _start(self) -> None:
        host_key = ensure_key(os.path.join(self.key_dir, "ssh_host_ed25519_key"))
        self.client_keys = {k if isinstance(k, bytes) else asyncssh.import_public_key(k).public_data
                            for k in self.client_keys}
        for dev in self.devices:
            server = await asyncssh.create_server(
                lambda d=dev: _Server(self, d), self.host, self.requested.get(dev.name, 0),
                server_host_keys=[host_key], process_factory=lambda p, d=dev: _shell(d, p),
                encoding="utf-8", line_editor=True, reuse_address=True,
            )
            self._servers.append(server)
            self.ports[dev.name] = server.sockets[0].getsockname()[1]

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._start())
        except BaseException as exc:  # reported to start()'s caller
            self._error = exc
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            for server in self._servers:
                server.close()
            loop.run_until_complete(asyncio.sleep(0))
            loop.close()

    def start(self, timeout: float = 15.0) -> Dict[str, int]:
        self._thread = threading.Thread(target=self._run, name="lab-twins", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError("the lab's SSH servers did not start within %.0f s" % timeout)
        if self._error is not None:
            raise RuntimeError("the lab's SSH servers failed to start: %s" % self._error)
        return dict(self.ports)

    def stop(self, timeout: float = 10.0) -> None:
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout)

    def __enter__(self) -> "Lab":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
