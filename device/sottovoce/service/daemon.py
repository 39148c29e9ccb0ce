"""`sottovoce run`: wires the stages together and keeps them running.

audio source -> listener (wake word, utterance, recogniser) -> redaction -> dispatcher (consent,
message, audit, outbox) -> MQTT publisher. The audio loop runs on the main thread; paho runs its
own network thread; a small watchdog thread pings systemd while the loop is alive (or waiting for
an unplugged microphone). SIGTERM/SIGINT close the source, so the loop ends and the publisher
says `offline`; SIGHUP reloads the config between two frames, keeping the same audio stream
unless `[audio]` changed or the microphone is out (a bad new config is reported and the old one
kept). An idle stdin defers the reload until its next frame; a microphone delivers 12.5 a second.
"""

from __future__ import annotations

import logging
import signal
import threading
import time

from sottovoce.events import Transcript
from sottovoce.service import notify
from sottovoce.settings import ConfigError, Settings, load

log = logging.getLogger(__name__)


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
        self._services = None
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
        self._stop.set()
        source = self._source
        if source is not None:
            source.close()  # makes frames() end promptly, even while waiting for a microphone

    # -- main loop -------------------------------------------------------------------------
    def run(self) -> int:
        from sottovoce.assembly import Services, open_audio

        threading.Thread(target=self._watchdog, name="watchdog", daemon=True).start()
        self._services = Services.start(self.settings, self._overrides)
        try:
            while not self._stop.is_set():
                self._source = source = open_audio(self.settings.audio)
                if self._stop.is_set():
                    source.close()
                try:
                    ended = self._listen(source.frames())
                finally:
                    source.close()
                    self._source = None
                if ended:  # file: or stdin: the audio is over
                    self._services.drain(self.settings.mqtt.drain_timeout)
                    break
        finally:
            self.notifier.stopping()
            self._stop.set()
            self._services.close()
            self.notifier.close()
        return 0

    def _listen(self, frames) -> bool:
        """Consume `frames` until they end (True), a stop (False) or a reload that changes [audio] (False)."""
        from sottovoce.assembly import build_listener

        while True:
            services = self._services
            listener = build_listener(self.settings, muted=services.is_muted,
                                      on_mute_change=lambda muted, s=services: self._mute_changed(s, muted))
            self.notifier.ready("muted" if services.is_muted() else "listening")
            log.info("listening on %s for %s", getattr(self._source, "description", "audio"),
                     ", ".join(self.settings.wake.words))
            for event in listener.process(self._beating(frames)):
                if isinstance(event, Transcript):
                    services.handle(services.redact(event))
            if self._stop.is_set():
                return False
            if not self._reload.is_set():
                return True
            self._reload.clear()
            old_audio = self.settings.audio
            self._reload_settings()
            if self.settings.audio != old_audio or self._reopen:
                self._reopen = False
                log.info("reopening the audio source")
                return False

    def _mute_changed(self, services, muted: bool) -> None:
        """Mute changed (locally, over MQTT or by another process): tell MQTT and systemd."""
        services.mute_changed(muted)
        self.notifier.status("muted" if muted else "listening")

    def _beating(self, frames):
        """Pass frames on, marking the loop alive, and stopping between two frames when a reload
        is due (the frame iterator itself stays open)."""
        for chunk in frames:
            self._beat = time.monotonic()
            yield chunk
            if self._reload.is_set() or self._stop.is_set():
                return

    def _reload_settings(self) -> None:
        from sottovoce.assembly import Services

        self.notifier.reloading()
        try:
            new = load(self._config, self._overrides)
        except ConfigError as exc:
            log.error("the new configuration has problems; keeping the old one:\n%s", exc)
            return
        self._services.close()
        self.settings = new
        self._services = Services.start(new, self._overrides)
        log.info("configuration reloaded from %s", new.source_file or "defaults")

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
            # a loop stuck elsewhere stops the pings, and systemd restarts the service
            if waiting or time.monotonic() - self._beat < 2 * interval:
                self.notifier.watchdog()
