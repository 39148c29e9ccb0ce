"""The files of a fine-tuned encoder shipped for the Pi: an ONNX model and its tokenizer.json,
run with onnxruntime on one thread (deterministic, and the speaker has other work to do).

Shared by the sensitive-topic classifier (`privacy.topics`) and the name tagger
(`privacy.redaction.name_tagger`); each wraps `EncoderLoadError` in its own error naming its folder
and the fix.
"""

from __future__ import annotations

from pathlib import Path


class EncoderLoadError(Exception):
    """The model or tokenizer file is missing or unreadable, or a runtime library is absent."""


class EncoderFiles:
    """A tokenizer (truncating at `max_tokens`, no padding) and a one-thread ONNX session."""

    def __init__(self, folder: str | Path, model_file: str, max_tokens: int):
        folder = Path(folder)
        try:
            import onnxruntime
            from tokenizers import Tokenizer

            for name in ("tokenizer.json", model_file):  # tokenizers raises a bare Exception for a missing file
                if not (folder / name).is_file():
                    raise OSError(f"{folder / name} is missing")
            self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            self.session = onnxruntime.InferenceSession(str(folder / model_file), options,
                                                        providers=["CPUExecutionProvider"])
        except (OSError, ValueError, ImportError, RuntimeError) as exc:
            raise EncoderLoadError(str(exc)) from None
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.no_padding()
