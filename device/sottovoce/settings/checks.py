"""Checks behind `sottovoce check-config` and `sottovoce doctor`; each returns Findings, never raises.

`config_findings` only looks at files (fast, no models loaded): it is what check-config adds to
the type and range checks of `settings.load`. The `check_*` functions behind doctor load the real
things (PortAudio, openWakeWord, Vosk/Whisper, a broker connection) with bounded waits. Every
finding names the config key involved and a fix, so a person at the Pi can act on it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from sottovoce.settings import Settings

VOSK_MODELS_URL = "https://alphacephei.com/vosk/models"
VOSK_FIX = (f"download vosk-model-small-en-us-0.15 from {VOSK_MODELS_URL}, unzip it and set asr.model to "
            "its folder; on a Pi: sudo scripts/install.sh --vosk-model PATH (a .zip or a folder)")


@dataclass(frozen=True)
class Finding:
    """One line of a report: what was checked, whether it is fine, and how to fix it if not."""

    check: str
    ok: bool
    detail: str
    fix: str = ""
    key: str = ""
    """Config key concerned, e.g. "asr.model" ("" when none)."""
    note: bool = False
    """A remark that does not count as a problem (ok is True)."""


def ok(check: str, detail: str, key: str = "") -> Finding:
    return Finding(check, True, detail, key=key)


def problem(check: str, detail: str, fix: str, key: str = "") -> Finding:
    return Finding(check, False, detail, fix, key)


def note(check: str, detail: str, key: str = "") -> Finding:
    return Finding(check, True, detail, key=key, note=True)


def guarded(check: str, fn: Callable[[], list[Finding]]) -> list[Finding]:
    """Run one check; an unexpected exception becomes a finding instead of a traceback."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - a doctor must report, not crash
        return [problem(check, f"the check itself failed: {exc.__class__.__name__}: {exc}",
                        "report this, with the output of `sottovoce doctor -v`")]


def locate_config(explicit: str | None) -> tuple[Path | None, Finding | None]:
    """The config file to use, or a finding when it cannot even be looked at.

    /etc/sottovoce is root:sottovoce 0750 on a Pi, so a login user gets PermissionError there.
    """
    from sottovoce.settings import ConfigError, find_config

    try:
        return find_config(explicit), None
    except OSError as exc:
        return None, problem("config", f"cannot look at the config {exc.filename}: {exc.strerror}",
                             "run it as the service user: sudo -u sottovoce sottovoce ... (or with sudo)")
    except ConfigError as exc:  # find_config names a config this user may not read
        where = exc.problems[0].file
        return None, problem("config", f"cannot look at the config {where}: Permission denied",
                             "run it as the service user: sudo -u sottovoce sottovoce ... (or with sudo)")


# --- static checks (check-config) ------------------------------------------------------------

def _readable_file(path: str) -> str | None:
    """None when `path` is a readable file, else why not."""
    p = Path(path)
    if not p.exists():
        return "does not exist"
    if p.is_fifo():
        return "is a named pipe (FIFO), not a file"
    if not p.is_file():
        return "is not a file"
    if not os.access(p, os.R_OK):
        return "is not readable by this user"
    return None


def wake_findings(settings: Settings) -> list[Finding]:
    from sottovoce.wake.detector import MODELS_HINT, locate_models

    wake = settings.wake
    folder = Path(wake.models_dir)
    if not folder.is_dir():
        return [problem("wake models", f"wake.models_dir {folder} is not a folder", MODELS_HINT, "wake.models_dir")]
    out = []
    for m in locate_models(wake.words, folder)[1]:
        if m.word is None:
            out.append(problem("wake models", f"{m.path} is missing (wake.models_dir)", MODELS_HINT, "wake.models_dir"))
        elif m.key == "wake.models_dir":
            out.append(problem("wake models", f"no model for wake word {m.word!r}: {m.path} is missing (wake.words)",
                               MODELS_HINT, "wake.words"))
        else:
            out.append(problem("wake models", f"custom wake model {m.path} does not exist (wake.words)",
                               "fix the path in wake.words (relative paths are inside wake.models_dir)",
                               "wake.words"))
    if out:
        return out
    found, _ = locate_models(wake.words, folder)
    from sottovoce.wake.detector import FEATURE_STEMS

    suffix = next(iter(found.values())).suffix if found else ".tflite"
    for path in [folder / (stem + suffix) for stem in FEATURE_STEMS] + list(found.values()):
        if Path(path).suffix != ".tflite":  # ONNX models are checked when loaded
            continue
        why = _tflite_problem(Path(path))
        if why:
            out.append(problem("wake models", f"wake model {path} {why}, so it will not load", MODELS_HINT,
                               "wake.models_dir"))
    return out


