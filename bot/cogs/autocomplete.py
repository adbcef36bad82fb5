"""Autocomplete callbacks shared by commands: the answers layer ranks, this adapts to Discord."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

if TYPE_CHECKING:
    from bot.client import NewsbriefBot

Suggest = Callable[[discord.Interaction[Any], str], Coroutine[Any, Any, list[app_commands.Choice[str]]]]


def suggest(kind: str) -> Suggest:
    """An autocomplete callback for one kind of name (article, speaker, topic...)."""

    async def callback(interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
        client: NewsbriefBot = interaction.client
        pairs = client.content.answers.autocomplete(kind, current[:100])
        return [app_commands.Choice(name=name[:100], value=value[:100]) for name, value in pairs[:25]]

    return callback
