"""Real openWakeWord models on every real wake clip in ../shared/audio/wake."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import AUDIO, ROOT, WAKE_MODELS, pipeline_args
from sottovoce.audio.file import FileSource
from sottovoce.events import FRAME_SAMPLES, FRAME_SECONDS
from sottovoce.wake.detector import WakeModelError, WakeWordDetector, resolve_models

ALL_WORDS = ["alexa", "hey_jarvis", "hey_mycroft", "hey_rhasspy", "okay_nabu"]
# The pretrained hey_mycroft model scores espeak's "hey mycroft" at 0.001: a miss of the model, not
# of sottovoce (measured with openWakeWord 0.6.0). It is checked below not to fire as another word.
MODEL_MISSES = {"espeak_hey_mycroft.wav"}


def expected_word(name: str) -> str | None:
    if "_neg_" in name or name in ("computer.wav", "snowboy.wav", "oww_hey_jane.wav", "oww_activation.wav",
                                   "oww_negative_reference.wav", "oww_turn_on_the_office_lights_test_clip.wav"):
        return None
    for word, marks in (("alexa", ("alexa",)), ("hey_jarvis", ("jarvis",)), ("okay_nabu", ("nabu",)),
                        ("hey_mycroft", ("mycroft", "mike_croft")), ("hey_rhasspy", ("rhasspy",))):
        if any(m in name for m in marks):
            return word
    raise AssertionError(f"unclassified wake clip {name}: add it to the table")


CLIPS = sorted(p.name for p in (AUDIO / "wake").glob("*.wav"))


def detections(detector: WakeWordDetector, name: str) -> list[str]:
    source = FileSource(AUDIO / "wake" / name)
    found, end = [], 0.0
    for chunk in source.frames():
        end = chunk.start + FRAME_SECONDS
        hit = detector(chunk.samples, end)
        if hit:
            found.append(hit.word)
    for i in range(13):  # a second of silence after the clip, as a room would give
        hit = detector(np.zeros(FRAME_SAMPLES, np.int16), end + (i + 1) * FRAME_SECONDS)
        if hit:
            found.append(hit.word)
    return found


@pytest.fixture()
def detector(wake_models_dir):
    return WakeWordDetector(ALL_WORDS, wake_models_dir, threshold=0.5, refractory=2.0)


def test_the_table_covers_every_clip_and_both_kinds():
    kinds = [expected_word(n) for n in CLIPS]
    assert len(CLIPS) >= 30 and kinds.count(None) >= 10
    assert set(ALL_WORDS) <= set(kinds)


@pytest.mark.parametrize("name", [n for n in CLIPS if n not in MODEL_MISSES])
def test_clip_fires_once_on_its_word_or_never(detector, name):
    word = expected_word(name)
    assert detections(detector, name) == ([word] if word else [])


@pytest.mark.parametrize("name", sorted(MODEL_MISSES))
def test_known_model_miss_does_not_fire_as_another_word(detector, name):
    assert detections(detector, name) == []


def test_only_configured_words_fire(wake_models_dir):
    detector = WakeWordDetector(["alexa"], wake_models_dir)
    assert detections(detector, "hey_jarvis.wav") == []
    assert detections(detector, "alexa.wav") == ["alexa"]


def test_refractory_time_suppresses_a_repeat(wake_models_dir):
    detector = WakeWordDetector(["hey_jarvis"], wake_models_dir, refractory=30.0)
    assert detections(detector, "hey_jarvis.wav") == ["hey_jarvis"]
    # no reset: the same word again within 30 s of the first detection is ignored
    source = FileSource(AUDIO / "wake" / "hey_jarvis.wav")
    assert [c for c in source.frames() if detector(c.samples, 5.0 + c.start)] == []


def test_missing_models_name_the_folder_key_and_fix(tmp_path):
    with pytest.raises(WakeModelError) as err:
        resolve_models(["hey_jarvis"], tmp_path)
    message = str(err.value)
    assert str(tmp_path / "hey_jarvis_v0.1.tflite") in message
    assert "wake.models_dir" in message and "wyoming-openwakeword" in message


def test_custom_model_path_is_accepted(wake_models_dir, tmp_path):
    custom = tmp_path / "my_word.tflite"
    custom.write_bytes((wake_models_dir / "alexa_v0.1.tflite").read_bytes())
    for name in ("melspectrogram.tflite", "embedding_model.tflite"):
        (tmp_path / name).write_bytes((wake_models_dir / name).read_bytes())
    detector = WakeWordDetector([str(custom)], tmp_path)
    assert detector.words == ["my_word"]
    assert detections(detector, "alexa.wav") == ["my_word"]


def imported_modules(*args: str, state: Path, text: str = "") -> set[str]:
    """Top-level packages a real CLI run imported (from `python -X importtime`); it must succeed."""
    env = {**os.environ, "SOTTOVOCE_CONFIG": str(ROOT / "config" / "sottovoce.toml")}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "sottovoce", *args, *pipeline_args(state)],
                          capture_output=True, text=True, timeout=300, env=env, input=text)
    assert proc.returncode == 0, proc.stderr[-3000:]
    if args[0] == "redact":
        assert proc.stdout.strip() == "call <NAME> at <PHONE>"
    return {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.splitlines()
            if line.startswith("import time:")}


@pytest.mark.parametrize("command", [
    ["run", "--set", f"audio.source=file:{ROOT / 'device/sottovoce/data/demo.wav'}", "--set", "mqtt.enabled=false"],
    ["transcribe", str(AUDIO / "wake" / "hey_jarvis.wav")],
    ["redact"],
])
def test_the_cli_never_imports_training_libraries(command, tmp_path):
    """openWakeWord's package would pull in scikit-learn and scipy (its training-only verifier)."""
    modules = imported_modules(*command, state=tmp_path, text="call Mele at 555 234 8991\n")
    assert "sottovoce" in modules
    assert not modules & {"sklearn", "scipy", "tflite_runtime"}
    if command[0] != "redact":
        assert {"openwakeword", "ai_edge_litert"} <= modules
