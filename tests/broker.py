"""A real mosquitto for tests: free loopback port, temporary config, plain / password / TLS.

Every wait is bounded and every process is stopped by its own pid (`Broker.close`, also used by
the context manager), so a failing test never leaves a broker behind. Certificates are made with
the openssl command line (EC P-256 keys: quick to generate).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from sottovoce.delivery.mqtt.home_assistant import device_identifier
from sottovoce.delivery.mqtt.publisher import Publisher
from sottovoce.delivery.mqtt.topics import Topics, topics_for
from sottovoce.delivery.outbox import Outbox
from sottovoce.settings import MqttSettings

MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 5.0, up: bool = True) -> bool:
    """Wait until 127.0.0.1:port accepts (up=True) or refuses (up=False) connections."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                if up:
                    return True
        except OSError:
            if not up:
                return True
        time.sleep(0.05)
    return False


@dataclass(frozen=True)
class Pki:
    """Files made by `make_pki`: a CA, a server cert for localhost/127.0.0.1, a client cert, and
    an unrelated CA (the "wrong" one)."""

    ca: Path
    server_cert: Path
    server_key: Path
    client_cert: Path
    client_key: Path
    wrong_ca: Path


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=30)


def _ca(folder: Path, name: str) -> tuple[Path, Path]:
    key, cert = folder / f"{name}.key", folder / f"{name}.crt"
    _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", f"/CN={name}",
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
             cwd=folder)
    return key, cert


def _leaf(folder: Path, name: str, ca_key: Path, ca_cert: Path, ext: str) -> tuple[Path, Path]:
    key, csr, cert = folder / f"{name}.key", folder / f"{name}.csr", folder / f"{name}.crt"
    _openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", str(key), "-out", str(csr), "-subj", f"/CN={name}", cwd=folder)
    extfile = folder / f"{name}.ext"
    extfile.write_text(ext)
    _openssl("x509", "-req", "-in", str(csr), "-CA", str(ca_cert), "-CAkey", str(ca_key), "-CAcreateserial",
             "-out", str(cert), "-days", "2", "-extfile", str(extfile), cwd=folder)
    return key, cert


