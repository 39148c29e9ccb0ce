"""Settings: frozen dataclasses loaded from TOML, with ``--set section.key=VALUE`` overrides.

Every problem is collected in one pass (``sottovoce check-config`` shows them all) and names the
file, the key, the value and what was expected. Relative paths in a config file are resolved
against that file's folder, so ``/etc/sottovoce/sottovoce.toml`` and ``config/sottovoce.toml`` in
a checkout both work; relative paths given with ``--set`` are resolved against the current folder.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_PATHS = (Path("/etc/sottovoce/sottovoce.toml"),)
WAKE_WORDS = ("alexa", "hey_jarvis", "hey_mycroft", "hey_rhasspy", "okay_nabu")


def _path(default: str, **meta: Any) -> Any:
    return field(default=default, metadata={"path": True, **meta})


def _check(fn, expected: str) -> dict:
    return {"check": fn, "expected": expected}


@dataclass(frozen=True)
class AudioSettings:
    source: str = field(default="mic", metadata=_check(
        lambda v: v in ("mic", "stdin") or (v.startswith("file:") and len(v) > 5),
        '"mic", "stdin" or "file:PATH"'))
    """Where audio comes from: a sounddevice microphone, raw S16LE 16 kHz mono on stdin, or a WAV."""
    device: str = ""
    """Microphone: a substring of its name or its index as shown by `sottovoce devices`; "" is the system default."""
    sample_rate: int = field(default=0, metadata=_check(lambda v: v == 0 or 8000 <= v <= 192000,
                                                        "0 (automatic) or a rate in Hz from 8000 to 192000"))
    """Capture rate for the microphone; 0 tries 16 kHz and falls back to the device's own rate."""


@dataclass(frozen=True)
class WakeSettings:
    words: tuple[str, ...] = field(default=("hey_jarvis",), metadata=_check(
        lambda v: len(v) > 0 and all(w in WAKE_WORDS or w.endswith((".tflite", ".onnx")) for w in v),
        f"a non-empty list of {', '.join(WAKE_WORDS)} or paths to .tflite/.onnx models"))
    """Wake words to listen for: built-in names or paths to custom openWakeWord models."""
    threshold: float = field(default=0.5, metadata=_check(lambda v: 0.0 < v < 1.0, "a number between 0 and 1"))
    """Score above which a wake word counts as heard."""
    refractory: float = field(default=2.0, metadata=_check(lambda v: 0.0 <= v <= 60.0, "seconds, 0 to 60"))
    """Seconds after a detection during which the same word is not detected again."""
    models_dir: str = _path("../models/openwakeword")
    """Folder holding the openWakeWord tflite files (melspectrogram, embedding_model, <word>_v0.1)."""


@dataclass(frozen=True)
class UtteranceSettings:
    silence: float = field(default=0.8, metadata=_check(lambda v: 0.1 <= v <= 10.0, "seconds, 0.1 to 10"))
    """Trailing silence that ends a command."""
    max_seconds: float = field(default=10.0, metadata=_check(lambda v: 1.0 <= v <= 60.0, "seconds, 1 to 60"))
    """Longest command captured after the wake word."""
    start_timeout: float = field(default=3.0, metadata=_check(lambda v: 0.5 <= v <= 30.0, "seconds, 0.5 to 30"))
    """Give up when no speech starts within this time after the wake word."""
    vad_aggressiveness: int = field(default=2, metadata=_check(lambda v: v in (0, 1, 2, 3), "0, 1, 2 or 3"))
    """WebRTC VAD mode: 0 lets most sound count as speech, 3 is strictest."""


@dataclass(frozen=True)
class AsrSettings:
    engine: str = field(default="vosk", metadata=_check(lambda v: v in ("vosk", "whisper"), '"vosk" or "whisper"'))
    """Offline recogniser."""
    model: str = _path("../models/vosk-model-small-en-us-0.15")
    """Model folder: a Vosk model, or a faster-whisper (CTranslate2) model for engine "whisper"."""
    language: str = "en"
    """Language hint for Whisper."""


