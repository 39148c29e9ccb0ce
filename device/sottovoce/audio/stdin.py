"""Raw S16LE 16 kHz mono audio on stdin as an audio source; ends at end of input.

For pipelines such as
    arecord -f S16_LE -r 16000 -c 1 -t raw | sottovoce run --set audio.source=stdin
Reads wait on the file descriptor with a short select() timeout, so close() from another thread or
a signal handler ends frames() promptly even while the writer is silent.
"""

from __future__ import annotations

import io
import logging
import os
import select
import sys
from typing import BinaryIO, Iterator

import numpy as np

from sottovoce.audio.frames import AudioError, Framer
from sottovoce.events import FRAME_SAMPLES, AudioChunk

log = logging.getLogger(__name__)

PIPE_EXAMPLE = "arecord -f S16_LE -r 16000 -c 1 -t raw | sottovoce run --set audio.source=stdin"
READ_BYTES = FRAME_SAMPLES * 2 * 4


class StdinSource:
    """Frames from raw little-endian 16-bit 16 kHz mono bytes; pads the last frame with zeros."""

    description = "stdin (raw S16LE 16 kHz mono)"

    def __init__(self, stream: BinaryIO | None = None, *, poll_seconds: float = 0.1):
        if stream is None and sys.stdin is None:
            raise AudioError(f"there is no stdin to read audio from: pipe raw audio in, e.g. `{PIPE_EXAMPLE}`")
        self._stream = stream if stream is not None else sys.stdin.buffer
        self._poll = poll_seconds
        self._closed = False
        try:
            self._fd: int | None = self._stream.fileno()
        except (AttributeError, OSError, io.UnsupportedOperation):
            self._fd = None  # an in-memory stream: plain reads
        if self._fd is not None and os.isatty(self._fd):
            raise AudioError("stdin is a terminal, not audio: pipe raw audio in, e.g. "
                             f"`{PIPE_EXAMPLE}`, or use --set audio.source=mic")

    def frames(self) -> Iterator[AudioChunk]:
        framer = Framer()
        odd = b""
        first = True
        while not self._closed:
            data = self._read()
            if data is None:
                continue
            if not data:
                break
            if first:
                first = False
                if data[:4] == b"RIFF":
                    raise AudioError("stdin carries a WAV file, but audio.source=stdin expects raw samples: "
                                     f"add `-t raw` as in `{PIPE_EXAMPLE}`, or use --set audio.source=file:PATH")
            data = odd + data
            cut = len(data) - len(data) % 2
            odd = data[cut:]
            yield from framer.push(np.frombuffer(data[:cut], "<i2"))
        if self._closed:
            return
        if odd:
            log.debug("stdin ended with an odd byte; ignored")
        last = framer.flush()
        if last is not None:
            yield last

    def _read(self) -> bytes | None:
        """Some bytes, b"" at end of input, None when nothing came within the poll interval."""
        if self._fd is None:
            return self._stream.read(READ_BYTES)
        ready, _, _ = select.select([self._fd], [], [], self._poll)
        if not ready:
            return None
        return os.read(self._fd, READ_BYTES)

    def close(self) -> None:
        """Make frames() end within the poll interval; only sets a flag (signal-handler safe)."""
        self._closed = True
