"""`sottovoce run` stopped and reloaded in every state, as systemd would do it, against a real mosquitto.

A stop is a stop: a command heard as the service stops is neither transcribed nor decided nor sent,
in any state (mid-utterance, mid-transcription, draining, waiting on a FIFO). A reload that cannot
be done keeps the old pipeline running, its broker connection and its consent. Consent edited while
running reaches the next decision and the next remote command. Stop times here are bounded
generously (a shared machine); scripts/bench-stop measures them.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from broker import Broker, Subscriber, free_port
from conftest import AUDIO, ROOT, WAKE_MODELS, WHISPER_MODEL, read_clip, silence
from notify_socket import NotifySocket
from sottovoce.audio.file import read_wav

DEMO = ROOT / "device" / "sottovoce" / "data" / "demo.wav"  # 3 commands after "hey jarvis"; the 3rd is on health
PREFIX = "test/speaker"
STOP_BOUND = 10.0
"""Seconds a stop may take here (the target is 2 s; this machine is shared and slow)."""
SPOKEN = (b"dashwood", b"leisure", b"prudently", b"selfish", b"amiable", b"respectable")
"""Words of the command spoken after the wake word in the stop tests: they must appear nowhere."""


def config_text(state: Path, *, source: str = "stdin", port: int, words: str = '["hey_jarvis"]',
                models_dir: Path = WAKE_MODELS, text: bool = True, allow_remote_unmute: bool = False,
                extra: str = "") -> str:
    return f"""
