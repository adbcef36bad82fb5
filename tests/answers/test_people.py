from __future__ import annotations

import pytest

from bot.answers import Answers


@pytest.mark.parametrize("name", ["hegseth", "Pete Hegseth", "pete-hegseth", "HEGSTH"])
def test_who_finds_the_person(answers: Answers, name: str) -> None:
    answer = answers.who(name)
    assert answer.kind == "who"
    assert answer.title == "Pete Hegseth"
    assert "Rajnath Singh's US counterpart" in answer.text


def test_who_lists_mentions_quotes_and_facts_with_citations(answers: Answers) -> None:
    answer = answers.who("hegseth")
    labels = [i.label for i in answer.items]
    assert labels[0] == "Mentioned in"
    assert answer.items[0].paragraphs == (1, 3, 7)
    assert any(i.data.get("id") == "hegseth-cornerstone" for i in answer.items)
    assert "Fact" in labels
    assert {c.paragraph for c in answer.citations} >= {1, 7}


def test_who_for_someone_not_quoted(answers: Answers) -> None:
    answer = answers.who("Trump")
    assert answer.title == "Donald Trump"
    assert "Not quoted" in answer.text
    assert not any("speaker" in i.data for i in answer.items)
    assert [c.paragraph for c in answer.citations] == [2]


def test_unknown_person_names_the_people(answers: Answers) -> None:
    answer = answers.who("Narendra Modi")
    assert answer.kind == "unknown"
    assert "Narendra Modi" in answer.text
    assert "Pete Hegseth" in answer.suggestions


def test_unknown_person_within_an_article(answers: Answers) -> None:
    answer = answers.who("Modi", article="india-us-defence-framework-2025")
    assert answer.kind == "unknown"
    assert answer.article == "india-us-defence-framework-2025"
