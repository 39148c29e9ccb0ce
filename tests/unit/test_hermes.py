"""Hermes payloads: the field names Rhasspy 2.5 uses, siteId = the pseudonym, nothing else leaks."""

from __future__ import annotations

import pytest
from sottovoce.delivery.mqtt import hermes

MESSAGE = {"id": "a1b2", "site": "kitchen", "time": "2026-11-21T06:00", "kind": "text",
           "text": "turn on the lights", "redacted": {}, "wake_word": "hey_jarvis"}
COMMAND = {**MESSAGE, "kind": "command",
           "intent": {"name": "HassTurnOn", "slots": {"area": "kitchen", "domain": "light", "brightness": 50}}}

# Rhasspy 2.5 reference: hermes/asr/textCaptured and hermes/hotword/<wakewordId>/detected
TEXT_CAPTURED_KEYS = {"text", "likelihood", "seconds", "siteId", "sessionId", "wakewordId"}
HOTWORD_KEYS = {"modelId", "modelVersion", "modelType", "currentSensitivity", "siteId", "sessionId"}


# Rhasspy 2.5 NLU: hermes/intent/<intentName> and hermes/nlu/intentNotRecognized
INTENT_KEYS = {"input", "rawInput", "intent", "slots", "siteId", "sessionId", "id", "customData", "wakewordId",
               "lang"}
NOT_RECOGNIZED_KEYS = {"input", "siteId", "sessionId", "id", "customData"}
NO_TEXT = {k: v for k, v in COMMAND.items() if k != "text"}


@pytest.mark.parametrize("message, expected", [
    (COMMAND, [("hermes/asr/textCaptured", TEXT_CAPTURED_KEYS), ("hermes/intent/HassTurnOn", INTENT_KEYS)]),
    (NO_TEXT, [("hermes/intent/HassTurnOn", INTENT_KEYS)]),
    (MESSAGE, [("hermes/asr/textCaptured", TEXT_CAPTURED_KEYS), ("hermes/nlu/intentNotRecognized", NOT_RECOGNIZED_KEYS)]),
    ({**MESSAGE, "kind": "wake", "text": ""}, [("hermes/hotword/hey_jarvis/detected", HOTWORD_KEYS)]),
])
def test_payloads_per_message(message, expected):
    got = hermes.payloads_for(message, hotword=False, sensitivity=0.5)
    assert [(topic, set(payload)) for topic, payload in got] == expected
    for _, payload in got:
        assert payload["siteId"] == "kitchen"
        assert payload["sessionId"] == "a1b2"


def test_intent_payload_is_rhasspy_nlu_shaped():
    topic, p = hermes.intent_recognized(COMMAND)
    assert topic == "hermes/intent/HassTurnOn"
    assert p["intent"] == {"intentName": "HassTurnOn", "confidenceScore": 1.0}
    assert p["input"] == "turn on the lights"
    slots = {s["slotName"]: s for s in p["slots"]}
    assert set(slots) == {"area", "domain", "brightness"}
    assert slots["area"] == {"entity": "area", "slotName": "area", "value": {"kind": "Unknown", "value": "kitchen"},
                             "rawValue": "kitchen", "confidence": 1.0}
    assert slots["brightness"]["value"] == {"kind": "Number", "value": 50}


def test_intent_without_text_consent_has_no_input():
    _, p = hermes.intent_recognized(NO_TEXT)
    assert p["input"] == "" and p["rawInput"] == ""
    assert "turn on" not in str(p)


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
    # then the NLU result (intentNotRecognized for a text; a command message without an intent has none)
    assert [t for t, _ in got][:2] == ["hermes/hotword/hey_jarvis/detected", "hermes/asr/textCaptured"]
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
