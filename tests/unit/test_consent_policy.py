"""Consent policy, allow-list and sensitive topics: pure, table-driven."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sottovoce.privacy.consent import Policy, Verdict, compile_commands, decide
from sottovoce.privacy.sensitive import PolicyFileError, SensitiveTopics, normalize
from sottovoce.settings import ConsentSettings

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "config"


def consent(**kw) -> ConsentSettings:
    return dataclasses.replace(ConsentSettings(), commands_file=str(CONFIG / "commands.txt"),
                               sensitive_file=str(CONFIG / "sensitive.toml"), **kw)


@pytest.fixture(scope="module")
def policy() -> Policy:
    return Policy.load(consent())


OFF = {}
TEXT = {"text": True}
CMDS = {"commands": True}
WAKE = {"wake_events": True}
SENS = {"text": True, "sensitive": True}

# (consent flags, text, is_command, topics) -> (action, kind, reason contains)
DECIDE_CASES = [
    (OFF, "turn on the lights", True, (), ("held", None, "no consent")),
    (OFF, "", False, (), ("dropped", None, "no speech")),
    (OFF, "   ", False, (), ("dropped", None, "no speech")),
    (WAKE, "", False, (), ("sent", "wake", "wake_events")),
    (WAKE, "tell me a story", False, (), ("sent", "wake", "text held back")),
    (TEXT, "tell me a story", False, (), ("sent", "text", "consent.text")),
    (TEXT, "", False, (), ("dropped", None, "no speech")),
    (TEXT, "i feel depressed", False, ("health",), ("held", None, "sensitive topic: health")),
    ({"text": True, "wake_events": True}, "i feel depressed", False, ("health",), ("sent", "wake", "sensitive")),
    (SENS, "i feel depressed", False, ("health",), ("sent", "text", "sensitive topic allowed")),
    ({"sensitive": True}, "i feel depressed", False, ("health",), ("held", None, "no consent")),
    (CMDS, "turn on the lights", True, (), ("sent", "command", "allowed command")),
    (CMDS, "tell me a story", False, (), ("held", None, "not an allowed command")),
    (CMDS, "play songs about prison", True, ("violence_crime",), ("held", None, "sensitive topic: violence_crime")),
    ({"commands": True, "sensitive": True}, "play songs about prison", True, ("violence_crime",),
     ("sent", "command", "allowed command")),
    ({"commands": True, "text": True}, "turn on the lights", True, (), ("sent", "command", "allowed command")),
    ({"commands": True, "text": True}, "tell me a story", False, (), ("sent", "text", "consent.text")),
    ({"allow_remote_unmute": True}, "tell me a story", False, (), ("held", None, "no consent")),
]


@pytest.mark.parametrize("flags,text,is_command,topics,expected", DECIDE_CASES)
def test_decide(flags, text, is_command, topics, expected):
    verdict = decide(text, consent(**flags), is_command=is_command, topics=topics)
    assert isinstance(verdict, Verdict)
    assert (verdict.action, verdict.kind) == expected[:2]
    assert expected[2] in verdict.reason
    assert text.strip() == "" or text not in verdict.reason  # reasons never quote the transcript


def test_default_consent_never_sends(policy):
    texts = ["turn on the kitchen lights", "set a timer for ten minutes", "", "i have cancer",
             "what's the weather tomorrow", "my phone number is <PHONE>", "tell me a joke"]
    assert all(policy.evaluate(t, ConsentSettings()).action != "sent" for t in texts)


COMMANDS = [
    ("Turn on the kitchen lights.", True),
    ("turn off the lights", True),
    ("Turn the living room lamp off please", True),
    ("switch on the fan", True),
    ("set a timer for 10 minutes", True),
    ("Set a timer for ten minutes.", True),
    ("cancel the timer", True),
    ("What's the weather like tomorrow?", True),
    ("what’s the weather", True),
    ("is it going to rain today", True),
    ("turn the volume up", True),
    ("volume down", True),
    ("set the volume to five", True),
    ("play some jazz", True),
    ("pause", True),
    ("next song", True),
    ("set the thermostat to twenty degrees", True),
    ("turn the heating up", True),
    ("add milk to the shopping list", True),
    ("add <NAME> to the shopping list", True),
    ("what's on my shopping list", True),
    ("lock the front door", True),
    ("kill the lights", True),
    ("what time is it", True),
    ("tell me a joke", False),
    ("call mum and tell her i'll be late", False),
    ("my phone number is <PHONE>", False),
    ("turn on the lights and then tell everybody in the house that i am leaving tonight for good", False),
    ("the weather is nice", False),
    ("", False),
]


@pytest.mark.parametrize("text,expected", COMMANDS)
def test_allow_list(policy, text, expected):
    assert policy.is_command(text) is expected


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
def test_sensitive_topics(policy, text, topics):
    assert policy.sensitive.topics(text) == topics


def test_every_bundled_topic_is_present(policy):
    assert set(policy.sensitive.names) == {"health", "sexuality", "violence_crime", "religion", "politics",
                                           "money_trouble"}


def test_extra_terms_from_config():
    p = Policy.load(consent(extra_sensitive_terms=("divorce", "dr smith")))
    assert p.sensitive.topics("call dr smith") == ("household",)
    assert p.sensitive.topics("the divorce papers") == ("household",)
    assert p.sensitive.topics("call dr smithers") == ()
    assert Policy.load(consent()).sensitive.topics("call dr smith") == ()


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
    with pytest.raises(PolicyFileError, match=r"commands.txt:3"):
        compile_commands(["# c", "turn on {any}", "set (a timer"], "commands.txt")
    bad = tmp_path / "sensitive.toml"
    bad.write_text('[health]\nterms = "cancer"\n')
    with pytest.raises(PolicyFileError, match=r"\[health\] needs terms"):
        SensitiveTopics.load(bad)
    with pytest.raises(PolicyFileError, match="cannot read"):
        Policy.load(dataclasses.replace(consent(), commands_file=str(tmp_path / "missing.txt")))
