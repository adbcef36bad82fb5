"""The `Answers` facade: one object per loaded library, shared by the bot and the CLI."""

from __future__ import annotations

import datetime as dt

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


class Answers:
    """Builds the name catalogue and search index once; every method is a pure lookup after that.

    The search index is an in-memory SQLite database; use it from one thread at a time (the
    bot's event loop), and `close()` it when the library is replaced.
    """

    def __init__(self, library: Library) -> None:
        self.library = library
        self.catalog: Catalog = build_catalog(library)
        self.index = SearchIndex(library)

    def summary(self, article: str | None = None, length: str = "short") -> Answer:
        return _summary.summary(self.catalog, article, length)

    def quotes(
        self,
        speaker: str | None = None,
        topic: str | None = None,
        article: str | None = None,
        *,
        everywhere: bool = False,
    ) -> Answer:
        return _quotes.quotes(self.catalog, speaker, topic, article, everywhere=everywhere)

    def background(self, topic: str | None = None, article: str | None = None) -> Answer:
        return _background.background(self.catalog, topic, article)

    def facts(self, article: str | None = None) -> Answer:
        return _facts.facts(self.catalog, article)

    def who(self, person: str, article: str | None = None) -> Answer:
        return _people.who(self.catalog, person, article)

    def timeline(self, article: str | None = None) -> Answer:
        return _facts.timeline(self.catalog, article)

    def articles(self) -> Answer:
        return _summary.articles(self.catalog)

    def ask(self, question: str) -> Answer:
        return _ask(self.catalog, self.index, question)

    def digest(self, day: dt.date, previous: dt.date | None = None) -> Answer:
        return _digest(self.catalog, day, previous)

    def autocomplete(self, kind: str, text: str) -> list[tuple[str, str]]:
        return _autocomplete(self.catalog, kind, text)

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> Answers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
