"""The labelled corpus format and evaluation (scripts/eval-redaction's scoring).

No test here asserts a target on a corpus: the name tagger is trained on the development corpora
and the former rules were written on them, so their scores are training scores. Corpus figures are
printed by scripts/eval-redaction, with each file's split (training source or held out)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sottovoce.privacy.redaction import KINDS
from sottovoce.privacy.redaction.evaluate import (
    CorpusLine,
    Item,
    parse_line,
    read_corpus,
    score,
)

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "redaction_corpus.txt"


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
    good = tmp_path / "good.txt"
    good.write_text("call me back on [[PHONE|five five five two three four eight nine nine one]]\n"
                    "my email is [[EMAIL|john dot smith at gmail dot com]]\nset a timer for ten minutes\n",
                    encoding="utf-8")
    ok = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval-redaction"), str(good)],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    for word in ("overall recall", "command words kept", "clean lines unchanged", "PHONE", "held out"):
        assert word in ok.stdout
    bad = tmp_path / "bad.txt"
    bad.write_text("# names the redactor cannot know\n" + "\n".join(
        f"the word is [[NAME|qwzx{k}]]" for k in range(5)) + "\nset a timer\n", encoding="utf-8")
    failed = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval-redaction"), str(bad)],
                            capture_output=True, text=True, timeout=120)
    assert failed.returncode == 1
    assert "TARGET MISSED" in failed.stdout


def test_eval_script_takes_each_split_from_the_shipped_tagger(monkeypatch) -> None:
    import json

    from conftest import load_script

    monkeypatch.setenv("SOTTOVOCE_EVAL_REEXEC", "1")  # load it here, without re-executing into .venv
    script = load_script("scripts/eval-redaction")
    meta = json.loads((ROOT / "device/sottovoce/data/names/names.json").read_text())
    trained_on, tuned_on = set(meta["trained_on"]), set(meta.get("dev", {}).get("files", ()))
    names = {p.stem: p for p in script.CORPORA}
    assert {"names_a", "names_b", "names_c", "redaction_heldout", "redaction_corpus", "asr_names_c"} <= set(names)
    for stem, path in names.items():
        source = stem.removeprefix("asr_")
        assert script.is_training(path) == (source in trained_on), stem
        expected = "TRAINING" if source in trained_on else "development" if source in tuned_on else "held out"
        assert script.split(path).startswith(expected), stem
    assert not script.is_training(names["names_c"]) and not script.is_training(names["redaction_heldout"])
    assert not script.is_training(names["asr_names_c"]) and script.is_training(names["names_a"])

def test_eval_script_can_leave_out_the_lines_a_held_out_file_shares_with_training(tmp_path: Path) -> None:
    # a clean line of a training source (redaction_corpus), written again into a later held-out file,
    # is a training score there, and --unseen-lines leaves it out of that file's figures
    from sottovoce.privacy.redaction.name_tagger import words

    trained = {" ".join(w.norm for w in words(line.text)) for line in read_corpus(CORPUS)}
    shared = next(line.text for line in read_corpus(CORPUS) if not line.items)
    new = "never said before by anyone zqxv"
    assert " ".join(w.norm for w in words(new)) not in trained
    held = tmp_path / "later.txt"
    held.write_text(f"{shared}\n{new}\n", encoding="utf-8")
    run = [sys.executable, str(ROOT / "scripts" / "eval-redaction"), str(held)]
    every = subprocess.run(run, capture_output=True, text=True, timeout=120)
    unseen = subprocess.run(run + ["--unseen-lines"], capture_output=True, text=True, timeout=120)
    assert "2 lines" in every.stdout and "2 clean lines" in every.stdout
    assert "1 of 2 lines" in unseen.stdout and ": 1 lines, 0 items, 1 clean lines" in unseen.stdout
