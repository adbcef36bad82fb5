from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from bot.answers import Answers
from bot.facts import Article

SEED_ID = "india-us-defence-framework-2025"
MakeArticle = Callable[..., Article]
HEGSETH = (
    "I just met with @rajnathsingh to sign a 10-year US-India Defense Framework. This advances our "
    "defense partnership, a cornerstone for regional stability and deterrence. We’re enhancing our "
    "coordination, info sharing, and tech cooperation"
)


@pytest.mark.parametrize("speaker", ["hegseth", "HEGSETH", "Hégseth", "pete-hegseth", "Pete Hegseth",
                                     "US counterpart", "hegsth"])
def test_speaker_by_id_name_alias_any_case_accents_or_typo(answers: Answers, speaker: str) -> None:
    answer = answers.quotes(speaker=speaker)
    assert answer.kind == "quotes"
    assert [item.text for item in answer.items] == [HEGSETH]


def test_quote_text_is_verbatim_from_the_cited_paragraph(answers: Answers, seed: Article) -> None:
    for item in answers.quotes().items:
        assert item.data["text"] in seed.paragraph(item.data["paragraph"])
        assert item.paragraphs == (item.data["paragraph"],)


def test_quote_data_carries_the_json_contract(answers: Answers) -> None:
    data = answers.quotes(speaker="hegseth").items[0].to_json()
    assert data["speaker"] == "Pete Hegseth"
    assert data["speaker_id"] == "pete-hegseth"
    assert data["text"] == HEGSETH
    assert data["paragraph"] == 7
    assert data["via"] == "X"
    assert data["id"] == "hegseth-cornerstone"
    assert data["article"] == SEED_ID
    assert "deterrence" in data["topics"]


def test_no_filter_gives_every_quote_in_paragraph_order(answers: Answers) -> None:
    answer = answers.quotes()
    assert [i.data["id"] for i in answer.items] == ["singh-new-era", "singh-pillar", "hegseth-cornerstone"]
    assert [c.paragraph for c in answer.citations] == [3, 4, 7]
    assert answer.source == "Newsbrief seed report · 31 Oct 2025 · ¶3, 4, 7"
    assert answers.quotes() == answer  # deterministic


def test_topic_filter(answers: Answers) -> None:
    assert [i.data["id"] for i in answers.quotes(topic="Indo-Pacific").items] == ["singh-pillar"]
    both = answers.quotes(speaker="singh", topic="framework")
    assert [i.data["id"] for i in both.items] == ["singh-new-era"]


def test_unknown_speaker_names_the_speakers(answers: Answers) -> None:
    answer = answers.quotes(speaker="Barack Obama")
    assert answer.kind == "unknown"
    assert "Barack Obama" in answer.text
    assert "Rajnath Singh" in answer.text
    assert "Pete Hegseth" in answer.text
    assert set(answer.suggestions) == {"Rajnath Singh", "Pete Hegseth"}


def test_person_who_is_not_quoted(answers: Answers) -> None:
    answer = answers.quotes(speaker="trump")
    assert answer.kind == "quotes"
    assert answer.items == ()
    assert "Donald Trump" in answer.text


def test_unknown_topic(answers: Answers) -> None:
    answer = answers.quotes(topic="cryptocurrency")
    assert answer.kind == "unknown"
    assert "deterrence" in answer.text


def test_unknown_article(answers: Answers) -> None:
    assert answers.quotes(article="nope").kind == "unknown"


def test_mass_mentions_in_names_are_not_echoed(answers: Answers) -> None:
    answer = answers.quotes(speaker="@everyone")
    assert "@everyone" not in answer.text
    assert "@here" not in answers.quotes(topic="@here").text


def test_filters_widen_to_older_articles_when_newest_has_no_match(
    make_answers: Callable[..., Answers], make_article: MakeArticle
) -> None:
    built = make_answers(make_article("bridge-2025", dt.date(2025, 11, 5)))
    assert [i.data["article"] for i in built.quotes().items] == ["bridge-2025"]
    answer = built.quotes(speaker="hegseth")
    assert [i.data["id"] for i in answer.items] == ["hegseth-cornerstone"]
    assert built.quotes(speaker="ana perez").items[0].data["speaker"] == "Ana Pérez"


def test_everywhere_lists_every_article_newest_first(
    make_answers: Callable[..., Answers], make_article: MakeArticle
) -> None:
    built = make_answers(make_article("bridge-2025", dt.date(2025, 11, 5)))
    answer = built.quotes(everywhere=True)
    assert [i.data["article"] for i in answer.items] == ["bridge-2025"] + [SEED_ID] * 3
    assert {c.article for c in answer.citations} == {"bridge-2025", SEED_ID}
