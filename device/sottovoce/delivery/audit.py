"""The transparency log: what happened after each wake word, readable and erasable by the household.

SQLite at state_dir/audit.sqlite3. One record per wake word (sent, held, muted, dropped), plus
consent changes, mute changes and outbox drops. A sent record keeps the exact payload; a held
record keeps only the reason, never the text that was held back (the caller never passes it).

Erasing must really erase: the database uses a rollback journal (not WAL, so no -wal file keeps
old pages) and secure_delete (deleted rows are overwritten with zeros in the file), and `erase()`
vacuums. Old records are purged on open and then at most every `purge_interval` seconds.
Safe to share between threads (one lock) and processes (SQLite locking, busy timeout).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Mapping

from sottovoce.privacy.message import encode
from sottovoce.state.database import Opened, explain_sqlite_error, open_private
from sottovoce.state.ownership import follow_folder_owner
from sottovoce.state.private import explain_os_error

log = logging.getLogger(__name__)

FILENAME = "audit.sqlite3"
DECISIONS = ("sent", "held", "muted", "dropped", "consent", "mute", "unmute", "refused", "recovered")
DAY = 86400.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    time REAL NOT NULL,
    decision TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    wake_word TEXT,
    redacted TEXT,
    payload TEXT
);
CREATE INDEX IF NOT EXISTS audit_time ON audit(time);
"""


@dataclass(frozen=True)
class AuditRecord:
    time: float
    decision: str
    reason: str
    wake_word: str | None
    redacted: dict[str, int]
    payload: dict | None

    def to_json(self) -> str:
        """One line: the fields, with time as ISO 8601 UTC to the second (the log stays on the device)."""
        body = asdict(self)
        body["time"] = datetime.fromtimestamp(self.time, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return json.dumps(body, sort_keys=True, ensure_ascii=False)


def _setup(conn: sqlite3.Connection) -> None:
    """Deleted data must not linger: rollback journal, secure_delete."""
    conn.execute("PRAGMA secure_delete = ON")
    mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    if str(mode).lower() != "delete":  # pragma: no cover - only if another process holds it in WAL
        log.warning("audit log stays in %s journal mode", mode)
    conn.executescript(_SCHEMA)


def open_database(path: str | Path, timeout: float = 5.0, clock: Callable[[], float] = time.time) -> Opened:
    """A private (0600) connection with the schema; a damaged file is moved aside (see state.database)."""
    return open_private(Path(path), _setup, timeout=timeout, clock=clock)


class AuditLog:
    """Append records, list them, purge the old ones, erase them all."""

    def __init__(self, path: str | Path, retention_days: float = 7.0, clock: Callable[[], float] = time.time,
                 purge_interval: float = 3600.0):
        self.path = Path(path)
        self.retention = retention_days * DAY
        self._clock = clock
        self._purge_interval = purge_interval
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise explain_os_error(self.path.parent, exc, "create the state folder") from None
        opened = open_database(self.path, clock=clock)  # 0600: sent payloads are personal data
        self._conn = opened.conn
        self.moved_aside = opened.moved_aside
        """Where a damaged audit log was moved before this fresh one was made, else None."""
        follow_folder_owner(self.path)
        self._next_purge = 0.0
        try:
            self.purge()
            if opened.moved_aside is not None:
                self.record_recovery(f"the audit log {self.path.name} was damaged: moved aside to "
                                     f"{opened.moved_aside.name}, a fresh one was made")
        except sqlite3.Error as exc:
            self._conn.close()
            raise explain_sqlite_error(self.path, exc, "write") from None

    @classmethod
    def for_settings(cls, settings, clock: Callable[[], float] = time.time) -> "AuditLog":
        return cls(settings.state_dir / FILENAME, settings.audit.retention_days, clock)

    def record(self, decision: str, reason: str = "", *, wake_word: str | None = None,
               redacted: Mapping[str, int] | None = None, payload: Mapping[str, Any] | None = None) -> None:
        """Add one record. `payload` is the message as sent (or dropped from the outbox); never held text."""
        if decision not in DECISIONS:
            raise ValueError(f"audit decision {decision!r}: expected one of {', '.join(DECISIONS)}")
        now = self._clock()
        row = (now, decision, reason, wake_word,
               json.dumps(dict(redacted), sort_keys=True) if redacted else None,
               encode(payload).decode("utf-8") if payload is not None else None)
        with self._lock:
            self._conn.execute("INSERT INTO audit (time, decision, reason, wake_word, redacted, payload) "
                               "VALUES (?, ?, ?, ?, ?, ?)", row)
        if now >= self._next_purge:
            self.purge()

    def record_recovery(self, reason: str) -> None:
        """A damaged state database was moved aside and replaced (see state.database)."""
        self.record("recovered", reason)

    def record_outbox_drop(self, message_id: str, reason: str) -> None:
        """For Outbox(on_drop=...): a queued message that will not be delivered."""
        self.record("dropped", f"outbox: {reason} (message {message_id})")

    def records(self, limit: int | None = None) -> list[AuditRecord]:
        """Oldest first; with `limit`, the newest `limit` records."""
        sql = "SELECT id, time, decision, reason, wake_word, redacted, payload FROM audit ORDER BY id"
        with self._lock:
            if limit is not None:
                rows = self._conn.execute(
                    f"SELECT * FROM ({sql} DESC LIMIT ?) ORDER BY id", (int(limit),)).fetchall()
            else:
                rows = self._conn.execute(sql).fetchall()
        return [AuditRecord(t, d, r, w, json.loads(k) if k else {}, json.loads(p) if p else None)
                for _, t, d, r, w, k, p in rows]

    def count(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]

    def purge(self) -> int:
        """Delete records older than the retention; returns how many."""
        now = self._clock()
        with self._lock:
            n = self._conn.execute("DELETE FROM audit WHERE time < ?", (now - self.retention,)).rowcount
        self._next_purge = now + self._purge_interval
        if n:
            log.info("purged %d audit records older than %g days", n, self.retention / DAY)
        return n

    def erase(self) -> int:
        """Delete every record and vacuum the file; returns how many records there were."""
        with self._lock:
            n = self._conn.execute("DELETE FROM audit").rowcount
            self._conn.execute("VACUUM")
        return n

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "AuditLog":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
