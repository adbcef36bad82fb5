"""Scripted REST failures: the next matching requests get a 429, 5xx, 403 or 404.

Tests arm a fault, then exercise the bot and check it recovers or reports the error
the way it would against Discord.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]


@dataclass
class Fault:
    """One armed fault; `times` counts down as matching requests consume it."""

    kind: str
    method: str
    path_pattern: str
    times: int
    status: int
    body: JSON
    headers: dict[str, str] = field(default_factory=dict)
    hits: int = 0

    def matches(self, method: str, template: str, path: str) -> bool:
        """Match by method ('*' for any) and by route template, concrete path or glob."""
        if self.method not in ("*", method.upper()):
            return False
        pattern = self.path_pattern
        return pattern in (template, path) or fnmatch.fnmatchcase(path, pattern)


class FaultInjector:
    """Holds armed faults in arming order; the first match wins."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self.fired: list[Fault] = []

    def _arm(self, fault: Fault) -> Fault:
        self._faults.append(fault)
        return fault

    def rate_limit(
        self,
        method: str = "*",
        path_pattern: str = "*",
        *,
        times: int = 1,
        retry_after: float = 0.2,
        global_: bool = False,
    ) -> Fault:
        """429 with Via, Retry-After and a JSON body discord.py honours (sleeps, retries)."""
        body: JSON = {
            "message": "You are being rate limited.",
            "retry_after": retry_after,
            "global": global_,
            "code": 0,
        }
        headers = {
            "Via": "1.1 google",
            "Retry-After": str(max(1, round(retry_after))),
            "X-RateLimit-Scope": "global" if global_ else "user",
        }
        if global_:
            headers["X-RateLimit-Global"] = "true"
        return self._arm(Fault("rate_limit", method.upper(), path_pattern, times, 429, body, headers))

    def server_error(self, method: str = "*", path_pattern: str = "*", *, status: int = 502, times: int = 1) -> Fault:
        """A 5xx; discord.py retries 500/502/504/524 after 1, 3, 5... seconds."""
        body: JSON = {"message": "Bad Gateway" if status == 502 else "Server Error", "code": 0}
        return self._arm(Fault("server_error", method.upper(), path_pattern, times, status, body))

    def forbidden(self, method: str = "*", path_pattern: str = "*", *, times: int = 1) -> Fault:
        """403 Missing Permissions (50013), raised by discord.py as Forbidden."""
        body: JSON = {"message": "Missing Permissions", "code": 50013}
        return self._arm(Fault("forbidden", method.upper(), path_pattern, times, 403, body))

    def not_found(self, method: str = "*", path_pattern: str = "*", *, times: int = 1) -> Fault:
        """404 Unknown Channel (10003), raised by discord.py as NotFound."""
        body: JSON = {"message": "Unknown Channel", "code": 10003}
        return self._arm(Fault("not_found", method.upper(), path_pattern, times, 404, body))

    def take(self, method: str, template: str, path: str) -> Fault | None:
        """Consume and return the first armed fault matching this request."""
        for fault in self._faults:
            if fault.times > 0 and fault.matches(method, template, path):
                fault.times -= 1
                fault.hits += 1
                self.fired.append(fault)
                if fault.times == 0:
                    self._faults.remove(fault)
                return fault
        return None

    def pending(self) -> list[Fault]:
        """Faults still armed."""
        return list(self._faults)

    def clear(self) -> None:
        """Disarm everything."""
        self._faults.clear()
