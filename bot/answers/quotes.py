"""Quotes, verbatim from the body, filtered by speaker and topic.

An answer carries at most `MAX_QUOTES` quotes (and says how many more there are), except
`everywhere`, which lists every quote: Discord shows one quote at a time and an embed holds 25
fields, and a speaker in hundreds of articles would otherwise build hundreds of items per request.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from bot.answers.common import echo, library_line, pick_article, sources_line, unknown
from bot.answers.matching import NameIndex, entry, normalise
from bot.answers.model import Answer, Citation, Item
from bot.answers.names import Catalog
from bot.facts import Article, Quote
from bot.facts.schema import fold_whitespace

#: Quotes an answer carries (the Next button pages through these); the rest are counted.
MAX_QUOTES = 25
#: Names an answer suggests (and lists) when a speaker or topic is unknown.
_SUGGESTIONS = 10


@lru_cache(maxsize=8_192)
def _folded(text: str) -> str:
    """A quote's text with whitespace folded; quotes are shown again and again."""
    return fold_whitespace(text)


def quote_item(article: Article, quote: Quote) -> Item:
    """One quote as an Item; `data` is the JSON contract (speaker, text, paragraph, ...)."""
    person = article.person(quote.speaker)
    name = person.name if person is not None else quote.speaker
    text = _folded(quote.text)
    return Item(
        label=name,
        text=text,
        paragraphs=(quote.paragraph,),
        data={
            "speaker": name,
            "speaker_id": quote.speaker,
            "text": text,
            "paragraph": quote.paragraph,
            "via": quote.via,
            "id": quote.id,
            "article": article.id,
            "topics": list(quote.topics),
        },
    )


def quotes(
    catalog: Catalog,
    speaker: str | None = None,
    topic: str | None = None,
    article: str | None = None,
    *,
    everywhere: bool = False,
) -> Answer:
    """Quotes of one article (newest by default) or, with `everywhere`, of all articles.

    Without an explicit article a filter that finds nothing in the newest article widens to
    every article, newest first.
    """
    library = catalog.library
    speaker = speaker.strip() if speaker else None
    topic = topic.strip() if topic else None
    if article:
        picked = pick_article(catalog, article)
        if isinstance(picked, Answer):
            return picked
        scope = [picked]
    elif everywhere:
        scope = list(library.articles)
    else:
        newest = library.newest
        scope = [newest] if newest is not None else []
    speaker_id: str | None = None
    if speaker:
        resolved = _resolve_speaker(catalog, speaker, scope if article else None)
        if isinstance(resolved, Answer):
            return resolved
        speaker_id = resolved
    topic_key = _resolve_topic(catalog, topic) if topic else None
    if topic and topic_key is None:
        known = [e.name for e in catalog.quote_topics.entries[:_SUGGESTIONS]]
        where = scope[0] if article else None
        return unknown("quote topic", topic, known, library, where, total=len(catalog.quote_topics))
    found = _select(catalog, scope, speaker_id, topic_key, everywhere=everywhere and not article)
    if not found and not article and (speaker_id or topic_key):
        found = _widened(catalog, speaker_id, topic_key)
    return _answer(catalog, found, speaker, topic, speaker_id, None if everywhere else MAX_QUOTES)


def _resolve_speaker(catalog: Catalog, speaker: str, scope: list[Article] | None) -> str | Answer:
    if scope is not None:
        index = NameIndex([entry(p.id, p.name, [p.name, *p.aliases]) for p in scope[0].people])
        match = index.resolve(speaker)
        if match is not None:
            return match.value
        names = [p.name for p in scope[0].people if any(q.speaker == p.id for q in scope[0].quotes)]
        return unknown("speaker", speaker, names, catalog.library, scope[0])
    match = catalog.speakers.resolve(speaker) or catalog.people.resolve(speaker)
    if match is not None:
        return match.value
    names = [e.name for e in catalog.speakers.entries[:_SUGGESTIONS]]
    return unknown("speaker", speaker, names, catalog.library, total=len(catalog.speakers))


def _resolve_topic(catalog: Catalog, topic: str) -> str | None:
    match = catalog.quote_topics.resolve(topic)
    return normalise(match.name) if match is not None else None


def _select(
    catalog: Catalog, scope: list[Article], speaker_id: str | None, topic_key: str | None,
    *, everywhere: bool = False,
) -> list[tuple[Article, Quote]]:
    """Matching quotes in a fixed order: article (newest first), paragraph, file order."""
    index = catalog.quotes
    if everywhere:
        return list(index.matching(range(len(index.quotes)), speaker_id, topic_key))
    chosen: list[tuple[Article, Quote]] = []
    for article in scope:
        holder, positions = index.in_article(article)
        chosen.extend(holder.matching(positions, speaker_id, topic_key))
    return chosen


def _widened(catalog: Catalog, speaker_id: str | None, topic_key: str | None) -> list[tuple[Article, Quote]]:
    """Matching quotes of every article, found through the speaker's or the topic's quotes."""
    index = catalog.quotes
    positions: Sequence[int]
    if speaker_id is not None:
        positions = index.by_speaker.get(speaker_id, ())
    else:
        positions = index.by_topic.get(topic_key, ()) if topic_key is not None else range(len(index.quotes))
    return list(index.matching(positions, speaker_id, topic_key))


def _answer(
    catalog: Catalog,
    found: list[tuple[Article, Quote]],
    speaker: str | None,
    topic: str | None,
    speaker_id: str | None,
    limit: int | None,
) -> Answer:
    """The answer for the matching quotes; only the first `limit` become items (None: all)."""
    about = []
    if speaker_id is not None:
        person = catalog.people.exact(speaker_id)
        about.append(f"by {person.name if person is not None else echo(speaker or speaker_id)}")
    if topic:
        about.append(f"about “{echo(topic)}”")
    described = " ".join(about)
    if not found:
        names = [e.name for e in catalog.speakers.entries[:_SUGGESTIONS]]
        return Answer(
            kind="quotes",
            title="Quotes",
            text=f"The articles quote nothing {described}.".replace("  ", " "),
            article=catalog.library.newest.id if catalog.library.newest is not None else None,
            source=library_line(catalog.library),
            suggestions=tuple(names),
        )
    count = len(found)
    shown = found if limit is None else found[:limit]
    used: dict[str, tuple[Article, list[int]]] = {}
    for article, quote in shown:
        used.setdefault(article.id, (article, []))[1].append(quote.paragraph)
    first = found[0][0]
    title = f"Quotes {described}" if described else f"Quotes: {first.title}"
    text = f"{count} quote{'s' if count != 1 else ''}, verbatim from the article body."
    if len(shown) < count:
        text = (f"{count} quotes, verbatim from the article body; the first {len(shown)} are here, "
                f"{count - len(shown)} more are not shown.")
    cited = sorted({(a.id, q.paragraph) for a, q in shown})  # tuples: far cheaper to sort
    return Answer(
        kind="quotes",
        title=title,
        text=text,
        article=first.id,
        items=tuple(quote_item(a, q) for a, q in shown),
        citations=tuple(Citation(article_id, paragraph) for article_id, paragraph in cited),
        source=sources_line(used),
    )
