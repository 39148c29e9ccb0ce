"""The transparency log: records, retention, the `audit` and `forget` commands, and erasure on disk."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from sottovoce.delivery.audit import AuditLog
from sottovoce.delivery.outbox import Outbox
from sottovoce.privacy.site_key import SiteKey

ROOT = Path(__file__).resolve().parents[2]
SOTTOVOCE = str(ROOT / ".venv" / "bin" / "sottovoce")
T0 = 1_795_000_000.0


class Clock:
    def __init__(self, t: float = T0):
        self.t = t

    def __call__(self) -> float:
        return self.t


def cli(command: str, *args: str, config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([SOTTOVOCE, command, "--config", str(config), *args], capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)


def files_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())


@pytest.fixture
def config(tmp_path) -> Path:
    path = tmp_path / "sottovoce.toml"
    path.write_text(f'[state]\ndir = "{tmp_path / "state"}"\n\n[audit]\nretention_days = 2\n')
    return path


def sent_payload(marker: str) -> dict:
    return {"id": f"id-{marker}", "site": "kitchen", "time": "2026-11-21T05:54:00Z", "kind": "text",
            "text": f"turn on the {marker}", "redacted": {"name": 1}, "wake_word": "hey_jarvis"}


def test_audit_command_table_and_json(config, tmp_path):
    state = tmp_path / "state"
    out = cli("audit", config=config)
    assert out.returncode == 0 and "empty" in out.stdout
    with AuditLog(state / "audit.sqlite3") as audit:
        audit.record("sent", "consent.text is on", wake_word="hey_jarvis", redacted={"phone": 1},
                     payload=sent_payload("lamp"))
        audit.record("held", "sensitive topic: health", wake_word="hey_jarvis")
    out = cli("audit", config=config)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split()[:2] == ["TIME", "DECISION"]
    assert "sent" in lines[1] and "phone=1" in lines[1]
    assert json.loads(lines[2].split("payload: ", 1)[1]) == sent_payload("lamp")
    assert "held" in lines[3] and "sensitive topic: health" in lines[3]
    out = cli("audit", "--json", config=config)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["decision"], r["reason"]) for r in rows] == [("sent", "consent.text is on"),
                                                          ("held", "sensitive topic: health")]
    assert rows[0]["payload"] == sent_payload("lamp") and rows[1]["payload"] is None
    out = cli("audit", "--json", "--limit", "1", config=config)
    assert [json.loads(line)["decision"] for line in out.stdout.splitlines()] == ["held"]


def test_forget_erases_audit_outbox_and_key_while_the_daemon_holds_them_open(config, tmp_path):
    state = tmp_path / "state"
    audit = AuditLog(state / "audit.sqlite3")  # as a running daemon would hold them
    outbox = Outbox(state / "outbox.sqlite3")
    key = SiteKey(state).get()
    try:
        for i in range(50):
            message = sent_payload(f"forgetmarker{i}")
            audit.record("sent", "consent.text is on", payload=message)
            outbox.put(message)
        outbox.ack("id-forgetmarker0")  # a delivered one: deleted but maybe still in free pages or WAL
        assert b"forgetmarker" in files_bytes(state)
        out = cli("forget", "--yes", config=config)
        assert out.returncode == 0, out.stderr
        assert "Erased 50 audit records" in out.stdout
        assert "Erased 49 queued messages" in out.stdout
        assert "pseudonym key" in out.stdout
        assert audit.count() == 0 and outbox.count() == 0
        leftovers = {p.name: p.read_bytes() for p in state.iterdir() if p.is_file()}
        assert not any(b"forgetmarker" in data for data in leftovers.values()), sorted(leftovers)
        assert not any(key in data for data in leftovers.values())
        assert not any(name.endswith("-journal") for name in leftovers)
        assert len(leftovers.get("outbox.sqlite3-wal", b"")) == 0
    finally:
        audit.close()
        outbox.close()
    assert b"forgetmarker" not in files_bytes(state)
    assert SiteKey(state).get() != key  # a fresh pseudonym key


def test_forget_on_a_fresh_install(config):
    out = cli("forget", "--yes", config=config)
    assert out.returncode == 0, out.stderr
    assert "Erased 0 audit records" in out.stdout and "Erased 0 queued messages" in out.stdout
