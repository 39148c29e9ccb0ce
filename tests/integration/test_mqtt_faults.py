"""What the command topic and Home Assistant's status topic can do to a running speaker, on a real
mosquitto: retained commands, floods of refused commands and of "online", and which thread does
the slow work."""

from __future__ import annotations

import logging
import threading

from broker import Broker, Subscriber, make_publisher, wait_until
from sottovoce.delivery.audit import AuditLog
from sottovoce.delivery.mqtt.remote_commands import RemoteCommands
from sottovoce.service.mute import MuteState
from sottovoce.settings import MqttSettings


class FakeClock:
    """The refusal summary's minute, advanced by the test instead of waited for."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def speaker(tmp_path, broker, *, allow_unmute: bool, clock=None):
    """A speaker's MQTT side as `run` wires it: mute state, audit log, outbox, remote commands."""
    state = tmp_path / "state"
    mute = MuteState(state)
    audit = AuditLog(state / "audit.sqlite3")
    remote = RemoteCommands(mute, audit, lambda: allow_unmute, **({"clock": clock} if clock else {}))
    threads: list[str] = []

    def on_command(command: str) -> None:
        threads.append(threading.current_thread().name)
        accepted, _ = remote.handle(command)
        if accepted:
            pub.set_muted(mute.muted)

    pub, outbox, topics = make_publisher(state, MqttSettings(port=broker.port), on_command=on_command,
                                         on_tick=remote.flush)
    return pub, outbox, topics, mute, audit, remote, threads


def decisions(audit: AuditLog) -> list[str]:
    return [r.decision for r in audit.records()]