[audio]
source = "{source}"
[wake]
words = {words}
models_dir = "{models_dir}"
[utterance]
max_seconds = 60.0
[asr]
engine = "whisper"
model = "{WHISPER_MODEL}"
[consent]
text = {str(text).lower()}
allow_remote_unmute = {str(allow_remote_unmute).lower()}
sensitive_file = "{ROOT}/config/sensitive.toml"
[commands]
vocabulary = "{ROOT}/config/vocabulary.toml"
sentences_dir = "{ROOT}/config/sentences"
[mqtt]
host = "127.0.0.1"
port = {port}
prefix = "{PREFIX}"
drain_timeout = 60.0
[state]
dir = "{state}"
[log]
level = "DEBUG"
{extra}
"""


class Daemon:
    """`sottovoce run --config FILE` as a child process, its output collected line by line."""

    def __init__(self, config: Path, env: dict[str, str] | None = None):
        env = {**os.environ, "SOTTOVOCE_CONFIG": str(config), **(env or {})}
        self.proc = subprocess.Popen([sys.executable, "-m", "sottovoce", "run", "--config", str(config)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     env=env)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._noise = threading.Event()

    def _read(self):
        for line in iter(self.proc.stdout.readline, b""):
            self.lines.append(line.decode(errors="replace"))

    def text(self) -> str:
        return "".join(self.lines)

    def wait_for(self, needle: str, timeout: float = 120) -> None:
        assert wait_until(lambda: needle in self.text(), timeout), f"no {needle!r} in:\n{self.text()[-4000:]}"

    def feed(self, samples: np.ndarray) -> None:
        self.proc.stdin.write(np.asarray(samples, dtype=np.int16).tobytes())
        self.proc.stdin.flush()

    def room_noise(self) -> None:
        """Silence in real time, as a microphone delivers it, until `stop_noise` (reloads act between frames)."""
        self._noise = threading.Event()  # a new one each time: a stopped noise must not stop the next
        stopped = self._noise

        def run():
            while not stopped.is_set():
                try:
                    self.feed(silence(0.08))
                except (BrokenPipeError, ValueError, OSError):
                    return
                time.sleep(0.08)
        threading.Thread(target=run, daemon=True).start()

    def stop_noise(self) -> None:
        self._noise.set()
        time.sleep(0.2)

    def terminate(self) -> float:
        """SIGTERM; the seconds until the process is gone (bounded)."""
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)
        elapsed = time.monotonic() - started
        self._reader.join(5)
        return elapsed

    def close(self) -> None:
        self._noise.set()
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


def wait_until(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def audit_rows(state: Path) -> list[tuple[str, str, str | None]]:
    path = state / "audit.sqlite3"
    if not path.exists():
        return []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
        return db.execute("SELECT decision, reason, payload FROM audit WHERE decision IN "
                          "('sent', 'held', 'muted', 'dropped') ORDER BY rowid").fetchall()


def decisions(state: Path) -> list[str]:
    return [d for d, _r, _p in audit_rows(state)]


def queued(state: Path) -> int:
    with sqlite3.connect(f"file:{state / 'outbox.sqlite3'}?mode=ro", uri=True, timeout=5) as db:
        return db.execute("SELECT count(*) FROM outbox").fetchone()[0]


def state_bytes(state: Path) -> bytes:
    return b"".join(p.read_bytes() for p in state.iterdir() if p.is_file()).lower()


@pytest.fixture()
def broker(tmp_path):
    with Broker(tmp_path / "broker") as b:
        yield b


@pytest.fixture()
def everything(broker):
    sub = Subscriber(broker.port, ["#"]).start()
    yield sub
    sub.close()


def wake_then(*speech: str) -> np.ndarray:
    return np.concatenate([silence(0.5), read_clip("wake/piper_joe_hey_jarvis.wav"), silence(0.3),
                           *[read_clip(s) for s in speech]])


def assert_stopped_cleanly(daemon: Daemon, state: Path, elapsed: float, sub: Subscriber) -> None:
    output = daemon.text()
    assert daemon.proc.returncode == 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert elapsed < STOP_BOUND, f"took {elapsed:.2f} s to stop"
    assert audit_rows(state) == [("dropped", "stopped", None)], audit_rows(state)
    assert not [t for t, _p, _r in sub.messages if t.endswith(("/text", "/event")) or t.startswith("hermes/")]
    assert sub.wait_for(lambda: sub.on(f"{PREFIX}/status")[-1:] == [b"offline"], 5), sub.on(f"{PREFIX}/status")
    found = output.lower().encode() + state_bytes(state) + b"".join(p for _t, p, _r in sub.messages).lower()
    for word in SPOKEN:
        assert word not in found, f"{word!r} of the abandoned command is somewhere"


def test_sigterm_mid_command_after_the_wake_word_sends_nothing(tmp_path, broker, everything):
    state, config = tmp_path / "state", tmp_path / "sottovoce.toml"
    config.write_text(config_text(state, port=broker.port))
    daemon = Daemon(config)
    try:
        daemon.wait_for("listening on")
        assert everything.wait_for(lambda: everything.on(f"{PREFIX}/status")[-1:] == [b"online"], 30)
        # the wake word and the start of a command; the speaker is still talking when the stop comes
        daemon.feed(wake_then("speech/sense_and_sensibility_01_austen_64kb-0870.wav")[:16000 * 5])
        daemon.wait_for("wake word hey_jarvis")
        time.sleep(1.0)
        elapsed = daemon.terminate()
        assert "transcribing" not in daemon.text()
        assert_stopped_cleanly(daemon, state, elapsed, everything)
    finally:
        daemon.close()


def test_sigterm_during_transcription_gives_the_transcription_up(tmp_path, broker, everything):
    state, config = tmp_path / "state", tmp_path / "sottovoce.toml"
    config.write_text(config_text(state, port=broker.port))
    daemon = Daemon(config)
    try:
        daemon.wait_for("listening on")
        long_command = wake_then(*[f"speech/sense_and_sensibility_01_austen_64kb-0{n}.wav"
                                   for n in (870, 890, 920, 930, 870, 890)])
        daemon.feed(np.concatenate([long_command, silence(2.0)]))
        daemon.wait_for("transcribing")  # the utterance ended: Whisper is at work on ~30 s of speech
        elapsed = daemon.terminate()
        assert_stopped_cleanly(daemon, state, elapsed, everything)
    finally:
        daemon.close()


def test_sigterm_during_a_drain_with_the_broker_down_keeps_the_messages_queued(tmp_path):
    state, config = tmp_path / "state", tmp_path / "sottovoce.toml"
    config.write_text(config_text(state, source=f"file:{DEMO}", port=free_port()))  # drain_timeout = 60
    daemon = Daemon(config)
    try:
        daemon.wait_for("waiting up to 60 s for 2 queued message(s)", timeout=240)
        elapsed = daemon.terminate()
        assert daemon.proc.returncode == 0 and "Traceback" not in daemon.text(), daemon.text()[-3000:]
        assert elapsed < STOP_BOUND, f"took {elapsed:.2f} s to stop (drain_timeout is 60 s)"
        assert decisions(state) == ["sent", "sent", "held"]
        assert queued(state) == 2  # not acknowledged: still queued for the next start
        assert "2 message(s) stay in the outbox" in daemon.text()
    finally:
        daemon.close()


def test_sigterm_on_a_fifo_with_no_writer(tmp_path):
    state, config, fifo = tmp_path / "state", tmp_path / "sottovoce.toml", tmp_path / "audio.fifo"
    os.mkfifo(fifo)
    config.write_text(config_text(state, source=f"file:{fifo}", port=free_port()))
    daemon = Daemon(config)
    try:
        daemon.wait_for("is a FIFO with no writer yet")
        elapsed = daemon.terminate()
        assert daemon.proc.returncode == 0 and "Traceback" not in daemon.text(), daemon.text()[-3000:]
        assert elapsed < STOP_BOUND, f"took {elapsed:.2f} s to stop"
    finally:
        daemon.close()


def test_the_watchdog_is_fed_while_waiting_for_a_fifo_writer(tmp_path):
    """Waiting for a writer is not a hang: systemd must not restart the service (and wait again)."""
    state, config, fifo = tmp_path / "state", tmp_path / "sottovoce.toml", tmp_path / "audio.fifo"
    os.mkfifo(fifo)
    config.write_text(config_text(state, source=f"file:{fifo}", port=free_port()))
    notify = NotifySocket(tmp_path / "notify.sock")
    daemon = Daemon(config, env={"NOTIFY_SOCKET": str(notify.path), "WATCHDOG_USEC": "1000000"})
    try:
        daemon.wait_for("is a FIFO with no writer yet")
        time.sleep(2.5)  # past 2 watchdog intervals with no audio frame
        before = notify.fields().count("WATCHDOG=1")
        time.sleep(2.0)
        assert notify.fields().count("WATCHDOG=1") >= before + 2, notify.fields()
        assert daemon.terminate() < STOP_BOUND and daemon.proc.returncode == 0
    finally:
        daemon.close()
        notify.close()


def test_failed_reloads_keep_the_old_pipeline_its_connection_and_its_consent(tmp_path, broker, everything):
    state, config = tmp_path / "state", tmp_path / "sottovoce.toml"
    good = config_text(state, port=broker.port)
    config.write_text(good)
    daemon = Daemon(config)
    try:
        daemon.wait_for("listening on")
        assert everything.wait_for(lambda: everything.on(f"{PREFIX}/status")[-1:] == [b"online"], 30)
        connections = broker.connection_count()
        daemon.room_noise()
        empty = tmp_path / "no-models"
        empty.mkdir()
        bad = {"a missing wake model": config_text(state, port=broker.port, models_dir=empty, text=False),
               "a missing audio file": config_text(state, port=broker.port, source=f"file:{tmp_path}/gone.wav",
                                                   text=False),
               "broken TOML": good.replace("[consent]\ntext = true", "[consent\ntext = false")}
        for n, (what, text) in enumerate(bad.items(), start=1):
            config.write_text(text)
            daemon.proc.send_signal(signal.SIGHUP)
            assert wait_until(lambda n=n: daemon.text().count("reload failed, keeping the old one") == n, 60), \
                (what, daemon.text()[-3000:])
            assert daemon.proc.poll() is None, what
        errors = [line for line in daemon.lines if "reload failed" in line]
        assert "no-models" in errors[0] and "gone.wav" in errors[1] and "sottovoce.toml" in errors[2], errors
        assert all(" ERROR " in line or "ERROR" in line.split(":")[0] for line in errors), errors
        assert "configuration reloaded" not in daemon.text()
        daemon.stop_noise()
        daemon.feed(read_wav(DEMO))  # the old pipeline still hears, and still has consent for text
        assert wait_until(lambda: len(decisions(state)) == 3, 180), daemon.text()[-3000:]
        assert decisions(state) == ["sent", "sent", "held"]
        assert everything.wait_for(lambda: len(everything.on(f"{PREFIX}/text")) == 2, 20)
        # a good reload of something other than [mqtt] keeps the connection too
        config.write_text(good.replace("max_seconds = 60.0", "max_seconds = 30.0"))
        daemon.room_noise()
        daemon.proc.send_signal(signal.SIGHUP)
        daemon.wait_for("configuration reloaded", 60)
        daemon.stop_noise()
        assert broker.connection_count() == connections, "the broker connection was dropped by a reload"
        assert everything.on(f"{PREFIX}/status") == [b"online"], everything.on(f"{PREFIX}/status")
        daemon.terminate()
        assert daemon.proc.returncode == 0 and "Traceback" not in daemon.text()
    finally:
        daemon.close()


def sottovoce_cli(config: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "sottovoce", *args, "--config", str(config)],
                            capture_output=True, timeout=60, env={**os.environ, "SOTTOVOCE_CONFIG": str(config)})
    assert result.returncode == 0, result.stderr.decode()
    return result


def test_consent_changed_while_running_reaches_the_next_decision_and_remote_command(tmp_path, broker, everything):
    state, config = tmp_path / "state", tmp_path / "sottovoce.toml"
    config.write_text(config_text(state, port=broker.port, text=False))
    daemon = Daemon(config)
    cmd, state_topic = f"{PREFIX}/cmd", f"{PREFIX}/state"
    try:
        daemon.wait_for("listening on")
        daemon.room_noise()
        assert everything.wait_for(lambda: everything.on(state_topic)[-1:] == [b"listening"], 30)
        sottovoce_cli(config, "mute")
        assert everything.wait_for(lambda: everything.on(state_topic)[-1:] == [b"muted"], 15)
        everything.client.publish(cmd, "unmute", qos=1)
        daemon.wait_for("allow_remote_unmute is off", 15)  # refused: not consented
        assert everything.on(state_topic)[-1:] == [b"muted"]
        sottovoce_cli(config, "consent", "allow_remote_unmute", "on", "text", "on")
        everything.client.publish(cmd, "unmute", qos=1)  # no SIGHUP: the next command sees the change
        assert everything.wait_for(lambda: everything.on(state_topic)[-1:] == [b"listening"], 15), \
            daemon.text()[-3000:]
        daemon.stop_noise()
        daemon.feed(read_wav(DEMO))  # ...and so does the next decision: text is sent now
        assert wait_until(lambda: len(decisions(state)) == 3, 180), daemon.text()[-3000:]
        assert decisions(state) == ["sent", "sent", "held"]
        assert everything.wait_for(lambda: len(everything.on(f"{PREFIX}/text")) == 2, 20)
        assert "SIGHUP" not in daemon.text()
        daemon.terminate()
    finally:
        daemon.close()
