"""The curated facts of an article and its timeline, each with the paragraphs it rests on."""

from __future__ import annotations

from bot.answers.common import citations, paragraph_list, pick_article, source_line
from bot.answers.model import Answer, Item
from bot.answers.names import Catalog
from bot.facts import Fact


def fact_item(fact: Fact, label: str | None = None) -> Item:
    return Item(
        label=label or f"¶{paragraph_list(fact.paragraphs)}",
        text=fact.text,
        paragraphs=tuple(fact.paragraphs),
        data={"id": fact.id, "keywords": list(fact.keywords)},
    )


def facts(catalog: Catalog, article: str | None = None) -> Answer:
    """Every fact of the article, in the editors' order."""
    picked = pick_article(catalog, article)
    if isinstance(picked, Answer):
        return picked
    used = [n for fact in picked.facts for n in fact.paragraphs]
    count = len(picked.facts)
    return Answer(
        kind="facts",
        title=picked.title,
        text=f"{count} fact{'s' if count != 1 else ''} from the article.",
        article=picked.id,
        items=tuple(fact_item(fact, label=f"Fact {n}") for n, fact in enumerate(picked.facts, 1)),
        citations=citations(picked, used),
        source=source_line(picked, used),
    )


def timeline(catalog: Catalog, article: str | None = None) -> Answer:
    """The events around the article, in the order editors wrote them (earliest first)."""
    picked = pick_article(catalog, article)
    if isinstance(picked, Answer):
        return picked
    items = tuple(
        Item(
            label=entry.when,
            text=entry.text,
            paragraphs=tuple(entry.paragraphs),
            data={"when": entry.when, "date": entry.date.isoformat() if entry.date else None},
        )
        for entry in picked.timeline
    )
    used = [n for entry in picked.timeline for n in entry.paragraphs]
    text = "What happened, in order." if items else "This article has no timeline."
    return Answer(
        kind="timeline",
        title=f"Timeline: {picked.title}",
        text=text,
        article=picked.id,
        items=items,
        citations=citations(picked, used),
        source=source_line(picked, used),
    )
