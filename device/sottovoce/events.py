"""Typed events passed between pipeline stages (small, frozen, no behaviour)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

SAMPLE_RATE = 16000
FRAME_SAMPLES = 1280  # 80 ms: what openWakeWord consumes per step
FRAME_SECONDS = FRAME_SAMPLES / SAMPLE_RATE


@dataclass(frozen=True, eq=False)
class AudioChunk:
    """One 80 ms frame of 16 kHz mono int16 audio; `start` is seconds since the source opened."""

    samples: np.ndarray
    start: float


@dataclass(frozen=True)
class WakeDetected:
    word: str
    score: float
    at: float
    """Seconds since the source opened, at the end of the frame that crossed the threshold."""


@dataclass(frozen=True, eq=False)
class Utterance:
    """The audio captured after a wake word (never the audio before it)."""

    wake: WakeDetected
    audio: np.ndarray
    ended_by: str
    """"silence", "max_length", "no_speech" or "end_of_audio"."""


@dataclass(frozen=True)
class Transcript:
    wake: WakeDetected
    text: str
    ended_by: str = "silence"


@dataclass(frozen=True)
class Redacted:
    """A transcript after redaction; the raw text is not kept."""

    wake: WakeDetected
    text: str
    counts: Mapping[str, int] = field(default_factory=dict)
    ended_by: str = "silence"
    topics: tuple[str, ...] = field(kw_only=True)
    """Sensitive topics, judged on the raw transcript before it was redacted (labels only). No
    default: whoever makes a Redacted must have judged them (`Policy.topics`)."""
