"""Command-line interface: one subcommand module per concern, wired together here."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from bot import __version__
from bot.cli import answers, check, run, sandbox


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbrief",
        description="Newsbrief: cited answers about news articles, on Discord and in the terminal.",
    )
    parser.add_argument("--version", action="version", version=f"newsbrief {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (check, answers, run, sandbox):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run the chosen subcommand; its return value is the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code
