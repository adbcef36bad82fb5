from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from bot.answers import Answers
from bot.facts import Article

MakeArticle = Callable[..., Article]


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        ("speaker", "heg", "pete-hegseth"),
        ("speaker", "hegsth", "pete-hegseth"),
        ("speaker", "SÍNGH", "rajnath-singh"),
        ("person", "trum", "donald-trump"),
        ("topic", "tarif", "trade-and-tariffs"),
        ("topic", "moscow", "russian-oil"),
        ("quote_topic", "deter", "deterrence"),
        ("article", "india", "india-us-defence-framework-2025"),
        ("timezone", "new york", "America/New_York"),
        ("timezone", "kolkatta", "Asia/Kolkata"),
        ("timezone", "utc", "UTC"),
    ],
)
def test_partial_or_misspelled_text_finds_the_choice(
    answers: Answers, kind: str, text: str, value: str
) -> None:
    assert answers.autocomplete(kind, text)[0][1] == value


def test_speakers_are_only_people_who_are_quoted(answers: Answers) -> None:
    assert {v for _, v in answers.autocomplete("speaker", "")} == {"rajnath-singh", "pete-hegseth"}
    assert answers.autocomplete("speaker", "trump") == []


def test_unknown_kind_has_no_choices(answers: Answers) -> None:
    assert answers.autocomplete("planet", "mars") == []


@pytest.mark.parametrize(
    "text", ["", "x" * 5000, "🙂", "\u200b\u200f", "@everyone", '"', "*", "NEAR(", "OR", "-", ":", "^",
             "مرحبا", "\x00"],
)
@pytest.mark.parametrize("kind", ["article", "speaker", "person", "topic", "quote_topic", "timezone"])
def test_hostile_text_within_discord_limits(answers: Answers, kind: str, text: str) -> None:
    choices = answers.autocomplete(kind, text)
    assert len(choices) <= 25
    for name, value in choices:
        assert 1 <= len(name) <= 100
        assert 1 <= len(value) <= 100


def test_many_long_titles_are_clipped_and_capped(
    make_answers: Callable[..., Answers], make_article: MakeArticle
) -> None:
    extra = [
        make_article(f"bridge-{n}", dt.date(2025, 1, 1) + dt.timedelta(days=n),
                     title=f"Bridge {n} " + "with a remarkably long headline " * 8)
        for n in range(60)
    ]
    built = make_answers(*extra)
    choices = built.autocomplete("article", "bridge")
    assert len(choices) == 25
    assert all(len(name) <= 100 for name, _ in choices)
    assert built.autocomplete("article", "bridge 42")[0][1] == "bridge-42"
    assert len(built.autocomplete("article", "")) == 25
