"""The labelled corpus evaluation (scripts/eval-redaction's scoring) and its targets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sottovoce.privacy.redaction import KINDS, Redactor
from sottovoce.privacy.redaction.evaluate import (
    TARGET_CLEAN,
    TARGET_NAME_RECALL,
    TARGET_RECALL,
    CorpusLine,
    Item,
    parse_line,
    read_corpus,
    score,
)

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "redaction_corpus.txt"
# Former blind corpora, development sets since their misses were studied by class (first scores: README).
# The current blind one (redaction_heldout.txt) is deliberately not tested here: it is measured by
# scripts/eval-redaction so that nobody tunes to it.
DATA = ROOT / "tests" / "data"
STUDIED = {"own": CORPUS, "dev": DATA / "redaction_dev.txt",
           **{f"dev{n}": DATA / f"redaction_dev{n}.txt" for n in range(2, 15)}}


@pytest.fixture(scope="module")
def corpus() -> list[CorpusLine]:
    return read_corpus(CORPUS)


def test_corpus_is_big_and_covers_every_kind_in_both_forms(corpus: list[CorpusLine]) -> None:
    dirty = [line for line in corpus if line.items]
    clean = [line for line in corpus if not line.items]
    assert len(dirty) >= 300 and len(clean) >= 300
    for kind in KINDS:
        lines = [line for line in dirty if any(i.kind == kind for i in line.items)]
        spoken = [line for line in lines if not any(c.isdigit() or c.isupper() for c in line.text)]
        written = [line for line in lines if any(c.isdigit() or c.isupper() for c in line.text)]
        assert len(spoken) >= 5 and len(written) >= 5, kind


@pytest.mark.parametrize("path", STUDIED.values(), ids=STUDIED.keys())
def test_corpus_meets_targets(path: Path, redactor: Redactor) -> None:
    s = score(read_corpus(path), lambda text: redactor.redact(text).text)
    leaks = [(line.text, kind, out) for line, kind, out in s.misses]
    assert s.recall() >= TARGET_RECALL, leaks
    assert s.recall("NAME") >= TARGET_NAME_RECALL, leaks
    assert s.clean_share >= TARGET_CLEAN, s.changed_clean
    assert s.clean_share >= 0.98, s.changed_clean  # precision kept while name rules generalise (dev12: 0.982)
    assert s.command_share >= 0.97


@pytest.mark.parametrize("path", STUDIED.values(), ids=STUDIED.keys())
def test_clean_lines_are_byte_identical(path: Path, redactor: Redactor) -> None:
    corpus = read_corpus(path)
    changed = [(line.text, redactor.redact(line.text).text) for line in corpus if not line.items]
    changed = [(a, b) for a, b in changed if a != b]
    assert len(changed) <= 0.03 * sum(1 for line in corpus if not line.items), changed


# --- the scoring itself, so a bug there cannot flatter the redactor

def test_parse_line_removes_markup_and_records_spans() -> None:
    line = parse_line("call [[NAME|john smith]] on [[PHONE|555-1234]] now", 3)
    assert line.text == "call john smith on 555-1234 now"
    assert line.items == (Item("NAME", 5, 15), Item("PHONE", 19, 27))
    assert line.text[5:15] == "john smith" and line.text[19:27] == "555-1234"


@pytest.mark.parametrize(("output", "removed", "kept_words"), [
    ("call <NAME> on <PHONE> now", 2, 3),
    ("call john <NAME> on <PHONE> now", 1, 3),       # one surviving token leaks the name
    ("call <NAME> on 555-<PHONE> now", 2, 3),        # "555" alone is not the token "5551234"
    ("call john smith on 555-1234 now", 0, 3),
    ("<NAME> <PHONE>", 2, 0),
])
def test_score_counts_an_item_only_when_no_token_survives(output: str, removed: int, kept_words: int) -> None:
    line = parse_line("call [[NAME|john smith]] on [[PHONE|555-1234]] now")
    s = score([line], lambda text: output)
    assert sum(s.removed.values()) == removed
    assert s.command_kept == kept_words and s.command_tokens == 3


def test_placeholder_words_do_not_count_as_survivors() -> None:
    line = parse_line("my name is [[NAME|name]]")
    assert sum(score([line], lambda t: "my name is <NAME>").removed.values()) == 1


def test_clean_line_must_be_exactly_unchanged() -> None:
    line = parse_line("Set a timer for 5 minutes.")
    assert score([line], lambda t: t).clean_unchanged == 1
    assert score([line], lambda t: "Set a timer for 5 minutes").clean_unchanged == 0


def test_eval_script_reports_and_fails_on_missed_targets(tmp_path: Path) -> None:
    good = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval-redaction"), str(CORPUS)],
                          capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stdout + good.stderr
    for word in ("overall recall", "command words kept", "clean lines unchanged", "lines/s", "NAME"):
        assert word in good.stdout
    bad = tmp_path / "bad.txt"
    bad.write_text("# names the redactor cannot know\n" + "\n".join(
        f"the word is [[NAME|qwzx{k}]]" for k in range(5)) + "\nset a timer\n", encoding="utf-8")
    failed = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval-redaction"), str(bad)],
                            capture_output=True, text=True, timeout=120)
    assert failed.returncode == 1
    assert "TARGET MISSED" in failed.stdout


def test_eval_script_defaults_name_the_three_corpora() -> None:
    text = (ROOT / "scripts" / "eval-redaction").read_text(encoding="utf-8")
    for name in ("redaction_corpus.txt", "redaction_dev.txt", "redaction_dev5.txt", "redaction_dev6.txt",
                 "redaction_dev7.txt", "redaction_dev8.txt", "redaction_dev9.txt", "redaction_dev10.txt",
                 "redaction_dev11.txt", "redaction_dev12.txt", "redaction_dev13.txt",
                 "redaction_dev14.txt", "redaction_heldout.txt"):
        assert f'"tests/data/{name}"' in text, name
