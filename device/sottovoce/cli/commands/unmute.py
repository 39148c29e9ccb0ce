"""`sottovoce unmute`: listen again. Only on the device (or over MQTT if the household allowed it)."""

from __future__ import annotations

import argparse

from sottovoce.cli.commands.mute import set_mute

NAME = "unmute"
HELP = "listen for the wake word again after `sottovoce mute`"
READS_CONFIG = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def main(args: argparse.Namespace) -> int:
    return set_mute(args, False)
