"""Outbox: durable FIFO, ack on PUBACK, TTL and size cap with audited drops, survives a SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from sottovoce.delivery.outbox import Outbox


class Clock:
    def __init__(self, t: float = 1_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def drops():
    return []


def test_messages_survive_sigkill_of_the_writer(tmp_path):
    """A process that put() 50 messages and was killed -9 right after leaves all 50 on disk."""
    path = tmp_path / "outbox.sqlite3"
    code = (
        "import sys, time; from sottovoce.delivery.outbox import Outbox\n"
        f"ob = Outbox({str(path)!r})\n"
        "for i in range(50): ob.put({'id': 'k%d' % i, 'kind': 'text', 'text': 'x'})\n"
        "print('done', flush=True); time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    try:
        assert proc.stdout.readline().strip() == b"done"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
    ob = Outbox(path)
    assert [q.id for q in ob.pending(100)] == [f"k{i}" for i in range(50)]
    ob.close()
