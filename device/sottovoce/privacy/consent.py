"""Consent policy: may this redacted transcript leave the device, and as what kind of message?

Default deny. `decide` is pure (text facts and ConsentSettings in, a Verdict out) so every
combination is tested in a table; `Policy` holds the command recogniser (Home Assistant's intent
grammar, compiled once), the learned sensitive-topic model and the household's own sensitive
terms, and turns a transcript into those facts. Sensitive topics are judged on the raw transcript,
in RAM, before names are redacted (`Policy.topics`): the redactor can take "gay" or "stabbed"
for a name. Identifiers (phone, card, account numbers, emails, ...) are masked first: they say
nothing about a topic and mislead the model ("call mum on 07700 900123" read as health). The
command is recognised on the redacted text.

With consent.commands alone a recognised command leaves as its intent and slots, without the
transcript (`Verdict.include_text` is False); the text goes along only when consent.text is on too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sottovoce.intents import CommandRecognizer, Intent
from sottovoce.privacy.redaction.spans import Span, replace
from sottovoce.privacy.sensitive import SensitiveTopics
from sottovoce.settings import ConsentSettings

# Consent keys a household can change with `sottovoce consent`, and what each means.
KEYS: dict[str, str] = {
    "commands": "send recognised commands as intents (no transcript text)",
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
    intent: Intent | None = None
    """The recognised command carried by a "command" message."""
    include_text: bool = False
    """Whether the redacted transcript goes in the message (only with consent.text)."""


def decide(text: str, consent: ConsentSettings, *, intent: Intent | None, topics: tuple[str, ...]) -> Verdict:
    """The decision for one wake word given what the text is (which command, if any; sensitive topics?)."""
    if not text.strip():
        if consent.wake_events:
            return Verdict("sent", "wake", "no speech after the wake word; consent.wake_events is on")
        return Verdict("dropped", None, "no speech after the wake word")
    is_command = intent is not None
    held = _why_text_held(consent, is_command, topics)
    if held is None:
        if is_command and consent.commands:
            why = f"recognised command {intent.name} (consent.commands); " + (
                "with the text (consent.text)" if consent.text else "intent only, no text (consent.text is off)")
        elif is_command:
            why = f"recognised command {intent.name}; consent.text is on"
        else:
            why = "consent.text is on"
        if topics:
            why += "; sensitive topic allowed (consent.sensitive)"
        return Verdict("sent", "command" if is_command else "text", why,
                       intent=intent, include_text=consent.text)
    if consent.wake_events:
        return Verdict("sent", "wake", f"text held back ({held}); sent only a wake event (consent.wake_events)")
    return Verdict("held", None, held)


def _why_text_held(consent: ConsentSettings, is_command: bool, topics: tuple[str, ...]) -> str | None:
    if not (consent.text or (consent.commands and is_command)):
        if consent.commands:
            return "not a recognised command and consent.text is off"
        return "no consent to send text (consent.text and consent.commands are off)"
    if topics and not consent.sensitive:
        return f"sensitive topic: {', '.join(topics)} (consent.sensitive is off)"
    return None


class TopicJudge(Protocol):
    """What the policy needs of the learned topic model (`privacy.topics.TopicModel`)."""

    def classify(self, text: str):  # -> TopicVerdict (topic: str | None, score, threshold)
        ...


@dataclass(frozen=True)
class Policy:
    """The command recogniser, the topic model and the household's sensitive terms, each made once."""

    commands: CommandRecognizer
    sensitive: SensitiveTopics
    """The household's own terms (consent.sensitive_file, consent.extra_sensitive_terms)."""
    model: TopicJudge | None = None
    """The learned sensitive-topic model; None only where a caller chose the terms alone."""

    @classmethod
    def load(cls, consent: ConsentSettings, commands: CommandRecognizer,
             model: TopicJudge | None = None) -> "Policy":
        """Read consent.sensitive_file (PolicyFileError names what is wrong); the recogniser and
        the topic model are made once by the caller (compiling the grammar takes about a second
        on a Pi, loading the model a few tenths)."""
        return cls(commands, SensitiveTopics.load(consent.sensitive_file, consent.extra_sensitive_terms), model)

    def recognize(self, text: str) -> Intent | None:
        return self.commands.recognize(text) if text.strip() else None

    def topics(self, raw_text: str, found_items: tuple[Span, ...] = ()) -> tuple[str, ...]:
        """The sensitive topics of the raw transcript: the model's judgement, then any topic whose
        household terms it names. `found_items` are the redactor's spans in it: the identifiers
        among them are masked for the model, the names are not. Nothing of the text is kept."""
        found: list[str] = []
        if self.model is not None and raw_text.strip():
            verdict = self.model.classify(replace(raw_text, [s for s in found_items if s.kind != "NAME"]))
            if verdict.topic is not None:
                found.append(verdict.topic)
        found += [t for t in self.sensitive.topics(raw_text) if t not in found]
        return tuple(found)

    def evaluate(self, text: str, consent: ConsentSettings, *, topics: tuple[str, ...]) -> Verdict:
        """The verdict for redacted `text`, given the `topics` judged on it before redaction."""
        return decide(text, consent, intent=self.recognize(text), topics=topics)
