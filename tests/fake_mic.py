"""A fake `sounddevice` module: the one fake in the audio tests, since there is no USB mic here.

It behaves like a typical 48 kHz stereo USB microphone opened on its ALSA hw device: it refuses
16 kHz and mono (PortAudio's "Invalid sample rate" / "Invalid number of channels"), and once
started its stream calls the callback from its own thread with int16 (frames, 2) blocks of a real
recording, `speed` times faster than real time. The test can unplug it (the stream stops or
stalls, the device leaves the list, opening it raises PortAudioError as sounddevice does for a
vanished device) and plug it back.
"""

from __future__ import annotations

import threading
import time

import numpy as np


class PortAudioError(Exception):
    """Same name and role as sounddevice.PortAudioError."""


class _Flags:
    input_overflow = False

    def __bool__(self) -> bool:
        return False


class FakeStream:
    def __init__(self, mic: "FakeSoundDevice", *, blocksize: int, callback):
        self._mic = mic
        self._blocksize = blocksize
        self._callback = callback
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._active = False
        self.closed = False

    @property
    def active(self) -> bool:
        return self._active

    def start(self) -> None:
        if not self._mic.plugged:
            raise PortAudioError("Error starting stream: Unanticipated host error [PaErrorCode -9999]")
        if self._mic.dead_streams:
            return
        self._active = True
        self._thread = threading.Thread(target=self._run, name="fake-portaudio", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        mic = self._mic
        period = self._blocksize / mic.rate / mic.speed
        next_at = time.monotonic()
        while not self._stop.is_set():
            if not mic.plugged or mic.frozen:
                if not mic.plugged and not mic.stall_on_unplug:
                    self._active = False  # PortAudio stops the stream when ALSA reports the device gone
                    return
                time.sleep(0.01)
                continue
            self._callback(mic.next_block(self._blocksize), self._blocksize, None, _Flags())
            next_at += period
            time.sleep(max(0.0, next_at - time.monotonic()))

    def abort(self) -> None:
        self._stop.set()
        self._active = False
        if self._thread is not None:
            self._thread.join(timeout=2)

    stop = abort

    def close(self) -> None:
        self.abort()
        self.closed = True


class FakeSoundDevice:
    """The subset of the sounddevice module that MicSource uses."""

    PortAudioError = PortAudioError

    def __init__(self, audio: np.ndarray, *, rate: int = 48000, speed: float = 4.0,
                 name: str = "USB PnP Sound Device: Audio (hw:2,0)", rates: tuple[int, ...] = (),
                 channels: tuple[int, ...] = (2,)):
        assert audio.dtype == np.int16 and audio.ndim == 2 and audio.shape[1] == 2
        self.audio = audio
        self.rate = rate
        self.rates = rates or (rate,)
        self.channels = channels
        self.speed = speed
        self.name = name
        self.plugged = True
        self.frozen = False
        self.stall_on_unplug = False
        self.dead_streams = False
        """Streams open, then stop at once (a device that is listed but broken)."""
        self.position = 0
        self.opens: list[tuple[float, int, int, int]] = []
        """(time, samplerate, channels, blocksize) of each InputStream()."""
        self.scans: list[float] = []
        """Times of each device listing, i.e. of each attempt to find the microphone."""
        self.reinits = 0
        self.streams: list[FakeStream] = []
        self._lock = threading.Lock()

    # the test's hands
    def unplug(self, *, stall: bool = False) -> None:
        self.stall_on_unplug = stall
        self.plugged = False

    def plug(self) -> None:
        self.plugged = True

    def next_block(self, n: int) -> np.ndarray:
        """The next n frames of the recording, looping; a fresh buffer like PortAudio's."""
        with self._lock:
            idx = (self.position + np.arange(n)) % len(self.audio)
            self.position += n
        return self.audio[idx]

    # the sounddevice API
    def _terminate(self) -> None:
        """PortAudio re-initialisation (how sounddevice users see newly plugged devices)."""
        self.reinits += 1

    def _initialize(self) -> None:
        pass

    def _devices(self) -> list[dict]:
        devices = [{"name": "bcm2835 Headphones: - (hw:0,0)", "index": 0, "max_input_channels": 0,
                    "max_output_channels": 8, "default_samplerate": 44100.0}]
        if self.plugged:
            devices.append({"name": self.name, "index": 1, "max_input_channels": 2,
                            "max_output_channels": 0, "default_samplerate": float(self.rate)})
        return devices

    def query_devices(self, device=None, kind=None):
        devices = self._devices()
        if device is None and kind is None:
            self.scans.append(time.monotonic())
            return devices
        if device is None:
            index = 1 if kind == "input" and self.plugged else -1
        else:
            index = device
        if not 0 <= index < len(devices):
            raise PortAudioError(f"Error querying device {index}")
        return devices[index]

    def check_input_settings(self, device=None, channels=None, dtype=None, extra_settings=None,
                             samplerate=None):
        if not self.plugged or device != 1:
            raise PortAudioError(f"Error querying device {device}")
        if samplerate is not None and samplerate not in self.rates:
            raise PortAudioError("Invalid sample rate [PaErrorCode -9997]")
        if channels is not None and channels not in self.channels:
            raise PortAudioError("Invalid number of channels [PaErrorCode -9998]")

    def InputStream(self, *, device=None, samplerate=None, channels=None, dtype=None, blocksize=0,
                    callback=None, **_):
        self.opens.append((time.monotonic(), samplerate, channels, blocksize))
        self.check_input_settings(device=device, channels=channels, samplerate=samplerate)
        if samplerate != self.rate or channels != 2:
            raise NotImplementedError("the fake plays its recording at `rate` in stereo only")
        assert dtype == "int16" and callback is not None
        stream = FakeStream(self, blocksize=blocksize or 1024, callback=callback)
        self.streams.append(stream)
        return stream


def read_wav16(path) -> np.ndarray:
    """A 16 kHz mono 16-bit WAV from ../shared/audio, read with the stdlib (independent of the code under test)."""
    import wave

    with wave.open(str(path), "rb") as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2), path
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").copy()


def to_rate_stereo(x: np.ndarray, rate: int, *, channels: int = 2) -> np.ndarray:
    """16 kHz mono int16 to `rate` int16 (frames, channels) with soxr, each channel the same."""
    import soxr

    y = soxr.resample(x.astype(np.float32) / 32768, 16000, rate) if rate != 16000 else x / 32768
    y = np.clip(np.rint(y * 32768), -32768, 32767).astype(np.int16)
    return np.repeat(y[:, np.newaxis], channels, axis=1)


def best_correlation(a: np.ndarray, b: np.ndarray, max_lag: int = 8) -> tuple[float, int]:
    """Highest Pearson correlation of a and b over small shifts (resamplers may shift by a sample)."""
    n = min(len(a), len(b)) - max_lag
    best = (-1.0, 0)
    for lag in range(-max_lag, max_lag + 1):
        x = a[max(0, lag):max(0, lag) + n].astype(np.float64)
        y = b[max(0, -lag):max(0, -lag) + n].astype(np.float64)
        best = max(best, (float(np.corrcoef(x, y)[0, 1]), lag))
    return best
