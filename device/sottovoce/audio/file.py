"""WAV files as an audio source: any rate, 8/16/24/32-bit PCM or float, any channel count.

This module reads the RIFF `fmt ` and `data` chunks itself, for every WAV: Python 3.11's `wave`
(Raspberry Pi OS Bookworm) rejects WAVE_FORMAT_EXTENSIBLE and IEEE float files, which many recorders
write, trusts the RIFF size (a header saying 100 bytes over 22 s of audio reads nothing) and raises
RuntimeError on a lying fmt size. A header of a few fields, not signal processing, does not justify
a new dependency (soundfile and libsndfile) on the device. The bytes on disk win over the sizes in
the header: what is there is read.
"""

from __future__ import annotations

import logging
import os
import stat
import struct
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
        st = os.stat(path)
    except FileNotFoundError:
        raise AudioError(f"{path}: no such file; check the path") from None
    except OSError as exc:
        raise AudioError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    if stat.S_ISDIR(st.st_mode):
        raise AudioError(f"{path}: is a folder, not a WAV file; give the path of a .wav file")
    if not stat.S_ISREG(st.st_mode):  # a FIFO or a device: open() could block, and it cannot be re-read
        what = "a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else "not a regular file"
        raise AudioError(f"{path}: is {what}, and file: reads a WAV file; for a stream of raw 16 kHz "
                         f"16-bit mono audio use audio.source = \"stdin\" (sottovoce run --set "
                         f"audio.source=stdin < {path})")
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise AudioError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    try:
        reader = _open_riff(path, fh)
    except OSError as exc:
        fh.close()
        raise AudioError(f"{path}: cannot be read ({exc.strerror}); check the file and the disk") from None
    except BaseException:
        fh.close()
        raise
    if reader.format.frames == 0:
        reader.close()
        raise AudioError(f"{path}: the WAV holds no audio samples; record or choose a non-empty file")
    return reader


def _plausible_chunk(header: bytes, at: int, file_size: int) -> bool:
    """Does `header` (8 bytes read at offset `at`) look like a RIFF chunk header that fits the file?"""
    if len(header) < 8 or not all(0x20 <= b < 0x7F for b in header[:4]):
        return False
    return at + 8 + struct.unpack("<I", header[4:])[0] <= file_size or header[:4] == b"data"


def _open_riff(path: Path, fh: BinaryIO) -> _Reader:
    """Read the RIFF chunks, trusting the bytes on disk over the header's sizes.

    The RIFF size is ignored (streaming recorders leave it at 0, 100 or 0xFFFFFFFF); a `fmt ` chunk
    whose size does not lead to another chunk is re-synchronised by finding the `data` chunk; a data
    size that is 0, runs past the end of the file, or is not followed by a real chunk means "up to the
    end of the file"."""
    file_size = os.fstat(fh.fileno()).st_size
    head = fh.read(12)
    if len(head) < 12 or head[:4] not in (b"RIFF", b"RIFX") or head[8:12] != b"WAVE":
        raise AudioError(f"{path}: not a WAV file (no RIFF/WAVE header; too short, or another format); {FIX}")
    if head[:4] == b"RIFX":
        raise AudioError(f"{path}: big-endian (RIFX) WAV files are not supported; {FIX}")
    fmt_fields = None
    fmt_end = 0
    while True:
        at = fh.tell()
        chunk = fh.read(8)
        if len(chunk) < 8:
            what = "its header is cut off" if fmt_fields is None else "it has no data chunk (cut off or damaged)"
            raise AudioError(f"{path}: not a WAV file ({what}); {FIX}")
        if fmt_fields is not None and not _plausible_chunk(chunk, at, file_size):
            found = _find_data(fh, fmt_end, file_size)  # the fmt chunk's size lied
            if found is None:
                raise AudioError(f"{path}: not a WAV file (damaged header: no data chunk after the format); {FIX}")
            log.warning("%s: the WAV format chunk's size is wrong; read the audio from the data chunk at byte %d",
                        path, found)
            fh.seek(found)
            continue
        cid, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
        if cid == b"fmt ":
            body = fh.read(max(16, min(size, 64)))
            if len(body) < 16:
                raise AudioError(f"{path}: not a WAV file (its format header is cut off); {FIX}")
            fmt_fields = _parse_fmt(path, body)
            fmt_end = at + 8 + 16
            fh.seek(at + 8 + size + (size & 1))
        elif cid == b"data":
            if fmt_fields is None:
                raise AudioError(f"{path}: the WAV has audio data before its format header; {FIX}")
            rate, channels, width, is_float = fmt_fields
            start = at + 8
            size = _data_size(fh, start, size, file_size)
            fh.seek(start)
            fmt = WavFormat(rate, channels, width, is_float, size // (width * channels))
            _check_format(path, fmt)
            return _Reader(fmt, lambda n: fh.read(n * width * channels), fh.close)
        else:
            fh.seek(at + 8 + size + (size & 1))


def _find_data(fh: BinaryIO, start: int, file_size: int, window: int = 1 << 16) -> int | None:
    """Offset of the `data` chunk header in the first `window` bytes after `start`, or None."""
    fh.seek(start)
    blob = fh.read(window)
    i = blob.find(b"data")
    return None if i < 0 else start + i


def _data_size(fh: BinaryIO, start: int, declared: int, file_size: int) -> int:
    """Bytes of audio in a data chunk starting at `start`: the declared size when it ends at a real
    chunk or at the end of the file, else everything up to the end of the file."""
    present = file_size - start
    if declared == 0 or declared >= present:
        return present
    end = start + declared + (declared & 1)
    fh.seek(end)
    tail = fh.read(8)
    if end >= file_size or _plausible_chunk(tail, end, file_size):
        return declared
    return present  # the size lies: more audio follows than it says


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
