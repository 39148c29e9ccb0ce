"""Shared helpers for the MQTT integration tests (imported by tests/test_mqtt*.py)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from sottovoce.home_assistant import device_identifier
from sottovoce.outbox import Outbox
from sottovoce.publisher import Publisher
from sottovoce.settings import MqttSettings
from sottovoce.topics import Topics, topics_for


def message(i: int, kind: str = "command", prefix: str = "m") -> dict:
    return {"id": f"{prefix}-{i:05d}", "site": "kitchen", "time": "2026-11-21T06:00", "kind": kind,
            "text": f"turn on light {i}" if kind != "wake" else "", "redacted": {}, "wake_word": "hey_jarvis"}


def ids_on(sub, topic: str) -> list[str]:
    return [json.loads(p)["id"] for p in sub.on(topic)]


def make_publisher(state_dir: Path, mqtt: MqttSettings, site: str = "kitchen", **kw) -> tuple[Publisher, Outbox, Topics]:
    topics = topics_for(mqtt.prefix, site, mqtt.discovery_prefix)
    outbox = Outbox(state_dir / "outbox.sqlite3", ttl_seconds=mqtt.outbox_ttl_hours * 3600,
                    max_messages=mqtt.outbox_max, on_drop=kw.pop("on_drop", None))
    pub = Publisher(mqtt, topics, outbox, device_id=device_identifier(b"test secret"), version="test", **kw)
    return pub, outbox, topics


def wait_until(predicate, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
