"""The household's own words for its home: areas, floors, device names and list names.

Home Assistant fills these lists from its entity registry; on the speaker they come from a small
TOML file the household edits (config/vocabulary.toml). Each device name carries its Home Assistant
domain ("light", "vacuum", ...) because the grammar uses it to tell "start the vacuum" from "start
the lawn mower". Names the file does not list still match through a wildcard (see recognizer.py).

Pure: `Vocabulary.from_toml_text` takes text and returns a value; `load` is the thin file wrapper.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

DOMAINS = ("light", "switch", "fan", "cover", "valve", "lock", "climate", "media_player", "vacuum",
           "lawn_mower", "scene", "script", "button", "input_boolean", "input_button", "sensor",
           "binary_sensor", "todo", "weather", "person")
"""Home Assistant domains a device name may be given (those HA's sentence templates ask for)."""


class VocabularyError(ValueError):
    """The vocabulary or a sentences file cannot be used; the message names the file, key and fix."""


@dataclass(frozen=True)
class Vocabulary:
    areas: tuple[str, ...] = ()
    """Rooms, as spoken: "kitchen", "living room"."""
    floors: tuple[str, ...] = ()
    """Floors, as spoken: "upstairs", "ground floor"."""
    names: Mapping[str, str] = field(default_factory=dict)
    """Device name -> Home Assistant domain, e.g. {"desk lamp": "light"}."""
    lists: tuple[str, ...] = ()
    """To-do and shopping list names: "shopping list", "groceries"."""

    @classmethod
    def from_toml_text(cls, text: str, source: str = "vocabulary.toml") -> "Vocabulary":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise VocabularyError(f"{source}: not valid TOML ({exc}); fix the line named") from None
        return cls.from_dict(data, source)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "vocabulary.toml") -> "Vocabulary":
        unknown = sorted(set(data) - {"areas", "floors", "names", "lists"})
        if unknown:
            raise VocabularyError(f"{source}: unknown key {unknown[0]!r}; expected areas, floors, names, lists")
        names = data.get("names", {})
        if not isinstance(names, Mapping):
            raise VocabularyError(f'{source}: names must be a table of "device name" = "domain"')
        for name, domain in names.items():
            if domain not in DOMAINS:
                raise VocabularyError(f"{source}: names.{name!r} = {domain!r}: expected a Home Assistant "
                                      f"domain, one of {', '.join(DOMAINS)}")
        return cls(areas=_words(data, "areas", source), floors=_words(data, "floors", source),
                   names={_clean(str(k)): str(v) for k, v in names.items() if _clean(str(k))},
                   lists=_words(data, "lists", source))

    @classmethod
    def load(cls, path: str | Path) -> "Vocabulary":
        """An empty path means no household words (the wildcard still catches names)."""
        if not str(path):
            return cls()
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise VocabularyError(f"{path}: cannot read the vocabulary ({exc}); set commands.vocabulary "
                                  'to an existing file or to ""') from None
        return cls.from_toml_text(text, str(path))


def _clean(word: str) -> str:
    return " ".join(word.lower().split())


def _words(data: Mapping[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise VocabularyError(f'{source}: {key} must be a list of strings, e.g. {key} = ["kitchen"]')
    return tuple(dict.fromkeys(w for w in (_clean(v) for v in value) if w))
