"""The listening loop: frames -> wake word -> utterance -> transcript.

The privacy boundary lives here. Until a wake word is detected, frames go to the wake detector
only, whose own buffer is bounded (~10 s) and cleared after each detection. A recognition session
is created only after a wake word and is fed only the frames that follow it. While muted, frames
are dropped before the detector sees them, and an utterance in progress is abandoned.

A stop (`stopped()` true) abandons the utterance in progress too: it ends as a `Transcript` with no
text and `ended_by="stopped"`, and nothing is transcribed after the stop (a recogniser wrapped in
`asr.worker.RecognitionWorker` gives up on a transcription already running).
"""

from __future__ import annotations

import logging
from typing import Callable, Iterable, Iterator

import numpy as np

from sottovoce.asr.recognizer import RecognitionSession, Recognizer
from sottovoce.asr.worker import RecognitionAbandoned
from sottovoce.events import FRAME_SECONDS, AudioChunk, Transcript, WakeDetected
from sottovoce.listen.utterance import UtteranceLimits, UtteranceTracker
from sottovoce.wake.detector import WakeDetector

log = logging.getLogger(__name__)

SpeechDetector = Callable[[np.ndarray], bool]


class Listener:
    """Turns a stream of `AudioChunk`s into `WakeDetected` and `Transcript` events."""

    def __init__(self, detector: WakeDetector, vad: SpeechDetector, recognizer: Recognizer, limits: UtteranceLimits,
                 *, muted: Callable[[], bool] = lambda: False,
                 on_mute_change: Callable[[bool], None] = lambda muted: None,
                 stopped: Callable[[], bool] = lambda: False):
        self._detector = detector
        self._vad = vad
        self._recognizer = recognizer
        self._limits = limits
        self._muted = muted
        self._on_mute_change = on_mute_change
        self._stopped = stopped
        self._was_muted = False
        self._wake: WakeDetected | None = None
        self._session: RecognitionSession | None = None
        self._tracker: UtteranceTracker | None = None
        self.frames_seen = 0
        self.frames_to_detector = 0
        self.frames_to_recognizer = 0

    @property
    def busy(self) -> bool:
        """True between a wake word and the end of its utterance (a reload waits for the end)."""
        return self._wake is not None

    @property
    def recognizing(self) -> bool:
        """A transcription is still running on the recogniser's worker (one abandoned by a stop)."""
        return bool(getattr(self._recognizer, "busy", False))

    def close(self) -> None:
        """Let the recogniser's worker thread go, if it has one."""
        close = getattr(self._recognizer, "close", None)
        if close is not None:
            close()

    def process(self, chunks: Iterable[AudioChunk]) -> Iterator[WakeDetected | Transcript]:
        """Events for `chunks`. An utterance still open when `chunks` end is finished (or, after a
        stop, abandoned); a stop also ends the loop at the next frame."""
        for chunk in chunks:
            self.frames_seen += 1
            if self._muted():
                if not self._was_muted:
                    self._was_muted = True
                    self._detector.reset()
                    log.info("muted: audio is dropped before the wake word detector")
                    self._on_mute_change(True)
                if self._wake is not None:
                    yield Transcript(wake=self._wake, text="", ended_by="muted")
                    self._clear()
                continue
            if self._was_muted:
                self._was_muted = False
                log.info("unmuted: listening for the wake word")
                self._on_mute_change(False)
            if self._wake is None:
                if self._stopped():
                    break
                self.frames_to_detector += 1
                detected = self._detector(chunk.samples, chunk.start + FRAME_SECONDS)
                if detected is None:
                    continue
                self._detector.reset()
                log.info("wake word %s (score %.2f) at %.2f s", detected.word, detected.score, detected.at)
                yield detected
                self._wake, self._session = detected, self._recognizer.session()
                self._tracker = UtteranceTracker(self._limits)
                continue
            if self._stopped():
                break
            self.frames_to_recognizer += 1
            self._session.accept(chunk.samples)
            ended_by = self._tracker.push(self._vad(chunk.samples))
            if ended_by is not None:
                yield self._finish(ended_by)
        if self._wake is not None:
            yield self._finish("end_of_audio")

    def _clear(self) -> None:
        self._wake = self._session = self._tracker = None

    def _finish(self, ended_by: str) -> Transcript:
        wake, session, tracker = self._wake, self._session, self._tracker
        self._clear()
        if self._stopped():
            return Transcript(wake=wake, text="", ended_by="stopped")
        if tracker.heard_speech:
            log.debug("utterance after %s ended by %s: transcribing", wake.word, ended_by)
        try:
            text = session.finish() if tracker.heard_speech else ""
        except RecognitionAbandoned:
            return Transcript(wake=wake, text="", ended_by="stopped")
        log.debug("utterance after %s ended by %s: %r", wake.word, ended_by, text)
        return Transcript(wake=wake, text=text, ended_by=ended_by)
