"""Quotes, verbatim from the body, filtered by speaker and topic."""

from __future__ import annotations

from functools import lru_cache

from bot.answers.common import echo, library_line, pick_article, sources_line, unknown
from bot.answers.matching import NameIndex, entry, normalise
from bot.answers.model import Answer, Citation, Item
from bot.answers.names import Catalog
from bot.facts import Article, Quote
from bot.facts.schema import fold_whitespace


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
        known = [e.name for e in catalog.quote_topics.entries]
        return unknown("quote topic", topic, known, library, scope[0] if article else None)
    found = _select(scope, speaker_id, topic_key)
    if not found and not article and (speaker_id or topic_key):
        found = _select(_widened(catalog, speaker_id), speaker_id, topic_key)
    return _answer(catalog, found, speaker, topic, speaker_id)


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
    names = [e.name for e in catalog.speakers.entries]
    return unknown("speaker", speaker, names, catalog.library)


def _resolve_topic(catalog: Catalog, topic: str) -> str | None:
    match = catalog.quote_topics.resolve(topic)
    return normalise(match.name) if match is not None else None


def _widened(catalog: Catalog, speaker_id: str | None) -> list[Article]:
    if speaker_id is not None:
        return catalog.articles_for(catalog.speaker_articles, speaker_id)
    return list(catalog.library.articles)


def _select(
    scope: list[Article], speaker_id: str | None, topic_key: str | None
) -> list[tuple[Article, Quote]]:
    """Matching quotes in a fixed order: article (newest first), paragraph, file order."""
    chosen = []
    for article in scope:
        ordered = sorted(enumerate(article.quotes), key=lambda pair: (pair[1].paragraph, pair[0]))
        for _, quote in ordered:
            if speaker_id is not None and quote.speaker != speaker_id:
                continue
            if topic_key is not None and topic_key not in {normalise(t) for t in quote.topics}:
                continue
            chosen.append((article, quote))
    return chosen


def _answer(
    catalog: Catalog,
    found: list[tuple[Article, Quote]],
    speaker: str | None,
    topic: str | None,
    speaker_id: str | None,
) -> Answer:
    about = []
    if speaker_id is not None:
        person = catalog.people.exact(speaker_id)
        about.append(f"by {person.name if person is not None else echo(speaker or speaker_id)}")
    if topic:
        about.append(f"about “{echo(topic)}”")
    described = " ".join(about)
    if not found:
        names = [e.name for e in catalog.speakers.entries]
        return Answer(
            kind="quotes",
            title="Quotes",
            text=f"The articles quote nothing {described}.".replace("  ", " "),
            article=catalog.library.newest.id if catalog.library.newest is not None else None,
            source=library_line(catalog.library),
            suggestions=tuple(names[:10]),
        )
    used: dict[str, tuple[Article, list[int]]] = {}
    for article, quote in found:
        used.setdefault(article.id, (article, []))[1].append(quote.paragraph)
    first = found[0][0]
    title = f"Quotes {described}" if described else f"Quotes: {first.title}"
    count = len(found)
    return Answer(
        kind="quotes",
        title=title,
        text=f"{count} quote{'s' if count != 1 else ''}, verbatim from the article body.",
        article=first.id,
        items=tuple(quote_item(a, q) for a, q in found),
        citations=tuple(sorted({Citation(a.id, q.paragraph) for a, q in found})),
        source=sources_line(used),
    )
