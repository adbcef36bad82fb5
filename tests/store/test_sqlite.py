"""The SQLite store: migrations, settings round trip, and exactly-once claims."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store import Claim, GuildDigest, SqliteStore
from bot.store.migrations import MIGRATIONS

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 25)
LEASE = dt.timedelta(minutes=5)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    store = SqliteStore(tmp_path / "data" / "test.sqlite3")
    await store.open()
    yield store
    await store.close()


def settings(guild_id: int = 1, **changes: object) -> GuildDigest:
    base = GuildDigest(guild_id=guild_id, channel_id=10, time=dt.time(9, 0), timezone="Asia/Kolkata", set_by=7)
    return GuildDigest(**{**base.__dict__, **changes})  # type: ignore[arg-type]


async def test_open_creates_the_directory_and_applies_every_migration(store: SqliteStore, tmp_path: Path) -> None:
    assert (tmp_path / "data" / "test.sqlite3").exists()
    assert await store.schema_version() == len(MIGRATIONS)
    assert await store.ping()


async def test_reopening_does_not_migrate_twice(tmp_path: Path) -> None:
    path = tmp_path / "again.sqlite3"
    for _ in range(2):
        store = SqliteStore(path)
        await store.open()
        await store.save(settings())
        assert await store.schema_version() == len(MIGRATIONS)
        await store.close()


async def test_wal_mode_is_on(store: SqliteStore) -> None:
    async with store.db.execute("PRAGMA journal_mode") as cursor:
        row = await cursor.fetchone()
    assert row is not None
    assert row[0] == "wal"


async def test_settings_round_trip_and_update(store: SqliteStore) -> None:
    assert await store.get(1) is None
    await store.save(settings())
    assert await store.get(1) == settings()
    await store.save(settings(channel_id=11, time=dt.time(21, 30), timezone="Europe/London"))
    saved = await store.get(1)
    assert saved is not None
    assert (saved.channel_id, saved.time, saved.timezone) == (
        11,
        dt.time(21, 30),
        "Europe/London",
    )


async def test_disable_keeps_settings_but_drops_from_enabled(store: SqliteStore) -> None:
    await store.save(settings(1))
    await store.save(settings(2))
    assert await store.disable(1) is True
    assert await store.disable(1) is False
    assert [s.guild_id for s in await store.enabled()] == [2]
    kept = await store.get(1)
    assert kept is not None
    assert kept.enabled is False
    assert kept.channel_id == 10


async def test_record_error_is_remembered(store: SqliteStore) -> None:
    await store.save(settings())
    await store.record_error(1, "channel deleted", notified=True)
    saved = await store.get(1)
    assert saved is not None
    assert saved.last_error == "channel deleted"
    assert saved.error_notified


async def test_claim_is_exactly_once(store: SqliteStore) -> None:
    assert await store.claim(1, DAY, 10, now=NOW, lease=LEASE) is Claim.NEW
    assert await store.claim(1, DAY, 10, now=NOW, lease=LEASE) is Claim.BUSY
    assert await store.claim(1, DAY + dt.timedelta(days=1), 10, now=NOW, lease=LEASE) is Claim.NEW
    assert await store.claim(2, DAY, 10, now=NOW, lease=LEASE) is Claim.NEW


async def test_unconfirmed_claim_can_be_retaken_after_the_lease_only(store: SqliteStore) -> None:
    assert await store.claim(1, DAY, 10, now=NOW, lease=LEASE) is Claim.NEW
    assert await store.claim(1, DAY, 10, now=NOW + LEASE / 2, lease=LEASE) is Claim.BUSY
    assert await store.claim(1, DAY, 10, now=NOW + LEASE, lease=LEASE) is Claim.RETRY
    # The retry renewed the lease: a second process cannot take it at the same moment.
    assert await store.claim(1, DAY, 10, now=NOW + LEASE, lease=LEASE) is Claim.BUSY


async def test_finished_claim_is_never_retaken(store: SqliteStore) -> None:
    await store.claim(1, DAY, 10, now=NOW, lease=LEASE)
    await store.finish(1, DAY, status="sent", message_id=99, now=NOW)
    assert await store.claim(1, DAY, 10, now=NOW + dt.timedelta(hours=3), lease=LEASE) is Claim.DONE
    entry = await store.entry(1, DAY)
    assert entry is not None
    assert (entry.status, entry.message_id) == ("sent", 99)


async def test_last_entry_is_the_latest_date(store: SqliteStore) -> None:
    assert await store.last_entry(1) is None
    for offset in (0, 2, 1):
        day = DAY + dt.timedelta(days=offset)
        await store.claim(1, day, 10, now=NOW, lease=LEASE)
    await store.finish(1, DAY + dt.timedelta(days=2), status="failed", error="gone", now=NOW)
    last = await store.last_entry(1)
    assert last is not None
    assert last.local_date == DAY + dt.timedelta(days=2)
    assert last.error == "gone"


async def test_closed_store_is_not_ready() -> None:
    store = SqliteStore(":memory:")
    assert await store.ping() is False
    await store.open()
    assert await store.ping() is True
    await store.close()
    with pytest.raises(RuntimeError, match="not open"):
        await store.get(1)
