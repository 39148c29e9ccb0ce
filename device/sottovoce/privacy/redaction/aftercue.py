"""Values said before their cue: "five nine two is the security code on the back",
"fifteenth of august two thousand and four is my son's date of birth", "4821 is my PIN".

People name the thing after the value as often as before it. The cue comes after a link word
("is", "was", "'s") and a few owner words ("my", "the", "my son's"); the value is the run of
date or code tokens that ends right before the link word.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.cued import MONTHS, _is_code_token, _is_numberish, _is_ordinal
from sottovoce.privacy.redaction.cues import CUE_INDEX
from sottovoce.privacy.redaction.spans import Span
from sottovoce.privacy.redaction.tokens import Token

LINKS = frozenset(("is", "was", "'s", "are", "—", "-", ":", "that's", "that’s"))
# The value pointed back at before the link: "october seventh nineteen eighty four, that is my birthday".
POINTERS = frozenset(("that", "this", "which"))
# Between the link word and the cue: "is my son's", "was the old", "is our".
OWNERS = frozenset("""
my the our your his her their son's daughter's wife's husband's mum's mom's dad's kid's baby's old new
current real actual
""".split())
KINDS = frozenset(("SECRET", "DOB", "CVV", "PLATE", "NATIONAL_ID", "ACCOUNT", "POSTCODE", "CARD", "PHONE",
                   "EXPIRY"))
DATE_INSIDE = frozenset(("of", "the", "and", ",", "/", "-"))


def _cue_after(tokens: list[Token], k: int) -> tuple[str, int] | None:
    """(kind, index past the cue) of a cue that starts a few owner words after the link word at k."""
    j = k + 1
    while j < len(tokens) and j - k <= 3 and tokens[j].low in OWNERS:
        j += 1
    if j == k + 1 or j >= len(tokens):
        return None  # "is my ...": an owner word is required ("5 is code" is not said)
    for end in range(min(j + 4, len(tokens)) - 1, j - 1, -1):  # the longest cue: "code on the back"
        hit = CUE_INDEX.cue_ending_at(tokens, end)
        if hit is not None and hit[1] == j and hit[0] in KINDS:
            return hit[0], end + 1
    return None


def _pointed_back(tokens: list[Token], k: int) -> int:
    """Where the value ends before the link at k: past "that" in "... nineteen eighty four that is my
    birthday" and a comma before it ("4821, that's my pin"); k itself when nothing points back."""
    stop = k
    if tokens[k].low in ("is", "was") and tokens[k - 1].low in POINTERS:
        stop = k - 1
    if stop != k or tokens[k].low.startswith("that"):
        if stop > 0 and tokens[stop - 1].low == ",":
            stop -= 1
    return stop


def _value_before(tokens: list[Token], k: int, kind: str) -> int:
    """Index of the first token of the value ending at k - 1 (k itself if none)."""
    i = k
    while i > 0:
        tok = tokens[i - 1]
        low = tok.low
        if kind == "DOB" and (low in MONTHS or _is_numberish(low) or _is_ordinal(low)):
            i -= 1
        elif kind == "DOB" and low in DATE_INSIDE and i < k and i - 1 > 0 and (
                _is_numberish(tokens[i - 2].low) or _is_ordinal(tokens[i - 2].low) or tokens[i - 2].low in MONTHS):
            i -= 1
        elif kind != "DOB" and (_is_code_token(tok) or (low == "and" and i - 1 > 0 and i < k
                                                          and _is_numberish(tokens[i - 2].low))):
            i -= 1
        else:
            break
    while i < k and tokens[i].low in DATE_INSIDE:
        i += 1
    return i


def _enough(value: list[Token], kind: str) -> bool:
    if kind == "DOB":
        return any(t.low in MONTHS for t in value) or sum(_is_numberish(t.low) for t in value) >= 2
    numbers = sum(1 for t in value if _is_numberish(t.low) or any(c.isdigit() for c in t.low))
    return numbers >= 3 or (numbers >= 1 and len(value) >= 3) or any(len(t.low) >= 3 and t.low.isdigit()
                                                                   for t in value)


def after_cue_spans(tokens: list[Token]) -> list[Span]:
    spans: list[Span] = []
    for k in range(1, len(tokens) - 2):
        if tokens[k].low not in LINKS:
            continue
        cue = _cue_after(tokens, k)
        if cue is None:
            continue
        kind, cue_end = cue
        stop = _pointed_back(tokens, k)
        start = _value_before(tokens, stop, kind)
        if start < stop and _enough(tokens[start:stop], kind):
            if kind == "DOB" and start > 0 and tokens[start - 1].low == "the":
                start -= 1  # "the third of may is my birthday"
            said = " ".join(t.text for t in tokens[k:cue_end])
            spans.append(Span(tokens[start].start, tokens[stop - 1].end, kind, 3,
                              why=f"the value said before '{said}'"))
    return spans
