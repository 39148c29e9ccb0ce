"""Consent policy: may this redacted transcript leave the device, and as what kind of message?

Default deny. `decide` is pure (text facts and ConsentSettings in, a Verdict out) so every
combination is tested in a table; `Policy` holds the household's compiled allow-list of commands
and sensitive-topic terms and turns a transcript into those facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from sottovoce.privacy.sensitive import PolicyFileError, SensitiveTopics, normalize
from sottovoce.settings import ConsentSettings

ANY_WORDS = r"[^\s]+(?: [^\s]+){0,5}"
"""What {any} in commands.txt stands for: one to six words."""

# Consent keys a household can change with `sottovoce consent`, and what each means.
KEYS: dict[str, str] = {
    "commands": "send transcripts that match the command allow-list",
    "text": "send any redacted transcript",
    "wake_events": 'send only "a wake word was heard", without text',
    "sensitive": "also send transcripts about sensitive topics",
    "site": 'pseudonym: "per_message", "daily" or a room label',
    "time_precision": 'message times rounded to "minute", "hour" or "day"',
    "allow_remote_unmute": "obey `unmute` sent over MQTT",
}
BOOL_KEYS = ("commands", "text", "wake_events", "sensitive", "allow_remote_unmute")


@dataclass(frozen=True)
class Verdict:
    """`kind` is the message kind to send ("command", "text", "wake") or None when nothing is sent."""

    action: str  # "sent", "held" or "dropped"
    kind: str | None
    reason: str


def decide(text: str, consent: ConsentSettings, *, is_command: bool, topics: tuple[str, ...]) -> Verdict:
    """The decision for one wake word given what the text is (a command? sensitive topics?)."""
    if not text.strip():
        if consent.wake_events:
            return Verdict("sent", "wake", "no speech after the wake word; consent.wake_events is on")
        return Verdict("dropped", None, "no speech after the wake word")
    held = _why_text_held(consent, is_command, topics)
    if held is None:
        kind = "command" if consent.commands and is_command else "text"
        why = "matches an allowed command (consent.commands)" if kind == "command" else "consent.text is on"
        if topics:
            why += "; sensitive topic allowed (consent.sensitive)"
        return Verdict("sent", kind, why)
    if consent.wake_events:
        return Verdict("sent", "wake", f"text held back ({held}); sent only a wake event (consent.wake_events)")
    return Verdict("held", None, held)


def _why_text_held(consent: ConsentSettings, is_command: bool, topics: tuple[str, ...]) -> str | None:
    if not (consent.text or (consent.commands and is_command)):
        if consent.commands:
            return "not an allowed command and consent.text is off"
        return "no consent to send text (consent.text and consent.commands are off)"
    if topics and not consent.sensitive:
        return f"sensitive topic: {', '.join(topics)} (consent.sensitive is off)"
    return None


def compile_commands(lines: Iterable[str], source: str = "commands.txt") -> tuple[re.Pattern[str], ...]:
    """One full-match pattern per non-comment line; a bad line is named with its number."""
    patterns = []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            patterns.append(re.compile(line.replace("{any}", ANY_WORDS), re.IGNORECASE))
        except re.error as exc:
            raise PolicyFileError(f"{source}:{number}: not a valid regular expression ({exc}): {line}") from None
    return tuple(patterns)


@dataclass(frozen=True)
class Policy:
    """The household's allow-list and sensitive topics, compiled once."""

    commands: tuple[re.Pattern[str], ...]
    sensitive: SensitiveTopics

    @classmethod
    def load(cls, consent: ConsentSettings) -> "Policy":
        """Read consent.commands_file and consent.sensitive_file; PolicyFileError names what is wrong."""
        path = Path(consent.commands_file)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise PolicyFileError(f"{path}: cannot read the command allow-list ({exc}); "
                                  "set consent.commands_file to an existing file") from None
        return cls(compile_commands(lines, str(path)),
                   SensitiveTopics.load(consent.sensitive_file, consent.extra_sensitive_terms))

    def is_command(self, text: str) -> bool:
        norm = normalize(text)
        return bool(norm) and any(p.fullmatch(norm) for p in self.commands)

    def evaluate(self, text: str, consent: ConsentSettings) -> Verdict:
        return decide(text, consent, is_command=self.is_command(text), topics=self.sensitive.topics(text))
