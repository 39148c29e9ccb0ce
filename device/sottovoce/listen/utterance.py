"""End of utterance: a pure state machine over per-frame speech decisions.

After a wake word the listener pushes each frame's VAD verdict here; it says when the command is
over: trailing silence after speech, the maximum length, or no speech at all within the start
timeout. Speech counts as started only after a few consecutive voiced frames, so the tail of the
wake word itself (detection fires just before it ends) does not start the command and let the
pause after it end the command too early. Times are counted in frames, so it needs no clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sottovoce.events import FRAME_SECONDS


@dataclass(frozen=True)
class UtteranceLimits:
    silence: float = 0.8
    max_seconds: float = 10.0
    start_timeout: float = 3.0
    onset: float = 0.24
    """Consecutive speech needed before the command counts as started."""

    def frames(self, seconds: float) -> int:
        return max(1, math.ceil(seconds / FRAME_SECONDS - 1e-9))


class UtteranceTracker:
    """Feed `push(is_speech)` once per frame; it returns why the utterance ended, or None to go on."""

    def __init__(self, limits: UtteranceLimits):
        self._silence = limits.frames(limits.silence)
        self._max = limits.frames(limits.max_seconds)
        self._start = limits.frames(limits.start_timeout)
        self._onset = limits.frames(limits.onset)
        self.frames = 0
        self.speech_frames = 0
        self._run = 0
        self._quiet = 0

    @property
    def heard_speech(self) -> bool:
        return self.speech_frames > 0

    def push(self, is_speech: bool) -> str | None:
        self.frames += 1
        if is_speech:
            self._run += 1
            self._quiet = 0
            if self.speech_frames or self._run >= self._onset:
                self.speech_frames += self._run if not self.speech_frames else 1
        else:
            self._run = 0
            self._quiet += 1
        if self.speech_frames and self._quiet >= self._silence:
            return "silence"
        if not self.speech_frames and self.frames >= self._start:
            return "no_speech"
        if self.frames >= self._max:
            return "max_length"
        return None
