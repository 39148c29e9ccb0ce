"""Consent policy, the command recogniser behind it and sensitive topics: table-driven."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sottovoce.intents import Intent
from sottovoce.privacy.consent import Policy, Verdict, decide
from sottovoce.privacy.sensitive import PolicyFileError, SensitiveTopics, normalize
from sottovoce.settings import ConsentSettings

from shipped_commands import shipped_recognizer

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "config"
LIGHTS = Intent("HassTurnOn", {"domain": "light"})
PLAY = Intent("HassMediaSearchAndPlay", {"search_query": "songs about prison"})


def consent(terms: str = "sensitive.toml", **kw) -> ConsentSettings:
    return dataclasses.replace(ConsentSettings(), sensitive_file=str(CONFIG / terms), **kw)


@pytest.fixture(scope="module")
def policy() -> Policy:
    """The shipped config's policy without the learned model (that is tested in integration)."""
    return Policy.load(consent(), shipped_recognizer())


@pytest.fixture(scope="module")
def strict() -> Policy:
    """The optional strict term list (config/sensitive-strict.toml), which tests the term matcher."""
    return Policy.load(consent("sensitive-strict.toml"), shipped_recognizer())


class Judge:
    """Stands in for the learned model: holds what it was told is sensitive, and records what it saw."""

    def __init__(self, sensitive: dict[str, str]):
        self.sensitive, self.seen = sensitive, []

    def classify(self, text):
        self.seen.append(text)
        topic = self.sensitive.get(text)
        return type("Verdict", (), {"topic": topic, "score": 0.99 if topic else 0.01, "threshold": 0.5})()


OFF = {}
TEXT = {"text": True}
CMDS = {"commands": True}
WAKE = {"wake_events": True}
SENS = {"text": True, "sensitive": True}

# (consent flags, text, intent, topics) -> (action, kind, reason contains, text goes along)
DECIDE_CASES = [
    (OFF, "turn on the lights", LIGHTS, (), ("held", None, "no consent")),
    (OFF, "", None, (), ("dropped", None, "no speech")),
    (OFF, "   ", None, (), ("dropped", None, "no speech")),
    (WAKE, "", None, (), ("sent", "wake", "wake_events")),
    (WAKE, "tell me a story", None, (), ("sent", "wake", "text held back")),
    (TEXT, "tell me a story", None, (), ("sent", "text", "consent.text", True)),
    (TEXT, "", None, (), ("dropped", None, "no speech")),
    (TEXT, "i feel depressed", None, ("health",), ("held", None, "sensitive topic: health")),
    ({"text": True, "wake_events": True}, "i feel depressed", None, ("health",), ("sent", "wake", "sensitive")),
    (SENS, "i feel depressed", None, ("health",), ("sent", "text", "sensitive topic allowed", True)),
    ({"sensitive": True}, "i feel depressed", None, ("health",), ("held", None, "no consent")),
    (CMDS, "turn on the lights", LIGHTS, (), ("sent", "command", "intent only, no text", False)),
    (CMDS, "tell me a story", None, (), ("held", None, "not a recognised command")),
    (CMDS, "play songs about prison", PLAY, ("violence_crime",), ("held", None, "sensitive topic: violence_crime")),
    ({"commands": True, "sensitive": True}, "play songs about prison", PLAY, ("violence_crime",),
     ("sent", "command", "recognised command HassMediaSearchAndPlay", False)),
    ({"commands": True, "text": True}, "turn on the lights", LIGHTS, (), ("sent", "command", "with the text", True)),
    ({"commands": True, "text": True}, "tell me a story", None, (), ("sent", "text", "consent.text", True)),
    (TEXT, "turn on the lights", LIGHTS, (), ("sent", "command", "consent.text is on", True)),
    ({"allow_remote_unmute": True}, "tell me a story", None, (), ("held", None, "no consent")),
]


@pytest.mark.parametrize("flags,text,intent,topics,expected", DECIDE_CASES)
def test_decide(flags, text, intent, topics, expected):
    verdict = decide(text, consent(**flags), intent=intent, topics=topics)
    assert isinstance(verdict, Verdict)
    assert (verdict.action, verdict.kind) == expected[:2]
    assert expected[2] in verdict.reason
    assert text.strip() == "" or text not in verdict.reason  # reasons never quote the transcript
    if verdict.kind in ("command", "text"):
        assert verdict.include_text is expected[3]
        assert verdict.intent == (intent if verdict.kind == "command" else None)


