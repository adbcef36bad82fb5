"""Waiting on state with a deadline instead of sleeping: a change signal plus a predicate."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Changes:
    """Wakes every waiter whenever the watched state changes."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Signal a change to everyone waiting now."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(
        self,
        probe: Callable[[], T | None],
        timeout: float,  # noqa: ASYNC109 - one deadline across many waits
        what: str,
        poll: float | None = None,
    ) -> T:
        """Return probe()'s first non-None value, or raise TimeoutError after `timeout` s.

        The probe is re-run on every change signal, and every `poll` seconds when it
        also looks at state that does not signal (a client's own attributes, say).
        """
        deadline = time.monotonic() + timeout
        while True:
            value = probe()
            if value is not None:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout:.1f}s waiting for {what}")
            event = self._event
            # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow a cancel that
            # arrives as the wait finishes, leaving a cancelled waiter running.
            try:
                async with asyncio.timeout(min(remaining, poll or remaining)):
                    await event.wait()
            except TimeoutError:
                continue
