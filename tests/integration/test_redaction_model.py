"""The learned name model (scripts/train-name-model -> sottovoce/data/name_model.json) and the classes
generalised after the seventh blind corpus."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from sottovoce.privacy.redaction import Redactor
from sottovoce.privacy.redaction.evaluate import TARGET_CLEAN, read_corpus, score
from sottovoce.privacy.redaction.namemodel import NameModel, packaged_model

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SHIPPED = ROOT / "device" / "sottovoce" / "data" / "name_model.json"


@pytest.fixture(scope="module")
def trainer() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("train_name_model", str(ROOT / "scripts" / "train-name-model"))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_shipped_model_names_its_training_corpora_and_never_the_blind_one() -> None:
    about = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert 0.0 < about["threshold"] < 1.0 and len(about["weights"]) > 1000
    assert about["trained_on"] and "redaction_heldout.txt" not in about["trained_on"]
    for name in about["trained_on"]:
        assert (DATA / name).is_file(), name
    model = packaged_model()
    assert model is not None and model.threshold == about["threshold"]


def test_shipped_model_is_what_training_on_those_corpora_gives(trainer: ModuleType, redactor: Redactor) -> None:
    """A stale model file (corpora or features changed, not retrained) fails here: retrain and commit."""
    about = json.loads(SHIPPED.read_text(encoding="utf-8"))
    fresh = trainer.train([DATA / name for name in about["trained_on"]], about["c"], about["threshold"])
    retrained = Redactor(name_model=fresh)
    differ = []
    for name in about["trained_on"]:
        for line in read_corpus(DATA / name):
            if redactor.redact(line.text).text != retrained.redact(line.text).text:
                differ.append(line.text)
    assert not differ


def test_model_finds_names_the_rules_miss_on_a_corpus_it_never_saw(trainer: ModuleType) -> None:
    """Leave the seventh blind corpus out of training: the rules were never tuned to it either, so this
    is an honest measure of what the model adds on new households."""
    held = DATA / "redaction_dev7.txt"
    model = trainer.train([p for p in trainer.default_corpora() if p != held], 0.5, packaged_model().threshold)
    lines = read_corpus(held)
    rules = Redactor(name_model=None)
    both = Redactor(name_model=model)
    alone = score(lines, lambda text: rules.redact(text).text)
    learned = score(lines, lambda text: both.redact(text).text)
    assert learned.recall("NAME") >= 0.94 and learned.recall("NAME") >= alone.recall("NAME") + 0.04
    assert learned.clean_share >= TARGET_CLEAN and learned.clean_share >= alone.clean_share - 0.005


# Names no rule catches (an unlisted name as the third of a list, an everyday word after "ring", a
# name after "collecting") and the commands the model's caution must leave alone.
MODEL_ROWS = [
    ("Mele, Sione, and Losaline are sleeping over.", "<NAME>, <NAME>, and <NAME> are sleeping over."),
    ("ring sunny about the lift", "ring <NAME> about the lift"),
    ("Who's collecting Keoni from practice?", "Who's collecting <NAME> from practice?"),
]
MODEL_CLEAN = [
    "Is Kyoto worth visiting in May?", "Summer is coming.", "is amber a colour", "Is Estadio Azteca sold out?",
    "Is Valentine's Day on a Sunday?", "will it rain tomorrow", "Did the Warriors win?",
    "How far is Rotorua from Taupo?", "Play Waiata by Stan Walker.", "is paprika spicy",
    "Add basmati rice to the list.", "Where is Lake Tekapo?", "ask alexa", "Call Domino's for a pizza.",
]


@pytest.mark.parametrize(("text", "expected"), MODEL_ROWS)
def test_model_adds_names_the_rules_alone_leave(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected
    assert Redactor(name_model=None).redact(text).text != expected


@pytest.mark.parametrize("text", MODEL_CLEAN)
def test_model_leaves_commands_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text


def test_a_model_that_calls_every_word_a_name_still_cannot_touch_what_the_rules_rule_out() -> None:
    eager = NameModel({"bias": 30.0}, 0.5)
    out = Redactor(name_model=eager).redact("will it rain on Valentine's Day, ask alexa to call mom at 5 in May").text
    assert out == "will it <NAME> on Valentine's Day, ask alexa to call mom at 5 in May"


def test_redacting_needs_no_machine_learning_library_at_run_time() -> None:
    code = ("import sys; from sottovoce.privacy.redaction import Redactor; "
            "print(Redactor().redact('Mele, Sione, and Losaline are sleeping over.').text); "
            "print(sorted(m for m in ('sklearn', 'numpy', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.splitlines() == ["<NAME>, <NAME>, and <NAME> are sleeping over.", "[]"]


# Numbers and addresses generalised after the seventh blind corpus.
NUMBER_ROWS = [
    # a card grouped as printed is a card even when a digit was misheard (no Luhn check passes)
    ("card for the deposit is 5312 4408 9921 0365 expiring 08/29",
     "card for the deposit is <CARD> expiring <EXPIRY>"),
    # expiry and security code right after a card, with no cue of their own
    ("Book it on 4716 2290 5513 8047, 11/28, 902 please.", "Book it on <CARD>, <EXPIRY>, <CVV> please."),
    # Canada's three-digit institution number
    ("The routing is 021000089, institution 010, transit 00123.",
     "The routing is <ACCOUNT>, institution <ACCOUNT>, transit <ACCOUNT>."),
    # an abbreviated direction before the street name
    ("Deliver the crib to 77 E. Pine Ave., Portland.", "Deliver the crib to <ADDRESS>."),
]
NUMBER_CLEAN = ["Mark the order 1234 5678 for room 12 as done.", "What's 1,250 plus 875?",
                "Set the thermostat to 21, then 19 at 10/30."]


@pytest.mark.parametrize(("text", "expected"), NUMBER_ROWS)
def test_generalised_number_classes(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize("text", NUMBER_CLEAN)
def test_number_rules_leave_commands_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text


# Names inside sayings, languages, shows on a service, shops and artists' credits (after the seventh
# blind corpus), and the people in the same places that must still go.
IDIOM_CLEAN = [
    "how do you make a sloppy joe", "is a jack russell good with kids", "Set the subtitles to Spanish.",
    "can you say thank you in Welsh", "Is Only Murders in the Building on Hulu?", "Is Bluey on Disney+?",
    "Where is the nearest Wells Fargo?", "Is Trader Joe's open on Sunday?", "when do i sow daisy seeds",
    "the cleaning crew arrives at nine", 'Play "Memory" from Cats.', "what should we do this arvo",
]
IDIOM_PEOPLE = [
    ("Play the message from Oksana.", "Play the message from <NAME>."),
    ("Did Mary Jane call back?", "Did <NAME> call back?"),
    ("I left my keys at Kwame's house.", "I left my keys at <NAME>'s house."),
    ("Book Ifeoma's parents' evening for Monday.", "Book <NAME>'s parents' evening for Monday."),
    ("call omar bin laden", "call <NAME>"),
]


@pytest.mark.parametrize("text", IDIOM_CLEAN)
def test_names_inside_sayings_shows_and_shops_stay(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text).text == text


@pytest.mark.parametrize(("text", "expected"), IDIOM_PEOPLE)
def test_people_next_to_those_rules_still_go(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected
