"""A learned second opinion on names: a logistic regression over `namefeatures`, trained on our
labelled corpora by scripts/train-name-model (scikit-learn, at build time only).

The hand rules catch names after the cues they know; unseen households keep using new ones ("Ruby
and Pearl are coming Sunday", "is pita bringing the guitar"). The model adds words it finds likely
enough to be names. It ships as a small JSON file of feature weights, so scoring is a sum of
dictionary lookups: no scikit-learn, numpy or model runtime needed on the Pi, and it stays fast.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Mapping

from sottovoce.privacy.redaction.namecues import (
    COLOURS_AND_LEVELS,
    NAME_LIKE_FUNCTION_WORDS,
    NOT_AFTER_POSSESSIVE,
    PARTICLES,
)
from sottovoce.privacy.redaction.namefeatures import lexical_class, token_features
from sottovoce.privacy.redaction.namelists import MONTHS_AND_DAYS, NameList, proper_nouns
from sottovoce.privacy.redaction.nameslots import aux_inversion, capitalised_mid_sentence
from sottovoce.privacy.redaction.numbers import DIGIT_WORDS
from sottovoce.privacy.redaction.tokens import Token

__all__ = ["NameModel", "asked", "packaged_model"]

MODEL_FILE = "name_model.json"
# Word classes the model is never asked about: function words, numbers, relations, months, brands.
_NEVER = frozenset(("digit", "punct", "func", "num", "family", "month", "brand"))
_SEASONS = frozenset(("summer", "winter", "autumn", "spring", "fall"))
_BEFORE_DATES = frozenset("in on for by until till since from to of next last this early late mid".split())


def asked(tok: Token, cls: str) -> bool:
    """Whether the model scores this word at all (the trainer learns only from these)."""
    return cls not in _NEVER or tok.base in NAME_LIKE_FUNCTION_WORDS


@dataclass(frozen=True)
class NameModel:
    weights: Mapping[str, float]
    threshold: float
    """Probability above which a word is taken as a name."""

    def probabilities(self, tokens: list[Token], names: NameList, written: bool) -> list[float]:
        """For each token, how likely it is a person's name (0.0 for words never asked about)."""
        classes = [lexical_class(t, names) for t in tokens]
        weights = self.weights
        out = []
        for i, cls in enumerate(classes):
            if not asked(tokens[i], cls):
                out.append(0.0)
                continue
            z = sum(weights.get(f, 0.0) for f in token_features(tokens, i, names, written, classes))
            out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
        return out

    def add_names(self, tokens: list[Token], names: NameList, written: bool, blocked: list[bool],
                  is_name: list[bool]) -> None:
        """Mark the words the model finds likely names where no rule spoke ("Ruby and Pearl are coming").

        Its weakest guesses get the rules' own caution: a name that is also a season or a colour needs
        the model to be surer ("is amber a colour", "Summer is coming"), as does a word the dictionary
        knows as a proper noun, mostly places ("Is Kyoto worth visiting"); one word of a capitalised
        phrase whose other word is no name is a place or a title ("Is Estadio Azteca sold out?"); and
        never "Valentine's Day", "will it rain" or "in May". `blocked` holds what the rules ruled out."""
        for i, p in enumerate(self.probabilities(tokens, names, written)):
            tok = tokens[i]
            if tok.base in _SEASONS:
                p -= 0.5
            elif tok.base in COLOURS_AND_LEVELS:
                p -= 0.3
            elif tok.base in proper_nouns() and not names.is_listed(tok.base):
                p -= 0.2
            if p <= self.threshold or is_name[i] or blocked[i] or (len(tok.text) > 1 and tok.text.isupper()) \
                    or tok.low in PARTICLES:  # "omar bin laden": the rules take a particle with what follows
                continue
            if written and tok.text[0].isupper() and any(
                    0 <= k < len(tokens) and not is_name[k] and tokens[k].is_word
                    and capitalised_mid_sentence(tokens, k)
                    and not names.is_listed(tokens[k].base) for k in (i - 1, i + 1)):
                continue
            if i > 0 and tokens[i - 1].low != tokens[i - 1].base and tok.base in NOT_AFTER_POSSESSIVE:
                continue
            if tok.base in NAME_LIKE_FUNCTION_WORDS and aux_inversion(tokens, i):
                continue
            nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
            if tok.base in MONTHS_AND_DAYS and (i > 0 and tokens[i - 1].low in _BEFORE_DATES
                                                or nxt[:1].isdigit() or nxt in DIGIT_WORDS):
                continue
            is_name[i] = True

    def to_json(self, **about: object) -> str:
        weights = {k: round(v, 4) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-4}
        return json.dumps({**about, "threshold": self.threshold, "weights": weights}, indent=0, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "NameModel":
        data = json.loads(text)
        return cls(dict(data["weights"]), float(data["threshold"]))


@functools.lru_cache(maxsize=1)
def packaged_model() -> NameModel | None:
    """The model shipped in sottovoce/data, or None when the file is missing (the rules still run)."""
    try:
        text = resources.files("sottovoce").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    except OSError:
        return None
    return NameModel.from_json(text)
