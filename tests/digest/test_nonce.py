from __future__ import annotations

import datetime as dt

from bot.digest.nonce import NONCE_MAX, digest_nonce


def test_nonce_is_deterministic_short_and_distinct() -> None:
    day = dt.date(2026, 11, 25)
    first = digest_nonce(1234567890123456789, day)
    assert first == digest_nonce(1234567890123456789, day)
    assert len(first) <= NONCE_MAX
    others = {digest_nonce(g, day + dt.timedelta(days=d)) for g in range(50) for d in range(20)}
    assert len(others) == 1000
