"""The learned name tagger (data/names/, int8 ONNX) on principle cases, alone and inside the Redactor.

The sentences are quoted verbatim from issue 16 (real crowd-sourced utterances the former rules got
wrong). Three of them were also lines of the training corpora ("can you write an email to chelsea"
in names_b, "mark it as a repeating event" and "unmute the tv" in names_a); tools/train-names leaves
those lines out of training (NOT_TRAINED), so none of these cases is a training score.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from sottovoce.privacy.redaction import Redactor
from sottovoce.privacy.redaction.name_tagger import DEFAULT_DIR, NameTagger, NameTaggerError, normalize, words

PRIVATE_NAMES = [
    ("has jane doe emailed me", ["jane", "doe"]),
    ("please find a contact number of jayesh", ["jayesh"]),
    ("remember me to meet reveca today", ["reveca"]),
    ("can you write an email to chelsea", ["chelsea"]),
    ("new meeting add bill and malinda as attendees", ["bill", "malinda"]),
]
ORDINARY = [
    "hoover the hallway",
    "mark it as a repeating event",
    "have i received any email since five pm",
    "two wings with french fries",
    "where is north dakota",
    "play poker face by lady gaga",
    "Unmute the TV.",
]


@pytest.fixture(scope="module")
def tagger() -> NameTagger:
    return NameTagger()


def _left(text: str) -> list[str]:
    return re.findall(r"[a-z]+", re.sub(r"<[A-Z_]+>", " ", text.lower()))


@pytest.mark.parametrize(("text", "names"), PRIVATE_NAMES)
def test_private_names_are_removed(text: str, names: list[str], redactor: Redactor) -> None:
    out = redactor.redact(text).text
    assert not set(names) & set(_left(out)), out
    assert "<NAME>" in out


def test_the_word_after_the_names_stays(redactor: Redactor) -> None:
    out = redactor.redact("new meeting add bill and malinda as attendees").text
    assert out == "new meeting add <NAME> and <NAME> as attendees"


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_words_are_kept(text: str, redactor: Redactor) -> None:
    assert redactor.redact(text).text == text


@pytest.mark.parametrize("text", ORDINARY)
def test_the_tagger_alone_tags_no_ordinary_word(text: str, tagger: NameTagger) -> None:
    assert tagger.spans(text) == []


def test_written_form_is_tagged_like_spoken_form(tagger: NameTagger) -> None:
    spoken = [round(p, 4) for _, p in tagger.word_scores("has jane doe emailed me")]
    written = [round(p, 4) for _, p in tagger.word_scores("Has Jane Doe emailed me?")]
    assert spoken == written
    assert normalize("Has Jane Doe e-mailed me?") == "has jane doe e mailed me"


def test_spans_point_at_the_original_text_and_keep_a_possessive_out(tagger: NameTagger) -> None:
    text = "Tell Chelsea that Thiago's drill is back."
    spans = tagger.spans(text)
    assert [text[s.start:s.end] for s in spans] == ["Chelsea", "Thiago"]
    assert all(tagger.threshold <= s.score <= 1.0 and s.source == "name tagger" for s in spans)


@pytest.mark.xfail(strict=True, reason="a known miss of the shipped tagger (two seeds averaged): 'priya' after "
                   "'drill to' 0.12 against 0.38 ('return the book to priya' 0.99); kept visible")
def test_a_name_at_the_end_after_to(tagger: NameTagger) -> None:  # also a known miss of the tagger of session 8
    text = "remind me to return thiagos drill to priya"
    assert [text[s.start:s.end] for s in tagger.spans(text)] == ["thiagos", "priya"]


@pytest.mark.xfail(strict=True, reason="a known miss of the shipped tagger (trained with pooled names from many "
                   "countries): it takes 'lait' for a name (0.85 against 0.38); kept visible")
def test_known_miss_a_foreign_food_word(tagger: NameTagger) -> None:
    assert tagger.spans("two lattes and a café au lait please") == []


def test_a_long_transcript_is_tagged_to_its_end(tagger: NameTagger) -> None:
    text = "turn on the lights " * 30 + "and call chelsea"
    assert len(words(text)) > 100
    assert [text[s.start:s.end] for s in tagger.spans(text)] == ["chelsea"]


def test_decisions_are_deterministic(tagger: NameTagger) -> None:
    again = NameTagger()
    for text, _ in PRIVATE_NAMES:
        assert tagger.word_scores(text) == again.word_scores(text)


def test_every_span_says_who_decided_and_how_sure(redactor: Redactor) -> None:
    spans = redactor.spans("my name is zorblat and my email is zorblat at gmail dot com, ask jane doe")
    sources = {s.kind: s.source for s in spans}
    assert sources["EMAIL"] == "email"
    assert all(s.source and 0.0 < s.score <= 1.0 for s in spans)
    assert any(s.source == "rule: after 'my name is'" for s in spans) or any(
        s.source == "name tagger" for s in spans if s.kind == "NAME")


def test_a_word_joined_to_a_name_says_it_was_taken_as_part_of_it(redactor: Redactor, tagger: NameTagger) -> None:
    text = "did anh tu fix the sink"
    scores = {w.norm: p for w, p in tagger.word_scores(text)}
    assert tagger.neighbour_threshold <= scores["tu"] < tagger.threshold <= scores["anh"]
    [span] = redactor.spans(text)
    assert text[span.start:span.end] == "anh tu" and span.score == round(scores["tu"], 3)
    assert span.why.endswith(f">= its threshold {tagger.neighbour_threshold:.3f} for a word joined to a name")


def test_a_relationship_word_is_a_name_to_the_tagger_alone_but_not_to_the_redactor(tagger: NameTagger) -> None:
    text = "call ammi on speaker"
    assert [text[s.start:s.end] for s in tagger.spans(text)] == ["ammi"]  # why the kinship rule exists
    assert Redactor(names="tagger").redact(text).text == "call <NAME> on speaker"
    assert Redactor().redact(text).text == text


def test_the_household_names_are_names_wherever_they_occur() -> None:
    redactor = Redactor(extra_names=("Hoover Quill",))
    assert redactor.redact("is hoover home yet").text == "is <NAME> home yet"


def test_the_shipped_metadata_names_its_data_and_held_out_figures() -> None:
    meta = json.loads((DEFAULT_DIR / "names.json").read_text())
    assert 0.0 < meta["threshold"] < 1.0
    assert not set(meta["trained_on"]) & set(meta["held_out"])
    assert {"names_c", "names_j", "redaction_heldout"} <= set(meta["held_out"])
    assert meta["made_by"].startswith("tools/train-names ") and f"--min-clean {meta['dev']['min_clean']}" in meta["made_by"]
    assert 0.0 < meta["neighbour_threshold"] < meta["threshold"]


def test_a_missing_model_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(NameTaggerError, match=str(tmp_path)) as err:
        NameTagger(tmp_path)
    assert "tools/train-names" in str(err.value)


def test_redacting_needs_no_training_library_at_run_time() -> None:
    code = ("import sys; from sottovoce.privacy.redaction import Redactor; "
            "print(Redactor().redact('Mele, Sione, and Losaline are sleeping over.').text); "
            "print(sorted(m for m in ('sklearn', 'scipy', 'torch', 'transformers', 'faker') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.splitlines() == ["<NAME>, <NAME>, and <NAME> are sleeping over.", "[]"]


def test_a_missing_model_stops_the_daemon_with_one_fixable_line(tmp_path) -> None:
    from sottovoce.errors import FixableError

    with pytest.raises(FixableError):
        Redactor(name_tagger=NameTagger(tmp_path))


def test_a_tagger_of_several_models_scores_each_word_by_their_mean(tmp_path) -> None:
    """names.json "models": the shipped tagger averages runs of different seeds; each run alone
    (its model file with the same tokenizer) gives the scores the mean is taken of."""
    shipped = NameTagger().meta
    assert len(shipped["models"]) == 2 and len(set(shipped["seed"])) == 2
    text = "remind me to return thiagos drill to priya"
    alone = []
    for model in shipped["models"]:
        folder = tmp_path / model
        folder.mkdir()
        (folder / "model.onnx").symlink_to(DEFAULT_DIR / model)
        (folder / "tokenizer.json").symlink_to(DEFAULT_DIR / "tokenizer.json")
        (folder / "names.json").write_text(json.dumps({"threshold": shipped["threshold"]}))
        alone.append([p for _, p in NameTagger(folder).word_scores(text)])
    assert alone[0] != alone[1]  # two different runs, or the mean would prove nothing
    both = [p for _, p in NameTagger().word_scores(text)]
    assert both == pytest.approx([(a + b) / 2 for a, b in zip(*alone)], abs=1e-6)


def test_a_names_json_with_a_bad_model_list_is_one_clear_error(tmp_path) -> None:
    (tmp_path / "names.json").write_text(json.dumps({"threshold": 0.5, "models": "model.onnx"}))
    with pytest.raises(NameTaggerError, match=r"\"models\" in names.json must list model files.*tools/train-names"):
        NameTagger(tmp_path)


def test_a_names_json_with_a_bad_neighbour_threshold_is_one_clear_error(tmp_path) -> None:
    (tmp_path / "names.json").write_text(json.dumps({"threshold": 0.5, "neighbour_threshold": "low"}))
    with pytest.raises(NameTaggerError, match=r"cannot be loaded \(could not convert string to float: 'low'\)"):
        NameTagger(tmp_path)


def test_a_missing_model_file_is_one_clear_error(tmp_path) -> None:
    (tmp_path / "names.json").write_text(json.dumps({"threshold": 0.5, "models": ["model_seed1.onnx"]}))
    (tmp_path / "tokenizer.json").symlink_to(DEFAULT_DIR / "tokenizer.json")
    with pytest.raises(NameTaggerError, match=r"model_seed1.onnx is missing.*tools/train-names"):
        NameTagger(tmp_path)
