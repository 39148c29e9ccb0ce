"""Commands on the MQTT command topic: what they say, and what they may do.

The network can only tighten privacy. The topic is writable by anything on the broker, so the
accepted language is tiny: "mute" or "unmute" (any case, spaces around), or JSON
{"command": "mute"}; `parse` is pure and total (any bytes in, a command or None out, never an
exception). `mute` is always obeyed; `unmute` only when the household set
consent.allow_remote_unmute, otherwise it is refused and the refusal audited, so someone on the
network cannot turn the microphone back on. `decide_remote_command` is pure;
`apply_remote_command` is the hook the MQTT publisher calls.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sottovoce.settings import Settings

if TYPE_CHECKING:
    from sottovoce.delivery.audit import AuditLog
    from sottovoce.service.mute import MuteState

log = logging.getLogger(__name__)

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


@dataclass(frozen=True)
class RemoteDecision:
    accepted: bool
    mute: bool | None
    """The mute state to set when accepted, else None."""
    reason: str


def decide_remote_command(command: str, *, allow_remote_unmute: bool) -> RemoteDecision:
    if command == "mute":
        return RemoteDecision(True, True, "mute requested over MQTT")
    if command == "unmute":
        if allow_remote_unmute:
            return RemoteDecision(True, False, "unmute requested over MQTT (consent.allow_remote_unmute is on)")
        return RemoteDecision(False, None, "unmute over MQTT refused: consent.allow_remote_unmute is off; "
                                           "unmute on the device with `sottovoce unmute`")
    return RemoteDecision(False, None, "unknown command on the MQTT command topic (expected mute or unmute)")


def apply_remote_command(payload: bytes | str | None, settings: Settings, mute_state: MuteState,
                         audit: AuditLog | None = None) -> tuple[bool, str]:
    """Carry out an MQTT command: set `mute_state` (a MuteState) and write an audit record.

    Returns (accepted, reason); the payload itself is never logged or audited (it could be anything)."""
    decision = decide_remote_command(parse(payload) or "",
                                     allow_remote_unmute=settings.consent.allow_remote_unmute)
    if decision.accepted:
        changed = mute_state.set(decision.mute, by="mqtt")
        reason = decision.reason + ("" if changed else " (already so)")
        log.info("remote command: %s", reason)
        if audit is not None:
            audit.record("mute" if decision.mute else "unmute", reason)
        return True, reason
    log.warning("remote command: %s", decision.reason)
    if audit is not None:
        audit.record("refused", decision.reason)
    return False, decision.reason
