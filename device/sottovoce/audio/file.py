"""WAV files as an audio source: any rate, 8/16/24/32-bit PCM or float, any channel count.

The stdlib `wave` module reads plain PCM WAVs. Python 3.11 (Raspberry Pi OS Bookworm) rejects
WAVE_FORMAT_EXTENSIBLE and IEEE float files, which many recorders and editors write, so for those
this module reads the RIFF `fmt ` and `data` chunks itself: a header of a few fields, not signal
processing, which does not justify a new dependency (soundfile and libsndfile) on the device.
"""

from __future__ import annotations

import logging
import struct
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

import numpy as np

from sottovoce.audio.frames import AudioError, Framer, StreamConverter
from sottovoce.events import AudioChunk

log = logging.getLogger(__name__)

_PCM, _FLOAT, _EXTENSIBLE = 0x0001, 0x0003, 0xFFFE
_FORMAT_NAMES = {0x0002: "MS ADPCM", 0x0006: "A-law", 0x0007: "mu-law", 0x0011: "IMA ADPCM", 0x0055: "MP3"}
FIX = ("give a WAV recording, or convert the audio to one with `sox IN -r 16000 -c 1 -b 16 OUT.wav` "
       "(or `ffmpeg -i IN -ar 16000 -ac 1 OUT.wav`)")
BLOCK_FRAMES = 16384  # frames read at a time: bounded memory for long files


@dataclass(frozen=True)
class WavFormat:
    rate: int
    channels: int
    width: int
    """Bytes per sample: 1, 2, 3, 4 (or 8 for float64)."""
    is_float: bool
    frames: int

    def __str__(self) -> str:
        kind = "float" if self.is_float else "PCM"
        return f"{self.rate} Hz, {8 * self.width}-bit {kind}, {self.channels} channel(s), {self.frames / self.rate:.1f} s"


class _Reader:
    """An open WAV: its format and raw sample bytes, read in blocks."""

    def __init__(self, fmt: WavFormat, read_bytes, close):
        self.format = fmt
        self._read_bytes = read_bytes
        self._close = close
        self._left = fmt.frames

    def read(self, frames: int) -> np.ndarray:
        """Up to `frames` frames as (frames, channels); empty at the end of the data."""
        want = min(frames, self._left)
        frame_bytes = self.format.width * self.format.channels
        raw = self._read_bytes(want) if want > 0 else b""
        raw = raw[:len(raw) - len(raw) % frame_bytes]
        self._left -= len(raw) // frame_bytes
        return decode(raw, self.format)

    def close(self) -> None:
        self._close()


def decode(raw: bytes, fmt: WavFormat) -> np.ndarray:
    """Little-endian sample bytes to (frames, channels); 24-bit becomes left-aligned int32."""
    if fmt.width == 3:
        b = np.frombuffer(raw, np.uint8).reshape(-1, 3)
        wide = np.zeros((len(b), 4), np.uint8)
        wide[:, 1:] = b
        samples = wide.reshape(-1).view("<i4")
    else:
        dtype = {(1, False): "u1", (2, False): "<i2", (4, False): "<i4", (4, True): "<f4", (8, True): "<f8"}
        samples = np.frombuffer(raw, dtype[(fmt.width, fmt.is_float)])
    return samples.astype(samples.dtype.newbyteorder("="), copy=False).reshape(-1, fmt.channels)


def open_wav(path: str | Path) -> _Reader:
    """Open and check a WAV; raise AudioError naming the file, the problem and the fix."""
    path = Path(path)
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        raise AudioError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise AudioError(f"{path}: is a folder, not a WAV file; give the path of a .wav file") from None
    except OSError as exc:
        raise AudioError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    try:
        reader = _open_stdlib(path, fh)
        if reader is None:
            fh.seek(0)
            reader = _open_riff(path, fh)
    except BaseException:
        fh.close()
        raise
    if reader.format.frames == 0:
        reader.close()
        raise AudioError(f"{path}: the WAV holds no audio samples; record or choose a non-empty file")
    return reader


def _open_stdlib(path: Path, fh: BinaryIO) -> _Reader | None:
    """Plain PCM through `wave`; None when `wave` does not know the format (extensible, float)."""
    try:
        w = wave.open(fh, "rb")
    except wave.Error as exc:
        if str(exc).startswith(("unknown format", "unknown extended format")):  # the latter: Python >= 3.12
            return None
        raise AudioError(f"{path}: not a WAV file ({exc}); {FIX}") from None
    except EOFError:
        raise AudioError(f"{path}: not a WAV file (too short, or its header is cut off); {FIX}") from None
    width = w.getsampwidth()
    if width not in (1, 2, 3, 4):
        raise AudioError(f"{path}: {8 * width}-bit samples are not supported (8, 16, 24 or 32-bit are); {FIX}")
    on_disk = (path.stat().st_size - fh.tell()) // (width * max(1, w.getnchannels()))  # wave stops at the data
    frames = min(w.getnframes(), on_disk)  # streamed WAVs carry a bogus size
    fmt = WavFormat(w.getframerate(), w.getnchannels(), width, False, frames)
    _check_format(path, fmt)
    return _Reader(fmt, w.readframes, fh.close)


