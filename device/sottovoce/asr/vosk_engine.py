"""Vosk: the default engine. Streaming, so most of the work is done while the user still speaks."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from sottovoce.asr.recognizer import AsrModelError
from sottovoce.events import SAMPLE_RATE

log = logging.getLogger(__name__)

DOWNLOAD_HINT = ("download an English model such as vosk-model-small-en-us-0.15 from "
                 "https://alphacephei.com/vosk/models, unzip it, and set asr.model to its folder "
                 "(scripts/install.sh --vosk-model PATH does this on a Pi)")


def model_problem(folder: Path) -> str | None:
    """Why `folder` is not a Vosk model (": reason" or " reason"), or None."""
    if not folder.is_dir():
        return ": no Vosk model there"
    if not (folder / "am").is_dir() and not (folder / "final.mdl").is_file():
        return " is not a Vosk model folder (no am/ inside)"
    return None


class VoskSession:
    def __init__(self, recognizer):
        self._rec = recognizer

    def accept(self, frame: np.ndarray) -> None:
        self._rec.AcceptWaveform(np.ascontiguousarray(frame, dtype=np.int16).tobytes())

    def finish(self) -> str:
        return json.loads(self._rec.FinalResult()).get("text", "").strip()


class VoskRecognizer:
    name = "vosk"

    def __init__(self, model_dir: str | Path):
        folder = Path(model_dir)
        found = model_problem(folder)
        if found is not None:
            raise AsrModelError(f"asr.model {folder}{found}: {DOWNLOAD_HINT}")
        import vosk

        vosk.SetLogLevel(-1)
        try:
            self._model = vosk.Model(str(folder))
        except Exception as exc:  # vosk raises a bare Exception("Failed to create a model")
            raise AsrModelError(f"Vosk could not load the model at {folder} (asr.model): {exc}; "
                                f"{DOWNLOAD_HINT}") from exc
        self._vosk = vosk

    def session(self) -> VoskSession:
        return VoskSession(self._vosk.KaldiRecognizer(self._model, SAMPLE_RATE))
