"""Faults a household meets, run as they would meet them: the CLI in a subprocess, real files made to
fail (a read-only and a full file system, damaged databases, lying WAV headers, a FIFO), a real
mosquitto. Each fault gives one line naming the problem and the fix, and never a traceback."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from broker import Broker, Subscriber, free_port
from conftest import ROOT, pipeline_args, silence, sottovoce, write_wav
from sottovoce.audio.file import read_wav

DEMO = ROOT / "device" / "sottovoce" / "data" / "demo.wav"  # 3 commands after "hey jarvis"


def one_line(result: subprocess.CompletedProcess, *words: str) -> str:
    """The run failed with exactly one line on stderr, holding `words`, and no traceback anywhere."""
    err, out = result.stderr.decode(), result.stdout.decode()
    assert result.returncode != 0, out[-2000:] + err[-2000:]
    assert "Traceback" not in err + out, err + out
    # TensorFlow Lite's C++ runtime prints this on stderr whenever it loads a model; it is not ours
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("INFO: Created TensorFlow")]
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def run(state: Path, *extra: str, source: str = f"file:{DEMO}", port: int | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess:
    return sottovoce("run", *pipeline_args(state, "mqtt.host=127.0.0.1", f"mqtt.port={port or free_port()}",
                                           "mqtt.drain_timeout=2", *extra),
                     "--set", f"audio.source={source}", timeout=timeout)


def decisions(state: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(f"file:{state / 'audit.sqlite3'}?mode=ro", uri=True, timeout=5) as db:
        return db.execute("SELECT decision, reason FROM audit ORDER BY rowid").fetchall()


@contextlib.contextmanager
def small_fs(path: Path, size: str = "256k"):
    """A tmpfs of `size` at `path` (the tests run as root, as CI does here); unmounted afterwards."""
    assert os.geteuid() == 0, "these fault tests mount a small tmpfs and need root"
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


# --- the state folder -------------------------------------------------------------------------

def test_a_read_only_state_dir_is_one_line_and_status_2(tmp_path):
    with small_fs(tmp_path / "ro") as mnt:
        (mnt / "state").mkdir()
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        result = run(mnt / "state")
        assert result.returncode == 2
        one_line(result, str(mnt / "state"), "read-only", "state.dir")
        # check-config and doctor see it before `run` does
        check = sottovoce("check-config", *pipeline_args(mnt / "state"))
        assert check.returncode == 2 and "read-only file system" in check.stdout.decode()
        doctor = sottovoce("doctor", *pipeline_args(mnt / "state", "audio.source=file:" + str(DEMO),
                                                     "mqtt.enabled=false"))
        assert doctor.returncode == 1 and "All checks passed" not in doctor.stdout.decode()
        assert "read-only file system" in doctor.stdout.decode()


def test_a_full_disk_at_start_is_one_line_and_a_restartable_status(tmp_path):
    with small_fs(tmp_path / "full", "128k") as mnt:
        with contextlib.suppress(OSError), open(mnt / "filler", "wb", buffering=0) as f:
            while True:  # fill it up, as a runaway log would
                f.write(b"\0" * 4096)
        result = run(mnt / "state")
        line = one_line(result, "disk is full", "free some space")
        assert result.returncode == 1  # not 2: systemd restarts it, and it heals once space is freed
        assert "OperationalError" not in line and "Errno" not in line
        check = sottovoce("check-config", *pipeline_args(mnt))
        assert check.returncode == 2 and "is full" in check.stdout.decode()
        (mnt / "filler").unlink()
        result = run(mnt / "state")  # space freed: the same command works
        assert result.returncode == 0, result.stderr.decode()[-2000:]


def test_garbage_outbox_and_truncated_audit_log_are_moved_aside_recorded_and_replaced(tmp_path):
    state = tmp_path / "state"
    first = run(state, "consent.text=true")  # a real audit log and outbox, with two messages queued
    assert first.returncode == 0, first.stderr.decode()[-2000:]
    audit = state / "audit.sqlite3"
    size = audit.stat().st_size
    with open(audit, "r+b") as f:
        f.truncate(size // 2)  # a power cut on a worn SD card
    (state / "outbox.sqlite3").write_bytes(os.urandom(6000))  # a stray cp over it
    for name in ("outbox.sqlite3-wal", "outbox.sqlite3-shm"):
        (state / name).unlink(missing_ok=True)

    doctor = sottovoce("doctor", *pipeline_args(state, "audio.source=file:" + str(DEMO), "mqtt.enabled=false"))
    out = doctor.stdout.decode()
    assert doctor.returncode == 1 and "All checks passed" not in out, out
    assert f"{audit} is damaged" in out and f"{state / 'outbox.sqlite3'} is damaged" in out
    check = sottovoce("check-config", *pipeline_args(state))
    assert check.returncode == 2 and "is damaged" in check.stdout.decode()

    result = run(state)
    log = result.stdout.decode() + result.stderr.decode()
    assert result.returncode == 0, log[-3000:]
    assert "Traceback" not in log
    aside = sorted(p.name for p in state.glob("*.corrupt-*"))
    assert [n.split(".corrupt-")[0] for n in aside] == ["audit.sqlite3", "outbox.sqlite3"], aside
    assert len([line for line in log.splitlines() if "was damaged" in line and line.startswith("ERROR")]) == 2
    recorded = decisions(state)
    recovered = [reason for d, reason in recorded if d == "recovered"]
    assert len(recovered) == 2 and any("audit log" in r for r in recovered) and any("outbox" in r for r in recovered)
    assert [d for d, _ in recorded if d != "recovered"] == ["held", "held", "held"]  # and it kept working
    assert sottovoce("doctor", *pipeline_args(state, "audio.source=file:" + str(DEMO),
                                              "mqtt.enabled=false")).returncode == 0

    (state / "outbox.sqlite3").write_bytes(b"garbage" * 100)  # damaged again, then forgotten
    forget = sottovoce("forget", "--yes", *pipeline_args(state))
    text = forget.stdout.decode() + forget.stderr.decode()
    assert forget.returncode == 0, text
    assert "sudo" not in text and "Traceback" not in text
    assert "Deleted the damaged file" in text
    assert not list(state.glob("*.corrupt-*")) and not (state / "outbox.sqlite3").exists()


def test_run_with_an_injected_enospc_at_the_edge_gives_the_same_line(tmp_path):
    """Where no tmpfs can be mounted, the same path is taken with ENOSPC injected where SQLite's file
    is created; here it checks that the message does not depend on how the disk filled up."""
    state = tmp_path / "state"
    code = ("import errno, os, sys\n"
            "real = os.open\n"
            "def full(path, flags, *a, **k):\n"
            "    if str(path).endswith('.sqlite3') and flags & os.O_CREAT:\n"
            "        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))\n"
            "    return real(path, flags, *a, **k)\n"
            "os.open = full\n"
            "from sottovoce.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n")
    args = ["run", *pipeline_args(state, "mqtt.host=127.0.0.1", f"mqtt.port={free_port()}"),
            "--set", f"audio.source=file:{DEMO}"]
    env = {**os.environ, "SOTTOVOCE_CONFIG": str(ROOT / "config" / "sottovoce.toml")}
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=120, env=env)
    assert errno.ENOSPC
    one_line(result, "disk is full", "free some space")


# --- the audio file ---------------------------------------------------------------------------

def riff(samples, *, riff_size: int | None = None, fmt_size: int = 16) -> bytes:
    data = samples.astype("<i2").tobytes()
    fmt = struct.pack("<HHIIHH", 1, 1, 16000, 32000, 2, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", fmt_size) + fmt + b"data" + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body) if riff_size is None else riff_size) + body


def transcribe(*paths: Path) -> list[dict]:
    result = sottovoce("transcribe", *pipeline_args(Path("/nonexistent-unused")), *map(str, paths))
    assert result.returncode == 0 and "Traceback" not in result.stderr.decode(), result.stderr.decode()
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_wav_headers_that_lie_about_sizes_are_read_by_what_is_on_disk(tmp_path):
    samples = read_wav(DEMO)
    good = tmp_path / "good.wav"
    good.write_bytes(riff(samples))
    liars = {"riff100": riff(samples, riff_size=100),  # says 100 bytes over the whole recording
             "fmt100": riff(samples, fmt_size=100),  # wave.py: RuntimeError
             "fmt18": riff(samples, fmt_size=18)}
    paths = []
    for name, data in liars.items():
        (tmp_path / f"{name}.wav").write_bytes(data)
        paths.append(tmp_path / f"{name}.wav")
    expected = [(e["wake_word"], e["text"]) for e in transcribe(good)]
    assert len(expected) == 3  # the demo's three wake words
    for path in paths:  # one file per run: several files in one run is the lifecycle half of issue 13
        assert [(e["wake_word"], e["text"]) for e in transcribe(path)] == expected, path.name
    # `run` on the RIFF-size liar hears the same three wake words (it used to read nothing and exit 0)
    state = tmp_path / "state"
    result = run(state, source=f"file:{tmp_path / 'riff100.wav'}")
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert len(decisions(state)) == 3


def test_a_fifo_with_a_writer_is_one_line_naming_stdin_not_illegal_seek(tmp_path):
    fifo = tmp_path / "audio.fifo"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # someone is writing into it
    try:
        os.write(writer, riff(silence(1.0))[:4096])
        started = time.monotonic()
        result = run(tmp_path / "state", source=f"file:{fifo}", timeout=60)
        line = one_line(result, str(fifo), "named pipe", "audio.source=stdin")
        assert "Illegal seek" not in line
        assert time.monotonic() - started < 60
        check = sottovoce("check-config", *pipeline_args(tmp_path / "state", f"audio.source=file:{fifo}"))
        assert check.returncode == 2 and "named pipe" in check.stdout.decode()
    finally:
        os.close(writer)


# --- mqtt.prefix: check-config and run agree --------------------------------------------------

@pytest.mark.parametrize("prefix, ok", [
    (" house/voice", True),  # a leading space is trimmed by both
    ("a" * 600, False),
    ("$SYS/voice", False),
    ("house/ voice", False),
])
def test_a_prefix_check_config_accepts_is_one_run_accepts(tmp_path, prefix, ok):
    check = sottovoce("check-config", *pipeline_args(tmp_path / "state", f"mqtt.prefix={prefix}"))
    assert ("mqtt.prefix" not in check.stdout.decode()) == ok, check.stdout.decode()
    silent = write_wav(tmp_path / "silence.wav", silence(1.0))
    with Broker(tmp_path / "broker") as broker:
        sub = Subscriber(broker.port, ["#"]).start()
        try:
            result = run(tmp_path / "state", f"mqtt.prefix={prefix}", source=f"file:{silent}", port=broker.port)
            if ok:
                assert result.returncode == 0, result.stderr.decode()[-2000:]
                assert sub.wait_for(lambda: sub.on(f"{prefix.strip()}/status"), 10)
            else:  # the CLI's form for config problems: a heading, then one line per problem
                err = result.stderr.decode()
                assert result.returncode == 2 and "Traceback" not in err
                lines = err.strip().splitlines()
                assert lines[0] == "sottovoce run: configuration problem:" and len(lines) == 2, err
                assert "mqtt.prefix" in lines[1] and "at most 512 bytes" in lines[1]
                assert not sub.wait_for(lambda: any(t.endswith("/status") for t, _, _ in sub.messages), 0.5)
        finally:
            sub.close()


# --- model files that will not load -----------------------------------------------------------

def test_model_files_that_will_not_load_are_named_by_check_config_doctor_and_run(tmp_path):
    from conftest import WAKE_MODELS, WHISPER_MODEL

    wake = tmp_path / "wake"
    wake.mkdir()
    for f in WAKE_MODELS.iterdir():
        (wake / f.name).symlink_to(f)
    (wake / "hey_jarvis_v0.1.tflite").unlink()
    (wake / "hey_jarvis_v0.1.tflite").write_bytes(os.urandom(4000))  # a download cut short and mangled
    whisper = tmp_path / "whisper"
    whisper.mkdir()
    for f in WHISPER_MODEL.iterdir():
        if f.name != "model.bin":
            (whisper / f.name).symlink_to(f)
    (whisper / "model.bin").write_bytes(os.urandom(100_000))
    state = tmp_path / "state"
    cases = [(f"wake.models_dir={wake}", "hey_jarvis_v0.1.tflite", "wake"),
             (f"asr.model={whisper}", "model.bin", "asr.model")]
    for setting, name, key in cases:
        check = sottovoce("check-config", *pipeline_args(state, setting))
        assert check.returncode == 2 and name in check.stdout.decode() and "will not load" in check.stdout.decode()
        doctor = sottovoce("doctor", *pipeline_args(state, setting, f"audio.source=file:{DEMO}", "mqtt.enabled=false"))
        out = doctor.stdout.decode()
        assert doctor.returncode == 1 and "All checks passed" not in out and name in out, out
        result = run(state, setting, "mqtt.enabled=false")
        assert result.returncode == 2
        one_line(result, key)
