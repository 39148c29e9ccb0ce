"""Opening a SQLite file under state_dir: private modes, clear errors, and recovery from corruption.

A truncated or overwritten database (a power cut on a worn SD card, a stray `cp`) must not stop the
speaker with a traceback, nor be silently emptied: the damaged file is moved aside as
`<name>.corrupt-<UTC time>` (kept for inspection, and erased by `sottovoce forget`), a fresh one is
made, and the caller records the move in the audit log. A read-only or full disk is not corruption:
it becomes a StateError naming the fix, and nothing is moved.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sottovoce.state.private import SQLITE_COMPANIONS, StateError, create_private, explain_os_error, tighten_sqlite

log = logging.getLogger(__name__)

CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
ENOSPC_LIKE = {13}  # SQLITE_FULL
READONLY_LIKE = {8, 14}  # SQLITE_READONLY, SQLITE_CANTOPEN
CORRUPT_MARK = ".corrupt-"


@dataclass(frozen=True)
class Opened:
    conn: sqlite3.Connection
    moved_aside: Path | None
    """Where a damaged file was moved before a fresh one was made, else None."""


def is_corruption(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.DatabaseError) and (
        getattr(exc, "sqlite_errorcode", None) in CORRUPT_CODES
        or "not a database" in str(exc) or "malformed" in str(exc))


def explain_sqlite_error(path: Path, exc: sqlite3.Error, doing: str = "open") -> StateError:
    code = getattr(exc, "sqlite_errorcode", None)
    if code in ENOSPC_LIKE or "disk is full" in str(exc):
        return explain_os_error(path, OSError(28, "No space left on device"), doing)
    if path.is_dir():
        return StateError(f"cannot {doing} {path}: it is a folder, not a database; move it away and start again")
    if code in READONLY_LIKE or "readonly" in str(exc) or "unable to open" in str(exc):
        ro = _read_only(path)
        return explain_os_error(path, OSError(30 if ro else 13, "read-only" if ro else "permission denied"), doing)
    if is_corruption(exc):
        return StateError(f"{path} is damaged ({exc}); sottovoce run moves it aside and starts a fresh one, "
                          "or delete it")
    return StateError(f"cannot {doing} {path}: {exc}; check state.dir and the disk")


def _read_only(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def check(path: Path) -> str | None:
    """Why the database at `path` could not be used as it is (None when fine or absent); changes nothing."""
    if not path.exists():
        return None
    if not os.access(path, os.R_OK | os.W_OK):
        return "is not readable and writable by this user"
    try:
        # read-write but never created; closing the last connection removes the -wal/-shm a
        # read-only one would leave behind. quick_check itself writes nothing.
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=2.0)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if is_corruption(exc):
            return f"is damaged ({exc})"
        return f"cannot be read ({exc})"
    if result and result[0] != "ok":
        return f"is damaged (quick_check: {result[0]})"
    return None


def open_private(path: Path, setup: Callable[[sqlite3.Connection], None], *,
                 timeout: float = 5.0, clock: Callable[[], float] = time.time) -> Opened:
    """Connect to `path` (created 0600 first), check it, run `setup(conn)` (pragmas, schema).
    A damaged file is moved aside and replaced; other failures raise StateError."""
    try:
        return Opened(_connect(path, setup, timeout), None)
    except sqlite3.Error as exc:
        if not is_corruption(exc):
            raise explain_sqlite_error(path, exc) from None
        reason = str(exc)
    aside = move_aside(path, clock())
    log.error("%s was damaged (%s): moved it aside to %s and started a fresh one; the move is in the "
              "audit log", path, reason, aside.name)
    try:
        return Opened(_connect(path, setup, timeout), aside)
    except sqlite3.Error as exc:
        raise explain_sqlite_error(path, exc) from None


def _connect(path: Path, setup: Callable[[sqlite3.Connection], None], timeout: float) -> sqlite3.Connection:
    create_private(path)
    tighten_sqlite(path)
    conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()
        if result and result[0] != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed ({result[0]})")
        setup(conn)
    except BaseException:
        conn.close()
        raise
    tighten_sqlite(path)
    return conn


def move_aside(path: Path, now: float) -> Path:
    """Rename `path` (and its -wal/-shm/-journal) to `<name>.corrupt-<time>`; returns the new path."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now))
    aside = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}-{n}")
    try:
        for suffix in ("", *SQLITE_COMPANIONS):
            src = path.with_name(path.name + suffix)
            if src.exists():
                os.replace(src, aside.with_name(aside.name + suffix))
    except OSError as exc:
        raise explain_os_error(path, exc, "move the damaged database aside") from None
    return aside


def leftovers(path: Path) -> list[Path]:
    """Damaged copies moved aside earlier (and their companions), for `sottovoce forget`."""
    return sorted(p for p in path.parent.glob(f"{path.name}{CORRUPT_MARK}*") if p.is_file())
