"""The openWakeWord adapter (sottovoce.wake.runtime) and the detector's choice of model files.

Stand-ins are checked in child processes, so that each starts from an interpreter that has not yet
imported openwakeword; the file-choice tests only create empty files in a temporary folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sottovoce.wake.detector import WakeModelError, locate_models, resolve_models
from sottovoce.wake.runtime import framework_for


def child(code: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


@pytest.mark.parametrize("names, expected", [
    (["a.tflite", "melspectrogram.tflite", "embedding_model.tflite"], "tflite"),
    (["a.onnx", "b.onnx", "melspectrogram.onnx", "embedding_model.onnx"], "onnx"),
])
def test_framework_follows_the_files(names, expected):
    assert framework_for([Path(n) for n in names]) == expected


@pytest.mark.parametrize("names", [
    ["a.tflite", "melspectrogram.onnx"],   # mixed formats: openWakeWord runs one at a time
    ["a.pb", "melspectrogram.pb"],         # not a format it runs
    [],
])
def test_framework_refuses_mixed_or_unknown_files(names):
    with pytest.raises(ValueError, match="must all be .tflite or all .onnx"):
        framework_for([Path(n) for n in names])


def test_import_keeps_machine_learning_training_libraries_out():
    out = child("import sys; from sottovoce.wake.runtime import keep_verifier_and_vad_out; "
                "keep_verifier_and_vad_out(); import openwakeword; from openwakeword.model import Model; "
                "print(sorted(m for m in ('sklearn', 'scipy', 'onnxruntime', 'tflite_runtime') if m in sys.modules)); "
                "print(openwakeword.train_custom_verifier.__module__)")
    assert out == ["[]", "sottovoce.wake.runtime"]


def test_the_verifier_stand_in_says_where_training_belongs():
    out = child("from sottovoce.wake.runtime import keep_verifier_and_vad_out; keep_verifier_and_vad_out()\n"
                "import openwakeword\n"
                "try:\n    openwakeword.train_custom_verifier([], [], 'x')\n"
                "except RuntimeError as e:\n    print(e)")
    assert len(out) == 1 and "training" in out[0] and "scikit-learn" in out[0]


def test_the_vad_stand_in_loads_the_real_silero_vad_on_first_use(tmp_path):
    missing = tmp_path / "silero_vad.onnx"
    out = child("import sys; from sottovoce.wake.runtime import keep_verifier_and_vad_out; keep_verifier_and_vad_out()\n"
                "import openwakeword\n"
                "print('onnxruntime' in sys.modules)\n"
                "try:\n    openwakeword.VAD(model_path=%r)\n"
                "except Exception as e:\n    print(type(e).__module__.split('.')[0], 'onnxruntime' in sys.modules)"
                % str(missing))
    # onnxruntime is loaded only by the call, and it is onnxruntime that refuses the missing file
    assert out == ["False", "onnxruntime True"]


def test_litert_stands_in_for_tflite_runtime_only_while_models_load():
    out = child("import sys; from sottovoce.wake.runtime import litert_as_tflite_runtime\n"
                "with litert_as_tflite_runtime():\n"
                "    import tflite_runtime.interpreter as t; print(t.__name__, hasattr(t, 'Interpreter'))\n"
                "print('tflite_runtime' in sys.modules, 'tflite_runtime.interpreter' in sys.modules)")
    assert out == ["ai_edge_litert.interpreter True", "False False"]


def touch(folder: Path, *names: str) -> Path:
    for name in names:
        (folder / name).write_bytes(b"")
    return folder


def test_feature_models_are_taken_in_the_word_models_format(tmp_path):
    touch(tmp_path, "alexa_v0.1.onnx", "melspectrogram.onnx", "embedding_model.onnx", "melspectrogram.tflite")
    models = resolve_models(["alexa"], tmp_path)
    assert models.words == {"alexa": tmp_path / "alexa_v0.1.onnx"}
    assert (models.melspectrogram, models.embedding) == (tmp_path / "melspectrogram.onnx",
                                                         tmp_path / "embedding_model.onnx")


def test_tflite_is_preferred_when_both_formats_are_there(tmp_path):
    touch(tmp_path, "alexa_v0.1.onnx", "alexa_v0.1.tflite", "melspectrogram.tflite", "embedding_model.tflite")
    models = resolve_models(["alexa"], tmp_path)
    assert models.words["alexa"].suffix == ".tflite" and models.melspectrogram.suffix == ".tflite"


def test_missing_feature_model_is_named_in_the_word_models_format(tmp_path):
    touch(tmp_path, "hey_jarvis_v0.1.onnx", "melspectrogram.onnx", "embedding_model.tflite")
    found, missing = locate_models(["hey_jarvis"], tmp_path)
    assert list(found) == ["hey_jarvis"]
    assert [(m.path.name, m.key, m.word) for m in missing] == [("embedding_model.onnx", "wake.models_dir", None)]


def test_okay_nabu_is_found_under_the_wyoming_file_name(tmp_path):
    touch(tmp_path, "ok_nabu_v0.1.tflite", "melspectrogram.tflite", "embedding_model.tflite")
    assert resolve_models(["okay_nabu"], tmp_path).words == {"okay_nabu": tmp_path / "ok_nabu_v0.1.tflite"}


def test_mixed_formats_are_one_clear_error(tmp_path):
    touch(tmp_path, "alexa_v0.1.tflite", "melspectrogram.tflite", "embedding_model.tflite", "mine.onnx")
    with pytest.raises(WakeModelError, match=r"one format at a time.*mine\.onnx.*wake\.words"):
        resolve_models(["alexa", "mine.onnx"], tmp_path)
