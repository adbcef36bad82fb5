"""One way to answer an interaction, whatever state it is in, never pinging anyone."""

from __future__ import annotations

import logging
from typing import Any

import discord

log = logging.getLogger(__name__)

NO_PINGS = discord.AllowedMentions.none()


async def reply(
    interaction: discord.Interaction[Any],
    *,
    content: str | None = None,
    embeds: list[discord.Embed] | None = None,
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> None:
    """Initial response if possible, else a follow-up; a public reply to an expired
    interaction falls back to a plain channel message."""
    kwargs: dict[str, Any] = {"allowed_mentions": NO_PINGS, "ephemeral": ephemeral}
    if content is not None:
        kwargs["content"] = content
    if embeds:
        kwargs["embeds"] = embeds
    if view is not None:
        kwargs["view"] = view
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(**kwargs)
        else:
            await interaction.followup.send(**kwargs)
    except discord.NotFound:
        channel = interaction.channel
        if ephemeral or channel is None or not isinstance(channel, discord.abc.Messageable):
            raise
        log.info("interaction %s expired; answering in the channel", interaction.id)
        kwargs.pop("ephemeral")
        await channel.send(**kwargs)
