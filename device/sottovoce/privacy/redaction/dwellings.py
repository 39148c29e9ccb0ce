"""Addresses with no house number, vouched for by the post code said after them: a named house and its
street ("the old rectory church lane little snoring n r twenty one oh h r", "Rose Cottage, Mill Lane,
Ashford TN23 4AB"), as rural Britain and Ireland write them.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.streetwords import NOT_STREET, STREET_TYPES, numberish
from sottovoce.privacy.redaction.tokens import Token

__all__ = ["named_before_code", "skip_commas_back"]

# Dwellings known by a name rather than a number ("the old rectory", "rose cottage", "mill farm").
HOUSE_WORDS = frozenset("""
cottage cottages farm farmhouse house lodge barn mill manor grange rectory vicarage hall croft bungalow villa chapel
""".split())


def _name_words_before(tokens: list[Token], k: int, most: int, stop: frozenset[str] = frozenset()) -> int:
    """Index of the first of up to `most` plain words ending before k (commas between them skipped), or k."""
    s = first = k
    words = 0
    while s > 0 and words < most:
        low = tokens[s - 1].low
        if low != "," and not (tokens[s - 1].is_word and low not in NOT_STREET and low not in stop
                               and not numberish(low)):
            break
        s -= 1
        if low != ",":
            words += 1
            first = s
    return first


def skip_commas_back(tokens: list[Token], k: int) -> int:
    while k > 0 and tokens[k - 1].low == ",":
        k -= 1
    return k


def named_before_code(tokens: list[Token], code: int) -> tuple[int, int] | None:
    """ "the old rectory church lane little snoring n r twenty one oh h r": a street, and the name of the
    house before it, said up to three town words before a post code; the post code vouches for an
    address that has no house number."""
    t = skip_commas_back(tokens, _name_words_before(tokens, code, 3, STREET_TYPES)) - 1
    if t < 1 or tokens[t].low not in STREET_TYPES or _name_words_before(tokens, t, 1) == t:
        return _house_before_code(tokens, code)
    s = _name_words_before(tokens, t - 1, 1, HOUSE_WORDS)  # "mill lane", "church lane", "high street"
    k = skip_commas_back(tokens, s)
    if k > 0 and tokens[k - 1].low in HOUSE_WORDS:
        s = _name_words_before(tokens, k - 1, 2)
        if s > 0 and tokens[s - 1].low in ("old", "new"):
            s -= 1  # "the old rectory", "New Farm"
        if s > 0 and tokens[s - 1].low == "the":
            s -= 1  # "The Old Rectory, Church Lane"
    return s, t + 1


def _house_before_code(tokens: list[Token], code: int) -> tuple[int, int] | None:
    """ "seaview croft braes portree i v fifty one nine e u": a named house and its place, no street."""
    first = _name_words_before(tokens, code, 4)
    for k in range(first + 1, code):
        if tokens[k].low in HOUSE_WORDS and tokens[k - 1].is_word and tokens[k - 1].low not in HOUSE_WORDS:
            return k - 1, skip_commas_back(tokens, code)
    return None
