"""Deterministic message nonces: the same (server, day) always sends the same nonce."""

from __future__ import annotations

import datetime as dt
import hashlib

NONCE_MAX = 25  # Discord rejects longer string nonces


def digest_nonce(guild_id: int, day: dt.date) -> str:
    """25 characters at most, so Discord's enforce_nonce can turn a resend into a no-op."""
    digest = hashlib.sha256(f"newsbrief-digest:{guild_id}:{day.isoformat()}".encode()).digest()
    return "d" + digest.hex()[: NONCE_MAX - 1]
