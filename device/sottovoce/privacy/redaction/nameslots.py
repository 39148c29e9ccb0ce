"""Words that are no English word: in a name's place they are most likely a person's name.

Faker's lists cannot hold every name a household uses ("okafor", "dmitri", "tariq"), but a word
missing from an English word list, said where a name goes ("ring dmitri", "add rahul mehta",
"under the name okonkwo"), is one. Split from `names` to keep the vocabulary tests apart from the rules.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.namecues import HOLIDAYS, NAME_SLOTS, TITLES
from sottovoce.privacy.redaction.namelists import (
    ASSISTANTS,
    BRANDS,
    FAMILY,
    MONTHS_AND_DAYS,
    NOT_CONTACTS,
    NameList,
    common_words,
    english_words,
    proper_nouns,
)
from sottovoce.privacy.redaction.numbers import COMPOUND_WORDS, DIGIT_WORDS, ORDINAL_WORDS
from sottovoce.privacy.redaction.tokens import Token

__all__ = ["aux_inversion", "capitalised_mid_sentence", "foreign", "in_name_slot", "unheard"]


def foreign(tok: Token, names: NameList) -> bool:
    """No English word (nor its plural), no name we list as a word: most likely a person's name
    ("okafor", "dmitri", "tariq"). Without a word list this falls back to the short common list."""
    low = tok.base
    if tok.text.isupper() and len(tok.text) > 1:
        return False  # "IBAN", "NHS": an acronym
    vocab = english_words()
    if not vocab:
        return low.isalpha() and len(low) >= 3 and low not in common_words() and low not in BRANDS
    return (tok.text.isalpha() or tok.low != low) and len(low) >= 3 and low not in vocab \
        and not (low.endswith("s") and (low[:-1] in vocab or low[:-2] in vocab)) \
        and low not in common_words() and low not in BRANDS and low not in ASSISTANTS and low not in NOT_CONTACTS \
        and low not in HOLIDAYS and low not in MONTHS_AND_DAYS and low not in FAMILY and low not in TITLES \
        and low not in DIGIT_WORDS and low not in COMPOUND_WORDS and low not in ORDINAL_WORDS


def unheard(tok: Token, names: NameList) -> bool:
    return foreign(tok, names) and tok.base not in proper_nouns()


_INTROS = (("it's",), ("this", "is"))
_AFTER_INTRO = frozenset("here from calling speaking again and i i'm we we're just your you you're can could".split())
_LISTS = frozenset("list lists cart basket groceries shopping order trolley".split())
_SLOTS_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _slot in sorted(NAME_SLOTS, key=len, reverse=True):
    _SLOTS_BY_LAST.setdefault(_slot[-1], []).append(_slot)


def in_name_slot(tokens: list[Token], i: int) -> bool:
    if tokens[i - 1].low == "add" and any(t.low in _LISTS for t in tokens[i + 1:i + 6]):
        return False  # "add cheerios to the shopping list": a product
    for phrase in _SLOTS_BY_LAST.get(tokens[i - 1].low, ()) if i > 0 else ():
        k = i - len(phrase)
        if k >= 0 and all(tokens[k + m].low == w for m, w in enumerate(phrase)):
            if phrase in _INTROS and i + 1 < len(tokens) and tokens[i + 1].is_alnum \
                    and tokens[i + 1].low not in _AFTER_INTRO and tokens[i + 1].low in english_words():
                return False  # "it's matariki on friday", "this is gangnam style": an event or a title
            return True
    return False


def capitalised_mid_sentence(tokens: list[Token], i: int) -> bool:
    tok = tokens[i]
    if not tok.text[0].isupper() or tok.text.isupper() and len(tok.text) > 1:
        return False
    return i > 0 and tokens[i - 1].low not in (".", "!", "?", ":", '"')


def aux_inversion(tokens: list[Token], i: int) -> bool:
    """ "will it rain", "may i ask": the word is the verb, not a name."""
    return i + 1 < len(tokens) and tokens[i + 1].low in (
        "it", "you", "i", "we", "they", "he", "she", "there", "this", "that", "be", "have", "not", "the", "a")
