"""Mute: persisted, shared between processes, cheap per frame; the network can only tighten."""

from __future__ import annotations

import dataclasses
import json
import os
import time

import pytest
from sottovoce.delivery.audit import AuditLog
from sottovoce.delivery.mqtt.remote_commands import apply_remote_command, decide_remote_command, parse
from sottovoce.service.mute import MuteState
from sottovoce.settings import ConsentSettings, Settings


def test_unmuted_by_default(tmp_path):
    assert MuteState(tmp_path).muted is False


def test_persisted_across_instances(tmp_path):
    a = MuteState(tmp_path)
    assert a.set(True, by="test") is True
    assert MuteState(tmp_path).muted is True
    assert a.set(True, by="again") is False
    assert MuteState(tmp_path).info["by"] == "test"
    assert a.set(False, by="test") is True
    assert MuteState(tmp_path).muted is False


def test_check_is_cheap_enough_for_every_frame(tmp_path):
    state = MuteState(tmp_path)
    state.set(True, by="test")
    start = time.perf_counter()
    for _ in range(10_000):
        assert state.muted
    per_call = (time.perf_counter() - start) / 10_000
    print(f"MuteState.muted: {per_call * 1e6:.1f} us per call")
    assert per_call < 1e-3  # 12.5 calls/s need far less; 1 ms is a generous bound on a busy 2-core box


@pytest.mark.parametrize("content", [b"{not json", b'{"muted": "no"}', b"[]", b""])
def test_unreadable_state_counts_as_muted(tmp_path, content):
    (tmp_path / "mute.json").write_bytes(content)
    state = MuteState(tmp_path)
    assert state.muted is True
    state.set(False, by="repair")
    assert state.muted is False


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path):
    state = MuteState(tmp_path)
    for i in range(20):
        state.set(i % 2 == 0, by="test")
        assert json.loads((tmp_path / "mute.json").read_text())["muted"] is (i % 2 == 0)
    assert sorted(os.listdir(tmp_path)) == ["mute.json"]


@pytest.mark.parametrize("payload,expected", [
    ("mute", "mute"), (b" MUTE\n", "mute"), ("unmute", "unmute"), ("Unmute", "unmute"),
    ("on", None), ("", None), (b"\xff\xfe", None), ("mute please", None), (None, None),
])
def test_parse_command(payload, expected):
    assert parse(payload) == expected


@pytest.mark.parametrize("command,allow,accepted,mute", [
    ("mute", False, True, True),
    ("mute", True, True, True),
    ("unmute", False, False, None),
    ("unmute", True, True, False),
    ("", True, False, None),
    (None, True, False, None),
])
def test_decide_remote_command(command, allow, accepted, mute):
    d = decide_remote_command(command, allow_remote_unmute=allow)
    assert (d.accepted, d.mute) == (accepted, mute)


def settings_with(tmp_path, allow: bool) -> Settings:
    return dataclasses.replace(Settings(), consent=ConsentSettings(allow_remote_unmute=allow))


def test_remote_unmute_refused_unless_allowed(tmp_path):
    state = MuteState(tmp_path)
    with AuditLog(tmp_path / "audit.sqlite3") as audit:
        ok, reason = apply_remote_command(b"mute", settings_with(tmp_path, False), state, audit)
        assert ok and state.muted
        ok, reason = apply_remote_command(b"unmute", settings_with(tmp_path, False), state, audit)
        assert not ok and "allow_remote_unmute" in reason
        assert state.muted is True
        ok, reason = apply_remote_command(b"format c:", settings_with(tmp_path, True), state, audit)
        assert not ok and state.muted is True
        ok, reason = apply_remote_command(b"unmute", settings_with(tmp_path, True), state, audit)
        assert ok and state.muted is False
        records = audit.records()
    assert [r.decision for r in records] == ["mute", "refused", "refused", "unmute"]
    assert all("format" not in r.reason for r in records)  # the payload itself is never recorded
    assert MuteState(tmp_path).info["by"] == "mqtt"
