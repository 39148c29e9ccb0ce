"""The training tools keep their held-out files out of training, line by line.

tools/train-names and tools/train-topics re-create the shipped models; every held-out figure in the
README rests on no held-out line being a training row. Blind files share short everyday lines
("call mom", "what time is it"), so leaving the held-out *files* out is not enough: a training line
that reads the same as a held-out or development line (in the shape the model sees) is dropped too.
These tests run the tools' own selection code on the repository's corpora (no training library).
"""

from __future__ import annotations

import json

from conftest import ROOT, load_script


def test_the_name_tagger_trains_on_no_line_of_a_held_out_or_development_file() -> None:
    tool = load_script("tools/train-names")
    meta = json.loads((ROOT / "device/sottovoce/data/names/names.json").read_text())
    kept_out = tool.HELDOUT + meta["dev"]["files"]
    assert set(meta["held_out"]) == set(tool.HELDOUT) and not set(kept_out) & set(tool.TRAIN)
    rows = [r for stem in tool.TRAIN for r in tool.labelled(stem)]
    held = {" ".join(r["words"]) for stem in kept_out for r in tool.labelled(stem)}
    shared = {" ".join(r["words"]) for r in rows} & held
    assert shared, "the blind files share everyday lines; this test would prove nothing without some"
    training = {" ".join(r["words"]) for r in tool.dedupe(rows, tool.not_trained_keys(kept_out))}
    assert not training & held
    assert not training & tool.NOT_TRAINED
    assert len(training) > 0.9 * len({" ".join(r["words"]) for r in rows})  # only the shared lines go


def test_a_recogniser_rendering_is_only_ever_of_a_training_file() -> None:
    """tools/train-names --with-asr adds asr_ sets (a file spoken and transcribed); one of a held-out or
    development file would put that file's sentences into training in another spelling."""
    tool = load_script("tools/train-names")
    meta = json.loads((ROOT / "device/sottovoce/data/names/names.json").read_text())
    assert tool.ASR_SOURCES and set(tool.ASR_SOURCES.values()) <= set(tool.TRAIN)
    kept_out = set(tool.HELDOUT + meta["dev"]["files"])
    assert not {a.removeprefix("asr_") for a in tool.ASR_SOURCES} & kept_out
    folds = [g.split("+") for g in tool.FOLDS.split(",")]
    for asr, source in tool.ASR_SOURCES.items():
        assert asr == f"asr_{source}" and tool.labelled(asr), asr
        assert sum(source in g for g in folds) == 1  # its CV group is its source's


def test_the_topic_model_trains_on_no_line_of_a_held_out_file() -> None:
    tool = load_script("tools/train-topics")
    held_out = {p.stem for p in tool.HELD_OUT}
    assert {"topics_c", "topics_i", "topics_l", "topics_n", "topics_x", "names_c", "names_j", "names_o",
            "redaction_heldout"} <= held_out
    meta = json.loads((ROOT / "device/sottovoce/data/topics/topics.json").read_text())
    assert not held_out & set(meta["trained_on"])
    keys = tool.held_out_texts()
    stems = [s for s in meta["trained_on"] if s.startswith("topics_")]
    raw = {tool._key(r[3]) for s in stems for r in tool.read_corpus(tool.CORPORA / f"{s}.tsv")}
    assert raw & keys, "the blind files share everyday lines; this test would prove nothing without some"
    training = tool.training_sources(stems, keys)
    assert all(training[s] for s in stems)
    assert not {tool._key(r[3]) for rows in training.values() for r in rows} & keys
    assert tool._key("Play Prayer in C.") in keys  # a principle line, in the shape the model sees


