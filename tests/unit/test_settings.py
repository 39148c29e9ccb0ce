"""Settings: TOML + --set overrides, every problem in one pass, paths relative to the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from sottovoce.settings import ConfigError, Settings, load, parse_override


@pytest.mark.parametrize("text, expected", [
    ("wake.threshold=0.7", ("wake.threshold", 0.7)),
    ("audio.device=2", ("audio.device", 2)),
    ("audio.device=USB PnP", ("audio.device", "USB PnP")),
    ('wake.words=["alexa","hey_jarvis"]', ("wake.words", ["alexa", "hey_jarvis"])),
    ("consent.text=true", ("consent.text", True)),
    ("audio.source=file:/tmp/a b.wav", ("audio.source", "file:/tmp/a b.wav")),
    ("mqtt.tls.ca_file=", ("mqtt.tls.ca_file", "")),
])
def test_override_values_are_toml_when_they_parse(text, expected):
    assert parse_override(text) == expected


def test_shipped_config_loads_and_matches_the_defaults(tmp_path):
    shipped = load(ROOT / "config" / "sottovoce.toml")
    assert shipped.wake.words == Settings().wake.words and shipped.consent.text is False
    assert Path(shipped.wake.models_dir) == (ROOT / "config" / "../models/openwakeword")
    assert Path(shipped.commands.vocabulary).is_file() and Path(shipped.consent.sensitive_file).is_file()
    assert (Path(shipped.commands.sentences_dir) / shipped.commands.language).is_dir()
    assert shipped.commands == Settings().commands.__class__(
        language="en", vocabulary=shipped.commands.vocabulary, sentences_dir=shipped.commands.sentences_dir)


def test_relative_paths_follow_the_file_and_overrides_follow_the_cwd(tmp_path, monkeypatch):
    cfg = tmp_path / "etc" / "s.toml"
    cfg.parent.mkdir()
    cfg.write_text('[asr]\nmodel = "models/vosk"\n')
    monkeypatch.chdir(tmp_path)
    s = load(cfg, ["state.dir=here"])
    assert s.asr.model == str(tmp_path / "etc" / "models/vosk")
    assert s.state.dir == str(tmp_path / "here")
    assert s.wake.models_dir == str(tmp_path / "etc" / "../models/openwakeword")  # defaults too
    assert s.source_file == str(cfg)


def test_every_problem_is_reported_in_one_pass(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text('[wake]\nthreshold = 2\nwords = "alexa"\nthresold = 0.3\n[mqtt]\nport = "1883"\n'
                   '[mqtt.tls]\nenabled = "yes"\n[nonsense]\n')
    with pytest.raises(ConfigError) as err:
        load(cfg, ["asr.engine=kaldi", "utterance.silence=fast"])
    keys = {p.key for p in err.value.problems}
    assert keys == {"wake.threshold", "wake.thresold", "mqtt.port", "mqtt.tls.enabled", "nonsense",
                    "asr.engine", "utterance.silence"}
    text = str(err.value)
    assert "did you mean wake.threshold?" in text and str(cfg) in text and "command line" in text
    assert "words" not in keys  # a single string is taken as a one-word list


@pytest.mark.parametrize("content, key", [
    ("[wake\n", "(syntax)"), ("wake = 3\n", "wake"), ('[audio]\nsource = "file:"\n', "audio.source"),
])
def test_malformed_files_name_the_problem(tmp_path, content, key):
    cfg = tmp_path / "c.toml"
    cfg.write_text(content)
    with pytest.raises(ConfigError) as err:
        load(cfg)
    assert err.value.problems[0].key == key


def test_missing_file_says_how_to_fix(tmp_path):
    with pytest.raises(ConfigError) as err:
        load(tmp_path / "none.toml")
    assert "config/sottovoce.toml" in str(err.value)


def test_a_very_long_value_is_quoted_by_its_start_and_length_on_one_line():
    with pytest.raises(ConfigError) as caught:
        load(None, ["mqtt.prefix=" + "a" * 600])
    message = str(caught.value)
    assert "mqtt.prefix" in message and "(600 characters)" in message
    assert "a" * 100 not in message and len(message.splitlines()[0]) < 400
