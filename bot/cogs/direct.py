"""Plain-text direct messages: a question gets the /ask answer; `help` lists what I can do."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.render.embeds import render_embeds
from bot.respond import NO_PINGS

if TYPE_CHECKING:
    from bot.client import NewsbriefBot

log = logging.getLogger(__name__)

MAX_QUESTION = 500

HELP = """**Newsbrief** answers questions about the news, only from the articles I know, with the paragraphs cited.

In a DM, just ask: *How long is the framework?*, *What did Hegseth say?*, *Why does Russia matter here?*
Slash commands (in servers and here): `/ask`, `/summary`, `/quote`, `/background`, `/facts`, `/who`,
`/timeline`, `/articles`, `/about`.
Server admins: `/digest setup` posts a daily digest in a channel at a local time."""


class DirectMessagesCog(commands.Cog):
    def __init__(self, bot: NewsbriefBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.guild is not None or message.author.bot or message.author == self.bot.user:
            return
        if not isinstance(message.channel, discord.DMChannel):
            return
        text = message.content.strip()
        if not text:
            return
        started = time.perf_counter()
        try:
            outcome = await self._handle(message, text)
        except discord.HTTPException as exc:
            log.warning("could not answer DM from %s: %s", message.author.id, exc)
            outcome = "error"
        self.bot.metrics.dm_questions.inc(outcome=outcome)
        self.bot.metrics.latency.observe(time.perf_counter() - started, command="dm")

    async def _handle(self, message: discord.Message, text: str) -> str:
        allowed, retry_after = self.bot.dm_limiter.take(message.author.id)
        if not allowed:
            if self.bot.dm_limiter.should_warn(message.author.id):
                await message.channel.send(
                    f"You're asking faster than I can keep up. Try again in {max(1, round(retry_after))} s.",
                    allowed_mentions=NO_PINGS,
                )
            return "limited"
        command = text.casefold()
        if command in {"help", "/help", "?", "hi", "hello"}:
            await message.channel.send(HELP, allowed_mentions=NO_PINGS)
            return "help"
        if command == "reload" and await self.bot.is_owner(message.author):
            problems = await self.bot.content.reload()
            if problems:
                listing = "\n".join(str(p) for p in problems[:10])
                await message.channel.send(
                    f"The new content has problems, so I kept the old:\n```\n{listing[:1800]}\n```",
                    allowed_mentions=NO_PINGS,
                )
                return "reload-rejected"
            library = self.bot.content.answers.library
            await message.channel.send(
                f"Content reloaded: {len(library)} articles, version {library.version}.",
                allowed_mentions=NO_PINGS,
            )
            return "reloaded"
        answer = self.bot.content.answers.ask(text[:MAX_QUESTION])
        await message.channel.send(embeds=render_embeds(answer), allowed_mentions=NO_PINGS)
        return str(answer.kind)
