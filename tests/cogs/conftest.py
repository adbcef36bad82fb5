"""End-to-end fixtures: the real bot, over real sockets, in the emulator's demo server.

Every REST exchange is checked against Discord's OpenAPI description when the test ends.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.emulator.conformance import ConformanceChecker, format_violations, spec_path
from bot.testbed import Testbed, running_testbed


@pytest.fixture(scope="session")
def checker() -> ConformanceChecker | None:
    path = spec_path()
    return ConformanceChecker.from_path(path) if path.is_file() else None


@pytest.fixture
async def testbed(tmp_path: Path, checker: ConformanceChecker | None) -> AsyncIterator[Testbed]:
    async with running_testbed(database=tmp_path / "newsbrief.sqlite3") as bed:
        yield bed
        if checker is not None:
            violations = checker.check_log(bed.emulator.request_log)
            if violations:
                pytest.fail("OpenAPI conformance:\n" + format_violations(violations))
