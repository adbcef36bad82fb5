"""Per-key token buckets: a friendly limit on how fast one user can ask, and a send pacer."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    warned: bool = False


class KeyedLimiter:
    """`capacity` requests per key, refilled at `rate` per second; memory bounded by LRU."""

    def __init__(
        self,
        capacity: int,
        per_seconds: float,
        *,
        max_keys: int = 10_000,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity = capacity
        self.rate = capacity / per_seconds
        self.max_keys = max_keys
        self._now = monotonic
        self._buckets: OrderedDict[int, _Bucket] = OrderedDict()

    def take(self, key: int) -> tuple[bool, float]:
        """(allowed, seconds until the next request would be allowed)."""
        now = self._now()
        bucket = self._buckets.pop(key, None) or _Bucket(float(self.capacity), now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        self._buckets[key] = bucket
        if len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            return True, 0.0
        return False, (1 - bucket.tokens) / self.rate

    def should_warn(self, key: int) -> bool:
        """True once per limited stretch, so a spammer gets one notice, not one per message."""
        bucket = self._buckets.get(key)
        if bucket is None or bucket.warned:
            return False
        bucket.warned = True
        return True


class Pacer:
    """Spaces requests at most `rate` per second (Discord's global budget is 50/s per bot)."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        if not self.interval:
            return
        async with self._lock:
            loop = asyncio.get_running_loop()
            now = loop.time()
            start = max(now, self._next)
            self._next = start + self.interval
            delay = start - now
        if delay > 0:
            await asyncio.sleep(delay)
