"""`sottovoce run`: wires the stages together and keeps them running.

audio source -> listener (wake word, utterance, recogniser) -> redaction -> dispatcher (consent,
message, audit, outbox) -> MQTT link. The audio loop runs on the main thread; paho runs its own
network thread; a small watchdog thread pings systemd while the loop is alive. SIGTERM/SIGINT stop
the audio and let the link publish `offline`; SIGHUP reloads the config (a bad new config is
reported and the old one kept).
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from dataclasses import dataclass, field

from sottovoce import notify
from sottovoce.events import Transcript, WakeDetected
from sottovoce.settings import ConfigError, Settings, load

log = logging.getLogger(__name__)


@dataclass
class _Flags:
    stop: threading.Event = field(default_factory=threading.Event)
    reload: threading.Event = field(default_factory=threading.Event)
    beat: float = field(default_factory=time.monotonic)


class Daemon:
    def __init__(self, settings: Settings, *, config: str | None = None, overrides: list[str] = ()):
        self.settings = settings
        self._config = config
        self._overrides = list(overrides)
        self._flags = _Flags()
        self._source = None
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
        self._flags.reload.set()
        self._close_source()

    def stop(self) -> None:
        self._flags.stop.set()
        self._close_source()

    def _close_source(self) -> None:
        source = self._source
        if source is not None:
            source.close()

    # -- main loop -------------------------------------------------------------------------
    def run(self) -> int:
        from sottovoce.services import Services

        watchdog = threading.Thread(target=self._watchdog, name="watchdog", daemon=True)
        watchdog.start()
        services = Services.start(self.settings, self._overrides)
        try:
            while not self._flags.stop.is_set():
                ended_by_itself = self._listen(services)
                if self._flags.reload.is_set() and not self._flags.stop.is_set():
                    self._flags.reload.clear()
                    services = self._reload(services)
                    continue
                if ended_by_itself:  # file: or stdin: the audio is over
                    services.drain(self.settings.mqtt.drain_timeout)
                    break
        finally:
            self.notifier.stopping()
            services.close()
            self.notifier.close()
            self._flags.stop.set()
        return 0

    def _listen(self, services) -> bool:
        """Run the audio loop until the source ends (True) or stop/reload closes it (False)."""
        from sottovoce.audio_sources import open_source
        from sottovoce.pipeline import build_listener

        listener = build_listener(self.settings, muted=services.is_muted)
        self._source = source = open_source(self.settings.audio)
        if self._flags.stop.is_set() or self._flags.reload.is_set():
            source.close()
        self.notifier.ready()
        self.notifier.status("muted" if services.is_muted() else "listening")
        log.info("listening on %s for %s", source.description, ", ".join(self.settings.wake.words))
        try:
            for event in listener.process(self._beating(source.frames(), services)):
                if isinstance(event, WakeDetected):
                    continue
                if isinstance(event, Transcript):
                    services.handle(services.redact(event))
        finally:
            source.close()
            self._source = None
        return not (self._flags.stop.is_set() or self._flags.reload.is_set())

    def _beating(self, frames, services):
        """Pass frames through, marking the loop alive and noticing mute changes made elsewhere."""
        muted = services.is_muted()
        for chunk in frames:
            self._flags.beat = time.monotonic()
            now_muted = services.is_muted()
            if now_muted != muted:
                muted = now_muted
                services.mute_changed(muted)
                self.notifier.status("muted" if muted else "listening")
            yield chunk

    def _reload(self, services):
        self.notifier.reloading()
        try:
            new = load(self._config, self._overrides)
        except ConfigError as exc:
            log.error("the new configuration has problems; keeping the old one:\n%s", exc)
            return services
        self.settings = new
        services.close()
        log.info("configuration reloaded from %s", new.source_file or "defaults")
        return type(services).start(new, self._overrides)

    def _watchdog(self) -> None:
        interval = self.notifier.watchdog_seconds
        if not interval:
            return
        was_waiting = False
        while not self._flags.stop.wait(interval):
            waiting = bool(getattr(self._source, "waiting", False))
            if waiting != was_waiting:
                was_waiting = waiting
                self.notifier.status("waiting for the microphone (see `sottovoce devices`)" if waiting
                                     else "listening")
            # a loop stuck elsewhere stops the pings, and systemd restarts the service
            if waiting or time.monotonic() - self._flags.beat < 2 * interval:
                self.notifier.watchdog()
