"""Name normalisation and tolerant lookup, shared by the builders and autocomplete.

Readers type names in any case, without accents and with typos; editors write them properly.
Everything is compared in one normalised form, and lookups go exact -> prefix -> substring ->
fuzzy (difflib over a small candidate set found through trigrams, so large catalogues stay fast).
"""

from __future__ import annotations

import difflib
import heapq
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_NON_WORD = re.compile(r"[\W_]+")
#: A trigram shared by more entries than this says nothing about a typo; skip it.
_COMMON_TRIGRAM = 250
_FUZZY_CANDIDATES = 10
_FUZZY_QUERY = 40
_FUZZY_CUTOFF = 0.6
#: Below this many entries a scan of all keys is cheap; above, candidates come from trigrams...
_SCAN_ENTRIES = 500
#: ...unless even the rarest trigram of the pattern is in more entries than this (the pattern
#: is then common, and a scan finds `limit` matches quickly).
_CHECK_ENTRIES = 1500
#: Postings intersected (rarest first); the check of each candidate's keys is exact anyway.
_INTERSECT = 4
_RESOLVE_CUTOFF = 0.75
MAX_QUERY = 200


def normalise(text: str) -> str:
    """Casefolded, accent-free, punctuation as single spaces: the one form names are compared in."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(
            c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
        )
    return _NON_WORD.sub(" ", text.casefold()).strip()


@dataclass(frozen=True)
class Entry:
    """One thing a reader can name: `value` is what code uses, `name` what a reader sees."""

    value: str
    name: str
    keys: tuple[str, ...]


def entry(value: str, name: str, keys: Iterable[str]) -> Entry:
    """An Entry whose keys are normalised (empty and duplicate keys dropped)."""
    normalised = dict.fromkeys(k for k in (normalise(key) for key in (value, name, *keys)) if k)
    return Entry(value=value, name=name, keys=tuple(normalised))


# Match qualities, best first.
EXACT, PREFIX, WORD, SUBSTRING, FUZZY = range(5)


class NameIndex:
    """Entries searchable by any of their keys; immutable once built (its trigram postings are
    built on the first search that needs them, as most indexes of a large library are never
    searched by partial or misspelt names between reloads)."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = tuple(entries)
        self._exact: dict[str, int] = {}
        starts: list[int] = []
        owners: list[int] = []
        lines: list[str] = []
        offset = 1
        for index, item in enumerate(self.entries):
            for key in item.keys:
                self._exact.setdefault(key, index)
                starts.append(offset)
                owners.append(index)
                lines.append(key)
                offset += len(key) + 1
        self._blob = "\n" + "\n".join(lines) + "\n"
        self._starts = starts
        self._owners = owners
        self._postings: dict[str, list[int]] | None = None

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def _trigrams(self) -> dict[str, list[int]]:
        """Trigram -> indexes of the entries with a key containing it (padded with spaces)."""
        if self._postings is None:
            trigrams: defaultdict[str, list[int]] = defaultdict(list)
            for index, item in enumerate(self.entries):
                grams: set[str] = set()
                for key in item.keys:
                    grams.update(_trigrams(key))
                for gram in grams:
                    trigrams[gram].append(index)
            self._postings = dict(trigrams)
        return self._postings

    def exact(self, text: str) -> Entry | None:
        index = self._exact.get(normalise(text[:MAX_QUERY]))
        return None if index is None else self.entries[index]

    def search(self, text: str, limit: int = 25) -> list[tuple[Entry, int]]:
        """Best matches first, each with its match quality; empty text lists the first entries."""
        query = normalise(text[:MAX_QUERY])
        if not query:
            return [(e, SUBSTRING) for e in self.entries[:limit]]
        found: dict[int, int] = {}
        exact = self._exact.get(query)
        if exact is not None:
            found[exact] = EXACT
        tests = ((PREFIX, "\n" + query), (WORD, " " + query), (SUBSTRING, query))
        for quality, pattern in tests:
            self._find(pattern, len(pattern) - len(query), quality, found, limit)
            if len(found) >= limit:
                break
        if not found and len(query) >= 3:
            for index in self._fuzzy(query[:_FUZZY_QUERY]):
                found.setdefault(index, FUZZY)
                if len(found) >= limit:
                    break
        return [(self.entries[i], q) for i, q in list(found.items())[:limit]]

    def resolve(self, text: str) -> Entry | None:
        """The single entry a reader most likely meant, or None when nothing is close enough."""
        query = normalise(text[:MAX_QUERY])
        if not query:
            return None
        results = self.search(query, limit=2)
        if not results:
            return None
        best, quality = results[0]
        if quality <= WORD or (quality == SUBSTRING and len(query) >= 3):
            return best
        if quality == FUZZY and _similarity(query, best.keys, _RESOLVE_CUTOFF) >= _RESOLVE_CUTOFF:
            return best
        return None

    def _find(self, pattern: str, skip: int, quality: int, found: dict[int, int], limit: int) -> None:
        """Add the entries whose keys contain `pattern` ("\\n" marks a key's start), in entry
        order, until `found` holds `limit`.

        Scanning the blob of all keys costs a millisecond or more when the pattern is rare in a
        large index, so a pattern whose rarest trigrams leave few entries checks only those.
        """
        candidates = self._candidates(pattern.replace("\n", " "))
        if candidates is None:
            self._scan(pattern, skip, quality, found, limit)
            return
        text = pattern[skip:]
        for index in candidates:
            if len(found) >= limit:
                return
            if index in found:
                continue
            keys = self.entries[index].keys
            if skip == 0:
                hit = any(text in key for key in keys)
            elif pattern[0] == "\n":
                hit = any(key.startswith(text) for key in keys)
            else:
                hit = any(pattern in key for key in keys)
            if hit:
                found[index] = quality

    def _candidates(self, pattern: str) -> list[int] | None:
        """Entries (in order) that may contain the pattern, or None when the blob is cheaper.

        An entry containing the pattern has every trigram of it among its keys' trigrams.
        """
        if len(pattern) < 3 or len(self.entries) < _SCAN_ENTRIES:
            return None
        trigrams = self._trigrams
        postings = []
        for i in range(len(pattern) - 2):
            posting = trigrams.get(pattern[i : i + 3])
            if posting is None:
                return []
            postings.append(posting)
        postings.sort(key=len)
        if len(postings[0]) > _CHECK_ENTRIES:
            return None
        chosen = set(postings[0])
        for posting in postings[1:_INTERSECT]:
            if len(posting) > _CHECK_ENTRIES * 4:
                break
            chosen.intersection_update(posting)
        return sorted(chosen)

    def _scan(self, pattern: str, skip: int, quality: int, found: dict[int, int], limit: int) -> None:
        position = self._blob.find(pattern)
        while position >= 0 and len(found) < limit:
            key = bisect_right(self._starts, position + skip) - 1
            found.setdefault(self._owners[key], quality)
            position = self._blob.find(pattern, position + 1)

    def _fuzzy(self, query: str) -> list[int]:
        """Entries sharing the most trigrams with the query, confirmed by difflib."""
        counts: Counter[int] = Counter()
        grams = _trigrams(query)
        for gram in grams:
            posting = self._trigrams.get(gram, ())
            if len(posting) <= _COMMON_TRIGRAM:
                counts.update(posting)
        scored = []
        # Ties go to the earlier entry: Counter.most_common would break them by the order the
        # query's trigram set iterates in, which changes with the process's string hash seed.
        best = heapq.nsmallest(_FUZZY_CANDIDATES, counts.items(), key=lambda pair: (-pair[1], pair[0]))
        for index, shared in best:
            if shared * 4 < len(grams):  # too little in common to be a typo of it
                break
            score = _similarity(query, self.entries[index].keys, _FUZZY_CUTOFF)
            if score >= _FUZZY_CUTOFF:
                scored.append((-score, index))
        return [index for _, index in sorted(scored)]


def _trigrams(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _similarity(query: str, keys: Iterable[str], floor: float = 0.0) -> float:
    """Best ratio against a key or against any run of the key's words as long as the query.

    Only scores of at least `floor` are exact (a lower result means "below the floor"): callers
    compare with a cutoff, so candidates whose upper bounds fall short skip the costly ratio().
    """
    best = floor - 1e-9
    width = query.count(" ") + 1
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(query)
    tried: set[str] = set()
    for key in keys:
        words = key.split()
        # Runs from the start first: readers type a name from its beginning, so the best score
        # tends to come early and lets the upper bounds skip most of the rest.
        for candidate in (*(" ".join(words[i : i + width]) for i in range(len(words))), key):
            if candidate in tried:
                continue
            tried.add(candidate)
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                best = max(best, matcher.ratio())
    return max(best, 0.0)
