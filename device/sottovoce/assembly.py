"""The composition root: the one module that knows every stage and builds them from settings.

`sottovoce run` (the daemon) and `sottovoce transcribe` get their stages here and nowhere else:
the listening stages (wake word, voice activity, utterance limits, recogniser) as a `Listener`,
the audio source, and everything behind the audio loop as `Services` (sensitive-topic model,
redaction, mute, audit, outbox, dispatcher, MQTT publisher). Missing or broken models and unusable state folders become
`FixableError`s with status 2 (a configuration problem systemd does not restart).

The daemon owns one `Services` at a time. The order matters: the audit log and outbox exist
before the publisher starts, so nothing can be sent that is not already recorded and queued
durably. A reload builds the new `Services` beside the old one (`Services.build(previous=...)`,
which reuses the mute state, audit log, outbox and MQTT connection when their settings did not
change), and only once that has worked does the old one `release` what the new one does not
share and the new one `start`.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from sottovoce import __version__
from sottovoce.asr.recognizer import AsrModelError, Recognizer, load_recognizer
from sottovoce.asr.worker import RecognitionWorker
from sottovoce.audio.source import AudioSource, open_source
from sottovoce.delivery.audit import DAY, AuditLog
from sottovoce.delivery.dispatch import Decision, Dispatcher
from sottovoce.delivery.mqtt.remote_commands import RefusalSummary, RemoteCommands
from sottovoce.delivery.outbox import Outbox
from sottovoce.errors import FixableError
from sottovoce.events import Redacted, Transcript
from sottovoce.privacy.message import wake_word_name
from sottovoce.listen.listener import Listener
from sottovoce.listen.utterance import UtteranceLimits
from sottovoce.listen.vad import VoiceActivity
from sottovoce.privacy.redaction import Redactor
from sottovoce.service.mute import MuteState
from sottovoce.state.lock import StateLock
from sottovoce.state.private import explain_os_error, prepare_dir
from sottovoce.settings import AudioSettings, Settings
from sottovoce.wake.detector import WakeModelError, WakeWordDetector

if TYPE_CHECKING:  # paho-mqtt is imported only when MQTT is enabled
    from sottovoce.delivery.mqtt.publisher import Publisher
    from sottovoce.privacy.topics import TopicModel

log = logging.getLogger(__name__)

OUTBOX_FILE = "outbox.sqlite3"


def open_audio(audio: AudioSettings, *, stopped: Callable[[], bool] = lambda: False) -> AudioSource:
    return open_source(audio, stopped=stopped)


def build_topic_model() -> "TopicModel":
    """The packaged sensitive-topic model; FixableError (status 2) when its files are missing."""
    from sottovoce.privacy.topics import TopicModel, TopicModelError

    try:
        return TopicModel()
    except TopicModelError as exc:
        raise FixableError(str(exc), status=2) from None


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
                   on_mute_change: Callable[[bool], None] = lambda muted: None,
                   recognizer: Recognizer | None = None, stop: threading.Event | None = None) -> Listener:
    """A fresh listener (new detector state). `recognizer` reuses a loaded model; with `stop`,
    recognition runs on a worker thread and is abandoned when `stop` is set (the daemon)."""
    u = settings.utterance
    recognizer = recognizer or build_recognizer(settings)
    if stop is not None:
        recognizer = RecognitionWorker(recognizer, stop)
    return Listener(build_detector(settings), VoiceActivity(u.vad_aggressiveness), recognizer,
                    UtteranceLimits(silence=u.silence, max_seconds=u.max_seconds, start_timeout=u.start_timeout),
                    muted=muted, on_mute_change=on_mute_change,
                    stopped=stop.is_set if stop is not None else lambda: False)


class CommandRouter:
    """What the publisher calls for each command on <prefix>/cmd (on its drain thread).

    The consent it applies is the dispatcher's, read the same way as for a decision (re-read when
    the config or policy files changed), so `sottovoce consent allow_remote_unmute on` reaches
    remote commands and utterances alike, from the next one on. A reload that keeps the MQTT
    connection points it at the new stages (`services`); the refusal summary (one line a minute
    for a flood) carries across."""

    def __init__(self) -> None:
        self._summary = RefusalSummary()
        self._commands: RemoteCommands | None = None
        self._services: Services | None = None

    @property
    def services(self) -> "Services | None":
        return self._services

    @services.setter
    def services(self, services: "Services") -> None:
        dispatcher = services.dispatcher
        self._commands = RemoteCommands(services.mute, services.audit,
                                        lambda: dispatcher.consent.allow_remote_unmute, summary=self._summary)
        self._services = services

    def __call__(self, command: str) -> None:
        services, commands = self._services, self._commands
        if services is None or commands is None:
            return
        accepted, _ = commands.handle(command)
        if accepted and services.publisher is not None:
            services.publisher.set_muted(services.mute.muted)

    def flush(self) -> None:
        if self._commands is not None:
            self._commands.flush()

    def wake_events_consented(self) -> bool:
        services = self._services
        return bool(services is not None and services.dispatcher.consent.wake_events)


@dataclass
class Services:
    settings: Settings
    redactor: Redactor
    topic_model: "TopicModel"
    mute: MuteState
    audit: AuditLog
    outbox: Outbox
    dispatcher: Dispatcher
    publisher: "Publisher | None"
    commands: CommandRouter | None = None
    lock: StateLock | None = None
    _publisher_started: bool = False

    @classmethod
    def start(cls, settings: Settings, overrides: list[str] = ()) -> "Services":
        """Build and start everything (the daemon's first start)."""
        services = cls.build(settings, overrides)
        services.begin()
        return services

    @classmethod
    def build(cls, settings: Settings, overrides: list[str] = (), previous: "Services | None" = None) -> "Services":
        """Every stage, made and checked but nothing started; FixableError when one cannot be made
        (then nothing of `previous` has been touched). Shares `previous`'s state files and MQTT
        connection where their settings are the same."""
        state = settings.state_dir
        prepare_dir(state)  # 0700; StateError (one line) when it cannot be made or written
        lock = StateLock(state).acquire()  # one daemon per state folder (re-entrant for a reload)
        old = previous.settings if previous is not None else None
        redactor = (previous.redactor if old is not None and old.redaction == settings.redaction
                    else Redactor(extra_names=settings.redaction.extra_names))
        topic_model = previous.topic_model if previous is not None else build_topic_model()
        shared_state = old is not None and _same_state(old, settings)
        if shared_state:
            mute, audit, outbox = previous.mute, previous.audit, previous.outbox
        else:
            mute = MuteState(state)
            audit = AuditLog.for_settings(settings)
            outbox = Outbox(state / OUTBOX_FILE, ttl_seconds=settings.mqtt.outbox_ttl_hours * 3600,
                            max_messages=settings.mqtt.outbox_max, on_drop=audit.record_outbox_drop,
                            on_recover=audit.record_recovery)
        try:
            dispatcher = Dispatcher(settings, audit=audit, outbox=outbox, mute=mute, overrides=overrides,
                                    topic_model=topic_model)
            publisher, commands, started = None, None, False
            if settings.mqtt.enabled:
                if shared_state and previous.publisher is not None and _same_link(old, settings):
                    publisher, commands, started = previous.publisher, previous.commands, True
                else:
                    commands = CommandRouter()
                    publisher = _make_publisher(settings, outbox, mute, commands)
        except BaseException:
            if not shared_state:
                outbox.close()
                audit.close()
            lock.release()
            raise
        return cls(settings, redactor, topic_model, mute, audit, outbox, dispatcher, publisher, commands, lock,
                   started)

    def begin(self) -> None:
        """Start what `build` made: point remote commands here, connect a new publisher."""
        if self.commands is not None:
            self.commands.services = self
        self.audit.retention = self.settings.audit.retention_days * DAY  # a shared log takes the new value
        if self.publisher is not None and not self._publisher_started:
            self.publisher.start()
            self._publisher_started = True
        elif self.publisher is None:
            log.info("mqtt.enabled = false: messages stay in the outbox (%s)", self.outbox.path)

    def release(self, successor: "Services") -> None:
        """Close what `successor` (built from this one) does not share; before `successor.begin()`,
        so an old connection says `offline` before a new one says `online`."""
        if self.publisher is not None and self.publisher is not successor.publisher:
            self.publisher.stop(timeout=1.0)
        if self.outbox is not successor.outbox:
            self.outbox.close()
        if self.audit is not successor.audit:
            self.audit.close()
        self.publisher = None
        if self.lock is not None:  # the successor holds its own (the same one, counted, if shared)
            self.lock.release()
            self.lock = None

    def is_muted(self) -> bool:
        return self.mute.muted

    def redact(self, event: Transcript) -> Redacted:
        """The redacted text, and the sensitive topics judged on the raw transcript (with what the
        redactor found in it); the raw text goes no further."""
        result = self.redactor.redact(event.text)
        topics = self.dispatcher.topics(event.text, result.spans)
        return Redacted(wake=event.wake, text=result.text, counts=dict(result.counts), ended_by=event.ended_by,
                        topics=topics)

    def handle(self, event: Redacted) -> Decision:
        return self.dispatcher.handle(event)

    def abandon(self, event: Transcript) -> None:
        """An utterance cut short by a stop: one `dropped` record (reason `stopped`), no text, and
        nothing decided or queued."""
        word = wake_word_name(event.wake.word)
        log.info("wake word %s: dropped (stopped)", word)
        try:
            self.audit.record("dropped", "stopped", wake_word=word)
        except Exception as exc:  # noqa: BLE001 - stopping goes on; nothing was sent
            log.error("audit log unavailable (%s)", type(exc).__name__)

    def mute_changed(self, muted: bool) -> None:
        if self.publisher is not None:
            self.publisher.set_muted(muted)

    def drain(self, timeout: float, stop: threading.Event | None = None) -> bool:
        """Wait for the outbox to empty, at most `timeout` seconds and not past a stop; what is
        left stays queued for the next start."""
        if self.publisher is None or self.outbox.count() == 0:
            return self.outbox.count() == 0
        log.info("the audio is over: waiting up to %.0f s for %d queued message(s) to reach the broker",
                 timeout, self.outbox.count())
        deadline = time.monotonic() + max(0.0, timeout)
        drained = False
        while not (stop is not None and stop.is_set()):
            drained = self.publisher.wait_drained(min(0.1, max(0.0, deadline - time.monotonic())))
            if drained or time.monotonic() >= deadline:
                break
        if not drained:
            log.info("%d message(s) stay in the outbox for the next start", self.outbox.count())
        return drained

    def close(self) -> None:
        if self.publisher is not None:
            self.publisher.stop(timeout=1.0)
            self.publisher = None
        self.outbox.close()
        self.audit.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def _same_state(old: Settings, new: Settings) -> bool:
    """The mute state, audit log and outbox can be kept: same folder, same outbox limits."""
    return (old.state_dir == new.state_dir and old.mqtt.outbox_ttl_hours == new.mqtt.outbox_ttl_hours
            and old.mqtt.outbox_max == new.mqtt.outbox_max)


def _same_link(old: Settings, new: Settings) -> bool:
    """The MQTT connection can be kept: `[mqtt]` and the topics built from it are unchanged."""
    return (old.mqtt == new.mqtt and old.consent.site == new.consent.site
            and old.wake.threshold == new.wake.threshold)  # the threshold is Hermes' currentSensitivity


def _make_publisher(settings: Settings, outbox: Outbox, mute: MuteState, commands: CommandRouter) -> "Publisher":
    """A publisher, made (its TLS files and client checked) but not connected yet."""
    from sottovoce.delivery.mqtt.home_assistant import device_identifier
    from sottovoce.delivery.mqtt.link import LinkError
    from sottovoce.delivery.mqtt.publisher import Publisher
    from sottovoce.delivery.mqtt.topics import topics_for
    from sottovoce.privacy.install_id import InstallId
    from sottovoce.privacy.site_key import SiteKey

    try:
        topics = topics_for(settings.mqtt.prefix, settings.consent.site, settings.mqtt.discovery_prefix,
                            install_id=InstallId(settings.state_dir).get())
        return Publisher(settings.mqtt, topics, outbox, on_command=commands, on_tick=commands.flush,
                         device_id=device_identifier(SiteKey(settings.state_dir).get()),
                         version=__version__, muted=mute.muted,
                         hotword_consented=commands.wake_events_consented,
                         sensitivity=settings.wake.threshold)
    except OSError as exc:
        raise explain_os_error(settings.state_dir, exc, "write in the state folder") from None
    except (LinkError, ValueError) as exc:
        raise FixableError(str(exc), status=2) from None
