"""The Redactor facade: run every detector over one transcript and cut out what they found.

Built once (name list loaded, patterns compiled), then `redact()` is a pure function of its
input: no I/O, no shared mutable state, so one Redactor can serve several threads.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Iterable

from sottovoce.privacy.redaction.address import address_spans
from sottovoce.privacy.redaction.aftercue import after_cue_spans
from sottovoce.privacy.redaction.contact import email_spans
from sottovoce.privacy.redaction.cued import cued_spans
from sottovoce.privacy.redaction.namemodel import NameModel, packaged_model
from sottovoce.privacy.redaction.names import load_names, name_spans
from sottovoce.privacy.redaction.numbers import digit_runs
from sottovoce.privacy.redaction.numeric import number_spans
from sottovoce.privacy.redaction.spans import Span, replace, resolve
from sottovoce.privacy.redaction.spelled import spelled_spans
from sottovoce.privacy.redaction.tokens import tokenize
from sottovoce.privacy.redaction.written import written_spans

log = logging.getLogger(__name__)

KINDS = ("PHONE", "CARD", "EXPIRY", "CVV", "NATIONAL_ID", "ACCOUNT", "EMAIL", "ADDRESS", "POSTCODE", "DOB",
         "SECRET", "PLATE", "NAME")


@dataclass(frozen=True)
class RedactionResult:
    text: str
    """The transcript with each personal item replaced by <KIND>; everything else byte-for-byte."""
    counts: dict[str, int] = field(default_factory=dict)
    """How many items of each kind were removed (kinds with none are absent)."""
    spans: tuple[Span, ...] = field(default=(), compare=False)
    """Where each item was in the input (RAM only: they point into the raw transcript)."""


class Redactor:
    """Removes personal data from one transcript at a time, in Vosk's spoken or Whisper's written form."""

    def __init__(self, extra_names: Iterable[str] = (), name_model: NameModel | None | str = "packaged"):
        self._names = load_names(extra_names)
        self._model = packaged_model() if name_model == "packaged" else name_model

    def spans(self, text: str) -> list[Span]:
        """The non-overlapping spans that `redact` would replace."""
        tokens = tokenize(text)
        if not tokens:
            return []
        written = any(t.text[0].isupper() or t.text[0].isdigit() for t in tokens)
        runs = digit_runs(tokens)
        found: list[Span] = []
        found += written_spans(text)
        found += email_spans(tokens)
        addresses, zips = address_spans(tokens, runs, written)
        found += addresses + zips
        found += cued_spans(tokens)
        found += after_cue_spans(tokens)
        found += number_spans(tokens, runs)
        found += spelled_spans(tokens)
        found += name_spans(tokens, self._names, self._model)
        return _join_neighbours(text, resolve(found))

    def redact(self, text: str) -> RedactionResult:
        spans = self.spans(text)
        if not spans:
            return RedactionResult(text, {})
        counts: dict[str, int] = {}
        for span in spans:
            counts[span.kind] = counts.get(span.kind, 0) + 1
        log.debug("redacted %s", counts)
        return RedactionResult(replace(text, spans), counts, tuple(spans))


def _join_neighbours(text: str, spans: list[Span]) -> list[Span]:
    """One placeholder for "john smith" or a card said in groups, not one per word."""
    out: list[Span] = []
    for span in spans:
        if out and out[-1].kind == span.kind and not text[out[-1].end:span.start].strip(" -"):
            last = out[-1]
            out[-1] = Span(last.start, span.end, last.kind, last.priority)
        else:
            out.append(span)
    return out
