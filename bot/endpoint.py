"""Point discord.py at another Discord-compatible endpoint (the emulator, a proxy).

discord.py keeps its endpoints in class attributes: `Route.BASE` for REST, webhooks and
interaction callbacks, `DiscordWebSocket.DEFAULT_GATEWAY` for the gateway. Calling
`discord.http._set_api_version` afterwards would reset BASE, so it must not be called.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import discord.gateway
import discord.http
import yarl


@dataclass(frozen=True)
class DiscordEndpoints:
    """The REST base and gateway URL discord.py uses."""

    api_base: str
    gateway: yarl.URL


def current_endpoints() -> DiscordEndpoints:
    """What discord.py is pointed at now."""
    return DiscordEndpoints(
        api_base=discord.http.Route.BASE,
        gateway=discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY,
    )


def point_discord_at(api_base: str | None, gateway: str | None) -> DiscordEndpoints:
    """Redirect REST to `api_base` (…/api/v10) and the gateway to `gateway` (ws[s]://…/).

    Either may be None to leave it unchanged. Returns the previous endpoints so the
    caller can restore them with `restore_endpoints`.
    """
    previous = current_endpoints()
    if api_base:
        discord.http.Route.BASE = api_base.rstrip("/")
    if gateway:
        url = yarl.URL(gateway)
        if not url.path:
            url = url.with_path("/")
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = url
    return previous


def restore_endpoints(endpoints: DiscordEndpoints) -> None:
    """Undo `point_discord_at`."""
    discord.http.Route.BASE = endpoints.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = endpoints.gateway


@contextmanager
def discord_pointed_at(api_base: str | None, gateway: str | None) -> Iterator[DiscordEndpoints]:
    """`point_discord_at` for the duration of a with-block."""
    previous = point_discord_at(api_base, gateway)
    try:
        yield previous
    finally:
        restore_endpoints(previous)
