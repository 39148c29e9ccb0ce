"""`sottovoce devices`: the microphones PortAudio sees, and which capture rates each accepts.

For choosing `audio.device` and diagnosing a Pi that hears nothing. The device the current config
would use is marked with `*`.
"""

from __future__ import annotations

from typing import Any

from sottovoce.audio.mic import NONE_FOUND, RATES, accepted_rates
from sottovoce.cli import CommandError, load_settings

NAME = "devices"
HELP = "list microphones (index, name, channels, sample rates) for audio.device"
READS_CONFIG = True

def add_arguments(parser) -> None:
    pass


def describe_inputs(backend: Any, wanted: str) -> str | None:
    """A table of input devices, or None when there are none."""
    from sottovoce.audio.frames import AudioError
    from sottovoce.audio.mic import find_device, input_devices

    devices = input_devices(backend)
    if not devices:
        return None
    try:
        chosen = find_device(backend, wanted)["index"]
    except AudioError:
        chosen = None
    width = max(len(d["name"]) for d in devices)
    lines = [f"  {'index':>5}  {'name':<{width}}  channels  default Hz  accepts Hz"]
    for d in devices:
        mark = "*" if d["index"] == chosen else " "
        rates = " ".join(str(r) for r in accepted_rates(backend, d)) or "none of " + "/".join(map(str, RATES))
        lines.append(f"{mark} {d['index']:>5}  {d['name']:<{width}}  {d['max_input_channels']:>8}  "
                     f"{int(d.get('default_samplerate') or 0):>10}  {rates}")
    if chosen is None:
        lines.append(f"(no device matches audio.device={wanted!r}; set it to an index or part of a name above)")
    else:
        lines.append(f"* = used with audio.device={wanted!r}"
                     " (rates other than 16000 are resampled to 16 kHz)")
    return "\n".join(lines)


def main(args) -> int:
    from sottovoce.audio.frames import AudioError
    from sottovoce.audio.mic import load_sounddevice

    settings = load_settings(args)
    try:
        backend = load_sounddevice()
    except AudioError as exc:
        raise CommandError(str(exc)) from None
    try:
        table = describe_inputs(backend, settings.audio.device)
    except backend.PortAudioError as exc:
        raise CommandError(f"PortAudio could not list devices ({exc}); {NONE_FOUND}") from None
    if table is None:
        raise CommandError(NONE_FOUND)
    print(table)
    return 0
