"""Rhasspy/Hermes payloads built from an outgoing message, so Rhasspy 2.5 and Node-RED flows work.

Pure. Field names follow the Rhasspy 2.5 MQTT reference: hermes/asr/textCaptured carries text,
likelihood, seconds, siteId, sessionId (and Rhasspy's wakewordId); hermes/hotword/<wakewordId>/detected
carries modelId, modelVersion, modelType, currentSensitivity, siteId, sessionId. siteId is the
message's pseudonym and sessionId its random id, never a hostname. Hermes payloads are derived from
the same consented message as .../text, so they reveal nothing the household did not opt in to.
"""

from __future__ import annotations

from typing import Any

from sottovoce.delivery.mqtt.topics import topic_segment

TEXT_CAPTURED = "hermes/asr/textCaptured"


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


def payloads_for(message: dict, *, hotword: bool, sensitivity: float) -> list[tuple[str, dict]]:
    """Hermes (topic, payload) pairs for one message, in the order Rhasspy expects them.

    A wake event gives hotword/<word>/detected; a captured text gives textCaptured, preceded by
    hotword/<word>/detected when `hotword` (the household consented to wake events), so flows that
    start on the hotword fire whether or not the text is sent. The hotword payload holds nothing the
    message does not (its wake word, site and id)."""
    kind = message.get("kind")
    if kind == "wake":
        return [hotword_detected(message, sensitivity)]
    if kind in ("command", "text"):
        head = [hotword_detected(message, sensitivity)] if hotword and message.get("wake_word") else []
        return head + [text_captured(message)]
    return []
