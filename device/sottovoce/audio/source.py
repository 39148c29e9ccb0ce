"""The audio source interface and the factory that picks one from `[audio] source`.

`file:PATH` may name a FIFO (a named pipe another program writes a WAV into). Opening a FIFO for
reading blocks until a writer comes, where a signal cannot end it (Python retries the call), so
`open_source` first opens it non-blocking and polls until the writer has written something or
`stopped()` is true. It keeps that descriptor open while the source is in use, so the pipe is not
torn down between the file source's own opens.
"""

from __future__ import annotations

import logging
import os
import select
import stat
from typing import Any, Callable, Iterator, Protocol, runtime_checkable

from sottovoce.audio.frames import AudioError
from sottovoce.events import AudioChunk
from sottovoce.settings import AudioSettings

__all__ = ["AudioError", "AudioSource", "SourceStopped", "open_source"]

log = logging.getLogger(__name__)

POLL_MS = 100


class SourceStopped(Exception):
    """The daemon was told to stop while the source was still being opened (a FIFO with no writer)."""


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


def open_source(audio: AudioSettings, *, backend: Any = None,
                stopped: Callable[[], bool] = lambda: False) -> AudioSource:
    """The source `audio.source` names; AudioError (with the fix) when it cannot be used, and
    SourceStopped when `stopped()` became true while waiting for a FIFO's writer.

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

        path = kind[5:]
        held = wait_for_writer(path, stopped) if is_fifo(path) else None
        try:
            source = FileSource(path)
        except BaseException:
            if held is not None:
                os.close(held)
            raise
        return source if held is None else _HeldFifo(source, held)
    raise AudioError(f'audio.source = {kind!r}: expected "mic", "stdin" or "file:PATH"')


def is_fifo(path: str) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        return False  # missing or unreadable: the file source says which, with the fix


def wait_for_writer(path: str, stopped: Callable[[], bool]) -> int:
    """A non-blocking read descriptor on FIFO `path`, returned once a writer has written to it.

    Linux's poll() reports nothing on a FIFO no writer has opened yet, and POLLIN once one wrote;
    the descriptor is polled in short steps so that `stopped()` is seen within POLL_MS."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise AudioError(f"{path}: cannot be opened ({exc.strerror}); check its permissions") from None
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    logged = False
    try:
        while not stopped():
            if poller.poll(POLL_MS):
                return fd
            if not logged:
                log.info("audio.source %s is a FIFO with no writer yet: waiting for one", path)
                logged = True
    except BaseException:
        os.close(fd)
        raise
    os.close(fd)
    raise SourceStopped(path)


class _HeldFifo:
    """A file source on a FIFO, holding the reader descriptor that waited for the writer."""

    def __init__(self, source: AudioSource, fd: int):
        self._source = source
        self._fd: int | None = fd
        self.description = source.description

    def frames(self) -> Iterator[AudioChunk]:
        return self._source.frames()

    def close(self) -> None:
        self._source.close()
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)
