"""The composition root: the one module that knows every stage and builds them from settings.

`sottovoce run` (the daemon) and `sottovoce transcribe` get their stages here and nowhere else:
the listening stages (wake word, voice activity, utterance limits, recogniser) as a `Listener`,
the audio source, and everything behind the audio loop as `Services` (redaction, mute, audit,
outbox, dispatcher, MQTT publisher). Missing or broken models and unusable state folders become
`FixableError`s with status 2 (a configuration problem systemd does not restart).

The daemon owns one `Services` at a time. The order matters: the audit log and outbox exist
before the publisher starts, so nothing can be sent that is not already recorded and queued
durably.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from sottovoce import __version__
from sottovoce.asr.recognizer import AsrModelError, Recognizer, load_recognizer
from sottovoce.audio.source import AudioSource, open_source
from sottovoce.delivery.audit import AuditLog
from sottovoce.delivery.dispatch import Decision, Dispatcher
from sottovoce.delivery.mqtt.remote_commands import RemoteCommands
from sottovoce.delivery.outbox import Outbox
from sottovoce.errors import FixableError
from sottovoce.events import Redacted, Transcript
from sottovoce.listen.listener import Listener
from sottovoce.listen.utterance import UtteranceLimits
from sottovoce.listen.vad import VoiceActivity
from sottovoce.privacy.redaction import Redactor
from sottovoce.service.mute import MuteState
from sottovoce.settings import AudioSettings, Settings
from sottovoce.state.lock import StateLock
from sottovoce.state.private import explain_os_error, prepare_dir
from sottovoce.wake.detector import WakeModelError, WakeWordDetector

if TYPE_CHECKING:  # paho-mqtt is imported only when MQTT is enabled
    from sottovoce.delivery.mqtt.publisher import Publisher

log = logging.getLogger(__name__)

OUTBOX_FILE = "outbox.sqlite3"


def open_audio(audio: AudioSettings) -> AudioSource:
    return open_source(audio)


def build_detector(settings: Settings) -> WakeWordDetector:
    try:
        return WakeWordDetector(settings.wake.words, settings.wake.models_dir,
                                threshold=settings.wake.threshold, refractory=settings.wake.refractory)
    except WakeModelError as exc:
        raise FixableError(str(exc), status=2) from None


def build_recognizer(settings: Settings) -> Recognizer:
    try:
        return load_recognizer(settings.asr)
    except AsrModelError as exc:
        raise FixableError(str(exc), status=2) from None


def build_listener(settings: Settings, *, muted: Callable[[], bool] = lambda: False,
                   on_mute_change: Callable[[bool], None] = lambda muted: None) -> Listener:
    u = settings.utterance
    return Listener(build_detector(settings), VoiceActivity(u.vad_aggressiveness), build_recognizer(settings),
                    UtteranceLimits(silence=u.silence, max_seconds=u.max_seconds, start_timeout=u.start_timeout),
                    muted=muted, on_mute_change=on_mute_change)


@dataclass
class Services:
    settings: Settings
    redactor: Redactor
    mute: MuteState
    audit: AuditLog
    outbox: Outbox
    dispatcher: Dispatcher
    publisher: "Publisher | None"
    lock: StateLock | None = None

    @classmethod
    def start(cls, settings: Settings, overrides: list[str] = ()) -> "Services":
        state = settings.state_dir
        prepare_dir(state)  # 0700; StateError (one line) when it cannot be made or written
        lock = StateLock(state).acquire()  # one daemon per state folder
        try:
            redactor = Redactor(extra_names=settings.redaction.extra_names)
            mute = MuteState(state)
            audit = AuditLog.for_settings(settings)
            outbox = Outbox(state / OUTBOX_FILE, ttl_seconds=settings.mqtt.outbox_ttl_hours * 3600,
                            max_messages=settings.mqtt.outbox_max,
                            on_drop=audit.record_outbox_drop, on_recover=audit.record_recovery)
            dispatcher = Dispatcher(settings, audit=audit, outbox=outbox, mute=mute, overrides=overrides)
            publisher = None
            if settings.mqtt.enabled:
                publisher = _start_publisher(settings, outbox, mute, audit, dispatcher)
            else:
                log.info("mqtt.enabled = false: messages stay in the outbox (%s)", outbox.path)
        except BaseException:
            lock.release()
            raise
        return cls(settings, redactor, mute, audit, outbox, dispatcher, publisher, lock)

    def is_muted(self) -> bool:
        return self.mute.muted

    def redact(self, event: Transcript) -> Redacted:
        result = self.redactor.redact(event.text)
        return Redacted(wake=event.wake, text=result.text, counts=dict(result.counts), ended_by=event.ended_by)

    def handle(self, event: Redacted) -> Decision:
        return self.dispatcher.handle(event)

    def mute_changed(self, muted: bool) -> None:
        if self.publisher is not None:
            self.publisher.set_muted(muted)

    def drain(self, timeout: float) -> bool:
        """Wait for the outbox to empty (bounded); what is left stays queued for the next start."""
        if self.publisher is None or self.outbox.count() == 0:
            return self.outbox.count() == 0
        drained = self.publisher.wait_drained(timeout)
        if not drained:
            log.info("%d message(s) stay in the outbox for the next start", self.outbox.count())
        return drained

    def close(self) -> None:
        if self.publisher is not None:
            self.publisher.stop(timeout=1.5)
            self.publisher = None
        self.outbox.close()
        self.audit.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def _start_publisher(settings: Settings, outbox: Outbox, mute: MuteState, audit: AuditLog,
                     dispatcher: Dispatcher) -> "Publisher":
    from sottovoce.delivery.mqtt.home_assistant import device_identifier
    from sottovoce.delivery.mqtt.link import LinkError
    from sottovoce.delivery.mqtt.publisher import Publisher
    from sottovoce.delivery.mqtt.topics import topics_for
    from sottovoce.privacy.install_id import InstallId
    from sottovoce.privacy.site_key import SiteKey

    publisher = None
    # consent as the dispatcher sees it (re-read when the files change), for commands and hotwords
    remote = RemoteCommands(mute, audit, lambda: dispatcher.consent.allow_remote_unmute)

    def on_command(command: str) -> None:
        accepted, _ = remote.handle(command)
        if accepted and publisher is not None:
            publisher.set_muted(mute.muted)

    try:
        topics = topics_for(settings.mqtt.prefix, settings.consent.site, settings.mqtt.discovery_prefix,
                            install_id=InstallId(settings.state_dir).get())
        publisher = Publisher(settings.mqtt, topics, outbox, on_command=on_command, on_tick=remote.flush,
                              device_id=device_identifier(SiteKey(settings.state_dir).get()),
                              version=__version__, muted=mute.muted,
                              hotword_consented=lambda: dispatcher.consent.wake_events,
                              sensitivity=settings.wake.threshold)
    except (LinkError, ValueError) as exc:
        raise FixableError(str(exc), status=2) from None
    except OSError as exc:
        raise explain_os_error(settings.state_dir, exc, "write in the state folder") from None
    publisher.start()
    return publisher
