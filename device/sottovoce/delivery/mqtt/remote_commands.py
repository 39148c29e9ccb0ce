"""Commands on the MQTT command topic: what they say, and what they may do.

The network can only tighten privacy. The topic is writable by anything on the broker, so the
accepted language is tiny: "mute" or "unmute" (any case, spaces around), or JSON
{"command": "mute"}; `parse` is pure and total (any bytes in, a command or None out, never an
exception). `mute` is always obeyed; `unmute` only when the household set
consent.allow_remote_unmute, otherwise it is refused and the refusal audited, so someone on the
network cannot turn the microphone back on. `decide_remote_command` and
`RefusalSummary` are pure; `RemoteCommands` is what the daemon runs for each command. Retained
messages on the topic are never commands (the publisher drops them), so a command acts once and is
not replayed by every reconnect.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

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


REFUSAL_WINDOW = 60.0
"""Refused commands are summarised: the first is logged and audited at once, the rest of a minute
as one line and one audit record with their count, so a flood cannot fill the disk or the journal."""


class RefusalSummary:
    """Pure counting of refusals per window; `refused` and `due` say what to report and when."""

    def __init__(self, window: float = REFUSAL_WINDOW):
        self.window = window
        self._until: float | None = None
        self._count = 0
        self._reason = ""

    def refused(self, reason: str, now: float) -> bool:
        """Count one refusal; True when it opens a window and must be reported by itself now."""
        if self._until is None:
            self._until = now + self.window
            return True
        self._count += 1
        self._reason = reason
        return False

    def due(self, now: float) -> tuple[int, str] | None:
        """(count, last reason) of the refusals held back in a window that has ended, else None."""
        if self._until is None or now < self._until:
            return None
        count, reason = self._count, self._reason
        self._count, self._reason = 0, ""
        self._until = now + self.window if count else None  # a flood keeps a window open
        return (count, reason) if count else None


class RemoteCommands:
    """Carries out commands from the MQTT command topic: sets the mute state, audits, summarises.

    Runs on the publisher's drain thread (never paho's network thread: it writes files and SQLite).
    `allow_remote_unmute()` is asked at every command, so a consent change applies to the next one.
    The payload itself is never logged or audited (it could be anything)."""

    def __init__(self, mute_state: MuteState, audit: AuditLog | None, allow_remote_unmute: Callable[[], bool],
                 clock: Callable[[], float] = time.monotonic, window: float = REFUSAL_WINDOW,
                 summary: RefusalSummary | None = None):
        """`summary` may be shared with an earlier RemoteCommands (a reload), so a flood stays one
        count across it."""
        self._mute = mute_state
        self._audit = audit
        self._allow = allow_remote_unmute
        self._clock = clock
        self._summary = summary if summary is not None else RefusalSummary(window)
        self.refused = 0
        """Refused commands since start (for tests and `doctor`)."""

    def handle(self, payload: bytes | str | None) -> tuple[bool, str]:
        """Apply one command; returns (accepted, reason)."""
        self.flush()
        decision = decide_remote_command(parse(payload) or "", allow_remote_unmute=bool(self._allow()))
        if decision.accepted:
            changed = self._mute.set(decision.mute, by="mqtt")
            reason = decision.reason + ("" if changed else " (already so)")
            log.info("remote command: %s", reason)
            if self._audit is not None:
                self._audit.record("mute" if decision.mute else "unmute", reason)
            return True, reason
        self.refused += 1
        if self._summary.refused(decision.reason, self._clock()):
            log.warning("remote command: %s (further refusals are counted and summarised once a minute)",
                        decision.reason)
            if self._audit is not None:
                self._audit.record("refused", decision.reason)
        return False, decision.reason

    def flush(self) -> None:
        """Report refusals held back in a window that has ended (the publisher calls it every second)."""
        due = self._summary.due(self._clock())
        if due is None:
            return
        count, reason = due
        text = f"{count} more remote command{'s' * (count != 1)} refused in the last minute: {reason}"
        log.warning("remote command: %s", text)
        if self._audit is not None:
            self._audit.record("refused", text)


def apply_remote_command(payload: bytes | str | None, settings: Settings, mute_state: MuteState,
                         audit: AuditLog | None = None) -> tuple[bool, str]:
    """Carry out one command now (no summary across calls): see RemoteCommands."""
    return RemoteCommands(mute_state, audit, lambda: settings.consent.allow_remote_unmute).handle(payload)
