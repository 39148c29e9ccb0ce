"""A reload that cannot take the speaker down: build the new pipeline beside the old, then swap.

`rebuild` reads the config and makes every stage the new settings need (the recogniser and the
wake word models when `[asr]`, `[wake]` or `[utterance]` changed, the audio source when `[audio]`
changed or the microphone was lost, and the services: consent files, state files, the MQTT
client) while the running pipeline goes on being the one in use. Only when all of them are up
does it release what the new pipeline does not share and start the rest; the MQTT connection is
shared when `[mqtt]` and the site did not change, so Home Assistant sees no offline/online blip.
Any failure is one ERROR line naming the problem, and the old pipeline stays.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Callable

from sottovoce.assembly import Services, build_listener, build_recognizer, open_audio
from sottovoce.asr.recognizer import Recognizer
from sottovoce.listen.listener import Listener
from sottovoce.settings import Settings, load

log = logging.getLogger(__name__)


@dataclass
class Pipeline:
    """What the daemon runs on: settings, the listening stages and the services behind them."""

    settings: Settings
    recognizer: Recognizer
    listener: Listener
    services: Services
    stop: threading.Event
    muted: Callable[[], bool]
    on_mute_change: Callable[[bool], None]

    @classmethod
    def start(cls, settings: Settings, overrides: list[str], *, stop: threading.Event,
              muted: Callable[[], bool], on_mute_change: Callable[[bool], None]) -> "Pipeline":
        """The first pipeline: services first (nothing is heard before it can be recorded), then models."""
        services = Services.start(settings, overrides)
        try:
            recognizer = build_recognizer(settings)
            listener = build_listener(settings, muted=muted, on_mute_change=on_mute_change,
                                      recognizer=recognizer, stop=stop)
        except BaseException:
            services.close()
            raise
        return cls(settings, recognizer, listener, services, stop, muted, on_mute_change)

    def close(self) -> None:
        self.listener.close()
        self.services.close()


def rebuild(current: Pipeline, config: str | None, overrides: list[str], *, reopen: bool = False,
            stopped: Callable[[], bool] = lambda: False):
    """(new pipeline, new audio source or None) once everything is up, or None (logged) to keep
    `current`. A stop while a FIFO is being opened raises `SourceStopped`."""
    from sottovoce.audio.source import SourceStopped

    old = current.settings
    listener = source = services = None
    try:
        new = load(config, overrides)
        recognizer = current.recognizer if new.asr == old.asr else build_recognizer(new)
        if recognizer is not current.recognizer or (new.wake, new.utterance) != (old.wake, old.utterance):
            listener = build_listener(new, muted=current.muted, on_mute_change=current.on_mute_change,
                                      recognizer=recognizer, stop=current.stop)
        if reopen or new.audio != old.audio:
            source = open_audio(new.audio, stopped=stopped)
        services = Services.build(new, overrides, previous=current.services)
    except SourceStopped:
        if listener is not None:
            listener.close()
        raise
    except Exception as exc:  # noqa: BLE001 - whatever it is, the running pipeline stays
        if listener is not None:
            listener.close()
        if source is not None:
            source.close()
        log.error("reload failed, keeping the old one (configuration and pipeline): %s", one_line(exc))
        return None
    current.services.release(services)
    services.begin()
    if listener is not None:
        current.listener.close()
    pipeline = Pipeline(new, recognizer, listener or current.listener, services, current.stop,
                        current.muted, current.on_mute_change)
    return pipeline, source


def one_line(exc: BaseException) -> str:
    """An exception's message on one line (a ConfigError lists its problems one a line)."""
    text = "; ".join(part.strip() for part in str(exc).splitlines() if part.strip())
    return text or type(exc).__name__
