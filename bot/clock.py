"""Time as a dependency, so the digest scheduler can be driven by tests and the sandbox."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime: ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """Wall-clock time in UTC."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class ManualClock:
    """A clock that moves only when told; sleepers wake when it passes their deadline."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start.astimezone(dt.UTC)
        self._moved = asyncio.Condition()

    def now(self) -> dt.datetime:
        return self._now

    async def sleep(self, seconds: float) -> None:
        deadline = self._now + dt.timedelta(seconds=seconds)
        async with self._moved:
            await self._moved.wait_for(lambda: self._now >= deadline)

    async def advance(self, delta: dt.timedelta) -> None:
        await self.set(self._now + delta)

    async def set(self, moment: dt.datetime) -> None:
        async with self._moved:
            self._now = moment.astimezone(dt.UTC)
            self._moved.notify_all()
