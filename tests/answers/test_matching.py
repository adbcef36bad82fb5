from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.answers import matching
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


def _large_index() -> NameIndex:
    """Enough entries that searches take their candidates from trigrams instead of a scan."""
    words = ["bridge", "river", "council", "harbour", "north", "budget", "talks", "corridor"]
    return NameIndex([
        entry(f"topic-{i}", f"The {words[i % 8]} {words[(i * 3) % 8]} of town {i}",
              [f"{words[(i * 5) % 8]}{i % 7}", "kingfisher" if i % 50 == 0 else "harbourside"])
        for i in range(1200)
    ])


def test_trigram_postings_are_built_on_first_need() -> None:
    large = _large_index()
    assert large._postings is None
    assert large.exact("topic 7") is not None
    assert large._postings is None
    assert large.search("kingfsher")[0][1] == FUZZY
    assert large._postings is not None
    small = NameIndex(large.entries[:50])  # scanned, until a typo needs trigrams
    assert small.search("kingfisher")[0][0].value == "topic-0"
    assert small._postings is None


@pytest.mark.parametrize(
    "text",
    ["kingfisher", "fisher", "harbourside", "rside", "town 11", "of town 3", "the bridge", "harbour river of",
     "zzz", "budget2", "e", "th", "own 99", "isher", "corridor corridor"],
)
def test_trigram_candidates_find_what_a_scan_of_every_key_finds(text: str) -> None:
    large = _large_index()
    query = normalise(text)
    for limit in (2, 25, 2000):
        fast: dict[int, int] = {}
        slow: dict[int, int] = {}
        for quality, pattern in ((1, "\n" + query), (2, " " + query), (3, query)):
            large._find(pattern, len(pattern) - len(query), quality, fast, limit)
            large._scan(pattern, len(pattern) - len(query), quality, slow, limit)
        assert list(fast.items()) == list(slow.items())


def test_rare_patterns_check_only_their_trigram_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "_CHECK_ENTRIES", 1000)
    large = _large_index()
    assert large._candidates(" kingfisher") == list(range(0, 1200, 50))
    assert large._candidates("zzz") == []
    assert large._candidates(" town") is None  # in every entry: a scan is cheaper


def test_fuzzy_matches_do_not_depend_on_the_string_hash_seed(tmp_path: Path) -> None:
    """Many entries tie on shared trigrams with a typo; which ones are tried must not vary
    from one process (and hash seed) to the next."""
    script = tmp_path / "fuzzy.py"
    script.write_text(
        "from bot.answers.matching import NameIndex, entry\n"
        "names = [f'{a}{b} {c}' for a in 'kmprst' for b in ('ana', 'ena', 'ina', 'ona') for c in ('bay', 'hill')]\n"
        "index = NameIndex([entry(n.replace(' ', '-'), n, []) for n in names])\n"
        "print([e.value for e, _ in index.search('mina bey')])\n",
        encoding="utf-8",
    )
    root = Path(__file__).resolve().parents[2]
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        done = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, check=True, cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)},
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert "mina-bay" in outputs.pop()
