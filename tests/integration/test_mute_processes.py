"""Mute: persisted, shared between processes, cheap per frame; the network can only tighten."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sottovoce.service.mute import MuteState

ROOT = Path(__file__).resolve().parents[2]


def test_separate_process_sees_and_is_seen(tmp_path):
    watcher = MuteState(tmp_path)
    assert watcher.muted is False
    code = ("import sys; from sottovoce.service.mute import MuteState; "
            "m = MuteState(sys.argv[1]); print(m.muted); m.set(True, by='other process')")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
    assert watcher.muted is True  # the same instance notices without being recreated
    watcher.set(False, by="test")
    code = "import sys; from sottovoce.service.mute import MuteState; print(MuteState(sys.argv[1]).muted)"
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False"
