from __future__ import annotations

from bot.answers import Answers
from bot.answers.query import Aliases, Query, match_expression, parse, words


def test_words_are_normalised_deduplicated_and_bounded() -> None:
    assert words("Hégseth HEGSETH said, “hello”!") == ["hegseth", "said", "hello"]
    assert len(words(" ".join(f"w{i}" for i in range(500)))) <= 24
    assert words("x" * 5000) == []  # one absurdly long word is not a word


def test_parse_drops_stopwords_and_keeps_question_and_speech_intent() -> None:
    query = parse("Where did Hegseth say it was signed?")
    assert query.content == ("hegseth", "signed")
    assert query.question_words == frozenset({"where"})
    assert query.wants_quote


def test_match_expression_quotes_every_term() -> None:
    assert match_expression(["near", "or", "x"], ["where"]) == '"near" OR "or" OR "x" OR keywords : "where"'
    assert match_expression(["x"], said=True) == '"x" OR body : "said"'
    assert match_expression([], ["where"], said=True) == ""


def test_terms_widen_with_expansion() -> None:
    query = Query(content=("moscow",), question_words=frozenset(), wants_quote=False,
                  expansion=("russia", "moscow", "oil"))
    assert query.terms() == ("moscow",)
    assert query.terms(widen=True) == ("moscow", "russia", "oil")


def test_aliases_widen_the_query(answers: Answers) -> None:
    query = answers.index.parse("What about Moscow?")
    assert query.content == ("moscow",)
    assert "russia" in query.expansion
    people = answers.index.parse("what did the US counterpart say")
    assert people.people == ("pete-hegseth",)


def test_aliases_match_whole_multi_word_phrases() -> None:
    aliases = Aliases([
        (("new", "delhi"), ("india",), None),
        (("new",), ("fresh",), None),
        (("delhi", "talks"), ("summit",), None),
        (("us", "counterpart"), ("pete", "hegseth"), "pete-hegseth"),
    ])
    query = parse("What did the US counterpart say in New Delhi talks?", aliases)
    # By position in the question, then in the order the aliases were given.
    assert query.expansion == ("pete", "hegseth", "india", "fresh", "summit")
    assert query.people == ("pete-hegseth",)
    # A phrase needs all its words, in order and next to each other.
    assert parse("Delhi is new", aliases).expansion == ("fresh",)
    assert parse("counterpart of the US", aliases).people == ()


def test_stems_use_the_index_tokenizer(answers: Answers) -> None:
    stems = answers.index.stems(("signings", "tariffs", "café"))
    assert stems == {"signings": "sign", "tariffs": "tariff", "café": "cafe"}


def test_coverage_weighs_unknown_words_heavily(answers: Answers) -> None:
    index = answers.index
    assert index.coverage(index.parse("framework duration")) == 1.0
    assert index.coverage(index.parse("capital of India")) < 0.3
    assert index.coverage(index.parse("")) == 0.0


def test_index_holds_facts_quotes_background_and_sentences(answers: Answers) -> None:
    article = answers.library.newest
    assert article is not None
    rows = len(article.facts) + len(article.quotes) + len(article.background)
    assert answers.index.size > rows + len(article.paragraphs)
