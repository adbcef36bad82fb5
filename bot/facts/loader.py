"""Load every article under a content directory, or fail with every problem at once."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError

from bot.facts.checks import check_article
from bot.facts.errors import ContentError, Problem
from bot.facts.library import Library
from bot.facts.messages import message_for, suggested_key
from bot.facts.schema import Article
from bot.facts.yamlread import ReadResult, UnreadableYamlError, read_yaml


def article_files(content_dir: Path) -> list[Path]:
    """Article files live in `articles/` (or directly in the directory given)."""
    root = content_dir / "articles" if (content_dir / "articles").is_dir() else content_dir
    return sorted([*root.glob("*.yaml"), *root.glob("*.yml")])


def load_library(content_dir: Path) -> Library:
    """The whole validated library, or ContentError listing each `path:line: message`."""
    if content_dir.is_file():
        message = "is a file; give the content directory (the one holding articles/)"
        raise ContentError([Problem(content_dir, 0, message)])
    if not content_dir.is_dir():
        raise ContentError([Problem(content_dir, 0, "content directory does not exist")])
    files = article_files(content_dir)
    if not files:
        raise ContentError([Problem(content_dir, 0, "no article files (*.yaml) found")])
    problems: list[Problem] = []
    articles: list[tuple[Path, int, Article]] = []
    # The version is a digest of the files as read (cheaper than serialising every article).
    version = hashlib.sha256()
    with _collector_paused():
        for path in files:
            try:
                raw = path.read_bytes()
            except OSError as exc:
                problems.append(Problem(path, 0, f"cannot read file: {exc.strerror}"))
                continue
            version.update(b"%s\0%d\0" % (path.name.encode(), len(raw)))
            version.update(raw)
            article, file_problems, id_line = article_from_bytes(path, raw)
            problems.extend(file_problems)
            if article is not None:
                articles.append((path, id_line, article))
    problems.extend(_duplicate_article_ids(articles))
    if problems:
        raise ContentError(problems)
    library = Library(tuple(a for _, _, a in articles), version=version.hexdigest()[:12])
    # The library lives as long as it is served and holds no reference cycles (reference counting
    # frees it when it is replaced), so keep the cyclic collector from walking it: otherwise each
    # full collection visits every article, about a second for 5,000 of them.
    gc.freeze()
    return library


def load_article(path: Path) -> tuple[Article | None, list[Problem], int]:
    """One file: the article (if valid), its problems, and the line of its `id`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(path, 0, f"cannot read file: {exc.strerror}")], 1
    return article_from_bytes(path, raw)


def article_from_bytes(path: Path, raw: bytes) -> tuple[Article | None, list[Problem], int]:
    """`load_article` for a file already read: problems are reported against `path`."""
    try:
        result = read_yaml(raw)
    except UnreadableYamlError as exc:
        return None, [Problem(path, p.line, p.message) for p in exc.problems], 1
    problems = [Problem(path, p.line, p.message) for p in result.problems]
    id_line = result.line_of(("id",))
    try:
        article = Article.model_validate(result.data)
    except ValidationError as exc:
        problems.extend(_validation_problems(path, result, exc))
        return None, problems, id_line
    problems.extend(Problem(path, result.line_of(location), message) for location, message in check_article(article))
    return (None if problems else article), problems, id_line


def _validation_problems(path: Path, result: ReadResult, exc: ValidationError) -> Iterator[Problem]:
    errors = [
        error
        for error in exc.errors(include_url=False)
        if not result.was_refused(tuple(error["loc"]))  # already reported by the reader
    ]
    # A misspelt key shows up twice: unknown `titel` and missing `title`. Report it once.
    misspelt = {
        (*error["loc"][:-1], suggestion)
        for error in errors
        if error["type"] == "extra_forbidden" and (suggestion := suggested_key(tuple(error["loc"]))) is not None
    }
    for error in errors:
        location = tuple(error["loc"])
        if error["type"] == "missing" and location in misspelt:
            continue
        key = (error.get("ctx") or {}).get("key")
        line = result.line_of((*location, key) if isinstance(key, str) else location)
        yield Problem(path, line, message_for(error))


def _duplicate_article_ids(articles: list[tuple[Path, int, Article]]) -> Iterator[Problem]:
    first: dict[str, Path] = {}
    for path, line, article in articles:
        if article.id in first:
            yield Problem(path, line, f"article id {article.id!r} is already used by {first[article.id]}")
        else:
            first[article.id] = path


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Bulk validation allocates many long-lived objects; the cyclic GC only slows it down."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
