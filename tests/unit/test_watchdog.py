"""When the daemon tells systemd's watchdog it is alive (the decision alone; the pings are in e2e)."""

from sottovoce.service.daemon import TRANSCRIPTION_GRACE, looks_alive


def test_a_loop_that_took_a_frame_lately_is_alive():
    assert looks_alive(quiet=0.4, interval=0.5, waiting=False, transcribing=False)


def test_a_loop_with_no_frame_for_two_intervals_is_stuck():
    assert not looks_alive(quiet=1.1, interval=0.5, waiting=False, transcribing=False)


def test_a_microphone_that_is_out_is_a_wait_not_a_hang():
    assert looks_alive(quiet=3600, interval=15, waiting=True, transcribing=False)


def test_a_long_transcription_is_alive_but_not_forever():
    assert looks_alive(quiet=90, interval=15, waiting=False, transcribing=True)  # a minute of audio on a Pi
    assert not looks_alive(quiet=TRANSCRIPTION_GRACE + 1, interval=15, waiting=False, transcribing=True)
