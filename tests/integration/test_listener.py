"""The listening loop on real models and real speech: what reaches the recogniser, and when."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import WHISPER_MODEL, compose
from sottovoce.asr.whisper_engine import WhisperRecognizer
from sottovoce.audio.file import FileSource
from sottovoce.events import FRAME_SECONDS, Transcript, WakeDetected
from sottovoce.listen.listener import Listener
from sottovoce.listen.utterance import UtteranceLimits
from sottovoce.listen.vad import VoiceActivity
from sottovoce.wake.detector import WakeWordDetector

PRE_WAKE = "speech/sense_and_sensibility_01_austen_64kb-0870.wav"  # "...mister john dashwood ... prudently..."
PRE_WAKE_WORDS = {"dashwood", "leisure", "prudently", "consider", "power", "mister"}


class SpyRecognizer:
    """Wraps the real Whisper recogniser and records every frame handed to it."""

    def __init__(self, real):
        self.real = real
        self.frames: list[np.ndarray] = []
        self.sessions = 0

    def session(self):
        self.sessions += 1
        inner, frames = self.real.session(), self.frames

        class Session:
            def accept(self, frame):
                frames.append(frame.copy())
                inner.accept(frame)

            def finish(self):
                return inner.finish()

        return Session()


@pytest.fixture(scope="module")
def whisper():
    return WhisperRecognizer(WHISPER_MODEL)


def listen(wav, models, recognizer, muted=lambda: False):
    listener = Listener(WakeWordDetector(["hey_jarvis", "alexa"], models), VoiceActivity(2), recognizer,
                        UtteranceLimits(), muted=muted)
    return listener, list(listener.process(FileSource(wav).frames()))


def words(text: str) -> set[str]:
    return {w.strip(".,!?").lower() for w in text.split()}


def test_speech_before_the_wake_word_never_reaches_the_recogniser(tmp_path, wake_models_dir, whisper):
    wav = compose(tmp_path / "a.wav", PRE_WAKE, 0.5, "wake/piper_joe_hey_jarvis.wav", "speech/goforward.wav", 1.5)
    spy = SpyRecognizer(whisper)
    listener, events = listen(wav, wake_models_dir, spy)
    wakes = [e for e in events if isinstance(e, WakeDetected)]
    texts = [e.text for e in events if isinstance(e, Transcript)]
    assert [w.word for w in wakes] == ["hey_jarvis"] and len(texts) == 1
    assert {"go", "forward"} <= words(texts[0])
    assert not words(texts[0]) & PRE_WAKE_WORDS
    # every frame the recogniser got came after the wake word: none of it matches the pre-wake speech
    first_fed = wakes[0].at
    assert spy.sessions == 1
    assert listener.frames_to_recognizer == len(spy.frames)
    audio = np.concatenate([c.samples for c in FileSource(wav).frames()])
    fed = np.concatenate(spy.frames)
    start = int(round(first_fed / FRAME_SECONDS)) * 1280
    assert np.array_equal(fed, audio[start:start + len(fed)])
    assert first_fed > 6.0  # the pre-wake clip alone is longer than 6 s


def test_two_wake_words_give_two_transcripts(tmp_path, wake_models_dir, whisper):
    wav = compose(tmp_path / "two.wav", "wake/hey_jarvis.wav", "speech/goforward.wav", 1.5,
                  "wake/alexa.wav", "speech/003.wav", 1.5)
    _, events = listen(wav, wake_models_dir, whisper)
    transcripts = [e for e in events if isinstance(e, Transcript)]
    assert [t.wake.word for t in transcripts] == ["hey_jarvis", "alexa"]
    assert {"forward"} <= words(transcripts[0].text)
    assert {"clubs"} <= words(transcripts[1].text)
    assert all(t.ended_by == "silence" for t in transcripts)


def test_the_wake_word_is_not_part_of_the_transcript(tmp_path, wake_models_dir, whisper):
    wav = compose(tmp_path / "w.wav", "wake/hey_jarvis.wav", "speech/goforward.wav", 1.5)
    _, events = listen(wav, wake_models_dir, whisper)
    (transcript,) = [e for e in events if isinstance(e, Transcript)]
    assert {"go", "forward"} <= words(transcript.text)
    assert not words(transcript.text) & {"hey", "jarvis"}


def test_no_speech_after_the_wake_word_gives_an_empty_transcript(tmp_path, wake_models_dir, whisper):
    # hey_jarvis.wav ends with a short non-speech burst that WebRTC's VAD calls voiced; the
    # recogniser must still return nothing rather than invent words ("Thank you.")
    wav = compose(tmp_path / "quiet.wav", "wake/hey_jarvis.wav", 5.0)
    _, events = listen(wav, wake_models_dir, whisper)
    (transcript,) = [e for e in events if isinstance(e, Transcript)]
    assert transcript.text == ""
    wav = compose(tmp_path / "silent.wav", "wake/piper_joe_alexa.wav", 5.0)
    _, events = listen(wav, wake_models_dir, whisper)
    (transcript,) = [e for e in events if isinstance(e, Transcript)]
    assert (transcript.text, transcript.ended_by) == ("", "no_speech")


def test_muted_frames_reach_neither_detector_nor_recogniser(tmp_path, wake_models_dir, whisper):
    wav = compose(tmp_path / "m.wav", "wake/hey_jarvis.wav", "speech/goforward.wav", 1.5)
    spy = SpyRecognizer(whisper)
    listener, events = listen(wav, wake_models_dir, spy, muted=lambda: True)
    assert events == [] and spy.frames == []
    assert listener.frames_to_detector == 0 and listener.frames_seen > 50


def test_mute_takes_effect_from_the_next_frame(tmp_path, wake_models_dir, whisper):
    wav = compose(tmp_path / "m2.wav", "wake/hey_jarvis.wav", "speech/goforward.wav", 1.5)
    spy = SpyRecognizer(whisper)
    state = {"muted": False}
    changes = []
    listener = Listener(WakeWordDetector(["hey_jarvis"], wake_models_dir), VoiceActivity(2), spy,
                        UtteranceLimits(), muted=lambda: state["muted"], on_mute_change=changes.append)
    events = []
    for event in listener.process(FileSource(wav).frames()):
        events.append(event)
        if isinstance(event, WakeDetected):
            state["muted"] = True  # muted right after the wake word: the command must not be heard
    assert [type(e) for e in events] == [WakeDetected, Transcript]
    assert events[1].text == "" and events[1].ended_by == "muted"
    assert spy.frames == [] and listener.frames_to_recognizer == 0
    assert changes == [True]  # reported once, so the daemon can update MQTT state and systemd status
