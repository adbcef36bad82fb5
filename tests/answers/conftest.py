"""Fixtures for the answer builders: the real seed content and small synthetic libraries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.answers import Answers
from bot.facts import Article, Library, load_library

SEED_ID = "india-us-defence-framework-2025"

MakeArticle = Callable[..., Article]


def synthetic_article(
    article_id: str,
    published: dt.date,
    *,
    title: str | None = None,
    speaker: str = "Ana Pérez",
    quote: str = "We will open the new bridge in spring.",
    fact: str = "The city council approved a new bridge over the river.",
    topic: str = "The river bridge",
) -> Article:
    """A small valid article about a bridge, with one person, fact, quote and topic."""
    body = (
        f"{fact}\n\nThe mayor, {speaker}, spoke after the vote. “{quote}” she said.\n\n"
        "Construction starts next month."
    )
    data: dict[str, Any] = {
        "id": article_id,
        "title": title or f"Bridge news {article_id}",
        "published": published.isoformat(),
        "source": {"name": "Test Gazette"},
        "summary": {"short": f"Short summary of {article_id}.", "detailed": "A detailed summary."},
        "body": body,
        "people": [{"id": "ana-perez", "name": speaker, "role": "Mayor", "aliases": ["the mayor"]}],
        "facts": [{"id": "approved", "text": fact, "paragraphs": [1], "keywords": ["bridge", "vote"]}],
        "quotes": [{"id": "spring", "speaker": "ana-perez", "text": quote, "paragraph": 2,
                    "topics": ["bridge"]}],
        "background": [{"id": "bridge", "title": topic, "aliases": ["bridge"], "text": fact,
                        "paragraphs": [1]}],
        "timeline": [{"when": "Next month", "text": "Construction starts.", "paragraphs": [3]}],
    }
    return Article.model_validate(data)


@pytest.fixture(scope="session")
def seed_library(content_dir: Path) -> Library:
    return load_library(content_dir)


@pytest.fixture(scope="session")
def answers(seed_library: Library) -> Iterator[Answers]:
    built = Answers(seed_library)
    yield built
    built.close()


@pytest.fixture(scope="session")
def seed(seed_library: Library) -> Article:
    article = seed_library.get(SEED_ID)
    assert article is not None
    return article


@pytest.fixture
def make_answers(seed_library: Library) -> Iterator[Callable[..., Answers]]:
    """Answers over the seed plus extra articles; closed after the test."""
    made: list[Answers] = []

    def build(*extra: Article, with_seed: bool = True) -> Answers:
        articles = (*seed_library.articles, *extra) if with_seed else extra
        built = Answers(Library(tuple(articles)))
        made.append(built)
        return built

    yield build
    for built in made:
        built.close()


@pytest.fixture
def make_article() -> MakeArticle:
    return synthetic_article
