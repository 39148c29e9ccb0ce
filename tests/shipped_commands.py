"""The shipped command recogniser (config/vocabulary.toml, config/sentences), compiled once per test run."""

from __future__ import annotations

import functools
from pathlib import Path

from sottovoce.intents import CommandRecognizer

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "config"


@functools.lru_cache(maxsize=1)
def shipped_recognizer() -> CommandRecognizer:
    return CommandRecognizer.load("en", str(CONFIG / "vocabulary.toml"), str(CONFIG / "sentences"))
