"""Sensitive-topic detection: is a transcript about health, sexuality, crime, religion, politics or money trouble?

Pure: `SensitiveTopics.from_toml_text` and `.topics(text)` take and return values; loading the file is a
thin wrapper. Terms match whole words and phrases only (``"stab*"`` would also catch "stable", so the
bundled list spells out "stabbed", "stabbing"). A trailing ``*`` means "this word and any ending":
``"diagnos*"`` matches "diagnosis" and "diagnosed". Better to hold back a harmless sentence than send
a sensitive one, but ordinary commands ("kill the lights", "play some music") must still go through,
so ambiguous words are left out of the bundled list.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

EXTRA_TOPIC = "household"
"""Topic name for the terms a household adds in consent.extra_sensitive_terms."""

_STRIP = re.compile(r"[.,!?;:\"“”()]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_SPACES = re.compile(r"\s+")


class PolicyFileError(ValueError):
    """A commands or sensitive-topics file cannot be used; the message names the file, line and fix."""


def normalize(text: str) -> str:
    """Lowercase, plain apostrophes, no sentence punctuation, single spaces: how Vosk and Whisper output meet."""
    text = text.translate(_APOSTROPHES).lower()
    return _SPACES.sub(" ", _STRIP.sub(" ", text)).strip()


def _term_regex(term: str) -> str:
    term = normalize(term)
    prefix = term.endswith("*")
    words = term.rstrip("*").split()
    body = r"\s+".join(re.escape(w) for w in words)
    return body + (r"\w*" if prefix else "")


@dataclass(frozen=True)
class SensitiveTopics:
    """Compiled term lists, one pattern per topic."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def from_terms(cls, terms: Mapping[str, Iterable[str]]) -> "SensitiveTopics":
        compiled = []
        for topic, words in terms.items():
            alts = [_term_regex(w) for w in words if normalize(w).rstrip("*")]
            if alts:
                # Longest first, so phrases win over their first word in the alternation.
                alts.sort(key=len, reverse=True)
                compiled.append((topic, re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")))
        return cls(tuple(compiled))

    @classmethod
    def from_toml_text(cls, text: str, source: str = "sensitive.toml",
                       extra: Iterable[str] = ()) -> "SensitiveTopics":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise PolicyFileError(f"{source}: not valid TOML ({exc})") from None
        terms: dict[str, list[str]] = {}
        for topic, table in data.items():
            words = table.get("terms") if isinstance(table, dict) else None
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise PolicyFileError(f'{source}: [{topic}] needs terms = ["word", "a phrase", "prefix*", ...]')
            terms[topic] = words
        extra = [w for w in extra if w.strip()]
        if extra:
            terms.setdefault(EXTRA_TOPIC, []).extend(extra)
        return cls.from_terms(terms)

    @classmethod
    def load(cls, path: str | Path, extra: Iterable[str] = ()) -> "SensitiveTopics":
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PolicyFileError(f"{path}: cannot read the sensitive-topics file ({exc}); "
                                  "set consent.sensitive_file to an existing file") from None
        return cls.from_toml_text(text, str(path), extra)

    def topics(self, text: str) -> tuple[str, ...]:
        """The topics the text touches, in file order; () when none."""
        norm = normalize(text)
        return tuple(topic for topic, pattern in self.patterns if pattern.search(norm))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(topic for topic, _ in self.patterns)