TFLITE_ID = b"TFL3"
"""The FlatBuffers file identifier at bytes 4-8 of every TensorFlow Lite model."""


def _tflite_problem(path: Path) -> str | None:
    """Why `path` is not a TensorFlow Lite model (a cheap look at its header), else None; other
    formats (a custom .onnx) are left to the loader."""
    if path.suffix != ".tflite":
        return None
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if len(head) < 8 or head[4:8] != TFLITE_ID:
        return "is not a TensorFlow Lite model (damaged or another file)"
    return None


def asr_findings(settings: Settings) -> list[Finding]:
    from sottovoce.asr.recognizer import model_problem

    asr = settings.asr
    found = model_problem(asr)
    if found is None and asr.engine == "whisper":
        found = _ctranslate2_problem(Path(asr.model) / "model.bin")
    if found is None:
        return []
    fix = VOSK_FIX if asr.engine == "vosk" else ("set asr.model to a CTranslate2 Whisper folder (e.g. "
                                                 "faster-whisper tiny.en), or asr.engine = \"vosk\"")
    return [problem("asr model", f"asr.model {asr.model}{found}", fix, "asr.model")]


def _ctranslate2_problem(path: Path) -> str | None:
    """A cheap look at a CTranslate2 model.bin: it starts with its binary version (a small number;
    tiny.en has 6), so a damaged or foreign file shows here before `run` fails to load it."""
    try:
        with open(path, "rb") as f:
            head = f.read(4)
    except OSError as exc:
        return f": {path.name} cannot be read ({exc.strerror})"
    version = int.from_bytes(head, "little") if len(head) == 4 else 0
    if not 1 <= version <= 64:
        return f": {path.name} is not a CTranslate2 model (damaged, or another kind of file), so it will not load"
    return None


def consent_file_findings(settings: Settings) -> list[Finding]:
    from sottovoce.intents import CommandRecognizer, VocabularyError
    from sottovoce.privacy.sensitive import PolicyFileError, SensitiveTopics

    consent, commands = settings.consent, settings.commands
    out = []
    for key, path in (("consent.sensitive_file", consent.sensitive_file),
                      ("commands.vocabulary", commands.vocabulary)):
        why = _readable_file(path) if path or key == "consent.sensitive_file" else None
        if why:
            out.append(problem("consent files", f"{key} {path} {why}",
                               f"point {key} at an existing file (the defaults are in config/ of the checkout "
                               "and in /etc/sottovoce on a Pi)", key))
    if not out:
        try:
            SensitiveTopics.load(consent.sensitive_file, consent.extra_sensitive_terms)
        except PolicyFileError as exc:
            out.append(problem("consent files", str(exc), "fix the line named above", "consent.sensitive_file"))
        try:
            CommandRecognizer.for_settings(commands)
        except VocabularyError as exc:
            out.append(problem("consent files", str(exc), "fix the file or key named above", "commands.vocabulary"))
    from sottovoce.privacy import topics

    why = topics.model_problem()
    if why:
        out.append(problem("consent files", why, topics.FIX))
    return out


