"""After redaction: decide (consent), build the anonymous message, audit it, queue it.

The daemon asks `Dispatcher.topics(raw)` before redaction (the sensitive topics of the raw
transcript) and calls `Dispatcher.handle(redacted)` once per wake word. Every call writes one audit
record (two if the outbox refuses a message already recorded as sent: "sent", then "dropped").
A message is written to the audit log before it is queued, so nothing leaves without a record;
if the log cannot be written, nothing is sent.

Consent changes apply without a restart, and this is the one place they are read: before each
decision, and before each remote command (`consent`, used by the daemon's command handler), the
config file and the policy files are checked (three stat calls) and re-read when they changed, so
`sottovoce consent ...` or an edit of the file applies from the next decision on. If the changed
files cannot be used (broken TOML, a bad value, an unreadable policy file), the consent in force
is kept and one ERROR line says why; the next change of the files is looked at again.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Callable, Sequence

from sottovoce import settings as settings_mod
from sottovoce.delivery.audit import AuditLog
from sottovoce.delivery.outbox import Outbox
from sottovoce.events import Redacted
from sottovoce.intents import CommandRecognizer, VocabularyError
from sottovoce.privacy.consent import Policy, TopicJudge
from sottovoce.privacy.message import build_message, site_pseudonym, wake_word_name
from sottovoce.privacy.sensitive import PolicyFileError
from sottovoce.privacy.site_key import SiteKey
from sottovoce.service.mute import MuteState
from sottovoce.settings import ConsentSettings, Settings

log = logging.getLogger(__name__)

ACTIONS = ("sent", "held", "muted", "dropped")


@dataclass(frozen=True)
class Decision:
    action: str
    """"sent", "held", "muted" or "dropped"."""
    reason: str
    message: dict | None = None
    """The message put in the outbox (only when sent)."""


class Dispatcher:
    """Consent + message + audit + outbox for each redacted transcript.

    `audit` needs record(decision, reason, *, wake_word, redacted, payload) (an AuditLog),
    `outbox` needs put(message: dict), `mute` needs a `muted` property (a MuteState).
    """

    def __init__(self, settings: Settings, *, audit: AuditLog, outbox: Outbox, mute: MuteState, clock: Callable[[], float] = time.time,
                 rng: Callable[[int], bytes] = secrets.token_bytes, site_key: SiteKey | None = None,
                 overrides: Sequence[str] = (), commands: CommandRecognizer | None = None,
                 topic_model: TopicJudge | None):
        self._audit = audit
        self._outbox = outbox
        self._mute = mute
        self._clock = clock
        self._rng = rng
        self._site_key = site_key or SiteKey(settings.state_dir)
        self._source = settings.source_file
        self._overrides = tuple(overrides)
        self._consent = settings.consent
        try:
            self._policy = Policy.load(settings.consent, commands or CommandRecognizer.for_settings(settings.commands),
                                       topic_model)
        except (PolicyFileError, VocabularyError) as exc:
            from sottovoce.errors import FixableError

            raise FixableError(str(exc), status=2) from None
        self._stamp = self._files_stamp(settings.consent)
        self._lock = threading.Lock()  # decisions (audio loop) and remote commands (paho) both read

    def topics(self, raw_text: str, found_items: tuple = ()) -> tuple[str, ...]:
        """The sensitive topics of a raw transcript under the policy files in force (`Policy.topics`;
        `found_items`: the redactor's spans in it)."""
        return self._current()[1].topics(raw_text, found_items)

    def handle(self, event: Redacted) -> Decision:
        word = wake_word_name(event.wake.word)
        counts = {str(k): int(v) for k, v in event.counts.items() if int(v) > 0}
        if self._mute.muted:
            return self._finish(Decision("muted", "muted: the utterance was discarded"), word, counts)
        consent, policy = self._current()
        verdict = policy.evaluate(event.text, consent, topics=event.topics)
        if verdict.action != "sent":
            return self._finish(Decision(verdict.action, verdict.reason), word, counts)
        now = self._clock()
        try:
            message = build_message(
                kind=verdict.kind, text=event.text if verdict.include_text else "", redacted=counts,
                wake_word=event.wake.word, now=now, precision=consent.time_precision, rng=self._rng,
                intent=verdict.intent.as_dict() if verdict.intent else None,
                site=site_pseudonym(consent.site, now=now, rng=self._rng, key=self._site_key.get))
        except (OSError, ValueError) as exc:  # e.g. an unreadable pseudonym key: never crash the daemon
            log.error("could not build the message: %s", exc)
            return self._finish(Decision("dropped", f"could not build the message ({type(exc).__name__}); "
                                                    "see the service log"), word, counts)
        try:
            self._audit.record("sent", verdict.reason, wake_word=word, redacted=counts, payload=message)
        except Exception as exc:  # noqa: BLE001 - any failure means: do not send unrecorded
            log.error("audit log unavailable (%s): message not sent", type(exc).__name__)
            return Decision("dropped", "audit log unavailable; not sent without a record")
        try:
            self._outbox.put(message)
        except Exception as exc:  # noqa: BLE001
            # Only the class name: an exception's text could echo the message.
            reason = f"outbox refused the message ({type(exc).__name__})"
            log.error("%s", reason)
            return self._finish(Decision("dropped", reason), word, counts, payload=message)
        log.info("wake word %s: sent a %s message (%s)", word, verdict.kind, verdict.reason)
        return Decision("sent", verdict.reason, message)

    def _finish(self, decision: Decision, word: str, counts: dict, payload: dict | None = None) -> Decision:
        log.info("wake word %s: %s (%s)", word, decision.action, decision.reason)
        try:
            self._audit.record(decision.action, decision.reason, wake_word=word, redacted=counts, payload=payload)
        except Exception as exc:  # noqa: BLE001 - the decision stands; nothing was sent
            log.error("audit log unavailable (%s)", type(exc).__name__)
        return decision

    @property
    def consent(self) -> ConsentSettings:
        return self._current()[0]

    def _current(self) -> tuple[ConsentSettings, Policy]:
        """Re-read the config and policy files if any of them changed since the last look."""
        with self._lock:
            stamp = self._files_stamp(self._consent)
            if stamp == self._stamp:
                return self._consent, self._policy
            try:
                fresh = (settings_mod.load(self._source, list(self._overrides)).consent if self._source
                         else self._consent)
                policy = Policy.load(fresh, self._policy.commands, self._policy.model)
            except (settings_mod.ConfigError, PolicyFileError) as exc:
                problem = "; ".join(line.strip() for line in str(exc).splitlines() if line.strip())
                log.error("consent files changed but cannot be used; keeping the consent in force (%s) "
                          "until they are fixed: %s", _summary(self._consent), problem)
                self._stamp = stamp  # one line per change, not one per decision
                return self._consent, self._policy
            if fresh != self._consent:
                log.info("consent changed in %s: %s", self._source, _summary(fresh))
            self._consent, self._policy = fresh, policy
            self._stamp = self._files_stamp(fresh)
            return self._consent, self._policy

    def _files_stamp(self, consent: ConsentSettings) -> tuple:
        return tuple(_mtime(p) for p in (self._source, consent.sensitive_file))


def _mtime(path: str) -> tuple[int, int, int] | None:
    if not path:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _summary(consent: ConsentSettings) -> str:
    on = [k for k in ("commands", "text", "wake_events", "sensitive") if getattr(consent, k)]
    return f"sending {', '.join(on) if on else 'nothing'}; site {consent.site}"
