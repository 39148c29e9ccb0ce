"""Wake word detection with openWakeWord, from local tflite files only.

The detector is a resettable callable: feed it one 80 ms frame, get a `WakeDetected` or None.
openWakeWord keeps at most ~10 s of raw audio and its features in RAM; `reset()` clears them, and
the listener resets after every detection so that nothing heard before the wake word lingers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from sottovoce.events import WakeDetected

log = logging.getLogger(__name__)

# Built-in word -> model file names tried in order (the wyoming wheel ships "ok_nabu").
BUILTIN_FILES = {
    "alexa": ("alexa_v0.1.tflite",),
    "hey_jarvis": ("hey_jarvis_v0.1.tflite",),
    "hey_mycroft": ("hey_mycroft_v0.1.tflite",),
    "hey_rhasspy": ("hey_rhasspy_v0.1.tflite",),
    "okay_nabu": ("okay_nabu_v0.1.tflite", "ok_nabu_v0.1.tflite"),
}
FEATURE_FILES = ("melspectrogram.tflite", "embedding_model.tflite")
MODELS_HINT = ("run scripts/setup (or scripts/install.sh on a Pi), which takes them from the PyPI wheel "
               "wyoming-openwakeword==1.8.2, or point wake.models_dir at a folder holding them")


class WakeDetector(Protocol):
    """What the listener needs from a wake word detector (`WakeWordDetector`, or a fake in tests)."""

    def __call__(self, frame: np.ndarray, end_time: float) -> WakeDetected | None: ...

    def reset(self) -> None: ...


class WakeModelError(Exception):
    """A wake model is missing or unloadable; the message names the file, the key and the fix."""


@dataclass(frozen=True)
class MissingModel:
    """A model file that is not there: its path, the config key to fix, and the word it serves."""

    path: Path
    key: str
    """"wake.models_dir" for a feature model or a built-in word's file, "wake.words" for a custom path."""
    word: str | None = None
    """The wake word the file is for; None for the melspectrogram and embedding models."""


def locate_models(words: Sequence[str], models_dir: str | Path) -> tuple[dict[str, Path], list[MissingModel]]:
    """Each configured word's model file, and every file that is missing (for loading and `doctor`)."""
    folder = Path(models_dir)
    missing = [MissingModel(folder / name, "wake.models_dir") for name in FEATURE_FILES
               if not (folder / name).is_file()]
    found: dict[str, Path] = {}
    for word in words:
        if word in BUILTIN_FILES:
            path = next((folder / f for f in BUILTIN_FILES[word] if (folder / f).is_file()), None)
            if path is None:
                missing.append(MissingModel(folder / BUILTIN_FILES[word][0], "wake.models_dir", word))
            else:
                found[word] = path
        else:
            path = Path(word) if Path(word).is_absolute() else folder / word
            if path.is_file():
                found[path.stem] = path
            else:
                missing.append(MissingModel(path, "wake.words", word))
    return found, missing


def resolve_models(words: Sequence[str], models_dir: str | Path) -> dict[str, Path]:
    """Map each configured word to its model file, or raise WakeModelError naming what is missing."""
    found, missing = locate_models(words, models_dir)
    if missing:
        raise WakeModelError(f"wake word model file(s) missing: {', '.join(str(m.path) for m in missing)} "
                             f"(wake.models_dir = {str(models_dir)!r}, wake.words = {list(words)!r}); "
                             f"{MODELS_HINT}")
    return found


class WakeWordDetector:
    """openWakeWord over 1280-sample int16 frames, with a per-word threshold and refractory time."""

    def __init__(self, words: Sequence[str], models_dir: str | Path, threshold: float = 0.5,
                 refractory: float = 2.0):
        paths = resolve_models(words, models_dir)
        folder = Path(models_dir)
        try:
            from openwakeword.model import Model

            self._model = Model(
                wakeword_models=[str(p) for p in paths.values()],
                inference_framework="onnx" if any(p.suffix == ".onnx" for p in paths.values()) else "tflite",
                melspec_model_path=str(folder / "melspectrogram.tflite"),
                embedding_model_path=str(folder / "embedding_model.tflite"),
            )
        except Exception as exc:  # openWakeWord raises plain exceptions for corrupt files
            raise WakeModelError(f"could not load wake word models from {folder}: {exc}; {MODELS_HINT}") from exc
        # openWakeWord names predictions after the model file's stem ("hey_jarvis_v0.1").
        self._names = {path.stem: word for word, path in paths.items()}
        self.threshold = threshold
        self.refractory = refractory
        self._quiet_until: dict[str, float] = {}

    @property
    def words(self) -> list[str]:
        return list(self._names.values())

    def __call__(self, frame: np.ndarray, end_time: float) -> WakeDetected | None:
        """Score one frame ending at `end_time` seconds; return the best word above threshold."""
        scores = self._model.predict(frame)
        best: WakeDetected | None = None
        for key, score in scores.items():
            word = self._names.get(key, key)
            if score < self.threshold or end_time < self._quiet_until.get(word, -1.0):
                continue
            if best is None or score > best.score:
                best = WakeDetected(word=word, score=float(score), at=round(end_time, 2))
        if best is not None:
            self._quiet_until[best.word] = end_time + self.refractory
        return best

    def scores(self, frame: np.ndarray) -> dict[str, float]:
        """Raw scores for one frame (used by the benchmark and diagnostics)."""
        return {self._names.get(k, k): float(v) for k, v in self._model.predict(frame).items()}

    def reset(self) -> None:
        """Forget all buffered audio and features (called after every detection)."""
        self._model.reset()

