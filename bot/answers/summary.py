"""Summaries of one article and the list of all articles."""

from __future__ import annotations

from bot.answers.common import all_paragraphs, citations, format_date, library_line, pick_article, source_line
from bot.answers.model import Answer, Item
from bot.answers.names import Catalog

LENGTHS = ("short", "detailed")


def summary(catalog: Catalog, article: str | None = None, length: str = "short") -> Answer:
    """The editors' summary; it covers the whole body, so it cites every paragraph."""
    picked = pick_article(catalog, article)
    if isinstance(picked, Answer):
        return picked
    wanted = length.strip().casefold()
    if wanted not in LENGTHS:
        return Answer(
            kind="unknown",
            title="Unknown summary length",
            text=f"Summary length must be one of: {', '.join(LENGTHS)}.",
            article=picked.id,
            source=source_line(picked),
            suggestions=LENGTHS,
        )
    text = picked.summary.short if wanted == "short" else picked.summary.detailed
    paragraphs = all_paragraphs(picked)
    items: tuple[Item, ...] = ()
    if picked.image is not None:
        credit = f" ({picked.image.credit})" if picked.image.credit else ""
        items = (Item(label="Image", text=picked.image.caption + credit),)
    return Answer(
        kind="summary",
        title=picked.title,
        text=text,
        article=picked.id,
        items=items,
        citations=citations(picked, paragraphs),
        source=source_line(picked, paragraphs),
    )


def articles(catalog: Catalog) -> Answer:
    """Every article, newest first, with its date and short summary."""
    library = catalog.library
    items = tuple(
        Item(
            label=a.title,
            text=f"{format_date(a.published)} · {a.summary.short}",
            data={"id": a.id, "published": a.published.isoformat(), "outlet": a.source.name},
        )
        for a in library.articles
    )
    count = len(items)
    return Answer(
        kind="articles",
        title="Articles",
        text=f"{count} article{'s' if count != 1 else ''}, newest first.",
        article=library.newest.id if library.newest is not None else None,
        items=items,
        source=library_line(library),
    )
