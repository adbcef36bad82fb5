"""Send discord.py's REST and gateway traffic to another Discord-compatible endpoint."""

from __future__ import annotations

from dataclasses import dataclass

import discord.gateway
import discord.http
import yarl


@dataclass(frozen=True)
class Endpoint:
    api_base: str
    gateway: yarl.URL


def current_endpoint() -> Endpoint:
    return Endpoint(discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)


def point_discord_at(api_base: str | None, gateway: str | None) -> Endpoint:
    """Redirect (a rate-limit proxy, the emulator); returns what was there, for restoring.

    Route.BASE is what REST, webhooks and interaction callbacks are built from; never call
    discord.http._set_api_version afterwards, it resets BASE.
    """
    previous = current_endpoint()
    if api_base:
        discord.http.Route.BASE = api_base.rstrip("/")
    if gateway:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    return previous


def restore_endpoint(endpoint: Endpoint) -> None:
    discord.http.Route.BASE = endpoint.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = endpoint.gateway
