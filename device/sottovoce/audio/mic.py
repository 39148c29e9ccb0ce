"""A microphone through sounddevice (PortAudio), supervised so that unplugging it is not fatal.

Many USB microphones only run at 44.1 or 48 kHz and some only in stereo, so the stream is opened
at the first format the device accepts (16 kHz mono preferred) and converted to 16 kHz mono with
a streaming soxr resampler. PortAudio's callback thread hands blocks over through a bounded queue
that drops the oldest block when the pipeline falls behind.

When the device errors, stops or goes silent for `stall_seconds`, one warning is logged and the
stream is reopened with capped exponential backoff; a microphone missing at start is the same
case. PortAudio only lists devices when it initialises, so each retry re-initialises it to see a
microphone plugged in since.

The backend is the `sounddevice` module or anything with the same subset: query_devices,
check_input_settings, InputStream, PortAudioError (and optionally _terminate/_initialize).
"""

from __future__ import annotations

import logging
import math
import queue
import time
from typing import Any, Callable, Iterator

import numpy as np

from sottovoce.audio.frames import AudioError, Framer, StreamConverter
from sottovoce.events import FRAME_SECONDS, SAMPLE_RATE, AudioChunk
from sottovoce.settings import AudioSettings

log = logging.getLogger(__name__)

FALLBACK_RATES = (48000, 44100)
POLL_SECONDS = 0.1
HELP = ("plug in a USB microphone, run `sottovoce devices` to list inputs and set audio.device to "
        "part of a name shown there (or \"\" for the default)")


def load_sounddevice() -> Any:
    """The sounddevice module, or AudioError saying how to install PortAudio."""
    try:
        import sounddevice
    except OSError as exc:  # sounddevice raises OSError when libportaudio is missing
        raise AudioError(f"the PortAudio library is missing ({exc}): install it with "
                         "`sudo apt install libportaudio2`") from None
    return sounddevice


def input_devices(backend: Any) -> list[dict]:
    """Input-capable devices, each dict with its PortAudio `index`."""
    devices = []
    for i, info in enumerate(backend.query_devices()):
        if info.get("max_input_channels", 0) > 0:
            devices.append({**info, "index": info.get("index", i)})
    return devices


def find_device(backend: Any, wanted: str) -> dict:
    """The input device named by `wanted` (index, or case-insensitive name substring; "" = default)."""
    devices = input_devices(backend)
    names = ", ".join(f"[{d['index']}] {d['name']}" for d in devices) or "none"
    wanted = wanted.strip()
    if not wanted:
        try:
            default = backend.query_devices(kind="input")
        except (backend.PortAudioError, ValueError):
            default = None
        if default is not None and default.get("max_input_channels", 0) > 0:
            index = default.get("index")
            return next((d for d in devices if d["index"] == index), {**default})
        if devices:
            return devices[0]
        raise AudioError("no input device found")
    if wanted.isdigit():
        match = [d for d in devices if d["index"] == int(wanted)]
    else:
        match = [d for d in devices if wanted.lower() in d["name"].lower()]
    if not match:
        raise AudioError(f"no input device matches audio.device={wanted!r} (inputs: {names})")
    if len(match) > 1:
        log.debug("audio.device=%r matches %d devices; using the first", wanted, len(match))
    return match[0]


def choose_format(backend: Any, device: dict, wanted_rate: int) -> tuple[int, int]:
    """(rate, channels) the device accepts, preferring `wanted_rate` (0 = 16 kHz) and mono."""
    rates = [wanted_rate or SAMPLE_RATE, int(device.get("default_samplerate") or 0), *FALLBACK_RATES]
    max_ch = int(device.get("max_input_channels", 1))
    channels = [c for c in dict.fromkeys((1, 2, max_ch)) if c <= max_ch]
    tried = []
    for rate in dict.fromkeys(r for r in rates if r):
        for ch in channels:
            try:
                backend.check_input_settings(device=device["index"], samplerate=rate, channels=ch, dtype="int16")
            except (backend.PortAudioError, ValueError) as exc:
                tried.append(f"{rate} Hz x{ch}: {exc}")
                continue
            return rate, ch
    raise AudioError(f"{device['name']} accepts none of the formats tried ({'; '.join(tried)}); "
                     "set audio.sample_rate to a rate it supports")


