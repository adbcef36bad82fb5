from __future__ import annotations

import pytest

from bot.answers.matching import EXACT, FUZZY, NameIndex, entry, normalise


def test_normalise_folds_case_accents_punctuation_and_invisible_characters() -> None:
    assert normalise("  HÉGSETH\u200b ") == "hegseth"
    assert normalise("Pete-Hegseth") == "pete hegseth"
    assert normalise("\u202eRajnath\u200f  Singh") == "rajnath singh"
    assert normalise("ŝingh") == "singh"


@pytest.fixture
def index() -> NameIndex:
    return NameIndex([
        entry("pete-hegseth", "Pete Hegseth", ["Hegseth", "US counterpart"]),
        entry("rajnath-singh", "Rajnath Singh", ["Singh", "@rajnathsingh"]),
        entry("donald-trump", "Donald Trump", ["Trump"]),
    ])


def test_exact_match_by_id_name_or_alias(index: NameIndex) -> None:
    assert [index.exact(t).value for t in ("pete-hegseth", "PETE HEGSETH", "us counterpart")] == [  # type: ignore[union-attr]
        "pete-hegseth"
    ] * 3
    assert index.search("Singh")[0][1] == EXACT


def test_prefix_and_word_matches_rank_before_substrings(index: NameIndex) -> None:
    assert [e.value for e, _ in index.search("tru")] == ["donald-trump"]
    assert index.search("raj")[0][0].value == "rajnath-singh"


def test_typos_resolve_through_fuzzy_matching(index: NameIndex) -> None:
    results = index.search("hegsth")
    assert results[0][0].value == "pete-hegseth"
    assert results[0][1] == FUZZY
    resolved = index.resolve("Hegsteh")
    assert resolved is not None
    assert resolved.value == "pete-hegseth"


def test_resolve_refuses_what_is_not_close(index: NameIndex) -> None:
    assert index.resolve("obama") is None
    assert index.resolve("") is None
    assert index.resolve("x") is None


def test_search_respects_limit_and_lists_all_for_empty_text() -> None:
    many = NameIndex([entry(f"id-{i}", f"Name {i}", []) for i in range(100)])
    assert len(many.search("", limit=25)) == 25
    assert len(many.search("name", limit=25)) == 25
    assert many.search("name 42")[0][0].value == "id-42"
