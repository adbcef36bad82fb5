"""What the emulator remembers about requests and interactions, for tests to inspect."""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field
from typing import Any

from bot.emulator.payloads import LOADING
from bot.emulator.waiting import Changes

JSON = dict[str, Any]

DEFERRED_MESSAGE = 5
DEFERRED_UPDATE = 6
MESSAGE_CALLBACK = 4
UPDATE_MESSAGE = 7


@dataclass
class RequestRecord:
    """One REST request and its answer, for the conformance check and for assertions."""

    method: str
    route: str
    path: str
    query: dict[str, str]
    json: Any
    status: int
    response: Any
    content_type: str | None = None
    fault: str | None = None


@dataclass
class InteractionRecord:
    """An interaction the emulator sent to the bot, and everything the bot answered."""

    id: int
    token: str
    type: int
    application_id: int
    channel_id: int
    guild_id: int | None
    user_id: int
    payload: JSON
    command_name: str | None = None
    source_message: JSON | None = None
    created: float = field(default_factory=time.monotonic)
    answered: float | None = None  # time.monotonic() when the accepted callback arrived
    callback: JSON | None = None
    original: JSON | None = None
    followups: list[JSON] = field(default_factory=list)
    edits: int = 0
    changes: Changes = field(default_factory=Changes)

    async def response(self, timeout: float = 5.0) -> JSON:  # noqa: ASYNC109
        """The first callback body the bot posted ({'type': ..., 'data': ...})."""
        return await self.changes.wait_for(lambda: self.callback, timeout, f"a callback to interaction {self.id}")

    async def final_message(self, timeout: float = 5.0) -> JSON:  # noqa: ASYNC109
        """The message the user ends up seeing: a deferred one only once it is edited."""

        def probe() -> JSON | None:
            if self.callback is None or self.original is None:
                return None
            kind = self.callback.get("type")
            if kind == DEFERRED_MESSAGE and self.original["flags"] & LOADING:
                return None
            if kind == DEFERRED_UPDATE and self.edits == 0:
                return None
            return copy.deepcopy(self.original)

        return await self.changes.wait_for(probe, timeout, f"the final message of {self.id}")

    async def wait_followups(self, count: int = 1, timeout: float = 5.0) -> list[JSON]:  # noqa: ASYNC109
        """Wait until the bot has sent at least `count` follow-ups."""
        return await self.changes.wait_for(
            lambda: list(self.followups) if len(self.followups) >= count else None,
            timeout,
            f"{count} follow-up(s) to interaction {self.id}",
        )

    @property
    def latency(self) -> float | None:
        """Seconds from dispatching the interaction to the bot's callback arriving."""
        return None if self.answered is None else self.answered - self.created

    def choices(self) -> list[JSON] | None:
        """Autocomplete choices, if the bot answered with them."""
        if self.callback is None:
            return None
        data = self.callback.get("data") or {}
        result: list[JSON] = data.get("choices", [])
        return result


class InteractionRegistry:
    """Interactions by id and by token, so callbacks and webhooks find theirs."""

    def __init__(self) -> None:
        self.by_id: dict[int, InteractionRecord] = {}
        self.by_token: dict[str, InteractionRecord] = {}

    def add(self, record: InteractionRecord) -> None:
        """Remember a new interaction."""
        self.by_id[record.id] = record
        self.by_token[record.token] = record

    def all(self) -> list[InteractionRecord]:
        """Every interaction, oldest first."""
        return list(self.by_id.values())
