"""TLS and passwords against a real mosquitto: verified TLS works, the wrong CA or a plain-text
broker is refused with one clear error and never a plain-text fallback, a wrong password backs off."""

from __future__ import annotations

import logging
import time

import pytest
from broker import Broker, Subscriber, make_pki, make_publisher, message, wait_until
from sottovoce.settings import MqttSettings, TlsSettings

PASSWORD = "correct horse 42"
WRONG = "wrong-password-17"


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


def errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR and r.name.startswith("sottovoce")]


def test_tls_with_ca_and_client_certificate_delivers(tmp_path, pki):
    with Broker(tmp_path / "broker", pki=pki, require_client_cert=True) as broker:
        tls = TlsSettings(enabled=True, ca_file=str(pki.ca), certfile=str(pki.client_cert), keyfile=str(pki.client_key))
        pub, outbox, topics = make_publisher(tmp_path / "state", MqttSettings(port=broker.port, tls=tls))
        outbox.put(message(0))
        pub.start()
        try:
            assert pub.wait_drained(10)
            assert pub.connected.is_set()
            assert "New client connected" in broker.log_text()
        finally:
            pub.stop()
            outbox.close()


def test_wrong_ca_is_refused_with_one_clear_error_and_no_plain_text(tmp_path, pki, caplog):
    caplog.set_level(logging.INFO)
    with Broker(tmp_path / "broker", pki=pki) as broker:
        tls = TlsSettings(enabled=True, ca_file=str(pki.wrong_ca))
        pub, outbox, topics = make_publisher(tmp_path / "state", MqttSettings(port=broker.port, tls=tls))
        outbox.put(message(0))
        pub.start()
        try:
            assert wait_until(lambda: pub.attempts >= 2, 6)
            assert not pub.connected.is_set()
            assert outbox.count() == 1
            errs = errors(caplog)
            assert len(errs) == 1, errs
            assert "certificate verify failed" in errs[0] and "mqtt.tls.ca_file" in errs[0]
            assert "Not falling back to plain text" in errs[0]
            assert "New client connected" not in broker.log_text()  # no MQTT session at all
        finally:
            pub.stop()
            outbox.close()


def test_tls_client_against_a_plain_broker_never_sends_plain_text(tmp_path, pki, caplog):
    with Broker(tmp_path / "broker") as broker:
        tls = TlsSettings(enabled=True, ca_file=str(pki.ca))
        pub, outbox, _ = make_publisher(tmp_path / "state", MqttSettings(port=broker.port, tls=tls))
        pub.start()
        try:
            assert wait_until(lambda: pub.attempts >= 1 and errors(caplog), 6)
            errs = errors(caplog)
            assert len(errs) == 1 and "Not falling back to plain text" in errs[0], errs
            assert "New client connected" not in broker.log_text()
            assert not pub.connected.is_set()
        finally:
            pub.stop()
            outbox.close()


def test_wrong_password_gives_one_clear_error_and_backs_off(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    pw = tmp_path / "pw"
    pw.write_text(WRONG + "\n")
    with Broker(tmp_path / "broker", users={"speaker": PASSWORD}) as broker:
        pub, outbox, _ = make_publisher(tmp_path / "state",
                                        MqttSettings(port=broker.port, username="speaker", password_file=str(pw)))
        outbox.put(message(0))
        pub.start()
        try:
            time.sleep(7.0)
            # backoff 1, 2, 4 s: attempts at about 0, 1, 3 and 7 s; a tight loop would make hundreds
            assert 2 <= pub.attempts <= 5, pub.attempts
            assert 2 <= broker.connection_count() <= 6, broker.connection_count()
            errs = errors(caplog)
            assert len(errs) == 1, errs
            assert "wrong username or password" in errs[0] and "mqtt.password_file" in errs[0]
            assert "'speaker'" in errs[0]
            assert outbox.count() == 1 and not pub.connected.is_set()
            assert WRONG not in caplog.text and PASSWORD not in caplog.text
        finally:
            pub.stop()
            outbox.close()


def test_right_password_from_environment_connects(tmp_path, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("SOTTOVOCE_TEST_MQTT_PW", PASSWORD)
    with Broker(tmp_path / "broker", users={"speaker": PASSWORD}) as broker:
        pub, outbox, topics = make_publisher(
            tmp_path / "state", MqttSettings(port=broker.port, username="speaker",
                                             password_env="SOTTOVOCE_TEST_MQTT_PW"))
        outbox.put(message(0))
        pub.start()
        try:
            assert pub.wait_drained(10)
            assert PASSWORD not in caplog.text
        finally:
            pub.stop()
            outbox.close()