def mqtt_findings(settings: Settings, environ: Mapping[str, str] = os.environ) -> list[Finding]:
    mqtt = settings.mqtt
    if not mqtt.enabled:
        return []
    out = []
    if not mqtt.host.strip():
        out.append(problem("broker", "mqtt.host is empty", "set mqtt.host to the broker's name or address",
                           "mqtt.host"))
    if mqtt.password_file and mqtt.password_env:
        out.append(problem("broker", "both mqtt.password_file and mqtt.password_env are set",
                           "keep only one of them", "mqtt.password_file"))
    if mqtt.password_file:
        why = _readable_file(mqtt.password_file)
        if why:
            out.append(problem("broker", f"mqtt.password_file {mqtt.password_file} {why}",
                               "write the broker password on one line into that file, owned by root, group "
                               "sottovoce, mode 0640", "mqtt.password_file"))
    if mqtt.password_env and not environ.get(mqtt.password_env):
        out.append(note("broker", f"${mqtt.password_env} (mqtt.password_env) is not set here; it must be set "
                        "where the daemon runs (e.g. Environment= in a systemd drop-in)", "mqtt.password_env"))
    try:  # the same rule, with the same inputs, as the daemon's topics (mqtt.prefix, the room label)
        from sottovoce.delivery.mqtt.topics import topics_for

        topics_for(mqtt.prefix, settings.consent.site, mqtt.discovery_prefix, install_id="0" * 12)
    except ValueError as exc:
        out.append(problem("broker", str(exc), "fix mqtt.prefix: topic levels such as \"home/kitchen\"",
                           "mqtt.prefix"))
    if (mqtt.password_file or mqtt.password_env) and not mqtt.username:
        out.append(problem("broker", "a broker password is configured but mqtt.username is empty",
                           "set mqtt.username", "mqtt.username"))
    tls = mqtt.tls
    files = (("mqtt.tls.ca_file", tls.ca_file), ("mqtt.tls.certfile", tls.certfile), ("mqtt.tls.keyfile", tls.keyfile))
    if not tls.enabled:
        if any(path for _, path in files):
            out.append(note("broker", "TLS files are set but mqtt.tls.enabled = false, so they are not used",
                            "mqtt.tls.enabled"))
        return out
    for key, path in files:
        if path:
            why = _readable_file(path)
            if why:
                out.append(problem("broker", f"{key} {path} {why}",
                                   f"point {key} at a PEM file readable by the sottovoce user", key))
    if bool(tls.certfile) != bool(tls.keyfile):
        out.append(problem("broker", "only one of mqtt.tls.certfile and mqtt.tls.keyfile is set",
                           "set both for a client certificate, or neither", "mqtt.tls.certfile"))
    return out


MIN_FREE_BYTES = 1 << 20
"""Less free space than this in state.dir and the outbox or audit log cannot take a message."""


def state_findings(settings: Settings) -> list[Finding]:
    state = settings.state_dir
    if state.is_dir():
        try:
            vfs = os.statvfs(state)
        except OSError:
            vfs = None
        if vfs is not None and vfs.f_flag & os.ST_RDONLY:
            return [problem("state dir", f"state.dir {state} is on a read-only file system",
                            "remount it read-write, or set state.dir to a writable folder", "state.dir")]
        if not os.access(state, os.W_OK | os.X_OK):
            return [problem("state dir", f"state.dir {state} is not writable by this user",
                            f"run as the service user (sudo -u sottovoce ...) or: sudo chown -R sottovoce: {state}",
                            "state.dir")]
        out = []
        if vfs is not None and vfs.f_bavail * vfs.f_frsize < MIN_FREE_BYTES:
            out.append(problem("state dir", f"the disk holding state.dir {state} is full "
                               f"({vfs.f_bavail * vfs.f_frsize // 1024} KiB free)",
                               "free some space (journalctl --vacuum-size=50M, apt clean)", "state.dir"))
        return out + database_findings(state)
    if state.exists():
        return [problem("state dir", f"state.dir {state} is not a folder", "set state.dir to a folder", "state.dir")]
    parent = next((p for p in state.parents if p.exists()), Path("/"))
    if parent.is_dir() and os.access(parent, os.W_OK | os.X_OK):
        return [note("state dir", f"state.dir {state} does not exist yet; it will be created", "state.dir")]
    return [problem("state dir", f"state.dir {state} does not exist and {parent} is not writable",
                    f"create it: sudo install -d -o sottovoce -g sottovoce -m 0750 {state}", "state.dir")]


def database_findings(state: Path) -> list[Finding]:
    """The audit log and the outbox: readable, writable, not damaged (read-only look, nothing moved)."""
    from sottovoce.delivery.audit import FILENAME as AUDIT_FILE
    from sottovoce.state.database import check

    out = []
    for name in (AUDIT_FILE, "outbox.sqlite3"):
        why = check(state / name)
        if why and "damaged" in why:
            out.append(problem("state dir", f"{state / name} {why}",
                               "sottovoce run moves it aside (as *.corrupt-<time>) and starts a fresh one; "
                               "to keep nothing of it, run `sottovoce forget`", "state.dir"))
        elif why:
            out.append(problem("state dir", f"{state / name} {why}",
                               f"run as the service user (sudo -u sottovoce ...) or: sudo chown -R sottovoce: {state}",
                               "state.dir"))
    return out


