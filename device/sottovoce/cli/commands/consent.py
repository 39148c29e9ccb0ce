"""`sottovoce consent`: show what the household lets leave the device, and change it.

    sottovoce consent                      # show
    sottovoce consent text on              # change one key
    sottovoce consent commands on site daily
    sottovoce consent text=off             # the same with =
    sottovoce consent --none               # withdraw all consent (commands, text, wake_events, sensitive off)

Changes are written into the config file itself: tomlkit edits only the [consent] values and keeps
every comment and other key (a well-kept round-trip TOML library; a hand-written line editor would
miss quoting and inline-table cases). The new file is written beside the old one, checked with the
same loader `sottovoce run` uses, and moved into place with os.replace(), so a crash or a bad value
never leaves a half-written config. A running daemon picks the change up before its next decision.
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from typing import Any

import tomlkit

from sottovoce import settings as settings_mod
from sottovoce.cli import CommandError, load_settings
from sottovoce.delivery.audit import AuditLog
from sottovoce.privacy.consent import BOOL_KEYS, KEYS
from sottovoce.service.mute import MuteState
from sottovoce.state.atomic_file import atomic_write

NAME = "consent"
HELP = "show or change what may leave the device (default: nothing)"
READS_CONFIG = True

_TRUE = {"on": True, "true": True, "yes": True, "1": True, "off": False, "false": False, "no": False, "0": False}
_SENDING = ("commands", "text", "wake_events", "sensitive")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = ("keys:\n" + "\n".join(f"  {k:20} {v}" for k, v in KEYS.items()) +
                     "\n\nexamples:\n  sottovoce consent text on\n  sottovoce consent commands on site kitchen"
                     "\n  sottovoce consent --none\n\nThe change is written to the config file (comments kept) "
                     "and recorded in the audit log.")
    parser.add_argument("changes", nargs="*", metavar="KEY VALUE",
                        help="pairs of key and value, e.g. `text on` or `text=on`; on/off for yes/no keys")
    parser.add_argument("--none", action="store_true",
                        help="withdraw all consent: commands, text, wake_events and sensitive off")


def parse_changes(words: list[str], none: bool = False) -> dict[str, Any]:
    """KEY VALUE pairs (or KEY=VALUE) into typed values; CommandError names the bad word and the fix."""
    words = [part for word in words for part in (word.split("=", 1) if "=" in word else [word])]
    if len(words) % 2:
        raise CommandError(f"expected KEY VALUE pairs, got an odd number of words: {' '.join(words)} "
                           "(e.g. `sottovoce consent text on`)")
    changes: dict[str, Any] = {k: False for k in _SENDING} if none else {}
    for key, raw in zip(words[::2], words[1::2]):
        key = key.replace("-", "_").lower()
        if key not in KEYS:
            raise CommandError(f"unknown consent key {key!r}: expected one of {', '.join(KEYS)}")
        if key in BOOL_KEYS:
            if raw.lower() not in _TRUE:
                raise CommandError(f"{key} {raw!r}: expected on or off")
            changes[key] = _TRUE[raw.lower()]
        elif key == "time_precision":
            if raw not in ("minute", "hour", "day"):
                raise CommandError(f"time_precision {raw!r}: expected minute, hour or day")
            changes[key] = raw
        else:
            if not raw.strip():
                raise CommandError('site: expected "per_message", "daily" or a room label like "kitchen"')
            changes[key] = raw.strip()
    return changes


def edit_config(path: Path, changes: dict[str, Any]) -> None:
    """Set [consent] keys in the config file atomically, keeping comments; validate before replacing."""
    real = path.resolve()
    try:
        text = real.read_text(encoding="utf-8")
        st = real.stat()
        mode = st.st_mode & 0o7777
    except OSError as exc:
        raise CommandError(f"cannot read {real}: {exc}") from None
    doc = tomlkit.parse(text)
    if "consent" not in doc:
        doc.add("consent", tomlkit.table())
    table = doc["consent"]
    for key, value in changes.items():
        table[key] = value

    def check(tmp: str) -> None:
        try:
            result = settings_mod.load(tmp).consent
        except settings_mod.ConfigError as exc:
            raise CommandError(f"not changed; the result would be invalid: {exc}") from None
        wrong = [k for k, v in changes.items() if getattr(result, k) != v]
        if wrong:
            raise CommandError(f"not changed: could not set {', '.join(wrong)} in {real} "
                               "(is [consent] written in an unusual way?); edit the file by hand")

    try:  # sudo must not hand the service's config to root: keep its owner and mode
        atomic_write(real, tomlkit.dumps(doc).encode("utf-8"), mode=mode, owner=(st.st_uid, st.st_gid),
                     check=check)
    except OSError as exc:
        raise CommandError(f"cannot write {real} ({exc.strerror}): run as the config file's owner, "
                           "e.g. with sudo") from None


def open_audit(settings) -> AuditLog:
    """The audit log, or a CommandError that says how to get write access to it."""
    try:
        return AuditLog.for_settings(settings)
    except (sqlite3.Error, OSError) as exc:
        raise CommandError(f"cannot write the audit log in {settings.state_dir} ({exc}): "
                           "run as the service's user or with sudo") from None


def _show(word: Any) -> str:
    return ("on" if word else "off") if isinstance(word, bool) else str(word)


def main(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    changes = parse_changes(args.changes, args.none)
    consent = settings.consent
    if changes:
        if not settings.source_file:
            raise CommandError("no config file to change: pass --config FILE, set $SOTTOVOCE_CONFIG, "
                               "or install one at /etc/sottovoce/sottovoce.toml")
        audit = open_audit(settings)  # first: a change that cannot be audited is not made
        try:
            edit_config(Path(settings.source_file), changes)
            before = consent
            consent = settings_mod.load(settings.source_file, args.overrides).consent
            diffs = [f"{k}: {_show(getattr(before, k))} -> {_show(v)}" for k, v in changes.items()
                     if getattr(before, k) != v]
            audit.record("consent", "; ".join(diffs or ["no change"]) + " (sottovoce consent)")
        finally:
            audit.close()
        print(f"Changed {settings.source_file}: {', '.join(diffs) if diffs else 'nothing (already so)'}")
    origin = settings.source_file or "built-in defaults (no config file)"
    print(f"Consent ({origin}):")
    for key, meaning in KEYS.items():
        print(f"  {key:20} {_show(getattr(consent, key)):12} {meaning}")
    sending = [k for k in _SENDING[:3] if getattr(consent, k)]
    print("Sending: " + (", ".join(sending) if sending else "nothing (no consent given)") +
          ("; sensitive topics too" if consent.sensitive and sending else ""))
    if MuteState(settings.state_dir).muted:
        print("The device is muted: nothing is heard or sent until `sottovoce unmute`.")
    if args.overrides:
        print("(--set overrides shown above are not written to the file)")
    return 0
