"""Builds the listening stages from settings, turning missing or broken models into CommandErrors."""

from __future__ import annotations

from typing import Callable

from sottovoce.cli import CommandError
from sottovoce.listen.listener import Listener
from sottovoce.asr.recognizer import AsrModelError, Recognizer, load_recognizer
from sottovoce.settings import Settings
from sottovoce.listen.utterance import UtteranceLimits
from sottovoce.listen.vad import VoiceActivity
from sottovoce.wake.detector import WakeModelError, WakeWordDetector


def build_detector(settings: Settings) -> WakeWordDetector:
    try:
        return WakeWordDetector(settings.wake.words, settings.wake.models_dir,
                                threshold=settings.wake.threshold, refractory=settings.wake.refractory)
    except WakeModelError as exc:
        raise CommandError(str(exc), status=2) from None


def build_recognizer(settings: Settings) -> Recognizer:
    try:
        return load_recognizer(settings.asr)
    except AsrModelError as exc:
        raise CommandError(str(exc), status=2) from None


def build_listener(settings: Settings, *, muted: Callable[[], bool] = lambda: False,
                   on_mute_change: Callable[[bool], None] = lambda muted: None) -> Listener:
    u = settings.utterance
    return Listener(build_detector(settings), VoiceActivity(u.vad_aggressiveness), build_recognizer(settings),
                    UtteranceLimits(silence=u.silence, max_seconds=u.max_seconds, start_timeout=u.start_timeout),
                    muted=muted, on_mute_change=on_mute_change)
