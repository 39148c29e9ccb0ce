"""The microphone source against a fake 48 kHz stereo USB mic playing a real recording."""

from __future__ import annotations

import logging
import threading
import time

import numpy as np
import pytest
from conftest import AUDIO
from fake_mic import FakeSoundDevice, best_correlation, read_wav16, to_rate_stereo
from sottovoce.audio.frames import AudioError
from sottovoce.audio.mic import MicSource, choose_format, find_device
from sottovoce.events import FRAME_SAMPLES, FRAME_SECONDS
from sottovoce.settings import AudioSettings

SPEECH = AUDIO / "speech" / "goforward.wav"
LONG = AUDIO / "wake" / "oww_turn_on_the_office_lights_test_clip.wav"
LOGGER = "sottovoce.audio.mic"
FAST = {"stall_seconds": 0.5, "backoff": (0.05, 0.4)}


@pytest.fixture(scope="module")
def x() -> np.ndarray:
    return read_wav16(SPEECH)


@pytest.fixture
def mic(x) -> FakeSoundDevice:
    return FakeSoundDevice(to_rate_stereo(x, 48000), speed=8.0)


class Consumer:
    """Runs frames() in a thread, as the daemon's listener would, and keeps what it yields."""

    def __init__(self, source: MicSource):
        self.source = source
        self.chunks: list = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        for chunk in self.source.frames():
            self.chunks.append(chunk)

    def wait_frames(self, n: int, timeout: float = 5.0) -> None:
        end = time.monotonic() + timeout
        while len(self.chunks) < n and time.monotonic() < end:
            time.sleep(0.01)
        assert len(self.chunks) >= n, f"only {len(self.chunks)} of {n} frames within {timeout} s"

    def stop(self) -> float:
        t0 = time.monotonic()
        self.source.close()
        self.thread.join(timeout=3)
        assert not self.thread.is_alive()
        return time.monotonic() - t0


def records(caplog, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno == level]


