"""The anonymous message: schema, coarse time, ids, pseudonyms. Pure."""

from __future__ import annotations

import json
import random
import secrets
from datetime import datetime, timezone
from importlib import resources

import jsonschema
import pytest
from sottovoce.privacy.message import (
    build_message,
    coarse_time,
    daily_pseudonym,
    encode,
    room_label,
    site_pseudonym,
    wake_word_name,
)

SCHEMA = json.loads(resources.files("sottovoce").joinpath("data/message.schema.json").read_text())
NOW = datetime(2026, 11, 21, 5, 54, 37, 123456, tzinfo=timezone.utc).timestamp()


def seeded(seed: int = 1):
    r = random.Random(seed)
    return lambda n: r.randbytes(n)


INTENT = {"name": "HassTurnOn", "slots": {"area": "kitchen", "domain": "light"}}


def make(kind="text", text="turn on the lights", **kw):
    args = dict(kind=kind, text=text, redacted={"phone": 1}, wake_word="hey_jarvis", now=NOW,
                precision="minute", site="kitchen", rng=secrets.token_bytes,
                intent=INTENT if kind == "command" else None)
    args.update(kw)
    return build_message(**args)


BASE = {"id", "site", "time", "kind", "redacted", "wake_word"}


@pytest.mark.parametrize("kind, text, keys", [
    ("command", "", BASE | {"intent"}),
    ("command", "turn on the lights", BASE | {"intent", "text"}),
    ("text", "turn on the lights", BASE | {"text"}),
    ("wake", "turn on the lights", BASE | {"text"}),
])
def test_messages_match_the_schema(kind, text, keys):
    msg = make(kind, text)
    jsonschema.validate(msg, SCHEMA)
    assert set(msg) == keys
    if kind == "wake":
        assert msg["text"] == "" and msg["redacted"] == {}
    if kind == "command":
        assert msg["intent"] == INTENT
        assert msg.get("text", "") == text


@pytest.mark.parametrize("kind, intent", [("command", None), ("text", INTENT), ("wake", INTENT)])
def test_only_a_command_carries_an_intent(kind, intent):
    with pytest.raises(ValueError, match="intent"):
        make(kind, intent=intent)


@pytest.mark.parametrize("bad", [
    {"hostname": "pi"}, {"time": "2026-11-21T05:54:37Z"}, {"kind": "audio"}, {"wake_word": "/home/pi/x"},
    {"id": "1"}, {"kind": "wake", "text": "hello"}, {"intent": INTENT}, {"kind": "command"},
    {"kind": "command", "intent": {"name": "HassTurnOn"}},
    {"kind": "command", "intent": {"name": "HassTurnOn", "slots": {"area": ["kitchen"]}}},
    {"kind": "command", "intent": {"name": "x/y", "slots": {}}},
])
def test_schema_rejects(bad):
    msg = {**make("text"), **bad}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(msg, SCHEMA)


@pytest.mark.parametrize("precision,expected", [
    ("minute", "2026-11-21T05:54:00Z"),
    ("hour", "2026-11-21T05:00:00Z"),
    ("day", "2026-11-21T00:00:00Z"),
])
def test_coarse_time(precision, expected):
    assert coarse_time(NOW, precision) == expected
    assert make(precision=precision)["time"] == expected


def test_unknown_precision():
    with pytest.raises(ValueError):
        coarse_time(NOW, "second")


def test_ids_never_repeat_over_10000_messages():
    ids = {make()["id"] for _ in range(10_000)}
    sites = {site_pseudonym("per_message", now=NOW, rng=secrets.token_bytes, key=bytes) for _ in range(10_000)}
    assert len(ids) == 10_000
    assert len(sites) == 10_000


def test_rng_is_the_only_source_of_randomness():
    a = make(rng=seeded(7), site=site_pseudonym("per_message", now=NOW, rng=seeded(9), key=bytes))
    b = make(rng=seeded(7), site=site_pseudonym("per_message", now=NOW, rng=seeded(9), key=bytes))
    assert a == b
    assert make(rng=seeded(8))["id"] != a["id"]


def test_daily_pseudonym_stable_within_a_day_and_different_across_days_and_keys():
    key, other = b"k" * 32, b"o" * 32
    day = datetime(2026, 11, 21, tzinfo=timezone.utc).timestamp()
    same_day = [daily_pseudonym(key, day + s) for s in (0, 1, 3600, 86399)]
    assert len(set(same_day)) == 1
    next_days = {daily_pseudonym(key, day + 86400 * d) for d in range(30)}
    assert len(next_days) == 30
    assert daily_pseudonym(other, day) != same_day[0]
    assert site_pseudonym("daily", now=day, rng=secrets.token_bytes, key=lambda: key) == same_day[0]


def test_per_message_and_label_modes_never_touch_the_key():
    def no_key() -> bytes:
        raise AssertionError("key used")

    assert site_pseudonym("kitchen", now=NOW, rng=secrets.token_bytes, key=no_key) == "kitchen"
    assert len(site_pseudonym("per_message", now=NOW, rng=secrets.token_bytes, key=no_key)) == 16


@pytest.mark.parametrize("label,expected", [
    ("kitchen", "kitchen"), (" Living room ", "Living room"), ("../etc/<x>", "..etcx"), ("", "home"),
    ("x" * 100, "x" * 64),
])
def test_room_label(label, expected):
    assert room_label(label) == expected


@pytest.mark.parametrize("word,expected", [
    ("hey_jarvis", "hey_jarvis"),
    ("/home/alice/models/hey_computer.tflite", "hey_computer"),
    ("models/ok_nabu.onnx", "ok_nabu"),
])
def test_wake_word_name_drops_the_path(word, expected):
    assert wake_word_name(word) == expected
    assert make(wake_word=word)["wake_word"] == expected


def test_redacted_counts_keep_only_positive_ints():
    assert make(redacted={"phone": 2, "email": 0, "name": 1})["redacted"] == {"name": 1, "phone": 2}


def test_encode_is_compact_and_stable():
    msg = make()
    assert encode(msg) == encode(dict(reversed(list(msg.items()))))
    assert json.loads(encode(msg)) == msg
    assert b" " not in encode({"a": 1, "b": [1, 2]})


def test_unknown_kind():
    with pytest.raises(ValueError):
        make(kind="audio")
