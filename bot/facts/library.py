"""The loaded, validated collection of articles that every answer is built from."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from bot.facts.schema import Article


@dataclass(frozen=True)
class Library:
    """Articles newest first, with a version string that changes whenever the content does."""

    articles: tuple[Article, ...]
    version: str = ""
    _by_id: dict[str, Article] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.articles, key=lambda a: (a.published, a.id), reverse=True))
        object.__setattr__(self, "articles", ordered)
        self._by_id.update((a.id, a) for a in ordered)
        if not self.version:
            digest = hashlib.sha256()
            for article in ordered:
                digest.update(article.model_dump_json().encode())
            object.__setattr__(self, "version", digest.hexdigest()[:12])

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def get(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    @property
    def newest(self) -> Article | None:
        return self.articles[0] if self.articles else None
