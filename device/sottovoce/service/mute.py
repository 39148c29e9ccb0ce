"""Mute, persisted in state_dir/mute.json and shared between processes.

`sottovoce mute` in one process must stop a running daemon within a frame or two, so the daemon
reads `MuteState.muted` before every 80 ms frame: that costs one os.stat() and re-reads the file
only when its inode, size or mtime changed. Writes go to a temp file that replaces mute.json in
one step, so a reader never sees half a file. An unreadable or corrupt file counts as muted:
when in doubt, do not listen.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Callable

from sottovoce.state.atomic_file import atomic_write

log = logging.getLogger(__name__)

FILENAME = "mute.json"


class MuteState:
    def __init__(self, state_dir: str | Path, clock: Callable[[], float] = time.time):
        self.path = Path(state_dir) / FILENAME
        self._clock = clock
        self._stamp: tuple[int, int, int] | None = None
        self._muted = False
        self._info: dict = {}

    @property
    def muted(self) -> bool:
        """Current mute state; cheap enough to call for every audio frame."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            self._stamp, self._muted, self._info = None, False, {}
            return False
        except OSError as exc:
            log.warning("cannot check %s (%s): staying muted", self.path, exc)
            return True
        stamp = (st.st_ino, st.st_size, st.st_mtime_ns)
        if stamp != self._stamp:
            self._stamp = stamp
            self._muted, self._info = self._read()
        return self._muted

    @property
    def info(self) -> dict:
        """What mute.json says beyond muted: "since" (epoch seconds) and "by" (who changed it)."""
        _ = self.muted
        return dict(self._info)

    def _read(self) -> tuple[bool, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            value = data["muted"]
            if not isinstance(value, bool):
                raise ValueError("muted is not true or false")
            return value, data
        except FileNotFoundError:
            return False, {}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("%s is unreadable (%s): staying muted until `sottovoce mute` or `unmute` rewrites it",
                        self.path, exc)
            return True, {}

    def set(self, muted: bool, by: str) -> bool:
        """Persist the state; returns True when it changed."""
        before = self.muted
        if before == bool(muted) and self._info:
            return False  # already so: keep "since" and "by" as they were
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = {"muted": bool(muted), "since": round(self._clock(), 3), "by": by}
        atomic_write(self.path, json.dumps(body).encode() + b"\n")
        self._stamp = None
        return before != bool(muted)
