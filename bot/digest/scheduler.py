"""The loop that finds servers whose digest is due and fans the posts out."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import Counter
from typing import TYPE_CHECKING

from bot.digest.poster import DigestPoster
from bot.digest.schedule import ScheduleError, due_date, parse_timezone
from bot.ratelimit import Pacer
from bot.store import GuildDigest

if TYPE_CHECKING:
    from bot.client import NewsbriefBot

log = logging.getLogger(__name__)


class DigestScheduler:
    """Ticks every `digest_interval` seconds of the bot's clock; one bad server never stops it."""

    def __init__(self, bot: NewsbriefBot) -> None:
        self.bot = bot
        self.poster = DigestPoster(bot, Pacer(bot.options.digest_rate))
        self._done: dict[int, dt.date] = {}  # last local date finished per guild (skips DB work)
        self.ticks = 0
        self.tick_done = asyncio.Event()

    async def run(self) -> None:
        await self.bot.wait_until_ready()
        while True:
            try:
                await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("digest tick failed; trying again next tick")
            await self.bot.clock.sleep(self.bot.options.digest_interval)

    async def tick(self) -> Counter[str]:
        """Post every digest due now; returns outcomes counted."""
        now = self.bot.clock.now()
        due: list[tuple[GuildDigest, dt.date]] = []
        for settings in await self.bot.store.enabled():
            try:
                day = due_date(now, settings.time, parse_timezone(settings.timezone))
            except ScheduleError:
                log.warning("guild %s has an unusable timezone %r", settings.guild_id, settings.timezone)
                continue
            if day is not None and self._done.get(settings.guild_id) != day:
                due.append((settings, day))
        outcomes: Counter[str] = Counter()
        if due:
            limit = asyncio.Semaphore(self.bot.options.digest_concurrency)
            results = await asyncio.gather(*(self._post(limit, s, d) for s, d in due))
            outcomes.update(results)
            log.info("digest tick: %s", dict(outcomes))
        self.ticks += 1
        self.tick_done.set()
        return outcomes

    async def _post(self, limit: asyncio.Semaphore, settings: GuildDigest, day: dt.date) -> str:
        async with limit:
            try:
                outcome = await self.poster.post(settings, day)
            except Exception:
                log.exception("digest for guild %s failed unexpectedly", settings.guild_id)
                return "error"
        if outcome in {"sent", "skipped", "failed"}:
            self._done[settings.guild_id] = day
        return outcome

    def forget(self, guild_id: int) -> None:
        """Settings changed: let the next tick look at this server afresh."""
        self._done.pop(guild_id, None)
