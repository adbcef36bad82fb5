"""SQLite store through aiosqlite: WAL mode, migrations on open, one connection per process."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import aiosqlite

from bot.store.base import Claim, DigestLogEntry, GuildDigest
from bot.store.migrations import MIGRATIONS


class SqliteStore:
    """The embedded default; `path` may be ":memory:" for tests."""

    def __init__(self, path: Path | str) -> None:
        self._path = path
        self._db: aiosqlite.Connection | None = None

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("store is not open")
        return self._db

    async def open(self) -> None:
        if isinstance(self._path, Path):
            self._path.parent.mkdir(parents=True, exist_ok=True)
        self._db = await aiosqlite.connect(self._path, isolation_level=None)
        await self._db.execute("PRAGMA journal_mode=WAL")
        await self._db.execute("PRAGMA synchronous=NORMAL")
        await self._db.execute("PRAGMA busy_timeout=5000")
        await self._migrate()

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

    async def ping(self) -> bool:
        if self._db is None:
            return False
        async with self._db.execute("SELECT 1") as cursor:
            return await cursor.fetchone() is not None

    async def schema_version(self) -> int:
        async with self.db.execute("SELECT MAX(version) FROM schema_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0] or 0) if row else 0

    async def _migrate(self) -> None:
        await self.db.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        current = await self.schema_version()
        for version, script in enumerate(MIGRATIONS, start=1):
            if version <= current:
                continue
            await self.db.executescript(
                f"BEGIN; {script}; INSERT INTO schema_version VALUES ({version}, "
                f"strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); COMMIT;"
            )

    async def get(self, guild_id: int) -> GuildDigest | None:
        async with self.db.execute(
            "SELECT guild_id, channel_id, time, timezone, enabled, set_by, last_error, error_notified"
            " FROM guild_digest WHERE guild_id = ?",
            (guild_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return _settings(row) if row else None

    async def save(self, settings: GuildDigest) -> None:
        await self.db.execute(
            """
            INSERT INTO guild_digest
                (guild_id, channel_id, time, timezone, enabled, set_by, last_error, error_notified, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            ON CONFLICT (guild_id) DO UPDATE SET
                channel_id = excluded.channel_id, time = excluded.time, timezone = excluded.timezone,
                enabled = excluded.enabled, set_by = excluded.set_by, last_error = excluded.last_error,
                error_notified = excluded.error_notified, updated_at = excluded.updated_at
            """,
            (
                settings.guild_id,
                settings.channel_id,
                settings.time.strftime("%H:%M"),
                settings.timezone,
                int(settings.enabled),
                settings.set_by,
                settings.last_error,
                int(settings.error_notified),
            ),
        )

    async def disable(self, guild_id: int) -> bool:
        cursor = await self.db.execute(
            "UPDATE guild_digest SET enabled = 0 WHERE guild_id = ? AND enabled = 1", (guild_id,)
        )
        return cursor.rowcount > 0

    async def enabled(self) -> list[GuildDigest]:
        async with self.db.execute(
            "SELECT guild_id, channel_id, time, timezone, enabled, set_by, last_error, error_notified"
            " FROM guild_digest WHERE enabled = 1 ORDER BY guild_id"
        ) as cursor:
            rows = await cursor.fetchall()
        return [_settings(row) for row in rows]

    async def record_error(self, guild_id: int, error: str | None, *, notified: bool) -> None:
        await self.db.execute(
            "UPDATE guild_digest SET last_error = ?, error_notified = ? WHERE guild_id = ?",
            (error, int(notified), guild_id),
        )

    async def claim(
        self,
        guild_id: int,
        local_date: dt.date,
        channel_id: int,
        *,
        now: dt.datetime,
        lease: dt.timedelta,
    ) -> Claim:
        """Take (server, date) before posting; a stale unconfirmed claim may be taken again."""
        stamp = _stamp(now)
        cursor = await self.db.execute(
            "INSERT INTO digest_log (guild_id, local_date, channel_id, status, updated_at)"
            " VALUES (?, ?, ?, 'claimed', ?) ON CONFLICT DO NOTHING",
            (guild_id, local_date.isoformat(), channel_id, stamp),
        )
        if cursor.rowcount == 1:
            return Claim.NEW
        stale_before = _stamp(now - lease)
        cursor = await self.db.execute(
            "UPDATE digest_log SET updated_at = ? WHERE guild_id = ? AND local_date = ?"
            " AND status = 'claimed' AND updated_at <= ?",
            (stamp, guild_id, local_date.isoformat(), stale_before),
        )
        if cursor.rowcount == 1:
            return Claim.RETRY
        entry = await self.entry(guild_id, local_date)
        return Claim.BUSY if entry is not None and entry.status == "claimed" else Claim.DONE

    async def finish(
        self,
        guild_id: int,
        local_date: dt.date,
        *,
        status: str,
        message_id: int | None = None,
        error: str | None = None,
        now: dt.datetime,
    ) -> None:
        await self.db.execute(
            "UPDATE digest_log SET status = ?, message_id = ?, error = ?, updated_at = ?"
            " WHERE guild_id = ? AND local_date = ?",
            (status, message_id, error, _stamp(now), guild_id, local_date.isoformat()),
        )

    async def last_entry(self, guild_id: int) -> DigestLogEntry | None:
        return await self._entry(
            "SELECT * FROM digest_log WHERE guild_id = ? ORDER BY local_date DESC LIMIT 1",
            (guild_id,),
        )

    async def entry(self, guild_id: int, local_date: dt.date) -> DigestLogEntry | None:
        return await self._entry(
            "SELECT * FROM digest_log WHERE guild_id = ? AND local_date = ?",
            (guild_id, local_date.isoformat()),
        )

    async def _entry(self, sql: str, params: tuple[object, ...]) -> DigestLogEntry | None:
        async with self.db.execute(sql, params) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        guild_id, local_date, channel_id, status, message_id, error, updated_at = row
        return DigestLogEntry(
            guild_id=guild_id,
            local_date=dt.date.fromisoformat(local_date),
            channel_id=channel_id,
            status=status,
            message_id=message_id,
            error=error,
            updated_at=dt.datetime.fromisoformat(updated_at),
        )


def _stamp(moment: dt.datetime) -> str:
    """ISO-8601 UTC with fixed width, so string comparison orders by time."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _settings(row: aiosqlite.Row | tuple[object, ...]) -> GuildDigest:
    guild_id, channel_id, time, timezone, enabled, set_by, last_error, notified = tuple(row)
    return GuildDigest(
        guild_id=int(str(guild_id)),
        channel_id=int(str(channel_id)),
        time=dt.time.fromisoformat(str(time)),
        timezone=str(timezone),
        enabled=bool(enabled),
        set_by=int(str(set_by)) if set_by is not None else None,
        last_error=str(last_error) if last_error is not None else None,
        error_notified=bool(notified),
    )