@dataclass(frozen=True)
class RedactionSettings:
    extra_names: tuple[str, ...] = ()
    """Household names to always redact, in addition to the bundled name list."""


@dataclass(frozen=True)
class ConsentSettings:
    commands: bool = False
    """Send transcripts that match the allow-list of command patterns."""
    text: bool = False
    """Send any redacted transcript."""
    wake_events: bool = False
    """Send only "a wake word was heard", no text."""
    sensitive: bool = False
    """Also send transcripts about sensitive topics (health, sexuality, crime, ...)."""
    site: str = field(default="per_message", metadata=_check(lambda v: bool(v.strip()),
                                                             '"per_message", "daily" or a room label'))
    """Pseudonym in messages: a fresh random id per message, a daily rotating id, or a room label."""
    allow_remote_unmute: bool = False
    """Whether `unmute` on the MQTT command topic is obeyed (mute always is)."""
    commands_file: str = _path("commands.txt")
    """Allow-list of command patterns, one regular expression per line."""
    sensitive_file: str = _path("sensitive.toml")
    """Sensitive topics and their terms."""
    time_precision: str = field(default="minute", metadata=_check(lambda v: v in ("minute", "hour", "day"),
                                                                  '"minute", "hour" or "day"'))
    """How coarsely message times are rounded."""
    extra_sensitive_terms: tuple[str, ...] = ()
    """More words or phrases to hold back as sensitive (topic "household"), on top of sensitive_file."""


@dataclass(frozen=True)
class AuditSettings:
    retention_days: float = field(default=7.0, metadata=_check(lambda v: 0 < v <= 365, "days, up to 365"))
    """Audit records older than this are purged."""


@dataclass(frozen=True)
class TlsSettings:
    enabled: bool = False
    """Connect with TLS (never falls back to plain text)."""
    ca_file: str = _path("")
    """CA bundle that signed the broker's certificate; "" uses the system store."""
    certfile: str = _path("")
    """Client certificate, for brokers that require one."""
    keyfile: str = _path("")
    """Client key matching certfile."""


@dataclass(frozen=True)
class MqttSettings:
    enabled: bool = True
    """Publish to a broker at all."""
    host: str = "localhost"
    port: int = field(default=1883, metadata=_check(lambda v: 0 < v < 65536, "a TCP port, 1 to 65535"))
    protocol: str = field(default="3.1.1", metadata=_check(lambda v: v in ("3.1.1", "5"), '"3.1.1" or "5"'))
    prefix: str = field(default="", metadata=_check(
        lambda v: not any(c in v for c in "+#\0") and not v.startswith("/") and "//" not in v,
        'topic levels without "+", "#" or empty levels, e.g. "home/speaker"'))
    """Topic prefix; "" means sottovoce/<site> with the room label, or sottovoce/home."""
    username: str = ""
    password_file: str = _path("")
    """File holding the broker password (never put the password itself in the config)."""
    password_env: str = ""
    """Environment variable holding the broker password, as an alternative to password_file."""
    keepalive: int = field(default=60, metadata=_check(lambda v: 5 <= v <= 3600, "seconds, 5 to 3600"))
    tls: TlsSettings = field(default_factory=TlsSettings)
    outbox_ttl_hours: float = field(default=24.0, metadata=_check(lambda v: 0 < v <= 24 * 30, "hours, up to 720"))
    """Queued messages older than this are dropped (and the drop is audited)."""
    outbox_max: int = field(default=10000, metadata=_check(lambda v: 1 <= v <= 1_000_000, "1 to 1000000"))
    """Most messages kept queued; the oldest are dropped beyond it."""
    drain_timeout: float = field(default=5.0, metadata=_check(lambda v: 0 <= v <= 300, "seconds, 0 to 300"))
    """With a file: source, how long `run` waits for the outbox to empty before exiting."""
    homeassistant: bool = True
    """Publish Home Assistant MQTT discovery."""
    discovery_prefix: str = field(default="homeassistant", metadata=_check(
        lambda v: bool(v) and not any(c in v for c in "+#\0") and not v.startswith("/") and "//" not in v,
        'Home Assistant\'s discovery prefix, usually "homeassistant"'))
    """Where Home Assistant listens for discovery (its MQTT integration setting)."""
    hermes: bool = False
    """Also publish Rhasspy/Hermes hermes/asr/textCaptured and hermes/hotword/<word>/detected."""


