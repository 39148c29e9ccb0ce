"""What a learned name model may look at for one word: the word, its shape, what the word lists say
about it, and the words around it.

The hand rules in `names` know cues one by one; a linear model over these features weighs many weak
hints together ("an unlisted word, capitalised, before 'and' and a listed first name, before 'are
coming'"). Pure functions of the tokens and the word lists, shared by the trainer
(scripts/train-name-model) and the detector (`namemodel`), so both see exactly the same features.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.namecues import HOLIDAYS, TITLES
from sottovoce.privacy.redaction.namelists import (
    AMBIGUOUS,
    ASSISTANTS,
    BRANDS,
    FAMILY,
    MONTHS_AND_DAYS,
    NameList,
    common_words,
    countries,
    english_words,
    proper_nouns,
)
from sottovoce.privacy.redaction.nameslots import foreign
from sottovoce.privacy.redaction.numbers import COMPOUND_WORDS, DIGIT_WORDS, ORDINAL_WORDS
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token

__all__ = ["lexical_class", "token_features"]

_ENDS = frozenset(".!?:;\"")


def lexical_class(tok: Token, names: NameList) -> str:
    """One coarse label for what the word lists say about a word."""
    base = tok.base
    if not tok.is_word:
        return "digit" if tok.text[0].isdigit() else "punct"
    if base in FUNCTION_WORDS:
        return "func"
    if base in DIGIT_WORDS or base in COMPOUND_WORDS or base in ORDINAL_WORDS:
        return "num"
    if base in FAMILY or base in TITLES:
        return "family"
    if base in MONTHS_AND_DAYS:
        return "month"
    if base in BRANDS or tok.low in BRANDS or base in ASSISTANTS or base in HOLIDAYS or base in countries():
        return "brand"
    if names.is_clear(base):
        return "clearname"
    if names.is_listed(base):
        return "ambigname"
    if foreign(tok, names):
        return "proper" if base in proper_nouns() else "unheard"
    if base in common_words():
        return "common"
    return "english" if base in english_words() else "other"


def _shape(tok: Token) -> str:
    text = tok.text
    if text[0].isdigit():
        return "d"
    if len(text) > 1 and text.isupper():
        return "A"
    if text[0].isupper():
        return "Aa"
    return "a"


def token_features(tokens: list[Token], i: int, names: NameList, written: bool,
                   classes: list[str]) -> list[str]:
    """Feature names for token i; `classes` holds `lexical_class` of every token (computed once a line)."""
    tok = tokens[i]
    base = tok.base
    n = len(tokens)
    cls = classes[i]
    mode = "w" if written else "s"
    shape = _shape(tok)
    start = i == 0 or tokens[i - 1].low in _ENDS
    p1 = tokens[i - 1].low if i > 0 else "<s>"
    p2 = tokens[i - 2].low if i > 1 else "<s>"
    n1 = tokens[i + 1].low if i + 1 < n else "</s>"
    n2 = tokens[i + 2].low if i + 2 < n else "</s>"
    c_p1 = classes[i - 1] if i > 0 else "<s>"
    c_n1 = classes[i + 1] if i + 1 < n else "</s>"
    c_p2 = classes[i - 2] if i > 1 else "<s>"
    c_n2 = classes[i + 2] if i + 2 < n else "</s>"
    cap = shape if written else "a"
    feats = [
        "bias",
        f"w={base}",
        f"cls={cls}",
        f"cls={cls}|{mode}|{cap}|{'start' if start else 'mid'}",
        f"suf3={base[-3:]}",
        f"suf2={base[-2:]}",
        f"len={min(len(base), 9)}",
        f"poss={tok.low != base}",
        f"p1={p1}", f"n1={n1}", f"p2={p2}", f"n2={n2}",
        f"p1n1={p1}|{n1}",
        f"p2p1={p2}|{p1}",
        f"n1n2={n1}|{n2}",
        f"cls|p1={cls}|{p1}",
        f"cls|n1={cls}|{n1}",
        f"cls|n1n2={cls}|{n1}|{n2}",
        f"cls|p2p1={cls}|{p2}|{p1}",
        f"cp1={c_p1}", f"cn1={c_n1}",
        f"cls|cp1={cls}|{c_p1}", f"cls|cn1={cls}|{c_n1}",
        f"cls|cp2p1={cls}|{c_p2}|{p1}", f"cls|n1cn2={cls}|{n1}|{c_n2}",
    ]
    if written:
        s_p1 = _shape(tokens[i - 1]) if i > 0 and tokens[i - 1].is_alnum else "-"
        s_n1 = _shape(tokens[i + 1]) if i + 1 < n and tokens[i + 1].is_alnum else "-"
        feats += [f"shape={shape}|{'start' if start else 'mid'}", f"cls|shapes={cls}|{s_p1}{shape}{s_n1}"]
    if not base.isascii():
        feats.append("diacritic")
    if base in AMBIGUOUS:
        feats.append(f"ambig|p1={p1}")
    return feats
