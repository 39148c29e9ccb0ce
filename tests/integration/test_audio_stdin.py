"""Raw S16LE 16 kHz mono on stdin, as from `arecord -t raw` (here `sox ... -t raw -`)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from conftest import AUDIO, ROOT
from fake_mic import read_wav16
from sottovoce.audio.frames import AudioError
from sottovoce.audio.stdin import StdinSource
from sottovoce.events import FRAME_SAMPLES, SAMPLE_RATE

SPEECH = AUDIO / "speech" / "goforward.wav"

CONSUMER = """
import sys
from sottovoce.audio.source import open_source
from sottovoce.settings import AudioSettings
source = open_source(AudioSettings(source="stdin"))
starts = []
for chunk in source.frames():
    assert chunk.samples.shape == (1280,)
    starts.append(chunk.start)
    sys.stdout.buffer.write(chunk.samples.tobytes())
sys.stderr.write(f"{len(starts)} {starts[-1]}")
"""


def padded(x: np.ndarray) -> np.ndarray:
    out = np.zeros(-(-len(x) // FRAME_SAMPLES) * FRAME_SAMPLES, np.int16)
    out[:len(x)] = x
    return out


def test_sox_raw_pipe_into_a_stdin_source_process():
    x = read_wav16(SPEECH)
    sox = subprocess.Popen(["sox", str(SPEECH), "-t", "raw", "-r", "16000", "-c", "1", "-b", "16",
                            "-e", "signed-integer", "-L", "-"], stdout=subprocess.PIPE)
    try:
        done = subprocess.run([sys.executable, "-c", CONSUMER], stdin=sox.stdout, capture_output=True,
                              timeout=60, cwd=ROOT)
    finally:
        sox.stdout.close()
        sox.wait(timeout=10)
    assert done.returncode == 0, done.stderr.decode()
    frames, last_start = done.stderr.decode().split()
    expected = padded(x)
    assert int(frames) == len(expected) // FRAME_SAMPLES
    assert float(last_start) == pytest.approx((int(frames) - 1) * FRAME_SAMPLES / SAMPLE_RATE)
    np.testing.assert_array_equal(np.frombuffer(done.stdout, "<i2"), expected)


def test_odd_sized_writes_through_a_pipe_are_reassembled_exactly():
    x = read_wav16(SPEECH)[:FRAME_SAMPLES * 7 + 333]
    data = x.astype("<i2").tobytes()
    r, w = os.pipe()

    def writer():
        sizes, pos, i = [1, 2559, 3, 4096, 7], 0, 0
        while pos < len(data):
            os.write(w, data[pos:pos + sizes[i % len(sizes)]])
            pos, i = pos + sizes[i % len(sizes)], i + 1
            time.sleep(0.001)
        os.close(w)

    thread = threading.Thread(target=writer)
    thread.start()
    with os.fdopen(r, "rb") as stream:
        chunks = list(StdinSource(stream).frames())
    thread.join(timeout=10)
    np.testing.assert_array_equal(np.concatenate([c.samples for c in chunks]), padded(x))


def test_close_from_another_thread_ends_frames_while_the_writer_is_silent():
    r, w = os.pipe()
    try:
        os.write(w, read_wav16(SPEECH)[:FRAME_SAMPLES * 2].tobytes())
        with os.fdopen(r, "rb") as stream:
            source = StdinSource(stream)
            got = []
            threading.Timer(0.3, source.close).start()
            t0 = time.monotonic()
            for chunk in source.frames():  # the pipe stays open: only close() can end this
                got.append(chunk)
            elapsed = time.monotonic() - t0
    finally:
        os.close(w)
    assert len(got) == 2 and 0.25 < elapsed < 5.0  # ended by close(), not by the writer


def test_a_wav_on_stdin_is_refused_with_the_fix():
    with open(SPEECH, "rb") as stream:
        with pytest.raises(AudioError, match="-t raw"):
            list(StdinSource(stream).frames())


def test_a_terminal_on_stdin_is_refused_with_the_fix():
    master, slave = os.openpty()
    try:
        with pytest.raises(AudioError, match="arecord -f S16_LE -r 16000 -c 1 -t raw"):
            StdinSource(os.fdopen(slave, "rb", closefd=False))
    finally:
        os.close(master)
        os.close(slave)
