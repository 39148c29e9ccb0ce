"""What the household orders, walks and marks on the calendar: "Order more Hill's science diet for the
cat.", "walk rua before the rain comes", "Let Bran out the back.", "remind me on the fourteenth of january
that it's pongal", "is loadshedding happening tonight".

A word that could be a name is a product, a pet or an occasion here (goods added to a list are
`namecontexts`' part). Blocked before the person rules run, like `nameidioms`.
"""

from __future__ import annotations

from sottovoce.privacy.redaction.namecues import DETERMINERS, TITLES
from sottovoce.privacy.redaction.namelists import FAMILY, MONTHS_AND_DAYS
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token

__all__ = ["block_errands"]

_ORDER_MORE = frozenset("more some another".split())
# "walk X" is a pet unless X is walked somewhere: "walk nana to the bus", "walk tomasz home".
_WALKED_TO = frozenset("to home back over across up down round around".split())
_HAPPENING = frozenset("happening cancelled canceled postponed".split())
_OCCASION_BEFORE = frozenset("it's happy on for before after".split())


def block_errands(tokens: list[Token], written: bool, blocked: list[bool]) -> None:
    _block_occasion(tokens, written, blocked)
    n = len(tokens)
    for k, tok in enumerate(tokens[:-1]):
        nxt = tokens[k + 1]
        if tok.low == "walk" and not (k > 0 and tokens[k - 1].low in DETERMINERS) and _plain_word(nxt) \
                and not (k + 2 < n and tokens[k + 2].low in _WALKED_TO):
            blocked[k + 1] = True  # "walk rua before the rain comes", "Did anyone walk Luna today?"
        if tok.low in ("take", "took") and _plain_word(nxt) and _for_a_walk(tokens, k + 2):
            blocked[k + 1] = True  # "Take Haggis out for a walk at 6."
        if tok.low == "let" and k + 2 < n and tokens[k + 2].low == "out" and _plain_word(nxt):
            blocked[k + 1] = True  # "Let Bran out the back."
        if nxt.low == "been" and k + 2 < n and tokens[k + 2].low == "fed" and _plain_word(tok):
            blocked[k] = True  # "has bran been fed"
        if tok.low == "order" and nxt.low in _ORDER_MORE:
            for m in range(k + 2, min(n, k + 5)):
                if not _plain_word(tokens[m]):
                    break
                blocked[m] = True  # "Order more Hill's science diet"


def _for_a_walk(tokens: list[Token], k: int) -> bool:
    """ "take haggis out for a walk", "take bruno for walkies" """
    if k < len(tokens) and tokens[k].low == "out":
        k += 1
    words = [t.low for t in tokens[k:k + 3]]
    return words == ["for", "a", "walk"] or words[:2] == ["for", "walkies"]


def _plain_word(tok: Token) -> bool:
    return tok.is_word and tok.low not in FUNCTION_WORDS and tok.base not in FAMILY and tok.low not in TITLES


def _block_occasion(tokens: list[Token], written: bool, blocked: list[bool]) -> None:
    """ "Remind me on 9th August it's National Day", "remind me on the fourteenth of january that it's
    pongal", "is loadshedding happening tonight": a day, a festival or an event."""
    n = len(tokens)
    dated = False
    for k, tok in enumerate(tokens):
        dated = dated or tok.low in MONTHS_AND_DAYS
        if k + 1 < n and tokens[k + 1].low in ("day", "eve") and tok.low == tok.base and tok.is_word \
                and (tokens[k + 1].text == "Day" and tok.text[0].isupper() if written
                     else k > 0 and tokens[k - 1].low in _OCCASION_BEFORE):
            blocked[k] = True  # "National Day", "it's heritage day"
        if tok.low == "it's" and dated and 0 < n - k - 1 <= 3:
            rest = tokens[k + 1:]
            if all(t.is_word or t.low in (".", "!") for t in rest):
                for m in range(k + 1, n):
                    blocked[m] = True
        if tok.low == "is" and k + 2 < n and tokens[k + 2].low in _HAPPENING and tokens[k + 1].is_word:
            blocked[k + 1] = True
