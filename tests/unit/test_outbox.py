"""Outbox: durable FIFO, ack on PUBACK, TTL and size cap with audited drops, survives a SIGKILL."""

from __future__ import annotations

import pytest
from sottovoce.delivery.outbox import Outbox


class Clock:
    def __init__(self, t: float = 1_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


def msg(i: int, kind: str = "text") -> dict:
    return {"id": f"id-{i:04d}", "site": "s", "time": "t", "kind": kind, "text": f"text {i}", "redacted": {}}


@pytest.fixture
def drops():
    return []


@pytest.fixture
def box(tmp_path, drops):
    clock = Clock()
    ob = Outbox(tmp_path / "outbox.sqlite3", ttl_seconds=3600, max_messages=5, clock=clock,
                on_drop=lambda i, r: drops.append((i, r)))
    ob.clock = clock
    yield ob
    ob.close()


def test_fifo_order_ack_and_count(box):
    for i in range(4):
        box.put(msg(i))
    assert box.count() == 4
    assert [q.id for q in box.pending(10)] == ["id-0000", "id-0001", "id-0002", "id-0003"]
    assert box.pending(2, exclude={"id-0000"})[0].id == "id-0001"
    assert box.peek().message == msg(0)
    assert box.ack("id-0001") is True
    assert box.ack("id-0001") is False
    assert [q.id for q in box.pending(10)] == ["id-0000", "id-0002", "id-0003"]


def test_duplicate_id_is_stored_once(box):
    box.put(msg(1))
    box.put(msg(1))
    assert box.count() == 1


@pytest.mark.parametrize("bad", [{}, {"id": ""}, {"id": 5}, {"text": "no id"}])
def test_message_without_string_id_is_refused(box, bad):
    with pytest.raises(ValueError):
        box.put(bad)
    assert box.count() == 0


def test_ttl_drops_old_messages_and_reports_them(box, drops):
    box.put(msg(0))
    box.clock.t += 1800
    box.put(msg(1))
    box.clock.t += 1801  # msg 0 is now 3601 s old, msg 1 1801 s
    assert [q.id for q in box.pending(10)] == ["id-0001"]
    assert drops and drops[0][0] == "id-0000" and "expired" in drops[0][1]
    assert len(drops) == 1


def test_size_cap_drops_oldest_and_reports_them(box, drops):
    for i in range(8):
        box.put(msg(i))
    assert box.count() == 5
    assert [q.id for q in box.pending(10)] == [f"id-{i:04d}" for i in range(3, 8)]
    assert [d[0] for d in drops] == ["id-0000", "id-0001", "id-0002"]
    assert all("outbox full" in d[1] for d in drops)


def test_clear_returns_how_many(box):
    for i in range(3):
        box.put(msg(i))
    assert box.clear() == 3
    assert box.count() == 0 and box.pending(10) == []


def test_listener_is_called_on_put(box):
    calls = []
    box.add_listener(lambda: calls.append(1))
    box.put(msg(0))
    assert calls == [1]


def test_wal_and_full_sync_and_private_file(tmp_path):
    ob = Outbox(tmp_path / "o.sqlite3")
    ob.put(msg(0))
    assert ob._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ob._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert (tmp_path / "o.sqlite3").stat().st_mode & 0o077 == 0
    ob.close()


def test_drops_land_in_the_audit_log(tmp_path):
    from sottovoce.delivery.audit import AuditLog

    clock = Clock()
    audit = AuditLog(tmp_path / "audit.sqlite3", 7.0, clock)
    ob = Outbox(tmp_path / "outbox.sqlite3", ttl_seconds=60, max_messages=2, clock=clock,
                on_drop=audit.record_outbox_drop)
    for i in range(3):
        ob.put(msg(i))  # the cap drops id-0000
    clock.t += 61
    assert ob.expire() == 2  # the TTL drops the other two
    reasons = [r.reason for r in audit.records()]
    assert len(reasons) == 3 and all(r.startswith("outbox: ") for r in reasons)
    assert "id-0000" in reasons[0] and "outbox full" in reasons[0]
    assert all("expired" in r for r in reasons[1:])
    ob.close()
    audit.close()