class MicSource:
    """Frames from a microphone, forever, until close(); reconnects by itself."""

    def __init__(self, audio: AudioSettings, *, backend: Any = None, clock: Callable[[], float] = time.monotonic,
                 stall_seconds: float = 2.0, backoff: tuple[float, float] = (0.5, 10.0),
                 queue_seconds: float = 2.0):
        self._audio = audio
        self._backend = backend if backend is not None else load_sounddevice()
        self._clock = clock
        self._stall = stall_seconds
        self._backoff = backoff
        self._queue: queue.Queue[np.ndarray] = queue.Queue(maxsize=max(2, math.ceil(queue_seconds / FRAME_SECONDS)))
        self._closed = False
        self.waiting = False
        """True while the microphone is out: the daemon is alive, only waiting (watchdog, status)."""
        self.dropped_blocks = 0
        self._warned_drop = False
        self._lost_reason: str | None = None
        self.description = f"microphone {audio.device!r}" if audio.device else "default microphone"

    def close(self) -> None:
        """Make frames() end within ~0.1 s; only sets a flag, so safe from a signal handler."""
        self._closed = True

    def frames(self) -> Iterator[AudioChunk]:
        t0 = self._clock()
        framer = Framer()
        delay = self._backoff[0]
        down_since: float | None = None  # set while the microphone is out: one warning per outage
        attempt = 0
        while not self._closed:
            if attempt:
                self._rescan()
            attempt += 1
            try:
                stream, conv = self._open()
            except (AudioError, self._backend.PortAudioError, ValueError, OSError) as exc:
                self.waiting = True
                if down_since is None:
                    down_since = self._clock()
                    log.warning("microphone unavailable: %s. Retrying with backoff up to %g s; %s",
                                exc, self._backoff[1], HELP)
                else:
                    log.debug("microphone still unavailable: %s; next try in %.1f s", exc, delay)
                self._sleep(delay)
                delay = min(delay * 2, self._backoff[1])
                continue
            framer.reset(max(self._clock() - t0, framer.next_start))  # never back in time
            got_audio = False
            try:
                for block in self._blocks(stream):
                    if not got_audio:
                        got_audio, delay = True, self._backoff[0]
                        self.waiting = False
                        if down_since is not None:
                            log.info("microphone back: %s (after %.1f s)", self.description,
                                     self._clock() - down_since)
                            down_since = None
                    yield from framer.push(conv.convert(block))
                reason = None if self._closed else self._lost_reason
            except self._backend.PortAudioError as exc:
                reason = f"error: {exc}"
            finally:
                self._stop(stream)
            if reason is None:
                break
            self.waiting = True
            if down_since is None:
                down_since = self._clock()
                log.warning("microphone lost: %s (%s). Reconnecting with backoff up to %g s; %s",
                            self.description, reason, self._backoff[1], HELP)
            else:
                log.debug("microphone opened but gave no audio (%s); next try in %.1f s", reason, delay)
            if not got_audio:  # a stream that opens but never delivers must not become a busy loop
                self._sleep(delay)
                delay = min(delay * 2, self._backoff[1])
        if self.dropped_blocks:
            log.info("microphone: %d blocks dropped in total because the pipeline fell behind", self.dropped_blocks)

    def _open(self):
        device = find_device(self._backend, self._audio.device)
        rate, channels = choose_format(self._backend, device, self._audio.sample_rate)
        blocksize = round(rate * FRAME_SECONDS)
        self._clear_queue()
        self._warned_drop = False
        stream = self._backend.InputStream(device=device["index"], samplerate=rate, channels=channels,
                                           dtype="int16", blocksize=blocksize, callback=self._callback)
        try:
            stream.start()
        except BaseException:
            self._stop(stream)
            raise
        description = f"{device['name']} [{device['index']}] at {rate} Hz x{channels}"
        log.log(logging.DEBUG if description == self.description else logging.INFO,
                "microphone: %s, converted to 16 kHz mono", description)
        self.description = description
        return stream, StreamConverter(rate)

    def _callback(self, indata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        """PortAudio's thread: copy the block (PortAudio reuses the buffer) and queue it."""
        block = indata.copy()
        try:
            self._queue.put_nowait(block)
            return
        except queue.Full:
            pass
        try:
            self._queue.get_nowait()
            self.dropped_blocks += 1
        except queue.Empty:
            pass
        try:
            self._queue.put_nowait(block)
        except queue.Full:
            self.dropped_blocks += 1

    def _blocks(self, stream) -> Iterator[np.ndarray]:
        """Queued blocks until close(), or until the stream stops or stalls (reason in _lost_reason)."""
        last = self._clock()
        seen_drops = self.dropped_blocks
        self._lost_reason = None
        while not self._closed:
            try:
                block = self._queue.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not stream.active:
                    self._lost_reason = "the stream stopped"
                    return
                if self._clock() - last > self._stall:
                    self._lost_reason = f"no audio for {self._stall:.1f} s"
                    return
                continue
            last = self._clock()
            if self.dropped_blocks != seen_drops and not self._warned_drop:
                self._warned_drop = True
                log.warning("microphone: the pipeline is falling behind; dropping the oldest audio")
            seen_drops = self.dropped_blocks
            yield block

    def _stop(self, stream) -> None:
        for name in ("abort", "close"):
            try:
                getattr(stream, name)()
            except Exception as exc:  # a vanished device may fail to close; nothing more to do
                log.debug("microphone %s failed: %s", name, exc)
        self._clear_queue()

    def _clear_queue(self) -> None:
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                return

    def _rescan(self) -> None:
        """Re-initialise PortAudio so devices plugged in since start become visible."""
        terminate = getattr(self._backend, "_terminate", None)
        initialize = getattr(self._backend, "_initialize", None)
        if terminate is None or initialize is None:
            return
        try:
            terminate()
            initialize()
        except Exception as exc:
            log.debug("PortAudio re-initialisation failed: %s", exc)

    def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not self._closed and (left := end - time.monotonic()) > 0:
            time.sleep(min(POLL_SECONDS, left))


RATES = (8000, 16000, 22050, 32000, 44100, 48000)
NONE_FOUND = ("no audio input devices found. Check that a USB microphone is plugged in, that "
              "`arecord -l` lists it, and that this user is in the `audio` group "
              "(`sudo usermod -aG audio $USER`, then log in again).")


def accepted_rates(backend: Any, device: dict) -> list[int]:
    """The RATES the device accepts in mono, or failing that with all its channels."""
    out = []
    for rate in RATES:
        for channels in dict.fromkeys((1, int(device["max_input_channels"]))):
            try:
                backend.check_input_settings(device=device["index"], samplerate=rate, channels=channels,
                                             dtype="int16")
            except (backend.PortAudioError, ValueError):
                continue
            out.append(rate)
            break
    return out
