"""The anonymous outgoing message, and the site pseudonym it carries.

Pure: the clock reading, the random source and the pseudonym key are passed in. A message holds
only what the household consented to: a random id, a pseudonym, a coarsened time, the kind, the
redacted text (only with consent.text), the recognised intent and its slots (a command), redaction
counts and the wake word's name. Never a hostname, MAC, serial, machine
id, user or account name, audio, or a precise time (the schema in data/message.schema.json has
additionalProperties false, so a stray field fails the tests).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import uuid
from datetime import datetime, timezone
from pathlib import PurePath
from typing import Callable, Mapping

KINDS = ("command", "text", "wake")
PRECISIONS = ("minute", "hour", "day")
RandomBytes = Callable[[int], bytes]

_LABEL_OK = re.compile(r"[^\w .-]+")


def coarse_time(now: float, precision: str = "minute") -> str:
    """UTC time rounded down to the minute, hour or day, e.g. "2026-11-21T05:54:00Z"."""
    t = datetime.fromtimestamp(now, tz=timezone.utc).replace(second=0, microsecond=0)
    if precision in ("hour", "day"):
        t = t.replace(minute=0)
    if precision == "day":
        t = t.replace(hour=0)
    elif precision != "hour" and precision != "minute":
        raise ValueError(f"time precision {precision!r}: expected one of {', '.join(PRECISIONS)}")
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def random_id(rng: RandomBytes) -> str:
    """A version-4 UUID from 16 bytes of the given random source."""
    return str(uuid.UUID(bytes=rng(16), version=4))


def daily_pseudonym(key: bytes, now: float) -> str:
    """HMAC-SHA256 of the UTC date under the local key: stable for a day, unlinkable across days
    without the key (which never leaves the device)."""
    day = datetime.fromtimestamp(now, tz=timezone.utc).date().isoformat()
    return hmac.new(key, b"sottovoce-site/" + day.encode(), hashlib.sha256).hexdigest()[:16]


def site_pseudonym(mode: str, *, now: float, rng: RandomBytes, key: Callable[[], bytes]) -> str:
    """consent.site: "per_message" (fresh random), "daily" (keyed hash of the date) or a room label.

    `key` is only called for "daily", so other modes never create a key file."""
    if mode == "per_message":
        return rng(8).hex()
    if mode == "daily":
        return daily_pseudonym(key(), now)
    return room_label(mode)


def room_label(label: str) -> str:
    """The household's label, tidied: at most 64 characters of letters, digits, space, . _ -."""
    return _LABEL_OK.sub("", label).strip()[:64] or "home"


def wake_word_name(word: str) -> str:
    """A built-in name, or a custom model's file stem: never its path (which may hold a user name)."""
    name = PurePath(word).name
    for suffix in (".tflite", ".onnx"):
        name = name.removesuffix(suffix)
    return name


def build_message(*, kind: str, text: str, redacted: Mapping[str, int], wake_word: str, now: float,
                  precision: str, site: str, rng: RandomBytes, intent: Mapping | None = None) -> dict:
    """The anonymous message. A "wake" message carries no text and no redaction counts; a "command"
    carries `intent` ({"name", "slots"}) and the text only when `text` is given (consent.text)."""
    if kind not in KINDS:
        raise ValueError(f"message kind {kind!r}: expected one of {', '.join(KINDS)}")
    if (kind == "command") != (intent is not None):
        raise ValueError("a command message needs its intent, and only a command carries one")
    wake = kind == "wake"
    message = {
        "id": random_id(rng),
        "site": site,
        "time": coarse_time(now, precision),
        "kind": kind,
        "redacted": {} if wake else {str(k): int(v) for k, v in sorted(redacted.items()) if int(v) > 0},
        "wake_word": wake_word_name(wake_word),
    }
    if kind != "command" or text:
        message["text"] = "" if wake else text
    if intent is not None:
        message["intent"] = {"name": str(intent["name"]), "slots": dict(intent.get("slots", {}))}
    return message


def encode(message: Mapping) -> bytes:
    """The exact bytes to publish and to keep in the audit log (compact, sorted keys, UTF-8)."""
    return json.dumps(message, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
