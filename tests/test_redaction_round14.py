"""The name classes generalised after the fourteenth blind corpus (dev14), in new wordings.

Untouched: greetings in the household's languages ("kia ora", "namaste"), grandparents in Malay and
Persian, Hari Raya, pets let out, fed or taken for a walk, clubs ("leeds united") with no talk of a match,
and what only the famous own ("Roger Federer's record"). Names: whoever "was born on" a date, and
unknown words spoken to between commas ("Lights out now, Sipho.")."""

from __future__ import annotations

import pytest

from sottovoce.redaction import Redactor

ROUND14_PEOPLE = [
    ("Bola was born on May 2, 2010.", "<NAME> was born on <DOB>."),
    ("Announce: Tunde, Ife, the taxi is here!", "Announce: <NAME>, <NAME>, the taxi is here!"),
    ("Lights out now, Sipho.", "Lights out now, <NAME>."),
    ("hey Thabo, dinner.", "hey <NAME>, dinner."),
    ("call auntie efe about the party", "call <NAME> about the party"),
    ("walk sarah to the bus stop", "walk <NAME> to the bus stop"),
    ("take lindiwe to the park for a walk", "take <NAME> to the park for a walk"),
]
ROUND14_CLEAN = [
    "hola what time is it", "kia ora what's the weather in rotorua", "namaste play some music",
    "call atuk", "ring nenek tonight", "call baba bozorg", "remind me on hari raya haji to call mak",
    "Take Biscuit out for a walk after lunch.", "Let Pepper out before bed.", "has mochi been fed today",
    "what did leeds united get", "how did bristol rovers do", "What's Roger Federer's record at Wimbledon?",
    "what is rihanna's net worth", "hello, how are you?",
]


@pytest.mark.parametrize(("text", "expected"), ROUND14_PEOPLE)
def test_round_14_name_classes(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", ROUND14_CLEAN)
def test_round_14_rules_leave_commands_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text
