"""The plain value every answer builder returns and every renderer consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Citation:
    """A 1-based paragraph of an article's cleaned body."""

    article: str
    paragraph: int

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "paragraph": self.paragraph}


@dataclass(frozen=True)
class Item:
    """One entry of an answer (a quote, a fact, a timeline step, a topic...).

    `label` and `text` are what a reader sees; `data` is the machine-readable form for JSON
    (for quotes: speaker, text, paragraph, via, id, topics).
    """

    label: str
    text: str
    paragraphs: tuple[int, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "text": self.text,
            "paragraphs": list(self.paragraphs),
            **self.data,
        }


@dataclass(frozen=True)
class Answer:
    """What the bot says, independent of where it is shown.

    kind: summary, quotes, background, topics, facts, who, timeline, articles, ask, not_found,
    digest or unknown (a name that matched nothing; `suggestions` lists what exists).
    """

    kind: str
    title: str
    text: str
    article: str | None = None
    items: tuple[Item, ...] = ()
    citations: tuple[Citation, ...] = ()
    source: str | None = None
    suggestions: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "article": self.article,
            "title": self.title,
            "text": self.text,
            "items": [item.to_json() for item in self.items],
            "citations": [c.to_json() for c in self.citations],
            "source": self.source,
            "suggestions": list(self.suggestions),
        }
