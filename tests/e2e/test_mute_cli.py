"""Mute: persisted, shared between processes, cheap per frame; the network can only tighten."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sottovoce.delivery.audit import AuditLog
from sottovoce.service.mute import MuteState

ROOT = Path(__file__).resolve().parents[2]
SOTTOVOCE = [str(ROOT / ".venv" / "bin" / "sottovoce")]


def cli(*args: str, config: Path) -> subprocess.CompletedProcess:
    return subprocess.run(SOTTOVOCE + [args[0], "--config", str(config), *args[1:]], capture_output=True,
                          text=True, timeout=60)


@pytest.fixture
def config(tmp_path) -> Path:
    path = tmp_path / "sottovoce.toml"
    path.write_text(f'[state]\ndir = "{tmp_path / "state"}"\n')
    return path


def test_cli_mute_and_unmute_reach_a_running_watcher_and_the_audit_log(config, tmp_path):
    watcher = MuteState(tmp_path / "state")
    assert watcher.muted is False
    out = cli("mute", config=config)
    assert out.returncode == 0, out.stderr
    assert "Muted" in out.stdout
    assert watcher.muted is True
    out = cli("unmute", config=config)
    assert out.returncode == 0 and "Unmuted" in out.stdout
    assert watcher.muted is False
    with AuditLog(tmp_path / "state" / "audit.sqlite3") as audit:
        assert [r.decision for r in audit.records()] == ["mute", "unmute"]


def test_without_a_writable_audit_log_mute_still_works_and_unmute_is_refused(config, tmp_path):
    state = tmp_path / "state"
    (state / "audit.sqlite3").mkdir(parents=True)  # an audit log that cannot be opened
    out = cli("mute", config=config)
    assert out.returncode == 0 and "Muted" in out.stdout
    assert "not recorded in the audit log" in out.stderr
    assert MuteState(state).muted is True
    out = cli("unmute", config=config)
    assert out.returncode == 1 and "cannot write the audit log" in out.stderr and "Traceback" not in out.stderr
    assert MuteState(state).muted is True
