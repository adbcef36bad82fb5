"""Pydantic models for one article file; cross-references are checked in `checks`."""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

#: Discord embed limits the summaries must fit in (description 4096, field value 1024).
SHORT_SUMMARY_MAX = 300
DETAILED_SUMMARY_MAX = 1024

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$"),
]
Paragraph = Annotated[int, Field(ge=1, strict=True)]

_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_PARAGRAPH_BREAK = "\n\n"


def fold_whitespace(text: str) -> str:
    """Collapse runs of whitespace so YAML line-wrapping never breaks a verbatim match.

    `str.split()` splits on exactly the characters regex `\\s` matches (`str.isspace`), so this is
    `re.sub(r"\\s+", " ", text).strip()`, about four times faster.
    """
    return " ".join(text.split())


def split_paragraphs(body: str) -> tuple[str, ...]:
    """Paragraphs are separated by blank lines; numbering in the content is 1-based into these."""
    return tuple(fold_whitespace(p) for p in _BLANK_LINES.split(body) if p.strip())


#: One `__pydantic_fields_set__` per combination of keys given, shared by the models that have it.
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)

    @model_validator(mode="after")
    def _share_fields_set(self) -> Self:
        """Frozen models never change which of their fields were set, so models with the same
        keys can share that set: pydantic makes one per instance, about 10 KB per article."""
        fields = self.__pydantic_fields_set__
        object.__setattr__(self, "__pydantic_fields_set__", _FIELDS_SETS.setdefault(frozenset(fields), fields))
        return self


class Source(_Model):
    name: Text
    url: Text | None = None


class Summary(_Model):
    short: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_SUMMARY_MAX)]
    detailed: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=DETAILED_SUMMARY_MAX)]


class Image(_Model):
    caption: Text
    credit: Text | None = None


class Person(_Model):
    id: Slug
    name: Text
    role: Text
    aliases: list[Text] = []


class Fact(_Model):
    id: Slug
    text: Text
    paragraphs: Annotated[list[Paragraph], Field(min_length=1)]
    keywords: list[Text] = []


class Quote(_Model):
    id: Slug
    speaker: Slug
    text: Text
    paragraph: Paragraph
    via: Text | None = None
    topics: list[Text] = []


class Background(_Model):
    """Context a reader asks about; anything beyond the article must be marked editorial."""

    id: Slug
    title: Text
    aliases: list[Text] = []
    text: Text
    paragraphs: list[Paragraph] = []
    editorial: StrictBool = False
    source: Source | None = None

    @model_validator(mode="after")
    def _editorial_needs_source(self) -> Background:
        # `key` in the context tells the loader which line to point at.
        if self.editorial and self.source is None:
            raise PydanticCustomError(
                "editorial_source",
                "editorial background (`editorial: true`) needs a `source`",
                {"key": "editorial"},
            )
        if not self.editorial and not self.paragraphs:
            raise PydanticCustomError(
                "background_paragraphs",
                "background needs `paragraphs` from the article, or `editorial: true` with a `source`",
                {"key": "paragraphs"},
            )
        return self


class TimelineEntry(_Model):
    when: Text
    date: dt.date | None = None
    text: Text
    paragraphs: Annotated[list[Paragraph], Field(min_length=1)]


class Article(_Model):
    """One news article and the curated facts about it."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, ignored_types=(cached_property,))

    id: Slug
    title: Text
    published: dt.date
    source: Source
    tags: list[Text] = []
    summary: Summary
    image: Image | None = None
    body: Text
    people: list[Person] = []
    facts: list[Fact] = []
    quotes: list[Quote] = []
    background: list[Background] = []
    timeline: list[TimelineEntry] = []

    @field_validator("body")
    @classmethod
    def _clean_body(cls, body: str) -> str:
        """The body is kept cleaned: its paragraphs, whitespace folded, joined by blank lines.

        So `paragraphs` is one cheap split and the text is held once, not twice (about 9 KB
        per article of curly-quoted text).
        """
        return _PARAGRAPH_BREAK.join(split_paragraphs(body))

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The cleaned body split into paragraphs; index 0 is paragraph 1."""
        return tuple(self.body.split(_PARAGRAPH_BREAK))

    def paragraph(self, number: int) -> str:
        return self.paragraphs[number - 1]

    @cached_property
    def _people_by_id(self) -> dict[str, Person]:
        found: dict[str, Person] = {}
        for person in self.people:
            found.setdefault(person.id, person)  # the first, as a scan would find
        return found

    def person(self, person_id: str) -> Person | None:
        return self._people_by_id.get(person_id)
