"""`sottovoce redact`: redact transcripts line by line, from stdin to stdout.

One output line per input line, in order, flushed at once, so it works interactively behind a
pipe (another program can write a line and wait for its answer). Reads the config so the
household's `redaction.extra_names` are applied. Invalid UTF-8 is replaced, never fatal.
"""

from __future__ import annotations

import argparse
import io
import logging
import sys

from sottovoce.cli import CommandError, load_settings

NAME = "redact"
HELP = "remove personal data from transcripts: one per line on stdin, redacted lines on stdout"
READS_CONFIG = True

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--counts", action="store_true",
                        help="append a tab and the counts per kind (e.g. NAME=1,PHONE=1) to each line")
    parser.add_argument("--explain", action="store_true",
                        help="append a tab and, for each placeholder in order, which recogniser or model "
                             "decided, its score and why (e.g. PHONE: spoken number 1.000 (10 digits; after "
                             "the cue 'call'); NAME: name tagger 0.982 (...))")
    parser.add_argument("--recognisers", action="store_true",
                        help="list the recognisers (what each looks for and the kinds it emits) and exit")


def _logs_to_stderr() -> None:
    """Logging goes to stdout for journald; here stdout is the data channel, so move it aside."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler) and getattr(handler, "stream", None) is sys.stdout:
            handler.setStream(sys.stderr)


def explain(result) -> str:
    """ "PHONE: spoken number 1.000 (10 digits; after the cue 'call')", one entry per placeholder, in order,
    separated by " | "."""
    return " | ".join(f"{s.kind}: {s.source or 'unknown'} {s.score:.3f}" + (f" ({s.why})" if s.why else "")
                      for s in result.spans)


def main(args: argparse.Namespace) -> int:
    if args.recognisers:
        from sottovoce.privacy.redaction.recognisers import describe

        print(describe())
        return 0
    settings = load_settings(args)
    _logs_to_stderr()
    try:
        from sottovoce.privacy.redaction import Redactor

        redactor = Redactor(settings.redaction.extra_names)
    except ImportError as exc:
        raise CommandError(f"cannot load the redactor ({exc}): reinstall sottovoce (scripts/setup)") from None
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline=None)
    out = sys.stdout
    lines = 0
    while True:
        line = stdin.readline()
        if not line:
            break
        text = line.rstrip("\r\n")
        result = redactor.redact(text)
        fields = [result.text]
        if args.counts:
            fields.append(",".join(f"{k}={v}" for k, v in sorted(result.counts.items())))
        if args.explain:
            fields.append(explain(result))
        out.write("\t".join(fields) + "\n")
        out.flush()
        lines += 1
    log.debug("redacted %s lines", lines)
    return 0
