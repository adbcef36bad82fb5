from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from bot.answers import Answers
from bot.facts import Article

SEED_ID = "india-us-defence-framework-2025"
MakeArticle = Callable[..., Article]
DAY = dt.date(2025, 11, 3)


def labels(answers: Answers, day: dt.date, previous: dt.date | None = None) -> list[str]:
    return [i.label for i in answers.digest(day, previous).items]


def test_digest_has_newest_quote_fact_and_background(answers: Answers) -> None:
    answer = answers.digest(DAY)
    assert answer.kind == "digest"
    assert answer.article == SEED_ID
    roles = [i.data["role"] for i in answer.items]
    assert roles == ["newest", "quote", "fact", "background"]
    assert answer.items[0].label == "Newest: India and the US sign a 10-year defence framework"
    assert answer.items[1].label.startswith("Quote of the day: ")
    assert answer.items[2].label == "Key fact"
    assert answer.items[3].label.startswith("Background: ")
    assert answer.citations
    assert answer.source


def test_same_date_same_digest(answers: Answers) -> None:
    assert answers.digest(DAY) == answers.digest(DAY)
    assert answers.digest(DAY).to_json() == answers.digest(dt.date(2025, 11, 3)).to_json()


def test_consecutive_days_differ_in_every_pick(answers: Answers) -> None:
    days = [DAY + dt.timedelta(days=n) for n in range(60)]
    digests = [answers.digest(day) for day in days]
    for today, tomorrow in itertools.pairwise(digests):
        for a, b in zip(today.items[1:], tomorrow.items[1:], strict=True):
            assert a.text != b.text


def test_quote_of_the_day_is_verbatim(answers: Answers, seed: Article) -> None:
    for n in range(3):
        quote = answers.digest(DAY + dt.timedelta(days=n)).items[1]
        assert quote.text in seed.paragraph(quote.data["paragraph"])


def test_before_anything_was_published(answers: Answers) -> None:
    answer = answers.digest(dt.date(2020, 1, 1))
    assert answer.kind == "digest"
    assert answer.items == ()
    assert "Nothing had been published" in answer.text


def test_articles_since_the_previous_digest_lead(
    make_answers: Callable[..., Answers], make_article: MakeArticle
) -> None:
    built = make_answers(
        make_article("bridge-a", dt.date(2025, 11, 2)),
        make_article("bridge-b", dt.date(2025, 11, 4)),
        make_article("future", dt.date(2025, 12, 1)),
    )
    answer = built.digest(dt.date(2025, 11, 5), previous=dt.date(2025, 11, 1))
    leads = [i.data["article"] for i in answer.items if i.data["role"] == "newest"]
    assert leads == ["bridge-b", "bridge-a"]
    assert answer.items[0].label.startswith("New: ")
    # Without a previous date only the newest published by that day leads; the future one never.
    plain = built.digest(dt.date(2025, 11, 5))
    assert [i.data["article"] for i in plain.items if i.data["role"] == "newest"] == ["bridge-b"]
    assert "future" not in str(plain.to_json())
    # Nothing new since the previous digest: the newest leads.
    again = built.digest(dt.date(2025, 11, 5), previous=dt.date(2025, 11, 5))
    assert again.items[0].label.startswith("Newest: ")
