"""Checks that span fields of an article: ids, references, paragraph ranges, verbatim quotes.

Pure functions returning `(location, message)` pairs; the loader turns locations into lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from bot.facts.schema import Article, fold_whitespace

Location = tuple[str | int, ...]
Finding = tuple[Location, str]


def check_article(article: Article) -> list[Finding]:
    """Everything pydantic cannot see from one field alone."""
    return [
        *_duplicate_ids(article),
        *_paragraph_ranges(article),
        *_speakers(article),
        *_verbatim_quotes(article),
    ]


def _duplicate_ids(article: Article) -> Iterator[Finding]:
    sections: dict[str, Iterable[str]] = {
        "people": (p.id for p in article.people),
        "facts": (f.id for f in article.facts),
        "quotes": (q.id for q in article.quotes),
        "background": (b.id for b in article.background),
    }
    for section, ids in sections.items():
        first: dict[str, int] = {}
        for index, item_id in enumerate(ids):
            if item_id in first:
                earlier = f"{section}.{first[item_id]}"
                message = f"duplicate id {item_id!r} in `{section}` (also used by {earlier})"
                yield (section, index, "id"), message
            else:
                first[item_id] = index


def _paragraph_ranges(article: Article) -> Iterator[Finding]:
    count = len(article.paragraphs)

    def bad(numbers: Iterable[int], where: Location) -> Iterator[Finding]:
        for i, n in enumerate(numbers):
            if n > count:
                yield (*where, i), f"paragraph {n} is out of range: the body has {count} paragraphs"

    for i, fact in enumerate(article.facts):
        yield from bad(fact.paragraphs, ("facts", i, "paragraphs"))
    for i, bg in enumerate(article.background):
        yield from bad(bg.paragraphs, ("background", i, "paragraphs"))
    for i, entry in enumerate(article.timeline):
        yield from bad(entry.paragraphs, ("timeline", i, "paragraphs"))
    for i, quote in enumerate(article.quotes):
        if quote.paragraph > count:
            yield (
                ("quotes", i, "paragraph"),
                f"paragraph {quote.paragraph} is out of range: the body has {count} paragraphs",
            )


def _speakers(article: Article) -> Iterator[Finding]:
    known = {p.id for p in article.people}
    for i, quote in enumerate(article.quotes):
        if quote.speaker not in known:
            names = ", ".join(sorted(known)) or "none"
            yield (
                ("quotes", i, "speaker"),
                f"speaker {quote.speaker!r} is not in `people` (known: {names})",
            )


def _verbatim_quotes(article: Article) -> Iterator[Finding]:
    count = len(article.paragraphs)
    for i, quote in enumerate(article.quotes):
        if quote.paragraph > count:
            continue  # already reported as out of range
        text = fold_whitespace(quote.text)
        paragraph = article.paragraph(quote.paragraph)
        if text not in paragraph:
            yield (
                ("quotes", i, "text"),
                f"quote {quote.id!r} is not verbatim in paragraph {quote.paragraph}"
                f"{_where_it_differs(text, paragraph)}",
            )


_QUOTE_MARKS = frozenset("'\"‘’“”`")


def _where_it_differs(text: str, paragraph: str) -> str:
    """Point at the first character of the quote that the paragraph does not continue with."""
    low, high = 0, len(text)  # the longest prefix found in the paragraph has length in [low, high]
    while low < high:
        middle = (low + high + 1) // 2
        if text[:middle] in paragraph:
            low = middle
        else:
            high = middle - 1
    if low == 0:
        return ": none of it appears there"
    rest = text[low : low + 24]
    hint = ""
    if text[low] in _QUOTE_MARKS:
        hint = "; quote marks and apostrophes must be the article's own (’ is not ')"
    return f": it matches up to {text[max(0, low - 24) : low]!r}, then has {rest!r}{hint}"
