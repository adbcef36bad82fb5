"""The catalogue of names a reader can use, built once per library.

Maps every article, person, speaker, background topic and quote topic to a `NameIndex`, and
remembers which articles mention each id, so lookups never loop over the whole library.
"""

from __future__ import annotations

import zoneinfo
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from bot.answers.matching import Entry, NameIndex, entry, normalise
from bot.facts import Article, Library, Quote

_NAME_LIMIT = 100


def clip(text: str, limit: int = _NAME_LIMIT) -> str:
    """Cut to `limit` characters with an ellipsis (Discord's choice names are 100 at most)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class QuoteIndex:
    """Every quote in answer order (newest article first, then paragraph, then file order), with
    the positions of each article's, each speaker's and each normalised topic's quotes.

    Sorting and normalising happen once here, so a quote request walks only the quotes that
    can match instead of every quote of every article a busy speaker appears in.
    """

    def __init__(self, articles: Sequence[Article], normalise_topic: Callable[[str], str]) -> None:
        self.articles = tuple(articles)
        self.quotes: list[Quote] = []
        self._owners = array("l")
        self._starts = array("l", [0])
        self._article_index: dict[str, int] = {}
        #: Quotes whose speaker is among their article's people (as the speakers catalogue).
        self.by_speaker: dict[str, array[int]] = {}
        self.by_topic: dict[str, array[int]] = {}
        for a_index, article in enumerate(self.articles):
            self._article_index.setdefault(article.id, a_index)
            people = {p.id for p in article.people}
            ordered = sorted(enumerate(article.quotes), key=lambda pair: (pair[1].paragraph, pair[0]))
            for _, quote in ordered:
                position = len(self.quotes)
                self.quotes.append(quote)
                self._owners.append(a_index)
                if quote.speaker in people:
                    self.by_speaker.setdefault(quote.speaker, array("l")).append(position)
                for key in dict.fromkeys(normalise_topic(t) for t in quote.topics):
                    self.by_topic.setdefault(key, array("l")).append(position)
            self._starts.append(len(self.quotes))

    def in_article(self, article: Article) -> tuple[QuoteIndex, range]:
        """The index holding the article's quotes and their positions in it."""
        a_index = self._article_index.get(article.id)
        if a_index is None or self.articles[a_index] is not article:  # not from this library
            return QuoteIndex([article], normalise), range(len(article.quotes))
        return self, range(self._starts[a_index], self._starts[a_index + 1])

    def matching(
        self, positions: Iterable[int], speaker_id: str | None, topic_key: str | None
    ) -> Iterator[tuple[Article, Quote]]:
        """(article, quote) at those positions, in order, by the speaker and about the topic."""
        topical = self.by_topic.get(topic_key, array("l")) if topic_key is not None else None
        for position in positions:
            quote = self.quotes[position]
            if speaker_id is not None and quote.speaker != speaker_id:
                continue
            if topical is not None and not _holds(topical, position):
                continue
            yield self.articles[self._owners[position]], quote


def _holds(ordered: array[int], value: int) -> bool:
    found = bisect_left(ordered, value)
    return found < len(ordered) and ordered[found] == value


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
    quotes: QuoteIndex = field(default_factory=lambda: QuoteIndex((), normalise))

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

    def topic_key(topic: str) -> str:  # quote topics repeat across articles; normalise each once
        key = topic_keys.get(topic)
        if key is None:
            key = topic_keys[topic] = normalise(topic)
        return key

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
                key = topic_key(topic)
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
        quotes=QuoteIndex(library.articles, topic_key),
    )


def _timezone_entries() -> list[Entry]:
    names = sorted(zoneinfo.available_timezones())
    # UTC first: the most common choice and the default.
    names.sort(key=lambda name: name != "UTC")
    return [entry(name, name, [name.rsplit("/", 1)[-1]]) for name in names if len(name) <= _NAME_LIMIT]
