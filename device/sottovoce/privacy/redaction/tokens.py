"""Tokens with character offsets, so every detector can point at the exact bytes to replace.

Detectors work on these tokens rather than on raw regular expressions because Vosk's spoken form
("five five five two three ...") has no digits or punctuation for a regex to anchor on; the
offsets let the redactor cut the original text byte-for-byte around what it removes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Alphanumeric chunks (keeping "221B", "7ABC123", "hunter2", "3rd", "john's" whole), else one
# non-space character (so "555-234-8991" is 555, -, 234, -, 8991).
# Letters of any script count ("Inés", "Björn", "Sinéad" are one word each).
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|\S")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    low: str
    start: int
    end: int

    @property
    def base(self) -> str:
        """The word without a possessive or contraction ("john's" -> "john")."""
        low = self.low
        return low[:-2] if low.endswith(("'s", "’s")) else low

    @property
    def base_end(self) -> int:
        return self.start + len(self.base)

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_alnum(self) -> bool:
        return self.text[0].isalnum()


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def written_form(tokens: list[Token]) -> bool:
    """Vosk writes lower case without punctuation (apostrophes aside); anything else is Whisper's written form."""
    return any(t.text[0].isupper() or (not t.is_alnum and t.text not in "'’") for t in tokens)


def words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.split())


def match_phrase_at(tokens: list[Token], i: int, phrase: tuple[str, ...]) -> bool:
    """Whether `phrase` (lower-case words) starts at token i."""
    if i + len(phrase) > len(tokens):
        return False
    return all(tokens[i + k].low == w for k, w in enumerate(phrase))


def match_phrase_ending(tokens: list[Token], end: int, phrase: tuple[str, ...]) -> bool:
    """Whether `phrase` ends just before token index `end` (exclusive)."""
    start = end - len(phrase)
    return start >= 0 and match_phrase_at(tokens, start, phrase)


# Words that end the value after a cue ("my pin is 4821 and ...", "the code is 1234 please").
STOP_AFTER_VALUE = frozenset("""
and please thanks thank so then but because cause okay ok if when while or for to from on in at
with by of about into
""".split())

# Function words: never part of a name or a street name.
FUNCTION_WORDS = frozenset("""
a an the this that these those my your his her our their its me you him them us it i we they
is are was were be been am will would can could should shall may might must do does did has have
had not no yes and or but if then so to for from on in at of by with about as up down off out
over under into onto than too very just also please what what's whats who who's where when why how
which there here it's i'm you're let's lets set turn play call text tell remind ask show give
i'll i'd i've you'll we'll they'll he'll she'll it'll we're they're he's she's
send make add put get go open close start stop all some any more less new old next last
""".split())

SENTENCE_END = frozenset(".,;!?:")