def wait_until(cond, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while not cond() and time.monotonic() < end:
        time.sleep(0.01)
    return cond()


def test_mic_refusing_16k_mono_is_opened_at_48k_stereo_and_resampled(x, mic):
    source = MicSource(AudioSettings(), backend=mic, **FAST)
    consumer = Consumer(source)
    needed = -(-len(x) // FRAME_SAMPLES) + 2
    consumer.wait_frames(needed)
    consumer.stop()
    assert [o[1:] for o in mic.opens] == [(48000, 2, 3840)]
    assert "48000 Hz x2" in source.description and mic.name in source.description
    chunks = consumer.chunks
    assert all(c.samples.shape == (FRAME_SAMPLES,) and c.samples.dtype == np.int16 for c in chunks)
    assert 0 <= chunks[0].start < 0.1
    assert [c.start - chunks[0].start for c in chunks] == pytest.approx([k * FRAME_SECONDS for k in range(len(chunks))])
    got = np.concatenate([c.samples for c in chunks])[:len(x)]
    corr, lag = best_correlation(x, got)
    assert corr > 0.99 and abs(lag) <= 1, (corr, lag)
    assert mic.streams[-1].closed


# (rates the device accepts, channels it accepts, audio.sample_rate, expected (rate, channels))
FORMATS = [
    ((48000,), (2,), 0, (48000, 2)),
    ((16000, 48000), (1, 2), 0, (16000, 1)),
    ((44100, 48000), (1,), 44100, (44100, 1)),
    ((48000,), (2,), 44100, (48000, 2)),  # configured rate refused: the device's own
    ((44100,), (2,), 0, (44100, 2)),       # neither 16 kHz nor its default (48 kHz): a common fallback
    ((32000, 48000), (1, 2), 32000, (32000, 1)),
]


@pytest.mark.parametrize("rates,channels,setting,expected", FORMATS)
def test_format_choice(x, rates, channels, setting, expected):
    fake = FakeSoundDevice(to_rate_stereo(x[:100], 48000), rates=rates, channels=channels)
    assert choose_format(fake, find_device(fake, ""), setting) == expected


def test_a_device_accepting_no_rate_names_the_setting(x):
    fake = FakeSoundDevice(to_rate_stereo(x[:100], 48000), rates=(96000,))
    with pytest.raises(AudioError, match="audio.sample_rate"):
        choose_format(fake, find_device(fake, ""), 0)


@pytest.mark.parametrize("wanted,index", [("", 1), ("usb", 1), ("usb pnp SOUND", 1), ("1", 1), ("hw:2,0", 1)])
def test_device_found_by_index_or_name_substring(mic, wanted, index):
    assert find_device(mic, wanted)["index"] == index


@pytest.mark.parametrize("wanted", ["blue yeti", "0", "7", "headphones"])  # device 0 is output-only
def test_unknown_device_lists_the_inputs(mic, wanted):
    with pytest.raises(AudioError, match=r"no input device matches .*\[1\] USB PnP Sound Device"):
        find_device(mic, wanted)


def test_unplug_warns_once_backs_off_and_resumes_on_replug(mic, caplog):
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    consumer = Consumer(MicSource(AudioSettings(device="usb"), backend=mic, **FAST))
    consumer.wait_frames(10)
    assert consumer.source.waiting is False
    unplugged_at = time.monotonic()
    mic.unplug()
    time.sleep(2.0)
    assert consumer.source.waiting is True  # the daemon keeps its watchdog fed while waiting
    before_replug = len(consumer.chunks)
    attempts = [t for t in mic.scans if t > unplugged_at]
    warnings = records(caplog, logging.WARNING)
    assert len(warnings) == 1 and "microphone lost" in warnings[0] and "sottovoce devices" in warnings[0]
    # backoff 0.05, 0.1, 0.2, 0.4, 0.4 ...: a handful of attempts in 2 s, not a busy loop
    assert 3 <= len(attempts) <= 10, attempts
    gaps = np.diff(attempts)
    assert gaps.min() >= 0.04 and 0.35 <= gaps[-1] <= 0.8 and gaps[-1] > 2 * gaps[0], gaps
    assert mic.reinits >= len(attempts)  # PortAudio re-scanned before each try
    mic.plug()
    consumer.wait_frames(before_replug + 10, timeout=3)
    assert consumer.source.waiting is False
    consumer.stop()
    assert len(records(caplog, logging.WARNING)) == 1
    assert any(m.startswith("microphone back") for m in records(caplog, logging.INFO))
    starts = [c.start for c in consumer.chunks]
    assert all(b > a for a, b in zip(starts, starts[1:]))  # time never runs backwards over a reconnect
    assert len(mic.opens) == 2 and mic.streams[0].closed


def test_a_stalled_stream_is_reopened_with_one_warning(mic, caplog):
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    consumer = Consumer(MicSource(AudioSettings(), backend=mic, **FAST))
    consumer.wait_frames(5)
    mic.frozen = True  # the stream stays "active" but no audio comes (what some USB hubs do)
    assert wait_until(lambda: len(mic.opens) >= 3, timeout=5)  # stalls, reopens, stalls again
    count = len(consumer.chunks)
    mic.frozen = False
    consumer.wait_frames(count + 10, timeout=3)
    consumer.stop()
    warnings = records(caplog, logging.WARNING)
    assert len(warnings) == 1 and "no audio for 0.5 s" in warnings[0]
    assert any(m.startswith("microphone back") for m in records(caplog, logging.INFO))


def test_a_device_whose_streams_die_at_once_is_retried_with_backoff(mic, caplog):
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    mic.dead_streams = True
    consumer = Consumer(MicSource(AudioSettings(), backend=mic, stall_seconds=0.5, backoff=(0.2, 0.4)))
    time.sleep(1.5)
    consumer.stop()
    # each try: ~0.1 s to notice the dead stream, then 0.2, 0.4, 0.4 ... s of backoff
    assert 2 <= len(mic.opens) <= 6, mic.opens
    warnings = records(caplog, logging.WARNING)
    assert len(warnings) == 1 and "the stream stopped" in warnings[0]
    assert consumer.chunks == []


def test_no_microphone_at_start_is_not_fatal(mic, caplog):
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    mic.unplug()
    consumer = Consumer(MicSource(AudioSettings(), backend=mic, **FAST))
    time.sleep(0.5)
    assert consumer.chunks == [] and consumer.thread.is_alive()
    warnings = records(caplog, logging.WARNING)
    assert len(warnings) == 1 and "no input device found" in warnings[0]
    assert "plug in a USB microphone" in warnings[0] and "sottovoce devices" in warnings[0]
    mic.plug()
    consumer.wait_frames(5, timeout=3)
    consumer.stop()
    assert consumer.chunks[0].start >= 0.4  # frames are timed from when the source opened


def test_close_ends_frames_promptly_while_streaming(mic):
    consumer = Consumer(MicSource(AudioSettings(), backend=mic, **FAST))
    consumer.wait_frames(3)
    assert consumer.stop() < 1.0
    assert mic.streams[-1].closed and not mic.streams[-1].active


def test_close_ends_frames_promptly_during_a_long_backoff(mic):
    mic.unplug()
    consumer = Consumer(MicSource(AudioSettings(), backend=mic, backoff=(5.0, 10.0)))
    assert wait_until(lambda: len(mic.scans) >= 1, timeout=2)
    assert consumer.stop() < 1.0


def locate(frame: np.ndarray, x: np.ndarray) -> int:
    """Where in x the frame's audio best matches (FFT cross-correlation)."""
    n = 1 << int(np.ceil(np.log2(len(x) + len(frame))))
    c = np.fft.irfft(np.fft.rfft(x.astype(np.float64), n) * np.conj(np.fft.rfft(frame.astype(np.float64), n)), n)
    return int(np.argmax(c[:len(x) - len(frame)]))


def test_a_slow_consumer_loses_the_oldest_audio_not_memory(caplog):
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    x = read_wav16(LONG)  # 34 s of speech: 4 s at 8x, so positions in it are unambiguous
    mic = FakeSoundDevice(to_rate_stereo(x, 48000), speed=8.0)
    source = MicSource(AudioSettings(), backend=mic, queue_seconds=0.8, **FAST)
    frames = source.frames()
    first = next(frames)
    time.sleep(1.0)  # ~100 blocks (8 s of audio) arrive while the queue holds 10
    assert source._queue.qsize() <= 10
    assert source.dropped_blocks >= 50
    later = [next(frames) for _ in range(8)]
    source.close()
    assert len(list(frames)) <= 3  # what one block still held; then frames() ends
    assert mic.streams[-1].closed
    assert locate(first.samples, x) < FRAME_SAMPLES
    loudest = max(later[1:], key=lambda c: float(np.abs(c.samples.astype(np.int64)).sum()))
    assert locate(loudest.samples, x) / 16000 > 5.0  # recent audio, not the audio of 1 s ago
    assert len([m for m in records(caplog, logging.WARNING) if "falling behind" in m]) == 1
