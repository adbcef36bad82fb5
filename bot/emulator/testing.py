"""Helpers for end-to-end tests and benchmarks: a running emulator that discord.py is
pointed at, and a client started in the background and stopped cleanly."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import discord

from bot.emulator.redirect import point_discord_at, restore_endpoints
from bot.emulator.server import Emulator


@contextlib.asynccontextmanager
async def running_emulator(**options: Any) -> AsyncIterator[Emulator]:
    """Start an Emulator, point discord.py at it, and restore everything afterwards."""
    emulator = Emulator(**options)
    await emulator.start()
    previous = point_discord_at(emulator.api_base, emulator.gateway_url)
    try:
        yield emulator
    finally:
        restore_endpoints(previous)
        await emulator.close()


@contextlib.asynccontextmanager
async def running_client(
    client: discord.Client,
    token: str,
    *,
    ready_timeout: float = 10.0,
) -> AsyncIterator[discord.Client]:
    """Run `client.start(token)` in a task until the client is ready; close it on exit.

    A failure to start (bad token, crash in setup_hook) is raised here rather than
    left in a background task.
    """

    async def run() -> None:
        async with client:
            await client.start(token)

    task = asyncio.get_running_loop().create_task(run(), name="discord-client")
    ready = asyncio.get_running_loop().create_task(client.wait_until_ready())
    try:
        done, _ = await asyncio.wait({task, ready}, timeout=ready_timeout, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            task.result()
            raise RuntimeError("the client stopped before it was ready")
        if ready not in done:
            raise TimeoutError(f"client not ready after {ready_timeout}s")
        yield client
    finally:
        ready.cancel()
        if not client.is_closed():
            await client.close()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, timeout=10.0)