def make_pki(folder: Path) -> Pki:
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, ca_cert = _ca(folder, "test-ca")
    _, wrong_ca = _ca(folder, "wrong-ca")
    server_key, server_cert = _leaf(folder, "localhost", ca_key, ca_cert,
                                    "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    client_key, client_cert = _leaf(folder, "client", ca_key, ca_cert, "extendedKeyUsage=clientAuth\n")
    return Pki(ca_cert, server_cert, server_key, client_cert, client_key, wrong_ca)


class Broker:
    """mosquitto on 127.0.0.1:<free port>. `users` turns on password auth; `pki` turns on TLS."""

    def __init__(self, workdir: Path, *, users: dict[str, str] | None = None, pki: Pki | None = None,
                 require_client_cert: bool = False, port: int | None = None, extra: tuple[str, ...] = ()):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.log_path = self.workdir / "mosquitto.log"
        self.proc: subprocess.Popen | None = None
        lines = [f"listener {self.port} 127.0.0.1", "persistence true",
                 f"persistence_location {self.workdir}/", "autosave_interval 1",
                 f"log_dest file {self.log_path}", "log_type all", "connection_messages true",
                 "max_queued_messages 100000"]
        if os.geteuid() == 0:
            lines.append("user root")  # otherwise mosquitto drops to a user that cannot read the temp dir
        if users:
            pw = self.workdir / "passwd"
            pw.write_text("")
            for name, password in users.items():
                subprocess.run(["mosquitto_passwd", "-b", str(pw), name, password], check=True,
                               capture_output=True, timeout=10)
            lines += [f"password_file {pw}", "allow_anonymous false"]
        else:
            lines.append("allow_anonymous true")
        if pki:
            lines += [f"cafile {pki.ca}", f"certfile {pki.server_cert}", f"keyfile {pki.server_key}",
                      f"require_certificate {'true' if require_client_cert else 'false'}"]
        lines += list(extra)
        self.conf = self.workdir / "mosquitto.conf"
        self.conf.write_text("\n".join(lines) + "\n")

    def start(self, timeout: float = 5.0) -> "Broker":
        assert self.proc is None or self.proc.poll() is not None, "broker already running"
        self.proc = subprocess.Popen([MOSQUITTO, "-c", str(self.conf)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        if not wait_port(self.port, timeout):
            err = self._kill()
            raise RuntimeError(f"mosquitto did not start on port {self.port}: {err}")
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """SIGTERM (mosquitto saves its persistence file), then SIGKILL if it lingers."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self._kill()
        wait_port(self.port, 2.0, up=False)

    def restart(self, timeout: float = 5.0) -> None:
        self.stop()
        self.start(timeout)

    def close(self) -> None:
        self.stop()
        if self.proc is not None and self.proc.stderr:
            self.proc.stderr.close()

    def _kill(self) -> str:
        if self.proc is None:
            return ""
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            _, err = self.proc.communicate(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover
            err = b""
        return (err or b"").decode(errors="replace")[-2000:]

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def connection_count(self) -> int:
        """Client connections the broker has accepted at TCP level (mosquitto's "New connection")."""
        return self.log_text().count("New connection from")

    def __enter__(self) -> "Broker":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


class Subscriber:
    """A paho client that records every message on `topics` (QoS 1). With `session` set it keeps a
    persistent session under that client id, so the broker queues messages while it is away."""

    def __init__(self, port: int, topics: list[str], *, session: str | None = None, protocol: str = "3.1.1"):
        import threading

        import paho.mqtt.client as paho
        from paho.mqtt.enums import CallbackAPIVersion

        self.topics = topics
        self.messages: list[tuple[str, bytes, bool]] = []
        self._cond = threading.Condition()
        self.subscribed = threading.Event()
        if protocol == "5":
            self.client = paho.Client(CallbackAPIVersion.VERSION2, client_id=session or "", protocol=paho.MQTTv5)
        else:
            self.client = paho.Client(CallbackAPIVersion.VERSION2, client_id=session or "",
                                      clean_session=session is None)
        self.client.reconnect_delay_set(1, 1)
        self.client.on_connect = self._on_connect
        self.client.on_subscribe = lambda *a: self.subscribed.set()
        self.client.on_message = self._on_message
        self.port = port

    def _on_connect(self, client, userdata, flags, reason_code, properties):
        if not reason_code.is_failure:
            client.subscribe([(t, 1) for t in self.topics])

    def _on_message(self, client, userdata, msg):
        with self._cond:
            self.messages.append((msg.topic, bytes(msg.payload), bool(msg.retain)))
            self._cond.notify_all()

    def start(self, timeout: float = 5.0) -> "Subscriber":
        self.client.connect_async("127.0.0.1", self.port, keepalive=10)
        self.client.loop_start()
        if not self.subscribed.wait(timeout):
            self.close()
            raise RuntimeError("test subscriber did not get its SUBACK")
        return self

    def on(self, topic: str) -> list[bytes]:
        with self._cond:
            return [p for t, p, _ in self.messages if t == topic]

    def wait_for(self, predicate, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.2))
            return True

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


# -- helpers for the sottovoce side of the MQTT tests ------------------------------------------------

def message(i: int, kind: str = "command", prefix: str = "m") -> dict:
    return {"id": f"{prefix}-{i:05d}", "site": "kitchen", "time": "2026-11-21T06:00", "kind": kind,
            "text": f"turn on light {i}" if kind != "wake" else "", "redacted": {}, "wake_word": "hey_jarvis"}


def ids_on(sub, topic: str) -> list[str]:
    return [json.loads(p)["id"] for p in sub.on(topic)]


def make_publisher(state_dir: Path, mqtt: MqttSettings, site: str = "kitchen", **kw) -> tuple[Publisher, Outbox, Topics]:
    topics = topics_for(mqtt.prefix, site, mqtt.discovery_prefix)
    outbox = Outbox(state_dir / "outbox.sqlite3", ttl_seconds=mqtt.outbox_ttl_hours * 3600,
                    max_messages=mqtt.outbox_max, on_drop=kw.pop("on_drop", None))
    pub = Publisher(mqtt, topics, outbox, device_id=device_identifier(b"test secret"), version="test", **kw)
    return pub, outbox, topics


def speaker_prefix(state_dir: Path) -> str:
    """The default topic prefix a daemon on `state_dir` uses (made now if it has none yet)."""
    from sottovoce.privacy.install_id import InstallId

    return "sottovoce/" + InstallId(state_dir).get()


def wait_until(predicate, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
