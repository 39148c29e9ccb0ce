"""Command understanding: Home Assistant's grammar with the household's vocabulary and sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from sottovoce.intents import CommandRecognizer, Intent, Vocabulary, VocabularyError
from sottovoce.intents import grammar
from sottovoce.intents.spoken import clean, forms

from shipped_commands import shipped_recognizer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped() -> CommandRecognizer:
    return shipped_recognizer()


# (transcript, intent name, slots); spoken (Vosk) and written (Whisper) forms side by side
CASES = [
    ("turn on the kitchen lights", "HassTurnOn", {"area": "kitchen", "domain": "light"}),
    ("Turn on the kitchen lights.", "HassTurnOn", {"area": "kitchen", "domain": "light"}),
    ("set the bedroom lights to fifty percent", "HassLightSet", {"area": "bedroom", "brightness": 50, "domain": "light"}),
    ("Set the bedroom lights to 50%.", "HassLightSet", {"area": "bedroom", "brightness": 50, "domain": "light"}),
    ("set the temperature to seventy two", "HassClimateSetTemperature", {"temperature": 72}),
    ("Set the temperature to 72 degrees.", "HassClimateSetTemperature", {"temperature": 72}),
    ("set a timer for five minutes", "HassStartTimer", {"minutes": 5}),
    ("Set a 10-minute timer.", "HassStartTimer", {"minutes": 10}),
    ("start the vacuum", "HassVacuumStart", {"name": "vacuum"}),
    ("turn on the desk lamp", "HassTurnOn", {"name": "desk lamp"}),
    ("turn on the blender", "HassTurnOn", {"name": "blender"}),  # not in the vocabulary: the wildcard
    ("turn on <NAME>'s lamp", "HassTurnOn", {"name": "<NAME>'s lamp"}),  # a slot holds only redacted text
    ("add eggs to the groceries list", "HassListAddItem", {"item": "eggs", "name": "groceries"}),
    ("add tape to the garage list", "HassListAddItem", {"item": "tape", "name": "garage"}),
    ("close the garage door", "HassTurnOff", {"area": "garage", "device_class": "door", "domain": "cover"}),
    ("is the front door locked", "HassGetState", {"name": "front door", "state": "locked"}),
    ("whats the weather like", "HassGetWeather", {}),
    ("never mind", "HassNevermind", {}),
]


@pytest.mark.parametrize("text,name,slots", CASES)
def test_recognises_intent_and_slots(shipped, text, name, slots):
    assert shipped.recognize(text) == Intent(name, slots)


NOT_COMMANDS = [
    "tell me a joke",
    "i need to turn off my brain",          # the wildcard would take the whole sentence
    "set reminder for noon to get lunch with boss",
    "open contacts and call <NAME>",
    "what is the capital of france",         # "what is {name}" with a wildcard
    "who is the prime minister",             # person templates are dropped
    "whats fifteen percent of eighty",       # digits and question words are no device name
    "put a dentist appointment in my calendar for friday",  # a list wildcard needs "list"
    "tell <NAME> i love him in five minutes",  # a delayed command must itself be a command
    "broadcast dinner is ready",              # excluded: free text
    "",
]


@pytest.mark.parametrize("text", NOT_COMMANDS)
def test_not_commands(shipped, text):
    assert shipped.recognize(text) is None


def test_delayed_command_is_recognised_when_it_is_a_command(shipped):
    intent = shipped.recognize("turn off the lights in ten minutes")
    assert intent is not None and intent.name == "HassStartTimer"
    assert intent.slots["minutes"] == 10 and intent.slots["conversation_command"] == "turn off the lights"


def test_as_dict_is_json_ready(shipped):
    assert shipped.recognize("set volume to fifty").as_dict() == {"name": "HassSetVolume",
                                                                 "slots": {"volume_level": 50}}


@pytest.mark.parametrize("text,expected", [
    ("What’s the Weather?!", ["what's the weather"]),
    ("Set it to 10.5 degrees.", ["set it to 10.5 degrees"]),
    ("call <NAME> at <PHONE>", ["call <NAME> at <PHONE>"]),
    ("set a timer for twenty five minutes", ["set a timer for twenty five minutes", "set a timer for 25 minutes"]),
    ("   ", []),
])
def test_forms(text, expected):
    assert forms(text) == expected


def test_clean_restores_dropped_apostrophes_only_where_unambiguous():
    assert clean("whats the time hows it going its fine") == "what's the time how's it going its fine"


def test_household_sentences_add_an_intent(tmp_path):
    folder = tmp_path / "sentences" / "en"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(
        "language: en\nintents:\n  FeedTheCat:\n    data:\n      - sentences:\n          - \"feed [the] cat\"\n")
    vocab = tmp_path / "vocabulary.toml"
    vocab.write_text('areas = ["sun room"]\n[names]\n"aquarium" = "switch"\n')
    recognizer = CommandRecognizer.load("en", str(vocab), str(tmp_path / "sentences"))
    assert recognizer.recognize("feed the cat") == Intent("FeedTheCat", {})
    assert recognizer.recognize("turn on the aquarium") == Intent("HassTurnOn", {"name": "aquarium"})
    assert recognizer.recognize("turn off the sun room lights") == Intent("HassTurnOff", {"area": "sun room",
                                                                                        "domain": "light"})
    assert "FeedTheCat" in recognizer.intent_names and "HassBroadcast" not in recognizer.intent_names


def test_excluded_intents_can_be_allowed(tmp_path):
    recognizer = CommandRecognizer.load("en", "", "", excluded=())
    assert recognizer.recognize("broadcast dinner is ready").name == "HassBroadcast"


@pytest.mark.parametrize("text,match", [
    ("areas = \"kitchen\"", "areas must be a list of strings"),
    ("[names]\n\"lamp\" = \"lamps\"", r"names.'lamp' = 'lamps': expected a Home Assistant domain"),
    ("colours = []", "unknown key 'colours'"),
    ("areas = [", "not valid TOML"),
])
def test_bad_vocabulary_names_the_problem(text, match):
    with pytest.raises(VocabularyError, match=match):
        Vocabulary.from_toml_text(text, "vocabulary.toml")


def test_bad_files_name_the_file(tmp_path):
    folder = tmp_path / "en"
    folder.mkdir()
    bad = folder / "broken.yaml"
    bad.write_text("intents: [\n")
    with pytest.raises(VocabularyError, match=r"broken.yaml: not valid YAML"):
        grammar.read_household(grammar.household_files(tmp_path, "en"))
    bad.write_text("- just a list\n")
    with pytest.raises(VocabularyError, match=r"broken.yaml: expected hassil's format"):
        grammar.read_household(grammar.household_files(tmp_path, "en"))
    with pytest.raises(VocabularyError, match="cannot read the vocabulary"):
        Vocabulary.load(tmp_path / "missing.toml")
    with pytest.raises(VocabularyError, match="commands.language = 'xx'"):
        grammar.build("xx")


def test_missing_sentences_folder_is_no_extra_sentences(tmp_path):
    assert grammar.household_files(tmp_path / "nowhere", "en") == []
    assert grammar.household_files("", "en") == []
