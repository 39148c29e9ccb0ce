"""Conversion of any numpy audio to 16 kHz mono int16, and exact 1280-sample framing."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import AUDIO
from fake_mic import best_correlation, read_wav16, to_rate_stereo
from sottovoce.audio.frames import Framer, StreamConverter, convert, to_float, to_int16
from sottovoce.events import FRAME_SAMPLES, SAMPLE_RATE

SPEECH = AUDIO / "speech" / "goforward.wav"
OTHER = AUDIO / "wake" / "hey_jarvis.wav"


@pytest.fixture(scope="module")
def x() -> np.ndarray:
    return read_wav16(SPEECH)


@pytest.fixture(scope="module")
def y(x) -> np.ndarray:
    other = read_wav16(OTHER)
    return np.resize(other, len(x))  # a second, different real signal of the same length


# (case, make input from x and y, bits, expected 16 kHz mono int16) -- all at 16 kHz: sample-exact
EXACT = [
    ("int16 mono 1-D", lambda x, y: x, None, lambda x, y: x),
    ("int16 mono (n, 1)", lambda x, y: x[:, None], None, lambda x, y: x),
    ("int16 stereo, same channels", lambda x, y: np.stack([x, x], 1), None, lambda x, y: x),
    ("int16 stereo, different channels", lambda x, y: np.stack([x, y], 1), None,
     lambda x, y: np.rint((x.astype(np.float64) + y) / 2).astype(np.int16)),
    ("int8", lambda x, y: (x >> 8).astype(np.int8), None, lambda x, y: (x >> 8) * 256),
    ("uint8 (8-bit WAV)", lambda x, y: ((x >> 8) + 128).astype(np.uint8), None, lambda x, y: (x >> 8) * 256),
    ("int32 full scale", lambda x, y: x.astype(np.int32) << 16, None, lambda x, y: x),
    ("int32 low bits round", lambda x, y: (x.astype(np.int32) << 16) + 0x3FFF, None, lambda x, y: x),
    ("24-bit right-aligned in int32", lambda x, y: x.astype(np.int32) << 8, 24, lambda x, y: x),
    ("float32", lambda x, y: x.astype(np.float32) / 32768, None, lambda x, y: x),
    ("float64 stereo", lambda x, y: np.stack([x, y], 1) / 32768.0, None,
     lambda x, y: np.rint((x.astype(np.float64) + y) / 2).astype(np.int16)),
    ("float beyond full scale clips", lambda x, y: np.sign(x.astype(np.float32)) * 1.5, None,
     lambda x, y: np.where(x > 0, 32767, np.where(x < 0, -32768, 0))),
]


@pytest.mark.parametrize("case,make,bits,expect", EXACT, ids=[c[0] for c in EXACT])
def test_conversion_at_16k_is_sample_exact(x, y, case, make, bits, expect):
    out = convert(make(x, y), SAMPLE_RATE, bits=bits)
    assert out.dtype == np.int16 and out.ndim == 1
    np.testing.assert_array_equal(out, np.asarray(expect(x, y)).astype(np.int16))


def test_three_channels_average_within_rounding(x, y):
    z = -x
    out = convert(np.stack([x, y, z], 1), SAMPLE_RATE)
    expected = (x.astype(np.float64) + y + z) / 3
    assert np.max(np.abs(out - expected)) <= 1.0


@pytest.mark.parametrize("rate,channels", [(48000, 2), (44100, 1), (22050, 2), (32000, 4), (8000, 1)])
def test_resampled_input_matches_the_16k_original(x, rate, channels):
    audio = to_rate_stereo(x, rate, channels=channels)
    out = convert(audio, rate)
    assert abs(len(out) - len(x)) <= 1
    corr, lag = best_correlation(x, out)
    # 8 kHz keeps only the band below 4 kHz, so less of the original survives
    assert corr > (0.95 if rate == 8000 else 0.99), (rate, corr, lag)
    assert abs(lag) <= 1


@pytest.mark.parametrize("rate", [16000, 44100, 48000])
def test_stream_converter_in_odd_blocks_matches_whole_conversion(x, rate):
    audio = to_rate_stereo(x, rate)
    conv = StreamConverter(rate)
    sizes = [1, 7, 333, 4096, 1000, 3]
    parts, pos, i = [], 0, 0
    while pos < len(audio):
        n = sizes[i % len(sizes)]
        parts.append(conv.convert(audio[pos:pos + n]))
        pos, i = pos + n, i + 1
    parts.append(conv.flush())
    streamed = np.concatenate(parts)
    whole = convert(audio, rate)
    assert abs(len(streamed) - len(whole)) <= 1
    corr, lag = best_correlation(whole, streamed)
    assert corr > 0.999 and lag == 0


def test_to_float_and_to_int16_round_trip_every_int16_value():
    every = np.arange(-32768, 32768, dtype=np.int16)
    np.testing.assert_array_equal(to_int16(to_float(every)[:, 0]), every)


@pytest.mark.parametrize("bad", [np.zeros((2, 2, 2), np.int16), np.zeros(4, np.complex64), np.zeros(4, np.uint16)])
def test_unusable_arrays_are_rejected(bad):
    with pytest.raises(ValueError):
        convert(bad, SAMPLE_RATE)


# Framer: block-size patterns, including odd lengths and blocks larger than several frames
PATTERNS = [[1] * 3000, [1279, 1, 1281, 1279], [FRAME_SAMPLES] * 3, [3000, 7, 5000, 0, 11],
            [FRAME_SAMPLES * 5 + 3], [640, 640, 640], [2]]


@pytest.mark.parametrize("sizes", PATTERNS, ids=lambda s: f"{len(s)}blocks-{sum(s)}samples")
def test_framer_yields_exact_frames_in_order(x, sizes):
    framer = Framer()
    data = x[:sum(sizes)]
    chunks, pos = [], 0
    for n in sizes:
        chunks += framer.push(data[pos:pos + n])
        pos += n
        assert framer.pending == pos % FRAME_SAMPLES
    last = framer.flush()
    if len(data) % FRAME_SAMPLES:
        chunks.append(last)
    else:
        assert last is None
    assert len(chunks) == -(-len(data) // FRAME_SAMPLES)
    for k, c in enumerate(chunks):
        assert c.samples.shape == (FRAME_SAMPLES,) and c.samples.dtype == np.int16
        assert c.start == pytest.approx(k * FRAME_SAMPLES / SAMPLE_RATE)
    joined = np.concatenate([c.samples for c in chunks])
    np.testing.assert_array_equal(joined[:len(data)], data)
    assert not joined[len(data):].any()  # zero padding


def test_frames_own_their_samples(x):
    framer = Framer()
    block = x[:FRAME_SAMPLES * 2].copy()
    chunks = framer.push(block)
    block[:] = 0
    np.testing.assert_array_equal(chunks[0].samples, x[:FRAME_SAMPLES])


def test_framer_reset_drops_the_partial_frame_and_moves_the_clock(x):
    framer = Framer(start_at=1.0)
    assert framer.push(x[:FRAME_SAMPLES + 100])[0].start == 1.0
    assert framer.next_start == pytest.approx(1.0 + FRAME_SAMPLES / SAMPLE_RATE)
    framer.reset(5.0)
    assert framer.pending == 0 and framer.flush() is None
    (chunk,) = framer.push(x[:FRAME_SAMPLES])
    assert chunk.start == 5.0
    np.testing.assert_array_equal(chunk.samples, x[:FRAME_SAMPLES])
