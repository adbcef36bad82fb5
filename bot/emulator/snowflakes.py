"""Snowflake ids shaped like Discord's, so shard routing ((id >> 22) % n) spreads guilds."""

from __future__ import annotations

import time

DISCORD_EPOCH_MS = 1_420_070_400_000


class SnowflakeGenerator:
    """Issues unique, increasing snowflakes.

    Each id gets its own millisecond timestamp (the clock, or one past the previous id's),
    because Discord shards by the timestamp bits: ids minted in the same millisecond would
    all land on one shard.
    """

    def __init__(self, worker_id: int = 1) -> None:
        self._worker = worker_id & 0x1F
        self._last_ms = 0
        self._increment = 0

    def next(self) -> int:
        """Return a new snowflake."""
        now_ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        stamp = max(now_ms, self._last_ms + 1)
        self._last_ms = stamp
        self._increment = (self._increment + 1) & 0xFFF
        return (stamp << 22) | (self._worker << 17) | self._increment


def snowflake_time_ms(snowflake: int) -> int:
    """Unix milliseconds encoded in a snowflake."""
    return (snowflake >> 22) + DISCORD_EPOCH_MS


def shard_for(guild_id: int, shard_count: int) -> int:
    """The shard that receives a guild's events, by Discord's formula."""
    return (guild_id >> 22) % shard_count
