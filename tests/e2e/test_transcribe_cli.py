"""`sottovoce transcribe` run as a user would (subprocess), on real models and real speech."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import KOREAN_VOSK_MODEL, compose, pipeline_args, sottovoce


def lines(result: subprocess.CompletedProcess) -> list[dict]:
    assert result.returncode == 0, result.stderr.decode()
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def words(text: str) -> set[str]:
    return {w.strip(".,!?").lower() for w in text.split()}


DIGITS = "zero one two three four five six seven eight nine ten".split()


def normalised(text: str) -> list[str]:
    """Lower case, no punctuation, small numbers as words: Whisper writes "8" or "Eight" on a whim."""
    out = []
    for w in text.replace(",", " ").split():
        w = w.strip(".!?").lower()
        out.append(DIGITS[int(w)] if w.isdigit() and int(w) <= 10 else w)
    return out


@pytest.fixture(scope="module")
def two_commands(tmp_path_factory):
    """Speech, then two wake words each followed by a command."""
    folder = tmp_path_factory.mktemp("clips")
    return compose(folder / "two.wav", "speech/sense_and_sensibility_01_austen_64kb-0880.wav", 0.5,
                   "wake/piper_joe_hey_jarvis.wav", "speech/goforward.wav", 1.5,
                   "wake/alexa.wav", "speech/005.wav", 1.5)


@pytest.fixture(scope="module")
def two_commands_48k_stereo(two_commands):
    out = two_commands.with_name("two_48k_stereo.wav")
    subprocess.run(["sox", str(two_commands), "-r", "48000", "-c", "2", str(out)], check=True, timeout=60)
    return out


def test_two_wake_words_give_two_json_lines(two_commands, tmp_path):
    out = lines(sottovoce("transcribe", "--raw", *pipeline_args(tmp_path), str(two_commands)))
    assert [o["wake_word"] for o in out] == ["hey_jarvis", "alexa"]
    assert all(set(o) == {"file", "wake_word", "wake_at", "text"} and o["file"] == str(two_commands) for o in out)
    assert out[0]["wake_at"] < out[1]["wake_at"]
    assert {"go", "forward"} <= words(out[0]["text"])
    assert {"spades", "clubs", "hearts"} & words(out[1]["text"])
    # "he was not an ill disposed young man" came before the first wake word
    assert not (words(out[0]["text"]) | words(out[1]["text"])) & {"ill", "disposed", "young", "man"}


def test_48k_stereo_gives_the_same_result_as_16k_mono(two_commands, two_commands_48k_stereo, tmp_path):
    mono = lines(sottovoce("transcribe", "--raw", *pipeline_args(tmp_path), str(two_commands)))
    stereo = lines(sottovoce("transcribe", "--raw", *pipeline_args(tmp_path), str(two_commands_48k_stereo)))
    assert [(o["wake_word"], normalised(o["text"])) for o in stereo] == \
        [(o["wake_word"], normalised(o["text"])) for o in mono]
    assert [abs(a["wake_at"] - b["wake_at"]) <= 0.16 for a, b in zip(mono, stereo)] == [True, True]


def test_negative_clip_gives_no_lines(tmp_path):
    out = lines(sottovoce("transcribe", *pipeline_args(tmp_path),
                          str(compose(tmp_path / "neg.wav", "wake/oww_turn_on_the_office_lights_test_clip.wav"))))
    assert out == []


def test_transcripts_are_redacted_unless_raw(tmp_path):
    # vosk_test_digits: "one zero zero zero one nine oh two one oh zero one eight zero three"
    wav = compose(tmp_path / "digits.wav", "wake/piper_joe_hey_jarvis.wav", "speech/vosk_test_digits.wav", 2.5)
    args = pipeline_args(tmp_path, "utterance.silence=2.0")  # the speaker pauses between digit groups
    raw = lines(sottovoce("transcribe", "--raw", *args, str(wav)))
    redacted = lines(sottovoce("transcribe", *args, str(wav)))
    assert len(raw) == len(redacted) == 1
    assert sum(c.isdigit() for c in raw[0]["text"]) >= 10
    assert sum(c.isdigit() for c in redacted[0]["text"]) <= 2 and "<" in redacted[0]["text"]


def test_vosk_engine_on_the_real_korean_model(tmp_path):
    wav = compose(tmp_path / "ko.wav", "wake/hey_jarvis.wav", 0.3, "korean/multiple_keywords_ko.wav", 1.5)
    out = lines(sottovoce("transcribe", "--raw", *pipeline_args(tmp_path), "--set", "asr.engine=vosk",
                          "--set", f"asr.model={KOREAN_VOSK_MODEL}", "--set", "utterance.max_seconds=30",
                          str(wav), timeout=400))
    assert len(out) == 1 and out[0]["wake_word"] == "hey_jarvis"
    hangul = [c for c in out[0]["text"] if "\uac00" <= c <= "\ud7a3"]
    assert len(hangul) >= 5, out[0]["text"]
    assert {"아이스크림", "컴퓨터", "코뿔소"} & set(out[0]["text"].split())


def test_missing_vosk_model_names_the_download_page_and_key(tmp_path, shared):
    result = sottovoce("transcribe", *pipeline_args(tmp_path), "--set", "asr.engine=vosk",
                       "--set", f"asr.model={tmp_path / 'nope'}", str(shared / "audio/wake/alexa.wav"))
    err = result.stderr.decode()
    assert result.returncode == 2
    assert "https://alphacephei.com/vosk/models" in err and "asr.model" in err and "Traceback" not in err


@pytest.mark.parametrize("content, problem", [
    (b"", "WAV"), (b"ID3\x03\x00 not a wav at all", "WAV"), (b"RIFF\x10\x00\x00\x00WAVEfmt ", "WAV"),
])
def test_bad_audio_files_get_a_clear_message(tmp_path, content, problem):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(content)
    result = sottovoce("transcribe", *pipeline_args(tmp_path), str(bad))
    err = result.stderr.decode()
    assert result.returncode != 0 and str(bad) in err and "Traceback" not in err
    assert problem.lower() in err.lower()


@pytest.mark.parametrize("override, key", [
    ("wake.threshold=7", "wake.threshold"), ("asr.engine=kaldi", "asr.engine"),
    ("wake.words=[]", "wake.words"), ("audio.sourze=mic", "audio.sourze"), ("utterance.silence=fast", "utterance.silence"),
])
def test_bad_config_is_one_clear_message_and_exit_2(tmp_path, shared, override, key):
    result = sottovoce("transcribe", *pipeline_args(tmp_path), "--set", override, str(shared / "audio/wake/alexa.wav"))
    err = result.stderr.decode()
    assert result.returncode == 2 and key in err and "expected" in err and "Traceback" not in err


def test_several_files_find_every_wake_word_each_finds_alone(tmp_path, shared):
    """Each file gets a fresh detector and clock: a wake word early in one file is not lost to the
    refractory time or the audio context of a wake word late in the file before (the same clip twice
    in a row is the sharpest case)."""
    wake = shared / "audio" / "wake"
    files = [str(wake / name) for name in ("hey_jarvis.wav", "hey_jarvis.wav", "piper_joe_hey_jarvis.wav",
                                           "alexa.wav", "piper_joe_alexa.wav", "oww_alexa_test.wav",
                                           "hey_mycroft.wav", "okay_nabu.wav")]
    alone = {}
    for path in dict.fromkeys(files):
        found = lines(sottovoce("transcribe", "--raw", *pipeline_args(tmp_path), path))
        alone[path] = sorted(line["wake_word"] for line in found)
        assert alone[path], f"{path} alone gave no wake word: the test would prove nothing"
    together = lines(sottovoce("transcribe", "--raw", *pipeline_args(tmp_path), *files))
    for path in dict.fromkeys(files):
        got = sorted(line["wake_word"] for line in together if line["file"] == path)
        assert got == sorted(alone[path] * files.count(path)), (path, got, alone[path])
