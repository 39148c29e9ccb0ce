"""Offline speech recognition behind one interface.

A `Recognizer` is loaded once; each command gets a fresh `session()` that is fed 80 ms frames as
they are captured and returns the text on `finish()`. Only audio captured after a wake word is ever
fed to a session. Engines live in their own modules and are imported only when chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np

from sottovoce.settings import AsrSettings


class AsrModelError(Exception):
    """The recognition model is missing or unloadable; the message names the key and the fix."""


class RecognitionSession(Protocol):
    def accept(self, frame: np.ndarray) -> None: ...

    def finish(self) -> str: ...


class Recognizer(Protocol):
    name: str

    def session(self) -> RecognitionSession: ...


def load_recognizer(asr: AsrSettings) -> Recognizer:
    if asr.engine == "whisper":
        from sottovoce.asr.whisper_engine import WhisperRecognizer

        return WhisperRecognizer(asr.model, language=asr.language)
    from sottovoce.asr.vosk_engine import VoskRecognizer

    return VoskRecognizer(asr.model)


def model_problem(asr: AsrSettings) -> str | None:
    """What is wrong with the model folder `asr.model` for `asr.engine`, or None: the file checks the
    engines make before loading, shared with `check-config` (no model is loaded)."""
    if asr.engine == "whisper":
        from sottovoce.asr.whisper_engine import model_problem as whisper_problem

        return whisper_problem(Path(asr.model))
    from sottovoce.asr.vosk_engine import model_problem as vosk_problem

    return vosk_problem(Path(asr.model))
