from __future__ import annotations

import discord
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answers import Answer, Answers, Item
from bot.render import limits
from bot.render.embeds import COLOURS, embeds_length, render_embeds
from bot.render.fit import split, truncate


def check_limits(embeds: list[discord.Embed]) -> None:
    assert 1 <= len(embeds) <= limits.EMBEDS_PER_MESSAGE
    assert embeds_length(embeds) <= limits.EMBED_TOTAL
    for embed in embeds:
        assert len(embed.title or "") <= limits.EMBED_TITLE
        assert len(embed.description or "") <= limits.EMBED_DESCRIPTION
        assert len(embed.fields) <= limits.EMBED_FIELDS
        assert len(embed.footer.text or "") <= limits.FOOTER_TEXT
        for field in embed.fields:
            assert 1 <= len(field.name or "") <= limits.FIELD_NAME
            assert 1 <= len(field.value or "") <= limits.FIELD_VALUE
            assert (field.name or "").strip()
            assert (field.value or "").strip()
        assert (embed.title or "x").strip()
        assert embed.description is None or embed.description.strip()


def test_truncate_marks_the_cut() -> None:
    assert truncate("short", 10) == "short"
    cut = truncate("word " * 100, 50)
    assert len(cut) <= 50
    assert cut.endswith("…")
    assert truncate("abcdef", 1) == "…"
    assert truncate("abc", 0) == ""


def test_split_loses_nothing() -> None:
    text = "lorem ipsum " * 300
    pieces = split(text, 1024)
    assert all(len(p) <= 1024 for p in pieces)
    assert " ".join(pieces).split() == text.split()
    assert split("x" * 3000, 1024) == ["x" * 1024, "x" * 1024, "x" * 952]


def test_every_seed_answer_fits_with_source_footer(seed_answers: Answers) -> None:
    for answer in [seed_answers.summary(), seed_answers.facts(), seed_answers.quotes(),
                   seed_answers.background(), seed_answers.who("singh"), seed_answers.timeline(),
                   seed_answers.articles(), seed_answers.ask("tariffs"), seed_answers.ask("bitcoin")]:
        embeds = render_embeds(answer)
        check_limits(embeds)
        assert embeds[0].footer.text == answer.source
        assert embeds[0].colour == discord.Colour(COLOURS[answer.kind])


def test_quote_fields_carry_the_quote_and_paragraph(seed_answers: Answers) -> None:
    [embed] = render_embeds(seed_answers.quotes(speaker="hegseth"))
    assert embed.fields[0].name == "Pete Hegseth · ¶7"
    assert "@rajnathsingh" in (embed.fields[0].value or "")


def test_huge_answer_is_cut_not_failed() -> None:
    items = tuple(Item(label="L" * 400, text="word " * 500, paragraphs=(1, 2)) for _ in range(300))
    answer = Answer(kind="facts", title="T" * 1000, text="D" * 10000, items=items, source="S" * 5000)
    embeds = render_embeds(answer)
    check_limits(embeds)
    assert "more not shown" in (embeds[-1].description or "")


def test_many_small_items_spill_into_more_embeds() -> None:
    items = tuple(Item(label=f"Item {n}", text="x") for n in range(60))
    embeds = render_embeds(Answer(kind="quotes", title="Many", text="t", items=items, source="src"))
    check_limits(embeds)
    assert len(embeds) == 3
    assert sum(len(e.fields) for e in embeds) == 60
    assert all(e.footer.text == "src" for e in embeds)


def test_long_item_is_split_over_fields() -> None:
    answer = Answer(kind="background", title="T", text="t", items=(Item(label="Long", text="y " * 1500),))
    [embed] = render_embeds(answer)
    check_limits([embed])
    assert [f.name for f in embed.fields] == ["Long", "Long (cont.)", "Long (cont.)"]


@pytest.mark.parametrize("kind", ["mystery", "digest", "unknown"])
def test_any_kind_has_a_colour(kind: str) -> None:
    [embed] = render_embeds(Answer(kind=kind, title="", text=""))
    assert embed.colour is not None
    assert embed.title


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(max_size=400),
    text=st.text(max_size=5000),
    items=st.lists(st.tuples(st.text(max_size=300), st.text(max_size=2000)), max_size=40),
    source=st.one_of(st.none(), st.text(max_size=3000)),
    suggestions=st.lists(st.text(max_size=100), max_size=5),
)
def test_arbitrary_answers_fit(
    title: str, text: str, items: list[tuple[str, str]], source: str | None, suggestions: list[str]
) -> None:
    answer = Answer(kind="ask", title=title, text=text, source=source, suggestions=tuple(suggestions),
                    items=tuple(Item(label=label, text=body) for label, body in items))
    check_limits(render_embeds(answer))
