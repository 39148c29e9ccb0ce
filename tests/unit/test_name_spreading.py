"""How the name tagger's word scores become names (`name_tagger.taken`): a word at the threshold is
a name, and a word joined to a name is part of it from the lower neighbour threshold."""

from __future__ import annotations

from sottovoce.privacy.redaction.kinship import ALSO_GIVEN_NAMES, RELATIONSHIP_WORDS, is_relationship_word
from sottovoce.privacy.redaction.name_tagger import taken, words

TH, NEIGHBOUR = 0.54, 0.2


def _taken(text: str, scores: list[float], neighbour: float | None = NEIGHBOUR, never=None) -> list[str]:
    ws = words(text)
    assert len(ws) == len(scores)
    return [w.norm for w, t in zip(ws, taken(text, list(zip(ws, scores)), TH, neighbour, never)) if t]


def test_a_word_joined_to_a_name_is_part_of_it() -> None:
    assert _taken("ask li na for her notes", [0, 0.9, 0.3, 0, 0, 0]) == ["li", "na"]
    assert _taken("ask na li for her notes", [0, 0.3, 0.9, 0, 0, 0]) == ["na", "li"]
    assert _taken("invite mary-jane", [0, 0.9, 0.3]) == ["mary", "jane"]


def test_spreading_goes_on_along_the_name() -> None:
    assert _taken("call le van an now", [0, 0.9, 0.3, 0.25, 0.1]) == ["le", "van", "an"]


def test_without_a_neighbour_threshold_only_the_threshold_counts() -> None:
    assert _taken("ask li na for her notes", [0, 0.9, 0.3, 0, 0, 0], neighbour=None) == ["li"]


def test_a_word_below_the_neighbour_threshold_stays() -> None:
    assert _taken("ask li na for her notes", [0, 0.9, 0.1, 0, 0, 0]) == ["li"]


def test_punctuation_ends_a_name() -> None:
    assert _taken("call li, na is here", [0, 0.9, 0.3, 0, 0]) == ["li"]


def test_no_name_no_spreading_so_a_clean_line_stays_clean() -> None:
    assert _taken("mark it as done", [0.5, 0.4, 0.3, 0.3]) == []


def test_a_word_never_taken_neither_is_a_name_nor_passes_one_on() -> None:
    never = {"nonna"}.__contains__
    assert _taken("ask nonna maria", [0, 0.9, 0.3], never=never) == []
    assert _taken("ask nonna maria", [0, 0.3, 0.9], never=never) == ["maria"]


def test_relationship_words_and_their_possessive() -> None:
    for word in ("ammi", "nonna", "bhaiya", "teta", "halmeoni", "abuela", "mum"):
        assert is_relationship_word(word) and is_relationship_word(word + "s"), word
    for word in ("lola", "tia", "anna", "abbas", "maria", "ma", "ammar"):
        assert not is_relationship_word(word), word


def test_no_word_is_listed_both_as_a_relationship_word_and_as_a_given_name() -> None:
    assert not RELATIONSHIP_WORDS & ALSO_GIVEN_NAMES
    assert all(w == w.lower() and "'" not in w for w in RELATIONSHIP_WORDS)
