"""Discord-like rate limiting: a global per-bot budget and per-route buckets.

Every answer carries X-RateLimit-* headers so discord.py learns the buckets and
pre-emptively waits; a request over budget is refused with a 429 it honours.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class BucketSpec:
    """`limit` requests per `per` seconds, per major parameter (channel, guild, webhook)."""

    limit: int
    per: float


@dataclass
class _Window:
    """A fixed window that opens with its first request, like Discord's buckets."""

    spec: BucketSpec
    opened: float = 0.0
    used: int = 0

    def reset_after(self, now: float) -> float:
        return max(0.0, self.opened + self.spec.per - now)

    def take(self, now: float) -> bool:
        if now >= self.opened + self.spec.per:
            self.opened = now
            self.used = 0
        if self.used >= self.spec.limit:
            return False
        self.used += 1
        return True


@dataclass
class _TokenBucket:
    """The global budget: `rate` requests a second with a one-second burst."""

    rate: float
    tokens: float
    updated: float

    def take(self, now: float) -> float:
        """Consume one token; return 0.0 on success, else seconds until one is available."""
        self.tokens = min(self.rate, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate


@dataclass
class Decision:
    """The limiter's verdict for one request, with the headers to send either way."""

    allowed: bool
    headers: dict[str, str]
    retry_after: float = 0.0
    is_global: bool = False


# Per-route limits Discord documents or observably applies; other routes share DEFAULT.
CHANNEL_MESSAGES = BucketSpec(limit=5, per=5.0)
DEFAULT_BUCKET = BucketSpec(limit=50, per=1.0)


@dataclass
class RateLimiter:
    """Global budget per bot token plus per-route buckets keyed by major parameters."""

    global_rate: float | None = 50.0
    route_specs: dict[str, BucketSpec] = field(
        default_factory=lambda: {"POST /channels/{channel_id}/messages": CHANNEL_MESSAGES}
    )
    default_spec: BucketSpec | None = DEFAULT_BUCKET
    _globals: dict[str, _TokenBucket] = field(default_factory=dict)
    _windows: dict[tuple[str, str], _Window] = field(default_factory=dict)

    def spec_for(self, route_key: str) -> BucketSpec | None:
        """The bucket spec of 'METHOD /template', or the default."""
        return self.route_specs.get(route_key, self.default_spec)

    @staticmethod
    def bucket_hash(route_key: str) -> str:
        """A stable opaque bucket id, like Discord's X-RateLimit-Bucket."""
        return hashlib.sha1(route_key.encode(), usedforsecurity=False).hexdigest()[:16]

    def check(self, *, token: str, route_key: str, major: str, exempt_global: bool) -> Decision:
        """Account one request and decide whether it may proceed."""
        now = time.monotonic()
        headers: dict[str, str] = {}
        spec = self.spec_for(route_key)
        window: _Window | None = None
        if spec is not None:
            bucket = self.bucket_hash(route_key)
            window = self._windows.setdefault((bucket, major), _Window(spec))
            if window.spec != spec:
                window.spec = spec

        if self.global_rate is not None and not exempt_global:
            budget = self._globals.get(token)
            if budget is None:
                budget = _TokenBucket(self.global_rate, self.global_rate, now)
                self._globals[token] = budget
            budget.rate = self.global_rate
            wait = budget.take(now)
            if wait > 0.0:
                headers["X-RateLimit-Global"] = "true"
                headers["X-RateLimit-Scope"] = "global"
                if window is not None:
                    headers.update(self._headers(window, route_key, now))
                return Decision(False, headers, retry_after=round(wait, 3), is_global=True)

        if window is None:
            return Decision(True, headers)
        if not window.take(now):
            headers.update(self._headers(window, route_key, now))
            headers["X-RateLimit-Scope"] = "user"
            return Decision(False, headers, retry_after=round(window.reset_after(now), 3))
        headers.update(self._headers(window, route_key, now))
        return Decision(True, headers)

    def _headers(self, window: _Window, route_key: str, now: float) -> dict[str, str]:
        reset_after = window.reset_after(now)
        return {
            "X-RateLimit-Limit": str(window.spec.limit),
            "X-RateLimit-Remaining": str(max(0, window.spec.limit - window.used)),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": self.bucket_hash(route_key),
        }
