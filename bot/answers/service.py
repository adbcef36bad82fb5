"""The `Answers` facade: one object per loaded library, shared by the bot and the CLI."""

from __future__ import annotations

import datetime as dt
import functools
import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from bot.answers import background as _background
from bot.answers import facts as _facts
from bot.answers import people as _people
from bot.answers import quotes as _quotes
from bot.answers import summary as _summary
from bot.answers.ask import ask as _ask
from bot.answers.autocomplete import autocomplete as _autocomplete
from bot.answers.digest import digest as _digest
from bot.answers.model import Answer
from bot.answers.names import Catalog, build_catalog
from bot.answers.search import SearchIndex
from bot.facts import Library

T = TypeVar("T")

#: Answers kept per loaded library; communities ask the same few things over and over.
DEFAULT_CACHE_SIZE = 4096
#: Requests with a longer text argument are answered but not kept, so odd or hostile input
#: cannot fill the cache with large keys (a not-found answer echoes the question).
MAX_CACHED_TEXT = 500


class Answers:
    """Builds the name catalogue and search index once; every method is a pure lookup after that.

    Answers are pure functions of the (immutable) library and the request, so they are memoised
    in one bounded LRU per instance (`cache_size` entries, 0 turns it off); a content reload
    builds a new `Answers`, which is all the invalidation needed. Answers and their items are
    frozen values: callers must not mutate what they get back.

    The search index is an in-memory SQLite database; use it from one thread at a time (the
    bot's event loop), and `close()` it when the library is replaced. The cache is not locked
    either, for the same reason.
    """

    def __init__(self, library: Library, *, cache_size: int = DEFAULT_CACHE_SIZE) -> None:
        if cache_size < 0:
            raise ValueError("cache_size must be >= 0")
        self.library = library
        self.catalog: Catalog = build_catalog(library)
        self.index = SearchIndex(library)
        self.cache_size = cache_size
        self._cached: functools._lru_cache_wrapper[Any] | None = None
        if cache_size:
            # Through a weak reference, not a bound method: that would be a reference cycle, and
            # once gc.freeze() has frozen it (the next load does) nothing would ever free it.
            self._cached = functools.lru_cache(maxsize=cache_size)(
                functools.partial(_build_for, weakref.ref(self))
            )

    def _answer(self, build: Callable[..., T], *args: Hashable) -> T:
        """`build(self, *args)`, from the cache when the request has been answered before."""
        cached = self._cached
        if cached is None or any(isinstance(a, str) and len(a) > MAX_CACHED_TEXT for a in args):
            return build(self, *args)
        result: T = cached(build, *args)
        return result

    def cache_info(self) -> functools._CacheInfo | None:
        """Hits, misses and size of the answer cache (None when it is off)."""
        return self._cached.cache_info() if self._cached is not None else None

    def summary(self, article: str | None = None, length: str = "short") -> Answer:
        return self._answer(_build_summary, article, length)

    def quotes(
        self,
        speaker: str | None = None,
        topic: str | None = None,
        article: str | None = None,
        *,
        everywhere: bool = False,
    ) -> Answer:
        return self._answer(_build_quotes, speaker, topic, article, everywhere)

    def background(self, topic: str | None = None, article: str | None = None) -> Answer:
        return self._answer(_build_background, topic, article)

    def facts(self, article: str | None = None) -> Answer:
        return self._answer(_build_facts, article)

    def who(self, person: str, article: str | None = None) -> Answer:
        return self._answer(_build_who, person, article)

    def timeline(self, article: str | None = None) -> Answer:
        return self._answer(_build_timeline, article)

    def articles(self) -> Answer:
        return self._answer(_build_articles)

    def ask(self, question: str) -> Answer:
        return self._answer(_build_ask, question)

    def digest(self, day: dt.date, previous: dt.date | None = None) -> Answer:
        return _digest(self.catalog, day, previous)

    def autocomplete(self, kind: str, text: str) -> list[tuple[str, str]]:
        # Kept as a tuple and copied out, so a caller changing its list cannot change the cache.
        return list(self._answer(_build_autocomplete, kind, text))

    def close(self) -> None:
        if self._cached is not None:
            self._cached.cache_clear()
        self.index.close()

    def __enter__(self) -> Answers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _build_for(answers: weakref.ref[Answers], build: Callable[..., Any], *args: Hashable) -> Any:
    built = answers()
    assert built is not None  # only its own Answers calls its cache
    return build(built, *args)


# The builders behind the cache: module-level, so a cache key is (builder, *arguments).


def _build_summary(answers: Answers, article: str | None, length: str) -> Answer:
    return _summary.summary(answers.catalog, article, length)


def _build_quotes(
    answers: Answers, speaker: str | None, topic: str | None, article: str | None, everywhere: bool
) -> Answer:
    return _quotes.quotes(answers.catalog, speaker, topic, article, everywhere=everywhere)


def _build_background(answers: Answers, topic: str | None, article: str | None) -> Answer:
    return _background.background(answers.catalog, topic, article)


def _build_facts(answers: Answers, article: str | None) -> Answer:
    return _facts.facts(answers.catalog, article)


def _build_who(answers: Answers, person: str, article: str | None) -> Answer:
    return _people.who(answers.catalog, person, article)


def _build_timeline(answers: Answers, article: str | None) -> Answer:
    return _facts.timeline(answers.catalog, article)


def _build_articles(answers: Answers) -> Answer:
    return _summary.articles(answers.catalog)


def _build_ask(answers: Answers, question: str) -> Answer:
    return _ask(answers.catalog, answers.index, question)


def _build_autocomplete(answers: Answers, kind: str, text: str) -> tuple[tuple[str, str], ...]:
    return tuple(_autocomplete(answers.catalog, kind, text))
