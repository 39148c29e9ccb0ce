"""Modes for state_dir and its files: the folder 0700, every file in it 0600.

The audit log and the outbox hold transcripts, and SQLite gives its `-wal`, `-shm` and `-journal`
files the mode of the database file when it creates them, so a database created 0600 *before*
SQLite first opens it keeps all its companions private too. Files made by an older version (or by
SQLite before this rule) are tightened on open.
"""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

from sottovoce.errors import FixableError
from sottovoce.state.ownership import follow_folder_owner

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


class StateError(FixableError, OSError):
    """state_dir or a file in it cannot be used; the message names the path, the cause and the fix.

    Also an OSError, so callers that already handle a failing file (the mute and consent commands)
    keep doing so."""

    def __init__(self, message: str, status: int = 2):
        FixableError.__init__(self, message, status=status)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def explain_os_error(path: Path, exc: OSError, doing: str) -> StateError:
    """One line for an OSError on a state file: read-only, full, or not ours."""
    code = exc.errno
    if code == errno.ENOSPC or code == errno.EDQUOT:
        return StateError(f"cannot {doing} {path}: the disk is full; free some space on "
                          f"{_mount_hint(path)} (journalctl --vacuum-size=50M, apt clean) and start again",
                          status=1)  # may heal by itself: systemd restarts on 1, not on 2
    if code == errno.EROFS:
        return StateError(f"cannot {doing} {path}: the file system is read-only; remount it read-write "
                          "or set state.dir to a writable folder")
    if code in (errno.EACCES, errno.EPERM):
        return StateError(f"cannot {doing} {path}: permission denied; run as the service user "
                          f"(sudo -u sottovoce ...) or make it writable: sudo chown -R sottovoce: {path.parent}")
    return StateError(f"cannot {doing} {path}: {exc.strerror or exc}; check state.dir and the disk")


def _read_only_fs(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _mount_hint(path: Path) -> str:
    p = path
    while not os.path.ismount(p) and p != p.parent:
        p = p.parent
    return str(p)


def prepare_dir(state: Path) -> None:
    """Create state_dir 0700 (parents as needed), tighten it to 0700 when this user owns it, and
    check it can be written. Raises StateError naming the fix."""
    try:
        state.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    except OSError as exc:
        raise explain_os_error(state, exc, "create the state folder (state.dir)") from None
    if not state.is_dir():
        raise StateError(f"state.dir {state} is not a folder; set state.dir to a folder")
    try:
        st = state.stat()
        if st.st_uid == os.geteuid() and st.st_mode & 0o077:
            state.chmod(DIR_MODE)
    except OSError as exc:
        log.debug("cannot tighten %s: %s", state, exc)
    if not os.access(state, os.W_OK | os.X_OK):
        if _read_only_fs(state):
            raise explain_os_error(state, OSError(errno.EROFS, "read-only"), "write in the state folder (state.dir)")
        raise StateError(f"cannot write the state folder {state} (state.dir): permission denied; run as the "
                         f"service user (sudo -u sottovoce ...) or: sudo chown -R sottovoce: {state}")


def create_private(path: Path) -> None:
    """Make `path` exist as a 0600 file (no-op when it exists), before SQLite opens it, so that
    SQLite's -wal/-shm/-journal files are created 0600 too."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    except OSError as exc:
        raise explain_os_error(path, exc, "create") from None
    os.close(fd)
    follow_folder_owner(path)


def tighten_sqlite(path: Path) -> None:
    """Give a database and its companion files mode 0600 (best effort: a file may not exist)."""
    for name in (path, *(path.with_name(path.name + s) for s in SQLITE_COMPANIONS)):
        try:
            if os.stat(name).st_mode & 0o077:
                os.chmod(name, FILE_MODE)
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("cannot make %s private (mode 0600): %s", name, exc)
