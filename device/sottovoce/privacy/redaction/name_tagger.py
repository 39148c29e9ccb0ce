"""Names of private people, learned: which words of a transcript are a person's name?

A small pretrained English encoder (all-MiniLM-L6-v2, 6 layers, uncased) fine-tuned as a word
tagger on the labelled redaction corpora, shipped as an int8 ONNX file with its tokenizer
(`data/names/`); `tools/train-names` re-creates it from the repository's data. It reads the whole
utterance, so it weighs the words around a name ("has jane doe emailed me") instead of a fixed
list of cues, and it has no word lists: public figures, places and everyday words are left alone
because the labelled data leaves them alone.

Written form (Whisper) is brought to the spoken shape the model was trained on (Vosk's: lower
case, no punctuation, no apostrophes); every word keeps its character offsets in the original
text, so the redactor cuts the original byte for byte. A possessive stays outside the span
("Thiago's drill" -> "<NAME>'s drill"). Decisions are deterministic for a given model file (one
thread, no sampling).

A word joined to a name is part of it from a lower score (`neighbour_threshold` in names.json,
`taken`), so the rest of "li na" or "thanh huong" goes with its first word.

`names.json` may list several models trained alike with different seeds ("models"); a word's score
is then the mean of theirs, which evens out what one training run happens to learn.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from sottovoce.errors import FixableError
from sottovoce.privacy.encoder import EncoderFiles, EncoderLoadError

DEFAULT_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "names"
MAX_TOKENS = 64
"""Word pieces per window; a longer transcript is tagged in windows of WINDOW_WORDS words."""
WINDOW_WORDS = 40
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


class NameTaggerError(FixableError):
    """The name tagger's files are missing or unreadable; the message names the folder and the fix
    (a FixableError, so `sottovoce run` and the other commands stop with that one line)."""


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    norm: str
    """The word as the model sees it: lower case, apostrophes dropped ("Thiago's" -> "thiagos")."""


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int
    end: int
    score: float
    """P(name) of the span's weakest word, 0 to 1."""
    source: str = "name tagger"


def words(text: str) -> list[Word]:
    """The words of a transcript with their offsets: letters and digits, inner apostrophes kept."""
    return [Word(m.start(), m.end(), m.group().lower().replace("'", "").replace("’", ""))
            for m in _WORD.finditer(text)]


def normalize(text: str) -> str:
    """Written form to the spoken shape the model was trained on."""
    return " ".join(w.norm for w in words(text))


class NameTagger:
    """The fine-tuned encoder and its word-tagging head, behind `spans(text)`."""

    def __init__(self, folder: str | Path = DEFAULT_DIR):
        folder = Path(folder)
        try:
            meta = json.loads((folder / "names.json").read_text(encoding="utf-8"))
            models = meta.get("models", ["model.onnx"])
            if not isinstance(models, list) or not models or not all(isinstance(m, str) for m in models):
                raise ValueError(f'"models" in names.json must list model files, not {models!r}')
            self.threshold = float(meta["threshold"])
            neighbour = meta.get("neighbour_threshold")  # a word joined to a name is part of it from here
            self.neighbour_threshold = None if neighbour is None else float(neighbour)
            self._members = [EncoderFiles(folder, m, MAX_TOKENS) for m in models]
        except (OSError, ValueError, KeyError, EncoderLoadError) as exc:
            raise NameTaggerError(f"the name tagger in {folder} cannot be loaded ({exc}); "
                                  "reinstall sottovoce (scripts/setup, or scripts/install.sh on a Pi), "
                                  "or re-create it with tools/train-names") from None
        self.meta = meta

    def word_scores(self, text: str) -> list[tuple[Word, float]]:
        """P(name) for every word of the transcript (the mean over the models)."""
        ws = words(text)
        out: list[tuple[Word, float]] = []
        for k in range(0, len(ws), WINDOW_WORDS):
            window = ws[k:k + WINDOW_WORDS]
            enc = self._members[0].tokenizer.encode([w.norm for w in window], is_pretokenized=True)
            feed = {"input_ids": np.asarray([enc.ids], dtype=np.int64),
                    "attention_mask": np.asarray([enc.attention_mask], dtype=np.int64)}
            probs = np.mean([m.session.run(None, feed)[0][0] for m in self._members], axis=0)
            first: dict[int, float] = {}
            for pos, wid in enumerate(enc.word_ids):
                if wid is not None and wid not in first:
                    first[wid] = float(probs[pos])
            out += [(w, first.get(j, 0.0)) for j, w in enumerate(window)]
        return out

    def spans(self, text: str, threshold: float | None = None,
              never: Callable[[str], bool] | None = None) -> list[NameSpan]:
        """Spans of words taken as names (`taken`; neighbouring name words form one span), with
        their score. A word for which `never(word.norm)` holds is not taken."""
        th = self.threshold if threshold is None else threshold
        scored = self.word_scores(text)
        out: list[NameSpan] = []
        for (word, p), take in zip(scored, taken(text, scored, th, self.neighbour_threshold, never)):
            if not take:
                continue
            end = word.end
            m = _POSSESSIVE.search(text, word.start, word.end)
            if m and m.start() > word.start:
                end = m.start()
            if out and _joined(text, out[-1].end, word.start):
                last = out[-1]
                out[-1] = NameSpan(last.start, end, min(last.score, p))
            else:
                out.append(NameSpan(word.start, end, p))
        return out


def _joined(text: str, end: int, start: int) -> bool:
    """Nothing but spaces or hyphens between two words: one name ("li na", "mary-jane")."""
    return not text[end:start].strip(" -")


def taken(text: str, scored: Sequence[tuple[Word, float]], threshold: float, neighbour: float | None = None,
          never: Callable[[str], bool] | None = None) -> list[bool]:
    """Which words are names: every word scoring at least `threshold`, then, spreading from those,
    each word joined to a name (`_joined`) that scores at least `neighbour`: the tagger is less sure
    of the second word of "li na" or "thanh huong" alone than beside the first. Pure: the scores
    in, a flag per word out."""
    never = never or (lambda norm: False)
    take = [p >= threshold and not never(w.norm) for w, p in scored]
    if neighbour is None:
        return take
    grown = True
    while grown:
        grown = False
        for i, (w, p) in enumerate(scored):
            if take[i] or p < neighbour or never(w.norm):
                continue
            if (i > 0 and take[i - 1] and _joined(text, scored[i - 1][0].end, w.start)) or \
                    (i + 1 < len(scored) and take[i + 1] and _joined(text, w.end, scored[i + 1][0].start)):
                take[i] = grown = True
    return take


@functools.lru_cache(maxsize=1)
def packaged_tagger() -> NameTagger:
    """The tagger shipped in sottovoce/data/names (loaded once per process)."""
    return NameTagger(DEFAULT_DIR)
