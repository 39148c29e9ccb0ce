"""Home Assistant MQTT discovery payloads: one device, an event entity and a mute switch.

Pure. The device identifier is an HMAC of the local secret, so it is stable across restarts (Home
Assistant keeps its entities) but says nothing about the machine: no hostname, MAC or serial.

The event entity listens on .../event, where each message is published a second time with
"event_type" (its kind) added, so Home Assistant fires the event with the message's fields (id,
site, time, text, redacted, wake_word) as attributes. A command's event also has "intent" (its
name, e.g. "HassTurnOn") and "slots" as attributes, and each slot once more at the top level
("area": "kitchen") unless it would hide a message field, so an automation triggers on
"HassTurnOn in the kitchen" with a plain attribute condition. .../text keeps the message exactly as the
schema (data/message.schema.json, additionalProperties false) describes it, for Node-RED and
anything else. Both copies belong to the same outbox entry: it is deleted only when the broker has
acknowledged every copy, so the event is as at-least-once as the text.
"""

from __future__ import annotations

import hashlib
import hmac

from sottovoce.delivery.mqtt.topics import Topics

EVENT_TYPES = ("command", "text", "wake")
PAYLOAD_MUTE = "mute"
PAYLOAD_UNMUTE = "unmute"
STATE_MUTED = "muted"
STATE_LISTENING = "listening"
ONLINE = "online"
OFFLINE = "offline"


def device_identifier(secret: bytes) -> str:
    """A stable pseudonymous id derived from the local secret (16 hex digits)."""
    if not secret:
        raise ValueError("an empty secret cannot give a stable pseudonymous device id")
    return hmac.new(secret, b"sottovoce/home-assistant/device", hashlib.sha256).hexdigest()[:16]


def _device(device_id: str, version: str) -> dict:
    return {
        "identifiers": [f"sottovoce_{device_id}"],
        "name": "sottovoce",
        "manufacturer": "sottovoce",
        "model": "privacy filter",
        "sw_version": version,
    }


def _availability(topics: Topics) -> dict:
    return {"availability_topic": topics.status, "payload_available": ONLINE,
            "payload_not_available": OFFLINE}


def event_config(topics: Topics, device_id: str, version: str) -> dict:
    return {
        "name": "Messages",
        "unique_id": f"sottovoce_{device_id}_messages",
        "state_topic": topics.event,
        "event_types": list(EVENT_TYPES),
        "qos": 1,
        "icon": "mdi:account-voice",
        "device": _device(device_id, version),
        **_availability(topics),
    }


def switch_config(topics: Topics, device_id: str, version: str) -> dict:
    return {
        "name": "Mute",
        "unique_id": f"sottovoce_{device_id}_mute",
        "command_topic": topics.cmd,
        "state_topic": topics.state,
        "payload_on": PAYLOAD_MUTE,
        "payload_off": PAYLOAD_UNMUTE,
        "state_on": STATE_MUTED,
        "state_off": STATE_LISTENING,
        "optimistic": False,
        "qos": 1,
        "retain": False,
        "icon": "mdi:microphone-off",
        "device": _device(device_id, version),
        **_availability(topics),
    }


def event_payload(message: dict) -> dict:
    """The message with the "event_type" Home Assistant's MQTT event entity requires; a command's
    intent name and slots become plain attributes."""
    payload = {"event_type": message.get("kind", "text"), **message}
    intent = message.get("intent")
    if isinstance(intent, dict):
        slots = dict(intent.get("slots", {}))
        payload["intent"] = str(intent.get("name", ""))
        payload["slots"] = slots
        for key, value in slots.items():
            payload.setdefault(key, value)
    return payload


def discovery_messages(topics: Topics, device_id: str, version: str) -> list[tuple[str, dict]]:
    """(topic, payload) pairs to publish retained under the discovery prefix."""
    node = f"sottovoce_{device_id}"
    return [
        (topics.discovery("event", node, "messages"), event_config(topics, device_id, version)),
        (topics.discovery("switch", node, "mute"), switch_config(topics, device_id, version)),
    ]
