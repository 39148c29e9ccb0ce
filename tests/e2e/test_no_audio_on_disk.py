"""Privacy invariant: neither `run` nor `transcribe` writes audio anywhere on disk.

Every file the process (and its threads and children) opens for writing is traced with strace.
The only files written may be the state files (audit log, outbox, mute state, pseudonym key);
none of them may hold audio: they stay small and contain no stretch of the input's samples.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT, compose, pipeline_args

STATE_FILES = re.compile(r"^(audit|outbox)\.sqlite3(-journal|-wal|-shm)?$|^mute\.json(\.\w+)?$|^secret(\.\w+)?$"
                         r"|^install_id$|^daemon\.lock$|^\.(secret|install_id)\.\d+\.[0-9a-f]+$"
                         r"|^\.[\w.-]+\.tmp$|^tmp[\w]+$")
WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND")


def traced_run(tmp_path, *args: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    for d in ("state", "cwd", "home", "tmp"):
        (tmp_path / d).mkdir(exist_ok=True)
    trace = tmp_path / "trace.txt"
    env = {**os.environ, "HOME": str(tmp_path / "home"), "TMPDIR": str(tmp_path / "tmp"),
           "PYTHONDONTWRITEBYTECODE": "1", "SOTTOVOCE_CONFIG": str(ROOT / "config" / "sottovoce.toml")}
    result = subprocess.run(["strace", "-f", "-qq", "-e", "trace=open,openat,creat,rename,renameat,renameat2",
                             "-e", "signal=none", "-o", str(trace), sys.executable, "-m", "sottovoce", *args],
                            capture_output=True, timeout=300, env=env, cwd=tmp_path / "cwd")
    written = []
    for line in trace.read_text(errors="replace").splitlines():
        m = re.search(r'(open|openat|creat)\((?:[^,]+, )?"([^"]+)"(?:, ([A-Z_|]+))?', line)
        if m and (m.group(1) == "creat" or any(f in (m.group(3) or "") for f in WRITE_FLAGS)):
            if "= -1" not in line:
                written.append(m.group(2))
        m = re.search(r'rename\w*\((?:[^,]+, )?"[^"]+", (?:[^,]+, )?"([^"]+)"', line)
        if m and "= -1" not in line:
            written.append(m.group(1))
    return result, written


def check_written(tmp_path, written: list[str], audio: np.ndarray) -> None:
    state = tmp_path / "state"
    for path in written:
        if path.startswith("/dev/") or path.startswith("/proc/"):
            continue
        assert path.startswith(str(state)) and STATE_FILES.match(os.path.basename(path)), \
            f"the process wrote {path}, which is not a state file"
        assert not path.lower().endswith((".wav", ".raw", ".pcm", ".flac", ".ogg", ".npy"))
    # whatever is on disk under the private folders holds no audio: small, and no stretch of samples
    raw = audio.tobytes()
    probes = [raw[i:i + 64] for i in range(len(raw) // 4, len(raw), len(raw) // 8) if np.any(audio[i // 2:i // 2 + 32])]
    total = 0
    for folder in ("state", "cwd", "home", "tmp"):
        for dirpath, _dirs, files in os.walk(tmp_path / folder):
            for name in files:
                data = (tmp_path / folder / dirpath / name).read_bytes()
                total += len(data)
                assert not any(p in data for p in probes), f"{name} holds a stretch of the input audio"
    assert total < len(raw) // 4, f"{total} bytes of state for {len(raw)} bytes of audio"


@pytest.fixture()
def clip(tmp_path):
    return compose(tmp_path / "in.wav", "speech/sense_and_sensibility_01_austen_64kb-0880.wav", 0.5,
                   "wake/hey_jarvis.wav", "speech/goforward.wav", 1.5, "wake/alexa.wav", "speech/003.wav", 1.5)


def audio_of(clip) -> np.ndarray:
    import wave

    with wave.open(str(clip)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), np.int16)


def test_run_writes_no_audio(tmp_path, clip):
    assert shutil.which("strace"), "strace is needed (scripts/setup installs it)"
    result, written = traced_run(tmp_path, "run", *pipeline_args(tmp_path / "state", "consent.text=true",
                                                                 "mqtt.enabled=false"),
                                 "--set", f"audio.source=file:{clip}")
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert any(p.endswith("audit.sqlite3") for p in written)  # the trace does see writes
    check_written(tmp_path, written, audio_of(clip))


def test_transcribe_writes_no_audio(tmp_path, clip):
    assert shutil.which("strace"), "strace is needed (scripts/setup installs it)"
    result, written = traced_run(tmp_path, "transcribe", *pipeline_args(tmp_path / "state"), str(clip))
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert len(result.stdout.decode().splitlines()) == 2
    check_written(tmp_path, written, audio_of(clip))
