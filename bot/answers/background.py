"""Background topics: context the article gives (or, marked editorial, that editors add)."""

from __future__ import annotations

from bot.answers.common import citations, pick_article, source_line, unknown
from bot.answers.matching import NameIndex, entry
from bot.answers.model import Answer, Item
from bot.answers.names import Catalog
from bot.answers.sentences import first_sentence
from bot.facts import Article, Background
from bot.facts.schema import fold_whitespace


def background(catalog: Catalog, topic: str | None = None, article: str | None = None) -> Answer:
    """One topic (by id, title or alias, typos tolerated), or the list of topics."""
    picked = pick_article(catalog, article)
    if isinstance(picked, Answer):
        return picked
    if topic is None or not topic.strip():
        return topics(picked)
    found = _find(picked, topic)
    if found is None and not article:
        match = catalog.topics.resolve(topic)
        if match is not None:
            for other in catalog.articles_for(catalog.topic_articles, match.value):
                found = _find(other, match.value)
                if found is not None:
                    picked = other
                    break
    if found is None:
        known = [bg.title for bg in picked.background]
        return unknown("topic", topic, known, catalog.library, picked)
    return topic_answer(picked, found)


def topic_answer(article: Article, bg: Background) -> Answer:
    """A topic's text; editorial context says so and names its source."""
    items: tuple[Item, ...] = ()
    if bg.editorial and bg.source is not None:
        where = f" ({bg.source.url})" if bg.source.url else ""
        items = (
            Item(
                label="Editorial note",
                text=f"Part of this background is editors' context from {bg.source.name}{where}, "
                "not from the article.",
                data={"source": bg.source.name, "url": bg.source.url},
            ),
        )
    return Answer(
        kind="background",
        title=bg.title,
        text=fold_whitespace(bg.text),
        article=article.id,
        items=items,
        citations=citations(article, bg.paragraphs),
        source=source_line(article, bg.paragraphs),
    )


def topics(article: Article) -> Answer:
    """The topics an article has background on, each with its first sentence."""
    items = tuple(
        Item(
            label=bg.title,
            text=first_sentence(fold_whitespace(bg.text)),
            paragraphs=tuple(bg.paragraphs),
            data={"id": bg.id, "aliases": list(bg.aliases), "editorial": bg.editorial},
        )
        for bg in article.background
    )
    used = [n for bg in article.background for n in bg.paragraphs]
    text = (
        f"Background topics for “{article.title}”. Ask for one by name."
        if items
        else f"“{article.title}” has no background topics."
    )
    return Answer(
        kind="topics",
        title="Background topics",
        text=text,
        article=article.id,
        items=items,
        citations=citations(article, used),
        source=source_line(article, used),
    )


def _find(article: Article, topic: str) -> Background | None:
    index = NameIndex([entry(bg.id, bg.title, [bg.title, *bg.aliases]) for bg in article.background])
    match = index.resolve(topic)
    if match is None:
        return None
    return next((bg for bg in article.background if bg.id == match.value), None)
