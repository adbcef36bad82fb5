"""The catalogue of names a reader can use, built once per library.

Maps every article, person, speaker, background topic and quote topic to a `NameIndex`, and
remembers which articles mention each id, so lookups never loop over the whole library.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field

from bot.answers.matching import Entry, NameIndex, entry, normalise
from bot.facts import Article, Library

_NAME_LIMIT = 100


def clip(text: str, limit: int = _NAME_LIMIT) -> str:
    """Cut to `limit` characters with an ellipsis (Discord's choice names are 100 at most)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Catalog:
    """Name indexes over one library; immutable after construction."""

    library: Library
    articles: NameIndex
    people: NameIndex
    speakers: NameIndex
    topics: NameIndex
    quote_topics: NameIndex
    timezones: NameIndex
    #: person id / background id / normalised quote topic -> ids of articles using it, newest first
    person_articles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    speaker_articles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    topic_articles: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def articles_for(self, table: dict[str, tuple[str, ...]], key: str) -> list[Article]:
        found = (self.library.get(article_id) for article_id in table.get(key, ()))
        return [a for a in found if a is not None]


def build_catalog(library: Library) -> Catalog:
    """Index every name in the library (newest article wins when ids repeat)."""
    people: dict[str, Entry] = {}
    speakers: dict[str, Entry] = {}
    topics: dict[str, Entry] = {}
    quote_topics: dict[str, Entry] = {}
    person_articles: dict[str, list[str]] = {}
    speaker_articles: dict[str, list[str]] = {}
    topic_articles: dict[str, list[str]] = {}
    topic_keys: dict[str, str] = {}
    articles = []
    for article in library.articles:
        articles.append(
            Entry(article.id, clip(f"{article.title} ({article.published})"),
                  (normalise(article.id), normalise(article.title)))
        )
        quoted = {q.speaker for q in article.quotes}
        for person in article.people:
            if person.id not in people:
                people[person.id] = entry(person.id, clip(person.name), [person.name, *person.aliases])
            person_articles.setdefault(person.id, []).append(article.id)
            if person.id in quoted:
                speakers.setdefault(person.id, people[person.id])
                speaker_articles.setdefault(person.id, []).append(article.id)
        for bg in article.background:
            if bg.id not in topics:
                topics[bg.id] = entry(bg.id, clip(bg.title), [bg.title, *bg.aliases])
            topic_articles.setdefault(bg.id, []).append(article.id)
        for quote in article.quotes:
            for topic in quote.topics:
                key = topic_keys.get(topic)
                if key is None:
                    key = topic_keys[topic] = normalise(topic)
                if key and key not in quote_topics:
                    quote_topics[key] = entry(clip(topic), clip(topic), [topic])
    return Catalog(
        library=library,
        articles=NameIndex(articles),
        people=NameIndex(list(people.values())),
        speakers=NameIndex(list(speakers.values())),
        topics=NameIndex(list(topics.values())),
        quote_topics=NameIndex(list(quote_topics.values())),
        timezones=NameIndex(_timezone_entries()),
        person_articles={k: tuple(v) for k, v in person_articles.items()},
        speaker_articles={k: tuple(v) for k, v in speaker_articles.items()},
        topic_articles={k: tuple(v) for k, v in topic_articles.items()},
    )


def _timezone_entries() -> list[Entry]:
    names = sorted(zoneinfo.available_timezones())
    # UTC first: the most common choice and the default.
    names.sort(key=lambda name: name != "UTC")
    return [entry(name, name, [name.rsplit("/", 1)[-1]]) for name in names if len(name) <= _NAME_LIMIT]
