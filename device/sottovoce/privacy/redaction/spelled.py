"""Codes spelled letter by letter with no cue: licence plates and UK post codes said aloud.

"the car outside is k m two one o p l", "g x seven two l m n has been parked", "whose car is a f one
nine r w k", "... elm grove m fourteen five t q". Nobody spells a mix of several single letters and
digits in a command unless it is a code (a channel is "b b c one": one digit, three letters), so a
run of at least five such tokens with two or more letters and a digit is removed. "k as in kilo" and
NATO words ("kilo mike two one") count as letters.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.cued import LETTER_NAMES, NATO
from sottovoce.privacy.redaction.cues import CUE_INDEX
from sottovoce.privacy.redaction.numbers import COMPOUND_WORDS, DIGIT_WORDS, REPEAT_WORDS
from sottovoce.privacy.redaction.spans import Span
from sottovoce.privacy.redaction.tokens import Token
from sottovoce.privacy.redaction.ukpostcodes import uk_postcode_end

MIN_TOKENS = 5
# "a" and "i" are words more often than letters; they count only inside a run.
WORD_LETTERS = frozenset(("a", "i"))
JOINERS = frozenset(("dash", "-", "hyphen"))


def _letter_at(tokens: list[Token], i: int) -> int:
    """Tokens taken by a letter at i (0 if none): "k", "kilo", "k as in kilo"."""
    low = tokens[i].low
    if low == "o":
        return 0  # a zero: "five o five"
    if len(low) == 1 and low.isalpha() or low in NATO or low in LETTER_NAMES:
        if i + 3 < len(tokens) and tokens[i + 1].low == "as" and tokens[i + 2].low in ("in", "for") \
                and tokens[i + 3].is_word:
            return 3 + _x_ray(tokens, i + 3)
        return _x_ray(tokens, i)
    return 0


def _x_ray(tokens: list[Token], i: int) -> int:
    """Tokens taken by the word at i, reading NATO's "x ray" / "x-ray" as one."""
    if tokens[i].low == "x" and i + 1 < len(tokens):
        if tokens[i + 1].low == "ray":
            return 2
        if tokens[i + 1].low == "-" and i + 2 < len(tokens) and tokens[i + 2].low == "ray":
            return 3
    return 1


def _digit_at(tokens: list[Token], i: int) -> int:
    low = tokens[i].low
    if low in DIGIT_WORDS or low in COMPOUND_WORDS or (low.isdigit() and len(low) <= 4):
        return 1
    if low in REPEAT_WORDS and i + 1 < len(tokens) and tokens[i + 1].low in DIGIT_WORDS:
        return 2
    return 0


def spelled_spans(tokens: list[Token]) -> list[Span]:
    spans: list[Span] = []
    n = len(tokens)
    i = 0
    while i < n:
        j = i
        letters = digits = count = 0
        while j < n:
            took = _letter_at(tokens, j)
            if took:
                if tokens[j].low not in WORD_LETTERS or j > i:
                    letters += 1
            else:
                took = _digit_at(tokens, j)
                if not took and j > i and tokens[j].low in JOINERS and j + 1 < n \
                        and (_letter_at(tokens, j + 1) or _digit_at(tokens, j + 1)):
                    j += 1  # "a b c dash one two three four": the dash inside the plate
                    continue
                if not took:
                    break
                digits += 1
            count += 1
            j += took
        if j - i >= 2 and tokens[j - 1].low == "m" and tokens[j - 2].low in ("a", "p", "f"):
            j -= 2  # "five o five p m": a time; "nine eight seven f m": a radio station
            letters -= 2
            count -= 2
        if count >= MIN_TOKENS and (letters >= 2 and digits >= 1 or _year_county(tokens[i:j])) \
                and letters + digits >= MIN_TOKENS and not _alphabet_order(tokens[i:j]) and not _kept(tokens, i):
            # "a f one nine ...": "a" before another letter is spelled too (the article would be "an f").
            first = i + 1 if tokens[i].low in WORD_LETTERS and _letter_at(tokens, i + 1) == 0 else i
            kind = _kind(tokens[first:j])
            shape = "; ends as a UK post code does (a digit, two letters)" if kind == "POSTCODE" else ""
            spans.append(Span(tokens[first].start, tokens[j - 1].end, kind, 2,
                              why=f"{letters} letters and {digits} digits said one by one{shape}"))
            i = j
        else:
            i = max(i + 1, j if count == 0 else i + 1)
    return spans


def _kept(tokens: list[Token], i: int) -> bool:
    """ "flight b a one one seven", "gate c twelve": a thing's code, not a plate."""
    cues = CUE_INDEX.before(tokens, i, window=2)
    return bool(cues) and cues[0] == "KEEP"


def _kind(run: list[Token]) -> str:
    """A UK post code ends in a digit and two letters ("m fourteen five t q", "n r twenty one oh h r");
    anything else is a plate."""
    lows = [t.low for t in run]
    if uk_postcode_end(run, 0) == len(run):
        return "POSTCODE"
    if len(lows) >= 3 and all(len(w) == 1 and w.isalpha() for w in lows[-2:]) and lows[-3] in DIGIT_WORDS \
            and len(lows) <= 6:
        return "POSTCODE"
    return "PLATE"


def _alphabet_order(run: list[Token]) -> bool:
    """ "a one b two c three": a grid or a list, not a code. Letters side by side ("seven a b c one two
    three", "f as in frank g four nine two") are a plate even in alphabet order."""
    single = [len(t.low) == 1 and t.low.isalpha() for t in run]
    letters = [ord(t.low) for t, one in zip(run, single) if one]
    if len(letters) < 2 or any(one and k + 1 < len(run) and _digit_at(run, k + 1) == 0
                               for k, one in enumerate(single)):
        return False  # a grid says each letter with its number
    return all(b - a == 1 for a, b in zip(letters, letters[1:]))


def _year_county(run: list[Token]) -> bool:
    """ "one nine one d one two three four five": an Irish plate (year, county letter, number) has a
    single letter between two digit groups; nobody else says digits, one letter, then more digits."""
    kinds = "".join("L" if len(t.low) == 1 and t.low.isalpha() else "D" if _digit_at(run, k) else "?"
                    for k, t in enumerate(run))
    core = kinds.strip("D")
    before = len(kinds) - len(kinds.lstrip("D"))
    after = len(kinds) - len(kinds.rstrip("D"))
    return core in ("L", "LL") and before >= 2 and after >= 3 and not any(
        t.low in ("a", "i", "o", "x") for t in run if len(t.low) == 1 and t.low.isalpha())
