"""`who`: a person's role, where the article mentions them, and what they said."""

from __future__ import annotations

from bot.answers.common import citations, name_list, pick_article, source_line, unknown
from bot.answers.facts import fact_item
from bot.answers.matching import NameIndex, entry, normalise
from bot.answers.model import Answer, Item
from bot.answers.names import Catalog
from bot.answers.quotes import quote_item
from bot.facts import Article, Person

_MIN_ALIAS = 4
_MAX_FACTS = 5
_MAX_OTHER_ARTICLES = 5


def who(catalog: Catalog, person: str, article: str | None = None) -> Answer:
    """Who someone is, from the newest article that names them (or the one asked for)."""
    library = catalog.library
    if article:
        picked = pick_article(catalog, article)
        if isinstance(picked, Answer):
            return picked
        index = NameIndex([entry(p.id, p.name, [p.name, *p.aliases]) for p in picked.people])
        match = index.resolve(person)
        if match is None:
            names = [p.name for p in picked.people]
            return unknown("person", person, names, library, picked, plural="people")
        found = [picked]
    else:
        match = catalog.people.resolve(person)
        if match is None:
            names = [e.name for e in catalog.people.entries]
            return unknown("person", person, names, library, plural="people")
        found = catalog.articles_for(catalog.person_articles, match.value)
    if not found:
        return unknown("person", person, [], library, plural="people")
    home = found[0]
    subject = home.person(match.value)
    if subject is None:
        return unknown("person", person, [p.name for p in home.people], library, home, plural="people")
    return _profile(home, subject, found[1:])


def _profile(article: Article, person: Person, elsewhere: list[Article]) -> Answer:
    names = [normalise(n) for n in (person.name, *person.aliases)]
    names = [n for n in names if len(n) >= _MIN_ALIAS]
    mentioned = [
        number
        for number, text in enumerate(article.paragraphs, start=1)
        if _mentions(normalise(text), names)
    ]
    items: list[Item] = []
    if mentioned:
        items.append(Item(label="Mentioned in", text=f"Paragraphs {', '.join(map(str, mentioned))}",
                          paragraphs=tuple(mentioned)))
    said = [q for q in article.quotes if q.speaker == person.id]
    items.extend(quote_item(article, q) for q in said)
    about = [f for f in article.facts if _mentions(normalise(f.text), names)][:_MAX_FACTS]
    items.extend(fact_item(f, label="Fact") for f in about)
    if elsewhere:
        titles = [a.title for a in elsewhere]
        items.append(Item(label="Also in", text=name_list(titles, _MAX_OTHER_ARTICLES),
                          data={"articles": [a.id for a in elsewhere]}))
    used = [*mentioned, *(q.paragraph for q in said), *(n for f in about for n in f.paragraphs)]
    quoted = f" Quoted {len(said)} time{'s' if len(said) != 1 else ''}." if said else " Not quoted."
    return Answer(
        kind="who",
        title=person.name,
        text=f"{person.name}: {person.role.rstrip('.')}.{quoted}",
        article=article.id,
        items=tuple(items),
        citations=citations(article, used),
        source=source_line(article, used),
    )


def _mentions(text: str, names: list[str]) -> bool:
    padded = f" {text} "
    return any(f" {name} " in padded for name in names)
