"""`/digest`: server admins choose where and when the daily digest is posted."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.autocomplete import suggest
from bot.digest.schedule import ScheduleError, local_date, next_run, parse_time, parse_timezone
from bot.respond import NO_PINGS, reply
from bot.store import GuildDigest
from bot.tree import record_command

if TYPE_CHECKING:
    from bot.client import NewsbriefBot

NEEDED = ("view_channel", "send_messages", "embed_links")
TIMES = [f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 30)]


def is_server_manager(interaction: discord.Interaction[NewsbriefBot]) -> bool:
    """Runtime twin of the declared default permissions: Discord's metadata alone is not a check."""
    if interaction.guild is None:
        raise app_commands.NoPrivateMessage()
    if not interaction.permissions.manage_guild:
        raise app_commands.MissingPermissions(["manage_guild"])
    return True


def missing_permissions(channel: discord.abc.GuildChannel, me: discord.Member) -> list[str]:
    granted = channel.permissions_for(me)
    return [name.replace("_", " ").title() for name in NEEDED if not getattr(granted, name)]


def when_text(moment: dt.datetime, zone: ZoneInfo, now: dt.datetime) -> str:
    local = moment.astimezone(zone)
    stamp = local.strftime("%a %d %b %Y, %H:%M %Z")
    if moment <= now:
        return f"{stamp} (due now)"
    hours, rest = divmod(int((moment - now).total_seconds()), 3600)
    return f"{stamp} (in {hours} h {rest // 60} min)"


async def suggest_time(interaction: discord.Interaction[NewsbriefBot], current: str) -> list[app_commands.Choice[str]]:
    matches = [t for t in TIMES if t.startswith(current.strip())] or TIMES
    return [app_commands.Choice(name=t, value=t) for t in matches[:25]]


