"""The classes generalised after the eleventh blind corpus (dev11), in new wordings: plates in more shapes when
the line talks of a vehicle, Philippine and Canadian-French addresses, towns of several words before a post
code, people between commas after their trade, possessed documents, calls by name; and shops, places, prayers,
characters, the famous, radio stations and emergency numbers, which stay untouched."""

from __future__ import annotations

import pytest

from sottovoce.redaction import Redactor

PEOPLE = [
    # plates of other shapes, where the line is about a vehicle
    ("Did we pay the toll for ABT 229 yet?", "Did we pay the toll for <PLATE> yet?"),
    ("The ute 318 KPL needs new tyres.", "The ute <PLATE> needs new tyres."),
    ("Book the roadworthy for 2RT 5QX.", "Book the roadworthy for <PLATE>."),
    # addresses: a town of several words before the post code, block and lot, "chemin", "Ave N."
    ("We live at 9 Rizal Street, San Antonio Village West, Makati City 1203.", "We live at <ADDRESS> <POSTCODE>."),
    ("deliver to block four lot seven sunrise homes imus", "deliver to <ADDRESS>"),
    ("the chalet is at twelve chemin des pins bromont", "the chalet is at <ADDRESS>"),
    ("Tell Ken the parcel is at 2210 15th Ave N.", "Tell <NAME> the parcel is at <ADDRESS>."),
    # people: after their trade between commas, after a Filipino honorific, called over, owning a document
    ("Call the plumber, Joe Ferris, on 555 0199.", "Call the plumber, <NAME>, on <PHONE>."),
    ("tell ninang aling rosa the party is at six", "tell <NAME> the party is at six"),
    ("rina come downstairs now", "<NAME> come downstairs now"),
    ("dimitra's passport number is in the drawer", "<NAME>'s passport number is in the drawer"),
    ("ring gran sparrow", "ring <NAME>"),
]
CLEAN = [
    "Is GTX 4090 in stock?", "Move to gate BA 212",
    "call dida", "nobody born in may is on the list",
    "Is Westfield open on Sunday?", "Find the closest Bunnings.", "Is Cairns worth visiting in winter?",
    "Is Reading a town in England?", "remind me to pray maghrib", "tell me a story about paddington bear",
    "What did Isaac Newton discover?", "Who was Sammy Davis Jr.?", "play one oh four point nine f m",
    "call triple nine", "What's on for St. Andrew's Day?", "How old is someone born in 2001?",
]


@pytest.mark.parametrize(("text", "expected"), PEOPLE)
def test_round11_classes(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", CLEAN)
def test_round11_rules_leave_commands_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text
