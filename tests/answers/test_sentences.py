from __future__ import annotations

from bot.answers.sentences import first_sentence, split_sentences
from bot.facts import Article


def test_sentences_are_verbatim_and_cover_the_paragraph(seed: Article) -> None:
    for paragraph in seed.paragraphs:
        sentences = split_sentences(paragraph)
        assert all(s in paragraph for s in sentences)
        assert " ".join(sentences) == paragraph


def test_closing_quotes_stay_with_their_sentence() -> None:
    text = "“We signed it.” Singh said so. Then 10 people left? Yes."
    assert split_sentences(text) == ["“We signed it.”", "Singh said so.", "Then 10 people left?", "Yes."]


def test_first_sentence_and_edge_cases() -> None:
    assert first_sentence("One. Two.") == "One."
    assert first_sentence("") == ""
    assert split_sentences("   ") == []
    assert split_sentences("no full stop") == ["no full stop"]
