"""Commands leave as intents: `sottovoce decide` as a user runs it, and `sottovoce run` on the demo
recording (real openWakeWord, real Whisper, real mosquitto) with consent.commands alone and with
consent.text too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import jsonschema
import pytest
from broker import Broker, Subscriber, speaker_prefix
from conftest import ROOT, pipeline_args, sottovoce

DEMO = ROOT / "device" / "sottovoce" / "data" / "demo.wav"  # "turn on the kitchen lights", a call, a health line
SCHEMA = json.loads((ROOT / "device" / "sottovoce" / "data" / "message.schema.json").read_text())
CONFIG = ROOT / "config" / "sottovoce.toml"


def decide(lines: list[str], *sets: str) -> list[dict]:
    args = ["decide", "--config", str(CONFIG)]
    for item in sets:
        args += ["--set", item]
    done = sottovoce(*args, input=("\n".join(lines) + "\n").encode(), timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    rows = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(rows) == len(lines)
    return rows


def test_decide_with_only_commands_sends_intents_and_holds_the_rest():
    rows = decide(["turn on the kitchen lights", "Turn on the kitchen lights.", "call john smith on five five five "
                   "two three four eight nine nine one", "tell me a joke", "", "turn on john's lamp"],
                  "consent.commands=true")
    spoken, written, call, joke, empty, named = rows
    assert named["intent"]["name"] == "HassTurnOn"  # its slot: test_a_name_in_a_device_slot_is_redacted
    for row in (spoken, written):
        assert row["kind"] == "command" and row["decision"] == "sent" and row["text_leaves"] is False
        assert row["intent"] == {"name": "HassTurnOn", "slots": {"area": "kitchen", "domain": "light"}}
    assert call["text"] == "call <NAME> on <PHONE>" and call["redacted"] == {"NAME": 1, "PHONE": 1}
    assert call["decision"] == "held" and call["kind"] is None and call["intent"] is None
    assert "not a recognised command" in call["reason"]
    assert joke["decision"] == "held" and empty["decision"] == "held" and "no speech" in empty["reason"]
    assert set(spoken) == {"text", "redacted", "kind", "intent", "decision", "reason", "text_leaves"}


def test_a_name_in_a_device_slot_is_redacted():
    # the household's own name list, so this checks that slots are redacted, whatever the tagger scores
    named, = decide(["turn on john's lamp"], "consent.commands=true", 'redaction.extra_names=["John"]')
    assert named["intent"] == {"name": "HassTurnOn", "slots": {"name": "<NAME>'s lamp"}}  # slots are redacted too


def test_a_common_name_in_a_device_slot_is_found_by_the_tagger():
    named, = decide(["turn on john's lamp"], "consent.commands=true")
    assert named["intent"] == {"name": "HassTurnOn", "slots": {"name": "<NAME>'s lamp"}}


def test_decide_follows_the_consent_given_with_set():
    default = decide(["turn on the kitchen lights"])[0]
    assert default["decision"] == "held" and "no consent" in default["reason"]
    both = decide(["turn on the kitchen lights", "tell me a joke", "i think i have cancer"],
                  "consent.commands=true", "consent.text=true")
    assert both[0]["kind"] == "command" and both[0]["text_leaves"] is True
    assert both[1]["kind"] == "text" and both[1]["intent"] is None and both[1]["text_leaves"] is True
    assert both[2]["decision"] == "held" and "sensitive topic: health" in both[2]["reason"]


def test_decide_with_a_bad_vocabulary_says_so_in_one_line(tmp_path):
    bad = tmp_path / "vocabulary.toml"
    bad.write_text('[names]\n"lamp" = "lamps"\n')
    done = sottovoce("decide", "--config", str(CONFIG), "--set", f"commands.vocabulary={bad}", input=b"hi\n")
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "expected a Home Assistant domain" in err and str(bad) in err


@pytest.fixture()
def broker(tmp_path):
    with Broker(tmp_path / "broker") as b:
        yield b


def run_demo(tmp_path, broker, *consent: str) -> list[tuple[str, bytes]]:
    sub = Subscriber(broker.port, ["#"]).start()
    args = [sys.executable, "-m", "sottovoce", "run",
            *pipeline_args(tmp_path / "state", *consent, "mqtt.hermes=true", "mqtt.host=127.0.0.1",
                           f"mqtt.port={broker.port}"), "--set", f"audio.source=file:{DEMO}"]
    try:
        result = subprocess.run(args, capture_output=True, timeout=300, env={**os.environ, "SOTTOVOCE_CONFIG": str(CONFIG)})
        assert result.returncode == 0, result.stderr.decode()[-3000:]
        assert sub.wait_for(lambda: sub.on("hermes/intent/HassTurnOn"), 10)
        time.sleep(0.5)
    finally:
        sub.close()
    assert b"kitchen lights" not in (result.stdout + result.stderr).lower()  # never logged at INFO
    return sub


@pytest.mark.slow
def test_only_commands_consent_publishes_the_intent_without_text(tmp_path, broker):
    sub = run_demo(tmp_path, broker, "consent.commands=true")
    (message,) = [json.loads(p) for p in sub.on(speaker_prefix(tmp_path / "state") + "/text")]
    jsonschema.validate(message, SCHEMA)
    assert message["kind"] == "command" and "text" not in message
    assert message["intent"] == {"name": "HassTurnOn", "slots": {"area": "kitchen", "domain": "light"}}
    (event,) = [json.loads(p) for p in sub.on(speaker_prefix(tmp_path / "state") + "/event")]
    assert event["event_type"] == "command" and event["intent"] == "HassTurnOn" and event["area"] == "kitchen"
    (hermes,) = [json.loads(p) for p in sub.on("hermes/intent/HassTurnOn")]
    assert hermes["intent"]["intentName"] == "HassTurnOn" and hermes["input"] == ""
    assert {s["slotName"]: s["value"]["value"] for s in hermes["slots"]} == {"area": "kitchen", "domain": "light"}
    assert hermes["siteId"] == message["site"] and hermes["sessionId"] == message["id"]
    assert sub.on("hermes/asr/textCaptured") == [] and sub.on("hermes/nlu/intentNotRecognized") == []
    everything = b"\n".join(p for _t, p, _r in sub.messages).lower()
    for word in (b"turn on", b"kitchen lights", b"john", b"smith", b"8991", b"antidepressant"):
        assert word not in everything, f"{word!r} reached MQTT"


@pytest.mark.slow
def test_commands_and_text_consent_add_the_text(tmp_path, broker):
    sub = run_demo(tmp_path, broker, "consent.commands=true", "consent.text=true")
    command, call = [json.loads(p) for p in sub.on(speaker_prefix(tmp_path / "state") + "/text")]
    for message in (command, call):
        jsonschema.validate(message, SCHEMA)
    assert command["kind"] == "command" and command["text"] == "turn on the kitchen lights"
    assert command["intent"]["name"] == "HassTurnOn"
    assert call["kind"] == "text" and "<PHONE>" in call["text"] and "intent" not in call
    (hermes,) = [json.loads(p) for p in sub.on("hermes/intent/HassTurnOn")]
    assert hermes["input"] == "turn on the kitchen lights"
    (missed,) = [json.loads(p) for p in sub.on("hermes/nlu/intentNotRecognized")]
    assert missed["input"] == call["text"] and missed["sessionId"] == call["id"]
