"""`sottovoce mute`: stop listening until `sottovoce unmute` (survives restarts).

A running daemon checks the mute file before every audio frame, so it stops within a frame."""

from __future__ import annotations

import argparse
import sqlite3
import sys

from sottovoce.cli import CommandError, load_settings
from sottovoce.cli.commands.consent import open_audit
from sottovoce.service.mute import MuteState

NAME = "mute"
HELP = "stop listening (nothing is heard, transcribed or sent) until `sottovoce unmute`"
READS_CONFIG = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def set_mute(args: argparse.Namespace, muted: bool) -> int:
    """Mute always works, even if the audit log cannot be written (it only tightens privacy);
    unmute is refused unless it can be audited."""
    settings = load_settings(args)
    word = "mute" if muted else "unmute"
    audit = None if muted else open_audit(settings)
    try:
        try:
            changed = MuteState(settings.state_dir).set(muted, by="local")
        except OSError as exc:
            raise CommandError(f"cannot write the state folder {settings.state_dir} ({exc}): "
                               "run as the service's user or with sudo") from None
        reason = f"{word}d on the device (sottovoce {word})" + ("" if changed else "; already so")
        try:
            audit = audit or open_audit(settings)
            audit.record(word, reason)
        except (CommandError, sqlite3.Error) as exc:
            print(f"sottovoce {word}: warning: not recorded in the audit log: {exc}", file=sys.stderr)
    finally:
        if audit is not None:
            audit.close()
    state = "Muted: not listening" if muted else "Unmuted: listening for the wake word"
    print(state + ("" if changed else " (already so)") + ".")
    return 0


def main(args: argparse.Namespace) -> int:
    return set_mute(args, True)
