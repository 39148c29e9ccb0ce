"""What a command on the MQTT command topic may do: the network can only tighten privacy.

`mute` is always obeyed. `unmute` only when the household set consent.allow_remote_unmute; otherwise
it is refused and the refusal is audited, so someone on the network cannot turn the microphone back
on. `decide_remote_command` is pure; `apply_remote_command` is the hook the MQTT link calls.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sottovoce.settings import Settings

log = logging.getLogger(__name__)

COMMANDS = ("mute", "unmute")


@dataclass(frozen=True)
class RemoteDecision:
    accepted: bool
    mute: bool | None
    """The mute state to set when accepted, else None."""
    reason: str


def parse_command(payload: bytes | str | None) -> str:
    """The command word from an MQTT payload: "mute", "unmute", or "" when it is neither."""
    if payload is None:
        return ""
    if isinstance(payload, bytes):
        payload = payload.decode("utf-8", "replace")
    word = payload.strip().lower()
    return word if word in COMMANDS else ""


def decide_remote_command(command: str, *, allow_remote_unmute: bool) -> RemoteDecision:
    if command == "mute":
        return RemoteDecision(True, True, "mute requested over MQTT")
    if command == "unmute":
        if allow_remote_unmute:
            return RemoteDecision(True, False, "unmute requested over MQTT (consent.allow_remote_unmute is on)")
        return RemoteDecision(False, None, "unmute over MQTT refused: consent.allow_remote_unmute is off; "
                                           "unmute on the device with `sottovoce unmute`")
    return RemoteDecision(False, None, "unknown command on the MQTT command topic (expected mute or unmute)")


def apply_remote_command(payload: bytes | str | None, settings: Settings, mute_state, audit=None) -> tuple[bool, str]:
    """Carry out an MQTT command: set `mute_state` (a MuteState) and write an audit record.

    Returns (accepted, reason); the payload itself is never logged or audited (it could be anything)."""
    decision = decide_remote_command(parse_command(payload),
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
