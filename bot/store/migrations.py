"""Versioned schema: each step runs once, in order, recorded in `schema_version`."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: settings and the per-day log that makes posting exactly-once.
    """
    CREATE TABLE guild_digest (
        guild_id       INTEGER PRIMARY KEY,
        channel_id     INTEGER NOT NULL,
        time           TEXT    NOT NULL,
        timezone       TEXT    NOT NULL,
        enabled        INTEGER NOT NULL DEFAULT 1,
        set_by         INTEGER,
        last_error     TEXT,
        error_notified INTEGER NOT NULL DEFAULT 0,
        updated_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    CREATE TABLE digest_log (
        guild_id    INTEGER NOT NULL,
        local_date  TEXT    NOT NULL,
        channel_id  INTEGER NOT NULL,
        status      TEXT    NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
        message_id  INTEGER,
        error       TEXT,
        updated_at  TEXT    NOT NULL,
        PRIMARY KEY (guild_id, local_date)
    );
    CREATE INDEX digest_log_recent ON digest_log (guild_id, updated_at);
    """,
)
