"""openWakeWord on LiteRT, without its training code: the one place that imports openwakeword.

openWakeWord 0.6.0 is kept as the wake word library, but two of its imports do not suit a Pi:
- it runs `.tflite` models through `tflite_runtime.interpreter`, and tflite-runtime has no wheel
  above Python 3.11, so it cannot be installed on Raspberry Pi OS Trixie (Python 3.13). LiteRT
  (`ai_edge_litert`, Google's maintained successor) has the same `Interpreter` API, runs the same
  model files and has wheels for Python 3.11-3.13 on aarch64 and x86_64. While openWakeWord builds
  its models, `tflite_runtime.interpreter` is LiteRT's interpreter module.
- its package `__init__` imports `custom_verifier_model`, a training helper that loads scikit-learn
  and scipy (142 MiB and ~5 s on a Pi). sottovoce never trains, so that module is replaced, before
  openwakeword is first imported, by one whose only function says where training belongs.
openwakeword is installed with `pip install --no-deps` (its metadata names tflite-runtime and
scikit-learn); its run-time needs (numpy, onnxruntime for its VAD module, tqdm, requests, LiteRT)
are sottovoce's own dependencies.
"""

from __future__ import annotations

import sys
import types
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

# Model file suffix -> openWakeWord's `inference_framework`; the first is preferred.
FRAMEWORKS = {".tflite": "tflite", ".onnx": "onnx"}
VERIFIER_MODULE = "openwakeword.custom_verifier_model"
INSTALL_HINT = ("install it into sottovoce's environment: pip install --no-deps openwakeword==0.6.0 "
                "(scripts/setup and scripts/install.sh do this)")


class RuntimeMissing(Exception):
    """openWakeWord or the runtime for its models is not installed; the message names the fix."""


def train_custom_verifier(*_args: Any, **_kwargs: Any) -> None:
    """Stands in for openWakeWord's training-only verifier, which sottovoce does not load."""
    raise RuntimeError("openWakeWord's custom verifier training is not available inside sottovoce "
                       "(it needs scikit-learn); train verifiers in openWakeWord's own environment")


def keep_verifier_out() -> None:
    """Register a stand-in for `openwakeword.custom_verifier_model` unless the real one is loaded."""
    if VERIFIER_MODULE not in sys.modules:
        stub = types.ModuleType(VERIFIER_MODULE, "sottovoce's stand-in: training is not done on the device")
        stub.train_custom_verifier = train_custom_verifier  # type: ignore[attr-defined]
        sys.modules[VERIFIER_MODULE] = stub


@contextmanager
def litert_as_tflite_runtime() -> Iterator[None]:
    """While open, `import tflite_runtime.interpreter` gives LiteRT's interpreter module."""
    try:
        from ai_edge_litert import interpreter
    except ImportError as exc:
        raise RuntimeMissing(f"LiteRT is not installed ({exc}); install it: pip install 'ai-edge-litert>=2.1,<3'") \
            from exc
    names = ("tflite_runtime", "tflite_runtime.interpreter")
    saved = {name: sys.modules.get(name) for name in names}
    package = types.ModuleType("tflite_runtime", "LiteRT standing in for tflite-runtime (sottovoce.wake.runtime)")
    package.__path__ = []  # a package, so that the submodule import resolves
    package.interpreter = interpreter  # type: ignore[attr-defined]
    sys.modules.update({"tflite_runtime": package, "tflite_runtime.interpreter": interpreter})
    try:
        yield
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


def framework_for(paths: Sequence[Path]) -> str:
    """openWakeWord's inference framework for these model files (all must share one format)."""
    suffixes = {p.suffix for p in paths}
    if len(suffixes) != 1 or not suffixes <= FRAMEWORKS.keys():
        raise ValueError(f"wake models must all be {' or all '.join(FRAMEWORKS)} files "
                         f"(openWakeWord runs one format at a time): {', '.join(sorted(str(p) for p in paths))}")
    return FRAMEWORKS[suffixes.pop()]


def load_model(wake_models: Sequence[Path], melspectrogram: Path, embedding: Path) -> Any:
    """An `openwakeword.model.Model` for these files, run by LiteRT (.tflite) or onnxruntime (.onnx)."""
    framework = framework_for([*wake_models, melspectrogram, embedding])
    keep_verifier_out()
    try:
        from openwakeword.model import Model
    except ImportError as exc:
        raise RuntimeMissing(f"openWakeWord could not be imported ({exc}); {INSTALL_HINT}") from exc
    kwargs = dict(wakeword_models=[str(p) for p in wake_models], inference_framework=framework,
                  melspec_model_path=str(melspectrogram), embedding_model_path=str(embedding))
    if framework == "onnx":
        return Model(**kwargs)
    with litert_as_tflite_runtime():
        return Model(**kwargs)
