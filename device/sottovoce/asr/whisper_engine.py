"""faster-whisper (optional extra `whisper`): better English, written form, transcribes at the end."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from sottovoce.asr.recognizer import AsrModelError

log = logging.getLogger(__name__)

HINT = ("set asr.model to a faster-whisper (CTranslate2) model folder holding model.bin, "
        "e.g. a converted tiny.en, or use asr.engine = \"vosk\"")


def model_problem(folder: Path) -> str | None:
    """Why `folder` is not a faster-whisper model (": reason"), or None."""
    if not (folder / "model.bin").is_file():
        return ": no faster-whisper model there (no model.bin)"
    return None


class WhisperSession:
    def __init__(self, model, language: str):
        self._model = model
        self._language = language
        self._frames: list[np.ndarray] = []

    def accept(self, frame: np.ndarray) -> None:
        self._frames.append(frame)

    def finish(self) -> str:
        if not self._frames:
            return ""
        audio = np.concatenate(self._frames).astype(np.float32) / 32768.0
        self._frames.clear()
        # vad_filter: faster-whisper's bundled Silero VAD drops non-speech, where Whisper would
        # otherwise "hear" phrases such as "Thank you." in a click or a breath after the wake word.
        # temperature=0.0: greedy only. faster-whisper's default falls back to *sampling* when a
        # segment's log-probability is low, so the same audio gave a different sentence on each run
        # ("running late", "running rate", "in grade"); a privacy filter's output must be reproducible.
        segments, _info = self._model.transcribe(audio, language=self._language, beam_size=1, temperature=0.0,
                                                 vad_filter=True, condition_on_previous_text=False,
                                                 without_timestamps=True)
        return " ".join(s.text.strip() for s in segments).strip()


class WhisperRecognizer:
    name = "whisper"

    def __init__(self, model_dir: str | Path, language: str = "en"):
        folder = Path(model_dir)
        found = model_problem(folder)
        if found is not None:
            raise AsrModelError(f"asr.model {folder}{found}: {HINT}")
        try:
            from faster_whisper import WhisperModel
        except ImportError as exc:
            raise AsrModelError("asr.engine = \"whisper\" needs the whisper extra: "
                                "pip install 'sottovoce[whisper]'") from exc
        try:
            self._model = WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=1)
        except Exception as exc:  # ctranslate2 raises RuntimeError/ValueError on bad files
            raise AsrModelError(f"faster-whisper could not load {folder} (asr.model): {exc}; {HINT}") from exc
        self._language = language

    def session(self) -> WhisperSession:
        return WhisperSession(self._model, self._language)
