"""The classes generalised after the thirteenth blind corpus (dev13), in new wordings.

A surname alone, or a first name that is also an English word ("rosemary", "rob"), is no longer a name
wherever it stands: it needs a cue, a title or a neighbour. What stays untouched: the famous asked about
("how old is ...", "tell me a fact about ...", "is ... still touring", a character "in the ... film"),
pets walked or booked at the groomer's, goods on a long shopping list, things ordered, festivals and
"... Day" announced with a date, events "happening", lochs and statues, radio stations, places "safe to
visit". Greeted and WhatsApp'd people, and people after "madame" or "missus", are names."""

from __future__ import annotations

import pytest

from sottovoce.redaction import Redactor

ROUND13_PEOPLE = [
    # a clear first name still stands alone; a surname or an English word needs a cue or a title
    ("david is picking us up at six", "<NAME> is picking us up at six"),
    ("text Mrs Blanco that the kids are sick", "text <NAME> that the kids are sick"),
    ("Tell Rosemary the plumber is here.", "Tell <NAME> the plumber is here."),
    ("ask rob to move his car", "ask <NAME> to move his car"),
    # greeted, messaged on WhatsApp, after a French or spoken title
    ("good morning chidi", "good morning <NAME>"),
    ("good night tayo sleep tight", "good night <NAME> sleep tight"),
    ("whatsapp amaka that we're running late", "whatsapp <NAME> that we're running late"),
    ("message madame dufresne about the recital", "message <NAME> about the recital"),
    ("text missus okoro that the parcel came", "text <NAME> that the parcel came"),
    # walked somewhere, or bought for, is a person
    ("walk tomasz home after school", "walk <NAME> home after school"),
    ("add a birthday cake for ingrid to the shopping list", "add a birthday cake for <NAME> to the shopping list"),
    ("Add Sarah, Mia and Tom to the guest list.", "Add <NAME>, <NAME> and <NAME> to the guest list."),
]
ROUND13_CLEAN = [
    "Add oat milk, crumpets, a block of cheddar, two tins of beans and Tony's chocolate to the shopping list.",
    "order more milo", "Order some Hill's kibble.",
    "walk biscuit before dinner", "did anyone walk pepper this morning", "Book Mango in at the groomers on Tuesday.",
    "how old is morgan freeman", "tell me a fact about ada lovelace", "Tell me something about Frida Kahlo.",
    "is dolly parton still touring", "who is sam in the lord of the rings film", "Who is Harry Potter's godfather?",
    "Remind me on 16 December it's Reconciliation Day.", "remind me on the fifth of march that it's holi",
    "is sinulog happening this weekend", "is lough neagh bigger than loch lomond",
    "How old is the King Edward statue in the square?", "play radio na gaeltachta",
    "Is Georgia safe to visit in May?", "Add a sprig of rosemary and a bay leaf.",
]


@pytest.mark.parametrize(("text", "expected"), ROUND13_PEOPLE)
def test_round_13_classes(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", ROUND13_CLEAN)
def test_round_13_rules_leave_commands_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text