def audio_source_findings(settings: Settings) -> list[Finding]:
    source = settings.audio.source
    if not source.startswith("file:"):
        return []
    path = source[5:]
    why = _readable_file(path)
    if why:
        return [problem("audio source", f"audio.source {source}: the file {why}",
                        "point audio.source at an existing WAV (file:PATH), or use \"mic\"", "audio.source")]
    from sottovoce.audio.file import open_wav
    from sottovoce.audio.frames import AudioError

    try:
        open_wav(path).close()  # the reader `run` uses: same verdict, header only
    except AudioError as exc:
        return [problem("audio source", f"audio.source {source} is not a readable WAV: {exc}",
                        "convert it: sox IN.wav -r 16000 -c 1 -b 16 OUT.wav", "audio.source")]
    return []


def config_findings(settings: Settings, environ: Mapping[str, str] = os.environ) -> list[Finding]:
    """Every file-level problem with a loaded config, in config order."""
    checks: list[tuple[str, Callable[[], list[Finding]]]] = [
        ("audio source", lambda: audio_source_findings(settings)),
        ("wake models", lambda: wake_findings(settings)),
        ("asr model", lambda: asr_findings(settings)),
        ("consent files", lambda: consent_file_findings(settings)),
        ("broker", lambda: mqtt_findings(settings, environ)),
        ("state dir", lambda: state_findings(settings)),
    ]
    return [f for name, fn in checks for f in guarded(name, fn)]


# --- live checks (doctor) --------------------------------------------------------------------

def check_microphone(settings: Settings, backend: Any = None) -> list[Finding]:
    """Is there an input device matching audio.device, and which rates does it take?"""
    audio = settings.audio
    if audio.source != "mic":
        return [ok("microphone", f"audio.source = {audio.source!r}: no microphone used", "audio.source")]
    from sottovoce.audio.frames import AudioError
    from sottovoce.audio.mic import HELP, NONE_FOUND, accepted_rates, find_device, input_devices, load_sounddevice

    try:
        sd = backend or load_sounddevice()
    except AudioError as exc:
        return [problem("microphone", str(exc), "sudo apt install libportaudio2")]
    devices = input_devices(sd)
    if not devices:
        return [problem("microphone", "no microphone: PortAudio lists no audio input device", NONE_FOUND,
                        "audio.device")]
    try:
        device = find_device(sd, audio.device)
    except AudioError as exc:
        return [problem("microphone", str(exc), HELP, "audio.device")]
    rates = accepted_rates(sd, device)
    name = f"{device['name']} (index {device['index']})"
    if not rates:
        return [problem("microphone", f"{name} accepts none of the usual capture rates",
                        "if the service is running it holds the microphone: sudo systemctl stop sottovoce, "
                        "then run doctor again; else pick another device with `sottovoce devices` and set "
                        "audio.device", "audio.device")]
    extra = "" if 16000 in rates else "; it will be resampled to 16000 Hz"
    return [ok("microphone", f"{name} takes {', '.join(map(str, rates))} Hz{extra}", "audio.device")]


def check_wake(settings: Settings, clock: Callable[[], float] = time.monotonic) -> list[Finding]:
    from sottovoce.wake.detector import WakeModelError, WakeWordDetector

    found = wake_findings(settings)
    if found:
        return found
    start = clock()
    try:
        detector = WakeWordDetector(settings.wake.words, settings.wake.models_dir, settings.wake.threshold,
                                    settings.wake.refractory)
    except WakeModelError as exc:
        return [problem("wake models", str(exc), "re-install the models: sudo scripts/install.sh", "wake.models_dir")]
    return [ok("wake models", f"{', '.join(detector.words)} loaded from {settings.wake.models_dir} "
               f"in {clock() - start:.1f} s", "wake.words")]


def check_asr(settings: Settings, clock: Callable[[], float] = time.monotonic) -> list[Finding]:
    import numpy as np

    from sottovoce.asr.recognizer import AsrModelError, load_recognizer

    found = asr_findings(settings)
    if found:
        return found
    start = clock()
    try:
        recognizer = load_recognizer(settings.asr)
        session = recognizer.session()
        session.accept(np.zeros(1280, dtype=np.int16))
        session.finish()
    except AsrModelError as exc:
        return [problem("asr model", str(exc), VOSK_FIX if settings.asr.engine == "vosk" else
                        "set asr.model to a faster-whisper model folder", "asr.model")]
    return [ok("asr model", f"{settings.asr.engine} model {settings.asr.model} loaded in {clock() - start:.1f} s",
               "asr.model")]


