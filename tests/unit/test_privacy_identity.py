"""No device identity in what leaves: payloads, the outbox and the audit log's payloads are scanned
for this machine's real identifiers (hostname, MACs, machine id, user name) and a precise time."""

from __future__ import annotations

import getpass
import json
import re
import shutil
import socket
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sottovoce import settings as settings_mod
from sottovoce.delivery.audit import AuditLog
from sottovoce.delivery.dispatch import Dispatcher
from sottovoce.delivery.outbox import Outbox
from sottovoce.events import Redacted, WakeDetected
from sottovoce.privacy.message import encode
from sottovoce.service.mute import MuteState

from shipped_commands import shipped_recognizer

ROOT = Path(__file__).resolve().parents[2]


def device_identifiers() -> list[str]:
    ids = [socket.gethostname(), socket.getfqdn(), getpass.getuser()]
    for path in Path("/sys/class/net").glob("*/address"):
        mac = path.read_text().strip().lower()
        if mac and mac.strip("0:"):
            ids += [mac, mac.replace(":", ""), mac.replace(":", "-")]
    for path in (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id")):
        if path.is_file() and path.read_text().strip():
            ids.append(path.read_text().strip())
    return sorted({i.lower() for i in ids if i and i != "localhost"})


def contains(blob: str, ident: str) -> bool:
    """Substring for long identifiers; as a whole token for short ones (a host called "vm")."""
    if len(ident) >= 6:
        return ident in blob
    return re.search(rf"(?<![a-z0-9]){re.escape(ident)}(?![a-z0-9])", blob) is not None


def test_there_are_identifiers_to_look_for():
    ids = device_identifiers()
    assert socket.gethostname().lower() in ids and getpass.getuser().lower() in ids
    assert contains('{"site":"vm"}', "vm") and not contains('{"text":"vmware"}', "vm")


@pytest.mark.parametrize("site", ["per_message", "daily", "kitchen"])
@pytest.mark.parametrize("precision", ["minute", "hour", "day"])
def test_payloads_carry_no_device_identity_and_no_precise_time(tmp_path, site, precision):
    for name in ("sottovoce.toml", "vocabulary.toml", "sensitive.toml"):
        shutil.copy(ROOT / "config" / name, tmp_path / name)
    state = tmp_path / "state"
    overrides = [f"state.dir={json.dumps(str(state))}", "consent.commands=true", "consent.text=true",
                 "consent.wake_events=true", "consent.sensitive=true", f"consent.site={json.dumps(site)}",
                 f"consent.time_precision={json.dumps(precision)}"]
    settings = settings_mod.load(tmp_path / "sottovoce.toml", overrides)
    now = time.time()
    now = now - (now % 60) + 37.123456  # seconds that a coarse time must not show
    host, user = socket.gethostname(), getpass.getuser()
    custom_word = f"/home/{user}/{host}-models/hey_computer.tflite"
    with AuditLog.for_settings(settings) as audit:
        outbox = Outbox(state / "outbox.sqlite3")
        try:
            dispatcher = Dispatcher(settings, audit=audit, outbox=outbox, mute=MuteState(state), clock=lambda: now,
                                    commands=shipped_recognizer(), topic_model=None)
            payloads = []
            for i, text in enumerate(["turn on the lights", "tell me a story", "", "i have cancer"]):
                word = custom_word if i % 2 else "hey_jarvis"
                decision = dispatcher.handle(Redacted(WakeDetected(word, 0.9, 12.34), text, {"name": 1},
                                                      topics=dispatcher.topics(text)))
                assert decision.action == "sent"
                payloads.append(encode(decision.message).decode())
            payloads += [json.dumps(q.message) for q in outbox.pending(100)]
            payloads += [json.dumps(r.payload) for r in audit.records()]
        finally:
            outbox.close()
    assert len(payloads) == 12
    blob = "\n".join(payloads).lower()
    for ident in device_identifiers():
        assert not contains(blob, ident), ident
    precise = datetime.fromtimestamp(now, tz=timezone.utc)
    for needle in (f"{now}", f"{int(now)}", f"{now:.3f}", precise.strftime("%H:%M:%S"), "12.34", "0.9"):
        assert needle not in blob, needle
    assert "/home/" not in blob and "hey_computer" in blob
    for payload in payloads[:4]:
        message = json.loads(payload)
        assert message["time"].endswith(":00Z")
        extra = {"intent"} if message["kind"] == "command" else set()
        assert set(message) == {"id", "site", "time", "kind", "text", "redacted", "wake_word"} | extra
    sites = {json.loads(p)["site"] for p in payloads[:4]}
    assert len(sites) == (4 if site == "per_message" else 1)
