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
from typing import NamedTuple

from bot.answers.matching import normalise
from bot.answers.query import Aliases, Query, match_expression, parse
from bot.answers.sentences import split_sentences
from bot.facts import Library

TOKENIZER = "porter unicode61 remove_diacritics 2"
FACT, QUOTE, BACKGROUND, SENTENCE = range(4)
KIND_NAMES = ("fact", "quote", "background", "sentence")
#: Curated keywords and names say what a row is about more reliably than its prose.
COLUMN_WEIGHTS = (1.0, 1.5)
_CANDIDATES = 40
#: A query matching more rows than this is split: all terms over the newest rows, rare terms
#: over the rest (see `search`).
FULL_SEARCH_ROWS = 1000
#: How many of the newest rows (whole articles) go into the `recent` table, where every term
#: is searched.
WINDOW_ROWS = 600
_STEM_CACHE = 20_000


class Hit(NamedTuple):
    """One matching row: which article, which kind and which entry, and its BM25 score (> 0).

    A named tuple: a question builds dozens of them, and a tuple is several times cheaper
    to create than a frozen dataclass.
    """

    row: int
    kind: int
    article: int
    ref: int
    paragraph: int
    text: str
    score: float


def _fold(text: str) -> str:
    return " ".join(text.split())


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
        self._window_end = 0
        self.aliases = Aliases()
        self._build()

    def close(self) -> None:
        self._conn.close()

    @property
    def size(self) -> int:
        return len(self._kinds)

    def _build(self) -> None:
        conn = self._conn
        conn.execute(f"CREATE VIRTUAL TABLE docs USING fts5(body, keywords, tokenize='{TOKENIZER}')")
        conn.execute(f"CREATE VIRTUAL TABLE recent USING fts5(body, keywords, tokenize='{TOKENIZER}')")
        with conn:
            conn.executemany("INSERT INTO docs(rowid, body, keywords) VALUES (?, ?, ?)", self._rows())
            conn.execute(
                "INSERT INTO recent(rowid, body, keywords) SELECT rowid, body, keywords FROM docs"
                " WHERE rowid < ?",
                (self._window_end,),
            )
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
                yield self._row(QUOTE, a_index, r, quote.paragraph, _fold(quote.text), keywords)
            for r, bg in enumerate(article.background):
                first = bg.paragraphs[0] if bg.paragraphs else 0
                keywords = " ; ".join([bg.title, *bg.aliases])
                yield self._row(BACKGROUND, a_index, r, first, _fold(bg.text), keywords)
            for number, paragraph in enumerate(article.paragraphs, start=1):
                for sentence in split_sentences(paragraph):
                    yield self._row(SENTENCE, a_index, 0, number, sentence, "")
            if a_index == 0 or len(self._kinds) <= WINDOW_ROWS:
                self._window_end = len(self._kinds)

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
        cache: dict[str, str] = {}  # names repeat across articles; normalise each once

        def norm(text: str) -> str:
            found = cache.get(text)
            if found is None:
                found = cache[text] = normalise(text)
            return found

        seen: set[tuple[str, ...]] = set()

        def add(phrases: list[str], canonical: str, person: str | None) -> None:
            group = (canonical, person or "", *phrases)
            if group in seen:  # the same person or topic in another article
                return
            seen.add(group)
            target = norm(canonical).split()
            for phrase in phrases:
                key = tuple(norm(phrase).split())
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
        self.aliases = Aliases((key, tuple(extra), person_id) for key, (extra, person_id) in merged.items())

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
        """Best rows first (score = -bm25, higher is better).

        BM25 has to score every row a term matches, so terms matching many rows are only
        searched in the newest articles; rare terms are searched everywhere. That keeps a
        query's work bounded however large the library grows.
        """
        stems = self.stems((*query.terms(widen=widen), *query.question_words, "said"))
        df = {w: self._df.get(stem, 0) if stem else 0 for w, stem in stems.items()}
        terms = [w for w in query.terms(widen=widen) if df[w]]
        if not terms:
            return []
        question_words = [w for w in query.question_words if df[w]]
        said = query.wants_quote and df["said"] > 0
        cost = sum(df[w] for w in terms) + sum(df[w] for w in question_words) + said * df["said"]
        everything = match_expression(terms, question_words, said=said)
        if cost <= FULL_SEARCH_ROWS or self._window_end >= self.size:
            return self._run("docs", everything, limit)
        hits = {h.row: h for h in self._run("recent", everything, limit)}
        rare: list[str] = []
        budget = FULL_SEARCH_ROWS
        for word in sorted(terms, key=lambda w: df[w]):
            if df[word] > budget:
                break
            rare.append(word)
            budget -= df[word]
        if rare:
            for hit in self._run("docs", match_expression(rare), limit, self._window_end):
                hits.setdefault(hit.row, hit)
        return sorted(hits.values(), key=lambda h: (-round(h.score, 4), h.row))[:limit]

    def _run(self, table: str, expression: str, limit: int, first: int = 0) -> list[Hit]:
        """Rows from `first` on matching the expression, best first.

        FTS5's bm25() counts each term's rows over the whole table for its IDF, which is why
        common terms are searched in the small `recent` table instead of `docs`.
        """
        try:
            rows = self._conn.execute(
                f"SELECT rowid, body, bm25({table}, {COLUMN_WEIGHTS[0]}, {COLUMN_WEIGHTS[1]}) AS score"
                f" FROM {table} WHERE {table} MATCH ? AND rowid >= ?"
                " ORDER BY round(score, 4), rowid LIMIT ?",
                (expression, first, limit),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [
            Hit(r, self._kinds[r], self._articles[r], self._refs[r], self._paragraphs[r], body, -score)
            for r, body, score in rows
        ]
