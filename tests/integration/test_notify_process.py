"""sd_notify: real unix datagram sockets bound by the test stand in for systemd's notify socket."""

from __future__ import annotations

import os
import subprocess
import sys

from notify_socket import path_socket, receive_all  # noqa: F401 (fixtures)


def test_a_child_process_notifies_the_bound_socket(path_socket):
    """As under systemd: the variable is inherited by the daemon process, which sends READY."""
    address, sock = path_socket
    env = dict(os.environ, NOTIFY_SOCKET=address)
    code = "from sottovoce.service.notify import Notifier; import sys; sys.exit(0 if Notifier.from_env().ready('up') else 1)"
    proc = subprocess.run([sys.executable, "-c", code], env=env, timeout=60)
    assert proc.returncode == 0
    assert receive_all(sock) == ["READY=1\nSTATUS=up"]
