"""WAV files of any rate, width, format and channel count, as a source and with read_wav."""

from __future__ import annotations

import struct
import threading
import time
import wave
from pathlib import Path

import numpy as np
import pytest
from conftest import AUDIO
from fake_mic import best_correlation, read_wav16, to_rate_stereo
from sottovoce.audio.file import FileSource, read_wav
from sottovoce.audio.frames import AudioError
from sottovoce.events import FRAME_SAMPLES, SAMPLE_RATE

SPEECH = AUDIO / "speech" / "goforward.wav"
LONG = AUDIO / "wake" / "oww_turn_on_the_office_lights_test_clip.wav"


@pytest.fixture(scope="module")
def x() -> np.ndarray:
    return read_wav16(SPEECH)


def encode(audio: np.ndarray, width: int, is_float: bool = False) -> bytes:
    """int16 samples (frames, channels) as little-endian WAV sample bytes of the given width."""
    a = audio.astype(np.int32)
    if is_float:
        return (a / 32768.0).astype("<f4" if width == 4 else "<f8").tobytes()
    if width == 1:
        return ((a >> 8) + 128).astype(np.uint8).tobytes()
    if width == 2:
        return a.astype("<i2").tobytes()
    if width == 3:
        return (a << 8).astype("<i4").view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    return (a << 16).astype("<i4").tobytes()


def write_stdlib(path: Path, audio: np.ndarray, rate: int, width: int) -> Path:
    audio = audio if audio.ndim == 2 else audio[:, None]
    with wave.open(str(path), "wb") as w:
        w.setnchannels(audio.shape[1])
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(encode(audio, width))
    return path


def write_riff(path: Path, audio: np.ndarray, rate: int, width: int, *, is_float=False, extensible=False,
               extra_chunk=b"", data_size: int | None = None) -> Path:
    """A WAV written by hand: WAVE_FORMAT_EXTENSIBLE or IEEE float, which Python 3.11's wave cannot write."""
    audio = audio if audio.ndim == 2 else audio[:, None]
    ch = audio.shape[1]
    data = encode(audio, width, is_float)
    tag = 3 if is_float else 1
    fmt = struct.pack("<HHIIHH", 0xFFFE if extensible else tag, ch, rate, rate * ch * width, ch * width, 8 * width)
    if extensible:
        guid_tail = b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
        fmt += struct.pack("<HHI", 22, 8 * width, (1 << ch) - 1) + struct.pack("<H", tag) + guid_tail
    elif is_float:
        fmt += struct.pack("<H", 0)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + extra_chunk
    body += b"data" + struct.pack("<I", len(data) if data_size is None else data_size) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def odd_chunk() -> bytes:
    return b"LIST" + struct.pack("<I", 5) + b"INFOx" + b"\x00"  # odd size: padded to even


# (id, width, writer) at 16 kHz: every format must give back the samples exactly
FORMATS = [
    ("pcm8", 1, "stdlib", {}), ("pcm16", 2, "stdlib", {}), ("pcm24", 3, "stdlib", {}), ("pcm32", 4, "stdlib", {}),
    ("ext-pcm16", 2, "riff", {"extensible": True}), ("ext-pcm24", 3, "riff", {"extensible": True}),
    ("ext-pcm32", 4, "riff", {"extensible": True, "extra_chunk": odd_chunk()}),
    ("float32", 4, "riff", {"is_float": True}), ("ext-float64", 8, "riff", {"is_float": True, "extensible": True}),
    ("pcm16-streamed-size", 2, "riff", {"data_size": 0xFFFFFFFF}),
]


@pytest.mark.parametrize("name,width,writer,opts", FORMATS, ids=[f[0] for f in FORMATS])
@pytest.mark.parametrize("channels", [1, 2])
def test_every_sample_format_reads_back_exactly(tmp_path, x, name, width, writer, opts, channels):
    audio = np.repeat(x[:, None], channels, axis=1)
    path = tmp_path / f"{name}.wav"
    if writer == "stdlib":
        write_stdlib(path, audio, SAMPLE_RATE, width)
    else:
        write_riff(path, audio, SAMPLE_RATE, width, **opts)
    expected = (x >> 8) * 256 if width == 1 else x
    np.testing.assert_array_equal(read_wav(path), expected.astype(np.int16))
    source = FileSource(path)
    assert source.format.channels == channels and source.format.frames == len(x)


