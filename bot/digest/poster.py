"""Posting one server's digest exactly once, and recording what happened."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

import discord

from bot.answers import Answers
from bot.digest.nonce import digest_nonce
from bot.ratelimit import Pacer
from bot.render.embeds import render_embeds
from bot.respond import NO_PINGS
from bot.store import Claim, GuildDigest

if TYPE_CHECKING:
    from bot.client import NewsbriefBot

log = logging.getLogger(__name__)

#: How long a claim may stay unconfirmed before another attempt may take it over.
CLAIM_LEASE = dt.timedelta(minutes=5)


def describe_failure(error: discord.HTTPException) -> str:
    if isinstance(error, discord.NotFound):
        return "the digest channel no longer exists"
    if isinstance(error, discord.Forbidden):
        return "I am missing permission to post in the digest channel (View Channel, Send Messages, Embed Links)"
    return f"Discord answered {error.status}"


class DigestPoster:
    def __init__(self, bot: NewsbriefBot, pacer: Pacer) -> None:
        self.bot = bot
        self.pacer = pacer
        self._rendered: tuple[Answers, dt.date, list[discord.Embed]] | None = None

    def embeds(self, day: dt.date) -> list[discord.Embed]:
        """The day's digest, built and rendered once per content and day: a fan-out posts the
        same digest to every server, and a preview shows the same one."""
        answers = self.bot.content.answers
        cached = self._rendered
        if cached is None or cached[0] is not answers or cached[1] != day:
            digest = answers.digest(day, previous=day - dt.timedelta(days=1))
            cached = self._rendered = (answers, day, render_embeds(digest))
        return cached[2]

    async def post(self, settings: GuildDigest, day: dt.date, *, force: bool = False) -> str:
        """Outcome: "sent", "skipped" (already done), "busy" (another attempt holds the claim),
        "failed" (recorded, final for the day) or "retry" (left claimed; tried again after the lease)."""
        store = self.bot.store
        claim = await store.claim(
            settings.guild_id, day, settings.channel_id, now=self.bot.clock.now(), lease=CLAIM_LEASE
        )
        if claim is Claim.BUSY and not force:
            return "busy"
        if claim is Claim.DONE and not force:
            return "skipped"
        embeds = self.embeds(day)
        channel = self.bot.get_partial_messageable(settings.channel_id, guild_id=settings.guild_id)
        await self.pacer.wait()
        try:
            message = await channel.send(
                embeds=embeds, nonce=digest_nonce(settings.guild_id, day), allowed_mentions=NO_PINGS
            )
        except (discord.Forbidden, discord.NotFound) as exc:
            reason = describe_failure(exc)
            await store.finish(settings.guild_id, day, status="failed", error=reason, now=self.bot.clock.now())
            await self._report_failure(settings, reason)
            self.bot.metrics.digests.inc(outcome="failed")
            log.warning("digest for guild %s failed: %s", settings.guild_id, reason)
            return "failed"
        except discord.HTTPException as exc:
            # Left claimed: after the lease, the next tick tries again with the same nonce.
            self.bot.metrics.digests.inc(outcome="retry")
            log.warning("digest for guild %s will be retried: %s", settings.guild_id, exc)
            return "retry"
        await store.finish(settings.guild_id, day, status="sent", message_id=message.id, now=self.bot.clock.now())
        if settings.last_error is not None:
            await store.record_error(settings.guild_id, None, notified=False)
        self.bot.metrics.digests.inc(outcome="sent")
        return "sent"

    async def _report_failure(self, settings: GuildDigest, reason: str) -> None:
        """Keep the settings, remember the error for /digest status, tell the admin once."""
        current = await self.bot.store.get(settings.guild_id) or settings
        notified = current.error_notified and current.last_error == reason
        if not notified and settings.set_by is not None:
            notified = await self._dm_admin(settings, reason)
        await self.bot.store.record_error(settings.guild_id, reason, notified=notified)

    async def _dm_admin(self, settings: GuildDigest, reason: str) -> bool:
        assert settings.set_by is not None
        guild = self.bot.get_guild(settings.guild_id)
        where = f"**{guild.name}**" if guild else f"server {settings.guild_id}"
        try:
            user = self.bot.get_user(settings.set_by) or await self.bot.fetch_user(settings.set_by)
            await user.send(
                f"I couldn't post the daily digest in {where}: {reason}. Your settings are kept; "
                "fix the channel or run `/digest setup` again. `/digest status` shows the latest result.",
                allowed_mentions=NO_PINGS,
            )
        except discord.HTTPException as exc:
            log.info("could not DM digest admin %s: %s", settings.set_by, exc)
            return False
        return True
