"""The seed content's answers, for renderer tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answers import Answers
from bot.facts import load_library


@pytest.fixture(scope="session")
def seed_answers(content_dir: Path) -> Iterator[Answers]:
    built = Answers(load_library(content_dir))
    yield built
    built.close()