def test_default_consent_never_sends(policy):
    texts = ["turn on the kitchen lights", "set a timer for ten minutes", "", "i have cancer",
             "what's the weather tomorrow", "my phone number is <PHONE>", "tell me a joke"]
    assert all(policy.evaluate(t, ConsentSettings(), topics=policy.topics(t)).action != "sent" for t in texts)


def test_the_shipped_terms_file_holds_no_terms_the_model_is_the_default(policy):
    assert policy.sensitive.names == () and policy.model is None
    assert policy.topics("i think i have cancer") == ()  # without the model nothing judges it here


def test_topics_are_the_models_then_the_households_terms():
    judge = Judge({"my son was stabbed last night": "violence_crime"})
    p = Policy(shipped_recognizer(), SensitiveTopics.from_terms({"court": ["the hearing"]}), judge)
    assert p.topics("my son was stabbed last night") == ("violence_crime",)
    assert p.topics("remind me about the hearing") == ("court",)  # the model said no; the household's word holds
    assert p.topics("turn on the lights") == ()
    assert judge.seen == ["my son was stabbed last night", "remind me about the hearing", "turn on the lights"]
    assert p.topics("") == () and len(judge.seen) == 3  # nothing to judge


def test_a_topic_the_model_and_the_terms_both_name_is_listed_once():
    p = Policy(shipped_recognizer(), SensitiveTopics.from_terms({"health": ["sertraline"]}),
               Judge({"pick up my sertraline": "health"}))
    assert p.topics("pick up my sertraline") == ("health",)


# text -> the intent name it is recognised as (None: not a command)
COMMANDS = [
    ("Turn on the kitchen lights.", "HassTurnOn"),
    ("turn off the lights", "HassTurnOff"),
    ("lights off", "HassTurnOff"),
    ("kitchen lights on", "HassTurnOn"),
    ("switch on the fan", "HassTurnOn"),
    ("set a timer for 10 minutes", "HassStartTimer"),
    ("Set a timer for ten minutes.", "HassStartTimer"),
    ("ten minute timer", "HassStartTimer"),
    ("how much time is left", "HassTimerStatus"),
    ("cancel the timer", "HassCancelTimer"),
    ("cancel all timers", "HassCancelAllTimers"),
    ("What's the weather like?", "HassGetWeather"),
    ("what’s the weather", "HassGetWeather"),
    ("whats the weather", "HassGetWeather"),
    ("turn the volume up", "HassSetVolumeRelative"),
    ("set the volume to fifty percent", "HassSetVolume"),
    ("play some jazz", "HassMediaSearchAndPlay"),
    ("pause", "HassMediaPause"),
    ("next song", "HassMediaNext"),
    ("set the temperature to twenty degrees", "HassClimateSetTemperature"),
    ("turn up the heat", "ClimateWarmer"),
    ("add milk to the shopping list", "HassShoppingListAddItem"),
    ("add eggs to my list", "HassShoppingListAddItem"),
    ("add <NAME> to the shopping list", "HassShoppingListAddItem"),
    ("lock the front door", "HassTurnOn"),
    ("start the vacuum", "HassVacuumStart"),
    ("good night", "HassTurnOn"),
    ("never mind", "HassNevermind"),
    ("what time is it", "HassGetCurrentTime"),
    ("hey what time is it please", "HassGetCurrentTime"),
    ("turn on the blender", "HassTurnOn"),
    ("turn off the lights in ten minutes", "HassStartTimer"),
    ("tell me a joke", None),
    ("call mum and tell her i'll be late", None),
    ("my phone number is <PHONE>", None),
    ("turn on the lights and then tell everybody in the house that i am leaving tonight for good", None),
    ("the weather is nice", None),
    ("set reminder for noon to get lunch with boss", None),
    ("open contacts and call <NAME>", None),
    ("what is the capital of france", None),
    ("who is the prime minister", None),
    ("broadcast dinner is ready", None),
    ("tell <NAME> i love him in five minutes", None),
    ("whats fifteen percent of eighty", None),
    ("put a dentist appointment in my calendar for friday", None),
    ("", None),
]


