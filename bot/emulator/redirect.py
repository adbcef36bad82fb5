"""The emulator's way into discord.py is the product's own redirect (bot.endpoint)."""

from bot.endpoint import (
    DiscordEndpoints,
    current_endpoints,
    discord_pointed_at,
    point_discord_at,
    restore_endpoints,
)

__all__ = [
    "DiscordEndpoints",
    "current_endpoints",
    "discord_pointed_at",
    "point_discord_at",
    "restore_endpoints",
]