@dataclass(frozen=True)
class StateSettings:
    dir: str = _path("../.state")
    """Folder for the audit log, outbox, mute state and the local pseudonym secret."""


@dataclass(frozen=True)
class LogSettings:
    level: str = field(default="INFO", metadata=_check(lambda v: v.upper() in ("DEBUG", "INFO", "WARNING", "ERROR"),
                                                       '"DEBUG", "INFO", "WARNING" or "ERROR"'))


@dataclass(frozen=True)
class Settings:
    audio: AudioSettings = field(default_factory=AudioSettings)
    wake: WakeSettings = field(default_factory=WakeSettings)
    utterance: UtteranceSettings = field(default_factory=UtteranceSettings)
    asr: AsrSettings = field(default_factory=AsrSettings)
    redaction: RedactionSettings = field(default_factory=RedactionSettings)
    consent: ConsentSettings = field(default_factory=ConsentSettings)
    audit: AuditSettings = field(default_factory=AuditSettings)
    mqtt: MqttSettings = field(default_factory=MqttSettings)
    state: StateSettings = field(default_factory=StateSettings)
    log: LogSettings = field(default_factory=LogSettings)
    source_file: str = field(default="", compare=False)
    """The config file these settings came from ("" for built-in defaults)."""

    @property
    def state_dir(self) -> Path:
        return Path(self.state.dir)


@dataclass(frozen=True)
class Problem:
    file: str
    key: str
    value: Any
    expected: str

    def __str__(self) -> str:
        where = self.file or "command line"
        return f"{where}: {self.key} = {self.value!r}: expected {self.expected}"


class ConfigError(Exception):
    """One or more config problems; str() lists them all, one a line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def find_config(explicit: str | None) -> Path | None:
    """The config to read: --config, else $SOTTOVOCE_CONFIG, else /etc/sottovoce/sottovoce.toml if present."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("SOTTOVOCE_CONFIG")
    if env:
        return Path(env)
    for path in DEFAULT_CONFIG_PATHS:
        try:
            if path.is_file():
                return path
        except PermissionError:  # /etc/sottovoce is 0750 root:sottovoce on a Pi
            raise ConfigError([Problem(str(path), "(file)", str(path),
                                       "a config file this user may read; run the command as the service "
                                       "user (sudo -u sottovoce sottovoce ...) or with sudo")]) from None
    return None


