"""The Redactor facade: run every detector over one transcript and cut out what they found.

Structured kinds (phone, card, email, address ...) come from the recognisers in
`recognisers.REGISTRY`; names come from the learned name tagger (`name_tagger`) plus the few
explainable rules in `name_rules` (after "my name is", the household's own names) and `kinship`
(a relationship word such as "ammi" or "nonna" is never a name). Every span says
which recogniser or model decided, its score and why (`Span.source`, `.score`, `.why`), for
`sottovoce redact --explain`.

Built once (models loaded, patterns compiled), then `redact()` is a pure function of its
input: no I/O, no shared mutable state, so one Redactor can serve several threads.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from typing import Iterable

from sottovoce.privacy.redaction.kinship import is_relationship_word
from sottovoce.privacy.redaction.name_rules import HouseholdNames, introduction_spans
from sottovoce.privacy.redaction.name_tagger import NameTagger, packaged_tagger
from sottovoce.privacy.redaction.recognisers import REGISTRY, Tokenised
from sottovoce.privacy.redaction.spans import Span, replace, resolve

log = logging.getLogger(__name__)

NAME_MODES = ("tagger+rules", "tagger")
"""How names are decided: the tagger with the explainable rules (the default), or the tagger alone
(kept for measuring: scripts/eval-redaction --names tagger). The former rule pile (15 name*.py
modules and a logistic regression) was measured against them and removed; see names.json."""
DEFAULT_NAME_MODE = "tagger+rules"

KINDS = ("PHONE", "CARD", "EXPIRY", "CVV", "NATIONAL_ID", "ACCOUNT", "EMAIL", "ADDRESS", "POSTCODE", "DOB",
         "SECRET", "PLATE", "NAME")


@dataclass(frozen=True)
class RedactionResult:
    text: str
    """The transcript with each personal item replaced by <KIND>; everything else byte-for-byte."""
    counts: dict[str, int] = field(default_factory=dict)
    """How many items of each kind were removed (kinds with none are absent)."""
    spans: tuple[Span, ...] = field(default=(), compare=False)
    """What was replaced, in text order: offsets in the input, kind, which recogniser decided, score
    (RAM only: they point into the raw transcript)."""


class Redactor:
    """Removes personal data from one transcript at a time, in Vosk's spoken or Whisper's written form."""

    def __init__(self, extra_names: Iterable[str] = (), names: str = DEFAULT_NAME_MODE,
                 name_tagger: NameTagger | str = "packaged"):
        if names not in NAME_MODES:
            raise ValueError(f"names must be one of {NAME_MODES}, not {names!r}")
        self._mode = names
        extra_names = tuple(extra_names)
        self._household = HouseholdNames(extra_names)
        self._tagger = packaged_tagger() if name_tagger == "packaged" else name_tagger

    def spans(self, text: str) -> list[Span]:
        """The non-overlapping spans that `redact` would replace."""
        transcript = Tokenised.of(text)
        if not transcript.tokens:
            return []
        found: list[Span] = []
        for recogniser in REGISTRY:
            found += recogniser.spans(transcript)
        found += self._name_spans(text, transcript.tokens)
        return _join_neighbours(text, resolve(found))

    def _name_spans(self, text: str, tokens) -> list[Span]:
        rules = self._mode == "tagger+rules"
        out = [Span(s.start, s.end, "NAME", 1, "name tagger", round(s.score, 3), self._why(s.score))
               for s in self._tagger.spans(text, never=is_relationship_word if rules else None)]
        if rules:
            out += introduction_spans(tokens) + self._household.spans(text)
        return out

    def _why(self, score: float) -> str:
        th, neighbour = self._tagger.threshold, self._tagger.neighbour_threshold
        if score >= th or neighbour is None:
            return f"the tagger's name probability {score:.3f} >= its threshold {th:.3f}"
        return (f"the tagger's name probability {score:.3f} >= its threshold {neighbour:.3f} "
                f"for a word joined to a name")

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
            why = last.why if span.why in ("", last.why) else f"{last.why}; {span.why}"
            out[-1] = dataclasses.replace(last, end=span.end, score=min(last.score, span.score), why=why)
        else:
            out.append(span)
    return out
