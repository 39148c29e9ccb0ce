"""`sottovoce doctor`: is this machine ready to run sottovoce? Each finding is OK or PROBLEM + fix.

It checks, with the real libraries and bounded waits: the microphone and the rates it takes, the
wake word and speech models (loaded, not just present), the broker (one short connection with the
configured TLS and login) and says what the consent settings let leave the device. Run it as the
service user on a Pi to see what the service sees: sudo -u sottovoce sottovoce doctor.
Exit status 1 when anything is wrong. A broken config is reported like any other problem.
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable

from sottovoce import settings as settings_mod
from sottovoce.cli import setup_logging
from sottovoce.settings import ConfigError, Settings
from sottovoce.settings.checks import (
    Finding,
    audio_source_findings,
    check_asr,
    check_broker,
    check_microphone,
    check_wake,
    consent_file_findings,
    consent_summary,
    guarded,
    locate_config,
    mqtt_findings,
    problem,
    state_findings,
)

NAME = "doctor"
HELP = "check microphone, models, broker and consent on this machine, with a fix for each problem"
READS_CONFIG = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--timeout", type=float, default=3.0, metavar="SECONDS",
                        help="how long to wait for the broker (default 3)")


def format_finding(f: Finding) -> str:
    label = "NOTE" if f.note else ("OK" if f.ok else "PROBLEM")
    text = f"{label:8} {f.check:14} {f.detail}"
    if not f.ok and f.fix:
        text += f"\n{'':8} {'':14} fix: {f.fix}"
    return text


def plan(settings: Settings, timeout: float) -> list[tuple[str, Callable[[], list[Finding]]]]:
    def broker() -> list[Finding]:
        static = [f for f in mqtt_findings(settings) if not f.ok]
        return static or check_broker(settings, timeout)

    return [
        ("files", lambda: audio_source_findings(settings) + consent_file_findings(settings) + state_findings(settings)),
        ("microphone", lambda: check_microphone(settings)),
        ("wake models", lambda: check_wake(settings)),
        ("asr model", lambda: check_asr(settings)),
        ("broker", broker),
        ("consent", lambda: consent_summary(settings)),
    ]


def main(args: argparse.Namespace) -> int:
    setup_logging("DEBUG" if args.verbose else "ERROR")
    path, unreadable = locate_config(args.config)
    print(f"sottovoce doctor: {path or 'built-in defaults (no config file)'}", flush=True)
    config_problems: list[Finding] = [unreadable] if unreadable else []
    settings: Settings | None = None
    if not unreadable:
        try:
            settings = settings_mod.load(args.config, args.overrides)
        except ConfigError as exc:
            config_problems += [problem("config", str(p), "fix this key (sottovoce check-config lists all)", p.key)
                                for p in exc.problems]
    # Without a usable config only the microphone can be checked; do it so one run tells more.
    checks = plan(settings, args.timeout) if settings else [("microphone", lambda: check_microphone(Settings()))]
    failures = 0
    for finding in config_problems:
        failures += 1
        print(format_finding(finding), flush=True)
    for name, fn in checks:
        for finding in guarded(name, fn):
            failures += not finding.ok
            print(format_finding(finding), flush=True)
    if failures:
        print(f"{failures} problem{'s' if failures != 1 else ''}: fix them and run `sottovoce doctor` again.",
              file=sys.stderr)
        return 1
    print("All checks passed.")
    return 0