def test_an_assembled_tagger_is_made_of_runs_of_the_same_data_with_other_seeds(tmp_path) -> None:
    """tools/train-names --members: the shipped tagger averages two runs; a run trained on other data, or a
    second run of the same seed, is refused rather than averaged in."""
    import pytest

    tool = load_script("tools/train-names")

    def run(name: str, seed: int, trained_on: list[str]):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "model.onnx").write_bytes(f"weights of {name}".encode())
        (folder / "tokenizer.json").write_text("{}")
        (folder / "names.json").write_text(json.dumps({"trained_on": trained_on, "held_out": tool.HELDOUT,
                                                       "seed": seed, "made_by": f"run {name}", "epochs": 3}))
        return folder

    a, b = run("a", 13, sorted(tool.TRAIN)), run("b", 7, sorted(tool.TRAIN))
    meta = tool.assemble([a, b], tmp_path / "out", tool.TRAIN)
    assert meta["models"] == ["model_seed13.onnx", "model_seed7.onnx"] and meta["seed"] == [13, 7]
    assert (tmp_path / "out" / "model_seed7.onnx").read_bytes() == b"weights of b"
    assert not (tmp_path / "out" / "model.onnx").exists()
    with pytest.raises(SystemExit, match="other data"):
        tool.assemble([a, run("c", 5, sorted(tool.TRAIN)[1:])], tmp_path / "out2", tool.TRAIN)
    with pytest.raises(SystemExit, match="different seeds"):
        tool.assemble([a, run("d", 13, sorted(tool.TRAIN))], tmp_path / "out3", tool.TRAIN)
    shipped = json.loads((ROOT / "device/sottovoce/data/names/names.json").read_text())
    assert shipped["models"] == [f"model_seed{s}.onnx" for s in shipped["seed"]]
    assert shipped["trained_on"] == sorted(tool.TRAIN)


def test_the_tools_figures_take_names_as_the_tagger_does() -> None:
    """train-names scores names with `name_tagger.taken`, so a word joined to a name counts as the tagger
    decides it (names.json "neighbour_threshold"), not by the threshold alone."""
    tool = load_script("tools/train-names")
    row = {"text": "ask li na for her notes", "has_items": True, "name_items": [[1, 2]]}
    scores = [[0, 0.9, 0.3, 0, 0, 0]]
    assert tool.line_figures([row], scores, 0.54, 0.2)["names_recall"] == 1.0
    assert tool.line_figures([row], scores, 0.54)["names_recall"] == 0.0
    shipped = json.loads((ROOT / "device/sottovoce/data/names/names.json").read_text())
    assert shipped["neighbour_threshold"] == tool.NEIGHBOUR


def test_rescoring_writes_the_figures_of_the_model_as_it_is(tmp_path) -> None:
    """tools/train-names --rescore: no training; the development and held-out figures of the tagger in
    --out again, at its threshold, with the neighbour threshold given."""
    tool = load_script("tools/train-names")
    shipped = ROOT / "device/sottovoce/data/names"
    meta = json.loads((shipped / "names.json").read_text())
    for name in [*meta["models"], "tokenizer.json"]:
        (tmp_path / name).symlink_to(shipped / name)
    tool.HELDOUT = ["names_k"]
    meta.update(held_out=tool.HELDOUT, dev={**meta["dev"], "files": ["names_d"]})
    for key in ("neighbour_threshold", "heldout_tagger_alone", "heldout_redactor"):
        meta.pop(key, None)
    (tmp_path / "names.json").write_text(json.dumps(meta))
    assert tool.rescore(tmp_path, 0.3, "tools/train-names --rescore --neighbour 0.3") == 0
    again = json.loads((tmp_path / "names.json").read_text())
    assert again["threshold"] == meta["threshold"] and again["neighbour_threshold"] == 0.3
    assert again["dev"]["n_names"] == 484 and 0.9 < again["dev"]["names_recall"] <= 1.0
    assert again["dev"]["redactor"]["n_names"] == 484 and 0.9 < again["dev"]["redactor"]["clean_unchanged"] <= 1.0
    assert list(again["heldout_tagger_alone"]) == ["names_k"]
    assert set(again["heldout_redactor"]) == {"tagger+rules on names_k", "tagger on names_k"}
    assert again["rescored_by"] == "tools/train-names --rescore --neighbour 0.3"
