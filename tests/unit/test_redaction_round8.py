"""The classes generalised after the eighth and ninth blind corpora (dev8, dev9), in new wordings: words for
relatives in many languages, pets that get fed, what is played, places named after people, countries and colours,
more secret and ID cues, surname particles, days and months who are told things, and people asked about."""

from __future__ import annotations

import pytest
from sottovoce.privacy.redaction import Redactor

ROWS = [
    # a name after a word for a relative is a person, like "uncle bob"
    ("text tito nonoy that the boat is ready", "text <NAME> that the boat is ready"),
    ("kuya ben is outside", "<NAME> is outside"),
    ("call mama tunde", "call <NAME>"),
    # secrets and IDs after cues from other countries' banks and health systems, with a letter prefix
    ("my memorable word is pineapple", "my memorable word is <SECRET>"),
    ("my upi pin is four four two one", "my upi pin is <SECRET>"),
    ("my drivers licence number is d five five one two dash three three four",
     "my drivers licence number is <NATIONAL_ID>"),
    ("My health card number is 1234-567-890-AB.", "My health card number is <NATIONAL_ID>."),
    # two particles inside a surname
    ("email johan van den berg about the braai", "email <NAME> about the braai"),
    # a day or month who is told to do something is a person
    ("Tell Monday to bring the ladder.", "Tell <NAME> to bring the ladder."),
    ("remind august to pack his kit", "remind <NAME> to pack his kit"),
    # asked about like only a person is
    ("is maya back from swimming", "is <NAME> back from swimming"),
    ("Is Rowan still asleep?", "Is <NAME> still asleep?"),
    # three words after "my name is" when the third is a surname
    ("my name is thi thu nguyen", "my name is <NAME>"),
    # the household's own recordings and listeners stay people
    ("play emma's playlist", "play <NAME>'s playlist"),
    ("play the message from kofi", "play the message from <NAME>"),
    ("play a lullaby for zara", "play a lullaby for <NAME>"),
    ("feed tomasz at five", "feed <NAME> at five"),
]
CLEAN = [
    # words for relatives, alone
    "call nani", "tell thatha the cricket is on", "ring lolo about the fiesta", "Call Oma.",
    # pets
    "did anyone walk and feed biscuit", "Remind me to feed Mango at 7.",
    # titles and artists
    'Play "Ye" by Burna Boy.', "play country roads", "play sweet home alabama", "play hotel california by the eagles",
    # places, countries and colours named like people
    "is there a tornado warning for dallas county", "what is the zip code for palm springs",
    "What time is mass at San Lorenzo Church?", "What is the capital of Georgia?", "what currency does chad use",
    "is ruby a shade of red",
    # days that are days
    "remind me sunday to put the bins out", "call the garage on monday to book it in",
]



# After the ninth blind corpus (dev9): public figures in questions of general knowledge, pets at the vet,
# more words for mothers, initials and "&" in artists' names, a team that won, a city asked about.
ROUND9_CLEAN = [
    "Who was Florence Nightingale?", "how old is barack obama", "who wrote the hobbit", "When did King George III die?",
    "Remind me to take Biscuit to the groomers.", "give pepper her flea treatment", "call hooyo", "Call Maman.",
    "Play A. R. Rahman.", "Play Simon & Garfunkel.", "Did Barangay Ginebra win?", "Where is Florence?",
]
ROUND9_PEOPLE = [
    ("who is maria gonzalez in my contacts", "who is <NAME> in my contacts"),
    ("how old is kemi", "how old is <NAME>"),
    ("Did Tunde win his match?", "Did <NAME> win his match?"),
    ("take grandma rose to the vet", "take <NAME> to the vet"),
    # six-digit post codes after the town that ends an address (India, Nigeria, Singapore)
    ("Send it to 5 Park Street, Kolkata 700016", "Send it to <ADDRESS> <POSTCODE>"),
]


@pytest.mark.parametrize(("text", "expected"), ROWS + ROUND9_PEOPLE)
def test_round8_and_9_classes(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", CLEAN + ROUND9_CLEAN)
def test_round8_and_9_rules_leave_commands_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text

