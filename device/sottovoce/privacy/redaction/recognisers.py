"""The registry of structured recognisers: each one finds candidates of some kinds, checks them, and
says why it fired.

Every entry names the kinds it can emit, what it looks for (the candidate pattern, the validator it
applies, the context words it needs) and a `find` over the shared view of one transcript. Each span
it returns carries `source` (the recogniser's name), `score` and `why` (the cue, the shape, the
check that passed), which `sottovoce redact --explain` prints. The Redactor runs them in this order
and resolves overlaps (`spans.resolve`); names are not here, they are the name tagger's judgement
plus the rules in `name_rules`.

`sottovoce redact --recognisers` lists this table.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable

from sottovoce.privacy.redaction.address import address_spans
from sottovoce.privacy.redaction.aftercue import after_cue_spans
from sottovoce.privacy.redaction.contact import email_spans
from sottovoce.privacy.redaction.cued import cued_spans
from sottovoce.privacy.redaction.numbers import DigitRun, digit_runs
from sottovoce.privacy.redaction.numeric import number_spans
from sottovoce.privacy.redaction.spans import Span
from sottovoce.privacy.redaction.spelled import spelled_spans
from sottovoce.privacy.redaction.tokens import Token, tokenize
from sottovoce.privacy.redaction.written import written_spans


@dataclass(frozen=True)
class Tokenised:
    """One transcript as every recogniser sees it, tokenised once (not events.Transcript, the
    recogniser's output that carries it through the pipeline)."""
    text: str
    tokens: list[Token]
    runs: list[DigitRun]
    """Runs of digits, written or spoken ("five five five one two", "555-0142")."""
    written: bool
    """Whisper's written form (capitals or digits somewhere), as opposed to Vosk's spoken form."""

    @classmethod
    def of(cls, text: str) -> "Tokenised":
        tokens = tokenize(text)
        return cls(text, tokens, digit_runs(tokens),
                   any(t.text[0].isupper() or t.text[0].isdigit() for t in tokens))


@dataclass(frozen=True)
class Recogniser:
    name: str
    kinds: tuple[str, ...]
    looks_for: str
    """Candidate pattern, validator and context words, in a sentence or two."""
    find: Callable[[Tokenised], list[Span]]

    def spans(self, transcript: Tokenised) -> list[Span]:
        return [s if s.source else dataclasses.replace(s, source=self.name) for s in self.find(transcript)]


def _addresses(t: Tokenised) -> list[Span]:
    streets, codes = address_spans(t.tokens, t.runs, t.written)
    return streets + codes


REGISTRY: tuple[Recogniser, ...] = (
    Recogniser("written pattern", ("EMAIL", "ACCOUNT", "NATIONAL_ID", "POSTCODE", "PLATE"),
               "shapes no command takes, written: an @ address, an IBAN, a UK National Insurance number, a US SSN "
               "(3-2-4), an Indian PAN or IFSC, UK, Canadian and Irish post codes, number plates of the "
               "English-speaking world (split plates only in a line about a vehicle)",
               lambda t: written_spans(t.text)),
    Recogniser("email", ("EMAIL",),
               "'at' (or '@') then a domain (a mail provider, or a word then 'dot' and a top-level domain); the local "
               "part is taken back to the first command word, and needs a provider, a spelled part (dots, digits) "
               "or an email cue in the line",
               lambda t: email_spans(t.tokens)),
    Recogniser("address", ("ADDRESS", "POSTCODE"),
               "a house number (or unit, PO box, 'I live at') then a street word (road, street, avenue ...), "
               "then the town and a zip or post code if they follow",
               _addresses),
    Recogniser("cue", ("SECRET", "DOB", "EXPIRY", "CVV", "PLATE", "NATIONAL_ID", "ACCOUNT", "POSTCODE"),
               "the value after a cue phrase of its kind ('my password is', 'date of birth', 'expires', "
               "'security code', 'number plate', 'passport number'), read to the end of the value",
               lambda t: cued_spans(t.tokens)),
    Recogniser("after cue", ("SECRET", "DOB", "CVV", "PLATE", "NATIONAL_ID", "ACCOUNT", "POSTCODE", "CARD",
                             "PHONE", "EXPIRY"),
               "a value said before its cue: '4821 is my pin', 'the third of may is my birthday'",
               lambda t: after_cue_spans(t.tokens)),
    Recogniser("spoken number", ("PHONE", "CARD", "EXPIRY", "CVV", "NATIONAL_ID", "ACCOUNT", "POSTCODE"),
               "a run of digits, spoken or written, classed by the nearest cue before it and its length; without "
               "a cue only identifier shapes: Luhn-valid 13-19 digits (card), a number libphonenumber calls "
               "possible (phone), 3-2-4 groups (SSN), 16+ digits (account); never a quantity, a count, a date "
               "or arithmetic",
               lambda t: number_spans(t.tokens, t.runs)),
    Recogniser("spelled out", ("PLATE", "POSTCODE"),
               "letters and digits said one by one, with at least two letters and a digit ('k l m four one "
               "two'), not in alphabet order and not after a word naming a thing (flight, gate)",
               lambda t: spelled_spans(t.tokens)),
)


def describe() -> str:
    """The registry as a table, one recogniser per paragraph (for `sottovoce redact --recognisers`)."""
    out = []
    for r in REGISTRY:
        out.append(f"{r.name} ({', '.join(r.kinds)})\n    {r.looks_for}")
    out.append("name tagger (NAME)\n    the learned name tagger (data/names): a fine-tuned MiniLM encoder scores every "
               "word of the utterance; a word at or above the threshold is a name")
    out.append("rule: after 'my name is' (NAME) / rule: household name (NAME)\n    the words after an introduction, "
               "and the household's own names (redaction.extra_names) wherever they occur")
    return "\n".join(out)