def test_a_retained_unmute_is_ignored_and_a_live_one_acts_once(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    with Broker(tmp_path / "broker") as broker:
        pub, outbox, topics, mute, audit, _, _ = speaker(tmp_path, broker, allow_unmute=True)
        mute.set(True, by="local")  # the household muted the speaker with `sottovoce mute`
        pub.set_muted(mute.muted)
        sender = Subscriber(broker.port, ["unused/#"]).start()
        state_sub = Subscriber(broker.port, [topics.state]).start()
        try:
            # someone left a retained "unmute" on the command topic (mosquitto_pub -r)
            sender.client.publish(topics.cmd, "unmute", qos=1, retain=True).wait_for_publish(5)
            pub.start()
            assert pub.connected.wait(5)
            assert wait_until(lambda: pub.retained_commands == 1, 5)
            broker.restart()  # a reconnect replays the retained message again
            assert wait_until(lambda: pub.connected.is_set() and pub.retained_commands == 2, 20)
            assert mute.muted is True
            assert "unmute" not in decisions(audit)
            assert state_sub.wait_for(lambda: state_sub.on(topics.state)[-1:] == [b"muted"], 10)
            warnings = [r for r in caplog.records if "ignored a retained message" in r.getMessage()]
            assert len(warnings) == 1  # logged once, not per replay
            # a live (non-retained) unmute acts, once
            assert pub.subscribed.wait(5)
            sender.client.publish(topics.cmd, "unmute", qos=1).wait_for_publish(5)
            assert wait_until(lambda: mute.muted is False, 5)
            assert state_sub.wait_for(lambda: state_sub.on(topics.state)[-1:] == [b"listening"], 5)
            mute.set(True, by="local")
            pub.set_muted(True)
            broker.restart()
            assert wait_until(lambda: pub.connected.is_set() and pub.retained_commands == 3, 20)
            assert mute.muted is True  # the live unmute was not replayed either
            assert decisions(audit).count("unmute") == 1
        finally:
            sender.close()
            state_sub.close()
            pub.stop()
            outbox.close()
            audit.close()


def test_a_flood_of_refused_unmutes_gives_one_audit_row_and_one_log_line_per_minute(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    clock = FakeClock()
    with Broker(tmp_path / "broker") as broker:
        pub, outbox, topics, mute, audit, remote, _ = speaker(tmp_path, broker, allow_unmute=False, clock=clock)
        mute.set(True, by="local")
        sender = Subscriber(broker.port, ["unused/#"]).start()
        try:
            pub.start()
            assert pub.connected.wait(5) and pub.subscribed.wait(5)
            infos = [sender.client.publish(topics.cmd, "unmute", qos=1) for _ in range(3000)]
            assert wait_until(lambda: all(i.is_published() for i in infos), 60)
            # every one is refused, or (in a flood faster than the drain thread) dropped and counted
            assert wait_until(lambda: remote.refused + pub.dropped_commands == 3000, 60), remote.refused
            assert remote.refused > 1000
            assert mute.muted is True
            assert decisions(audit).count("refused") == 1
            lines = [r for r in caplog.records if r.getMessage().startswith("remote command:")]
            assert len(lines) == 1 and "consent.allow_remote_unmute is off" in lines[0].getMessage()
            clock.now += 61  # the minute is over: the publisher's tick writes the summary
            assert wait_until(lambda: decisions(audit).count("refused") == 2, 5)
            summary = audit.records()[-1]
            more = remote.refused - 1
            assert summary.reason.startswith(f"{more} more remote commands refused in the last minute")
            lines = [r for r in caplog.records if r.getMessage().startswith("remote command:")]
            assert len(lines) == 2 and f"{more} more" in lines[1].getMessage()
            # 3,000 commands on the wire, a handful of log lines in all (not one or two per command)
            assert len([r for r in caplog.records if r.name.startswith("sottovoce")]) < 10
            clock.now += 61  # a quiet minute writes nothing
            sender.client.publish(topics.cmd, "mute", qos=1).wait_for_publish(5)  # accepted, so audited
            assert wait_until(lambda: decisions(audit)[-1] == "mute", 5)
            assert decisions(audit).count("refused") == 2
        finally:
            sender.close()
            pub.stop()
            outbox.close()
            audit.close()


def test_two_thousand_home_assistant_online_messages_do_not_cause_two_thousand_resends(tmp_path):
    with Broker(tmp_path / "broker") as broker:
        pub, outbox, topics, _, audit, _, _ = speaker(tmp_path, broker, allow_unmute=False)
        watcher = Subscriber(broker.port, ["homeassistant/+/+/+/config"]).start()
        ha = Subscriber(broker.port, ["unused/#"]).start()
        try:
            pub.start()
            assert pub.connected.wait(5)
            assert watcher.wait_for(lambda: len(watcher.messages) == 2, 5)  # event + switch at connect
            infos = [ha.client.publish("homeassistant/status", "online", qos=1) for _ in range(2000)]
            assert wait_until(lambda: all(i.is_published() for i in infos), 60)
            # the re-send still happens (Home Assistant restarted and needs the configs)...
            assert watcher.wait_for(lambda: len(watcher.messages) >= 4, 10)
            wait_until(lambda: False, 3)  # let any further re-sends arrive
            # ...but once per DISCOVERY_INTERVAL, not once per message: a handful, not 2,000
            assert pub.discovery_sends <= 6, pub.discovery_sends
            assert len(watcher.messages) == 2 * pub.discovery_sends
        finally:
            ha.close()
            watcher.close()
            pub.stop()
            outbox.close()
            audit.close()


def test_commands_and_the_connection_probe_run_on_the_drain_thread_not_pahos(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    with Broker(tmp_path / "broker") as broker:
        pub, outbox, topics, mute, audit, _, threads = speaker(tmp_path, broker, allow_unmute=False)
        sender = Subscriber(broker.port, ["unused/#"]).start()
        try:
            pub.start()
            assert pub.connected.wait(5)
            assert pub.subscribed.wait(5)
            sender.client.publish(topics.cmd, "mute", qos=1).wait_for_publish(5)
            assert wait_until(lambda: mute.muted, 5)
            assert set(threads) == {"sottovoce-publisher"}  # the mute file and SQLite are written there
            sender.close()
            broker.stop()  # the broker goes away: the diagnosis probe must not block paho's thread
            assert wait_until(lambda: any("nothing accepts connections" in r.getMessage()
                                          for r in caplog.records), 20)
            probe = [r for r in caplog.records if "nothing accepts connections" in r.getMessage()][0]
            assert probe.threadName == "sottovoce-publisher"
            assert pub._events.maxsize > 0 and pub._commands.maxlen  # bounded, as the style demands
        finally:
            pub.stop()
            outbox.close()
            audit.close()
