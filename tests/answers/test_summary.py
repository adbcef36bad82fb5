from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.answers import Answers
from bot.facts import Article

SEED_ID = "india-us-defence-framework-2025"
MakeArticle = Callable[..., Article]


def test_short_summary_is_the_editors_text_and_cites_the_body(answers: Answers, seed: Article) -> None:
    answer = answers.summary()
    assert answer.kind == "summary"
    assert answer.article == SEED_ID
    assert answer.text == seed.summary.short
    assert [c.paragraph for c in answer.citations] == list(range(1, len(seed.paragraphs) + 1))
    assert answer.source == "Newsbrief seed report · 31 Oct 2025 · ¶1–7"


def test_detailed_summary(answers: Answers, seed: Article) -> None:
    assert answers.summary(length="detailed").text == seed.summary.detailed
    assert answers.summary(SEED_ID, "DETAILED").text == seed.summary.detailed


def test_unknown_article_names_the_articles_that_exist(answers: Answers) -> None:
    answer = answers.summary(article="no-such-article")
    assert answer.kind == "unknown"
    assert "no-such-article" in answer.text
    assert SEED_ID in answer.text
    assert answer.suggestions == (SEED_ID,)


def test_article_found_by_close_title(answers: Answers) -> None:
    assert answers.summary(article="India and the US sign").article == SEED_ID


def test_unknown_length_is_an_answer_not_an_error(answers: Answers) -> None:
    answer = answers.summary(length="medium")
    assert answer.kind == "unknown"
    assert answer.suggestions == ("short", "detailed")


def test_newest_article_is_the_default(
    make_answers: Callable[..., Answers], make_article: MakeArticle
) -> None:
    newer = make_article("bridge-2025", dt.date(2025, 11, 5))
    built = make_answers(newer)
    assert built.summary().article == "bridge-2025"
    assert built.summary(article=SEED_ID).article == SEED_ID


def test_articles_lists_newest_first(
    make_answers: Callable[..., Answers], make_article: MakeArticle
) -> None:
    built = make_answers(make_article("bridge-2025", dt.date(2025, 11, 5)),
                         make_article("old-bridge", dt.date(2024, 1, 2)))
    answer = built.articles()
    assert answer.kind == "articles"
    assert [item.data["id"] for item in answer.items] == ["bridge-2025", SEED_ID, "old-bridge"]
    assert answer.text.startswith("3 articles")
