"""Replace a file atomically: readers see the old or the new content, never a part of either."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from sottovoce.state.ownership import follow_folder_owner


def atomic_write(path: str | Path, data: bytes, *, mode: int = 0o600, owner: tuple[int, int] | None = None,
                 check: Callable[[str], None] | None = None) -> None:
    """Write a sibling temp file, fsync it, give it `mode` and `owner` (default: when root, the
    folder's owner), let `check(temp_path)` veto it by raising, then os.replace() it over `path`
    and fsync the folder so the rename survives a power cut."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        if owner is None:
            follow_folder_owner(tmp)
        elif os.geteuid() == 0:
            os.chown(tmp, *owner)
        if check is not None:
            check(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_once(path: str | Path, data: bytes) -> bool:
    """Create `path` holding `data` (mode 0600) unless it exists; True when this call created it.

    The bytes go to a private temp file that is hard-linked into place, so two processes starting
    together agree on one content and a reader never sees a part of it."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        follow_folder_owner(tmp)
        try:
            os.link(tmp, path)
            return True
        except FileExistsError:
            return False  # another process won the race; use its file
    finally:
        tmp.unlink(missing_ok=True)
