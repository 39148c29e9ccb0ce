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
def wake_models_dir() -> Path:
    assert (WAKE_MODELS / "melspectrogram.tflite").is_file(), \
        f"no openWakeWord models in {WAKE_MODELS}: run scripts/setup first"
    return WAKE_MODELS
