"""The settings model: one frozen dataclass per config section, each field with its check and docstring.

A field's metadata carries the check `loading` applies and the words for what was expected, so the
model is the single place that says what a valid config is (`check-config`, `doctor`, `run` and a
reload all read it through `sottovoce.settings.load`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sottovoce.delivery.mqtt.topics import normalize_prefix, valid_prefix
from sottovoce.errors import shown

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
    """Household names to always redact, wherever they occur, in addition to the names the tagger finds."""


@dataclass(frozen=True)
class ConsentSettings:
    commands: bool = False
    """Send commands (transcripts Home Assistant's intent grammar recognises) as intents."""
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
    sensitive_file: str = _path("sensitive.toml")
    """Sensitive topics and their terms."""
    time_precision: str = field(default="minute", metadata=_check(lambda v: v in ("minute", "hour", "day"),
                                                                  '"minute", "hour" or "day"'))
    """How coarsely message times are rounded."""
    extra_sensitive_terms: tuple[str, ...] = ()
    """More words or phrases to hold back as sensitive (topic "household"), on top of sensitive_file."""


@dataclass(frozen=True)
class CommandsSettings:
    language: str = field(default="en", metadata=_check(lambda v: bool(v.strip()),
                                                        'a language code of home-assistant-intents, e.g. "en"'))
    """Which of Home Assistant's sentence templates (home-assistant-intents) recognise commands."""
    vocabulary: str = _path("vocabulary.toml")
    """The household's areas, floors, device names and list names (TOML); "" for none."""
    sentences_dir: str = _path("sentences")
    """The household's own sentences, hassil YAML in <sentences_dir>/<language>/*.yaml."""
    exclude_intents: tuple[str, ...] = ("HassBroadcast", "HassRespond")
    """Intents never recognised: by default those whose slot is free text ("broadcast {message}")."""


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
        lambda v: valid_prefix(normalize_prefix(v)),
        'topic levels without "+", "#", "$" at the start, control characters, spaces around a level or '
        'empty levels, at most 512 bytes, e.g. "home/speaker"'))
    """Topic prefix; "" means sottovoce/<site> with the room label, or sottovoce/<install id>."""
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
        lambda v: bool(normalize_prefix(v)) and valid_prefix(normalize_prefix(v)),
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
    commands: CommandsSettings = field(default_factory=CommandsSettings)
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
        return f"{where}: {self.key} = {shown(self.value)}: expected {self.expected}"



class ConfigError(Exception):
    """One or more config problems; str() lists them all, one a line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
