"""Command payload parsing: a tiny accepted language, everything else None, never an exception."""

from __future__ import annotations

import json
import random

import pytest
from sottovoce.delivery.mqtt.remote_commands import MAX_PAYLOAD, parse


@pytest.mark.parametrize("payload, expected", [
    (b"mute", "mute"),
    (b"unmute", "unmute"),
    (b"MUTE", "mute"),
    (b"  Unmute\n", "unmute"),
    (b'{"command": "mute"}', "mute"),
    (b'{"command": " UNMUTE "}', "unmute"),
    ("mute", "mute"),
    (bytearray(b"mute"), "mute"),
    (b"", None),
    (None, None),
    (b"mute!", None),
    (b"mute unmute", None),
    (b"on", None),
    (b"muted", None),
    (b"\xff\xfemute", None),
    (b"mu\x00te", None),
    (b'{"command": "reboot"}', None),
    (b'{"command": ["mute"]}', None),
    (b'{"command": "mute", "extra": 1}', None),
    (b'["mute"]', None),
    (b'"mute"', None),
    (b"{not json", None),
    (b"[" * 100000, None),
    (b"{" + b'"a":{' * 5000, None),
    (b" " * 300 + b"mute", None),
    (b"mute".ljust(MAX_PAYLOAD), "mute"),
    (b"mute".ljust(MAX_PAYLOAD + 1), None),
    ("\ud800", None),
])
def test_parse_table(payload, expected):
    assert parse(payload) == expected


def test_ten_thousand_random_payloads_never_raise_and_only_commands_pass():
    rng = random.Random(5)
    valid = {"mute", "unmute"}
    for _ in range(10_000):
        choice = rng.random()
        if choice < 0.4:
            payload = rng.randbytes(rng.randint(0, 600))
        elif choice < 0.7:
            payload = json.dumps(rng.choice([{"command": rng.random()}, {"cmd": "mute"}, [1, 2], "x" * 9,
                                             {"command": {"x": "mute"}}, None])).encode()
        else:
            word = rng.choice(["mute", "unmute", "MUTE", "mute ", "unmutee", "mu", "mute\x00"])
            payload = word.encode()
        result = parse(payload)
        assert result is None or result in valid
        if result is not None:
            assert payload.decode().strip().lower() == result
