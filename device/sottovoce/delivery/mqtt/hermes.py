"""Rhasspy/Hermes payloads built from an outgoing message, so Rhasspy 2.5 and Node-RED flows work.

Pure. Field names follow the Rhasspy 2.5 MQTT reference: hermes/asr/textCaptured carries text,
likelihood, seconds, siteId, sessionId (and Rhasspy's wakewordId); hermes/hotword/<wakewordId>/detected
carries modelId, modelVersion, modelType, currentSensitivity, siteId, sessionId. siteId is the
message's pseudonym and sessionId its random id, never a hostname. Hermes payloads are derived from
the same consented message as .../text, so they reveal nothing the household did not opt in to.

A command is also published as Rhasspy's NLU publishes an intent, on hermes/intent/<intentName>
(input, intent.intentName, intent.confidenceScore, slots with entity, slotName, value, rawValue,
siteId, sessionId). Without consent.text the message has no text, so `input` is "" and no
textCaptured goes out. A text that is not a command gives hermes/nlu/intentNotRecognized, which
only happens when consent.text let the text out.
"""

from __future__ import annotations

import re
from typing import Any

from sottovoce.delivery.mqtt.topics import topic_segment

TEXT_CAPTURED = "hermes/asr/textCaptured"
NOT_RECOGNIZED = "hermes/nlu/intentNotRecognized"
_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def wakeword_id(name: str) -> str:
    """A topic-safe wake word id: a model path becomes its file stem ("/x/hey_bob.tflite" -> "hey_bob")."""
    base = str(name or "").rsplit("/", 1)[-1]
    for suffix in (".tflite", ".onnx"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
    return topic_segment(base, fallback="default")


def _number(value: Any, default: float) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else default


def text_captured(message: dict) -> tuple[str, dict]:
    payload = {
        "text": str(message.get("text", "")),
        "likelihood": _number(message.get("likelihood"), 1.0),
        "seconds": _number(message.get("seconds"), 0.0),
        "siteId": str(message.get("site", "default")),
        "sessionId": str(message.get("id", "")),
        "wakewordId": wakeword_id(message["wake_word"]) if message.get("wake_word") else "",
    }
    return TEXT_CAPTURED, payload


def hotword_detected(message: dict, sensitivity: float) -> tuple[str, dict]:
    """`sensitivity` is wake.threshold: messages carry no per-detection score."""
    word = wakeword_id(message.get("wake_word", ""))
    payload = {
        "modelId": word,
        "modelVersion": "",
        "modelType": "universal",
        "currentSensitivity": _number(sensitivity, 0.5),
        "siteId": str(message.get("site", "default")),
        "sessionId": str(message.get("id", "")),
    }
    return f"hermes/hotword/{word}/detected", payload


def _slot(name: str, value: Any) -> dict:
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return {
        "entity": name,
        "slotName": name,
        "value": {"kind": "Number" if number else "Unknown", "value": value},
        "rawValue": str(value),
        "confidence": 1.0,
    }


def intent_recognized(message: dict) -> tuple[str, dict]:
    intent = message["intent"]
    name = _NOT_IN_NAME.sub("_", str(intent["name"])) or "unknown"  # case kept: hermes/intent/HassTurnOn
    text = str(message.get("text", ""))
    payload = {
        "input": text,
        "rawInput": text,
        "intent": {"intentName": name, "confidenceScore": 1.0},
        "slots": [_slot(k, v) for k, v in sorted(intent.get("slots", {}).items())],
        "siteId": str(message.get("site", "default")),
        "sessionId": str(message.get("id", "")),
        "id": str(message.get("id", "")),
        "customData": None,
        "wakewordId": wakeword_id(message["wake_word"]) if message.get("wake_word") else "",
        "lang": None,
    }
    return f"hermes/intent/{name}", payload


def intent_not_recognized(message: dict) -> tuple[str, dict]:
    payload = {
        "input": str(message.get("text", "")),
        "siteId": str(message.get("site", "default")),
        "sessionId": str(message.get("id", "")),
        "id": str(message.get("id", "")),
        "customData": None,
    }
    return NOT_RECOGNIZED, payload


def payloads_for(message: dict, *, hotword: bool, sensitivity: float) -> list[tuple[str, dict]]:
    """Hermes (topic, payload) pairs for one message, in the order Rhasspy expects them.

    A wake event gives hotword/<word>/detected. A command or text gives, in order: the hotword
    (when `hotword`: the household consented to wake events, so flows that start on it fire whether
    or not the text is sent), textCaptured (when the message has text), then the command's intent on
    hermes/intent/<name>, or hermes/nlu/intentNotRecognized for a text. Nothing in them that the
    message does not hold."""
    kind = message.get("kind")
    if kind == "wake":
        return [hotword_detected(message, sensitivity)]
    if kind not in ("command", "text"):
        return []
    out = [hotword_detected(message, sensitivity)] if hotword and message.get("wake_word") else []
    if message.get("text"):
        out.append(text_captured(message))
    if kind == "command" and isinstance(message.get("intent"), dict):
        out.append(intent_recognized(message))
    elif kind == "text":
        out.append(intent_not_recognized(message))
    return out
