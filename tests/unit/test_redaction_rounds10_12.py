"""The classes generalised after the tenth to twelfth blind corpora (dev10-dev12), in new wordings.

dev10: months and everyday words asked about as people, brands that are verbs or surnames, names joined by
"and", Irish "o" surnames, Philippine ID cues, numbered Pakistani and direction-named Australian addresses.
dev11: plates in more shapes when the line talks of a vehicle, Philippine and Canadian-French addresses, towns
of several words before a post code, people between commas after their trade, possessed documents, calls by
name. dev12: the famous asked "who is", smart-home scenes, chapters about someone, the time in a city, plates
beside a car's make, what someone said, "house fourteen", numbered county roads.
Each round's clean commands (the famous, shops, places, prayers, festivals, grandparents) stay untouched."""

from __future__ import annotations

import pytest
from sottovoce.privacy.redaction import Redactor

ROUND10_PEOPLE = [
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
ROUND10_CLEAN = [
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
ROUND11_PEOPLE = [
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
ROUND11_CLEAN = [
    "Is GTX 4090 in stock?", "Move to gate BA 212",
    "call dida", "nobody born in may is on the list",
    "Is Westfield open on Sunday?", "Find the closest Bunnings.", "Is Cairns worth visiting in winter?",
    "Is Reading a town in England?", "remind me to pray maghrib", "tell me a story about paddington bear",
    "What did Isaac Newton discover?", "Who was Sammy Davis Jr.?", "play one oh four point nine f m",
    "call triple nine", "What's on for St. Andrew's Day?", "How old is someone born in 2001?",
]
ROUND12_PEOPLE = [
    ("Who is Aoife Byrne? She called twice.", "Who is <NAME>? She called twice."),
    ("who is maria gonzalez in my contacts", "who is <NAME> in my contacts"),
    ("Note: Kayla's Corolla is BXT 472.", "Note: <NAME>'s Corolla is <PLATE>."),
    ("The rego for KPJ88 is due.", "The rego for <PLATE> is due."),
    ("what did ngozi say about the trip", "what did <NAME> say about the trip"),
    ("we moved to house nine jacaranda road", "we moved to <ADDRESS>"),
    ("send it to nine county road twelve", "send it to <ADDRESS>"),
    ("the address is forty king street west toronto", "the address is <ADDRESS>"),
]
ROUND12_CLEAN = [
    "who is jacinda ardern", "Who is Kylie Minogue dating?", "Set the scene to Movie Night.",
    "read the episode about robin hood", "What time is it in Darwin?", "tell nanna the bus is late",
    "what did the doctor say", "turn left at the lights and then right",
]


@pytest.mark.parametrize(("text", "expected"), ROUND10_PEOPLE + ROUND11_PEOPLE + ROUND12_PEOPLE)
def test_rounds_10_to_12_classes(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", ROUND10_CLEAN + ROUND11_CLEAN + ROUND12_CLEAN)
def test_rounds_10_to_12_rules_leave_commands_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text
