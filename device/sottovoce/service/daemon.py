"""`sottovoce run`: wires the stages together and keeps them running.

audio source -> listener (wake word, utterance, recogniser) -> redaction -> dispatcher (consent,
message, audit, outbox) -> MQTT publisher. The audio loop runs on the main thread; recognition
finishes on a worker thread (`asr.worker`); paho runs its own network thread; a small watchdog
thread pings systemd while the loop is alive (or waiting for an unplugged microphone).

A stop is a stop. SIGTERM/SIGINT set the stop event and close the source: from then on nothing is
transcribed, decided or queued. An utterance in progress is abandoned (audited as `dropped`,
reason `stopped`, without text), a transcription already running is given up, a drain of the
outbox ends (what is not acknowledged stays queued) and a FIFO still waiting for its writer is let
go; then the publisher says `offline` and the process exits.

SIGHUP reloads between two utterances (`service.reload`): the new stages are built beside the
running ones and swapped in only when all of them are up; otherwise one ERROR line says why and
the old pipeline goes on. An idle stdin defers the reload until its next frame; a microphone
delivers 12.5 a second.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time

from sottovoce.events import Transcript
from sottovoce.service import notify
from sottovoce.service.reload import Pipeline, rebuild
from sottovoce.settings import Settings

log = logging.getLogger(__name__)


TRANSCRIPTION_GRACE = 600.0
"""Seconds a transcription may keep the main loop from its frames before the watchdog stops
pinging (a hung engine): Whisper tiny.en on a Pi 4 needs well under this for 60 s of audio."""


class Daemon:
    def __init__(self, settings: Settings, *, config: str | None = None, overrides: list[str] = ()):
        self.settings = settings
        self._config = config
        self._overrides = list(overrides)
        self._stop = threading.Event()
        self._reload = threading.Event()
        self._beat = time.monotonic()
        self._source = None
        self._reopen = False
        self._pipeline: Pipeline | None = None
        self._stopped_at: float | None = None
        self.notifier = notify.Notifier.from_env()

    # -- signals ---------------------------------------------------------------------------
    def install_signal_handlers(self) -> None:
        signal.signal(signal.SIGTERM, self._on_stop_signal)
        signal.signal(signal.SIGINT, self._on_stop_signal)
        signal.signal(signal.SIGHUP, self._on_reload_signal)

    def _on_stop_signal(self, signum, _frame) -> None:
        log.info("%s received: stopping", signal.Signals(signum).name)
        self.stop()

    def _on_reload_signal(self, _signum, _frame) -> None:
        log.info("SIGHUP received: reloading the configuration")
        self._reload.set()
        source = self._source
        if getattr(source, "waiting", False):  # no frames will come to act on it: reopen instead
            self._reopen = True
            source.close()

    def stop(self) -> None:
        """Only sets flags and closes the source: safe from a signal handler or another thread."""
        if self._stopped_at is None:
            self._stopped_at = time.monotonic()
        self._stop.set()
        source = self._source
        if source is not None:
            source.close()  # makes frames() end promptly, even while waiting for a microphone

    # -- main loop -------------------------------------------------------------------------
    def run(self) -> int:
        from sottovoce.audio.source import SourceStopped

        threading.Thread(target=self._watchdog, name="watchdog", daemon=True).start()
        try:
            self._pipeline = Pipeline.start(self.settings, self._overrides, stop=self._stop,
                                            muted=self._is_muted, on_mute_change=self._mute_changed)
            source = self._open(self.settings)
            while source is not None:
                source = self._listen(source)
        except SourceStopped:
            log.info("stopped while waiting for the audio source")
        finally:
            self.notifier.stopping()
            self._stop.set()
            if self._pipeline is not None:
                self._pipeline.close()
            self.notifier.close()
        if self._stopped_at is not None:  # a signal: skip the interpreter's slow clean-up (see _exit_now)
            log.debug("stopped %.2f s after the signal", time.monotonic() - self._stopped_at)
            _exit_now(0)
        return 0

    def _open(self, settings: Settings):
        from sottovoce.assembly import open_audio

        return self._use(open_audio(settings.audio, stopped=self._polled))

    def _polled(self) -> bool:
        """Whether to stop, asked by a wait that polls (a FIFO with no writer yet): each question
        marks the loop alive, so a long wait for a writer is not taken for a hang by the watchdog."""
        self._beat = time.monotonic()
        return self._stop.is_set()

    def _use(self, source):
        self._source = source
        if self._stop.is_set():  # a stop that came while it was being opened
            source.close()
        return source

    def _listen(self, source):
        """Consume `source` until it ends, a stop, or a reload that replaces it; returns the
        source to go on with (None: exit)."""
        self._use(source)
        frames = source.frames()
        try:
            while True:
                pipeline = self._pipeline
                self.notifier.ready("muted" if pipeline.services.is_muted() else "listening")
                log.info("listening on %s for %s", getattr(source, "description", "audio"),
                         ", ".join(self.settings.wake.words))
                for event in pipeline.listener.process(self._beating(frames)):
                    if isinstance(event, Transcript):
                        self._dispatch(event)
                if self._stop.is_set():
                    return None
                if not self._reload.is_set():  # file: or stdin: the audio is over
                    self._pipeline.services.drain(self.settings.mqtt.drain_timeout, self._stop)
                    return None
                self._reload.clear()
                reopen, self._reopen = self._reopen, False
                replacement = self._reload_now(reopen)
                if replacement is not None:
                    return replacement
        finally:
            source.close()
            getattr(frames, "close", lambda: None)()
            if self._source is source:
                self._source = None

    def _dispatch(self, event: Transcript) -> None:
        services = self._pipeline.services
        if event.ended_by == "stopped" or self._stop.is_set():
            services.abandon(event)
            return
        redacted = services.redact(event)
        if self._stop.is_set():
            services.abandon(event)
            return
        services.handle(redacted)

    def _reload_now(self, reopen: bool):
        """Swap in a pipeline built from the config as it is now, or keep the running one. Returns
        a new audio source when the reload opened one (changed `[audio]`, or a lost microphone)."""
        self.notifier.reloading()
        result = rebuild(self._pipeline, self._config, self._overrides, reopen=reopen,
                         stopped=self._polled)
        if result is None:  # the old pipeline goes on; a closed source is reopened as it was
            return self._open(self.settings) if reopen else None
        self._pipeline, source = result
        self.settings = self._pipeline.settings
        log.info("configuration reloaded from %s", self.settings.source_file or "defaults")
        if source is not None:
            log.info("reopening the audio source")
        return source

    def _is_muted(self) -> bool:
        pipeline = self._pipeline
        return pipeline is not None and pipeline.services.is_muted()

    def _mute_changed(self, muted: bool) -> None:
        """Mute changed (locally, over MQTT or by another process): tell MQTT and systemd."""
        if self._pipeline is not None:
            self._pipeline.services.mute_changed(muted)
        self.notifier.status("muted" if muted else "listening")

    def _beating(self, frames):
        """Pass frames on, marking the loop alive; end at a stop, or at a reload once no utterance
        is open (the frame iterator itself stays open for the reloaded pipeline)."""
        for chunk in frames:
            self._beat = time.monotonic()
            yield chunk
            if self._stop.is_set():
                return
            if self._reload.is_set() and not self._pipeline.listener.busy:
                return

    def _watchdog(self) -> None:
        interval = self.notifier.watchdog_seconds
        if not interval:
            return
        was_waiting = False
        while not self._stop.wait(interval):
            waiting = bool(getattr(self._source, "waiting", False))
            if waiting != was_waiting:
                was_waiting = waiting
                self.notifier.status("waiting for the microphone (see `sottovoce devices`)" if waiting
                                     else "listening")
            pipeline = self._pipeline
            if looks_alive(quiet=time.monotonic() - self._beat, interval=interval, waiting=waiting,
                           transcribing=pipeline is not None and pipeline.listener.recognizing):
                self.notifier.watchdog()


def looks_alive(*, quiet: float, interval: float, waiting: bool, transcribing: bool) -> bool:
    """Whether the watchdog should ping: the main loop took a frame (or polled a FIFO) within two
    intervals, or is known to be waiting (a microphone that is out), or a transcription (Whisper on
    a Pi, up to utterance.max_seconds of audio) has kept it from its frames for less than
    TRANSCRIPTION_GRACE. A loop stuck anywhere else stops the pings, and systemd restarts it."""
    return waiting or quiet < 2 * interval or (transcribing and quiet < TRANSCRIPTION_GRACE)


def _exit_now(status: int) -> None:
    """End the process after a stop without the interpreter's final clean-up.

    Everything of ours is closed by now (audit log and outbox committed, `offline` published). The
    clean-up itself only tears down the speech and wake word engines: 0.7-2 s measured here with
    everything else done in 0.02 s (scripts/bench-stop), and with an abandoned transcription still
    running it destroys CTranslate2 under its own threads, which then aborts ("terminate called
    without an active exception", SIGABRT). So the process ends here, with `status`."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)
