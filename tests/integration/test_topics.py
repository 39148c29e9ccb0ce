"""The shipped sensitive-topic model (real ONNX file, real tokenizer) on principle cases.

These are the lines the issue quotes, verbatim: the ones keyword lists let out and the ordinary
ones they held. They are principle cases, not a score: corpus figures, each with its split, come
from scripts/eval-topics (held out: tools/corpora/topics_c, _i, _l, _n, _x and asr_topics_l, which no
model was trained on). tools/train-topics leaves every one of these lines out of training
(NOT_TRAINED; six were also lines of training corpora written from a brief that quoted them), so
none of them is a training score.
"""

from __future__ import annotations

import pytest

from sottovoce.privacy.topics import TOPICS, TopicModel, TopicModelError, normalize

SENSITIVE = [
    ("remind me to pick up my sertraline", "health"),
    ("how do i tell my parents i'm not straight", "sexuality"),
    ("my son was stabbed outside the chip shop last night", "violence_crime"),
    ("the bailiffs are coming on monday what can they take", "money_trouble"),
    ("remind me to go to confession on saturday", "religion"),
    ("text dad that i've joined the conservatives", "politics"),
]
TRAPS = [
    "play every breath you take by the police",
    "this traffic is murder how long until i get home",
    "play prayer in c",
    "how do i vote on strictly come dancing",
]


@pytest.fixture(scope="module")
def model() -> TopicModel:
    return TopicModel()


@pytest.mark.parametrize("text,topic", SENSITIVE)
def test_sensitive_lines_without_keywords_are_held(model, text, topic):
    verdict = model.classify(text)
    assert verdict.sensitive, (text, verdict)
    assert verdict.topic == topic


@pytest.mark.parametrize("text", TRAPS)
def test_ordinary_lines_that_share_a_word_are_not_held(model, text):
    verdict = model.classify(text)
    assert not verdict.sensitive and verdict.topic is None, (text, verdict)


def test_written_form_is_judged_like_spoken_form(model):
    spoken = model.probabilities("the bailiffs are coming on monday what can they take")
    written = model.probabilities("The bailiffs are coming on Monday. What can they take?")
    assert normalize("The bailiffs are coming on Monday. What can they take?") == \
        "the bailiffs are coming on monday what can they take"
    assert written == spoken


def test_decisions_are_deterministic_for_a_model_file(model):
    again = TopicModel()
    for text, _ in SENSITIVE:
        assert model.probabilities(text) == again.probabilities(text)
    assert set(model.labels) == {"none", *TOPICS}
    assert 0.0 < model.threshold < 1.0


def test_empty_and_odd_text_give_a_verdict_not_an_error(model):
    for text in ("", "   ", "?!", "a" * 5000, "<NAME> <PHONE>"):
        verdict = model.classify(text)
        assert 0.0 <= verdict.score <= 1.0


def test_a_missing_model_names_the_folder_and_the_fix(tmp_path):
    with pytest.raises(TopicModelError, match=str(tmp_path)) as err:
        TopicModel(tmp_path)
    assert "reinstall sottovoce" in str(err.value)


def test_check_config_names_missing_model_files_without_loading_them(tmp_path):
    from sottovoce.privacy.topics import model_problem

    assert model_problem() is None  # the packaged model is all there
    (tmp_path / "tokenizer.json").write_text("{}")
    why = model_problem(tmp_path)
    assert str(tmp_path) in why and "model.onnx" in why and "topics.json" in why and "tokenizer.json" not in why


def test_eval_topics_scores_each_file_and_pools_the_held_out_ones(tmp_path) -> None:
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "eval-topics"
    one, two = tmp_path / "one.tsv", tmp_path / "two.tsv"
    one.write_text("# label<TAB>trap<TAB>text\nhealth\t0\tremind me to pick up my sertraline\n"
                   "none\t1\tplay prayer in c\n", encoding="utf-8")
    two.write_text("politics\t0\ttext dad that i've joined the conservatives\nnone\t0\tset a timer for ten minutes\n"
                   "none\t0\twhat is the weather tomorrow\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(one), str(two)], capture_output=True, text=True, timeout=300)
    assert "one.tsv (held out): sensitive held 1.000 of 1, ordinary held 0.000 of 1" in done.stdout, done.stdout + done.stderr
    assert "two.tsv (held out): sensitive held 1.000 of 1, ordinary held 0.000 of 2" in done.stdout
    assert "held out, one + two pooled: sensitive held 1.000 of 2, ordinary held 0.000 of 3 (traps 0.000 of 1)" in done.stdout
    assert done.returncode == 0
