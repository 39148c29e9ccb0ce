"""State files on a real disk: modes, the daemon lock, damaged databases, the install id, and the
pure refusal summary."""

from __future__ import annotations

import errno
import sqlite3
import stat
import subprocess
import sys

import pytest
from sottovoce.delivery.audit import AuditLog
from sottovoce.delivery.mqtt.remote_commands import RefusalSummary
from sottovoce.delivery.outbox import Outbox
from sottovoce.privacy.install_id import InstallId
from sottovoce.state import database
from sottovoce.state.lock import StateLock
from sottovoce.state.private import StateError, explain_os_error, prepare_dir


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_state_dir_is_0700_and_databases_with_their_wal_and_shm_are_0600(tmp_path):
    state = tmp_path / "a" / "state"
    prepare_dir(state)
    assert mode(state) == 0o700
    outbox = Outbox(state / "outbox.sqlite3")
    audit = AuditLog(state / "audit.sqlite3")
    try:
        outbox.put({"id": "m1", "text": "call the plumber"})
        names = {p.name: mode(p) for p in state.iterdir()}
        assert {"outbox.sqlite3-wal", "outbox.sqlite3-shm"} <= set(names)
        assert set(names.values()) == {0o600}, names
    finally:
        outbox.close()
        audit.close()


def test_an_old_install_with_0644_wal_files_is_tightened_on_open(tmp_path):
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    outbox.put({"id": "m1"})
    for p in tmp_path.iterdir():
        p.chmod(0o644)
    again = Outbox(tmp_path / "outbox.sqlite3")
    try:
        assert {p.name: mode(p) for p in tmp_path.iterdir()} == {
            n: 0o600 for n in ("outbox.sqlite3", "outbox.sqlite3-wal", "outbox.sqlite3-shm")}
    finally:
        again.close()
        outbox.close()


def test_the_lock_is_exclusive_between_processes_and_reentrant_within_one(tmp_path):
    lock = StateLock(tmp_path).acquire()
    inner = StateLock(tmp_path).acquire()  # a reload's new services, beside the old ones
    code = ("import sys; from sottovoce.state.lock import StateLock\n"
            "try:\n    StateLock(sys.argv[1]).acquire()\nexcept Exception as e:\n    print(e); sys.exit(3)\n")
    other = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, timeout=30, text=True)
    assert other.returncode == 3 and "another sottovoce daemon" in other.stdout
    inner.release()
    other = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, timeout=30, text=True)
    assert other.returncode == 3  # the outer holder still has it
    lock.release()
    other = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, timeout=30, text=True)
    assert other.returncode == 0, other.stdout
    assert mode(tmp_path / "daemon.lock") == 0o600


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty-header"])
def test_a_damaged_audit_log_is_moved_aside_and_the_move_recorded(tmp_path, damage):
    path = tmp_path / "audit.sqlite3"
    with AuditLog(path) as audit:
        for i in range(20):  # a file of several pages, so truncation cuts into real data
            audit.record("held", f"reason {i} " + "x" * 3000)
    data = path.read_bytes()
    path.write_bytes({"garbage": b"\x17" * len(data), "truncated": data[: len(data) // 3],
                      "empty-header": b"SQLite format 3\x00" + b"\xff" * 200}[damage])
    assert database.check(path) and "damaged" in database.check(path)
    with AuditLog(path) as audit:
        assert audit.moved_aside is not None and audit.moved_aside.exists()
        [record] = audit.records()
        assert record.decision == "recovered" and audit.moved_aside.name in record.reason
    assert database.check(path) is None
    assert database.leftovers(path) == [audit.moved_aside]


def test_a_read_only_database_is_not_mistaken_for_damage(tmp_path):
    err = database.explain_sqlite_error(tmp_path / "x.sqlite3", sqlite3.OperationalError("attempt to write a "
                                                                                         "readonly database"))
    assert "damaged" not in str(err)
    assert database.is_corruption(sqlite3.DatabaseError("file is not a database"))


@pytest.mark.parametrize("code, words, status", [
    (errno.ENOSPC, ["disk is full", "free some space"], 1),
    (errno.EROFS, ["read-only", "state.dir"], 2),
    (errno.EACCES, ["permission denied", "chown"], 2),
])
def test_os_errors_become_one_line_with_a_fix(tmp_path, code, words, status):
    err = explain_os_error(tmp_path / "audit.sqlite3", OSError(code, "x"), "create")
    assert isinstance(err, StateError) and isinstance(err, OSError) and err.status == status
    assert "\n" not in str(err) and all(w in str(err) for w in words), str(err)


def test_install_id_is_random_stable_private_and_replaced_when_damaged(tmp_path):
    a, b = InstallId(tmp_path / "one"), InstallId(tmp_path / "two")
    first = a.get()
    assert first == a.get() == InstallId(tmp_path / "one").get() and first != b.get()
    assert len(first) == 12 and int(first, 16) >= 0
    assert mode(a.path) == 0o600
    a.path.write_text("my-hostname\n")
    fresh = a.get()
    assert fresh != first and len(fresh) == 12 and a.get() == fresh
    assert a.erase() and not a.path.exists() and not a.erase()


def test_refusal_summary_reports_the_first_at_once_then_one_count_per_window():
    s = RefusalSummary(window=60)
    assert s.refused("r", 0.0) is True
    assert [s.refused("r", t) for t in (1.0, 2.0, 59.0)] == [False, False, False]
    assert s.due(59.9) is None
    assert s.due(60.0) == (3, "r")
    assert s.refused("r", 61.0) is False  # the flood goes on: the new window counts it
    assert s.due(120.0) == (1, "r")
    assert s.due(180.0) is None  # a quiet window closes...
    assert s.refused("r", 200.0) is True  # ...so the next refusal is reported at once again
