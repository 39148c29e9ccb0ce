"""Where audio enters: any numpy audio to 16 kHz mono int16, cut into fixed 1280-sample frames.

Every source (microphone, stdin, WAV file) goes through here once, so the stages downstream only
ever see `AudioChunk`s of exactly `FRAME_SAMPLES` 16 kHz mono int16 samples (what openWakeWord
eats). Pure: no files, devices or clocks.

Resampling uses soxr (libsoxr): a kept, fast, high-quality resampler with a streaming API, so a
48 kHz USB microphone and a 44.1 kHz WAV are converted with the same proven filter instead of a
hand-written one.
"""

from __future__ import annotations

import numpy as np
import soxr

from sottovoce.errors import FixableError
from sottovoce.events import FRAME_SAMPLES, SAMPLE_RATE, AudioChunk

RESAMPLE_QUALITY = "HQ"  # libsoxr "high quality": transparent for speech, cheap enough for a Pi


class AudioError(FixableError):
    """Audio that cannot be read or used; the message names the source, the problem and the fix.

    A FixableError, so a command that lets it escape prints the message and exits 1, never a
    traceback.
    """


def to_float(audio: np.ndarray, *, bits: int | None = None) -> np.ndarray:
    """Samples as float32 in [-1, 1), shape (frames, channels).

    Integer input is scaled by its full range: uint8 is offset binary (8-bit WAV), int8/int16/int32
    are signed. `bits=24` says an int32 array holds right-aligned 24-bit samples (+-2**23); 24-bit
    audio stored left-aligned (the WAV reader's choice) is just full-scale int32.
    """
    a = np.asarray(audio)
    if a.ndim == 1:
        a = a[:, np.newaxis]
    elif a.ndim != 2:
        raise ValueError(f"audio must be 1-D (mono) or 2-D (frames, channels), got shape {a.shape}")
    kind, size = a.dtype.kind, a.dtype.itemsize
    if kind == "f":
        return a.astype(np.float32, copy=False)
    if kind == "u" and size == 1:
        return (a.astype(np.float32) - 128.0) / 128.0
    if kind == "i":
        full = bits if bits is not None else 8 * size
        if not 8 <= full <= 8 * size:
            raise ValueError(f"bits={bits} does not fit {a.dtype}")
        scale = np.float64(2.0 ** (full - 1))
        if size <= 2:
            return a.astype(np.float32) / np.float32(scale)
        return (a.astype(np.float64) / scale).astype(np.float32)  # int32 needs float64 on the way
    raise ValueError(f"unsupported sample type {a.dtype}")


def downmix(samples: np.ndarray) -> np.ndarray:
    """Mono by averaging the channels of a (frames, channels) float array."""
    if samples.shape[1] == 1:
        return samples[:, 0]
    return samples.mean(axis=1, dtype=np.float32)


def to_int16(samples: np.ndarray) -> np.ndarray:
    """Float in [-1, 1) to int16 (scale 32768, round to nearest, clip): exact inverse of to_float."""
    return np.clip(np.rint(samples * np.float32(32768.0)), -32768, 32767).astype(np.int16)


def convert(audio: np.ndarray, rate: int, *, bits: int | None = None) -> np.ndarray:
    """A whole recording to 16 kHz mono int16 (downmix by averaging, then resample)."""
    _check_rate(rate)
    mono = downmix(to_float(audio, bits=bits))
    if rate != SAMPLE_RATE:
        mono = soxr.resample(mono, rate, SAMPLE_RATE, quality=RESAMPLE_QUALITY)
    return to_int16(mono)


class StreamConverter:
    """Converts consecutive blocks of one stream, keeping the resampler's state between them.

    Blocks may have any length; output length follows the resampler, and `flush()` returns what
    it still holds at the end of the stream.
    """

    def __init__(self, rate: int, *, bits: int | None = None):
        _check_rate(rate)
        self.rate = rate
        self._bits = bits
        self._stream = (None if rate == SAMPLE_RATE else
                        soxr.ResampleStream(rate, SAMPLE_RATE, 1, dtype="float32", quality=RESAMPLE_QUALITY))

    def convert(self, block: np.ndarray) -> np.ndarray:
        mono = downmix(to_float(block, bits=self._bits))
        if self._stream is not None:
            mono = self._stream.resample_chunk(np.ascontiguousarray(mono))
        return to_int16(mono)

    def flush(self) -> np.ndarray:
        if self._stream is None:
            return np.zeros(0, np.int16)
        return to_int16(self._stream.resample_chunk(np.zeros(0, np.float32), last=True))


class Framer:
    """Re-chunks a 16 kHz mono int16 stream of any block sizes into exact `FRAME_SAMPLES` frames.

    Holds at most one partial frame. `start` of each chunk is `start_at` plus the samples framed
    so far, in seconds; `reset()` drops the partial frame and restarts the count (after a gap,
    such as a microphone reconnect).
    """

    def __init__(self, start_at: float = 0.0, frame_samples: int = FRAME_SAMPLES):
        self.frame_samples = frame_samples
        self._buf = np.zeros(frame_samples, np.int16)
        self.reset(start_at)

    def reset(self, start_at: float = 0.0) -> None:
        self._buf[:] = 0
        self._fill = 0
        self._frames = 0
        self._start_at = start_at

    @property
    def next_start(self) -> float:
        """`start` the next frame will have."""
        return self._start_at + self._frames * self.frame_samples / SAMPLE_RATE

    @property
    def pending(self) -> int:
        """Samples waiting for the next frame."""
        return self._fill

    def push(self, samples: np.ndarray) -> list[AudioChunk]:
        """The complete frames now available (possibly none)."""
        samples = np.asarray(samples, dtype=np.int16).reshape(-1)
        out: list[AudioChunk] = []
        n = self.frame_samples
        pos = 0
        if self._fill:
            take = min(n - self._fill, len(samples))
            self._buf[self._fill:self._fill + take] = samples[:take]
            self._fill += take
            pos = take
            if self._fill < n:
                return out
            out.append(self._emit(self._buf.copy()))
            self._fill = 0
        whole = (len(samples) - pos) // n
        for i in range(whole):
            out.append(self._emit(samples[pos + i * n:pos + (i + 1) * n].copy()))
        pos += whole * n
        rest = len(samples) - pos
        self._buf[:rest] = samples[pos:]
        self._fill = rest
        return out

    def flush(self) -> AudioChunk | None:
        """The partial frame padded with zeros, or None when nothing is pending."""
        if not self._fill:
            return None
        frame = np.zeros(self.frame_samples, np.int16)
        frame[:self._fill] = self._buf[:self._fill]
        self._fill = 0
        self._buf[:] = 0
        return self._emit(frame)

    def _emit(self, frame: np.ndarray) -> AudioChunk:
        chunk = AudioChunk(frame, self.next_start)
        self._frames += 1
        return chunk


def _check_rate(rate: int) -> None:
    if not (isinstance(rate, (int, np.integer)) and 1000 <= rate <= 768000):
        raise ValueError(f"sample rate {rate!r} is not a rate in Hz")
