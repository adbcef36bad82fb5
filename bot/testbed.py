"""A running Newsbrief connected to a local emulator with a demo server in it.

The sandbox, the end-to-end tests and the benchmarks all start the bot this way: the real
discord.py client over real sockets, a clock the caller controls, and a fresh store.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord

from bot.answers.service import DEFAULT_CACHE_SIZE
from bot.app import build_bot
from bot.client import BotOptions, NewsbriefBot
from bot.clock import ManualClock
from bot.content import ContentHolder
from bot.emulator import Emulator, InteractionRecord
from bot.emulator.testing import running_client
from bot.endpoint import point_discord_at, restore_endpoints
from bot.settings import default_content_dir
from bot.store import SqliteStore

JSON = dict[str, Any]

BOT_PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, embed_links=True, read_message_history=True
)
ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True) | BOT_PERMISSIONS
MEMBER_PERMISSIONS = discord.Permissions(view_channel=True, send_messages=True, use_application_commands=True)
DEFAULT_START = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class DemoWorld:
    """The demo server: a #general and a #digest channel, an admin and a member."""

    token: str
    bot_user_id: int
    guild_id: int
    general_id: int
    digest_id: int
    admin_id: int
    member_id: int
    bot_role_id: int


@dataclass
class Testbed:
    """Handles on everything in the demo world, plus shortcuts to act in it."""

    __test__ = False  # not a pytest test class

    emulator: Emulator
    bot: NewsbriefBot
    clock: ManualClock
    store: SqliteStore
    world: DemoWorld
    users: dict[str, int] = field(default_factory=dict)

    async def command(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user: str = "member",
        subcommand: str | None = None,
        dm: bool = False,
        channel_id: int | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> JSON:
        """Run a slash command as a demo user; the message they end up seeing."""
        record = await self.invoke(name, options, user=user, subcommand=subcommand, dm=dm, channel_id=channel_id)
        return await record.final_message(timeout=timeout)

    async def invoke(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user: str = "member",
        subcommand: str | None = None,
        dm: bool = False,
        channel_id: int | None = None,
    ) -> InteractionRecord:
        return await self.emulator.invoke_command(
            self.users[user],
            name,
            options,
            subcommand=subcommand,
            guild_id=None if dm else self.world.guild_id,
            channel_id=None if dm else (channel_id or self.world.general_id),
        )

    async def autocomplete(
        self, name: str, options: dict[str, Any], focused: str, *, user: str = "member", subcommand: str | None = None
    ) -> list[JSON]:
        return await self.emulator.autocomplete(
            self.users[user],
            name,
            options,
            focused=focused,
            subcommand=subcommand,
            guild_id=self.world.guild_id,
            channel_id=self.world.general_id,
        )

    async def dm(self, text: str, *, user: str = "member", timeout: float = 10.0) -> JSON:  # noqa: ASYNC109
        """Send the bot a DM and wait for its next reply in that DM."""
        user_id = self.users[user]
        channel_id = self.emulator.dm_channel_id(user_id)
        before = len(self.emulator.messages(channel_id)) if channel_id else 0
        sent = await self.emulator.send_dm(user_id, text)
        channel_id = int(sent["channel_id"])
        replies = await self.emulator.wait_for_messages(channel_id, count=before + 2, timeout=timeout)
        return replies[-1]

    async def advance(self, delta: dt.timedelta) -> None:
        """Move the bot's clock and wait for the digest scheduler to look at the new time."""
        ticks = self.bot.scheduler.ticks
        await self.clock.advance(delta)
        await self.wait_for_tick(after=ticks)

    async def wait_for_tick(self, *, after: int, timeout: float = 20.0) -> None:  # noqa: ASYNC109
        async def ticked() -> None:
            while self.bot.scheduler.ticks <= after:
                self.bot.scheduler.tick_done.clear()
                await self.bot.scheduler.tick_done.wait()

        async with asyncio.timeout(timeout):
            await ticked()


def create_demo_world(emu: Emulator) -> DemoWorld:
    app = emu.create_application("Newsbrief")
    admin = emu.create_user("admin", global_name="Ada Admin")
    member = emu.create_user("member", global_name="Max Member")
    guild = emu.create_guild("Newsroom", owner_id=admin.id)
    emu.set_role_permissions(guild.id, guild.id, MEMBER_PERMISSIONS)
    admin_role = emu.create_role(guild.id, "Admin", ADMIN_PERMISSIONS)
    bot_role = emu.create_role(guild.id, "Newsbrief", BOT_PERMISSIONS)
    emu.add_member(guild.id, admin.id, roles=[admin_role.id])
    emu.add_member(guild.id, member.id)
    emu.add_member(guild.id, app.bot_user_id, roles=[bot_role.id])
    general = emu.create_channel(guild.id, "general")
    digest = emu.create_channel(guild.id, "digest")
    return DemoWorld(
        token=app.token,
        bot_user_id=app.bot_user_id,
        guild_id=guild.id,
        general_id=general.id,
        digest_id=digest.id,
        admin_id=admin.id,
        member_id=member.id,
        bot_role_id=bot_role.id,
    )


@contextlib.asynccontextmanager
async def running_bot(
    token: str,
    store: SqliteStore,
    clock: ManualClock,
    *,
    content_dir: Path | None = None,
    options: BotOptions | None = None,
    ready_timeout: float = 20.0,
    answer_cache_size: int = DEFAULT_CACHE_SIZE,
) -> AsyncIterator[NewsbriefBot]:
    """Start the real bot (discord.py must already point at the emulator) until it is ready.

    `answer_cache_size=0` serves every answer freshly built (benchmarks compare both).
    """
    content = ContentHolder.load(content_dir or default_content_dir(), answer_cache_size=answer_cache_size)
    bot = build_bot(content, store, clock=clock, options=options, guild_ready_timeout=0.05)
    async with running_client(bot, token, ready_timeout=ready_timeout):
        yield bot


@contextlib.asynccontextmanager
async def running_testbed(
    *,
    content_dir: Path | None = None,
    start: dt.datetime = DEFAULT_START,
    database: Path | str = ":memory:",
    options: BotOptions | None = None,
    emulator: Emulator | None = None,
) -> AsyncIterator[Testbed]:
    """Emulator + demo server + the real bot, connected and with its commands registered."""
    emu = emulator or Emulator(global_rate_limit=None)
    owns_emulator = emulator is None
    if owns_emulator:
        await emu.start()
    previous = point_discord_at(emu.api_base, emu.gateway_url)
    store = SqliteStore(database)
    try:
        world = create_demo_world(emu)
        clock = ManualClock(start)
        await store.open()
        chosen = options or BotOptions(owner_ids=frozenset({world.admin_id}), digest_interval=60.0)
        async with running_bot(world.token, store, clock, content_dir=content_dir, options=chosen) as bot:
            await bot.tree.sync()
            yield Testbed(
                emulator=emu,
                bot=bot,
                clock=clock,
                store=store,
                world=world,
                users={"admin": world.admin_id, "member": world.member_id},
            )
    finally:
        await store.close()
        restore_endpoints(previous)
        if owns_emulator:
            await emu.close()


def embed_text(message: dict[str, Any]) -> str:
    """Everything a user reads in a message: content and every embed part."""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        for part in embed.get("fields") or []:
            parts += [part.get("name") or "", part.get("value") or ""]
        parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(parts)


def is_ephemeral(message: dict[str, Any]) -> bool:
    return bool(int(message.get("flags") or 0) & 64)


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The buttons on a message, in order."""
    return [c for row in message.get("components") or [] for c in row.get("components") or [] if c.get("type") == 2]
