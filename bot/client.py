"""The bot: intents, cogs, the command tree and the digest loop, all given their dependencies."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

import discord
from discord import app_commands
from discord.ext import commands

from bot.clock import Clock
from bot.cogs import load_cogs
from bot.content import ContentHolder
from bot.digest.scheduler import DigestScheduler
from bot.metrics import Metrics
from bot.ratelimit import KeyedLimiter
from bot.respond import NO_PINGS
from bot.store import DigestStore
from bot.tree import NewsbriefTree

log = logging.getLogger(__name__)


@dataclass
class BotOptions:
    """Tunables; defaults suit one production bot."""

    owner_ids: frozenset[int] = frozenset()
    digest_interval: float = 30.0  # seconds between scheduler ticks
    digest_concurrency: int = 8
    digest_rate: float = 45.0  # channel posts per second, under Discord's 50/s global budget
    command_burst: int = 10  # commands a user may run...
    command_window: float = 20.0  # ...per this many seconds
    dm_burst: int = 5
    dm_window: float = 30.0
    run_scheduler: bool = True
    extra_cogs: list[str] = field(default_factory=list)


def intents() -> discord.Intents:
    """Only what we use: guild structure for permission checks, and DMs for questions.

    DM text arrives without the privileged message-content intent.
    """
    chosen = discord.Intents.none()
    chosen.guilds = True
    chosen.dm_messages = True
    return chosen


class NewsbriefBot(commands.Bot):
    def __init__(
        self,
        *,
        content: ContentHolder,
        store: DigestStore,
        metrics: Metrics,
        clock: Clock,
        options: BotOptions | None = None,
        **client_options: object,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents(),
            tree_cls=NewsbriefTree,
            allowed_mentions=NO_PINGS,
            allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=True),
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
            **client_options,  # type: ignore[arg-type]
        )
        self.content = content
        self.store = store
        self.metrics = metrics
        self.clock = clock
        self.options = options or BotOptions()
        self.command_limiter = KeyedLimiter(self.options.command_burst, self.options.command_window)
        self.dm_limiter = KeyedLimiter(self.options.dm_burst, self.options.dm_window)
        self._scheduler_task: asyncio.Task[None] | None = None
        self.scheduler = DigestScheduler(self)

    async def setup_hook(self) -> None:
        await load_cogs(self)
        if self.options.run_scheduler:
            self._scheduler_task = asyncio.create_task(self.scheduler.run(), name="digest-scheduler")

    async def close(self) -> None:
        if self._scheduler_task is not None:
            self._scheduler_task.cancel()
            await asyncio.gather(self._scheduler_task, return_exceptions=True)
            self._scheduler_task = None
        await super().close()

    async def is_owner(self, user: discord.abc.User) -> bool:
        if self.options.owner_ids:
            return user.id in self.options.owner_ids
        return await super().is_owner(user)

    async def on_ready(self) -> None:
        assert self.user is not None
        log.info("connected as %s (%s) to %d servers", self.user, self.user.id, len(self.guilds))
