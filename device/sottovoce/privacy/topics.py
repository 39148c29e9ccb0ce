"""Sensitive topics, learned: is this raw transcript about health, sexuality, violence or crime,
religion, politics or money trouble?

Keyword lists miss what people actually say ("remind me to pick up my sertraline", "the bailiffs
are coming on monday") and hold what they do not mean ("play every breath you take by the
police"). This is a small pretrained English encoder (all-MiniLM-L6-v2, 6 layers, uncased)
fine-tuned on labelled utterances and shipped as an int8 ONNX file with its tokenizer
(`data/topics/`); `tools/train-topics` re-creates it from `tools/corpora/`. It runs on the raw
transcript in RAM, before redaction, so that "stabbed" has not become a placeholder yet; nothing
of the text is kept. Decisions are deterministic for a given model file (one thread, no sampling).

The household's own term lists (`sensitive.toml`, `consent.extra_sensitive_terms`) still hold
what they name; the model is the default judgement, not a replacement for those.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sottovoce.privacy.encoder import EncoderFiles, EncoderLoadError

TOPICS = ("health", "sexuality", "violence_crime", "religion", "politics", "money_trouble")
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "topics"
MAX_TOKENS = 64
"""Commands are short; a longer transcript is judged on its first 64 word pieces."""
_NOT_WORD = re.compile(r"[^\w']+")


class TopicModelError(Exception):
    """The topic model files are missing or unreadable; the message names the folder and the fix."""


FILES = ("model.onnx", "tokenizer.json", "topics.json")
FIX = "reinstall sottovoce (scripts/setup, or scripts/install.sh on a Pi)"


def model_problem(folder: str | Path = DEFAULT_DIR) -> str | None:
    """Why `folder` cannot hold the topic model (a file missing), or None; without loading it."""
    missing = [name for name in FILES if not (Path(folder) / name).is_file()]
    return f"the sensitive-topic model in {folder} is missing {', '.join(missing)}" if missing else None


@dataclass(frozen=True)
class TopicVerdict:
    topic: str | None
    """The most likely sensitive topic when the transcript is judged sensitive, else None."""
    score: float
    """How sure the model is that the transcript is sensitive at all (1 - P(none)), 0 to 1."""
    threshold: float
    """The score at or above which the transcript is held as sensitive."""

    @property
    def sensitive(self) -> bool:
        return self.topic is not None


def normalize(text: str) -> str:
    """Written form (Whisper) to the shape the model was trained on (Vosk's spoken form): lower case,
    punctuation to spaces. Digits stay digits; the encoder has word pieces for them."""
    return " ".join(_NOT_WORD.sub(" ", text.lower()).replace("'", "").split())


class TopicModel:
    """The fine-tuned encoder and its classification head, behind `classify(text)`."""

    def __init__(self, folder: str | Path = DEFAULT_DIR):
        folder = Path(folder)
        try:
            meta = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
            files = EncoderFiles(folder, "model.onnx", MAX_TOKENS)
        except (OSError, ValueError, EncoderLoadError) as exc:
            raise TopicModelError(f"the sensitive-topic model in {folder} cannot be loaded ({exc}); {FIX}") from None
        self._tokenizer = files.tokenizer
        self._session = files.session
        self.labels: tuple[str, ...] = tuple(meta["labels"])
        self.threshold = float(meta["threshold"])
        self._none = self.labels.index("none")

    def probabilities(self, text: str) -> dict[str, float]:
        """P(label) for every label, "none" included."""
        enc = self._tokenizer.encode(normalize(text) or ".")
        ids = np.asarray([enc.ids], dtype=np.int64)
        mask = np.asarray([enc.attention_mask], dtype=np.int64)
        probs = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0][0]
        return {label: float(p) for label, p in zip(self.labels, probs)}

    def classify(self, text: str) -> TopicVerdict:
        probs = self.probabilities(text)
        score = 1.0 - probs["none"]
        if score < self.threshold:
            return TopicVerdict(None, score, self.threshold)
        topic = max((label for label in self.labels if label != "none"), key=probs.__getitem__)
        return TopicVerdict(topic, score, self.threshold)
