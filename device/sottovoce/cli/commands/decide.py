"""`sottovoce decide`: what would leave the device for each transcript, and why.

Reads transcripts one per line on stdin and prints one JSON line for each, in order and flushed
at once (so it works behind a pipe):

    {"text": <redacted>, "redacted": {...}, "kind": "command"|"text"|"wake"|null,
     "intent": {"name": ..., "slots": {...}}|null, "decision": "sent"|"held", "reason": ...,
     "text_leaves": true|false}

It runs the same redaction, command recogniser, sensitive-topic check and consent policy as
`sottovoce run`, under the current consent (`--config`, `--set consent.text=true`), without audio,
MQTT or the audit log: a household can try a sentence before it says it, and scripts/bench-intents
scores the recogniser through it. `text_leaves` says whether the redacted text would be in the
message (consent.text) or only the intent.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import sys

from sottovoce.cli import CommandError, load_settings

NAME = "decide"
HELP = "show what would leave the device for each transcript on stdin (one JSON line each) and why"
READS_CONFIG = True

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def main(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    from sottovoce.cli.commands.redact import _logs_to_stderr
    from sottovoce.intents import CommandRecognizer, VocabularyError
    from sottovoce.privacy.consent import Policy
    from sottovoce.privacy.redaction import Redactor
    from sottovoce.privacy.sensitive import PolicyFileError

    _logs_to_stderr()
    from sottovoce.privacy.topics import TopicModel, TopicModelError

    try:
        policy = Policy.load(settings.consent, CommandRecognizer.for_settings(settings.commands), TopicModel())
    except (PolicyFileError, VocabularyError, TopicModelError) as exc:
        raise CommandError(str(exc), status=2) from None
    redactor = Redactor(settings.redaction.extra_names)
    consent = settings.consent
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline=None)
    lines = 0
    for line in stdin:
        raw = line.rstrip("\r\n")
        result = redactor.redact(raw)
        topics = policy.topics(raw, result.spans)  # on the raw line, identifiers masked, as `run` does
        verdict = policy.evaluate(result.text, consent, topics=topics)
        sent = verdict.action == "sent"
        row = {
            "text": result.text,
            "redacted": {str(k): int(v) for k, v in sorted(result.counts.items()) if int(v) > 0},
            "kind": verdict.kind if sent else None,
            "intent": verdict.intent.as_dict() if sent and verdict.intent else None,
            "decision": "sent" if sent else "held",
            "reason": verdict.reason,
            "text_leaves": sent and verdict.kind in ("command", "text") and verdict.include_text,
        }
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        lines += 1
    log.debug("decided %s lines", lines)
    return 0
