"""UK post codes said aloud: "s w one a one a a", "c f ten three a t", "n r twenty one oh h r".

A post code is an outward code (one or two letters, a district of one or two digits, sometimes a
letter: "SW1A", "CF10", "NR21") and an inward code (a digit and two letters: "1AA", "3AT", "0HR").
Spoken, a two-digit district is often said as one number ("ten", "twenty one"), and zero as "oh",
which is also the letter O; each reading is tried and the post code's shape decides.
"""

from __future__ import annotations

import re

from sottovoce.privacy.redaction.numbers import DIGIT_WORDS
from sottovoce.privacy.redaction.tokens import Token

__all__ = ["spoken_uk_postcodes", "uk_postcode_end", "written_uk_postcode_starts"]

_UK_POSTCODE = re.compile(r"[a-z]{1,2}[0-9][a-z0-9]?[0-9][a-z]{2}")
MIN_TOKENS = 5
_TEENS = {w: str(10 + k) for k, w in enumerate(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: str(k + 2) for k, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_ZERO_OR_O = frozenset(("oh", "o"))


def _readings(tokens: list[Token], i: int) -> list[tuple[str, int]]:
    """How the words at i may spell part of a post code: [(characters, tokens taken)].

    >>> [r for r, _ in _readings([Token("twenty", "twenty", 0, 6), Token("one", "one", 7, 10)], 0)]
    ['21', '20']
    """
    low = tokens[i].low
    if low in _ZERO_OR_O:
        return [("0", 1), ("o", 1)]
    if len(low) == 1 and low.isalnum():
        return [(low, 1)]
    if low in DIGIT_WORDS:
        return [(DIGIT_WORDS[low], 1)]
    if low in _TEENS:
        return [(_TEENS[low], 1)]
    if low in _TENS:
        nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
        units = [(_TENS[low] + DIGIT_WORDS[nxt], 2)] if nxt in DIGIT_WORDS and DIGIT_WORDS[nxt] != "0" else []
        return units + [(_TENS[low] + "0", 1)]
    return []


def uk_postcode_end(tokens: list[Token], i: int) -> int:
    """Index past the longest UK post code spelled from token i (at least five words), or i."""
    low = tokens[i].low if i < len(tokens) else ""
    if not (len(low) == 1 and low.isalpha() or low == "oh"):
        return i  # a post code starts with a letter
    best = i
    stack = [(i, "")]
    while stack:
        j, chars = stack.pop()
        if j - i >= MIN_TOKENS and j > best and _UK_POSTCODE.fullmatch(chars):
            best = j
        if j < len(tokens):
            stack += [(j + took, chars + part) for part, took in _readings(tokens, j) if len(chars + part) <= 7]
    return best


def spoken_uk_postcodes(tokens: list[Token]) -> list[tuple[int, int]]:
    """(first, past-last) token indices of the spoken UK post codes in a line."""
    spans = []
    i = 0
    while i < len(tokens):
        end = uk_postcode_end(tokens, i)
        if end > i:
            spans.append((i, end))
        i = max(end, i + 1)
    return spans


def written_uk_postcode_starts(tokens: list[Token]) -> set[int]:
    """Indices where Whisper's written "NR21 0HR" / "SW1A 1AA" starts (two capitalised chunks)."""
    return {k for k in range(len(tokens) - 1) if tokens[k].text.isupper() and tokens[k + 1].text.isupper()
            and tokens[k].is_alnum and tokens[k + 1].is_alnum and tokens[k].end < tokens[k + 1].start
            and _UK_POSTCODE.fullmatch(tokens[k].low + tokens[k + 1].low)}
