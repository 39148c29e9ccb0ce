"""openWakeWord on LiteRT, without its training code: the one place that imports openwakeword.

openWakeWord 0.6.0 is kept as the wake word library, but two of its imports do not suit a Pi:
- it runs `.tflite` models through `tflite_runtime.interpreter`, and tflite-runtime has no wheel
  above Python 3.11, so it cannot be installed on Raspberry Pi OS Trixie (Python 3.13). LiteRT
  (`ai_edge_litert`, Google's maintained successor) has the same `Interpreter` API, runs the same
  model files and has wheels for Python 3.11-3.13 on aarch64 and x86_64. While openWakeWord builds
  its models, `tflite_runtime.interpreter` is LiteRT's interpreter module.
- its package `__init__` imports `custom_verifier_model`, a training helper that loads scikit-learn
  and scipy (142 MiB and ~5 s on a Pi), and `vad`, Silero's VAD, which loads onnxruntime (~20 MiB)
  for a filter sottovoce does not switch on (it has its own end-of-utterance VAD). Before
  openwakeword is first imported, the verifier is replaced by a module whose only function says
  where training belongs, and the VAD module by one that loads the real one on first use.
openwakeword is installed with `pip install --no-deps` (its metadata names tflite-runtime and
scikit-learn); its run-time needs (numpy, tqdm, requests, LiteRT; onnxruntime for .onnx models
and its VAD) are sottovoce's own dependencies.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

# Model file suffix -> openWakeWord's `inference_framework`; the first is preferred.
FRAMEWORKS = {".tflite": "tflite", ".onnx": "onnx"}
VERIFIER_MODULE = "openwakeword.custom_verifier_model"
VAD_MODULE = "openwakeword.vad"
INSTALL_HINT = ("install it into sottovoce's environment: pip install --no-deps openwakeword==0.6.0 "
                "(scripts/setup and scripts/install.sh do this)")


class RuntimeMissing(Exception):
    """openWakeWord or the runtime for its models is not installed; the message names the fix."""


def train_custom_verifier(*_args: Any, **_kwargs: Any) -> None:
    """Stands in for openWakeWord's training-only verifier, which sottovoce does not load."""
    raise RuntimeError("openWakeWord's custom verifier training is not available inside sottovoce "
                       "(it needs scikit-learn); train verifiers in openWakeWord's own environment")


def silero_vad(*args: Any, **kwargs: Any) -> Any:
    """openWakeWord's `VAD(...)`, its module (and onnxruntime) loaded only now, under a private name."""
    spec = importlib.util.find_spec("openwakeword")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeMissing(f"openWakeWord is not installed; {INSTALL_HINT}")
    path = Path(next(iter(spec.submodule_search_locations))) / "vad.py"
    vad_spec = importlib.util.spec_from_file_location("openwakeword._silero_vad", path)
    assert vad_spec is not None and vad_spec.loader is not None, path
    module = importlib.util.module_from_spec(vad_spec)
    vad_spec.loader.exec_module(module)
    return module.VAD(*args, **kwargs)


def keep_verifier_and_vad_out() -> None:
    """Register the stand-ins for openWakeWord's verifier and VAD modules, unless already imported."""
    stand_ins = {VERIFIER_MODULE: ("train_custom_verifier", train_custom_verifier,
                                   "sottovoce's stand-in: training is not done on the device"),
                 VAD_MODULE: ("VAD", silero_vad, "sottovoce's stand-in: Silero's VAD is loaded on first use")}
    for name, (attr, function, doc) in stand_ins.items():
        if name not in sys.modules:
            stub = types.ModuleType(name, doc)
            setattr(stub, attr, function)
            sys.modules[name] = stub


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
    keep_verifier_and_vad_out()
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
