"""Parse a raw payload from the command topic into a command, or None.

Pure and total: any bytes in, a command or None out, never an exception. The topic is writable by
anything on the broker, so the accepted language is tiny: "mute" or "unmute" (any case, spaces
around), or JSON {"command": "mute"}. What the daemon then does with a command (for example,
ignoring "unmute" unless consent.allow_remote_unmute) is remote_control's decision, not this one's.
"""

from __future__ import annotations

import json

MUTE = "mute"
UNMUTE = "unmute"
COMMANDS = (MUTE, UNMUTE)
MAX_PAYLOAD = 256
"""Longer payloads are rejected before decoding: a command is a word."""


def parse(payload: bytes | bytearray | memoryview | str | None) -> str | None:
    """The command in `payload`, or None for anything else (wrong shape, bad UTF-8, too long)."""
    if payload is None:
        return None
    if isinstance(payload, str):
        try:
            payload = payload.encode("utf-8")
        except UnicodeEncodeError:
            return None
    raw = bytes(payload)
    if not raw or len(raw) > MAX_PAYLOAD:
        return None
    try:
        text = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return None
    if text.startswith("{"):
        try:
            obj = json.loads(text)
        except (ValueError, RecursionError):
            return None
        if not isinstance(obj, dict) or set(obj) != {"command"} or not isinstance(obj["command"], str):
            return None
        text = obj["command"].strip()
    word = text.lower()
    return word if word in COMMANDS else None


def describe(payload: bytes) -> str:
    """A short, safe description of a rejected payload for a log line (length and a clipped prefix)."""
    head = bytes(payload[:24])
    return f"{len(payload)} bytes starting {head!r}"
