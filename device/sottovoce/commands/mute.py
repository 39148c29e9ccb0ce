"""`sottovoce mute`: stop listening until `sottovoce unmute` (survives restarts).

A running daemon checks the mute file before every audio frame, so it stops within a frame."""

from __future__ import annotations

import argparse

from sottovoce.audit import AuditLog
from sottovoce.cli import CommandError, load_settings
from sottovoce.mute_state import MuteState

NAME = "mute"
HELP = "stop listening (nothing is heard, transcribed or sent) until `sottovoce unmute`"
READS_CONFIG = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def set_mute(args: argparse.Namespace, muted: bool) -> int:
    settings = load_settings(args)
    word = "mute" if muted else "unmute"
    try:
        changed = MuteState(settings.state_dir).set(muted, by="local")
        with AuditLog.for_settings(settings) as audit:
            audit.record(word, f"{word}d on the device (sottovoce {word})" + ("" if changed else "; already so"))
    except OSError as exc:
        raise CommandError(f"cannot write the state folder {settings.state_dir} ({exc.strerror}): "
                           "run as the service's user or with sudo") from None
    state = "Muted: not listening" if muted else "Unmuted: listening for the wake word"
    print(state + ("" if changed else " (already so)") + ".")
    return 0


def main(args: argparse.Namespace) -> int:
    return set_mute(args, True)
