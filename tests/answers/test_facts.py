from __future__ import annotations

from bot.answers import Answers
from bot.facts import Article


def test_facts_are_the_curated_facts_in_order_with_citations(answers: Answers, seed: Article) -> None:
    answer = answers.facts()
    assert answer.kind == "facts"
    assert [i.text for i in answer.items] == [f.text for f in seed.facts]
    assert [i.paragraphs for i in answer.items] == [tuple(f.paragraphs) for f in seed.facts]
    assert {c.paragraph for c in answer.citations} == {n for f in seed.facts for n in f.paragraphs}


def test_timeline_in_editors_order(answers: Answers, seed: Article) -> None:
    answer = answers.timeline()
    assert answer.kind == "timeline"
    assert [i.label for i in answer.items] == [e.when for e in seed.timeline]
    assert answer.items[-1].data["date"] == "2025-10-31"
    assert [c.paragraph for c in answer.citations] == [1, 2, 6]


def test_unknown_article(answers: Answers) -> None:
    assert answers.facts("nope").kind == "unknown"
    assert answers.timeline("nope").kind == "unknown"
