"""Dispatcher: consent + message + audit + outbox, with the shipped config, a real AuditLog and the
real SQLite Outbox (sottovoce.delivery.outbox)."""

from __future__ import annotations

import dataclasses
import json
import logging
import shutil
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from sottovoce import settings as settings_mod
from sottovoce.cli.commands.consent import edit_config
from sottovoce.delivery.audit import AuditLog
from sottovoce.delivery.dispatch import Decision, Dispatcher
from sottovoce.delivery.outbox import Outbox
from sottovoce.errors import FixableError
from sottovoce.events import Redacted, WakeDetected
from sottovoce.service.mute import MuteState

from shipped_commands import shipped_recognizer

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads(resources.files("sottovoce").joinpath("data/message.schema.json").read_text())
NOW = 1_795_000_000.0

TRANSCRIPTS = [
    "turn on the kitchen lights",
    "set a timer for ten minutes",
    "what's the weather tomorrow",
    "tell me a joke",
    "call <NAME> on <PHONE>",
    "i think i have cancer",
    "who should i vote for",
    "",
]
SECRETS = ["my lawyer says the divorce is final", "we cannot pay the overdraft zebracorn",
           "tell grandma the zebracorn story"]


def decide_on(dispatcher: Dispatcher, text: str, counts=None, word: str = "hey_jarvis") -> Decision:
    """As the daemon does it: the topics judged by the dispatcher's policy, then the decision."""
    return dispatcher.handle(Redacted(wake=WakeDetected(word, 0.9, 1.0), text=text, counts=counts or {},
                                      topics=dispatcher.topics(text)))


class Rig:
    """Shipped config copied to tmp, state there, real audit log and outbox."""

    def __init__(self, tmp: Path, overrides=()):
        for name in ("sottovoce.toml", "vocabulary.toml"):
            shutil.copy(ROOT / "config" / name, tmp / name)
        # the household chose the strict term list: the learned model is tested in integration
        shutil.copy(ROOT / "config" / "sensitive-strict.toml", tmp / "sensitive.toml")
        shutil.copytree(ROOT / "config" / "sentences", tmp / "sentences")
        self.config = tmp / "sottovoce.toml"
        self.state = tmp / "state"
        self.overrides = [f"state.dir={json.dumps(str(self.state))}", *overrides]
        self.settings = settings_mod.load(self.config, self.overrides)
        self.audit = AuditLog.for_settings(self.settings, clock=lambda: NOW)
        self.outbox = Outbox(self.state / "outbox.sqlite3")
        self.mute = MuteState(self.state)
        self.dispatcher = Dispatcher(self.settings, audit=self.audit, outbox=self.outbox, mute=self.mute,
                                     clock=lambda: NOW + 37.5, overrides=self.overrides,
                                     commands=shipped_recognizer(), topic_model=None)

    def queued(self) -> list[dict]:
        return [q.message for q in self.outbox.pending(1000)]

    def close(self):
        self.audit.close()
        self.outbox.close()


@pytest.fixture
def rig(tmp_path):
    r = Rig(tmp_path)
    yield r
    r.close()


def make_rig(tmp_path, *flags):
    return Rig(tmp_path, [f"consent.{f}=true" for f in flags])


def state_bytes(state: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(state.iterdir()) if p.is_file())


def test_default_config_sends_nothing(rig):
    decisions = [decide_on(rig.dispatcher, t, {"name": 1}) for t in TRANSCRIPTS + SECRETS]
    assert all(isinstance(d, Decision) for d in decisions)
    assert [d.action for d in decisions] == ["held"] * 7 + ["dropped"] + ["held"] * 3
    assert all(d.message is None for d in decisions)
    assert rig.outbox.count() == 0
    records = rig.audit.records()
    assert len(records) == len(decisions)
    assert all(r.payload is None for r in records)


