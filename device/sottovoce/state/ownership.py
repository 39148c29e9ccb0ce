"""Files under state_dir must stay usable by the service's user when a person runs a command with sudo.

systemd makes /var/lib/sottovoce owned by the `sottovoce` user; `sudo sottovoce mute` runs as root.
A file root creates there (audit.sqlite3 on a fresh install, mute.json, the pseudonym key) would
lock the daemon out, so root hands each new file to the folder's owner.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


def follow_folder_owner(path: str | Path) -> None:
    """When running as root, give `path` the owner and group of its folder (no-op otherwise)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    path = Path(path)
    try:
        folder = path.parent.stat()
        st = path.stat()
        if (st.st_uid, st.st_gid) != (folder.st_uid, folder.st_gid):
            os.chown(path, folder.st_uid, folder.st_gid)
    except OSError as exc:
        log.warning("could not hand %s to the owner of its folder: %s", path, exc)
