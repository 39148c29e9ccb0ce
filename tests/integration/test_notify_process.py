"""sd_notify: real unix datagram sockets bound by the test stand in for systemd's notify socket."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid

import pytest


def _receive_all(sock: socket.socket) -> list[str]:
    out = []
    sock.settimeout(0.5)
    while True:
        try:
            out.append(sock.recv(4096).decode())
        except (socket.timeout, BlockingIOError):
            return out
        sock.settimeout(0.05)


@pytest.fixture
def path_socket(tmp_path):
    path = tmp_path / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    yield str(path), sock
    sock.close()


@pytest.fixture
def abstract_socket():
    name = f"sottovoce-test-{uuid.uuid4().hex}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    yield "@" + name, sock
    sock.close()


def test_a_child_process_notifies_the_bound_socket(path_socket):
    """As under systemd: the variable is inherited by the daemon process, which sends READY."""
    address, sock = path_socket
    env = dict(os.environ, NOTIFY_SOCKET=address)
    code = "from sottovoce.service.notify import Notifier; import sys; sys.exit(0 if Notifier.from_env().ready('up') else 1)"
    proc = subprocess.run([sys.executable, "-c", code], env=env, timeout=60)
    assert proc.returncode == 0
    assert _receive_all(sock) == ["READY=1\nSTATUS=up"]
