"""Spoken-number normalisation: find runs of number tokens and the digit string they spell.

Vosk writes "five five five two three four", "oh" for zero, "double five", "nineteen eighty
four"; Whisper writes "555-234-8991". Both become a `DigitRun` with the digits and the token
span, so the number detectors classify one shape. Compound words ("twenty seven", "four hundred")
go through text2num's `alpha2digit`, a maintained parser of English number words, instead of a
hand-written grammar; single digits, "oh", "double" and "triple" are read here because text2num
does not treat them as identifier digits.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from text_to_num import alpha2digit

from sottovoce.privacy.redaction.tokens import Token

DIGIT_WORDS = {"zero": "0", "oh": "0", "o": "0", "nought": "0", "one": "1", "two": "2", "three": "3",
               "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
COMPOUND_WORDS = frozenset("""
ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty
fifty sixty seventy eighty ninety hundred thousand
""".split())
MAGNITUDE_WORDS = frozenset(("hundred", "thousand", "million", "billion"))
REPEAT_WORDS = {"double": 2, "triple": 3}
JOINERS = frozenset(("-", "dash", "hyphen", "/", "slash", "(", ")", "+", "plus", "."))
ORDINAL_WORDS = frozenset("""
first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth
fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth
""".split())


@dataclass(frozen=True, slots=True)
class DigitRun:
    first: int
    """Index of the first token of the run."""
    last: int
    """Index of the last token (inclusive)."""
    digits: str
    quantity: bool
    """Said with "hundred"/"thousand"...: an amount rather than an identifier."""
    written: bool
    """Contains written digits (Whisper form)."""
    slashes: int
    groups: tuple[int, ...]
    """Lengths of the digit groups between joiners or spaces (written form), e.g. (3, 3, 4)."""


def _is_numberish(tok: Token) -> bool:
    low = tok.low
    return low.isdigit() or low in DIGIT_WORDS or low in COMPOUND_WORDS or low in MAGNITUDE_WORDS


@functools.lru_cache(maxsize=4096)
def _spoken_digits(phrase: str) -> str:
    """Digits spelled by number words, e.g. "nineteen eighty four" -> "1984"."""
    converted = alpha2digit(phrase, "en", threshold=0)
    return "".join(ch for ch in converted if ch.isdigit())


def _word_digits(words: list[str]) -> str:
    out: list[str] = []
    segment: list[str] = []
    for w in words + ["oh"]:
        if w in ("oh", "o", "nought"):
            if segment:
                out.append(_spoken_digits(" ".join(segment)))
                segment.clear()
            out.append("0")
        else:
            segment.append(w)
    return "".join(out)[:-1]


_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})*(\.\d+)?")


def digit_runs(tokens: list[Token]) -> list[DigitRun]:
    """Maximal runs of number tokens, joined by dashes, slashes, brackets or "double"/"triple"."""
    runs: list[DigitRun] = []
    n = len(tokens)
    i = 0
    while i < n:
        if not (_is_numberish(tokens[i]) or (tokens[i].low in ("(", "+", "plus") and i + 1 < n
                                              and _is_numberish(tokens[i + 1]))
                or (tokens[i].low in REPEAT_WORDS and i + 1 < n and tokens[i + 1].low in DIGIT_WORDS)):
            i += 1
            continue
        j = i
        last = i
        while j < n:
            low = tokens[j].low
            if _is_numberish(tokens[j]):
                last = j
            elif low in REPEAT_WORDS and j + 1 < n and tokens[j + 1].low in DIGIT_WORDS:
                pass
            elif low in ("+", "plus") and j > i and tokens[j - 1].low.isdigit() and "," in tokens[j - 1].text + (
                    tokens[j - 2].low if j > 1 else ""):
                break  # "What's 1,250 plus 875?": a sum of amounts, not a phone number
            elif low in JOINERS and j + 1 < n and (_is_numberish(tokens[j + 1]) or tokens[j + 1].low == "("
                                                   or tokens[j + 1].low in REPEAT_WORDS):
                if low == "." and not (tokens[j].start == tokens[j - 1].end == tokens[j + 1].start - 1):
                    break
            elif low == ")" and j > i:
                pass
            elif low == "and" and j + 1 < n and tokens[j - 1].low in MAGNITUDE_WORDS and _is_numberish(tokens[j + 1]):
                pass  # "four hundred and twelve"
            elif low == "," and j + 1 < n and tokens[j - 1].low.isdigit() and tokens[j + 1].low.isdigit() \
                    and tokens[j - 1].end == tokens[j].start and tokens[j].end == tokens[j + 1].start:
                pass  # "1,250" or Whisper's "1,0001": _build tells a quantity from a mangled digit string
            elif low == "," and j + 1 < n and _is_numberish(tokens[j + 1]) and _is_numberish(tokens[j - 1]) and (
                    tokens[j - 1].low.isalpha() or len(tokens[j - 1].low) >= 3) and not (
                    j + 2 < n and tokens[j + 2].low == "/"):  # "0617, 05/26": an expiry follows the card
                pass  # "five five five, two three four, ..." (not "add 1, 2 and 3")
            elif low == "," and _dictated_chain(tokens, i):
                pass  # Whisper's dictated digits: "My PIN is 3, 0, 5, 8.", "0-7-7-0-0, 9-0-0, 3-2-1"
            else:
                break
            j += 1
        run = _build(tokens, i, last)
        if run is not None:
            runs.append(run)
        i = max(j, last + 1)
    return runs


def _dictated_chain(tokens: list[Token], i: int) -> bool:
    """Whether the digits from token i, joined by commas and dashes, are four or more single digits
    read out one by one (a PIN or a phone number dictated to Whisper), not a list of amounts."""
    singles = 0
    k = i
    while k < len(tokens):
        low = tokens[k].low
        if low.isdigit():
            if len(low) != 1:
                return False
            singles += 1
        elif low not in (",", "-") or k + 1 >= len(tokens) or not tokens[k + 1].low.isdigit():
            break
        k += 1
    return singles >= 4


def _build(tokens: list[Token], first: int, last: int) -> DigitRun | None:
    parts: list[str] = []
    groups: list[int] = []
    words: list[str] = []
    written = False
    slashes = 0
    quantity = False
    repeat = 1
    has_real = False

    def flush_words() -> None:
        if words:
            d = _word_digits(words)
            parts.append(d)
            groups.append(len(d))
            words.clear()

    for tok in tokens[first:last + 1]:
        low = tok.low
        if low.isdigit():
            flush_words()
            parts.append(low)
            groups.append(len(low))
            written = True
            has_real = True
        elif low in REPEAT_WORDS:
            flush_words()
            repeat = REPEAT_WORDS[low]
        elif low in DIGIT_WORDS or low in COMPOUND_WORDS or low in MAGNITUDE_WORDS:
            if low in MAGNITUDE_WORDS:
                quantity = True
            if low not in ("oh", "o"):
                has_real = True
            if repeat > 1:
                flush_words()
                parts.append(DIGIT_WORDS[low] * repeat)
                groups.append(repeat)
                repeat = 1
            else:
                words.append(low)
        else:
            flush_words()
            if low in ("/", "slash"):
                slashes += 1
    flush_words()
    if not has_real:
        return None
    if quantity:
        # "one eight hundred five five five oh one nine nine": a toll-free number, not an amount.
        lows = [t.low for t in tokens[first:last + 1]]
        k = max(i for i, w in enumerate(lows) if w in MAGNITUDE_WORDS)
        if sum(1 for w in lows[k + 1:] if w in DIGIT_WORDS) >= 4:
            quantity = False
    digits = "".join(parts)
    if not digits:
        return None
    if written and not quantity:
        quantity = _thousands(tokens, first, last)
    return DigitRun(first, last, digits, quantity, written, slashes, tuple(groups))


def _thousands(tokens: list[Token], first: int, last: int) -> bool:
    """ "1,250" and "12,000,000" are amounts; "1,0001 90210 0,1803" (Whisper on a spoken digit string)
    has no valid thousands grouping and stays a digit string."""
    text = "".join(t.text if k == first or t.start == tokens[k - 1].end else " " + t.text
                   for k, t in enumerate(tokens[first:last + 1], first))
    if "," not in text:
        return False
    return all(_THOUSANDS.fullmatch(chunk) for chunk in text.split())
