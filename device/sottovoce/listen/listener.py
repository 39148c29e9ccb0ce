"""The listening loop: frames -> wake word -> utterance -> transcript.

The privacy boundary lives here. Until a wake word is detected, frames go to the wake detector
only, whose own buffer is bounded (~10 s) and cleared after each detection. A recognition session
is created only after a wake word and is fed only the frames that follow it. While muted, frames
are dropped before the detector sees them, and an utterance in progress is abandoned.
"""

from __future__ import annotations

import logging
from typing import Callable, Iterable, Iterator

import numpy as np

from sottovoce.asr.recognizer import RecognitionSession, Recognizer
from sottovoce.events import FRAME_SECONDS, AudioChunk, Transcript, WakeDetected
from sottovoce.listen.utterance import UtteranceLimits, UtteranceTracker
from sottovoce.wake.detector import WakeDetector

log = logging.getLogger(__name__)

SpeechDetector = Callable[[np.ndarray], bool]


class Listener:
    """Turns a stream of `AudioChunk`s into `WakeDetected` and `Transcript` events."""

    def __init__(self, detector: WakeDetector, vad: SpeechDetector, recognizer: Recognizer, limits: UtteranceLimits,
                 *, muted: Callable[[], bool] = lambda: False,
                 on_mute_change: Callable[[bool], None] = lambda muted: None):
        self._detector = detector
        self._vad = vad
        self._recognizer = recognizer
        self._limits = limits
        self._muted = muted
        self._on_mute_change = on_mute_change
        self._was_muted = False
        self.frames_seen = 0
        self.frames_to_detector = 0
        self.frames_to_recognizer = 0

    def process(self, chunks: Iterable[AudioChunk]) -> Iterator[WakeDetected | Transcript]:
        wake: WakeDetected | None = None
        session: RecognitionSession | None = None
        tracker: UtteranceTracker | None = None
        for chunk in chunks:
            self.frames_seen += 1
            if self._muted():
                if not self._was_muted:
                    self._was_muted = True
                    self._detector.reset()
                    log.info("muted: audio is dropped before the wake word detector")
                    self._on_mute_change(True)
                if wake is not None:
                    yield Transcript(wake=wake, text="", ended_by="muted")
                    wake = session = tracker = None
                continue
            if self._was_muted:
                self._was_muted = False
                log.info("unmuted: listening for the wake word")
                self._on_mute_change(False)
            if wake is None:
                self.frames_to_detector += 1
                detected = self._detector(chunk.samples, chunk.start + FRAME_SECONDS)
                if detected is None:
                    continue
                self._detector.reset()
                log.info("wake word %s (score %.2f) at %.2f s", detected.word, detected.score, detected.at)
                yield detected
                wake, session, tracker = detected, self._recognizer.session(), UtteranceTracker(self._limits)
                continue
            self.frames_to_recognizer += 1
            session.accept(chunk.samples)
            ended_by = tracker.push(self._vad(chunk.samples))
            if ended_by is not None:
                yield self._finish(wake, session, tracker, ended_by)
                wake = session = tracker = None
        if wake is not None:
            yield self._finish(wake, session, tracker, "end_of_audio")

    @staticmethod
    def _finish(wake: WakeDetected, session: RecognitionSession, tracker: UtteranceTracker,
                ended_by: str) -> Transcript:
        text = session.finish() if tracker.heard_speech else ""
        log.debug("utterance after %s ended by %s: %r", wake.word, ended_by, text)
        return Transcript(wake=wake, text=text, ended_by=ended_by)
