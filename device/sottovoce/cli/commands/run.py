"""`sottovoce run`: the daemon (see sottovoce.service.daemon)."""

from __future__ import annotations

from sottovoce.cli import load_settings

NAME = "run"
HELP = "listen for the wake word, transcribe, redact and publish what the household consented to"
READS_CONFIG = True


def add_arguments(parser) -> None:
    parser.epilog = ("With audio.source = file:PATH it exits when the audio ends and the outbox is "
                     "empty (or after mqtt.drain_timeout). SIGTERM/SIGINT stop it; SIGHUP reloads the config.")


def main(args) -> int:
    from sottovoce.service.daemon import Daemon

    settings = load_settings(args)
    daemon = Daemon(settings, config=args.config, overrides=args.overrides)
    daemon.install_signal_handlers()
    return daemon.run()
