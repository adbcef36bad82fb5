"""Turning a reader's free text into search terms, safely.

User text never reaches FTS5 as syntax: it is split into words, stopwords are dropped, and each
word is quoted, so `"`, `*`, `NEAR(`, `OR`, `-`, `:` and `^` are just characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from bot.answers.matching import normalise

MAX_QUESTION = 1000
MAX_WORDS = 24
MAX_WORD = 40
MAX_EXPANSION = 10

_WORD = re.compile(r"[^\W_]+")

def _split(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _split(
    """
    a about above after again against all am an and any are aren as at be because been before
    being below between both but by can cannot could couldn did didn do does doesn doing don down
    during each few for from further had hadn has hasn have haven having he her here hers herself
    him himself his i if in into is isn it its itself just let me more most mustn my myself no nor
    not now of off on once only or other ought our ours ourselves out over own please same shan
    she should shouldn so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was wasn we were weren what whats while
    with won would wouldn you your yours yourself yourselves s t d ll m re ve y also any anything
    something tell me know does much many really actually get got give show explain describe
    article articles news story report bot newsbrief near everyone everybody anyone anybody
    someone somebody hi hello hey thanks thank
    """
)
#: Question words help ranking (facts carry them as keywords) but are not content on their own.
QUESTION_WORDS = frozenset({"who", "whom", "whose", "where", "when", "why", "how", "which"})
#: Words asking for someone's own words: dropped from the search, they ask for a quote.
SPEECH_WORDS = frozenset(
    {"say", "said", "says", "saying", "quote", "quotes", "quoted", "words", "tell", "told", "think",
     "thinks", "thought", "comment", "comments", "commented", "remarks", "wrote", "write", "writes",
     "tweet", "tweeted", "post", "posted", "statement"}
)


@dataclass(frozen=True)
class Query:
    """The parts of a question the search uses."""

    content: tuple[str, ...]
    question_words: frozenset[str]
    wants_quote: bool
    expansion: tuple[str, ...] = ()
    people: tuple[str, ...] = field(default=())

    def terms(self, *, widen: bool = False) -> tuple[str, ...]:
        """Search terms: content words, plus the names behind aliases when widening."""
        return tuple(dict.fromkeys((*self.content, *(self.expansion if widen else ()))))


def match_expression(
    terms: Iterable[str], question_words: Iterable[str] = (), *, said: bool = False
) -> str:
    """An FTS5 MATCH string: every term quoted and ORed; empty when there is no term.

    Question words only match curated keywords (a fact tagged `where` answers "where...");
    `said` favours reported speech ("Hegseth said ...") when the question asks for words.
    """
    parts = [f'"{term}"' for term in terms]
    if not parts:
        return ""
    parts.extend(f'keywords : "{word}"' for word in sorted(question_words))
    if said:
        parts.append('body : "said"')
    return " OR ".join(parts)


def words(text: str) -> list[str]:
    """Normalised words of the text, in order, de-duplicated, bounded in number and length."""
    found = _WORD.findall(normalise(text[:MAX_QUESTION]))
    unique = dict.fromkeys(w for w in found if len(w) <= MAX_WORD)
    return list(unique)[:MAX_WORDS]


#: One alias: its phrase (normalised words), the canonical name's words, and the person id or None.
Alias = tuple[tuple[str, ...], tuple[str, ...], str | None]


class Aliases:
    """Alias phrases keyed by their whole word tuple, looked up by slices of the question.

    Keying by the first word made every question word scan all phrases starting with it (a
    common word or place name starts thousands in a large library); a phrase lookup costs one
    dict probe per question position and distinct phrase length, however many phrases there are.
    """

    def __init__(self, aliases: Iterable[Alias] = ()) -> None:
        self._phrases: dict[tuple[str, ...], tuple[int, tuple[str, ...], str | None]] = {}
        for phrase, extra, person in aliases:
            if phrase and phrase not in self._phrases:
                self._phrases[phrase] = (len(self._phrases), extra, person)
        self._lengths = tuple(sorted({len(phrase) for phrase in self._phrases}))

    def __len__(self) -> int:
        return len(self._phrases)

    def found(self, tokens: Sequence[str]) -> Iterator[tuple[tuple[str, ...], str | None]]:
        """(expansion words, person id) of each alias in the tokens: by position, then in the
        order the aliases were given."""
        phrases = self._phrases
        for i in range(len(tokens)):
            here = []
            for length in self._lengths:
                if i + length > len(tokens):
                    break
                match = phrases.get(tuple(tokens[i : i + length]))
                if match is not None:
                    here.append(match)
            here.sort(key=lambda match: match[0])
            for _, extra, person in here:
                yield extra, person


NO_ALIASES = Aliases()


def parse(question: str, aliases: Aliases = NO_ALIASES) -> Query:
    """Split the question into content words, widening with aliases found in it."""
    tokens = words(question)
    content = tuple(
        w for w in tokens
        if (len(w) > 1 or w.isdigit())  # a lone letter matches noise ("X" the network)
        and w not in STOPWORDS and w not in QUESTION_WORDS and w not in SPEECH_WORDS
    )
    expansion: list[str] = []
    people: list[str] = []
    for extra, person in aliases.found(tokens):
        expansion.extend(w for w in extra if w not in STOPWORDS and w not in content)
        if person is not None:
            people.append(person)
    return Query(
        content=content,
        question_words=frozenset(w for w in tokens if w in QUESTION_WORDS),
        wants_quote=any(w in SPEECH_WORDS for w in tokens),
        expansion=tuple(dict.fromkeys(expansion))[:MAX_EXPANSION],
        people=tuple(dict.fromkeys(people)),
    )
