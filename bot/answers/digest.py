"""The daily digest: what is new, then a quote, a fact and a background item of the day.

Choices depend only on the date (its ordinal), so a date always gives the same digest, and
they rotate so that consecutive days differ whenever there is more than one to choose from.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left

from bot.answers.common import format_date, library_line, sources_line
from bot.answers.model import Answer, Citation, Item
from bot.answers.names import Catalog
from bot.answers.quotes import quote_item
from bot.answers.sentences import first_sentence
from bot.facts import Article
from bot.facts.schema import fold_whitespace

MAX_LEADS = 5
#: Quotes, facts and background of the day come from articles this recent (relative to the
#: newest one published by the digest date), at most POOL_ARTICLES of them.
POOL_DAYS = 30
POOL_ARTICLES = 20
# Distinct primes, so the three rotations do not move in lockstep.
_STEPS = {"quote": 1, "fact": 7, "background": 5}


def digest(catalog: Catalog, day: dt.date, previous: dt.date | None = None) -> Answer:
    """The digest for `day`; with `previous`, articles published after it lead."""
    library = catalog.library
    published = _published_by(catalog, day)
    if not published:
        return Answer(
            kind="digest",
            title=f"Newsbrief digest · {format_date(day)}",
            text=f"Nothing had been published by {format_date(day)}.",
            source=library_line(library),
        )
    fresh = [a for a in published if previous is not None and a.published > previous]
    leads = (fresh or published[:1])[:MAX_LEADS]
    label = "New" if fresh else "Newest"
    items = [
        Item(label=f"{label}: {a.title}", text=f"{format_date(a.published)} · {a.summary.short}",
             data={"role": "newest", "article": a.id, "published": a.published.isoformat()})
        for a in leads
    ]
    pool = _pool(published)
    used: dict[str, tuple[Article, list[int]]] = {a.id: (a, []) for a in leads}
    picks = (_quote_of_day(pool, day), _fact_of_day(pool, day), _background_of_day(pool, day))
    for pick in picks:
        if pick is not None:
            article, item = pick
            items.append(item)
            used.setdefault(article.id, (article, []))[1].extend(item.paragraphs)
    cited = sorted({Citation(a.id, n) for a, numbers in used.values() for n in numbers})
    more = f" {len(fresh) - MAX_LEADS} more new articles not shown." if len(fresh) > MAX_LEADS else ""
    return Answer(
        kind="digest",
        title=f"Newsbrief digest · {format_date(day)}",
        text=f"{len(leads)} {'new' if fresh else 'latest'} article{'s' if len(leads) != 1 else ''}, "
        f"then today's quote, fact and background.{more}",
        article=leads[0].id,
        items=tuple(items),
        citations=tuple(cited),
        source=sources_line(used),
    )


def _published_by(catalog: Catalog, day: dt.date) -> list[Article]:
    """Articles published on or before `day`, newest first (binary search, no full scan)."""
    articles = catalog.library.articles
    # articles are newest first: find the first one not after `day`.
    keys = _Descending(articles)
    start = bisect_left(keys, -day.toordinal())
    return list(articles[start:])


class _Descending:
    """A sequence view of negated ordinals, ascending, for `bisect` over newest-first articles."""

    def __init__(self, articles: tuple[Article, ...]) -> None:
        self._articles = articles

    def __len__(self) -> int:
        return len(self._articles)

    def __getitem__(self, index: int) -> int:
        return -self._articles[index].published.toordinal()


def _pool(published: list[Article]) -> list[Article]:
    newest = published[0].published
    cutoff = newest - dt.timedelta(days=POOL_DAYS)
    return [a for a in published[:POOL_ARTICLES] if a.published >= cutoff]


def _pick(day: dt.date, count: int, kind: str) -> int:
    """Rotate by a step coprime with `count`: consecutive days never pick the same one."""
    step = _STEPS[kind] % count or 1
    while math.gcd(step, count) != 1:
        step += 1
    return (day.toordinal() * step) % count


def _quote_of_day(pool: list[Article], day: dt.date) -> tuple[Article, Item] | None:
    choices = [(a, q) for a in pool for q in a.quotes]
    if not choices:
        return None
    article, quote = choices[_pick(day, len(choices), "quote")]
    item = quote_item(article, quote)
    return article, Item(label=f"Quote of the day: {item.label}", text=item.text,
                         paragraphs=item.paragraphs, data={**item.data, "role": "quote"})


def _fact_of_day(pool: list[Article], day: dt.date) -> tuple[Article, Item] | None:
    choices = [(a, f) for a in pool for f in a.facts]
    if not choices:
        return None
    article, fact = choices[_pick(day, len(choices), "fact")]
    return article, Item(label="Key fact", text=fact.text, paragraphs=tuple(fact.paragraphs),
                         data={"role": "fact", "id": fact.id, "article": article.id})


def _background_of_day(pool: list[Article], day: dt.date) -> tuple[Article, Item] | None:
    choices = [(a, b) for a in pool for b in a.background]
    if not choices:
        return None
    article, bg = choices[_pick(day, len(choices), "background")]
    return article, Item(label=f"Background: {bg.title}", text=first_sentence(fold_whitespace(bg.text)),
                         paragraphs=tuple(bg.paragraphs),
                         data={"role": "background", "id": bg.id, "article": article.id})
