"""`sottovoce transcribe WAV...`: one JSON line per wake word found, for checking a setup on recordings.

The text is redacted, as everything the pipeline hands on is; `--raw` shows the recogniser's own
words instead (printed on this terminal only, for checking recognition). Each file gets a fresh
wake detector (its own clock from 0, no refractory time or audio context carried over from the
file before), so a wake word found in a file alone is found in it among others too; the
recognition model is loaded once.
"""

from __future__ import annotations

import json
import sys

from sottovoce.cli import CommandError, load_settings
from sottovoce.events import Transcript

NAME = "transcribe"
HELP = "find wake words in WAV files and print one JSON line per command"
READS_CONFIG = True


def add_arguments(parser) -> None:
    parser.add_argument("wavs", nargs="+", metavar="WAV", help="WAV files (any rate, width, channels)")
    parser.add_argument("--raw", action="store_true", help="print the unredacted transcript")


def main(args) -> int:
    from sottovoce.assembly import build_listener, build_recognizer
    from sottovoce.audio.file import FileSource
    from sottovoce.audio.frames import AudioError
    from sottovoce.privacy.redaction import Redactor

    settings = load_settings(args)
    recognizer = build_recognizer(settings)
    redactor = None if args.raw else Redactor(extra_names=settings.redaction.extra_names)
    status = 0
    for path in args.wavs:
        try:
            source = FileSource(path)
        except AudioError as exc:
            print(f"sottovoce transcribe: {exc}", file=sys.stderr)
            status = 1
            continue
        listener = build_listener(settings, recognizer=recognizer)
        try:
            for event in listener.process(source.frames()):
                if isinstance(event, Transcript):
                    text = event.text if redactor is None else redactor.redact(event.text).text
                    print(json.dumps({"file": path, "wake_word": event.wake.word, "wake_at": event.wake.at,
                                      "text": text}, ensure_ascii=False), flush=True)
        except AudioError as exc:
            raise CommandError(str(exc)) from None
        finally:
            source.close()
    return status
