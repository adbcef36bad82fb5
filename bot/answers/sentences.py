"""Splitting body paragraphs into sentences, verbatim, for search and short previews."""

from __future__ import annotations

import re

# A sentence ends at . ! or ? (and any closing quote) followed by whitespace and a capital
# letter, digit or opening quote. Abbreviations are rare in news copy, and a split inside one
# still yields verbatim text.
_END = re.compile(r"[.!?][”’\"']?\s+(?=[“‘\"'(]?[A-Z0-9])")


def split_sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences, each a verbatim substring of it."""
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(paragraph):
        piece = paragraph[start : match.end()].strip()
        if piece:
            sentences.append(piece)
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def first_sentence(text: str) -> str:
    sentences = split_sentences(text)
    return sentences[0] if sentences else text
