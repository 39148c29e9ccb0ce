"""`sottovoce forget`: erase the audit log, every queued message and the pseudonym key.

Deleting rows is not enough for SQLite: deleted data can stay in free pages and in a -wal or
-journal file. So each database is emptied through its own API, then vacuumed with secure_delete
on and its WAL checkpointed and truncated, and no journal file is left behind. Erasure works
while the daemon runs (no file is unlinked under it).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from sottovoce.cli import CommandError, load_settings
from sottovoce.delivery.audit import FILENAME as AUDIT_FILE
from sottovoce.delivery.audit import AuditLog
from sottovoce.privacy.site_key import SiteKey

NAME = "forget"
HELP = "erase the audit log, queued messages and the pseudonym key"
READS_CONFIG = True

OUTBOX_FILE = "outbox.sqlite3"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")


def scrub_sqlite(path: Path, empty_tables: bool = False) -> int:
    """Vacuum `path` so freed pages are gone, and truncate its WAL; with empty_tables, delete all rows
    first. Returns the rows deleted."""
    conn = sqlite3.connect(str(path), timeout=10.0, isolation_level=None)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        deleted = 0
        if empty_tables:
            tables = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
            for table in tables:
                deleted += max(conn.execute(f'DELETE FROM "{table}"').rowcount, 0)
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return deleted
    finally:
        conn.close()


def erase_outbox(path: Path) -> int:
    """Empty the outbox with its own clear() when that module is present, then scrub the file."""
    if not path.exists():
        return 0
    try:
        from sottovoce.delivery.outbox import Outbox
    except ImportError:
        return scrub_sqlite(path, empty_tables=True)
    outbox = Outbox(path)
    try:
        n = outbox.clear()
    finally:
        outbox.close()
    return n + scrub_sqlite(path, empty_tables=True)


def main(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    state = settings.state_dir
    if not args.yes and sys.stdin.isatty():
        answer = input(f"Erase the audit log, queued messages and pseudonym key in {state}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing erased.")
            return 1
    try:
        audit_path = state / AUDIT_FILE
        records = 0
        if audit_path.exists():
            with AuditLog.for_settings(settings) as audit:
                records = audit.erase()
            scrub_sqlite(audit_path)
        queued = erase_outbox(state / OUTBOX_FILE)
        key = SiteKey(state).erase()
    except (sqlite3.Error, OSError) as exc:
        raise CommandError(f"could not erase everything in {state} ({exc}): "
                           "run as the service's user or with sudo, then run forget again") from None
    print(f"Erased {records} audit record{'s' * (records != 1)} ({audit_path}).")
    print(f"Erased {queued} queued message{'s' * (queued != 1)} ({state / OUTBOX_FILE}).")
    print("Erased the pseudonym key; a new one is made when needed." if key else "There was no pseudonym key.")
    return 0
