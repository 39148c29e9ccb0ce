"""The install id (state_dir/install_id): a random pseudonym for this speaker, used in its topics.

Several speakers in one home must not share `sottovoce/home`: one going offline would make them all
unavailable in Home Assistant and one mute command would mute them all. So the default topic prefix
is `sottovoce/<install id>`: 12 random hex digits made on first start, never derived from the
hostname, MAC or serial, kept under state.dir so it is stable across restarts (Home Assistant keeps
the device), and erased by `sottovoce forget` (the speaker then appears as a new device). It only
tells the broker's clients "these messages come from the same speaker", which the topic did anyway.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from pathlib import Path

from sottovoce.state.atomic_file import atomic_write, write_once

log = logging.getLogger(__name__)

FILENAME = "install_id"
ID_BYTES = 6
_SHAPE = re.compile(r"^[0-9a-f]{12}$")


def new_install_id() -> str:
    return secrets.token_hex(ID_BYTES)


class InstallId:
    """`get()` returns the id, creating it on first use; `erase()` deletes it."""

    def __init__(self, state_dir: str | Path):
        self.path = Path(state_dir) / FILENAME

    def get(self) -> str:
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if write_once(self.path, (new_install_id() + "\n").encode("ascii")):
                log.info("made a new install id for this speaker's MQTT topics in %s", self.path)
            return self.get()
        except UnicodeDecodeError:
            text = ""
        if _SHAPE.match(text):
            return text
        fresh = new_install_id()
        log.warning("%s did not hold an install id; made a new one (this speaker's topics change to "
                    "sottovoce/%s)", self.path, fresh)
        atomic_write(self.path, (fresh + "\n").encode("ascii"))
        return fresh

    def erase(self) -> bool:
        """Delete the id (a new one is made on the next start); True when there was one."""
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            return False
        return True
