"""Wake word detection with openWakeWord, from local model files only.

The detector is a resettable callable: feed it one 80 ms frame, get a `WakeDetected` or None.
openWakeWord keeps at most ~10 s of raw audio and its features in RAM; `reset()` clears them, and
the listener resets after every detection so that nothing heard before the wake word lingers.
Models are `.tflite` files run by LiteRT (or `.onnx` files run by onnxruntime): the melspectrogram
and embedding models are taken in the same format as the word models (see `wake.runtime`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from sottovoce.events import WakeDetected
from sottovoce.wake.runtime import FRAMEWORKS, RuntimeMissing, framework_for, load_model

log = logging.getLogger(__name__)

# Built-in word -> model file stems tried in order (the wyoming wheel ships "ok_nabu"); each stem is
# tried with every suffix in FRAMEWORKS, .tflite first.
BUILTIN_STEMS = {
    "alexa": ("alexa_v0.1",),
    "hey_jarvis": ("hey_jarvis_v0.1",),
    "hey_mycroft": ("hey_mycroft_v0.1",),
    "hey_rhasspy": ("hey_rhasspy_v0.1",),
    "okay_nabu": ("okay_nabu_v0.1", "ok_nabu_v0.1"),
}
FEATURE_STEMS = ("melspectrogram", "embedding_model")
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


@dataclass(frozen=True)
class WakeModels:
    """The files one detector loads: a model per word, and the two feature models in their format."""

    words: dict[str, Path]
    """Wake word (a built-in name, or a custom model's file stem) -> its model file."""
    melspectrogram: Path
    embedding: Path


def _builtin(folder: Path, word: str) -> Path | None:
    return next((folder / (stem + suffix) for stem in BUILTIN_STEMS[word] for suffix in FRAMEWORKS
                 if (folder / (stem + suffix)).is_file()), None)


def locate_models(words: Sequence[str], models_dir: str | Path) -> tuple[dict[str, Path], list[MissingModel]]:
    """Each configured word's model file, and every file that is missing (for loading and `doctor`).

    The feature models are looked for in the format of the first word model found (.tflite if none).
    """
    folder = Path(models_dir)
    found: dict[str, Path] = {}
    missing: list[MissingModel] = []
    for word in words:
        if word in BUILTIN_STEMS:
            path = _builtin(folder, word)
            if path is None:
                missing.append(MissingModel(folder / (BUILTIN_STEMS[word][0] + next(iter(FRAMEWORKS))),
                                            "wake.models_dir", word))
            else:
                found[word] = path
        else:
            path = Path(word) if Path(word).is_absolute() else folder / word
            if path.is_file():
                found[path.stem] = path
            else:
                missing.append(MissingModel(path, "wake.words", word))
    suffix = next(iter(found.values())).suffix if found else next(iter(FRAMEWORKS))
    features = [MissingModel(folder / (stem + suffix), "wake.models_dir") for stem in FEATURE_STEMS
                if not (folder / (stem + suffix)).is_file()]
    return found, features + missing


def resolve_models(words: Sequence[str], models_dir: str | Path) -> WakeModels:
    """The files for these words, or raise WakeModelError naming what is missing or mismatched."""
    found, missing = locate_models(words, models_dir)
    if missing:
        raise WakeModelError(f"wake word model file(s) missing: {', '.join(str(m.path) for m in missing)} "
                             f"(wake.models_dir = {str(models_dir)!r}, wake.words = {list(words)!r}); "
                             f"{MODELS_HINT}")
    if not found:
        raise WakeModelError("no wake word configured: set wake.words (e.g. [\"hey_jarvis\"])")
    suffix = next(iter(found.values())).suffix
    folder = Path(models_dir)
    models = WakeModels(found, folder / (FEATURE_STEMS[0] + suffix), folder / (FEATURE_STEMS[1] + suffix))
    try:
        framework_for([*found.values(), models.melspectrogram, models.embedding])
    except ValueError as exc:
        raise WakeModelError(f"{exc} (wake.words = {list(words)!r}); convert or replace the odd one out") from exc
    return models


class WakeWordDetector:
    """openWakeWord over 1280-sample int16 frames, with a per-word threshold and refractory time."""

    def __init__(self, words: Sequence[str], models_dir: str | Path, threshold: float = 0.5,
                 refractory: float = 2.0):
        models = resolve_models(words, models_dir)
        try:
            self._model = load_model(list(models.words.values()), models.melspectrogram, models.embedding)
        except RuntimeMissing as exc:
            raise WakeModelError(str(exc)) from exc
        except Exception as exc:  # openWakeWord and LiteRT raise plain exceptions for corrupt files
            raise WakeModelError(f"could not load wake word models from {models_dir}: {exc}; {MODELS_HINT}") from exc
        paths = models.words
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

