"""The transparency log: records, retention, the `audit` and `forget` commands, and erasure on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sottovoce.delivery.audit import AuditLog

DAY = 86400.0
T0 = 1_795_000_000.0


class Clock:
    def __init__(self, t: float = T0):
        self.t = t

    def __call__(self) -> float:
        return self.t


def files_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())


def sent_payload(marker: str) -> dict:
    return {"id": f"id-{marker}", "site": "kitchen", "time": "2026-11-21T05:54:00Z", "kind": "text",
            "text": f"turn on the {marker}", "redacted": {"name": 1}, "wake_word": "hey_jarvis"}


def test_records_round_trip(tmp_path):
    clock = Clock()
    with AuditLog(tmp_path / "audit.sqlite3", clock=clock) as audit:
        audit.record("sent", "consent.text is on", wake_word="hey_jarvis", redacted={"phone": 1},
                     payload=sent_payload("lamp"))
        clock.t += 1
        audit.record("held", "sensitive topic: health", wake_word="alexa", redacted={})
        audit.record("dropped", "expired: not delivered within 24 h", payload=sent_payload("fan"))
        records = audit.records()
        assert [r.decision for r in records] == ["sent", "held", "dropped"]
        assert records[0].payload == sent_payload("lamp") and records[0].redacted == {"phone": 1}
        assert records[1].payload is None and records[1].time == T0 + 1
        assert [r.decision for r in audit.records(limit=2)] == ["held", "dropped"]
        line = json.loads(records[0].to_json())
        assert {"decision", "reason", "payload", "time", "wake_word", "redacted"} <= set(line)
        with pytest.raises(ValueError):
            audit.record("published", "not a decision")
    assert (tmp_path / "audit.sqlite3").stat().st_mode & 0o077 == 0


def test_retention_purges_on_open_and_periodically_and_erases_the_bytes(tmp_path):
    path = tmp_path / "audit.sqlite3"
    clock = Clock()
    with AuditLog(path, retention_days=2, clock=clock, purge_interval=3600) as audit:
        audit.record("sent", "old", payload=sent_payload("oldmarker"))
        clock.t += 1.5 * DAY
        audit.record("sent", "newer", payload=sent_payload("newmarker"))
        assert audit.count() == 2
        clock.t += 0.6 * DAY  # the first record is now 2.1 days old
        audit.record("held", "no consent")  # a record after the purge interval triggers a purge
        assert [r.reason for r in audit.records()] == ["newer", "no consent"]
    assert b"oldmarker" not in files_bytes(tmp_path)  # secure_delete: not just unlinked from the b-tree
    assert b"newmarker" in files_bytes(tmp_path)
    clock.t += 2.5 * DAY
    with AuditLog(path, retention_days=2, clock=clock) as audit:  # purge on open
        assert audit.count() == 0
    assert b"newmarker" not in files_bytes(tmp_path)


def test_erase_leaves_nothing_in_the_files(tmp_path):
    path = tmp_path / "audit.sqlite3"
    with AuditLog(path) as audit:
        for i in range(200):
            audit.record("sent", "consent.text is on", payload=sent_payload(f"erasemarker{i}"))
        assert audit.erase() == 200
        assert audit.count() == 0
    assert b"erasemarker" not in files_bytes(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.sqlite3"]
