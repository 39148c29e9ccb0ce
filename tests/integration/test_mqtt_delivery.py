"""Delivery through a real mosquitto: outage of 10 s, MQTT 5, retained status/state, discovery."""

from __future__ import annotations

import json
import time

import pytest
from broker import Broker, Subscriber, ids_on, make_publisher, message, wait_until
from sottovoce.settings import MqttSettings


@pytest.fixture
def broker(tmp_path):
    b = Broker(tmp_path / "broker").start()
    yield b
    b.close()


def test_200_messages_queued_during_a_10s_outage_all_arrive(tmp_path, broker):
    """The subscriber keeps a persistent session (clean_session=False, QoS 1): the broker queues
    for it across its own restart, so it gets every message whichever client reconnects first."""
    pub, outbox, topics = make_publisher(tmp_path / "state", MqttSettings(port=broker.port, hermes=True))
    sub = Subscriber(broker.port, [topics.text, topics.event, "hermes/asr/textCaptured"],
                     session="outage-sub").start()
    pub.start()
    try:
        assert pub.connected.wait(5)
        broker.stop()
        assert wait_until(lambda: not pub.connected.is_set(), 5)
        t0 = time.monotonic()
        expected = [message(i)["id"] for i in range(200)]
        for i in range(200):
            outbox.put(message(i))
        assert outbox.count() == 200
        time.sleep(max(0.0, 10.0 - (time.monotonic() - t0)))
        attempts_during_outage = pub.attempts
        broker.start()
        assert pub.wait_drained(30), f"{outbox.count()} messages still queued"
        assert sub.wait_for(lambda: set(ids_on(sub, topics.text)) >= set(expected), 20)
        got = ids_on(sub, topics.text)
        assert sorted(set(got)) == expected  # each once after dedupe by id
        assert len(got) >= 200
        first_seen = list(dict.fromkeys(got))
        assert first_seen == expected  # in order
        # .../text carries the message exactly as built (schema-valid); .../event adds event_type
        assert all(json.loads(p) == message(int(json.loads(p)["id"][2:])) for p in sub.on(topics.text))
        assert sub.wait_for(lambda: {json.loads(p)["id"] for p in sub.on(topics.event)} == set(expected), 10)
        assert all(json.loads(p)["event_type"] == "command" for p in sub.on(topics.event))
        assert sub.wait_for(lambda: len({json.loads(p)["sessionId"] for p in sub.on("hermes/asr/textCaptured")})
                            == 200, 10)
        # backoff 1, 2, 4, 8 s: a handful of attempts in 10 s, not a tight loop
        assert 2 <= attempts_during_outage <= 6, attempts_during_outage
    finally:
        pub.stop()
        sub.close()
        outbox.close()


def test_mqtt5_state_status_and_rediscovery(tmp_path, broker):
    mqtt = MqttSettings(port=broker.port, protocol="5")
    pub, outbox, topics = make_publisher(tmp_path / "state", mqtt)
    sub = Subscriber(broker.port, [f"{topics.prefix}/#", "homeassistant/#"], protocol="5").start()
    for i in range(3):
        outbox.put(message(i, kind="wake"))
    pub.start()
    try:
        assert pub.wait_drained(10)
        assert sub.wait_for(lambda: len(ids_on(sub, topics.text)) == 3, 5)
        assert sub.wait_for(lambda: sub.on(topics.status) == [b"online"], 5)
        assert sub.wait_for(lambda: sub.on(topics.state) == [b"listening"], 5)
        discovery = [t for t, _, _ in sub.messages if t.startswith("homeassistant/") and t.endswith("/config")]
        assert len(discovery) == 2
        pub.set_muted(True)
        assert sub.wait_for(lambda: sub.on(topics.state)[-1:] == [b"muted"], 5)
        # Home Assistant restarts: its birth message asks for discovery again
        helper = Subscriber(broker.port, ["unused/#"]).start()
        helper.client.publish("homeassistant/status", "online", qos=1)
        assert sub.wait_for(lambda: len([t for t, _, _ in sub.messages
                                         if t.startswith("homeassistant/") and t.endswith("/config")]) == 4, 5)
        helper.close()
    finally:
        pub.stop()
        sub.close()
        outbox.close()
    # after a clean stop the retained values say offline / muted to anyone who subscribes later
    late = Subscriber(broker.port, [topics.status, topics.state]).start()
    try:
        assert late.wait_for(lambda: len(late.messages) == 2, 5)
        retained = {t: (p, r) for t, p, r in late.messages}
        assert retained[topics.status] == (b"offline", True)
        assert retained[topics.state] == (b"muted", True)
    finally:
        late.close()


def test_a_message_the_broker_chokes_on_is_dropped_audited_and_does_not_block(tmp_path):
    """mosquitto answers an oversized MQTT 5 PUBLISH with a PUBACK paho cannot parse, and the
    connection breaks every time it is re-sent. After 5 strikes the message is dropped and audited;
    the one queued behind it is delivered."""
    drops = []
    with Broker(tmp_path / "broker", extra=("message_size_limit 2000",)) as broker:
        pub, outbox, topics = make_publisher(tmp_path / "state", MqttSettings(port=broker.port, protocol="5"),
                                             on_drop=lambda i, r: drops.append((i, r)))
        outbox.put({**message(0), "text": "x" * 5000})
        outbox.put(message(1))
        pub.start()
        try:
            assert pub.wait_drained(25)
            assert [d[0] for d in drops] == [message(0)["id"]]
            assert "broke each of the 5 times" in drops[0][1]
        finally:
            pub.stop()
            outbox.close()


def test_acl_refusal_is_dropped_audited_and_logged(tmp_path, caplog):
    """MQTT 5 PUBACK "Not authorized": retrying cannot help, so the message is dropped, audited and
    one ERROR names the ACL."""
    acl = tmp_path / "acl"
    acl.write_text("".join(f"topic readwrite sottovoce/kitchen/{t}\n" for t in ("status", "state", "cmd"))
                   + "topic readwrite homeassistant/#\n")
    drops = []
    with Broker(tmp_path / "broker", extra=(f"acl_file {acl}",)) as broker:
        pub, outbox, topics = make_publisher(tmp_path / "state", MqttSettings(port=broker.port, protocol="5"),
                                             on_drop=lambda i, r: drops.append((i, r)))
        outbox.put(message(0))
        pub.start()
        try:
            assert pub.wait_drained(10)
            assert [d[0] for d in drops] == [message(0)["id"]]
            assert "refused by the broker" in drops[0][1] and "authorized" in drops[0][1].lower()
            assert any("ACL" in r.getMessage() for r in caplog.records if r.levelname == "ERROR")
        finally:
            pub.stop()
            outbox.close()
