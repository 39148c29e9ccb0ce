"""The broker connection: a paho-mqtt 2.x client built from settings, and plain-language errors.

paho-mqtt (Eclipse) is the well-kept Python MQTT client; we use its VERSION2 callbacks, its network
thread (loop_start) and its reconnect loop, whose delay starts at 1 s, doubles on every failure
(refused CONNACK and failed TLS handshakes included) and is capped, so a wrong password never turns
into a tight reconnect loop. What paho does not give is *why* a connection failed, so `Diagnosis`
turns a refused CONNACK or a TLS exception into one log line naming the problem and the fix.

TLS is all or nothing: with mqtt.tls.enabled the client only ever speaks TLS with certificate and
hostname verification; a failed handshake is an error and a retry later, never plain text.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import ssl
from pathlib import Path
from typing import Mapping

import paho.mqtt.client as paho
from paho.mqtt.enums import CallbackAPIVersion

from sottovoce.settings import MqttSettings

log = logging.getLogger(__name__)

RECONNECT_MIN = 1
RECONNECT_MAX = 60


class LinkError(Exception):
    """A configuration problem that stops the MQTT link from starting; the message names the fix."""


def read_password(mqtt: MqttSettings, environ: Mapping[str, str] = os.environ) -> str | None:
    """The broker password from mqtt.password_file or the env var named by mqtt.password_env."""
    if mqtt.password_file and mqtt.password_env:
        raise LinkError("set only one of mqtt.password_file and mqtt.password_env")
    if mqtt.password_file:
        try:
            text = Path(mqtt.password_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LinkError(f"mqtt.password_file {mqtt.password_file}: cannot read it ({exc.__class__.__name__}); "
                            "create it with the broker password on one line, readable by the daemon") from None
        password = text.rstrip("\r\n")
        if not password:
            raise LinkError(f"mqtt.password_file {mqtt.password_file} is empty")
        return password
    if mqtt.password_env:
        password = environ.get(mqtt.password_env, "")
        if not password:
            raise LinkError(f"mqtt.password_env names ${mqtt.password_env}, which is not set or empty")
        return password
    return None


def tls_context(mqtt: MqttSettings) -> ssl.SSLContext:
    """A verifying client context: the CA (or the system store), optional client cert, hostname check."""
    tls = mqtt.tls
    try:
        ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=tls.ca_file or None)
    except (OSError, ssl.SSLError) as exc:
        raise LinkError(f"mqtt.tls.ca_file {tls.ca_file}: cannot load it as a PEM CA bundle ({exc})") from None
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = True
    ctx.verify_mode = ssl.CERT_REQUIRED
    if tls.certfile or tls.keyfile:
        if not (tls.certfile and tls.keyfile):
            raise LinkError("set both mqtt.tls.certfile and mqtt.tls.keyfile for a client certificate")
        try:
            ctx.load_cert_chain(tls.certfile, tls.keyfile)
        except (OSError, ssl.SSLError) as exc:
            raise LinkError(f"mqtt.tls.certfile/keyfile {tls.certfile}, {tls.keyfile}: cannot load them "
                            f"as a matching PEM certificate and key ({exc})") from None
    return ctx


def build_client(mqtt: MqttSettings, will_topic: str, environ: Mapping[str, str] = os.environ) -> paho.Client:
    """A configured paho client (not connected). Raises LinkError for config problems."""
    if not mqtt.host.strip():
        raise LinkError("mqtt.host is empty: set it to the broker's name or address")
    client_id = "sottovoce-" + secrets.token_hex(6)  # random per start: no device identity
    if mqtt.protocol == "5":
        client = paho.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=paho.MQTTv5)
    else:
        client = paho.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=paho.MQTTv311,
                             clean_session=True)
    password = read_password(mqtt, environ)
    if password is not None and not mqtt.username:
        raise LinkError("a broker password is configured but mqtt.username is empty")
    if mqtt.username:
        client.username_pw_set(mqtt.username, password)
    if mqtt.tls.enabled:
        client.tls_set_context(tls_context(mqtt))
    client.will_set(will_topic, "offline", qos=1, retain=True)
    client.reconnect_delay_set(RECONNECT_MIN, RECONNECT_MAX)
    client.max_inflight_messages_set(20)  # MQTT 5 brokers announce Receive Maximum 20 (mosquitto); paho queues the rest
    # paho's own log lines are low-level and some repeat on every retry ("Client is not connected"):
    # keep them at DEBUG; the link logs one plain-language ERROR per problem instead.
    client.on_log = _paho_log
    return client


_paho_logger = logging.getLogger("sottovoce.paho")


def _paho_log(client, userdata, level, text) -> None:
    _paho_logger.debug("%s", text)


def where(mqtt: MqttSettings) -> str:
    return f"{'mqtts' if mqtt.tls.enabled else 'mqtt'}://{mqtt.host}:{mqtt.port}"


def explain_refusal(reason_name: str, value: int, mqtt: MqttSettings) -> str:
    """One sentence naming a refused CONNACK and its fix (3.1.1 return codes and 5.0 reason codes)."""
    key = reason_name.lower()
    if value in (4, 5, 134, 135) or "password" in key or "not authorized" in key:
        if not mqtt.username:
            return (f"broker {where(mqtt)} refused the connection ({reason_name}): it requires a login; "
                    "set mqtt.username and the password in mqtt.password_file or mqtt.password_env")
        return (f"broker {where(mqtt)} refused the login for user {mqtt.username!r} ({reason_name}): wrong "
                "username or password, or the user is not allowed to connect; check mqtt.username, the "
                "password in mqtt.password_file / mqtt.password_env, and the broker's password file and ACL")
    if value in (1, 132) or "protocol" in key:
        return (f"broker {where(mqtt)} does not support MQTT {mqtt.protocol}; "
                "set mqtt.protocol to \"3.1.1\" or \"5\"")
    return f"broker {where(mqtt)} refused the connection: {reason_name} ({value})"


def explain_tls(exc: BaseException, mqtt: MqttSettings) -> str:
    """One sentence naming a TLS failure and its fix."""
    text = str(exc)
    lower = text.lower()
    base = f"TLS with {where(mqtt)} failed ({text})"
    if "hostname" in lower or "ip address mismatch" in lower or "doesn't match" in lower:
        return (f"{base}: the certificate is not for {mqtt.host!r}; set mqtt.host to a name in the broker's "
                "certificate or reissue the certificate. Not falling back to plain text.")
    if "certificate verify failed" in lower or isinstance(exc, ssl.SSLCertVerificationError):
        ca = mqtt.tls.ca_file or "the system CA store"
        return (f"{base}: the broker's certificate is not signed by {ca}; set mqtt.tls.ca_file to the CA "
                "that signed it. Not falling back to plain text.")
    if "wrong version number" in lower or "record layer failure" in lower or "unexpected eof" in lower:
        return (f"{base}: the broker does not speak TLS on port {mqtt.port}; use its TLS listener "
                "(often 8883) or turn mqtt.tls.enabled off if the broker is local. Not falling back to plain text.")
    if "certificate required" in lower or "alert" in lower:
        return (f"{base}: the broker rejected the handshake, perhaps it requires a client certificate; "
                "set mqtt.tls.certfile and mqtt.tls.keyfile. Not falling back to plain text.")
    return f"{base}. Not falling back to plain text."


def diagnose_connect(mqtt: MqttSettings, ctx: ssl.SSLContext | None, timeout: float = 3.0) -> str:
    """Why a connection attempt failed, found by repeating the TCP (and TLS) handshake once."""
    try:
        sock = socket.create_connection((mqtt.host, mqtt.port), timeout=timeout)
    except ConnectionRefusedError:
        return f"nothing accepts connections at {where(mqtt)}; is the broker running, and are mqtt.host/port right?"
    except socket.gaierror as exc:
        return f"cannot resolve mqtt.host {mqtt.host!r} ({exc}); check the name"
    except OSError as exc:
        return f"cannot reach {where(mqtt)} ({exc.__class__.__name__}: {exc}); check the network and mqtt.host/port"
    with sock:
        if ctx is None:
            return (f"the connection to {where(mqtt)} broke before the MQTT handshake finished; if the broker "
                    "only accepts TLS on this port, set mqtt.tls.enabled = true")
        try:
            with ctx.wrap_socket(sock, server_hostname=mqtt.host):
                return f"connection to {where(mqtt)} failed, but a fresh TLS handshake succeeded; retrying"
        except ssl.SSLError as exc:  # includes certificate and hostname errors
            return explain_tls(exc, mqtt)
        except OSError as exc:  # reset or closed in the middle of the handshake
            return (f"TLS with {where(mqtt)} failed ({exc.__class__.__name__}: {exc}): the broker closed the "
                    f"connection during the TLS handshake, so it probably does not speak TLS on port {mqtt.port}; "
                    "use its TLS listener (often 8883) or turn mqtt.tls.enabled off if the broker is local. "
                    "Not falling back to plain text.")
