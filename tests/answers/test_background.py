from __future__ import annotations

import pytest

from bot.answers import Answers
from bot.facts import Article


def test_no_topic_lists_topics(answers: Answers, seed: Article) -> None:
    answer = answers.background()
    assert answer.kind == "topics"
    assert [i.label for i in answer.items] == [bg.title for bg in seed.background]
    assert answer.citations


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        ("trade-and-tariffs", "Trade talks and tariffs"),
        ("Trade talks and tariffs", "Trade talks and tariffs"),
        ("tarifs", "Trade talks and tariffs"),
        ("Moscow", "India, Russia and Russian oil"),
        ("admm plus", "The ASEAN Defence Ministers Meeting Plus (ADMM-Plus)"),
        ("defense framework", "The 10-year defence framework"),
        ("CHINA", "The Indo-Pacific and China"),
    ],
)
def test_topic_by_id_title_alias_or_typo(answers: Answers, topic: str, expected: str) -> None:
    answer = answers.background(topic)
    assert answer.kind == "background"
    assert answer.title == expected


def test_background_text_and_citations_come_from_the_content(answers: Answers, seed: Article) -> None:
    answer = answers.background("supply agreement")
    bg = next(b for b in seed.background if b.id == "supply-agreement")
    assert answer.text == " ".join(bg.text.split())
    assert [c.paragraph for c in answer.citations] == [6]
    assert answer.source is not None
    assert answer.source.endswith("¶6")


def test_editorial_background_says_so(answers: Answers) -> None:
    answer = answers.background("ADMM")
    assert [i.label for i in answer.items] == ["Editorial note"]
    assert "ASEAN Defence Ministers' Meeting" in answer.items[0].text
    assert answers.background("tariffs").items == ()


def test_unknown_topic_lists_the_topics(answers: Answers) -> None:
    answer = answers.background("cricket world cup")
    assert answer.kind == "unknown"
    assert "Trade talks and tariffs" in answer.text
    assert "Trade talks and tariffs" in answer.suggestions


def test_unknown_article(answers: Answers) -> None:
    assert answers.background("tariffs", article="missing").kind == "unknown"
