"""The storage interface the bot codes against; SQLite implements it, PostgreSQL could too."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class GuildDigest:
    """Where and when one server wants its daily digest."""

    guild_id: int
    channel_id: int
    time: dt.time
    timezone: str
    enabled: bool = True
    set_by: int | None = None
    last_error: str | None = None
    error_notified: bool = False


@dataclass(frozen=True)
class DigestLogEntry:
    """The outcome of one server's digest for one local date."""

    guild_id: int
    local_date: dt.date
    channel_id: int
    status: str  # "claimed", "sent" or "failed"
    message_id: int | None
    error: str | None
    updated_at: dt.datetime


class Claim(enum.Enum):
    """What `claim` decided for a (server, local date)."""

    NEW = "new"  # nobody had it: post it
    RETRY = "retry"  # claimed earlier but never confirmed (crash, restart): post again, same nonce
    BUSY = "busy"  # claimed by another attempt that may still be running: look again later
    DONE = "done"  # already sent or failed for good: do nothing


class DigestStore(Protocol):
    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def ping(self) -> bool: ...

    async def get(self, guild_id: int) -> GuildDigest | None: ...

    async def save(self, settings: GuildDigest) -> None: ...

    async def disable(self, guild_id: int) -> bool: ...

    async def enabled(self) -> list[GuildDigest]: ...

    async def record_error(self, guild_id: int, error: str | None, *, notified: bool) -> None: ...

    async def claim(
        self,
        guild_id: int,
        local_date: dt.date,
        channel_id: int,
        *,
        now: dt.datetime,
        lease: dt.timedelta,
    ) -> Claim: ...

    async def finish(
        self,
        guild_id: int,
        local_date: dt.date,
        *,
        status: str,
        message_id: int | None = None,
        error: str | None = None,
        now: dt.datetime,
    ) -> None: ...

    async def last_entry(self, guild_id: int) -> DigestLogEntry | None: ...

    async def entry(self, guild_id: int, local_date: dt.date) -> DigestLogEntry | None: ...
