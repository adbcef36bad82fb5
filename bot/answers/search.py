"""The full-text index behind `ask`: SQLite FTS5 (porter stemming, BM25), in memory.

Rows are facts, quotes, background topics and body sentences of every article. The index is
built once per library and only read afterwards (apart from a scratch table used to stem query
words with the very tokenizer the index uses).
"""

from __future__ import annotations

import math
import sqlite3
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from bot.answers.matching import normalise
from bot.answers.query import Query, parse
from bot.answers.sentences import split_sentences
from bot.facts import Library
from bot.facts.schema import fold_whitespace

TOKENIZER = "porter unicode61 remove_diacritics 2"
FACT, QUOTE, BACKGROUND, SENTENCE = range(4)
KIND_NAMES = ("fact", "quote", "background", "sentence")
#: Curated keywords and names say what a row is about more reliably than its prose.
COLUMN_WEIGHTS = (1.0, 1.5)
_CANDIDATES = 40
_STEM_CACHE = 20_000


@dataclass(frozen=True)
class Hit:
    """One matching row: which article, which kind and which entry, and its BM25 score (> 0)."""

    kind: int
    article: int
    ref: int
    paragraph: int
    text: str
    score: float


class SearchIndex:
    """FTS5 over a library; query with `search(question)`."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._conn = sqlite3.connect(":memory:", check_same_thread=False)
        self._kinds = array("b")
        self._articles = array("l")
        self._refs = array("l")
        self._paragraphs = array("l")
        self._stems: dict[str, str | None] = {}
        self.aliases: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str | None]]] = {}
        self._build()

    def close(self) -> None:
        self._conn.close()

    @property
    def size(self) -> int:
        return len(self._kinds)

    def _build(self) -> None:
        conn = self._conn
        conn.execute(f"CREATE VIRTUAL TABLE docs USING fts5(body, keywords, tokenize='{TOKENIZER}')")
        conn.execute(
            "INSERT INTO docs(docs, rank) VALUES('rank', ?)",
            (f"bm25({COLUMN_WEIGHTS[0]}, {COLUMN_WEIGHTS[1]})",),
        )
        with conn:
            conn.executemany("INSERT INTO docs(rowid, body, keywords) VALUES (?, ?, ?)", self._rows())
        conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, docs, row)")
        self._df = dict(conn.execute("SELECT term, doc FROM temp.vocab"))
        conn.execute("DROP TABLE temp.vocab")
        conn.execute(f"CREATE VIRTUAL TABLE temp.scratch USING fts5(t, tokenize='{TOKENIZER}')")
        conn.execute("CREATE VIRTUAL TABLE temp.scratch_terms USING fts5vocab(temp, scratch, instance)")
        self._build_aliases()

    def _rows(self) -> Iterator[tuple[int, str, str]]:
        for a_index, article in enumerate(self.library.articles):
            for r, fact in enumerate(article.facts):
                yield self._row(FACT, a_index, r, fact.paragraphs[0], fact.text, " ; ".join(fact.keywords))
            for r, quote in enumerate(article.quotes):
                person = article.person(quote.speaker)
                names = [person.name, *person.aliases] if person is not None else [quote.speaker]
                keywords = " ; ".join([*names, *quote.topics])
                yield self._row(QUOTE, a_index, r, quote.paragraph, fold_whitespace(quote.text), keywords)
            for r, bg in enumerate(article.background):
                first = bg.paragraphs[0] if bg.paragraphs else 0
                keywords = " ; ".join([bg.title, *bg.aliases])
                yield self._row(BACKGROUND, a_index, r, first, fold_whitespace(bg.text), keywords)
            for number, paragraph in enumerate(article.paragraphs, start=1):
                for sentence in split_sentences(paragraph):
                    yield self._row(SENTENCE, a_index, 0, number, sentence, "")

    def _row(self, kind: int, article: int, ref: int, paragraph: int, body: str, keywords: str
             ) -> tuple[int, str, str]:
        self._kinds.append(kind)
        self._articles.append(article)
        self._refs.append(ref)
        self._paragraphs.append(paragraph)
        return len(self._kinds) - 1, body, keywords

    def _build_aliases(self) -> None:
        """Alias phrase -> the canonical name's words, so 'Moscow' also searches 'Russia'."""
        merged: dict[tuple[str, ...], tuple[dict[str, None], str | None]] = {}

        def add(phrases: list[str], canonical: str, person: str | None) -> None:
            target = normalise(canonical).split()
            for phrase in phrases:
                key = tuple(normalise(phrase).split())
                if not key:
                    continue
                extra, _ = merged.setdefault(key, ({}, person))
                if len(extra) < 8:
                    extra.update((w, None) for w in target if w not in key)

        for article in self.library.articles:
            for person in article.people:
                add([person.name, *person.aliases], person.name, person.id)
            for bg in article.background:
                add([bg.title, *bg.aliases], bg.title, None)
        for key, (extra, person_id) in merged.items():
            self.aliases.setdefault(key[0], []).append((key, tuple(extra), person_id))

    def parse(self, question: str) -> Query:
        return parse(question, self.aliases)

    def stems(self, words: tuple[str, ...]) -> dict[str, str | None]:
        """Each word as the index tokenizer stems it (None when it yields no token)."""
        missing = [w for w in words if w not in self._stems]
        if missing:
            if len(self._stems) > _STEM_CACHE:
                self._stems.clear()
            conn = self._conn
            conn.executemany("INSERT INTO temp.scratch(rowid, t) VALUES (?, ?)", enumerate(missing))
            found = dict.fromkeys(missing, None)
            for term, doc in conn.execute("SELECT term, doc FROM temp.scratch_terms"):
                found[missing[doc]] = term
            conn.execute("DELETE FROM temp.scratch")
            conn.commit()
            self._stems.update(found)
        return {w: self._stems[w] for w in words}

    def coverage(self, query: Query) -> float:
        """Share of the question's information (IDF-weighted) that the content knows at all.

        A word the content never uses weighs the most, so "capital of India" is mostly unknown
        even though "India" is everywhere.
        """
        if not query.content:
            return 0.0
        total = self.size
        known = weight = 0.0
        for stem in self.stems(query.content).values():
            if stem is None:
                continue
            df = self._df.get(stem, 0)
            idf = max(math.log((total - df + 0.5) / (df + 0.5) + 1.0), 0.05)
            weight += idf
            if df:
                known += idf
        return known / weight if weight else 0.0

    def search(self, query: Query, limit: int = _CANDIDATES, *, widen: bool = False) -> list[Hit]:
        """Best rows first (score = -bm25, higher is better)."""
        expression = query.match_expression(widen=widen)
        if not expression:
            return []
        try:
            rows = self._conn.execute(
                "SELECT rowid, body, rank FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?",
                (expression, limit),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [
            Hit(self._kinds[r], self._articles[r], self._refs[r], self._paragraphs[r], body, -rank)
            for r, body, rank in rows
        ]
