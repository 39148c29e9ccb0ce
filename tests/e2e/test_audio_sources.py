"""open_source() and `sottovoce devices`, the latter also as a user runs it on this (sound-card-less) machine."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import AUDIO, ROOT, WAKE_MODELS, WHISPER_MODEL
from fake_mic import FakeSoundDevice, read_wav16, to_rate_stereo
from sottovoce.audio.file import FileSource
from sottovoce.audio.frames import AudioError
from sottovoce.audio.mic import MicSource
from sottovoce.audio.source import AudioSource, open_source
from sottovoce.audio.stdin import StdinSource
from sottovoce.cli.commands.devices import RATES, describe_inputs
from sottovoce.settings import AudioSettings

SPEECH = AUDIO / "speech" / "goforward.wav"
SOTTOVOCE = [sys.executable, "-m", "sottovoce"]


@pytest.fixture
def mic() -> FakeSoundDevice:
    return FakeSoundDevice(to_rate_stereo(read_wav16(SPEECH)[:1600], 48000))


def test_factory_builds_each_kind_of_source(mic):
    file_source = open_source(AudioSettings(source=f"file:{SPEECH}"))
    mic_source = open_source(AudioSettings(source="mic", device="usb"), backend=mic)
    r, w = os.pipe()
    os.close(w)
    saved = sys.stdin
    try:
        with os.fdopen(r, "rb") as pipe:
            sys.stdin = type("Stdin", (), {"buffer": pipe})()
            stdin_source = open_source(AudioSettings(source="stdin"))
            assert list(stdin_source.frames()) == []  # a closed pipe is an empty stream
    finally:
        sys.stdin = saved
    assert isinstance(file_source, FileSource) and isinstance(mic_source, MicSource)
    assert isinstance(stdin_source, StdinSource)
    for source in (file_source, mic_source, stdin_source):
        assert isinstance(source, AudioSource) and source.description
    assert str(SPEECH) in file_source.description


def test_factory_reports_a_missing_file_before_anything_starts(tmp_path):
    with pytest.raises(AudioError, match="missing.wav: no such file"):
        open_source(AudioSettings(source=f"file:{tmp_path / 'missing.wav'}"))


def test_device_table_shows_rates_the_fake_usb_mic_accepts(mic):
    table = describe_inputs(mic, "usb")
    rows = [line for line in table.splitlines() if mic.name in line]
    assert len(rows) == 1 and rows[0].startswith("*")
    assert rows[0].rstrip().endswith(" 48000") and " 16000" not in rows[0]
    assert "Headphones" not in table  # output-only devices are not listed
    mic.rates = RATES
    assert describe_inputs(mic, "").splitlines()[1].rstrip().endswith(" ".join(map(str, RATES)))


def test_device_table_says_when_audio_device_matches_nothing(mic):
    table = describe_inputs(mic, "blue yeti")
    assert "*" not in table and "no device matches audio.device='blue yeti'" in table


def test_device_table_is_none_without_inputs(mic):
    mic.unplug()
    assert describe_inputs(mic, "") is None


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*SOTTOVOCE, *args], capture_output=True, text=True, timeout=60, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def test_devices_on_a_machine_without_sound_card_exits_1_with_what_to_check(tmp_path):
    (tmp_path / "empty.toml").write_text("")
    done = run_cli("devices", "--config", str(tmp_path / "empty.toml"))
    assert done.returncode == 1, done
    assert "no audio input devices found" in done.stderr
    for hint in ("USB microphone", "arecord -l", "audio` group"):
        assert hint in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_devices_without_portaudio_says_how_to_install_it(tmp_path):
    # The real sounddevice import, on a system where the PortAudio library cannot be found.
    (tmp_path / "sitecustomize.py").write_text("import ctypes.util\nctypes.util.find_library = lambda name: None\n")
    (tmp_path / "empty.toml").write_text("")
    done = run_cli("devices", "--config", str(tmp_path / "empty.toml"), env={"PYTHONPATH": str(tmp_path)})
    assert done.returncode == 1, done
    assert "PortAudio library is missing" in done.stderr and "sudo apt install libportaudio2" in done.stderr
    assert "Traceback" not in done.stderr


def test_mic_source_without_portaudio_raises_audio_error(tmp_path):
    code = ("from sottovoce.audio.source import open_source\nfrom sottovoce.settings import AudioSettings\n"
            "try:\n    open_source(AudioSettings())\nexcept Exception as e:\n    print(type(e).__name__, e)\n")
    (tmp_path / "sitecustomize.py").write_text("import ctypes.util\nctypes.util.find_library = lambda name: None\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert done.stdout.startswith("AudioError ") and "libportaudio2" in done.stdout, done



def run_args(tmp_path) -> list[str]:
    (tmp_path / "empty.toml").write_text("")
    return ["run", "--config", str(tmp_path / "empty.toml"), "--set", "mqtt.enabled=false",
            "--set", f"state.dir={tmp_path / 'state'}", "--set", f"wake.models_dir={WAKE_MODELS}",
            "--set", "asr.engine=whisper", "--set", f"asr.model={WHISPER_MODEL}",
            "--set", f"commands.vocabulary={ROOT / 'config' / 'vocabulary.toml'}",
            "--set", f"commands.sentences_dir={ROOT / 'config' / 'sentences'}",
            "--set", f"consent.sensitive_file={ROOT / 'config' / 'sensitive.toml'}"]


@pytest.mark.slow
def test_run_with_a_missing_file_says_so_without_a_traceback(tmp_path):
    done = run_cli(*run_args(tmp_path), "--set", f"audio.source=file:{tmp_path / 'missing.wav'}")
    assert done.returncode == 1, done
    assert f"sottovoce run: {tmp_path / 'missing.wav'}: no such file" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


@pytest.mark.slow
def test_run_with_a_wav_on_stdin_names_the_fix_without_a_traceback(tmp_path):
    with open(SPEECH, "rb") as wav:
        done = subprocess.run([*SOTTOVOCE, *run_args(tmp_path), "--set", "audio.source=stdin"], stdin=wav,
                              capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 1, done
    assert "stdin carries a WAV file" in done.stderr and "-t raw" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
