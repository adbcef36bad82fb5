"""`ask`: free-text questions answered only with what the content says, with citations.

The search ranks facts, quotes, background and body sentences with BM25; the answer leads with
the best fact or sentence, adds close runners-up and, when the question asks what someone said,
their quote. When the content does not know most of what the question is about, the answer says
so instead of guessing.
"""

from __future__ import annotations

from functools import lru_cache

from bot.answers.common import citations, echo, library_line, sources_line
from bot.answers.facts import fact_item
from bot.answers.matching import normalise
from bot.answers.model import Answer, Citation, Item
from bot.answers.names import Catalog
from bot.answers.query import Query
from bot.answers.quotes import quote_item
from bot.answers.search import BACKGROUND, FACT, QUOTE, SENTENCE, Hit, SearchIndex
from bot.facts import Article

NOT_FOUND_TEXT = "The articles I know don't cover that."
#: Below this share of IDF-weighted question words known to the content, answer "not found".
MIN_COVERAGE = 0.6
#: The best row must score above this (BM25 after kind weights). Coverage does the real
#: gatekeeping: a word in most rows scores near zero yet is a fair question ("India?").
MIN_SCORE = 0.0
#: Runners-up must score at least this share of the lead to be shown.
SUPPORT_RATIO = 0.6
MAX_SUPPORT = 2
KIND_WEIGHT = {FACT: 1.3, BACKGROUND: 1.0, QUOTE: 0.9, SENTENCE: 0.8}
QUESTION_BONUS = 1.6


def ask(catalog: Catalog, index: SearchIndex, question: str) -> Answer:
    """Answer a free-text question from the content, or say plainly that it is not covered."""
    query = index.parse(question)
    if index.coverage(query) < MIN_COVERAGE:
        return not_found(catalog, question)
    hits = _ranked(catalog, index.search(query), query)
    leads = [h for h in hits if h.kind in (FACT, SENTENCE)]
    if query.expansion and (not leads or leads[0].score <= MIN_SCORE):
        # Only an alias matched (say "Moscow"): search again with the names behind it.
        hits = _ranked(catalog, index.search(query, widen=True), query)
        leads = [h for h in hits if h.kind in (FACT, SENTENCE)]
    leads = leads or hits
    if not leads or leads[0].score <= MIN_SCORE:
        return not_found(catalog, question)
    lead = leads[0]
    article = catalog.library.articles[lead.article]
    items: list[tuple[Article, Item]] = []
    seen = {(lead.kind, lead.article, lead.ref if lead.kind != SENTENCE else lead.text)}
    for hit in hits:
        if len(items) >= MAX_SUPPORT or hit.score < lead.score * SUPPORT_RATIO:
            break
        key = (hit.kind, hit.article, hit.ref if hit.kind != SENTENCE else hit.text)
        if hit.kind in (FACT, BACKGROUND) and key not in seen:
            seen.add(key)
            other = catalog.library.articles[hit.article]
            items.append((other, _item(other, hit)))
    if query.wants_quote:
        quoted = _quote(catalog, hits, query)
        if quoted is not None:
            items.append(quoted)
        else:
            items.extend((article, _unquoted(catalog, person)) for person in query.people[:1])
    used: dict[str, tuple[Article, list[int]]] = {article.id: (article, list(_paragraphs(article, lead)))}
    for other, item in items:
        used.setdefault(other.id, (other, []))[1].extend(item.paragraphs)
    cited: set[Citation] = set()
    for other, numbers in used.values():
        cited.update(citations(other, numbers))
    lead_item = _item(article, lead)
    return Answer(
        kind="ask",
        title=article.title,
        text=lead_item.text,
        article=article.id,
        items=tuple(item for _, item in items),
        citations=tuple(sorted(cited, key=lambda c: (c.article != article.id, c.article, c.paragraph))),
        source=sources_line(used),
    )


def not_found(catalog: Catalog, question: str) -> Answer:
    """The honest answer, with up to three things the articles do cover."""
    newest = catalog.library.newest
    suggestions: tuple[str, ...] = ()
    if newest is not None:
        titles = [bg.title for bg in newest.background] or [newest.title]
        suggestions = tuple(titles[:3])
    text = NOT_FOUND_TEXT
    if suggestions:
        text += " They do cover: " + "; ".join(suggestions) + "."
    shown = echo(question) if question.strip() else "(empty question)"
    return Answer(
        kind="not_found",
        title="Not in the articles",
        text=text,
        article=None,
        items=(Item(label="Question", text=shown),),
        source=library_line(catalog.library),
        suggestions=suggestions,
    )


def _ranked(catalog: Catalog, hits: list[Hit], query: Query) -> list[Hit]:
    """Re-score: curated facts first, and facts tagged with the question word ('where') higher."""
    rescored = []
    for hit in hits:
        score = hit.score * KIND_WEIGHT[hit.kind]
        if hit.kind == FACT and query.question_words:
            fact = catalog.library.articles[hit.article].facts[hit.ref]
            if any(not _keyword_words(k).isdisjoint(query.question_words) for k in fact.keywords):
                score *= QUESTION_BONUS
        rescored.append(Hit(hit.row, hit.kind, hit.article, hit.ref, hit.paragraph, hit.text, score))
    # Scores of words found in most rows are all near zero; compare at a coarse resolution so
    # that such ties go to the newest article rather than to rounding noise.
    return sorted(rescored, key=lambda h: (-round(h.score, 4), h.article, h.row))


@lru_cache(maxsize=16_384)
def _keyword_words(keyword: str) -> frozenset[str]:
    """A fact keyword's normalised words; keywords recur in every question that hits the fact."""
    return frozenset(normalise(keyword).split())


def _item(article: Article, hit: Hit) -> Item:
    if hit.kind == FACT:
        return fact_item(article.facts[hit.ref], label="Fact")
    if hit.kind == BACKGROUND:
        bg = article.background[hit.ref]
        return Item(label=f"Background: {bg.title}", text=hit.text, paragraphs=tuple(bg.paragraphs),
                    data={"id": bg.id, "editorial": bg.editorial})
    if hit.kind == QUOTE:
        return quote_item(article, article.quotes[hit.ref])
    return Item(label=f"¶{hit.paragraph}", text=hit.text, paragraphs=(hit.paragraph,))


def _unquoted(catalog: Catalog, person_id: str) -> Item:
    person = catalog.people.exact(person_id)
    name = person.name if person is not None else person_id
    return Item(label="Quotes", text=f"The articles do not quote {name}.")


def _paragraphs(article: Article, hit: Hit) -> tuple[int, ...]:
    return _item(article, hit).paragraphs


def _quote(catalog: Catalog, hits: list[Hit], query: Query) -> tuple[Article, Item] | None:
    """The quote a 'what did X say' question wants: X's best-matching quote, else X's first."""
    library = catalog.library
    quote_hits = [h for h in hits if h.kind == QUOTE]
    for hit in quote_hits:
        article = library.articles[hit.article]
        if not query.people or article.quotes[hit.ref].speaker in query.people:
            return article, quote_item(article, article.quotes[hit.ref])
    for person in query.people:
        for article in catalog.articles_for(catalog.speaker_articles, person):
            said = [q for q in article.quotes if q.speaker == person]
            if said:
                return article, quote_item(article, said[0])
    return None
