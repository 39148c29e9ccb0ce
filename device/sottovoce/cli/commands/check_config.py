"""`sottovoce check-config`: every problem with the config in one pass, each with file, key and fix.

The type and range checks are those of `settings.load` (it already collects them all); this adds
what only the file system can tell: model folders and files, the consent files, TLS and password
files, the state folder and a file: audio source. Nothing is loaded or connected, so it is quick
enough to run before every `systemctl restart`.
"""

from __future__ import annotations

import argparse

from sottovoce import settings as settings_mod
from sottovoce.cli import EXIT_CONFIG, setup_logging
from sottovoce.settings import ConfigError, Problem, Settings
from sottovoce.settings.checks import Finding, config_findings, locate_config

NAME = "check-config"
HELP = "check the config file and list every problem (file, key, fix) in one pass"
READS_CONFIG = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def render(fname: str, problems: list[Problem], findings: list[Finding]) -> list[str]:
    lines = [f"  {p}" for p in problems]
    for f in findings:
        if not f.ok:
            lines.append(f"  {fname}: {f.key or f.check}: {f.detail}")
            lines.append(f"      fix: {f.fix}")
    return lines


def main(args: argparse.Namespace) -> int:
    setup_logging("DEBUG" if args.verbose else "WARNING")
    path, unreadable = locate_config(args.config)
    if unreadable:
        print(f"1 problem: {unreadable.detail}\n      fix: {unreadable.fix}")
        return EXIT_CONFIG
    fname = str(path) if path else "(built-in defaults, no config file)"
    problems: list[Problem] = []
    try:
        settings: Settings | None = settings_mod.load(args.config, args.overrides)
    except ConfigError as exc:
        problems = list(exc.problems)
        settings = settings_mod.load_lenient(path, args.overrides)
    findings: list[Finding] = []
    if settings is not None:
        bad_keys = {p.key for p in problems}
        findings += [f for f in config_findings(settings) if f.key not in bad_keys]
    failed = [f for f in findings if not f.ok]
    for f in findings:
        if f.note:
            print(f"note: {f.key}: {f.detail}")
    if not problems and not failed:
        print(f"config OK: {fname}")
        return 0
    count = len(problems) + len(failed)
    print(f"{count} problem{'s' if count != 1 else ''} in {fname}:")
    print("\n".join(render(fname, problems, findings)))
    return EXIT_CONFIG
