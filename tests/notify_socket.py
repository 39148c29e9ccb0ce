"""A real unix datagram socket bound by a test, standing in for systemd's notify socket."""

from __future__ import annotations

import socket
import threading
import uuid
from pathlib import Path

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


class NotifySocket:
    """A unix datagram socket standing in for systemd's $NOTIFY_SOCKET."""

    def __init__(self, path: Path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.2)
        self.path, self.messages = path, []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._running = True
        self._thread.start()

    def _read(self):
        while self._running:
            try:
                self.messages.append(self.sock.recv(4096).decode())
            except (socket.timeout, OSError):
                continue

    def fields(self) -> list[str]:
        return [f for m in list(self.messages) for f in m.split("\n")]

    def close(self):
        self._running = False
        self._thread.join(2)
        self.sock.close()
