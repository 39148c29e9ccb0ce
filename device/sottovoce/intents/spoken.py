"""The forms a transcript is tried in: as written, and with spoken numbers as digits.

Vosk writes "set the temperature to seventy two", Whisper "Set the temperature to 72." hassil folds
case and punctuation itself and reads number words for its range lists, but not every number word
("twenty five percent" in some templates); text2num (already used by redaction) turns them into
digits, so both forms are tried. Pure.
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})
_DROP = re.compile(r"[!?,;:\"()\[\]…]+|\.(?!\d)")
_SPACES = re.compile(r"\s+")
_PLACEHOLDER = re.compile(r"(<[A-Z_]+>)")
_CONTRACTIONS = {"whats": "what's", "hows": "how's", "whos": "who's", "wheres": "where's", "whens": "when's",
                 "thats": "that's", "theres": "there's", "dont": "don't", "doesnt": "doesn't", "isnt": "isn't",
                 "arent": "aren't", "cant": "can't", "wont": "won't", "im": "i'm", "ive": "i've",
                 "youre": "you're", "lets": "let's"}
"""Contractions written without the apostrophe (some transcripts drop it); none of these is also
an ordinary word ("its" and "well" are, so they are left alone)."""


def clean(text: str) -> str:
    """Lowercase (redaction's "<NAME>" kept as it is), plain apostrophes, sentence punctuation gone
    ("%" and "10.5" kept), single spaces."""
    parts = _PLACEHOLDER.split(text.translate(_QUOTES))
    text = "".join(p if i % 2 else _DROP.sub(" ", p.lower()) for i, p in enumerate(parts))
    return " ".join(_CONTRACTIONS.get(w, w) for w in text.split())


def forms(text: str, language: str = "en") -> list[str]:
    """The cleaned text, then (if different) the same with number words as digits."""
    first = clean(text)
    out = [first] if first else []
    try:
        digits = clean(alpha2digit(first, language)) if first else ""
    except Exception:  # noqa: BLE001 - an unsupported language: the first form is enough
        digits = ""
    if digits and digits != first:
        out.append(digits)
    return out