def parse_override(text: str) -> tuple[str, Any]:
    """``section.key=VALUE``: VALUE is read as TOML when it parses as one, else kept as a string."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise ConfigError([Problem("", text, text, "--set section.key=VALUE")])
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return key.strip(), value


def load(config: str | Path | None = None, overrides: list[str] = ()) -> Settings:
    """Read the config file (if any) and apply overrides; raise ConfigError listing every problem."""
    path = find_config(str(config) if config else None)
    problems: list[Problem] = []
    data: dict[str, Any] = {}
    fname = str(path) if path else ""
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError([Problem(fname, "(file)", str(path), "an existing config file; "
                                       "copy config/sottovoce.toml there or pass --config")]) from None
        except PermissionError:
            raise ConfigError([Problem(fname, "(file)", str(path), "a config file this user may read; run the "
                                       "command as the service user (sudo -u sottovoce ...) or with sudo")]) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError([Problem(fname, "(file)", str(path), f"a readable UTF-8 file ({exc})")]) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError([Problem(fname, "(syntax)", str(exc), "valid TOML")]) from None
    base_dir = path.resolve().parent if path else Path.cwd()
    origins: dict[str, str] = {}
    for item in overrides:
        try:
            key, value = parse_override(item)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        node = data
        parts = key.split(".")
        for part in parts[:-1]:
            nxt = node.setdefault(part, {})
            if not isinstance(nxt, dict):
                problems.append(Problem("", key, value, f"{part} to be a section"))
                break
            node = nxt
        else:
            node[parts[-1]] = value
            origins[key] = "override"
    settings = _build(Settings, data, "", fname, base_dir, origins, problems)
    if problems:
        raise ConfigError(problems)
    return dataclasses.replace(settings, source_file=fname)


def _build(cls, data: Any, prefix: str, fname: str, base_dir: Path, origins: dict[str, str],
           problems: list[Problem]):
    if not isinstance(data, dict):
        problems.append(Problem(fname, prefix.rstrip(".") or "(top)", data, "a table of settings"))
        return cls()
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "source_file"}
    for key in data:
        if key not in fields:
            close = difflib.get_close_matches(key, fields, n=1)
            hint = f"one of {', '.join(fields)}" + (f" (did you mean {prefix}{close[0]}?)" if close else "")
            problems.append(Problem(fname, f"{prefix}{key}", data[key], f"a known key: {hint}"))
    values: dict[str, Any] = {}
    for name, f in fields.items():
        key = f"{prefix}{name}"
        typ = hints[name]
        if dataclasses.is_dataclass(typ):  # absent sections too, so their default paths are resolved
            values[name] = _build(typ, data.get(name, {}), key + ".", fname, base_dir, origins, problems)
            continue
        if name not in data:
            continue
        ok, value, expected = _coerce(typ, data[name])
        check = f.metadata.get("check")
        if ok and check is not None and not check(value):
            ok, expected = False, f.metadata["expected"]
        if not ok:
            problems.append(Problem("" if origins.get(key) else fname, key, data[name],
                                    f.metadata.get("expected", expected)))
            continue
        if f.metadata.get("path") and value:
            root = Path.cwd() if origins.get(key) else base_dir
            value = str((root / Path(value).expanduser()))
        values[name] = value
    try:
        obj = cls(**values)
    except TypeError as exc:  # pragma: no cover - all keys are validated above
        problems.append(Problem(fname, prefix.rstrip("."), data, str(exc)))
        return cls()
    return _resolve_default_paths(obj, base_dir, values)


def _resolve_default_paths(obj, base_dir: Path, given: dict[str, Any]):
    """Default relative paths are relative to the config file's folder, like those written in it."""
    changes = {}
    for f in dataclasses.fields(obj):
        if f.metadata.get("path") and f.name not in given:
            default = getattr(obj, f.name)
            if default and not Path(default).is_absolute():
                changes[f.name] = str(base_dir / default)
    return dataclasses.replace(obj, **changes) if changes else obj


def _coerce(typ, value) -> tuple[bool, Any, str]:
    if typ is bool:
        return isinstance(value, bool), value, "true or false"
    if typ is int:
        return isinstance(value, int) and not isinstance(value, bool), value, "a whole number"
    if typ is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return ok, float(value) if ok else value, "a number"
    if typ is str:
        if isinstance(value, int) and not isinstance(value, bool):
            return True, str(value), "a string"  # e.g. audio.device=2
        return isinstance(value, str), value, "a string"
    origin = typing.get_origin(typ)
    if origin is tuple:
        if isinstance(value, str):
            value = [value]
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return ok, tuple(value) if ok else value, "a list of strings"
    if origin in (typing.Union, types.UnionType):  # pragma: no cover - not used yet
        return True, value, "a value"
    return False, value, f"a {typ}"


def masked(settings: Settings) -> dict[str, Any]:
    """The settings as a dict for echoing, with anything secret-looking masked."""
    out = dataclasses.asdict(settings)
    mqtt = out.get("mqtt", {})
    if mqtt.get("password_env"):
        mqtt["password_env"] = mqtt["password_env"] + " (value not shown)"
    return out
