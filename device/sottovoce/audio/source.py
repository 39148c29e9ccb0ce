"""The audio source interface and the factory that picks one from `[audio] source`."""

from __future__ import annotations

from typing import Any, Iterator, Protocol, runtime_checkable

from sottovoce.audio.frames import AudioError
from sottovoce.events import AudioChunk
from sottovoce.settings import AudioSettings

__all__ = ["AudioError", "AudioSource", "open_source"]


@runtime_checkable
class AudioSource(Protocol):
    """Where frames come from: exact 1280-sample 16 kHz mono int16 `AudioChunk`s.

    `frames()` ends when the source does (end of file or stdin) or soon after `close()`; a
    microphone never ends by itself. `close()` may be called from another thread or a signal
    handler. `description` is for logs.
    """

    description: str

    def frames(self) -> Iterator[AudioChunk]: ...

    def close(self) -> None: ...


def open_source(audio: AudioSettings, *, backend: Any = None) -> AudioSource:
    """The source `audio.source` names; AudioError (with the fix) when it cannot be used.

    `backend` replaces the sounddevice module for "mic" (tests pass a fake microphone).
    """
    kind = audio.source
    if kind == "mic":
        from sottovoce.audio.mic import MicSource

        return MicSource(audio, backend=backend)
    if kind == "stdin":
        from sottovoce.audio.stdin import StdinSource

        return StdinSource()
    if kind.startswith("file:") and len(kind) > 5:
        from sottovoce.audio.file import FileSource

        return FileSource(kind[5:])
    raise AudioError(f'audio.source = {kind!r}: expected "mic", "stdin" or "file:PATH"')
