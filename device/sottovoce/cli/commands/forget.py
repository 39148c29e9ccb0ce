"""`sottovoce forget`: erase the audit log, every queued message, the pseudonym key and the install id.

Deleting rows is not enough for SQLite: deleted data can stay in free pages and in a -wal or
-journal file. So each database is emptied through its own API, then vacuumed with secure_delete
on and its WAL checkpointed and truncated, and no journal file is left behind. Erasure works
while the daemon runs (no file is unlinked under it). A damaged database cannot be emptied row by
row, so it is deleted whole, as are damaged copies that `run` moved aside (`*.corrupt-<time>`).
Erasing the install id gives the speaker new topics (and a new Home Assistant device) on its next start.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from sottovoce.cli import CommandError, load_settings
from sottovoce.delivery.audit import FILENAME as AUDIT_FILE
from sottovoce.delivery.audit import AuditLog
from sottovoce.errors import FixableError
from sottovoce.privacy.install_id import InstallId
from sottovoce.privacy.site_key import SiteKey
from sottovoce.state import database
from sottovoce.state.private import SQLITE_COMPANIONS, explain_os_error

NAME = "forget"
HELP = "erase the audit log, queued messages, the pseudonym key and the install id"
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


def delete_damaged(path: Path) -> list[Path]:
    """Delete `path` (with its -wal/-shm/-journal) when it is a damaged database, and every damaged
    copy moved aside earlier; returns what was deleted."""
    gone = []
    targets = database.leftovers(path)
    why = database.check(path)
    if why and "damaged" in why:
        targets = [path, *(path.with_name(path.name + s) for s in SQLITE_COMPANIONS)] + targets
    for target in targets:
        try:
            target.unlink()
            gone.append(target)
        except FileNotFoundError:
            continue
    return gone


def main(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    state = settings.state_dir
    if not args.yes and sys.stdin.isatty():
        answer = input(f"Erase the audit log, queued messages, pseudonym key and install id in {state}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing erased.")
            return 1
    audit_path = state / AUDIT_FILE
    try:
        damaged = delete_damaged(audit_path) + delete_damaged(state / OUTBOX_FILE)
        records = 0
        if audit_path.exists():
            with AuditLog.for_settings(settings) as audit:
                records = audit.erase()
            scrub_sqlite(audit_path)
        queued = erase_outbox(state / OUTBOX_FILE)
        key = SiteKey(state).erase()
        install_id = InstallId(state).erase()
    except FixableError:
        raise
    except PermissionError as exc:
        raise CommandError(f"could not erase everything in {state} ({exc.strerror}: {exc.filename}): "
                           "run as the service's user or with sudo, then run forget again") from None
    except OSError as exc:
        raise CommandError(str(explain_os_error(Path(exc.filename or state), exc, "erase"))) from None
    except sqlite3.Error as exc:
        raise CommandError(str(database.explain_sqlite_error(audit_path, exc, "erase"))) from None
    for path in damaged:
        print(f"Deleted the damaged file {path}.")
    print(f"Erased {records} audit record{'s' * (records != 1)} ({audit_path}).")
    print(f"Erased {queued} queued message{'s' * (queued != 1)} ({state / OUTBOX_FILE}).")
    print("Erased the pseudonym key; a new one is made when needed." if key else "There was no pseudonym key.")
    if install_id:
        print("Erased the install id; the speaker gets new MQTT topics and a new Home Assistant device "
              "at its next start.")
    return 0
