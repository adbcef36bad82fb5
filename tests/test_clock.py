from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.clock import ManualClock


async def test_manual_clock_wakes_sleepers_when_advanced_past_their_deadline() -> None:
    clock = ManualClock(dt.datetime(2026, 11, 25, tzinfo=dt.UTC))
    sleeper = asyncio.create_task(clock.sleep(60))
    await asyncio.sleep(0)  # let it compute its deadline from the current time
    await clock.advance(dt.timedelta(seconds=30))
    await asyncio.sleep(0)
    assert not sleeper.done()
    await clock.advance(dt.timedelta(seconds=30))
    await asyncio.wait_for(sleeper, timeout=5)
    assert clock.now() == dt.datetime(2026, 11, 25, 0, 1, tzinfo=dt.UTC)


def test_manual_clock_needs_an_aware_start() -> None:
    with pytest.raises(ValueError, match="aware"):
        ManualClock(dt.datetime(2026, 11, 25))
