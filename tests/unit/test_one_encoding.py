"""One encoder for the message: what the outbox stores, what is published on <prefix>/text and
what the audit log shows as the payload are the same bytes."""

from __future__ import annotations

import sqlite3

from sottovoce.delivery.audit import AuditLog
from sottovoce.delivery.mqtt.publisher import payload_bytes
from sottovoce.delivery.outbox import Outbox
from sottovoce.privacy.message import build_message, encode

MESSAGE = build_message(kind="text", text="rappelle à Zoë «demain» \u2014 ok", redacted={"NAME": 1},
                        wake_word="hey_jarvis", now=1_700_000_000.0, precision="minute",
                        rng=lambda n: bytes(range(n)), site="kitchen")


def test_outbox_audit_and_wire_hold_the_same_bytes(tmp_path):
    box = Outbox(tmp_path / "outbox.sqlite3")
    audit = AuditLog(tmp_path / "audit.sqlite3", 7)
    try:
        box.put(MESSAGE)
        audit.record("sent", "test", wake_word="hey_jarvis", redacted={"NAME": 1}, payload=MESSAGE)
        queued = box.pending()[0]
        with sqlite3.connect(tmp_path / "audit.sqlite3") as db:
            audited = db.execute("SELECT payload FROM audit").fetchone()[0].encode("utf-8")
    finally:
        box.close()
        audit.close()
    assert queued.body == encode(MESSAGE) == audited
    assert payload_bytes(queued.body) == audited  # the publisher sends the stored bytes as they are
    assert "Zoë".encode() in audited and b"\\u" not in audited  # UTF-8, not escaped
