"""sd_notify: real unix datagram sockets bound by the test stand in for systemd's notify socket."""

from __future__ import annotations

import logging
import os

import pytest
from notify_socket import abstract_socket, path_socket, receive_all  # noqa: F401 (fixtures)
from sottovoce.service.notify import JournalFormatter, Notifier, stream_is_journal, syslog_priority, watchdog_interval


@pytest.mark.parametrize("which", ["path_socket", "abstract_socket"])
def test_ready_status_watchdog_stopping_reach_the_socket(which, request, monkeypatch):
    address, sock = request.getfixturevalue(which)
    monkeypatch.setenv("NOTIFY_SOCKET", address)
    monkeypatch.setenv("WATCHDOG_USEC", "20000000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    notifier = Notifier.from_env()
    assert notifier.enabled
    assert notifier.watchdog_seconds == 10.0
    assert notifier.ready("listening")
    assert notifier.status("muted\nby the household")
    assert notifier.watchdog()
    assert notifier.reloading()
    assert notifier.stopping()
    notifier.close()
    got = receive_all(sock)
    assert got[0] == "READY=1\nSTATUS=listening"
    assert got[1] == "STATUS=muted by the household"  # one line: systemctl shows a single line
    assert got[2] == "WATCHDOG=1"
    reload_lines = got[3].split("\n")
    assert reload_lines[0] == "RELOADING=1"
    assert reload_lines[1].startswith("MONOTONIC_USEC=") and int(reload_lines[1].split("=")[1]) > 0
    assert got[4] == "STOPPING=1\nSTATUS=stopping"
    assert len(got) == 5


def test_watchdog_if_due_pings_at_half_the_period(path_socket):
    address, sock = path_socket
    now = [100.0]
    notifier = Notifier(address, watchdog=5.0, clock=lambda: now[0])
    assert notifier.ready()
    sent = []
    for t in (101.0, 104.9, 105.0, 106.0, 109.9, 110.1, 200.0):
        now[0] = t
        sent.append(notifier.watchdog_if_due())
    assert sent == [False, False, True, False, False, True, True]
    got = receive_all(sock)
    assert got == ["READY=1", "WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1"]


def test_no_op_outside_systemd(monkeypatch):
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    notifier = Notifier.from_env()
    assert not notifier.enabled
    assert notifier.watchdog_seconds is None
    assert [notifier.ready(), notifier.status("x"), notifier.watchdog(), notifier.watchdog_if_due(),
            notifier.reloading(), notifier.stopping()] == [False] * 6


def test_a_vanished_socket_does_not_raise(tmp_path):
    notifier = Notifier(str(tmp_path / "gone.sock"))
    assert notifier.enabled
    assert notifier.ready() is False
    assert notifier.status("listening") is False


@pytest.mark.parametrize("env, pid, expected", [
    ({}, 10, None),
    ({"WATCHDOG_USEC": "30000000"}, 10, 15.0),
    ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "10"}, 10, 15.0),
    ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "11"}, 10, None),   # meant for another process
    ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "x"}, 10, None),
    ({"WATCHDOG_USEC": "0"}, 10, None),
    ({"WATCHDOG_USEC": "-5"}, 10, None),
    ({"WATCHDOG_USEC": "soon"}, 10, None),
    ({"WATCHDOG_USEC": "1000"}, 10, 0.0005),
])
def test_watchdog_interval(env, pid, expected):
    assert watchdog_interval(env, pid=pid) == expected


@pytest.mark.parametrize("raw, enabled", [("", False), ("relative/path", False), ("/run/systemd/notify", True),
                                          ("@abstract", True)])
def test_address_forms(raw, enabled):
    assert Notifier(raw).enabled is enabled


@pytest.mark.parametrize("level, prio", [(logging.DEBUG, 7), (logging.INFO, 6), (logging.WARNING, 4),
                                         (logging.ERROR, 3), (logging.CRITICAL, 2), (5, 7), (25, 4)])
def test_syslog_priority(level, prio):
    assert syslog_priority(level) == prio


def test_journal_formatter_prefixes_every_line():
    record = logging.LogRecord("sottovoce.x", logging.WARNING, __file__, 1, "microphone gone\nretrying in %ss",
                               (2,), None)
    assert JournalFormatter("%(levelname)s %(message)s").format(record) == \
        "<4>WARNING microphone gone\n<4>retrying in 2s"


def test_stream_is_journal_matches_dev_and_inode(tmp_path):
    with open(tmp_path / "stream", "w") as stream:
        st = os.fstat(stream.fileno())
        assert stream_is_journal(stream, {"JOURNAL_STREAM": f"{st.st_dev}:{st.st_ino}"})
        assert not stream_is_journal(stream, {"JOURNAL_STREAM": f"{st.st_dev}:{st.st_ino + 1}"})
        assert not stream_is_journal(stream, {})
        assert not stream_is_journal(stream, {"JOURNAL_STREAM": "garbage"})
