"""Pieces every builder shares: source lines, citations, article scope and 'unknown' answers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence

from bot.answers.model import Answer, Citation
from bot.answers.names import Catalog
from bot.facts import Article, Library

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MASS_MENTION = re.compile(r"@(?=(everyone|here)\b)", re.IGNORECASE)
_MENTION = re.compile(r"<(?=[@#][!&]?\d)")
_ECHO_LIMIT = 80
_LIST_LIMIT = 10


def format_date(day: dt.date) -> str:
    """`31 Oct 2025`, independent of the process locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def paragraph_list(numbers: Iterable[int]) -> str:
    """`1, 3` or `1–4, 7`: sorted, de-duplicated, runs of three or more collapsed."""
    values = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{values[i]}–{values[j]}")
        else:
            parts.extend(str(v) for v in values[i : j + 1])
        i = j + 1
    return ", ".join(parts)


def source_line(article: Article, paragraphs: Iterable[int] = ()) -> str:
    """`Newsbrief seed report · 31 Oct 2025 · ¶1, 3`: outlet, date, paragraphs used."""
    parts = [article.source.name, format_date(article.published)]
    cited = paragraph_list(paragraphs)
    if cited:
        parts.append(f"¶{cited}")
    return " · ".join(parts)


def sources_line(used: Mapping[str, tuple[Article, Iterable[int]]]) -> str:
    """One source line per article (keyed by id), for answers drawing on several."""
    return "; ".join(source_line(article, paragraphs) for article, paragraphs in used.values())


def library_line(library: Library) -> str:
    """Where an answer that cites nothing looked: how many articles, and the newest."""
    newest = library.newest
    count = f"{len(library)} article{'s' if len(library) != 1 else ''}"
    if newest is None:
        return f"Newsbrief · {count}"
    return f"{count} · newest: {newest.source.name} · {format_date(newest.published)}"


def citations(article: Article, paragraphs: Iterable[int]) -> tuple[Citation, ...]:
    return tuple(Citation(article.id, n) for n in sorted(set(paragraphs)))


def all_paragraphs(article: Article) -> range:
    return range(1, len(article.paragraphs) + 1)


def neutralise(text: str) -> str:
    """Make echoed reader text inert: no @everyone/@here, no user, role or channel mentions."""
    text = _MASS_MENTION.sub("@\u200b", text)
    return _MENTION.sub("<\u200b", text)


def echo(text: str) -> str:
    """Reader input as it may appear inside an answer: single-line, short, inert."""
    flat = " ".join(text.split())
    if len(flat) > _ECHO_LIMIT:
        flat = flat[: _ECHO_LIMIT - 1] + "…"
    return neutralise(flat)


def name_list(names: Sequence[str], limit: int = _LIST_LIMIT, *, total: int | None = None) -> str:
    """The first `limit` names and how many more; `total` counts names not passed in."""
    total = len(names) if total is None else total
    shown = ", ".join(names[:limit])
    if total > limit:
        shown += f" and {total - limit} more"
    return shown


def unknown(
    what: str,
    given: str,
    known: Sequence[str],
    library: Library,
    article: Article | None = None,
    *,
    plural: str | None = None,
    total: int | None = None,
) -> Answer:
    """A clear answer naming what was not found and what exists instead (never an exception).

    `known` need only hold the first few names when `total` says how many exist: listing
    thousands of names to show ten costs milliseconds in a large library.
    """
    plural = plural or f"{what}s"
    where = f" in “{article.title}”" if article is not None else ""
    text = f"I don't know the {what} “{echo(given)}”{where}."
    if known:
        text += f" Known {plural}: {name_list(known, total=total)}."
    else:
        text += f" There are no {plural}{where or ' yet'}."
    return Answer(
        kind="unknown",
        title=f"Unknown {what}",
        text=text,
        article=article.id if article is not None else None,
        source=source_line(article) if article is not None else library_line(library),
        suggestions=tuple(known[:_LIST_LIMIT]),
    )


def pick_article(catalog: Catalog, article_id: str | None) -> Article | Answer:
    """The requested article (by id, or a close title/id match), the newest by default.

    Returns an `unknown` answer naming the articles that exist when nothing matches.
    """
    library = catalog.library
    if article_id is None or not article_id.strip():
        newest = library.newest
        return newest if newest is not None else unknown("article", "(newest)", (), library)
    found = library.get(article_id.strip())
    if found is None:
        match = catalog.articles.resolve(article_id)
        found = library.get(match.value) if match is not None else None
    if found is not None:
        return found
    known = [a.id for a in library.articles[:_LIST_LIMIT]]
    return unknown("article", article_id, known, library, total=len(library))
