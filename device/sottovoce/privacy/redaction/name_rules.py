"""The few name rules kept beside the learned tagger, each one explainable in a sentence:

- an introduction names whoever follows it, known or not: "my name is xiomara okafor", "the name on
  the card is ...", "book it under the name ..." (up to two words, stopping at a function word:
  "my name is not important" keeps "not important" only because "not" stops it);
- the household's own names (`redaction.extra_names` in the config) are names wherever they occur;
- a relationship word ("ammi", "nonna", "bhaiya") is never a name (`kinship`; the Redactor keeps
  the tagger from taking one).

No word lists of names, celebrities or things: what is a name elsewhere is the tagger's judgement.
"""

from __future__ import annotations

import re
from typing import Iterable

from sottovoce.privacy.redaction.spans import Span
from sottovoce.privacy.redaction.tokens import FUNCTION_WORDS, Token

INTRODUCTIONS = (("my", "name", "is"), ("my", "name's"), ("my", "names"), ("name", "on", "the", "card", "is"),
                 ("name", "on", "card", "is"), ("cardholder", "name", "is"), ("name", "on", "the", "account", "is"),
                 ("account", "holder", "is"), ("under", "the", "name"), ("under", "the", "name", "of"),
                 ("my", "full", "name", "is"), ("my", "first", "name", "is"), ("my", "last", "name", "is"),
                 ("my", "surname", "is"))
_NOT_A_NAME = FUNCTION_WORDS | frozenset("""
not so very really just going here back home out ready done fine good sorry busy tired hungry late
mr mrs ms miss dr doctor
""".split())
_FIRST = frozenset(p[0] for p in INTRODUCTIONS)


def introduction_spans(tokens: list[Token]) -> list[Span]:
    """The words after an introduction ("my name is ...")."""
    out: list[Span] = []
    n = len(tokens)
    for i in range(n):
        if tokens[i].low not in _FIRST:
            continue
        for phrase in sorted(INTRODUCTIONS, key=len, reverse=True):
            if i + len(phrase) <= n and all(tokens[i + m].low == w for m, w in enumerate(phrase)):
                j = i + len(phrase)
                while j < n and tokens[j].low in (":", ","):
                    j += 1
                first, taken = j, 0
                while j < n and taken < 2 and tokens[j].is_word and tokens[j].base not in _NOT_A_NAME:
                    j += 1
                    taken += 1
                if taken:
                    cue = " ".join(phrase)
                    out.append(Span(tokens[first].start, tokens[j - 1].base_end, "NAME", 1,
                                    f"rule: after '{cue}'", 1.0, "an introduction names whoever follows it"))
                break
    return out


class HouseholdNames:
    """The household's own names, matched as whole words in any case."""

    def __init__(self, names: Iterable[str]):
        words = sorted({w.lower() for name in names for w in name.split() if w.strip()}, key=len, reverse=True)
        self._pattern = re.compile(r"(?<![\w'’])(" + "|".join(map(re.escape, words)) + r")(?![\w])",
                                   re.IGNORECASE) if words else None

    def spans(self, text: str) -> list[Span]:
        if self._pattern is None:
            return []
        return [Span(m.start(), m.end(), "NAME", 1, "rule: household name (redaction.extra_names)", 1.0,
                     "a name the household listed in its config")
                for m in self._pattern.finditer(text)]
