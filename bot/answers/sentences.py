"""Splitting body paragraphs into sentences, verbatim, for search and short previews."""

from __future__ import annotations

import re

# A sentence ends at . ! or ? (optionally followed by a closing quote) before whitespace and a
# capital letter, digit or opening quote. Abbreviations are rare in news copy, and a split
# inside one still yields verbatim text.
_BOUNDARY = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”’\"']))\s+(?=[“‘\"'(]?[A-Z0-9])")


def split_sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences, each a verbatim substring of it."""
    return [part for part in (p.strip() for p in _BOUNDARY.split(paragraph)) if part]


def first_sentence(text: str) -> str:
    sentences = split_sentences(text)
    return sentences[0] if sentences else text
