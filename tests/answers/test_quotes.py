from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from bot.answers import Answers
from bot.answers.quotes import MAX_QUOTES
from bot.cogs.quote_button import one_quote
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


def test_a_speaker_in_many_articles_gets_the_first_quotes_and_a_count_of_the_rest(
    make_answers: Callable[..., Answers], make_article: MakeArticle
) -> None:
    extra = [make_article(f"bridge-{n:02d}", dt.date(2025, 1, 1) + dt.timedelta(days=n)) for n in range(30)]
    built = make_answers(*extra)
    answer = built.quotes(speaker="ana perez")
    assert len(answer.items) == MAX_QUOTES
    # Newest first, as without the cap; citations and source cover only the quotes carried.
    assert [i.data["article"] for i in answer.items] == [f"bridge-{n:02d}" for n in range(29, 4, -1)]
    assert [c.article for c in answer.citations] == sorted(f"bridge-{n:02d}" for n in range(5, 30))
    assert answer.source is not None
    assert "¶" in answer.source
    assert answer.source.count(";") == MAX_QUOTES - 1
    assert "30 quotes" in answer.text
    assert "5 more" in answer.text
    # Widening by topic (the seed, newest, has no quote about bridges) is capped the same way.
    assert len(built.quotes(topic="bridge").items) == MAX_QUOTES
    # `everywhere` (quote --all) still lists every quote.
    assert len(built.quotes(speaker="ana perez", everywhere=True).items) == 30


def test_the_next_button_pages_through_the_capped_quotes(
    make_answers: Callable[..., Answers], make_article: MakeArticle
) -> None:
    extra = [make_article(f"bridge-{n:02d}", dt.date(2025, 1, 1) + dt.timedelta(days=n)) for n in range(30)]
    built = make_answers(*extra)
    answer = built.quotes(speaker="ana perez")
    pages = [one_quote(answer, index, built.library) for index in range(MAX_QUOTES + 1)]
    assert [p.items[0].data["article"] for p in pages[:MAX_QUOTES]] == [
        i.data["article"] for i in answer.items
    ]
    assert pages[0].title.endswith(f"(1 of {MAX_QUOTES})")
    assert pages[MAX_QUOTES].items == pages[0].items  # wraps around within the capped set
    assert [c.article for c in pages[3].citations] == [answer.items[3].data["article"]]


def test_widened_topic_and_article_scopes_keep_reading_order(
    make_answers: Callable[..., Answers], make_article: MakeArticle
) -> None:
    older = make_article("bridge-old", dt.date(2025, 1, 1))
    newer = make_article("bridge-new", dt.date(2025, 12, 1), quote="We keep the old bridge open.")
    built = make_answers(older, newer)
    # The seed has no quote about bridges; the newest article does.
    assert [i.data["article"] for i in built.quotes(topic="bridge").items] == ["bridge-new"]
    everywhere = built.quotes(topic="bridge", everywhere=True)
    assert [i.data["article"] for i in everywhere.items] == ["bridge-new", "bridge-old"]
    assert [i.data["id"] for i in built.quotes(article=SEED_ID).items] == [
        "singh-new-era", "singh-pillar", "hegseth-cornerstone"
    ]
    assert built.quotes(speaker="hegseth", topic="deterrence").items[0].data["id"] == "hegseth-cornerstone"
