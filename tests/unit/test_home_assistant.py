"""Home Assistant discovery: the keys HA's MQTT docs require per platform, a pseudonymous device."""

from __future__ import annotations

import json
import socket
import uuid

import pytest
from sottovoce.delivery.mqtt import home_assistant as ha
from sottovoce.delivery.mqtt import remote_commands
from sottovoce.delivery.mqtt.topics import topics_for

TOPICS = topics_for("", "kitchen")
DEVICE = ha.device_identifier(b"local secret")

# From home-assistant.io/integrations/<platform>.mqtt: keys marked "required: true", plus what the
# device registry needs (unique_id, and a device block with identifiers) and our availability.
REQUIRED = {
    "event": {"state_topic", "event_types"},
    "switch": {"command_topic"},
}
COMMON = {"unique_id", "device", "name", "availability_topic", "payload_available", "payload_not_available"}


def configs() -> dict[str, tuple[str, dict]]:
    return {topic.split("/")[1]: (topic, payload) for topic, payload in ha.discovery_messages(TOPICS, DEVICE, "0.1")}


@pytest.mark.parametrize("platform", sorted(REQUIRED))
def test_required_keys_per_platform(platform):
    topic, payload = configs()[platform]
    assert topic.startswith(f"homeassistant/{platform}/sottovoce_{DEVICE}/") and topic.endswith("/config")
    missing = (REQUIRED[platform] | COMMON) - set(payload)
    assert not missing, f"{platform} discovery lacks {missing}"
    assert payload["device"]["identifiers"], "the device registry needs identifiers"
    assert payload["availability_topic"] == TOPICS.status
    json.dumps(payload)  # serialisable


def test_event_entity_matches_the_message_topic_and_kinds():
    _, event = configs()["event"]
    assert event["state_topic"] == TOPICS.event
    assert set(event["event_types"]) == {"command", "text", "wake"}


@pytest.mark.parametrize("kind", ["command", "text", "wake"])
def test_event_payload_has_an_event_type_the_entity_declares(kind):
    msg = {"id": "x", "site": "s", "time": "t", "kind": kind, "text": "", "redacted": {}, "wake_word": "w"}
    payload = ha.event_payload(msg)
    assert payload["event_type"] == kind and kind in configs()["event"][1]["event_types"]
    assert {k: v for k, v in payload.items() if k != "event_type"} == msg


def test_switch_payloads_match_the_command_parser_and_state_values():
    _, switch = configs()["switch"]
    assert switch["command_topic"] == TOPICS.cmd and switch["state_topic"] == TOPICS.state
    assert remote_commands.parse(switch["payload_on"].encode()) == "mute"
    assert remote_commands.parse(switch["payload_off"].encode()) == "unmute"
    assert (switch["state_on"], switch["state_off"]) == ("muted", "listening")


def test_unique_ids_differ_and_device_is_shared():
    payloads = [p for _, p in configs().values()]
    assert len({p["unique_id"] for p in payloads}) == len(payloads)
    assert len({json.dumps(p["device"], sort_keys=True) for p in payloads}) == 1


def test_device_identifier_is_stable_pseudonymous_and_secret_dependent():
    assert ha.device_identifier(b"local secret") == DEVICE
    assert ha.device_identifier(b"other secret") != DEVICE
    assert len(DEVICE) == 16 and int(DEVICE, 16) >= 0
    with pytest.raises(ValueError):
        ha.device_identifier(b"")


def test_no_machine_identity_in_discovery():
    text = json.dumps(ha.discovery_messages(TOPICS, DEVICE, "0.1"))
    mac = f"{uuid.getnode():012x}"
    assert socket.gethostname() not in text
    assert mac not in text.replace(":", "").lower()


def test_command_event_has_the_intent_and_slots_as_attributes():
    msg = {"id": "x", "site": "s", "time": "t", "kind": "command", "redacted": {}, "wake_word": "w",
           "intent": {"name": "HassTurnOn", "slots": {"area": "kitchen", "domain": "light", "site": "bogus"}}}
    payload = ha.event_payload(msg)
    assert payload["event_type"] == "command"
    assert payload["intent"] == "HassTurnOn"
    assert payload["slots"] == {"area": "kitchen", "domain": "light", "site": "bogus"}
    assert payload["area"] == "kitchen" and payload["domain"] == "light"
    assert payload["site"] == "s"  # a slot never hides a message field
    assert "text" not in payload
