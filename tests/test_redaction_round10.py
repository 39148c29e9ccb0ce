"""The classes generalised after the tenth blind corpus (dev10), in new wordings: months and everyday words
asked about as people, brands that are verbs or surnames, names joined by "and", Irish "o" surnames,
Philippine ID cues, numbered Pakistani and direction-named Australian addresses; and the famous, festivals,
distances, audiobooks and more words for grandparents, which stay untouched."""

from __future__ import annotations

import pytest

from sottovoce.redaction import Redactor

PEOPLE = [
    # a brand said as a verb or as a surname after a first name
    ("did gareth ring back yet", "did <NAME> ring back yet"),
    ("text Maria Costa that dinner is at seven", "text <NAME> that dinner is at seven"),
    ("Text Chase that the game is off.", "Text <NAME> that the game is off."),
    # asked about like only a person is, even a month or an everyday word
    ("is april home yet", "is <NAME> home yet"),
    ("Is Hunter awake?", "Is <NAME> awake?"),
    ("did april pack her lunch", "did <NAME> pack her lunch"),
    ("did dawn bring her laptop", "did <NAME> bring her laptop"),
    ("Remind me that April's phone number changed.", "Remind me that <NAME>'s phone number changed."),
    ("april has ballet at five", "<NAME> has ballet at five"),
    # joined by "and" to a name
    ("Ruth and April are coming for tea.", "<NAME> and <NAME> are coming for tea."),
    ("message tom and piet about the braai", "message <NAME> and <NAME> about the braai"),
    ("call mei hu", "call <NAME>"),
    ("Good morning, this is Rosa calling for Tremaine.", "Good morning, this is <NAME> calling for <NAME>."),
    # "o" inside an Irish surname after a title
    ("phone sister o sullivan", "phone <NAME>"),
    # numbered house and street (Pakistan), a street named by a direction (Australia), Philippine SSS
    ("Delivery to House 17, Street 3, Sector F, Islamabad 44000.", "Delivery to <ADDRESS>."),
    ("ship it to twelve north parade bathurst two seven nine five", "ship it to <ADDRESS> <POSTCODE>"),
    ("my sss number is zero two dash one two three four five six seven dash eight",
     "my sss number is <NATIONAL_ID>"),
    ("who was keisha's teacher", "who was <NAME>'s teacher"),
    # two first names opening a sentence, as the subject of what people are
    ("Hope and Joy were at the party.", "<NAME> and <NAME> were at the party."),
]
CLEAN = [
    # grandparents and mothers in French-Canadian, Swahili and Akan
    "call memere and pepere", "tell shosho the bus is late", "ring maame",
    # the famous, characters, festivals, distances and books
    "Who was Sarojini Naidu?", "what year did nelson mandela become president", "How tall was Napoleon?",
    "Who plays Hermione in the films?", "when is onam this year", "When is Chuseok next year?",
    "how far is montego bay from negril", "Play the audiobook of Oliver Twist.", "what's the newest john grisham novel",
    # months, days and brands that stay what they are
    "monday has football at six", "june has thirty days", "Sunday's match is at 3", "between may and june",
    "summer is coming to an end", "call chase about my card", "is the dog home", "get me a costa coffee",
    "call tim hortons", "salt and pepper are on the table",
]


@pytest.mark.parametrize(("text", "expected"), PEOPLE)
def test_round10_classes(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", CLEAN)
def test_round10_rules_leave_commands_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text
