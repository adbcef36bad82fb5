"""Persistence for per-server digest settings and the log of digests posted."""

from bot.store.base import Claim, DigestLogEntry, DigestStore, GuildDigest
from bot.store.sqlite import SqliteStore

__all__ = ["Claim", "DigestLogEntry", "DigestStore", "GuildDigest", "SqliteStore"]
