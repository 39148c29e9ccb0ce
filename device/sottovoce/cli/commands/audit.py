"""`sottovoce audit`: the transparency log, as a table or as JSON lines.

Every wake word has a line: sent (with the exact payload), held (with the reason, never the text),
muted or dropped; consent and mute changes and outbox drops are listed too."""

from __future__ import annotations

import argparse
import json
import sqlite3
import time

from sottovoce.cli import CommandError, load_settings
from sottovoce.delivery.audit import AuditLog, AuditRecord

NAME = "audit"
HELP = "show the transparency log: what was sent, held back, muted or dropped, and why"
READS_CONFIG = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="one JSON object per line (time, decision, "
                        "reason, wake_word, redacted, payload)")
    parser.add_argument("--limit", type=int, metavar="N", help="only the newest N records")


def format_table(records: list[AuditRecord]) -> str:
    lines = [f"{'TIME':19}  {'DECISION':8}  {'WAKE WORD':12}  {'REDACTED':14}  REASON"]
    for r in records:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(r.time))
        counts = ",".join(f"{k}={v}" for k, v in sorted(r.redacted.items())) or "-"
        lines.append(f"{when:19}  {r.decision:8}  {r.wake_word or '-':12}  {counts:14}  {r.reason}")
        if r.payload is not None:
            lines.append(f"{'':21}payload: {json.dumps(r.payload, sort_keys=True, ensure_ascii=False)}")
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    if args.limit is not None and args.limit < 1:
        raise CommandError("--limit: expected a number of records, 1 or more")
    try:
        with AuditLog.for_settings(settings) as audit:
            records = audit.records(args.limit)
    except (sqlite3.Error, OSError) as exc:
        raise CommandError(f"cannot open the audit log in {settings.state_dir} ({exc}): "
                           "run as the service's user or with sudo") from None
    if args.json:
        for record in records:
            print(record.to_json())
        return 0
    if not records:
        print(f"The audit log is empty (records are kept {settings.audit.retention_days:g} days).")
        return 0
    print(format_table(records))
    return 0
