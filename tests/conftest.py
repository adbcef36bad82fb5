"""Fixtures shared by every test package: where things are, never relative to the CWD."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository checkout (the directory holding pyproject.toml)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def content_dir(repo_root: Path) -> Path:
    """The committed editors' content (`content/`)."""
    return repo_root / "content"


@pytest.fixture(scope="session")
def shared_dir(repo_root: Path) -> Path:
    """`../shared` beside the checkout (design notes, the seed report); may be absent."""
    return repo_root.parent / "shared"
