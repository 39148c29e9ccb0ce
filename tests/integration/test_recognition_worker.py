"""Recognition a stop can abandon, on the real Whisper model and real speech.

The worker gives the same text as the engine on its own; a stop set while Whisper works makes
`finish()` give up at once (no text); a stop set before the end of an utterance means it is never
transcribed, and the listener ends the utterance as `stopped` with no text.
"""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from conftest import ROOT, WHISPER_MODEL, compose, read_clip
from sottovoce.asr.whisper_engine import WhisperRecognizer
from sottovoce.asr.worker import RecognitionAbandoned, RecognitionWorker
from sottovoce.audio.file import FileSource, read_wav
from sottovoce.events import Transcript, WakeDetected
from sottovoce.listen.listener import Listener
from sottovoce.listen.utterance import UtteranceLimits
from sottovoce.listen.vad import VoiceActivity
from sottovoce.wake.detector import WakeWordDetector

LONG = [f"speech/sense_and_sensibility_01_austen_64kb-0{n}.wav" for n in (870, 890, 920, 930, 870, 890)]


@pytest.fixture(scope="module")
def whisper():
    return WhisperRecognizer(WHISPER_MODEL)


def frames_of(samples: np.ndarray) -> list[np.ndarray]:
    return [samples[i:i + 1280] for i in range(0, len(samples) - 1279, 1280)]


def test_the_worker_gives_the_engines_own_text(whisper):
    speech = read_clip("speech/goforward.wav")
    direct = whisper.session()
    worker = RecognitionWorker(whisper, threading.Event())
    through = worker.session()
    for frame in frames_of(speech):
        direct.accept(frame)
        through.accept(frame)
    try:
        text = through.finish()
        assert text and text == direct.finish()
        assert not worker.busy
    finally:
        worker.close()


def test_a_stop_during_transcription_gives_it_up_at_once(whisper):
    stop = threading.Event()
    worker = RecognitionWorker(whisper, stop)
    session = worker.session()
    for frame in frames_of(np.concatenate([read_clip(p) for p in LONG])):
        session.accept(frame)
    timer = threading.Timer(0.3, stop.set)
    timer.start()
    started = time.monotonic()
    with pytest.raises(RecognitionAbandoned):
        session.finish()
    gave_up = time.monotonic() - started
    assert worker.busy, "Whisper finished ~36 s of speech in 0.3 s: the stop came too late to test anything"
    assert gave_up < 5.0, f"finish() took {gave_up:.2f} s to give up"
    timer.cancel()


def test_after_a_stop_nothing_more_is_transcribed(whisper):
    stop = threading.Event()
    stop.set()
    worker = RecognitionWorker(whisper, stop)
    session = worker.session()
    for frame in frames_of(read_clip("speech/goforward.wav")):
        session.accept(frame)
    with pytest.raises(RecognitionAbandoned):
        session.finish()
    assert not worker.busy and worker._thread is None  # never handed to the engine


def test_the_listener_abandons_the_open_utterance_on_a_stop(tmp_path, wake_models_dir, whisper):
    wav = compose(tmp_path / "a.wav", 0.5, "wake/piper_joe_hey_jarvis.wav", 0.3, *LONG[:2], 2.0)
    stop = threading.Event()
    listener = Listener(WakeWordDetector(["hey_jarvis"], wake_models_dir), VoiceActivity(2),
                        RecognitionWorker(whisper, stop), UtteranceLimits(max_seconds=60.0), stopped=stop.is_set)

    def frames():
        for chunk in FileSource(wav).frames():
            yield chunk
            if listener.busy and chunk.start > 4.0:  # well into the command
                stop.set()

    events = list(listener.process(frames()))
    assert [type(e) for e in events] == [WakeDetected, Transcript]
    assert events[1].text == "" and events[1].ended_by == "stopped"
    assert not listener.busy and not listener.recognizing


def test_the_same_audio_gives_the_same_sentence_every_time(whisper):
    """The demo's second command has low-confidence words ("running late"); with faster-whisper's
    default temperature fallback they were re-sampled, and five runs gave four different sentences."""
    command = read_wav(ROOT / "device" / "sottovoce" / "data" / "demo.wav")[int(6.1 * 16000):int(16.5 * 16000)]
    texts = set()
    for _ in range(4):
        session = whisper.session()
        for frame in frames_of(command):
            session.accept(frame)
        texts.add(session.finish())
    assert len(texts) == 1, texts
    assert "<" not in next(iter(texts)) and next(iter(texts))  # the engine's own words, before redaction
