from __future__ import annotations

from bot.answers import Answer, Answers, Item
from bot.render.text import render_text


def test_text_has_title_text_items_and_source(seed_answers: Answers) -> None:
    out = render_text(seed_answers.quotes(speaker="hegseth"))
    assert out.startswith("Quotes by Pete Hegseth\n")
    assert "- Pete Hegseth (¶7):" in out
    assert "(via X)" in out
    assert out.rstrip().endswith("Source: Newsbrief seed report · 31 Oct 2025 · ¶7")


def test_not_found_shows_suggestions(seed_answers: Answers) -> None:
    out = render_text(seed_answers.ask("bitcoin price"))
    assert "The articles I know don't cover that." in out
    assert "Try: " in out


def test_long_words_and_empty_text_render() -> None:
    answer = Answer(kind="ask", title="T", text="", items=(Item(label="L", text="x" * 500),))
    out = render_text(answer)
    assert all(len(line) <= 90 for line in out.splitlines())
    assert out.count("x") == 500
