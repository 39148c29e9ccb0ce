"""The local pseudonym key (state_dir/secret): 32 random bytes that never leave the device.

With consent.site = "daily" the message's site is an HMAC of the date under this key. Losing or
erasing the key (`sottovoce forget`) only means the pseudonym changes; nothing else depends on it.
The file is created once, mode 0600, by writing a temp file and hard-linking it into place, so
two processes starting together agree on one key.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from sottovoce.state.atomic_file import write_once

log = logging.getLogger(__name__)

KEY_BYTES = 32
FILENAME = "secret"


class SiteKey:
    """`get()` returns the key, creating it on first use; cheap to call per message (one stat)."""

    def __init__(self, state_dir: str | Path):
        self.path = Path(state_dir) / FILENAME
        self._cached: tuple[tuple[int, int], bytes] | None = None

    def get(self) -> bytes:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return self._create()
        stamp = (st.st_ino, st.st_mtime_ns)
        if self._cached and self._cached[0] == stamp:
            return self._cached[1]
        key = self.path.read_bytes()
        if len(key) != KEY_BYTES:
            raise ValueError(f"{self.path}: expected {KEY_BYTES} bytes, found {len(key)}; "
                             "delete the file and a new key is made")
        self._cached = (stamp, key)
        return key

    def _create(self) -> bytes:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if write_once(self.path, secrets.token_bytes(KEY_BYTES)):
            log.info("created a new pseudonym key in %s", self.path.parent)
        return self.get()

    def erase(self) -> bool:
        """Delete the key (a new one is made on next use); True when there was one."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            return False
        self._cached = None
        return True