@app_commands.guild_only()
@app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)
@app_commands.default_permissions(manage_guild=True)
@app_commands.allowed_installs(guilds=True, users=False)
class DigestCog(commands.GroupCog, group_name="digest", group_description="The daily digest for this server"):
    def __init__(self, bot: NewsbriefBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction[NewsbriefBot]) -> bool:  # type: ignore[override]
        return is_server_manager(interaction)

    @app_commands.command(name="setup", description="Post the daily digest in a channel at a local time")
    @app_commands.describe(
        channel="Where to post",
        time="Local time, 24-hour HH:MM",
        timezone="IANA timezone, e.g. Asia/Kolkata",
    )
    @app_commands.autocomplete(time=suggest_time, timezone=suggest("timezone"))
    async def setup(
        self,
        interaction: discord.Interaction[NewsbriefBot],
        channel: discord.TextChannel,
        time: app_commands.Range[str, 1, 20],
        timezone: app_commands.Range[str, 1, 64],
    ) -> None:
        assert interaction.guild is not None
        try:
            at = parse_time(time)
            zone = parse_timezone(timezone)
        except ScheduleError as exc:
            await reply(interaction, content=str(exc), ephemeral=True)
            return
        me = interaction.guild.get_member(self.bot.user.id) if self.bot.user else None
        if me is None:
            await reply(
                interaction,
                content="I can't see my own permissions here yet; try again in a moment.",
                ephemeral=True,
            )
            return
        missing = missing_permissions(channel, me)
        if missing:
            await reply(
                interaction,
                content=f"I can't post in {channel.mention}: I'm missing {', '.join(missing)}. Nothing was saved.",
                ephemeral=True,
            )
            return
        settings = GuildDigest(
            guild_id=interaction.guild.id,
            channel_id=channel.id,
            time=at,
            timezone=zone.key,
            set_by=interaction.user.id,
        )
        await self.bot.store.save(settings)
        self.bot.scheduler.forget(settings.guild_id)
        now = self.bot.clock.now()
        done = await self._done_today(settings, zone, now)
        upcoming = when_text(next_run(now, at, zone, done_today=done), zone, now)
        await reply(
            interaction,
            content=f"Daily digest set: {channel.mention} at {at:%H:%M} {zone.key}. Next post: {upcoming}.",
            ephemeral=True,
        )
        record_command(interaction, "ok")

    @app_commands.command(name="off", description="Stop posting the daily digest in this server")
    async def off(self, interaction: discord.Interaction[NewsbriefBot]) -> None:
        assert interaction.guild is not None
        changed = await self.bot.store.disable(interaction.guild.id)
        self.bot.scheduler.forget(interaction.guild.id)
        text = "Daily digest turned off." if changed else "The daily digest was not on in this server."
        await reply(interaction, content=text, ephemeral=True)
        record_command(interaction, "ok")

    @app_commands.command(name="status", description="Where and when the digest posts, and how the last one went")
    async def status(self, interaction: discord.Interaction[NewsbriefBot]) -> None:
        assert interaction.guild is not None
        settings = await self.bot.store.get(interaction.guild.id)
        if settings is None or not settings.enabled:
            await reply(
                interaction,
                content="The daily digest is off. Turn it on with `/digest setup`.",
                ephemeral=True,
            )
            return
        zone = parse_timezone(settings.timezone)
        now = self.bot.clock.now()
        done = await self._done_today(settings, zone, now)
        embed = discord.Embed(title="Daily digest", colour=discord.Colour.blurple())
        embed.add_field(name="Channel", value=f"<#{settings.channel_id}>")
        embed.add_field(name="Time", value=f"{settings.time:%H:%M} {settings.timezone}")
        embed.add_field(
            name="Next post",
            value=when_text(next_run(now, settings.time, zone, done_today=done), zone, now),
            inline=False,
        )
        last = await self.bot.store.last_entry(interaction.guild.id)
        if last is not None:
            result = {"sent": "posted", "failed": "failed", "claimed": "in progress"}[last.status]
            detail = f": {last.error}" if last.error else ""
            embed.add_field(
                name="Last digest",
                value=f"{last.local_date:%d %b %Y} {result}{detail}"[:1024],
                inline=False,
            )
        if settings.last_error:
            embed.add_field(name="Problem", value=settings.last_error[:1024], inline=False)
        await reply(interaction, embeds=[embed], ephemeral=True)
        record_command(interaction, "ok")

    @app_commands.command(name="preview", description="See today's digest (only you see it)")
    async def preview(self, interaction: discord.Interaction[NewsbriefBot]) -> None:
        assert interaction.guild is not None
        settings = await self.bot.store.get(interaction.guild.id)
        zone = parse_timezone(settings.timezone) if settings else ZoneInfo("UTC")
        day = local_date(self.bot.clock.now(), zone)
        await reply(interaction, embeds=self.bot.scheduler.poster.embeds(day), ephemeral=True)
        record_command(interaction, "ok")

    @app_commands.command(name="send-now", description="Post today's digest now (once a day)")
    async def send_now(self, interaction: discord.Interaction[NewsbriefBot]) -> None:
        assert interaction.guild is not None
        settings = await self.bot.store.get(interaction.guild.id)
        if settings is None or not settings.enabled:
            await reply(interaction, content="Set the digest up first with `/digest setup`.", ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        day = local_date(self.bot.clock.now(), parse_timezone(settings.timezone))
        earlier = await self.bot.store.entry(settings.guild_id, day)
        retry_failed = earlier is not None and earlier.status == "failed"
        outcome = await self.bot.scheduler.poster.post(settings, day, force=retry_failed)
        texts = {
            "sent": f"Today's digest is posted in <#{settings.channel_id}>.",
            "skipped": f"Today's digest was already posted in <#{settings.channel_id}>.",
            "busy": "Today's digest is being posted right now.",
            "retry": "Discord didn't accept the post just now; I'll retry shortly.",
        }
        failure = (await self.bot.store.get(settings.guild_id) or settings).last_error
        text = texts.get(outcome) or f"I couldn't post the digest: {failure or 'unknown error'}."
        await interaction.edit_original_response(content=text, allowed_mentions=NO_PINGS)
        record_command(interaction, outcome)

    async def _done_today(self, settings: GuildDigest, zone: ZoneInfo, now: dt.datetime) -> bool:
        entry = await self.bot.store.entry(settings.guild_id, local_date(now, zone))
        return entry is not None and entry.status in {"sent", "failed"}
