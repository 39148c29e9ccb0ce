"""One daemon per state_dir: an advisory lock (flock) on state_dir/daemon.lock.

Two daemons on one state folder would both drain one outbox and deliver every message twice, and
both answer the same command topic. `flock` is released by the kernel when the process dies (even
by SIGKILL), so a crash never leaves a stale lock. The file holds the owner's pid, for the message
the second daemon prints. The lock is re-entrant within a process (a reload builds new services
while the old ones still hold it); CLI commands (mute, consent, audit, forget) never take it.
"""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path

from sottovoce.state.private import FILE_MODE, StateError, explain_os_error

FILENAME = "daemon.lock"

_held: dict[str, tuple[int, int]] = {}  # real path -> (fd, holders) in this process
_guard = threading.Lock()


class StateLock:
    """`acquire()` takes the lock or raises StateError; `release()` gives it back (idempotent)."""

    def __init__(self, state_dir: str | Path):
        self.path = Path(state_dir) / FILENAME
        self._key = ""

    def acquire(self) -> "StateLock":
        key = os.path.realpath(self.path)
        with _guard:
            if self._key:
                return self
            if key in _held:
                fd, n = _held[key]
                _held[key] = (fd, n + 1)
                self._key = key
                return self
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
            except OSError as exc:
                raise explain_os_error(self.path, exc, "create the lock file") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                owner = _read_pid(fd)
                os.close(fd)
                who = f" (pid {owner})" if owner else ""
                raise StateError(f"another sottovoce daemon{who} is already running on state folder "
                                 f"{self.path.parent} (state.dir); stop it first (sudo systemctl stop sottovoce), "
                                 "or give this one its own state.dir") from None
            try:  # only for the message a second daemon prints; a full disk must not stop this one here
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
            except OSError:
                pass
            _held[key] = (fd, 1)
            self._key = key
            return self

    def release(self) -> None:
        with _guard:
            key, self._key = self._key, ""
            if not key or key not in _held:
                return
            fd, n = _held[key]
            if n > 1:
                _held[key] = (fd, n - 1)
                return
            del _held[key]
            os.close(fd)  # closing the last descriptor releases the flock

    def __enter__(self) -> "StateLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else None
    except OSError:
        return None
