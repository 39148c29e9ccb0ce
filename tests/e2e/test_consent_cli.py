"""`sottovoce consent` as a user runs it: shows, edits the config atomically keeping comments, audits."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
import threading
import tomllib
from pathlib import Path

import pytest
from sottovoce.cli import CommandError
from sottovoce.cli.commands.consent import edit_config, parse_changes

ROOT = Path(__file__).resolve().parents[2]
SOTTOVOCE = str(ROOT / ".venv" / "bin" / "sottovoce")


@pytest.fixture
def config(tmp_path) -> Path:
    for name in ("sottovoce.toml", "vocabulary.toml", "sensitive.toml"):
        shutil.copy(ROOT / "config" / name, tmp_path / name)
    shutil.copytree(ROOT / "config" / "sentences", tmp_path / "sentences")
    return tmp_path / "sottovoce.toml"


def cli(*args: str, config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([SOTTOVOCE, "consent", "--config", str(config), "--set",
                           f"state.dir={json.dumps(str(config.parent / 'state'))}", *args],
                          capture_output=True, text=True, timeout=60)


def test_shows_default_deny(config):
    out = cli(config=config)
    assert out.returncode == 0, out.stderr
    assert "Sending: nothing" in out.stdout
    for key in ("commands", "text", "wake_events", "sensitive", "site", "allow_remote_unmute"):
        assert any(line.split()[:2] == [key, "off" if key != "site" else "per_message"]
                   for line in out.stdout.splitlines()), key


def test_change_is_atomic_keeps_comments_and_is_audited(config):
    before = config.read_text()
    inode = config.stat().st_ino
    out = cli("text", "on", "site", "kitchen", config=config)
    assert out.returncode == 0, out.stderr
    assert "text: off -> on" in out.stdout and "Sending: text" in out.stdout
    after = config.read_text()
    assert config.stat().st_ino != inode  # replaced in one step, not rewritten in place
    changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    assert changed == [
        "- text = false           # any redacted transcript",
        "+ text = true           # any redacted transcript",
        '- site = "per_message"   # "per_message" (fresh random id), "daily" (rotating), or a room label like "kitchen"',
        '+ site = "kitchen"   # "per_message" (fresh random id), "daily" (rotating), or a room label like "kitchen"',
    ]
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == \
           [line for line in after.splitlines() if line.lstrip().startswith("#")]
    assert tomllib.loads(after)["consent"]["text"] is True
    assert sorted(p.name for p in config.parent.iterdir() if p.name.startswith(".")) == []
    audit = subprocess.run([SOTTOVOCE, "audit", "--json", "--config", str(config), "--set",
                            f"state.dir={json.dumps(str(config.parent / 'state'))}"],
                           capture_output=True, text=True, timeout=60)
    (row,) = [json.loads(line) for line in audit.stdout.splitlines()]
    assert row["decision"] == "consent" and "text: off -> on" in row["reason"] and row["payload"] is None


def test_withdraw_everything(config):
    assert cli("text", "on", "wake_events", "on", "sensitive", "on", config=config).returncode == 0
    out = cli("--none", config=config)
    assert out.returncode == 0, out.stderr
    consent = tomllib.loads(config.read_text())["consent"]
    assert [consent[k] for k in ("commands", "text", "wake_events", "sensitive")] == [False] * 4


@pytest.mark.parametrize("args,message", [
    (["text", "maybe"], "expected on or off"),
    (["txt", "on"], "unknown consent key"),
    (["text"], "KEY VALUE pairs"),
    (["time_precision", "second"], "minute, hour or day"),
])
def test_bad_changes_leave_the_file_untouched(config, args, message):
    before = config.read_bytes()
    out = cli(*args, config=config)
    assert out.returncode == 1
    assert message in out.stderr and "Traceback" not in out.stderr
    assert config.read_bytes() == before


def test_invalid_result_is_refused_before_replacing(config):
    config.write_text(config.read_text().replace("[audit]\n", "[audit]\nbogus_key = 1\n"))
    before = config.read_bytes()
    with pytest.raises(CommandError, match="would be invalid"):
        edit_config(config, {"text": True})
    assert config.read_bytes() == before
    assert [p.name for p in config.parent.iterdir() if p.suffix == ".tmp"] == []


def test_config_without_consent_table_and_through_a_symlink(tmp_path):
    real = tmp_path / "real.toml"
    real.write_text("# only a comment\n[log]\nlevel = \"INFO\"  # keep\n")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    edit_config(link, {"commands": True, "site": "daily"})
    assert link.is_symlink()
    text = real.read_text()
    assert text.startswith("# only a comment\n[log]\nlevel = \"INFO\"  # keep\n")
    assert tomllib.loads(text)["consent"] == {"commands": True, "site": "daily"}


def test_readers_never_see_a_partial_file(config):
    config.chmod(0o640)
    stop = threading.Event()
    seen: list[object] = []

    def read():
        while not stop.is_set():
            try:
                seen.append(tomllib.loads(config.read_text())["consent"]["text"])
            except Exception as exc:  # noqa: BLE001 - any failure is what this test looks for
                seen.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(30):
            edit_config(config, {"text": i % 2 == 0})
    finally:
        stop.set()
        reader.join(timeout=10)
    assert seen and all(isinstance(v, bool) for v in seen), [v for v in seen if not isinstance(v, bool)][:3]
    # the file keeps its permissions
    assert (config.stat().st_mode & 0o777) == 0o640


@pytest.mark.parametrize("words,none,expected", [
    (["text", "on"], False, {"text": True}),
    (["TEXT", "Off", "wake-events", "yes"], False, {"text": False, "wake_events": True}),
    (["site", "living room"], False, {"site": "living room"}),
    (["time_precision", "hour"], False, {"time_precision": "hour"}),
    ([], True, {"commands": False, "text": False, "wake_events": False, "sensitive": False}),
    (["allow_remote_unmute", "on"], False, {"allow_remote_unmute": True}),
    (["text=on", "site=daily"], False, {"text": True, "site": "daily"}),
    (["text=on", "commands", "on"], False, {"text": True, "commands": True}),
])
def test_parse_changes(words, none, expected):
    assert parse_changes(words, none) == expected


def test_no_change_without_a_writable_audit_log(config):
    (config.parent / "state" / "audit.sqlite3").mkdir(parents=True)
    before = config.read_bytes()
    out = cli("text", "on", config=config)
    assert out.returncode == 1 and "cannot write the audit log" in out.stderr and "Traceback" not in out.stderr
    assert config.read_bytes() == before
