"""`sottovoce run` killed with SIGKILL while messages are queued or in flight, then started again:
every message is delivered (at-least-once; the subscriber dedupes by id), and the broker publishes
the retained "offline" last will for the killed process."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from broker import Broker, Subscriber, ids_on, message, wait_until
from conftest import ROOT, WHISPER_MODEL
from sottovoce.delivery.outbox import Outbox
from sottovoce.privacy.install_id import InstallId

SOTTOVOCE = [sys.executable, "-m", "sottovoce"]
N = 3000


def run_args(state: Path, port: int, source: str) -> list[str]:
    # whisper-tiny is the ASR model available here (no Vosk English model in the test data)
    return [*SOTTOVOCE, "run", "--config", str(ROOT / "config" / "sottovoce.toml"),
            "--set", f"audio.source={source}", "--set", f"state.dir={state}",
            "--set", f"mqtt.port={port}", "--set", "mqtt.drain_timeout=30",
            "--set", "asr.engine=whisper", "--set", f"asr.model={WHISPER_MODEL}",
            "--set", f"wake.models_dir={ROOT / 'models' / 'openwakeword'}"]


def queued(state: Path) -> int:
    with sqlite3.connect(state / "outbox.sqlite3", timeout=10) as db:
        return db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]


def silent_wav(path: Path, seconds: float = 1.0) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\0\0" * int(16000 * seconds))
    return path


def start(args: list[str], log: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("SOTTOVOCE_CONFIG", None)
    return subprocess.Popen(args, stdin=subprocess.PIPE, stdout=log.open("ab"), stderr=subprocess.STDOUT, env=env)


def kill9(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    proc.stdin.close()


@pytest.fixture
def procs():
    started: list[subprocess.Popen] = []
    yield started
    for p in started:
        if p.poll() is None:
            p.kill()
            p.wait(10)


def test_sigkill_with_queued_and_in_flight_messages_loses_nothing(tmp_path, procs):
    state, log = tmp_path / "state", tmp_path / "run.log"
    outbox = Outbox(state / "outbox.sqlite3")
    expected = [message(i)["id"] for i in range(N)]
    for i in range(N):
        outbox.put(message(i))
    outbox.close()
    with Broker(tmp_path / "broker") as broker:
        prefix = "sottovoce/" + InstallId(state).get()  # the daemon's default topics use this speaker's id
        topic = f"{prefix}/text"
        sub = Subscriber(broker.port, [topic, f"{prefix}/status"], session="restart-sub").start()
        try:
            # 1. broker unreachable: the daemon runs with everything queued, and is killed -9
            broker.stop()
            p = start(run_args(state, broker.port, "stdin"), log)
            procs.append(p)
            assert wait_until(lambda: "connecting to mqtt://" in log.read_text(errors="replace"), 60), log.read_text()
            kill9(p)
            assert queued(state) == N
            # 2. broker back: the daemon drains, and is killed -9 in the middle of it
            broker.start()
            p = start(run_args(state, broker.port, "stdin"), log)
            procs.append(p)
            assert sub.wait_for(lambda: len(sub.on(topic)) >= 1, 60), log.read_text()
            kill9(p)
            left = queued(state)
            assert 0 < left <= N, f"the kill came after the drain finished: {left}"
            assert sub.wait_for(lambda: sub.on(f"{prefix}/status")[-1:] == [b"offline"], 10), \
                "the broker should publish the last will for the killed daemon"
            # 3. started again on a short file: it delivers the rest and exits by itself
            p = start(run_args(state, broker.port, f"file:{silent_wav(tmp_path / 'silence.wav')}"), log)
            procs.append(p)
            assert p.wait(90) == 0, log.read_text()[-3000:]
            assert queued(state) == 0
            assert sub.wait_for(lambda: set(ids_on(sub, topic)) >= set(expected), 30)
            got = ids_on(sub, topic)
            assert sorted(set(got)) == expected
            print(f"in outbox after the mid-drain kill: {left}; received {len(got)} for {N} ids "
                  f"({len(got) - N} duplicates, removed by id)")
        finally:
            sub.close()
