"""Is this transcript a command, and which? Home Assistant's intent grammar, matched by hassil.

`CommandRecognizer.recognize(text)` returns an `Intent` (name and slots) or None. It runs on the
redacted transcript, so a slot can only hold what redaction let through ("call <NAME>"), and the
household's list values (areas, device names) come back in the vocabulary's own spelling.

Order of tries: the strict grammar with the household's names on each form of the text
(spoken.forms), then the loose grammar with a wildcard name on each form. A wildcard name is accepted only when it is
short (a device name, not a sentence) and some other word of the template matched too: otherwise
templates like "[activate] {name} [scene]" would call every short sentence a command. A list name
through the wildcard needs the word "list" ("add tape to the hardware list"). A delayed command
("turn off the lights in ten minutes", HassStartTimer with conversation_command) counts only when
the delayed part is itself a command, so "{anything} in five minutes" does not carry free text out.

Compiling is done once in `__init__` (hassil compiles templates lazily; a warm-up sentence per
grammar forces it), so recognising costs a few milliseconds per utterance.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

from hassil import recognize
from hassil.intents import SlotList, TextSlotList, TextSlotValue, WildcardSlotList
from hassil.expression import TextChunk

from sottovoce.intents import grammar as grammar_mod
from sottovoce.intents.spoken import clean, forms
from sottovoce.intents.vocabulary import Vocabulary

if TYPE_CHECKING:
    from sottovoce.settings import CommandsSettings

log = logging.getLogger(__name__)

MAX_WILDCARD_WORDS = 3
"""Longest device name the wildcard may take ("the big lamp by the door" is not one)."""

_FILLER = {"the", "a", "an", "my", "our", "to", "of", "in", "on", "at", "please"}
_NOT_A_NAME = {"what", "what's", "who", "who's", "how", "how's", "why", "when", "where", "which", "is", "are",
               "percent", "volume", "timer", "it", "me", "you", "i", "that", "this", "and", "or", "for"}
_LIST_INTENTS = ("HassListAddItem", "HassListCompleteItem", "HassListRemoveItem")
DELAYED = "conversation_command"
"""The slot of HassStartTimer's "{command} in {minutes} minutes" templates: free text."""
"""Words a wildcard device name may not contain: questions and the grammar's own words."""


@dataclass(frozen=True)
class Intent:
    """A recognised command: Home Assistant's intent name and its slots (values as JSON scalars)."""

    name: str
    slots: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"name": self.name, "slots": dict(self.slots)}


class CommandRecognizer:
    """Home Assistant's grammar for one language plus the household's vocabulary and sentences."""

    def __init__(self, grammar: grammar_mod.Grammar, vocabulary: Vocabulary, language: str = "en"):
        self.grammar = grammar
        self.language = language
        self.vocabulary = vocabulary
        self._known = _slot_lists(vocabulary)
        self._wild = {**self._known, "name": WildcardSlotList("name")}
        for sample in ("turn on the lights", "what time is it"):  # compile both grammars now
            recognize(sample, grammar.strict, slot_lists=self._known, language=language)
            recognize(sample, grammar.loose, slot_lists=self._wild, language=language)

    @classmethod
    def load(cls, language: str, vocabulary_file: str, sentences_dir: str,
             excluded: tuple[str, ...] | list[str] = grammar_mod.EXCLUDED) -> "CommandRecognizer":
        """Read the vocabulary and sentences and compile; VocabularyError names a bad file."""
        household = grammar_mod.read_household(grammar_mod.household_files(sentences_dir, language))
        return cls(grammar_mod.build(language, household, excluded), Vocabulary.load(vocabulary_file), language)

    @classmethod
    def for_settings(cls, commands: "CommandsSettings") -> "CommandRecognizer":
        """The recogniser for the [commands] section (commands.language, vocabulary, sentences_dir)."""
        return cls.load(commands.language, commands.vocabulary, commands.sentences_dir,
                        tuple(commands.exclude_intents))

    @property
    def intent_names(self) -> tuple[str, ...]:
        return self.grammar.intent_names

    def recognize(self, text: str) -> Intent | None:
        return self._recognize(text, nested=False)

    def _recognize(self, text: str, nested: bool) -> Intent | None:
        candidates = forms(text, self.language)
        for form in candidates:
            result = recognize(form, self.grammar.strict, slot_lists=self._known, language=self.language)
            if result is not None and self._delayed_ok(result, nested):
                return _intent(result)
        for form in candidates:
            result = recognize(form, self.grammar.loose, slot_lists=self._wild, language=self.language)
            if result is not None and _plausible_wildcard(form, result):
                return _intent(result)
        return None

    def _delayed_ok(self, result: Any, nested: bool) -> bool:
        inner = result.entities.get(DELAYED)
        if inner is None:
            return True
        return not nested and self._recognize(str(inner.value), nested=True) is not None


def _slot_lists(vocabulary: Vocabulary) -> dict[str, SlotList]:
    names = [TextSlotValue(TextChunk(n), n, context={"domain": d}) for n, d in vocabulary.names.items()]
    names += [TextSlotValue(TextChunk(n), n, context={"domain": "todo"}) for n in vocabulary.lists
              if n not in vocabulary.names]
    # Every list the templates name must exist, even empty, or hassil raises MissingListError.
    return {"name": TextSlotList(name="name", values=names),
            "area": TextSlotList.from_strings(vocabulary.areas, allow_template=False, name="area"),
            "floor": TextSlotList.from_strings(vocabulary.floors, allow_template=False, name="floor")}


def _plausible_wildcard(form: str, result: Any) -> bool:
    name = result.entities.get("name")
    if name is None:
        return False  # the loose grammar only adds something through the wildcard name
    words = clean(str(name.value)).split()
    if not words or len(words) > MAX_WILDCARD_WORDS:
        return False
    if any(w in _NOT_A_NAME or any(c.isdigit() for c in w) for w in words):
        return False
    if result.intent.name in _LIST_INTENTS and not {"list", "lists"} & set(form.split()):
        return False
    rest = form.split()
    for word in words + [w for key in ("area", "floor") if key in result.entities
                         for w in clean(str(result.entities[key].text or result.entities[key].value)).split()]:
        if word in rest:
            rest.remove(word)
    return any(w not in _FILLER for w in rest)


def _scalar(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return str(value)


def _intent(result: Any) -> Intent:
    slots = {}
    for entity in result.entities_list:
        value = _scalar(entity.value)
        if isinstance(value, str):
            value = value.strip()
        slots[entity.name] = value
    return Intent(result.intent.name, dict(sorted(slots.items())))
