"""Fixtures for the emulator's tests: a running emulator that discord.py points at, a
small world (bot, users, guild, roles, channels), and a connected, synced test bot.

Every REST exchange of a test is checked against Discord's OpenAPI description when the
test ends; a mismatch fails the test with the route and the JSON path.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.emulator import Emulator
from bot.emulator.conformance import ConformanceChecker, format_violations, spec_path
from bot.emulator.redirect import current_endpoints, restore_endpoints
from bot.emulator.testing import running_client, running_emulator

sys.path.insert(0, str(Path(__file__).parent))

from emulator_minibot import MiniBot
from emulator_world import TOKEN, World, build_world


@pytest.fixture(scope="session")
def checker() -> ConformanceChecker | None:
    """The spec checker, or None when ../shared/discord-api-spec is not checked out."""
    path = spec_path()
    return ConformanceChecker.from_path(path) if path.is_file() else None


@pytest.fixture(autouse=True)
def _restore_discord_endpoints() -> Iterator[None]:
    """Whatever a test does, discord.py's class-level endpoints are put back."""
    saved = current_endpoints()
    yield
    restore_endpoints(saved)


@pytest.fixture
async def emu(request: pytest.FixtureRequest, checker: ConformanceChecker | None) -> AsyncIterator[Emulator]:
    """A running emulator with discord.py pointed at it; conformance-checked at the end.

    Options for the Emulator come from indirect parametrization:
    `@pytest.mark.parametrize("emu", [{"global_rate_limit": 5.0}], indirect=True)`.
    """
    options = getattr(request, "param", {})
    async with running_emulator(**options) as emulator:
        yield emulator
        if checker is not None:
            violations = checker.check_log(emulator.request_log)
            if violations:
                pytest.fail("OpenAPI conformance:\n" + format_violations(violations))


@pytest.fixture
def world(emu: Emulator) -> World:
    """Build the standard cast in the emulator."""
    return build_world(emu)


@pytest.fixture
async def bot(emu: Emulator, world: World) -> AsyncIterator[MiniBot]:
    """The test bot, logged in, ready, with commands synced globally and to the guild."""
    client = MiniBot()
    async with running_client(client, TOKEN):
        await client.tree.sync()
        yield client
