"""Settings: the model (frozen dataclasses), loading it from TOML with overrides, and the checks
that `check-config`, `doctor` and a reload share (`settings.checks`, imported on its own)."""

from sottovoce.settings.loading import find_config, load, load_lenient, masked, parse_override
from sottovoce.settings.model import (
                                      DEFAULT_CONFIG_PATHS,
                                      WAKE_WORDS,
                                      AsrSettings,
                                      AudioSettings,
                                      AuditSettings,
                                      CommandsSettings,
                                      ConfigError,
                                      ConsentSettings,
                                      LogSettings,
                                      MqttSettings,
                                      Problem,
                                      RedactionSettings,
                                      Settings,
                                      StateSettings,
                                      TlsSettings,
                                      UtteranceSettings,
                                      WakeSettings,
)

__all__ = ["DEFAULT_CONFIG_PATHS", "WAKE_WORDS", "AsrSettings", "AudioSettings", "AuditSettings", "CommandsSettings",
           "ConfigError", "ConsentSettings", "LogSettings", "MqttSettings", "Problem", "RedactionSettings",
           "Settings", "StateSettings", "TlsSettings", "UtteranceSettings", "WakeSettings", "find_config",
           "load", "load_lenient", "masked", "parse_override"]