def test_held_text_is_not_in_the_audit_file_nor_the_logs(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    rig = make_rig(tmp_path, "commands", "text")  # text on, sensitive off: secrets are held as sensitive
    try:
        for text in SECRETS[:2]:
            d = decide_on(rig.dispatcher, text)
            assert d.action == "held" and "sensitive topic" in d.reason
        (tmp_path / "x").mkdir()
        default = Rig(tmp_path / "x")  # shipped config: no consent at all
        d = decide_on(default.dispatcher, SECRETS[2])
        assert d.action == "held"
        default.close()
    finally:
        rig.close()
    raw = state_bytes(rig.state) + state_bytes(tmp_path / "x" / "state")
    logs = caplog.text
    assert "held" in logs  # the decisions were logged ...
    for text in SECRETS:
        for needle in (text, "zebracorn", "divorce", "overdraft"):
            assert needle.encode() not in raw, needle  # ... but not the words
            assert needle not in logs, needle


def test_text_consent_sends_and_audits_the_exact_payload(tmp_path):
    rig = make_rig(tmp_path, "text")
    try:
        d = decide_on(rig.dispatcher, "call <NAME> on <PHONE>", {"name": 1, "phone": 1, "email": 0})
        assert d.action == "sent"
        assert d.message["kind"] == "text" and d.message["text"] == "call <NAME> on <PHONE>"
        assert d.message["redacted"] == {"name": 1, "phone": 1}
        assert d.message["time"].endswith(":00Z")
        jsonschema.validate(d.message, SCHEMA)
        assert rig.queued() == [d.message]
        (record,) = rig.audit.records()
        assert record.decision == "sent" and record.payload == d.message and record.wake_word == "hey_jarvis"
    finally:
        rig.close()


def test_commands_consent_sends_only_commands_as_intents_without_text(tmp_path):
    rig = make_rig(tmp_path, "commands")
    try:
        results = {t: decide_on(rig.dispatcher, t) for t in TRANSCRIPTS}
        sent = {t for t, d in results.items() if d.action == "sent"}
        assert sent == set(TRANSCRIPTS[:3])
        assert all(results[t].message["kind"] == "command" for t in sent)
        queued = rig.queued()
        assert [m["intent"]["name"] for m in queued] == ["HassTurnOn", "HassStartTimer", "HassGetWeather"]
        assert queued[0]["intent"]["slots"] == {"area": "kitchen", "domain": "light"}
        assert queued[1]["intent"]["slots"] == {"minutes": 10}
        assert all("text" not in m for m in queued)
        for m in queued:
            jsonschema.validate(m, SCHEMA)
        (record,) = [r for r in rig.audit.records() if r.decision == "sent"][:1]
        assert record.payload == queued[0] and "kitchen lights" not in json.dumps(record.payload)
    finally:
        rig.close()


def test_commands_and_text_consent_send_the_intent_with_the_text(tmp_path):
    rig = make_rig(tmp_path, "commands", "text")
    try:
        d = decide_on(rig.dispatcher, "turn on the kitchen lights")
        assert d.message["kind"] == "command" and d.message["text"] == "turn on the kitchen lights"
        assert d.message["intent"] == {"name": "HassTurnOn", "slots": {"area": "kitchen", "domain": "light"}}
        jsonschema.validate(d.message, SCHEMA)
        other = decide_on(rig.dispatcher, "tell me a joke").message
        assert other["kind"] == "text" and "intent" not in other
    finally:
        rig.close()


@pytest.mark.parametrize("flags,text,action,kind", [
    (("text",), "i think i have cancer", "held", None),
    (("text", "sensitive"), "i think i have cancer", "sent", "text"),
    (("wake_events",), "", "sent", "wake"),
    (("wake_events",), "i think i have cancer", "sent", "wake"),
    (("text",), "", "dropped", None),
    (("sensitive",), "i think i have cancer", "held", None),
])
def test_consent_combinations(tmp_path, flags, text, action, kind):
    rig = make_rig(tmp_path, *flags)
    try:
        d = decide_on(rig.dispatcher, text, {"phone": 1})
        assert d.action == action
        assert (d.message or {}).get("kind") == kind
        if kind == "wake":
            assert d.message["text"] == "" and d.message["redacted"] == {}
            assert b"cancer" not in state_bytes(rig.state)
        assert rig.outbox.count() == (1 if action == "sent" else 0)
    finally:
        rig.close()


def test_muted_discards_even_with_consent(tmp_path):
    rig = make_rig(tmp_path, "text", "wake_events")
    try:
        rig.mute.set(True, by="test")
        d = decide_on(rig.dispatcher, "turn on the lights")
        assert d.action == "muted" and d.message is None
        assert rig.outbox.count() == 0
        assert rig.audit.records()[-1].decision == "muted"
        assert b"turn on the lights" not in state_bytes(rig.state)
    finally:
        rig.close()


class BrokenOutbox:
    def put(self, message):
        raise OSError(f"disk full while writing {message}")


class BrokenAudit:
    def record(self, *a, **kw):
        raise OSError("read-only file system")


def test_outbox_failure_is_a_recorded_drop(tmp_path, caplog):
    rig = make_rig(tmp_path, "text")
    try:
        d = decide_on(Dispatcher(rig.settings, audit=rig.audit, outbox=BrokenOutbox(), mute=rig.mute,
                                 commands=shipped_recognizer(), topic_model=None), "hello there")
        assert d.action == "dropped" and "OSError" in d.reason
        assert [r.decision for r in rig.audit.records()] == ["sent", "dropped"]
        assert "hello there" not in caplog.text
    finally:
        rig.close()


def test_nothing_is_sent_without_an_audit_record(tmp_path):
    rig = make_rig(tmp_path, "text")
    try:
        d = decide_on(Dispatcher(rig.settings, audit=BrokenAudit(), outbox=rig.outbox, mute=rig.mute,
                                 commands=shipped_recognizer(), topic_model=None), "hello")
        assert d.action == "dropped" and rig.outbox.count() == 0
    finally:
        rig.close()


def test_consent_change_applies_without_restart_and_broken_config_keeps_the_consent_in_force(rig, caplog):
    assert decide_on(rig.dispatcher, "hello there").action == "held"
    edit_config(rig.config, {"text": True})
    assert decide_on(rig.dispatcher, "hello there").action == "sent"
    rig.config.write_text(rig.config.read_text() + "\n[bogus]\n")
    with caplog.at_level(logging.ERROR, logger="sottovoce.delivery.dispatch"):
        assert decide_on(rig.dispatcher, "hello there").action == "sent"  # the consent in force
        assert rig.dispatcher.consent.text is True
        assert decide_on(rig.dispatcher, "hello there").action == "sent"
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "bogus" in errors[0] and "keeping the consent in force" in errors[0], errors
    text = rig.config.read_text().replace("\n[bogus]\n", "")
    rig.config.write_text(text)
    assert decide_on(rig.dispatcher, "hello there").action == "sent"
    edit_config(rig.config, {"text": False})
    assert decide_on(rig.dispatcher, "hello there").action == "held"
    assert rig.outbox.count() == 4


def test_bad_vocabulary_file_is_a_clear_error(tmp_path):
    (tmp_path / "vocabulary.toml").write_text('[names]\n"desk lamp" = "lamp"\n')
    settings = settings_mod.load(None, [f"commands.vocabulary={json.dumps(str(tmp_path / 'vocabulary.toml'))}",
                                        f"consent.sensitive_file={json.dumps(str(ROOT / 'config/sensitive.toml'))}",
                                        f"state.dir={json.dumps(str(tmp_path))}"])
    with pytest.raises(FixableError, match=r"vocabulary.toml: names.'desk lamp' = 'lamp': expected a Home Assistant domain"):
        Dispatcher(settings, audit=None, outbox=None, mute=None, topic_model=None)


def test_policy_file_changes_apply_without_restart(rig):
    decide_on(rig.dispatcher, "warm up")
    assert decide_on(rig.dispatcher, "add pizza to the shopping list").action == "held"
    edit_config(rig.config, {"commands": True})
    assert decide_on(rig.dispatcher, "add pizza to the shopping list").action == "sent"
    sensitive = rig.config.parent / "sensitive.toml"
    sensitive.write_text(sensitive.read_text() + '\n[food]\nterms = ["pizza"]\n')
    d = decide_on(rig.dispatcher, "add pizza to the shopping list")
    assert d.action == "held" and "sensitive topic: food" in d.reason


def test_outbox_drops_are_audited(tmp_path):
    rig = make_rig(tmp_path, "text")
    clock = [NOW]
    outbox = Outbox(tmp_path / "small.sqlite3", max_messages=1, clock=lambda: clock[0],
                    on_drop=rig.audit.record_outbox_drop)
    try:
        dispatcher = Dispatcher(rig.settings, audit=rig.audit, outbox=outbox, mute=rig.mute,
                                commands=shipped_recognizer(), topic_model=None)
        first = decide_on(dispatcher, "first message").message
        decide_on(dispatcher, "second message")
        records = rig.audit.records()
        assert [r.decision for r in records] == ["sent", "sent", "dropped"]
        assert first["id"] in records[-1].reason and "outbox" in records[-1].reason
    finally:
        outbox.close()
        rig.close()


def test_real_redactor_to_outbox_keeps_personal_data_on_the_device(tmp_path):
    from sottovoce.privacy.redaction import Redactor

    rig = make_rig(tmp_path, "text")
    redactor = Redactor(["Alice"])
    try:
        for raw in ("call Alice on 555-234-8991", "call alice on five five five two three four eight nine nine one"):
            result = redactor.redact(raw)
            d = rig.dispatcher.handle(Redacted(WakeDetected("hey_jarvis", 0.9, 1.0), result.text, result.counts,
                                               topics=rig.dispatcher.topics(raw)))
            assert d.action == "sent"
            assert d.message["text"] == "call <NAME> on <PHONE>"
            assert d.message["redacted"] == {"NAME": 1, "PHONE": 1}
        raw_files = state_bytes(rig.state).lower()
        # whole fragments of the number: a bare b"555" also turns up in the random hex of a message id
        for needle in (b"alice", b"555-234", b"5552348991", b"234-8991", b"eight nine nine"):
            assert needle not in raw_files, needle
        assert rig.outbox.count() == 2
    finally:
        rig.close()


def test_unreadable_pseudonym_key_drops_instead_of_crashing(tmp_path):
    rig = make_rig(tmp_path, "text")
    try:
        rig.state.mkdir(exist_ok=True)
        (rig.state / "secret").write_bytes(b"short")
        dispatcher = Dispatcher(dataclasses.replace(rig.settings, consent=dataclasses.replace(
            rig.settings.consent, site="daily")), audit=rig.audit, outbox=rig.outbox, mute=rig.mute,
            commands=shipped_recognizer(), topic_model=None)
        d = decide_on(dispatcher, "hello there")
        assert d.action == "dropped" and "ValueError" in d.reason
        assert rig.outbox.count() == 0 and rig.audit.records()[-1].decision == "dropped"
    finally:
        rig.close()
