"""The classes generalised after the sixth blind corpus: thing contexts where no person is meant (dev6's
changed clean commands were mostly non-English words taken for names), calendar words in any form, looks
alone never making a name, and the person slots of dev6's missed names with the commands they must not touch.

Rows are new wordings, not lines of any corpus.
"""

from __future__ import annotations

import pytest
from sottovoce.privacy.redaction import Redactor
from sottovoce.privacy.redaction.namecontexts import calendar_form

# (a) thing contexts, (b) calendar words, (c) unknown words with no person slot: all must come out unchanged.
THINGS = [
    # goods on a shopping list (but not a guest list: see PEOPLE)
    "add sauerkraut and kielbasa to the shopping list", "Add labneh, sumac and freekeh to my grocery list.",
    "put masa and queso fresco on the list",
    # cooking and servings
    "how do i make kheer", "How do you make Jollof rice?", "let's bake stollen", "a mug of yerba mate please",
    # words asked about
    "what does mahalo mean", 'What does "sobremesa" mean?', "define hiraeth", "how do you pronounce gnocchi",
    # quoted titles and titles after play
    'Play "La Bamba".', 'Play "Vivir Mi Vida".', 'Watch "Cidade de Deus".',
    # shops after price or opening words
    "how much is a bagel at tim hortons", "what time does primark close", "order a curry from swiggy",
    # places in weather or travel talk, before a place head, hyphenated
    "what's the forecast for Dingle", "will it rain in ballinasloe", "when does the ferry leave for inishmore",
    "is it windy on Slieve Donard hill", "how big is yosemite national park", "When is high tide at Clacton-on-Sea?",
    "Is Estadio Azteca sold out?",
    # calendar words in any form
    "Put the recycling out on Wednesdays.", "what's on saturdays", "Clear Friday's calendar.",
    # unknown words, no person slot
    "book tickets for electric picnic", "any deals for oktoberfest", "it's onam on monday", "call deliveroo",
    "send the file to dropbox",
]

PEOPLE = [
    ("does ayaan have cricket on friday", "does <NAME> have cricket on friday"),
    ("does keanu need a lift home", "does <NAME> need a lift home"),
    ("Remind me that Obinna owes me $30.", "Remind me that <NAME> owes me $30."),
    ("Add Chiamaka to the party guest list.", "Add <NAME> to the party guest list."),
    ("broadcast zainab you need to get up", "broadcast <NAME> you need to get up"),
    ("ring dara and tell him tea's ready", "ring <NAME> and tell him tea's ready"),
    ("Kofi was born on 2 June 2013.", "<NAME> was born on <DOB>."),
    ("felix and his wife ana are coming at two", "<NAME> and his wife <NAME> are coming at two"),
    ("Hunter has volleyball at 6 p.m.", "<NAME> has volleyball at 6 p.m."),
    ("send the bus times to chukwuemeka", "send the bus times to <NAME>"),
    ("a lullaby for oyinkansola", "a lullaby for <NAME>"),
    ("it's tendai here", "it's <NAME> here"),
    ("make tunde a sandwich", "make <NAME> a sandwich"),
    ("add nkechi to the group chat", "add <NAME> to the group chat"),
    ("Tell Niamh the forecast for Galway.", "Tell <NAME> the forecast for Galway."),
]

# Commands the new person slots must leave alone.
SLOT_NEGATIVES = [
    "does the car need a service", "does chase have an app", "the council owes me a refund",
    "broadcast dinner is ready", "call work and tell her i'm sick", "She was born in Leeds.",
    "send the photos to print", "ring our house",
]


@pytest.mark.parametrize("text", THINGS + SLOT_NEGATIVES)
def test_thing_contexts_stay_unchanged(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text


@pytest.mark.parametrize(("text", "expected"), PEOPLE)
def test_person_slots_and_names_beside_things(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize(("word", "expected"), [
    ("saturdays", True), ("monday's", True), ("fridays'", True), ("junes", True), ("sunday", True),
    ("june", False), ("may", False), ("sandra", False), ("mondo", False),
])
def test_calendar_forms(word: str, expected: bool) -> None:
    assert calendar_form(word) is expected