@pytest.mark.parametrize("rate,width,channels,extensible", [
    (48000, 2, 2, False), (44100, 3, 2, True), (22050, 2, 1, False), (8000, 1, 1, False), (96000, 4, 6, True)])
def test_other_rates_and_channels_match_the_original(tmp_path, x, rate, width, channels, extensible):
    audio = to_rate_stereo(x, rate, channels=channels)
    path = tmp_path / "in.wav"
    if extensible:
        write_riff(path, audio, rate, width, extensible=True)
    else:
        write_stdlib(path, audio, rate, width)
    out = read_wav(path)
    assert abs(len(out) - len(x)) <= 1
    corr, lag = best_correlation(x, out)
    assert corr > (0.95 if rate == 8000 else 0.99) and abs(lag) <= 1, (corr, lag)


def test_48k_stereo_file_source_frames_match_the_16k_mono_original(tmp_path, x):
    path = write_stdlib(tmp_path / "usb.wav", to_rate_stereo(x, 48000), 48000, 2)
    source = FileSource(path)
    assert "48000 Hz" in source.description and "2 channel" in source.description
    chunks = list(source.frames())
    assert abs(len(chunks) - -(-len(x) // FRAME_SAMPLES)) <= 1
    assert all(c.samples.shape == (FRAME_SAMPLES,) and c.samples.dtype == np.int16 for c in chunks)
    assert [c.start for c in chunks] == pytest.approx([k * FRAME_SAMPLES / SAMPLE_RATE for k in range(len(chunks))])
    corr, lag = best_correlation(x, np.concatenate([c.samples for c in chunks]))
    assert corr > 0.99 and abs(lag) <= 1


def test_file_source_pads_only_the_last_frame_and_can_be_read_twice():
    x = read_wav16(SPEECH)
    source = FileSource(SPEECH)
    first = np.concatenate([c.samples for c in source.frames()])
    second = np.concatenate([c.samples for c in source.frames()])
    assert len(first) == -(-len(x) // FRAME_SAMPLES) * FRAME_SAMPLES > len(x)
    np.testing.assert_array_equal(first[:len(x)], x)
    assert not first[len(x):].any()
    np.testing.assert_array_equal(first, second)


def test_close_from_another_thread_ends_frames_promptly():
    source = FileSource(LONG)
    total = -(-len(read_wav16(LONG)) // FRAME_SAMPLES)
    got = []
    closer = threading.Timer(0.2, source.close)
    closer.start()
    t0 = time.monotonic()
    for chunk in source.frames():
        got.append(chunk)
        time.sleep(0.005)  # a slow consumer, so the file outlasts the timer
    elapsed = time.monotonic() - t0
    closer.join()
    assert elapsed < 5.0 and 0 < len(got) < total  # ended by close(), long before the file's end
    assert list(source.frames()) == []


def _bad_cases(tmp_path: Path, x: np.ndarray):
    (tmp_path / "empty.wav").write_bytes(b"")
    write_stdlib(tmp_path / "silent.wav", x[:0, None], SAMPLE_RATE, 2)
    (tmp_path / "cut.wav").write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt ")
    alaw = write_riff(tmp_path / "alaw.wav", x[:100], 8000, 1)
    raw = bytearray(alaw.read_bytes())
    raw[20:22] = struct.pack("<H", 6)  # WAVE_FORMAT_ALAW
    alaw.write_bytes(bytes(raw))
    write_riff(tmp_path / "nodata.wav", x[:100], SAMPLE_RATE, 2)
    nodata = tmp_path / "nodata.wav"
    nodata.write_bytes(nodata.read_bytes().replace(b"data", b"junk"))
    return [
        (tmp_path / "missing.wav", "no such file", "check the path"),
        (tmp_path, "is a folder", "give the path"),
        (AUDIO / "REFERENCES.tsv", "not a WAV file", "sox"),
        (tmp_path / "empty.wav", "not a WAV file", "sox"),
        (tmp_path / "silent.wav", "no audio samples", "non-empty"),
        (tmp_path / "cut.wav", "not a WAV file", "sox"),
        (tmp_path / "alaw.wav", "A-law audio is not supported", "sox"),
        (tmp_path / "nodata.wav", "data chunk", "sox"),
    ]


def test_bad_files_raise_audio_error_naming_file_problem_and_fix(tmp_path, x):
    for path, problem, fix in _bad_cases(tmp_path, x):
        for opener in (FileSource, read_wav):
            with pytest.raises(AudioError) as err:
                opener(path)
            message = str(err.value)
            assert str(path) in message and problem in message and fix in message, message