@pytest.mark.parametrize("text,expected", COMMANDS)
def test_recognised_commands(policy, text, expected):
    intent = policy.recognize(text)
    assert (intent.name if intent else None) == expected


SENSITIVE = [
    ("I think I have cancer", ("health",)),
    ("book a doctor's appointment", ("health",)),
    ("I was diagnosed with diabetes", ("health",)),
    ("remind me to take my medication", ("health",)),
    ("i'm pregnant", ("health",)),
    ("is my boyfriend gay", ("sexuality",)),
    ("play porn", ("sexuality",)),
    ("my neighbour threatened me", ("violence_crime",)),
    ("call the police", ("violence_crime",)),
    ("he was arrested last night", ("violence_crime",)),
    ("what time is prayer", ("religion",)),
    ("find a church near me", ("religion",)),
    ("who should i vote for", ("politics",)),
    ("when is the election", ("politics",)),
    ("we can't pay the rent this month", ("money_trouble",)),
    ("how do i get out of debt", ("money_trouble",)),
    ("the bank says we're overdrawn", ("money_trouble",)),
    ("my therapist said i should vote", ("health", "politics")),
    ("CANCER.", ("health",)),
    # ordinary commands and near misses stay clear
    ("turn on the kitchen lights", ()),
    ("kill the lights", ()),
    ("set a timer for ten minutes", ()),
    ("add rapeseed oil to the shopping list", ()),
    ("is the table stable", ()),
    ("add weed killer to the shopping list", ()),
    ("play shooting stars", ()),
    ("turn up the volume", ()),
    ("what's the weather in sexton", ()),
    ("play temple run music", ()),
    ("it broke again", ()),
    ("set the thermostat to twenty degrees", ()),
    ("play the gospel according to the radio", ()),
    ("add hearing aids batteries to the shopping list", ()),
    ("open the garage door", ()),
]


@pytest.mark.parametrize("text,topics", SENSITIVE)
def test_sensitive_topics(strict, text, topics):
    assert strict.sensitive.topics(text) == topics


def test_every_topic_is_in_the_strict_list(strict):
    assert set(strict.sensitive.names) == {"health", "sexuality", "violence_crime", "religion", "politics",
                                           "money_trouble"}


def test_extra_terms_from_config():
    p = Policy.load(consent(extra_sensitive_terms=("divorce", "dr smith")), shipped_recognizer())
    assert p.sensitive.topics("call dr smith") == ("household",)
    assert p.sensitive.topics("the divorce papers") == ("household",)
    assert p.sensitive.topics("call dr smithers") == ()
    assert Policy.load(consent(), shipped_recognizer()).sensitive.topics("call dr smith") == ()


@pytest.mark.parametrize("term,text,hit", [
    ("diagnos*", "she was diagnosed", True),
    ("diagnos*", "the diagnosis", True),
    ("diagnos*", "undiagnosed", False),
    ("panic attack*", "i had panic attacks", True),
    ("panic attack*", "panic at the disco", False),
    ("can't pay", "we can’t pay", True),
    ("gun", "guns n roses", False),
    ("gun", "a gun.", True),
])
def test_term_matching(term, text, hit):
    topics = SensitiveTopics.from_terms({"t": [term]})
    assert bool(topics.topics(text)) is hit


def test_normalize():
    assert normalize("  What’s   the Weather?! ") == "what's the weather"


def test_bad_files_name_the_line(tmp_path):
    bad = tmp_path / "sensitive.toml"
    bad.write_text('[health]\nterms = "cancer"\n')
    with pytest.raises(PolicyFileError, match=r"\[health\] needs terms"):
        SensitiveTopics.load(bad)
    with pytest.raises(PolicyFileError, match="cannot read"):
        Policy.load(dataclasses.replace(consent(), sensitive_file=str(tmp_path / "missing.toml")),
                    shipped_recognizer())


def test_the_model_reads_identifiers_masked_and_names_as_said():
    from sottovoce.privacy.redaction.spans import Span

    judge = Judge({})
    p = Policy(shipped_recognizer(), SensitiveTopics.from_terms({}), judge)
    raw = "my son was stabbed call kemi on 07700 900123"
    found = (Span(11, 18, "NAME"), Span(24, 28, "NAME"), Span(32, 44, "PHONE"))  # the redactor's spans
    p.topics(raw, found)
    assert judge.seen == ["my son was stabbed call kemi on <PHONE>"]
