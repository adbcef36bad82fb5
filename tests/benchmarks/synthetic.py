"""Deterministic synthetic content for the benchmarks: articles shaped like the seed, and questions.

`write_articles(directory, n)` writes `n` article files that pass `load_library`: about seven
paragraphs of varied sentences over a vocabulary of a few thousand words, people (with
aliases) drawn from a recurring cast, verbatim quotes, facts, background and a timeline, each
citing paragraphs that exist. Article `i` depends only on the seed and `i`, so the first 100
articles of a 5,000-article library are the 100-article library.

`questions(articles, count)` and `autocomplete_requests(articles, count)` build the request mix
the latency figures are measured over, from the loaded articles.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bot.facts import Article

DEFAULT_SEED = 20251031

# --- vocabulary ---------------------------------------------------------------------------

_NOUNS = """
agreement alliance budget ceasefire coalition committee contract corridor council court crisis
deal debate deficit delegation deployment drought economy election embassy emissions energy
exports factory festival fleet framework grid harbour highway hospital housing inflation inquiry
investment island labour law loan market merger militia ministry mission negotiation network
outbreak parliament partnership pension pipeline plan policy port programme project protest railway
reactor referendum reform refinery region report reserve resolution satellite scheme sector
settlement shipment shipyard statement strike subsidy summit supply surplus tariff tax treaty
tribunal union vaccine vote wage warehouse water wildfire yield bridge canal dam airport border
census charter convoy currency dispute dockyard drill exchange forum frontier harvest inspection
licence mandate memorandum monopoly observatory pact patrol permit quota rally ration reservoir
ruling sanction seminar shortage strategy survey tender terminal transit tunnel venture verdict
"""
_VERBS = [  # base, past, -ing
    ("approve", "approved", "approving"),
    ("block", "blocked", "blocking"),
    ("boost", "boosted", "boosting"),
    ("build", "built", "building"),
    ("cut", "cut", "cutting"),
    ("delay", "delayed", "delaying"),
    ("expand", "expanded", "expanding"),
    ("fund", "funded", "funding"),
    ("launch", "launched", "launching"),
    ("limit", "limited", "limiting"),
    ("open", "opened", "opening"),
    ("protect", "protected", "protecting"),
    ("reject", "rejected", "rejecting"),
    ("review", "reviewed", "reviewing"),
    ("sign", "signed", "signing"),
    ("strengthen", "strengthened", "strengthening"),
    ("suspend", "suspended", "suspending"),
    ("support", "supported", "supporting"),
    ("restore", "restored", "restoring"),
    ("raise", "raised", "raising"),
    ("lower", "lowered", "lowering"),
    ("secure", "secured", "securing"),
    ("extend", "extended", "extending"),
    ("renew", "renewed", "renewing"),
    ("revive", "revived", "reviving"),
    ("halt", "halted", "halting"),
    ("announce", "announced", "announcing"),
    ("defend", "defended", "defending"),
    ("investigate", "investigated", "investigating"),
    ("negotiate", "negotiated", "negotiating"),
    ("modernise", "modernised", "modernising"),
    ("finance", "financed", "financing"),
    ("deliver", "delivered", "delivering"),
    ("replace", "replaced", "replacing"),
    ("reform", "reformed", "reforming"),
    ("deepen", "deepened", "deepening"),
    ("ease", "eased", "easing"),
    ("tighten", "tightened", "tightening"),
    ("monitor", "monitored", "monitoring"),
    ("challenge", "challenged", "challenging"),
    ("welcome", "welcomed", "welcoming"),
    ("criticise", "criticised", "criticising"),
    ("propose", "proposed", "proposing"),
    ("ratify", "ratified", "ratifying"),
    ("complete", "completed", "completing"),
]
_ADJECTIVES = """
ambitious bilateral broad controversial costly critical decisive delicate domestic early
economic fragile historic joint landmark long-term major modest national new northern open
provisional regional renewed rural sharp southern strategic sudden temporary tense urgent
coastal federal fiscal maritime military municipal nuclear provincial public secure stable
"""
_ADVERBS = "Meanwhile|However|Earlier|Separately|In response|Last week|On Monday|Since then|By contrast|Overall"
_FIRST_NAMES = """
Amara Anil Ana Beatriz Chen Daniel Dmitri Elena Farah Fatima Gabriel Hana Ibrahim Ines Ivan
Jamal Joon Kofi Laila Lucas Maria Mateo Mei Miguel Nadia Noor Olga Omar Priya Rafael Rania
Samuel Sara Sofia Tariq Thabo Yuki Zainab Andrés José Zoë Chloé Björn Renée Łukasz Ngozi Aiko
Hiroshi Kwame Leila Marta Nikos Oren Pablo Quentin Rosa Sunil Tomas Ulla Vera Wen Xavier Yara
"""
_SURNAMES = """
Abara Alvarez Banerjee Becker Castillo Dlamini Eriksen Fernandes Galloway Haddad Ibarra Jensen
Kovacs Lindqvist Mensah Nakamura Okafor Petrov Quispe Rahman Santos Tanaka Umarov Varga Weber
Xu Yilmaz Zhou Mbeki Ortega Kowalski Moreau Novak Osei Park Reyes Schultz Tembo Duarte Aziz
Chaudhry Delgado Ekwueme Fischer Gupta Hoffmann Iyer Jovanović Kaya Lopes Müller Nguyen Øster
"""
_ROLE_TITLES = """
prime minister|president|finance minister|defence minister|trade minister|foreign minister|
energy minister|central bank governor|opposition leader|mayor|union leader|chief executive|
army chief|health minister|transport minister|ambassador|spokesperson|senator|governor|
chief negotiator|police commissioner|environment minister
"""
_ORG_KINDS = (
    "Ministry of Finance|Port Authority|Central Bank|Workers’ Union|Chamber of Commerce|"
    "Energy Board|Audit Office|Supreme Court|Development Agency|Defence Council|Rail Company|"
    "Electoral Commission|Water Authority|Press Agency|Trade Council"
)
_OUTLETS = "Newsbrief wire|The Daily Ledger|Harbour Times|Northern Courier|Evening Dispatch|Global Herald"
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_ONSETS = [
    "b",
    "br",
    "c",
    "ch",
    "d",
    "dr",
    "f",
    "g",
    "gr",
    "h",
    "j",
    "k",
    "kl",
    "l",
    "m",
    "n",
    "p",
    "pr",
    "r",
    "s",
    "sh",
    "st",
    "t",
    "tr",
    "v",
    "w",
    "z",
]
_NUCLEI = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ou", "ia"]
_CODAS = ["", "", "", "n", "r", "l", "s", "th", "nd", "rk", "x", "m"]

#: A cast of recurring people and places: a few appear in hundreds of articles, most in a few.
_CAST_SIZE = 2500
_PLACES = 400
_SYNTHETIC_NOUNS = 2600
_SYNTHETIC_ADJECTIVES = 300
_GLOBAL_TOPICS = 600


@dataclass(frozen=True)
class _Person:
    id: str
    name: str
    first: str
    surname: str
    role: str
    handle: str


@dataclass(frozen=True)
class _Topic:
    title: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class _Vocabulary:
    nouns: tuple[str, ...]
    adjectives: tuple[str, ...]
    places: tuple[str, ...]
    cast: tuple[_Person, ...]
    topics: tuple[_Topic, ...]
    noun_weights: tuple[float, ...]
    cast_weights: tuple[float, ...]
    place_weights: tuple[float, ...]
    topic_weights: tuple[float, ...]


_ASCII = str.maketrans("áàäâãåçéèëêíìïîñóòöôõøúùüûýłšćžđ", "aaaaaaceeeeiiiinoooooouuuuylsczd")


def slug(text: str) -> str:
    """An id in the content format: lowercase ASCII letters, digits and hyphens."""
    folded = text.casefold().translate(_ASCII)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:64].rstrip("-") or "x"


def _invented_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_NUCLEI) for _ in range(syllables)) + rng.choice(_CODAS)


def _zipf(count: int, exponent: float = 1.0) -> tuple[float, ...]:
    return tuple(itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, count + 1)))


@cache
def _vocabulary(seed: int) -> _Vocabulary:
    rng = random.Random(f"vocabulary:{seed}")
    real_nouns = _NOUNS.split()
    invented: dict[str, None] = {}
    while len(invented) < _SYNTHETIC_NOUNS:
        word = _invented_word(rng, rng.choice((2, 2, 3)))
        if word not in real_nouns:
            invented[word] = None
    # Real words are the common ones; invented words make up the long tail.
    nouns = (*real_nouns, *invented)
    adjectives = list(_ADJECTIVES.split())
    while len(adjectives) < len(_ADJECTIVES.split()) + _SYNTHETIC_ADJECTIVES:
        adjectives.append(_invented_word(rng, 2) + rng.choice(("ic", "al", "ian", "ese", "ish")))
    places: dict[str, None] = {}
    while len(places) < _PLACES:
        places[_invented_word(rng, rng.choice((2, 3))).capitalize() + rng.choice(("", "", "ia", "stan", " Bay"))] = None
    place_list = tuple(places)
    firsts, surnames = _FIRST_NAMES.split(), _SURNAMES.split()
    surnames += [_invented_word(rng, 2).capitalize() for _ in range(250)]
    roles = [r.strip() for r in _ROLE_TITLES.split("|")]
    cast: dict[str, _Person] = {}
    while len(cast) < _CAST_SIZE:
        first, surname = rng.choice(firsts), rng.choice(surnames)
        name = f"{first} {surname}"
        if slug(name) in cast:
            continue
        role = f"{rng.choice(place_list)}’s {rng.choice(roles)}"
        handle = "@" + slug(first + surname).replace("-", "")[:15]
        cast[slug(name)] = _Person(slug(name), name, first, surname, role, handle)
    topics: list[_Topic] = []
    for _ in range(_GLOBAL_TOPICS):
        noun, other = rng.sample(nouns[:400], 2)
        adjective = rng.choice(adjectives)
        place = rng.choice(place_list)
        title = f"The {place} {noun} {other}" if rng.random() < 0.5 else f"{place}’s {adjective} {noun}"
        topics.append(_Topic(title, (noun, f"{noun} {other}", f"{adjective} {noun}", place)))
    return _Vocabulary(
        nouns=nouns,
        adjectives=tuple(adjectives),
        places=place_list,
        cast=tuple(cast.values()),
        topics=tuple(topics),
        noun_weights=_zipf(len(nouns)),
        cast_weights=_zipf(len(cast), 1.1),
        place_weights=_zipf(len(place_list)),
        topic_weights=_zipf(len(topics)),
    )


# --- one article --------------------------------------------------------------------------


class _Writer:
    """Everything random about one article comes from one seeded generator."""

    def __init__(self, vocabulary: _Vocabulary, rng: random.Random) -> None:
        self.v = vocabulary
        self.rng = rng

    def noun(self) -> str:
        return self.rng.choices(self.v.nouns, cum_weights=self.v.noun_weights)[0]

    def nouns(self, count: int) -> list[str]:
        found: dict[str, None] = {}
        while len(found) < count:
            found[self.noun()] = None
        return list(found)

    def adjective(self) -> str:
        return self.rng.choice(self.v.adjectives)

    def place(self) -> str:
        return self.rng.choices(self.v.places, cum_weights=self.v.place_weights)[0]

    def verb(self) -> tuple[str, str, str]:
        return self.rng.choice(_VERBS)

    def number(self) -> str:
        return self.rng.choice(
            (
                f"{self.rng.randint(2, 95)}%",
                str(self.rng.randint(3, 900)),
                f"{self.rng.randint(1, 40)} billion",
                f"{self.rng.randint(2, 30)}-year",
            )
        )

    def org(self) -> str:
        return f"{self.place()}’s {self.rng.choice(_ORG_KINDS.split('|'))}"

    def sentence(self, people: Sequence[_Person], focus: Sequence[str]) -> str:
        """One sentence of reporting; `focus` nouns recur so an article is about something."""
        rng = self.rng
        n1 = rng.choice(focus) if rng.random() < 0.5 else self.noun()
        n2, n3 = self.noun(), self.noun()
        base, past, ing = self.verb()
        person = rng.choice(people)
        who = person.name if rng.random() < 0.3 else person.surname
        templates: list[Callable[[], str]] = [
            lambda: (
                f"{who} said the {self.adjective()} {n1} would {base} the {n2} of {self.place()} by "
                f"{rng.randint(2026, 2040)}."
            ),
            lambda: (
                f"The {n1} {past} {self.number()} in {rng.choice(_MONTHS)} after {self.org()} "
                f"{self.verb()[1]} its {n2}."
            ),
            lambda: (
                f"Officials in {self.place()} {past} a {self.adjective()} {n1} on {rng.choice(_WEEKDAYS)}, "
                f"according to {self.org()}."
            ),
            lambda: f"{rng.choice(_ADVERBS.split('|'))}, the {n1} {past} the {self.adjective()} {n2} and the {n3}.",
            lambda: (
                f"Critics argue that the {n1} {past} {self.place()}’s {n2} while the {n3} remains {self.adjective()}."
            ),
            lambda: f"{self.org()} is {ing} a {self.number()} {n1} to {self.verb()[0]} the {n2}.",
            lambda: (
                f"The {n1} follows months of {self.adjective()} talks over the {n2} and the {n3} in {self.place()}."
            ),
            lambda: (
                f"Analysts expect the {n1} to {base} {self.adjective()} {n2}s across {self.place()} and {self.place()}."
            ),
            lambda: f"{who}, {person.role}, {past} the {n1} at a meeting with {self.org()}.",
            lambda: (
                f"It is the first {self.adjective()} {n1} since {rng.randint(1990, 2024)}, when the {n2} "
                f"{self.verb()[1]} {self.number()}."
            ),
        ]
        return rng.choice(templates)()

    def quote_sentences(self, focus: Sequence[str]) -> str:
        rng = self.rng
        base, _, ing = self.verb()
        n1, n2 = rng.choice(focus), self.noun()
        options = [
            f"We will {base} the {n1} and {self.verb()[0]} our {self.adjective()} {n2}.",
            f"This is a {self.adjective()} day for {self.place()} and for the {n1}.",
            f"We’re {ing} the {n1} because the {n2} cannot wait.",
            f"Our {n1} is {self.adjective()}, and the {n2} will remain a priority.",
            f"Nobody should doubt that the {n1} is {self.adjective()}.",
            f"The {n1} will {base} {self.adjective()} {n2}s for a {self.adjective()} decade.",
        ]
        return " ".join(rng.sample(options, rng.choice((1, 2, 2, 3))))


def _article_data(index: int, seed: int) -> dict[str, Any]:
    v = _vocabulary(seed)
    rng = random.Random(f"article:{seed}:{index}")
    w = _Writer(v, rng)
    people: dict[str, _Person] = {}
    for _ in range(rng.choice((2, 3, 3, 4))):
        person = rng.choices(v.cast, cum_weights=v.cast_weights)[0]
        people.setdefault(person.id, person)
    cast = list(people.values())
    focus = w.nouns(3)
    place = w.place()
    published = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(1000))
    headline_verb = w.verb()[1]
    outcome = rng.choice(("resume", "stall", "widen", "falter"))
    title = f"{place} {headline_verb} {w.adjective()} {focus[0]} as {focus[1]} talks {outcome}"
    article_id = f"{slug(place)}-{slug(focus[0])}-{index:05d}"

    # Paragraphs: reporting sentences, some carrying a speaker's verbatim quote.
    paragraph_count = rng.choice((5, 6, 7, 7, 7, 8, 9))
    paragraphs: list[str] = []
    quotes: list[dict[str, Any]] = []
    opening = (
        f"{cast[0].name}, {cast[0].role}, and {cast[-1].name} on {published.strftime('%A')} "
        f"{headline_verb} a {w.adjective()} {focus[0]} in {place}."
    )
    for number in range(1, paragraph_count + 1):
        sentences = [opening] if number == 1 else []
        sentences += [w.sentence(cast, focus) for _ in range(rng.choice((2, 3, 3, 4)))]
        if number > 1 and rng.random() < 0.45:
            speaker = rng.choice(cast)
            said = w.quote_sentences(focus)
            via = rng.random() < 0.4
            attribution = f"{speaker.surname} wrote on X" if via else f"{speaker.surname} said"
            sentences.append(
                f"“{said},” {attribution}." if not said.endswith(".") else f"“{said[:-1]},” {attribution}."
            )
            quotes.append(
                {
                    "id": f"{slug(speaker.surname)}-{len(quotes) + 1}",
                    "speaker": speaker.id,
                    "text": said[:-1] if said.endswith(".") else said,
                    "paragraph": number,
                    **({"via": "X"} if via else {}),
                    "topics": sorted({*rng.sample(focus, 2), w.noun()}),
                }
            )
        paragraphs.append(" ".join(sentences))

    def sentences_of(number: int) -> list[str]:
        return re.split(r"(?<=\.) (?=[A-Z“])", paragraphs[number - 1])

    facts: list[dict[str, Any]] = []
    for i in range(rng.randint(8, 14)):
        number = rng.randint(1, paragraph_count)
        text = rng.choice(sentences_of(number)).strip("“”")
        words = [x.strip(".,’“”").lower() for x in text.split()]
        keywords = sorted({x for x in words if len(x) > 4 and x.isalpha()})[:6]
        keywords += rng.sample(["who", "where", "when", "why", "how long", "how much", "what"], 2)
        cited = sorted({number, *([rng.randint(1, paragraph_count)] if rng.random() < 0.3 else [])})
        facts.append({"id": f"fact-{i + 1}", "text": text, "paragraphs": cited, "keywords": keywords})

    background: list[dict[str, Any]] = []
    used_titles: set[str] = set()
    for i in range(rng.randint(3, 5)):
        if rng.random() < 0.5:
            topic = rng.choices(v.topics, cum_weights=v.topic_weights)[0]
            heading, aliases = topic.title, list(topic.aliases)
        else:
            noun = rng.choice(focus)
            heading = f"The {w.adjective()} {noun} in {place}"
            aliases = [noun, f"{place} {noun}", w.noun()]
        if heading in used_titles:
            continue
        used_titles.add(heading)
        cited = sorted(rng.sample(range(1, paragraph_count + 1), rng.choice((1, 1, 2))))
        text = " ".join(rng.choice(sentences_of(n)).strip("“”") for n in cited)
        item: dict[str, Any] = {
            "id": f"{slug(heading)[:40].rstrip('-')}-{i + 1}",
            "title": heading,
            "aliases": aliases,
            "text": text,
            "paragraphs": cited,
        }
        if rng.random() < 0.15:
            item["text"] += f" Editorial note: the {aliases[0]} has been debated in {w.place()} for years."
            item["editorial"] = True
            item["source"] = {"name": rng.choice(_OUTLETS.split("|")), "url": f"https://example.org/{slug(heading)}"}
        background.append(item)

    timeline: list[dict[str, Any]] = []
    for when in rng.sample(["Last year", "In recent weeks", "Earlier this month", "Before the talks"], 2):
        number = rng.randint(2, paragraph_count)
        timeline.append({"when": when, "text": rng.choice(sentences_of(number)).strip("“”"), "paragraphs": [number]})
    timeline.append({"when": published.strftime("%A %d %B %Y"), "date": published, "text": opening, "paragraphs": [1]})

    short = _clip(f"{opening} {sentences_of(2)[0]}", 300)
    detailed = _clip(" ".join(s for n in range(1, paragraph_count + 1) for s in sentences_of(n)[:1]), 1024)
    data: dict[str, Any] = {
        "id": article_id,
        "title": title,
        "published": published,
        "source": {"name": rng.choice(_OUTLETS.split("|"))},
        "tags": sorted({*focus, slug(place), rng.choice(("politics", "economy", "defence", "energy", "trade"))}),
        "summary": {"short": short, "detailed": detailed},
    }
    if rng.random() < 0.7:
        data["image"] = {"caption": f"{cast[0].name} in {place}.", "credit": rng.choice(("X", "Reuters", "AP"))}
    data["body"] = paragraphs
    data["people"] = [
        {
            "id": p.id,
            "name": p.name,
            "role": p.role,
            "aliases": [p.surname, p.first, p.role.split("’s ", 1)[-1], p.handle],
        }
        for p in cast
    ]
    data["facts"] = facts
    data["quotes"] = quotes
    data["background"] = background
    data["timeline"] = timeline
    return data


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",") + "…"


# --- YAML in the editors' style (block mappings, flow lists, `|` body, `>-` long text) ----------

_PLAIN = re.compile(r"[A-Za-z][\w ’.()%-]*[\w.)%’]")
_PLAIN_IN_FLOW = re.compile(r"[A-Za-z][\w ’-]*[\w’]")
_YAML_WORDS = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null"])
_WRAP = 96


def _scalar(value: object, *, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value)
    text = str(value)
    pattern = _PLAIN_IN_FLOW if flow else _PLAIN
    if pattern.fullmatch(text) and text.casefold() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _emit_value(key: str, value: Any, indent: str, lines: list[str]) -> None:
    if isinstance(value, dict):
        lines.append(f"{indent}{key}:")
        _emit_mapping(value, indent + "  ", lines)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        lines.append(f"{indent}{key}:")
        for item in value:
            start = len(lines)
            _emit_mapping(item, indent + "    ", lines)
            lines[start] = f"{indent}  - {lines[start].lstrip()}"
    elif isinstance(value, list):
        lines.append(f"{indent}{key}: [{', '.join(_scalar(x, flow=True) for x in value)}]")
    elif isinstance(value, str) and len(value) > _WRAP - len(indent) - len(key) - 2 and "  " not in value:
        lines.append(f"{indent}{key}: >-")
        lines.extend(
            textwrap.wrap(
                value,
                _WRAP,
                initial_indent=indent + "  ",
                subsequent_indent=indent + "  ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    else:
        lines.append(f"{indent}{key}: {_scalar(value)}")


def _emit_mapping(mapping: dict[str, Any], indent: str, lines: list[str]) -> None:
    for key, value in mapping.items():
        _emit_value(key, value, indent, lines)


def article_yaml(data: dict[str, Any]) -> str:
    """One article as an editor would write it."""
    lines = [f"# Synthetic benchmark article {data['id']}."]
    for key, value in data.items():
        if key == "body":
            lines.append("body: |")
            for number, paragraph in enumerate(value):
                if number:
                    lines.append("")
                lines.append("  " + paragraph)
        else:
            if key in ("summary", "people", "body"):
                lines.append("")
            _emit_value(key, value, "", lines)
    return "\n".join(lines) + "\n"


def write_articles(directory: Path, count: int, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write articles 0..count-1 into `directory` (created if needed); returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        data = _article_data(index, seed)
        path = directory / f"{data['id']}.yaml"
        path.write_text(article_yaml(data), encoding="utf-8")
        paths.append(path)
    return paths


# --- requests -----------------------------------------------------------------------------

_NONSENSE = [
    "What is the capital of Atlantis?",
    "recipe for banana bread",
    "who won the world cup in 1966",
    "qzxv blorptang frumious",
    "zzzz",
    "?",
    "",
    "   ",
    'NEAR(foo bar) OR "',
    "* - : ^ ( ) \" '",
    "how tall is mount everest",
    "weather tomorrow in Lisbon",
    "best pizza near me",
    "<@123456789012345678> @everyone hello",
    "🙂🙂🙂",
    "SELECT * FROM docs; --",
]
_STOPWORD_FRAMES = [
    "what is it that they were saying about the {w} in all of this?",
    "can you please tell me what the thing is with the {w} and all of that",
    "so what was it about the {w} that they were talking about then?",
    "is there anything at all about {w} in any of the articles you know",
    "what do we know about the {w}",
]
_ENTITY_FRAMES = [
    "who is {person}?",
    "what did {surname} say?",
    "what did {surname} say about the {noun}?",
    "where was the {noun} {verb}?",
    "when did {surname} {base} the {noun}?",
    "tell me about {topic}",
    "why did {place} {base} the {noun}?",
    "what happened with the {noun} in {place}?",
    "how long will the {noun} last?",
    "quote from {person} on {noun}",
    "{person}",
    "{topic}",
]


def questions(articles: Sequence[Article], count: int, seed: int = DEFAULT_SEED) -> list[str]:
    """A deterministic mix for `ask`: entity, keyword, stopword-heavy, not-found and long questions."""
    rng = random.Random(f"questions:{seed}:{count}")
    out: list[str] = []
    kinds = ["entity"] * 30 + ["keyword"] * 25 + ["stopwords"] * 15 + ["nonsense"] * 15 + ["long"] * 10 + ["noisy"] * 5
    while len(out) < count:
        article = rng.choice(articles)
        kind = rng.choice(kinds)
        sentence = rng.choice(rng.choice(article.paragraphs).split(". "))
        words = [x.strip(".,“”’") for x in sentence.split() if len(x) > 3]
        if kind == "entity":
            person = rng.choice(article.people)
            topic = rng.choice(article.background).title if article.background else article.title
            base, past, _ = rng.choice(_VERBS)
            out.append(
                rng.choice(_ENTITY_FRAMES).format(
                    person=person.name,
                    surname=person.aliases[0] if person.aliases else person.name,
                    noun=rng.choice(article.tags),
                    verb=past,
                    base=base,
                    topic=topic,
                    place=article.title.split()[0],
                )
            )
        elif kind == "keyword":
            out.append(" ".join(rng.sample(words, min(len(words), rng.randint(1, 4)))).lower())
        elif kind == "stopwords":
            out.append(rng.choice(_STOPWORD_FRAMES).format(w=rng.choice(words).lower() if words else "deal"))
        elif kind == "nonsense":
            out.append(rng.choice(_NONSENSE))
        elif kind == "long":
            parts = [rng.choice(rng.choice(articles).paragraphs) for _ in range(rng.randint(1, 3))]
            out.append("I read somewhere that " + " ".join(parts)[: rng.randint(200, 900)] + " is that true?")
        else:
            text = rng.choice(article.facts).text if article.facts else article.title
            out.append(_misspell(rng, text.upper() if rng.random() < 0.3 else text) + rng.choice(("??", "!!", " 🙂")))
    return out


def _misspell(rng: random.Random, text: str) -> str:
    if len(text) < 5:
        return text
    i = rng.randrange(1, len(text) - 2)
    edit = rng.randrange(3)
    if edit == 0:
        return text[:i] + text[i + 1 :]
    if edit == 1:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + rng.choice("aeioustrn") + text[i + 1 :]


AUTOCOMPLETE_KINDS = ("article", "speaker", "person", "topic", "quote_topic", "timezone")


def autocomplete_requests(articles: Sequence[Article], count: int, seed: int = DEFAULT_SEED) -> list[tuple[str, str]]:
    """(kind, partial text) pairs: prefixes, whole names, substrings, misspellings, empty and junk."""
    rng = random.Random(f"autocomplete:{seed}:{count}")
    out: list[tuple[str, str]] = []
    while len(out) < count:
        article = rng.choice(articles)
        kind = rng.choice(AUTOCOMPLETE_KINDS[:5] * 4 + AUTOCOMPLETE_KINDS[5:])
        names: list[str]
        if kind == "article":
            names = [article.title, article.id]
        elif kind in ("speaker", "person"):
            names = [p.name for p in article.people] + [a for p in article.people for a in p.aliases[:1]]
        elif kind == "topic":
            names = [b.title for b in article.background] + [a for b in article.background for a in b.aliases]
        elif kind == "quote_topic":
            names = [t for q in article.quotes for t in q.topics] or ["partnership"]
        else:
            names = ["Europe/Lisbon", "Asia/Kolkata", "America/New_York", "Kolkata", "utc"]
        name = rng.choice(names or [article.title])
        shape = rng.random()
        if shape < 0.35:
            text = name[: rng.randint(1, min(8, len(name)))]
        elif shape < 0.5:
            text = name
        elif shape < 0.65:
            start = rng.randrange(len(name))
            text = name[start : start + rng.randint(3, 8)]
        elif shape < 0.85:
            text = _misspell(rng, name.lower())
        elif shape < 0.93:
            text = ""
        else:
            text = rng.choice(("zzqx", "!!", "x" * 120, "ab", "the"))
        out.append((kind, text))
    return out


def speakers(articles: Sequence[Article], count: int, seed: int = DEFAULT_SEED) -> list[str]:
    """Speaker requests for `quotes(speaker=...)`: names, aliases, handles, misspellings, unknowns."""
    rng = random.Random(f"speakers:{seed}:{count}")
    out: list[str] = []
    while len(out) < count:
        article = rng.choice(articles)
        person = rng.choice(article.people)
        shape = rng.random()
        if shape < 0.4:
            out.append(person.name)
        elif shape < 0.7:
            out.append(rng.choice(person.aliases) if person.aliases else person.name)
        elif shape < 0.9:
            out.append(_misspell(rng, person.name))
        else:
            out.append(rng.choice(("Nobody Atall", "zz", "the minister", "Santa Claus")))
    return out


def article_requests(articles: Sequence[Article], count: int, seed: int = DEFAULT_SEED) -> list[str | None]:
    """Article requests for `summary(article=...)`: ids, titles, partial and misspelt titles, newest."""
    rng = random.Random(f"articles:{seed}:{count}")
    out: list[str | None] = []
    while len(out) < count:
        article = rng.choice(articles)
        shape = rng.random()
        if shape < 0.5:
            out.append(article.id)
        elif shape < 0.7:
            out.append(article.title)
        elif shape < 0.85:
            out.append(_misspell(rng, article.title.lower()))
        elif shape < 0.95:
            out.append(None)
        else:
            out.append("no-such-article")
    return out
