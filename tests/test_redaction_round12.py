"""The classes generalised after the twelfth blind corpus (dev12), in new wordings: the famous asked "who is",
smart-home scenes, chapters about someone, the time in a city, plates beside a car's make or a rental, what
someone said, house numbers said with "house", numbered county roads and a direction after the street type."""

from __future__ import annotations

import pytest

from sottovoce.redaction import Redactor

PEOPLE = [
    ("Who is Aoife Byrne? She called twice.", "Who is <NAME>? She called twice."),
    ("who is maria gonzalez in my contacts", "who is <NAME> in my contacts"),
    ("Note: Kayla's Corolla is BXT 472.", "Note: <NAME>'s Corolla is <PLATE>."),
    ("The rego for KPJ88 is due.", "The rego for <PLATE> is due."),
    ("what did ngozi say about the trip", "what did <NAME> say about the trip"),
    ("we moved to house nine jacaranda road", "we moved to <ADDRESS>"),
    ("send it to nine county road twelve", "send it to <ADDRESS>"),
    ("the address is forty king street west toronto", "the address is <ADDRESS>"),
]
CLEAN = [
    "who is jacinda ardern", "Who is Kylie Minogue dating?", "Set the scene to Movie Night.",
    "read the episode about robin hood", "What time is it in Darwin?", "tell nanna the bus is late",
    "what did the doctor say", "turn left at the lights and then right",
]


@pytest.mark.parametrize(("text", "expected"), PEOPLE)
def test_round12_classes(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", CLEAN)
def test_round12_rules_leave_commands_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text
