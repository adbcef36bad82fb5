"""Slash-command autocomplete: up to 25 (name, value) choices for partial or misspelled text."""

from __future__ import annotations

from bot.answers.matching import NameIndex
from bot.answers.names import Catalog, clip

MAX_CHOICES = 25
MAX_NAME = 100
MAX_VALUE = 100
KINDS = ("article", "speaker", "person", "topic", "quote_topic", "timezone")


def autocomplete(catalog: Catalog, kind: str, text: str) -> list[tuple[str, str]]:
    """Choices for `kind`; an unknown kind has none. Never raises, whatever the text."""
    index = _index(catalog, kind)
    if index is None:
        return []
    return [
        (clip(entry.name, MAX_NAME), entry.value)
        for entry, _ in index.search(text or "", limit=MAX_CHOICES)
        if len(entry.value) <= MAX_VALUE
    ]


def _index(catalog: Catalog, kind: str) -> NameIndex | None:
    return {
        "article": catalog.articles,
        "speaker": catalog.speakers,
        "person": catalog.people,
        "topic": catalog.topics,
        "quote_topic": catalog.quote_topics,
        "timezone": catalog.timezones,
    }.get(kind)
