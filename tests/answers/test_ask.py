from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answers import Answer, Answers
from bot.answers.ask import NOT_FOUND_TEXT
from bot.answers.sentences import split_sentences
from bot.facts import Article


def fact_id(answers: Answers, answer: Answer) -> str | None:
    """The id of the fact the answer leads with (None when it leads with a sentence)."""
    article = answers.library.get(answer.article or "")
    assert article is not None
    return next((f.id for f in article.facts if f.text == answer.text), None)


def test_how_long_cites_paragraph_1(answers: Answers) -> None:
    answer = answers.ask("How long is the framework?")
    assert answer.kind == "ask"
    assert fact_id(answers, answer) == "duration"
    assert 1 in [c.paragraph for c in answer.citations]
    assert answer.source is not None
    assert "¶1" in answer.source


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("where was it signed", {"venue"}),
        ("When was it signed?", {"date"}),
        ("Who signed the framework?", {"signatories"}),
        ("tariffs", {"tariffs"}),
        ("Russia", {"balancing-act", "oil-penalty"}),
        ("China", {"china"}),
        ("supply agreement", {"supply-agreement"}),
        ("Moscow", {"balancing-act", "oil-penalty"}),
        ("What did Hegseth say?", {"cooperation", "ties-never-stronger", "signatories"}),
    ],
)
def test_questions_lead_with_the_right_fact(answers: Answers, question: str, expected: set[str]) -> None:
    answer = answers.ask(question)
    assert answer.kind == "ask"
    assert fact_id(answers, answer) in expected


def test_what_someone_said_adds_their_quote_verbatim(answers: Answers, seed: Article) -> None:
    answer = answers.ask("What did Hegseth say?")
    quotes = [i for i in answer.items if "speaker" in i.data]
    assert [q.data["id"] for q in quotes] == ["hegseth-cornerstone"]
    assert quotes[0].text in seed.paragraph(7)
    assert 7 in [c.paragraph for c in answer.citations]


def test_asking_for_words_of_someone_never_quoted_says_so(answers: Answers) -> None:
    answer = answers.ask("What did Trump say?")
    assert answer.kind == "ask"
    assert not any("speaker" in i.data for i in answer.items)
    assert any("do not quote Donald Trump" in i.text for i in answer.items)


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",
        "weather tomorrow",
        "bitcoin price",
        "What is the population of India?",
        "Is Pete Hegseth married?",
        "who won the world cup",
    ],
)
def test_uncovered_questions_are_not_found(answers: Answers, question: str) -> None:
    answer = answers.ask(question)
    assert answer.kind == "not_found"
    assert answer.text.startswith(NOT_FOUND_TEXT)
    assert answer.citations == ()
    assert 1 <= len(answer.suggestions) <= 3


@pytest.mark.parametrize("question", ["", "   ", "what is it?", "who?", "the of and", "?!"])
def test_questions_of_only_stopwords_are_not_found(answers: Answers, question: str) -> None:
    assert answers.ask(question).kind == "not_found"


def test_answers_state_only_content_text(answers: Answers, seed: Article) -> None:
    allowed = {f.text for f in seed.facts}
    allowed |= {s for p in seed.paragraphs for s in split_sentences(p)}
    for question in ["framework", "Indo-Pacific", "oil penalty", "deterrence", "new era", "Kuala Lumpur"]:
        answer = answers.ask(question)
        assert answer.kind == "ask", question
        assert answer.text in allowed
        assert answer.citations


HOSTILE = [
    "",
    "x" * 5000,
    "framework " * 600,
    "🙂🔥 framework? 🇮🇳",
    "fram\u200bework\u200d",
    "\u202eframework\u202c",
    "מה קרה עם המסגרת",
    "ما هو الإطار",
    "@everyone what did hegseth say",
    "@here",
    '"',
    '"framework',
    "framework*",
    "*",
    "NEAR(framework, tariffs)",
    "NEAR(",
    "framework OR",
    "OR AND NOT",
    "-framework",
    "- -",
    "body: tariffs",
    "keywords:where",
    ":",
    "^framework",
    "^",
    "{body}: x",
    "(((",
    "'; DROP TABLE docs; --",
    "\x00\x01\x02",
    "\ud800" if False else "\uffff",
]


@pytest.mark.parametrize("question", HOSTILE)
def test_hostile_input_gives_an_answer(answers: Answers, question: str) -> None:
    answer = answers.ask(question)
    assert isinstance(answer, Answer)
    assert answer.kind in {"ask", "not_found"}
    assert "@everyone" not in answer.text
    assert "@here" not in answer.text
    for item in answer.items:
        assert "@everyone" not in item.text
        assert "@here" not in item.text


def test_fts_syntax_is_inert(answers: Answers) -> None:
    assert answers.ask("framework*").kind == "ask"
    assert answers.ask('"tariffs').text == answers.ask("tariffs").text
    assert answers.ask("NEAR(tariffs)").text == answers.ask("tariffs").text


def test_hegseth_mention_survives_verbatim_in_quotes(answers: Answers) -> None:
    answer = answers.ask("@everyone what did hegseth say")
    assert any("@rajnathsingh" in i.text for i in answer.items)
    echoed = answers.ask("@everyone bitcoin")
    assert echoed.kind == "not_found"
    assert "@\u200beveryone" in echoed.items[0].text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_gives_an_answer(answers: Answers, question: str) -> None:
    answer = answers.ask(question)
    assert answer.kind in {"ask", "not_found"}
    assert "@everyone" not in answer.to_json()["text"]
    if answer.kind == "ask":
        assert answer.citations


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(['"', "*", "NEAR(", "OR", "-", ":", "^", "AND", "NOT", "(", ")",
                                  "framework", "tariffs", "{", "}", "+", "hegseth"]), max_size=12))
def test_any_mix_of_fts_syntax_gives_an_answer(answers: Answers, parts: list[str]) -> None:
    assert answers.ask(" ".join(parts)).kind in {"ask", "not_found"}
    assert answers.ask("".join(parts)).kind in {"ask", "not_found"}
