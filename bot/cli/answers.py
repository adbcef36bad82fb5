"""Answer subcommands (summary, quote, ...): filled in by the answers work."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    del sub
