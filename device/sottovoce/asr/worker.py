"""Recognition that a stop can abandon: each session's `finish()` runs on a worker thread.

Whisper transcribes when the utterance ends, and that takes seconds on a Pi; run on the audio
loop's thread it would hold a SIGTERM until the text exists, and the text would then be decided on.
`RecognitionWorker` wraps a `Recognizer`: frames are still accepted on the caller's thread (cheap:
Vosk streams, Whisper only buffers), but `finish()` hands the session to one worker thread through a
bounded queue and waits for the result or for the stop event, whichever comes first. On a stop it
raises `RecognitionAbandoned` and the text, if it still appears, is thrown away with the session.
The worker is a daemon thread: an abandoned transcription cannot keep the process alive. (The
engine's native threads can abort the interpreter's final clean-up while they run, so the daemon
ends the process without that clean-up when `busy` is still true at exit.)
"""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass, field

import numpy as np

from sottovoce.asr.recognizer import RecognitionSession, Recognizer

log = logging.getLogger(__name__)

POLL_SECONDS = 0.05
"""How often a waiting `finish()` looks at the stop event (a signal handler cannot wake it directly)."""


class RecognitionAbandoned(Exception):
    """The stop event was set before the session's text was ready; there is no text."""


@dataclass
class _Job:
    session: RecognitionSession
    done: threading.Event = field(default_factory=threading.Event)
    text: str = ""
    error: BaseException | None = None


class RecognitionWorker:
    """A `Recognizer` whose sessions finish on a worker thread and give up when `stop` is set."""

    def __init__(self, recognizer: Recognizer, stop: threading.Event, *, poll: float = POLL_SECONDS):
        self.name = recognizer.name
        self.recognizer = recognizer
        self._stop = stop
        self._poll = poll
        self._jobs: queue.Queue[_Job | None] = queue.Queue(maxsize=1)
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._busy = threading.Event()

    def session(self) -> "WorkerSession":
        return WorkerSession(self, self.recognizer.session())

    def finish(self, session: RecognitionSession) -> str:
        """The session's text, transcribed on the worker; RecognitionAbandoned once `stop` is set."""
        if self._stop.is_set():
            raise RecognitionAbandoned
        job = _Job(session)
        self._start()
        while True:  # one job at a time: the caller waits, so the queue is only full after a stop
            try:
                self._jobs.put(job, timeout=self._poll)
                break
            except queue.Full:
                if self._stop.is_set():
                    raise RecognitionAbandoned from None
        while not job.done.wait(self._poll):
            if self._stop.is_set():
                log.debug("recognition abandoned: stopping")
                raise RecognitionAbandoned
        if self._stop.is_set():  # the text came, but after the stop: it is not used
            raise RecognitionAbandoned
        if job.error is not None:
            raise job.error
        return job.text

    @property
    def busy(self) -> bool:
        """A transcription is running (after a stop: one that was abandoned and has not ended)."""
        return self._busy.is_set()

    def close(self, timeout: float = 0.5) -> None:
        """Ask the worker to end after its current job and wait for it briefly (it is a daemon thread)."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is None or self.busy:
            return  # an abandoned transcription: the thread ends with it, or with the process
        try:
            self._jobs.put_nowait(None)
        except queue.Full:
            return  # busy with an abandoned job: it ends with the process
        thread.join(timeout)

    def _start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="sottovoce-recognizer", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            self._busy.set()
            try:
                job.text = job.session.finish()
            except BaseException as exc:  # noqa: BLE001 - handed back to the waiting caller
                job.error = exc
            finally:
                self._busy.clear()
                job.done.set()


class WorkerSession:
    """One utterance: frames go to the engine's session now, `finish()` goes through the worker."""

    def __init__(self, worker: RecognitionWorker, session: RecognitionSession):
        self._worker = worker
        self._session = session

    def accept(self, frame: np.ndarray) -> None:
        self._session.accept(frame)

    def finish(self) -> str:
        return self._worker.finish(self._session)
