"""scripts/bench's wake-word-only launchers still run `sottovoce run` to its end. They patch the
assembly (no recogniser model; then no privacy models either), so a change there can break them
without any test of the daemon noticing: it did once (the recognition worker needs a recogniser),
and the bench went on printing the peak RSS of a process that had crashed. This keeps the bench
measuring what it says."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT, load_script, silence, write_wav


@pytest.mark.parametrize("privacy_models", [True, False], ids=["with privacy models", "wake word path alone"])
def test_the_wake_only_launcher_runs_the_daemon_over_a_clip(tmp_path, wake_models_dir, privacy_models) -> None:
    bench = load_script("scripts/bench")
    code = bench.NO_RECOGNISER.format(more="" if privacy_models else bench.NO_PRIVACY_MODELS)
    clip = write_wav(tmp_path / "idle.wav", silence(2.0))
    proc = subprocess.run([sys.executable, "-c", code, "run", "--config", str(ROOT / "config/sottovoce.toml"),
                           "--set", f"state.dir={tmp_path / 'state'}", "--set", "mqtt.enabled=false",
                           "--set", f"wake.models_dir={wake_models_dir}", "--set", f"wake.words={bench.ALL_WORDS}",
                           "--set", "log.level=INFO", "--set", f"audio.source=file:{clip}"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "listening on" in proc.stdout + proc.stderr
