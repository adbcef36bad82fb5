"""`newsbrief sandbox`: the real bot in a local Discord, to try without an account."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.common import add_content_option, content_dir


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "sandbox",
        help="try the bot in a local Discord server (no account needed)",
        description=(
            "Start a local Discord-compatible server with a demo server in it (#general, #digest, "
            "an admin and a member), connect the real bot to it, and give a prompt to type slash "
            "commands, DMs, `as admin`, `tick 1d`, `help`, `quit`."
        ),
    )
    parser.add_argument(
        "--tour", action="store_true", help="run every command once, post a digest, print it all and exit"
    )
    add_content_option(parser)
    parser.add_argument(
        "--log",
        type=Path,
        default=None,
        metavar="FILE",
        help="write the bot's full log to FILE (default: only warnings, one line each, on stderr)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so other subcommands don't pay for the emulator and discord.py at startup.
    from bot.sandbox.main import run_sandbox

    return run_sandbox(content_dir(args), tour=args.tour, log_file=args.log)
