"""Loading a content directory: all or nothing, every problem at once, newest first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.facts import ContentError, Library, Problem, load_library

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = FIXTURES / "good" / "minimal.yaml"
BAD = FIXTURES / "bad"


def articles_dir(root: Path, *files: Path) -> Path:
    """A content directory in the usual layout (`articles/`) holding copies of `files`."""
    target = root / "content" / "articles"
    target.mkdir(parents=True)
    for file in files:
        shutil.copy(file, target / file.name)
    return root / "content"


def test_one_bad_file_among_good_ones_loads_nothing(content_dir: Path, tmp_path: Path) -> None:
    seed = next((content_dir / "articles").glob("*.yaml"))
    directory = articles_dir(tmp_path, seed, GOOD, BAD / "unknown-speaker.yaml")
    with pytest.raises(ContentError) as caught:
        load_library(directory)
    bad = directory / "articles" / "unknown-speaker.yaml"
    assert caught.value.problems == [Problem(bad, 37, "speaker 'carol' is not in `people` (known: alice, bob)")]
    assert str(caught.value) == f"{bad}:37: speaker 'carol' is not in `people` (known: alice, bob)"


def test_problems_from_every_file_are_reported_together(tmp_path: Path) -> None:
    directory = articles_dir(tmp_path, GOOD, BAD / "tab-indent.yaml", BAD / "unknown-key-typo.yaml", BAD / "empty.yaml")
    with pytest.raises(ContentError) as caught:
        load_library(directory)
    articles = directory / "articles"
    assert [str(p) for p in caught.value.problems] == [
        f"{articles}/empty.yaml:1: file is empty",
        f"{articles}/tab-indent.yaml:6: tab used for indentation; YAML needs spaces",
        f"{articles}/unknown-key-typo.yaml:3: unknown key `titel` (did you mean `title`?)",
    ]


def test_a_missing_directory_is_a_problem(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(ContentError) as caught:
        load_library(missing)
    assert caught.value.problems == [Problem(missing, 0, "content directory does not exist")]


def test_a_file_instead_of_a_directory_is_a_problem() -> None:
    with pytest.raises(ContentError) as caught:
        load_library(GOOD)
    message = "is a file; give the content directory (the one holding articles/)"
    assert caught.value.problems == [Problem(GOOD, 0, message)]


def test_a_directory_without_articles_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not an article\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_library(tmp_path)
    assert caught.value.problems == [Problem(tmp_path, 0, "no article files (*.yaml) found")]


def test_articles_may_sit_directly_in_the_directory(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "sample.yml")
    assert [a.id for a in load_library(tmp_path)] == ["sample-talks"]


def _article(text: str, article_id: str, published: str) -> str:
    return text.replace("id: sample-talks", f"id: {article_id}", 1).replace(
        "published: 2025-10-31", f"published: {published}", 1
    )


def test_the_library_is_newest_first_and_finds_articles_by_id(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8")
    for article_id, published in [("older", "2025-01-02"), ("newer", "2025-06-30")]:
        (tmp_path / f"{article_id}.yaml").write_text(_article(text, article_id, published), encoding="utf-8")
    library = load_library(tmp_path)
    assert [a.id for a in library] == ["newer", "older"]
    assert library.newest is not None
    assert library.newest.id == "newer"
    older = library.get("older")
    assert older is not None
    assert older.published.isoformat() == "2025-01-02"
    assert library.get("missing") is None
    assert len(library) == 2


def test_the_version_changes_with_the_content(tmp_path: Path) -> None:
    path = tmp_path / "sample.yaml"
    shutil.copy(GOOD, path)
    before = load_library(tmp_path).version
    assert load_library(tmp_path).version == before
    path.write_text(
        GOOD.read_text(encoding="utf-8").replace("Sample ministers", "Sample envoys"),
        encoding="utf-8",
    )
    assert load_library(tmp_path).version != before
    assert len(before) == 12


def test_an_empty_library_has_no_newest_article() -> None:
    library = Library(())
    assert library.newest is None
    assert len(library) == 0


def test_paragraphs_follow_blank_lines_in_the_body(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "sample.yaml")
    article = load_library(tmp_path).get("sample-talks")
    assert article is not None
    assert article.paragraphs == (
        "Alice Example met Bob Example on Friday. “We’re glad to be here,” Alice wrote on X.",
        "Bob said the talks went well and would continue next month.",
    )
    assert article.paragraph(2).startswith("Bob said")
    assert article.person("alice") is not None
    assert article.person("carol") is None
