"""Speakers as a home runs them, on a real mosquitto: several with the default config side by side in
Home Assistant, one state folder per daemon, private state files, and Hermes hotwords."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

from broker import Broker, Subscriber, free_port, wait_until
from conftest import ROOT, pipeline_args, sottovoce
from sottovoce.audio.file import read_wav

DEMO = ROOT / "device" / "sottovoce" / "data" / "demo.wav"  # 3 commands after "hey jarvis"
ENV = {**os.environ, "SOTTOVOCE_CONFIG": str(ROOT / "config" / "sottovoce.toml")}


class Daemon:
    """`sottovoce run` on stdin, with room noise flowing as from a microphone."""

    def __init__(self, state: Path, *extra: str):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sottovoce", "run", *pipeline_args(state, *extra), "--set", "audio.source=stdin"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=ENV)
        self.lines: list[str] = []
        self._stop = threading.Event()
        self._pending = bytearray()
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._feed, daemon=True).start()

    def _read(self) -> None:
        for line in iter(self.proc.stdout.readline, b""):
            self.lines.append(line.decode(errors="replace"))

    def _feed(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                chunk, self._pending[:] = bytes(self._pending[:2560]) or bytes(2560), self._pending[2560:]
            try:
                self.proc.stdin.write(chunk)
                self.proc.stdin.flush()
            except (BrokenPipeError, ValueError, OSError):
                return
            if not self._pending:
                time.sleep(0.02)

    def say(self, samples) -> None:
        with self._lock:
            self._pending += samples.tobytes()

    def text(self) -> str:
        return "".join(self.lines)

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=20)
        finally:
            self._stop.set()

    def kill(self) -> None:
        self._stop.set()
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


def discovery(sub: Subscriber) -> dict[str, dict]:
    return {t: json.loads(p) for t, p, _ in sub.messages if t.startswith("homeassistant/") and p}


def test_two_speakers_with_the_default_config_are_two_devices_with_their_own_availability(tmp_path):
    with Broker(tmp_path / "broker") as broker:
        sub = Subscriber(broker.port, ["homeassistant/#", "sottovoce/#"]).start()
        mqtt = ("mqtt.host=127.0.0.1", f"mqtt.port={broker.port}")
        kitchen, hall = Daemon(tmp_path / "kitchen", *mqtt), Daemon(tmp_path / "hall", *mqtt)
        try:
            assert sub.wait_for(lambda: len(discovery(sub)) == 4, 90), kitchen.text()[-2000:] + hall.text()[-2000:]
            configs = list(discovery(sub).values())
            devices = {c["device"]["identifiers"][0] for c in configs}
            availability = {c["availability_topic"] for c in configs}
            commands = {c["command_topic"] for c in configs if "command_topic" in c}
            assert len(devices) == 2 and len(availability) == 2 and len(commands) == 2
            for topic in availability:
                assert sub.wait_for(lambda t=topic: sub.on(t)[-1:] == [b"online"], 10)
            # the ids are pseudonyms: no hostname in any topic
            assert not any(os.uname().nodename.lower() in t.lower() for t, _, _ in sub.messages)
            kitchen_status = next(t for t in availability
                                  if t.startswith("sottovoce/" + (tmp_path / "kitchen" / "install_id").read_text().strip()))
            hall_status = (availability - {kitchen_status}).pop()
            assert kitchen.stop() == 0
            assert sub.wait_for(lambda: sub.on(kitchen_status)[-1:] == [b"offline"], 10)
            time.sleep(1.0)
            assert sub.on(hall_status)[-1:] == [b"online"]  # the hall speaker stays available
            # a mute for the hall reaches the hall only
            hall_cmd = hall_status.replace("/status", "/cmd")
            sub.client.publish(hall_cmd, "mute", qos=1)
            assert wait_until(lambda: (tmp_path / "hall" / "mute.json").exists(), 10)
            assert not (tmp_path / "kitchen" / "mute.json").exists()
            # restarted, the kitchen speaker keeps its topics (Home Assistant keeps the device)
            again = Daemon(tmp_path / "kitchen", *mqtt)
            try:
                assert sub.wait_for(lambda: sub.on(kitchen_status)[-1:] == [b"online"], 90), again.text()[-2000:]
            finally:
                assert again.stop() == 0
        finally:
            kitchen.kill()
            hall.kill()
            sub.close()


def test_forget_erases_the_install_id_so_the_speaker_gets_new_topics(tmp_path):
    from sottovoce.privacy.install_id import InstallId

    state = tmp_path / "state"
    before = InstallId(state).get()
    assert InstallId(state).get() == before  # stable
    result = sottovoce("forget", "--yes", *pipeline_args(state))
    assert result.returncode == 0, result.stderr.decode()
    assert "install id" in result.stdout.decode() and not (state / "install_id").exists()
    assert InstallId(state).get() != before


def modes(state: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in state.iterdir() if p.is_file()}


def test_state_is_private_and_a_second_daemon_on_it_refuses_to_start(tmp_path):
    state = tmp_path / "state"  # made by the daemon itself
    first = Daemon(state, "consent.text=true", "mqtt.host=127.0.0.1", f"mqtt.port={free_port()}")
    try:
        first.say(read_wav(DEMO))
        assert wait_until(lambda: "sent a text message" in first.text(), 120), first.text()[-3000:]
        files = modes(state)
        assert {"outbox.sqlite3", "outbox.sqlite3-wal", "outbox.sqlite3-shm", "audit.sqlite3"} <= set(files), files
        assert all(mode == 0o600 for mode in files.values()), {k: oct(v) for k, v in files.items()}
        assert stat.S_IMODE(state.stat().st_mode) == 0o700
        assert b"turn on" in (state / "outbox.sqlite3-wal").read_bytes()  # why the -wal must be 0600

        second = subprocess.run([sys.executable, "-m", "sottovoce", "run", *pipeline_args(state),
                                 "--set", "audio.source=stdin"], input=b"", capture_output=True, timeout=120,
                                env=ENV)
        err = second.stderr.decode()
        assert second.returncode == 2 and "Traceback" not in err, err
        assert f"another sottovoce daemon (pid {first.proc.pid}) is already running" in err
        assert len(err.strip().splitlines()) == 1 and "state.dir" in err
        assert first.proc.poll() is None  # the first one is untouched
    finally:
        assert first.stop() == 0
        first.kill()
    # the lock goes with the process: a new daemon starts on the same folder
    again = Daemon(state, "mqtt.enabled=false")
    try:
        assert wait_until(lambda: "listening on" in again.text(), 90), again.text()[-2000:]
    finally:
        again.stop()
        again.kill()


def test_hermes_hotword_before_every_text_captured_with_the_configured_sensitivity(tmp_path):
    with Broker(tmp_path / "broker") as broker:
        sub = Subscriber(broker.port, ["hermes/#"]).start()
        try:
            result = sottovoce("run", *pipeline_args(tmp_path / "state", "mqtt.host=127.0.0.1",
                                                      f"mqtt.port={broker.port}", "mqtt.hermes=true",
                                                      "consent.commands=true", "consent.wake_events=true",
                                                      "wake.threshold=0.45"),
                               "--set", f"audio.source=file:{DEMO}")
            assert result.returncode == 0, result.stderr.decode()[-2000:]
            assert sub.wait_for(lambda: len(sub.messages) >= 4, 10), sub.messages
        finally:
            sub.close()
    order = [(t, json.loads(p)) for t, p, _ in sub.messages]
    hotwords = [p for t, p in order if t == "hermes/hotword/hey_jarvis/detected"]
    # with consent.commands alone the command leaves as its intent, without text (no textCaptured)
    assert not [t for t, _ in order if t == "hermes/asr/textCaptured"]
    captured = [(i, p) for i, (t, p) in enumerate(order) if t == "hermes/intent/HassTurnOn"]
    assert len(hotwords) == 3  # every wake word, the one whose command is sent included
    assert len(captured) == 1 and captured[0][1]["input"] == ""
    index, text = captured[0]
    before = [p for t, p in order[:index] if t.startswith("hermes/hotword/")]
    assert before and before[-1]["sessionId"] == text["sessionId"]  # its hotword came first
    assert {p["currentSensitivity"] for p in hotwords} == {0.45}
