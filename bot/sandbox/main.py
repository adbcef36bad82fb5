"""Start the emulator, the demo server and the real bot, then hand over to the prompt or the tour.

Everything is built here and passed down; nothing is global. The terminal gets the conversation
only: library logs go to a file when asked, otherwise warnings go to stderr as single lines.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from bot.client import BotOptions
from bot.facts import ContentError
from bot.sandbox.repl import Console, run_repl
from bot.sandbox.session import Session
from bot.sandbox.show import Style, wants_color
from bot.sandbox.tour import run_tour
from bot.testbed import DEFAULT_START, running_testbed

EXIT_CONTENT = 1
EXIT_INTERRUPTED = 130
MAX_WIDTH = 100
TOUR_COMMAND_BURST = 100  # the tour types faster than any person; don't let the per-user limit refuse it


def run_sandbox(content_dir: Path, *, tour: bool, log_file: Path | None = None) -> int:
    """The `sandbox` subcommand: 0 on quit/Ctrl-D or a good tour, 1 for bad content or a failed tour."""
    stdout = sys.stdout
    style = Style(color=wants_color(stdout.isatty(), os.environ), width=_width())
    with _quiet_logging(log_file), _terminal_restored(sys.stdin):
        try:
            return asyncio.run(_main(content_dir, tour=tour, style=style, stdout=stdout))
        except KeyboardInterrupt:
            stdout.write("\n")
            return EXIT_INTERRUPTED


async def _main(content_dir: Path, *, tour: bool, style: Style, stdout: TextIO) -> int:
    console = Console(sys.stdin, stdout)
    start = DEFAULT_START if tour else dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    options = BotOptions(digest_interval=60.0)
    if tour:
        options.command_burst = TOUR_COMMAND_BURST
    try:
        async with running_testbed(content_dir=content_dir, start=start, options=options) as testbed:
            options.owner_ids = frozenset({testbed.world.admin_id})
            await testbed.wait_for_tick(after=0)  # the scheduler has looked at the start time once
            session = Session(testbed, style=style, write=console.write)
            if tour:
                return await run_tour(session)
            return await run_repl(session, console)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_CONTENT


def _width() -> int:
    return max(40, min(MAX_WIDTH, shutil.get_terminal_size((88, 24)).columns - 1))


class _NoVoiceNotice(logging.Filter):
    """discord.py warns that voice libraries are missing; the bot never uses voice."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "discord.client" and "voice will NOT be supported" in record.getMessage())


class _OneLine(logging.Formatter):
    """Warnings as one line each: the screen is for the conversation (use --log for tracebacks)."""

    def format(self, record: logging.LogRecord) -> str:
        return f"[{record.levelname.lower()}] {record.name}: {record.getMessage()}"


@contextlib.contextmanager
def _quiet_logging(log_file: Path | None) -> Iterator[None]:
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    handler: logging.Handler
    if log_file is not None:
        handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.setLevel(logging.INFO)
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_OneLine())
        root.setLevel(logging.WARNING)
    handler.addFilter(_NoVoiceNotice())
    root.handlers = [handler]
    try:
        yield
    finally:
        handler.close()
        root.setLevel(saved[0])
        root.handlers = saved[1]


@contextlib.contextmanager
def _terminal_restored(stream: TextIO) -> Iterator[None]:
    """Put the terminal back as it was, even if we leave while readline holds it."""
    try:
        import termios  # POSIX only, hence imported here

        fd = stream.fileno()
        saved = termios.tcgetattr(fd) if stream.isatty() else None
    except (ImportError, OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        if saved is not None:
            with contextlib.suppress(OSError):
                termios.tcsetattr(fd, termios.TCSADRAIN, saved)
