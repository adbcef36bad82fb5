"""The composition root: build every part once, wire them together, run, shut down cleanly."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass

import discord

from bot.client import BotOptions, NewsbriefBot
from bot.clock import Clock, SystemClock
from bot.content import ContentHolder
from bot.endpoint import point_discord_at
from bot.facts import ContentError
from bot.metrics import Metrics
from bot.settings import Settings
from bot.store import DigestStore, SqliteStore
from bot.web import HealthServer, ReadinessCheck

log = logging.getLogger(__name__)

EXIT_CONTENT = 1
EXIT_TOKEN = 2


@dataclass
class Parts:
    bot: NewsbriefBot
    store: DigestStore
    health: HealthServer | None


def build_bot(
    content: ContentHolder,
    store: DigestStore,
    *,
    clock: Clock | None = None,
    options: BotOptions | None = None,
    metrics: Metrics | None = None,
    **client_options: object,
) -> NewsbriefBot:
    metrics = metrics or Metrics()
    bot = NewsbriefBot(
        content=content,
        store=store,
        metrics=metrics,
        clock=clock or SystemClock(),
        options=options,
        **client_options,
    )
    metrics.gauge(
        "newsbrief_articles_loaded",
        "Articles in the content being served.",
        lambda: len(content.answers.library),
    )
    metrics.gauge(
        "newsbrief_gateway_latency_seconds",
        "Heartbeat round trip to the gateway.",
        lambda: bot.latency if bot.latency == bot.latency and bot.latency != float("inf") else -1.0,
    )
    return bot


def readiness(bot: NewsbriefBot, store: DigestStore) -> ReadinessCheck:
    async def check() -> dict[str, bool]:
        try:
            store_ok = await store.ping()
        except Exception:  # noqa: BLE001 - any failure means not ready
            store_ok = False
        return {
            "gateway": bot.is_ready() and not bot.is_closed(),
            "content": len(bot.content.answers.library) > 0,
            "store": store_ok,
        }

    return check


@contextlib.asynccontextmanager
async def running_parts(
    settings: Settings, content: ContentHolder, *, clock: Clock | None = None
) -> AsyncIterator[Parts]:
    """Open the store and health server around the bot's lifetime."""
    store = SqliteStore(settings.database)
    await store.open()
    options = BotOptions(owner_ids=frozenset(settings.owner_ids))
    bot = build_bot(content, store, clock=clock, options=options)
    health = None
    if settings.health_port:
        health = HealthServer(bot.metrics, readiness(bot, store), host=settings.health_host, port=settings.health_port)
        await health.start()
    try:
        yield Parts(bot, store, health)
    finally:
        if health is not None:
            await health.stop()
        await store.close()


def _prepare(settings: Settings) -> tuple[str, ContentHolder] | int:
    """The token and loaded content, or an exit code after a one-line explanation."""
    token = settings.discord_token.get_secret_value() if settings.discord_token else ""
    if not token.strip():
        print(
            "newsbrief: DISCORD_TOKEN is not set; put it in the environment or in .env (see .env.example).",
            file=sys.stderr,
        )
        return EXIT_TOKEN
    point_discord_at(settings.discord_api_base, settings.discord_gateway)
    try:
        return token, ContentHolder.load(settings.content_dir)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_CONTENT


async def run(settings: Settings) -> int:
    """`newsbrief run`: exit 0 on a clean stop, 1 for bad content, 2 for a missing or rejected token."""
    prepared = _prepare(settings)
    if isinstance(prepared, int):
        return prepared
    token, content = prepared
    reloads: set[asyncio.Task[object]] = set()

    def reload_on_signal() -> None:
        task: asyncio.Task[object] = asyncio.ensure_future(content.reload())
        reloads.add(task)
        task.add_done_callback(reloads.discard)

    async with running_parts(settings, content) as parts:
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signal.SIGHUP, reload_on_signal)
        try:
            async with parts.bot:
                await parts.bot.start(token)
        except discord.LoginFailure:
            print(
                "newsbrief: Discord rejected DISCORD_TOKEN; check the bot token in the developer portal.",
                file=sys.stderr,
            )
            return EXIT_TOKEN
        except discord.PrivilegedIntentsRequired:
            print("newsbrief: Discord refused the requested intents.", file=sys.stderr)
            return EXIT_TOKEN
    return 0


async def sync(settings: Settings, guild_id: int | None) -> int:
    """Register the slash commands once (globally, or to one server for instant updates)."""
    prepared = _prepare(settings)
    if isinstance(prepared, int):
        return prepared
    token, content = prepared
    store = SqliteStore(":memory:")
    await store.open()
    bot = build_bot(content, store, options=BotOptions(run_scheduler=False))
    try:
        async with bot:
            try:
                await bot.login(token)
            except discord.LoginFailure:
                print("newsbrief: Discord rejected DISCORD_TOKEN.", file=sys.stderr)
                return EXIT_TOKEN
            target = discord.Object(id=guild_id) if guild_id else None
            if target is not None:
                bot.tree.copy_global_to(guild=target)
            synced = await bot.tree.sync(guild=target)
            where = f"server {guild_id}" if guild_id else "all servers (global; may take up to an hour to show)"
            print(f"Registered {len(synced)} commands for {where}: {', '.join(sorted(c.name for c in synced))}")
    finally:
        await store.close()
    return 0
