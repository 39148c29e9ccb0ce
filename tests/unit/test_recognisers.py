"""The recogniser registry: each structured recogniser declares the kinds it emits and explains
every span it returns (which recogniser, and why: the cue, the shape, the check that passed)."""

from __future__ import annotations

import pytest
from sottovoce.privacy.redaction.recognisers import REGISTRY, Tokenised, describe
from sottovoce.privacy.redaction.redactor import KINDS

BY_NAME = {r.name: r for r in REGISTRY}

# (recogniser, transcript, kind it must find, words its explanation must contain)
CASES = [
    ("written pattern", "Her NI number is AB 12 34 56 C.", "NATIONAL_ID", ("National Insurance",)),
    ("written pattern", "Book KA 01 AB 1234 in for a wash.", "PLATE", ("Indian number plate",)),
    ("email", "my email is jane at gmail dot com", "EMAIL", ("'at'", "mail provider", "gmail")),
    ("email", "add new email to my contacts macs@gmail dot com", "EMAIL", ("@", "gmail")),
    ("address", "i live at four five six elm avenue", "ADDRESS", ("street word", "avenue")),
    ("cue", "my wifi password is purple monkey dishwasher", "SECRET", ("after the cue", "password")),
    ("after cue", "four eight two one is my pin", "SECRET", ("before", "pin")),
    ("spoken number", "call five five five two three four eight nine nine one", "PHONE", ("10 digits", "'call'")),
    ("spoken number", "add 4111 1111 1111 1111 to my wallet", "CARD", ("16 digits", "Luhn")),
    ("spoken number", "write down 07700 900123 before you go", "PHONE", ("11 digits", "libphonenumber")),
    ("spelled out", "whose car is a f one nine r w k", "PLATE", ("letters", "digits", "one by one")),
]


def test_the_registry_names_each_recogniser_once_with_known_kinds() -> None:
    assert len(BY_NAME) == len(REGISTRY)
    for r in REGISTRY:
        assert r.kinds and set(r.kinds) <= set(KINDS) and "NAME" not in r.kinds, r.name
        assert len(r.looks_for) > 40, r.name


@pytest.mark.parametrize("name, text, kind, words", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_each_recogniser_finds_its_kind_and_says_why(name, text, kind, words) -> None:
    recogniser = BY_NAME[name]
    spans = recogniser.spans(Tokenised.of(text))
    found = [s for s in spans if s.kind == kind]
    assert found, (name, text, spans)
    for span in spans:
        assert span.source == name and span.kind in recogniser.kinds and span.why, span
    assert any(all(w in s.why for w in words) for s in found), [s.why for s in found]


def test_ordinary_commands_give_no_structured_span() -> None:
    for text in ("set an alarm at seven", "play track two on abbey road", "what is twelve times twelve",
                 "set a timer for five minutes", "flight b a one one seven status"):
        t = Tokenised.of(text)
        assert [s for r in REGISTRY for s in r.spans(t)] == [], text


def test_describe_lists_every_recogniser() -> None:
    text = describe()
    assert all(f"{r.name} (" in text for r in REGISTRY) and "name tagger (NAME)" in text
