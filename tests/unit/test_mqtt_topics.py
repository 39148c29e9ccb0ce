"""Topics, passwords and error explanations (pure parts of the MQTT link)."""

from __future__ import annotations

import ssl

import pytest
from sottovoce.delivery.mqtt.link import LinkError, build_client, explain_refusal, explain_tls, read_password
from sottovoce.delivery.mqtt.topics import prefix_problem, topics_for
from sottovoce.privacy.install_id import new_install_id
from sottovoce.settings import MqttSettings, TlsSettings


@pytest.mark.parametrize("prefix, site, expected", [
    ("", "per_message", "sottovoce/3f9a0c11d2e4"),
    ("", "daily", "sottovoce/3f9a0c11d2e4"),
    ("", "kitchen", "sottovoce/kitchen"),
    ("", "Living Room", "sottovoce/living_room"),
    ("", "a/b+#", "sottovoce/a_b"),
    ("house/voice", "kitchen", "house/voice"),
    ("house/voice/", "daily", "house/voice"),
])
def test_prefix(prefix, site, expected):
    t = topics_for(prefix, site, install_id="3f9a0c11d2e4")
    assert t.prefix == expected
    assert (t.text, t.status, t.state, t.cmd) == tuple(f"{expected}/{x}" for x in ("text", "status", "state", "cmd"))


def test_two_speakers_with_default_settings_get_two_prefixes():
    a, b = new_install_id(), new_install_id()
    assert a != b and len(a) == 12
    assert topics_for("", "daily", install_id=a).status != topics_for("", "daily", install_id=b).status


@pytest.mark.parametrize("prefix, why", [
    ("a/+/b", "wildcard"), ("a/#", "wildcard"), ("/a", "empty level"), ("a//b", "empty level"),
    ("a\0b", "control character"), ("a\x01b", "control character"), ("$SYS/x", "reserved"),
    ("home/ kitchen", "space"), ("a" * 600, "600 bytes"),
])
def test_bad_prefix_is_refused_with_the_reason(prefix, why):
    with pytest.raises(ValueError, match=why):
        topics_for(prefix, "daily", install_id="3f9a0c11d2e4")
    assert why in prefix_problem(prefix)


@pytest.mark.parametrize("prefix", ["a/+/b", "$SYS/x", "a" * 600, "home/ kitchen", "a\x7fb", " ok/ok ", "ok"])
def test_the_settings_check_and_the_daemons_topics_agree(prefix):
    """check-config (settings.load) and `run` (topics_for) use one rule, so they cannot disagree."""
    accepted_by_settings = not [p for p in load_problems(prefix)]
    try:
        topics_for(prefix, "daily", install_id="3f9a0c11d2e4")
        accepted_by_run = True
    except ValueError:
        accepted_by_run = False
    assert accepted_by_settings == accepted_by_run


def load_problems(prefix: str) -> list:
    from sottovoce.settings import ConfigError, load

    try:
        load(None, [f"mqtt.prefix={prefix}"])
    except ConfigError as exc:
        return [p for p in exc.problems if p.key == "mqtt.prefix"]
    return []


def test_password_from_file_env_and_errors(tmp_path):
    f = tmp_path / "pw"
    f.write_text("s3cret\n")
    assert read_password(MqttSettings(password_file=str(f)), {}) == "s3cret"
    assert read_password(MqttSettings(password_env="PW"), {"PW": "envpw"}) == "envpw"
    assert read_password(MqttSettings(), {}) is None
    with pytest.raises(LinkError, match="password_file"):
        read_password(MqttSettings(password_file=str(tmp_path / "missing")), {})
    with pytest.raises(LinkError, match=r"\$PW"):
        read_password(MqttSettings(password_env="PW"), {})
    with pytest.raises(LinkError, match="only one"):
        read_password(MqttSettings(password_file=str(f), password_env="PW"), {"PW": "x"})


@pytest.mark.parametrize("settings, match", [
    (MqttSettings(host=""), "mqtt.host"),
    (MqttSettings(password_env="PW"), "username"),
    (MqttSettings(tls=TlsSettings(enabled=True, ca_file="/nonexistent/ca.pem")), "ca_file"),
    (MqttSettings(tls=TlsSettings(enabled=True, certfile="/x.pem")), "certfile and mqtt.tls.keyfile"),
])
def test_build_client_config_errors(settings, match):
    with pytest.raises(LinkError, match=match):
        build_client(settings, "t/status", {"PW": "pw"})


@pytest.mark.parametrize("value, name, username, words", [
    (5, "Not authorized", "bob", ["bob", "wrong username or password", "mqtt.password_file"]),
    (4, "Bad user name or password", "bob", ["wrong username or password"]),
    (134, "Bad user name or password", "bob", ["wrong username or password"]),
    (5, "Not authorized", "", ["requires a login", "mqtt.username"]),
    (1, "Unsupported protocol version", "", ["mqtt.protocol"]),
])
def test_explain_refusal(value, name, username, words):
    text = explain_refusal(name, value, MqttSettings(username=username))
    for w in words:
        assert w in text


@pytest.mark.parametrize("exc, words", [
    (ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get "
                                     "local issuer certificate"), ["mqtt.tls.ca_file", "Not falling back"]),
    (ssl.SSLCertVerificationError(1, "certificate verify failed: Hostname mismatch, certificate is not valid "
                                     "for 'x'"), ["mqtt.host", "Not falling back"]),
    (ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number"), ["does not speak TLS", "Not falling back"]),
])
def test_explain_tls(exc, words):
    text = explain_tls(exc, MqttSettings(tls=TlsSettings(enabled=True, ca_file="/etc/ca.pem")))
    for w in words:
        assert w in text
