"""Pieces shared by subcommands: where content lives and how to load it for a terminal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.facts import ContentError, Library, load_library
from bot.settings import Settings


def add_content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        default=None,
        metavar="DIR",
        help="content directory (default: NEWSBRIEF_CONTENT_DIR or the repository's content/)",
    )


def content_dir(args: argparse.Namespace) -> Path:
    explicit: Path | None = getattr(args, "content", None)
    return explicit if explicit is not None else Settings().content_dir


def load_or_report(directory: Path) -> Library | None:
    """The library, or None after printing each problem as `path:line: message` to stderr."""
    try:
        return load_library(directory)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None
    except Exception as exc:  # noqa: BLE001 - editors get one line, never a traceback
        print(f"{directory}:0: could not load content ({type(exc).__name__}: {exc})", file=sys.stderr)
        return None