def _open_riff(path: Path, fh: BinaryIO) -> _Reader:
    head = fh.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        raise AudioError(f"{path}: not a WAV file (no RIFF/WAVE header); {FIX}")
    size_on_disk = path.stat().st_size
    fmt_fields = None
    while True:
        chunk = fh.read(8)
        if len(chunk) < 8:
            raise AudioError(f"{path}: the WAV has no {'data' if fmt_fields else 'fmt '} chunk "
                             f"(cut off or damaged); {FIX}")
        cid, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
        if cid == b"fmt ":
            body = fh.read(size + (size & 1))
            if len(body) < 16:
                raise AudioError(f"{path}: the WAV format header is damaged; {FIX}")
            fmt_fields = _parse_fmt(path, body)
        elif cid == b"data":
            if fmt_fields is None:
                raise AudioError(f"{path}: the WAV has audio data before its format header; {FIX}")
            rate, channels, width, is_float = fmt_fields
            size = min(size, size_on_disk - fh.tell())  # streamed WAVs carry a bogus size
            fmt = WavFormat(rate, channels, width, is_float, size // (width * channels))
            _check_format(path, fmt)
            return _Reader(fmt, lambda n: fh.read(n * width * channels), fh.close)
        else:
            fh.seek(size + (size & 1), 1)


def _parse_fmt(path: Path, body: bytes) -> tuple[int, int, int, bool]:
    tag, channels, rate, _byte_rate, _align, bits = struct.unpack("<HHIIHH", body[:16])
    if tag == _EXTENSIBLE:
        if len(body) < 40:
            raise AudioError(f"{path}: the WAVE_FORMAT_EXTENSIBLE header is damaged; {FIX}")
        tag = struct.unpack("<H", body[24:26])[0]  # first two bytes of the sub-format GUID
    width = (bits + 7) // 8
    if tag == _PCM and width in (1, 2, 3, 4):
        return rate, channels, width, False
    if tag == _FLOAT and width in (4, 8):
        return rate, channels, width, True
    what = _FORMAT_NAMES.get(tag, f"format 0x{tag:04x}")
    if tag in (_PCM, _FLOAT):
        what = f"{bits}-bit {'PCM' if tag == _PCM else 'float'}"
    raise AudioError(f"{path}: {what} audio is not supported (8/16/24/32-bit PCM or 32/64-bit float are); {FIX}")


def _check_format(path: Path, fmt: WavFormat) -> None:
    if fmt.channels < 1:
        raise AudioError(f"{path}: the WAV header says {fmt.channels} channels; {FIX}")
    if not 1000 <= fmt.rate <= 768000:
        raise AudioError(f"{path}: sample rate {fmt.rate} Hz is not usable (1000 to 768000 Hz); {FIX}")


def read_wav(path: str | Path) -> np.ndarray:
    """A whole WAV as 16 kHz mono int16 (exact length, no padding)."""
    reader = open_wav(path)
    try:
        conv = StreamConverter(reader.format.rate)
        parts = []
        while (block := reader.read(BLOCK_FRAMES)).size:
            parts.append(conv.convert(block))
        parts.append(conv.flush())
    finally:
        reader.close()
    return np.concatenate(parts)


class FileSource:
    """Frames from a WAV file as fast as they can be read (not real time); ends at end of file.

    The file is checked when the source is made, so a bad path fails before anything starts.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        reader = open_wav(self.path)
        self.format = reader.format
        reader.close()
        self.description = f"file {self.path} ({self.format})"
        self._closed = False

    def frames(self) -> Iterator[AudioChunk]:
        if self._closed:
            return
        reader = open_wav(self.path)
        log.debug("reading %s", self.description)
        try:
            conv, framer = StreamConverter(self.format.rate), Framer()
            while not self._closed:
                block = reader.read(BLOCK_FRAMES)
                if not block.size:
                    break
                yield from framer.push(conv.convert(block))
            if self._closed:
                return
            yield from framer.push(conv.flush())
            last = framer.flush()
            if last is not None:
                yield last
        finally:
            reader.close()

    def close(self) -> None:
        """Make frames() end at its next block; only sets a flag, so safe from a signal handler."""
        self._closed = True
