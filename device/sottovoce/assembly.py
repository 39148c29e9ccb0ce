"""Everything behind the audio loop, built from settings: redaction, mute, audit, outbox, MQTT.

The daemon owns one `Services` at a time (a SIGHUP reload closes it and starts a new one). The
order matters: the audit log and outbox exist before the publisher starts, so nothing can be sent
that is not already recorded and queued durably.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sottovoce import __version__
from sottovoce.delivery.audit import AuditLog
from sottovoce.cli import CommandError
from sottovoce.delivery.dispatch import Decision, Dispatcher
from sottovoce.events import Redacted
from sottovoce.service.mute import MuteState
from sottovoce.delivery.outbox import Outbox
from sottovoce.privacy.redaction import Redactor
from sottovoce.delivery.mqtt.remote_control import apply_remote_command
from sottovoce.settings import Settings

log = logging.getLogger(__name__)

OUTBOX_FILE = "outbox.sqlite3"


@dataclass
class Services:
    settings: Settings
    redactor: Redactor
    mute: MuteState
    audit: AuditLog
    outbox: Outbox
    dispatcher: Dispatcher
    publisher: object | None

    @classmethod
    def start(cls, settings: Settings, overrides: list[str] = ()) -> "Services":
        state = settings.state_dir
        try:
            state.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"cannot create the state folder {state} (state.dir): {exc.strerror}; "
                               "make it writable by the user running sottovoce", status=2) from None
        redactor = Redactor(extra_names=settings.redaction.extra_names)
        mute = MuteState(state)
        audit = AuditLog.for_settings(settings)
        outbox = Outbox(state / OUTBOX_FILE, ttl_seconds=settings.mqtt.outbox_ttl_hours * 3600,
                        max_messages=settings.mqtt.outbox_max,
                        on_drop=audit.record_outbox_drop)
        dispatcher = Dispatcher(settings, audit=audit, outbox=outbox, mute=mute, overrides=overrides)
        publisher = None
        if settings.mqtt.enabled:
            publisher = _start_publisher(settings, outbox, mute, audit)
        else:
            log.info("mqtt.enabled = false: messages stay in the outbox (%s)", outbox.path)
        return cls(settings, redactor, mute, audit, outbox, dispatcher, publisher)

    def is_muted(self) -> bool:
        return self.mute.muted

    def redact(self, event) -> Redacted:
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


def _start_publisher(settings: Settings, outbox: Outbox, mute: MuteState, audit: AuditLog):
    from sottovoce.delivery.mqtt.home_assistant import device_identifier
    from sottovoce.delivery.mqtt.link import LinkError
    from sottovoce.delivery.mqtt.publisher import Publisher
    from sottovoce.privacy.site_key import SiteKey
    from sottovoce.delivery.mqtt.topics import topics_for

    publisher = None

    def on_command(command: str) -> None:
        apply_remote_command(command, settings, mute, audit)
        if publisher is not None:
            publisher.set_muted(mute.muted)

    topics = topics_for(settings.mqtt.prefix, settings.consent.site, settings.mqtt.discovery_prefix)
    try:
        publisher = Publisher(settings.mqtt, topics, outbox, on_command=on_command,
                              device_id=device_identifier(SiteKey(settings.state_dir).get()),
                              version=__version__, muted=mute.muted)
    except LinkError as exc:
        raise CommandError(str(exc), status=2) from None
    publisher.start()
    return publisher
