"""The publisher: drains the outbox to the broker in order and deletes a message only on its PUBACK.

Threads: paho's network thread (loop_start) runs the connection and callbacks; one drain thread
owns all bookkeeping (which paho message id belongs to which outbox message) and all slow work:
remote commands (a file and SQLite), the connection diagnosis (a 3 s socket probe), discovery
re-sends. Callbacks only put small records on bounded queues and wake the drain thread, so paho's
internal locks and ours never nest and paho's keepalive never waits on a disk.

Commands on .../cmd that carry the retain flag are ignored: a retained "unmute" would otherwise
undo a local mute at every start and reconnect. Home Assistant's "online" re-sends discovery at
most once per DISCOVERY_INTERVAL however often it arrives.

Delivery is at-least-once: a message whose PUBACK was lost (a kill, a broker restart) is sent
again, and subscribers dedupe by the message's "id". paho itself re-sends unacknowledged QoS 1
messages after a reconnect with the same mid, so the mid -> id map is kept across reconnects; after
a restart of the daemon everything still in the outbox is simply published again.
"""

from __future__ import annotations

import collections
import logging
import queue
import threading
import time
from typing import Callable

from sottovoce.delivery.mqtt import hermes, home_assistant, remote_commands
from sottovoce.delivery.mqtt.link import (
    RECONNECT_MAX,
    RECONNECT_MIN,
    build_client,
    diagnose_connect,
    explain_refusal,
    tls_context,
    where,
)
from sottovoce.delivery.mqtt.topics import Topics
from sottovoce.delivery.outbox import Outbox, Queued
from sottovoce.privacy.message import encode
from sottovoce.settings import MqttSettings

log = logging.getLogger(__name__)

WINDOW = 20
"""Messages in flight (published, not yet acknowledged) at once."""
STRIKES = 5
"""A message in flight during this many lost connections in a row, never acknowledged, is one the
broker cannot take (too large for it, say): it is dropped and audited instead of blocking the queue."""
EVENTS_MAX = 4096
"""PUBACK records waiting for the drain thread: the window keeps at most WINDOW * 3 + a few in use."""
COMMANDS_MAX = 256
"""Remote commands waiting for the drain thread; beyond this a flood's oldest are dropped (counted)."""
DISCOVERY_INTERVAL = 2.0
"""Seconds between two discovery re-sends asked for by Home Assistant's "online"."""


def payload_bytes(payload: dict | str | bytes) -> bytes:
    """What goes on the wire: bytes as they are (a queued message as stored), a word as UTF-8, any
    other payload through the message encoder."""
    if isinstance(payload, bytes):
        return payload
    if isinstance(payload, str):
        return payload.encode("utf-8")
    return encode(payload)


