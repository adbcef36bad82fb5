"""The content the bot is serving right now, and reloading it without a restart."""

from __future__ import annotations

import asyncio
import gc
import logging
from pathlib import Path

from bot.answers import Answers
from bot.answers.service import DEFAULT_CACHE_SIZE
from bot.facts import ContentError, Problem, load_library

log = logging.getLogger(__name__)


def build_answers(directory: Path, *, cache_size: int = DEFAULT_CACHE_SIZE) -> Answers:
    """Load, validate and index; raises ContentError and builds nothing on any problem.

    The catalogue and search index are long-lived like the library, so they are frozen out of
    the cyclic collector's sight too (each full collection would otherwise walk them while
    requests wait). Reference counting still frees them when `close()`d and replaced.
    """
    answers = Answers(load_library(directory), cache_size=cache_size)
    gc.freeze()
    return answers


class ContentHolder:
    """Holds the current `Answers`; a reload swaps it only when the new content is valid.

    A reload builds a new `Answers` (same cache size, empty cache), so no answer from the old
    content is ever served after the swap.
    """

    def __init__(self, directory: Path, answers: Answers) -> None:
        self.directory = directory
        self._answers = answers
        self._lock = asyncio.Lock()

    @classmethod
    def load(cls, directory: Path, *, answer_cache_size: int = DEFAULT_CACHE_SIZE) -> ContentHolder:
        return cls(directory, build_answers(directory, cache_size=answer_cache_size))

    @property
    def answers(self) -> Answers:
        return self._answers

    async def reload(self) -> list[Problem]:
        """Problems found (the old content keeps serving), or [] after a successful swap."""
        async with self._lock:
            try:
                fresh = await asyncio.to_thread(build_answers, self.directory, cache_size=self._answers.cache_size)
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
