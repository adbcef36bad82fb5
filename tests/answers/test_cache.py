"""The answer cache: repeated requests get the very same answer, bounded, exact keys, off at 0."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answers import Answers
from bot.answers.service import MAX_CACHED_TEXT
from bot.content import ContentHolder
from bot.facts import Library


def test_repeated_requests_return_the_same_answer(seed_library: Library) -> None:
    with Answers(seed_library) as answers:
        assert answers.ask("How long is the framework?") is answers.ask("How long is the framework?")
        assert answers.quotes(speaker="Singh") is answers.quotes(speaker="Singh")
        assert answers.quotes() is answers.quotes()
        assert answers.summary() is answers.summary()
        assert answers.background(topic="tariffs") is answers.background(topic="tariffs")
        assert answers.facts() is answers.facts()
        assert answers.who("Singh") is answers.who("Singh")
        assert answers.timeline() is answers.timeline()
        assert answers.articles() is answers.articles()
        info = answers.cache_info()
        assert info is not None
        assert info.hits == 9
        assert info.misses == 9


def test_cached_answers_equal_freshly_built_ones(seed_library: Library) -> None:
    with Answers(seed_library) as cached, Answers(seed_library, cache_size=0) as fresh:
        for _ in range(2):
            assert cached.ask("What did Hegseth say?") == fresh.ask("What did Hegseth say?")
            assert cached.quotes(topic="partnership") == fresh.quotes(topic="partnership")
            assert cached.summary(length="detailed") == fresh.summary(length="detailed")
            assert cached.autocomplete("speaker", "si") == fresh.autocomplete("speaker", "si")


def test_different_arguments_are_different_entries(seed_library: Library) -> None:
    with Answers(seed_library) as answers:
        assert answers.ask("tariffs") != answers.ask("Where was it signed?")
        assert answers.quotes(speaker="Singh") != answers.quotes(speaker="Hegseth")
        assert answers.summary(length="short") != answers.summary(length="detailed")
        # A not-found answer echoes the exact question, so near-identical questions stay apart.
        assert "bitcoin" in answers.ask("bitcoin").items[0].text
        assert "Bitcoin?" in answers.ask("Bitcoin?").items[0].text
        # The same arguments spelled positionally or by keyword share an entry.
        assert answers.quotes("Singh") is answers.quotes(speaker="Singh")


def test_cache_size_zero_turns_the_cache_off(seed_library: Library) -> None:
    with Answers(seed_library, cache_size=0) as answers:
        first = answers.ask("How long is the framework?")
        again = answers.ask("How long is the framework?")
        assert first == again
        assert first is not again
        assert answers.quotes() is not answers.quotes()
        assert answers.cache_info() is None
    with pytest.raises(ValueError, match="cache_size"):
        Answers(seed_library, cache_size=-1)


def test_the_cache_is_bounded_and_keeps_recent_answers(seed_library: Library) -> None:
    with Answers(seed_library, cache_size=3) as answers:
        kept = answers.ask("question 0")
        for n in range(1, 10):
            answers.ask(f"question {n}")
            assert answers.ask("question 0") is kept  # used again, so never the oldest
        info = answers.cache_info()
        assert info is not None
        assert info.currsize == 3


def test_least_recently_used_is_evicted_first(seed_library: Library) -> None:
    with Answers(seed_library, cache_size=2) as answers:
        a = answers.ask("alpha")
        answers.ask("beta")
        answers.ask("gamma")  # evicts alpha
        assert answers.ask("alpha") is not a
        assert answers.ask("alpha") == a


def test_long_input_is_answered_but_not_cached(seed_library: Library) -> None:
    with Answers(seed_library) as answers:
        hostile = "x" * (MAX_CACHED_TEXT + 1)
        first = answers.ask(hostile)
        assert first.kind == "not_found"
        assert answers.ask(hostile) is not first
        assert answers.who(hostile) is not answers.who(hostile)
        info = answers.cache_info()
        assert info is not None
        assert info.currsize == 0
        at_limit = "x" * MAX_CACHED_TEXT
        assert answers.ask(at_limit) is answers.ask(at_limit)


def test_autocomplete_hands_out_a_copy(seed_library: Library) -> None:
    with Answers(seed_library) as answers:
        choices = answers.autocomplete("speaker", "si")
        assert choices
        choices.clear()
        assert answers.autocomplete("speaker", "si")


def test_close_empties_the_cache(seed_library: Library) -> None:
    answers = Answers(seed_library)
    answers.summary()
    answers.close()
    info = answers.cache_info()
    assert info is not None
    assert info.currsize == 0


async def test_a_reload_serves_the_new_content_with_the_same_cache_size(content_dir: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(content_dir, content)
    holder = ContentHolder.load(content, answer_cache_size=7)
    before = holder.answers
    assert before.cache_size == 7
    assert "10-year" in before.summary().title
    article = next((content / "articles").glob("*.yaml"))
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "title: India and the US sign a 10-year defence framework",
            "title: India and the US agree a decade-long defence framework",
        ),
        encoding="utf-8",
    )
    assert await holder.reload() == []
    after = holder.answers
    assert after is not before
    assert after.cache_size == 7
    assert "decade-long" in after.summary().title
    holder.answers.close()
