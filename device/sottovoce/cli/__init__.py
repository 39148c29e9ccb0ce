"""Argument parsing and dispatch to `sottovoce.cli.commands.<module>`.

Each module in `sottovoce.cli.commands` is one sub-command. It defines `NAME` (the command, e.g.
"check-config"), `HELP` (one line), `READS_CONFIG` (bool), `add_arguments(parser)` and
`main(args) -> int`. Commands are found by listing the package, so adding one touches no other
file. Commands that read the
config get `--config` and `--set` here, and load settings through `load_settings(args)`, which
turns every config problem into one clear message and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys

from sottovoce import __version__
from sottovoce.errors import FixableError
from sottovoce.settings import ConfigError, Settings, load

ORDER = ("run", "transcribe", "redact", "decide", "devices", "consent", "mute", "unmute", "audit", "forget",
         "check-config", "doctor")

EXIT_CONFIG = 2


class CommandError(FixableError):
    """A problem with how a command was called or what it found; exit status 1 unless given."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sottovoce", description="On-device privacy filter for smart speakers.")
    parser.add_argument("--version", action="version", version=f"sottovoce {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in sorted(command_modules(), key=lambda m: (ORDER + (m.NAME,)).index(m.NAME)):
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        if module.READS_CONFIG:
            p.add_argument("--config", metavar="FILE",
                           help="config file (default: $SOTTOVOCE_CONFIG or /etc/sottovoce/sottovoce.toml)")
            p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                           help="override a config key, e.g. --set audio.source=stdin (repeatable)")
            p.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG")
        p.set_defaults(_module=module)
        module.add_arguments(p)
    return parser


def command_modules() -> list:
    import sottovoce.cli.commands as package

    modules = []
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        try:
            modules.append(importlib.import_module(f"sottovoce.cli.commands.{info.name}"))
        except ImportError as exc:  # e.g. an optional dependency missing: say so when it is used
            modules.append(_Unavailable(info.name.replace("_", "-"), exc))
    return modules


class _Unavailable:
    """Stands in for a command whose module cannot be imported, and explains why when run."""

    READS_CONFIG = False

    def __init__(self, name: str, error: ImportError):
        self.NAME, self.HELP, self._error = name, f"(unavailable: {error})", error

    def add_arguments(self, parser) -> None:
        parser.add_argument("rest", nargs=argparse.REMAINDER)

    def main(self, args) -> int:
        raise CommandError(f"this command cannot run here: {self._error}; "
                           "reinstall sottovoce with scripts/setup (or pip install -e .)")


def load_settings(args: argparse.Namespace) -> Settings:
    settings = load(args.config, args.overrides)
    level = "DEBUG" if getattr(args, "verbose", False) else settings.log.level.upper()
    # The daemon logs to stdout for journald; other commands keep stdout for their output.
    setup_logging(level, sys.stdout if args.command == "run" else sys.stderr)
    return settings


def setup_logging(level: str, stream=sys.stdout) -> None:
    from sottovoce.service import notify

    fmt = "%(levelname)s %(name)s: %(message)s"
    logging.basicConfig(stream=stream, level=level, format=fmt, force=True)
    if notify.stream_is_journal(stream):  # "<3>..." prefixes let `journalctl -p warning` filter
        for handler in logging.getLogger().handlers:
            handler.setFormatter(notify.JournalFormatter(fmt))
    if level != "DEBUG":  # per-utterance chatter from the recogniser
        logging.getLogger("faster_whisper").setLevel(logging.WARNING)


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    module = args._module
    try:
        return int(module.main(args) or 0)
    except ConfigError as exc:
        print(f"sottovoce {args.command}: configuration problem:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_CONFIG
    except FixableError as exc:  # CommandError, AudioError, a model or state problem
        print(f"sottovoce {args.command}: {exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
