"""10,000 random and malformed payloads on the command topic of a live link: no crash, and exactly
the valid commands reach the daemon's callback, in order."""

from __future__ import annotations

import json
import random

from broker import Broker, Subscriber, make_publisher, wait_until
from sottovoce.delivery.mqtt.remote_commands import parse
from sottovoce.settings import MqttSettings

VALID = [b"mute", b"unmute", b" UNMUTE\n", b'{"command": "mute"}', b"Mute"]


def payloads(rng: random.Random, n: int) -> list[bytes]:
    out = []
    for i in range(n):
        r = rng.random()
        if i % 97 == 0:
            out.append(rng.choice(VALID))
        elif r < 0.35:
            out.append(rng.randbytes(rng.randint(1, 1500)))
        elif r < 0.5:
            out.append(b"\xff\xfe\xfd" + rng.randbytes(rng.randint(0, 40)))  # never UTF-8
        elif r < 0.7:
            shape = rng.choice([{"command": 1}, {"command": "reboot"}, {"cmd": "mute"}, ["mute"], "mute",
                                {"command": "mute", "x": 1}, None, {"command": {"mute": True}}])
            out.append(json.dumps(shape).encode())
        elif r < 0.9:
            out.append(rng.choice([b"muted", b"mute!", b"on", b"OFF", b"unmute please", b"\x00mute", b"m u t e"]))
        elif r < 0.9005:
            out.append(b"mute" * 300_000)  # 1.2 MB
        else:
            out.append(b"[" * rng.randint(1, 5000))
    return out


def test_ten_thousand_malformed_command_payloads(tmp_path):
    rng = random.Random(2026)
    sent = payloads(rng, 10_000)
    expected = [c for c in (parse(p) for p in sent) if c is not None]
    assert len(expected) >= 100  # the stream really mixes valid commands in
    received: list[str] = []
    with Broker(tmp_path / "broker") as broker:
        pub, outbox, topics = make_publisher(tmp_path / "state", MqttSettings(port=broker.port),
                                             on_command=received.append)
        pub.start()
        sender = Subscriber(broker.port, ["unused/#"]).start()
        try:
            assert pub.connected.wait(5)
            infos = [sender.client.publish(topics.cmd, p, qos=1) for p in sent]
            assert wait_until(lambda: all(i.is_published() for i in infos), 60)
            assert wait_until(lambda: len(received) + pub.ignored_commands >= len(sent), 60), \
                (len(received), pub.ignored_commands)
            assert received == expected
            assert pub.ignored_commands == len(sent) - len(expected)
            assert pub.connected.is_set() and pub.client.is_connected()
            sender.client.publish(topics.cmd, "unmute", qos=1)
            assert wait_until(lambda: received[-1:] == ["unmute"] and len(received) == len(expected) + 1, 5)
        finally:
            sender.close()
            pub.stop()
            outbox.close()


def test_a_failing_command_callback_does_not_break_the_link(tmp_path):
    calls: list[str] = []

    def explode(command: str) -> None:
        calls.append(command)
        raise RuntimeError("boom")

    with Broker(tmp_path / "broker") as broker:
        pub, outbox, topics = make_publisher(tmp_path / "state", MqttSettings(port=broker.port), on_command=explode)
        pub.start()
        sender = Subscriber(broker.port, ["unused/#"]).start()
        try:
            assert pub.connected.wait(5)
            for _ in range(3):
                sender.client.publish(topics.cmd, "mute", qos=1)
            assert wait_until(lambda: len(calls) == 3, 5)
            assert pub.client.is_connected()
        finally:
            sender.close()
            pub.stop()
            outbox.close()
