"""A local Discord-compatible server (REST + gateway) for end-to-end tests, benchmarks
and the sandbox: the real discord.py client talks to it over real sockets."""

from bot.emulator.actions import NotConnectedError
from bot.emulator.faults import Fault, FaultInjector
from bot.emulator.interactions import InvocationError
from bot.emulator.ratelimit import BucketSpec
from bot.emulator.records import InteractionRecord, RequestRecord
from bot.emulator.redirect import (
    DiscordEndpoints,
    discord_pointed_at,
    point_discord_at,
    restore_endpoints,
)
from bot.emulator.server import Emulator

__all__ = [
    "BucketSpec",
    "DiscordEndpoints",
    "Emulator",
    "Fault",
    "FaultInjector",
    "InteractionRecord",
    "InvocationError",
    "NotConnectedError",
    "RequestRecord",
    "discord_pointed_at",
    "point_discord_at",
    "restore_endpoints",
]
