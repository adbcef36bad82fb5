"""`newsbrief check [DIR]`: validate content for editors and CI."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.common import load_or_report
from bot.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("check", help="validate content; print path:line: message per problem")
    parser.add_argument("directory", nargs="?", type=Path, default=None, metavar="DIR")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    directory: Path = args.directory if args.directory is not None else Settings().content_dir
    library = load_or_report(directory)
    if library is None:
        return 1
    articles = len(library)
    print(f"{directory}: {articles} article{'s' if articles != 1 else ''} valid (content {library.version})")
    return 0