class Publisher:
    """Connects, keeps status/state/discovery published, drains the outbox, hands commands on.

    on_command(command) is called on the drain thread with "mute" or "unmute" for every valid,
    non-retained payload on .../cmd (the daemon applies the remote_commands policy there); on_tick()
    is called there about once a second. hotword_consented() says whether the household consented
    to wake events (Hermes hotword/<word>/detected); sensitivity is the configured wake threshold.
    """

    def __init__(self, mqtt: MqttSettings, topics: Topics, outbox: Outbox, *,
                 on_command: Callable[[str], None] | None = None, on_tick: Callable[[], None] | None = None,
                 device_id: str = "", version: str = "", muted: bool = False, window: int = WINDOW,
                 hotword_consented: Callable[[], bool] = lambda: False, sensitivity: float = 0.5,
                 discovery_interval: float = DISCOVERY_INTERVAL):
        self.mqtt = mqtt
        self.topics = topics
        self.outbox = outbox
        self._on_command = on_command
        self._on_tick = on_tick
        self._hotword_consented = hotword_consented
        self._sensitivity = float(sensitivity)
        self._device_id = device_id
        self._version = version
        self._muted = muted
        self._window = max(1, window)
        self._tls = tls_context(mqtt) if mqtt.tls.enabled else None
        self.client = build_client(mqtt, topics.status)
        self.client.on_connect = self._cb_connect
        self.client.on_connect_fail = self._cb_connect_fail
        self.client.on_disconnect = self._cb_disconnect
        self.client.on_publish = self._cb_publish
        self.client.on_message = self._cb_message
        self.client.on_subscribe = lambda *_: self.subscribed.set()
        self.connected = threading.Event()
        self.subscribed = threading.Event()
        """Set when the broker acknowledged a subscription to .../cmd (commands can arrive from then)."""
        self.attempts = 0
        """Connection attempts that failed (refused or not completed): for tests and `doctor`."""
        self.ignored_commands = 0
        self.dropped_commands = 0
        """Commands dropped because COMMANDS_MAX were already waiting (a flood)."""
        self.retained_commands = 0
        """Retained payloads on .../cmd, ignored."""
        self.discovery_sends = 0
        """Times the discovery configs were published (at connect and on Home Assistant's "online")."""
        self._events: queue.Queue = queue.Queue(maxsize=EVENTS_MAX)
        self._commands: collections.deque[str] = collections.deque(maxlen=COMMANDS_MAX)
        self._commands_lock = threading.Lock()
        self._overflow_logged = False
        self._diagnose = threading.Event()
        self._discovery_due = threading.Event()
        self._discovery_interval = discovery_interval
        self._last_discovery = float("-inf")
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._mid_to_id: dict[int, str] = {}
        self._id_to_mids: dict[str, set[int]] = {}
        self._strikes: dict[str, int] = {}
        self._failing: str | None = None
        self._thread = threading.Thread(target=self._run, name="sottovoce-publisher", daemon=True)
        outbox.add_listener(self._wake.set)

    # -- daemon API -----------------------------------------------------------------------------
    def start(self) -> None:
        """Connect in the background (never blocks on the broker) and start draining."""
        log.info("mqtt: connecting to %s as a random client id, publishing under %s", where(self.mqtt),
                 self.topics.prefix)
        self.client.connect_async(self.mqtt.host, self.mqtt.port, keepalive=self.mqtt.keepalive)
        self.client.loop_start()
        self._thread.start()

    def set_muted(self, muted: bool) -> None:
        """Record the mute state and publish it (retained) on .../state when connected."""
        self._muted = bool(muted)
        if self.connected.is_set():
            self._publish_state()

    def wait_drained(self, timeout: float) -> bool:
        """True once the outbox is empty and nothing is in flight; False after `timeout` seconds."""
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            if self.outbox.count() == 0:  # in-flight messages stay in the outbox until acked
                return True
            if time.monotonic() >= deadline:
                return False
            self._wake.set()
            time.sleep(0.05)

    def stop(self, timeout: float = 2.0) -> None:
        """Publish a retained "offline", disconnect cleanly and join both threads (bounded)."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        if self.connected.is_set():
            try:
                info = self.client.publish(self.topics.status, "offline", qos=1, retain=True)
                info.wait_for_publish(timeout=min(1.0, timeout))
            except (RuntimeError, ValueError):
                pass
            if not self._thread.is_alive():
                # the broker answers in order: PUBACKs for earlier messages are in by now; commit
                # them so the next start re-sends as little as possible
                self._handle_acks()
        self.client.disconnect()
        self.client.loop_stop()
        self.connected.clear()

    # -- paho callbacks (paho's thread): record and wake, no bookkeeping here ---------------------
    def _cb_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if reason_code.is_failure:
            self.attempts += 1
            self._report(f"refused:{reason_code.value}",
                         explain_refusal(str(reason_code), int(reason_code.value), self.mqtt))
            return
        if self._failing:
            log.info("mqtt: connected to %s again", where(self.mqtt))
        else:
            log.info("mqtt: connected to %s", where(self.mqtt))
        self._failing = None
        client.subscribe(self.topics.cmd, qos=1)
        if self.mqtt.homeassistant:
            client.subscribe(self.topics.ha_status, qos=1)
        client.publish(self.topics.status, "online", qos=1, retain=True)
        self._publish_state()
        self._publish_discovery()
        self.connected.set()
        self._wake.set()

    def _cb_connect_fail(self, client, userdata) -> None:
        self.attempts += 1
        if self._failing is None or self._failing.startswith("refused") or self.attempts % 10 == 0:
            self._diagnose.set()  # the 3 s probe runs on the drain thread, not here
            self._wake.set()
        else:
            log.debug("mqtt: connection attempt %d to %s failed again", self.attempts, where(self.mqtt))

    def _cb_disconnect(self, client, userdata, flags, reason_code, properties) -> None:
        was = self.connected.is_set()
        self.connected.clear()
        self.subscribed.clear()
        if was:
            self._put_event(("lost", False, str(reason_code)))
            self._wake.set()
        if was and not self._stop.is_set():
            log.warning("mqtt: lost the connection to %s (%s); reconnecting with backoff, messages stay queued",
                        where(self.mqtt), reason_code)

    def _cb_publish(self, client, userdata, mid, reason_code, properties) -> None:
        self._put_event((mid, reason_code.is_failure, str(reason_code)))
        self._wake.set()

    def _put_event(self, event: tuple) -> None:
        try:
            self._events.put_nowait(event)
        except queue.Full:  # only if the drain thread is stuck; the message is re-sent later
            if not self._overflow_logged:
                self._overflow_logged = True
                log.error("mqtt: %d acknowledgements are waiting to be processed; dropping the newest "
                          "(their messages stay in the outbox and are sent again at the next start)", EVENTS_MAX)

    def _cb_message(self, client, userdata, message) -> None:
        try:
            if message.topic == self.topics.ha_status:
                # a retained "online" is Home Assistant's old birth message, replayed by our own
                # subscribe right after connecting, where discovery was just sent
                if not message.retain and bytes(message.payload).strip().lower() == b"online":
                    if not self._discovery_due.is_set():
                        log.info("mqtt: Home Assistant came online; sending discovery again")
                    self._discovery_due.set()
                    self._wake.set()
                return
            if message.retain:
                self.retained_commands += 1
                if self.retained_commands == 1:
                    log.warning("mqtt: ignored a retained message on %s: commands act once, so retained ones "
                                "(replayed at every connect) are never obeyed; clear it with "
                                "`mosquitto_pub -t %s -r -n`", message.topic, message.topic)
                return
            command = remote_commands.parse(message.payload)
            if command is None:
                self.ignored_commands += 1
                level = logging.WARNING if self.ignored_commands == 1 else logging.DEBUG
                log.log(level, "mqtt: ignored a payload on %s (%s); accepted: mute, unmute, "
                        "{\"command\": \"mute\"}", message.topic, remote_commands.describe(bytes(message.payload)))
                return
            log.debug("mqtt: command %r received on %s", command, message.topic)  # the outcome is logged
            with self._commands_lock:
                if len(self._commands) == self._commands.maxlen:
                    self.dropped_commands += 1
                    if self.dropped_commands == 1:
                        log.warning("mqtt: a flood of commands on %s: more than %d waiting, dropping the "
                                    "oldest", message.topic, COMMANDS_MAX)
                self._commands.append(command)
            self._wake.set()
        except Exception:  # a bad message or a failing callback must never kill paho's thread
            log.exception("mqtt: error while handling a message on %s", getattr(message, "topic", "?"))

    # -- helpers ----------------------------------------------------------------------------------
    def _report(self, key: str, text: str) -> None:
        """One ERROR per kind of failure; repeats go to DEBUG until a connection succeeds."""
        if self._failing == key:
            log.debug("mqtt: %s (attempt %d)", text, self.attempts)
            return
        self._failing = key
        text = text.rstrip(".")
        log.error("mqtt: %s%s Retrying with backoff (%d s doubling to %d s); messages stay queued.",
                  text, "" if text.endswith("?") else ".", RECONNECT_MIN, RECONNECT_MAX)

    def _publish_state(self) -> None:
        state = home_assistant.STATE_MUTED if self._muted else home_assistant.STATE_LISTENING
        self.client.publish(self.topics.state, state, qos=1, retain=True)

    def _publish_discovery(self) -> None:
        if not (self.mqtt.homeassistant and self._device_id):
            return
        self._last_discovery = time.monotonic()
        self.discovery_sends += 1
        for topic, payload in home_assistant.discovery_messages(self.topics, self._device_id, self._version):
            self.client.publish(topic, payload_bytes(payload), qos=1, retain=True)

    # -- drain thread -----------------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(1.0)  # the 1 s poll also picks up rows written by other processes
            self._wake.clear()
            try:
                self._handle_acks()
                self._handle_commands()
                if self._diagnose.is_set():
                    self._diagnose.clear()
                    text = diagnose_connect(self.mqtt, self._tls)
                    self._report(text, text)
                if self.connected.is_set():
                    self._resend_discovery()
                    self._fill_window()
                else:
                    self.outbox.expire()
                if self._on_tick is not None:
                    self._on_tick()
            except Exception:
                log.exception("mqtt: publisher error; will retry")
                self._stop.wait(1.0)

    def _handle_commands(self) -> None:
        while True:
            with self._commands_lock:
                if not self._commands:
                    return
                command = self._commands.popleft()
            if self._on_command is not None:
                try:
                    self._on_command(command)
                except Exception:  # a failing handler must not stop the acks
                    log.exception("mqtt: error while carrying out the command %r", command)

    def _resend_discovery(self) -> None:
        if not self._discovery_due.is_set():
            return
        if time.monotonic() - self._last_discovery < self._discovery_interval:
            return  # the drain loop's 1 s poll comes back to it
        self._discovery_due.clear()
        self._publish_discovery()

    def _handle_acks(self) -> None:
        while True:
            try:
                mid, failed, reason = self._events.get_nowait()
            except queue.Empty:
                return
            if mid == "lost":
                self._strike_in_flight()
                continue
            msg_id = self._mid_to_id.pop(mid, None)
            if msg_id is None:
                continue  # status, state or discovery
            mids = self._id_to_mids.get(msg_id, set())
            mids.discard(mid)
            if failed:
                log.error("mqtt: the broker refused message %s (%s); if it is \"Not authorized\", allow this "
                          "user to publish under %s in the broker's ACL. The drop is audited.",
                          msg_id, reason, self.topics.prefix)
                self._forget(msg_id)
                self.outbox.drop(msg_id, f"refused by the broker: {reason}")
            elif not mids:
                self._forget(msg_id)
                self.outbox.ack(msg_id)

    def _forget(self, msg_id: str) -> None:
        for mid in self._id_to_mids.pop(msg_id, set()):
            self._mid_to_id.pop(mid, None)
        self._strikes.pop(msg_id, None)

    def _strike_in_flight(self) -> None:
        """The connection dropped with messages in flight (paho re-sends them on reconnect). The
        broker handles them in order, so the oldest unacknowledged one is the likely culprit."""
        if not self._id_to_mids:
            return
        head = next(iter(self._id_to_mids))
        self._strikes[head] = self._strikes.get(head, 0) + 1
        if self._strikes[head] < STRIKES:
            return
        for mid in self._id_to_mids.get(head, set()):
            self._discard_from_paho(mid)
        self._forget(head)
        log.error("mqtt: dropping message %s: the connection broke each of the %d times it was sent, so the "
                  "broker cannot take it (too large for its message_size_limit?). The drop is audited.",
                  head, STRIKES)
        self.outbox.drop(head, f"the connection broke each of the {STRIKES} times it was sent; "
                         "the broker cannot take it")

    def _discard_from_paho(self, mid: int) -> None:
        # paho has no public API to cancel a queued QoS 1 message; this private dict has been stable
        # across paho 1.x and 2.x (pinned <3 in pyproject).
        with self.client._out_message_mutex:
            self.client._out_messages.pop(mid, None)

    def _fill_window(self) -> None:
        room = self._window - len(self._id_to_mids)
        if room <= 0:
            return
        for item in self.outbox.pending(room, exclude=set(self._id_to_mids)):
            if not self.connected.is_set() or self._stop.is_set():
                return
            mids = set()
            for topic, payload in self._payloads(item):
                info = self.client.publish(topic, payload_bytes(payload), qos=1, retain=False)
                mids.add(info.mid)
            self._id_to_mids[item.id] = mids
            for mid in mids:
                self._mid_to_id[mid] = item.id
            log.debug("mqtt: published %s (%s)", item.id, item.message.get("kind"))

    def _payloads(self, item: Queued) -> list[tuple[str, dict | bytes]]:
        """.../text byte for byte as queued (and audited); .../event for Home Assistant and the
        Hermes payloads when enabled."""
        message = item.message
        out: list[tuple[str, dict | bytes]] = [(self.topics.text, item.body)]
        if self.mqtt.homeassistant:
            out.append((self.topics.event, home_assistant.event_payload(message)))
        if self.mqtt.hermes:
            out.extend(hermes.payloads_for(message, hotword=self._hotword_consented(),
                                           sensitivity=self._sensitivity))
        return out
