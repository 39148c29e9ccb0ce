"""Home Assistant's sentence templates for one language, plus the household's own, compiled by hassil.

The templates come from the `home-assistant-intents` package (the grammar Home Assistant's own
voice assistant uses); the household adds sentences or whole intents in hassil's YAML format, in
`<commands.sentences_dir>/<language>/*.yaml` (the layout of Home Assistant's custom_sentences).

Two compiled variants are kept:
- strict: as Home Assistant has it, except that "the speaker's own area" requirements are dropped
  (the speaker only recognises; Home Assistant resolves the area when it acts). Device names come
  from the vocabulary and carry their domain, so "start the vacuum" is HassVacuumStart.
- loose: only the intents that act on a device (WILDCARD_INTENTS), without domain requirements,
  used with a wildcard `name` for devices the vocabulary does not list ("turn on the blender").
  Questions are left out of it: "what is {name}" with a wildcard would take any question.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml
from hassil import Intents
from hassil.util import merge_dict

from sottovoce.intents.vocabulary import VocabularyError

EXCLUDED = ("HassBroadcast", "HassRespond")
"""Intents whose slot is free text ("broadcast {message}"): as commands they would carry a whole
sentence out under consent.commands, so they are left out unless the household takes them out of
commands.exclude_intents."""

WILDCARD_INTENTS = ("HassTurnOn", "HassTurnOff", "HassLightSet", "HassSetPosition", "HassListAddItem",
                    "HassListCompleteItem", "HassListRemoveItem")
"""Intents an unlisted device or list name may reach through the wildcard."""

PEOPLE_DOMAINS = ({"person"},)
"""Templates only about people ("where is {name}", "who is in {zone}") are dropped: they ask where
family members are, and their wildcard takes any "who is ..." question."""


@dataclass(frozen=True)
class Grammar:
    strict: Intents
    loose: Intents
    intent_names: tuple[str, ...]


def template_data(language: str) -> dict[str, Any]:
    """Home Assistant's merged templates for `language` (a deep copy: callers may change it)."""
    import home_assistant_intents

    data = home_assistant_intents.get_intents(language)
    if data is None:
        known = ", ".join(sorted(home_assistant_intents.get_languages()))
        raise VocabularyError(f"commands.language = {language!r}: home-assistant-intents has no such "
                              f"language; expected one of {known}")
    return copy.deepcopy(data)


def household_files(sentences_dir: str | Path, language: str) -> list[Path]:
    """The household's YAML files for this language, in name order (none if the folder is absent)."""
    if not str(sentences_dir):
        return []
    folder = Path(sentences_dir) / language
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def read_household(paths: Iterable[Path]) -> list[tuple[str, dict[str, Any]]]:
    """Parse each file; a bad one is named with what is wrong."""
    out = []
    for path in paths:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError) as exc:
            raise VocabularyError(f"{path}: cannot read it ({exc})") from None
        except yaml.YAMLError as exc:
            raise VocabularyError(f"{path}: not valid YAML ({str(exc).splitlines()[0]}); fix the line named") from None
        if not isinstance(data, dict) or not isinstance(data.get("intents", {}), dict):
            raise VocabularyError(f"{path}: expected hassil's format, a mapping with `intents:` "
                                  "(see config/sentences/en/household.yaml)")
        out.append((str(path), data))
    return out


def build(language: str, household: Iterable[tuple[str, Mapping[str, Any]]] = (),
          excluded: Iterable[str] = EXCLUDED) -> Grammar:
    """Merge the household's sentences into HA's and compile both variants (done once, at start-up)."""
    data = template_data(language)
    for source, extra in household:
        try:
            merge_dict(data, {k: copy.deepcopy(v) for k, v in extra.items() if k != "language"})
        except AssertionError:
            raise VocabularyError(f"{source}: its structure does not fit hassil's (a list where a mapping "
                                  "is expected, or the other way round)") from None
    for name in excluded:
        data["intents"].pop(name, None)
    for intent in data["intents"].values():
        intent["data"] = [d for d in intent.get("data", []) if not _about_people(d)]
    strict = _without_context(data, drop=("area",))
    loose = _without_context({**data, "intents": {k: v for k, v in data["intents"].items()
                                                  if k in WILDCARD_INTENTS}}, drop=None)
    try:
        return Grammar(Intents.from_dict(strict), Intents.from_dict(loose), tuple(sorted(data["intents"])))
    except Exception as exc:  # hassil raises plain errors for a bad template
        raise VocabularyError(f"household sentences: a template cannot be parsed ({exc}); "
                              "check the sentences folder") from None


def _about_people(item: Mapping[str, Any]) -> bool:
    domain = (item.get("requires_context") or {}).get("domain") or (item.get("slots") or {}).get("domain")
    domains = {domain} if isinstance(domain, str) else set(domain or ())
    return domains in PEOPLE_DOMAINS


def _without_context(data: Mapping[str, Any], drop: tuple[str, ...] | None) -> dict[str, Any]:
    """A copy with the named `requires_context` keys dropped (all of them for drop=None)."""
    out = copy.deepcopy(dict(data))
    for intent in out["intents"].values():
        for item in intent.get("data", []):
            required = item.get("requires_context")
            if not required:
                continue
            kept = {} if drop is None else {k: v for k, v in required.items() if k not in drop}
            if kept:
                item["requires_context"] = kept
            else:
                item.pop("requires_context")
    return out
