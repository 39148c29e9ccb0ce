"""The outbox: opted-in messages on disk until the broker acknowledges them.

Each message is committed to SQLite before anything tries to publish it, and deleted only when the
broker's PUBACK for it arrives, so broker outages, daemon restarts and `kill -9` lose nothing. A
message that was in flight when the process died is sent again on the next start: delivery is
at-least-once and subscribers dedupe by the message "id".

Durability: WAL journal with synchronous=FULL. WAL lets the publisher read while the pipeline
writes; FULL fsyncs the WAL on every commit, so a message survives a power cut as well as a crash
(NORMAL would survive `kill -9` but could lose the last commits when a Pi loses power, which is
how many are switched off). At voice-command rates the fsync costs nothing that matters.

Bounded: messages older than the TTL and the oldest beyond `max_messages` are dropped, and every
drop is reported through `on_drop(message_id, reason)` for the audit log.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sottovoce.privacy.message import encode
from sottovoce.state.database import open_private
from sottovoce.state.private import explain_os_error

log = logging.getLogger(__name__)

OnDrop = Callable[[str, str], None]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    created REAL NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_created ON outbox(created);
"""


def _setup(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.executescript(_SCHEMA)


@dataclass(frozen=True)
class Queued:
    """One queued message: its id, when it was queued (clock seconds), the message, and the exact
    bytes that are published (`message.encode` of it, as stored)."""

    id: str
    created: float
    message: dict
    body: bytes


class Outbox:
    """A durable FIFO of message dicts keyed by their "id". Thread-safe."""

    def __init__(self, path: str | Path, ttl_seconds: float = 24 * 3600.0, max_messages: int = 10000,
                 clock: Callable[[], float] = time.time, on_drop: OnDrop | None = None,
                 on_recover: Callable[[str], None] | None = None):
        if ttl_seconds <= 0 or max_messages < 1:
            raise ValueError("ttl_seconds must be > 0 and max_messages >= 1")
        self.path = Path(path)
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise explain_os_error(self.path.parent, exc, "create the state folder") from None
        self.ttl_seconds = float(ttl_seconds)
        self.max_messages = int(max_messages)
        self._clock = clock
        self._on_drop = on_drop
        self._listeners: list[Callable[[], None]] = []
        self._lock = threading.RLock()
        opened = open_private(self.path, _setup, timeout=10.0, clock=clock)
        self._db = opened.conn  # created 0600 first, so its -wal and -shm are 0600 too
        self.moved_aside = opened.moved_aside
        """Where a damaged outbox was moved before this fresh one was made, else None."""
        if opened.moved_aside is not None and on_recover is not None:
            on_recover(f"the outbox {self.path.name} was damaged: moved aside to {opened.moved_aside.name}, "
                       "a fresh one was made; messages queued in it were not sent")

    def add_listener(self, callback: Callable[[], None]) -> None:
        """Call `callback()` after every put (the publisher uses it to wake up)."""
        self._listeners.append(callback)

    def put(self, message: dict) -> None:
        """Commit `message` (a JSON-able dict with a string "id"); returns once it is on disk."""
        msg_id = message.get("id") if isinstance(message, dict) else None
        if not isinstance(msg_id, str) or not msg_id:
            raise ValueError("an outbox message needs a non-empty string 'id'")
        body = encode(message).decode("utf-8")
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO outbox(id, created, body) VALUES (?, ?, ?)",
                             (msg_id, self._clock(), body))
            self._enforce_limits()
        for callback in list(self._listeners):
            callback()

    def pending(self, limit: int = 100, exclude: set[str] | frozenset[str] = frozenset()) -> list[Queued]:
        """Up to `limit` queued messages, oldest first, skipping ids in `exclude` and expired ones."""
        with self._lock:
            self.expire()
            rows = self._db.execute("SELECT id, created, body FROM outbox ORDER BY seq LIMIT ?",
                                    (int(limit) + len(exclude),)).fetchall()
        out: list[Queued] = []
        for msg_id, created, body in rows:
            if msg_id in exclude:
                continue
            try:
                message = json.loads(body)
            except ValueError:  # pragma: no cover - only this module writes the table
                self.drop(msg_id, "unreadable in the outbox")
                continue
            out.append(Queued(msg_id, created, message, body.encode("utf-8")))
            if len(out) >= limit:
                break
        return out

    def peek(self) -> Queued | None:
        """The oldest queued message, or None."""
        items = self.pending(1)
        return items[0] if items else None

    def ack(self, msg_id: str) -> bool:
        """Delete a message the broker acknowledged; False if it was no longer queued."""
        with self._lock:
            cur = self._db.execute("DELETE FROM outbox WHERE id = ?", (msg_id,))
        return cur.rowcount > 0

    def drop(self, msg_id: str, reason: str) -> bool:
        """Delete a message that will not be delivered, and report why."""
        with self._lock:
            cur = self._db.execute("DELETE FROM outbox WHERE id = ?", (msg_id,))
        if cur.rowcount:
            self._report_drop(msg_id, reason)
        return cur.rowcount > 0

    def expire(self) -> int:
        """Drop messages older than the TTL; returns how many."""
        cutoff = self._clock() - self.ttl_seconds
        with self._lock:
            ids = [r[0] for r in self._db.execute(
                "SELECT id FROM outbox WHERE created < ? ORDER BY seq", (cutoff,))]
            if ids:
                self._db.execute("DELETE FROM outbox WHERE created < ?", (cutoff,))
        hours = self.ttl_seconds / 3600.0
        for msg_id in ids:
            self._report_drop(msg_id, f"expired: not delivered within {hours:g} h")
        return len(ids)

    def clear(self) -> int:
        """Delete everything queued (used by `sottovoce forget`); returns how many."""
        with self._lock:
            cur = self._db.execute("DELETE FROM outbox")
        return max(cur.rowcount, 0)

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _enforce_limits(self) -> None:
        self.expire()
        excess = self.count() - self.max_messages
        if excess <= 0:
            return
        ids = [r[0] for r in self._db.execute("SELECT id FROM outbox ORDER BY seq LIMIT ?", (excess,))]
        self._db.executemany("DELETE FROM outbox WHERE id = ?", [(i,) for i in ids])
        for msg_id in ids:
            self._report_drop(msg_id, f"outbox full: more than {self.max_messages} messages queued")

    def _report_drop(self, msg_id: str, reason: str) -> None:
        log.warning("outbox: dropped message %s (%s)", msg_id, reason)
        if self._on_drop is not None:
            try:
                self._on_drop(msg_id, reason)
            except Exception:  # an audit failure must not lose the outbox's own consistency
                log.exception("outbox: could not record the drop of %s", msg_id)
