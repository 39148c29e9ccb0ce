"""A real unix datagram socket bound by a test, standing in for systemd's notify socket."""

from __future__ import annotations

import socket
import uuid

import pytest


def receive_all(sock: socket.socket) -> list[str]:
    """Every datagram waiting on `sock` (bounded waits: 0.5 s for the first, 0.05 s between)."""
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
