"""The content the bot is serving right now, and reloading it without a restart."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from bot.answers import Answers
from bot.facts import ContentError, Problem, load_library

log = logging.getLogger(__name__)


def build_answers(directory: Path) -> Answers:
    """Load, validate and index; raises ContentError and builds nothing on any problem."""
    return Answers(load_library(directory))


class ContentHolder:
    """Holds the current `Answers`; a reload swaps it only when the new content is valid."""

    def __init__(self, directory: Path, answers: Answers) -> None:
        self.directory = directory
        self._answers = answers
        self._lock = asyncio.Lock()

    @classmethod
    def load(cls, directory: Path) -> ContentHolder:
        return cls(directory, build_answers(directory))

    @property
    def answers(self) -> Answers:
        return self._answers

    async def reload(self) -> list[Problem]:
        """Problems found (the old content keeps serving), or [] after a successful swap."""
        async with self._lock:
            try:
                fresh = await asyncio.to_thread(build_answers, self.directory)
            except ContentError as exc:
                for problem in exc.problems:
                    log.warning("content reload rejected: %s", problem)
                return exc.problems
            old, self._answers = self._answers, fresh
            old.close()
            log.info(
                "content reloaded: %d articles, version %s",
                len(fresh.library),
                fresh.library.version,
            )
            return []
