from __future__ import annotations

import asyncio

from bot.ratelimit import KeyedLimiter, Pacer


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_limiter_allows_a_burst_then_refills() -> None:
    time = FakeTime()
    limiter = KeyedLimiter(3, 30.0, monotonic=time)
    assert [limiter.take(1)[0] for _ in range(4)] == [True, True, True, False]
    assert limiter.take(2)[0] is True  # other users are unaffected
    allowed, wait = limiter.take(1)
    assert not allowed
    assert 0 < wait <= 10.0
    time.now += 10.0
    assert limiter.take(1)[0] is True


def test_limiter_warns_once_per_limited_stretch() -> None:
    time = FakeTime()
    limiter = KeyedLimiter(1, 10.0, monotonic=time)
    limiter.take(1)
    limiter.take(1)
    assert limiter.should_warn(1) is True
    assert limiter.should_warn(1) is False
    time.now += 10.0
    limiter.take(1)
    limiter.take(1)
    assert limiter.should_warn(1) is True


def test_limiter_memory_is_bounded() -> None:
    limiter = KeyedLimiter(1, 1.0, max_keys=100)
    for key in range(1000):
        limiter.take(key)
    assert len(limiter._buckets) == 100


async def test_pacer_spaces_requests() -> None:
    pacer = Pacer(200.0)
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(*(pacer.wait() for _ in range(11)))
    assert loop.time() - start >= 10 / 200 * 0.9
