"""Request counters for benchmarks: totals, per route, and the peak one-second rate."""

from __future__ import annotations

import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RequestStats:
    """Counts REST requests and tracks the busiest one-second window seen."""

    total: int = 0
    by_route: Counter[str] = field(default_factory=Counter)
    by_status: Counter[int] = field(default_factory=Counter)
    peak_per_second: int = 0
    _recent: deque[float] = field(default_factory=deque)

    def record(self, route_key: str, status: int) -> None:
        """Count one finished request."""
        now = time.monotonic()
        self.total += 1
        self.by_route[route_key] += 1
        self.by_status[status] += 1
        self._recent.append(now)
        while self._recent and self._recent[0] <= now - 1.0:
            self._recent.popleft()
        self.peak_per_second = max(self.peak_per_second, len(self._recent))

    def snapshot(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "total": self.total,
            "by_route": dict(self.by_route),
            "by_status": {str(k): v for k, v in self.by_status.items()},
            "peak_per_second": self.peak_per_second,
        }
