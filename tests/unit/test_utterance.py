"""End-of-utterance state machine: pure, table-driven."""

import pytest
from sottovoce.listen.utterance import UtteranceLimits, UtteranceTracker

LIMITS = UtteranceLimits(silence=0.8, max_seconds=4.0, start_timeout=1.6, onset=0.24)  # 10, 50, 20, 3 frames


def run(pattern: str, limits: UtteranceLimits = LIMITS) -> tuple[str | None, int]:
    """Feed 's' (speech) / '.' (silence) frames; return why it ended and after how many frames."""
    tracker = UtteranceTracker(limits)
    for i, ch in enumerate(pattern, 1):
        ended = tracker.push(ch == "s")
        if ended:
            return ended, i
    return None, len(pattern)


@pytest.mark.parametrize("pattern, expected", [
    ("sss" + "." * 10, ("silence", 13)),                 # speech then 0.8 s of silence
    ("sss" + "." * 9 + "s" + "." * 10, ("silence", 23)),  # a short pause does not end it
    ("." * 20, ("no_speech", 20)),                       # nobody spoke within start_timeout
    ("s." * 10, ("no_speech", 20)),                      # isolated blips (the wake word's tail) are not speech
    ("ss" + "." * 8 + "sss" + "." * 10, ("silence", 23)),  # tail of the wake word, pause, then the command
    ("s" * 60, ("max_length", 50)),                      # never stops talking
    ("........sss" + "." * 5, (None, 16)),               # still waiting for the trailing silence
])
def test_utterance_ends_for_the_right_reason(pattern, expected):
    assert run(pattern) == expected


def test_speech_frames_count_only_after_onset():
    tracker = UtteranceTracker(LIMITS)
    for ch in "s.s.sss":
        tracker.push(ch == "s")
    assert tracker.heard_speech and tracker.speech_frames == 3


def test_limits_round_up_to_whole_frames():
    assert UtteranceLimits(silence=0.1).frames(0.1) == 2  # 0.1 s is 1.25 frames of 80 ms
    assert UtteranceLimits().frames(0.8) == 10