def check_broker(settings: Settings, timeout: float = 3.0, environ: Mapping[str, str] = os.environ) -> list[Finding]:
    """One short connection with the configured TLS and credentials; disconnects right away."""
    import socket
    import ssl

    from sottovoce.delivery.mqtt.link import LinkError, build_client, explain_refusal, explain_tls, where

    mqtt = settings.mqtt
    if not mqtt.enabled:
        return [ok("broker", "mqtt.enabled = false: nothing is published", "mqtt.enabled")]
    try:
        client = build_client(mqtt, "sottovoce/doctor/status", environ)
    except LinkError as exc:
        return [problem("broker", str(exc), "fix the mqtt settings named above", "mqtt")]
    client.connect_timeout = timeout
    result: dict[str, Any] = {}
    client.on_connect = lambda _c, _u, _f, reason, _p: result.setdefault("reason", reason)
    url = where(mqtt)
    fix_net = "start the broker, or set mqtt.host / mqtt.port to where it runs"
    try:
        client.connect(mqtt.host, mqtt.port, keepalive=max(mqtt.keepalive, 5))
        deadline = time.monotonic() + timeout
        while "reason" not in result and time.monotonic() < deadline:
            client.loop(timeout=0.1)
    except ssl.SSLError as exc:
        return [problem("broker", explain_tls(exc, mqtt), "fix mqtt.tls.* or the broker's certificate", "mqtt.tls")]
    except ConnectionRefusedError:
        return [problem("broker", f"nothing accepts connections at {url} (connection refused)", fix_net, "mqtt.host")]
    except (ConnectionResetError, BrokenPipeError) as exc:
        if mqtt.tls.enabled:  # a plain-text listener drops a TLS ClientHello
            return [problem("broker", f"TLS with {url} failed: the broker closed the connection during the "
                            f"handshake ({exc.strerror}); it probably does not speak TLS on port {mqtt.port}",
                            "use the broker's TLS listener (often 8883), or set mqtt.tls.enabled = false for a "
                            "broker on this machine", "mqtt.tls.enabled")]
        return [problem("broker", f"{url} closed the connection ({exc.strerror})",
                        "if the broker only accepts TLS on this port, set mqtt.tls.enabled = true", "mqtt.tls.enabled")]
    except socket.gaierror as exc:
        return [problem("broker", f"cannot resolve mqtt.host {mqtt.host!r} ({exc})", "check the name", "mqtt.host")]
    except OSError as exc:
        return [problem("broker", f"cannot reach {url} ({exc.__class__.__name__}: {exc})", fix_net, "mqtt.host")]
    finally:
        try:
            client.disconnect()
            client.loop(timeout=0.05)
        except Exception:  # noqa: BLE001 - never connected, nothing to close
            pass
    reason = result.get("reason")
    if reason is None:
        return [problem("broker", f"{url} accepted TCP but sent no CONNACK within {timeout:.0f} s",
                        "check that it is an MQTT broker, and mqtt.tls.enabled matches its port", "mqtt.port")]
    if reason.is_failure:
        return [problem("broker", explain_refusal(reason.getName(), reason.value, mqtt),
                        "fix mqtt.username / mqtt.password_file, or the broker's ACL", "mqtt.username")]
    login = f" as {mqtt.username!r}" if mqtt.username else " without login"
    return [ok("broker", f"connected to {url}{login}{' with TLS' if mqtt.tls.enabled else ''}", "mqtt.host")]


def consent_summary(settings: Settings) -> list[Finding]:
    """What will leave the device, in words; informational, never a problem."""
    c = settings.consent
    sending = [label for on, label in ((c.commands, "transcripts matching the command allow-list"),
                                       (c.text, "any redacted transcript"),
                                       (c.wake_events, "\"a wake word was heard\" events")) if on]
    if not sending:
        what = "nothing leaves the device (no consent given; change with `sottovoce consent`)"
    else:
        to = f"to {settings.mqtt.host}:{settings.mqtt.port}" if settings.mqtt.enabled else "(but MQTT is disabled)"
        what = (f"sent {to}: " + "; ".join(sending) + ("; sensitive topics included" if c.sensitive
                                                        else "; sensitive topics held back") +
                f"; pseudonym {c.site!r}; times to the {c.time_precision}; redacted, no audio, no device id")
    return [ok("consent", what, "consent")]
