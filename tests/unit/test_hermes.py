"""Hermes payloads: the field names Rhasspy 2.5 uses, siteId = the pseudonym, nothing else leaks."""

from __future__ import annotations

import pytest
from sottovoce.delivery.mqtt import hermes

MESSAGE = {"id": "a1b2", "site": "kitchen", "time": "2026-11-21T06:00", "kind": "command",
           "text": "turn on the lights", "redacted": {}, "wake_word": "hey_jarvis"}

# Rhasspy 2.5 reference: hermes/asr/textCaptured and hermes/hotword/<wakewordId>/detected
TEXT_CAPTURED_KEYS = {"text", "likelihood", "seconds", "siteId", "sessionId", "wakewordId"}
HOTWORD_KEYS = {"modelId", "modelVersion", "modelType", "currentSensitivity", "siteId", "sessionId"}


@pytest.mark.parametrize("kind, topic, keys", [
    ("command", "hermes/asr/textCaptured", TEXT_CAPTURED_KEYS),
    ("text", "hermes/asr/textCaptured", TEXT_CAPTURED_KEYS),
    ("wake", "hermes/hotword/hey_jarvis/detected", HOTWORD_KEYS),
])
def test_payload_per_kind(kind, topic, keys):
    [(got_topic, payload)] = hermes.payloads_for({**MESSAGE, "kind": kind}, hotword=False, sensitivity=0.5)
    assert got_topic == topic
    assert set(payload) == keys
    assert payload["siteId"] == "kitchen"
    assert payload["sessionId"] == "a1b2"


def test_text_captured_values_and_types():
    _, p = hermes.text_captured(MESSAGE)
    assert p["text"] == "turn on the lights"
    assert isinstance(p["likelihood"], float) and isinstance(p["seconds"], float)
    assert p["wakewordId"] == "hey_jarvis"


def test_unknown_kind_gives_nothing():
    assert hermes.payloads_for({**MESSAGE, "kind": "other"}, hotword=True, sensitivity=0.5) == []


@pytest.mark.parametrize("kind", ["command", "text"])
def test_with_wake_event_consent_the_hotword_comes_first_then_the_text(kind):
    got = hermes.payloads_for({**MESSAGE, "kind": kind}, hotword=True, sensitivity=0.62)
    assert [t for t, _ in got] == ["hermes/hotword/hey_jarvis/detected", "hermes/asr/textCaptured"]
    assert got[0][1]["currentSensitivity"] == 0.62
    assert got[0][1]["sessionId"] == got[1][1]["sessionId"] == "a1b2"


def test_current_sensitivity_is_the_configured_threshold_not_a_constant():
    for threshold in (0.3, 0.5, 0.8):
        [(_, payload)] = hermes.payloads_for({**MESSAGE, "kind": "wake"}, hotword=False, sensitivity=threshold)
        assert payload["currentSensitivity"] == threshold


@pytest.mark.parametrize("name, expected", [
    ("hey_jarvis", "hey_jarvis"),
    ("/opt/models/Hey Bob.tflite", "hey_bob"),
    ("x/y.onnx", "y"),
    ("a+b#c", "a_b_c"),
    ("", "default"),
])
def test_wakeword_id_is_topic_safe(name, expected):
    assert hermes.wakeword_id(name) == expected
